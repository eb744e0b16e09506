//! Pure rules of objections, amendments and clarification meetings, run by the server and
//! by the web app before it sends a form.

use crate::api::objections::{
    AmendedAnswer, Correction, MeetingOutcome, MeetingRequest, MeetingSchedule, MeetingStatus,
    NewObjection, ObjectionDecision, ObjectionStatus,
};
use crate::error::FieldError;
use crate::visit::AnswerChoice;

/// Longest reason, topic, place or outcome accepted: a few paragraphs.
pub const REASON_MAX_CHARS: usize = 2_000;
/// Longest amended finding or suggestion (the same bound as a monitor's narrative).
pub const NARRATIVE_MAX_CHARS: usize = 5_000;

/// True while objections are accepted: `today` on or before `deadline` (both ISO dates, so
/// they compare as text). No deadline (a report without a publication time) means closed.
pub fn objection_window_open(today: &str, deadline: Option<&str>) -> bool {
    deadline.is_some_and(|deadline| today <= deadline)
}

fn text_problem(field: &str, text: &str, max: usize, problems: &mut Vec<FieldError>) {
    let text = text.trim();
    if text.is_empty() {
        problems.push(FieldError::new(field, "required"));
    } else if text.chars().count() > max {
        problems.push(FieldError::new(field, "too_long"));
    }
}

/// The field errors of an objection, given the question codes of the report's findings.
pub fn objection_problems(objection: &NewObjection, finding_codes: &[&str]) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if objection.findings.is_empty() {
        problems.push(FieldError::new("findings", "required"));
    }
    for (index, item) in objection.findings.iter().enumerate() {
        let field = |name: &str| format!("findings.{index}.{name}");
        if !finding_codes.contains(&item.question_code.as_str()) {
            problems.push(FieldError::new(&field("question_code"), "finding_unknown"));
        } else if objection.findings[..index]
            .iter()
            .any(|earlier| earlier.question_code == item.question_code)
        {
            problems.push(FieldError::new(
                &field("question_code"),
                "finding_duplicate",
            ));
        }
        text_problem(
            &field("reason"),
            &item.reason,
            REASON_MAX_CHARS,
            &mut problems,
        );
    }
    problems
}

/// The field errors of an amended answer, its fields under `prefix` (`amendment.`).
pub fn amendment_problems(prefix: &str, amendment: &AmendedAnswer) -> Vec<FieldError> {
    let mut problems = Vec::new();
    for (name, text) in [
        ("finding", &amendment.finding),
        ("suggestion", &amendment.suggestion),
    ] {
        let field = format!("{prefix}{name}");
        if amendment.choice == AnswerChoice::NonCompliant {
            text_problem(&field, text, NARRATIVE_MAX_CHARS, &mut problems);
        } else if text.chars().count() > NARRATIVE_MAX_CHARS {
            problems.push(FieldError::new(&field, "too_long"));
        }
    }
    problems
}

/// The field errors of a decision on an objected finding.
pub fn decision_problems(decision: &ObjectionDecision) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if decision.outcome == ObjectionStatus::Pending {
        problems.push(FieldError::new("outcome", "choose_one"));
    }
    text_problem("reason", &decision.reason, REASON_MAX_CHARS, &mut problems);
    match (&decision.amendment, decision.outcome) {
        (Some(amendment), ObjectionStatus::Upheld) => {
            problems.extend(amendment_problems("amendment.", amendment));
        }
        (None, ObjectionStatus::Upheld) => {
            problems.push(FieldError::new("amendment", "required"));
        }
        _ => {}
    }
    problems
}

/// The field errors of a staff correction.
pub fn correction_problems(correction: &Correction) -> Vec<FieldError> {
    let mut problems = Vec::new();
    text_problem(
        "reason",
        &correction.reason,
        REASON_MAX_CHARS,
        &mut problems,
    );
    problems.extend(amendment_problems("amendment.", &correction.amendment));
    problems
}

pub fn meeting_request_problems(request: &MeetingRequest) -> Vec<FieldError> {
    let mut problems = Vec::new();
    text_problem("topic", &request.topic, REASON_MAX_CHARS, &mut problems);
    problems
}

pub fn meeting_schedule_problems(schedule: &MeetingSchedule) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if schedule.scheduled_for.trim().is_empty() {
        problems.push(FieldError::new("scheduled_for", "required"));
    } else if !is_local_datetime(schedule.scheduled_for.trim()) {
        problems.push(FieldError::new("scheduled_for", "datetime_invalid"));
    }
    text_problem("place", &schedule.place, REASON_MAX_CHARS, &mut problems);
    problems
}

