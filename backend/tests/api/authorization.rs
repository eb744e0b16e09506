//! Who may call what: every endpoint against every demo role, and without a session.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use backend::demo::DEMO_USERS;
use serde_json::{json, Value};
use shared::api::auth::CurrentUser;
use shared::api::factories::Factory;
use shared::api::users::TemporaryPasswordResponse;
use shared::roles::Role;

use crate::helpers::{TestApp, TestClient};

/// One call of the matrix and the roles that may make it.
struct Endpoint {
    method: Method,
    path: String,
    body: Option<Value>,
    allowed: fn(Role) -> bool,
    success: StatusCode,
}

impl Endpoint {
    fn get(path: String, allowed: fn(Role) -> bool) -> Endpoint {
        Endpoint {
            method: Method::GET,
            path,
            body: None,
            allowed,
            success: StatusCode::OK,
        }
    }

    fn post(path: String, body: Value, allowed: fn(Role) -> bool, success: StatusCode) -> Endpoint {
        Endpoint {
            method: Method::POST,
            path,
            body: Some(body),
            allowed,
            success,
        }
    }

    async fn call(&self, client: &mut TestClient) -> StatusCode {
        let body = self
            .body
            .as_ref()
            .map_or_else(Body::empty, |body| Body::from(body.to_string()));
        let request = client
            .request(self.method.clone(), &self.path)
            .body(body)
            .unwrap();
        client.send(request).await.status
    }

