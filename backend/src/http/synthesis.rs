//! `/api/analytics/synthesis` and `/api/synthesis-editions`: the synthesis report of a quarter
//! or half-year as it stands (staff), and its issued editions, frozen when issued (read by
//! staff, factories and buyers; published on the public site).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use shared::api::synthesis::{
    IssueSynthesisEdition, SynthesisDocument, SynthesisEdition, SynthesisEditionSummary,
};
use shared::permissions::Action;

use crate::db::checklists;
use crate::db::synthesis_editions::{self, StoredEdition};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::require;
use crate::industry_figures::{self, EditionRefused};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/analytics/synthesis", get(live))
        .route("/synthesis-editions", get(list).post(issue))
        .route("/synthesis-editions/{id}", get(read))
}

#[derive(Debug, Deserialize)]
struct PeriodQuery {
    #[serde(default)]
    period: String,
}

/// The report of a period as it stands now: what an edition issued today would hold.
async fn live(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(query): Query<PeriodQuery>,
) -> Result<Json<SynthesisDocument>, ApiError> {
    require(&user, Action::ViewIndustryAnalytics)?;
    let mut connection = state.db.pool.acquire().await?;
    let names = checklists::current_names(&mut connection, &state.db.checklist_names).await?;
    industry_figures::synthesis(&mut connection, &names, &query.period)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::field("period", "period_invalid"))
}

/// Who issued an edition is a staff matter; everyone else reads the figures.
fn issuer_for(user: &ActiveUser, edition: &StoredEdition) -> Option<String> {
    user.0
        .user
        .role
        .is_programme_staff()
        .then(|| edition.issued_by.clone())
}

async fn list(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<SynthesisEditionSummary>>, ApiError> {
    require(&user, Action::ReadSynthesisEditions)?;
    let editions = synthesis_editions::all(&state.db.pool, false).await?;
    // Newest period first.
    Ok(Json(
        editions
            .iter()
            .rev()
            .map(|edition| SynthesisEditionSummary {
                id: edition.id,
                period: edition.period.clone(),
                issued_at: edition.issued_at,
                issued_by: issuer_for(&user, edition),
                data_as_of: edition.data_as_of,
                sha256: edition.sha256.clone(),
                factories: edition.factories,
            })
            .collect(),
    ))
}

fn edition_of(user: &ActiveUser, stored: StoredEdition) -> Result<SynthesisEdition, ApiError> {
    let document: SynthesisDocument = serde_json::from_str(&stored.document)
        .map_err(|error| ApiError::Internal(format!("stored edition {}: {error}", stored.id)))?;
    Ok(SynthesisEdition {
        issued_by: issuer_for(user, &stored),
        id: stored.id,
        period: stored.period,
        issued_at: stored.issued_at,
        data_as_of: stored.data_as_of,
        sha256: stored.sha256,
        document,
    })
}

async fn read(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
) -> Result<Json<SynthesisEdition>, ApiError> {
    require(&user, Action::ReadSynthesisEditions)?;
    let stored = synthesis_editions::find(&state.db.pool, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(edition_of(&user, stored)?))
}

/// Issues the edition of an ended period: computes the report as it stands and stores it
/// whole, with its hash. The first edition of a period stands; a second is refused.
async fn issue(
    State(state): State<AppState>,
    user: ActiveUser,
    AppJson(request): AppJson<IssueSynthesisEdition>,
) -> Result<(StatusCode, Json<SynthesisEdition>), ApiError> {
    require(&user, Action::IssueSynthesisEdition)?;
    let period = request.period.trim();
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    let names = checklists::current_names(&mut transaction, &state.db.checklist_names).await?;
    let id = industry_figures::issue_edition(&mut transaction, &names, period, user.0.user.id, now)
        .await?
        .map_err(|refused| match refused {
            EditionRefused::NotASynthesisPeriod => ApiError::field("period", "period_invalid"),
            EditionRefused::PeriodOpen => ApiError::field("period", "synthesis_period_open"),
            EditionRefused::NoData => ApiError::field("period", "synthesis_no_data"),
            EditionRefused::AlreadyIssued => ApiError::Conflict("synthesis_edition_exists"),
        })?;
    transaction.commit().await?;
    tracing::info!(edition = id, %period, by = user.0.user.id, "synthesis edition issued");
    if state.config.site.after_publication {
        crate::public_site::regenerate_in_background(
            &state.db,
            &state.config.site.dir,
            now,
            "synthesis edition",
        );
    }
    let stored = synthesis_editions::find(&state.db.pool, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(edition_of(&user, stored)?)))
}
