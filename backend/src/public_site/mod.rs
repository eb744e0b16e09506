//! The public transparency site: a static site in three languages generated from published
//! reports, with open data and a manifest that chains each generation to the one before.
//!
//! `generate` is the one way to write it (the `ims-publish-site` command calls it). It reads
//! the database once, applies the disclosure rules (`dataset`), writes plain files and never
//! leaves anything that calls the API: the folder can be served by any static file server,
//! such as `ims-site-server`, which has no database at all.

pub mod dataset;
pub mod editions;
pub mod manifest;
pub mod render;
pub mod server;
pub mod tables;

use std::io::Write;
use std::path::Path;

use shared::api::public_site::PublicSiteGeneration;
use shared::checklist::QuestionKind;

use crate::db::{checklists, public_data, public_responses, synthesis_editions, Db};
use dataset::{Inputs, PublicDataset};
use manifest::{Manifest, Snapshot};
use render::{Page, LANGS};

/// The archive of every open-data file, under `data/`.
pub const ARCHIVE: &str = "ims-public-data.zip";

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("writing the site: {0}")]
    Io(#[from] std::io::Error),
    #[error("manifest: {0}")]
    Manifest(#[from] manifest::ManifestError),
    #[error("archive: {0}")]
    Archive(#[from] zip::result::ZipError),
    #[error("stored synthesis {0}")]
    Edition(String),
}

/// Reads what the public site may show from `db`.
pub async fn load(db: &Db, now: i64) -> Result<PublicDataset, SiteError> {
    let mut connection = db.pool.acquire().await?;
    let items = match checklists::current_version_id(&mut *connection).await? {
        Some(version_id) => checklists::load_content(&mut connection, version_id)
            .await?
            .clusters
            .into_iter()
            .filter(|cluster| cluster.scored)
            .flat_map(|cluster| cluster.points)
            .flat_map(|point| point.questions)
            .filter(|question| question.publicly_reported && question.kind == QuestionKind::YesNo)
            .map(|question| (question.code, question.text))
            .collect(),
        None => Vec::new(),
    };
    let inputs = Inputs {
        generated_at: now,
        factories: public_data::factories(&mut connection).await?,
        assessments: public_data::assessments(&mut connection).await?,
        questions: public_data::disclosed_questions(&mut connection).await?,
        exceptions: public_data::exceptions(&mut connection).await?,
        actions: public_data::corrective_actions(&mut connection).await?,
        items,
        responses: public_responses::latest(&mut *connection).await?,
        editions: synthesis_editions::all(&mut *connection, true)
            .await?
            .into_iter()
            .map(|stored| {
                let document = serde_json::from_str(&stored.document).map_err(|error| {
                    SiteError::Edition(format!("edition {}: {error}", stored.period))
                })?;
                Ok(editions::PublicEdition {
                    period: stored.period,
                    issued_at: stored.issued_at,
                    data_as_of: stored.data_as_of,
                    sha256: stored.sha256,
                    text: stored.document,
                    document,
                })
            })
            .collect::<Result<_, SiteError>>()?,
    };
    Ok(dataset::build(inputs))
}

/// Writes the whole site for `dataset` into `out` (replacing the previous generation, whose
/// manifest is kept in the chain) and returns the new manifest.
pub fn write(dataset: &PublicDataset, out: &Path) -> Result<Manifest, SiteError> {
    let previous = manifest::prepare(out)?;
    let put = |path: &str, contents: &[u8]| -> std::io::Result<()> {
        let file = out.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(file, contents)
    };
    put("index.html", render::language_choice().as_bytes())?;
    put("404.html", render::not_found().as_bytes())?;
    put("style.css", render::STYLE.as_bytes())?;

    let tables = tables::all(dataset);
    let table = |name: &str| {
        tables
            .iter()
            .find(|table| table.name == name)
            .expect("every public table is built")
    };
    for lang in LANGS {
        let code = lang.code();
        let page = |path| Page { lang, path };
        put(
            &format!("{code}/index.html"),
            render::home(&page("index.html"), dataset).as_bytes(),
        )?;
        put(
            &format!("{code}/factories/index.html"),
            render::factory_list(&page("factories/index.html"), table("factories")).as_bytes(),
        )?;
        for factory in &dataset.named {
            let path = format!("factories/{}.html", factory.id);
            put(
                &format!("{code}/{path}"),
                render::factory(&Page { lang, path: &path }, dataset, factory).as_bytes(),
            )?;
        }
        put(
            &format!("{code}/low-compliance.html"),
            render::low_compliance(
                &page("low-compliance.html"),
                dataset,
                table("low_compliance"),
            )
            .as_bytes(),
        )?;
        put(
            &format!("{code}/trends.html"),
            render::groups(
                &page("trends.html"),
                "site.nav.trends",
                "site.trends.intro",
                table("trends"),
                "trends-table",
            )
            .as_bytes(),
        )?;
        put(
            &format!("{code}/cycles/index.html"),
            render::cycle_list(&page("cycles/index.html"), table("cycles")).as_bytes(),
        )?;
        for (index, year) in dataset.years.iter().enumerate() {
            let path = format!("cycles/{}.html", year.label);
            put(
                &format!("{code}/{path}"),
                render::cycle(&Page { lang, path: &path }, dataset, index).as_bytes(),
            )?;
        }
        put(
            &format!("{code}/editions/index.html"),
            editions::list(&page("editions/index.html"), &dataset.editions).as_bytes(),
        )?;
        for edition in &dataset.editions {
            let path = editions::page_path(&edition.period);
            put(
                &format!("{code}/{path}"),
                editions::edition(&Page { lang, path: &path }, edition).as_bytes(),
            )?;
        }
        put(
            &format!("{code}/provinces.html"),
            render::groups(
                &page("provinces.html"),
                "site.nav.provinces",
                "site.provinces.intro",
                table("provinces"),
                "provinces-table",
            )
            .as_bytes(),
        )?;
        put(
            &format!("{code}/open-data.html"),
            render::open_data(&page("open-data.html"), &tables, ARCHIVE).as_bytes(),
        )?;
    }

    // Open data: each table as CSV and JSON, the dictionary, and all of it in one archive.
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for table in &tables {
        files.push((
            format!("{}.csv", table.name),
            table.data.to_csv().into_bytes(),
        ));
        files.push((
            format!("{}.json", table.name),
            tables::to_json(&table.data).into_bytes(),
        ));
    }
    // Each edition exactly as stored, so that its printed SHA-256 can be checked.
    for edition in &dataset.editions {
        files.push((
            format!("editions/{}.json", edition.period),
            edition.text.clone().into_bytes(),
        ));
    }
    files.push((
        "dictionary.json".to_owned(),
        dictionary(&tables).into_bytes(),
    ));
    files.push((
        "LICENCE.txt".to_owned(),
        format!(
            "The data in this folder are published under the Creative Commons Attribution 4.0 \
             International licence: {}\n",
            render::LICENCE_URL
        )
        .into_bytes(),
    ));
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed time in the archive keeps it identical when the data are.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, contents) in &files {
        put(&format!("data/{name}"), contents)?;
        archive.start_file(name.as_str(), options)?;
        archive.write_all(contents)?;
    }
    put(&format!("data/{ARCHIVE}"), &archive.finish()?.into_inner())?;

    Ok(manifest::finish(
        out,
        previous,
        Snapshot {
            generated_at: dataset.generated_at,
            latest_publication_at: dataset.latest_publication_at,
            published_reports: dataset.published_reports as i64,
            factories_named: dataset.named.len() as i64,
        },
    )?)
}

/// One generation at a time in this process: two writers in one folder would delete each
/// other's files.
static GENERATION: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Loads and writes: what `ims-publish-site`, the administrators' button and the optional
/// regeneration after each publication run.
pub async fn generate(db: &Db, out: &Path, now: i64) -> Result<Manifest, SiteError> {
    let _one_at_a_time = GENERATION.lock().await;
    let dataset = load(db, now).await?;
    let out = out.to_owned();
    // Writing thousands of files is blocking work.
    tokio::task::spawn_blocking(move || write(&dataset, &out))
        .await
        .expect("the writer does not panic")
}

/// Writes a new generation without making the caller wait (a publication, an issued
/// edition): thousands of files take seconds, and a failure is logged, not shown to the user
/// whose step succeeded.
pub fn regenerate_in_background(db: &Db, dir: &Path, now: i64, after: &'static str) {
    let (db, dir) = (db.clone(), dir.to_owned());
    tokio::spawn(async move {
        if let Err(error) = generate(&db, &dir, now).await {
            tracing::error!(%error, after, "the public site was not written");
        }
    });
}

/// The generation `dir` holds now, as administrators see it; `None` before the first.
pub fn latest(dir: &Path) -> Result<Option<PublicSiteGeneration>, SiteError> {
    let path = dir.join(manifest::MANIFEST_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error.into()),
    };
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(std::io::Error::other)?;
    Ok(Some(generation_of(&manifest)))
}

pub fn generation_of(manifest: &Manifest) -> PublicSiteGeneration {
    PublicSiteGeneration {
        sequence: manifest.sequence,
        generated_at: manifest.snapshot.generated_at,
        latest_publication_at: manifest.snapshot.latest_publication_at,
        published_reports: manifest.snapshot.published_reports,
        factories_named: manifest.snapshot.factories_named,
        files: manifest.files.len() as i64,
    }
}

/// The data dictionary: for each table, each column with its meaning (in English; the
/// open-data page shows it in the reader's language).
fn dictionary(tables: &[tables::PublicTable]) -> String {
    let entries: Vec<serde_json::Value> = tables
        .iter()
        .map(|table| {
            serde_json::json!({
                "table": table.name,
                "files": [format!("{}.csv", table.name), format!("{}.json", table.name)],
                "columns": table.data.headers.iter().map(|column| serde_json::json!({
                    "name": column,
                    "meaning": shared::i18n::translate(shared::i18n::Lang::En, &format!("site.column.{column}.about")),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&entries).expect("the dictionary serialises")
}
