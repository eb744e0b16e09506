//! `/api/reports/:id` and `/api/factories/:id/reports`: published reports as factories,
//! staff and buyers with access read them.

use std::collections::HashMap;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::api::analytics::{
    FactoryReport, PointRef, Progress, ReportCluster, ReportHistoryEntry,
};
use shared::api::visits::VisitSummary;
use shared::deadline::{add_working_days, cambodia_date};
use shared::roles::Role;
use shared::visit::{VisitStatus, VisitType};

use crate::db::analytics::{self as figures, Scope};
use crate::db::{access_log, factories, grants, holidays, reports, visits};
use crate::domain::permissions::{may, Action};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppPath};
use crate::state::AppState;

/// Working days a factory has to object to findings, counted from the day after the report
/// became available. Weekends and public holidays do not count. Source: the programme's own
/// rule, "factories may object to findings within 21 days, weekends excluded, after a report
/// becomes available" (shared/data/reference/README.md, "Facts to encode"; issue 6 adds the
/// Cambodian public holidays). The labour-law parameters file has no row for it: its nearest
/// row, `arbitral_award_objection_window` (8 days, Labour Law Art. 313), is a different
/// procedure.
pub const OBJECTION_WORKING_DAYS: u32 = 21;

/// The last day (ISO date, Cambodia) on which the factory may object to the findings of a
/// report published at `published_at`: [`OBJECTION_WORKING_DAYS`] working days after the
/// Cambodian day of publication. The report page shows it and objections are refused after
/// it, so both use this one computation. `None` without a publication time.
pub async fn objection_deadline<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    published_at: Option<i64>,
) -> Result<Option<String>, sqlx::Error> {
    let Some(published_at) = published_at else {
        return Ok(None);
    };
    let available_on = cambodia_date(published_at);
    let holidays = holidays::dates_from(executor, &available_on).await?;
    Ok(add_working_days(
        &available_on,
        OBJECTION_WORKING_DAYS,
        &holidays,
    ))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports/{id}", get(report))
        .route("/factories/{id}/reports", get(history))
}

/// Whether the reader may see this factory's reports, and from when: `Some(now)` for third
/// parties, who see a report only once its third-party date has passed. Buyers need an
/// unrevoked grant and a paid subscription covering today. Everyone else is refused with
/// "not found", so outsiders learn nothing about other factories.
pub async fn reader_access(
    state: &AppState,
    user: &ActiveUser,
    factory_id: i64,
) -> Result<Option<i64>, ApiError> {
    let now = state.clock.now();
    let granted = match user.0.user.organisation_id {
        Some(organisation_id) if user.0.user.role == Role::Buyer => {
            grants::organisation_may_see(
                &state.db.pool,
                organisation_id,
                factory_id,
                &cambodia_date(now),
            )
            .await?
        }
        _ => false,
    };
    if !may(
        &user.actor(),
        Action::ViewReports {
            factory_id,
            granted,
        },
    ) {
        return Err(ApiError::NotFound);
    }
    Ok((user.0.user.role == Role::Buyer).then_some(now))
}

