//! `/api/holidays`: the public-holiday calendar that working-day deadlines skip. Everyone
//! signed in reads it (a factory sees why its deadline is when it is); administrators add
//! and remove days.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use serde::Deserialize;
use shared::date::cambodia_date;
use shared::deadline::{
    holiday_problems, is_iso_date, years_deadlines_need, years_without_holidays, Holiday,
    HolidayCoverage,
};

use crate::db::holidays;
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::require;
use crate::state::AppState;
use shared::permissions::Action;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/holidays", get(list).post(add))
        .route("/holidays/coverage", get(coverage))
        .route("/holidays/{date}", delete(remove))
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    /// Only this calendar year (`2025`); every year when absent or empty.
    #[serde(default)]
    year: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<Holiday>>, ApiError> {
    require(&user, Action::ViewHolidays)?;
    let year = match query.year.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => match text.parse::<i32>() {
            Ok(year) if (1000..=9998).contains(&year) => Some(year),
            _ => return Err(ApiError::field("year", "number_invalid")),
        },
    };
    Ok(Json(holidays::list(&state.db.pool, year).await?))
}

/// Whether the calendar covers the years in which deadlines are counted now; the holiday page
/// warns administrators when it does not.
async fn coverage(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<HolidayCoverage>, ApiError> {
    require(&user, Action::ViewHolidays)?;
    let Some((first, last)) = years_deadlines_need(&cambodia_date(state.clock.now())) else {
        return Ok(Json(HolidayCoverage::default()));
    };
    let dates = holidays::dates_from(&state.db.pool, &first).await?;
    Ok(Json(HolidayCoverage {
        years_without_holidays: years_without_holidays(&first, &last, &dates),
    }))
}

async fn add(
    State(state): State<AppState>,
    user: ActiveUser,
    AppJson(holiday): AppJson<Holiday>,
) -> Result<(StatusCode, Json<Holiday>), ApiError> {
    require(&user, Action::ManageHolidays)?;
    let problems = holiday_problems(&holiday);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let holiday = Holiday {
        date: holiday.date,
        name: holiday.name.trim().to_owned(),
    };
    let added =
        holidays::insert(&state.db.pool, &holiday, user.0.user.id, state.clock.now()).await?;
    if !added {
        return Err(ApiError::field("date", "holiday_exists"));
    }
    tracing::info!(user_id = user.0.user.id, date = %holiday.date, "holiday added");
    Ok((StatusCode::CREATED, Json(holiday)))
}

async fn remove(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(date): AppPath<String>,
) -> Result<StatusCode, ApiError> {
    require(&user, Action::ManageHolidays)?;
    if !is_iso_date(&date) {
        return Err(ApiError::NotFound);
    }
    if !holidays::delete(&state.db.pool, &date).await? {
        return Err(ApiError::NotFound);
    }
    tracing::info!(user_id = user.0.user.id, date = %date, "holiday removed");
    Ok(StatusCode::NO_CONTENT)
}
