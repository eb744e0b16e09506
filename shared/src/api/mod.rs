//! Request and response bodies of the JSON API, one module per resource.

pub mod access;
pub mod analytics;
pub mod auth;
pub mod checklists;
pub mod closing_meetings;
pub mod concerns;
pub mod corrective_actions;
pub mod dashboard;
pub mod factories;
pub mod health;
pub mod improvement_actions;
pub mod management;
pub mod ministries;
pub mod objections;
pub mod outbox;
pub mod planning;
pub mod public_responses;
pub mod public_site;
pub mod reports;
pub mod self_assessments;
pub mod synthesis;
pub mod training;
pub mod users;
pub mod visits;

/// Header that carries the session's anti-forgery token on every state-changing request.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Name of the HttpOnly session cookie.
pub const SESSION_COOKIE: &str = "ims_session";
