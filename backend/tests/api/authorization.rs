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
    ]
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
