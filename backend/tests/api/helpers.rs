//! The test harness: a fresh database per test (a SQLite file, or a PostgreSQL database when
//! `IMS_TEST_POSTGRES_URL` is set), the demo data, a clock that only moves when told to, and
//! a client that keeps its session cookie and anti-forgery token like the web app does.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::http::{header, request, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use backend::clock::ManualClock;
use backend::config::Config;
use backend::db::{Db, DbKind};
use backend::demo;
use backend::state::AppState;
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::json;
use shared::api::auth::CurrentUser;
use shared::api::{CSRF_HEADER, SESSION_COOKIE};
use shared::error::ErrorBody;
use sqlx::{Connection, Executor, PgConnection};
use tower::ServiceExt;

/// Base URL of a PostgreSQL server on which each test creates (and drops) its own database.
pub const POSTGRES_URL_VARIABLE: &str = "IMS_TEST_POSTGRES_URL";

/// Where every test's clock starts (2027-01-15), far from the real date on purpose.
pub const START: i64 = 1_800_000_000;

/// Sent on writes before a session exists: the server then only asks for the header's presence.
const CSRF_PLACEHOLDER: &str = "no-session-yet";

/// Runs each named `async fn name(app: TestApp)` once on SQLite and once on PostgreSQL, as
/// the tests `name::sqlite` and `name::postgres`.
macro_rules! both_databases {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn sqlite() {
                    let app = $crate::helpers::TestApp::sqlite().await;
                    super::$name(app).await;
                }

                #[tokio::test]
                #[cfg_attr(
                    not(postgres_tests),
                    ignore = "IMS_TEST_POSTGRES_URL was not set when the tests were built"
                )]
                async fn postgres() {
                    let app = $crate::helpers::TestApp::postgres()
                        .await
                        .expect("IMS_TEST_POSTGRES_URL names the PostgreSQL server");
                    super::$name(app).await;
                }
            }
        )+
    };
}

/// A name no other test of any run uses: process id, a counter and the time.
fn unique_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_nanos())
        .unwrap_or_default();
    format!(
        "ims_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        nanos
    )
}

/// The database a test owns; removed (best effort) when the test ends, even by a panic.
enum TestDatabase {
    SqliteFile(PathBuf),
    Postgres { base_url: String, name: String },
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match self {
            TestDatabase::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut file = path.clone().into_os_string();
                    file.push(suffix);
                    let _ = std::fs::remove_file(file);
                }
            }
            TestDatabase::Postgres { base_url, name } => {
                // Drop runs inside the test's runtime, which cannot be blocked on: use a
                // thread with its own. `with (force)` ends the pool's remaining connections.
                let sql = format!("drop database if exists {name} with (force)");
                let base_url = base_url.clone();
                let dropped = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    runtime.block_on(async {
                        let mut connection = PgConnection::connect(&base_url).await.ok()?;
                        connection.execute(sql.as_str()).await.ok()?;
                        connection.close().await.ok()
                    })
                })
                .join();
                if !matches!(dropped, Ok(Some(()))) {
                    eprintln!("could not drop the test database {name}");
                }
            }
        }
    }
}

/// `base_url` with its database replaced by `name`.
fn postgres_database_url(base_url: &str, name: &str) -> String {
    let mut url = url::Url::parse(base_url)
        .unwrap_or_else(|error| panic!("{POSTGRES_URL_VARIABLE} is not a URL: {error}"));
    url.set_path(&format!("/{name}"));
    url.to_string()
}

/// The application over its own freshly migrated database with the demo data loaded.
pub struct TestApp {
    router: Router,
    pub db: Db,
    pub config: Arc<Config>,
    pub clock: Arc<ManualClock>,
    // Declared last so the database is removed after everything that uses it is dropped.
    _database: TestDatabase,
}

impl TestApp {
    pub async fn sqlite() -> TestApp {
        TestApp::sqlite_with_settings(&[]).await
    }

    /// A SQLite app whose configuration has these `IMS_*` settings (e.g. an SMTP server).
    pub async fn sqlite_with_settings(settings: &[(&str, &str)]) -> TestApp {
        let path = std::env::temp_dir().join(format!("{}.db", unique_name()));
        let url = format!("sqlite://{}", path.display());
        TestApp::start_with(&url, TestDatabase::SqliteFile(path), settings).await
    }

