-- Organisations, factories, users, sessions, login attempts and the audit trail.
-- Conventions (both databases): lowercase SQL; times are Unix seconds in integer columns;
-- yes/no flags are integers 0/1; never edit a migration that has been applied.

create table organisations (
    id integer primary key,
    name text not null unique,
    kind text not null check (kind in ('buyer', 'vendor', 'head_office', 'union')),
    created_at integer not null
);

-- Imported records often lack the registration number, workforce or union presence:
-- unknown facts stay null rather than being guessed.
create table factories (
    id integer primary key,
    name text not null,
    local_name text,
    registration_number text unique,
    osh_id text unique,
    address text not null default '',
    province text not null,
    latitude real,
    longitude real,
    product_type text not null check (product_type in ('garment', 'footwear', 'travel_goods_and_bags')),
    ownership_country text,
    export_licence text,
    total_workers integer check (total_workers >= 0),
    women_share_percent real check (women_share_percent between 0 and 100),
    union_presence integer check (union_presence in (0, 1)),
    contact_email text,
    needs_paper_copy integer not null default 0 check (needs_paper_copy in (0, 1)),
    status text not null default 'active' check (status in ('active', 'suspended', 'closed')),
    created_at integer not null,
    updated_at integer not null
);
create index factories_province on factories (province);
create index factories_status on factories (status);

create table users (
    id integer primary key,
    username text not null unique,
    display_name text not null,
    email text,
    role text not null check (role in ('administrator', 'monitor', 'approver', 'trainer',
                                       'factory_manager', 'buyer', 'union_representative')),
    password_hash text not null,
    must_change_password integer not null default 0 check (must_change_password in (0, 1)),
    factory_id integer references factories (id),
    organisation_id integer references organisations (id),
    created_at integer not null,
    updated_at integer not null,
    constraint users_factory_manager_has_factory
        check (role <> 'factory_manager' or factory_id is not null),
    constraint users_outsider_has_organisation
        check (role not in ('buyer', 'union_representative') or organisation_id is not null)
);

-- Only a hash of the session token is stored: a copy of the database opens no session.
create table sessions (
    token_hash text primary key,
    user_id integer not null references users (id) on delete cascade,
    csrf_token text not null,
    created_at integer not null,
    expires_at integer not null
);
create index sessions_user_id on sessions (user_id);
create index sessions_expires_at on sessions (expires_at);

create table login_attempts (
    id integer primary key,
    username text not null,
    client_address text not null,
    succeeded integer not null check (succeeded in (0, 1)),
    attempted_at integer not null
);
create index login_attempts_username on login_attempts (username, attempted_at);
create index login_attempts_client_address on login_attempts (client_address, attempted_at);

-- Append-only record of account administration: who did what to whom, and when.
create table audit_events (
    id integer primary key,
    actor_user_id integer references users (id),
    action text not null,
    subject_user_id integer references users (id),
    occurred_at integer not null
);
create index audit_events_subject on audit_events (subject_user_id, occurred_at);
