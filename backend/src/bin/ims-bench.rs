//! `ims-bench`: latency of the report and analytics API on a generated industry, beside the
//! same questions answered by plain SQL GROUP BY over the raw answers.
//!
//! ```text
//! ims-bench --database URL [--requests 200]
//! ```
//! Requests go through the whole application (routing, session check, handlers, database)
//! in-process, one after another, as a signed-in administrator. Prints one JSON line per
//! measurement and the process's peak memory.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use backend::clock::{Clock, SystemClock};
use backend::config::Config;
use backend::db::{raw_figures, sessions, training_plans, users, Db};
use backend::domain::{passwords, tokens};
use backend::state::AppState;
use shared::api::SESSION_COOKIE;
use shared::roles::Role;
use tower::ServiceExt;

fn usage() -> ! {
    eprintln!("usage: ims-bench --database URL [--requests N]");
    std::process::exit(2);
}

/// The path of the n-th request to an endpoint (varies the factory or the dimension).
type PathOf<'a> = Box<dyn Fn(usize) -> String + 'a>;

struct Stats {
    p50: f64,
    p95: f64,
    max: f64,
}

fn stats(mut millis: Vec<f64>) -> Stats {
    millis.sort_by(f64::total_cmp);
    let at = |q: f64| millis[((millis.len() as f64 - 1.0) * q).round() as usize];
    Stats {
        p50: at(0.5),
        p95: at(0.95),
        max: *millis.last().unwrap_or(&0.0),
    }
}

fn print(database: &str, name: &str, kind: &str, runs: usize, stats: &Stats) {
    println!(
        "{{\"database\": \"{database}\", \"measure\": \"{name}\", \"kind\": \"{kind}\", \"runs\": {runs}, \
         \"p50_ms\": {:.2}, \"p95_ms\": {:.2}, \"max_ms\": {:.2}}}",
        stats.p50, stats.p95, stats.max
    );
}

