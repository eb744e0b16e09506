//! Email delivery through a real SMTP conversation with a small server in the test process.

use std::sync::{Arc, Mutex};

use base64::Engine;
use shared::api::outbox::OutboxView;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::helpers::TestApp;
use crate::visits::{factory_id, published_visit};

/// What the SMTP server received: envelope recipients and message data.
#[derive(Default, Debug)]
struct Received {
    recipients: Vec<String>,
    data: Vec<String>,
}

/// Accepts SMTP sessions on a free port and answers like a permissive relay. When `reject` is
/// set, every recipient is refused, as a server does for an unknown mailbox.
async fn smtp_server(reject: bool) -> (u16, Arc<Mutex<Received>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Received::default()));
    let store = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (reader, mut writer) = socket.into_split();
                let mut lines = BufReader::new(reader).lines();
                writer.write_all(b"220 test.example ESMTP\r\n").await.ok();
                let mut in_data = false;
                let mut message = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            store
                                .lock()
                                .unwrap()
                                .data
                                .push(std::mem::take(&mut message));
                            writer.write_all(b"250 2.0.0 queued\r\n").await.ok();
                        } else {
                            message.push_str(&line);
                            message.push('\n');
                        }
                        continue;
                    }
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("EHLO") {
                        b"250-test.example\r\n250 8BITMIME\r\n"
                    } else if command.starts_with("HELO") || command.starts_with("MAIL FROM") {
                        b"250 2.1.0 ok\r\n"
                    } else if command.starts_with("RCPT TO") {
                        if reject {
                            b"550 5.1.1 mailbox unavailable\r\n"
                        } else {
                            store.lock().unwrap().recipients.push(line[8..].to_owned());
                            b"250 2.1.5 ok\r\n"
                        }
                    } else if command.starts_with("DATA") {
                        in_data = true;
                        b"354 go ahead\r\n"
                    } else if command.starts_with("QUIT") {
                        writer.write_all(b"221 bye\r\n").await.ok();
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    writer.write_all(reply).await.ok();
                }
            });
        }
    });
    (port, received)
}

async fn outbox(app: &TestApp) -> OutboxView {
    let mut admin = app.login_demo("admin").await;
    admin.get("/api/outbox").await.json()
}

#[tokio::test]
async fn a_published_report_is_emailed_through_smtp_and_marked_sent() {
    // Arrange
    let (port, received) = smtp_server(false).await;
    let smtp_url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::sqlite_with_settings(&[("IMS_SMTP_URL", &smtp_url)]).await;
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, "Injae Garment Co. Ltd.").await;

    // Act
    let visit = published_visit(&app, factory).await;

    // Assert
    let view = outbox(&app).await;
    assert_eq!(view.messages.len(), 1);
    let message = &view.messages[0];
    assert_eq!(message.delivery, "sent", "{:?}", message.error);
    assert_eq!(message.sent_at, visit.published_at);
    let received = received.lock().unwrap();
    assert_eq!(
        received.recipients,
        ["<compliance.demo-0001@factories.example>"]
    );
    assert_eq!(received.data.len(), 1);
    assert!(received.data[0].contains("Subject: Assessment report published"));
    // Khmer and Chinese make the body non-ASCII, so it travels base64-encoded.
    let message = &received.data[0];
    assert!(message.contains("Content-Transfer-Encoding: base64"));
    let (_, encoded) = message.split_once("\n\n").expect("headers, then the body");
    let body = base64::engine::general_purpose::STANDARD
        .decode(encoded.replace('\n', ""))
        .expect("a base64 body");
    let body = String::from_utf8(body).expect("UTF-8 text");
    assert!(body.contains(&format!("/visits/{}", visit.id)), "{body}");
    assert!(body.contains("Injae Garment Co. Ltd."));
}

#[tokio::test]
async fn a_refused_email_is_kept_as_failed_with_the_server_answer_and_publication_stands() {
    // Arrange
    let (port, _) = smtp_server(true).await;
    let smtp_url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::sqlite_with_settings(&[("IMS_SMTP_URL", &smtp_url)]).await;
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, "Injae Garment Co. Ltd.").await;

    // Act
    let visit = published_visit(&app, factory).await;

    // Assert
    assert!(visit.published_at.is_some());
    let view = outbox(&app).await;
    let message = &view.messages[0];
    assert_eq!(message.delivery, "failed");
    assert!(
        message
            .error
            .as_deref()
            .unwrap_or_default()
            .contains("mailbox unavailable"),
        "{:?}",
        message.error
    );
    assert_eq!(message.sent_at, None);
}
