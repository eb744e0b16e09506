//! Rules of the factory self-assessment: which clusters are answered, when a question counts
//! as answered, what is still missing, the scores kept at completion, and how the result
//! compares with the monitors' latest official report (blind spots, points reported fixed,
//! agreement). Scores themselves come from [`crate::domain::scoring::score`], the rules of
//! official reports.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use shared::analytics::MIN_FACTORIES_IN_A_FIGURE;
use shared::api::corrective_actions::CorrectiveAction;
use shared::api::reports::SelfAssessmentAccuracy;
use shared::api::self_assessments::{
    BlindSpotFigure, ComparedPoint, NonCompliantQuestion, SelfAnswer, SelfAssessmentBlindSpots,
    SelfAssessmentHistoryEntry, BLIND_SPOT_POINTS_LISTED,
};
use shared::api::visits::{ClusterProgress, ClusterScore, Scores};
use shared::checklist::{ChecklistContent, ChecklistQuestion, QuestionKind};
use shared::corrective_action::ActionStatus;
use shared::date::cambodia_date;
use shared::visit::AnswerChoice;

use crate::domain::report_document::PointOutcome;
use crate::domain::scoring::{score, PointResult};

/// The clusters a new self-assessment answers, in checklist order: every scored cluster when
/// none is asked for, else the ones asked for. `Err` names the codes that are not scored
/// clusters of the checklist.
pub fn chosen_clusters(
    content: &ChecklistContent,
    requested: &[String],
) -> Result<Vec<String>, Vec<String>> {
    let scored: Vec<&str> = content
        .clusters
        .iter()
        .filter(|cluster| cluster.scored)
        .map(|cluster| cluster.code.as_str())
        .collect();
    let unknown: Vec<String> = requested
        .iter()
        .filter(|code| !scored.contains(&code.as_str()))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    Ok(scored
        .into_iter()
        .filter(|code| requested.is_empty() || requested.iter().any(|r| r == code))
        .map(str::to_owned)
        .collect())
}

/// The part of the checklist a self-assessment answers: only its chosen clusters.
pub fn restricted(content: &ChecklistContent, chosen: &[String]) -> ChecklistContent {
    ChecklistContent {
        clusters: content
            .clusters
            .iter()
            .filter(|cluster| chosen.contains(&cluster.code))
            .cloned()
            .collect(),
    }
}

/// A scored question is answered by a choice; a fact-gathering one by a value.
pub fn is_answered(kind: QuestionKind, answer: &SelfAnswer) -> bool {
    if kind.is_scored() {
        answer.choice.is_some()
    } else {
        !answer.value.trim().is_empty()
    }
}

fn by_code(answers: &[SelfAnswer]) -> HashMap<&str, &SelfAnswer> {
    answers
        .iter()
        .map(|answer| (answer.question_code.as_str(), answer))
        .collect()
}

/// Question codes of `content` (the chosen clusters) not answered yet, in checklist order.
pub fn missing_answers(content: &ChecklistContent, answers: &[SelfAnswer]) -> Vec<String> {
    let answers = by_code(answers);
    content
        .questions()
        .filter(|question| {
            !answers
                .get(question.code.as_str())
                .is_some_and(|answer| is_answered(question.kind, answer))
        })
        .map(|question| question.code.clone())
        .collect()
}

/// How far each chosen cluster has come.
pub fn progress(content: &ChecklistContent, answers: &[SelfAnswer]) -> Vec<ClusterProgress> {
    let answers = by_code(answers);
    content
        .clusters
        .iter()
        .map(|cluster| {
            let mut entry = ClusterProgress {
                code: cluster.code.clone(),
                name: cluster.name.clone(),
                scored: cluster.scored,
                answered: 0,
                total: 0,
                non_compliant: 0,
                incomplete_findings: 0,
                conflicts: 0,
            };
            for question in cluster.questions() {
                entry.total += 1;
                if let Some(answer) = answers.get(question.code.as_str()) {
                    entry.answered += i64::from(is_answered(question.kind, answer));
                    entry.non_compliant +=
                        i64::from(answer.choice == Some(AnswerChoice::NonCompliant));
                }
            }
            entry
        })
        .collect()
}

