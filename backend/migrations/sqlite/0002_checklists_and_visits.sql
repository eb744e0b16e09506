-- Versioned checklists, visits with their facts and answers, the review history, the scores
-- stored at publication, non-cooperation records and the email outbox.

-- A version is immutable once published: visits point at the exact version they used.
create table checklist_versions (
    id integer primary key,
    label text not null unique,
    published_at integer,
    created_by integer references users (id),
    created_at integer not null
);

create table checklist_clusters (
    id integer primary key,
    version_id integer not null references checklist_versions (id),
    code text not null,
    position integer not null,
    scored integer not null check (scored in (0, 1)),
    name_en text not null,
    name_km text not null default '',
    name_zh text not null default '',
    unique (version_id, code)
);

create table checklist_points (
    id integer primary key,
    version_id integer not null references checklist_versions (id),
    cluster_id integer not null references checklist_clusters (id),
    code text not null,
    position integer not null,
    name_en text not null,
    name_km text not null default '',
    name_zh text not null default '',
    unique (version_id, code)
);

create table checklist_questions (
    id integer primary key,
    version_id integer not null references checklist_versions (id),
    point_id integer not null references checklist_points (id),
    code text not null,
    position integer not null,
    kind text not null check (kind in ('yes_no', 'number', 'text')),
    text_en text not null,
    text_km text not null default '',
    text_zh text not null default '',
    legal_reference text not null default '',
    guidance text not null default '',
    critical_issue integer check (critical_issue between 1 and 21),
    publicly_reported integer not null default 0 check (publicly_reported in (0, 1)),
    unique (version_id, code)
);
create index checklist_questions_point on checklist_questions (point_id);

-- Days after publication before authorised third parties may see a report.
alter table factories add column third_party_delay_days integer not null default 5
    check (third_party_delay_days between 0 and 365);

create table visits (
    id integer primary key,
    factory_id integer not null references factories (id),
    checklist_version_id integer not null references checklist_versions (id),
    visit_type text not null check (visit_type in ('assessment', 'follow_up', 'remediation',
                                                   'observation', 'special_check')),
    announced integer not null check (announced in (0, 1)),
    start_date text not null,
    end_date text not null,
    lead_monitor_id integer not null references users (id),
    second_monitor_id integer references users (id),
    status text not null default 'draft' check (status in ('draft', 'submitted', 'returned',
                                                           'approved', 'published')),
    gate_wait_minutes integer,
    workers_interviewed integer,
    managers_interviewed integer,
    union_reps_interviewed integer,
    outcome text check (outcome in ('completed', 'non_cooperation')),
    non_cooperation_details text not null default '',
    published_at integer,
    third_party_visible_from integer,
    paper_copy_posted_at integer,
    created_at integer not null,
    updated_at integer not null,
    constraint visits_two_different_monitors check (second_monitor_id <> lead_monitor_id)
);
create index visits_factory on visits (factory_id, start_date);
create index visits_status on visits (status);

create table visit_measurements (
    id integer primary key,
    visit_id integer not null references visits (id),
    position integer not null,
    kind text not null check (kind in ('noise_db', 'light_lux', 'temperature_c')),
    location text not null,
    value real not null
);
create index visit_measurements_visit on visit_measurements (visit_id);

create table visit_documents (
    id integer primary key,
    visit_id integer not null references visits (id),
    position integer not null,
    name text not null,
    requested_on text not null,
    due_on text not null,
    received_on text
);
create index visit_documents_visit on visit_documents (visit_id);

-- One row per answered question. `changed_at` is the tablet's time of the change (ms): the
-- latest change wins, so a queue replayed after a lost connection is applied once.
create table answers (
    visit_id integer not null references visits (id),
    question_id integer not null references checklist_questions (id),
    choice text check (choice in ('compliant', 'non_compliant', 'not_applicable')),
    value text not null default '',
    finding text not null default '',
    suggestion text not null default '',
    changed_at integer not null,
    saved_by integer not null references users (id),
    saved_at integer not null,
    primary key (visit_id, question_id)
);

-- Append-only: each workflow step is a row, never updated.
create table visit_transitions (
    id integer primary key,
    visit_id integer not null references visits (id),
    from_status text,
    to_status text not null,
    actor_user_id integer not null references users (id),
    reason text not null default '',
    occurred_at integer not null
);
create index visit_transitions_visit on visit_transitions (visit_id, id);

-- Scores computed once, at publication, so later checklist versions never change them.
create table visit_point_results (
    visit_id integer not null references visits (id),
    point_id integer not null references checklist_points (id),
    non_compliant integer not null check (non_compliant in (0, 1)),
    primary key (visit_id, point_id)
);

create table visit_cluster_scores (
    visit_id integer not null references visits (id),
    cluster_id integer not null references checklist_clusters (id),
    points_assessed integer not null,
    points_non_compliant integer not null,
    non_compliance_rate real,
    primary key (visit_id, cluster_id)
);

create table visit_critical_issues (
    visit_id integer not null references visits (id),
    critical_issue integer not null check (critical_issue between 1 and 21),
    primary key (visit_id, critical_issue)
);

create table non_cooperation_reports (
    id integer primary key,
    visit_id integer not null unique references visits (id),
    factory_id integer not null references factories (id),
    details text not null,
    recorded_by integer not null references users (id),
    recorded_at integer not null
);

-- Every email the system writes. Without SMTP settings messages stay `held` here for
-- administrators to read; with them, each is `sent` or `failed` with the server's answer.
create table outbox_messages (
    id integer primary key,
    factory_id integer references factories (id),
    visit_id integer references visits (id),
    to_address text not null,
    subject text not null,
    body text not null,
    delivery text not null check (delivery in ('held', 'sent', 'failed')),
    error text,
    created_at integer not null,
    sent_at integer
);
create index outbox_messages_created on outbox_messages (created_at);
