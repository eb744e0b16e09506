//! Publication and amendment of reports: the one recipe the API, the demo data and the
//! generator use. Each writes the report's scores and the industry figures built on them, and
//! stores one immutable [`ReportDocument`] per version, chained by hash to the factory's
//! previous document.
//!
//! The dates announced with a report (third-party date, objection deadline, and whether the
//! holiday calendar covered the deadline's window) are computed once, at publication, from the
//! calendar of that day, and repeated unchanged by every later version.

use std::collections::HashMap;

use shared::api::objections::{AmendedAnswer, ReportSnapshot, ReportVersion, VersionKind};
use shared::api::reports::{ChainCheck, ReportDocument, SelfAssessmentAccuracy};
use shared::api::visits::VisitSummary;
use shared::checklist::ChecklistContent;
use shared::date::cambodia_date;
use shared::deadline::{objection_deadline, third_party_visible_from, years_without_holidays};
use shared::visit::{AnswerChoice, VisitType};
use sqlx::AnyConnection;

use crate::db::report_documents::{self, NewDocument};
use crate::db::{
    analytics, checklists, factories, grants, holidays, objections, outbox, planning, reports,
    self_assessments, users, visits, Db,
};
use crate::domain::report_document::{
    canonical_json, chain_breaks, chain_hash, clusters_at_publication, findings, progress_between,
};
use crate::domain::scoring::{question_exceptions, score};
use crate::domain::self_assessment::{accuracy, compared_with_visit, restricted, StoredScores};

#[derive(Debug, thiserror::Error)]
pub enum PublicationError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// The amended question is not a finding of the report.
    #[error("the question is not a finding of this report")]
    FindingUnknown,
}

/// A notice written to the outbox, to deliver once the transaction is committed.
pub type Notice = (i64, outbox::NewMessage);

/// Why a version exists and who made it.
pub struct VersionMeta<'a> {
    pub number: i64,
    pub kind: VersionKind,
    pub reason: &'a str,
    pub question_code: Option<&'a str>,
    pub created_by: Option<i64>,
    pub created_at: i64,
}

/// Publishes `visit` at `published_at`, inside the caller's transaction (the status change
/// and its history row are the caller's): stores the scores and the industry figures, the
/// announced dates and version 1 of the report document. Used by the API and the demo data.
pub async fn publish_at(
    connection: &mut AnyConnection,
    visit: &VisitSummary,
    published_at: i64,
    published_by: i64,
) -> Result<shared::api::visits::Scores, PublicationError> {
    let content = checklists::load_content(connection, visit.checklist_version_id).await?;
    let scoring = rescore(connection, visit, &content, false).await?;
    let delay_days = factories::third_party_delay_days(&mut *connection, visit.factory_id).await?;
    visits::set_published(
        &mut *connection,
        visit.id,
        published_at,
        third_party_visible_from(published_at, delay_days),
    )
    .await?;
    let visit = VisitSummary {
        published_at: Some(published_at),
        status: shared::visit::VisitStatus::Published,
        ..visit.clone()
    };
    let industry = report_documents::industry_averages(&mut *connection).await?;
    store_document(
        connection,
        &visit,
        &VersionMeta {
            number: 1,
            kind: VersionKind::Published,
            reason: "",
            question_code: None,
            created_by: Some(published_by),
            created_at: published_at,
        },
        &content,
        &industry,
        None,
    )
    .await?;
    Ok(scoring.scores)
}

/// Publishes through the API: [`publish_at`] now, and the notice to the factory (none without
/// an email address: the report then appears among the paper copies to post).
pub async fn publish(
    connection: &mut AnyConnection,
    visit: &VisitSummary,
    published_by: i64,
    now: i64,
    public_url: &str,
) -> Result<Vec<Notice>, PublicationError> {
    let scores = publish_at(connection, visit, now, published_by).await?;
    let Some(factory) = factories::find(&mut *connection, visit.factory_id).await? else {
        return Ok(Vec::new());
    };
    let Some(to_address) = factory
        .contact_email
        .filter(|email| !email.trim().is_empty())
    else {
        return Ok(Vec::new());
    };
    let message =
        crate::mail::report_published_notice(&factory.name, visit, &scores, public_url, to_address);
    let message_id = outbox::insert(&mut *connection, &message, now).await?;
    Ok(vec![(message_id, message)])
}

