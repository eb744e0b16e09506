//! `/api/outbox`: the notice written when a report is published, and the paper copies due to
//! factories without email.

use axum::http::StatusCode;
use serde_json::json;
use shared::api::factories::Factory;
use shared::api::outbox::OutboxView;

use crate::helpers::{TestApp, TestClient};
use crate::visits::{factory_id, published_visit, submitted_visit, INJAE, SABRINA};

const CONTACT: &str = "compliance@sabrina.example";

/// Changes a factory's contact email and paper-copy flag, keeping every other fact.
async fn set_contact(
    admin: &mut TestClient,
    factory_id: i64,
    email: Option<&str>,
    needs_paper_copy: bool,
) -> Factory {
    let factory: Factory = admin
        .get(&format!("/api/factories/{factory_id}"))
        .await
        .assert_status(StatusCode::OK)
        .json();
    let mut input = serde_json::to_value(&factory).expect("a factory serialises");
    input["contact_email"] = json!(email);
    input["needs_paper_copy"] = json!(needs_paper_copy);
    admin
        .put(&format!("/api/factories/{factory_id}"), &input)
        .await
        .assert_status(StatusCode::OK)
        .json()
}

async fn outbox(admin: &mut TestClient) -> OutboxView {
    admin
        .get("/api/outbox")
        .await
        .assert_status(StatusCode::OK)
        .json()
}

async fn publishing_a_report_holds_a_notice_to_the_factory_contact(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, SABRINA).await;
    let updated = set_contact(&mut admin, factory, Some(CONTACT), false).await;
    assert_eq!(updated.contact_email.as_deref(), Some(CONTACT));
    let before = outbox(&mut admin).await;
    app.advance_minutes(10);

    // Act
    let visit = published_visit(&app, factory).await;

    // Assert
    assert!(before.messages.is_empty());
    let after = outbox(&mut admin).await;
    assert_eq!(after.messages.len(), 1, "{:?}", after.messages);
    let message = &after.messages[0];
    assert_eq!(message.to_address, CONTACT);
    assert_eq!(message.factory_id, Some(factory));
    assert_eq!(message.delivery, "held", "no SMTP server is configured");
    assert_eq!(message.error, None);
    assert_eq!(message.sent_at, None);
    assert_eq!(Some(message.created_at), visit.published_at);
    assert!(
        message.subject.contains(SABRINA),
        "subject: {}",
        message.subject
    );
    assert!(
        message.body.contains(&format!("/visits/{}", visit.id)),
        "body: {}",
        message.body
    );
    assert!(after.paper_copies_due.is_empty(), "the factory has email");
}
both_databases!(publishing_a_report_holds_a_notice_to_the_factory_contact);

async fn no_notice_is_written_before_publication_or_for_a_factory_without_email(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let with_email = factory_id(&mut admin, SABRINA).await;
    let without_email = factory_id(&mut admin, INJAE).await;
    set_contact(&mut admin, with_email, Some(CONTACT), false).await;
    set_contact(&mut admin, without_email, None, false).await;

    // Act
    submitted_visit(&app, with_email).await;
    published_visit(&app, without_email).await;

    // Assert
    let view = outbox(&mut admin).await;
    assert!(view.messages.is_empty(), "{:?}", view.messages);
    assert!(view.paper_copies_due.is_empty(), "no paper copy asked for");
}
both_databases!(no_notice_is_written_before_publication_or_for_a_factory_without_email);

async fn only_administrators_read_the_outbox(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, INJAE).await;
    set_contact(&mut admin, factory, None, true).await;
    let visit = published_visit(&app, factory).await;

    for username in [
        "monitor", "approver", "trainer", "factory", "buyer", "union",
    ] {
        let mut user = app.login_demo(username).await;

        // Act
        let read = user.get("/api/outbox").await;
        let posted = user
            .post(
                &format!("/api/outbox/paper-copies/{}/posted", visit.id),
                &(),
            )
            .await;

        // Assert
        read.assert_error(StatusCode::FORBIDDEN, "forbidden");
        posted.assert_error(StatusCode::FORBIDDEN, "forbidden");
    }
    assert_eq!(outbox(&mut admin).await.paper_copies_due.len(), 1);
}
both_databases!(only_administrators_read_the_outbox);

async fn a_paper_copy_is_due_after_publication_until_it_is_marked_posted(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, INJAE).await;
    let updated = set_contact(&mut admin, factory, None, true).await;
    assert!(updated.needs_paper_copy);
    let submitted = submitted_visit(&app, factory).await;
    let before_publication = outbox(&mut admin).await;
    let early_post = admin
        .post(
            &format!("/api/outbox/paper-copies/{}/posted", submitted.id),
            &(),
        )
        .await;
    app.advance_minutes(10);

    // Act
    let visit = published_visit(&app, factory).await;
    let due = outbox(&mut admin).await;
    let posted = admin
        .post(
            &format!("/api/outbox/paper-copies/{}/posted", visit.id),
            &(),
        )
        .await;
    let after_posting = outbox(&mut admin).await;
    let posted_again = admin
        .post(
            &format!("/api/outbox/paper-copies/{}/posted", visit.id),
            &(),
        )
        .await;
    let unknown = admin
        .post("/api/outbox/paper-copies/999999/posted", &())
        .await;

    // Assert
    assert!(before_publication.paper_copies_due.is_empty());
    early_post.assert_error(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(due.paper_copies_due.len(), 1, "{:?}", due.paper_copies_due);
    let copy = &due.paper_copies_due[0];
    assert_eq!(copy.visit_id, visit.id);
    assert_eq!(copy.factory_id, factory);
    assert_eq!(copy.factory_name, INJAE);
    assert_eq!(copy.address, updated.address);
    assert_eq!(Some(copy.published_at), visit.published_at);
    assert!(due.messages.is_empty(), "the factory has no email");
    posted.assert_status(StatusCode::NO_CONTENT);
    assert!(after_posting.paper_copies_due.is_empty());
    posted_again.assert_error(StatusCode::NOT_FOUND, "not_found");
    unknown.assert_error(StatusCode::NOT_FOUND, "not_found");
}
both_databases!(a_paper_copy_is_due_after_publication_until_it_is_marked_posted);

async fn no_paper_copy_can_be_marked_posted_for_a_factory_that_needs_none(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, SABRINA).await;
    set_contact(&mut admin, factory, Some(CONTACT), false).await;
    let visit = published_visit(&app, factory).await;

    // Act
    let response = admin
        .post(
            &format!("/api/outbox/paper-copies/{}/posted", visit.id),
            &(),
        )
        .await;

    // Assert: nothing was due, as for an unpublished report.
    response.assert_error(StatusCode::NOT_FOUND, "not_found");
}
both_databases!(no_paper_copy_can_be_marked_posted_for_a_factory_that_needs_none);
