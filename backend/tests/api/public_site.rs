//! The public site generated from published reports: the disclosure rules against a
//! hand-computed fixture, the manifest chain, and files that never point at the API.
//!
//! Fixture (publicly reported items CHI.01.01, part of critical issue 1, and WT.01.01; every
//! other item unanswered, so not assessed):
//!
//! | factory  | assessments (date: CHI.01.01 / WT.01.01 → score)                      |
//! |----------|------------------------------------------------------------------------|
//! | Injae    | 2024-03-01 yes/yes 100 · 2025-03-01 yes/no 50 · 2026-03-01 no/no 0      |
//! | Sabrina  | 2025-06-01 yes/no 50 · 2026-06-01 yes/yes 100                          |
//! | 4 others | 2026-04-0x yes/yes 100                                                 |
//!
//! Latest scores 0, 100 ×5: mean 83.333, population SD 37.268, line 8.797. Injae (3
//! assessments, 0 ≤ 8.797) is on the low-compliance list; Injae and Sabrina are named (2+
//! assessments), the four others are not. Year 2026 holds 6 factories (mean 83.3); 2025 (2)
//! and 2024 (1) are withheld.

use std::path::{Path, PathBuf};

use axum::http::StatusCode;
use backend::public_site::{self, manifest};
use serde_json::Value;
use shared::api::factories::Factory;
use shared::api::public_site::PublicSiteStatus;

use crate::helpers::{TestApp, START};
use crate::visits::{factory_id, INJAE, SABRINA};

async fn publish_dated(app: &TestApp, factory: i64, date: &str, chi: &str, wt: &str) -> i64 {
    let visit_id = crate::self_assessments::publish_assessment(
        app,
        factory,
        &[("CHI.01.01", chi), ("WT.01.01", wt)],
    )
    .await;
    sqlx::query("update visits set start_date = $1, end_date = $1 where id = $2")
        .bind(date)
        .bind(visit_id)
        .execute(&app.db.pool)
        .await
        .expect("date the visit");
    visit_id
}

struct Fixture {
    injae: i64,
    sabrina: i64,
    others: Vec<i64>,
}

async fn fixture(app: &TestApp) -> Fixture {
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let sabrina = factory_id(&mut admin, SABRINA).await;
    let factories: Vec<Factory> = admin
        .get("/api/factories")
        .await
        .assert_status(StatusCode::OK)
        .json();
    let others: Vec<i64> = factories
        .iter()
        .map(|factory| factory.id)
        .filter(|id| *id != injae && *id != sabrina)
        .take(4)
        .collect();
    assert_eq!(others.len(), 4, "six demo factories");
    let (yes, no) = ("compliant", "non_compliant");
    publish_dated(app, injae, "2024-03-01", yes, yes).await;
    publish_dated(app, injae, "2025-03-01", yes, no).await;
    publish_dated(app, injae, "2026-03-01", no, no).await;
    publish_dated(app, sabrina, "2025-06-01", yes, no).await;
    publish_dated(app, sabrina, "2026-06-01", yes, yes).await;
    for (day, other) in others.iter().enumerate() {
        publish_dated(app, *other, &format!("2026-04-0{}", day + 1), yes, yes).await;
    }
    Fixture {
        injae,
        sabrina,
        others,
    }
}

/// A folder of its own for each test run (the SQLite and PostgreSQL runs go in parallel).
fn site_dir(app: &TestApp) -> PathBuf {
    std::env::temp_dir().join(format!(
        "ims-site-{}-{}-{:?}",
        app.kind().name(),
        std::process::id(),
        std::thread::current().id()
    ))
}

fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 0.001
}

async fn the_disclosure_rules_match_the_hand_computed_fixture(app: TestApp) {
    // Arrange
    let fixture = fixture(&app).await;

    // Act
    let dataset = public_site::load(&app.db, START)
        .await
        .expect("the dataset");

    // Assert: named from two assessments.
    let named: Vec<i64> = dataset.named.iter().map(|factory| factory.id).collect();
    assert_eq!(named, vec![fixture.injae, fixture.sabrina], "by name");
    assert!(fixture.others.iter().all(|id| !named.contains(id)));
    assert_eq!(dataset.factories_assessed, 6);
    assert_eq!(dataset.published_reports, 9);

    // The 2-SD rule.
    let industry = dataset.industry.as_ref().expect("an industry distribution");
    assert!(close(industry.mean, 500.0 / 6.0), "mean {}", industry.mean);
    assert!(
        close(industry.standard_deviation, 37.2678),
        "sd {}",
        industry.standard_deviation
    );
    assert!(
        close(industry.threshold, 8.7971),
        "line {}",
        industry.threshold
    );
    let listed: Vec<i64> = dataset
        .low_compliance
        .iter()
        .map(|e| e.factory_id)
        .collect();
    assert_eq!(listed, vec![fixture.injae]);

    // The factory page's figures.
    let injae = dataset
        .named
        .iter()
        .find(|factory| factory.id == fixture.injae)
        .expect("Injae is named");
    let scores: Vec<Option<f64>> = injae.assessments.iter().map(|a| a.score).collect();
    assert_eq!(scores, vec![Some(100.0), Some(50.0), Some(0.0)]);
    assert_eq!(injae.latest().items_assessed, 2);
    assert_eq!(injae.latest().critical_non_compliant(), vec![1]);
    assert_eq!(injae.progress.critical_new, vec![1]);
    assert_eq!(injae.progress.score_change, Some(-50.0));
    assert_eq!(injae.corrective_actions.findings, 3);
    assert!(injae.low_compliance);
    assert!(injae
        .assessments
        .iter()
        .all(|a| a.report_sha256.len() == 64));

    // Small groups withheld.
    let years: Vec<(String, usize, bool)> = dataset
        .years
        .iter()
        .map(|year| (year.label.clone(), year.factories, year.withheld))
        .collect();
    assert_eq!(
        years,
        vec![
            ("2024".to_owned(), 1, true),
            ("2025".to_owned(), 2, true),
            ("2026".to_owned(), 6, false),
        ]
    );
    let year_2026 = &dataset.years[2];
    assert!(year_2026
        .mean_score
        .is_some_and(|mean| close(mean, 500.0 / 6.0)));
    assert_eq!(dataset.years[0].mean_score, None);
    for province in &dataset.provinces {
        assert_eq!(
            province.withheld,
            province.factories < 5,
            "{}",
            province.label
        );
        if province.withheld {
            assert_eq!((province.mean_score, province.workers), (None, None));
        }
    }
}

