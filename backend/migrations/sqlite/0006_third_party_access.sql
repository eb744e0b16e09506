-- Third-party access (issue 6): the digital third-party access form, the organisations'
-- paid subscriptions, and the ledger of who read which report.

-- Who granted or revoked a factory's access grant. A grant revoked and granted again keeps
-- its row; every change is also an event below.
alter table factory_access_grants add column granted_by integer references users (id);
alter table factory_access_grants add column revoked_by integer references users (id);

create table factory_access_grant_events (
    id integer primary key,
    grant_id integer not null references factory_access_grants (id),
    event text not null check (event in ('granted', 'revoked')),
    actor_user_id integer references users (id),
    occurred_at integer not null
);
create index factory_access_grant_events_grant on factory_access_grant_events (grant_id);

-- An organisation's subscription to one factory's reports, recorded by administrators.
-- Dates are ISO text in Cambodia's calendar, both days included. The fee is in US cents.
create table organisation_subscriptions (
    id integer primary key,
    organisation_id integer not null references organisations (id),
    factory_id integer not null references factories (id),
    fee_cents integer not null check (fee_cents >= 0),
    starts_on text not null,
    ends_on text not null,
    paid integer not null check (paid in (0, 1)),
    recorded_by integer references users (id),
    created_at integer not null,
    updated_at integer not null,
    check (ends_on >= starts_on)
);
create index organisation_subscriptions_access
    on organisation_subscriptions (organisation_id, factory_id, ends_on);

-- Each time a third party opened one of a factory's reports: the factory's access ledger.
create table report_access_log (
    id integer primary key,
    factory_id integer not null references factories (id),
    visit_id integer not null references visits (id),
    organisation_id integer not null references organisations (id),
    user_id integer not null references users (id),
    viewed_at integer not null
);
create index report_access_log_factory on report_access_log (factory_id, viewed_at);
