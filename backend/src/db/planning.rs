//! Every SQL statement of visit planning: what the planner knows about each active factory,
//! the planned visits with their events, and the compliance points a partial visit covers.

use std::collections::HashMap;

use shared::analytics::GroupDimension;
use shared::api::planning::{LastVisit, NewPlannedVisit, PlannedVisit, PlannedVisitFilter};
use sqlx::{Any, AnyConnection, Executor, Row};

use super::analytics::group_expression;

/// An active factory as the planner lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannerFactory {
    pub id: i64,
    pub name: String,
    pub province: String,
    pub product_type: String,
}

/// Active factories, by name; narrowed to a province and a factory group when given. The
/// group is the one the industry figures use, with the size band taken from the registry's
/// workforce.
pub async fn active_factories(
    connection: &mut AnyConnection,
    province: &str,
    group: Option<(GroupDimension, &str)>,
) -> Result<Vec<PlannerFactory>, sqlx::Error> {
    let group_condition = match group {
        Some((dimension, _)) => format!("{} = $2", group_expression(dimension)),
        None => "$2 = ''".to_owned(),
    };
    let sql = format!(
        "select f.id, f.name, f.province, f.product_type from factories f \
         join (select id as factory_id, coalesce(total_workers, 0) as workers from factories) sc \
             on sc.factory_id = f.id \
         where f.status = 'active' and ($1 = '' or f.province = $1) and {group_condition} \
         order by f.name, f.id"
    );
    let rows = sqlx::query(&sql)
        .bind(province)
        .bind(group.map(|(_, value)| value).unwrap_or_default())
        .fetch_all(&mut *connection)
        .await?;
    rows.iter()
        .map(|row| {
            Ok(PlannerFactory {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                province: row.try_get("province")?,
                product_type: row.try_get("product_type")?,
            })
        })
        .collect()
}

/// Provinces of the active factories, for the planner's filter.
pub async fn active_provinces<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select distinct province from factories where status = 'active' order by province",
    )
    .fetch_all(executor)
    .await
}

/// Each factory's last assessment visit that took place by `today` and was not obstructed:
/// factory id → start date.
pub async fn last_assessments<'e>(
    executor: impl Executor<'e, Database = Any>,
    today: &str,
) -> Result<HashMap<i64, String>, sqlx::Error> {
    let rows = sqlx::query(
        "select factory_id, max(start_date) as last_assessment from visits \
         where visit_type = 'assessment' and start_date <= $1 \
             and coalesce(outcome, '') <> 'non_cooperation' \
         group by factory_id",
    )
    .bind(today)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("factory_id")?, row.try_get("last_assessment")?)))
        .collect()
}

/// Each factory's last visit of any kind that started by `today`, with its lead monitor.
pub async fn last_visits<'e>(
    executor: impl Executor<'e, Database = Any>,
    today: &str,
) -> Result<HashMap<i64, LastVisit>, sqlx::Error> {
    let rows = sqlx::query(
        "select r.factory_id, r.id, r.visit_type, r.start_date, r.outcome, r.lead_monitor_id, \
             u.display_name \
         from (select factory_id, id, visit_type, start_date, outcome, lead_monitor_id, \
                   row_number() over (partition by factory_id order by start_date desc, id desc) \
                       as position \
               from visits where start_date <= $1) r \
         join users u on u.id = r.lead_monitor_id \
         where r.position = 1",
    )
    .bind(today)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("factory_id")?,
                LastVisit {
                    visit_id: row.try_get("id")?,
                    visit_type: row.try_get("visit_type")?,
                    start_date: row.try_get("start_date")?,
                    outcome: row.try_get("outcome")?,
                    lead_monitor_id: row.try_get("lead_monitor_id")?,
                    lead_monitor_name: row.try_get("display_name")?,
                },
            ))
        })
        .collect()
}

