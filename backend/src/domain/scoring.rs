//! Scores of a published report, computed once from its answers.
//!
//! The programme's rules: a compliance point is non-compliant when any of its questions is
//! answered non-compliant; a point is assessed when at least one of its scored questions got a
//! compliant or non-compliant answer ("not applicable" and unanswered questions do not count);
//! a cluster's non-compliance rate is its non-compliant points over its assessed points.
//! Fact-gathering questions and unscored report sections are never scored.

use std::collections::{BTreeSet, HashMap};

use shared::analytics::share;
use shared::api::visits::{ClusterScore, Scores};
use shared::checklist::ChecklistContent;
use shared::visit::AnswerChoice;

/// The result of one assessed compliance point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PointResult {
    pub point_code: String,
    pub non_compliant: bool,
}

/// Everything stored at publication.
#[derive(Clone, Debug, PartialEq)]
pub struct Scoring {
    /// Only assessed points.
    pub points: Vec<PointResult>,
    pub scores: Scores,
}

/// Scores a report from its answers, given as question code → choice.
pub fn score(content: &ChecklistContent, choices: &HashMap<String, AnswerChoice>) -> Scoring {
    let mut points = Vec::new();
    let mut clusters = Vec::new();
    let mut critical_issues = BTreeSet::new();
    for cluster in content.clusters.iter().filter(|cluster| cluster.scored) {
        let mut points_assessed = 0;
        let mut points_non_compliant = 0;
        for point in &cluster.points {
            let mut assessed = false;
            let mut non_compliant = false;
            for question in point.questions.iter().filter(|q| q.kind.is_scored()) {
                match choices.get(&question.code) {
                    Some(AnswerChoice::Compliant) => assessed = true,
                    Some(AnswerChoice::NonCompliant) => {
                        assessed = true;
                        non_compliant = true;
                        critical_issues.extend(question.critical_issue);
                    }
                    Some(AnswerChoice::NotApplicable) | None => {}
                }
            }
            if assessed {
                points_assessed += 1;
                points_non_compliant += i64::from(non_compliant);
                points.push(PointResult {
                    point_code: point.code.clone(),
                    non_compliant,
                });
            }
        }
        clusters.push(ClusterScore {
            code: cluster.code.clone(),
            name: cluster.name.clone(),
            points_assessed,
            points_non_compliant,
            non_compliance_rate: share(points_non_compliant, points_assessed),
        });
    }
    Scoring {
        points,
        scores: Scores {
            clusters,
            critical_issues: critical_issues.into_iter().collect(),
        },
    }
}

