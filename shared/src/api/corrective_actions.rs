//! `/api/reports/{id}/corrective-actions` and `/api/corrective-actions/{id}/…`: the factory's
//! corrective action plan for a published report and the monitors' verification.

use serde::{Deserialize, Serialize};

use crate::wire::{ActionStatus, Verification, VerifiedShare};

/// A factory's new action for one finding (the question code of a non-compliant answer).
/// `status` and the date are text so that a wrong value is a field error, not a bad request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewCorrectiveAction {
    pub question_code: String,
    /// What will be done.
    pub description: String,
    /// Who is responsible.
    pub responsible: String,
    /// ISO date.
    pub target_date: String,
    /// planned, in_progress or done.
    pub status: String,
}

/// A progress note on an action, optionally moving its status.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionUpdateInput {
    pub comment: String,
    #[serde(default)]
    pub status: Option<String>,
}

/// A monitor's check of an action: verified or not_verified, with what was seen.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VerificationInput {
    pub outcome: String,
    pub note: String,
}

/// One update of an action: who, when, what they said and the status it moved to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionUpdate {
    pub comment: String,
    pub status: Option<ActionStatus>,
    pub author_name: String,
    /// Unix seconds.
    pub posted_at: i64,
}

/// A monitor's verification of an action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionVerification {
    pub outcome: Verification,
    pub note: String,
    pub monitor_name: String,
    /// Unix seconds.
    pub verified_at: i64,
    /// The later visit during which the monitor checked it.
    pub visit_id: Option<i64>,
    pub visit_start_date: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorrectiveAction {
    pub id: i64,
    pub question_code: String,
    pub description: String,
    pub responsible: String,
    pub target_date: String,
    pub status: ActionStatus,
    pub created_by_name: String,
    pub created_at: i64,
    pub updates: Vec<ActionUpdate>,
    pub verification: Option<ActionVerification>,
}

/// The plan of one report: every action, the share verified as fixed, and what the reader
/// may do with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorrectiveActionPlan {
    pub visit_id: i64,
    /// In the order they were posted; the web app groups them by `question_code`.
    pub actions: Vec<CorrectiveAction>,
    pub share: VerifiedShare,
    /// The reader is the factory's manager: may post actions and updates.
    pub may_post: bool,
    /// The reader is a monitor on a later visit of the factory: may verify actions.
    pub may_verify: bool,
}