/// Peak and current resident memory of this process (kB), from /proc.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|line| line.starts_with(name))
            .and_then(|line| line.split_whitespace().nth(1))
            .and_then(|value| value.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

#[tokio::main]
async fn main() {
    let mut database = None;
    let mut requests: usize = 200;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--database" => database = Some(value),
            "--requests" => requests = value.parse().unwrap_or_else(|_| usage()),
            _ => usage(),
        }
    }
    let Some(url) = database else { usage() };
    let db = Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    let clock = SystemClock;
    let now = clock.now();
    let token = sign_in(&db, now).await;
    let config = Config::from_lookup(|_| None).expect("default configuration");
    let router = backend::http::app(AppState {
        db: db.clone(),
        config: Arc::new(config),
        clock: Arc::new(SystemClock),
    });
    let visit_ids = raw_figures::latest_visit_ids(&db.pool)
        .await
        .expect("latest assessments");
    assert!(
        !visit_ids.is_empty(),
        "generate an industry first (ims-generate)"
    );
    // Factories that attended a held session, for their training records.
    let mut trained: Vec<i64> = {
        let mut connection = db.pool.acquire().await.expect("connection");
        training_plans::attendance(&mut connection, None)
            .await
            .expect("attendance")
            .into_iter()
            .map(|(_, factory_id, _, _)| factory_id)
            .collect()
    };
    trained.sort_unstable();
    trained.dedup();
    assert!(
        !trained.is_empty(),
        "generate an industry with training history first (ims-generate)"
    );
    let name = db.kind.name();
    let dimensions = [
        "product_type",
        "size_band",
        "ownership_country",
        "province",
        "union_presence",
        "export_licence",
    ];
    let endpoints: Vec<(&str, PathOf)> = vec![
        (
            "factory report",
            Box::new(|i| format!("/api/reports/{}", visit_ids[(i * 7919) % visit_ids.len()])),
        ),
        (
            "factory report history",
            Box::new(|i| {
                format!(
                    "/api/factories/{}/reports",
                    1 + (i * 7919) % visit_ids.len()
                )
            }),
        ),
        (
            "industry dashboard",
            Box::new(|_| "/api/analytics/overview".to_owned()),
        ),
        (
            "group comparison",
            Box::new(move |i| {
                format!(
                    "/api/analytics/groups?dimension={}",
                    dimensions[i % dimensions.len()]
                )
            }),
        ),
        (
            "issue ranking (questions)",
            Box::new(|_| "/api/analytics/issues?level=question".to_owned()),
        ),
        (
            "issue ranking (points)",
            Box::new(|_| "/api/analytics/issues?level=point".to_owned()),
        ),
        (
            "trends by quarter",
            Box::new(|_| "/api/analytics/trends?granularity=quarter".to_owned()),
        ),
        (
            "recurring issues",
            Box::new(|_| "/api/analytics/recurring".to_owned()),
        ),
        (
            "synthesis period (2025-H2)",
            Box::new(|_| "/api/analytics/overview?period=2025-H2".to_owned()),
        ),
        (
            "training effect",
            Box::new(|_| "/api/training/effect".to_owned()),
        ),
        (
            "training participation (year, province)",
            Box::new(|_| {
                "/api/training/participation?granularity=year&dimension=province".to_owned()
            }),
        ),
        (
            "visit planner (every active factory)",
            Box::new(|_| "/api/planning".to_owned()),
        ),
        (
            "visit planner (one province)",
            Box::new(|_| "/api/planning?province=Kandal".to_owned()),
        ),
        (
            "management report (twelve months)",
            Box::new(|_| "/api/management".to_owned()),
        ),
        (
            "management report (five years)",
            Box::new(|_| "/api/management?from=2021-01&to=2025-12".to_owned()),
        ),
        (
            "factory training record",
            Box::new(|i| {
                format!(
                    "/api/training/factories/{}",
                    trained[(i * 7919) % trained.len()]
                )
            }),
        ),
    ];
    for (measure, path) in &endpoints {
        for i in 0..5 {
            get(&router, &token, &path(i)).await;
        }
        let mut millis = Vec::with_capacity(requests);
        for i in 0..requests {
            let path = path(i);
            let started = Instant::now();
            get(&router, &token, &path).await;
            millis.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        print(name, measure, "api", requests, &stats(millis));
    }
    for (measure, sql) in &raw_figures::questions(visit_ids[0]) {
        let runs = 3;
        let mut millis = Vec::new();
        for _ in 0..runs {
            let started = Instant::now();
            raw_figures::run(&db.pool, sql).await.expect("raw query");
            millis.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        print(name, measure, "raw GROUP BY", runs, &stats(millis));
    }
    let (peak, current) = memory();
    println!(
        "{{\"database\": \"{name}\", \"peak_rss_mb\": {:.0}, \"rss_mb\": {:.0}}}",
        peak as f64 / 1024.0,
        current as f64 / 1024.0
    );
}

async fn get(router: &Router, token: &str, path: &str) {
    let request = Request::get(path)
        .header(header::COOKIE, format!("{SESSION_COOKIE}={token}"))
        .body(Body::empty())
        .expect("request");
    let response = router.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    assert_eq!(
        status,
        StatusCode::OK,
        "{path}: {}",
        String::from_utf8_lossy(&body)
    );
}

/// A session of a benchmark administrator, created directly in the database.
async fn sign_in(db: &Db, now: i64) -> String {
    let user_id = match users::find_by_username(&db.pool, "bench.admin")
        .await
        .expect("users")
    {
        Some(user) => user.id,
        None => users::insert(
            &db.pool,
            &users::NewUser {
                username: "bench.admin",
                display_name: "Benchmark",
                email: None,
                role: Role::Administrator,
                password_hash: &passwords::hash(&passwords::temporary_password()),
                must_change_password: false,
                factory_id: None,
                organisation_id: None,
            },
            now,
        )
        .await
        .expect("create the benchmark user"),
    };
    let token = tokens::random_token();
    sessions::insert(
        &db.pool,
        &tokens::token_hash(&token),
        user_id,
        &tokens::random_token(),
        now,
        now + 86_400,
    )
    .await
    .expect("create a session");
    token
}
