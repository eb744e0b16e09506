//! The error envelope at the edges: bad JSON, unknown routes, wrong methods, cross-site
//! writes and the language of messages.

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use backend::demo::DEMO_PASSWORD;
use serde_json::json;
use shared::api::users::UserSummary;
use shared::api::CSRF_HEADER;

use crate::helpers::{TestApp, TestClient, TestResponse};

/// The host the application is reached at in the cross-origin tests.
const HOST: &str = "ims.example.org";

fn new_user(username: &str) -> serde_json::Value {
    json!({ "username": username, "display_name": "Someone", "role": "monitor" })
}

/// A user creation sent from a page of `origin` to the application at [`HOST`].
async fn create_user_from(admin: &mut TestClient, origin: &str, username: &str) -> TestResponse {
    let request = admin
        .request(Method::POST, "/api/users")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, origin)
        .body(Body::from(new_user(username).to_string()))
        .unwrap();
    admin.send(request).await
}

async fn user_count(admin: &mut TestClient) -> usize {
    admin
        .get("/api/users")
        .await
        .json::<Vec<UserSummary>>()
        .len()
}

async fn malformed_json_is_answered_with_the_error_envelope(app: TestApp) {
    // Arrange
    let mut client = app.client();
    let request = client
        .request(Method::POST, "/api/auth/login")
        .body(Body::from("{\"username\": \"admin\", \"password\": "))
        .unwrap();

    // Act
    let response = client.send(request).await;

    // Assert
    let error = response.assert_error(StatusCode::BAD_REQUEST, "malformed_request");
    assert!(error.fields.is_empty());
    assert_eq!(error.retry_after_seconds, None);
}
both_databases!(malformed_json_is_answered_with_the_error_envelope);

async fn a_body_missing_fields_or_its_content_type_is_a_malformed_request(app: TestApp) {
    // Arrange
    let mut client = app.client();
    let missing_field = client
        .request(Method::POST, "/api/auth/login")
        .body(Body::from(json!({ "username": "admin" }).to_string()))
        .unwrap();
    let mut no_content_type = client
        .request(Method::POST, "/api/auth/login")
        .body(Body::from(
            json!({ "username": "admin", "password": DEMO_PASSWORD }).to_string(),
        ))
        .unwrap();
    no_content_type.headers_mut().remove(header::CONTENT_TYPE);

    // Act
    let missing_field = client.send(missing_field).await;
    let no_content_type = client.send(no_content_type).await;

    // Assert
    missing_field.assert_error(StatusCode::BAD_REQUEST, "malformed_request");
    no_content_type.assert_error(StatusCode::BAD_REQUEST, "malformed_request");
}
both_databases!(a_body_missing_fields_or_its_content_type_is_a_malformed_request);

async fn an_unknown_api_route_is_a_json_not_found(app: TestApp) {
    // Arrange
    let mut anonymous = app.client();
    let mut admin = app.login_demo("admin").await;

    // Act
    let without_session = anonymous.get("/api/nope").await;
    let with_session = admin.get("/api/nope/deeper").await;
    let bare_prefix = anonymous.get("/api/").await;

    // Assert
    without_session.assert_error(StatusCode::NOT_FOUND, "not_found");
    with_session.assert_error(StatusCode::NOT_FOUND, "not_found");
    bare_prefix.assert_error(StatusCode::NOT_FOUND, "not_found");
}
both_databases!(an_unknown_api_route_is_a_json_not_found);

async fn a_known_route_called_with_the_wrong_method_is_method_not_allowed(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let get_login = admin
        .request(Method::GET, "/api/auth/login")
        .body(Body::empty())
        .unwrap();
    let put_users = admin
        .request(Method::PUT, "/api/users")
        .body(Body::from("{}"))
        .unwrap();
    let delete_factory = admin
        .request(Method::DELETE, "/api/factories/1")
        .body(Body::empty())
        .unwrap();

    // Act
    let responses = [
        admin.send(get_login).await,
        admin.send(put_users).await,
        admin.send(delete_factory).await,
    ];

    // Assert
    for response in responses {
        response.assert_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    }
}
both_databases!(a_known_route_called_with_the_wrong_method_is_method_not_allowed);

async fn a_write_without_the_csrf_header_is_rejected_even_before_login(app: TestApp) {
    // Arrange
    let mut client = app.client();
    let mut request = client
        .request(Method::POST, "/api/auth/login")
        .body(Body::from(
            json!({ "username": "admin", "password": DEMO_PASSWORD }).to_string(),
        ))
        .unwrap();
    request.headers_mut().remove(CSRF_HEADER);

    // Act
    let response = client.send(request).await;

    // Assert
    response.assert_error(StatusCode::FORBIDDEN, "csrf_rejected");
    assert!(!client.has_session());
}
both_databases!(a_write_without_the_csrf_header_is_rejected_even_before_login);

async fn a_write_from_another_origin_is_rejected(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let users_before = user_count(&mut admin).await;

    // Act
    let foreign = create_user_from(&mut admin, "https://evil.example", "from.evil").await;
    let same_origin = create_user_from(&mut admin, &format!("https://{HOST}"), "from.home").await;

    // Assert
    foreign.assert_error(StatusCode::FORBIDDEN, "csrf_rejected");
    same_origin.assert_status(StatusCode::CREATED);
    assert_eq!(user_count(&mut admin).await, users_before + 1);
}
both_databases!(a_write_from_another_origin_is_rejected);

async fn a_write_the_browser_marks_as_cross_site_is_rejected(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let request = admin
        .request(Method::POST, "/api/auth/logout")
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .unwrap();

    // Act
    let response = admin.send(request).await;

    // Assert
    response.assert_error(StatusCode::FORBIDDEN, "csrf_rejected");
    admin.me().await.assert_status(StatusCode::OK);
}
both_databases!(a_write_the_browser_marks_as_cross_site_is_rejected);

async fn error_messages_follow_the_requested_language(app: TestApp) {
    // Arrange
    let mut english = app.client();
    let mut khmer = app.client().with_language("km-KH,km;q=0.9,en;q=0.8");

    // Act
    let in_english = english.login("admin", "not the demo password").await;
    let in_khmer = khmer.login("admin", "not the demo password").await;

    // Assert
    let english = in_english.assert_error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    let khmer = in_khmer.assert_error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    assert!(!khmer.message.trim().is_empty());
    assert_ne!(
        khmer.message, english.message,
        "the Khmer text, not the English fallback"
    );
}
both_databases!(error_messages_follow_the_requested_language);

async fn every_response_carries_the_security_headers(app: TestApp) {
    let mut client = app.client();
    for path in ["/api/health", "/api/no-such-route", "/login"] {
        let response = client.get(path).await;
        let header = |name: &str| {
            response
                .headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let policy = header("content-security-policy");
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {policy}"
        );
        assert!(
            !policy.contains("script-src 'self' 'unsafe-inline'"),
            "{path}: {policy}"
        );
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("referrer-policy"), "same-origin", "{path}");
        // Cookies are not marked secure in tests: no HSTS over plain HTTP.
        assert_eq!(header("strict-transport-security"), "", "{path}");
    }
}
both_databases!(every_response_carries_the_security_headers);

#[tokio::test]
async fn hsts_is_sent_when_cookies_are_secure() {
    let app = TestApp::sqlite_with_settings(&[("IMS_COOKIE_SECURE", "true")]).await;
    let response = app.client().get("/api/health").await;
    assert_eq!(
        response
            .headers
            .get("strict-transport-security")
            .and_then(|value| value.to_str().ok()),
        Some("max-age=31536000; includeSubDomains")
    );
}
