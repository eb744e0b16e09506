//! Running the programme: users, the holiday calendar, checklist versions, the outbox and paper copies.

pub mod checklists;
pub mod holidays;
pub mod outbox;
pub mod paper_copies;
pub mod public_site;
pub mod users;
