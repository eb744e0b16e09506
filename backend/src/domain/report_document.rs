//! The published report as a document: what goes into it, its canonical text and hash, what
//! a reader is served from it, and the check of a factory's chain of documents.
//!
//! A document is stored once per version and never changed. Its canonical JSON is serde's
//! output through `serde_json::Value`, whose objects keep their keys sorted: the same document
//! always gives the same text, and so the same SHA-256.

use std::collections::HashMap;

use sha2::{Digest, Sha256};
use shared::api::analytics::{FactoryReport, PointRef, Progress, ReportCluster};
use shared::api::reports::{ChainBreak, ReportDocument};
use shared::api::visits::{Answer, Finding, Scores};
use shared::checklist::ChecklistContent;
use shared::corrective_action::{verified_share, Verification, VerifiedShare};
use shared::visit::AnswerChoice;

/// The non-compliant answers of a report with their questions, in checklist order.
pub fn findings(content: &ChecklistContent, answers: &[Answer]) -> Vec<Finding> {
    let non_compliant: HashMap<&str, &Answer> = answers
        .iter()
        .filter(|answer| answer.choice == Some(AnswerChoice::NonCompliant))
        .map(|answer| (answer.question_code.as_str(), answer))
        .collect();
    let mut findings = Vec::new();
    for cluster in &content.clusters {
        for point in &cluster.points {
            for question in &point.questions {
                if let Some(answer) = non_compliant.get(question.code.as_str()) {
                    findings.push(Finding {
                        cluster_code: cluster.code.clone(),
                        point_code: point.code.clone(),
                        point_name: point.name.clone(),
                        question_code: question.code.clone(),
                        question: question.text.clone(),
                        legal_reference: question.legal_reference.clone(),
                        critical_issue: question.critical_issue,
                        finding: answer.finding.clone(),
                        suggestion: answer.suggestion.clone(),
                    });
                }
            }
        }
    }
    findings
}

/// The share of `findings` verified as fixed by `actions` (see
/// [`shared::corrective_action::finding_is_verified_fixed`]). Actions on a question that is no
/// longer a finding (an upheld objection amended it) do not count.
pub fn verified_share_of<'f, 'a>(
    finding_codes: impl IntoIterator<Item = &'f str>,
    actions: impl IntoIterator<Item = (&'a str, Option<Verification>)>,
) -> VerifiedShare {
    let mut by_finding: HashMap<&'f str, Vec<Option<Verification>>> = finding_codes
        .into_iter()
        .map(|code| (code, Vec::new()))
        .collect();
    for (question_code, verification) in actions {
        if let Some(verifications) = by_finding.get_mut(question_code) {
            verifications.push(verification);
        }
    }
    verified_share(by_finding.values().map(Vec::as_slice))
}

/// One assessed compliance point of a report, for comparing two reports.
#[derive(Clone, Debug, PartialEq)]
pub struct PointOutcome {
    pub code: String,
    pub name: shared::checklist::Translated,
    pub cluster_code: String,
    pub non_compliant: bool,
}

/// Points newly compliant, newly non-compliant and still non-compliant since `before`.
/// Points are matched by code: the two reports may use different checklist versions.
pub fn progress_between(
    previous_visit_id: i64,
    previous_start_date: String,
    before: &[PointOutcome],
    now: &[PointOutcome],
) -> Progress {
    let before: HashMap<&str, bool> = before
        .iter()
        .map(|point| (point.code.as_str(), point.non_compliant))
        .collect();
    let mut progress = Progress {
        previous_visit_id,
        previous_start_date,
        newly_compliant: Vec::new(),
        newly_non_compliant: Vec::new(),
        persistent: Vec::new(),
    };
    for point in now {
        let reference = PointRef {
            code: point.code.clone(),
            name: point.name.clone(),
            cluster_code: point.cluster_code.clone(),
        };
        match (before.get(point.code.as_str()), point.non_compliant) {
            (Some(true), false) => progress.newly_compliant.push(reference),
            (Some(false) | None, true) => progress.newly_non_compliant.push(reference),
            (Some(true), true) => progress.persistent.push(reference),
            (Some(false) | None, false) => {}
        }
    }
    progress
}

/// The report's clusters beside the industry average at publication (`industry` by cluster
/// code). `industry_rate`, the average now, is filled when the document is read.
pub fn clusters_at_publication(
    scores: &Scores,
    industry: &HashMap<String, Option<f64>>,
) -> Vec<ReportCluster> {
    scores
        .clusters
        .iter()
        .map(|cluster| ReportCluster {
            code: cluster.code.clone(),
            name: cluster.name.clone(),
            points_assessed: cluster.points_assessed,
            points_non_compliant: cluster.points_non_compliant,
            rate: cluster.non_compliance_rate,
            industry_rate: None,
            industry_rate_at_publication: industry.get(&cluster.code).copied().flatten(),
        })
        .collect()
}

/// The canonical text of a document: JSON with every object's keys sorted, no spaces.
pub fn canonical_json(document: &ReportDocument) -> String {
    let value = serde_json::to_value(document).expect("a report document is plain data");
    serde_json::to_string(&value).expect("a JSON value serialises")
}

/// The hash that seals a document into its factory's chain: SHA-256 (hex) of the previous
/// document's hash (`""` for the factory's first), a newline, and the canonical text.
pub fn chain_hash(previous_sha256: &str, canonical: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous_sha256.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical.as_bytes());
    hex::encode(hasher.finalize())
}