/// The report's findings as its answers stand now (amendments included), in checklist order.
pub async fn current_findings(
    connection: &mut AnyConnection,
    visit: &VisitSummary,
) -> Result<Vec<shared::api::visits::Finding>, sqlx::Error> {
    let content = checklists::load_content(connection, visit.checklist_version_id).await?;
    let answers = visits::answers(&mut *connection, visit.id).await?;
    Ok(findings(&content, &answers))
}

/// One finding amended, and why.
pub struct Amendment<'a> {
    pub question_code: &'a str,
    pub answer: &'a AmendedAnswer,
    pub kind: VersionKind,
    pub reason: &'a str,
}

/// Amends a finding of a published report inside the caller's transaction: changes the
/// answer, recomputes the scores and the figures built on them, stores the next version of
/// the document and writes the notices (the factory and the buyers who read it, each address
/// once). Returns the new version's number and the notices.
pub async fn amend(
    connection: &mut AnyConnection,
    visit: &VisitSummary,
    amendment: &Amendment<'_>,
    by: i64,
    now: i64,
    public_url: &str,
) -> Result<(i64, Vec<Notice>), PublicationError> {
    let number = report_documents::latest_number(&mut *connection, visit.id).await? + 1;
    if !objections::amend_answer(
        &mut *connection,
        visit.id,
        amendment.question_code,
        amendment.answer,
        by,
        now,
    )
    .await?
    {
        return Err(PublicationError::FindingUnknown);
    }
    let content = checklists::load_content(connection, visit.checklist_version_id).await?;
    rescore(connection, visit, &content, true).await?;
    let industry = report_documents::industry_averages(&mut *connection).await?;
    store_document(
        connection,
        visit,
        &VersionMeta {
            number,
            kind: amendment.kind,
            reason: amendment.reason,
            question_code: Some(amendment.question_code),
            created_by: Some(by),
            created_at: now,
        },
        &content,
        &industry,
        None,
    )
    .await?;

    let factory = factories::find(&mut *connection, visit.factory_id).await?;
    let mut addresses: Vec<String> = factory
        .and_then(|factory| factory.contact_email)
        .filter(|email| !email.trim().is_empty())
        .into_iter()
        .collect();
    addresses.extend(
        grants::reader_emails(&mut *connection, visit.factory_id, &cambodia_date(now)).await?,
    );
    let addresses = unique_addresses(addresses);
    let mut notices = Vec::with_capacity(addresses.len());
    for address in addresses {
        let message = crate::mail::report_amended_notice(
            visit,
            number,
            amendment.reason,
            public_url,
            address,
        );
        let message_id = outbox::insert(&mut *connection, &message, now).await?;
        notices.push((message_id, message));
    }
    Ok((number, notices))
}

/// Each address once, compared without regard to case, in the order first given.
fn unique_addresses(addresses: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    addresses
        .into_iter()
        .filter(|address| seen.insert(address.trim().to_lowercase()))
        .collect()
}

/// Scores the report from its answers and stores the scores (replacing earlier ones when
/// `replace`) with the industry figures built on them.
async fn rescore(
    connection: &mut AnyConnection,
    visit: &VisitSummary,
    content: &ChecklistContent,
    replace: bool,
) -> Result<crate::domain::scoring::Scoring, sqlx::Error> {
    let choices: HashMap<String, AnswerChoice> = visits::answers(&mut *connection, visit.id)
        .await?
        .into_iter()
        .filter_map(|answer| answer.choice.map(|choice| (answer.question_code, choice)))
        .collect();
    let scoring = score(content, &choices);
    let ids = checklists::structure_ids(&mut *connection, visit.checklist_version_id).await?;
    let publication = analytics::Publication {
        visit_id: visit.id,
        factory_id: visit.factory_id,
        start_date: &visit.start_date,
        is_assessment: visit.visit_type == VisitType::Assessment,
    };
    let exceptions = question_exceptions(content, &choices);
    if replace {
        analytics::replace_scores(connection, &publication, &scoring, &exceptions, &ids).await?;
    } else {
        analytics::store_publication(connection, &publication, &scoring, &exceptions, &ids).await?;
    }
    Ok(scoring)
}

