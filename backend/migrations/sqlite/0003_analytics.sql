-- Industry analytics. Figures are frozen or rolled up when a report is published, so reports
-- and dashboards read a few thousand rows instead of scanning millions of raw answers.

-- The factory's workforce when its report was published: employment over time and the
-- worker-weighted severity of issues.
alter table visits add column workers_total integer;
alter table visits add column women_workers integer;
create index visits_published_assessments on visits (visit_type, status, start_date);

-- Each factory's latest published assessment and the one before it: the base of industry
-- averages, rankings, group comparisons and recurring issues.
create table factory_latest_assessments (
    factory_id integer primary key references factories (id),
    visit_id integer not null references visits (id),
    previous_visit_id integer references visits (id),
    start_date text not null,
    -- Copied from the visit so that industry figures need not read the visits table.
    workers integer not null,
    women_workers integer not null
);

-- Compliance points non-compliant in both the latest and the previous assessment of a
-- factory: the trainers' recurring issues, kept with the latest assessments.
create table latest_recurring_points (
    factory_id integer not null references factories (id),
    point_code text not null,
    primary key (factory_id, point_code)
);

-- Covering indexes: figures read these columns for a thousand reports at a time.
create index visit_point_results_outcome on visit_point_results (visit_id, non_compliant, point_id);
create index visit_cluster_scores_rates on visit_cluster_scores
    (visit_id, cluster_id, non_compliance_rate, points_assessed, points_non_compliant);

-- Scored questions of a published report that were not answered compliant: non-compliant
-- (1) or not applicable (0). Compliant answers, the large majority, are implied. Keyed by
-- question code, which is stable across checklist versions.
create table visit_question_exceptions (
    visit_id integer not null references visits (id),
    question_code text not null,
    non_compliant integer not null check (non_compliant in (0, 1)),
    primary key (visit_id, question_code)
) without rowid;

-- Per period (quarter 2024-Q1, half-year 2024-H1, year 2024), each factory counted once with
-- its latest assessment of the period. Recomputed for the visit's periods at publication.
create table period_rollups (
    granularity text not null check (granularity in ('quarter', 'half', 'year')),
    period text not null,
    factories integer not null,
    workers integer not null,
    women_workers integer not null,
    factories_without_critical_issues integer not null,
    mean_rate real,
    primary key (granularity, period)
);

create table period_cluster_rollups (
    granularity text not null check (granularity in ('quarter', 'half', 'year')),
    period text not null,
    cluster_code text not null,
    factories integer not null,
    mean_rate real,
    weighted_rate real,
    primary key (granularity, period, cluster_code)
);

-- Until the full third-party access workflow exists, which organisations may see which
-- factory's published reports (after the report's third-party date).
create table factory_access_grants (
    id integer primary key,
    factory_id integer not null references factories (id),
    organisation_id integer not null references organisations (id),
    granted_at integer not null,
    revoked_at integer,
    unique (factory_id, organisation_id)
);
