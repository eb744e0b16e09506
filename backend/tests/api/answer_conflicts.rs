//! Two monitors answering the same visit on two devices: every change is kept in the answer's
//! history, different questions merge, and two disagreeing changes made without seeing each
//! other are a conflict both monitors see until one of them picks an answer.

use axum::http::StatusCode;
use backend::clock::Clock;
use serde_json::json;
use shared::api::visits::{Answer, AnswerHistory, SavedAnswers, VisitDetail, VisitSummary};
use shared::checklist::{ChecklistQuestion, QuestionKind};
use shared::visit::AnswerChoice;

use crate::checklists::current_checklist;
use crate::helpers::{fields, TestApp, TestClient, START};
use crate::visits::{
    another_monitor, answer, answers_of, batch, completed_facts, factory_id, new_visit, said,
    stored_answers, INJAE,
};

/// A draft visit led by the demo monitor (Dara Kim) with Sokha Chea as second monitor, both
/// signed in, and three yes/no questions of its first scored cluster.
struct TwoDevices {
    lead: TestClient,
    second: TestClient,
    visit: VisitSummary,
    cluster: String,
    questions: Vec<ChecklistQuestion>,
}

impl TwoDevices {
    async fn new(app: &TestApp) -> TwoDevices {
        let mut lead = app.login_demo("monitor").await;
        let (second, second_id) = another_monitor(app).await;
        let checklist = current_checklist(&mut lead).await;
        let cluster = checklist
            .content
            .clusters
            .iter()
            .find(|cluster| cluster.scored)
            .expect("a scored cluster");
        let questions: Vec<ChecklistQuestion> = cluster
            .questions()
            .filter(|question| question.kind == QuestionKind::YesNo)
            .take(3)
            .cloned()
            .collect();
        let factory = factory_id(&mut lead, INJAE).await;
        let mut input = new_visit(factory);
        input["second_monitor_id"] = json!(second_id);
        let visit: VisitSummary = lead
            .post("/api/visits", &input)
            .await
            .assert_status(StatusCode::CREATED)
            .json();
        TwoDevices {
            lead,
            second,
            visit,
            cluster: cluster.code.clone(),
            questions,
        }
    }

    fn answers_path(&self) -> String {
        format!("/api/visits/{}/answers", self.visit.id)
    }

    async fn send(client: &mut TestClient, path: &str, answers: Vec<Answer>) -> Vec<Answer> {
        let saved: SavedAnswers = client
            .post(path, &batch(answers))
            .await
            .assert_status(StatusCode::OK)
            .json();
        saved.answers
    }

    async fn history(&mut self, code: &str) -> AnswerHistory {
        self.lead
            .get(&format!(
                "/api/visits/{}/answers/{code}/history",
                self.visit.id
            ))
            .await
            .assert_status(StatusCode::OK)
            .json()
    }
}

