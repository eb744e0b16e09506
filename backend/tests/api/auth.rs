//! `/api/auth`: logging in and out, throttling, sessions and changing one's own password.

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use backend::demo::{DEMO_PASSWORD, DEMO_USERS};
use shared::api::auth::CurrentUser;
use shared::api::CSRF_HEADER;
use shared::roles::Role;

use crate::helpers::{fields, TestApp};

async fn every_demo_role_can_log_in_and_sees_its_role_and_areas(app: TestApp) {
    for demo_user in &DEMO_USERS {
        // Arrange
        let mut client = app.client();

        // Act
        let login = client.login(demo_user.username, DEMO_PASSWORD).await;
        let me = client.me().await;

        // Assert
        let logged_in: CurrentUser = login.assert_status(StatusCode::OK).json();
        let current: CurrentUser = me.assert_status(StatusCode::OK).json();
        for user in [&logged_in, &current] {
            assert_eq!(user.username, demo_user.username);
            assert_eq!(user.display_name, demo_user.display_name);
            assert_eq!(user.role, demo_user.role);
            let areas = shared::permissions::areas(&user.actor());
            assert_eq!(user.areas, areas, "{}", demo_user.username);
            assert!(!user.must_change_password);
            assert_eq!(user.factory_id.is_some(), user.role == Role::FactoryManager);
            let has_organisation = matches!(user.role, Role::Buyer | Role::UnionRepresentative);
            assert_eq!(user.organisation.is_some(), has_organisation);
        }
        assert_eq!(current.csrf_token, logged_in.csrf_token);
        assert_eq!(logged_in.csrf_token.len(), 64);
    }
}
both_databases!(every_demo_role_can_log_in_and_sees_its_role_and_areas);

