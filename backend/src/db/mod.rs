//! The database: one connection pool for SQLite or PostgreSQL, chosen by the URL's scheme.
//!
//! Every SQL string lives in this module tree, one file per resource. Queries are written
//! once for both databases through sqlx's `Any` driver, which shapes the rules of the schema:
//! `$1` placeholders (SQLite accepts them too), integers for timestamps (Unix seconds) and for
//! yes/no flags (0 or 1), and `CAST(SUM(..) AS BIGINT)` because PostgreSQL sums to NUMERIC.

pub mod access_log;
pub mod analytics;
pub mod answer_history;
pub mod audit;
pub mod bulk;
pub mod checklists;
pub mod closing_meetings;
pub mod concerns;
pub mod corrective_actions;
pub mod factories;
pub mod generated;
pub mod grants;
pub mod holidays;
pub mod improvement_actions;
pub mod login_attempts;
pub mod management;
pub mod meetings;
pub mod ministry_letters;
pub mod objections;
pub mod organisations;
pub mod outbox;
pub mod planning;
pub mod public_data;
pub mod public_responses;
pub mod raw_figures;
pub mod report_documents;
pub mod reports;
pub mod self_assessments;
pub mod sessions;
pub mod subscriptions;
pub mod synthesis_editions;
pub mod training;
pub mod training_plans;
pub mod users;
pub mod visits;

use std::path::Path;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::AnyPool;

/// Which database engine a pool talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

impl DbKind {
    pub fn from_url(url: &str) -> Option<DbKind> {
        if url.starts_with("sqlite:") {
            Some(DbKind::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(DbKind::Postgres)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DbKind::Sqlite => "sqlite",
            DbKind::Postgres => "postgres",
        }
    }
}

/// A shared handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub kind: DbKind,
    /// The current checklist version's names, read once per version. A published version
    /// never changes, so the copy stays right on every instance that serves the database.
    pub checklist_names: checklists::NamesCache,
    /// Report documents prepared for readers, by SHA-256. A stored document never changes,
    /// so a prepared copy stays right on every instance that serves the database.
    pub prepared_reports: crate::domain::report_document::PreparedReports,
    /// Whether training changed compliance, as last computed, with the state of the data it
    /// was computed from (`training_plans::effect_state`); recomputed when that changes.
    pub training_effect: training_plans::EffectCache,
    /// The SQLite URL the migrations open their own connection to (`None` for PostgreSQL and
    /// for an in-memory database, which only the pool's connections can see).
    sqlite_migration_url: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("the database URL must start with sqlite:// or postgres://")]
    UnknownScheme,
    #[error("cannot create the database folder: {0}")]
    Folder(std::io::Error),
    #[error("cannot connect to the database: {0}")]
    Connect(sqlx::Error),
    #[error("cannot apply migrations: {0}")]
    Migrate(sqlx::migrate::MigrateError),
    #[error("after the migrations, {0} references no longer point at an existing row")]
    DanglingReferences(usize),
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Connects, creating a SQLite file (and its folder) when it does not exist yet.
    pub async fn connect(url: &str) -> Result<Db, ConnectError> {
        sqlx::any::install_default_drivers();
        let kind = DbKind::from_url(url).ok_or(ConnectError::UnknownScheme)?;
        let url = match kind {
            DbKind::Sqlite => prepare_sqlite_url(url)?,
            DbKind::Postgres => url.to_owned(),
        };
        let max_connections = match kind {
            // SQLite has one writer; a few readers are plenty.
            DbKind::Sqlite => 4,
            DbKind::Postgres => 10,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .connect(&url)
            .await
            .map_err(ConnectError::Connect)?;
        if kind == DbKind::Sqlite {
            // Write-ahead logging lets readers work while a write is in progress.
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&pool)
                .await
                .map_err(ConnectError::Connect)?;
        }
        let sqlite_migration_url =
            (kind == DbKind::Sqlite && !url.contains(":memory:")).then(|| url.clone());
        Ok(Db {
            pool,
            kind,
            sqlite_migration_url,
            checklist_names: Default::default(),
            prepared_reports: Default::default(),
            training_effect: Default::default(),
        })
    }

    /// Applies the migrations of this database's engine that have not run yet.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        match (self.kind, &self.sqlite_migration_url) {
            (DbKind::Sqlite, Some(url)) => migrate_sqlite(url).await,
            (DbKind::Sqlite, None) => SQLITE_MIGRATIONS
                .run(&self.pool)
                .await
                .map_err(ConnectError::Migrate),
            (DbKind::Postgres, _) => POSTGRES_MIGRATIONS
                .run(&self.pool)
                .await
                .map_err(ConnectError::Migrate),
        }
    }

    /// True when the database answers a trivial query.
    pub async fn is_reachable(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}

