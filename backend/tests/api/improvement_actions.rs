//! Improvement actions: a factory turns a point its own completed self-assessment rated
//! non-compliant into an action, follows it up, and reads it on one list beside the
//! corrective actions for its reports' findings. Only the factory's manager writes them;
//! the manager and programme staff read the list; everyone else gets "not found".

use std::collections::HashMap;

use axum::http::StatusCode;
use serde_json::json;
use shared::api::improvement_actions::{ActionSource, FactoryActions, ImprovementAction};
use shared::api::self_assessments::SelfAssessmentResult;
use shared::checklist::QuestionKind;
use shared::corrective_action::ActionStatus;
use shared::visit::AnswerChoice;

use crate::fixtures::ReportWithFindings;
use crate::helpers::TestApp;
use crate::self_assessments::{capture, complete, every_answer, save, start};
use crate::visits::{factory_id, INJAE, SABRINA};

fn action(question_code: &str, target_date: &str) -> serde_json::Value {
    json!({
        "question_code": question_code,
        "description": "Post the overtime rules in Khmer in every workshop",
        "responsible": "HR manager, Ms Dara",
        "target_date": target_date,
        "status": "planned",
    })
}

async fn a_factory_turns_its_own_non_compliant_point_into_an_improvement_action(app: TestApp) {
    // Arrange: a published report with findings (a corrective action for one of them), and a
    // completed self-assessment of cluster CHI with its first yes/no question non-compliant.
    let ReportWithFindings {
        visit: report,
        findings,
        ..
    } = app.report_with_findings(INJAE).await;
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let mut manager = app.login_demo("factory").await;
    manager
        .post(
            &format!("/api/reports/{}/corrective-actions", report.id),
            &action(&findings[0], "2027-06-30"),
        )
        .await
        .assert_status(StatusCode::CREATED);
    let summary = start(&mut manager, &["CHI"]).await;
    let cluster = capture(&mut manager, summary.id, "CHI").await.cluster;
    let mut yes_no = cluster
        .questions()
        .filter(|question| question.kind == QuestionKind::YesNo)
        .map(|question| question.code.clone());
    let non_compliant = yes_no.next().expect("a yes/no question in CHI");
    let not_applicable = yes_no.next().expect("a second yes/no question in CHI");
    let choices = HashMap::from([(non_compliant.as_str(), AnswerChoice::NonCompliant)]);
    let answers = every_answer(&mut manager, &summary, &choices, &[]).await;
    let path = format!("/api/self-assessments/{}/improvement-actions", summary.id);
    let before_completion = manager
        .post(&path, &action(&non_compliant, "2026-12-31"))
        .await;
    save(&mut manager, summary.id, answers).await;
    complete(&mut manager, summary.id).await;

    // Act
    let result: SelfAssessmentResult = manager
        .get(&format!("/api/self-assessments/{}/result", summary.id))
        .await
        .assert_status(StatusCode::OK)
        .json();
    let created: ImprovementAction = manager
        .post(&path, &action(&non_compliant, "2026-12-31"))
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let not_non_compliant = manager
        .post(&path, &action(&not_applicable, "2026-12-31"))
        .await;
    let incomplete = manager
        .post(
            &path,
            &json!({ "question_code": non_compliant, "description": "", "responsible": "",
                     "target_date": "2027-02-30", "status": "started" }),
        )
        .await;
    let list: FactoryActions = manager
        .get(&format!("/api/factories/{injae}/actions"))
        .await
        .assert_status(StatusCode::OK)
        .json();
    let updated: ImprovementAction = manager
        .post(
            &format!("/api/improvement-actions/{}/updates", created.id),
            &json!({ "comment": "Rules posted in the sewing and cutting workshops", "status": "done" }),
        )
        .await
        .assert_status(StatusCode::OK)
        .json();
    let after_update: FactoryActions = admin
        .get(&format!("/api/factories/{injae}/actions"))
        .await
        .assert_status(StatusCode::OK)
        .json();

    // Assert: the result offers exactly the non-compliant question to act on.
    let offered: Vec<&str> = result
        .non_compliant
        .iter()
        .map(|question| question.question_code.as_str())
        .collect();
    assert_eq!(offered, [non_compliant.as_str()]);
    assert_eq!(result.non_compliant[0].cluster_code, "CHI");
    before_completion.assert_error(StatusCode::CONFLICT, "self_assessment_not_completed");
    assert_eq!(created.self_assessment_id, summary.id);
    assert_eq!(created.question_code, non_compliant);
    assert_eq!(created.status, ActionStatus::Planned);
    assert_eq!(
        not_non_compliant.field_errors(),
        crate::helpers::fields(&[("question_code", "not_self_non_compliant")])
    );
    let mut problems = incomplete.field_errors();
    problems.sort();
    assert_eq!(
        problems,
        crate::helpers::fields(&[
            ("description", "required"),
            ("responsible", "required"),
            ("status", "choose_one"),
            ("target_date", "date_invalid"),
        ])
    );
    // One list: the self-identified action (overdue: its date has passed, the test clock
    // stands in January 2027) and the corrective action (due in June).
    assert_eq!(list.actions.len(), 2);
    let sources: Vec<ActionSource> = list.actions.iter().map(|a| a.source).collect();
    assert!(sources.contains(&ActionSource::SelfIdentified));
    assert!(sources.contains(&ActionSource::Report));
    let own = list
        .actions
        .iter()
        .find(|a| a.source == ActionSource::SelfIdentified)
        .unwrap();
    assert_eq!(own.origin_id, summary.id);
    assert!(own.overdue);
    let corrective = list
        .actions
        .iter()
        .find(|a| a.source == ActionSource::Report)
        .unwrap();
    assert_eq!(corrective.origin_id, report.id);
    assert!(!corrective.overdue);
    assert_eq!((list.open, list.overdue), (2, 1));
    assert_eq!(updated.status, ActionStatus::Done);
    assert_eq!(updated.updates.len(), 1);
    assert_eq!((after_update.open, after_update.overdue), (1, 0));
}
both_databases!(a_factory_turns_its_own_non_compliant_point_into_an_improvement_action);

