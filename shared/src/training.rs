//! The training unit's records: the course catalogue, sessions of a course, the factories
//! invited to a session and the participants each enrols. The rules here are what a course,
//! a session or an enrolment must hold, used by the API and the forms alike.

use serde::{Deserialize, Serialize};

use crate::analytics::MIN_FACTORIES_IN_A_FIGURE;
use crate::api::training::{
    CourseInput, EffectGroup, EnrolmentInput, NeedsAssessmentInput, PointsChange, SessionInput,
    SessionReport,
};
use crate::date::is_iso_date;
use crate::error::FieldError;

/// Long enough for a course's title in any of the three languages.
pub const TITLE_MAX_CHARS: usize = 200;
pub const DESCRIPTION_MAX_CHARS: usize = 4_000;
pub const VENUE_MAX_CHARS: usize = 300;
/// A course runs from an hour to a few weeks of days.
pub const MAX_COURSE_HOURS: i64 = 200;
/// More than a hall holds: a typing error rather than a session.
pub const MAX_CAPACITY: i64 = 1_000;
/// Participants one factory enrols in one group.
pub const MAX_GROUP_PARTICIPANTS: i64 = 500;

macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        // On the wire and in the database, the same code.
        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("unknown code {text}")))
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

choice!(
    /// Whom a course is for.
    Audience {
        Managers => "managers",
        Supervisors => "supervisors",
        HumanResources => "hr",
        WorkerRepresentatives => "worker_representatives",
        OshCommittee => "osh_committee",
    }
);

choice!(
    /// How a course is given.
    CourseFormat {
        Classroom => "classroom",
        OnSite => "on_site",
        Online => "online",
    }
);

choice!(
    /// Where a session of a course stands.
    SessionStatus {
        Planned => "planned",
        Held => "held",
        Cancelled => "cancelled",
    }
);

fn text_problem(
    field: &str,
    text: &str,
    max: usize,
    required: bool,
    problems: &mut Vec<FieldError>,
) {
    let text = text.trim();
    if required && text.is_empty() {
        problems.push(FieldError::new(field, "required"));
    } else if text.chars().count() > max {
        problems.push(FieldError::new(field, "too_long"));
    }
}

/// What is wrong with a course: an English title (the others may follow), an audience, a
/// format, a length in hours and at least one compliance point or cluster it addresses.
/// `known_topic` says whether a code names a cluster or point of the current checklist.
pub fn course_problems(
    course: &CourseInput,
    known_topic: impl Fn(&str) -> bool,
) -> Vec<FieldError> {
    let mut problems = Vec::new();
    text_problem(
        "title.en",
        &course.title.en,
        TITLE_MAX_CHARS,
        true,
        &mut problems,
    );
    text_problem(
        "title.km",
        &course.title.km,
        TITLE_MAX_CHARS,
        false,
        &mut problems,
    );
    text_problem(
        "title.zh",
        &course.title.zh,
        TITLE_MAX_CHARS,
        false,
        &mut problems,
    );
    for (field, text) in [
        ("description.en", &course.description.en),
        ("description.km", &course.description.km),
        ("description.zh", &course.description.zh),
    ] {
        text_problem(field, text, DESCRIPTION_MAX_CHARS, false, &mut problems);
    }
    if Audience::parse(&course.audience).is_none() {
        problems.push(FieldError::new("audience", "choose_one"));
    }
    if CourseFormat::parse(&course.format).is_none() {
        problems.push(FieldError::new("format", "choose_one"));
    }
    if !(1..=MAX_COURSE_HOURS).contains(&course.hours) {
        problems.push(FieldError::new("hours", "out_of_range"));
    }
    if course.topics.iter().all(|code| code.trim().is_empty()) {
        problems.push(FieldError::new("topics", "required"));
    } else if course
        .topics
        .iter()
        .any(|code| !code.trim().is_empty() && !known_topic(code.trim()))
    {
        problems.push(FieldError::new("topics", "topic_unknown"));
    }
    problems
}