/// SQLite migrations run on a connection of their own with foreign keys off, as SQLite's
/// documentation prescribes for rebuilding a table (each migration runs in a transaction,
/// where the pragma cannot be changed): dropping a table that others reference would otherwise
/// delete through its cascades and scan every referencing table once per row. When a migration
/// was applied, every reference is checked afterwards, and one that no longer holds stops the
/// start.
async fn migrate_sqlite(url: &str) -> Result<(), ConnectError> {
    use sqlx::sqlite::SqliteConnectOptions;
    use sqlx::{ConnectOptions, Connection};
    use std::str::FromStr;

    let mut connection = SqliteConnectOptions::from_str(url)
        .map_err(ConnectError::Connect)?
        .foreign_keys(false)
        .connect()
        .await
        .map_err(ConnectError::Connect)?;
    let before = applied_migrations(&mut connection).await;
    SQLITE_MIGRATIONS
        .run(&mut connection)
        .await
        .map_err(ConnectError::Migrate)?;
    if applied_migrations(&mut connection).await != before {
        let dangling = sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&mut connection)
            .await
            .map_err(ConnectError::Connect)?;
        if !dangling.is_empty() {
            return Err(ConnectError::DanglingReferences(dangling.len()));
        }
    }
    connection.close().await.map_err(ConnectError::Connect)
}

/// How many migrations the database records as applied (none before the first start).
async fn applied_migrations(connection: &mut sqlx::SqliteConnection) -> i64 {
    sqlx::query_scalar("select count(*) from _sqlx_migrations")
        .fetch_one(connection)
        .await
        .unwrap_or_default()
}

/// Adds `mode=rwc` so the file is created on first start, and creates its folder.
fn prepare_sqlite_url(url: &str) -> Result<String, ConnectError> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if !path.is_empty() && path != ":memory:" {
        if let Some(folder) = Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(folder).map_err(ConnectError::Folder)?;
        }
    }
    Ok(if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

/// Stores a yes/no value the same way on both databases.
pub fn flag(value: bool) -> i64 {
    i64::from(value)
}

/// Reads a yes/no column stored with [`flag`].
pub fn get_flag(row: &AnyRow, column: &str) -> Result<bool, sqlx::Error> {
    use sqlx::Row;
    Ok(row.try_get::<i64, _>(column)? != 0)
}

/// Which of `columns` a unique-constraint violation is about, read from the constraint's name
/// (PostgreSQL: `factories_osh_id_key`) or the message (SQLite: `UNIQUE constraint failed:
/// factories.osh_id`); `None` for any other error.
pub fn duplicated_column(error: &sqlx::Error, columns: &[&'static str]) -> Option<&'static str> {
    let db_error = error.as_database_error()?;
    if !db_error.is_unique_violation() {
        return None;
    }
    let named = db_error
        .constraint()
        .map(str::to_owned)
        .unwrap_or_else(|| db_error.message().to_owned());
    columns
        .iter()
        .copied()
        .filter(|column| named.contains(column))
        .max_by_key(|column| column.len())
}

/// True when the error is a unique-constraint violation (a duplicate).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|db_error| db_error.is_unique_violation())
}
