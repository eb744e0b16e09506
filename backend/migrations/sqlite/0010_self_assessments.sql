-- Factory self-assessments (issue 13): a factory manager answers the current published
-- checklist (whole or chosen clusters) about their own factory. These tables are the
-- factory's own: nothing here is published or read by the industry figures.

-- One self-assessment. `clusters` is the chosen cluster codes as a JSON array, in checklist
-- order. The scores (`scores`, JSON: cluster scores, critical issues and point results) and
-- the overall rate are computed once, at completion.
create table self_assessments (
    id integer primary key,
    factory_id integer not null references factories (id),
    checklist_version_id integer not null references checklist_versions (id),
    clusters text not null,
    status text not null check (status in ('in_progress', 'completed')),
    started_by integer not null references users (id),
    started_at integer not null,
    completed_by integer references users (id),
    completed_at integer,
    scores text,
    non_compliance_rate real
);
create index self_assessments_factory on self_assessments (factory_id, id);
-- At most one self-assessment in progress per factory.
create unique index self_assessments_one_in_progress on self_assessments (factory_id)
    where status = 'in_progress';

-- One row per answered question. `changed_at` is the browser's time of the change (ms): the
-- latest change wins, so a queue replayed after a lost connection is applied once.
create table self_assessment_answers (
    self_assessment_id integer not null references self_assessments (id),
    question_id integer not null references checklist_questions (id),
    choice text check (choice in ('compliant', 'non_compliant', 'not_applicable')),
    value text not null default '',
    note text not null default '',
    changed_at integer not null,
    saved_by integer not null references users (id),
    saved_at integer not null,
    primary key (self_assessment_id, question_id)
);

-- Which organisations a completed self-assessment is shared with. Append-only in spirit: a
-- revocation fills the revoked columns, sharing again is a new row.
create table self_assessment_shares (
    id integer primary key,
    self_assessment_id integer not null references self_assessments (id),
    organisation_id integer not null references organisations (id),
    shared_by integer not null references users (id),
    shared_at integer not null,
    revoked_by integer references users (id),
    revoked_at integer
);
create unique index self_assessment_shares_standing
    on self_assessment_shares (self_assessment_id, organisation_id) where revoked_at is null;
create index self_assessment_shares_organisation on self_assessment_shares (organisation_id);

-- The grants ledger also records each sharing and unsharing of a self-assessment under the
-- organisation's grant. SQLite cannot change a check constraint in place: the table is
-- rebuilt (nothing references it).
create table factory_access_grant_events_new (
    id integer primary key,
    grant_id integer not null references factory_access_grants (id),
    event text not null check (event in ('granted', 'revoked', 'self_assessment_shared',
        'self_assessment_unshared')),
    actor_user_id integer references users (id),
    occurred_at integer not null,
    self_assessment_id integer references self_assessments (id)
);
insert into factory_access_grant_events_new (id, grant_id, event, actor_user_id, occurred_at)
select id, grant_id, event, actor_user_id, occurred_at from factory_access_grant_events;
drop table factory_access_grant_events;
alter table factory_access_grant_events_new rename to factory_access_grant_events;
create index factory_access_grant_events_grant on factory_access_grant_events (grant_id);