async fn two_monitors_disagreeing_offline_both_see_the_conflict_and_one_settles_it(app: TestApp) {
    // Arrange: both devices saw the question unanswered.
    let mut devices = TwoDevices::new(&app).await;
    let question = devices.questions[0].clone();
    let path = devices.answers_path();
    let lead_change = answer(&question, AnswerChoice::Compliant, START * 1000 + 1_000);
    let second_change = answer(&question, AnswerChoice::NonCompliant, START * 1000 + 2_000);

    // Act: the lead syncs first, the second monitor later.
    TwoDevices::send(&mut devices.lead, &path, vec![lead_change.clone()]).await;
    let after_second =
        TwoDevices::send(&mut devices.second, &path, vec![second_change.clone()]).await;

    // Assert: the later change by device time is current; the other side is kept and named.
    let conflict = after_second[0]
        .conflict
        .clone()
        .expect("the second sync reports the conflict");
    assert_eq!(
        said(after_second.clone()),
        std::slice::from_ref(&second_change)
    );
    assert_eq!(conflict.current_by, "Sokha Chea");
    assert_eq!(conflict.other.by, "Dara Kim");
    assert_eq!(conflict.other.choice, Some(AnswerChoice::Compliant));
    assert_eq!(conflict.other.changed_at, lead_change.changed_at);
    // The lead sees the same conflict.
    let seen_by_lead = stored_answers(&mut devices.lead, devices.visit.id, &devices.cluster).await;
    assert_eq!(seen_by_lead, after_second);
    let detail: VisitDetail = devices
        .lead
        .get(&format!("/api/visits/{}", devices.visit.id))
        .await
        .json();
    let progress = detail
        .progress
        .iter()
        .find(|cluster| cluster.code == devices.cluster)
        .expect("the cluster's progress");
    assert_eq!(progress.conflicts, 1);
    // Both changes are in the history, in the order they arrived.
    let history = devices.history(&question.code).await;
    let choices: Vec<_> = history
        .changes
        .iter()
        .map(|change| (change.answer.by.as_str(), change.answer.choice))
        .collect();
    assert_eq!(
        choices,
        [
            ("Dara Kim", Some(AnswerChoice::Compliant)),
            ("Sokha Chea", Some(AnswerChoice::NonCompliant)),
        ]
    );
    assert_eq!(history.changes[1].based_on, None);
    // An unsettled conflict keeps the report from review.
    devices
        .lead
        .put(
            &format!("/api/visits/{}/facts", devices.visit.id),
            &completed_facts(),
        )
        .await
        .assert_status(StatusCode::OK);
    let submit = devices
        .lead
        .post(
            &format!("/api/visits/{}/transitions", devices.visit.id),
            &json!({ "transition": "submit", "reason": "" }),
        )
        .await;
    assert_eq!(
        submit.field_errors(),
        fields(&[("answers", "answers_in_conflict")])
    );

    // Act: the lead picks their own answer, having seen both (on a device whose clock is
    // behind the second monitor's: having seen the latest change is what counts).
    let pick = Answer {
        revision: after_second[0].revision,
        ..answer(&question, AnswerChoice::Compliant, START * 1000 + 1_500)
    };
    let settled = TwoDevices::send(&mut devices.lead, &path, vec![pick.clone()]).await;

    // Assert
    assert_eq!(settled[0].conflict, None);
    assert_eq!(said(settled.clone()), said([pick]));
    assert_eq!(
        stored_answers(&mut devices.second, devices.visit.id, &devices.cluster).await,
        settled
    );
    assert_eq!(devices.history(&question.code).await.changes.len(), 3);
}
both_databases!(two_monitors_disagreeing_offline_both_see_the_conflict_and_one_settles_it);

async fn an_earlier_concurrent_change_stays_the_other_side(app: TestApp) {
    // Arrange
    let mut devices = TwoDevices::new(&app).await;
    let question = devices.questions[0].clone();
    let path = devices.answers_path();
    let later = answer(&question, AnswerChoice::Compliant, START * 1000 + 9_000);
    let earlier = answer(&question, AnswerChoice::NotApplicable, START * 1000 + 3_000);

    // Act: the later change arrives first.
    TwoDevices::send(&mut devices.lead, &path, vec![later.clone()]).await;
    let saved = TwoDevices::send(&mut devices.second, &path, vec![earlier]).await;

    // Assert
    assert_eq!(said(saved.clone()), [later]);
    let conflict = saved[0].conflict.clone().expect("a conflict");
    assert_eq!(conflict.current_by, "Dara Kim");
    assert_eq!(conflict.other.by, "Sokha Chea");
    assert_eq!(conflict.other.choice, Some(AnswerChoice::NotApplicable));
    let history = devices.history(&question.code).await;
    assert_eq!(history.changes.len(), 2);
    assert_eq!(saved[0].revision, Some(history.changes[1].id));
}
both_databases!(an_earlier_concurrent_change_stays_the_other_side);

