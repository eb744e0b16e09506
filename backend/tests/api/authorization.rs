//! Who may call what: every endpoint against every demo role, and without a session.

use axum::http::StatusCode;
use serde_json::json;
use shared::api::auth::CurrentUser;
use shared::api::factories::Factory;
use shared::api::users::TemporaryPasswordResponse;
use shared::roles::Role;

use crate::helpers::TestApp;
use crate::matrix::{allowed_or_forbidden, anonymous_mismatches, role_mismatches, Call};

fn administrator(role: Role) -> bool {
    role == Role::Administrator
}

fn programme_staff(role: Role) -> bool {
    role.is_programme_staff()
}

fn staff_or_the_factorys_manager(role: Role) -> bool {
    role.is_programme_staff() || role == Role::FactoryManager
}

fn everyone(_: Role) -> bool {
    true
}

/// The endpoints, with the demo factory manager's factory and another one.
async fn endpoints(app: &TestApp) -> Vec<Call> {
    let mut admin = app.login_demo("admin").await;
    let target: TemporaryPasswordResponse = admin
        .post(
            "/api/users",
            &json!({ "username": "reset.target", "display_name": "Target", "role": "trainer" }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let manager: CurrentUser = app.login_demo("factory").await.me().await.json();
    let own = manager
        .factory_id
        .expect("the demo factory manager has a factory");
    let factories: Vec<Factory> = admin.get("/api/factories").await.json();
    let other = factories
        .iter()
        .map(|factory| factory.id)
        .find(|id| *id != own)
        .expect("more than one demo factory");
    let new_user =
        json!({ "username": "matrix.user", "display_name": "Matrix", "role": "monitor" });
    vec![
        Call::get_if("/api/users".into(), administrator),
        Call::post_if(
            "/api/users".into(),
            new_user,
            administrator,
            StatusCode::CREATED,
        ),
        Call::post_if(
            format!("/api/users/{}/password-reset", target.user.id),
            json!({}),
            administrator,
            StatusCode::OK,
        ),
        Call::get_if("/api/organisations".into(), administrator),
        Call::get_if("/api/factories".into(), programme_staff),
        Call::get_if(
            format!("/api/factories/{own}"),
            staff_or_the_factorys_manager,
        ),
        Call::get_if(format!("/api/factories/{other}"), programme_staff),
        Call::get_if("/api/dashboard/province-workforce".into(), everyone),
        Call::get_if("/api/holidays".into(), everyone),
        Call::get_if("/api/holidays/coverage".into(), everyone),
        Call::get_if("/api/report-documents/verify".into(), administrator),
        Call::get_if("/api/public-site".into(), administrator),
        Call::post_if(
            "/api/public-site".into(),
            json!({}),
            administrator,
            StatusCode::OK,
        ),
        Call::get_if("/api/checklists".into(), programme_staff),
        Call::get_if("/api/visits".into(), staff_or_the_factorys_manager),
        Call::get_if("/api/visits/monitors".into(), |role| role == Role::Monitor),
        // Records of reports still in review: staff only (ministry staff read the letters).
        Call::get_if("/api/non-cooperation-records".into(), |role| {
            matches!(role, Role::Administrator | Role::Approver)
        }),
        Call::get_if("/api/outbox".into(), administrator),
        Call::get_if("/api/analytics/overview".into(), industry_analysts),
        Call::get_if("/api/analytics/issues".into(), industry_analysts),
        Call::get_if(
            "/api/analytics/groups?dimension=province".into(),
            industry_analysts,
        ),
        Call::get_if("/api/analytics/trends".into(), industry_analysts),
        Call::get_if("/api/analytics/recurring".into(), industry_analysts),
        Call::get_if(
            "/api/analytics/synthesis?period=2026-H1".into(),
            industry_analysts,
        ),
        Call::get_if("/api/synthesis-editions".into(), edition_readers),
        Call::get(
            "/api/synthesis-editions/999999".into(),
            allowed_or_forbidden(edition_readers, StatusCode::NOT_FOUND),
        ),
        // Issuing gets as far as the period's check for those who may issue.
        Call::post_if(
            "/api/synthesis-editions".into(),
            json!({ "period": "2026" }),
            |role| matches!(role, Role::Administrator | Role::Approver),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Call::get_if("/api/analytics/comparable-factories".into(), |role| {
            industry_analysts(role) || role == Role::Buyer
        }),
        // Third-party access (issue 6); per-factory cases are in access_matrix.rs.
        Call::get_if("/api/third-parties".into(), |role| {
            matches!(role, Role::Administrator | Role::FactoryManager)
        }),
        Call::get_if("/api/subscriptions".into(), administrator),
        Call::get_if("/api/suppliers".into(), |role| role == Role::Buyer),
        Call::get_if(format!("/api/factories/{own}/grants"), |role| {
            matches!(role, Role::Administrator | Role::FactoryManager)
        }),
        Call::get_if(format!("/api/factories/{other}/grants"), administrator),
        Call::get_if(format!("/api/factories/{own}/access-log"), |role| {
            matches!(role, Role::Administrator | Role::FactoryManager)
        }),
        Call::get_if(format!("/api/factories/{other}/access-log"), administrator),
    ]
}

/// The issued synthesis editions are the industry figures the public site publishes: ministry
/// staff read them too (but none of the live analytics, which name factories).
fn edition_readers(role: Role) -> bool {
    role.is_programme_staff()
        || matches!(
            role,
            Role::FactoryManager | Role::Buyer | Role::GovernmentReader
        )
}

fn industry_analysts(role: Role) -> bool {
    matches!(role, Role::Administrator | Role::Approver | Role::Trainer)
}

async fn every_role_gets_exactly_the_endpoints_it_is_allowed(app: TestApp) {
    // Arrange
    let endpoints = endpoints(&app).await;

    // Act and assert (collected, so that one run shows the whole matrix)
    let mismatches = role_mismatches(&app, &endpoints, "").await;
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
both_databases!(every_role_gets_exactly_the_endpoints_it_is_allowed);

async fn every_endpoint_refuses_a_caller_without_a_session(app: TestApp) {
    // Arrange
    let endpoints = endpoints(&app).await;

    // Act and assert
    let mismatches = anonymous_mismatches(&app, &endpoints).await;
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    let mut anonymous = app.client();
    anonymous
        .get("/api/users")
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
}
both_databases!(every_endpoint_refuses_a_caller_without_a_session);

async fn a_forbidden_request_gets_the_error_envelope(app: TestApp) {
    // Arrange
    let mut buyer = app.login_demo("buyer").await;

    // Act
    let response = buyer.get("/api/factories").await;

    // Assert
    response.assert_error(StatusCode::FORBIDDEN, "forbidden");
}
both_databases!(a_forbidden_request_gets_the_error_envelope);

// ---- Corrective action plans and union concerns (issue 6) --------------------------------
// Self-contained: each endpoint with the answer expected for every demo role, including the
// "not found" that readers without access get for a report's plan or a factory's concerns.
mod corrective_actions_and_concerns {

    use axum::http::StatusCode;

    use serde_json::json;
    use shared::api::concerns::Concern;
    use shared::api::corrective_actions::CorrectiveActionPlan;

    use crate::helpers::TestApp;
    use crate::visits::{INJAE, SABRINA};

    use crate::matrix::{anonymous_mismatches, role_mismatches, Call};

    async fn calls(app: &TestApp) -> Vec<Call> {
        // A report of the demo factory manager's factory (granted to the demo buyer), one of
        // another granted factory and one of a factory that granted the buyer nothing.
        let own_report = app.report_with_findings(INJAE).await;
        let (own, findings) = (own_report.visit, own_report.findings);
        let other = app.report_with_findings(SABRINA).await.visit;
        let ungranted = app
            .report_with_findings("Yorks (Cambodia) Co. Ltd")
            .await
            .visit;
        let mut factory = app.login_demo("factory").await;
        let action = json!({ "question_code": findings[0], "description": "Repair the fans",
                             "responsible": "Engineer", "target_date": "2027-03-31",
                             "status": "planned" });
        let plan: CorrectiveActionPlan = factory
            .post(
                &format!("/api/reports/{}/corrective-actions", own.id),
                &action,
            )
            .await
            .assert_status(StatusCode::CREATED)
            .json();
        let action_id = plan.actions[0].id;
        // The demo monitor goes back to the factory: the next visit.
        app.login_demo("monitor")
            .await
            .post(
                "/api/visits",
                &json!({ "factory_id": own.factory_id, "visit_type": "follow_up",
                         "announced": false, "start_date": "2027-04-10",
                         "end_date": "2027-04-10" }),
            )
            .await
            .assert_status(StatusCode::CREATED);
        let concern: Concern = app
            .login_demo("union")
            .await
            .post(
                "/api/concerns",
                &json!({ "factory_id": own.factory_id, "category": "wages",
                         "description": "Wages paid late" }),
            )
            .await
            .assert_status(StatusCode::CREATED)
            .json();
        // A public response of the factory to a finding (its own path is tested with the
        // disclosure rules in public_responses.rs), for the monitors' check.
        let response_id: i64 = sqlx::query_scalar(
            "insert into public_responses \
                 (factory_id, visit_id, question_code, statement, posted_by, posted_at) \
             values ($1, $2, $3, 'Fixed', (select id from users where username = 'factory'), 0) \
             returning id",
        )
        .bind(own.factory_id)
        .bind(own.id)
        .bind(&findings[0])
        .fetch_one(&app.db.pool)
        .await
        .expect("a response");
        // Past the reports' third-party date, so the buyer reads the granted ones.
        app.clock.advance(6 * 86_400);
        let verification = json!({ "outcome": "verified", "note": "Seen on site" });
        let update = json!({ "comment": "Fans ordered" });
        let new_concern =
            json!({ "factory_id": own.factory_id, "category": "other", "description": "x" });
        // An incomplete review: reviewers get past the permission check to the field errors.
        let review = json!({ "outcome": "verified", "note": "" });
        //                 admin monitor approver trainer factory buyer union
        vec![
            // An answer's history is programme staff's working record, even once published.
            Call::get(
                format!("/api/visits/{}/answers/{}/history", own.id, findings[0]),
                [200, 200, 200, 200, 403, 403, 403, 403],
            ),
            Call::get(
                format!("/api/reports/{}/corrective-actions", own.id),
                [200, 200, 200, 200, 200, 200, 404, 404],
            ),
            Call::get(
                format!("/api/reports/{}/corrective-actions", other.id),
                [200, 200, 200, 200, 404, 200, 404, 404],
            ),
            Call::get(
                format!("/api/reports/{}/corrective-actions", ungranted.id),
                [200, 200, 200, 200, 404, 404, 404, 404],
            ),
            Call::post(
                format!("/api/reports/{}/corrective-actions", own.id),
                action,
                [403, 403, 403, 403, 201, 403, 404, 404],
            ),
            Call::post(
                format!("/api/corrective-actions/{action_id}/updates"),
                update,
                [403, 403, 403, 403, 200, 403, 404, 404],
            ),
            Call::post(
                format!("/api/corrective-actions/{action_id}/verification"),
                verification,
                [403, 200, 403, 403, 403, 403, 404, 404],
            ),
            Call::get(
                format!("/api/reports/{}/public-responses", own.id),
                [200, 200, 200, 200, 200, 403, 404, 404],
            ),
            Call::get(
                format!("/api/reports/{}/public-responses", other.id),
                [200, 200, 200, 200, 404, 403, 404, 404],
            ),
            Call::get(
                format!("/api/reports/{}/public-responses", ungranted.id),
                [200, 200, 200, 200, 404, 404, 404, 404],
            ),
            // An empty response: the factory gets past the permission check to the field errors.
            Call::post(
                format!("/api/reports/{}/public-responses", own.id),
                json!({ "question_code": "", "statement": "" }),
                [403, 403, 403, 403, 422, 403, 404, 404],
            ),
            Call::post(
                format!("/api/public-responses/{response_id}/check"),
                json!({ "outcome": "verified", "note": "Seen on site" }),
                [403, 200, 403, 403, 403, 403, 404, 404],
            ),
            Call::get(
                "/api/concerns".into(),
                [200, 200, 200, 200, 403, 403, 200, 403],
            ),
            Call::post(
                "/api/concerns".into(),
                new_concern,
                [403, 403, 403, 403, 403, 403, 201, 403],
            ),
            Call::get(
                "/api/concerns/factories".into(),
                [403, 403, 403, 403, 403, 403, 200, 403],
            ),
            Call::get(
                "/api/concerns/flags".into(),
                [200, 200, 200, 200, 403, 403, 403, 403],
            ),
            Call::post(
                format!("/api/concerns/{}/review", concern.id),
                review,
                [422, 422, 422, 403, 403, 403, 403, 403],
            ),
            Call::get(
                format!("/api/factories/{}/concerns", own.factory_id),
                [200, 200, 200, 200, 200, 200, 404, 404],
            ),
            Call::get(
                format!("/api/factories/{}/concerns", ungranted.factory_id),
                [200, 200, 200, 200, 404, 404, 404, 404],
            ),
        ]
    }

    async fn every_role_gets_the_expected_answer_on_plans_and_concerns(app: TestApp) {
        // Arrange
        let calls = calls(&app).await;

        // Act and assert (collected, so that one run shows the whole matrix)
        let mut mismatches = role_mismatches(&app, &calls, "").await;
        mismatches.extend(anonymous_mismatches(&app, &calls).await);
        assert!(mismatches.is_empty(), "{mismatches:#?}");
    }
    both_databases!(every_role_gets_the_expected_answer_on_plans_and_concerns);
}
// ---- end of corrective action plans and union concerns ---------------------------------

// ---- Objections, amendments and clarification meetings (issue 6) -------------------------
// Self-contained: each endpoint with the answer expected for every demo role. Readers of the
// report who may not act get "forbidden"; everyone who may not read it gets "not found".
mod objections_and_meetings {

    use axum::http::StatusCode;
    use backend::clock::Clock;

    use serde_json::json;
    use shared::api::objections::{ClarificationMeeting, ReportObjections};

    use crate::helpers::{TestApp, START};
    use crate::visits::INJAE;

    use crate::matrix::{anonymous_mismatches, role_mismatches, Call, Expected};

    const READERS: Expected = [200, 200, 200, 200, 200, 200, 404, 404];
    const STAFF_ONLY: Expected = [200, 200, 200, 200, 404, 404, 404, 404];
    /// Invalid bodies: the deciders get as far as validation.
    const DECIDERS: Expected = [422, 403, 422, 403, 403, 403, 404, 404];
    const DECIDER_LISTS: Expected = [200, 403, 200, 403, 403, 403, 403, 403];
    const MANAGER_CREATES: Expected = [403, 403, 403, 403, 201, 403, 404, 404];

    async fn calls(app: &TestApp) -> Vec<Call> {
        // A report of the demo factory (granted to the demo buyer) and one of a factory that
        // granted the buyer nothing, with an objection and a meeting request on the first.
        let _admin = app.login_demo("admin").await;
        let own = app.report_with_findings(INJAE).await;
        let ungranted = app.report_with_findings("Yorks (Cambodia) Co. Ltd").await;
        let mut factory = app.login_demo("factory").await;
        let objection = |code: &str| json!({ "findings": [{ "question_code": code, "reason": "Paid in full." }] });
        let created: ReportObjections = factory
            .post(
                &format!("/api/reports/{}/objections", own.visit.id),
                &objection(&own.findings[0]),
            )
            .await
            .assert_status(StatusCode::CREATED)
            .json();
        let objection_id = created.objections[0].id;
        let meeting: ClarificationMeeting = factory
            .post(
                &format!("/api/reports/{}/meetings", own.visit.id),
                &json!({ "topic": "Overtime records" }),
            )
            .await
            .assert_status(StatusCode::CREATED)
            .json();
        // Past the third-party date (5 days), within the objection window.
        app.clock.set_now(START + 6 * 86_400);
        let second_finding = own.findings[1].clone();
        let (own, other) = (own.visit.id, ungranted.visit.id);
        vec![
            Call::get(format!("/api/reports/{own}/objections"), READERS),
            Call::post(
                format!("/api/reports/{own}/objections"),
                objection(&second_finding),
                MANAGER_CREATES,
            ),
            Call::get(format!("/api/reports/{other}/objections"), STAFF_ONLY),
            Call::post(
                format!("/api/reports/{other}/objections"),
                objection(&ungranted.findings[0]),
                [403, 403, 403, 403, 404, 404, 404, 404],
            ),
            Call::get("/api/objections".into(), DECIDER_LISTS),
            Call::post(
                format!("/api/objections/{objection_id}/decision"),
                json!({ "outcome": "rejected", "reason": "" }),
                DECIDERS,
            ),
            Call::post(
                format!("/api/reports/{own}/corrections"),
                json!({ "question_code": "", "reason": "",
                        "amendment": { "choice": "compliant" } }),
                DECIDERS,
            ),
            Call::get(format!("/api/reports/{own}/versions"), READERS),
            Call::get(format!("/api/reports/{own}/versions/1"), READERS),
            Call::get(format!("/api/reports/{other}/versions"), STAFF_ONLY),
            Call::get(
                format!("/api/reports/{own}/meetings"),
                [200, 200, 200, 200, 200, 403, 404, 404],
            ),
            Call::post(
                format!("/api/reports/{own}/meetings"),
                json!({ "topic": "A second question" }),
                MANAGER_CREATES,
            ),
            Call::get(format!("/api/reports/{other}/meetings"), STAFF_ONLY),
            Call::get("/api/meetings".into(), DECIDER_LISTS),
            Call::post(
                format!("/api/meetings/{}/schedule", meeting.id),
                json!({ "scheduled_for": "", "place": "" }),
                DECIDERS,
            ),
            Call::post(
                format!("/api/meetings/{}/outcome", meeting.id),
                json!({ "outcome": "" }),
                DECIDERS,
            ),
        ]
    }

    async fn every_role_gets_the_expected_answer_on_objections_and_meetings(app: TestApp) {
        // Arrange
        let calls = calls(&app).await;

        // Act and assert (collected, so that one run shows the whole matrix)
        let mut mismatches = role_mismatches(&app, &calls, "").await;
        mismatches.extend(anonymous_mismatches(&app, &calls).await);
        assert!(mismatches.is_empty(), "{mismatches:#?}");
    }
    both_databases!(every_role_gets_the_expected_answer_on_objections_and_meetings);
}
// ---- end of objections, amendments and clarification meetings ---------------------------
