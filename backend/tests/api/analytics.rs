//! Reports and industry figures checked against numbers worked out by hand on a small
//! fixture: three demo factories, four published assessments with a handful of answers.
//!
//! | visit | factory (workers)      | date       | WT.01.06 | WT.02.01 | WT.02.02 | OSH.08.01 | OSH.08.05 (critical 14) |
//! |-------|------------------------|------------|----------|----------|----------|-----------|-------------------------|
//! | A1    | Injae (1,850)          | 2026-03-10 |          | no       | yes      | yes       | no                      |
//! | A2    | Injae (1,850)          | 2026-09-10 |          | no       | yes      | yes       | yes                     |
//! | B1    | Sabrina (5,200)        | 2026-08-01 | yes      | yes      | no       | yes       | yes                     |
//! | C1    | Reliable Source (960)  | 2026-05-05 |          | no       |          | n/a       | yes                     |
//!
//! Latest assessments: A2, B1, C1. Working conditions (WT): A2 1/1 point non-compliant
//! (100%), B1 1/2 (50%), C1 1/1 (100%): mean 83.33%, weighted by workers
//! (100×1850 + 50×5200 + 100×960) / 8010 = 67.54%. Safety (OSH): 0% everywhere.

use axum::http::StatusCode;
use serde_json::json;
use shared::api::analytics::{
    Comparison, FactoryReport, GroupComparison, IndustryOverview, IssueRate, RecurringIssue,
    ReportHistoryEntry, Trends,
};

use crate::helpers::{TestApp, TestClient};
use crate::visits::{create_visit, factory_id, step, INJAE, SABRINA};

const RELIABLE: &str = "Reliable Source Industrial (Cambodia) Co. Ltd.";

fn close(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|value| (value - expected).abs() < 0.01)
}

/// Creates, answers and publishes an assessment; `answers` are (question code, choice).
pub(crate) async fn publish_assessment(
    app: &TestApp,
    factory_id: i64,
    date: &str,
    answers: &[(&str, &str)],
) -> i64 {
    let mut monitor = app.login_demo("monitor").await;
    let mut approver = app.login_demo("approver").await;
    publish_assessment_as(app, &mut monitor, &mut approver, factory_id, date, answers).await
}

/// [`publish_assessment`] by clients already signed in as the monitor and the approver.
pub(crate) async fn publish_assessment_as(
    app: &TestApp,
    monitor: &mut TestClient,
    approver: &mut TestClient,
    factory_id: i64,
    date: &str,
    answers: &[(&str, &str)],
) -> i64 {
    let visit = create_visit(monitor, factory_id).await;
    // The helper's dates are fixed; move the visit to the fixture's date.
    sqlx::query("update visits set start_date = $1, end_date = $1 where id = $2")
        .bind(date)
        .bind(visit.id)
        .execute(&app.db.pool)
        .await
        .expect("set the visit date");
    let answers: Vec<_> = answers
        .iter()
        .map(|(code, choice)| {
            let non_compliant = *choice == "non_compliant";
            json!({
                "question_code": code,
                "choice": choice,
                "finding": if non_compliant { format!("Finding on {code}.") } else { String::new() },
                "suggestion": if non_compliant { "Fix it.".to_owned() } else { String::new() },
                "changed_at": 1_000,
            })
        })
        .collect();
    monitor
        .post(
            &format!("/api/visits/{}/answers", visit.id),
            &json!({ "answers": answers }),
        )
        .await
        .assert_status(StatusCode::OK);
    monitor
        .put(
            &format!("/api/visits/{}/facts", visit.id),
            &json!({ "outcome": "completed" }),
        )
        .await
        .assert_status(StatusCode::OK);
    step(monitor, visit.id, "submit", "").await;
    step(approver, visit.id, "approve", "").await;
    step(approver, visit.id, "publish", "").await;
    visit.id
}

struct Fixture {
    injae: i64,
    sabrina: i64,
    reliable: i64,
    a1: i64,
    a2: i64,
}