async fn the_site_is_written_with_a_manifest_chain_and_no_api_address(app: TestApp) {
    // Arrange
    let fixture = fixture(&app).await;
    let dir = site_dir(&app);
    std::fs::remove_dir_all(&dir).ok();

    // Act
    let first = public_site::generate(&app.db, &dir, START)
        .await
        .expect("generated");
    let second = public_site::generate(&app.db, &dir, START + 60)
        .await
        .expect("generated again");

    // Assert: pages in three languages, factory pages only for named factories.
    for lang in ["en", "km", "zh"] {
        let page = read(&dir, &format!("{lang}/factories/{}.html", fixture.injae));
        assert!(page.contains(&format!("lang=\"{lang}\"")));
        assert!(page.contains(INJAE));
        assert!(!dir
            .join(format!("{lang}/factories/{}.html", fixture.others[0]))
            .exists());
        assert!(read(&dir, &format!("{lang}/low-compliance.html")).contains(INJAE));
    }
    // The confidential report text never reaches the site.
    let files = walk(&dir);
    for file in &files {
        let bytes = std::fs::read(file).expect("a file");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("/api/"), "{} names the API", file.display());
        assert!(
            !text.contains("Finding on"),
            "{} holds a finding",
            file.display()
        );
    }
    // Annual cycle reports: a year of fewer than five factories is withheld.
    assert!(read(&dir, "en/cycles/2024.html").contains("data-withheld=\"true\""));
    assert!(!read(&dir, "zh/cycles/2026.html").contains("data-withheld=\"true\""));
    let cycles = read(&dir, "data/cycles.csv");
    assert!(cycles.contains("2026,6,6,83.3"), "{cycles}");
    assert!(cycles.contains("2025,2,2,withheld"), "{cycles}");

    // Open data: the CSV is the page's table.
    let csv = read(&dir, "data/factories.csv");
    assert!(
        csv.starts_with("\u{feff}factory_id,factory_name,"),
        "a BOM, then the header"
    );
    assert_eq!(
        csv.lines().count(),
        3,
        "a header and the two named factories"
    );
    let json: Value = serde_json::from_str(&read(&dir, "data/low_compliance.json")).expect("json");
    assert_eq!(
        json[0]["factory_id"],
        Value::from(fixture.injae.to_string())
    );
    assert!(dir.join("data/ims-public-data.zip").exists());

    // The manifest chain verifies; a changed file fails it.
    assert_eq!((first.sequence, second.sequence), (1, 2));
    assert!(!second.previous_sha256.is_empty());
    assert!(manifest::verify(&dir).expect("verifiable").is_ok());
    let page = dir.join("en/low-compliance.html");
    let original = std::fs::read_to_string(&page).expect("the page");
    std::fs::write(&page, original.replace(INJAE, "Another Factory")).expect("tamper");
    assert!(!manifest::verify(&dir).expect("verifiable").is_ok());
    std::fs::remove_dir_all(&dir).ok();
}

async fn administrators_publish_the_site_and_publication_can_refresh_it(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let before: PublicSiteStatus = admin
        .get("/api/public-site")
        .await
        .assert_status(StatusCode::OK)
        .json();

    // Act
    let after: PublicSiteStatus = admin
        .post("/api/public-site", &serde_json::json!({}))
        .await
        .assert_status(StatusCode::OK)
        .json();

    // Assert
    assert_eq!(before.latest, None);
    let latest = after.latest.expect("a generation");
    assert_eq!(latest.sequence, 1);
    assert!(latest.files > 20);
    assert_eq!(after.url, "http://127.0.0.1:8081");
    assert!(!after.after_publication);
    assert!(manifest::verify(&app.config.site.dir)
        .expect("verifiable")
        .is_ok());
    std::fs::remove_dir_all(&app.config.site.dir).ok();
}

/// SQLite only: the setting is read at start, and the background write is the same code.
#[tokio::test]
async fn a_publication_writes_a_new_generation_when_configured() {
    // Arrange
    let app = TestApp::sqlite_with_settings(&[("IMS_SITE_AFTER_PUBLICATION", "true")]).await;
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;

    // Act
    publish_dated(&app, injae, "2026-03-01", "compliant", "compliant").await;

    // Assert: written in the background, so wait for it (at most 20 s).
    let mut latest = None;
    for _ in 0..200 {
        latest = public_site::latest(&app.config.site.dir).expect("readable");
        if latest.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let latest = latest.expect("a generation after the publication");
    assert_eq!(latest.published_reports, 1);
    std::fs::remove_dir_all(&app.config.site.dir).ok();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

both_databases!(
    the_disclosure_rules_match_the_hand_computed_fixture,
    the_site_is_written_with_a_manifest_chain_and_no_api_address,
    administrators_publish_the_site_and_publication_can_refresh_it,
);
