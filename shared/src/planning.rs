//! Rules of visit planning: when a factory's next visit is due and how much attention it needs.
//! The programme promises a follow-up visit within six months of an assessment; the risk score
//! orders factories for the planners and always comes with the reasons behind it.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::api::planning::NewPlannedVisit;
use crate::checklist::ChecklistContent;
use crate::date::{format, is_iso_date, parse};
use crate::error::FieldError;
use crate::wire::VisitType;

/// Months after a factory's last assessment by which its next visit is due.
pub const VISIT_INTERVAL_MONTHS: u8 = 6;

/// The day `months` calendar months after `date`, on the same day of the month or the last
/// day of a shorter month (31 August + 6 months = 28 or 29 February).
pub fn add_months(date: &str, months: u8) -> Option<String> {
    let date = parse(date)?;
    let index = date.month() as u8 - 1 + months;
    let year = date.year() + i32::from(index / 12);
    let month = Month::try_from(index % 12 + 1).ok()?;
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).ok().map(format)
}

/// When the next visit of a factory last assessed on `last_assessment` is due.
pub fn next_visit_due(last_assessment: &str) -> Option<String> {
    add_months(last_assessment, VISIT_INTERVAL_MONTHS)
}

/// Days a visit due on `due` is overdue on `today` (0 when it is not due yet); `None` when a
/// date is not an ISO date.
pub fn overdue_days(due: &str, today: &str) -> Option<i64> {
    let days = (parse(today)? - parse(due)?).whole_days();
    Some(days.max(0))
}

/// What the planner knows about a factory when it scores it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RiskFacts {
    /// Verified union concerns reviewed after the factory's last visit.
    pub verified_concerns: i64,
    /// Non-compliance rate of the last published assessment (percent of points assessed).
    pub last_non_compliance: Option<f64>,
    /// Critical issues found at the last published assessment.
    pub critical_issues: i64,
    /// Corrective actions still open after their target date.
    pub overdue_actions: i64,
    /// The last visit was obstructed (non-cooperation).
    pub non_cooperation: bool,
    /// Points the factory rated compliant in its latest self-assessment that monitors found
    /// non-compliant at the report it was compared with.
    pub blind_spots: i64,
    /// Days since the last visit of any kind; `None` when it was never visited.
    pub days_since_last_visit: Option<i64>,
}

/// One reason a factory scores higher, with the points it adds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskReason {
    /// `concerns`, `low_compliance`, `critical_issues`, `overdue_actions`, `non_cooperation`,
    /// `blind_spots`, `never_visited` or `long_since_visit`.
    pub code: String,
    /// The count or value behind the reason, as shown beside it.
    pub value: i64,
    pub points: i64,
}

/// A factory's risk score: the sum of its reasons' points, highest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskScore {
    pub score: i64,
    pub reasons: Vec<RiskReason>,
}

/// Non-compliance rate from which a factory counts as low-compliance (percent).
pub const LOW_COMPLIANCE_RATE: f64 = 30.0;
/// Days without a visit from which the time itself is a reason.
pub const LONG_SINCE_VISIT_DAYS: i64 = 270;

/// Scores a factory for planning. Each reason's weight says how strongly the programme wants a
/// monitor there soon: a verified concern or an obstructed visit most, then critical issues.
pub fn risk_score(facts: &RiskFacts) -> RiskScore {
    let mut reasons = Vec::new();
    let mut add = |code: &str, value: i64, points: i64| {
        if points > 0 {
            reasons.push(RiskReason {
                code: code.to_owned(),
                value,
                points,
            });
        }
    };
    add(
        "concerns",
        facts.verified_concerns,
        30 * facts.verified_concerns.clamp(0, 3),
    );
    add(
        "non_cooperation",
        i64::from(facts.non_cooperation),
        if facts.non_cooperation { 40 } else { 0 },
    );
    add(
        "critical_issues",
        facts.critical_issues,
        15 * facts.critical_issues.clamp(0, 4),
    );
    if let Some(rate) = facts
        .last_non_compliance
        .filter(|r| *r >= LOW_COMPLIANCE_RATE)
    {
        // 10 points at the threshold, one more per 5 points of rate above it.
        add(
            "low_compliance",
            rate.round() as i64,
            10 + ((rate - LOW_COMPLIANCE_RATE) / 5.0).floor() as i64,
        );
    }
    add(
        "overdue_actions",
        facts.overdue_actions,
        5 * facts.overdue_actions.clamp(0, 6),
    );
    add(
        "blind_spots",
        facts.blind_spots,
        2 * facts.blind_spots.clamp(0, 10),
    );
    match facts.days_since_last_visit {
        None => add("never_visited", 0, 25),
        Some(days) if days >= LONG_SINCE_VISIT_DAYS => {
            // 10 points at nine months, one more per further month.
            add(
                "long_since_visit",
                days,
                10 + (days - LONG_SINCE_VISIT_DAYS) / 30,
            )
        }
        Some(_) => {}
    }
    reasons.sort_by(|a, b| b.points.cmp(&a.points).then(a.code.cmp(&b.code)));
    RiskScore {
        score: reasons.iter().map(|r| r.points).sum(),
        reasons,
    }
}

