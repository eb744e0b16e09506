//! The one authorization harness: a call, the answer expected for each demo role, and the
//! runs that collect every answer that differs (so one run shows the whole matrix). Used by
//! the role matrix (authorization.rs), the report-access matrix (access_matrix.rs) and the
//! matrices of objections, meetings, corrective actions and concerns.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use backend::demo::DEMO_USERS;
use serde_json::Value;
use shared::roles::Role;

use crate::helpers::{TestApp, TestClient};

/// Answers in the order of `Role::ALL`: administrator, monitor, approver, trainer, factory
/// manager, buyer, union representative, government reader.
pub type Expected = [u16; 8];

/// The answer `expected` gives `role`.
pub fn expected_status(expected: &Expected, role: Role) -> StatusCode {
    let index = Role::ALL
        .iter()
        .position(|candidate| *candidate == role)
        .expect("a known role");
    StatusCode::from_u16(expected[index]).expect("a status code")
}

/// `success` for the roles `allowed` lets in, "forbidden" for the others.
pub fn allowed_or_forbidden(allowed: fn(Role) -> bool, success: StatusCode) -> Expected {
    Role::ALL.map(|role| {
        if allowed(role) {
            success.as_u16()
        } else {
            StatusCode::FORBIDDEN.as_u16()
        }
    })
}

/// One request of a matrix and what each role must get.
pub struct Call {
    pub method: Method,
    pub path: String,
    pub body: Option<Value>,
    pub expected: Expected,
}

impl Call {
    pub fn get(path: String, expected: Expected) -> Call {
        Call {
            method: Method::GET,
            path,
            body: None,
            expected,
        }
    }

    pub fn post(path: String, body: Value, expected: Expected) -> Call {
        Call {
            method: Method::POST,
            path,
            body: Some(body),
            expected,
        }
    }

    pub fn put(path: String, body: Value, expected: Expected) -> Call {
        Call {
            method: Method::PUT,
            path,
            body: Some(body),
            expected,
        }
    }

    pub fn delete(path: String, expected: Expected) -> Call {
        Call {
            method: Method::DELETE,
            path,
            body: None,
            expected,
        }
    }

    /// A GET that the roles `allowed` lets in may make (200); the others are forbidden.
    pub fn get_if(path: String, allowed: fn(Role) -> bool) -> Call {
        Call::get(path, allowed_or_forbidden(allowed, StatusCode::OK))
    }

    /// A POST that the roles `allowed` lets in may make (`success`); the others are forbidden.
    pub fn post_if(
        path: String,
        body: Value,
        allowed: fn(Role) -> bool,
        success: StatusCode,
    ) -> Call {
        Call::post(path, body, allowed_or_forbidden(allowed, success))
    }

    pub async fn send(&self, client: &mut TestClient) -> StatusCode {
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

    pub fn describe(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Every call as every demo role, each signed in afresh, in the order given; the answers that
/// differ from the expected ones, each prefixed with `label`.
pub async fn role_mismatches(app: &TestApp, calls: &[Call], label: &str) -> Vec<String> {
    let mut mismatches = Vec::new();
    for demo_user in &DEMO_USERS {
        let mut client = app.login_demo(demo_user.username).await;
        for call in calls {
            let status = call.send(&mut client).await;
            let expected = expected_status(&call.expected, demo_user.role);
            if status != expected {
                mismatches.push(format!(
                    "{label}{:?} {}: expected {expected}, got {status}",
                    demo_user.role,
                    call.describe()
                ));
            }
        }
    }
    mismatches
}

/// Every call without a session: each must answer "not signed in".
pub async fn anonymous_mismatches(app: &TestApp, calls: &[Call]) -> Vec<String> {
    let mut anonymous = app.client();
    let mut mismatches = Vec::new();
    for call in calls {
        let status = call.send(&mut anonymous).await;
        if status != StatusCode::UNAUTHORIZED {
            mismatches.push(format!("anonymous {}: got {status}", call.describe()));
        }
    }
    mismatches
}
