//! Corrective action plans: what a factory does about each non-compliant finding of a
//! published report, and the monitors' verification at the next visit.
//!
//! The share of findings verified as fixed is defined here once, for the server (which sends
//! it with the report) and the web app.

use crate::api::corrective_actions::{ActionUpdateInput, NewCorrectiveAction, VerificationInput};
use crate::date::is_iso_date;
use crate::error::FieldError;
pub use crate::wire::{ActionStatus, Verification, VerifiedShare};

/// Longest "what will be done", update comment or verification note.
pub const ACTION_TEXT_MAX_CHARS: usize = 2_000;
/// Longest "who is responsible" (a name and a position).
pub const RESPONSIBLE_MAX_CHARS: usize = 200;

/// True when a finding counts as verified fixed: the factory posted at least one action for
/// it and a monitor verified every one of them. A finding without actions, or with an action
/// not yet checked or found not in place, is not fixed.
pub fn finding_is_verified_fixed(verifications: &[Option<Verification>]) -> bool {
    !verifications.is_empty()
        && verifications
            .iter()
            .all(|verification| *verification == Some(Verification::Verified))
}

/// The share of findings verified as fixed, given for each finding of the report the
/// verifications of its actions (an empty list for a finding without actions).
pub fn verified_share<'a>(
    findings: impl IntoIterator<Item = &'a [Option<Verification>]>,
) -> VerifiedShare {
    let mut share = VerifiedShare::default();
    for verifications in findings {
        share.findings += 1;
        share.verified_fixed += i64::from(finding_is_verified_fixed(verifications));
    }
    share.percent =
        (share.findings > 0).then(|| share.verified_fixed as f64 * 100.0 / share.findings as f64);
    share
}

fn text_problem(field: &str, text: &str, max: usize, problems: &mut Vec<FieldError>) {
    let text = text.trim();
    if text.is_empty() {
        problems.push(FieldError::new(field, "required"));
    } else if text.chars().count() > max {
        problems.push(FieldError::new(field, "too_long"));
    }
}

/// True when an action is still open after its target date: `today` and `target_date` are ISO
/// dates (Cambodia), compared as text. The same rule for corrective actions of reports and the
/// factory's own improvement actions.
pub fn is_overdue(target_date: &str, status: ActionStatus, today: &str) -> bool {
    status != ActionStatus::Done && is_iso_date(target_date) && target_date < today
}

/// Factories with corrective actions open past their target date on `today`, from the open
/// actions as (factory id, factory name, target date, status): most actions first, then the
/// earliest target missed. The planner's and the management report's one rule.
pub fn actions_behind(
    open: impl IntoIterator<Item = (i64, String, String, String)>,
    today: &str,
) -> Vec<crate::api::management::ActionsBehind> {
    use crate::api::management::ActionsBehind;
    let mut behind: std::collections::BTreeMap<i64, ActionsBehind> = Default::default();
    for (factory_id, factory_name, target, status) in open {
        let status = ActionStatus::parse(&status).unwrap_or(ActionStatus::Planned);
        if !is_overdue(&target, status, today) {
            continue;
        }
        let entry = behind.entry(factory_id).or_insert_with(|| ActionsBehind {
            factory_id,
            factory_name,
            actions: 0,
            oldest_target: target.clone(),
        });
        entry.actions += 1;
        if target < entry.oldest_target {
            entry.oldest_target = target;
        }
    }
    let mut behind: Vec<ActionsBehind> = behind.into_values().collect();
    behind.sort_by(|a, b| {
        b.actions
            .cmp(&a.actions)
            .then(a.oldest_target.cmp(&b.oldest_target))
    });
    behind
}

/// What is wrong with a new action (the finding itself is checked by the server).
pub fn new_action_problems(action: &NewCorrectiveAction) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if action.question_code.trim().is_empty() {
        problems.push(FieldError::new("question_code", "required"));
    }
    text_problem(
        "description",
        &action.description,
        ACTION_TEXT_MAX_CHARS,
        &mut problems,
    );
    text_problem(
        "responsible",
        &action.responsible,
        RESPONSIBLE_MAX_CHARS,
        &mut problems,
    );
    if action.target_date.trim().is_empty() {
        problems.push(FieldError::new("target_date", "required"));
    } else if !is_iso_date(action.target_date.trim()) {
        problems.push(FieldError::new("target_date", "date_invalid"));
    }
    if ActionStatus::parse(&action.status).is_none() {
        problems.push(FieldError::new("status", "choose_one"));
    }
    problems
}