/// What is wrong with a session: dates in order, a venue unless online, a capacity.
pub fn session_problems(session: &SessionInput) -> Vec<FieldError> {
    let mut problems = Vec::new();
    for (field, date) in [
        ("starts_on", &session.starts_on),
        ("ends_on", &session.ends_on),
    ] {
        if date.trim().is_empty() {
            problems.push(FieldError::new(field, "required"));
        } else if !is_iso_date(date.trim()) {
            problems.push(FieldError::new(field, "date_invalid"));
        }
    }
    if is_iso_date(session.starts_on.trim())
        && is_iso_date(session.ends_on.trim())
        && session.ends_on.trim() < session.starts_on.trim()
    {
        problems.push(FieldError::new("ends_on", "end_before_start"));
    }
    text_problem(
        "venue",
        &session.venue,
        VENUE_MAX_CHARS,
        !session.online,
        &mut problems,
    );
    text_problem(
        "trainers",
        &session.trainers,
        VENUE_MAX_CHARS,
        true,
        &mut problems,
    );
    if !(1..=MAX_CAPACITY).contains(&session.capacity) {
        problems.push(FieldError::new("capacity", "out_of_range"));
    }
    problems
}

/// What is wrong with a factory's enrolment: each group once, counts within bounds and at
/// least one participant.
pub fn enrolment_problems(enrolment: &EnrolmentInput) -> Vec<FieldError> {
    let mut problems = Vec::new();
    let mut seen = Vec::new();
    for (index, group) in enrolment.groups.iter().enumerate() {
        let field = |name: &str| format!("groups.{index}.{name}");
        if seen.contains(&group.audience) {
            problems.push(FieldError::new(&field("audience"), "duplicate"));
        }
        seen.push(group.audience);
        for (name, count) in [("women", group.women), ("men", group.men)] {
            if !(0..=MAX_GROUP_PARTICIPANTS).contains(&count) {
                problems.push(FieldError::new(&field(name), "out_of_range"));
            }
        }
    }
    // A count out of range is reported as such, not as "nobody".
    let participants: i64 = enrolment
        .groups
        .iter()
        .map(|g| g.women.max(0) + g.men.max(0))
        .sum();
    if participants == 0 {
        problems.push(FieldError::new("groups", "required"));
    }
    problems
}

/// Whether a factory may still change its enrolment: while the session is planned and has not
/// started (`today`, an ISO date in Cambodia).
pub fn enrolment_open(status: SessionStatus, starts_on: &str, today: &str) -> bool {
    status == SessionStatus::Planned && today < starts_on
}

/// Whether a course on `topics` (cluster and point codes) addresses compliance point `point`:
/// the point itself is a topic, or its cluster is (the code before the first dot).
pub fn topics_cover(topics: &[String], point: &str) -> bool {
    let cluster = point.split('.').next().unwrap_or(point);
    topics
        .iter()
        .any(|topic| topic == point || topic == cluster)
}

/// The trainer's notes on a session.
pub const NOTES_MAX_CHARS: usize = 4_000;

