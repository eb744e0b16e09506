-- A factory's short public response to a finding the public site discloses (a non-compliant
-- critical-issue or publicly reported question of a published report). The site shows the
-- latest response per finding; a new one replaces it there, and rows are never updated.
create table public_responses (
    id integer primary key,
    factory_id integer not null references factories (id),
    visit_id integer not null references visits (id),
    question_code text not null,
    statement text not null,
    posted_by integer not null references users (id),
    posted_at integer not null
);
create index public_responses_visit on public_responses (visit_id, question_code, id);

-- A monitor's check of one response at a later visit of the factory: verified or not, with
-- what was seen. One per response.
create table public_response_checks (
    id integer primary key,
    response_id integer not null unique references public_responses (id),
    outcome text not null check (outcome in ('verified', 'not_verified')),
    note text not null,
    checked_by integer not null references users (id),
    checking_visit_id integer not null references visits (id),
    checked_at integer not null
);
