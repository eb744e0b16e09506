//! The factory's public responses: which findings may have one, and how long it may be.

use crate::api::public_responses::PublicResponseInput;
use crate::error::FieldError;

/// A response is a short statement (what was fixed since), not a second report.
pub const STATEMENT_MAX_CHARS: usize = 500;

/// A finding the public site discloses, so one the factory may answer publicly: a
/// non-compliant answer to a critical-issue question or a publicly reported one.
pub fn is_disclosed(publicly_reported: bool, critical_issue: Option<i64>) -> bool {
    publicly_reported || critical_issue.is_some()
}

/// What is wrong with a response before it is sent.
pub fn response_problems(input: &PublicResponseInput) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if input.question_code.trim().is_empty() {
        problems.push(FieldError::new("question_code", "required"));
    }
    let statement = input.statement.trim();
    if statement.is_empty() {
        problems.push(FieldError::new("statement", "required"));
    } else if statement.chars().count() > STATEMENT_MAX_CHARS {
        problems.push(FieldError::new("statement", "too_long"));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(code: &str, statement: &str) -> PublicResponseInput {
        PublicResponseInput {
            question_code: code.to_owned(),
            statement: statement.to_owned(),
        }
    }

    #[test]
    fn a_response_says_something_short_about_one_finding() {
        assert!(response_problems(&input("CHI.01.01", "Fixed: fire exits unlocked.")).is_empty());
        let codes = |problems: Vec<FieldError>| -> Vec<(String, String)> {
            problems.into_iter().map(|p| (p.field, p.code)).collect()
        };
        assert_eq!(
            codes(response_problems(&input("", "  "))),
            vec![
                ("question_code".to_owned(), "required".to_owned()),
                ("statement".to_owned(), "required".to_owned())
            ]
        );
        let long = "ស".repeat(STATEMENT_MAX_CHARS + 1);
        assert_eq!(
            codes(response_problems(&input("CHI.01.01", &long))),
            vec![("statement".to_owned(), "too_long".to_owned())]
        );
        assert!(
            response_problems(&input("CHI.01.01", &"ស".repeat(STATEMENT_MAX_CHARS))).is_empty()
        );
    }

    #[test]
    fn only_disclosed_findings_take_a_public_response() {
        assert!(is_disclosed(true, None));
        assert!(is_disclosed(false, Some(3)));
        assert!(!is_disclosed(false, None));
    }
}
