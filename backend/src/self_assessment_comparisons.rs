//! Each factory's latest completed self-assessment compared with its latest published report:
//! the base of the industry's blind spots (analytics) and of the planner's blind-spot reason.

use sqlx::AnyConnection;

use crate::db::{checklists, corrective_actions, reports, self_assessments};
use crate::domain::self_assessment::{self as rules, Comparison, StoredScores};

/// What the latest self-assessments show against the reports.
pub struct LatestComparisons {
    /// Factories with a completed self-assessment (compared or not).
    pub factories_self_assessing: i64,
    /// Factory id and its comparison, for those that also have a published report.
    pub comparisons: Vec<(i64, Comparison)>,
}

/// Compares every factory's latest completed self-assessment with its latest report.
pub async fn latest(connection: &mut AnyConnection) -> Result<LatestComparisons, ComparisonError> {
    let latest = self_assessments::latest_completed_per_factory(&mut *connection).await?;
    let factories_self_assessing = i64::try_from(latest.len()).unwrap_or(i64::MAX);
    let mut comparisons = Vec::new();
    for record in &latest {
        let Some(json) = &record.scores else {
            continue;
        };
        let scores: StoredScores = serde_json::from_str(json)?;
        let factory_id = record.summary.factory_id;
        let Some(visit_id) = reports::latest_report(&mut *connection, factory_id, None).await?
        else {
            continue;
        };
        let content =
            checklists::load_content(connection, record.summary.checklist_version_id).await?;
        let content = rules::restricted(&content, &record.summary.clusters);
        let outcomes = reports::point_outcomes(&mut *connection, visit_id).await?;
        let actions = corrective_actions::for_visit(connection, visit_id).await?;
        comparisons.push((
            factory_id,
            rules::compare(
                &content,
                &scores.points,
                &outcomes,
                &rules::reported_done(&actions),
            ),
        ));
    }
    Ok(LatestComparisons {
        factories_self_assessing,
        comparisons,
    })
}

#[derive(Debug, thiserror::Error)]
pub enum ComparisonError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("stored self-assessment scores: {0}")]
    StoredScores(#[from] serde_json::Error),
}
