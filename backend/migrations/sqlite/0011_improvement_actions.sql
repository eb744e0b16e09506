-- Improvement actions: what a factory decides to do about a non-compliant point of its own
-- self-assessment. Kept apart from corrective actions (which answer a published report's
-- finding and are verified by monitors) and listed beside them as "self-identified".
create table improvement_actions (
    id integer primary key,
    self_assessment_id integer not null references self_assessments (id),
    factory_id integer not null references factories (id),
    question_code text not null,
    description text not null,
    responsible text not null,
    -- ISO date.
    target_date text not null,
    status text not null check (status in ('planned', 'in_progress', 'done')),
    created_by integer not null references users (id),
    created_at integer not null,
    updated_at integer not null
);
create index improvement_actions_factory on improvement_actions (factory_id, id);

-- Append-only: the action posted and each update (comment, optional new status).
create table improvement_action_events (
    id integer primary key,
    action_id integer not null references improvement_actions (id),
    kind text not null check (kind in ('created', 'update')),
    comment text not null default '',
    status text check (status in ('planned', 'in_progress', 'done')),
    actor_user_id integer not null references users (id),
    occurred_at integer not null
);
create index improvement_action_events_action on improvement_action_events (action_id, id);