/// Points assessed and found non-compliant in each factory's latest published assessment:
/// factory id → (assessed, non-compliant).
pub async fn latest_assessment_points<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<HashMap<i64, (i64, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "select l.factory_id, cast(sum(s.points_assessed) as bigint) as assessed, \
             cast(sum(s.points_non_compliant) as bigint) as non_compliant \
         from factory_latest_assessments l \
         join visit_cluster_scores s on s.visit_id = l.visit_id \
         group by l.factory_id",
    )
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("factory_id")?,
                (row.try_get("assessed")?, row.try_get("non_compliant")?),
            ))
        })
        .collect()
}

/// Critical issues found at each factory's latest published assessment: factory id → count.
pub async fn latest_critical_issue_counts<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<HashMap<i64, i64>, sqlx::Error> {
    let rows = sqlx::query(
        "select factory_id, count(*) as issues from latest_critical_issues group by factory_id",
    )
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("factory_id")?, row.try_get("issues")?)))
        .collect()
}

const SELECT_PLANNED: &str = "select p.id, p.factory_id, f.name as factory_name, f.province, \
         p.visit_type, p.starts_on, p.ends_on, p.lead_monitor_id, lead.display_name as lead_name, \
         p.second_monitor_id, second.display_name as second_name, p.note, p.status, p.visit_id, \
         planner.display_name as planner_name, p.planned_at \
     from planned_visits p \
     join factories f on f.id = p.factory_id \
     join users lead on lead.id = p.lead_monitor_id \
     left join users second on second.id = p.second_monitor_id \
     join users planner on planner.id = p.planned_by";

/// Planned visits matching `filter`, by window start; `only_monitor` narrows them to the visits
/// a monitor is on the team of, whatever the filter says.
pub async fn list(
    connection: &mut AnyConnection,
    filter: &PlannedVisitFilter,
    only_monitor: Option<i64>,
) -> Result<Vec<PlannedVisit>, sqlx::Error> {
    let monitor = only_monitor.or(filter.monitor_id).unwrap_or_default();
    let status = match filter.status.as_str() {
        "" => "planned",
        "all" => "",
        other => other,
    };
    // A window overlaps [from, to] when it starts by `to` and ends from `from`.
    let sql = format!(
        "{SELECT_PLANNED} where ($1 = '' or p.status = $1) \
             and ($2 = '' or p.ends_on >= $2) and ($3 = '' or p.starts_on <= $3) \
             and ($4 = 0 or p.lead_monitor_id = $4 or p.second_monitor_id = $4) \
         order by p.starts_on, p.id"
    );
    let rows = sqlx::query(&sql)
        .bind(status)
        .bind(&filter.from)
        .bind(&filter.to)
        .bind(monitor)
        .fetch_all(&mut *connection)
        .await?;
    let mut visits = rows
        .iter()
        .map(planned_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    attach_scopes(connection, &mut visits).await?;
    Ok(visits)
}

/// True when the factory has a visit planned and not yet started or called off.
pub async fn factory_has_open_plan<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
) -> Result<bool, sqlx::Error> {
    let open: i64 = sqlx::query_scalar(
        "select count(*) from planned_visits where factory_id = $1 and status = 'planned'",
    )
    .bind(factory_id)
    .fetch_one(executor)
    .await?;
    Ok(open > 0)
}

/// One planned visit.
pub async fn find(
    connection: &mut AnyConnection,
    id: i64,
) -> Result<Option<PlannedVisit>, sqlx::Error> {
    let sql = format!("{SELECT_PLANNED} where p.id = $1");
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let mut visits = vec![planned_from_row(&row)?];
    attach_scopes(connection, &mut visits).await?;
    Ok(visits.pop())
}

fn planned_from_row(row: &sqlx::any::AnyRow) -> Result<PlannedVisit, sqlx::Error> {
    Ok(PlannedVisit {
        id: row.try_get("id")?,
        factory_id: row.try_get("factory_id")?,
        factory_name: row.try_get("factory_name")?,
        province: row.try_get("province")?,
        visit_type: row.try_get("visit_type")?,
        starts_on: row.try_get("starts_on")?,
        ends_on: row.try_get("ends_on")?,
        lead_monitor_id: row.try_get("lead_monitor_id")?,
        lead_monitor_name: row.try_get("lead_name")?,
        second_monitor_id: row.try_get("second_monitor_id")?,
        second_monitor_name: row.try_get("second_name")?,
        scope: Vec::new(),
        note: row.try_get("note")?,
        status: row.try_get("status")?,
        visit_id: row.try_get("visit_id")?,
        planned_by_name: row.try_get("planner_name")?,
        planned_at: row.try_get("planned_at")?,
    })
}

