//! The IMS backend: an axum JSON API over SQLite or PostgreSQL that also serves the web app.
//!
//! Layers, from the outside in: `http` (routes, extractors, error envelope) calls `db`
//! (every SQL string, one module per resource) and `domain` (pure rules: passwords,
//! throttling, permissions). `startup` wires them; `main` only reads config and runs.

pub mod answer_changes;
pub mod clock;
pub mod config;
pub mod db;
pub mod default_checklist;
pub mod demo;
pub mod demo_visits;
pub mod domain;
pub mod generator;
pub mod http;
pub mod industry_figures;
pub mod mail;
pub mod management_report;
pub mod ministry_reports;
pub mod planner;
pub mod public_site;
pub mod publication;
pub mod self_assessment_comparisons;
pub mod startup;
pub mod state;
pub mod telemetry;