async fn fixture(app: &TestApp) -> Fixture {
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let sabrina = factory_id(&mut admin, SABRINA).await;
    let reliable = factory_id(&mut admin, RELIABLE).await;
    let (no, yes, na) = ("non_compliant", "compliant", "not_applicable");
    let a1 = publish_assessment(
        app,
        injae,
        "2026-03-10",
        &[
            ("WT.02.01", no),
            ("WT.02.02", yes),
            ("OSH.08.01", yes),
            ("OSH.08.05", no),
        ],
    )
    .await;
    publish_assessment(
        app,
        reliable,
        "2026-05-05",
        &[("WT.02.01", no), ("OSH.08.01", na), ("OSH.08.05", yes)],
    )
    .await;
    publish_assessment(
        app,
        sabrina,
        "2026-08-01",
        &[
            ("WT.01.06", yes),
            ("WT.02.01", yes),
            ("WT.02.02", no),
            ("OSH.08.01", yes),
            ("OSH.08.05", yes),
        ],
    )
    .await;
    let a2 = publish_assessment(
        app,
        injae,
        "2026-09-10",
        &[
            ("WT.02.01", no),
            ("WT.02.02", yes),
            ("OSH.08.01", yes),
            ("OSH.08.05", yes),
        ],
    )
    .await;
    Fixture {
        injae,
        sabrina,
        reliable,
        a1,
        a2,
    }
}

async fn get<T: serde::de::DeserializeOwned>(client: &mut TestClient, path: &str) -> T {
    client.get(path).await.assert_status(StatusCode::OK).json()
}

