//! The router of `ims-site-server`: serves a generated public site folder as plain files.
//!
//! It depends on nothing else in this crate and reads nothing but the folder, so the server
//! that faces the public holds no connection string, no password and no path to the
//! extranet's stored data. Any other static file server can take its place.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use axum::http::{header, HeaderValue};
use axum::Router;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub const DEFAULT_DIR: &str = "target/public-site";
pub const DEFAULT_BIND: &str = "127.0.0.1:8081";

pub const USAGE: &str = "usage: ims-site-server [--dir DIR] [--bind ADDR]\n\
    \x20 --dir DIR    the generated site (env IMS_SITE_DIR, default target/public-site)\n\
    \x20 --bind ADDR  host:port to listen on (env IMS_SITE_BIND, default 127.0.0.1:8081)";

/// The pages have no script at all; styles come from `style.css` (inline ones are allowed so
/// a later chart with a `style` attribute still renders).
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'none'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; \
    base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub dir: PathBuf,
    pub bind: SocketAddr,
}

impl Settings {
    /// Flags first, then `IMS_SITE_DIR` / `IMS_SITE_BIND` through `lookup`, then the defaults.
    /// `Err` holds the message to print (the usage for `--help` or a wrong flag).
    pub fn from_args(
        args: impl IntoIterator<Item = OsString>,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Settings, String> {
        let mut dir = lookup("IMS_SITE_DIR").filter(|value| !value.is_empty());
        let mut bind = lookup("IMS_SITE_BIND").filter(|value| !value.is_empty());
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let target = match flag.to_str() {
                Some("--dir") => &mut dir,
                Some("--bind") => &mut bind,
                _ => return Err(USAGE.to_owned()),
            };
            let value = args.next().ok_or_else(|| USAGE.to_owned())?;
            *target = Some(
                value
                    .into_string()
                    .map_err(|_| format!("{flag:?} needs a UTF-8 value\n{USAGE}"))?,
            );
        }
        let bind = bind.unwrap_or_else(|| DEFAULT_BIND.to_owned());
        Ok(Settings {
            dir: PathBuf::from(dir.unwrap_or_else(|| DEFAULT_DIR.to_owned())),
            bind: bind
                .parse()
                .map_err(|_| format!("the bind address must be host:port, not {bind:?}"))?,
        })
    }
}

/// Files of `dir` as they are: `index.html` for a folder, `dir/404.html` (when present) with
/// status 404 for anything missing, compressed when the client accepts gzip or Brotli.
pub fn router(dir: &Path) -> Router {
    let files = ServeDir::new(dir)
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(dir.join("404.html")));
    let headers = [
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        // Each generation replaces files under the same names: revalidate (cheap, with
        // Last-Modified) rather than show last week's figures.
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    let mut router = Router::new().fallback_service(files);
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::overriding(name, value));
    }
    router.layer(CompressionLayer::new())
}

/// Serves `router(dir)` on `listener` until Ctrl-C or SIGTERM, finishing requests in flight.
pub async fn serve(listener: TcpListener, dir: &Path) -> std::io::Result<()> {
    axum::serve(listener, router(dir))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM: stop accepting, finish the requests in flight, then exit. The extranet
/// (`startup`) stops on the same signal; it lives here because this module may depend on
/// nothing else of the crate.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(args: &[&str], env: &[(&str, &str)]) -> Result<Settings, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        Settings::from_args(args.iter().map(OsString::from), |name| {
            env.iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        })
    }

    #[test]
    fn flags_override_the_environment_which_overrides_the_defaults() {
        let defaults = settings(&[], &[]).unwrap();
        assert_eq!(defaults.dir, PathBuf::from(DEFAULT_DIR));
        assert_eq!(defaults.bind.to_string(), DEFAULT_BIND);

        let env = [
            ("IMS_SITE_DIR", "/srv/site"),
            ("IMS_SITE_BIND", "0.0.0.0:9000"),
        ];
        let from_env = settings(&[], &env).unwrap();
        assert_eq!(from_env.dir, PathBuf::from("/srv/site"));
        assert_eq!(from_env.bind.port(), 9000);

        let from_flags = settings(&["--bind", "127.0.0.1:0", "--dir", "out"], &env).unwrap();
        assert_eq!(from_flags.dir, PathBuf::from("out"));
        assert_eq!(from_flags.bind.port(), 0);
    }

    #[test]
    fn wrong_arguments_give_the_usage_or_a_clear_error() {
        assert_eq!(settings(&["--help"], &[]).unwrap_err(), USAGE);
        assert_eq!(settings(&["--dir"], &[]).unwrap_err(), USAGE);
        let error = settings(&["--bind", "localhost"], &[]).unwrap_err();
        assert!(error.contains("host:port"), "{error}");
    }
}
