-- The training unit's catalogue: a course in three languages, whom it is for, how it is given
-- and how long it takes.
create table training_courses (
    id integer primary key,
    title_en text not null,
    title_km text not null default '',
    title_zh text not null default '',
    description_en text not null default '',
    description_km text not null default '',
    description_zh text not null default '',
    audience text not null check (audience in ('managers', 'supervisors', 'hr', 'worker_representatives', 'osh_committee')),
    format text not null check (format in ('classroom', 'on_site', 'online')),
    hours integer not null,
    created_by integer not null references users (id),
    created_at integer not null
);

-- The clusters and compliance points a course addresses (codes of the checklist).
create table training_course_topics (
    course_id integer not null references training_courses (id),
    code text not null,
    primary key (course_id, code)
);

-- A session of a course: when, where (or online), by whom, for how many.
create table training_sessions (
    id integer primary key,
    course_id integer not null references training_courses (id),
    starts_on text not null,
    ends_on text not null,
    venue text not null default '',
    online integer not null default 0,
    trainers text not null,
    capacity integer not null,
    status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
    created_by integer not null references users (id),
    created_at integer not null
);

-- The factories invited to a session, by whom and when.
create table training_invitations (
    session_id integer not null references training_sessions (id),
    factory_id integer not null references factories (id),
    invited_by integer not null references users (id),
    invited_at integer not null,
    primary key (session_id, factory_id)
);
create index training_invitations_factory on training_invitations (factory_id);

-- What an invited factory enrolled: participants per audience group and sex (no names). A
-- factory's new enrolment replaces its groups; the invitation keeps when it last changed.
create table training_enrolments (
    session_id integer not null references training_sessions (id),
    factory_id integer not null references factories (id),
    audience text not null check (audience in ('managers', 'supervisors', 'hr', 'worker_representatives', 'osh_committee')),
    women integer not null,
    men integer not null,
    enrolled_by integer not null references users (id),
    enrolled_at integer not null,
    primary key (session_id, factory_id, audience)
);
