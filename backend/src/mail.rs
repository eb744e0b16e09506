//! Outgoing email. Every message is first written to the outbox in the same transaction as
//! the change it announces, so a notice is never lost; when an SMTP server is configured it
//! is then sent and its row records the server's verdict. Without SMTP the message stays
//! `held` in the outbox, where administrators read it.

use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use shared::api::visits::{Scores, VisitSummary};
use shared::i18n::{translate, translate_with, Lang};

use crate::config::MailConfig;
use crate::db::{outbox, Db};

/// Sends a message already written to the outbox, if SMTP is configured, and records the
/// outcome. Failures are recorded on the message, never raised: the change it announces is
/// already saved.
pub async fn deliver(
    db: &Db,
    config: &MailConfig,
    message_id: i64,
    message: &outbox::NewMessage,
    now: i64,
) {
    let Some(smtp_url) = &config.smtp_url else {
        return;
    };
    let verdict = send(smtp_url.expose(), &config.from, message).await;
    if verdict.is_err() {
        // The server's answer often repeats the address, which is personal data: it is kept
        // on the outbox row, and the log names the message only.
        tracing::warn!(message_id, "email could not be sent; see the outbox");
    }
    if let Err(error) =
        outbox::record_delivery(&db.pool, message_id, verdict.err().as_deref(), now).await
    {
        tracing::error!(message_id, %error, "could not record email delivery");
    }
}

async fn send(smtp_url: &str, from: &str, message: &outbox::NewMessage) -> Result<(), String> {
    let from: Mailbox = from
        .parse()
        .map_err(|error| format!("sender address: {error}"))?;
    let to: Mailbox = message
        .to_address
        .parse()
        .map_err(|error| format!("recipient address: {error}"))?;
    let email = Message::builder()
        .from(from)
        .to(to)
        .subject(&message.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(message.body.clone())
        .map_err(|error| error.to_string())?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
        .map_err(|error| format!("SMTP settings: {error}"))?
        .timeout(Some(std::time::Duration::from_secs(20)))
        .build();
    transport
        .send(email)
        .await
        .map(|_| ())
        .map_err(|error| error.to_string())
}

/// The notice that a report was published, to the factory's contact, in the programme's three
/// languages (the factory's preferred language is not known).
pub fn report_published_notice(
    factory_name: &str,
    visit: &VisitSummary,
    scores: &Scores,
    public_url: &str,
    to_address: String,
) -> outbox::NewMessage {
    let link = format!("{public_url}/visits/{}", visit.id);
    let critical = scores.critical_issues.len().to_string();
    let body = Lang::ALL
        .iter()
        .map(|lang| {
            translate_with(
                *lang,
                "mail.report_published.body",
                &[
                    ("factory", factory_name),
                    ("date", &visit.start_date),
                    ("critical", &critical),
                    ("link", &link),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n----\n\n");
    outbox::NewMessage {
        factory_id: Some(visit.factory_id),
        visit_id: Some(visit.id),
        to_address,
        subject: format!(
            "{} / {}",
            translate_with(
                Lang::En,
                "mail.report_published.subject",
                &[("factory", factory_name)]
            ),
            translate(Lang::Km, "mail.report_published.subject_short"),
        ),
        body,
    }
}

/// The notice that a published report was amended (an upheld objection or a staff
/// correction), to the factory's contact and to each buyer with access, in the three
/// languages. The reason is the staff's own words, in whatever language they wrote it.
pub fn report_amended_notice(
    visit: &VisitSummary,
    version_number: i64,
    reason: &str,
    public_url: &str,
    to_address: String,
) -> outbox::NewMessage {
    let link = format!("{public_url}/reports/{}", visit.id);
    let version = version_number.to_string();
    let body = Lang::ALL
        .iter()
        .map(|lang| {
            translate_with(
                *lang,
                "mail.report_amended.body",
                &[
                    ("factory", &visit.factory_name),
                    ("date", &visit.start_date),
                    ("version", &version),
                    ("reason", reason),
                    ("link", &link),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n----\n\n");
    outbox::NewMessage {
        factory_id: Some(visit.factory_id),
        visit_id: Some(visit.id),
        to_address,
        subject: format!(
            "{} / {}",
            translate_with(
                Lang::En,
                "mail.report_amended.subject",
                &[("factory", &visit.factory_name), ("version", &version)]
            ),
            translate(Lang::Km, "mail.report_amended.subject_short"),
        ),
        body,
    }
}