/// Builds and stores one version of the report document from what is stored now (or, for a
/// version kept from before documents existed, from its `snapshot` of findings and scores).
async fn store_document(
    connection: &mut AnyConnection,
    visit: &VisitSummary,
    meta: &VersionMeta<'_>,
    content: &ChecklistContent,
    industry: &HashMap<String, Option<f64>>,
    snapshot: Option<ReportSnapshot>,
) -> Result<(), sqlx::Error> {
    let published_at = visit.published_at.unwrap_or(meta.created_at);
    let (third_party_from, deadline, gaps) = if meta.number == 1 {
        announce(connection, visit, published_at).await?
    } else {
        match report_documents::version(&mut *connection, visit.id, 1).await? {
            Some(first) => {
                let first: ReportDocument = serde_json::from_str(&first.document)
                    .map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
                (
                    first.third_party_visible_from,
                    first.objection_deadline,
                    first.deadline_years_without_holidays,
                )
            }
            None => announce(connection, visit, published_at).await?,
        }
    };
    let (report_findings, scores, accuracy) = match snapshot {
        // A version kept from before documents existed states what it stated then.
        Some(snapshot) => (snapshot.findings, snapshot.scores, None),
        None => {
            let answers = visits::answers(&mut *connection, visit.id).await?;
            (
                findings(content, &answers),
                visits::scores(&mut *connection, visit.id).await?,
                self_assessment_accuracy(connection, visit).await?,
            )
        }
    };
    let progress = if visit.visit_type == VisitType::Assessment {
        match reports::previous_assessment(
            &mut *connection,
            visit.factory_id,
            &visit.start_date,
            visit.id,
        )
        .await?
        {
            Some((previous_id, previous_date)) => {
                let now = reports::point_outcomes(&mut *connection, visit.id).await?;
                let before = reports::point_outcomes(&mut *connection, previous_id).await?;
                Some(progress_between(previous_id, previous_date, &before, &now))
            }
            None => None,
        }
    } else {
        None
    };
    let facts = visits::facts(connection, visit.id).await?;
    let factory_local_name = factories::find(&mut *connection, visit.factory_id)
        .await?
        .and_then(|factory| factory.local_name);
    let author = match meta.created_by {
        Some(id) => users::find_by_id(&mut *connection, id).await?,
        None => None,
    };
    let version = ReportVersion {
        number: meta.number,
        kind: meta.kind,
        reason: meta.reason.to_owned(),
        question_code: meta.question_code.map(str::to_owned),
        created_by: author.as_ref().map(|user| user.display_name.clone()),
        created_by_role: author.map(|user| user.role),
        created_at: meta.created_at,
    };
    let document = ReportDocument {
        version: version.clone(),
        visit: visit.clone(),
        factory_local_name,
        published_at,
        third_party_visible_from: third_party_from,
        objection_deadline: deadline.clone(),
        deadline_years_without_holidays: gaps,
        clusters: clusters_at_publication(&scores, industry),
        scores,
        progress,
        findings: report_findings,
        measurements: facts.measurements,
        documents: facts.documents,
        self_assessment_accuracy: accuracy,
        scope: planning::visit_scope(&mut *connection, visit.id).await?,
    };
    let text = canonical_json(&document);
    let previous = report_documents::chain_head(&mut *connection, visit.factory_id).await?;
    let sha256 = chain_hash(&previous, &text);
    report_documents::insert(
        &mut *connection,
        &NewDocument {
            visit_id: visit.id,
            factory_id: visit.factory_id,
            version: &version,
            created_by: meta.created_by,
            published_at,
            third_party_visible_from: third_party_from,
            objection_deadline: deadline.as_deref(),
            document: &text,
            sha256: &sha256,
            previous_sha256: &previous,
        },
    )
    .await
}

