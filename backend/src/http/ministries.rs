//! `/api/ministry-letters`: the reports of non-cooperation written to the Ministry of Labour
//! and Vocational Training and the Ministry of Commerce when an obstructed visit's report is
//! approved, with their email delivery; staff record when the paper copy was handed over.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::ministries::{MinistryLetter, PaperHandover};
use shared::date::cambodia_date;
use shared::ministry::{as_read_by_ministry, handover_problems};
use shared::permissions::{may, Action};

use crate::db::ministry_letters;
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::require;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ministry-letters", get(list_letters))
        .route("/ministry-letters/{id}", get(get_letter))
        .route(
            "/ministry-letters/{id}/paper-handover",
            post(record_handover),
        )
}

async fn list_letters(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<MinistryLetter>>, ApiError> {
    require(&user, Action::ReadMinistryLetters)?;
    let letters = ministry_letters::list(&state.db.pool).await?;
    Ok(Json(
        letters
            .into_iter()
            .map(|letter| as_read_by(&user, letter))
            .collect(),
    ))
}

/// Staff who record the delivery read everything; ministry staff read the letter without the
/// programme's own notes.
fn as_read_by(user: &ActiveUser, letter: MinistryLetter) -> MinistryLetter {
    if may(&user.actor(), Action::RecordMinistryDelivery) {
        letter
    } else {
        as_read_by_ministry(letter)
    }
}

async fn get_letter(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
) -> Result<Json<MinistryLetter>, ApiError> {
    require(&user, Action::ReadMinistryLetters)?;
    ministry_letters::find(&state.db.pool, id)
        .await?
        .map(|letter| Json(as_read_by(&user, letter)))
        .ok_or(ApiError::NotFound)
}

async fn record_handover(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
    AppJson(input): AppJson<PaperHandover>,
) -> Result<Json<MinistryLetter>, ApiError> {
    require(&user, Action::RecordMinistryDelivery)?;
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    let letter = ministry_letters::find(&mut *transaction, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let problems = handover_problems(&input, &letter.written_on, &cambodia_date(now));
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let (day, note) = (input.handed_over_on.trim(), input.note.trim());
    if !ministry_letters::record_handover(&mut transaction, id, day, note, user.0.user.id, now)
        .await?
    {
        return Err(ApiError::Conflict("paper_already_handed_over"));
    }
    let letter = ministry_letters::find(&mut *transaction, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    transaction.commit().await?;
    tracing::info!(
        letter_id = id,
        by = user.0.user.id,
        "ministry letter handed over"
    );
    Ok(Json(letter))
}
