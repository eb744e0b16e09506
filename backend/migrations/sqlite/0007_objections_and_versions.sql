-- Objections, amendments with version history, and clarification meetings (issue 6).

-- Every version of a published report. Version 1 is the report as published; it is written
-- when the report is first amended (until then the stored answers and scores are it). Each
-- version keeps what it said (findings and scores, as JSON) so that old ones stay readable.
create table report_versions (
    id integer primary key,
    visit_id integer not null references visits (id),
    number integer not null check (number >= 1),
    kind text not null check (kind in ('published', 'objection', 'correction')),
    reason text not null,
    question_code text,
    created_by integer references users (id),
    created_at integer not null,
    snapshot text not null,
    unique (visit_id, number)
);

-- One submission of a factory's objection to one or more findings.
create table objections (
    id integer primary key,
    visit_id integer not null references visits (id),
    submitted_by integer not null references users (id),
    submitted_at integer not null
);
create index objections_visit on objections (visit_id);

-- One objected finding with its review: who decided, when and why, and the version an
-- upheld objection created.
create table objection_items (
    id integer primary key,
    objection_id integer not null references objections (id),
    visit_id integer not null references visits (id),
    question_code text not null,
    reason text not null,
    status text not null default 'pending' check (status in ('pending', 'upheld', 'rejected')),
    decision_reason text not null default '',
    decided_by integer references users (id),
    decided_at integer,
    version_number integer
);
create index objection_items_visit on objection_items (visit_id);
create index objection_items_status on objection_items (status);

-- A factory's request for a clarification meeting about a report, its scheduling and its
-- outcome. The current state is on the row; every step is also an event below.
create table clarification_meetings (
    id integer primary key,
    visit_id integer not null references visits (id),
    status text not null default 'requested' check (status in ('requested', 'scheduled', 'held')),
    topic text not null,
    requested_by integer not null references users (id),
    requested_at integer not null,
    scheduled_for text,
    place text not null default '',
    scheduled_by integer references users (id),
    scheduled_at integer,
    outcome text not null default '',
    outcome_by integer references users (id),
    outcome_at integer
);
create index clarification_meetings_visit on clarification_meetings (visit_id);

create table clarification_meeting_events (
    id integer primary key,
    meeting_id integer not null references clarification_meetings (id),
    event text not null check (event in ('requested', 'scheduled', 'held')),
    actor_user_id integer not null references users (id),
    occurred_at integer not null,
    details text not null
);
create index clarification_meeting_events_meeting on clarification_meeting_events (meeting_id);
