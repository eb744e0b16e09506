-- The figures of each factory's latest assessment, copied beside factory_latest_assessments
-- when it changes (at publication). Industry averages, rankings and group comparisons read
-- these few tens of thousands of rows instead of joining a thousand reports into tables of
-- millions; the per-visit tables stay the record and serve period figures.
create table latest_question_exceptions (
    factory_id integer not null references factories (id),
    visit_id integer not null references visits (id),
    question_code text not null,
    non_compliant integer not null check (non_compliant in (0, 1)),
    primary key (factory_id, question_code)
) without rowid;

create table latest_point_results (
    factory_id integer not null references factories (id),
    visit_id integer not null references visits (id),
    point_code text not null,
    non_compliant integer not null check (non_compliant in (0, 1)),
    primary key (factory_id, point_code)
) without rowid;

create table latest_cluster_scores (
    factory_id integer not null references factories (id),
    visit_id integer not null references visits (id),
    cluster_code text not null,
    non_compliance_rate real not null,
    primary key (factory_id, cluster_code)
) without rowid;

insert into latest_question_exceptions (factory_id, visit_id, question_code, non_compliant)
select l.factory_id, l.visit_id, e.question_code, e.non_compliant
from factory_latest_assessments l join visit_question_exceptions e on e.visit_id = l.visit_id;

insert into latest_point_results (factory_id, visit_id, point_code, non_compliant)
select l.factory_id, l.visit_id, p.code, r.non_compliant
from factory_latest_assessments l join visit_point_results r on r.visit_id = l.visit_id
join checklist_points p on p.id = r.point_id;

insert into latest_cluster_scores (factory_id, visit_id, cluster_code, non_compliance_rate)
select l.factory_id, l.visit_id, c.code, s.non_compliance_rate
from factory_latest_assessments l join visit_cluster_scores s on s.visit_id = l.visit_id
join checklist_clusters c on c.id = s.cluster_id
where s.non_compliance_rate is not null;

create table latest_critical_issues (
    factory_id integer not null references factories (id),
    visit_id integer not null references visits (id),
    critical_issue integer not null,
    primary key (factory_id, critical_issue)
) without rowid;

insert into latest_critical_issues (factory_id, visit_id, critical_issue)
select l.factory_id, l.visit_id, i.critical_issue
from factory_latest_assessments l join visit_critical_issues i on i.visit_id = l.visit_id;
