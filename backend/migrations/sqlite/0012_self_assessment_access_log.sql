-- The factory's access ledger also records each time an organisation it shared a
-- self-assessment with opened it. Kept beside report_access_log (whose visit is required);
-- the ledger read lists both, newest first.
create table self_assessment_access_log (
    id integer primary key,
    factory_id integer not null references factories (id),
    self_assessment_id integer not null references self_assessments (id),
    organisation_id integer not null references organisations (id),
    user_id integer not null references users (id),
    viewed_at integer not null
);
create index self_assessment_access_log_factory
    on self_assessment_access_log (factory_id, viewed_at);
-- Whether this reader already has a recent line for this self-assessment (cluster reads).
create index self_assessment_access_log_reader
    on self_assessment_access_log (self_assessment_id, user_id, viewed_at);
