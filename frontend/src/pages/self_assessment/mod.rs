//! The factory's self-assessments: the list and the start form, one self-assessment's progress,
//! the capture of one cluster (the monitors' capture, with a note per answer), and the result.

pub mod capture;
pub mod detail;
pub mod improvement;
pub mod list;
pub mod result;

use shared::api::self_assessments::{SelfAssessmentResult, SelfAssessmentSummary};
use shared::wire::SelfAssessmentStatus;

use crate::api;

use crate::api::ApiError;

pub(crate) use crate::pages::path_id;

/// The latest completed self-assessment of `factory_id` with its result, if there is one.
pub(crate) async fn latest_result(
    factory_id: i64,
) -> Result<Option<SelfAssessmentResult>, ApiError> {
    let summaries: Vec<SelfAssessmentSummary> =
        api::self_assessments::list(Some(factory_id)).await?;
    let latest = summaries
        .into_iter()
        .filter(|summary| summary.status == SelfAssessmentStatus::Completed)
        .max_by_key(|summary| summary.completed_at);
    match latest {
        Some(summary) => api::self_assessments::result(summary.id).await.map(Some),
        None => Ok(None),
    }
}
