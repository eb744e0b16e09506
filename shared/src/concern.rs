//! Union and accredited third-party concerns: their categories, their review, and the rule
//! for what a new concern must say.

use crate::api::concerns::{ConcernReviewInput, NewConcern};
use crate::error::FieldError;
pub use crate::wire::{ConcernCategory, ConcernStatus};

impl ConcernCategory {
    /// Translation key of the category's name.
    pub fn label_key(self) -> String {
        format!("concern_category.{}", self.as_str())
    }
}

/// Where a concern in `status` goes by the review `outcome`, or the code of the refusal: a
/// concern is reviewed once, to verified or not verified.
pub fn decide_concern_review(
    status: ConcernStatus,
    outcome: ConcernStatus,
) -> Result<ConcernStatus, &'static str> {
    match (status, outcome) {
        (ConcernStatus::Submitted, ConcernStatus::Verified | ConcernStatus::NotVerified) => {
            Ok(outcome)
        }
        (ConcernStatus::Submitted, ConcernStatus::Submitted) => Err("choose_one"),
        _ => Err("concern_already_reviewed"),
    }
}

/// Longest description or review note.
pub const CONCERN_TEXT_MAX_CHARS: usize = 5_000;

fn text_problem(field: &str, text: &str, problems: &mut Vec<FieldError>) {
    let text = text.trim();
    if text.is_empty() {
        problems.push(FieldError::new(field, "required"));
    } else if text.chars().count() > CONCERN_TEXT_MAX_CHARS {
        problems.push(FieldError::new(field, "too_long"));
    }
}

/// What is wrong with a new concern (whether the factory exists is the server's check).
pub fn new_concern_problems(concern: &NewConcern) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if concern.factory_id <= 0 {
        problems.push(FieldError::new("factory_id", "required"));
    }
    if ConcernCategory::parse(&concern.category).is_none() {
        problems.push(FieldError::new("category", "choose_one"));
    }
    text_problem("description", &concern.description, &mut problems);
    problems
}

/// A review needs an outcome and a note saying why.
pub fn review_problems(review: &ConcernReviewInput) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if !matches!(review.outcome.as_str(), "verified" | "not_verified") {
        problems.push(FieldError::new("outcome", "choose_one"));
    }
    text_problem("note", &review.note, &mut problems);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_concern_needs_a_factory_a_known_category_and_a_description() {
        let concern = NewConcern {
            factory_id: 0,
            category: "pay".into(),
            description: " ".into(),
        };
        let fields: Vec<String> = new_concern_problems(&concern)
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, vec!["factory_id", "category", "description"]);
        let concern = NewConcern {
            factory_id: 3,
            category: "working_hours".into(),
            description: "Forced overtime on Sundays".into(),
        };
        assert!(new_concern_problems(&concern).is_empty());
    }

    #[test]
    fn a_review_is_verified_or_not_with_a_note() {
        let review = ConcernReviewInput {
            outcome: "submitted".into(),
            note: String::new(),
        };
        assert_eq!(review_problems(&review).len(), 2);
        let review = ConcernReviewInput {
            outcome: "not_verified".into(),
            note: "Workers interviewed deny it".into(),
        };
        assert!(review_problems(&review).is_empty());
    }

    #[test]
    fn every_category_has_a_translation_key() {
        for category in ConcernCategory::ALL {
            assert!(crate::i18n::has_key(
                crate::i18n::Lang::En,
                &category.label_key()
            ));
        }
    }

    #[test]
    fn a_concern_is_reviewed_once() {
        use ConcernStatus::*;
        assert_eq!(decide_concern_review(Submitted, Verified), Ok(Verified));
        assert_eq!(
            decide_concern_review(Submitted, NotVerified),
            Ok(NotVerified)
        );
        assert_eq!(
            decide_concern_review(Submitted, Submitted),
            Err("choose_one")
        );
        assert_eq!(
            decide_concern_review(Verified, NotVerified),
            Err("concern_already_reviewed")
        );
    }
}
