-- Visit planning: visits planned for a team in a date range, and the compliance points a
-- partial visit (a special check or a scoped follow-up) covers. Planned visits are never
-- shown to factories: visits are unannounced.

create table planned_visits (
    id integer primary key,
    factory_id integer not null references factories (id),
    visit_type text not null check (visit_type in ('assessment', 'follow_up', 'special_check')),
    -- ISO dates, inclusive: the visit starts on a day in this window.
    starts_on text not null,
    ends_on text not null,
    lead_monitor_id integer not null references users (id),
    second_monitor_id integer references users (id),
    note text not null default '',
    -- The current state, kept for reading; every change is also an event below.
    status text not null default 'planned' check (status in ('planned', 'started', 'cancelled')),
    -- The visit opened from this plan.
    visit_id integer unique references visits (id),
    planned_by integer not null references users (id),
    planned_at integer not null,
    constraint planned_visits_two_different_monitors check (second_monitor_id <> lead_monitor_id)
);
create index planned_visits_factory on planned_visits (factory_id, status);
create index planned_visits_window on planned_visits (status, starts_on);

-- The compliance points (codes, stable across checklist versions) a planned partial visit
-- covers; none for the whole checklist.
create table planned_visit_points (
    planned_visit_id integer not null references planned_visits (id),
    point_code text not null,
    primary key (planned_visit_id, point_code)
);

-- Append-only: planned, started (with the visit) and cancelled (with why), with who and when.
create table planned_visit_events (
    id integer primary key,
    planned_visit_id integer not null references planned_visits (id),
    event text not null check (event in ('planned', 'started', 'cancelled')),
    reason text not null default '',
    visit_id integer references visits (id),
    actor_user_id integer not null references users (id),
    occurred_at integer not null
);
create index planned_visit_events_plan on planned_visit_events (planned_visit_id, id);

-- The compliance points a partial visit covers; a visit without rows covers the whole
-- checklist. Set when the visit is opened and never changed.
create table visit_scope_points (
    visit_id integer not null references visits (id),
    point_code text not null,
    primary key (visit_id, point_code)
);