/// What is wrong with a session's report, recorded on `today` (ISO, Cambodia) for a session
/// starting `starts_on` to which `invited` factories were invited: held only once it has
/// started, attendance only of invited factories and only when held, each group once, counts
/// and scores within bounds.
pub fn session_report_problems(
    report: &SessionReport,
    starts_on: &str,
    today: &str,
    invited: &[i64],
) -> Vec<FieldError> {
    let mut problems = Vec::new();
    let status = SessionStatus::parse(&report.status);
    match status {
        Some(SessionStatus::Held) if today < starts_on => {
            problems.push(FieldError::new("status", "session_not_started"))
        }
        Some(SessionStatus::Held | SessionStatus::Cancelled) => {}
        _ => problems.push(FieldError::new("status", "choose_one")),
    }
    if status == Some(SessionStatus::Cancelled) && !report.attendance.is_empty() {
        problems.push(FieldError::new("attendance", "not_expected"));
    }
    let mut seen = Vec::new();
    for (index, row) in report.attendance.iter().enumerate() {
        let field = |name: &str| format!("attendance.{index}.{name}");
        if !invited.contains(&row.factory_id) {
            problems.push(FieldError::new(&field("factory_id"), "not_invited"));
        }
        if seen.contains(&(row.factory_id, row.audience)) {
            problems.push(FieldError::new(&field("audience"), "duplicate"));
        }
        seen.push((row.factory_id, row.audience));
        for (name, count) in [("women", row.women), ("men", row.men)] {
            if !(0..=MAX_GROUP_PARTICIPANTS).contains(&count) {
                problems.push(FieldError::new(&field(name), "out_of_range"));
            }
        }
    }
    let mut audiences = Vec::new();
    for (index, outcome) in report.outcomes.iter().enumerate() {
        let field = |name: &str| format!("outcomes.{index}.{name}");
        if audiences.contains(&outcome.audience) {
            problems.push(FieldError::new(&field("audience"), "duplicate"));
        }
        audiences.push(outcome.audience);
        let within = |value: Option<f64>, low: f64, high: f64| {
            value.is_none_or(|v| v.is_finite() && (low..=high).contains(&v))
        };
        for (name, value) in [
            ("pre_test", outcome.pre_test),
            ("post_test", outcome.post_test),
        ] {
            if !within(value, 0.0, 100.0) {
                problems.push(FieldError::new(&field(name), "out_of_range"));
            }
        }
        if !within(outcome.evaluation, 1.0, 5.0) {
            problems.push(FieldError::new(&field("evaluation"), "out_of_range"));
        }
    }
    if report.notes.trim().chars().count() > NOTES_MAX_CHARS {
        problems.push(FieldError::new("notes", "too_long"));
    }
    problems
}

/// Root causes and recommended actions of a needs assessment.
pub const NEEDS_TEXT_MAX_CHARS: usize = 4_000;

/// What is wrong with a needs assessment: at least one compliance point at issue (each known to
/// the checklist), its root causes, recommended courses of the catalogue.
pub fn needs_assessment_problems(
    input: &NeedsAssessmentInput,
    known_point: impl Fn(&str) -> bool,
    known_course: impl Fn(i64) -> bool,
) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if input.points.iter().all(|code| code.trim().is_empty()) {
        problems.push(FieldError::new("points", "required"));
    } else if input
        .points
        .iter()
        .any(|code| !code.trim().is_empty() && !known_point(code.trim()))
    {
        problems.push(FieldError::new("points", "topic_unknown"));
    }
    text_problem(
        "root_causes",
        &input.root_causes,
        NEEDS_TEXT_MAX_CHARS,
        true,
        &mut problems,
    );
    text_problem(
        "recommended_actions",
        &input.recommended_actions,
        NEEDS_TEXT_MAX_CHARS,
        false,
        &mut problems,
    );
    if input.course_ids.iter().any(|id| !known_course(*id)) {
        problems.push(FieldError::new("course_ids", "course_unknown"));
    }
    problems
}

// Did it work? A factory's compliance on a course's points is the share of those points found
// compliant among those assessed in a published assessment. Around a session it is compared
// at the factory's latest assessment starting before the session and its first assessment
// starting after it ends. Participating factories are compared around the first held session
// of the course they attended; every other factory is compared around each held session of
// the course, so both groups are measured over the same periods.

/// A published assessment of a factory, on some compliance points.
#[derive(Clone, Debug, PartialEq)]
pub struct AssessmentOnPoints {
    pub factory_id: i64,
    pub start_date: String,
    /// Of the points, how many were assessed and how many of those found non-compliant.
    pub assessed: i64,
    pub non_compliant: i64,
}