/// One assessed compliance point as stored at completion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPoint {
    pub point_code: String,
    pub non_compliant: bool,
}

/// What completion stores (as JSON): the scores of the chosen clusters and every assessed
/// point's result, so the result page never recomputes them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredScores {
    pub clusters: Vec<ClusterScore>,
    pub critical_issues: Vec<i64>,
    pub points: Vec<StoredPoint>,
}

impl StoredScores {
    /// Non-compliant points over assessed points, all chosen clusters together (percent):
    /// the same rule as an official report's overall rate.
    pub fn overall_rate(&self) -> Option<f64> {
        Scores {
            clusters: self.clusters.clone(),
            critical_issues: Vec::new(),
        }
        .overall_rate()
    }
}

/// Scores a self-assessment of `content` (its chosen clusters) with the official rules.
pub fn scores_of(content: &ChecklistContent, answers: &[SelfAnswer]) -> StoredScores {
    let choices: HashMap<String, AnswerChoice> = answers
        .iter()
        .filter_map(|answer| Some((answer.question_code.clone(), answer.choice?)))
        .collect();
    let scoring = score(content, &choices);
    StoredScores {
        clusters: scoring.scores.clusters,
        critical_issues: scoring.scores.critical_issues,
        points: scoring
            .points
            .into_iter()
            .map(
                |PointResult {
                     point_code,
                     non_compliant,
                 }| StoredPoint {
                    point_code,
                    non_compliant,
                },
            )
            .collect(),
    }
}

/// Question codes whose corrective actions the factory reports done: at least one action,
/// every one of them done.
pub fn reported_done(actions: &[CorrectiveAction]) -> HashSet<String> {
    let mut all_done: HashMap<&str, bool> = HashMap::new();
    for action in actions {
        let done = all_done
            .entry(action.question_code.as_str())
            .or_insert(true);
        *done &= action.status == ActionStatus::Done;
    }
    all_done
        .into_iter()
        .filter(|(_, done)| *done)
        .map(|(code, _)| code.to_owned())
        .collect()
}

/// The self-assessment beside the monitors' latest official report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Rated compliant by the factory, found non-compliant by the monitors, with no
    /// corrective action reported done.
    pub blind_spots: Vec<ComparedPoint>,
    /// Found non-compliant by the monitors, rated compliant by the factory now, with the
    /// corrective actions of at least one of the point's findings reported done.
    pub reported_fixed: Vec<ComparedPoint>,
    /// Points assessed by both.
    pub points_compared: i64,
    /// Of those, points both rated the same way.
    pub points_agreeing: i64,
}

/// Compares the self-assessment's point results with the official report's, by point code
/// (the two may use different checklist versions). `content` is the self-assessment's
/// checklist, which names the points and maps the question codes of `done_questions` (see
/// [`reported_done`]) to their points.
pub fn compare(
    content: &ChecklistContent,
    own: &[StoredPoint],
    official: &[PointOutcome],
    done_questions: &HashSet<String>,
) -> Comparison {
    let official_by_code: HashMap<&str, &PointOutcome> = official
        .iter()
        .map(|outcome| (outcome.code.as_str(), outcome))
        .collect();
    let mut comparison = Comparison::default();
    for cluster in &content.clusters {
        for point in &cluster.points {
            let Some(mine) = own.iter().find(|p| p.point_code == point.code) else {
                continue;
            };
            let Some(theirs) = official_by_code.get(point.code.as_str()) else {
                continue;
            };
            comparison.points_compared += 1;
            comparison.points_agreeing += i64::from(mine.non_compliant == theirs.non_compliant);
            if mine.non_compliant || !theirs.non_compliant {
                continue;
            }
            let compared = ComparedPoint {
                cluster_code: cluster.code.clone(),
                point_code: point.code.clone(),
                point_name: point.name.clone(),
                critical_issue: point
                    .questions
                    .iter()
                    .find_map(|question: &ChecklistQuestion| question.critical_issue),
            };
            let fixed = point
                .questions
                .iter()
                .any(|question| done_questions.contains(&question.code));
            if fixed {
                comparison.reported_fixed.push(compared);
            } else {
                comparison.blind_spots.push(compared);
            }
        }
    }
    comparison
}

