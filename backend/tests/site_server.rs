//! `ims-site-server`: serves a generated folder as plain files (index pages, a 404 page,
//! compression, security headers), and is built so that it cannot reach the IMS database.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use backend::public_site::server::router;
use http_body_util::BodyExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

/// The sources the site server is made of; the `server` module is all it uses of the library.
const SOURCES: [(&str, &str); 2] = [
    (
        "src/bin/ims-site-server.rs",
        include_str!("../src/bin/ims-site-server.rs"),
    ),
    (
        "src/public_site/server.rs",
        include_str!("../src/public_site/server.rs"),
    ),
];

/// A fresh temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "ims-site-server-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        TempDir(dir)
    }

    /// A small generated site.
    fn site(name: &str) -> TempDir {
        let site = TempDir::new(name);
        site.put("index.html", "<h1>choose a language</h1>");
        site.put("en/index.html", "<h1>English home</h1>");
        site.put("404.html", "<h1>not found page</h1>");
        site.put(
            "en/trends.html",
            &"<tr><td>2025</td><td>81.5</td></tr>\n".repeat(200),
        );
        site
    }

    fn put(&self, path: &str, contents: &str) {
        let file = self.0.join(path);
        std::fs::create_dir_all(file.parent().expect("a parent")).expect("a folder");
        std::fs::write(file, contents).expect("a file");
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn get(
    dir: &Path,
    uri: &str,
    accept_encoding: Option<&str>,
) -> (StatusCode, Vec<(String, String)>, String) {
    let mut request = Request::get(uri);
    if let Some(encoding) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, encoding);
    }
    let response = router(dir)
        .oneshot(request.body(Body::empty()).expect("a request"))
        .await
        .expect("a response");
    let status = response.status();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap_or("").to_owned()))
        .collect();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

fn header_of<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

#[tokio::test]
async fn folders_serve_their_index_and_missing_paths_the_404_page() {
    let site = TempDir::site("router");

    let (root_status, root_headers, root) = get(&site.0, "/", None).await;
    let (en_status, _, en) = get(&site.0, "/en/", None).await;
    let (missing_status, missing_headers, missing) =
        get(&site.0, "/en/factories/999.html", None).await;
    let (escape_status, _, _) = get(&site.0, "/../../etc/passwd", None).await;

    assert_eq!(root_status, StatusCode::OK);
    assert_eq!(root, "<h1>choose a language</h1>");
    assert_eq!(
        header_of(&root_headers, "x-content-type-options"),
        Some("nosniff")
    );
    assert!(header_of(&root_headers, "content-security-policy")
        .is_some_and(|policy| policy.contains("script-src 'none'")));
    assert!(
        header_of(&root_headers, "content-type").is_some_and(|kind| kind.starts_with("text/html"))
    );
    assert_eq!(
        (en_status, en.as_str()),
        (StatusCode::OK, "<h1>English home</h1>")
    );
    assert_eq!(missing_status, StatusCode::NOT_FOUND);
    assert_eq!(missing, "<h1>not found page</h1>");
    assert_eq!(
        header_of(&missing_headers, "x-content-type-options"),
        Some("nosniff")
    );
    assert_eq!(escape_status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn without_a_404_page_a_missing_path_is_a_plain_404() {
    let site = TempDir::site("no-404");
    std::fs::remove_file(site.0.join("404.html")).expect("removed");

    let (status, _, _) = get(&site.0, "/nothing-here.html", None).await;

    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn pages_are_compressed_for_clients_that_accept_it() {
    let site = TempDir::site("compression");

    let (gzip_status, gzip, _) = get(&site.0, "/en/trends.html", Some("gzip")).await;
    let (_, brotli, _) = get(&site.0, "/en/trends.html", Some("br")).await;
    let (_, plain, body) = get(&site.0, "/en/trends.html", None).await;

    assert_eq!(gzip_status, StatusCode::OK);
    assert_eq!(header_of(&gzip, "content-encoding"), Some("gzip"));
    assert_eq!(header_of(&brotli, "content-encoding"), Some("br"));
    assert_eq!(header_of(&plain, "content-encoding"), None);
    assert!(body.starts_with("<tr><td>2025</td>"));
}

#[test]
fn the_site_server_sources_name_no_database_setting_or_module() {
    for (file, source) in SOURCES {
        let lower = source.to_lowercase();
        for forbidden in [
            "ims_database_url",
            "database",
            "sqlx",
            "backend::db",
            "backend::config",
        ] {
            assert!(!lower.contains(forbidden), "{file} mentions {forbidden:?}");
        }
    }
    // The router module uses nothing else of the library, so nothing there can reach the
    // database indirectly either.
    let (_, server_module) = SOURCES[1];
    let (code, _tests) = server_module
        .split_once("#[cfg(test)]")
        .unwrap_or((server_module, ""));
    for path in ["crate::", "super::"] {
        assert!(
            !code.contains(path),
            "src/public_site/server.rs uses {path}"
        );
    }
}

/// Kills the server when the test ends, whether it passes or not.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_compiled_server_runs_without_any_database_setting() {
    let site = TempDir::site("binary");
    let workdir = TempDir::new("workdir");
    // Arrange: the binary, with no database URL in its environment, in a folder where a
    // default SQLite file would show up if anything tried to open one.
    let mut child = Running(
        Command::new(env!("CARGO_BIN_EXE_ims-site-server"))
            .args(["--dir".as_ref(), site.0.as_os_str()])
            .args(["--bind", "127.0.0.1:0"])
            .env_remove("IMS_DATABASE_URL")
            .env_remove("IMS_SITE_DIR")
            .env_remove("IMS_SITE_BIND")
            .current_dir(&workdir.0)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("ims-site-server starts"),
    );
    let stdout = child.0.stdout.take().expect("stdout");
    let (sender, receiver) = std::sync::mpsc::channel();
    // Reads every line, so that later log lines never meet a closed pipe.
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    let announced = receiver
        .recv_timeout(Duration::from_secs(30))
        .expect("the server announces where it serves");
    let address = announced
        .trim()
        .rsplit_once("http://")
        .map(|(_, address)| address.to_owned())
        .unwrap_or_else(|| panic!("no address in {announced:?}"));

    // Act: a plain HTTP/1.1 request.
    let mut stream = tokio::net::TcpStream::connect(&address)
        .await
        .expect("the server accepts connections");
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .expect("request sent");
    let mut response = String::new();
    tokio::time::timeout(
        Duration::from_secs(30),
        stream.read_to_string(&mut response),
    )
    .await
    .expect("the response arrives in time")
    .expect("a response");

    // Assert
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.contains("<h1>choose a language</h1>"),
        "{response}"
    );
    assert!(
        child.0.try_wait().expect("a status").is_none(),
        "the server is still running"
    );
    let left_behind: Vec<_> = std::fs::read_dir(&workdir.0)
        .expect("the working folder")
        .flatten()
        .map(|entry| entry.file_name())
        .collect();
    assert!(left_behind.is_empty(), "the server wrote {left_behind:?}");
}
