//! `/api/users` and `/api/organisations`: account administration and its audit trail.

use axum::http::StatusCode;
use backend::db::audit;
use backend::demo::{DEMO_PASSWORD, DEMO_USERS};
use serde_json::{json, Value};
use shared::api::auth::CurrentUser;
use shared::api::users::{OrganisationSummary, TemporaryPasswordResponse, UserSummary};
use shared::roles::Role;

use crate::helpers::{fields, TestApp, TestClient, START};

const NEW_PASSWORD: &str = "mango trees by the mekong river";

fn new_monitor(username: &str) -> Value {
    json!({
        "username": username,
        "display_name": "Sokha Chea",
        "role": "monitor",
        "email": "sokha@example.org",
    })
}

/// Creates an account as `admin` and returns it with its temporary password.
async fn create_user(admin: &mut TestClient, body: &Value) -> TemporaryPasswordResponse {
    let response = admin.post("/api/users", body).await;
    response.assert_status(StatusCode::CREATED).json()
}

async fn organisation_id(admin: &mut TestClient, kind: &str) -> i64 {
    let organisations: Vec<OrganisationSummary> = admin
        .get("/api/organisations")
        .await
        .assert_status(StatusCode::OK)
        .json();
    organisations
        .iter()
        .find(|organisation| organisation.kind == kind)
        .unwrap_or_else(|| panic!("a demo {kind} organisation"))
        .id
}

async fn the_administrator_lists_every_account_and_organisation(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;

    // Act
    let users = admin.get("/api/users").await;
    let organisations = admin.get("/api/organisations").await;

    // Assert
    let users: Vec<UserSummary> = users.assert_status(StatusCode::OK).json();
    let mut expected: Vec<&str> = DEMO_USERS.iter().map(|user| user.username).collect();
    expected.sort_unstable();
    let listed: Vec<&str> = users.iter().map(|user| user.username.as_str()).collect();
    assert_eq!(listed, expected, "sorted by user name");
    let organisations: Vec<OrganisationSummary> =
        organisations.assert_status(StatusCode::OK).json();
    let mut kinds: Vec<&str> = organisations.iter().map(|o| o.kind.as_str()).collect();
    kinds.sort_unstable();
    assert_eq!(kinds, ["buyer", "union"]);
}
both_databases!(the_administrator_lists_every_account_and_organisation);

async fn a_new_user_must_change_the_temporary_password_before_using_the_api(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;

    // Act
    let created = create_user(&mut admin, &new_monitor("sokha.chea")).await;
    let mut newcomer = app.client();
    let first_login = newcomer
        .login("sokha.chea", &created.temporary_password)
        .await;
    let before_change = newcomer.get("/api/factories").await;
    let change = newcomer
        .change_password(&created.temporary_password, NEW_PASSWORD)
        .await;
    let after_change = newcomer.get("/api/factories").await;

    // Assert
    assert_eq!(created.user.username, "sokha.chea");
    assert_eq!(created.user.role, Role::Monitor);
    assert_eq!(created.user.email.as_deref(), Some("sokha@example.org"));
    assert!(created.user.must_change_password);
    assert_eq!(created.user.created_at, START);
    assert_eq!(created.temporary_password.chars().count(), 19);
    let user: CurrentUser = first_login.assert_status(StatusCode::OK).json();
    assert!(user.must_change_password);
    before_change.assert_error(StatusCode::FORBIDDEN, "password_change_required");
    let user: CurrentUser = change.assert_status(StatusCode::OK).json();
    assert!(!user.must_change_password);
    after_change.assert_status(StatusCode::OK);
    let users: Vec<UserSummary> = admin.get("/api/users").await.json();
    let listed = users.iter().find(|user| user.username == "sokha.chea");
    assert!(
        !listed
            .expect("the new account is listed")
            .must_change_password
    );
}
both_databases!(a_new_user_must_change_the_temporary_password_before_using_the_api);

async fn a_temporary_password_still_opens_the_endpoints_needed_to_change_it(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let created = create_user(&mut admin, &new_monitor("sokha.chea")).await;
    let mut newcomer = app.login("sokha.chea", &created.temporary_password).await;

    // Act
    let me = newcomer.me().await;
    let dashboard = newcomer.get("/api/dashboard/province-workforce").await;
    let logout = newcomer.post("/api/auth/logout", &()).await;

    // Assert
    me.assert_status(StatusCode::OK);
    dashboard.assert_error(StatusCode::FORBIDDEN, "password_change_required");
    logout.assert_status(StatusCode::NO_CONTENT);
}
both_databases!(a_temporary_password_still_opens_the_endpoints_needed_to_change_it);

async fn a_taken_username_is_refused(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;

    // Act
    let response = admin.post("/api/users", &new_monitor("monitor")).await;

    // Assert
    assert_eq!(
        response.field_errors(),
        fields(&[("username", "username_taken")])
    );
}
both_databases!(a_taken_username_is_refused);

async fn invalid_account_details_are_refused_field_by_field(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let body = json!({
        "username": "Sokha Chea",
        "display_name": "   ",
        "role": "root",
        "email": "sokha.example.org",
    });

    // Act
    let response = admin.post("/api/users", &body).await;

    // Assert
    assert_eq!(
        response.field_errors(),
        fields(&[
            ("username", "username_characters"),
            ("display_name", "required"),
            ("email", "email_invalid"),
            ("role", "role_unknown"),
        ])
    );
}
both_databases!(invalid_account_details_are_refused_field_by_field);

