//! The route table: one router per resource under `/api`, and the web app for every other path.

pub mod access;
pub mod analytics;
pub mod auth;
pub mod checklists;
pub mod closing_meetings;
pub mod concerns;
pub mod corrective_actions;
pub mod dashboard;
pub mod error;
pub mod extract;
pub mod factories;
pub mod guards;
pub mod health;
pub mod holidays;
pub mod improvement_actions;
pub mod management;
pub mod meetings;
pub mod ministries;
pub mod objections;
pub mod outbox;
pub mod planning;
pub mod public_responses;
pub mod public_site;
pub mod reports;
pub mod security;
pub mod self_assessment_figures;
pub mod self_assessments;
pub mod static_files;
pub mod synthesis;
pub mod testing;
pub mod training;
pub mod training_plans;
pub mod users;
pub mod visit_documents;
pub mod visits;

use axum::middleware;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use crate::state::AppState;

/// The whole application, without a listener, so tests can call it in-process.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .merge(health::router())
        .nest("/auth", auth::router())
        .merge(users::router())
        .merge(factories::router())
        .merge(dashboard::router())
        .merge(checklists::router())
        .merge(visits::router())
        .merge(visit_documents::router())
        .merge(closing_meetings::router())
        .merge(planning::router())
        .merge(management::router())
        .merge(ministries::router())
        .merge(outbox::router())
        .merge(analytics::router())
        .merge(synthesis::router())
        .merge(reports::router())
        .merge(holidays::router())
        .merge(public_site::router())
        .merge(public_responses::router())
        .merge(objections::router())
        .merge(meetings::router())
        .merge(access::router())
        .merge(corrective_actions::router())
        .merge(improvement_actions::router())
        .merge(concerns::router())
        .merge(self_assessments::router())
        .merge(self_assessment_figures::router())
        .merge(training::router())
        .merge(training_plans::router());
    // Browser tests only (IMS_TEST_CLOCK): the path does not exist otherwise.
    let api = if state.config.test_clock {
        api.merge(testing::router())
    } else {
        api
    };
    let api = api
        .fallback(error::api_not_found)
        .method_not_allowed_fallback(error::api_method_not_allowed)
        .layer(middleware::from_fn(extract::reject_cross_site_writes));

    let security = security::layers(&state.config.static_dir, state.config.cookie_secure);
    let mut app = Router::new()
        .nest("/api", api)
        // `nest` does not match the bare prefix with a slash; it is still an API path.
        .route("/api/", axum::routing::any(error::api_not_found))
        .fallback_service(static_files::service(&state.config.static_dir))
        .layer(middleware::from_fn(error::with_request_language))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http());
    for layer in security {
        app = app.layer(layer);
    }
    app.with_state(state)
}
