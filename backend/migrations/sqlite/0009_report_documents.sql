-- Published reports as immutable documents.

-- Every version of every published report, whole, as readers see it: written once at
-- publication and at each amendment, never updated. `sha256` is the SHA-256 of
-- `previous_sha256`, a newline and `document` (canonical JSON); `previous_sha256` is the hash
-- of the factory's document stored before it ('' for its first), so the documents of one
-- factory form a chain. The unique index refuses a fork of that chain.
create table report_documents (
    id integer primary key,
    visit_id integer not null references visits (id),
    factory_id integer not null references factories (id),
    version_number integer not null check (version_number >= 1),
    kind text not null check (kind in ('published', 'objection', 'correction')),
    reason text not null,
    question_code text,
    created_by integer references users (id),
    created_at integer not null,
    -- Copies of the document's dates, for filtering in SQL; the chain check compares them.
    published_at integer not null,
    third_party_visible_from integer not null,
    objection_deadline text,
    document text not null,
    sha256 text not null,
    previous_sha256 text not null,
    unique (visit_id, version_number)
);
create unique index report_documents_chain on report_documents (factory_id, previous_sha256);
create index report_documents_factory on report_documents (factory_id, id);

-- The industry's current average per cluster (each factory's latest assessment), refreshed
-- with the latest-assessment copies: a report read shows it beside the average at publication.
create table industry_cluster_averages (
    cluster_code text primary key,
    factories integer not null,
    mean_rate real
);
insert into industry_cluster_averages (cluster_code, factories, mean_rate)
select cluster_code, count(*), avg(non_compliance_rate) from latest_cluster_scores group by cluster_code;
