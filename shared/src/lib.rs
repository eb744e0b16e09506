//! Types and pure rules shared by the backend and the WebAssembly frontend.
//!
//! Nothing here does I/O: request/response bodies (`api`), the role model (`roles`),
//! input validators that both sides run (`validate`) and the one translation catalogue
//! (`i18n`) that the UI and the server read from `locales/`; working-day deadlines (`deadline`).

pub mod access;
pub mod analytics;
pub mod api;
pub mod checklist;
pub mod closing_meeting;
pub mod concern;
pub mod corrective_action;
pub mod date;
pub mod deadline;
pub mod disclosure;
pub mod error;
pub mod factory;
pub mod i18n;
pub mod management;
pub mod ministry;
pub mod objection;
pub mod permissions;
pub mod planning;
pub mod public_response;
pub mod roles;
pub mod synthesis;
pub mod table;
pub mod training;
pub mod validate;
pub mod visit;
pub mod wire;