    /// `None` (and a note in the output) when no PostgreSQL server is configured.
    pub async fn postgres() -> Option<TestApp> {
        TestApp::postgres_with_settings(&[]).await
    }

    /// [`TestApp::postgres`] with these `IMS_*` settings.
    pub async fn postgres_with_settings(settings: &[(&str, &str)]) -> Option<TestApp> {
        let Some(base_url) = std::env::var(POSTGRES_URL_VARIABLE)
            .ok()
            .filter(|url| !url.trim().is_empty())
        else {
            println!("{POSTGRES_URL_VARIABLE} not set: skipping PostgreSQL");
            return None;
        };
        let name = unique_name();
        let mut connection = PgConnection::connect(&base_url)
            .await
            .unwrap_or_else(|error| panic!("cannot connect to {POSTGRES_URL_VARIABLE}: {error}"));
        connection
            .execute(format!("create database {name}").as_str())
            .await
            .unwrap_or_else(|error| panic!("cannot create database {name}: {error}"));
        let _ = connection.close().await;
        let url = postgres_database_url(&base_url, &name);
        let database = TestDatabase::Postgres { base_url, name };
        Some(TestApp::start_with(&url, database, settings).await)
    }

    async fn start_with(url: &str, database: TestDatabase, settings: &[(&str, &str)]) -> TestApp {
        // Internal errors are logged, not sent: show them in a failing test's output.
        backend::telemetry::init("error");
        let db = Db::connect(url)
            .await
            .expect("connect to the test database");
        db.migrate().await.expect("migrate the test database");
        backend::default_checklist::install_if_none(&db, START)
            .await
            .expect("install the default checklist");
        assert!(
            demo::load_if_empty(&db, START)
                .await
                .expect("load demo data"),
            "a fresh database has no users"
        );
        let mut settings: Vec<(String, String)> = settings
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        // Each test writes its public site into a folder of its own.
        if !settings.iter().any(|(name, _)| name == "IMS_SITE_DIR") {
            let dir = std::env::temp_dir().join(format!("{}-site", unique_name()));
            settings.push(("IMS_SITE_DIR".into(), dir.display().to_string()));
        }
        let config = Arc::new(
            Config::from_lookup(|name| {
                settings
                    .iter()
                    .find(|(key, _)| key == name)
                    .map(|(_, value)| value.clone())
            })
            .expect("test configuration"),
        );
        let clock = Arc::new(ManualClock::starting_at(START));
        let state = AppState {
            db: db.clone(),
            config: config.clone(),
            clock: clock.clone(),
        };
        TestApp {
            router: backend::http::app(state),
            db,
            config,
            clock,
            _database: database,
        }
    }

    pub fn kind(&self) -> DbKind {
        self.db.kind
    }

    /// A client without a session.
    pub fn client(&self) -> TestClient {
        TestClient {
            router: self.router.clone(),
            session: None,
            csrf_token: None,
            language: None,
        }
    }

    /// A client signed in as `username`; panics when the login is refused.
    pub async fn login(&self, username: &str, password: &str) -> TestClient {
        let mut client = self.client();
        let response = client.login(username, password).await;
        response.assert_status(StatusCode::OK);
        client
    }

    /// A client signed in as one of the demo accounts.
    pub async fn login_demo(&self, username: &str) -> TestClient {
        self.login(username, demo::DEMO_PASSWORD).await
    }

    /// Moves the application's clock forward.
    pub fn advance_minutes(&self, minutes: i64) {
        self.clock.advance(minutes * 60);
    }
}

/// One browser: its session cookie, its anti-forgery token and its language. A clone is a
/// copy of the cookie jar, for showing what an old cookie still opens.
#[derive(Clone)]
pub struct TestClient {
    router: Router,
    session: Option<String>,
    csrf_token: Option<String>,
    language: Option<String>,
}

impl TestClient {
    /// Asks for error messages in `language` (an `Accept-Language` value).
    pub fn with_language(mut self, language: &str) -> TestClient {
        self.language = Some(language.to_owned());
        self
    }

    pub fn has_session(&self) -> bool {
        self.session.is_some()
    }

