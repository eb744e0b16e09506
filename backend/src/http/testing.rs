//! `/api/testing/clock`: moves the server's clock so browser tests can reach a report's
//! third-party date or pass an objection deadline without waiting. Routed only when
//! `IMS_TEST_CLOCK` is on; otherwise the path does not exist.

use axum::extract::State;
use axum::routing::put;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::http::error::ApiError;
use crate::http::extract::AppJson;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/testing/clock", put(set_clock).get(read_clock))
}

#[derive(Debug, Deserialize, Serialize)]
struct ClockBody {
    /// Unix seconds.
    now: i64,
}

async fn read_clock(State(state): State<AppState>) -> Json<ClockBody> {
    Json(ClockBody {
        now: state.clock.now(),
    })
}

async fn set_clock(
    State(state): State<AppState>,
    AppJson(body): AppJson<ClockBody>,
) -> Result<Json<ClockBody>, ApiError> {
    if !state.clock.set_now(body.now) {
        return Err(ApiError::NotFound);
    }
    tracing::warn!(now = body.now, "test clock moved");
    Ok(Json(ClockBody {
        now: state.clock.now(),
    }))
}