/// Kinds of visit that are planned ahead: remediation and observation visits are arranged
/// with the factory and are not part of the unannounced schedule.
pub const PLANNABLE_TYPES: [VisitType; 3] = [
    VisitType::Assessment,
    VisitType::FollowUp,
    VisitType::SpecialCheck,
];

/// Longest window, in days, a visit may be planned in: a monitor's month.
pub const MAX_PLANNED_WINDOW_DAYS: i64 = 31;

/// What is wrong with a visit to plan on `today`, as field errors (codes under
/// `validation.`). An assessment covers the whole checklist; a special check covers chosen
/// points only; a follow-up may do either. Whether the factory, monitors and points exist is
/// the server's check.
pub fn planned_visit_problems(visit: &NewPlannedVisit, today: &str) -> Vec<FieldError> {
    let mut problems = Vec::new();
    let visit_type = VisitType::parse(&visit.visit_type).filter(|t| PLANNABLE_TYPES.contains(t));
    match visit_type {
        None => problems.push(FieldError::new("visit_type", "choose_one")),
        Some(VisitType::Assessment) if !visit.scope.is_empty() => {
            problems.push(FieldError::new("scope", "assessment_is_whole_checklist"))
        }
        Some(VisitType::SpecialCheck) if visit.scope.is_empty() => {
            problems.push(FieldError::new("scope", "choose_points"))
        }
        Some(_) => {}
    }
    if visit.factory_id <= 0 {
        problems.push(FieldError::new("factory_id", "required"));
    }
    if visit.lead_monitor_id <= 0 {
        problems.push(FieldError::new("lead_monitor_id", "required"));
    }
    if visit.second_monitor_id.is_some() && visit.second_monitor_id == Some(visit.lead_monitor_id) {
        problems.push(FieldError::new("second_monitor_id", "same_monitor_twice"));
    }
    if !is_iso_date(&visit.starts_on) {
        problems.push(FieldError::new("starts_on", "date_invalid"));
    } else if visit.starts_on.as_str() < today {
        problems.push(FieldError::new("starts_on", "date_in_past"));
    }
    if !is_iso_date(&visit.ends_on) {
        problems.push(FieldError::new("ends_on", "date_invalid"));
    } else if is_iso_date(&visit.starts_on) {
        // ISO dates compare correctly as text.
        if visit.ends_on < visit.starts_on {
            problems.push(FieldError::new("ends_on", "end_before_start"));
        } else if parse(&visit.ends_on)
            .zip(parse(&visit.starts_on))
            .is_some_and(|(end, start)| (end - start).whole_days() >= MAX_PLANNED_WINDOW_DAYS)
        {
            problems.push(FieldError::new("ends_on", "window_too_long"));
        }
    }
    if visit.note.chars().count() > 2000 {
        problems.push(FieldError::new("note", "too_long"));
    }
    problems
}

