//! Calendar dates as the programme writes them, `YYYY-MM-DD`, on the `time` crate: the one
//! place that parses, formats and steps dates for validators and deadlines.

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime, UtcOffset, Weekday};

const ISO: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// Cambodia has one time zone, UTC+7, without daylight saving time.
pub const CAMBODIA_UTC_OFFSET_SECONDS: i32 = 7 * 3600;

/// The date of a `YYYY-MM-DD` text (years 1900–2999, the programme's plausible range);
/// `None` for anything else, including dates that do not exist such as 2025-02-29.
pub fn parse(text: &str) -> Option<Date> {
    if text.len() != 10 || !text.starts_with(['1', '2']) {
        return None;
    }
    Date::parse(text, ISO)
        .ok()
        .filter(|date| (1900..=2999).contains(&date.year()))
}

/// True for a real calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(text: &str) -> bool {
    parse(text).is_some()
}

/// What is wrong with `day` (trimmed) as the day something already happened, no earlier than
/// `earliest` and no later than `today` (ISO dates): `required`, `date_invalid`,
/// `date_in_future`, or `too_early`, the caller's code for a day before `earliest`.
pub fn past_day_problem(
    day: &str,
    earliest: &str,
    today: &str,
    too_early: &'static str,
) -> Option<&'static str> {
    let day = day.trim();
    if day.is_empty() {
        Some("required")
    } else if !is_iso_date(day) {
        Some("date_invalid")
    } else if day > today {
        Some("date_in_future")
    } else if day < earliest {
        Some(too_early)
    } else {
        None
    }
}

pub fn format(date: Date) -> String {
    date.format(ISO).unwrap_or_default()
}

/// The date `days` after a `YYYY-MM-DD` date, or `None` when the date is not valid.
pub fn add_days(text: &str, days: i64) -> Option<String> {
    let date = parse(text)?.checked_add(Duration::days(days))?;
    Some(format(date))
}

pub fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The date in Cambodia at a Unix time in seconds.
pub fn cambodia_date(unix_seconds: i64) -> String {
    let offset = UtcOffset::from_whole_seconds(CAMBODIA_UTC_OFFSET_SECONDS).expect("UTC+7");
    let moment =
        OffsetDateTime::from_unix_timestamp(unix_seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format(moment.to_offset(offset).date())
}

/// The date and time in Cambodia (`2026-11-23 14:05`) of a Unix time: the programme's clock,
/// whatever the reader's device is set to.
pub fn cambodia_date_time(unix_seconds: i64) -> String {
    let offset = UtcOffset::from_whole_seconds(CAMBODIA_UTC_OFFSET_SECONDS).expect("UTC+7");
    let moment = OffsetDateTime::from_unix_timestamp(unix_seconds)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(offset);
    format!(
        "{} {:02}:{:02}",
        format(moment.date()),
        moment.hour(),
        moment.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_cambodia() {
        // 2026-11-23 17:05 UTC is past midnight in Phnom Penh.
        assert_eq!(cambodia_date_time(1_795_453_500), "2026-11-24 00:05");
        assert_eq!(cambodia_date(1_795_453_500), "2026-11-24");
    }

    #[test]
    fn only_real_dates_in_range_parse() {
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-04-31",
            "2025-4-1",
            "25-04-01",
            "2025/04/01",
            "2025-04-01 ",
            "+025-04-01",
            "0999-01-01",
            "1899-12-31",
            "",
        ] {
            assert!(!is_iso_date(bad), "{bad:?}");
        }
        assert!(is_iso_date("2028-02-29"));
        assert!(is_iso_date("2000-02-29"));
        assert!(!is_iso_date("1900-02-29"));
    }

    #[test]
    fn days_are_added_across_months_leap_days_and_years() {
        assert_eq!(add_days("2026-03-02", 7).as_deref(), Some("2026-03-09"));
        assert_eq!(add_days("2026-12-28", 7).as_deref(), Some("2027-01-04"));
        assert_eq!(add_days("2024-02-25", 7).as_deref(), Some("2024-03-03"));
        assert_eq!(add_days("2025-02-25", 7).as_deref(), Some("2025-03-04"));
        assert_eq!(add_days("2025-02-30", 7), None);
    }

    #[test]
    fn the_cambodian_date_is_seven_hours_ahead_of_utc() {
        // 2025-03-31 16:59:59 UTC is 23:59:59 in Phnom Penh; a second later it is 1 April.
        assert_eq!(cambodia_date(1_743_440_399), "2025-03-31");
        assert_eq!(cambodia_date(1_743_440_400), "2025-04-01");
    }
}
