//! The visit facts (measurements, interviews, documents, outcome) typed on the tablet are kept
//! on the device first, like answers: the latest save of each visit waits in the device store,
//! belongs to the signed-in user, and leaves it only once the server has stored it. A save made
//! offline is sent when the connection returns or the visit page opens again.

use shared::api::visits::VisitFacts;

use crate::answer_sync::user_key;
use crate::device_store;

fn key(visit_id: i64) -> String {
    user_key("pending_facts", visit_id)
}

/// The facts of `visit_id` this user saved on the device and the server has not stored yet.
pub fn load(visit_id: i64) -> Option<VisitFacts> {
    device_store::get(&key(visit_id)).and_then(|text| serde_json::from_str(&text).ok())
}

/// Keeps `facts` on the device (replacing an earlier unsent save of the same visit).
pub fn keep(visit_id: i64, facts: &VisitFacts) {
    if let Ok(text) = serde_json::to_string(facts) {
        device_store::set(&key(visit_id), &text);
    }
}

/// Forgets the kept facts once the server stored them, unless a newer save replaced them.
pub fn acknowledge(visit_id: i64, sent: &VisitFacts) {
    if load(visit_id).as_ref() == Some(sent) {
        device_store::remove(&key(visit_id));
    }
}

/// Forgets the kept facts without sending them: the monitor's decision, once the visit can no
/// longer take them (after saving them to a file, if they wish).
pub fn discard(visit_id: i64) {
    device_store::remove(&key(visit_id));
}
