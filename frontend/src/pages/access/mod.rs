//! Who may read a factory's reports: grants and their ledger, buyers' suppliers, subscriptions.

pub mod grants;
pub mod subscriptions;
pub mod suppliers;
