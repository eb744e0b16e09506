//! The documents the monitors request at a visit, seen by the factory as soon as the visit has
//! ended (long before the report is published; requests of the last
//! [`REQUESTED_DOCUMENTS_WINDOW_DAYS`] days) and marked handed over by its manager; the
//! monitors see the factory's word on the visit page and confirm with the day received.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::visits::{DocumentHandover, RequestedDocument};
use shared::date::{add_days, cambodia_date};
use shared::permissions::Action;
use shared::visit::{
    document_handover_problems, document_is_overdue, REQUESTED_DOCUMENTS_WINDOW_DAYS,
};

use crate::db::visits;
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::require;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/factories/{id}/requested-documents",
            get(requested_documents),
        )
        .route("/visits/{id}/documents/handover", post(hand_over))
}

async fn requested_documents(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
) -> Result<Json<Vec<RequestedDocument>>, ApiError> {
    require(&user, Action::ViewRequestedDocuments { factory_id })?;
    let today = cambodia_date(state.clock.now());
    let since = add_days(&today, -REQUESTED_DOCUMENTS_WINDOW_DAYS).unwrap_or_default();
    let documents = visits::requested_documents(&state.db.pool, factory_id, &since, &today)
        .await?
        .into_iter()
        .map(|(visit_id, visit_date, document)| RequestedDocument {
            overdue: document_is_overdue(&document, &today),
            visit_id,
            visit_date,
            document,
        })
        .collect();
    Ok(Json(documents))
}

async fn hand_over(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
    AppJson(input): AppJson<DocumentHandover>,
) -> Result<(StatusCode, Json<RequestedDocument>), ApiError> {
    let visit = visits::find(&state.db.pool, visit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    require(
        &user,
        Action::HandOverDocument {
            factory_id: visit.factory_id,
        },
    )?;
    let now = state.clock.now();
    let today = cambodia_date(now);
    // As in the list: a visit's requests reach the factory once the visit has ended.
    if visit.end_date > today {
        return Err(ApiError::NotFound);
    }
    let mut transaction = state.db.pool.begin().await?;
    let facts = visits::facts(&mut transaction, visit_id).await?;
    let document = facts
        .documents
        .into_iter()
        .find(|document| document.name == input.name.trim())
        .ok_or_else(|| ApiError::field("name", "document_unknown"))?;
    let problems = document_handover_problems(&document, &input.handed_over_on, &today);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let day = input.handed_over_on.trim();
    if !visits::record_document_handover(
        &mut transaction,
        visit_id,
        &document.name,
        day,
        user.0.user.id,
        now,
    )
    .await?
    {
        return Err(ApiError::Conflict("document_already_handed_over"));
    }
    transaction.commit().await?;
    tracing::info!(visit_id, by = user.0.user.id, "document handed over");
    let document = shared::api::visits::DocumentRequest {
        handed_over_on: Some(day.to_owned()),
        ..document
    };
    Ok((
        StatusCode::CREATED,
        Json(RequestedDocument {
            overdue: document_is_overdue(&document, &today),
            visit_id,
            visit_date: visit.start_date,
            document,
        }),
    ))
}