/// How far the factory's self-assessment compared with this visit agreed with the report's
/// point results as stored now; `None` when the factory had completed none by the visit.
async fn self_assessment_accuracy(
    connection: &mut AnyConnection,
    visit: &VisitSummary,
) -> Result<Option<SelfAssessmentAccuracy>, sqlx::Error> {
    let history = self_assessments::history(&mut *connection, visit.factory_id, None).await?;
    let Some(id) = compared_with_visit(&history, &visit.start_date) else {
        return Ok(None);
    };
    let Some(record) = self_assessments::find(&mut *connection, id).await? else {
        return Ok(None);
    };
    let scores: StoredScores = match record.scores.as_deref().map(serde_json::from_str) {
        Some(Ok(scores)) => scores,
        Some(Err(error)) => return Err(sqlx::Error::Decode(Box::new(error))),
        None => return Ok(None),
    };
    let content =
        checklists::load_content(&mut *connection, record.summary.checklist_version_id).await?;
    let content = restricted(&content, &record.summary.clusters);
    let outcomes = reports::point_outcomes(&mut *connection, visit.id).await?;
    Ok(Some(accuracy(
        id,
        record.summary.completed_at.unwrap_or_default(),
        &content,
        &scores.points,
        &outcomes,
    )))
}

/// The dates announced at publication: the third-party date stored on the visit, and the
/// objection deadline from the holiday calendar as it is now, with the years of its window
/// that the calendar does not cover.
async fn announce(
    connection: &mut AnyConnection,
    visit: &VisitSummary,
    published_at: i64,
) -> Result<(i64, Option<String>, Vec<i32>), sqlx::Error> {
    let third_party_from =
        match visits::third_party_visible_from(&mut *connection, visit.id).await? {
            Some(from) => from,
            None => {
                let delay =
                    factories::third_party_delay_days(&mut *connection, visit.factory_id).await?;
                third_party_visible_from(published_at, delay)
            }
        };
    let available_on = cambodia_date(published_at);
    // One read of the calendar from the first day of the year of publication: the deadline
    // skips only days after publication, and whether a year is covered is judged on all of
    // that year's dates.
    let year_start = format!("{}-01-01", &available_on[..4]);
    let calendar = holidays::dates_from(&mut *connection, &year_start).await?;
    let deadline = objection_deadline(published_at, &calendar);
    let gaps = deadline
        .as_deref()
        .map(|last| years_without_holidays(&available_on, last, &calendar))
        .unwrap_or_default();
    Ok((third_party_from, deadline, gaps))
}

/// An assessment's place in its factory's order (start date, id) and its cluster rates.
type RatedAssessment = ((String, i64), HashMap<String, f64>);

/// The industry average per cluster at each moment of a replay of the publications, in order.
#[derive(Default)]
struct IndustryReplay {
    /// Each factory's latest assessment so far.
    latest: HashMap<i64, RatedAssessment>,
    /// Per cluster: the sum of the latest rates and how many factories have one.
    totals: HashMap<String, (f64, i64)>,
}

impl IndustryReplay {
    fn publish(&mut self, factory_id: i64, key: (String, i64), rates: HashMap<String, f64>) {
        if let Some((latest_key, _)) = self.latest.get(&factory_id) {
            if *latest_key > key {
                return;
            }
        }
        if let Some((_, old)) = self.latest.remove(&factory_id) {
            for (code, rate) in old {
                let total = self.totals.entry(code).or_default();
                total.0 -= rate;
                total.1 -= 1;
            }
        }
        for (code, rate) in &rates {
            let total = self.totals.entry(code.clone()).or_default();
            total.0 += rate;
            total.1 += 1;
        }
        self.latest.insert(factory_id, (key, rates));
    }

    fn averages(&self) -> HashMap<String, Option<f64>> {
        self.totals
            .iter()
            .map(|(code, (sum, count))| (code.clone(), (*count > 0).then(|| sum / *count as f64)))
            .collect()
    }
}

