-- Ministry staff become users: the role `government_reader` reads the reports of
-- non-cooperation sent to the ministries and the published industry figures.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
    check (role in ('administrator', 'monitor', 'approver', 'trainer', 'factory_manager',
                    'buyer', 'union_representative', 'government_reader'));
