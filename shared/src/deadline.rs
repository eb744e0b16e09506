//! Working-day deadlines: weekends and public holidays do not count.
//!
//! Dates are ISO strings (`2025-04-14`), read and written by [`crate::date`]; deadlines step
//! through Julian day numbers so that months, leap days and year ends need no special case.
//!
//! The rule of [`add_working_days`]:
//! - the start day itself never counts, whatever day it is: counting starts the day after;
//! - Saturdays, Sundays and the given holidays are skipped;
//! - the result is the date of the last counted day, so a deadline of one or more days is
//!   always a working day; it never "falls" on a weekend or holiday and never has to move.
//!   With zero days the result is the start date itself.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// One day of the public-holiday calendar (`GET /api/holidays`, and the body of
/// `POST /api/holidays`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// ISO date, `2025-04-14`.
    pub date: String,
    pub name: String,
}

/// `GET /api/holidays/coverage`: the years in which deadlines are being counted now (this year
/// and next) that the calendar has no holidays for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayCoverage {
    pub years_without_holidays: Vec<i32>,
}

/// The years whose holidays deadlines counted from `today` (ISO) need: this year and next.
pub fn years_deadlines_need(today: &str) -> Option<(String, String)> {
    let year = crate::date::parse(today)?.year();
    Some((format!("{year}-01-01"), format!("{}-12-31", year + 1)))
}

/// Longest holiday name accepted.
pub const HOLIDAY_NAME_MAX_CHARS: usize = 120;

/// The field errors of a new holiday (codes under `validation.` in `locales/`).
pub fn holiday_problems(holiday: &Holiday) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if holiday.date.trim().is_empty() {
        problems.push(FieldError::new("date", "required"));
    } else if !is_iso_date(&holiday.date) {
        problems.push(FieldError::new("date", "date_invalid"));
    }
    let name = holiday.name.trim();
    if name.is_empty() {
        problems.push(FieldError::new("name", "required"));
    } else if name.chars().count() > HOLIDAY_NAME_MAX_CHARS {
        problems.push(FieldError::new("name", "too_long"));
    }
    problems
}

pub use crate::date::{cambodia_date, is_iso_date};

/// The day number of a valid ISO date (its Julian day: consecutive days are consecutive
/// numbers, so stepping and counting a range are plain arithmetic).
fn parse_iso_date(text: &str) -> Option<i64> {
    crate::date::parse(text).map(|date| i64::from(date.to_julian_day()))
}

/// The date of a day number from [`parse_iso_date`].
fn date_of(days: i64) -> Option<time::Date> {
    time::Date::from_julian_day(i32::try_from(days).ok()?).ok()
}

fn format_iso_date(days: i64) -> String {
    date_of(days).map(crate::date::format).unwrap_or_default()
}

fn is_weekend(days: i64) -> bool {
    date_of(days).is_some_and(crate::date::is_weekend)
}

/// The date `days` working days after `start` (see the module comment: the start day does
/// not count; weekends and `holidays`, ISO dates, are skipped). `None` when `start` is not a
/// valid ISO date. Holidays that are not valid dates are ignored.
pub fn add_working_days(start: &str, days: u32, holidays: &[String]) -> Option<String> {
    let mut day = parse_iso_date(start)?;
    let holidays: std::collections::BTreeSet<i64> = holidays
        .iter()
        .filter_map(|holiday| parse_iso_date(holiday))
        .collect();
    let mut remaining = days;
    while remaining > 0 {
        day += 1;
        if !is_weekend(day) && !holidays.contains(&day) {
            remaining -= 1;
        }
    }
    Some(format_iso_date(day))
}

/// Working days a factory has to object to findings, counted from the day after the report
/// became available. Weekends and public holidays do not count. Source: the programme's own
/// rule, "factories may object to findings within 21 days, weekends excluded, after a report
/// becomes available" (shared/data/reference/README.md, "Facts to encode"), with the Cambodian
/// public holidays. The labour-law parameters file has no row for it: its nearest row,
/// `arbitral_award_objection_window` (8 days, Labour Law Art. 313), is a different procedure.
pub const OBJECTION_WORKING_DAYS: u32 = 21;

/// The objection deadline of a report published at `published_at` (Unix seconds), as it is
/// announced at publication: [`OBJECTION_WORKING_DAYS`] working days after the Cambodian day
/// of publication, skipping `holidays` (the calendar of that day). `None` when the day cannot
/// be computed. Stored with the report, so later calendar changes never move it.
pub fn objection_deadline(published_at: i64, holidays: &[String]) -> Option<String> {
    add_working_days(
        &cambodia_date(published_at),
        OBJECTION_WORKING_DAYS,
        holidays,
    )
}

