//! `/api/concerns`: concerns that union representatives (accredited third parties) raise
//! about a factory, and programme staff review.

use serde::{Deserialize, Serialize};

use crate::wire::{ConcernCategory, ConcernStatus};

/// A factory a union representative may raise a concern about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConcernFactoryOption {
    pub id: i64,
    pub name: String,
    pub province: String,
}

/// A new concern. The category is text so that a wrong value is a field error.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewConcern {
    pub factory_id: i64,
    pub category: String,
    pub description: String,
}

/// A reviewer's decision: verified or not_verified, with a note.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConcernReviewInput {
    pub outcome: String,
    pub note: String,
}

/// A concern as programme staff and its submitter see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Concern {
    pub id: i64,
    pub factory_id: i64,
    pub factory_name: String,
    pub category: ConcernCategory,
    pub description: String,
    pub status: ConcernStatus,
    pub submitted_by_name: String,
    pub organisation_name: Option<String>,
    /// Unix seconds.
    pub submitted_at: i64,
    pub review_note: String,
    pub reviewed_by_name: Option<String>,
    pub reviewed_at: Option<i64>,
}

/// A verified concern as the factory and buyers with access see it: never who raised it.
/// Buyers see the category and date only (`description` is `None`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VerifiedConcern {
    pub id: i64,
    pub category: ConcernCategory,
    pub description: Option<String>,
    /// ISO date (Cambodia) of the verification.
    pub verified_on: String,
}

/// A factory flagged for a visit by verified concerns not yet followed by one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlaggedFactory {
    pub factory_id: i64,
    pub factory_name: String,
    pub verified_concerns: i64,
    /// ISO date of the oldest verification still waiting for a visit.
    pub since: String,
}