async fn different_questions_and_agreeing_answers_merge_silently(app: TestApp) {
    // Arrange
    let mut devices = TwoDevices::new(&app).await;
    let (first, second, third) = (
        devices.questions[0].clone(),
        devices.questions[1].clone(),
        devices.questions[2].clone(),
    );
    let path = devices.answers_path();
    let at = START * 1000;

    // Act: each answers a different question, and both the same way on a third.
    TwoDevices::send(
        &mut devices.lead,
        &path,
        vec![
            answer(&first, AnswerChoice::Compliant, at + 1_000),
            answer(&third, AnswerChoice::Compliant, at + 1_000),
        ],
    )
    .await;
    TwoDevices::send(
        &mut devices.second,
        &path,
        vec![
            answer(&second, AnswerChoice::NonCompliant, at + 2_000),
            answer(&third, AnswerChoice::Compliant, at + 2_000),
        ],
    )
    .await;

    // Assert
    let stored = stored_answers(&mut devices.lead, devices.visit.id, &devices.cluster).await;
    assert!(stored.iter().all(|answer| answer.conflict.is_none()));
    let mut expected = vec![
        answer(&first, AnswerChoice::Compliant, at + 1_000),
        answer(&second, AnswerChoice::NonCompliant, at + 2_000),
        answer(&third, AnswerChoice::Compliant, at + 2_000),
    ];
    expected.sort_by(|a, b| a.question_code.cmp(&b.question_code));
    let mut got = said(stored);
    got.sort_by(|a, b| a.question_code.cmp(&b.question_code));
    assert_eq!(got, expected);
}
both_databases!(different_questions_and_agreeing_answers_merge_silently);

async fn a_replayed_change_is_kept_once_and_a_clock_ahead_is_brought_back(app: TestApp) {
    // Arrange
    let mut devices = TwoDevices::new(&app).await;
    let question = devices.questions[0].clone();
    let path = devices.answers_path();
    // The second monitor's tablet runs a day ahead.
    let ahead = answer(
        &question,
        AnswerChoice::Compliant,
        (app.clock.now() + 86_400) * 1000,
    );

    // Act: sent twice (the reply to the first was lost).
    let first = TwoDevices::send(&mut devices.second, &path, vec![ahead.clone()]).await;
    app.advance_minutes(2);
    let replay = TwoDevices::send(&mut devices.second, &path, vec![ahead.clone()]).await;

    // Assert
    assert_eq!(first, replay);
    assert_eq!(first[0].changed_at, (START + 300) * 1000);
    let history = devices.history(&question.code).await;
    assert_eq!(history.changes.len(), 1);
    // A change made afterwards on the lead's device, having seen it, becomes current although
    // its time is earlier than the one brought back.
    let next = Answer {
        revision: first[0].revision,
        ..answer(&question, AnswerChoice::NotApplicable, START * 1000 + 5_000)
    };
    TwoDevices::send(&mut devices.lead, &path, vec![next.clone()]).await;
    assert_eq!(
        answers_of(&mut devices.lead, devices.visit.id, &devices.cluster).await,
        said([next])
    );
}
both_databases!(a_replayed_change_is_kept_once_and_a_clock_ahead_is_brought_back);

async fn a_base_from_another_question_counts_as_none_seen(app: TestApp) {
    // Arrange
    let mut devices = TwoDevices::new(&app).await;
    let (first, second) = (devices.questions[0].clone(), devices.questions[1].clone());
    let path = devices.answers_path();
    let at = START * 1000;
    let other_question = TwoDevices::send(
        &mut devices.lead,
        &path,
        vec![answer(&second, AnswerChoice::Compliant, at)],
    )
    .await;
    TwoDevices::send(
        &mut devices.lead,
        &path,
        vec![answer(&first, AnswerChoice::Compliant, at + 1_000)],
    )
    .await;

    // Act: the second monitor's change names a change of another question as its base.
    let mistaken = Answer {
        revision: other_question[0].revision,
        ..answer(&first, AnswerChoice::NonCompliant, at + 2_000)
    };
    let saved = TwoDevices::send(&mut devices.second, &path, vec![mistaken]).await;

    // Assert: treated as made without seeing the lead's answer: a conflict, not an overwrite.
    assert!(saved[0].conflict.is_some());
    let history = devices.history(&first.code).await;
    assert_eq!(history.changes[1].based_on, None);
}
both_databases!(a_base_from_another_question_counts_as_none_seen);
