//! `/api/public-site`: administrators see the public site's latest generation and write a new
//! one from the published reports (the same code as `ims-publish-site`).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::api::public_site::PublicSiteStatus;
use shared::permissions::Action;

use crate::http::error::ApiError;
use crate::http::extract::ActiveUser;
use crate::http::guards::require;
use crate::public_site::{self, SiteError};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/public-site", get(status).post(publish))
}

fn status_of(state: &AppState) -> Result<PublicSiteStatus, ApiError> {
    Ok(PublicSiteStatus {
        url: state.config.site.url.clone(),
        latest: public_site::latest(&state.config.site.dir).map_err(site_error)?,
        after_publication: state.config.site.after_publication,
    })
}

fn site_error(error: SiteError) -> ApiError {
    match error {
        SiteError::Database(error) => ApiError::from(error),
        // The folder is the server's business: the reason goes to the log, not to the page.
        other => ApiError::Internal(format!("the public site could not be written: {other}")),
    }
}

async fn status(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<PublicSiteStatus>, ApiError> {
    require(&user, Action::PublishPublicSite)?;
    Ok(Json(status_of(&state)?))
}

async fn publish(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<PublicSiteStatus>, ApiError> {
    require(&user, Action::PublishPublicSite)?;
    let written = public_site::generate(&state.db, &state.config.site.dir, state.clock.now())
        .await
        .map_err(site_error)?;
    tracing::info!(
        sequence = written.sequence,
        files = written.files.len(),
        by = user.0.user.id,
        "public site written"
    );
    Ok(Json(status_of(&state)?))
}
