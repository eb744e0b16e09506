//! `/api/outbox`: the emails the system sent or holds, and the reports waiting to be posted
//! on paper to factories without email.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: i64,
    pub factory_id: Option<i64>,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    /// `held` (kept in the outbox, no SMTP configured), `sent` or `failed`.
    pub delivery: String,
    pub error: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// A published report for a factory that needs a paper copy, not yet posted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperCopyDue {
    pub visit_id: i64,
    pub factory_id: i64,
    pub factory_name: String,
    pub address: String,
    pub published_at: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    pub messages: Vec<OutboxMessage>,
    pub paper_copies_due: Vec<PaperCopyDue>,
}