    /// A request carrying what the web app sends: the session cookie, the language and, on
    /// writes, a JSON content type and the anti-forgery header.
    pub fn request(&self, method: Method, path: &str) -> request::Builder {
        let writes = !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(token) = &self.session {
            builder = builder.header(header::COOKIE, format!("{SESSION_COOKIE}={token}"));
        }
        if let Some(language) = &self.language {
            builder = builder.header(header::ACCEPT_LANGUAGE, language);
        }
        if writes {
            let csrf = self.csrf_token.as_deref().unwrap_or(CSRF_PLACEHOLDER);
            builder = builder
                .header(header::CONTENT_TYPE, "application/json")
                .header(CSRF_HEADER, csrf);
        }
        builder
    }

    /// Sends a request through the whole application and remembers any new session cookie.
    pub async fn send(&mut self, request: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router answers every request");
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .expect("read the response body")
            .to_bytes()
            .to_vec();
        self.remember_session(&parts.headers);
        TestResponse {
            status: parts.status,
            headers: parts.headers,
            body,
        }
    }

    fn remember_session(&mut self, headers: &HeaderMap) {
        let prefix = format!("{SESSION_COOKIE}=");
        for cookie in headers.get_all(header::SET_COOKIE) {
            let cookie = cookie.to_str().expect("an ASCII cookie");
            let Some(rest) = cookie.strip_prefix(&prefix) else {
                continue;
            };
            let value = rest.split(';').next().unwrap_or_default();
            if value.is_empty() {
                self.session = None;
                self.csrf_token = None;
            } else {
                self.session = Some(value.to_owned());
            }
        }
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        let request = self.request(Method::GET, path).body(Body::empty()).unwrap();
        self.send(request).await
    }

    pub async fn post(&mut self, path: &str, body: &impl Serialize) -> TestResponse {
        let body = serde_json::to_vec(body).expect("serialise the request body");
        let request = self
            .request(Method::POST, path)
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    pub async fn put(&mut self, path: &str, body: &impl Serialize) -> TestResponse {
        let body = serde_json::to_vec(body).expect("serialise the request body");
        let request = self
            .request(Method::PUT, path)
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    pub async fn delete(&mut self, path: &str) -> TestResponse {
        let request = self
            .request(Method::DELETE, path)
            .body(Body::empty())
            .unwrap();
        self.send(request).await
    }

    /// Posts a file's text (a CSV import).
    pub async fn post_csv(&mut self, path: &str, text: &str) -> TestResponse {
        let request = self
            .request(Method::POST, path)
            .body(Body::from(text.to_owned()))
            .unwrap();
        self.send(request).await
    }

    /// Logs in and, when that succeeds, keeps the session's anti-forgery token.
    pub async fn login(&mut self, username: &str, password: &str) -> TestResponse {
        let body = json!({ "username": username, "password": password });
        let response = self.post("/api/auth/login", &body).await;
        if response.status == StatusCode::OK {
            self.csrf_token = Some(response.json::<CurrentUser>().csrf_token);
        }
        response
    }

    pub async fn me(&mut self) -> TestResponse {
        self.get("/api/auth/me").await
    }

    pub async fn change_password(&mut self, current: &str, new: &str) -> TestResponse {
        let body = json!({ "current_password": current, "new_password": new });
        self.post("/api/auth/password", &body).await
    }
}

/// A response, read completely.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "{} response is not the expected JSON ({error}): {}",
                self.status,
                self.text()
            )
        })
    }

    pub fn assert_status(&self, expected: StatusCode) -> &TestResponse {
        assert_eq!(self.status, expected, "body: {}", self.text());
        self
    }

    /// Asserts the status and that the body is the error envelope with `code`; returns it.
    pub fn assert_error(&self, status: StatusCode, code: &str) -> ErrorBody {
        self.assert_status(status);
        let content_type = self
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        assert!(
            content_type.starts_with("application/json"),
            "content type {content_type:?}"
        );
        let error: ErrorBody = self.json();
        assert_eq!(error.code, code, "body: {}", self.text());
        assert!(!error.message.is_empty(), "an error has a message");
        error
    }

    /// The `(field, code)` pairs of a validation error.
    pub fn field_errors(&self) -> Vec<(String, String)> {
        let error = self.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
        error
            .fields
            .into_iter()
            .map(|field| (field.field, field.code))
            .collect()
    }
}

/// Shorthand for expected field errors.
pub fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(field, code)| (field.to_string(), code.to_string()))
        .collect()
}
