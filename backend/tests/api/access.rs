//! Third-party access: a factory grants and revokes buyers' access, administrators record
//! paid subscriptions, buyers read reports only with both and only from the third-party
//! date, and the factory sees who read what in its access ledger.

use axum::http::StatusCode;
use serde_json::json;
use shared::api::access::{
    AccessGrant, AccessLogEntry, Subscription, SubscriptionList, SupplierFactory,
};
use shared::api::users::OrganisationSummary;

use crate::helpers::{fields, TestApp, TestClient, START};
use crate::visits::{factory_id, published_visit, INJAE};

const DAY: i64 = 86_400;

/// The demo buyer's organisation ("Northwind Apparel (demo buyer)").
async fn demo_buyer_organisation(admin: &mut TestClient) -> i64 {
    organisation_of_kind(admin, "buyer").await
}

async fn organisation_of_kind(admin: &mut TestClient, kind: &str) -> i64 {
    let organisations: Vec<OrganisationSummary> = admin
        .get("/api/organisations")
        .await
        .assert_status(StatusCode::OK)
        .json();
    organisations
        .iter()
        .find(|organisation| organisation.kind == kind)
        .unwrap_or_else(|| panic!("a demo organisation of kind {kind}"))
        .id
}

fn report_path(visit_id: i64) -> String {
    format!("/api/reports/{visit_id}")
}

async fn a_buyer_reads_a_granted_report_only_from_its_third_party_date(app: TestApp) {
    // Arrange: the demo buyer holds a grant and a paid subscription for the demo factory.
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, INJAE).await;
    let visit = published_visit(&app, factory).await;
    let mut buyer = app.login_demo("buyer").await;

    // Act and assert: the third-party date is publication + 5 days.
    buyer
        .get(&report_path(visit.id))
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    app.clock.advance(5 * DAY - 60);
    // Sessions last 12 hours: sign in again after moving the clock by days.
    let mut buyer = app.login_demo("buyer").await;
    buyer
        .get(&report_path(visit.id))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.clock.advance(60);
    let mut buyer = app.login_demo("buyer").await;
    buyer
        .get(&report_path(visit.id))
        .await
        .assert_status(StatusCode::OK);
    let history: Vec<serde_json::Value> = buyer
        .get(&format!("/api/factories/{factory}/reports"))
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(history.len(), 1);
}
both_databases!(a_buyer_reads_a_granted_report_only_from_its_third_party_date);