/// What is wrong with an update: a comment is required, a new status is optional.
pub fn update_problems(update: &ActionUpdateInput) -> Vec<FieldError> {
    let mut problems = Vec::new();
    text_problem(
        "comment",
        &update.comment,
        ACTION_TEXT_MAX_CHARS,
        &mut problems,
    );
    if let Some(status) = update.status.as_deref().filter(|s| !s.is_empty()) {
        if ActionStatus::parse(status).is_none() {
            problems.push(FieldError::new("status", "choose_one"));
        }
    }
    problems
}

/// What is wrong with a verification: an outcome and a note saying what was seen.
pub fn verification_problems(input: &VerificationInput) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if Verification::parse(&input.outcome).is_none() {
        problems.push(FieldError::new("outcome", "choose_one"));
    }
    text_problem("note", &input.note, ACTION_TEXT_MAX_CHARS, &mut problems);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const V: Option<Verification> = Some(Verification::Verified);
    const N: Option<Verification> = Some(Verification::NotVerified);

    #[test]
    fn a_finding_is_fixed_only_when_every_action_is_verified() {
        assert!(finding_is_verified_fixed(&[V]));
        assert!(finding_is_verified_fixed(&[V, V]));
        assert!(!finding_is_verified_fixed(&[]), "no action, nothing fixed");
        assert!(
            !finding_is_verified_fixed(&[V, None]),
            "one not yet checked"
        );
        assert!(
            !finding_is_verified_fixed(&[V, N]),
            "one found not in place"
        );
    }

    #[test]
    fn the_share_counts_findings_not_actions() {
        // Four findings: one fixed with two verified actions, one with a pending action, one
        // found not fixed, one without any action.
        let findings: Vec<&[Option<Verification>]> = vec![&[V, V], &[None], &[N], &[]];
        let share = verified_share(findings);
        assert_eq!(share.findings, 4);
        assert_eq!(share.verified_fixed, 1);
        assert_eq!(share.percent, Some(25.0));
    }

    #[test]
    fn a_report_without_findings_has_no_share() {
        let share = verified_share(Vec::<&[Option<Verification>]>::new());
        assert_eq!(share, VerifiedShare::default());
        assert_eq!(share.percent, None);
        let all: Vec<&[Option<Verification>]> = vec![&[V], &[V]];
        assert_eq!(verified_share(all).percent, Some(100.0));
    }

    #[test]
    fn an_action_needs_text_a_real_date_and_a_known_status() {
        let action = NewCorrectiveAction {
            question_code: "WT.02.01".into(),
            description: "  ".into(),
            responsible: "x".repeat(RESPONSIBLE_MAX_CHARS + 1),
            target_date: "2027-02-30".into(),
            status: "started".into(),
        };
        let codes: Vec<(String, String)> = new_action_problems(&action)
            .into_iter()
            .map(|p| (p.field, p.code))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("description".into(), "required".into()),
                ("responsible".into(), "too_long".into()),
                ("target_date".into(), "date_invalid".into()),
                ("status".into(), "choose_one".into()),
            ]
        );
        let good = NewCorrectiveAction {
            description: "Repair the fans".into(),
            responsible: "Chief engineer".into(),
            target_date: "2027-03-01".into(),
            status: "in_progress".into(),
            ..action
        };
        assert!(new_action_problems(&good).is_empty());
    }

    #[test]
    fn an_update_needs_a_comment_and_at_most_a_known_status() {
        let update = ActionUpdateInput {
            comment: String::new(),
            status: Some("finished".into()),
        };
        assert_eq!(update_problems(&update).len(), 2);
        let update = ActionUpdateInput {
            comment: "Fans ordered".into(),
            status: None,
        };
        assert!(update_problems(&update).is_empty());
        let verification = VerificationInput {
            outcome: "maybe".into(),
            note: String::new(),
        };
        assert_eq!(verification_problems(&verification).len(), 2);
    }

    #[test]
    fn an_action_is_overdue_only_when_open_after_its_target_date() {
        assert!(is_overdue(
            "2026-11-30",
            ActionStatus::Planned,
            "2026-12-01"
        ));
        assert!(is_overdue(
            "2026-11-30",
            ActionStatus::InProgress,
            "2026-12-01"
        ));
        assert!(!is_overdue("2026-11-30", ActionStatus::Done, "2026-12-01"));
        assert!(!is_overdue(
            "2026-12-01",
            ActionStatus::Planned,
            "2026-12-01"
        ));
        assert!(!is_overdue("soon", ActionStatus::Planned, "2026-12-01"));
    }
}