async fn a_factory_manager_needs_an_existing_factory(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let without_factory = json!({
        "username": "li.manager", "display_name": "Li Na", "role": "factory_manager",
    });
    let unknown_factory = json!({
        "username": "li.manager", "display_name": "Li Na", "role": "factory_manager",
        "factory_id": 999_999,
    });

    // Act
    let missing = admin.post("/api/users", &without_factory).await;
    let unknown = admin.post("/api/users", &unknown_factory).await;

    // Assert
    assert_eq!(
        missing.field_errors(),
        fields(&[("factory_id", "factory_required")])
    );
    assert_eq!(
        unknown.field_errors(),
        fields(&[("factory_id", "factory_unknown")])
    );
}
both_databases!(a_factory_manager_needs_an_existing_factory);

async fn buyers_and_union_representatives_need_an_organisation_of_their_kind(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let buyer_organisation = organisation_id(&mut admin, "buyer").await;
    let union_organisation = organisation_id(&mut admin, "union").await;
    let buyer_without = json!({ "username": "emma.b", "display_name": "Emma", "role": "buyer" });
    let union_in_buyer = json!({
        "username": "mom.u", "display_name": "Mom", "role": "union_representative",
        "organisation_id": buyer_organisation,
    });
    let union_in_union = json!({
        "username": "mom.u", "display_name": "Mom", "role": "union_representative",
        "organisation_id": union_organisation,
    });

    // Act
    let missing = admin.post("/api/users", &buyer_without).await;
    let wrong_kind = admin.post("/api/users", &union_in_buyer).await;
    let right_kind = admin.post("/api/users", &union_in_union).await;

    // Assert
    assert_eq!(
        missing.field_errors(),
        fields(&[("organisation_id", "organisation_required")])
    );
    assert_eq!(
        wrong_kind.field_errors(),
        fields(&[("organisation_id", "organisation_unknown")])
    );
    let created: TemporaryPasswordResponse = right_kind.assert_status(StatusCode::CREATED).json();
    assert_eq!(created.user.organisation_id, Some(union_organisation));
    assert_eq!(created.user.factory_id, None);
}
both_databases!(buyers_and_union_representatives_need_an_organisation_of_their_kind);

async fn links_that_do_not_fit_the_role_are_dropped(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let organisation = organisation_id(&mut admin, "buyer").await;
    let mut body = new_monitor("sokha.chea");
    body["factory_id"] = json!(1);
    body["organisation_id"] = json!(organisation);

    // Act
    let created = create_user(&mut admin, &body).await;

    // Assert
    assert_eq!(created.user.factory_id, None);
    assert_eq!(created.user.organisation_id, None);
}
both_databases!(links_that_do_not_fit_the_role_are_dropped);

async fn a_password_reset_ends_the_users_sessions_and_issues_a_temporary_password(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let mut monitor = app.login_demo("monitor").await;
    let monitor_id = monitor.me().await.json::<CurrentUser>().id;

    // Act
    let response = admin
        .post(&format!("/api/users/{monitor_id}/password-reset"), &())
        .await;

    // Assert
    let reset: TemporaryPasswordResponse = response.assert_status(StatusCode::OK).json();
    assert_eq!(reset.user.id, monitor_id);
    assert!(reset.user.must_change_password);
    monitor
        .me()
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.client()
        .login("monitor", DEMO_PASSWORD)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    let mut again = app.client();
    let login = again.login("monitor", &reset.temporary_password).await;
    assert!(login.json::<CurrentUser>().must_change_password);
    again
        .get("/api/factories")
        .await
        .assert_error(StatusCode::FORBIDDEN, "password_change_required");
    admin.me().await.assert_status(StatusCode::OK);
}
both_databases!(a_password_reset_ends_the_users_sessions_and_issues_a_temporary_password);

async fn resetting_an_unknown_account_is_not_found(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;

    // Act
    let response = admin.post("/api/users/999999/password-reset", &()).await;

    // Assert
    response.assert_error(StatusCode::NOT_FOUND, "not_found");
}
both_databases!(resetting_an_unknown_account_is_not_found);

async fn account_administration_is_recorded_in_the_audit_trail(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let admin_id = admin.me().await.json::<CurrentUser>().id;

    // Act
    let created = create_user(&mut admin, &new_monitor("sokha.chea")).await;
    let user_id = created.user.id;
    app.advance_minutes(1);
    let mut newcomer = app.login("sokha.chea", &created.temporary_password).await;
    newcomer
        .change_password(&created.temporary_password, NEW_PASSWORD)
        .await
        .assert_status(StatusCode::OK);
    app.advance_minutes(1);
    admin
        .post(&format!("/api/users/{user_id}/password-reset"), &())
        .await
        .assert_status(StatusCode::OK);

    // Assert
    let events = audit::for_subject(&app.db.pool, user_id)
        .await
        .expect("read the audit trail");
    let recorded: Vec<(Option<i64>, &str, Option<i64>, i64)> = events
        .iter()
        .map(|event| {
            (
                event.actor_user_id,
                event.action.as_str(),
                event.subject_user_id,
                event.occurred_at,
            )
        })
        .collect();
    assert_eq!(
        recorded,
        [
            (Some(admin_id), "user_created", Some(user_id), START),
            (Some(user_id), "password_changed", Some(user_id), START + 60),
            (Some(admin_id), "password_reset", Some(user_id), START + 120),
        ]
    );
}
both_databases!(account_administration_is_recorded_in_the_audit_trail);
