//! `/api/reports/:id`, `/api/factories/:id/reports` and `/api/report-documents/verify`:
//! published reports as factories, staff and buyers with access read them, served from the
//! stored document of their current version.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use shared::api::analytics::ReportHistoryEntry;
use shared::api::reports::{ChainCheck, ReportDocument};
use shared::roles::Role;

use crate::db::{access_log, factories, report_documents, reports};
use crate::domain::report_document::PreparedReport;
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppPath};
use crate::http::guards::{reader_access, require, visible_under};
use crate::state::AppState;
use shared::permissions::Action;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports/{id}", get(report))
        .route("/factories/{id}/reports", get(history))
        .route("/report-documents/verify", get(verify))
}

/// The current version of a published report: its stored document, with the industry average
/// now and the corrective-action progress. A buyer's reading is written to the factory's
/// access ledger. The document is parsed once per server and kept prepared by its SHA-256.
async fn report(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
) -> Result<Response, ApiError> {
    let head = report_documents::current_head(&state.db.pool, visit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let access = reader_access(&state, &user, head.factory_id).await?;
    if !visible_under(access, Some(head.third_party_visible_from)) {
        return Err(ApiError::NotFound);
    }
    if let (Role::Buyer, Some(organisation_id)) = (user.0.user.role, user.0.user.organisation_id) {
        // The factory's access ledger: which organisation opened which report, and when.
        access_log::record(
            &state.db.pool,
            &access_log::ReportView {
                factory_id: head.factory_id,
                visit_id,
                organisation_id,
                user_id: user.0.user.id,
                viewed_at: state.clock.now(),
            },
        )
        .await?;
    }
    let prepared = match state.db.prepared_reports.get(&head.sha256) {
        Some(prepared) => prepared,
        None => {
            let stored = report_documents::version(&state.db.pool, visit_id, head.version_number)
                .await?
                .ok_or(ApiError::NotFound)?;
            let document: ReportDocument =
                serde_json::from_str(&stored.document).map_err(|error| {
                    ApiError::Internal(format!("report document {visit_id}: {error}"))
                })?;
            state.db.prepared_reports.insert(
                head.sha256.clone(),
                PreparedReport::prepare(document, head.sha256.clone()),
            )
        }
    };
    let industry_now = report_documents::industry_averages(&state.db.pool).await?;
    let body = prepared.render(
        &industry_now,
        head.verifications
            .iter()
            .map(|(code, verification)| (code.as_str(), *verification)),
    );
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
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
