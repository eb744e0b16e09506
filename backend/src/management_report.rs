//! The management report: the visits of a period, their review steps, what waits and what is
//! late, gathered through `db::management` and measured by the rules of `shared::management`.

use std::collections::BTreeMap;

use shared::api::management::{
    DocumentOverdue, LateReport, ManagementReport, ObjectionFigures, PaperCopyWaiting, StageDays,
    Turnaround, Waiting,
};
use shared::corrective_action::actions_behind;
use shared::date::cambodia_date;
use shared::management::{days_after, days_between, past_publication_target, percentile};
use sqlx::AnyPool;

use crate::db::management::{self, PeriodVisit};
use crate::db::{corrective_actions, visits};

/// The months (`YYYY-MM`, inclusive) a report covers, already checked.
pub struct Period {
    pub from: String,
    pub to: String,
}

impl Period {
    fn first_day(&self) -> String {
        format!("{}-01", self.from)
    }

    /// The last day of the `to` month (ISO dates compare as text, so the 31st always fits).
    fn last_day(&self) -> String {
        format!("{}-31", self.to)
    }
}

/// Days from the visit's last day to each step, over `visits`.
fn turnaround(key: String, label: String, visits: &[&PeriodVisit]) -> Turnaround {
    let stage = |step: fn(&PeriodVisit) -> Option<i64>| {
        let days: Vec<i64> = visits
            .iter()
            .filter_map(|visit| days_after(&visit.end_date, step(visit)?))
            .collect();
        StageDays {
            reports: days.len() as i64,
            median_days: percentile(&days, 50.0),
            p90_days: percentile(&days, 90.0),
        }
    };
    Turnaround {
        key,
        label,
        visits: visits.len() as i64,
        submitted: stage(|visit| visit.submitted_at),
        approved: stage(|visit| visit.approved_at),
        published: stage(|visit| visit.published_at),
        returned: visits.iter().filter(|visit| visit.returned > 0).count() as i64,
    }
}

/// The management report on `now` for `period`.
pub async fn report(
    pool: &AnyPool,
    period: &Period,
    now: i64,
    target_days: i64,
) -> Result<ManagementReport, sqlx::Error> {
    let today = cambodia_date(now);
    let (first_day, last_day) = (period.first_day(), period.last_day());
    let all = management::visits(pool, &first_day, &last_day).await?;
    let in_period: Vec<&PeriodVisit> = all
        .iter()
        .filter(|visit| visit.end_date >= first_day && visit.end_date <= last_day)
        .collect();
    let mut by_month: BTreeMap<String, Vec<&PeriodVisit>> = BTreeMap::new();
    let mut by_monitor: BTreeMap<(String, i64), Vec<&PeriodVisit>> = BTreeMap::new();
    for visit in &in_period {
        let month = visit.end_date.get(..7).unwrap_or_default().to_owned();
        by_month.entry(month).or_default().push(visit);
        by_monitor
            .entry((visit.lead_monitor_name.clone(), visit.lead_monitor_id))
            .or_default()
            .push(visit);
    }
    // Reports in review now; a draft counts once its visit has ended.
    let mut waiting_days: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for visit in &all {
        let waiting = match visit.status.as_str() {
            "draft" => visit.end_date <= today,
            "submitted" | "returned" | "approved" => true,
            _ => false,
        };
        if waiting {
            let days = days_between(&cambodia_date(visit.since), &today).unwrap_or_default();
            waiting_days
                .entry(visit.status.as_str())
                .or_default()
                .push(days);
        }
    }
    let waiting = ["draft", "submitted", "returned", "approved"]
        .into_iter()
        .map(|status| {
            let days = waiting_days.remove(status).unwrap_or_default();
            Waiting {
                status: status.to_owned(),
                reports: days.len() as i64,
                median_days: percentile(&days, 50.0),
                oldest_days: days.iter().copied().max(),
            }
        })
        .collect();
    // Late: every unpublished report past the target, and those of the period published late.
    let mut past_target: Vec<LateReport> = all
        .iter()
        .filter(|visit| {
            let unpublished = visit.status != "published";
            let ended = visit.end_date <= today;
            let of_period = visit.end_date >= first_day && visit.end_date <= last_day;
            (unpublished && ended || of_period)
                && past_publication_target(
                    &visit.end_date,
                    visit.published_at.filter(|_| !unpublished),
                    &today,
                    target_days,
                )
        })
        .map(|visit| LateReport {
            visit_id: visit.id,
            factory_name: visit.factory_name.clone(),
            lead_monitor_name: visit.lead_monitor_name.clone(),
            last_day: visit.end_date.clone(),
            status: visit.status.clone(),
            days: match visit.published_at.filter(|_| visit.status == "published") {
                Some(moment) => days_after(&visit.end_date, moment),
                None => days_between(&visit.end_date, &today),
            }
            .unwrap_or_default(),
        })
        .collect();
    past_target.sort_by(|a, b| b.days.cmp(&a.days).then(a.visit_id.cmp(&b.visit_id)));

    let mut objections = ObjectionFigures::default();
    let mut decision_days = Vec::new();
    for (status, objected_at, decided_at) in
        management::objections(pool, &first_day, &last_day).await?
    {
        objections.findings_objected += 1;
        match status.as_str() {
            "upheld" => objections.upheld += 1,
            "rejected" => objections.rejected += 1,
            _ => objections.pending += 1,
        }
        if let Some(decided) = decided_at {
            decision_days.push(
                days_between(&cambodia_date(objected_at), &cambodia_date(decided))
                    .unwrap_or_default(),
            );
        }
    }
    objections.median_days_to_decision = percentile(&decision_days, 50.0);
    objections.p90_days_to_decision = percentile(&decision_days, 90.0);

    let actions_behind = actions_behind(
        corrective_actions::open_of_every_factory(pool).await?,
        &today,
    );

    let documents_overdue = management::documents_not_received(pool, &first_day, &last_day)
        .await?
        .into_iter()
        .filter_map(|(visit_id, factory_name, document, due_on)| {
            let days_overdue = days_between(&due_on, &today).filter(|days| *days > 0)?;
            Some(DocumentOverdue {
                visit_id,
                factory_name,
                document,
                due_on,
                days_overdue,
            })
        })
        .collect();
    let paper_copies_waiting = visits::paper_copies_due(pool)
        .await?
        .into_iter()
        .map(|due| PaperCopyWaiting {
            visit_id: due.visit_id,
            days_waiting: days_between(&cambodia_date(due.published_at), &today)
                .unwrap_or_default(),
            factory_name: due.factory_name,
            published_at: due.published_at,
        })
        .collect();
    Ok(ManagementReport {
        today,
        from: period.from.clone(),
        to: period.to.clone(),
        publication_target_days: target_days,
        overall: turnaround("all".to_owned(), String::new(), &in_period),
        by_month: by_month
            .into_iter()
            .map(|(month, visits)| turnaround(month.clone(), month, &visits))
            .collect(),
        by_monitor: by_monitor
            .into_iter()
            .map(|((name, id), visits)| turnaround(id.to_string(), name, &visits))
            .collect(),
        waiting,
        past_target,
        objections,
        actions_behind,
        documents_overdue,
        failed_notices: management::failed_notices(pool).await?,
        paper_copies_waiting,
    })
}
