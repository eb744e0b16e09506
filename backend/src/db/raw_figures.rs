//! The industry questions answered the slow way, by plain SQL `GROUP BY` over the raw answers:
//! what `ims-bench` measures beside the API, which reads the figures stored at publication.

use sqlx::AnyPool;

/// Each factory's latest published assessment, computed from the visits themselves.
const RAW_LATEST: &str = "with latest as (select id, factory_id from (select id, factory_id, \
     row_number() over (partition by factory_id order by start_date desc, id desc) as position \
     from visits where visit_type = 'assessment' and status = 'published') ranked where position = 1)";

/// Issue ranking: how many latest assessments answered each question non-compliant.
fn raw_ranking() -> String {
    format!(
        "{RAW_LATEST} select q.code, sum(case when a.choice = 'non_compliant' then 1 else 0 end) as non_compliant, \
             sum(case when a.choice in ('compliant', 'non_compliant') then 1 else 0 end) as assessed \
         from latest l join answers a on a.visit_id = l.id join checklist_questions q on q.id = a.question_id \
         where q.kind = 'yes_no' group by q.code order by 2 desc"
    )
}

/// Points of each assessment from its answers: non-compliant when any question is.
const RAW_POINTS: &str = "points as (select a.visit_id, q.point_id, \
     max(case when a.choice = 'non_compliant' then 1 else 0 end) as non_compliant \
     from scope s join answers a on a.visit_id = s.id join checklist_questions q on q.id = a.question_id \
     where q.kind = 'yes_no' and a.choice in ('compliant', 'non_compliant') group by a.visit_id, q.point_id), \
     cluster_rates as (select p.visit_id, cp.cluster_id, cast(100.0 * sum(p.non_compliant) as double precision) / count(*) as rate \
     from points p join checklist_points cp on cp.id = p.point_id group by p.visit_id, cp.cluster_id)";

/// Industry dashboard: the mean cluster rate over latest assessments.
fn raw_dashboard() -> String {
    format!(
        "{RAW_LATEST}, scope as (select id from latest), {RAW_POINTS} \
         select c.code, avg(r.rate) from cluster_rates r join checklist_clusters c on c.id = r.cluster_id group by c.code"
    )
}

/// Group comparison by province.
fn raw_groups() -> String {
    format!(
        "{RAW_LATEST}, scope as (select id from latest), {RAW_POINTS} \
         select f.province, c.code, avg(r.rate) from cluster_rates r \
         join checklist_clusters c on c.id = r.cluster_id join visits v on v.id = r.visit_id \
         join factories f on f.id = v.factory_id group by f.province, c.code"
    )
}

/// One factory report's cluster rates.
fn raw_report(visit_id: i64) -> String {
    format!(
        "with scope as (select {visit_id} as id), {RAW_POINTS} \
         select c.code, r.rate from cluster_rates r join checklist_clusters c on c.id = r.cluster_id"
    )
}

/// Yearly trend: mean cluster rate of every assessment of each year.
fn raw_trend() -> String {
    format!(
        "with scope as (select id from visits where visit_type = 'assessment' and status = 'published'), {RAW_POINTS} \
         select substr(v.start_date, 1, 4) as year, c.code, avg(r.rate) from cluster_rates r \
         join checklist_clusters c on c.id = r.cluster_id join visits v on v.id = r.visit_id \
         group by substr(v.start_date, 1, 4), c.code"
    )
}

/// Each question with its name, as `ims-bench` reports it.
pub fn questions(report_visit_id: i64) -> Vec<(&'static str, String)> {
    vec![
        ("factory report", raw_report(report_visit_id)),
        ("industry dashboard", raw_dashboard()),
        ("group comparison", raw_groups()),
        ("issue ranking (questions)", raw_ranking()),
        ("trends by year", raw_trend()),
    ]
}

/// Runs one of [`questions`], reading every row.
pub async fn run(pool: &AnyPool, sql: &str) -> Result<usize, sqlx::Error> {
    Ok(sqlx::query(sql).fetch_all(pool).await?.len())
}

/// Each factory's latest published assessment, by factory.
pub async fn latest_visit_ids(pool: &AnyPool) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("select visit_id from factory_latest_assessments order by factory_id")
        .fetch_all(pool)
        .await
}
