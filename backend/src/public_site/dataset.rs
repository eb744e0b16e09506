//! The public dataset: what the disclosure rules (`shared::disclosure`) allow the public site to
//! say, computed from published assessments only. Pure: the generator loads the rows through
//! `db::public_data` and renders what this returns.

use std::collections::{BTreeMap, HashMap};

use shared::checklist::Translated;
use shared::corrective_action::{verified_share, Verification, VerifiedShare};
use shared::disclosure::{
    distribution, is_low_compliance, is_named, public_items_score, suppressed, Distribution,
};

use shared::api::public_responses::PublicResponse;

use super::editions::PublicEdition;
use crate::db::public_data::{
    ActionRow, AssessmentRow, DisclosedQuestion, ExceptionRow, FactoryRow,
};

/// The critical issues the programme discloses for every named factory.
pub const CRITICAL_ISSUES: i64 = 21;

/// What an assessment found on one disclosed item (a question or a critical issue).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Compliant,
    NonCompliant,
    /// Not applicable, unanswered, or not in that assessment's checklist.
    NotAssessed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Compliant => "compliant",
            Outcome::NonCompliant => "non_compliant",
            Outcome::NotAssessed => "not_assessed",
        }
    }
}

/// One published assessment as the public site shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct PublicAssessment {
    pub visit_id: i64,
    pub start_date: String,
    pub published_at: i64,
    pub report_sha256: String,
    /// Outcome of critical issue `n` at index `n - 1`.
    pub critical: Vec<Outcome>,
    /// Outcome of each publicly reported question of the assessment's checklist, by code.
    pub items: BTreeMap<String, Outcome>,
    pub items_assessed: i64,
    pub items_compliant: i64,
    /// `items_compliant / items_assessed` in percent.
    pub score: Option<f64>,
    /// The factory's current public responses to this assessment's disclosed findings, in
    /// question order.
    pub responses: Vec<FindingResponse>,
}

/// The factory's public response to one disclosed finding of an assessment.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingResponse {
    pub question_code: String,
    /// The critical issue the question belongs to, if any.
    pub critical_issue: Option<i64>,
    pub response: PublicResponse,
}

impl PublicAssessment {
    pub fn year(&self) -> &str {
        self.start_date.get(..4).unwrap_or_default()
    }

    pub fn critical_non_compliant(&self) -> Vec<i64> {
        (1..=CRITICAL_ISSUES)
            .filter(|n| self.critical[(n - 1) as usize] == Outcome::NonCompliant)
            .collect()
    }
}

/// What changed between a factory's two latest assessments.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    pub previous_date: String,
    pub score_change: Option<f64>,
    /// Critical issues found at the previous assessment and not at the latest.
    pub critical_resolved: Vec<i64>,
    /// Critical issues found at the latest assessment and not at the previous.
    pub critical_new: Vec<i64>,
}

/// A factory the public site names (at least [`shared::disclosure::MIN_ASSESSMENTS_NAMED`]
/// published assessments).
#[derive(Clone, Debug, PartialEq)]
pub struct PublicFactory {
    pub id: i64,
    pub name: String,
    pub local_name: Option<String>,
    pub province: String,
    /// Oldest first.
    pub assessments: Vec<PublicAssessment>,
    pub progress: Progress,
    /// Findings of all its published assessments verified as fixed.
    pub corrective_actions: VerifiedShare,
    pub low_compliance: bool,
    /// The factory has closed: its page stays, it is no longer compared with the industry.
    pub closed: bool,
}

impl PublicFactory {
    pub fn latest(&self) -> &PublicAssessment {
        self.assessments
            .last()
            .expect("a named factory has assessments")
    }

    /// The SHA-256 of the report versions this page is built from, combined: the hash of
    /// each assessment's report hash, oldest first, one per line.
    pub fn reports_fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        for assessment in &self.assessments {
            hasher.update(assessment.report_sha256.as_bytes());
            hasher.update(b"\n");
        }
        hex::encode(hasher.finalize())
    }
}

/// A factory on the low-compliance list, with the figures that put it there.
#[derive(Clone, Debug, PartialEq)]
pub struct LowComplianceEntry {
    pub factory_id: i64,
    pub name: String,
    pub assessments: usize,
    pub latest_date: String,
    pub latest_score: f64,
}