/// What a reader is served: the stored document, the industry average now beside the one at
/// publication, and the corrective-action progress, which legitimately changes afterwards.
pub fn reader_view(
    document: ReportDocument,
    sha256: String,
    industry_now: &HashMap<String, Option<f64>>,
    corrective_actions: VerifiedShare,
) -> FactoryReport {
    let overall_rate = document.scores.overall_rate();
    FactoryReport {
        published_at: document.published_at,
        third_party_visible_from: Some(document.third_party_visible_from),
        objection_deadline: document.objection_deadline,
        deadline_years_without_holidays: document.deadline_years_without_holidays,
        factory_local_name: document.factory_local_name,
        clusters: document
            .clusters
            .into_iter()
            .map(|cluster| ReportCluster {
                industry_rate: industry_now.get(&cluster.code).copied().flatten(),
                ..cluster
            })
            .collect(),
        overall_rate,
        critical_issues: document.scores.critical_issues,
        progress: document.progress,
        findings: document.findings,
        corrective_actions,
        measurements: document.measurements,
        documents: document.documents,
        visit: document.visit,
        version: document.version.number,
        document_sha256: sha256,
        self_assessment_accuracy: document.self_assessment_accuracy,
        scope: document.scope,
    }
}

/// A stored document made ready for readers: every member of the reader's view that never
/// changes is written as JSON once; only the clusters (with the industry average now) and
/// the corrective-action share are written per request. Keyed by the document's SHA-256, so a
/// prepared copy is right on every server instance for as long as it is kept.
#[derive(Debug)]
pub struct PreparedReport {
    /// The JSON object of the view without its braces, `clusters` and `corrective_actions`.
    fixed_members: String,
    clusters: Vec<ReportCluster>,
    finding_codes: Vec<String>,
}

impl PreparedReport {
    pub fn prepare(document: ReportDocument, sha256: String) -> PreparedReport {
        let clusters = document.clusters.clone();
        let finding_codes = document
            .findings
            .iter()
            .map(|finding| finding.question_code.clone())
            .collect();
        let view = reader_view(document, sha256, &HashMap::new(), VerifiedShare::default());
        let mut members = match serde_json::to_value(&view) {
            Ok(serde_json::Value::Object(members)) => members,
            _ => serde_json::Map::new(),
        };
        members.remove("clusters");
        members.remove("corrective_actions");
        let text = serde_json::to_string(&members).expect("a JSON map serialises");
        PreparedReport {
            fixed_members: text[1..text.len() - 1].to_owned(),
            clusters,
            finding_codes,
        }
    }

    /// The reader's view as JSON: what [`reader_view`] gives, written without parsing the
    /// document again.
    pub fn render<'a>(
        &self,
        industry_now: &HashMap<String, Option<f64>>,
        actions: impl IntoIterator<Item = (&'a str, Option<Verification>)>,
    ) -> String {
        let clusters: Vec<ReportCluster> = self
            .clusters
            .iter()
            .map(|cluster| ReportCluster {
                industry_rate: industry_now.get(&cluster.code).copied().flatten(),
                ..cluster.clone()
            })
            .collect();
        let share = verified_share_of(self.finding_codes.iter().map(String::as_str), actions);
        format!(
            "{{{},\"clusters\":{},\"corrective_actions\":{}}}",
            self.fixed_members,
            serde_json::to_string(&clusters).expect("clusters serialise"),
            serde_json::to_string(&share).expect("a share serialises"),
        )
    }
}

