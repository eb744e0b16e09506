-- The closing meeting at the end of a visit, recorded by a monitor of the team and printed to
-- leave with the factory's management. Append-only: a correction is recorded again, the
-- latest row is the one shown. The documents requested at that moment are kept as announced
-- (JSON list of name, requested_on, due_on, received_on), since the visit's facts change later.
create table visit_closing_meetings (
    id integer primary key,
    visit_id integer not null references visits (id),
    -- ISO date.
    held_on text not null,
    attendees text not null,
    summary text not null,
    next_steps text not null,
    documents text not null,
    recorded_by integer not null references users (id),
    recorded_at integer not null
);
create index visit_closing_meetings_visit on visit_closing_meetings (visit_id, id);
