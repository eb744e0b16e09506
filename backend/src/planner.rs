//! The planner: every active factory with its next visit due and its risk score, gathered from
//! the visits, concerns, reports, corrective actions and self-assessments, and decided by the
//! rules of `shared::planning`.

use std::collections::HashMap;

use shared::analytics::{share, GroupDimension};
use shared::api::planning::{
    PlannedVisitFilter, Planner, PlannerFilter, PlannerMonitor, PlannerRow,
};
use shared::corrective_action::actions_behind;
use shared::date::parse;
use shared::planning::{next_visit_due, overdue_days, risk_score, RiskFacts};
use sqlx::AnyConnection;

use crate::db::{concerns, corrective_actions, planning, users};
use crate::self_assessment_comparisons::{self, ComparisonError};

/// The planner on `today` (ISO date, Cambodia), narrowed by `filter`; factories highest risk
/// first, then most overdue, then by name. `dimension` must be a valid group dimension when
/// `filter.dimension` is set (the handler checks it).
pub async fn planner(
    connection: &mut AnyConnection,
    filter: &PlannerFilter,
    dimension: Option<GroupDimension>,
    today: &str,
) -> Result<Planner, ComparisonError> {
    let group = dimension.map(|dimension| (dimension, filter.group.as_str()));
    let factories = planning::active_factories(connection, &filter.province, group).await?;
    let last_assessments = planning::last_assessments(&mut *connection, today).await?;
    let mut last_visits = planning::last_visits(&mut *connection, today).await?;
    let flagged: HashMap<i64, i64> = concerns::flagged_factories(&mut *connection)
        .await?
        .into_iter()
        .map(|flag| (flag.factory_id, flag.verified_concerns))
        .collect();
    let points = planning::latest_assessment_points(&mut *connection).await?;
    let critical = planning::latest_critical_issue_counts(&mut *connection).await?;
    let overdue_actions: HashMap<i64, i64> = actions_behind(
        corrective_actions::open_of_every_factory(&mut *connection).await?,
        today,
    )
    .into_iter()
    .map(|factory| (factory.factory_id, factory.actions))
    .collect();
    let blind_spots: HashMap<i64, i64> = self_assessment_comparisons::latest(connection)
        .await?
        .comparisons
        .into_iter()
        .map(|(factory_id, comparison)| (factory_id, comparison.blind_spots.len() as i64))
        .collect();
    let mut planned_by_factory: HashMap<i64, Vec<_>> = HashMap::new();
    for visit in planning::list(connection, &PlannedVisitFilter::default(), None).await? {
        planned_by_factory
            .entry(visit.factory_id)
            .or_default()
            .push(visit);
    }
    let today_date = parse(today);
    let mut rows: Vec<PlannerRow> = factories
        .into_iter()
        .map(|factory| {
            let last_assessment = last_assessments.get(&factory.id).cloned();
            let next_due = last_assessment.as_deref().and_then(next_visit_due);
            let last_visit = last_visits.remove(&factory.id);
            let days_since_last_visit = last_visit
                .as_ref()
                .and_then(|visit| Some((today_date? - parse(&visit.start_date)?).whole_days()));
            let facts = RiskFacts {
                verified_concerns: flagged.get(&factory.id).copied().unwrap_or_default(),
                last_non_compliance: points
                    .get(&factory.id)
                    .and_then(|(assessed, non_compliant)| share(*non_compliant, *assessed)),
                critical_issues: critical.get(&factory.id).copied().unwrap_or_default(),
                overdue_actions: overdue_actions
                    .get(&factory.id)
                    .copied()
                    .unwrap_or_default(),
                non_cooperation: last_visit
                    .as_ref()
                    .is_some_and(|visit| visit.outcome.as_deref() == Some("non_cooperation")),
                blind_spots: blind_spots.get(&factory.id).copied().unwrap_or_default(),
                days_since_last_visit,
            };
            PlannerRow {
                factory_id: factory.id,
                factory_name: factory.name,
                province: factory.province,
                product_type: factory.product_type,
                overdue_days: next_due.as_deref().and_then(|due| overdue_days(due, today)),
                next_visit_due: next_due,
                last_assessment,
                last_visit,
                risk: risk_score(&facts),
                planned: planned_by_factory.remove(&factory.id).unwrap_or_default(),
            }
        })
        .collect();
    if let Some(monitor) = filter.monitor_id {
        rows.retain(|row| {
            row.last_visit
                .as_ref()
                .is_some_and(|visit| visit.lead_monitor_id == monitor)
                || row.planned.iter().any(|visit| {
                    visit.lead_monitor_id == monitor || visit.second_monitor_id == Some(monitor)
                })
        });
    }
    rows.sort_by(|a, b| {
        b.risk
            .score
            .cmp(&a.risk.score)
            .then(
                b.overdue_days
                    .unwrap_or(i64::MAX)
                    .cmp(&a.overdue_days.unwrap_or(i64::MAX)),
            )
            .then(a.factory_name.cmp(&b.factory_name))
    });
    let monitors = users::monitors(&mut *connection)
        .await?
        .into_iter()
        .map(|(id, display_name)| PlannerMonitor { id, display_name })
        .collect();
    Ok(Planner {
        today: today.to_owned(),
        rows,
        monitors,
        provinces: planning::active_provinces(&mut *connection).await?,
    })
}
