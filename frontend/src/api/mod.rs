//! The one typed client of the JSON API: one function per endpoint, in a module per resource.
//! Every request carries the user's language, and every state-changing request the session's
//! anti-forgery token.

pub mod access;
pub mod analytics;
pub mod auth;
pub mod checklists;
pub mod closing_meetings;
pub mod concerns;
pub mod corrective_actions;
pub mod dashboard;
pub mod documents;
pub mod factories;
pub mod holidays;
pub mod improvement_actions;
pub mod management;
pub mod ministries;
pub mod objections;
pub mod outbox;
pub mod planning;
pub mod public_responses;
pub mod public_site;
pub mod reports;
pub mod self_assessments;
pub mod synthesis;
pub mod training;
pub mod users;
pub mod visits;

use std::cell::RefCell;
use std::future::Future;

use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::api::CSRF_HEADER;
use shared::error::ErrorBody;
use shared::i18n::Lang;

pub use crate::error::ApiError;

thread_local! {
    static CSRF_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static LANGUAGE: RefCell<Lang> = const { RefCell::new(Lang::En) };
    static ON_SESSION_ENDED: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Called when the server says the session is gone (expired, or ended elsewhere), so the
/// app can return to the login page instead of showing errors on every panel.
pub fn on_session_ended(callback: impl Fn() + 'static) {
    ON_SESSION_ENDED.with(|slot| *slot.borrow_mut() = Some(Box::new(callback)));
}

pub fn set_csrf_token(token: Option<String>) {
    CSRF_TOKEN.with(|slot| *slot.borrow_mut() = token);
}

pub fn set_language(lang: Lang) {
    LANGUAGE.with(|slot| *slot.borrow_mut() = lang);
}

fn prepare(builder: RequestBuilder) -> RequestBuilder {
    let lang = LANGUAGE.with(|slot| *slot.borrow());
    let builder = builder.header("Accept-Language", lang.code());
    // The header must be present on writes even before login; the server checks its value
    // against the session once there is one.
    let token = CSRF_TOKEN
        .with(|slot| slot.borrow().clone())
        .unwrap_or_else(|| "anonymous".into());
    builder.header(CSRF_HEADER, &token)
}

async fn send(
    request: Result<Request, gloo_net::Error>,
) -> Result<gloo_net::http::Response, ApiError> {
    let response = request
        .map_err(|_| ApiError::Network)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let body = response
        .json::<ErrorBody>()
        .await
        .unwrap_or_else(|_| ErrorBody {
            code: if status >= 500 {
                "internal"
            } else {
                "malformed_request"
            }
            .to_owned(),
            message: String::new(),
            fields: Vec::new(),
            retry_after_seconds: None,
            rows: Vec::new(),
        });
    if body.code == "unauthenticated" {
        ON_SESSION_ENDED.with(|slot| {
            if let Some(callback) = slot.borrow().as_ref() {
                callback();
            }
        });
    }
    Err(ApiError::Server { status, body })
}

/// A read. It is aborted when the reactive owner that started it is cleaned up: the page was
/// left, or the resource re-ran with new parameters, so its answer would be thrown away. Writes
/// are never aborted: once sent, the user must learn whether they were saved.
fn get<T: DeserializeOwned>(path: &str) -> impl Future<Output = Result<T, ApiError>> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|controller| controller.signal());
    if let Some(controller) = controller {
        // The cleanup must be Send for the reactive graph; the browser has one thread.
        let controller = send_wrapper::SendWrapper::new(controller);
        leptos::prelude::on_cleanup(move || controller.abort());
    }
    let request = prepare(Request::get(path))
        .abort_signal(signal.as_ref())
        .build();
    async move {
        let response = send(request).await?;
        response.json::<T>().await.map_err(|_| ApiError::Network)
    }
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let response = send(prepare(Request::post(path)).json(body)).await?;
    response.json::<T>().await.map_err(|_| ApiError::Network)
}

async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let response = send(prepare(Request::put(path)).json(body)).await?;
    response.json::<T>().await.map_err(|_| ApiError::Network)
}

/// Sends a file's text as the body, e.g. a CSV import.
async fn post_text<T: DeserializeOwned>(
    path: &str,
    content_type: &str,
    text: String,
) -> Result<T, ApiError> {
    let request = prepare(Request::post(path))
        .header("Content-Type", content_type)
        .body(text);
    let response = send(request).await?;
    response.json::<T>().await.map_err(|_| ApiError::Network)
}

/// A POST whose answer has no body (204).
async fn post_no_content(path: &str) -> Result<(), ApiError> {
    send(prepare(Request::post(path)).build()).await.map(|_| ())
}

async fn delete<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = send(prepare(Request::delete(path)).build()).await?;
    response.json::<T>().await.map_err(|_| ApiError::Network)
}

/// A DELETE whose answer has no body (204).
async fn delete_no_content(path: &str) -> Result<(), ApiError> {
    send(prepare(Request::delete(path)).build())
        .await
        .map(|_| ())
}