async fn only_the_factory_writes_its_improvement_actions_and_outsiders_see_nothing(app: TestApp) {
    // Arrange: a completed self-assessment of Injae with one non-compliant point and one
    // improvement action on it.
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let sabrina = factory_id(&mut admin, SABRINA).await;
    let mut manager = app.login_demo("factory").await;
    let summary = start(&mut manager, &["CHI"]).await;
    let cluster = capture(&mut manager, summary.id, "CHI").await.cluster;
    let code = cluster
        .questions()
        .find(|question| question.kind == QuestionKind::YesNo)
        .unwrap()
        .code
        .clone();
    let choices = HashMap::from([(code.as_str(), AnswerChoice::NonCompliant)]);
    let answers = every_answer(&mut manager, &summary, &choices, &[]).await;
    save(&mut manager, summary.id, answers).await;
    complete(&mut manager, summary.id).await;
    let path = format!("/api/self-assessments/{}/improvement-actions", summary.id);
    let created: ImprovementAction = manager
        .post(&path, &action(&code, "2027-06-30"))
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let update_path = format!("/api/improvement-actions/{}/updates", created.id);
    let update = json!({ "comment": "Started" });

    for username in ["admin", "monitor", "approver", "trainer", "buyer", "union"] {
        // Act
        let mut client = app.login_demo(username).await;
        let post = client.post(&path, &action(&code, "2027-06-30")).await;
        let posted_update = client.post(&update_path, &update).await;
        let list = client.get(&format!("/api/factories/{injae}/actions")).await;

        // Assert: nobody but the factory's manager writes; staff read the list.
        post.assert_status(StatusCode::NOT_FOUND);
        posted_update.assert_status(StatusCode::NOT_FOUND);
        let staff = matches!(username, "admin" | "monitor" | "approver" | "trainer");
        list.assert_status(if staff {
            StatusCode::OK
        } else {
            StatusCode::NOT_FOUND
        });
    }
    // Another factory's manager: not found everywhere, and their own list is theirs only.
    let mut other = app.factory_manager_of(sabrina, "sabrina.manager").await;
    other
        .post(&path, &action(&code, "2027-06-30"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    other
        .post(&update_path, &update)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    other
        .get(&format!("/api/factories/{injae}/actions"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let own: FactoryActions = other
        .get(&format!("/api/factories/{sabrina}/actions"))
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert!(own.actions.is_empty());
    // Anonymous.
    app.client()
        .get(&format!("/api/factories/{injae}/actions"))
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
}
both_databases!(only_the_factory_writes_its_improvement_actions_and_outsiders_see_nothing);
