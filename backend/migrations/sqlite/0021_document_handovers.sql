-- A factory's manager says a document the monitors requested at a visit was handed over. Kept
-- apart from `visit_documents` (which the visit's facts rewrite while the report is edited) and
-- matched to the request by its name; one record per document, never changed.
create table visit_document_handovers (
    id integer primary key,
    visit_id integer not null references visits (id),
    document_name text not null,
    -- ISO date.
    handed_over_on text not null,
    recorded_by integer not null references users (id),
    recorded_at integer not null,
    unique (visit_id, document_name)
);
