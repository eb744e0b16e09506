//! Pure rules of third-party access: what a subscription form must hold.

use crate::api::access::SubscriptionInput;
use crate::date::is_iso_date;
use crate::error::FieldError;

/// A fee above this (US$100,000 a year for one factory) is a typing mistake.
pub const MAX_FEE_CENTS: i64 = 10_000_000;

/// The problems of a subscription form, by field. The organisation and factory are checked
/// against the database by the server.
pub fn subscription_problems(input: &SubscriptionInput) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if input.organisation_id <= 0 {
        problems.push(FieldError::new("organisation_id", "required"));
    }
    if input.factory_id <= 0 {
        problems.push(FieldError::new("factory_id", "required"));
    }
    if input
        .fee_cents
        .is_some_and(|fee| !(0..=MAX_FEE_CENTS).contains(&fee))
    {
        problems.push(FieldError::new("fee_cents", "amount_invalid"));
    }
    let date_problem = |text: &str| {
        if text.trim().is_empty() {
            Some("required")
        } else if !is_iso_date(text) {
            Some("date_invalid")
        } else {
            None
        }
    };
    let starts = date_problem(&input.starts_on);
    let ends = date_problem(&input.ends_on);
    if let Some(code) = starts {
        problems.push(FieldError::new("starts_on", code));
    }
    if let Some(code) = ends {
        problems.push(FieldError::new("ends_on", code));
    }
    // ISO dates compare as text.
    if starts.is_none() && ends.is_none() && input.ends_on < input.starts_on {
        problems.push(FieldError::new("ends_on", "end_before_start"));
    }
    problems
}

/// US cents from what a person typed in dollars (`750`, `750.00`, `1,200.5`); `None` when
/// it is not an amount.
pub fn parse_dollars(text: &str) -> Option<i64> {
    let cleaned: String = text.trim().chars().filter(|c| *c != ',').collect();
    let (whole, cents) = match cleaned.split_once('.') {
        Some((whole, cents)) => (whole, cents),
        None => (cleaned.as_str(), ""),
    };
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || cents.len() > 2 {
        return None;
    }
    if !cents.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let cents: i64 = format!("{cents:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(cents)
}

/// `75000` → `750.00`, for showing a fee in a form or a table.
pub fn format_dollars(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SubscriptionInput {
        SubscriptionInput {
            organisation_id: 1,
            factory_id: 2,
            fee_cents: None,
            starts_on: "2027-01-01".into(),
            ends_on: "2027-12-31".into(),
            paid: true,
        }
    }

    fn codes(input: &SubscriptionInput) -> Vec<(String, String)> {
        subscription_problems(input)
            .into_iter()
            .map(|problem| (problem.field, problem.code))
            .collect()
    }

    #[test]
    fn a_complete_form_has_no_problems() {
        assert!(codes(&form()).is_empty());
    }

    #[test]
    fn dates_must_be_real_and_in_order() {
        let mut input = form();
        input.starts_on = "2027-02-30".into();
        input.ends_on = String::new();
        assert_eq!(
            codes(&input),
            vec![
                ("starts_on".into(), "date_invalid".into()),
                ("ends_on".into(), "required".into())
            ]
        );
        let mut input = form();
        input.ends_on = "2026-12-31".into();
        assert_eq!(
            codes(&input),
            vec![("ends_on".into(), "end_before_start".into())]
        );
        // A one-day subscription is allowed: both days are included.
        input.ends_on = input.starts_on.clone();
        assert!(codes(&input).is_empty());
    }

    #[test]
    fn a_negative_or_absurd_fee_is_refused() {
        let mut input = form();
        input.fee_cents = Some(-1);
        assert_eq!(
            codes(&input),
            vec![("fee_cents".into(), "amount_invalid".into())]
        );
        input.fee_cents = Some(MAX_FEE_CENTS + 1);
        assert_eq!(codes(&input).len(), 1);
        input.fee_cents = Some(0);
        assert!(codes(&input).is_empty());
    }

    #[test]
    fn dollar_amounts_parse_to_cents() {
        assert_eq!(parse_dollars("750"), Some(75_000));
        assert_eq!(parse_dollars(" 750.5 "), Some(75_050));
        assert_eq!(parse_dollars("1,200.05"), Some(120_005));
        assert_eq!(parse_dollars("0"), Some(0));
        for bad in ["", "-5", "7.505", "abc", "1.2.3", ".50"] {
            assert_eq!(parse_dollars(bad), None, "{bad}");
        }
        assert_eq!(format_dollars(75_000), "750.00");
        assert_eq!(format_dollars(90_005), "900.05");
    }
}
