//! Configuration from environment variables; each one is documented in `.env.example`.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

/// A connection URL whose password never reaches a log line.
#[derive(Clone)]
pub struct SecretUrl(String);

impl SecretUrl {
    pub fn new(url: impl Into<String>) -> Self {
        SecretUrl(url.into())
    }

    /// The full URL, for connecting only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with any password replaced, safe to print.
    pub fn redacted(&self) -> String {
        match url::Url::parse(&self.0) {
            Ok(mut parsed) if parsed.password().is_some() => {
                let _ = parsed.set_password(Some("***"));
                parsed.to_string()
            }
            Ok(parsed) => parsed.to_string(),
            Err(_) => "<unparsable url>".to_owned(),
        }
    }
}

impl fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// Outgoing mail. Without an SMTP URL, mail is kept in the database outbox.
#[derive(Clone, Debug)]
pub struct MailConfig {
    pub smtp_url: Option<SecretUrl>,
    pub from: String,
    /// Address of the web app, for links in emails.
    pub public_url: String,
}

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://…` or `postgres://…`; the scheme selects the database.
    pub database_url: SecretUrl,
    pub bind: SocketAddr,
    /// Sets the `Secure` flag on the session cookie; turn on behind HTTPS.
    pub cookie_secure: bool,
    pub session_hours: i64,
    /// The built web app (Trunk's `dist/`).
    pub static_dir: PathBuf,
    /// Load demo users and factories when the database has no users yet.
    pub demo_data: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    pub mail: MailConfig,
    pub log_filter: String,
    /// The yearly fee a new subscription starts with, in US cents (`IMS_SUBSCRIPTION_FEE_USD`).
    pub subscription_fee_cents: i64,
    /// Lets `PUT /api/testing/clock` move the server's clock: browser tests only, never in
    /// production.
    pub test_clock: bool,
    pub site: SiteConfig,
    /// Days after a visit's last day by which its report should be published; the management
    /// report names those past it (`IMS_PUBLICATION_TARGET_DAYS`).
    pub publication_target_days: i64,
    /// Where reports of non-cooperation are emailed (`IMS_MINISTRY_LABOUR_EMAIL`,
    /// `IMS_MINISTRY_COMMERCE_EMAIL`); without an address the letter is printed and handed over.
    pub ministry_emails: MinistryEmails,
}

/// The ministries' addresses for reports of non-cooperation.
#[derive(Clone, Debug, Default)]
pub struct MinistryEmails {
    pub labour: Option<String>,
    pub commerce: Option<String>,
}

impl MinistryEmails {
    pub fn of(&self, ministry: shared::ministry::Ministry) -> Option<&str> {
        match ministry {
            shared::ministry::Ministry::Labour => self.labour.as_deref(),
            shared::ministry::Ministry::Commerce => self.commerce.as_deref(),
        }
    }
}

