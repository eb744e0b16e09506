-- Corrective action plans and union / accredited third-party concerns (issue 6).

-- What a factory does about one non-compliant finding of a published report (the finding is
-- the report's answer to `question_code`). The current status and the monitor's
-- verification are kept on the row for reading; every change is also an event below.
create table corrective_actions (
    id integer primary key,
    visit_id integer not null references visits (id),
    factory_id integer not null references factories (id),
    question_code text not null,
    description text not null,
    responsible text not null,
    -- ISO date.
    target_date text not null,
    status text not null check (status in ('planned', 'in_progress', 'done')),
    created_by integer not null references users (id),
    created_at integer not null,
    updated_at integer not null,
    verification text check (verification in ('verified', 'not_verified')),
    verification_note text not null default '',
    verified_by integer references users (id),
    verified_at integer,
    -- The later visit of the factory during which the monitor checked the action.
    verified_at_visit_id integer references visits (id)
);
create index corrective_actions_visit on corrective_actions (visit_id, question_code);

-- Append-only: the action posted, each update (comment, optional new status) and each
-- verification, with who and when.
create table corrective_action_events (
    id integer primary key,
    action_id integer not null references corrective_actions (id),
    kind text not null check (kind in ('created', 'update', 'verified', 'not_verified')),
    comment text not null default '',
    status text check (status in ('planned', 'in_progress', 'done')),
    visit_id integer references visits (id),
    actor_user_id integer not null references users (id),
    occurred_at integer not null
);
create index corrective_action_events_action on corrective_action_events (action_id, id);

-- A concern a union representative raises about a factory. Only programme staff and the
-- submitter see it until it is verified; the submitter is never shown to the factory or
-- buyers. `reviewed_on` (ISO date, Cambodia) is what the visit flag compares visits with.
create table concerns (
    id integer primary key,
    factory_id integer not null references factories (id),
    category text not null check (category in ('freedom_of_association', 'wages',
        'working_hours', 'safety_and_health', 'discrimination', 'forced_labour',
        'child_labour', 'other')),
    description text not null,
    submitted_by integer not null references users (id),
    organisation_id integer references organisations (id),
    submitted_at integer not null,
    status text not null default 'submitted'
        check (status in ('submitted', 'verified', 'not_verified')),
    review_note text not null default '',
    reviewed_by integer references users (id),
    reviewed_at integer,
    reviewed_on text
);
create index concerns_factory on concerns (factory_id, status);
create index concerns_submitter on concerns (submitted_by);

create table concern_events (
    id integer primary key,
    concern_id integer not null references concerns (id),
    event text not null check (event in ('submitted', 'verified', 'not_verified')),
    note text not null default '',
    actor_user_id integer not null references users (id),
    occurred_at integer not null
);
create index concern_events_concern on concern_events (concern_id);