/// The self-assessment a visit is compared with: the factory's latest one completed on or
/// before the visit's first day (Cambodia). The monitors' tablets show its answers beside
/// each question, and the published report states its accuracy. `history` is oldest first.
pub fn compared_with_visit(
    history: &[SelfAssessmentHistoryEntry],
    visit_start_date: &str,
) -> Option<i64> {
    history
        .iter()
        .filter(|entry| cambodia_date(entry.completed_at).as_str() <= visit_start_date)
        .max_by_key(|entry| (entry.completed_at, entry.id))
        .map(|entry| entry.id)
}

/// The self-assessment's accuracy against the monitors' point results of one report: the
/// agreement of [`compare`], which does not depend on what was reported done.
pub fn accuracy(
    self_assessment_id: i64,
    completed_at: i64,
    content: &ChecklistContent,
    own: &[StoredPoint],
    official: &[PointOutcome],
) -> SelfAssessmentAccuracy {
    let comparison = compare(content, own, official, &HashSet::new());
    SelfAssessmentAccuracy {
        self_assessment_id,
        completed_at,
        points_compared: comparison.points_compared,
        points_agreeing: comparison.points_agreeing,
    }
}

/// The industry's blind spots from each compared factory's [`Comparison`] (its latest
/// completed self-assessment beside its latest published report): how many factories have each
/// blind spot, most frequent first (then by cluster and point code), at most
/// [`BLIND_SPOT_POINTS_LISTED`]. With fewer than [`MIN_FACTORIES_IN_A_FIGURE`] factories
/// compared only the counts are given.
pub fn industry_blind_spots(
    factories_self_assessing: i64,
    comparisons: &[Comparison],
) -> SelfAssessmentBlindSpots {
    let factories_compared = i64::try_from(comparisons.len()).unwrap_or(i64::MAX);
    let suppressed = factories_compared < MIN_FACTORIES_IN_A_FIGURE;
    let mut points: Vec<BlindSpotFigure> = Vec::new();
    if !suppressed {
        let mut index: HashMap<(String, String), usize> = HashMap::new();
        for comparison in comparisons {
            let mut seen: HashSet<(&str, &str)> = HashSet::new();
            for point in &comparison.blind_spots {
                if !seen.insert((point.cluster_code.as_str(), point.point_code.as_str())) {
                    continue;
                }
                let key = (point.cluster_code.clone(), point.point_code.clone());
                match index.get(&key) {
                    Some(&at) => points[at].factories += 1,
                    None => {
                        index.insert(key, points.len());
                        points.push(BlindSpotFigure {
                            cluster_code: point.cluster_code.clone(),
                            point_code: point.point_code.clone(),
                            point_name: point.point_name.clone(),
                            factories: 1,
                        });
                    }
                }
            }
        }
        points.sort_by(|a, b| {
            b.factories
                .cmp(&a.factories)
                .then_with(|| a.cluster_code.cmp(&b.cluster_code))
                .then_with(|| a.point_code.cmp(&b.point_code))
        });
        points.truncate(BLIND_SPOT_POINTS_LISTED);
    }
    SelfAssessmentBlindSpots {
        factories_self_assessing,
        factories_compared,
        points,
        suppressed,
    }
}