both_databases!(industry_figures_match_the_hand_computed_fixture);
async fn industry_figures_match_the_hand_computed_fixture(app: TestApp) {
    fixture(&app).await;
    let mut trainer = app.login_demo("trainer").await;

    let overview: IndustryOverview = get(&mut trainer, "/api/analytics/overview").await;
    assert_eq!(overview.factories, 3);
    assert_eq!(overview.workers, 1850 + 5200 + 960);
    // 84% of 1,850, 88% of 5,200 and 79.5% of 960 (763.2, rounded).
    assert_eq!(overview.women_workers, 1554 + 4576 + 763);
    assert_eq!(overview.factories_without_critical_issues, 3);
    assert!(overview.critical_issues.is_empty());
    let wt = overview.clusters.iter().find(|c| c.code == "WT").unwrap();
    assert_eq!(wt.factories, 3);
    assert!(close(wt.rate, 83.33), "{wt:?}");
    assert!(close(wt.weighted_rate, 67.54), "{wt:?}");
    let osh = overview.clusters.iter().find(|c| c.code == "OSH").unwrap();
    assert!(close(osh.rate, 0.0));
    let child_labour = overview.clusters.iter().find(|c| c.code == "CHI").unwrap();
    assert_eq!((child_labour.factories, child_labour.rate), (0, None));

    // Question ranking: WT.02.01 in 2 of 3 factories (2,810 of 8,010 workers); WT.02.02 in 1
    // of the 2 where it was answered (5,200 of 7,050 workers).
    let codes: Vec<&str> = overview
        .top_issues
        .iter()
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(codes, ["WT.02.01", "WT.02.02"]);
    let first = &overview.top_issues[0];
    assert_eq!(
        (first.factories_non_compliant, first.factories_assessed),
        (2, 3)
    );
    assert!(
        close(first.rate, 66.67) && close(first.weighted_rate, 35.08),
        "{first:?}"
    );
    let second = &overview.top_issues[1];
    assert_eq!(
        (second.factories_non_compliant, second.factories_assessed),
        (1, 2)
    );
    assert!(
        close(second.rate, 50.0) && close(second.weighted_rate, 73.76),
        "{second:?}"
    );

    // Compliance points: WT.02 everywhere, WT.01 assessed once and compliant.
    let points: Vec<IssueRate> = get(&mut trainer, "/api/analytics/issues?level=point").await;
    let wt02 = points.iter().find(|p| p.code == "WT.02").unwrap();
    assert_eq!(
        (wt02.factories_non_compliant, wt02.factories_assessed),
        (3, 3)
    );
    let wt01 = points.iter().find(|p| p.code == "WT.01").unwrap();
    assert_eq!(
        (wt01.factories_non_compliant, wt01.factories_assessed),
        (0, 1)
    );
    assert_eq!(points[0].code, "WT.02");

    // The first half of 2026 holds A1 and C1: A1 found critical issue 14.
    let first_half: IndustryOverview =
        get(&mut trainer, "/api/analytics/overview?period=2026-H1").await;
    assert_eq!(first_half.factories, 2);
    assert_eq!(first_half.factories_without_critical_issues, 1);
    assert_eq!(first_half.critical_issues.len(), 1);
    assert_eq!(first_half.critical_issues[0].number, 14);
    assert!(close(first_half.critical_issues[0].rate, 50.0));
    let osh = first_half
        .clusters
        .iter()
        .find(|c| c.code == "OSH")
        .unwrap();
    // (100% × 1,850 + 0% × 960) / 2,810
    assert!(
        close(osh.rate, 50.0) && close(osh.weighted_rate, 65.84),
        "{osh:?}"
    );

    // Groups: Phnom Penh (Injae, Reliable) against Kampong Speu (Sabrina).
    let provinces: GroupComparison =
        get(&mut trainer, "/api/analytics/groups?dimension=province").await;
    let keys: Vec<&str> = provinces.groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, ["Kampong Speu", "Phnom Penh"]);
    let phnom_penh = &provinces.groups[1];
    assert_eq!((phnom_penh.factories, phnom_penh.workers), (2, 2810));
    let wt = phnom_penh.clusters.iter().find(|c| c.code == "WT").unwrap();
    assert!(close(wt.rate, 100.0));
    let sizes: GroupComparison =
        get(&mut trainer, "/api/analytics/groups?dimension=size_band").await;
    let keys: Vec<&str> = sizes.groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, ["1000_to_1999", "2000_and_more", "500_to_999"]);
    // A group filter narrows the ranking.
    let kampong_speu: Vec<IssueRate> = get(
        &mut trainer,
        "/api/analytics/issues?dimension=province&group=Kampong%20Speu",
    )
    .await;
    assert_eq!(
        kampong_speu
            .iter()
            .map(|i| i.code.as_str())
            .collect::<Vec<_>>(),
        ["WT.02.02"]
    );

    // Trends: the first quarter holds A1 alone; 2026 as a whole holds the latest three.
    let quarters: Trends = get(&mut trainer, "/api/analytics/trends?granularity=quarter").await;
    let periods: Vec<(&str, i64)> = quarters
        .periods
        .iter()
        .map(|p| (p.period.as_str(), p.factories))
        .collect();
    assert_eq!(periods, [("2026-Q1", 1), ("2026-Q2", 1), ("2026-Q3", 2)]);
    let years: Trends = get(&mut trainer, "/api/analytics/trends?granularity=year").await;
    assert_eq!(years.periods.len(), 1);
    let year = &years.periods[0];
    assert_eq!(
        (
            year.factories,
            year.workers,
            year.factories_without_critical_issues
        ),
        (3, 8010, 3)
    );
    assert!(close(
        year.clusters.iter().find(|c| c.code == "WT").unwrap().rate,
        83.33
    ));
    // Overall rates: A2 1 of 2 points, B1 1 of 3, C1 1 of 2.
    assert!(close(year.mean_rate, (50.0 + 100.0 / 3.0 + 50.0) / 3.0));

    // Recurring: WT.02 was non-compliant at Injae in both of its assessments.
    let recurring: Vec<RecurringIssue> = get(&mut trainer, "/api/analytics/recurring").await;
    assert_eq!(recurring.len(), 1);
    assert_eq!(recurring[0].point_code, "WT.02");
    assert_eq!(recurring[0].factory_count, 1);
    assert_eq!(recurring[0].factories.len(), 1);
    assert_eq!(recurring[0].factories[0].name, INJAE);
}

both_databases!(the_factory_report_shows_progress_and_the_industry_average);
async fn the_factory_report_shows_progress_and_the_industry_average(app: TestApp) {
    let fixture = fixture(&app).await;
    let mut manager = app.login_demo("factory").await;
    let report: FactoryReport = get(&mut manager, &format!("/api/reports/{}", fixture.a2)).await;
    let wt = report.clusters.iter().find(|c| c.code == "WT").unwrap();
    assert!(
        close(wt.rate, 100.0) && close(wt.industry_rate, 83.33),
        "{wt:?}"
    );
    assert!(close(report.overall_rate, 50.0));
    let progress = report.progress.expect("compared with A1");
    assert_eq!(progress.previous_visit_id, fixture.a1);
    let codes = |points: &[shared::api::analytics::PointRef]| {
        points.iter().map(|p| p.code.clone()).collect::<Vec<_>>()
    };
    assert_eq!(codes(&progress.newly_compliant), ["OSH.08"]);
    assert!(progress.newly_non_compliant.is_empty());
    assert_eq!(codes(&progress.persistent), ["WT.02"]);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].finding, "Finding on WT.02.01.");

    let history: Vec<ReportHistoryEntry> = get(
        &mut manager,
        &format!("/api/factories/{}/reports", fixture.injae),
    )
    .await;
    let dates: Vec<&str> = history.iter().map(|h| h.start_date.as_str()).collect();
    assert_eq!(dates, ["2026-03-10", "2026-09-10"]);
    assert!(close(history[0].overall_rate, 100.0));
    assert_eq!(history[0].critical_issues, 1);

    // Another factory's report and history stay out of reach.
    let mut admin = app.login_demo("admin").await;
    let sabrina_reports: Vec<ReportHistoryEntry> = get(
        &mut admin,
        &format!("/api/factories/{}/reports", fixture.sabrina),
    )
    .await;
    manager
        .get(&format!("/api/reports/{}", sabrina_reports[0].visit_id))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    manager
        .get(&format!("/api/factories/{}/reports", fixture.sabrina))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

