-- What the trainer records after a session: held (with who attended and the outcomes) or
-- cancelled. Rows are never updated: a correction is a new report, and the latest counts.
create table training_session_reports (
    id integer primary key,
    session_id integer not null references training_sessions (id),
    status text not null check (status in ('held', 'cancelled')),
    notes text not null default '',
    reported_by integer not null references users (id),
    reported_at integer not null
);
create index training_session_reports_session on training_session_reports (session_id, id);

-- Who attended, per factory, audience group and sex.
create table training_attendance (
    report_id integer not null references training_session_reports (id),
    factory_id integer not null references factories (id),
    audience text not null,
    women integer not null,
    men integer not null,
    primary key (report_id, factory_id, audience)
);

-- Per audience group: average pre- and post-test scores (0-100) and the participants'
-- evaluation of the session (1-5), each when measured.
create table training_outcomes (
    report_id integer not null references training_session_reports (id),
    audience text not null,
    pre_test real,
    post_test real,
    evaluation real,
    primary key (report_id, audience)
);