pub fn meeting_outcome_problems(outcome: &MeetingOutcome) -> Vec<FieldError> {
    let mut problems = Vec::new();
    text_problem("outcome", &outcome.outcome, REASON_MAX_CHARS, &mut problems);
    problems
}

/// A local date and time as a browser's `datetime-local` input gives it: `2027-01-20T09:30`
/// (seconds allowed), with a real date and a time of day.
pub fn is_local_datetime(text: &str) -> bool {
    let Some((date, time)) = text.split_once('T') else {
        return false;
    };
    if !crate::date::is_iso_date(date) {
        return false;
    }
    let parts: Vec<&str> = time.split(':').collect();
    let limits = [23, 59, 59];
    (2..=3).contains(&parts.len())
        && parts.iter().zip(limits).all(|(part, limit)| {
            part.len() == 2
                && part.bytes().all(|b| b.is_ascii_digit())
                && part.parse::<u32>().is_ok_and(|value| value <= limit)
        })
}

/// A step of a clarification meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeetingStep {
    /// Set (or move) the date and place.
    Schedule,
    /// Record what was said, which closes the meeting.
    RecordOutcome,
}

/// Where a meeting in `status` goes by `step`, or the code of the refusal: a held meeting is
/// closed, and an outcome needs a scheduled meeting. A scheduled meeting may be moved.
pub fn decide_meeting_step(
    status: MeetingStatus,
    step: MeetingStep,
) -> Result<MeetingStatus, &'static str> {
    match (status, step) {
        (MeetingStatus::Held, _) => Err("meeting_already_held"),
        (_, MeetingStep::Schedule) => Ok(MeetingStatus::Scheduled),
        (MeetingStatus::Scheduled, MeetingStep::RecordOutcome) => Ok(MeetingStatus::Held),
        (MeetingStatus::Requested, MeetingStep::RecordOutcome) => Err("meeting_not_scheduled"),
    }
}