/// The moment (Unix seconds) from which third parties (buyers) may read a report published at
/// `published_at`, for a factory whose third-party delay is `delay_days` calendar days.
pub fn third_party_visible_from(published_at: i64, delay_days: i64) -> i64 {
    published_at + delay_days * 86_400
}

/// The years from `first` to `last` (ISO dates, inclusive) for which `holidays` holds no date:
/// a deadline counted across such a year skips weekends only, and says so.
pub fn years_without_holidays(first: &str, last: &str, holidays: &[String]) -> Vec<i32> {
    let (Some(first), Some(last)) = (crate::date::parse(first), crate::date::parse(last)) else {
        return Vec::new();
    };
    let covered: std::collections::BTreeSet<i32> = holidays
        .iter()
        .filter_map(|holiday| crate::date::parse(holiday))
        .map(|date| date.year())
        .collect();
    (first.year()..=last.year())
        .filter(|year| !covered.contains(year))
        .collect()
}

/// Reads the public-holiday calendar CSV (`year,date,holiday,days,…`, as in
/// `shared/data/reference/cambodia_public_holidays.csv`) into `(ISO date, name)` pairs, one
/// per day: a `date` of `04-14..04-16` becomes three days. When the `days` column is present
/// it must equal the number of days of the range. Names may be quoted (`"a, b"`).
pub fn parse_holiday_rows(csv_text: &str) -> Result<Vec<(String, String)>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().map_err(|error| error.to_string())?.clone();
    if header.is_empty() {
        return Err("the holiday file is empty".to_owned());
    }
    let column = |name: &str| header.iter().position(|cell| cell == name);
    let (Some(year_column), Some(date_column), Some(name_column)) =
        (column("year"), column("date"), column("holiday"))
    else {
        return Err("the holiday file needs the columns year, date and holiday".to_owned());
    };
    let days_column = column("days");
    let mut holidays = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| error.to_string())?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line_number = record.position().map_or(0, |position| position.line());
        let cell = |column: usize| record.get(column).unwrap_or("");
        let year = cell(year_column);
        let name = cell(name_column);
        if name.is_empty() {
            return Err(format!("line {line_number}: the holiday has no name"));
        }
        let (first, last) = match cell(date_column).split_once("..") {
            Some((first, last)) => (first.trim(), last.trim()),
            None => (cell(date_column), cell(date_column)),
        };
        let first_day = parse_iso_date(&format!("{year}-{first}"))
            .ok_or_else(|| format!("line {line_number}: {year}-{first} is not a date"))?;
        let last_day = parse_iso_date(&format!("{year}-{last}"))
            .ok_or_else(|| format!("line {line_number}: {year}-{last} is not a date"))?;
        if last_day < first_day {
            return Err(format!(
                "line {line_number}: the range ends before it starts"
            ));
        }
        let count = last_day - first_day + 1;
        if let Some(days_column) = days_column {
            let stated = cell(days_column);
            if !stated.is_empty() && stated.parse::<i64>().ok() != Some(count) {
                return Err(format!(
                    "line {line_number}: the days column says {stated}, the range has {count}"
                ));
            }
        }
        for day in first_day..=last_day {
            holidays.push((format_iso_date(day), name.to_owned()));
        }
    }
    Ok(holidays)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(list: &[&str]) -> Vec<String> {
        list.iter().map(|date| date.to_string()).collect()
    }

    fn add(start: &str, days: u32, holidays: &[&str]) -> String {
        add_working_days(start, days, &dates(holidays)).expect("a valid start date")
    }

    #[test]
    fn day_numbers_round_trip_and_know_the_weekday() {
        for days in (2_415_100..2_800_000).step_by(997) {
            assert_eq!(parse_iso_date(&format_iso_date(days)), Some(days));
        }
        // 2025-04-12 was a Saturday, 2025-04-13 a Sunday, 2025-04-14 a Monday.
        assert!(is_weekend(parse_iso_date("2025-04-12").unwrap()));
        assert!(is_weekend(parse_iso_date("2025-04-13").unwrap()));
        assert!(!is_weekend(parse_iso_date("2025-04-14").unwrap()));
    }

    #[test]
    fn a_plain_week_counts_from_the_next_day() {
        // Monday 2025-03-03: Tuesday is day 1, Friday day 4.
        assert_eq!(add("2025-03-03", 1, &[]), "2025-03-04");
        assert_eq!(add("2025-03-03", 4, &[]), "2025-03-07");
    }

    #[test]
    fn weekends_do_not_count() {
        // Thursday 2025-03-06 + 2: Friday, then Monday.
        assert_eq!(add("2025-03-06", 2, &[]), "2025-03-10");
        // Friday + 1 is Monday; 21 working days are over four calendar weeks.
        assert_eq!(add("2025-03-07", 1, &[]), "2025-03-10");
        assert_eq!(add("2027-01-15", 21, &[]), "2027-02-15");
    }

    #[test]
    fn a_start_on_a_weekend_counts_from_monday() {
        assert_eq!(add("2025-03-08", 1, &[]), "2025-03-10");
        assert_eq!(add("2025-03-09", 1, &[]), "2025-03-10");
        assert_eq!(add("2025-03-08", 5, &[]), "2025-03-14");
    }

    #[test]
    fn zero_days_is_the_start_day_even_on_a_weekend() {
        assert_eq!(add("2025-03-05", 0, &[]), "2025-03-05");
        assert_eq!(add("2025-03-08", 0, &["2025-03-08"]), "2025-03-08");
    }

    #[test]
    fn khmer_new_year_does_not_count() {
        let khmer_new_year = ["2025-04-14", "2025-04-15", "2025-04-16"];
        // Friday 2025-04-11 + 1: the weekend and Monday–Wednesday are skipped.
        assert_eq!(add("2025-04-11", 1, &khmer_new_year), "2025-04-17");
        // Tuesday 2025-04-01 + 21, with Khmer New Year and Labour Day (Thursday 1 May).
        let holidays = ["2025-04-14", "2025-04-15", "2025-04-16", "2025-05-01"];
        assert_eq!(add("2025-04-01", 21, &holidays), "2025-05-06");
        assert_eq!(add("2025-04-01", 21, &[]), "2025-04-30");
    }

    #[test]
    fn a_deadline_crosses_the_year_end() {
        // Wednesday 2025-12-31 + 1: 1 January 2026 (Thursday) is a holiday.
        assert_eq!(add("2025-12-31", 1, &["2026-01-01"]), "2026-01-02");
        assert_eq!(add("2025-12-31", 1, &[]), "2026-01-01");
        // Friday 2024-12-20 + 10 with 1 January 2025 off: 23–27, 30, 31, 2, 3, 6 January.
        assert_eq!(add("2024-12-20", 10, &["2025-01-01"]), "2025-01-06");
    }

    #[test]
    fn the_leap_day_is_a_working_day() {
        // Monday 2028-02-28 + 1 is Tuesday 29 February; + 2 is Wednesday 1 March.
        assert_eq!(add("2028-02-28", 1, &[]), "2028-02-29");
        assert_eq!(add("2028-02-28", 2, &[]), "2028-03-01");
        assert_eq!(add("2028-02-25", 21, &[]), "2028-03-27");
        // In 2027 there is none: Friday 26 February + 1 is Monday 1 March.
        assert_eq!(add("2027-02-26", 1, &[]), "2027-03-01");
    }

    #[test]
    fn holidays_on_a_weekend_change_nothing_and_bad_input_is_refused() {
        assert_eq!(
            add("2025-03-07", 1, &["2025-03-08", "not a date"]),
            "2025-03-10"
        );
        assert_eq!(add_working_days("2025-02-30", 3, &[]), None);
    }

    #[test]
    fn holiday_rows_expand_ranges() {
        let csv = "year,date,holiday,days,legal_instrument,source_url\n\
                   2025,01-01,International New Year's Day,1,Prakas,https://example.org\n\
                   2025,04-14..04-16,Khmer New Year,3,same,same\n\
                   \n\
                   2024,12-31,\"Eve, observed\",1,same,same\n";
        let rows = parse_holiday_rows(csv).unwrap();
        let expected = [
            ("2025-01-01", "International New Year's Day"),
            ("2025-04-14", "Khmer New Year"),
            ("2025-04-15", "Khmer New Year"),
            ("2025-04-16", "Khmer New Year"),
            ("2024-12-31", "Eve, observed"),
        ];
        assert_eq!(
            rows,
            expected
                .iter()
                .map(|(date, name)| (date.to_string(), name.to_string()))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn holiday_rows_with_errors_are_refused() {
        let header = "year,date,holiday,days\n";
        for (body, message) in [
            ("2025,02-30,Nope,1\n", "line 2: 2025-02-30 is not a date"),
            (
                "2025,04-16..04-14,Backwards,3\n",
                "line 2: the range ends before it starts",
            ),
            (
                "2025,04-14..04-16,Khmer New Year,4\n",
                "line 2: the days column says 4",
            ),
            ("2025,01-07,,1\n", "line 2: the holiday has no name"),
        ] {
            let error = parse_holiday_rows(&format!("{header}{body}")).unwrap_err();
            assert!(error.starts_with(message), "{error}");
        }
        assert!(parse_holiday_rows("").is_err());
        assert!(parse_holiday_rows("when,what\n2025,x\n").is_err());
    }
    #[test]
    fn a_new_holiday_needs_a_real_date_and_a_name() {
        let holiday = |date: &str, name: &str| Holiday {
            date: date.to_owned(),
            name: name.to_owned(),
        };
        let codes = |holiday: Holiday| -> Vec<(String, String)> {
            holiday_problems(&holiday)
                .into_iter()
                .map(|problem| (problem.field, problem.code))
                .collect()
        };
        assert!(codes(holiday("2026-04-14", "Khmer New Year")).is_empty());
        assert_eq!(
            codes(holiday("2026-02-30", " ")),
            vec![
                ("date".to_owned(), "date_invalid".to_owned()),
                ("name".to_owned(), "required".to_owned())
            ]
        );
        assert_eq!(
            codes(holiday("", &"x".repeat(121))),
            vec![
                ("date".to_owned(), "required".to_owned()),
                ("name".to_owned(), "too_long".to_owned())
            ]
        );
    }

    #[test]
    fn the_objection_deadline_counts_from_the_cambodian_day_of_publication() {
        // 2025-04-10 20:00 UTC is already Friday 11 April in Phnom Penh (UTC+7).
        let published_at = 1_744_315_200;
        assert_eq!(cambodia_date(published_at), "2025-04-11");
        let holidays = dates(&["2025-04-14", "2025-04-15", "2025-04-16"]);
        assert_eq!(
            objection_deadline(published_at, &holidays).as_deref(),
            Some("2025-05-15")
        );
        assert_eq!(
            objection_deadline(published_at, &[]).as_deref(),
            Some("2025-05-12")
        );
    }

    #[test]
    fn third_parties_read_after_the_factory_delay() {
        assert_eq!(third_party_visible_from(1_000, 0), 1_000);
        assert_eq!(third_party_visible_from(1_000, 5), 1_000 + 5 * 86_400);
    }

    #[test]
    fn years_without_holidays_are_named() {
        let holidays = dates(&["2024-01-01", "2025-04-14"]);
        assert_eq!(
            years_without_holidays("2025-12-20", "2026-01-20", &holidays),
            vec![2026]
        );
        assert!(years_without_holidays("2024-03-01", "2025-02-01", &holidays).is_empty());
        assert_eq!(
            years_without_holidays("2023-12-01", "2024-01-10", &holidays),
            vec![2023]
        );
        assert!(years_without_holidays("not a date", "2024-01-10", &holidays).is_empty());
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// A valid ISO date between 2000 and 2040.
    fn iso_date() -> impl Strategy<Value = String> {
        (0i64..(41 * 365)).prop_map(|offset| crate::date::add_days("2000-01-01", offset).unwrap())
    }

    fn is_working_day(date: &str, holidays: &[String]) -> bool {
        let day = crate::date::parse(date).unwrap();
        !crate::date::is_weekend(day) && !holidays.iter().any(|holiday| holiday == date)
    }

    proptest! {
        /// The deadline is later than the start, is itself a working day, and exactly `days`
        /// working days lie after the start up to and including it.
        #[test]
        fn exactly_the_asked_working_days_are_counted(
            start in iso_date(),
            days in 1u32..60,
            holidays in proptest::collection::vec(iso_date(), 0..40),
        ) {
            let deadline = add_working_days(&start, days, &holidays).unwrap();
            prop_assert!(deadline > start);
            prop_assert!(is_working_day(&deadline, &holidays));
            let mut counted = 0;
            let mut day = start.clone();
            while day < deadline {
                day = crate::date::add_days(&day, 1).unwrap();
                counted += u32::from(is_working_day(&day, &holidays));
            }
            prop_assert_eq!(counted, days);
        }

        /// More holidays never bring a deadline earlier; one more day never either.
        #[test]
        fn holidays_and_days_only_push_the_deadline_later(
            start in iso_date(),
            days in 0u32..60,
            holidays in proptest::collection::vec(iso_date(), 0..40),
            extra in iso_date(),
        ) {
            let base = add_working_days(&start, days, &holidays).unwrap();
            let mut more = holidays.clone();
            more.push(extra);
            prop_assert!(add_working_days(&start, days, &more).unwrap() >= base);
            prop_assert!(add_working_days(&start, days + 1, &holidays).unwrap() > base);
        }

        /// Weekends never count: two weeks of working days span exactly 14 days from a Friday.
        #[test]
        fn ten_working_days_from_a_friday_are_two_weeks(weeks in 0i64..2000) {
            let friday = crate::date::add_days("2000-01-07", weeks * 7).unwrap();
            prop_assert_eq!(
                add_working_days(&friday, 10, &[]).unwrap(),
                crate::date::add_days(&friday, 14).unwrap()
            );
        }
    }
}
