//! `ims-site-server`: serves the generated public site folder, and nothing else.
//!
//! ```text
//! ims-site-server [--dir DIR] [--bind ADDR]     (or IMS_SITE_DIR, IMS_SITE_BIND)
//! ```
//! It is kept apart from `ims` on purpose: it reads only the folder that `ims-publish-site`
//! wrote, has no connection settings and no access to the extranet's stored data, so a
//! compromise of the public server exposes nothing the public site does not already show.

use std::process::ExitCode;

use backend::public_site::server::{self, Settings};
use backend::telemetry;
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> ExitCode {
    let settings =
        match Settings::from_args(std::env::args_os().skip(1), |name| std::env::var(name).ok()) {
            Ok(settings) => settings,
            Err(message) => {
                eprintln!("{message}");
                return ExitCode::from(2);
            }
        };
    telemetry::init("info");
    let listener = match TcpListener::bind(settings.bind).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!(
                "ims-site-server: cannot listen on {}: {error}",
                settings.bind
            );
            return ExitCode::FAILURE;
        }
    };
    let address = listener
        .local_addr()
        .expect("a bound listener has an address");
    // Tests and scripts read this line for the port when binding to port 0.
    println!(
        "IMS public site is serving {} on http://{address}",
        settings.dir.display()
    );
    if !settings.dir.join("index.html").is_file() {
        eprintln!(
            "ims-site-server: {} has no index.html yet; run ims-publish-site to write the site",
            settings.dir.display()
        );
    }
    match server::serve(listener, &settings.dir).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ims-site-server: {error}");
            ExitCode::FAILURE
        }
    }
}