/// Where an objected finding in `status` goes by the decision `outcome`, or the code of the
/// refusal: only a pending objection is decided, once, to upheld or rejected.
pub fn decide_objection_outcome(
    status: ObjectionStatus,
    outcome: ObjectionStatus,
) -> Result<ObjectionStatus, &'static str> {
    match (status, outcome) {
        (ObjectionStatus::Pending, ObjectionStatus::Upheld | ObjectionStatus::Rejected) => {
            Ok(outcome)
        }
        (ObjectionStatus::Pending, ObjectionStatus::Pending) => Err("choose_one"),
        _ => Err("objection_already_decided"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::objections::ObjectedFinding;

    fn item(code: &str, reason: &str) -> ObjectedFinding {
        ObjectedFinding {
            question_code: code.into(),
            reason: reason.into(),
        }
    }

    fn codes(problems: &[FieldError]) -> Vec<(String, String)> {
        problems
            .iter()
            .map(|p| (p.field.clone(), p.code.clone()))
            .collect()
    }

    #[test]
    fn the_window_includes_the_deadline_day_and_closes_after_it() {
        assert!(objection_window_open("2027-02-14", Some("2027-02-15")));
        assert!(objection_window_open("2027-02-15", Some("2027-02-15")));
        assert!(!objection_window_open("2027-02-16", Some("2027-02-15")));
        assert!(!objection_window_open("2028-01-01", Some("2027-12-31")));
        assert!(!objection_window_open("2027-01-01", None));
    }

    #[test]
    fn an_objection_names_real_findings_once_each_with_a_reason() {
        let findings = ["A.01.01", "B.02.03"];
        let empty = NewObjection { findings: vec![] };
        let bad = NewObjection {
            findings: vec![
                item("A.01.01", "We pay overtime at 150%."),
                item("Z.99.99", "x"),
                item("A.01.01", "again"),
                item("B.02.03", "  "),
                item("B.02.03", &"x".repeat(REASON_MAX_CHARS + 1)),
            ],
        };
        let good = NewObjection {
            findings: vec![item("B.02.03", "The fans were repaired before the visit.")],
        };

        assert_eq!(
            codes(&objection_problems(&empty, &findings)),
            [("findings".into(), "required".into())]
        );
        assert_eq!(
            codes(&objection_problems(&bad, &findings)),
            [
                (
                    "findings.1.question_code".to_string(),
                    "finding_unknown".to_string()
                ),
                (
                    "findings.2.question_code".into(),
                    "finding_duplicate".into()
                ),
                ("findings.3.reason".into(), "required".into()),
                (
                    "findings.4.question_code".into(),
                    "finding_duplicate".into()
                ),
                ("findings.4.reason".into(), "too_long".into()),
            ]
        );
        assert!(objection_problems(&good, &findings).is_empty());
    }

    #[test]
    fn upholding_needs_a_reason_and_a_complete_amended_answer() {
        let decision = |outcome, reason: &str, amendment| ObjectionDecision {
            outcome,
            reason: reason.into(),
            amendment,
        };
        let still_non_compliant = AmendedAnswer {
            choice: AnswerChoice::NonCompliant,
            finding: "Corrected text".into(),
            suggestion: String::new(),
        };
        let compliant = AmendedAnswer {
            choice: AnswerChoice::Compliant,
            finding: String::new(),
            suggestion: String::new(),
        };

        assert_eq!(
            codes(&decision_problems(&decision(
                ObjectionStatus::Rejected,
                " ",
                None
            ))),
            [("reason".into(), "required".into())]
        );
        assert!(decision_problems(&decision(ObjectionStatus::Rejected, "No", None)).is_empty());
        assert_eq!(
            codes(&decision_problems(&decision(
                ObjectionStatus::Upheld,
                "Yes",
                None
            ))),
            [("amendment".into(), "required".into())]
        );
        assert_eq!(
            codes(&decision_problems(&decision(
                ObjectionStatus::Upheld,
                "Yes",
                Some(still_non_compliant)
            ))),
            [("amendment.suggestion".into(), "required".into())]
        );
        assert!(
            decision_problems(&decision(ObjectionStatus::Upheld, "Yes", Some(compliant)))
                .is_empty()
        );
        assert_eq!(
            codes(&decision_problems(&decision(
                ObjectionStatus::Pending,
                "?",
                None
            ))),
            [("outcome".into(), "choose_one".into())]
        );
    }

    #[test]
    fn a_meeting_time_is_a_local_date_and_time_of_day() {
        assert!(is_local_datetime("2027-01-20T09:30"));
        assert!(is_local_datetime("2027-01-20T23:59:59"));
        assert!(!is_local_datetime("2027-01-20"));
        assert!(!is_local_datetime("2027-02-30T09:30"));
        assert!(!is_local_datetime("2027-01-20T24:00"));
        assert!(!is_local_datetime("2027-01-20T9:30"));
        assert!(!is_local_datetime("2027-01-20 09:30"));
        let schedule = MeetingSchedule {
            scheduled_for: "tomorrow".into(),
            place: String::new(),
        };
        assert_eq!(
            codes(&meeting_schedule_problems(&schedule)),
            [
                ("scheduled_for".into(), "datetime_invalid".into()),
                ("place".into(), "required".into())
            ]
        );
    }

    #[test]
    fn meetings_move_forward_only() {
        use MeetingStatus::*;
        assert_eq!(
            decide_meeting_step(Requested, MeetingStep::Schedule),
            Ok(Scheduled)
        );
        assert_eq!(
            decide_meeting_step(Scheduled, MeetingStep::Schedule),
            Ok(Scheduled)
        );
        assert_eq!(
            decide_meeting_step(Scheduled, MeetingStep::RecordOutcome),
            Ok(Held)
        );
        assert_eq!(
            decide_meeting_step(Requested, MeetingStep::RecordOutcome),
            Err("meeting_not_scheduled")
        );
        assert_eq!(
            decide_meeting_step(Held, MeetingStep::Schedule),
            Err("meeting_already_held")
        );
        assert_eq!(
            decide_meeting_step(Held, MeetingStep::RecordOutcome),
            Err("meeting_already_held")
        );
    }

    #[test]
    fn an_objection_is_decided_once() {
        use ObjectionStatus::*;
        assert_eq!(decide_objection_outcome(Pending, Upheld), Ok(Upheld));
        assert_eq!(decide_objection_outcome(Pending, Rejected), Ok(Rejected));
        assert_eq!(
            decide_objection_outcome(Pending, Pending),
            Err("choose_one")
        );
        assert_eq!(
            decide_objection_outcome(Upheld, Rejected),
            Err("objection_already_decided")
        );
        assert_eq!(
            decide_objection_outcome(Rejected, Upheld),
            Err("objection_already_decided")
        );
    }
}
