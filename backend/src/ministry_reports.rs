//! Reports of non-cooperation to the ministries: when an obstructed visit's report is approved,
//! one letter per ministry is composed (`shared::ministry::letter`), stored as written, and
//! emailed through the outbox to the ministries whose address is configured. Delivery happens
//! after the transaction commits, as for every notice.

use shared::api::visits::VisitSummary;
use shared::date::cambodia_date;
use shared::ministry::{letter, letter_reference, Ministry, ObstructionFacts};
use sqlx::AnyConnection;

use crate::config::MinistryEmails;
use crate::db::ministry_letters::{self, NewLetter};
use crate::db::{factories, outbox, visits};

/// Writes the ministries' letters for an approved report of an obstructed visit; returns the
/// emails to send after commit. Nothing is written when the visit was not obstructed or its
/// letters already exist.
pub async fn write_letters(
    connection: &mut AnyConnection,
    visit: &VisitSummary,
    approved_by: i64,
    now: i64,
    emails: &MinistryEmails,
) -> Result<Vec<(i64, outbox::NewMessage)>, sqlx::Error> {
    let Some(record) = visits::non_cooperation_record(&mut *connection, visit.id).await? else {
        return Ok(Vec::new());
    };
    if ministry_letters::written_for_visit(&mut *connection, visit.id).await? {
        return Ok(Vec::new());
    }
    let factory = factories::find(&mut *connection, visit.factory_id).await?;
    let facts_of_visit = visits::facts(connection, visit.id).await?;
    let facts = ObstructionFacts {
        factory_name: visit.factory_name.clone(),
        factory_address: factory
            .as_ref()
            .map(|f| f.address.clone())
            .unwrap_or_default(),
        registration_number: factory
            .and_then(|f| f.registration_number)
            .unwrap_or_default(),
        visit_date: visit.start_date.clone(),
        details: record.details,
        monitors: visit.monitor_names(),
        gate_wait_minutes: facts_of_visit.gate_wait_minutes,
        written_on: cambodia_date(now),
    };
    let mut notices = Vec::new();
    for ministry in [Ministry::Labour, Ministry::Commerce] {
        let reference = letter_reference(visit.id, ministry);
        let text = letter(ministry, &reference, &facts);
        let email = match emails.of(ministry) {
            Some(address) => {
                let message = outbox::NewMessage {
                    factory_id: Some(visit.factory_id),
                    visit_id: Some(visit.id),
                    to_address: address.to_owned(),
                    subject: text.subject.clone(),
                    body: text.body.clone(),
                };
                let id = outbox::insert(&mut *connection, &message, now).await?;
                notices.push((id, message));
                Some(id)
            }
            None => None,
        };
        ministry_letters::insert(
            connection,
            &NewLetter {
                visit_id: visit.id,
                factory_id: visit.factory_id,
                ministry,
                reference: &reference,
                written_on: &facts.written_on,
                subject: &text.subject,
                body: &text.body,
                outbox_message_id: email,
            },
            approved_by,
            now,
        )
        .await?;
    }
    Ok(notices)
}
