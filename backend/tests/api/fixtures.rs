//! Fixtures as methods of the test app: what many tests need set up the same way.

use axum::http::StatusCode;
use serde_json::json;
use shared::api::users::TemporaryPasswordResponse;
use shared::api::visits::{Answer, SaveAnswers, VisitSummary};
use shared::checklist::QuestionKind;
use shared::visit::AnswerChoice;

use crate::checklists::current_checklist;
use crate::helpers::{TestApp, TestClient, START};
use crate::visits::{completed_facts, create_visit, factory_id, step};

/// A published report with two findings in one cluster and a third point of that cluster
/// compliant.
pub struct ReportWithFindings {
    pub visit: VisitSummary,
    /// Question codes of the two findings.
    pub findings: [String; 2],
    /// Point codes of the two findings.
    pub points: [String; 2],
    /// The question answered compliant, in a third point of the cluster.
    pub compliant: String,
}

impl TestApp {
    /// A published report of the demo factory named `factory`: two findings in one cluster
    /// and a third point of that cluster compliant.
    pub async fn report_with_findings(&self, factory: &str) -> ReportWithFindings {
        let mut monitor = self.login_demo("monitor").await;
        let factory = factory_id(&mut monitor, factory).await;
        self.report_with_findings_of(factory).await
    }

    /// [`TestApp::report_with_findings`] for the factory with this id.
    pub async fn report_with_findings_of(&self, factory: i64) -> ReportWithFindings {
        let app = self;
        let mut monitor = app.login_demo("monitor").await;
        let checklist = current_checklist(&mut monitor).await;
        let cluster = checklist
            .content
            .clusters
            .iter()
            .find(|cluster| {
                cluster.scored
                    && cluster
                        .points
                        .iter()
                        .filter(|point| {
                            point.questions.iter().any(|q| {
                                q.kind == QuestionKind::YesNo && q.critical_issue.is_none()
                            })
                        })
                        .count()
                        >= 3
            })
            .expect("a scored cluster with three points");
        let picked: Vec<(String, String)> = cluster
            .points
            .iter()
            .filter_map(|point| {
                point
                    .questions
                    .iter()
                    .find(|q| q.kind == QuestionKind::YesNo && q.critical_issue.is_none())
                    .map(|q| (point.code.clone(), q.code.clone()))
            })
            .take(3)
            .collect();
        let visit = create_visit(&mut monitor, factory).await;
        let answers = picked
            .iter()
            .enumerate()
            .map(|(index, (_, code))| {
                let non_compliant = index < 2;
                Answer {
                    question_code: code.clone(),
                    choice: Some(if non_compliant {
                        AnswerChoice::NonCompliant
                    } else {
                        AnswerChoice::Compliant
                    }),
                    finding: if non_compliant {
                        format!("Overtime not paid at the legal rate ({code}).")
                    } else {
                        String::new()
                    },
                    suggestion: if non_compliant {
                        format!("Pay the difference ({code}).")
                    } else {
                        String::new()
                    },
                    changed_at: START * 1000,
                    ..Answer::default()
                }
            })
            .collect();
        monitor
            .post(
                &format!("/api/visits/{}/answers", visit.id),
                &SaveAnswers { answers },
            )
            .await
            .assert_status(StatusCode::OK);
        monitor
            .put(
                &format!("/api/visits/{}/facts", visit.id),
                &completed_facts(),
            )
            .await
            .assert_status(StatusCode::OK);
        step(&mut monitor, visit.id, "submit", "").await;
        let mut approver = app.login_demo("approver").await;
        step(&mut approver, visit.id, "approve", "").await;
        let visit = step(&mut approver, visit.id, "publish", "").await.summary;
        ReportWithFindings {
            visit,
            findings: [picked[0].1.clone(), picked[1].1.clone()],
            points: [picked[0].0.clone(), picked[1].0.clone()],
            compliant: picked[2].1.clone(),
        }
    }
}

impl TestApp {
    /// A factory manager of the factory with this id, created by the administrator and
    /// signed in with a password of their own.
    pub async fn factory_manager_of(&self, factory_id: i64, username: &str) -> TestClient {
        let mut admin = self.login_demo("admin").await;
        let created: TemporaryPasswordResponse = admin
            .post(
                "/api/users",
                &json!({
                    "username": username,
                    "display_name": "Second Manager",
                    "role": "factory_manager",
                    "factory_id": factory_id,
                }),
            )
            .await
            .assert_status(StatusCode::CREATED)
            .json();
        let password = "rice fields along the tonle sap";
        let mut newcomer = self.login(username, &created.temporary_password).await;
        newcomer
            .change_password(&created.temporary_password, password)
            .await
            .assert_status(StatusCode::OK);
        self.login(username, password).await
    }
}