/// The questions of `content` that `answers` rate non-compliant, in checklist order.
pub fn non_compliant_questions(
    content: &ChecklistContent,
    answers: &[SelfAnswer],
) -> Vec<NonCompliantQuestion> {
    let non_compliant: HashSet<&str> = answers
        .iter()
        .filter(|answer| answer.choice == Some(AnswerChoice::NonCompliant))
        .map(|answer| answer.question_code.as_str())
        .collect();
    let mut questions = Vec::new();
    for cluster in &content.clusters {
        for point in &cluster.points {
            for question in &point.questions {
                if non_compliant.contains(question.code.as_str()) {
                    questions.push(NonCompliantQuestion {
                        cluster_code: cluster.code.clone(),
                        point_code: point.code.clone(),
                        point_name: point.name.clone(),
                        question_code: question.code.clone(),
                        question: question.text.clone(),
                        critical_issue: question.critical_issue,
                    });
                }
            }
        }
    }
    questions
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::checklist::{Cluster, CompliancePoint, Translated};

    fn question(code: &str, kind: QuestionKind, critical_issue: Option<i64>) -> ChecklistQuestion {
        ChecklistQuestion {
            code: code.into(),
            kind,
            text: Translated::default(),
            legal_reference: String::new(),
            guidance: String::new(),
            critical_issue,
            publicly_reported: false,
        }
    }

    fn point(code: &str, questions: Vec<ChecklistQuestion>) -> CompliancePoint {
        CompliancePoint {
            code: code.into(),
            name: Translated {
                en: format!("Point {code}"),
                ..Translated::default()
            },
            questions,
        }
    }

    fn cluster(code: &str, scored: bool, points: Vec<CompliancePoint>) -> Cluster {
        Cluster {
            code: code.into(),
            scored,
            name: Translated::default(),
            points,
        }
    }

    /// WT: three points of yes/no questions (WT.01 also has a number question); OSH: one
    /// point with critical issue 14; PRO: unscored.
    fn content() -> ChecklistContent {
        use QuestionKind::*;
        ChecklistContent {
            clusters: vec![
                cluster(
                    "WT",
                    true,
                    vec![
                        point(
                            "WT.01",
                            vec![
                                question("WT.01.01", YesNo, None),
                                question("WT.01.02", Number, None),
                            ],
                        ),
                        point("WT.02", vec![question("WT.02.01", YesNo, None)]),
                        point(
                            "WT.03",
                            vec![
                                question("WT.03.01", YesNo, None),
                                question("WT.03.02", YesNo, None),
                            ],
                        ),
                    ],
                ),
                cluster(
                    "OSH",
                    true,
                    vec![point(
                        "OSH.01",
                        vec![question("OSH.01.01", YesNo, Some(14))],
                    )],
                ),
                cluster(
                    "PRO",
                    false,
                    vec![point("PRO.01", vec![question("PRO.01.01", Text, None)])],
                ),
            ],
        }
    }

    fn answer(code: &str, choice: Option<AnswerChoice>, value: &str) -> SelfAnswer {
        SelfAnswer {
            question_code: code.into(),
            choice,
            value: value.into(),
            note: String::new(),
            changed_at: 1,
        }
    }

    fn outcome(code: &str, non_compliant: bool) -> PointOutcome {
        PointOutcome {
            code: code.into(),
            name: Translated::default(),
            cluster_code: code.split('.').next().unwrap_or_default().into(),
            non_compliant,
        }
    }

    fn stored(code: &str, non_compliant: bool) -> StoredPoint {
        StoredPoint {
            point_code: code.into(),
            non_compliant,
        }
    }

    fn codes(points: &[ComparedPoint]) -> Vec<&str> {
        points.iter().map(|p| p.point_code.as_str()).collect()
    }

    #[test]
    fn no_choice_means_every_scored_cluster_and_unknown_or_unscored_codes_are_refused() {
        let content = content();
        assert_eq!(
            chosen_clusters(&content, &[]),
            Ok(vec!["WT".into(), "OSH".into()])
        );
        // Checklist order, whatever the order asked.
        assert_eq!(
            chosen_clusters(&content, &["OSH".into(), "WT".into()]),
            Ok(vec!["WT".into(), "OSH".into()])
        );
        assert_eq!(
            chosen_clusters(&content, &["OSH".into(), "PRO".into(), "XYZ".into()]),
            Err(vec!["PRO".into(), "XYZ".into()])
        );
        assert_eq!(restricted(&content, &["OSH".into()]).question_count(), 1);
    }

    #[test]
    fn a_scored_question_needs_a_choice_and_a_fact_question_a_value() {
        let content = restricted(&content(), &["WT".into()]);
        let answers = vec![
            answer("WT.01.01", Some(AnswerChoice::NotApplicable), ""),
            answer("WT.01.02", None, "  "),
            answer("WT.02.01", None, "yes"),
            answer("WT.03.01", Some(AnswerChoice::NonCompliant), ""),
        ];
        assert_eq!(
            missing_answers(&content, &answers),
            vec!["WT.01.02", "WT.02.01", "WT.03.02"]
        );
        let progress = progress(&content, &answers);
        assert_eq!(progress.len(), 1);
        assert_eq!((progress[0].answered, progress[0].total), (2, 5));
        assert_eq!(progress[0].non_compliant, 1);
    }

    #[test]
    fn scores_follow_the_official_rules_on_the_chosen_clusters_only() {
        use AnswerChoice::*;
        let content = restricted(&content(), &["WT".into()]);
        let scores = scores_of(
            &content,
            &[
                answer("WT.01.01", Some(Compliant), ""),
                answer("WT.01.02", None, "48"),
                answer("WT.02.01", Some(NotApplicable), ""),
                answer("WT.03.01", Some(Compliant), ""),
                answer("WT.03.02", Some(NonCompliant), ""),
                answer("OSH.01.01", Some(NonCompliant), ""),
            ],
        );
        assert_eq!(scores.clusters.len(), 1);
        assert_eq!(
            (
                scores.clusters[0].points_assessed,
                scores.clusters[0].points_non_compliant
            ),
            (2, 1)
        );
        assert_eq!(scores.overall_rate(), Some(50.0));
        assert_eq!(
            scores.points,
            vec![stored("WT.01", false), stored("WT.03", true)]
        );
        assert!(scores.critical_issues.is_empty(), "OSH was not chosen");
    }

    #[test]
    fn blind_spots_fixed_points_and_agreement() {
        let content = content();
        let own = vec![
            stored("WT.01", false),
            stored("WT.02", false),
            stored("WT.03", true),
            stored("OSH.01", false),
        ];
        let official = vec![
            outcome("WT.01", true),
            outcome("WT.02", true),
            outcome("WT.03", true),
            // Not assessed by the factory: not compared.
            outcome("CHI.01", true),
            outcome("OSH.01", false),
        ];
        let done: HashSet<String> = ["WT.01.01".to_owned()].into();
        let comparison = compare(&content, &own, &official, &done);
        assert_eq!(codes(&comparison.blind_spots), vec!["WT.02"]);
        assert_eq!(codes(&comparison.reported_fixed), vec!["WT.01"]);
        assert_eq!(comparison.points_compared, 4);
        // WT.03 (both non-compliant) and OSH.01 (both compliant).
        assert_eq!(comparison.points_agreeing, 2);
        assert_eq!(comparison.blind_spots[0].point_name.en, "Point WT.02");
        assert_eq!(comparison.blind_spots[0].cluster_code, "WT");
    }

    #[test]
    fn a_blind_spot_carries_its_critical_issue_and_nothing_compares_without_a_report() {
        let content = content();
        let own = vec![stored("OSH.01", false)];
        let comparison = compare(&content, &own, &[outcome("OSH.01", true)], &HashSet::new());
        assert_eq!(comparison.blind_spots[0].critical_issue, Some(14));
        assert_eq!(
            compare(&content, &own, &[], &HashSet::new()),
            Comparison::default()
        );
    }

    fn action(question_code: &str, status: ActionStatus) -> CorrectiveAction {
        CorrectiveAction {
            id: 0,
            question_code: question_code.into(),
            description: String::new(),
            responsible: String::new(),
            target_date: String::new(),
            status,
            created_by_name: String::new(),
            created_at: 0,
            updates: Vec::new(),
            verification: None,
        }
    }

    #[test]
    fn a_finding_is_reported_done_when_every_one_of_its_actions_is() {
        use ActionStatus::*;
        let done = reported_done(&[
            action("WT.01.01", Done),
            action("WT.02.01", Done),
            action("WT.02.01", InProgress),
            action("WT.03.01", Planned),
        ]);
        assert_eq!(done, ["WT.01.01".to_owned()].into());
    }

    fn blind(points: &[&str]) -> Comparison {
        Comparison {
            blind_spots: points
                .iter()
                .map(|code| ComparedPoint {
                    cluster_code: "WT".into(),
                    point_code: (*code).into(),
                    point_name: Translated::default(),
                    critical_issue: None,
                })
                .collect(),
            ..Comparison::default()
        }
    }

    #[test]
    fn industry_blind_spots_are_withheld_below_the_threshold() {
        let comparisons = vec![blind(&["WT.01"]); 4];
        let figures = industry_blind_spots(6, &comparisons);
        assert_eq!(figures.factories_self_assessing, 6);
        assert_eq!(figures.factories_compared, 4);
        assert!(figures.suppressed);
        assert!(figures.points.is_empty());
    }

    #[test]
    fn industry_blind_spots_count_factories_most_frequent_first() {
        let comparisons = vec![
            blind(&["WT.01", "WT.02"]),
            blind(&["WT.02"]),
            blind(&["WT.02", "WT.03"]),
            blind(&[]),
            Comparison::default(),
        ];
        let figures = industry_blind_spots(5, &comparisons);
        assert!(!figures.suppressed);
        let counts: Vec<(&str, i64)> = figures
            .points
            .iter()
            .map(|point| (point.point_code.as_str(), point.factories))
            .collect();
        assert_eq!(counts, [("WT.02", 3), ("WT.01", 1), ("WT.03", 1)]);
    }

    #[test]
    fn industry_blind_spots_list_at_most_the_top_points() {
        let codes: Vec<String> = (0..30).map(|n| format!("WT.{n:02}")).collect();
        let all: Vec<&str> = codes.iter().map(String::as_str).collect();
        let comparisons = vec![blind(&all); 5];
        let figures = industry_blind_spots(5, &comparisons);
        assert_eq!(figures.points.len(), BLIND_SPOT_POINTS_LISTED);
    }

    #[test]
    fn a_visit_is_compared_with_the_latest_self_assessment_completed_by_its_first_day() {
        let entry = |id, completed_at| SelfAssessmentHistoryEntry {
            id,
            completed_at,
            non_compliance_rate: None,
        };
        // 2026-03-10 16:59:59 UTC is 23:59:59 that day in Cambodia; one second later it is
        // the 11th there.
        let last_second_of_the_10th = 1_773_161_999;
        let history = [
            entry(1, 1_770_000_000),
            entry(2, last_second_of_the_10th),
            entry(3, last_second_of_the_10th + 1),
        ];
        assert_eq!(compared_with_visit(&history, "2026-03-10"), Some(2));
        assert_eq!(compared_with_visit(&history, "2026-03-11"), Some(3));
        assert_eq!(compared_with_visit(&history, "2026-01-01"), None);
        assert_eq!(compared_with_visit(&[], "2026-03-11"), None);
    }
}
