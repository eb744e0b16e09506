//! Rules of the management reports: how long reports take from the visit to publication, and
//! when one is late. Used by the server to compute and by the web app to explain the figures.

use crate::api::management::ManagementFilter;
use crate::date::{cambodia_date, parse};
use crate::error::FieldError;

/// Days after the visit's last day by which its report should be published, unless
/// `IMS_PUBLICATION_TARGET_DAYS` says otherwise.
pub const DEFAULT_PUBLICATION_TARGET_DAYS: i64 = 28;

/// The `p`-th percentile (0–100) of `values`, interpolated linearly between the two closest
/// ranks (the median of 2, 4, 9, 10 is 6.5); `None` when there are no values.
pub fn percentile(values: &[i64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = (p.clamp(0.0, 100.0) / 100.0) * (sorted.len() - 1) as f64;
    let below = rank.floor() as usize;
    let above = rank.ceil() as usize;
    let fraction = rank - below as f64;
    Some(sorted[below] as f64 + fraction * (sorted[above] - sorted[below]) as f64)
}

/// Whole days from a visit's last day (ISO date) to `moment` (Unix seconds), counted in
/// Cambodian calendar days: a report submitted on the visit's last day took 0 days.
pub fn days_after(last_day: &str, moment: i64) -> Option<i64> {
    Some((parse(&cambodia_date(moment))? - parse(last_day)?).whole_days())
}

/// Whole days from `from` to `to`, both ISO dates.
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    Some((parse(to)? - parse(from)?).whole_days())
}

/// A report is late when it was published more than `target_days` after the visit's last
/// day, or is still unpublished on `today` when that many days have passed.
pub fn past_publication_target(
    last_day: &str,
    published_at: Option<i64>,
    today: &str,
    target_days: i64,
) -> bool {
    let taken = match published_at {
        Some(moment) => days_after(last_day, moment),
        None => days_between(last_day, today),
    };
    taken.is_some_and(|days| days > target_days)
}

/// True for a month written `YYYY-MM`.
pub fn is_month(text: &str) -> bool {
    text.len() == 7 && parse(&format!("{text}-01")).is_some()
}

/// The twelve months up to the month of `today` (ISO date): (`YYYY-MM` eleven months
/// before, `YYYY-MM` of today).
pub fn last_twelve_months(today: &str) -> (String, String) {
    let to = today.get(..7).unwrap_or_default().to_owned();
    let year: i32 = to.get(..4).and_then(|y| y.parse().ok()).unwrap_or_default();
    let month: i32 = to.get(5..).and_then(|m| m.parse().ok()).unwrap_or(1);
    let index = year * 12 + (month - 1) - 11;
    (format!("{:04}-{:02}", index / 12, index % 12 + 1), to)
}

/// What is wrong with the months of a management report (both already filled in): each a
/// month written `YYYY-MM`, and the last not before the first.
pub fn period_problems(period: &ManagementFilter) -> Vec<FieldError> {
    let mut problems = Vec::new();
    for (field, month) in [("from", &period.from), ("to", &period.to)] {
        if !is_month(month) {
            problems.push(FieldError::new(field, "month_invalid"));
        }
    }
    // Months written `YYYY-MM` sort as text in calendar order.
    if problems.is_empty() && period.to < period.from {
        problems.push(FieldError::new("to", "month_before_start"));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_between_ranks() {
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&[7], 90.0), Some(7.0));
        assert_eq!(percentile(&[10, 2, 9, 4], 50.0), Some(6.5));
        // 90th of 1..=10: rank 8.1 → 9 + 0.1 × (10 − 9).
        let values: Vec<i64> = (1..=10).collect();
        let p90 = percentile(&values, 90.0).unwrap();
        assert!((p90 - 9.1).abs() < 1e-9);
    }

    #[test]
    fn days_are_counted_in_cambodian_dates() {
        // 2027-01-15 00:30 in Cambodia is still 2027-01-14 in UTC.
        let just_after_midnight = 1_800_000_000 - 14 * 3600 - 1800;
        assert_eq!(cambodia_date(just_after_midnight), "2027-01-15");
        assert_eq!(days_after("2027-01-10", just_after_midnight), Some(5));
        assert_eq!(days_between("2026-12-31", "2027-01-28"), Some(28));
    }

    #[test]
    fn months_are_checked_and_a_year_runs_back_from_this_month() {
        assert!(is_month("2027-01"));
        assert!(!is_month("2027-13"));
        assert!(!is_month("2027-1"));
        assert_eq!(
            last_twelve_months("2027-01-15"),
            ("2026-02".to_owned(), "2027-01".to_owned())
        );
        assert_eq!(
            last_twelve_months("2026-12-05"),
            ("2026-01".to_owned(), "2026-12".to_owned())
        );
    }

    #[test]
    fn a_period_is_two_months_in_order() {
        let codes = |from: &str, to: &str| -> Vec<String> {
            period_problems(&ManagementFilter {
                from: from.to_owned(),
                to: to.to_owned(),
            })
            .into_iter()
            .map(|p| format!("{}:{}", p.field, p.code))
            .collect()
        };
        assert!(codes("2026-02", "2027-01").is_empty());
        assert!(codes("2027-01", "2027-01").is_empty());
        assert_eq!(codes("2027-13", "2026-01"), ["from:month_invalid"]);
        assert_eq!(codes("2027-01", "2026-12"), ["to:month_before_start"]);
    }

    #[test]
    fn a_report_is_late_after_the_target_whether_published_or_not() {
        let published_on_day_28 = 1_800_000_000; // 2027-01-15
        assert!(!past_publication_target(
            "2026-12-18",
            Some(published_on_day_28),
            "2027-03-01",
            28
        ));
        assert!(past_publication_target(
            "2026-12-17",
            Some(published_on_day_28),
            "2027-03-01",
            28
        ));
        assert!(!past_publication_target(
            "2027-01-01",
            None,
            "2027-01-29",
            28
        ));
        assert!(past_publication_target(
            "2027-01-01",
            None,
            "2027-01-30",
            28
        ));
    }
}
