//! Pages own their data: each fetches what it shows and hands it to components. They are
//! grouped by area of the product, as the navigation is.

pub mod access;
pub mod account;
pub mod admin;
pub mod analytics;
pub mod closing_meeting;
pub mod concerns;
pub mod dashboard;
pub mod editions;
pub mod factories;
pub mod home;
pub mod management;
pub mod ministries;
pub mod not_found;
pub mod planning;
pub mod reports;
pub mod self_assessment;
pub mod training;
pub mod training_follow_up;
pub mod visits;

use leptos::prelude::*;

use crate::error::ApiError;
use crate::i18n::use_i18n;

/// A failed load, with a way to try again.
#[component]
pub fn LoadError(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let error = StoredValue::new(error);
    view! {
        <div class="notice error" role="alert">
            <p>{move || error.with_value(|error| error.message(i18n.lang()))}</p>
            <button type="button" class="button secondary" on:click=move |_| retry.run(())>
                {move || i18n.t("common.retry")}
            </button>
        </div>
    }
}

/// What an imported row duplicates, for the error table: the server names an earlier line
/// as `line N` (translated here) or a registered factory by its name (shown as it is).
pub fn duplicate_label(i18n: crate::i18n::I18n, other: &str) -> String {
    match other
        .strip_prefix("line ")
        .and_then(|line| line.parse::<usize>().ok())
    {
        Some(line) => i18n.t_with("import.duplicate_line", &[("line", &line.to_string())]),
        None => other.to_owned(),
    }
}

/// The id in the path, or the server's answer to a path whose number cannot be read.
pub(crate) fn path_id(text: Option<String>) -> Result<i64, ApiError> {
    text.and_then(|id| id.parse::<i64>().ok())
        .ok_or_else(|| ApiError::Server {
            status: 400,
            body: shared::error::ErrorBody {
                code: "malformed_request".to_owned(),
                message: String::new(),
                fields: Vec::new(),
                retry_after_seconds: None,
                rows: Vec::new(),
            },
        })
}
