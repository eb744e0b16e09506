-- What a trainer who joined a clarification meeting found the factory needs: the compliance
-- points at issue, their root causes, the courses and actions recommended. Rows are never
-- updated: a later assessment of the same meeting is a new row, and the latest counts.
create table training_needs_assessments (
    id integer primary key,
    meeting_id integer not null references clarification_meetings (id),
    factory_id integer not null references factories (id),
    root_causes text not null,
    recommended_actions text not null default '',
    assessed_by integer not null references users (id),
    assessed_at integer not null
);
create index training_needs_assessments_factory on training_needs_assessments (factory_id, id);

create table training_needs_points (
    assessment_id integer not null references training_needs_assessments (id),
    point_code text not null,
    primary key (assessment_id, point_code)
);

create table training_needs_courses (
    assessment_id integer not null references training_needs_assessments (id),
    course_id integer not null references training_courses (id),
    primary key (assessment_id, course_id)
);

-- The factory's improvement plan: actions on compliance points a session it attended covered,
-- or that a needs assessment found. As for corrective actions, the current status and the
-- monitor's verification at a later visit are kept on the row for reading, and every change is
-- also an event below.
create table training_plan_actions (
    id integer primary key,
    factory_id integer not null references factories (id),
    session_id integer references training_sessions (id),
    needs_assessment_id integer references training_needs_assessments (id),
    point_code text not null,
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
    verified_at_visit_id integer references visits (id),
    check ((session_id is null) <> (needs_assessment_id is null))
);
create index training_plan_actions_factory on training_plan_actions (factory_id, id);

-- Append-only: the action posted, each update (comment, optional new status) and each
-- verification, with who and when.
create table training_plan_action_events (
    id integer primary key,
    action_id integer not null references training_plan_actions (id),
    kind text not null check (kind in ('created', 'update', 'verified', 'not_verified')),
    comment text not null default '',
    status text check (status in ('planned', 'in_progress', 'done')),
    visit_id integer references visits (id),
    actor_user_id integer not null references users (id),
    occurred_at integer not null
);
create index training_plan_action_events_action on training_plan_action_events (action_id, id);

-- Whether training changed compliance reads the results of a course's points across every
-- published assessment.
create index visit_point_results_point on visit_point_results (point_id, visit_id, non_compliant);
