-- Ministry staff become users: the role `government_reader` reads the reports of
-- non-cooperation sent to the ministries and the published industry figures.
--
-- SQLite cannot change a check constraint in place, so `users` is rebuilt with the same
-- columns, ids and constraints. `Db::migrate` runs SQLite migrations with foreign keys off and
-- checks every reference afterwards, as SQLite's documentation prescribes for a rebuild: the
-- drop then neither cascades nor scans the fifty referencing tables. Should foreign keys be on
-- all the same, they are deferred to the commit, which fails if a reference is left dangling.
-- Sessions reference users with a cascade: they are kept aside and put back either way.
PRAGMA defer_foreign_keys = ON;

create temporary table users_kept as select * from users;
create temporary table sessions_kept as select * from sessions;
delete from sessions;

drop table users;

create table users (
    id integer primary key,
    username text not null unique,
    display_name text not null,
    email text,
    role text not null check (role in ('administrator', 'monitor', 'approver', 'trainer',
                                       'factory_manager', 'buyer', 'union_representative',
                                       'government_reader')),
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

insert into users (id, username, display_name, email, role, password_hash,
                   must_change_password, factory_id, organisation_id, created_at, updated_at)
select id, username, display_name, email, role, password_hash,
       must_change_password, factory_id, organisation_id, created_at, updated_at
from users_kept;

insert into sessions (token_hash, user_id, csrf_token, created_at, expires_at)
select token_hash, user_id, csrf_token, created_at, expires_at from sessions_kept;

drop table users_kept;
drop table sessions_kept;