async fn the_session_cookie_is_http_only_and_same_site(app: TestApp) {
    // Arrange
    let mut client = app.client();

    // Act
    let response = client.login("monitor", DEMO_PASSWORD).await;

    // Assert
    response.assert_status(StatusCode::OK);
    let cookie = response.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("ims_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    let max_age = format!("Max-Age={}", app.config.session_hours * 3600);
    assert!(cookie.contains(&max_age), "{cookie}");
}
both_databases!(the_session_cookie_is_http_only_and_same_site);

async fn user_names_are_not_case_sensitive_at_login(app: TestApp) {
    // Arrange
    let mut client = app.client();

    // Act
    let response = client.login("  Monitor ", DEMO_PASSWORD).await;

    // Assert
    let user: CurrentUser = response.assert_status(StatusCode::OK).json();
    assert_eq!(user.username, "monitor");
}
both_databases!(user_names_are_not_case_sensitive_at_login);

async fn a_wrong_password_is_refused_as_invalid_credentials(app: TestApp) {
    // Arrange
    let mut client = app.client();

    // Act
    let response = client.login("admin", "not the demo password at all").await;

    // Assert
    response.assert_error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    assert!(response.headers.get(header::SET_COOKIE).is_none());
    assert!(!client.has_session());
}
both_databases!(a_wrong_password_is_refused_as_invalid_credentials);

async fn an_unknown_user_is_refused_with_the_same_code(app: TestApp) {
    // Arrange
    let mut client = app.client();
    let wrong_password = client.login("admin", "not the demo password at all").await;

    // Act
    let unknown_user = client.login("nobody.here", DEMO_PASSWORD).await;

    // Assert
    let unknown = unknown_user.assert_error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    let wrong = wrong_password.assert_error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    assert_eq!(unknown, wrong, "nothing tells which of the two was wrong");
}
both_databases!(an_unknown_user_is_refused_with_the_same_code);

async fn an_empty_login_form_is_refused_with_field_errors(app: TestApp) {
    // Arrange
    let mut client = app.client();

    // Act
    let response = client.login("   ", "").await;

    // Assert
    assert_eq!(
        response.field_errors(),
        fields(&[("username", "required"), ("password", "required")])
    );
}
both_databases!(an_empty_login_form_is_refused_with_field_errors);

async fn five_failures_lock_the_account_until_the_window_passes(app: TestApp) {
    // Arrange
    let mut client = app.client();
    for _ in 0..5 {
        client
            .login("approver", "a guess that is wrong")
            .await
            .assert_error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    }

    // Act
    let locked = client.login("approver", DEMO_PASSWORD).await;
    app.advance_minutes(14);
    let still_locked = client.login("approver", DEMO_PASSWORD).await;
    app.advance_minutes(2);
    let unlocked = client.login("approver", DEMO_PASSWORD).await;

    // Assert
    let error = locked.assert_error(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
    assert_eq!(error.retry_after_seconds, Some(15 * 60));
    assert_eq!(locked.headers[header::RETRY_AFTER], "900");
    assert!(error.message.contains("15"), "{}", error.message);
    let error = still_locked.assert_error(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
    assert_eq!(error.retry_after_seconds, Some(60));
    unlocked.assert_status(StatusCode::OK);
}
both_databases!(five_failures_lock_the_account_until_the_window_passes);

async fn a_locked_account_does_not_lock_other_accounts(app: TestApp) {
    // Arrange
    let mut client = app.client();
    for _ in 0..5 {
        client.login("approver", "a guess that is wrong").await;
    }

    // Act
    let other = client.login("trainer", DEMO_PASSWORD).await;

    // Assert
    other.assert_status(StatusCode::OK);
}
both_databases!(a_locked_account_does_not_lock_other_accounts);

async fn logging_out_ends_the_session(app: TestApp) {
    // Arrange
    let mut client = app.login_demo("monitor").await;
    let mut old_cookie = client.clone();

    // Act
    let response = client.post("/api/auth/logout", &()).await;

    // Assert
    response.assert_status(StatusCode::NO_CONTENT);
    let cookie = response.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("ims_session=;"), "{cookie}");
    assert!(cookie.contains("Max-Age=0"), "{cookie}");
    assert!(!client.has_session());
    client
        .me()
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    old_cookie
        .me()
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
}
both_databases!(logging_out_ends_the_session);

async fn logging_out_requires_the_sessions_csrf_token(app: TestApp) {
    // Arrange
    let mut client = app.login_demo("monitor").await;
    let mut wrong_token = client
        .request(Method::POST, "/api/auth/logout")
        .body(Body::empty())
        .unwrap();
    wrong_token
        .headers_mut()
        .insert(CSRF_HEADER, "not-the-session-token".parse().unwrap());
    let mut no_token = client
        .request(Method::POST, "/api/auth/logout")
        .body(Body::empty())
        .unwrap();
    no_token.headers_mut().remove(CSRF_HEADER);

    // Act
    let with_wrong_token = client.send(wrong_token).await;
    let without_token = client.send(no_token).await;

    // Assert
    with_wrong_token.assert_error(StatusCode::FORBIDDEN, "csrf_rejected");
    without_token.assert_error(StatusCode::FORBIDDEN, "csrf_rejected");
    client.me().await.assert_status(StatusCode::OK);
}
both_databases!(logging_out_requires_the_sessions_csrf_token);

async fn a_session_expires_after_the_configured_hours(app: TestApp) {
    // Arrange
    let hours = app.config.session_hours;
    assert_eq!(hours, 12, "the default session length");
    let mut client = app.login_demo("trainer").await;

    // Act
    app.advance_minutes((hours - 1) * 60);
    let before_expiry = client.me().await;
    app.advance_minutes(2 * 60);
    let after_expiry = client.me().await;

    // Assert
    before_expiry.assert_status(StatusCode::OK);
    after_expiry.assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
}
both_databases!(a_session_expires_after_the_configured_hours);

async fn password_rules_are_refused_with_field_errors(app: TestApp) {
    // Arrange
    let mut client = app.login_demo("monitor").await;
    let cases = [
        ("short pass", "password_too_short"),
        ("password1234567", "password_common"),
        (
            "the monitor walks along the river",
            "password_contains_username",
        ),
        (DEMO_PASSWORD, "password_unchanged"),
    ];

    for (new_password, code) in cases {
        // Act
        let response = client.change_password(DEMO_PASSWORD, new_password).await;

        // Assert
        assert_eq!(
            response.field_errors(),
            fields(&[("new_password", code)]),
            "{new_password}"
        );
    }
    let wrong_current = client
        .change_password("not my password", "mango trees by the mekong river")
        .await;
    assert_eq!(
        wrong_current.field_errors(),
        fields(&[("current_password", "current_password_wrong")])
    );
    // Nothing was changed: the demo password still opens the account.
    app.login_demo("monitor").await;
}
both_databases!(password_rules_are_refused_with_field_errors);

async fn validation_errors_carry_a_message_per_field(app: TestApp) {
    // Arrange
    let mut client = app.login_demo("monitor").await;

    // Act
    let response = client.change_password(DEMO_PASSWORD, "short").await;

    // Assert
    let error = response.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(error.fields.len(), 1);
    assert_eq!(error.fields[0].field, "new_password");
    assert_eq!(error.fields[0].code, "password_too_short");
    assert!(!error.fields[0].message.is_empty());
    assert_ne!(error.fields[0].message, "validation.password_too_short");
}
both_databases!(validation_errors_carry_a_message_per_field);

async fn changing_the_password_ends_the_other_sessions_but_keeps_this_one(app: TestApp) {
    // Arrange
    let new_password = "mango trees by the mekong river";
    let mut laptop = app.login_demo("buyer").await;
    let mut phone = app.login_demo("buyer").await;

    // Act
    let response = laptop.change_password(DEMO_PASSWORD, new_password).await;

    // Assert
    let user: CurrentUser = response.assert_status(StatusCode::OK).json();
    assert!(!user.must_change_password);
    laptop.me().await.assert_status(StatusCode::OK);
    phone
        .me()
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.client()
        .login("buyer", DEMO_PASSWORD)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    app.login("buyer", new_password).await;
}
both_databases!(changing_the_password_ends_the_other_sessions_but_keeps_this_one);
