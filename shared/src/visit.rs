//! Visits and their assessment: kinds of visit, the review workflow and the answers.
//!
//! The workflow is a pure state machine shared by the server, which enforces it, and the web
//! app, which only offers the steps that the server would accept.

pub use crate::date::{add_days, is_iso_date};

use crate::roles::Role;
pub use crate::wire::{
    AnswerChoice, MeasurementKind, Transition, VisitOutcome, VisitStatus, VisitType,
};

impl VisitStatus {
    /// Monitors may change answers and visit facts only while the report is with them.
    pub fn is_editable(self) -> bool {
        matches!(self, VisitStatus::Draft | VisitStatus::Returned)
    }
}

impl Transition {
    /// The state a transition leads to from `from`, or `None` when it does not apply there.
    pub fn target(self, from: VisitStatus) -> Option<VisitStatus> {
        use VisitStatus::*;
        match (self, from) {
            (Transition::Submit, Draft | Returned) => Some(Submitted),
            (Transition::Return, Submitted) => Some(Returned),
            (Transition::Approve, Submitted) => Some(Approved),
            (Transition::Publish, Approved) => Some(Published),
            _ => None,
        }
    }

    /// Returning a report without saying why helps nobody.
    pub fn requires_reason(self) -> bool {
        self == Transition::Return
    }

    /// Whether a user with `role` may take this step; `on_team` says whether the user is one of
    /// the visit's monitors. Reviewers never approve their own work.
    pub fn allowed_for(self, role: Role, on_team: bool) -> bool {
        match self {
            Transition::Submit => role == Role::Monitor && on_team,
            Transition::Return | Transition::Approve | Transition::Publish => {
                role == Role::Approver && !on_team
            }
        }
    }
}

/// Why a transition is refused, as a stable error code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransitionRefusal {
    /// The user's role (or team membership) does not allow the step.
    WrongRole,
    /// The report is not in a state where the step applies.
    WrongState,
    /// The step needs a reason and none was given.
    ReasonRequired,
}

impl TransitionRefusal {
    pub fn code(self) -> &'static str {
        match self {
            TransitionRefusal::WrongRole => "transition_wrong_role",
            TransitionRefusal::WrongState => "transition_wrong_state",
            TransitionRefusal::ReasonRequired => "reason_required",
        }
    }
}

/// Decides a workflow step: the new state, or why it is refused. Role comes first so that a
/// user who may never take the step does not learn the report's state.
pub fn decide_transition(
    transition: Transition,
    from: VisitStatus,
    role: Role,
    on_team: bool,
    reason: &str,
) -> Result<VisitStatus, TransitionRefusal> {
    if !transition.allowed_for(role, on_team) {
        return Err(TransitionRefusal::WrongRole);
    }
    let target = transition
        .target(from)
        .ok_or(TransitionRefusal::WrongState)?;
    if transition.requires_reason() && reason.trim().is_empty() {
        return Err(TransitionRefusal::ReasonRequired);
    }
    Ok(target)
}

/// Days a factory has to hand over the documents requested at a visit.
pub const DOCUMENT_DUE_DAYS: i64 = 7;
/// Days after publication before authorised third parties may see a report, unless the
/// factory's own setting says otherwise.
pub const DEFAULT_THIRD_PARTY_DELAY_DAYS: i64 = 5;

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;
    use VisitStatus::*;

    #[test]
    fn the_happy_path_runs_from_draft_to_published() {
        let mut status = Draft;
        for (step, role, on_team, reason) in [
            (Transition::Submit, Monitor, true, ""),
            (
                Transition::Return,
                Approver,
                false,
                "Add the payroll finding",
            ),
            (Transition::Submit, Monitor, true, ""),
            (Transition::Approve, Approver, false, ""),
            (Transition::Publish, Approver, false, ""),
        ] {
            status = decide_transition(step, status, role, on_team, reason).unwrap();
        }
        assert_eq!(status, Published);
    }

    #[test]
    fn every_step_is_refused_from_every_other_state() {
        for step in Transition::ALL {
            for from in VisitStatus::ALL {
                let (role, on_team) = if *step == Transition::Submit {
                    (Monitor, true)
                } else {
                    (Approver, false)
                };
                let result = decide_transition(*step, *from, role, on_team, "why");
                match step.target(*from) {
                    Some(target) => assert_eq!(result, Ok(target)),
                    None => assert_eq!(result, Err(TransitionRefusal::WrongState)),
                }
            }
        }
        assert_eq!(Transition::Publish.target(Submitted), None);
        assert_eq!(Transition::Submit.target(Published), None);
    }

    #[test]
    fn only_team_monitors_submit_and_only_outside_approvers_review() {
        for role in Role::ALL {
            for on_team in [true, false] {
                assert_eq!(
                    Transition::Submit.allowed_for(role, on_team),
                    role == Monitor && on_team
                );
                assert_eq!(
                    Transition::Approve.allowed_for(role, on_team),
                    role == Approver && !on_team
                );
            }
        }
    }

    #[test]
    fn a_return_needs_a_reason_but_the_role_is_checked_first() {
        assert_eq!(
            decide_transition(Transition::Return, Submitted, Approver, false, "  "),
            Err(TransitionRefusal::ReasonRequired)
        );
        assert_eq!(
            decide_transition(Transition::Return, Draft, FactoryManager, false, ""),
            Err(TransitionRefusal::WrongRole)
        );
    }

    #[test]
    fn strings_round_trip() {
        for status in VisitStatus::ALL {
            assert_eq!(VisitStatus::parse(status.as_str()), Some(*status));
        }
        assert_eq!(
            VisitType::parse("special_check"),
            Some(VisitType::SpecialCheck)
        );
        assert_eq!(AnswerChoice::parse("maybe"), None);
    }
}