/// Scored questions not answered compliant, as (question code, non-compliant): the
/// non-compliant ones and those not assessed (not applicable or unanswered). Compliant
/// answers, the large majority, are implied, which keeps industry rankings small to read.
pub fn question_exceptions(
    content: &ChecklistContent,
    choices: &HashMap<String, AnswerChoice>,
) -> Vec<(String, bool)> {
    content
        .clusters
        .iter()
        .filter(|cluster| cluster.scored)
        .flat_map(|cluster| &cluster.points)
        .flat_map(|point| &point.questions)
        .filter(|question| question.kind.is_scored())
        .filter_map(|question| match choices.get(&question.code) {
            Some(AnswerChoice::Compliant) => None,
            Some(AnswerChoice::NonCompliant) => Some((question.code.clone(), true)),
            Some(AnswerChoice::NotApplicable) | None => Some((question.code.clone(), false)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::checklist::{
        ChecklistQuestion, Cluster, CompliancePoint, QuestionKind, Translated,
    };

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
            name: Translated::default(),
            questions,
        }
    }

    fn content() -> ChecklistContent {
        use QuestionKind::*;
        ChecklistContent {
            clusters: vec![
                Cluster {
                    code: "CHI".into(),
                    scored: true,
                    name: Translated::default(),
                    points: vec![
                        point(
                            "CHI.01",
                            vec![
                                question("CHI.01.01", YesNo, Some(1)),
                                question("CHI.01.02", YesNo, None),
                            ],
                        ),
                        point(
                            "CHI.02",
                            vec![
                                question("CHI.02.01", YesNo, None),
                                question("CHI.02.02", Number, None),
                            ],
                        ),
                        point("CHI.03", vec![question("CHI.03.01", YesNo, None)]),
                    ],
                },
                Cluster {
                    code: "OSH".into(),
                    scored: true,
                    name: Translated::default(),
                    points: vec![point(
                        "OSH.01",
                        vec![question("OSH.01.01", YesNo, Some(15))],
                    )],
                },
                Cluster {
                    code: "PRO".into(),
                    scored: false,
                    name: Translated::default(),
                    points: vec![point("PRO.01", vec![question("PRO.01.01", YesNo, None)])],
                },
            ],
        }
    }

    fn choices(pairs: &[(&str, AnswerChoice)]) -> HashMap<String, AnswerChoice> {
        pairs
            .iter()
            .map(|(code, choice)| (code.to_string(), *choice))
            .collect()
    }

    #[test]
    fn one_non_compliant_question_makes_its_point_non_compliant() {
        use AnswerChoice::*;
        let scoring = score(
            &content(),
            &choices(&[
                ("CHI.01.01", Compliant),
                ("CHI.01.02", NonCompliant),
                ("CHI.02.01", Compliant),
                ("CHI.03.01", NotApplicable),
            ]),
        );
        let chi = &scoring.scores.clusters[0];
        // CHI.03 has only "not applicable": not assessed. 1 of 2 assessed points fails.
        assert_eq!((chi.points_assessed, chi.points_non_compliant), (2, 1));
        assert_eq!(chi.non_compliance_rate, Some(50.0));
        assert_eq!(
            scoring.points,
            vec![
                PointResult {
                    point_code: "CHI.01".into(),
                    non_compliant: true
                },
                PointResult {
                    point_code: "CHI.02".into(),
                    non_compliant: false
                },
            ]
        );
        // CHI.01.02 carries no critical issue; CHI.01.01 was compliant.
        assert!(scoring.scores.critical_issues.is_empty());
    }

    #[test]
    fn a_cluster_with_nothing_assessed_has_no_rate_and_unscored_sections_are_left_out() {
        let scoring = score(
            &content(),
            &choices(&[("PRO.01.01", AnswerChoice::NonCompliant)]),
        );
        assert_eq!(scoring.scores.clusters.len(), 2);
        assert!(scoring
            .scores
            .clusters
            .iter()
            .all(|c| c.non_compliance_rate.is_none()));
        assert!(scoring.points.is_empty());
    }

    #[test]
    fn critical_issues_found_are_listed_once_in_order() {
        use AnswerChoice::*;
        let scoring = score(
            &content(),
            &choices(&[("OSH.01.01", NonCompliant), ("CHI.01.01", NonCompliant)]),
        );
        assert_eq!(scoring.scores.critical_issues, vec![1, 15]);
        assert_eq!(scoring.scores.clusters[1].non_compliance_rate, Some(100.0));
    }

    #[test]
    fn exceptions_list_non_compliant_and_unassessed_scored_questions_only() {
        use AnswerChoice::*;
        let exceptions = question_exceptions(
            &content(),
            &choices(&[
                ("CHI.01.01", Compliant),
                ("CHI.01.02", NonCompliant),
                ("CHI.03.01", NotApplicable),
                ("PRO.01.01", NonCompliant),
            ]),
        );
        // CHI.02.02 is a number question; PRO is not scored; OSH.01.01 was not answered.
        assert_eq!(
            exceptions,
            vec![
                ("CHI.01.02".to_owned(), true),
                ("CHI.02.01".to_owned(), false),
                ("CHI.03.01".to_owned(), false),
                ("OSH.01.01".to_owned(), false),
            ]
        );
    }
}
