//! The factory registry's vocabulary and input rules, shared by the form and the server.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;
pub use crate::error::ImportRowError;
use crate::validate::email_problem;

/// Cambodia's capital and 24 provinces, as stored (English names).
pub const PROVINCES: [&str; 25] = [
    "Phnom Penh",
    "Banteay Meanchey",
    "Battambang",
    "Kampong Cham",
    "Kampong Chhnang",
    "Kampong Speu",
    "Kampong Thom",
    "Kampot",
    "Kandal",
    "Kep",
    "Koh Kong",
    "Kratie",
    "Mondulkiri",
    "Oddar Meanchey",
    "Pailin",
    "Preah Sihanouk",
    "Preah Vihear",
    "Prey Veng",
    "Pursat",
    "Ratanakiri",
    "Siem Reap",
    "Stung Treng",
    "Svay Rieng",
    "Takeo",
    "Tbong Khmum",
];

/// What the programme monitors: garment, footwear, travel goods and bags.
pub const PRODUCT_TYPES: [&str; 3] = ["garment", "footwear", "travel_goods_and_bags"];

/// A factory's registration status.
pub const FACTORY_STATUSES: [&str; 3] = ["active", "suspended", "closed"];

/// A factory as an administrator enters it (form) or imports it (one CSV row).
/// Unknown facts stay empty rather than being guessed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FactoryInput {
    pub name: String,
    #[serde(default)]
    pub local_name: Option<String>,
    #[serde(default)]
    pub registration_number: Option<String>,
    /// Open Supply Hub id, e.g. `KH2019123ABCDEF`.
    #[serde(default)]
    pub osh_id: Option<String>,
    #[serde(default)]
    pub address: String,
    /// One of [`PROVINCES`].
    pub province: String,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
    /// One of [`PRODUCT_TYPES`].
    pub product_type: String,
    /// ISO 3166-1 alpha-2 code of the owner's country, e.g. `CN`, `TW`, `KH`.
    #[serde(default)]
    pub ownership_country: Option<String>,
    #[serde(default)]
    pub export_licence: Option<String>,
    #[serde(default)]
    pub total_workers: Option<i64>,
    #[serde(default)]
    pub women_share_percent: Option<f64>,
    #[serde(default)]
    pub union_presence: Option<bool>,
    #[serde(default)]
    pub contact_email: Option<String>,
    /// The factory has no email or internet: reports go out on paper.
    #[serde(default)]
    pub needs_paper_copy: bool,
    /// Days after publication before authorised third parties may see a report; the
    /// programme's default (5) when not given.
    #[serde(default)]
    pub third_party_delay_days: Option<i64>,
    /// One of [`FACTORY_STATUSES`]; empty means active.
    #[serde(default)]
    pub status: String,
}

/// Cambodia's bounding box, with a margin: coordinates outside it are a data error.
const LATITUDE_RANGE: (f64, f64) = (9.5, 15.0);
const LONGITUDE_RANGE: (f64, f64) = (102.0, 108.0);

/// Every rule a factory input breaks, as field errors with `validation.<code>` codes.
pub fn factory_input_problems(input: &FactoryInput) -> Vec<FieldError> {
    let mut problems = Vec::new();
    let mut add = |field: &str, code: &str| problems.push(FieldError::new(field, code));
    let name = input.name.trim();
    if name.is_empty() {
        add("name", "required");
    } else if name.chars().count() > 200 {
        add("name", "too_long");
    }
    if !PROVINCES.contains(&input.province.as_str()) {
        add(
            "province",
            if input.province.trim().is_empty() {
                "required"
            } else {
                "province_unknown"
            },
        );
    }
    if !PRODUCT_TYPES.contains(&input.product_type.as_str()) {
        add("product_type", "product_type_unknown");
    }
    if !input.status.is_empty() && !FACTORY_STATUSES.contains(&input.status.as_str()) {
        add("status", "status_unknown");
    }
    match (input.latitude, input.longitude) {
        (None, None) => {}
        (Some(latitude), Some(longitude)) => {
            let inside = (LATITUDE_RANGE.0..=LATITUDE_RANGE.1).contains(&latitude)
                && (LONGITUDE_RANGE.0..=LONGITUDE_RANGE.1).contains(&longitude);
            if !inside {
                add("latitude", "coordinates_outside_cambodia");
            }
        }
        _ => add("latitude", "coordinates_incomplete"),
    }
    if input
        .total_workers
        .is_some_and(|workers| !(0..=200_000).contains(&workers))
    {
        add("total_workers", "workers_out_of_range");
    }
    if input
        .women_share_percent
        .is_some_and(|share| !(0.0..=100.0).contains(&share))
    {
        add("women_share_percent", "percent_out_of_range");
    }
    if input
        .third_party_delay_days
        .is_some_and(|days| !(0..=365).contains(&days))
    {
        add("third_party_delay_days", "delay_out_of_range");
    }
    if let Some(code) = input.contact_email.as_deref().and_then(email_problem) {
        add("contact_email", code);
    }
    if let Some(country) = &input.ownership_country {
        if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
            add("ownership_country", "country_code_invalid");
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> FactoryInput {
        FactoryInput {
            name: "Injae Garment Co. Ltd.".into(),
            province: "Phnom Penh".into(),
            product_type: "garment".into(),
            latitude: Some(11.588),
            longitude: Some(104.899),
            ..FactoryInput::default()
        }
    }

    #[test]
    fn a_complete_factory_is_valid() {
        assert!(factory_input_problems(&valid()).is_empty());
    }

    #[test]
    fn coordinates_must_be_in_cambodia_and_complete() {
        let dhaka = FactoryInput {
            latitude: Some(23.8),
            longitude: Some(90.4),
            ..valid()
        };
        assert_eq!(
            factory_input_problems(&dhaka)[0].code,
            "coordinates_outside_cambodia"
        );
        let half = FactoryInput {
            longitude: None,
            ..valid()
        };
        assert_eq!(
            factory_input_problems(&half)[0].code,
            "coordinates_incomplete"
        );
    }

    #[test]
    fn unknown_vocabulary_is_refused() {
        let input = FactoryInput {
            province: "Narnia".into(),
            product_type: "toys".into(),
            status: "open".into(),
            ..valid()
        };
        let codes: Vec<_> = factory_input_problems(&input)
            .into_iter()
            .map(|p| p.code)
            .collect();
        assert_eq!(
            codes,
            ["province_unknown", "product_type_unknown", "status_unknown"]
        );
    }
}
