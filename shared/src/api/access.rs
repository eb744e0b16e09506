//! Third-party access: a factory's grants to buyers, vendors and head offices, their paid
//! subscriptions, the ledger of report views, and the factories a buyer may read.

use serde::{Deserialize, Serialize};

/// The fee an organisation pays per factory per year unless the administrator records
/// another: US$750, the programme's published rate (issue 6).
pub const DEFAULT_SUBSCRIPTION_FEE_CENTS: i64 = 75_000;

/// One organisation's access to a factory's reports, as the factory and staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccessGrant {
    pub organisation_id: i64,
    pub organisation_name: String,
    /// buyer, vendor or head_office.
    pub organisation_kind: String,
    pub granted_at: i64,
    /// `None` while the grant stands.
    pub revoked_at: Option<i64>,
    /// A paid subscription covers today: with an unrevoked grant, the organisation reads
    /// the factory's reports from their third-party date.
    pub subscription_active: bool,
}

/// The factory manager's third-party access form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GrantRequest {
    pub organisation_id: i64,
}

/// An organisation's subscription to one factory's reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub factory_id: i64,
    pub factory_name: String,
    pub fee_cents: i64,
    /// ISO dates in Cambodia's calendar, both included.
    pub starts_on: String,
    pub ends_on: String,
    pub paid: bool,
    /// Paid and covering today.
    pub active: bool,
}

/// What an administrator records; `fee_cents` defaults to the configured yearly fee.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionInput {
    pub organisation_id: i64,
    pub factory_id: i64,
    #[serde(default)]
    pub fee_cents: Option<i64>,
    pub starts_on: String,
    pub ends_on: String,
    pub paid: bool,
}

/// The subscriptions page: every subscription, and the fee a new one starts with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionList {
    pub default_fee_cents: i64,
    pub subscriptions: Vec<Subscription>,
}

/// One line of a factory's access ledger: which organisation opened which report, or which
/// self-assessment the factory shared with it, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccessLogEntry {
    pub organisation_name: String,
    /// The report opened; 0 on a self-assessment line.
    pub visit_id: i64,
    /// The day of what was opened: the report's visit start date, or (on a self-assessment
    /// line) the day in Cambodia the self-assessment was completed.
    pub visit_start_date: String,
    pub viewed_at: i64,
    /// Set when the line is a shared self-assessment opened, not a report.
    #[serde(default)]
    pub self_assessment_id: Option<i64>,
}

/// A shared self-assessment's result is written to the factory's access ledger each time an
/// organisation's user opens it; its other reads (progress, one cluster's answers, which the
/// result page links to) add a line only when that user has none for it in this many seconds.
pub const SELF_ASSESSMENT_LEDGER_WINDOW_SECONDS: i64 = 60 * 60;

/// A factory a buyer may read now, with its reports already past their third-party date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupplierFactory {
    pub factory_id: i64,
    pub name: String,
    pub province: String,
    /// The last day of the paid subscription.
    pub access_until: String,
    /// Oldest first.
    pub reports: Vec<crate::api::analytics::ReportHistoryEntry>,
}
