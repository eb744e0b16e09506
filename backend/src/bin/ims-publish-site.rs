//! `ims-publish-site`: writes the public transparency site from the published reports, or
//! checks a site folder against its manifest chain.
//!
//! ```text
//! ims-publish-site --database URL --out DIR     generate (replaces DIR's previous generation)
//! ims-publish-site verify DIR                   check every file and the manifest chain
//! ```
//! Generation only reads the database. Verification needs no database at all.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use backend::db::Db;
use backend::public_site::{generate, manifest};

fn usage() -> ExitCode {
    eprintln!(
        "usage: ims-publish-site --database URL --out DIR\n       ims-publish-site verify DIR"
    );
    ExitCode::from(2)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("verify") {
        let [_, dir] = args.as_slice() else {
            return usage();
        };
        return verify(PathBuf::from(dir));
    }
    let mut database = std::env::var("IMS_DATABASE_URL").ok();
    let mut out = None;
    let mut rest = args.into_iter();
    while let Some(flag) = rest.next() {
        let Some(value) = rest.next() else {
            return usage();
        };
        match flag.as_str() {
            "--database" => database = Some(value),
            "--out" => out = Some(PathBuf::from(value)),
            _ => return usage(),
        }
    }
    let (Some(url), Some(out)) = (database, out) else {
        return usage();
    };
    let db = match Db::connect(&url).await {
        Ok(db) => db,
        Err(error) => {
            eprintln!("ims-publish-site: cannot open the database: {error}");
            return ExitCode::FAILURE;
        }
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs() as i64)
        .unwrap_or_default();
    let started = Instant::now();
    match generate(&db, &out, now).await {
        Ok(written) => {
            println!(
                "wrote {} files for {} named factories ({} published reports) to {} in {:.1} s; manifest {}",
                written.files.len(),
                written.snapshot.factories_named,
                written.snapshot.published_reports,
                out.display(),
                started.elapsed().as_secs_f64(),
                written.sequence,
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("ims-publish-site: {error}");
            ExitCode::FAILURE
        }
    }
}

fn verify(dir: PathBuf) -> ExitCode {
    match manifest::verify(&dir) {
        Ok(verification) if verification.is_ok() => {
            println!(
                "{}: every file and the manifest chain verify",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Ok(verification) => {
            eprintln!("{}: verification failed:\n{verification:#?}", dir.display());
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("ims-publish-site: {error}");
            ExitCode::FAILURE
        }
    }
}