/// Stores the document of every published report that has none: reports published before
/// documents were kept (a report amended then gets one document per kept version) and the
/// generator's bulk-loaded history. The industry average at each publication is replayed from
/// the stored scores in order of publication. Returns how many documents were written.
pub async fn store_missing_documents(db: &Db) -> Result<u64, sqlx::Error> {
    let mut connection = db.pool.acquire().await?;
    let missing = report_documents::published_without_document(&mut *connection).await?;
    if missing.is_empty() {
        return Ok(0);
    }
    let rates = report_documents::published_cluster_rates(&mut *connection).await?;
    let mut replay = IndustryReplay::default();
    let mut next_rate = 0;
    let mut contents: HashMap<i64, ChecklistContent> = HashMap::new();
    let mut written = 0;
    for chunk in missing.chunks(200) {
        let mut transaction = sqlx::Connection::begin(&mut *connection).await?;
        for &visit_id in chunk {
            let Some(visit) = visits::find(&mut *transaction, visit_id).await? else {
                continue;
            };
            let position = (visit.published_at.unwrap_or_default(), visit.id);
            while let Some(rate) = rates.get(next_rate) {
                if (rate.published_at, rate.visit_id) > position {
                    break;
                }
                let mut cluster_rates = HashMap::new();
                let (factory_id, key) = (rate.factory_id, (rate.start_date.clone(), rate.visit_id));
                while let Some(same) = rates.get(next_rate).filter(|r| r.visit_id == rate.visit_id)
                {
                    cluster_rates.insert(same.cluster_code.clone(), same.rate);
                    next_rate += 1;
                }
                replay.publish(factory_id, key, cluster_rates);
            }
            if let std::collections::hash_map::Entry::Vacant(slot) =
                contents.entry(visit.checklist_version_id)
            {
                slot.insert(
                    checklists::load_content(&mut transaction, visit.checklist_version_id).await?,
                );
            }
            let content = &contents[&visit.checklist_version_id];
            let industry = replay.averages();
            let publisher = objections::publisher(&mut *transaction, visit.id).await?;
            let kept = objections::versions(&mut *transaction, visit.id).await?;
            if kept.is_empty() {
                let meta = VersionMeta {
                    number: 1,
                    kind: VersionKind::Published,
                    reason: "",
                    question_code: None,
                    created_by: publisher,
                    created_at: visit.published_at.unwrap_or_default(),
                };
                store_document(&mut transaction, &visit, &meta, content, &industry, None).await?;
                written += 1;
            }
            for version in kept {
                let Some((_, snapshot, created_by)) =
                    objections::version(&mut *transaction, visit.id, version.number).await?
                else {
                    continue;
                };
                let meta = VersionMeta {
                    number: version.number,
                    kind: version.kind,
                    reason: &version.reason,
                    question_code: version.question_code.as_deref(),
                    created_by,
                    created_at: version.created_at,
                };
                store_document(
                    &mut transaction,
                    &visit,
                    &meta,
                    content,
                    &industry,
                    Some(snapshot),
                )
                .await?;
                written += 1;
            }
        }
        transaction.commit().await?;
    }
    Ok(written)
}

/// Re-hashes every stored document and walks each factory's chain (see
/// [`chain_breaks`]), a batch of factories at a time.
pub async fn verify_documents(db: &Db) -> Result<ChainCheck, sqlx::Error> {
    let mut check = ChainCheck::default();
    let mut after = 0;
    loop {
        let batch = report_documents::chain_batch(&db.pool, after, 100).await?;
        let Some(last) = batch.last() else {
            break;
        };
        after = last.factory_id;
        let mut start = 0;
        while start < batch.len() {
            let factory_id = batch[start].factory_id;
            let end = batch[start..]
                .iter()
                .position(|document| document.factory_id != factory_id)
                .map_or(batch.len(), |offset| start + offset);
            check.factories += 1;
            check.documents += (end - start) as i64;
            check.breaks.extend(chain_breaks(&batch[start..end]));
            start = end;
        }
    }
    Ok(check)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_one_notice_whatever_the_order_or_case() {
        let addresses = vec![
            "a@example.org".to_owned(),
            "b@example.org".to_owned(),
            "A@example.org".to_owned(),
            "b@example.org".to_owned(),
        ];
        assert_eq!(
            unique_addresses(addresses),
            ["a@example.org", "b@example.org"]
        );
    }

    #[test]
    fn the_replay_keeps_each_factory_latest_assessment() {
        let mut replay = IndustryReplay::default();
        let rates = |rate: f64| HashMap::from([("WT".to_owned(), rate)]);
        replay.publish(1, ("2024-01-01".to_owned(), 1), rates(50.0));
        replay.publish(2, ("2024-02-01".to_owned(), 2), rates(10.0));
        assert_eq!(replay.averages()["WT"], Some(30.0));
        // A later assessment replaces the factory's earlier one.
        replay.publish(1, ("2024-06-01".to_owned(), 3), rates(20.0));
        assert_eq!(replay.averages()["WT"], Some(15.0));
        // An older assessment published late does not.
        replay.publish(2, ("2023-01-01".to_owned(), 4), rates(90.0));
        assert_eq!(replay.averages()["WT"], Some(15.0));
    }
}