/// What is wrong with a new visit, as field errors (codes under `validation.`).
pub fn new_visit_problems(visit: &crate::api::visits::NewVisit) -> Vec<crate::error::FieldError> {
    use crate::error::FieldError;
    let mut problems = Vec::new();
    if VisitType::parse(&visit.visit_type).is_none() {
        problems.push(FieldError::new("visit_type", "choose_one"));
    }
    if !is_iso_date(&visit.start_date) {
        problems.push(FieldError::new("start_date", "date_invalid"));
    }
    if !is_iso_date(&visit.end_date) {
        problems.push(FieldError::new("end_date", "date_invalid"));
    } else if is_iso_date(&visit.start_date) && visit.end_date < visit.start_date {
        // ISO dates compare correctly as text.
        problems.push(FieldError::new("end_date", "end_before_start"));
    }
    problems
}

/// Minutes at the gate beyond which the wait itself obstructs an unannounced visit.
pub const LONG_GATE_WAIT_MINUTES: i64 = 45;

/// A wait at the gate longer than [`LONG_GATE_WAIT_MINUTES`]: the monitor is offered to record
/// the visit as non-cooperation.
pub fn gate_wait_is_too_long(minutes: Option<i64>) -> bool {
    minutes.is_some_and(|minutes| minutes > LONG_GATE_WAIT_MINUTES)
}

/// Days after a request during which the factory's home page lists a requested document: the
/// paperwork of recent visits, not years of history.
pub const REQUESTED_DOCUMENTS_WINDOW_DAYS: i64 = 90;

/// A requested document is still owed while the monitors have not received it and the factory
/// has not said it handed it over.
pub fn document_is_outstanding(document: &crate::api::visits::DocumentRequest) -> bool {
    document.received_on.is_none() && document.handed_over_on.is_none()
}

/// A requested document is overdue on `today` (ISO date) once its due date has passed while it
/// is still outstanding.
pub fn document_is_overdue(document: &crate::api::visits::DocumentRequest, today: &str) -> bool {
    document_is_outstanding(document)
        && is_iso_date(&document.due_on)
        && document.due_on.as_str() < today
}

/// What is wrong with a factory's hand-over of `document` on `handed_over_on`, recorded on
/// `today`: a real day, not before the request and not after today.
pub fn document_handover_problems(
    document: &crate::api::visits::DocumentRequest,
    handed_over_on: &str,
    today: &str,
) -> Vec<crate::error::FieldError> {
    use crate::error::FieldError;
    let code = crate::date::past_day_problem(
        handed_over_on,
        &document.requested_on,
        today,
        "before_request",
    );
    code.map(|code| vec![FieldError::new("handed_over_on", code)])
        .unwrap_or_default()
}

/// Plausible range of each measurement: a value outside it is a typing mistake.
pub fn measurement_range(kind: MeasurementKind) -> (f64, f64) {
    match kind {
        MeasurementKind::NoiseDb => (0.0, 150.0),
        MeasurementKind::LightLux => (0.0, 100_000.0),
        MeasurementKind::TemperatureC => (-10.0, 60.0),
    }
}