/// Prepared reports by document SHA-256, at most [`PreparedReports::CAPACITY`] of them.
#[derive(Clone, Debug, Default)]
pub struct PreparedReports(
    std::sync::Arc<std::sync::Mutex<HashMap<String, std::sync::Arc<PreparedReport>>>>,
);

impl PreparedReports {
    /// About 50 MB of reports of 50 kB: the reports being read, not the archive.
    pub const CAPACITY: usize = 1_000;

    pub fn get(&self, sha256: &str) -> Option<std::sync::Arc<PreparedReport>> {
        self.0.lock().ok()?.get(sha256).cloned()
    }

    pub fn insert(&self, sha256: String, report: PreparedReport) -> std::sync::Arc<PreparedReport> {
        let report = std::sync::Arc::new(report);
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= Self::CAPACITY {
                // Any one goes: a report read again is prepared again from its stored text.
                if let Some(key) = map.keys().next().cloned() {
                    map.remove(&key);
                }
            }
            map.insert(sha256, report.clone());
        }
        report
    }
}

/// One stored document as the chain check reads it.
#[derive(Clone, Debug)]
pub struct StoredDocument {
    pub factory_id: i64,
    pub visit_id: i64,
    pub version: i64,
    pub third_party_visible_from: i64,
    pub objection_deadline: Option<String>,
    pub document: String,
    pub sha256: String,
    pub previous_sha256: String,
}

/// The problems of one factory's documents, given in the order they were stored: each must
/// hash to its stored SHA-256, name the hash of the one before it, be a readable document of
/// its own visit and version, and agree with the indexed copies of its dates.
pub fn chain_breaks(documents: &[StoredDocument]) -> Vec<ChainBreak> {
    let mut breaks = Vec::new();
    let mut previous = String::new();
    for stored in documents {
        let problem = |problem: &str| ChainBreak {
            factory_id: stored.factory_id,
            visit_id: stored.visit_id,
            version: stored.version,
            problem: problem.to_owned(),
        };
        if stored.previous_sha256 != previous {
            breaks.push(problem("chain_broken"));
        }
        if chain_hash(&stored.previous_sha256, &stored.document) != stored.sha256 {
            breaks.push(problem("hash_mismatch"));
        }
        match serde_json::from_str::<ReportDocument>(&stored.document) {
            Ok(document) => {
                if document.visit.id != stored.visit_id
                    || document.visit.factory_id != stored.factory_id
                    || document.version.number != stored.version
                    || document.third_party_visible_from != stored.third_party_visible_from
                    || document.objection_deadline != stored.objection_deadline
                {
                    breaks.push(problem("columns_differ"));
                }
            }
            Err(_) => breaks.push(problem("unreadable")),
        }
        previous = stored.sha256.clone();
    }
    breaks
}

#[cfg(test)]
mod tests {
    use shared::api::objections::{ReportVersion, VersionKind};
    use shared::api::visits::{ClusterScore, VisitSummary};
    use shared::checklist::Translated;
    use shared::visit::{VisitStatus, VisitType};

    use super::*;

    fn document(visit_id: i64, number: i64) -> ReportDocument {
        let scores = Scores {
            clusters: vec![ClusterScore {
                code: "WT".to_owned(),
                name: Translated::default(),
                points_assessed: 4,
                points_non_compliant: 1,
                non_compliance_rate: Some(25.0),
            }],
            critical_issues: vec![3],
        };
        let industry = HashMap::from([("WT".to_owned(), Some(40.0))]);
        ReportDocument {
            version: ReportVersion {
                number,
                kind: VersionKind::Published,
                reason: String::new(),
                question_code: None,
                created_by: Some("Approver".to_owned()),
                created_by_role: None,
                created_at: 100,
            },
            visit: VisitSummary {
                id: visit_id,
                factory_id: 7,
                factory_name: "Injae".to_owned(),
                visit_type: VisitType::Assessment,
                announced: false,
                start_date: "2026-01-05".to_owned(),
                end_date: "2026-01-06".to_owned(),
                status: VisitStatus::Published,
                lead_monitor_id: 1,
                lead_monitor_name: "Monitor".to_owned(),
                second_monitor_id: None,
                second_monitor_name: None,
                checklist_version_id: 1,
                published_at: Some(100),
            },
            factory_local_name: None,
            published_at: 100,
            third_party_visible_from: 100 + 5 * 86_400,
            objection_deadline: Some("2026-02-03".to_owned()),
            deadline_years_without_holidays: vec![2026],
            clusters: clusters_at_publication(&scores, &industry),
            scores,
            progress: None,
            findings: Vec::new(),
            measurements: Vec::new(),
            documents: Vec::new(),
            self_assessment_accuracy: None,
            scope: Vec::new(),
        }
    }

