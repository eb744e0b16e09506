//! `/api/reports/:id`, `/api/factories/:id/reports` and `/api/report-documents/verify`:
//! published reports as factories, staff and buyers with access read them, served from the
//! stored document of their current version.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::api::analytics::{FactoryReport, ReportHistoryEntry};
use shared::api::reports::{ChainCheck, ReportDocument};
use shared::roles::Role;

use crate::db::{access_log, corrective_actions, factories, report_documents, reports};
use crate::domain::permissions::Action;
use crate::domain::report_document::{reader_view, verified_share_of};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppPath};
use crate::http::guards::{reader_access, require, visible_under};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports/{id}", get(report))
        .route("/factories/{id}/reports", get(history))
        .route("/report-documents/verify", get(verify))
}

/// The current version of a published report: its stored document, with the industry average
/// now and the corrective-action progress. A buyer's reading is written to the factory's
/// access ledger.
async fn report(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
) -> Result<Json<FactoryReport>, ApiError> {
    let stored = report_documents::current(&state.db.pool, visit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let access = reader_access(&state, &user, stored.factory_id).await?;
    if !visible_under(access, Some(stored.third_party_visible_from)) {
        return Err(ApiError::NotFound);
    }
    if let (Role::Buyer, Some(organisation_id)) = (user.0.user.role, user.0.user.organisation_id) {
        // The factory's access ledger: which organisation opened which report, and when.
        access_log::record(
            &state.db.pool,
            &access_log::ReportView {
                factory_id: stored.factory_id,
                visit_id,
                organisation_id,
                user_id: user.0.user.id,
                viewed_at: state.clock.now(),
            },
        )
        .await?;
    }
    let document: ReportDocument = serde_json::from_str(&stored.document)
        .map_err(|error| ApiError::Internal(format!("report document {visit_id}: {error}")))?;
    let industry_now = report_documents::industry_averages(&state.db.pool).await?;
    let actions = corrective_actions::verifications(&state.db.pool, visit_id).await?;
    let share = verified_share_of(
        &document.findings,
        actions
            .iter()
            .map(|(code, verification)| (code.as_str(), *verification)),
    );
    Ok(Json(reader_view(
        document,
        stored.sha256,
        &industry_now,
        share,
    )))
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

/// Re-hashes every stored report document and walks each factory's chain.
async fn verify(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<ChainCheck>, ApiError> {
    require(&user, Action::VerifyReportDocuments)?;
    Ok(Json(crate::publication::verify_documents(&state.db).await?))
}