/// A figure about a group of factories, withheld below five factories.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupFigure {
    pub label: String,
    pub factories: usize,
    /// `None` when withheld (or nothing assessed).
    pub mean_score: Option<f64>,
    /// Share of the group's factories non-compliant on each critical issue (index `n - 1`);
    /// empty when withheld.
    pub critical_shares: Vec<f64>,
    pub workers: Option<i64>,
    pub women_share: Option<f64>,
    pub withheld: bool,
}

/// Everything the public site publishes.
#[derive(Clone, Debug, PartialEq)]
pub struct PublicDataset {
    pub generated_at: i64,
    pub latest_publication_at: Option<i64>,
    pub published_reports: usize,
    pub factories_assessed: usize,
    pub named: Vec<PublicFactory>,
    /// Every factory's latest score on the publicly reported items.
    pub industry: Option<Distribution>,
    pub low_compliance: Vec<LowComplianceEntry>,
    /// One per calendar year: each factory's latest assessment of that year.
    pub years: Vec<GroupFigure>,
    /// Published assessments that started in each calendar year (the annual cycle reports).
    pub reports_per_year: BTreeMap<String, usize>,
    /// One per province: each factory's latest assessment.
    pub provinces: Vec<GroupFigure>,
    /// Publicly reported questions of the current checklist, in checklist order, with text.
    pub items: Vec<(String, Translated)>,
    /// The issued synthesis editions, oldest period first, as stored.
    pub editions: Vec<PublicEdition>,
}

/// What the dataset is built from.
pub struct Inputs {
    pub generated_at: i64,
    pub factories: Vec<FactoryRow>,
    pub assessments: Vec<AssessmentRow>,
    pub questions: Vec<DisclosedQuestion>,
    pub exceptions: Vec<ExceptionRow>,
    pub actions: Vec<ActionRow>,
    /// Publicly reported questions of the current checklist, in order, with their text.
    pub items: Vec<(String, Translated)>,
    /// Issued synthesis editions, published as issued.
    pub editions: Vec<PublicEdition>,
    /// The current public response to each finding: (visit, question code, response).
    pub responses: Vec<(i64, String, PublicResponse)>,
}