both_databases!(buyers_compare_granted_factories_from_the_third_party_date);
async fn buyers_compare_granted_factories_from_the_third_party_date(app: TestApp) {
    let fixture = fixture(&app).await;
    let mut buyer = app.login_demo("buyer").await;
    let ids = format!("{},{},{}", fixture.injae, fixture.sabrina, fixture.reliable);
    // Published just now: third parties wait five days.
    buyer
        .get(&format!("/api/analytics/compare?factories={ids}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    buyer
        .get(&format!("/api/reports/{}", fixture.a2))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.advance_minutes(6 * 24 * 60);
    // Six days is longer than a session lasts: sign in again.
    let mut buyer = app.login_demo("buyer").await;
    let comparison: Comparison = get(
        &mut buyer,
        &format!("/api/analytics/compare?factories={ids}"),
    )
    .await;
    let names: Vec<&str> = comparison
        .factories
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, [INJAE, SABRINA, RELIABLE]);
    assert_eq!(comparison.factories[0].visit_id, fixture.a2);
    let wt = comparison.industry.iter().find(|c| c.code == "WT").unwrap();
    assert!(close(wt.rate, 83.33));
    get::<FactoryReport>(&mut buyer, &format!("/api/reports/{}", fixture.a2)).await;

    // A factory the buyer's organisation holds no grant for is out of reach.
    let mut admin = app.login_demo("admin").await;
    let others: Vec<shared::api::factories::Factory> = get(&mut admin, "/api/factories").await;
    let ungranted = others
        .iter()
        .find(|f| f.name == "I-Cheng Corporation")
        .unwrap()
        .id;
    buyer
        .get(&format!(
            "/api/analytics/compare?factories={},{ungranted}",
            fixture.injae
        ))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    buyer
        .get(&format!("/api/factories/{ungranted}/reports"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // Six at most.
    buyer
        .get("/api/analytics/compare?factories=")
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
}

both_databases!(industry_figures_are_for_programme_staff_only);
async fn industry_figures_are_for_programme_staff_only(app: TestApp) {
    for path in [
        "/api/analytics/overview",
        "/api/analytics/issues",
        "/api/analytics/groups?dimension=province",
        "/api/analytics/trends",
        "/api/analytics/recurring",
    ] {
        for (username, expected) in [
            ("admin", StatusCode::OK),
            ("approver", StatusCode::OK),
            ("trainer", StatusCode::OK),
            ("monitor", StatusCode::FORBIDDEN),
            ("factory", StatusCode::FORBIDDEN),
            ("buyer", StatusCode::FORBIDDEN),
            ("union", StatusCode::FORBIDDEN),
        ] {
            let mut client = app.login_demo(username).await;
            client.get(path).await.assert_status(expected);
        }
        app.client()
            .get(path)
            .await
            .assert_status(StatusCode::UNAUTHORIZED);
    }
    for (username, expected) in [
        ("admin", StatusCode::OK),
        ("trainer", StatusCode::OK),
        ("buyer", StatusCode::OK),
        ("factory", StatusCode::FORBIDDEN),
        ("union", StatusCode::FORBIDDEN),
    ] {
        let mut client = app.login_demo(username).await;
        client
            .get("/api/analytics/comparable-factories")
            .await
            .assert_status(expected);
    }
    let mut trainer = app.login_demo("trainer").await;
    trainer
        .get("/api/analytics/overview?period=2026-Q9")
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    trainer
        .get("/api/analytics/groups?dimension=colour")
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
}