    fn describe(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

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
async fn endpoints(app: &TestApp) -> Vec<Endpoint> {
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
        Endpoint::get("/api/users".into(), administrator),
        Endpoint::post(
            "/api/users".into(),
            new_user,
            administrator,
            StatusCode::CREATED,
        ),
        Endpoint::post(
            format!("/api/users/{}/password-reset", target.user.id),
            json!({}),
            administrator,
            StatusCode::OK,
        ),
        Endpoint::get("/api/organisations".into(), administrator),
        Endpoint::get("/api/factories".into(), programme_staff),
        Endpoint::get(
            format!("/api/factories/{own}"),
            staff_or_the_factorys_manager,
        ),
        Endpoint::get(format!("/api/factories/{other}"), programme_staff),
        Endpoint::get("/api/dashboard/province-workforce".into(), everyone),
        Endpoint::get("/api/holidays".into(), everyone),
        Endpoint::get("/api/holidays/coverage".into(), everyone),
        Endpoint::get("/api/report-documents/verify".into(), administrator),
        Endpoint::get("/api/checklists".into(), programme_staff),
        Endpoint::get("/api/visits".into(), staff_or_the_factorys_manager),
        Endpoint::get("/api/visits/monitors".into(), |role| role == Role::Monitor),
        Endpoint::get("/api/non-cooperation-records".into(), |role| {
            matches!(role, Role::Administrator | Role::Approver)
        }),
        Endpoint::get("/api/outbox".into(), administrator),
        Endpoint::get("/api/analytics/overview".into(), industry_analysts),
        Endpoint::get("/api/analytics/issues".into(), industry_analysts),
        Endpoint::get(
            "/api/analytics/groups?dimension=province".into(),
            industry_analysts,
        ),
        Endpoint::get("/api/analytics/trends".into(), industry_analysts),
        Endpoint::get("/api/analytics/recurring".into(), industry_analysts),
        Endpoint::get("/api/analytics/comparable-factories".into(), |role| {
            industry_analysts(role) || role == Role::Buyer
        }),
        // Third-party access (issue 6); per-factory cases are in access_matrix.rs.
        Endpoint::get("/api/third-parties".into(), |role| {
            matches!(role, Role::Administrator | Role::FactoryManager)
        }),
        Endpoint::get("/api/subscriptions".into(), administrator),
        Endpoint::get("/api/suppliers".into(), |role| role == Role::Buyer),
        Endpoint::get(format!("/api/factories/{own}/grants"), |role| {
            matches!(role, Role::Administrator | Role::FactoryManager)
        }),
        Endpoint::get(format!("/api/factories/{other}/grants"), administrator),
        Endpoint::get(format!("/api/factories/{own}/access-log"), |role| {
            matches!(role, Role::Administrator | Role::FactoryManager)
        }),
        Endpoint::get(format!("/api/factories/{other}/access-log"), administrator),
    ]
}

fn industry_analysts(role: Role) -> bool {
    matches!(role, Role::Administrator | Role::Approver | Role::Trainer)
}

async fn every_role_gets_exactly_the_endpoints_it_is_allowed(app: TestApp) {
    // Arrange
    let endpoints = endpoints(&app).await;
    let mut mismatches = Vec::new();

    for demo_user in &DEMO_USERS {
        let mut client = app.login_demo(demo_user.username).await;
        for endpoint in &endpoints {
            // Act
            let status = endpoint.call(&mut client).await;

            // Assert (collected, so that one run shows the whole matrix)
            let expected = if (endpoint.allowed)(demo_user.role) {
                endpoint.success
            } else {
                StatusCode::FORBIDDEN
            };
            if status != expected {
                mismatches.push(format!(
                    "{:?} {}: expected {expected}, got {status}",
                    demo_user.role,
                    endpoint.describe()
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
both_databases!(every_role_gets_exactly_the_endpoints_it_is_allowed);

async fn every_endpoint_refuses_a_caller_without_a_session(app: TestApp) {
    // Arrange
    let endpoints = endpoints(&app).await;
    let mut anonymous = app.client();
    let mut mismatches = Vec::new();

    for endpoint in &endpoints {
        // Act
        let status = endpoint.call(&mut anonymous).await;

        // Assert
        if status != StatusCode::UNAUTHORIZED {
            mismatches.push(format!("{}: got {status}", endpoint.describe()));
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
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
    use axum::body::Body;
    use axum::http::{Method, StatusCode};
    use backend::demo::DEMO_USERS;
    use serde_json::{json, Value};
    use shared::api::concerns::Concern;
    use shared::api::corrective_actions::CorrectiveActionPlan;
    use shared::roles::Role;

    use crate::corrective_actions::report_with_findings;
    use crate::helpers::TestApp;
    use crate::visits::{INJAE, SABRINA};

    /// Role order of the expectations: administrator, monitor, approver, trainer, factory
    /// manager, buyer, union representative (as `Role::ALL`).
    type Expected = [u16; 7];

    struct Call {
        method: Method,
        path: String,
        body: Option<Value>,
        expected: Expected,
    }

    fn get(path: String, expected: Expected) -> Call {
        Call {
            method: Method::GET,
            path,
            body: None,
            expected,
        }
    }

    fn post(path: String, body: Value, expected: Expected) -> Call {
        Call {
            method: Method::POST,
            path,
            body: Some(body),
            expected,
        }
    }

    fn expected_for(call: &Call, role: Role) -> StatusCode {
        let index = Role::ALL
            .iter()
            .position(|r| *r == role)
            .expect("a known role");
        StatusCode::from_u16(call.expected[index]).expect("a status")
    }

    async fn calls(app: &TestApp) -> Vec<Call> {
        // A report of the demo factory manager's factory (granted to the demo buyer), one of
        // another granted factory and one of a factory that granted the buyer nothing.
        let (own, findings, _) = report_with_findings(app, INJAE).await;
        let (other, _, _) = report_with_findings(app, SABRINA).await;
        let (ungranted, _, _) = report_with_findings(app, "Yorks (Cambodia) Co. Ltd").await;
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
            get(
                format!("/api/reports/{}/corrective-actions", own.id),
                [200, 200, 200, 200, 200, 200, 404],
            ),
            get(
                format!("/api/reports/{}/corrective-actions", other.id),
                [200, 200, 200, 200, 404, 200, 404],
            ),
            get(
                format!("/api/reports/{}/corrective-actions", ungranted.id),
                [200, 200, 200, 200, 404, 404, 404],
            ),
            post(
                format!("/api/reports/{}/corrective-actions", own.id),
                action,
                [403, 403, 403, 403, 201, 403, 404],
            ),
            post(
                format!("/api/corrective-actions/{action_id}/updates"),
                update,
                [403, 403, 403, 403, 200, 403, 404],
            ),
            post(
                format!("/api/corrective-actions/{action_id}/verification"),
                verification,
                [403, 200, 403, 403, 403, 403, 404],
            ),
            get("/api/concerns".into(), [200, 200, 200, 200, 403, 403, 200]),
            post(
                "/api/concerns".into(),
                new_concern,
                [403, 403, 403, 403, 403, 403, 201],
            ),
            get(
                "/api/concerns/factories".into(),
                [403, 403, 403, 403, 403, 403, 200],
            ),
            get(
                "/api/concerns/flags".into(),
                [200, 200, 200, 200, 403, 403, 403],
            ),
            post(
                format!("/api/concerns/{}/review", concern.id),
                review,
                [422, 422, 422, 403, 403, 403, 403],
            ),
            get(
                format!("/api/factories/{}/concerns", own.factory_id),
                [200, 200, 200, 200, 200, 200, 404],
            ),
            get(
                format!("/api/factories/{}/concerns", ungranted.factory_id),
                [200, 200, 200, 200, 404, 404, 404],
            ),
        ]
    }

    async fn every_role_gets_the_expected_answer_on_plans_and_concerns(app: TestApp) {
        // Arrange
        let calls = calls(&app).await;
        let mut mismatches = Vec::new();

        for demo_user in &DEMO_USERS {
            let mut client = app.login_demo(demo_user.username).await;
            for call in &calls {
                // Act
                let body = call
                    .body
                    .as_ref()
                    .map_or_else(Body::empty, |body| Body::from(body.to_string()));
                let request = client
                    .request(call.method.clone(), &call.path)
                    .body(body)
                    .unwrap();
                let status = client.send(request).await.status;

                // Assert (collected, so that one run shows the whole matrix)
                let expected = expected_for(call, demo_user.role);
                if status != expected {
                    mismatches.push(format!(
                        "{:?} {} {}: expected {expected}, got {status}",
                        demo_user.role, call.method, call.path
                    ));
                }
            }
        }
        let mut anonymous = app.client();
        for call in &calls {
            let body = call
                .body
                .as_ref()
                .map_or_else(Body::empty, |body| Body::from(body.to_string()));
            let request = anonymous
                .request(call.method.clone(), &call.path)
                .body(body)
                .unwrap();
            let status = anonymous.send(request).await.status;
            if status != StatusCode::UNAUTHORIZED {
                mismatches.push(format!(
                    "anonymous {} {}: got {status}",
                    call.method, call.path
                ));
            }
        }
        assert!(mismatches.is_empty(), "{mismatches:#?}");
    }
    both_databases!(every_role_gets_the_expected_answer_on_plans_and_concerns);
}
// ---- end of corrective action plans and union concerns ---------------------------------

// ---- Objections, amendments and clarification meetings (issue 6) -------------------------
// Self-contained: each endpoint with the answer expected for every demo role. Readers of the
// report who may not act get "forbidden"; everyone who may not read it gets "not found".
mod objections_and_meetings {
    use axum::body::Body;
    use axum::http::{Method, StatusCode};
    use backend::clock::Clock;
    use backend::demo::DEMO_USERS;
    use serde_json::{json, Value};
    use shared::api::objections::{ClarificationMeeting, ReportObjections};
    use shared::roles::Role;

    use crate::helpers::{TestApp, START};
    use crate::objections::report_with_findings;
    use crate::visits::{factory_id, INJAE};

    /// Role order of the expectations: administrator, monitor, approver, trainer, factory
    /// manager, buyer, union representative (as `Role::ALL`).
    type Expected = [u16; 7];
    const READERS: Expected = [200, 200, 200, 200, 200, 200, 404];
    const STAFF_ONLY: Expected = [200, 200, 200, 200, 404, 404, 404];
    /// Invalid bodies: the deciders get as far as validation.
    const DECIDERS: Expected = [422, 403, 422, 403, 403, 403, 404];
    const DECIDER_LISTS: Expected = [200, 403, 200, 403, 403, 403, 403];
    const MANAGER_CREATES: Expected = [403, 403, 403, 403, 201, 403, 404];

    struct Call {
        method: Method,
        path: String,
        body: Option<Value>,
        expected: Expected,
    }

    fn get(path: String, expected: Expected) -> Call {
        Call {
            method: Method::GET,
            path,
            body: None,
            expected,
        }
    }

    fn post(path: String, body: Value, expected: Expected) -> Call {
        Call {
            method: Method::POST,
            path,
            body: Some(body),
            expected,
        }
    }

    fn expected_for(call: &Call, role: Role) -> StatusCode {
        let index = Role::ALL
            .iter()
            .position(|r| *r == role)
            .expect("a known role");
        StatusCode::from_u16(call.expected[index]).expect("a status")
    }

    async fn calls(app: &TestApp) -> Vec<Call> {
        // A report of the demo factory (granted to the demo buyer) and one of a factory that
        // granted the buyer nothing, with an objection and a meeting request on the first.
        let mut admin = app.login_demo("admin").await;
        let own = report_with_findings(app, factory_id(&mut admin, INJAE).await).await;
        let ungranted = report_with_findings(
            app,
            factory_id(&mut admin, "Yorks (Cambodia) Co. Ltd").await,
        )
        .await;
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
            get(format!("/api/reports/{own}/objections"), READERS),
            post(
                format!("/api/reports/{own}/objections"),
                objection(&second_finding),
                MANAGER_CREATES,
            ),
            get(format!("/api/reports/{other}/objections"), STAFF_ONLY),
            post(
                format!("/api/reports/{other}/objections"),
                objection(&ungranted.findings[0]),
                [403, 403, 403, 403, 404, 404, 404],
            ),
            get("/api/objections".into(), DECIDER_LISTS),
            post(
                format!("/api/objections/{objection_id}/decision"),
                json!({ "outcome": "rejected", "reason": "" }),
                DECIDERS,
            ),
            post(
                format!("/api/reports/{own}/corrections"),
                json!({ "question_code": "", "reason": "",
                        "amendment": { "choice": "compliant" } }),
                DECIDERS,
            ),
            get(format!("/api/reports/{own}/versions"), READERS),
            get(format!("/api/reports/{own}/versions/1"), READERS),
            get(format!("/api/reports/{other}/versions"), STAFF_ONLY),
            get(
                format!("/api/reports/{own}/meetings"),
                [200, 200, 200, 200, 200, 403, 404],
            ),
            post(
                format!("/api/reports/{own}/meetings"),
                json!({ "topic": "A second question" }),
                MANAGER_CREATES,
            ),
            get(format!("/api/reports/{other}/meetings"), STAFF_ONLY),
            get("/api/meetings".into(), DECIDER_LISTS),
            post(
                format!("/api/meetings/{}/schedule", meeting.id),
                json!({ "scheduled_for": "", "place": "" }),
                DECIDERS,
            ),
            post(
                format!("/api/meetings/{}/outcome", meeting.id),
                json!({ "outcome": "" }),
                DECIDERS,
            ),
        ]
    }

    async fn every_role_gets_the_expected_answer_on_objections_and_meetings(app: TestApp) {
        // Arrange
        let calls = calls(&app).await;
        let mut mismatches = Vec::new();

        for demo_user in &DEMO_USERS {
            let mut client = app.login_demo(demo_user.username).await;
            for call in &calls {
                // Act
                let body = call
                    .body
                    .as_ref()
                    .map_or_else(Body::empty, |body| Body::from(body.to_string()));
                let request = client
                    .request(call.method.clone(), &call.path)
                    .body(body)
                    .unwrap();
                let status = client.send(request).await.status;

                // Assert (collected, so that one run shows the whole matrix)
                let expected = expected_for(call, demo_user.role);
                if status != expected {
                    mismatches.push(format!(
                        "{:?} {} {}: expected {expected}, got {status}",
                        demo_user.role, call.method, call.path
                    ));
                }
            }
        }
        let mut anonymous = app.client();
        for call in &calls {
            let body = call
                .body
                .as_ref()
                .map_or_else(Body::empty, |body| Body::from(body.to_string()));
            let request = anonymous
                .request(call.method.clone(), &call.path)
                .body(body)
                .unwrap();
            let status = anonymous.send(request).await.status;
            if status != StatusCode::UNAUTHORIZED {
                mismatches.push(format!(
                    "anonymous {} {}: got {status}",
                    call.method, call.path
                ));
            }
        }
        assert!(mismatches.is_empty(), "{mismatches:#?}");
    }
    both_databases!(every_role_gets_the_expected_answer_on_objections_and_meetings);
}
// ---- end of objections, amendments and clarification meetings ---------------------------
