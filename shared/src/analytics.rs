//! Pure rules of the industry figures: reporting periods, size bands and the dimensions that
//! factories are grouped by. Used by the server to compute and by the UI to offer choices.

use serde::{Deserialize, Serialize};

use crate::wire::string_enum;

string_enum!(
    /// How long a reporting period is.
    Granularity {
        Quarter => "quarter",
        Half => "half",
        Year => "year",
    }
);

string_enum!(
    /// A factory attribute that industry figures can be compared by.
    GroupDimension {
        ProductType => "product_type",
        SizeBand => "size_band",
        OwnershipCountry => "ownership_country",
        Province => "province",
        UnionPresence => "union_presence",
        ExportLicence => "export_licence",
    }
);

string_enum!(
    /// The level at which issues are ranked.
    IssueLevel {
        Question => "question",
        Point => "point",
        Cluster => "cluster",
    }
);

string_enum!(
    /// Factory size by workforce, as the programme reports it.
    SizeBand {
        Small => "under_500",
        Medium => "500_to_999",
        Large => "1000_to_1999",
        VeryLarge => "2000_and_more",
    }
);

impl SizeBand {
    pub fn of(workers: i64) -> SizeBand {
        match workers {
            i64::MIN..=499 => SizeBand::Small,
            500..=999 => SizeBand::Medium,
            1000..=1999 => SizeBand::Large,
            _ => SizeBand::VeryLarge,
        }
    }
}

/// The period of an ISO date (`2024-05-17`): `2024-Q2`, `2024-H1` or `2024`.
pub fn period_of(date: &str, granularity: Granularity) -> Option<String> {
    let year: i32 = date.get(0..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    Some(match granularity {
        Granularity::Quarter => format!("{year}-Q{}", (month - 1) / 3 + 1),
        Granularity::Half => format!("{year}-H{}", (month - 1) / 6 + 1),
        Granularity::Year => format!("{year}"),
    })
}

/// First and last day (inclusive, ISO dates) of a period written as `period_of` writes it.
pub fn period_bounds(period: &str) -> Option<(Granularity, String, String)> {
    let year: i32 = period.get(0..4)?.parse().ok()?;
    let (granularity, first_month, last_month) = match period.get(4..) {
        Some("") => (Granularity::Year, 1, 12),
        Some("-Q1") => (Granularity::Quarter, 1, 3),
        Some("-Q2") => (Granularity::Quarter, 4, 6),
        Some("-Q3") => (Granularity::Quarter, 7, 9),
        Some("-Q4") => (Granularity::Quarter, 10, 12),
        Some("-H1") => (Granularity::Half, 1, 6),
        Some("-H2") => (Granularity::Half, 7, 12),
        _ => return None,
    };
    let last_day = match last_month {
        3 | 12 => 31,
        6 | 9 => 30,
        _ => unreachable!("periods end in March, June, September or December"),
    };
    Some((
        granularity,
        format!("{year:04}-{first_month:02}-01"),
        format!("{year:04}-{last_month:02}-{last_day:02}"),
    ))
}

/// `part` as a percentage of `whole`, `None` when the whole is zero. Every rate of the
/// programme is one: non-compliant points of assessed points, factories found of factories
/// assessed, workers concerned of workers covered.
pub fn share(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| 100.0 * part as f64 / whole as f64)
}

/// A rate (already in percent) rounded for display, or a dash when nothing was assessed.
pub fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(rate) => format!("{rate:.0}%"),
        None => "–".to_owned(),
    }
}

/// 12345 → "12,345": counts of factories and workers, grouped the same way in all three
/// languages here.
pub fn format_number(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if value < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// The fewest factories a figure drawn from factories' own data (their self-assessments) may
/// rest on: below it the figure could reveal one factory's answers, so only counts are given.
pub const MIN_FACTORIES_IN_A_FIGURE: i64 = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(format_number(0), "0");
        assert_eq!(format_number(999), "999");
        assert_eq!(format_number(1000), "1,000");
        assert_eq!(format_number(7_159_944), "7,159,944");
        assert_eq!(format_number(-12_345), "-12,345");
    }

    #[test]
    fn dates_fall_in_their_periods() {
        assert_eq!(
            period_of("2024-01-01", Granularity::Quarter).as_deref(),
            Some("2024-Q1")
        );
        assert_eq!(
            period_of("2024-06-30", Granularity::Quarter).as_deref(),
            Some("2024-Q2")
        );
        assert_eq!(
            period_of("2024-07-01", Granularity::Half).as_deref(),
            Some("2024-H2")
        );
        assert_eq!(
            period_of("2024-12-31", Granularity::Year).as_deref(),
            Some("2024")
        );
        assert_eq!(period_of("2024-13-01", Granularity::Year), None);
        assert_eq!(period_of("nonsense", Granularity::Year), None);
    }

    #[test]
    fn periods_have_inclusive_bounds() {
        assert_eq!(
            period_bounds("2023-Q3"),
            Some((
                Granularity::Quarter,
                "2023-07-01".into(),
                "2023-09-30".into()
            ))
        );
        assert_eq!(
            period_bounds("2023-H1"),
            Some((Granularity::Half, "2023-01-01".into(), "2023-06-30".into()))
        );
        assert_eq!(
            period_bounds("2023"),
            Some((Granularity::Year, "2023-01-01".into(), "2023-12-31".into()))
        );
        assert_eq!(period_bounds("2023-Q5"), None);
        for period in ["2021-Q1", "2021-Q4", "2021-H2", "2021"] {
            let (granularity, first, last) = period_bounds(period).unwrap();
            assert_eq!(period_of(&first, granularity).as_deref(), Some(period));
            assert_eq!(period_of(&last, granularity).as_deref(), Some(period));
        }
    }

    #[test]
    fn shares_are_percentages_of_a_non_empty_whole() {
        assert_eq!(share(1, 0), None);
        assert_eq!(share(1, 4), Some(25.0));
    }

    #[test]
    fn size_bands_follow_workforce() {
        assert_eq!(SizeBand::of(0), SizeBand::Small);
        assert_eq!(SizeBand::of(499), SizeBand::Small);
        assert_eq!(SizeBand::of(500), SizeBand::Medium);
        assert_eq!(SizeBand::of(1999), SizeBand::Large);
        assert_eq!(SizeBand::of(2000), SizeBand::VeryLarge);
    }
}