async fn a_factory_revokes_and_grants_again_and_every_view_is_in_its_ledger(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, INJAE).await;
    let organisation = demo_buyer_organisation(&mut admin).await;
    let visit = published_visit(&app, factory).await;
    app.clock.advance(6 * DAY);
    let mut buyer = app.login_demo("buyer").await;
    let mut manager = app.login_demo("factory").await;
    buyer
        .get(&report_path(visit.id))
        .await
        .assert_status(StatusCode::OK);

    // Act: the factory revokes the grant.
    let grants: Vec<AccessGrant> = manager
        .delete(&format!("/api/factories/{factory}/grants/{organisation}"))
        .await
        .assert_status(StatusCode::OK)
        .json();

    // Assert
    let revoked = grants
        .iter()
        .find(|grant| grant.organisation_id == organisation)
        .expect("the grant stays listed");
    assert_eq!(revoked.revoked_at, Some(START + 6 * DAY));
    buyer
        .get(&report_path(visit.id))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    manager
        .delete(&format!("/api/factories/{factory}/grants/{organisation}"))
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");

    // Act: and grants it again.
    app.clock.advance(DAY);
    let mut buyer = app.login_demo("buyer").await;
    let mut manager = app.login_demo("factory").await;
    let mut admin = app.login_demo("admin").await;
    let grants: Vec<AccessGrant> = manager
        .post(
            &format!("/api/factories/{factory}/grants"),
            &json!({ "organisation_id": organisation }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let granted = grants
        .iter()
        .find(|grant| grant.organisation_id == organisation)
        .expect("granted");
    assert_eq!(granted.revoked_at, None);
    assert!(granted.subscription_active);
    buyer
        .get(&report_path(visit.id))
        .await
        .assert_status(StatusCode::OK);

    // Assert: two views by the buyer's organisation, newest first; staff views are not logged.
    admin
        .get(&report_path(visit.id))
        .await
        .assert_status(StatusCode::OK);
    let ledger: Vec<AccessLogEntry> = manager
        .get(&format!("/api/factories/{factory}/access-log"))
        .await
        .assert_status(StatusCode::OK)
        .json();
    let lines: Vec<(&str, i64, i64)> = ledger
        .iter()
        .map(|line| {
            (
                line.organisation_name.as_str(),
                line.visit_id,
                line.viewed_at,
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            ("Northwind Apparel (demo buyer)", visit.id, START + 7 * DAY),
            ("Northwind Apparel (demo buyer)", visit.id, START + 6 * DAY),
        ]
    );
    assert_eq!(ledger[0].visit_start_date, visit.start_date);
}
both_databases!(a_factory_revokes_and_grants_again_and_every_view_is_in_its_ledger);

async fn a_factory_grants_only_buyers_vendors_and_head_offices_and_only_for_itself(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let own = factory_id(&mut admin, INJAE).await;
    let other = factory_id(&mut admin, crate::visits::SABRINA).await;
    let union = organisation_of_kind(&mut admin, "union").await;
    let buyer_organisation = demo_buyer_organisation(&mut admin).await;
    let mut manager = app.login_demo("factory").await;

    // Act and assert
    let third_parties: Vec<OrganisationSummary> = manager
        .get("/api/third-parties")
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert!(third_parties
        .iter()
        .all(|organisation| organisation.kind != "union"));
    assert!(third_parties
        .iter()
        .any(|organisation| organisation.id == buyer_organisation));
    let refused = manager
        .post(
            &format!("/api/factories/{own}/grants"),
            &json!({ "organisation_id": union }),
        )
        .await;
    assert_eq!(
        refused.field_errors(),
        fields(&[("organisation_id", "organisation_not_grantable")])
    );
    manager
        .post(
            &format!("/api/factories/{other}/grants"),
            &json!({ "organisation_id": buyer_organisation }),
        )
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    manager
        .get(&format!("/api/factories/{other}/access-log"))
        .await
        .assert_status(StatusCode::FORBIDDEN);
    manager
        .get("/api/factories/999999/grants")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}
both_databases!(a_factory_grants_only_buyers_vendors_and_head_offices_and_only_for_itself);

async fn a_buyer_needs_a_paid_subscription_that_covers_today(app: TestApp) {
    // Arrange: the demo buyer's subscription to the demo factory, as recorded at first start.
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, INJAE).await;
    let visit = published_visit(&app, factory).await;
    app.clock.advance(6 * DAY);
    let mut admin = app.login_demo("admin").await;
    let list: SubscriptionList = admin
        .get("/api/subscriptions")
        .await
        .assert_status(StatusCode::OK)
        .json();
    let subscription = list
        .subscriptions
        .iter()
        .find(|subscription| subscription.factory_id == factory)
        .expect("the demo buyer subscribes to the demo factory")
        .clone();
    assert!(subscription.active && subscription.paid);
    assert_eq!(subscription.fee_cents, 75_000, "the default fee");
    let mut buyer = app.login_demo("buyer").await;
    let mut form = json!({
        "organisation_id": subscription.organisation_id,
        "factory_id": factory,
        "fee_cents": subscription.fee_cents,
        "starts_on": subscription.starts_on,
        "ends_on": subscription.ends_on,
        "paid": false,
    });
    let path = format!("/api/subscriptions/{}", subscription.id);

    // Act and assert: unpaid, no access.
    let unpaid: Subscription = admin
        .put(&path, &form)
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert!(!unpaid.active);
    buyer
        .get(&report_path(visit.id))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let suppliers: Vec<SupplierFactory> = buyer.get("/api/suppliers").await.json();
    assert!(suppliers
        .iter()
        .all(|supplier| supplier.factory_id != factory));

    // Paid again, access again.
    form["paid"] = json!(true);
    admin.put(&path, &form).await.assert_status(StatusCode::OK);
    buyer
        .get(&report_path(visit.id))
        .await
        .assert_status(StatusCode::OK);

    // The last day is included; the day after, the subscription has expired.
    form["ends_on"] = json!("2027-01-21");
    admin.put(&path, &form).await.assert_status(StatusCode::OK);
    assert_eq!(shared::date::cambodia_date(START + 6 * DAY), "2027-01-21");
    buyer
        .get(&report_path(visit.id))
        .await
        .assert_status(StatusCode::OK);
    app.clock.advance(DAY);
    let mut buyer = app.login_demo("buyer").await;
    let mut admin = app.login_demo("admin").await;
    buyer
        .get(&report_path(visit.id))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let expired: SubscriptionList = admin.get("/api/subscriptions").await.json();
    assert!(
        !expired
            .subscriptions
            .iter()
            .find(|row| row.id == subscription.id)
            .expect("listed")
            .active
    );
}
both_databases!(a_buyer_needs_a_paid_subscription_that_covers_today);

async fn an_administrator_records_a_subscription_with_the_default_fee(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, "Yorks (Cambodia) Co. Ltd").await;
    let organisation = demo_buyer_organisation(&mut admin).await;
    let union = organisation_of_kind(&mut admin, "union").await;

    // Act
    let created: Subscription = admin
        .post(
            "/api/subscriptions",
            &json!({
                "organisation_id": organisation, "factory_id": factory,
                "starts_on": "2027-01-01", "ends_on": "2027-12-31", "paid": false,
            }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();

    // Assert
    assert_eq!(created.fee_cents, 75_000);
    assert_eq!(created.factory_name, "Yorks (Cambodia) Co. Ltd");
    assert!(!created.active, "not paid yet");
    let refused = admin
        .post(
            "/api/subscriptions",
            &json!({
                "organisation_id": union, "factory_id": factory, "fee_cents": -5,
                "starts_on": "2027-02-01", "ends_on": "2027-01-31", "paid": true,
            }),
        )
        .await;
    assert_eq!(
        refused.field_errors(),
        fields(&[
            ("fee_cents", "amount_invalid"),
            ("ends_on", "end_before_start"),
            ("organisation_id", "organisation_not_grantable"),
        ])
    );
    let mut buyer = app.login_demo("buyer").await;
    buyer
        .get("/api/subscriptions")
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
}
both_databases!(an_administrator_records_a_subscription_with_the_default_fee);

async fn the_configured_fee_is_the_default_of_a_new_subscription() {
    // Arrange
    let app = TestApp::sqlite_with_settings(&[("IMS_SUBSCRIPTION_FEE_USD", "820")]).await;
    let mut admin = app.login_demo("admin").await;

    // Act
    let list: SubscriptionList = admin.get("/api/subscriptions").await.json();

    // Assert
    assert_eq!(list.default_fee_cents, 82_000);
}

#[tokio::test]
async fn a_configured_fee_is_offered_for_new_subscriptions() {
    the_configured_fee_is_the_default_of_a_new_subscription().await;
}

async fn a_buyer_sees_all_its_factories_together(app: TestApp) {
    // Arrange: reports at two granted factories and one that is not granted.
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let sabrina = factory_id(&mut admin, crate::visits::SABRINA).await;
    let yorks = factory_id(&mut admin, "Yorks (Cambodia) Co. Ltd").await;
    for factory in [injae, sabrina, yorks] {
        published_visit(&app, factory).await;
    }
    let mut buyer = app.login_demo("buyer").await;

    // Act
    let before: Vec<SupplierFactory> = buyer
        .get("/api/suppliers")
        .await
        .assert_status(StatusCode::OK)
        .json();
    app.clock.advance(5 * DAY);
    let mut buyer = app.login_demo("buyer").await;
    let after: Vec<SupplierFactory> = buyer.get("/api/suppliers").await.json();

    // Assert: the four granted demo factories, reports only from their third-party date.
    assert_eq!(before.len(), 4);
    assert!(before.iter().all(|supplier| supplier.reports.is_empty()));
    assert!(after.iter().all(|supplier| supplier.factory_id != yorks));
    let mut with_reports: Vec<i64> = after
        .iter()
        .filter(|supplier| supplier.reports.len() == 1)
        .map(|supplier| supplier.factory_id)
        .collect();
    with_reports.sort();
    let mut expected = vec![injae, sabrina];
    expected.sort();
    assert_eq!(with_reports, expected);
    let mut manager = app.login_demo("factory").await;
    manager
        .get("/api/suppliers")
        .await
        .assert_status(StatusCode::FORBIDDEN);
}
both_databases!(a_buyer_sees_all_its_factories_together);

async fn the_test_clock_exists_only_when_configured() {
    // Arrange
    let plain = TestApp::sqlite().await;
    let testing = TestApp::sqlite_with_settings(&[("IMS_TEST_CLOCK", "true")]).await;

    // Act and assert
    plain
        .client()
        .put("/api/testing/clock", &json!({ "now": START + DAY }))
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    testing
        .client()
        .put("/api/testing/clock", &json!({ "now": START + DAY }))
        .await
        .assert_status(StatusCode::OK);
    use backend::clock::Clock;
    assert_eq!(testing.clock.now(), START + DAY);
}

#[tokio::test]
async fn the_testing_clock_is_routed_only_in_test_mode() {
    the_test_clock_exists_only_when_configured().await;
}