/// The generated public site: where it is written and where the public reads it.
#[derive(Clone, Debug)]
pub struct SiteConfig {
    /// The folder the site is written to (`IMS_SITE_DIR`), served by `ims-site-server` or
    /// copied to any web server.
    pub dir: PathBuf,
    /// Address of the public site (`IMS_SITE_URL`), shown to administrators.
    pub url: String,
    /// Write a new generation after each publication (`IMS_SITE_AFTER_PUBLICATION`).
    pub after_publication: bool,
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests can pass their own values.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let get = |name: &str, default: &str| lookup(name).unwrap_or_else(|| default.to_owned());
        let flag = |name: &str, default: bool| -> Result<bool, String> {
            match lookup(name).as_deref().map(str::trim) {
                None | Some("") => Ok(default),
                Some("1" | "true" | "yes" | "on") => Ok(true),
                Some("0" | "false" | "no" | "off") => Ok(false),
                Some(other) => Err(format!("{name} must be true or false, not {other:?}")),
            }
        };
        let bind = get("IMS_BIND", "127.0.0.1:8080");
        let session_hours = get("IMS_SESSION_HOURS", "12");
        let fee = get("IMS_SUBSCRIPTION_FEE_USD", "750");
        let target = get(
            "IMS_PUBLICATION_TARGET_DAYS",
            &shared::management::DEFAULT_PUBLICATION_TARGET_DAYS.to_string(),
        );
        Ok(Config {
            database_url: SecretUrl::new(get("IMS_DATABASE_URL", "sqlite://data/ims.db")),
            bind: bind
                .parse()
                .map_err(|_| format!("IMS_BIND must be host:port, not {bind:?}"))?,
            cookie_secure: flag("IMS_COOKIE_SECURE", false)?,
            session_hours: session_hours
                .parse()
                .ok()
                .filter(|hours| (1..=24 * 30).contains(hours))
                .ok_or_else(|| {
                    format!("IMS_SESSION_HOURS must be 1 to 720, not {session_hours:?}")
                })?,
            static_dir: PathBuf::from(get("IMS_STATIC_DIR", "dist")),
            demo_data: flag("IMS_DEMO_DATA", true)?,
            trust_forwarded_for: flag("IMS_TRUST_FORWARDED_FOR", false)?,
            mail: MailConfig {
                smtp_url: lookup("IMS_SMTP_URL")
                    .filter(|url| !url.is_empty())
                    .map(SecretUrl::new),
                from: get("IMS_MAIL_FROM", "IMS <ims@localhost>"),
                public_url: get("IMS_PUBLIC_URL", "http://localhost:8080")
                    .trim_end_matches('/')
                    .to_owned(),
            },
            log_filter: get("IMS_LOG", "info,sqlx=warn,tower_http=info"),
            subscription_fee_cents: fee
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|usd| (0.0..=1_000_000.0).contains(usd))
                .map(|usd| (usd * 100.0).round() as i64)
                .ok_or_else(|| {
                    format!("IMS_SUBSCRIPTION_FEE_USD must be an amount in US dollars, not {fee:?}")
                })?,
            test_clock: flag("IMS_TEST_CLOCK", false)?,
            ministry_emails: MinistryEmails {
                labour: lookup("IMS_MINISTRY_LABOUR_EMAIL").filter(|a| !a.trim().is_empty()),
                commerce: lookup("IMS_MINISTRY_COMMERCE_EMAIL").filter(|a| !a.trim().is_empty()),
            },
            publication_target_days: target
                .trim()
                .parse()
                .ok()
                .filter(|days| (1..=365).contains(days))
                .ok_or_else(|| {
                    format!("IMS_PUBLICATION_TARGET_DAYS must be 1 to 365, not {target:?}")
                })?,
            site: SiteConfig {
                dir: PathBuf::from(get("IMS_SITE_DIR", "target/public-site")),
                url: get("IMS_SITE_URL", "http://127.0.0.1:8081")
                    .trim_end_matches('/')
                    .to_owned(),
                after_publication: flag("IMS_SITE_AFTER_PUBLICATION", false)?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_passwords_are_redacted_in_debug_output() {
        let url = SecretUrl::new("postgres://ims:hunter2-secret@db.example:5432/ims");
        let printed = format!("{url:?}");
        assert!(!printed.contains("hunter2-secret"), "{printed}");
        assert!(printed.contains("db.example"));
    }

    #[test]
    fn defaults_serve_sqlite_on_port_8080() {
        let config = Config::from_lookup(|_| None).unwrap();
        assert!(config.database_url.expose().starts_with("sqlite://"));
        assert_eq!(config.bind.port(), 8080);
        assert!(!config.cookie_secure);
    }

    #[test]
    fn the_subscription_fee_defaults_to_750_dollars_and_can_be_set() {
        assert_eq!(
            Config::from_lookup(|_| None)
                .unwrap()
                .subscription_fee_cents,
            75_000
        );
        let config = Config::from_lookup(|name| {
            (name == "IMS_SUBSCRIPTION_FEE_USD").then(|| "900.5".into())
        })
        .unwrap();
        assert_eq!(config.subscription_fee_cents, 90_050);
        assert!(Config::from_lookup(|name| {
            (name == "IMS_SUBSCRIPTION_FEE_USD").then(|| "a lot".into())
        })
        .is_err());
    }

    #[test]
    fn a_bad_flag_is_a_clear_error() {
        let error =
            Config::from_lookup(|name| (name == "IMS_COOKIE_SECURE").then(|| "maybe".to_owned()))
                .unwrap_err();
        assert!(error.contains("IMS_COOKIE_SECURE"), "{error}");
    }
}