/// A held session of a course: its dates and the factories that attended.
#[derive(Clone, Debug, PartialEq)]
pub struct HeldSession {
    pub starts_on: String,
    pub ends_on: String,
    pub attended: Vec<i64>,
}

/// Percent of assessed points found compliant; `None` when none was assessed.
pub fn compliance_on_points(assessed: i64, non_compliant: i64) -> Option<f64> {
    (assessed > 0).then(|| 100.0 * (assessed - non_compliant) as f64 / assessed as f64)
}

/// One factory's compliance before and after a session, from its assessments (any order):
/// the latest starting before `starts_on` and the first starting after `ends_on` that assessed
/// any of the points.
pub fn change_around(
    assessments: &[&AssessmentOnPoints],
    starts_on: &str,
    ends_on: &str,
) -> PointsChange {
    let assessed = assessments.iter().filter(|a| a.assessed > 0);
    let before = assessed
        .clone()
        .filter(|a| a.start_date.as_str() < starts_on)
        .max_by(|a, b| a.start_date.cmp(&b.start_date));
    let after = assessed
        .filter(|a| a.start_date.as_str() > ends_on)
        .min_by(|a, b| a.start_date.cmp(&b.start_date));
    PointsChange {
        before: before.and_then(|a| compliance_on_points(a.assessed, a.non_compliant)),
        after: after.and_then(|a| compliance_on_points(a.assessed, a.non_compliant)),
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0usize), |(sum, count), v| (sum + v, count + 1));
    (count > 0).then(|| sum / count as f64)
}

/// A group's figures from its before/after comparisons (factory, before, after), withheld
/// when fewer than [`MIN_FACTORIES_IN_A_FIGURE`] distinct factories are behind them.
fn effect_group(comparisons: &[(i64, f64, f64)]) -> EffectGroup {
    let mut factories: Vec<i64> = comparisons.iter().map(|c| c.0).collect();
    factories.sort_unstable();
    factories.dedup();
    let factories = factories.len() as i64;
    let withheld = factories < MIN_FACTORIES_IN_A_FIGURE;
    let shown = |value: Option<f64>| if withheld { None } else { value };
    EffectGroup {
        factories,
        comparisons: comparisons.len() as i64,
        before: shown(mean(comparisons.iter().map(|c| c.1))),
        after: shown(mean(comparisons.iter().map(|c| c.2))),
        change: shown(mean(comparisons.iter().map(|c| c.2 - c.1))),
        withheld,
    }
}

