//! `/api/health`: is the server up and can it reach its database?

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use shared::api::health::{DatabaseHealth, Health};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let reachable = state.db.is_reachable().await;
    let status = if reachable {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = Health {
        status: if reachable { "ok" } else { "degraded" }.to_owned(),
        database: DatabaseHealth {
            kind: state.db.kind.name().to_owned(),
            reachable,
        },
        version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    (status, Json(body))
}
