//! The factory's own improvement actions, turned from non-compliant points of its
//! self-assessments, and the factory's one list of actions: corrective actions for report
//! findings and self-identified improvement actions together.

use serde::{Deserialize, Serialize};

use crate::api::corrective_actions::ActionUpdate;
use crate::wire::ActionStatus;

/// An improvement action the factory identified itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImprovementAction {
    pub id: i64,
    pub self_assessment_id: i64,
    pub question_code: String,
    pub description: String,
    pub responsible: String,
    pub target_date: String,
    pub status: ActionStatus,
    pub created_by_name: String,
    /// Unix seconds.
    pub created_at: i64,
    pub updates: Vec<ActionUpdate>,
}

/// Where an action on the factory's list comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionSource {
    /// A finding of a published report (a corrective action).
    Report,
    /// A point of the factory's own self-assessment (an improvement action).
    SelfIdentified,
}

/// One action on the factory's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactoryAction {
    pub id: i64,
    pub source: ActionSource,
    /// The report (for corrective actions) or the self-assessment (for improvement actions).
    pub origin_id: i64,
    pub question_code: String,
    pub description: String,
    pub responsible: String,
    pub target_date: String,
    pub status: ActionStatus,
    /// Still open after its target date (`shared::corrective_action::is_overdue`).
    pub overdue: bool,
}

/// The factory's actions, newest first, with what is open and overdue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactoryActions {
    pub actions: Vec<FactoryAction>,
    pub open: i64,
    pub overdue: i64,
}
