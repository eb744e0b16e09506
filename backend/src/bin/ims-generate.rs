//! `ims-generate`: fills a database with a seeded, realistic industry for benchmarks.
//!
//! ```text
//! ims-generate --database sqlite://target/bench/industry.db [--seed 2026] [--factories 1100]
//!              [--years 20] [--until 2026-06-30]
//! ```
//! The database is migrated and given the default checklist first. Run it on an empty
//! database: it adds factories, it does not replace them.

use std::time::Instant;

use backend::db::Db;
use backend::generator::{generate_industry, Options};

fn usage() -> ! {
    eprintln!(
        "usage: ims-generate --database URL [--seed N] [--factories N] [--years N] [--until YYYY-MM-DD]"
    );
    std::process::exit(2);
}

#[tokio::main]
async fn main() {
    let mut options = Options::default();
    let mut database = std::env::var("IMS_DATABASE_URL").ok();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--database" => database = Some(value),
            "--seed" => options.seed = value.parse().unwrap_or_else(|_| usage()),
            "--factories" => options.factories = value.parse().unwrap_or_else(|_| usage()),
            "--years" => options.years = value.parse().unwrap_or_else(|_| usage()),
            "--until" => options.until = value,
            _ => usage(),
        }
    }
    let Some(url) = database else { usage() };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    let started = Instant::now();
    let db = match Db::connect(&url).await {
        Ok(db) => db,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    };
    if let Err(error) = db.migrate().await {
        eprintln!("{error}");
        std::process::exit(1);
    }
    if let Err(error) = backend::default_checklist::install_if_none(&db, now).await {
        eprintln!("cannot install the default checklist: {error}");
        std::process::exit(1);
    }
    match generate_industry(&db, &options, now).await {
        Ok(summary) => println!(
            "{{\"database\": \"{}\", \"seed\": {}, \"factories\": {}, \"assessments\": {}, \"answers\": {}, \"training_courses\": {}, \"training_sessions\": {}, \"attendance_rows\": {}, \"seconds\": {:.1}}}",
            db.kind.name(),
            options.seed,
            summary.factories,
            summary.assessments,
            summary.answers,
            summary.courses,
            summary.sessions,
            summary.attendance_rows,
            started.elapsed().as_secs_f64()
        ),
        Err(error) => {
            eprintln!("generation failed: {error}");
            std::process::exit(1);
        }
    }
}