/// The effect of a course: participating factories' change on its points beside the other
/// factories' over the same periods, and the difference of the two changes. `assessments` are
/// every factory's published assessments on the course's points.
pub fn course_effect(
    sessions: &[HeldSession],
    assessments: &[AssessmentOnPoints],
) -> (EffectGroup, EffectGroup, Option<f64>) {
    let mut by_factory: std::collections::BTreeMap<i64, Vec<&AssessmentOnPoints>> =
        std::collections::BTreeMap::new();
    for assessment in assessments {
        by_factory
            .entry(assessment.factory_id)
            .or_default()
            .push(assessment);
    }
    let mut ordered: Vec<&HeldSession> = sessions.iter().collect();
    ordered.sort_by(|a, b| a.starts_on.cmp(&b.starts_on));
    let mut participants = Vec::new();
    let mut others = Vec::new();
    for (factory_id, own) in &by_factory {
        let first_attended = ordered
            .iter()
            .find(|session| session.attended.contains(factory_id));
        let compared: Vec<&HeldSession> = match first_attended {
            Some(session) => vec![session],
            None => ordered.clone(),
        };
        for session in compared {
            let change = change_around(own, &session.starts_on, &session.ends_on);
            if let (Some(before), Some(after)) = (change.before, change.after) {
                let target = if first_attended.is_some() {
                    &mut participants
                } else {
                    &mut others
                };
                target.push((*factory_id, before, after));
            }
        }
    }
    let participants = effect_group(&participants);
    let others = effect_group(&others);
    let difference = participants
        .change
        .zip(others.change)
        .map(|(participating, other)| participating - other);
    (participants, others, difference)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::training::ParticipantGroup;
    use crate::checklist::Translated;

    fn codes(problems: Vec<FieldError>) -> Vec<String> {
        problems
            .into_iter()
            .map(|p| format!("{}:{}", p.field, p.code))
            .collect()
    }

    #[test]
    fn a_course_needs_an_english_title_a_known_topic_and_its_choices() {
        let mut course = CourseInput {
            title: Translated {
                en: "Working hours and overtime".into(),
                ..Translated::default()
            },
            description: Translated::default(),
            audience: "hr".into(),
            format: "classroom".into(),
            hours: 6,
            topics: vec!["WHO".into()],
        };
        assert!(course_problems(&course, |code| code == "WHO").is_empty());
        course.title.en = " ".into();
        course.audience = "everyone".into();
        course.hours = 0;
        course.topics = vec!["XYZ".into()];
        assert_eq!(
            codes(course_problems(&course, |code| code == "WHO")),
            [
                "title.en:required",
                "audience:choose_one",
                "hours:out_of_range",
                "topics:topic_unknown"
            ]
        );
    }

    #[test]
    fn a_session_needs_dates_in_order_and_a_venue_unless_online() {
        let mut session = SessionInput {
            starts_on: "2027-02-10".into(),
            ends_on: "2027-02-09".into(),
            venue: String::new(),
            online: false,
            trainers: "Vanna Sok".into(),
            capacity: 30,
        };
        assert_eq!(
            codes(session_problems(&session)),
            ["ends_on:end_before_start", "venue:required"]
        );
        session.ends_on = "2027-02-11".into();
        session.online = true;
        assert!(session_problems(&session).is_empty());
    }

    #[test]
    fn an_enrolment_names_each_group_once_with_someone_in_it() {
        let group = |audience, women, men| ParticipantGroup {
            audience,
            women,
            men,
        };
        let enrolment = EnrolmentInput {
            groups: vec![
                group(Audience::Supervisors, 3, 1),
                group(Audience::Supervisors, 0, -1),
            ],
        };
        assert_eq!(
            codes(enrolment_problems(&enrolment)),
            ["groups.1.audience:duplicate", "groups.1.men:out_of_range"]
        );
        let empty = EnrolmentInput {
            groups: vec![group(Audience::Managers, 0, 0)],
        };
        assert_eq!(codes(enrolment_problems(&empty)), ["groups:required"]);
        assert!(enrolment_open(
            SessionStatus::Planned,
            "2027-02-10",
            "2027-02-09"
        ));
        assert!(!enrolment_open(
            SessionStatus::Planned,
            "2027-02-10",
            "2027-02-10"
        ));
        assert!(!enrolment_open(
            SessionStatus::Cancelled,
            "2027-02-10",
            "2027-01-01"
        ));
    }

    #[test]
    fn a_session_is_reported_held_only_once_started_with_invited_factories() {
        use crate::api::training::{AttendanceRow, GroupOutcome};
        let row = |factory_id, women| AttendanceRow {
            factory_id,
            audience: Audience::Managers,
            women,
            men: 0,
        };
        let report = SessionReport {
            status: "held".into(),
            attendance: vec![row(1, 2), row(1, 3), row(9, -1)],
            outcomes: vec![GroupOutcome {
                audience: Audience::Managers,
                pre_test: Some(40.0),
                post_test: Some(101.0),
                evaluation: Some(0.5),
            }],
            notes: String::new(),
        };
        assert_eq!(
            codes(session_report_problems(
                &report,
                "2027-03-10",
                "2027-03-09",
                &[1]
            )),
            [
                "status:session_not_started",
                "attendance.1.audience:duplicate",
                "attendance.2.factory_id:not_invited",
                "attendance.2.women:out_of_range",
                "outcomes.0.post_test:out_of_range",
                "outcomes.0.evaluation:out_of_range"
            ]
        );
        let cancelled = SessionReport {
            status: "cancelled".into(),
            attendance: vec![row(1, 2)],
            ..SessionReport::default()
        };
        assert_eq!(
            codes(session_report_problems(
                &cancelled,
                "2027-03-10",
                "2027-03-01",
                &[1]
            )),
            ["attendance:not_expected"]
        );
        let held = SessionReport {
            status: "held".into(),
            attendance: vec![row(1, 2)],
            ..SessionReport::default()
        };
        assert!(session_report_problems(&held, "2027-03-10", "2027-03-10", &[1]).is_empty());
    }

    #[test]
    fn a_course_covers_its_points_and_the_points_of_its_clusters() {
        let topics = vec!["OSH".to_owned(), "WAG.02".to_owned()];
        assert!(topics_cover(&topics, "OSH.07"));
        assert!(topics_cover(&topics, "WAG.02"));
        assert!(!topics_cover(&topics, "WAG.03"));
        assert!(!topics_cover(&topics, "OSHA.01"));
    }

    fn assessment(
        factory_id: i64,
        date: &str,
        assessed: i64,
        non_compliant: i64,
    ) -> AssessmentOnPoints {
        AssessmentOnPoints {
            factory_id,
            start_date: date.to_owned(),
            assessed,
            non_compliant,
        }
    }

    #[test]
    fn a_factory_is_compared_at_the_assessments_around_the_session() {
        let own = [
            assessment(1, "2025-01-10", 4, 4),
            assessment(1, "2025-06-01", 4, 2),
            assessment(1, "2025-06-20", 0, 0),
            assessment(1, "2026-01-10", 4, 1),
            assessment(1, "2026-08-10", 4, 0),
        ];
        let refs: Vec<&AssessmentOnPoints> = own.iter().collect();
        let change = change_around(&refs, "2025-07-01", "2025-07-02");
        assert_eq!(change.before, Some(50.0));
        assert_eq!(change.after, Some(75.0));
        assert_eq!(
            change_around(&refs, "2024-01-01", "2024-01-01").before,
            None
        );
    }

    #[test]
    fn the_effect_compares_participants_with_the_others_and_withholds_small_groups() {
        let session = HeldSession {
            starts_on: "2026-02-01".to_owned(),
            ends_on: "2026-02-02".to_owned(),
            attended: vec![1, 2, 3, 4, 5],
        };
        let mut assessments = Vec::new();
        // Participants: 0% → 100% (1, 2), 50% → 100% (3, 4, 5): change 70 points.
        for (factory, before) in [(1, 2), (2, 2), (3, 1), (4, 1), (5, 1)] {
            assessments.push(assessment(factory, "2026-01-01", 2, before));
            assessments.push(assessment(factory, "2026-06-01", 2, 0));
        }
        // Others: 50% → 50% for 6..=10: change 0.
        for factory in 6..=10 {
            assessments.push(assessment(factory, "2026-01-01", 2, 1));
            assessments.push(assessment(factory, "2026-06-01", 2, 1));
        }
        // 11 has no assessment after: not compared.
        assessments.push(assessment(11, "2026-01-01", 2, 1));
        let (participants, others, difference) =
            course_effect(std::slice::from_ref(&session), &assessments);
        assert_eq!(participants.factories, 5);
        assert_eq!(participants.before, Some(30.0));
        assert_eq!(participants.change, Some(70.0));
        assert_eq!(others.factories, 5);
        assert_eq!(others.change, Some(0.0));
        assert_eq!(difference, Some(70.0));

        let small = HeldSession {
            attended: vec![1, 2],
            ..session
        };
        let (participants, others, difference) = course_effect(&[small], &assessments);
        assert!(participants.withheld);
        assert_eq!(participants.factories, 2);
        assert_eq!(participants.change, None);
        assert_eq!(others.factories, 8);
        assert!(!others.withheld);
        assert_eq!(difference, None);
    }
}