/// What is wrong with a visit's facts, as field errors; list fields are named `documents.2.name`.
pub fn visit_facts_problems(
    facts: &crate::api::visits::VisitFacts,
) -> Vec<crate::error::FieldError> {
    use crate::error::FieldError;
    let mut problems = Vec::new();
    for (field, value) in [
        ("gate_wait_minutes", facts.gate_wait_minutes),
        ("workers_interviewed", facts.workers_interviewed),
        ("managers_interviewed", facts.managers_interviewed),
        ("union_reps_interviewed", facts.union_reps_interviewed),
    ] {
        if value.is_some_and(|value| !(0..=100_000).contains(&value)) {
            problems.push(FieldError::new(field, "count_invalid"));
        }
    }
    if facts.outcome == Some(VisitOutcome::NonCooperation)
        && facts.non_cooperation_details.trim().is_empty()
    {
        problems.push(FieldError::new("non_cooperation_details", "required"));
    }
    for (index, measurement) in facts.measurements.iter().enumerate() {
        if measurement.location.trim().is_empty() {
            problems.push(FieldError::new(
                &format!("measurements.{index}.location"),
                "required",
            ));
        }
        let (low, high) = measurement_range(measurement.kind);
        if !measurement.value.is_finite() || measurement.value < low || measurement.value > high {
            problems.push(FieldError::new(
                &format!("measurements.{index}.value"),
                "measurement_out_of_range",
            ));
        }
    }
    for (index, document) in facts.documents.iter().enumerate() {
        if document.name.trim().is_empty() {
            problems.push(FieldError::new(
                &format!("documents.{index}.name"),
                "required",
            ));
        }
        if !is_iso_date(&document.requested_on) {
            problems.push(FieldError::new(
                &format!("documents.{index}.requested_on"),
                "date_invalid",
            ));
        }
        if let Some(received_on) = &document.received_on {
            if !is_iso_date(received_on) {
                problems.push(FieldError::new(
                    &format!("documents.{index}.received_on"),
                    "date_invalid",
                ));
            } else if received_on < &document.requested_on {
                problems.push(FieldError::new(
                    &format!("documents.{index}.received_on"),
                    "received_before_requested",
                ));
            }
        }
    }
    problems
}

/// A non-compliant answer needs both a finding and a suggestion before the report can go to
/// review; while capturing, the monitor may type them after choosing the answer.
pub fn finding_is_incomplete(answer: &crate::api::visits::Answer) -> bool {
    answer.choice == Some(AnswerChoice::NonCompliant)
        && (answer.finding.trim().is_empty() || answer.suggestion.trim().is_empty())
}

#[cfg(test)]
mod validator_tests {
    use super::*;
    use crate::api::visits::{DocumentRequest, Measurement, NewVisit, VisitFacts};

    #[test]
    fn a_document_is_overdue_until_received_or_handed_over() {
        let mut document = crate::api::visits::DocumentRequest {
            name: "Payroll for March".into(),
            requested_on: "2027-01-15".into(),
            due_on: "2027-01-22".into(),
            received_on: None,
            handed_over_on: None,
        };
        assert!(!document_is_overdue(&document, "2027-01-22"));
        assert!(document_is_overdue(&document, "2027-01-23"));
        let codes = |document: &crate::api::visits::DocumentRequest, day: &str| -> Vec<String> {
            document_handover_problems(document, day, "2027-01-20")
                .into_iter()
                .map(|p| p.code)
                .collect()
        };
        assert!(codes(&document, "2027-01-16").is_empty());
        assert_eq!(codes(&document, "2027-01-21"), ["date_in_future"]);
        assert_eq!(codes(&document, "2027-01-14"), ["before_request"]);
        assert_eq!(codes(&document, ""), ["required"]);
        document.handed_over_on = Some("2027-01-20".into());
        assert!(!document_is_overdue(&document, "2027-01-23"));
        document.handed_over_on = None;
        document.received_on = Some("2027-01-21".into());
        assert!(!document_is_overdue(&document, "2027-01-23"));
    }

    #[test]
    fn a_gate_wait_over_forty_five_minutes_is_too_long() {
        assert!(!gate_wait_is_too_long(None));
        assert!(!gate_wait_is_too_long(Some(45)));
        assert!(gate_wait_is_too_long(Some(46)));
    }

    #[test]
    fn a_visit_cannot_end_before_it_starts() {
        let visit = NewVisit {
            factory_id: 1,
            visit_type: "assessment".into(),
            announced: false,
            start_date: "2026-03-02".into(),
            end_date: "2026-03-01".into(),
            second_monitor_id: None,
            planned_visit_id: None,
        };
        let problems = new_visit_problems(&visit);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, "end_before_start");
    }

    #[test]
    fn facts_report_each_bad_list_entry_by_position() {
        let facts = VisitFacts {
            gate_wait_minutes: Some(-5),
            measurements: vec![Measurement {
                kind: MeasurementKind::NoiseDb,
                location: "Cutting".into(),
                value: 400.0,
            }],
            documents: vec![DocumentRequest {
                handed_over_on: None,
                name: "Payroll March".into(),
                requested_on: "2026-03-02".into(),
                due_on: String::new(),
                received_on: Some("2026-03-01".into()),
            }],
            outcome: Some(VisitOutcome::NonCooperation),
            ..VisitFacts::default()
        };
        let fields: Vec<String> = visit_facts_problems(&facts)
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            [
                "gate_wait_minutes",
                "non_cooperation_details",
                "measurements.0.value",
                "documents.0.received_on"
            ]
        );
    }
}