/// The published report `visit_id` if the reader may open it now (see [`reader_access`]);
/// "not found" otherwise. Everything hanging off a report (objections, corrective actions,
/// versions, meetings) goes through this check.
pub async fn readable_report(
    state: &AppState,
    user: &ActiveUser,
    visit_id: i64,
) -> Result<VisitSummary, ApiError> {
    let visit = visits::find(&state.db.pool, visit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if visit.status != VisitStatus::Published {
        return Err(ApiError::NotFound);
    }
    if let Some(now) = reader_access(state, user, visit.factory_id).await? {
        let visible_from = visits::third_party_visible_from(&state.db.pool, visit_id).await?;
        if visible_from.is_none_or(|from| from > now) {
            return Err(ApiError::NotFound);
        }
    }
    Ok(visit)
}

async fn report(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
) -> Result<Json<FactoryReport>, ApiError> {
    let visit = readable_report(&state, &user, visit_id).await?;
    let mut connection = state.db.pool.acquire().await?;
    if let (Role::Buyer, Some(organisation_id)) = (user.0.user.role, user.0.user.organisation_id) {
        // The factory's access ledger: which organisation opened which report, and when.
        access_log::record(
            &mut *connection,
            &access_log::ReportView {
                factory_id: visit.factory_id,
                visit_id,
                organisation_id,
                user_id: user.0.user.id,
                viewed_at: state.clock.now(),
            },
        )
        .await?;
    }
    let third_party_visible_from =
        visits::third_party_visible_from(&mut *connection, visit_id).await?;
    let scores = visits::scores(&mut connection, visit_id).await?;
    let industry = figures::cluster_rates(&mut connection, &Scope::Latest, None, None).await?;
    let industry: HashMap<&str, Option<f64>> = industry
        .iter()
        .map(|row| (row.cluster_code.as_str(), row.mean_rate))
        .collect();
    let progress = if visit.visit_type == VisitType::Assessment {
        match reports::previous_assessment(
            &mut *connection,
            visit.factory_id,
            &visit.start_date,
            visit_id,
        )
        .await?
        {
            Some((previous_id, previous_date)) => {
                let now = reports::point_outcomes(&mut *connection, visit_id).await?;
                let before = reports::point_outcomes(&mut *connection, previous_id).await?;
                Some(progress_between(previous_id, previous_date, &before, &now))
            }
            None => None,
        }
    } else {
        None
    };
    let findings = crate::http::visits::findings_of(&mut connection, &visit).await?;
    let corrective_actions =
        crate::http::corrective_actions::share_for_report(&mut connection, visit_id, &findings)
            .await?;
    let facts = visits::facts(&mut connection, visit_id).await?;
    let factory = factories::find(&mut *connection, visit.factory_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let objection_deadline = objection_deadline(&mut *connection, visit.published_at).await?;
    Ok(Json(FactoryReport {
        published_at: visit.published_at.unwrap_or_default(),
        third_party_visible_from,
        objection_deadline,
        factory_local_name: factory.local_name,
        clusters: scores
            .clusters
            .iter()
            .map(|cluster| ReportCluster {
                code: cluster.code.clone(),
                name: cluster.name.clone(),
                points_assessed: cluster.points_assessed,
                points_non_compliant: cluster.points_non_compliant,
                rate: cluster.non_compliance_rate,
                industry_rate: industry.get(cluster.code.as_str()).copied().flatten(),
            })
            .collect(),
        overall_rate: scores.overall_rate(),
        critical_issues: scores.critical_issues,
        progress,
        findings,
        corrective_actions,
        measurements: facts.measurements,
        documents: facts.documents,
        visit,
    }))
}

/// Points newly compliant, newly non-compliant and still non-compliant since `before`.
fn progress_between(
    previous_visit_id: i64,
    previous_start_date: String,
    before: &[reports::PointOutcome],
    now: &[reports::PointOutcome],
) -> Progress {
    let before: HashMap<&str, bool> = before
        .iter()
        .map(|point| (point.code.as_str(), point.non_compliant))
        .collect();
    let mut progress = Progress {
        previous_visit_id,
        previous_start_date,
        newly_compliant: Vec::new(),
        newly_non_compliant: Vec::new(),
        persistent: Vec::new(),
    };
    for point in now {
        let reference = PointRef {
            code: point.code.clone(),
            name: point.name.clone(),
            cluster_code: point.cluster_code.clone(),
        };
        match (before.get(point.code.as_str()), point.non_compliant) {
            (Some(true), false) => progress.newly_compliant.push(reference),
            (Some(false) | None, true) => progress.newly_non_compliant.push(reference),
            (Some(true), true) => progress.persistent.push(reference),
            (Some(false) | None, false) => {}
        }
    }
    progress
}

async fn history(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
) -> Result<Json<Vec<ReportHistoryEntry>>, ApiError> {
    if !factories::exists(&state.db.pool, factory_id).await? {
        return Err(ApiError::NotFound);
    }
    let visible_before = reader_access(&state, &user, factory_id).await?;
    let mut connection = state.db.pool.acquire().await?;
    Ok(Json(
        reports::history(&mut connection, factory_id, visible_before).await?,
    ))
}
