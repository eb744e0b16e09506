//! Every SQL statement about the public-holiday calendar, and its first filling from the
//! shipped reference file.

use shared::deadline::{parse_holiday_rows, Holiday};
use sqlx::{Any, Executor, Row};

use crate::db::Db;

/// The Cambodian public holidays shipped with the server (a copy of
/// `shared/data/reference/cambodia_public_holidays.csv`), compiled in so that nothing outside
/// the backend is read at run time.
pub const REFERENCE_CALENDAR_CSV: &str = include_str!("../../data/cambodia_public_holidays.csv");

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the shipped holiday file is invalid: {0}")]
    File(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Fills an empty calendar from the shipped file; true when it did. Runs on every start (it
/// is reference data, not demo data); a calendar an administrator has kept is left alone.
pub async fn seed_if_empty(db: &Db, now: i64) -> Result<bool, SeedError> {
    let rows = parse_holiday_rows(REFERENCE_CALENDAR_CSV).map_err(SeedError::File)?;
    let mut transaction = db.pool.begin().await?;
    let count: i64 = sqlx::query_scalar("select count(*) from public_holidays")
        .fetch_one(&mut *transaction)
        .await?;
    if count > 0 {
        return Ok(false);
    }
    for (date, name) in rows {
        sqlx::query(
            "insert into public_holidays (holiday_date, name, created_at, created_by) \
             values ($1, $2, $3, null) on conflict (holiday_date) do nothing",
        )
        .bind(date)
        .bind(name)
        .bind(now)
        .execute(&mut *transaction)
        .await?;
    }
    transaction.commit().await?;
    Ok(true)
}

/// The holidays of one year (every year when `None`), in date order.
pub async fn list<'e>(
    executor: impl Executor<'e, Database = Any>,
    year: Option<i32>,
) -> Result<Vec<Holiday>, sqlx::Error> {
    let rows = match year {
        Some(year) => {
            sqlx::query(
                "select holiday_date, name from public_holidays \
                 where holiday_date >= $1 and holiday_date < $2 order by holiday_date",
            )
            .bind(format!("{year:04}-01-01"))
            .bind(format!("{:04}-01-01", year + 1))
            .fetch_all(executor)
            .await?
        }
        None => {
            sqlx::query("select holiday_date, name from public_holidays order by holiday_date")
                .fetch_all(executor)
                .await?
        }
    };
    rows.iter()
        .map(|row| {
            Ok(Holiday {
                date: row.try_get("holiday_date")?,
                name: row.try_get("name")?,
            })
        })
        .collect()
}

/// The holiday dates from `from` (inclusive, ISO) on: what a deadline starting then skips.
pub async fn dates_from<'e>(
    executor: impl Executor<'e, Database = Any>,
    from: &str,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select holiday_date from public_holidays where holiday_date >= $1 order by holiday_date",
    )
    .bind(from)
    .fetch_all(executor)
    .await
}

/// Adds a holiday; false when that date is already one.
pub async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    holiday: &Holiday,
    created_by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "insert into public_holidays (holiday_date, name, created_at, created_by) \
         values ($1, $2, $3, $4) on conflict (holiday_date) do nothing",
    )
    .bind(&holiday.date)
    .bind(&holiday.name)
    .bind(now)
    .bind(created_by)
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Removes a holiday; false when there was none on that date.
pub async fn delete<'e>(
    executor: impl Executor<'e, Database = Any>,
    date: &str,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("delete from public_holidays where holiday_date = $1")
        .bind(date)
        .execute(executor)
        .await?;
    Ok(result.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_calendar_parses_with_its_ranges() {
        let rows = parse_holiday_rows(REFERENCE_CALENDAR_CSV).expect("the shipped file parses");
        // 2025: 16 rows, three of them three-day ranges; 2024: 15 rows, one of four days
        // (Khmer New Year) and two of three.
        let in_year = |year: &str| {
            rows.iter()
                .filter(|(date, _)| date.starts_with(year))
                .count()
        };
        assert_eq!(in_year("2025"), 22);
        assert_eq!(in_year("2024"), 22);
        assert!(rows.contains(&("2024-04-13".to_owned(), "Khmer New Year".to_owned())));
        assert!(rows.contains(&("2025-09-23".to_owned(), "Pchum Ben Festival".to_owned())));
        let mut dates: Vec<&String> = rows.iter().map(|(date, _)| date).collect();
        dates.sort();
        dates.dedup();
        assert_eq!(dates.len(), rows.len(), "no date twice");
    }
}