/// The part of the checklist a visit covers: for a partial visit (a non-empty `scope` of point
/// codes) only its points, in clusters that keep at least one; the whole checklist otherwise.
pub fn scoped(content: &ChecklistContent, scope: &[String]) -> ChecklistContent {
    if scope.is_empty() {
        return content.clone();
    }
    let mut content = content.clone();
    for cluster in &mut content.clusters {
        cluster.points.retain(|point| scope.contains(&point.code));
    }
    content
        .clusters
        .retain(|cluster| !cluster.points.is_empty());
    content
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_visit_is_due_six_calendar_months_after_the_assessment() {
        assert_eq!(next_visit_due("2026-03-10").as_deref(), Some("2026-09-10"));
        assert_eq!(next_visit_due("2026-08-31").as_deref(), Some("2027-02-28"));
        assert_eq!(next_visit_due("2027-08-31").as_deref(), Some("2028-02-29"));
        assert_eq!(next_visit_due("2026-12-15").as_deref(), Some("2027-06-15"));
        assert_eq!(next_visit_due("not a date"), None);
    }

    #[test]
    fn a_visit_is_overdue_from_the_day_after_it_is_due() {
        assert_eq!(overdue_days("2026-09-10", "2026-09-10"), Some(0));
        assert_eq!(overdue_days("2026-09-10", "2026-09-01"), Some(0));
        assert_eq!(overdue_days("2026-09-10", "2026-10-10"), Some(30));
    }

    fn plan(visit_type: &str, scope: &[&str]) -> NewPlannedVisit {
        NewPlannedVisit {
            factory_id: 3,
            visit_type: visit_type.to_owned(),
            starts_on: "2027-02-01".to_owned(),
            ends_on: "2027-02-12".to_owned(),
            lead_monitor_id: 5,
            second_monitor_id: Some(6),
            scope: scope.iter().map(|code| (*code).to_owned()).collect(),
            note: String::new(),
        }
    }

    fn codes(visit: &NewPlannedVisit, today: &str) -> Vec<(String, String)> {
        planned_visit_problems(visit, today)
            .into_iter()
            .map(|p| (p.field, p.code))
            .collect()
    }

    #[test]
    fn a_planned_visit_needs_a_team_a_short_future_window_and_a_scope_that_fits_its_type() {
        assert!(codes(&plan("follow_up", &["WT.02.01"]), "2027-01-15").is_empty());
        assert!(codes(&plan("follow_up", &[]), "2027-01-15").is_empty());
        assert!(codes(&plan("assessment", &[]), "2027-02-01").is_empty());
        let pair = |field: &str, code: &str| vec![(field.to_owned(), code.to_owned())];
        assert_eq!(
            codes(&plan("assessment", &["WT.02.01"]), "2027-01-15"),
            pair("scope", "assessment_is_whole_checklist")
        );
        assert_eq!(
            codes(&plan("special_check", &[]), "2027-01-15"),
            pair("scope", "choose_points")
        );
        assert_eq!(
            codes(&plan("remediation", &[]), "2027-01-15"),
            pair("visit_type", "choose_one")
        );
        assert_eq!(
            codes(&plan("assessment", &[]), "2027-02-02"),
            pair("starts_on", "date_in_past")
        );
        let mut long = plan("assessment", &[]);
        long.ends_on = "2027-03-04".to_owned();
        assert_eq!(
            codes(&long, "2027-01-15"),
            pair("ends_on", "window_too_long")
        );
        long.ends_on = "2027-03-03".to_owned();
        assert!(codes(&long, "2027-01-15").is_empty(), "31 days inclusive");
        let mut backwards = plan("assessment", &[]);
        backwards.ends_on = "2027-01-31".to_owned();
        assert_eq!(
            codes(&backwards, "2027-01-15"),
            pair("ends_on", "end_before_start")
        );
        let mut alone = plan("assessment", &[]);
        alone.second_monitor_id = Some(5);
        alone.lead_monitor_id = 5;
        assert_eq!(
            codes(&alone, "2027-01-15"),
            pair("second_monitor_id", "same_monitor_twice")
        );
    }

    #[test]
    fn a_partial_visit_covers_only_its_points_and_their_clusters() {
        use crate::checklist::{Cluster, CompliancePoint, Translated};
        let point = |code: &str| CompliancePoint {
            code: code.to_owned(),
            name: Translated::default(),
            questions: Vec::new(),
        };
        let cluster = |code: &str, points: &[&str]| Cluster {
            code: code.to_owned(),
            scored: true,
            name: Translated::default(),
            points: points.iter().map(|code| point(code)).collect(),
        };
        let content = ChecklistContent {
            clusters: vec![
                cluster("WT", &["WT.01", "WT.02"]),
                cluster("OSH", &["OSH.01"]),
                cluster("CL", &["CL.01", "CL.02"]),
            ],
        };
        assert_eq!(scoped(&content, &[]), content);
        let partial = scoped(&content, &["WT.02".to_owned(), "CL.01".to_owned()]);
        let codes: Vec<(&str, Vec<&str>)> = partial
            .clusters
            .iter()
            .map(|c| {
                (
                    c.code.as_str(),
                    c.points.iter().map(|p| p.code.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(codes, [("WT", vec!["WT.02"]), ("CL", vec!["CL.01"])]);
    }

    #[test]
    fn the_score_adds_weighted_reasons_and_lists_them_highest_first() {
        let facts = RiskFacts {
            verified_concerns: 1,
            last_non_compliance: Some(42.0),
            critical_issues: 2,
            overdue_actions: 1,
            non_cooperation: false,
            blind_spots: 3,
            days_since_last_visit: Some(300),
        };
        let score = risk_score(&facts);
        let codes: Vec<(&str, i64)> = score
            .reasons
            .iter()
            .map(|r| (r.code.as_str(), r.points))
            .collect();
        assert_eq!(
            codes,
            [
                ("concerns", 30),
                ("critical_issues", 30),
                ("low_compliance", 12),
                ("long_since_visit", 11),
                ("blind_spots", 6),
                ("overdue_actions", 5),
            ]
        );
        assert_eq!(score.score, 94);
        let quiet = risk_score(&RiskFacts {
            last_non_compliance: Some(10.0),
            days_since_last_visit: Some(20),
            ..RiskFacts::default()
        });
        assert_eq!(quiet, RiskScore::default());
        assert_eq!(
            risk_score(&RiskFacts::default()).reasons[0].code,
            "never_visited"
        );
    }
}
