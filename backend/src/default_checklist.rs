//! The default Cambodian checklist shipped with the product (`checklists/cambodia_default.csv`),
//! installed as the first published version when a database has none, so monitors can start
//! visits on a fresh installation. Administrators load their own versions by CSV import.

use crate::db::{checklists, Db};
use crate::domain::checklist_csv::parse_checklist_csv;

pub const DEFAULT_CHECKLIST_CSV: &str = include_str!("../checklists/cambodia_default.csv");
pub const DEFAULT_CHECKLIST_LABEL: &str = "Cambodia 2026.1";

#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    #[error("the shipped checklist file is invalid at line {0}")]
    Invalid(usize),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Installs the default checklist when no version exists; true when it did.
pub async fn install_if_none(db: &Db, now: i64) -> Result<bool, InstallError> {
    if checklists::version_count(&db.pool).await? > 0 {
        return Ok(false);
    }
    let content = parse_checklist_csv(DEFAULT_CHECKLIST_CSV)
        .map_err(|errors| InstallError::Invalid(errors.first().map_or(0, |e| e.line)))?;
    let mut transaction = db.pool.begin().await?;
    checklists::insert_version(
        &mut transaction,
        DEFAULT_CHECKLIST_LABEL,
        &content,
        None,
        now,
        true,
    )
    .await?;
    transaction.commit().await?;
    Ok(true)
}
