//! The closing meeting at the end of a visit: what a record must hold, and the programme's own
//! "what happens next" steps printed under the monitor's words (one list for the page, the
//! print and the tests).

use crate::api::closing_meetings::NewClosingMeeting;
use crate::api::visits::DocumentRequest;
use crate::date::{is_iso_date, past_day_problem};
use crate::deadline::OBJECTION_WORKING_DAYS;
use crate::error::FieldError;
use crate::visit::document_is_outstanding;

pub const ATTENDEES_MAX_CHARS: usize = 500;
pub const SUMMARY_MAX_CHARS: usize = 5_000;
pub const NEXT_STEPS_MAX_CHARS: usize = 2_000;

/// What is wrong with a closing meeting recorded on `today` for a visit that began on
/// `visit_start` (ISO dates): a real day from the visit's first day to today, who attended,
/// and the summary given; the monitor's own next steps are optional.
pub fn closing_meeting_problems(
    meeting: &NewClosingMeeting,
    visit_start: &str,
    today: &str,
) -> Vec<FieldError> {
    let mut problems = Vec::new();
    let day_problem = past_day_problem(&meeting.held_on, visit_start, today, "before_visit");
    if let Some(code) = day_problem {
        problems.push(FieldError::new("held_on", code));
    }
    for (field, text, limit, required) in [
        ("attendees", &meeting.attendees, ATTENDEES_MAX_CHARS, true),
        ("summary", &meeting.summary, SUMMARY_MAX_CHARS, true),
        (
            "next_steps",
            &meeting.next_steps,
            NEXT_STEPS_MAX_CHARS,
            false,
        ),
    ] {
        if required && text.trim().is_empty() {
            problems.push(FieldError::new(field, "required"));
        } else if text.chars().count() > limit {
            problems.push(FieldError::new(field, "too_long"));
        }
    }
    problems
}

/// One of the programme's steps after a visit: a locale key and the values it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgrammeStep {
    pub key: &'static str,
    pub values: Vec<(&'static str, String)>,
}

impl ProgrammeStep {
    fn plain(key: &'static str) -> ProgrammeStep {
        ProgrammeStep {
            key,
            values: Vec::new(),
        }
    }
}

/// What happens after the visit, in order: hand over the documents still outstanding by the
/// last due date announced, the report's review, the objection window once it is published,
/// corrective actions, and an unannounced visit to come (never a date).
pub fn programme_steps(documents: &[DocumentRequest]) -> Vec<ProgrammeStep> {
    let outstanding: Vec<&DocumentRequest> = documents
        .iter()
        .filter(|document| document_is_outstanding(document))
        .collect();
    let mut steps = Vec::new();
    if let Some(last_due) = outstanding
        .iter()
        .map(|document| document.due_on.as_str())
        .filter(|due| is_iso_date(due))
        .max()
    {
        steps.push(ProgrammeStep {
            key: "closing_meeting.step.documents",
            values: vec![
                ("count", outstanding.len().to_string()),
                ("due", last_due.to_owned()),
            ],
        });
    }
    steps.push(ProgrammeStep::plain("closing_meeting.step.review"));
    steps.push(ProgrammeStep {
        key: "closing_meeting.step.objection",
        values: vec![("days", OBJECTION_WORKING_DAYS.to_string())],
    });
    steps.push(ProgrammeStep::plain("closing_meeting.step.actions"));
    steps.push(ProgrammeStep::plain("closing_meeting.step.next_visit"));
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting() -> NewClosingMeeting {
        NewClosingMeeting {
            held_on: "2027-01-14".into(),
            attendees: "Mr Chen, general manager; Ms Dany, HR".into(),
            summary: "Overtime over two hours a day in the sewing lines.".into(),
            next_steps: String::new(),
        }
    }

    fn codes(meeting: &NewClosingMeeting) -> Vec<(String, String)> {
        closing_meeting_problems(meeting, "2027-01-13", "2027-01-15")
            .into_iter()
            .map(|problem| (problem.field, problem.code))
            .collect()
    }

    #[test]
    fn a_meeting_needs_a_day_within_the_visit_or_after_and_a_summary() {
        assert!(codes(&meeting()).is_empty());
        for (day, code) in [
            ("", "required"),
            ("2027-02-30", "date_invalid"),
            ("2027-01-16", "date_in_future"),
            ("2027-01-12", "before_visit"),
        ] {
            let problem = NewClosingMeeting {
                held_on: day.into(),
                ..meeting()
            };
            assert_eq!(codes(&problem), vec![("held_on".into(), code.into())]);
        }
        let empty = NewClosingMeeting {
            attendees: " ".into(),
            summary: String::new(),
            next_steps: "x".repeat(NEXT_STEPS_MAX_CHARS + 1),
            ..meeting()
        };
        assert_eq!(
            codes(&empty),
            vec![
                ("attendees".into(), "required".into()),
                ("summary".into(), "required".into()),
                ("next_steps".into(), "too_long".into())
            ]
        );
    }

    fn document(name: &str, due_on: &str, received_on: Option<&str>) -> DocumentRequest {
        DocumentRequest {
            name: name.into(),
            requested_on: "2027-01-14".into(),
            due_on: due_on.into(),
            received_on: received_on.map(Into::into),
            handed_over_on: None,
        }
    }

    #[test]
    fn the_steps_name_the_outstanding_documents_and_their_last_due_date() {
        let steps = programme_steps(&[
            document("Payroll", "2027-01-21", None),
            document("Fire drill log", "2027-01-22", None),
            document("Contracts", "2027-01-25", Some("2027-01-14")),
        ]);
        assert_eq!(
            steps[0],
            ProgrammeStep {
                key: "closing_meeting.step.documents",
                values: vec![("count", "2".into()), ("due", "2027-01-22".into())],
            }
        );
        assert_eq!(steps[2].values, vec![("days", "21".into())]);
        let keys: Vec<&str> = programme_steps(&[]).iter().map(|step| step.key).collect();
        assert_eq!(
            keys,
            vec![
                "closing_meeting.step.review",
                "closing_meeting.step.objection",
                "closing_meeting.step.actions",
                "closing_meeting.step.next_visit"
            ]
        );
    }
}
