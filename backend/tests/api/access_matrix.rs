//! The report-access matrix of issue 6: every endpoint that reads a factory's reports (or
//! what hangs off them), for every role, for the reader's own factory, another factory
//! granted to the demo buyer, a factory that granted nothing, and a granted factory whose
//! subscription has expired, before and after the reports' third-party date. Each case has
//! its expected answer written out, so a change of rule shows up as a failing row.

use axum::http::StatusCode;
use backend::clock::Clock;
use serde_json::json;
use shared::api::access::SubscriptionList;
use shared::date::cambodia_date;

use crate::helpers::{TestApp, START};
use crate::matrix::{anonymous_mismatches, role_mismatches, Call, Expected};
use crate::visits::{factory_id, published_visit, INJAE, SABRINA};

const DAY: i64 = 86_400;
const RELIABLE: &str = "Reliable Source Industrial (Cambodia) Co. Ltd.";
const YORKS: &str = "Yorks (Cambodia) Co. Ltd";

/// Where the report is, as the demo buyer and the demo factory manager see it.
#[derive(Clone, Copy, Debug)]
enum Situation {
    /// The demo factory manager's factory, granted to the demo buyer with a paid subscription.
    Own,
    /// Another factory, granted to the demo buyer with a paid subscription.
    OtherGranted,
    /// A factory that granted the demo buyer nothing.
    NotGranted,
    /// Granted, but the subscription ends before the second phase.
    Expired,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    /// A day after publication: before the third-party date (publication + 5 days).
    BeforeThirdPartyDate,
    /// Six days after publication.
    AfterThirdPartyDate,
}

const STAFF: [u16; 4] = [200, 200, 200, 200];

fn with_staff(outsiders: [u16; 4]) -> Expected {
    let [factory, buyer, union, government] = outsiders;
    let [a, m, p, t] = STAFF;
    [a, m, p, t, factory, buyer, union, government]
}

/// A report, its plan and everything else read per report: the report's own rule.
fn report_rule(situation: Situation, phase: Phase) -> Expected {
    use Phase::*;
    use Situation::*;
    match (situation, phase) {
        (Own, BeforeThirdPartyDate) => with_staff([200, 404, 404, 404]),
        (Own, AfterThirdPartyDate) => with_staff([200, 200, 404, 404]),
        (OtherGranted, BeforeThirdPartyDate) => with_staff([404, 404, 404, 404]),
        (OtherGranted, AfterThirdPartyDate) => with_staff([404, 200, 404, 404]),
        (NotGranted, _) => with_staff([404, 404, 404, 404]),
        (Expired, _) => with_staff([404, 404, 404, 404]),
    }
}

/// The factory's list of reports: readable with access even when no report is past its
/// third-party date yet (the list is then empty).
fn history_rule(situation: Situation, phase: Phase) -> Expected {
    use Phase::*;
    use Situation::*;
    match (situation, phase) {
        (Own, _) => with_staff([200, 200, 404, 404]),
        (OtherGranted, _) => with_staff([404, 200, 404, 404]),
        (NotGranted, _) => with_staff([404, 404, 404, 404]),
        (Expired, BeforeThirdPartyDate) => with_staff([404, 200, 404, 404]),
        (Expired, AfterThirdPartyDate) => with_staff([404, 404, 404, 404]),
    }
}

/// Verified concerns about the factory: per factory like the list of reports, never to
/// unions through this path (their own concerns are listed elsewhere).
fn factory_concerns_rule(situation: Situation, phase: Phase) -> Expected {
    history_rule(situation, phase)
}

/// Clarification meetings: between the programme and the factory; a buyer who may read the
/// report is refused (403) rather than told it does not exist.
fn meetings_rule(situation: Situation, phase: Phase) -> Expected {
    let mut expected = report_rule(situation, phase);
    if expected[5] == 200 {
        expected[5] = 403;
    }
    expected
}

