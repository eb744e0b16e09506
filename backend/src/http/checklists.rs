//! `/api/checklists`: checklist versions — read and export for programme staff; import and
//! publish for administrators. A published version is never changed: a correction is a new
//! version, and visits keep the version they were created with.

use axum::extract::DefaultBodyLimit;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use shared::api::checklists::{ChecklistVersion, ChecklistVersionDetail};

use crate::db::checklists;
use crate::domain::checklist_csv::{parse_checklist_csv, write_checklist_csv};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppBytes, AppPath};
use crate::http::guards::require;
use crate::state::AppState;
use shared::permissions::Action;

/// A checklist of a thousand questions in three languages stays well below this.
const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;
const MAX_LABEL_CHARS: usize = 80;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/checklists", get(list_versions))
        .route(
            "/checklists/import",
            post(import_version).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)),
        )
        .route("/checklists/{id}", get(get_version))
        .route("/checklists/{id}/export", get(export_version))
        .route("/checklists/{id}/publish", post(publish_version))
}

async fn list_versions(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<ChecklistVersion>>, ApiError> {
    require(&user, Action::ViewChecklists)?;
    Ok(Json(checklists::list_versions(&state.db.pool).await?))
}

async fn get_version(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(version_id): AppPath<i64>,
) -> Result<Json<ChecklistVersionDetail>, ApiError> {
    require(&user, Action::ViewChecklists)?;
    let version = checklists::find_version(&state.db.pool, version_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut connection = state.db.pool.acquire().await?;
    let content = checklists::load_content(&mut connection, version_id).await?;
    Ok(Json(ChecklistVersionDetail { version, content }))
}

async fn export_version(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(version_id): AppPath<i64>,
) -> Result<impl IntoResponse, ApiError> {
    require(&user, Action::ViewChecklists)?;
    let version = checklists::find_version(&state.db.pool, version_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut connection = state.db.pool.acquire().await?;
    let content = checklists::load_content(&mut connection, version_id).await?;
    let file_name: String = version
        .label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"checklist_{file_name}.csv\""),
            ),
        ],
        write_checklist_csv(&content),
    ))
}

#[derive(Debug, Deserialize)]
struct ImportParams {
    #[serde(default)]
    label: String,
}

/// Imports a CSV file (the request body) as a new draft version, whole or not at all.
async fn import_version(
    State(state): State<AppState>,
    admin: ActiveUser,
    Query(params): Query<ImportParams>,
    AppBytes(body): AppBytes,
) -> Result<(StatusCode, Json<ChecklistVersion>), ApiError> {
    require(&admin, Action::ManageChecklists)?;
    let label = params.label.trim();
    if label.is_empty() {
        return Err(ApiError::field("label", "required"));
    }
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(ApiError::field("label", "too_long"));
    }
    if checklists::label_taken(&state.db.pool, label).await? {
        return Err(ApiError::field("label", "label_taken"));
    }
    if body.len() > MAX_IMPORT_BYTES {
        return Err(ApiError::MalformedRequest(
            "the file is larger than 5 MB".to_owned(),
        ));
    }
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::MalformedRequest("the file is not UTF-8 text".to_owned()))?;
    let content = parse_checklist_csv(text).map_err(ApiError::ImportRejected)?;
    let mut transaction = state.db.pool.begin().await?;
    let version_id = checklists::insert_version(
        &mut transaction,
        label,
        &content,
        Some(admin.0.user.id),
        state.clock.now(),
        false,
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(
        version_id,
        by = admin.0.user.id,
        "checklist version imported"
    );
    let version = checklists::find_version(&state.db.pool, version_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(version)))
}

async fn publish_version(
    State(state): State<AppState>,
    admin: ActiveUser,
    AppPath(version_id): AppPath<i64>,
) -> Result<Json<ChecklistVersion>, ApiError> {
    require(&admin, Action::ManageChecklists)?;
    checklists::find_version(&state.db.pool, version_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !checklists::publish_version(&state.db.pool, version_id, state.clock.now()).await? {
        return Err(ApiError::Conflict("checklist_already_published"));
    }
    tracing::info!(
        version_id,
        by = admin.0.user.id,
        "checklist version published"
    );
    let version = checklists::find_version(&state.db.pool, version_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(version))
}
