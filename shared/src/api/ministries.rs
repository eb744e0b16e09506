//! `/api/ministry-letters`: the reports of non-cooperation written to the ministries, with
//! their delivery by email and by hand.

use serde::{Deserialize, Serialize};

use crate::ministry::Ministry;

/// A letter to a ministry about an obstructed visit, as written (never changed afterwards),
/// with how it was delivered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MinistryLetter {
    pub id: i64,
    pub visit_id: i64,
    pub factory_id: i64,
    pub factory_name: String,
    /// ISO date of the visit.
    pub visit_date: String,
    pub ministry: Ministry,
    pub reference: String,
    /// ISO date (Cambodia) the letter was written: when the report was approved.
    pub written_on: String,
    pub written_by: String,
    pub subject: String,
    /// Khmer, then English.
    pub body: String,
    /// The ministry's address when one was configured; the email is then in the outbox.
    pub emailed_to: Option<String>,
    /// `held` (no SMTP server), `sent` or `failed`; `None` when no address was configured.
    pub email_delivery: Option<String>,
    pub email_error: Option<String>,
    /// ISO date the paper copy was handed over, who recorded it and what they noted.
    pub paper_handed_over_on: Option<String>,
    pub paper_recorded_by: Option<String>,
    pub paper_note: String,
}

/// A paper copy handed over to the ministry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PaperHandover {
    /// ISO date.
    pub handed_over_on: String,
    /// Who received it, a receipt number.
    #[serde(default)]
    pub note: String,
}