/// The factory's access form and ledger: its own manager and administrators only.
fn grants_rule(situation: Situation, _phase: Phase) -> Expected {
    match situation {
        Situation::Own => [200, 403, 403, 403, 200, 403, 403, 403],
        _ => [200, 403, 403, 403, 403, 403, 403, 403],
    }
}

struct Case {
    path: String,
    situation: Situation,
    expected: fn(Situation, Phase) -> Expected,
}

fn cases_for(situation: Situation, factory_id: i64, visit_id: i64) -> Vec<Case> {
    let case = |path: String, expected: fn(Situation, Phase) -> Expected| Case {
        path,
        situation,
        expected,
    };
    vec![
        case(format!("/api/reports/{visit_id}"), report_rule),
        case(format!("/api/factories/{factory_id}/reports"), history_rule),
        case(
            format!("/api/reports/{visit_id}/corrective-actions"),
            report_rule,
        ),
        case(
            format!("/api/factories/{factory_id}/concerns"),
            factory_concerns_rule,
        ),
        case(format!("/api/reports/{visit_id}/objections"), report_rule),
        case(format!("/api/reports/{visit_id}/versions"), report_rule),
        case(format!("/api/reports/{visit_id}/versions/1"), report_rule),
        case(format!("/api/reports/{visit_id}/meetings"), meetings_rule),
        case(format!("/api/factories/{factory_id}/grants"), grants_rule),
        case(
            format!("/api/factories/{factory_id}/access-log"),
            grants_rule,
        ),
    ]
}

async fn every_report_endpoint_answers_each_role_in_each_situation(app: TestApp) {
    // Arrange: a report published now at each of the four factories.
    let mut admin = app.login_demo("admin").await;
    let mut cases = Vec::new();
    for (situation, name) in [
        (Situation::Own, INJAE),
        (Situation::OtherGranted, SABRINA),
        (Situation::NotGranted, YORKS),
        (Situation::Expired, RELIABLE),
    ] {
        let factory = factory_id(&mut admin, name).await;
        let visit = published_visit(&app, factory).await;
        cases.extend(cases_for(situation, factory, visit.id));
    }
    // The demo buyer's subscription to Reliable ends four days after publication.
    let reliable = factory_id(&mut admin, RELIABLE).await;
    let list: SubscriptionList = admin.get("/api/subscriptions").await.json();
    let subscription = list
        .subscriptions
        .iter()
        .find(|subscription| subscription.factory_id == reliable)
        .expect("the demo buyer subscribes to Reliable");
    admin
        .put(
            &format!("/api/subscriptions/{}", subscription.id),
            &json!({
                "organisation_id": subscription.organisation_id,
                "factory_id": reliable,
                "fee_cents": subscription.fee_cents,
                "starts_on": subscription.starts_on,
                "ends_on": cambodia_date(START + 4 * DAY),
                "paid": true,
            }),
        )
        .await
        .assert_status(StatusCode::OK);
    let mut mismatches = Vec::new();

    for (phase, moment) in [
        (Phase::BeforeThirdPartyDate, START + DAY),
        (Phase::AfterThirdPartyDate, START + 6 * DAY),
    ] {
        app.clock.set_now(moment);
        let calls: Vec<Call> = cases
            .iter()
            .map(|case| Call::get(case.path.clone(), (case.expected)(case.situation, phase)))
            .collect();
        // Act and assert (collected, so that one run shows the whole matrix); each role signs
        // in at this moment, as sessions last 12 hours.
        mismatches.extend(role_mismatches(&app, &calls, &format!("{phase:?} ")).await);
    }
    let calls: Vec<Call> = cases
        .iter()
        .map(|case| Call::get(case.path.clone(), [0; 8]))
        .collect();
    mismatches.extend(anonymous_mismatches(&app, &calls).await);
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
both_databases!(every_report_endpoint_answers_each_role_in_each_situation);