/// Applies the disclosure rules to `inputs`.
pub fn build(inputs: Inputs) -> PublicDataset {
    let mut questions_by_version: HashMap<i64, Vec<&DisclosedQuestion>> = HashMap::new();
    for question in &inputs.questions {
        questions_by_version
            .entry(question.version_id)
            .or_default()
            .push(question);
    }
    let mut exceptions: HashMap<i64, HashMap<&str, bool>> = HashMap::new();
    for exception in &inputs.exceptions {
        exceptions
            .entry(exception.visit_id)
            .or_default()
            .insert(exception.question_code.as_str(), exception.non_compliant);
    }
    let mut actions: HashMap<(i64, &str), Vec<Option<Verification>>> = HashMap::new();
    for action in &inputs.actions {
        actions
            .entry((action.visit_id, action.question_code.as_str()))
            .or_default()
            .push(action.verification.as_deref().and_then(Verification::parse));
    }
    let mut responses: HashMap<i64, Vec<&(i64, String, PublicResponse)>> = HashMap::new();
    for response in &inputs.responses {
        responses.entry(response.0).or_default().push(response);
    }
    let mut by_factory: BTreeMap<i64, Vec<PublicAssessment>> = BTreeMap::new();
    for row in &inputs.assessments {
        let visit_exceptions = exceptions.get(&row.visit_id);
        let outcome_of = |code: &str| match visit_exceptions.and_then(|e| e.get(code)) {
            Some(true) => Outcome::NonCompliant,
            Some(false) => Outcome::NotAssessed,
            None => Outcome::Compliant,
        };
        let disclosed = questions_by_version
            .get(&row.checklist_version_id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let items: BTreeMap<String, Outcome> = disclosed
            .iter()
            .filter(|question| question.publicly_reported)
            .map(|question| (question.code.clone(), outcome_of(&question.code)))
            .collect();
        let critical = (1..=CRITICAL_ISSUES)
            .map(|issue| {
                let outcomes: Vec<Outcome> = disclosed
                    .iter()
                    .filter(|question| question.critical_issue == Some(issue))
                    .map(|question| outcome_of(&question.code))
                    .collect();
                if outcomes.contains(&Outcome::NonCompliant) {
                    Outcome::NonCompliant
                } else if outcomes.contains(&Outcome::Compliant) {
                    Outcome::Compliant
                } else {
                    Outcome::NotAssessed
                }
            })
            .collect();
        let items_assessed = items
            .values()
            .filter(|o| **o != Outcome::NotAssessed)
            .count() as i64;
        let items_compliant = items.values().filter(|o| **o == Outcome::Compliant).count() as i64;
        by_factory
            .entry(row.factory_id)
            .or_default()
            .push(PublicAssessment {
                visit_id: row.visit_id,
                start_date: row.start_date.clone(),
                published_at: row.published_at,
                report_sha256: row.report_sha256.clone(),
                critical,
                items,
                items_assessed,
                items_compliant,
                score: public_items_score(items_compliant, items_assessed),
                // Only responses to findings this page discloses: non-compliant there.
                responses: disclosed
                    .iter()
                    .filter(|question| outcome_of(&question.code) == Outcome::NonCompliant)
                    .filter_map(|question| {
                        let (_, _, response) = responses
                            .get(&row.visit_id)?
                            .iter()
                            .find(|(_, code, _)| *code == question.code)?;
                        Some(FindingResponse {
                            question_code: question.code.clone(),
                            critical_issue: question.critical_issue,
                            response: response.clone(),
                        })
                    })
                    .collect(),
            });
    }
    for assessments in by_factory.values_mut() {
        assessments.sort_by(|a, b| {
            (a.start_date.as_str(), a.visit_id).cmp(&(b.start_date.as_str(), b.visit_id))
        });
    }

    let factories: HashMap<i64, &FactoryRow> = inputs.factories.iter().map(|f| (f.id, f)).collect();
    let is_closed = |id: &i64| factories.get(id).is_none_or(|f| f.status == "closed");
    // The industry today: factories that have not closed.
    let latest_scores: Vec<f64> = by_factory
        .iter()
        .filter(|(id, _)| !is_closed(id))
        .filter_map(|(_, assessments)| assessments.last().and_then(|latest| latest.score))
        .collect();
    let industry = distribution(&latest_scores);

    let mut named = Vec::new();
    let mut low_compliance = Vec::new();
    for (factory_id, assessments) in &by_factory {
        let Some(factory) = factories.get(factory_id) else {
            continue;
        };
        let latest = assessments.last().expect("grouped rows are not empty");
        let closed = is_closed(factory_id);
        let low = match (&industry, latest.score) {
            (Some(industry), Some(score)) if !closed => {
                is_low_compliance(assessments.len(), score, industry)
            }
            _ => false,
        };
        if low {
            low_compliance.push(LowComplianceEntry {
                factory_id: *factory_id,
                name: factory.name.clone(),
                assessments: assessments.len(),
                latest_date: latest.start_date.clone(),
                latest_score: latest.score.unwrap_or_default(),
            });
        }
        if !is_named(assessments.len()) {
            continue;
        }
        let findings: Vec<Vec<Option<Verification>>> = assessments
            .iter()
            .flat_map(|assessment| {
                let visit_exceptions = exceptions.get(&assessment.visit_id);
                visit_exceptions
                    .into_iter()
                    .flat_map(|e| e.iter())
                    .filter(|(_, non_compliant)| **non_compliant)
                    .map(|(code, _)| {
                        actions
                            .get(&(assessment.visit_id, *code))
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        named.push(PublicFactory {
            id: *factory_id,
            name: factory.name.clone(),
            local_name: factory.local_name.clone(),
            province: factory.province.clone(),
            progress: progress(assessments),
            corrective_actions: verified_share(findings.iter().map(Vec::as_slice)),
            assessments: assessments.clone(),
            low_compliance: low,
            closed,
        });
    }
    named.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    low_compliance.sort_by(|a, b| {
        a.latest_score
            .total_cmp(&b.latest_score)
            .then(a.name.cmp(&b.name))
    });

    // Years: each factory's latest assessment of the year.
    let mut years: BTreeMap<String, Vec<(&FactoryRow, &PublicAssessment)>> = BTreeMap::new();
    let mut provinces: BTreeMap<String, Vec<(&FactoryRow, &PublicAssessment)>> = BTreeMap::new();
    for (factory_id, assessments) in &by_factory {
        let Some(factory) = factories.get(factory_id) else {
            continue;
        };
        let mut latest_of_year: BTreeMap<&str, &PublicAssessment> = BTreeMap::new();
        for assessment in assessments {
            latest_of_year.insert(assessment.year(), assessment);
        }
        for (year, assessment) in latest_of_year {
            years
                .entry(year.to_owned())
                .or_default()
                .push((factory, assessment));
        }
        if let Some(latest) = assessments.last() {
            provinces
                .entry(factory.province.clone())
                .or_default()
                .push((factory, latest));
        }
    }

    PublicDataset {
        generated_at: inputs.generated_at,
        latest_publication_at: inputs.assessments.iter().map(|a| a.published_at).max(),
        published_reports: inputs.assessments.len(),
        factories_assessed: by_factory.len(),
        named,
        industry,
        low_compliance,
        reports_per_year: inputs
            .assessments
            .iter()
            .fold(BTreeMap::new(), |mut counts, row| {
                *counts
                    .entry(row.start_date.get(..4).unwrap_or_default().to_owned())
                    .or_default() += 1;
                counts
            }),
        years: years
            .into_iter()
            .map(|(year, members)| group_figure(year, &members))
            .collect(),
        provinces: provinces
            .into_iter()
            .map(|(province, members)| group_figure(province, &members))
            .collect(),
        items: inputs.items,
        editions: inputs.editions,
    }
}

fn progress(assessments: &[PublicAssessment]) -> Progress {
    let [.., previous, latest] = assessments else {
        return Progress::default();
    };
    let before = previous.critical_non_compliant();
    let now = latest.critical_non_compliant();
    Progress {
        previous_date: previous.start_date.clone(),
        score_change: latest.score.zip(previous.score).map(|(a, b)| a - b),
        critical_resolved: before
            .iter()
            .copied()
            .filter(|n| !now.contains(n))
            .collect(),
        critical_new: now
            .iter()
            .copied()
            .filter(|n| !before.contains(n))
            .collect(),
    }
}

fn group_figure(label: String, members: &[(&FactoryRow, &PublicAssessment)]) -> GroupFigure {
    let factories = members.len();
    if suppressed(factories) {
        return GroupFigure {
            label,
            factories,
            mean_score: None,
            critical_shares: Vec::new(),
            workers: None,
            women_share: None,
            withheld: true,
        };
    }
    let scores: Vec<f64> = members.iter().filter_map(|(_, a)| a.score).collect();
    let mean_score = (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
    let critical_shares = (1..=CRITICAL_ISSUES)
        .map(|issue| {
            let index = (issue - 1) as usize;
            let assessed = members
                .iter()
                .filter(|(_, a)| a.critical[index] != Outcome::NotAssessed)
                .count() as i64;
            let found = members
                .iter()
                .filter(|(_, a)| a.critical[index] == Outcome::NonCompliant)
                .count() as i64;
            shared::analytics::share(found, assessed).unwrap_or_default()
        })
        .collect();
    let workers: i64 = members.iter().filter_map(|(f, _)| f.total_workers).sum();
    let women: f64 = members
        .iter()
        .filter_map(|(f, _)| Some(f.total_workers? as f64 * f.women_share_percent? / 100.0))
        .sum();
    let workers_with_share: i64 = members
        .iter()
        .filter(|(f, _)| f.women_share_percent.is_some())
        .filter_map(|(f, _)| f.total_workers)
        .sum();
    GroupFigure {
        label,
        factories,
        mean_score,
        critical_shares,
        workers: Some(workers),
        women_share: (workers_with_share > 0).then(|| 100.0 * women / workers_with_share as f64),
        withheld: false,
    }
}
