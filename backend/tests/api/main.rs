//! API integration tests: the whole application in-process, each test once on SQLite and
//! once on PostgreSQL (set `IMS_TEST_POSTGRES_URL`, e.g. `postgres://postgres@127.0.0.1:5432/test`,
//! to a server where the user may create databases; without it the PostgreSQL runs skip).

#[macro_use]
mod helpers;

mod access;
mod access_matrix;
mod analytics;
mod answer_conflicts;
mod auth;
mod authorization;
mod checklists;
mod closing_meetings;
mod concerns;
mod corrective_actions;
mod dashboard;
mod errors;
mod factories;
mod fixtures;
mod health;
mod holidays;
mod improvement_actions;
mod mail;
mod management;
mod matrix;
mod migrations;
mod ministries;
mod objections;
mod outbox;
mod planning;
mod public_responses;
mod public_site;
mod registry;
mod report_documents;
mod self_assessment_accuracy;
mod self_assessments;
mod synthesis_editions;
mod training;
mod training_plans;
mod users;
mod visit_documents;
mod visits;