    fn stored_chain() -> Vec<StoredDocument> {
        let mut previous = String::new();
        let mut chain = Vec::new();
        for (visit_id, number) in [(1, 1), (1, 2), (2, 1)] {
            let doc = document(visit_id, number);
            let text = canonical_json(&doc);
            let sha256 = chain_hash(&previous, &text);
            chain.push(StoredDocument {
                factory_id: 7,
                visit_id,
                version: number,
                third_party_visible_from: doc.third_party_visible_from,
                objection_deadline: doc.objection_deadline.clone(),
                document: text,
                sha256: sha256.clone(),
                previous_sha256: previous,
            });
            previous = sha256;
        }
        chain
    }

    #[test]
    fn the_canonical_text_has_sorted_keys_and_round_trips() {
        let doc = document(1, 1);
        let text = canonical_json(&doc);
        assert!(text.starts_with("{\"clusters\":"), "{text}");
        let back: ReportDocument = serde_json::from_str(&text).unwrap();
        assert_eq!(back, doc);
        assert_eq!(canonical_json(&back), text);
    }

    #[test]
    fn the_hash_depends_on_the_previous_hash_and_the_text() {
        let text = canonical_json(&document(1, 1));
        assert_eq!(chain_hash("", &text), chain_hash("", &text));
        assert_ne!(chain_hash("", &text), chain_hash("a", &text));
        assert_ne!(
            chain_hash("", &text),
            chain_hash("", &text.replace("25.0", "26.0"))
        );
        assert_eq!(chain_hash("", "").len(), 64);
    }

    #[test]
    fn an_intact_chain_has_no_breaks() {
        assert!(chain_breaks(&stored_chain()).is_empty());
    }

    #[test]
    fn tampering_is_reported_where_it_happened() {
        let mut chain = stored_chain();
        chain[1].document = chain[1].document.replace("25.0", "5.0");
        let breaks = chain_breaks(&chain);
        assert_eq!(breaks.len(), 1);
        assert_eq!(
            (
                breaks[0].visit_id,
                breaks[0].version,
                breaks[0].problem.as_str()
            ),
            (1, 2, "hash_mismatch")
        );

        let mut chain = stored_chain();
        chain.remove(1);
        let breaks = chain_breaks(&chain);
        assert_eq!(breaks.len(), 1);
        assert_eq!(breaks[0].problem, "chain_broken");

        let mut chain = stored_chain();
        chain[2].third_party_visible_from += 1;
        assert_eq!(chain_breaks(&chain)[0].problem, "columns_differ");
    }

    #[test]
    fn a_reader_sees_both_averages_and_the_live_progress() {
        let industry_now = HashMap::from([("WT".to_owned(), Some(30.0))]);
        let share = VerifiedShare {
            findings: 1,
            verified_fixed: 1,
            percent: Some(100.0),
        };
        let report = reader_view(document(1, 2), "abc".to_owned(), &industry_now, share);
        let prepared = PreparedReport::prepare(document(1, 2), "abc".to_owned());
        let rendered: FactoryReport =
            serde_json::from_str(&prepared.render(&industry_now, [])).unwrap();
        assert_eq!(
            rendered,
            FactoryReport {
                corrective_actions: VerifiedShare::default(),
                ..report.clone()
            }
        );
        assert_eq!(report.clusters[0].industry_rate, Some(30.0));
        assert_eq!(report.clusters[0].industry_rate_at_publication, Some(40.0));
        assert_eq!(report.overall_rate, Some(25.0));
        assert_eq!(report.version, 2);
        assert_eq!(report.corrective_actions, share);
        assert_eq!(report.deadline_years_without_holidays, vec![2026]);
    }
}