/// Fills in the scoped points of the planned visits with one query.
async fn attach_scopes(
    connection: &mut AnyConnection,
    visits: &mut [PlannedVisit],
) -> Result<(), sqlx::Error> {
    if visits.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = visits.iter().map(|visit| visit.id.to_string()).collect();
    // Ids are integers from the rows just read, so listing them inline is safe.
    let sql = format!(
        "select planned_visit_id, point_code from planned_visit_points \
         where planned_visit_id in ({}) order by planned_visit_id, point_code",
        ids.join(", ")
    );
    let rows = sqlx::query(&sql).fetch_all(&mut *connection).await?;
    let mut by_plan: HashMap<i64, Vec<String>> = HashMap::new();
    for row in &rows {
        by_plan
            .entry(row.try_get("planned_visit_id")?)
            .or_default()
            .push(row.try_get("point_code")?);
    }
    for visit in visits {
        visit.scope = by_plan.remove(&visit.id).unwrap_or_default();
    }
    Ok(())
}

/// Stores a planned visit, its scope and the `planned` event; returns its id.
pub async fn insert(
    connection: &mut AnyConnection,
    plan: &NewPlannedVisit,
    planned_by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "insert into planned_visits (factory_id, visit_type, starts_on, ends_on, \
             lead_monitor_id, second_monitor_id, note, status, planned_by, planned_at) \
         values ($1, $2, $3, $4, $5, $6, $7, 'planned', $8, $9) returning id",
    )
    .bind(plan.factory_id)
    .bind(&plan.visit_type)
    .bind(&plan.starts_on)
    .bind(&plan.ends_on)
    .bind(plan.lead_monitor_id)
    .bind(plan.second_monitor_id)
    .bind(plan.note.trim())
    .bind(planned_by)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    for code in &plan.scope {
        sqlx::query(
            "insert into planned_visit_points (planned_visit_id, point_code) values ($1, $2)",
        )
        .bind(id)
        .bind(code)
        .execute(&mut *connection)
        .await?;
    }
    record_event(connection, id, "planned", "", None, planned_by, now).await?;
    Ok(id)
}

/// Moves a planned visit from `planned` to `status` (`started` with its visit, or
/// `cancelled`) and records the event; false when it was no longer planned (someone else
/// started or cancelled it first).
pub async fn close(
    connection: &mut AnyConnection,
    id: i64,
    status: &str,
    visit_id: Option<i64>,
    reason: &str,
    actor: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "update planned_visits set status = $1, visit_id = $2 where id = $3 and status = 'planned'",
    )
    .bind(status)
    .bind(visit_id)
    .bind(id)
    .execute(&mut *connection)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(false);
    }
    record_event(connection, id, status, reason, visit_id, actor, now).await?;
    Ok(true)
}

async fn record_event(
    connection: &mut AnyConnection,
    id: i64,
    event: &str,
    reason: &str,
    visit_id: Option<i64>,
    actor: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into planned_visit_events (planned_visit_id, event, reason, visit_id, \
             actor_user_id, occurred_at) values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(event)
    .bind(reason)
    .bind(visit_id)
    .bind(actor)
    .bind(now)
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// Stores the compliance points a partial visit covers.
pub async fn set_visit_scope(
    connection: &mut AnyConnection,
    visit_id: i64,
    point_codes: &[String],
) -> Result<(), sqlx::Error> {
    for code in point_codes {
        sqlx::query("insert into visit_scope_points (visit_id, point_code) values ($1, $2)")
            .bind(visit_id)
            .bind(code)
            .execute(&mut *connection)
            .await?;
    }
    Ok(())
}

/// The compliance points a visit covers; empty for the whole checklist.
pub async fn visit_scope<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select point_code from visit_scope_points where visit_id = $1 order by point_code",
    )
    .bind(visit_id)
    .fetch_all(executor)
    .await
}
