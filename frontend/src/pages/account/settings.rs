//! `/account`: change my password (required after an administrator set a temporary one).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api::auth::{ChangePasswordRequest, CurrentUser};
use shared::validate::{password_problems, PASSWORD_MIN_CHARS};

use crate::api::{self, ApiError};
use crate::components::form::{field_errors, Notice, TextField};
use crate::i18n::use_i18n;
use crate::session::use_session;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    // Problems found in the browser, with the same codes the server would return.
    let local_problems = RwSignal::new(Vec::<&'static str>::new());
    let mismatch = RwSignal::new(false);
    let done = RwSignal::new(false);
    let pending = RwSignal::new(false);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let Some(user) = session.user() else { return };
        done.set(false);
        error.set(None);
        let problems = password_problems(&user.username, &new_password.get_untracked());
        let differ = new_password.get_untracked() != confirm.get_untracked();
        local_problems.set(problems.clone());
        mismatch.set(differ);
        if !problems.is_empty() || differ || pending.get_untracked() {
            return;
        }
        pending.set(true);
        let request = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new_password.get_untracked(),
        };
        let was_required = user.must_change_password;
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::post::<_, CurrentUser>("/api/auth/password", &request).await {
                Ok(updated) => {
                    session.signed_in(updated);
                    current.set(String::new());
                    new_password.set(String::new());
                    confirm.set(String::new());
                    done.set(true);
                    if was_required {
                        navigate("/", Default::default());
                    }
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };

    let server_errors = move |field: &'static str| field_errors(i18n, error, field);
    let new_password_errors = Signal::derive(move || {
        let mut messages: Vec<String> = local_problems
            .get()
            .iter()
            .map(|code| i18n.t(&format!("validation.{code}")))
            .collect();
        messages.extend(server_errors("new_password").get());
        messages
    });
    let confirm_errors = Signal::derive(move || {
        if mismatch.get() {
            vec![i18n.t("account.passwords_differ")]
        } else {
            Vec::new()
        }
    });
    let must_change = move || session.user().is_some_and(|user| user.must_change_password);
    let min = PASSWORD_MIN_CHARS.to_string();

    view! {
        <section class="page-head"><h1>{move || i18n.t("account.title")}</h1></section>
        <section class="panel narrow">
            <h2>{move || i18n.t("account.change_password")}</h2>
            <Show when=must_change>
                <p class="notice warning" role="status">{move || i18n.t("account.must_change")}</p>
            </Show>
            <Show when=move || done.get()>
                <p class="notice success" role="status">{move || i18n.t("account.password_changed")}</p>
            </Show>
            <form on:submit=submit novalidate>
                <Notice message=Signal::derive(move || error.get().map(|e| e.message(i18n.lang())))/>
                <TextField
                    id="current_password"
                    label=Signal::derive(move || i18n.t("account.current_password"))
                    value=current
                    errors=server_errors("current_password")
                    input_type="password"
                    autocomplete="current-password"
                />
                <TextField
                    id="new_password"
                    label=Signal::derive(move || i18n.t("account.new_password"))
                    hint=Signal::derive(move || i18n.t_with("account.password_rules", &[("min", &min)]))
                    value=new_password
                    errors=new_password_errors
                    input_type="password"
                    autocomplete="new-password"
                />
                <TextField
                    id="confirm_password"
                    label=Signal::derive(move || i18n.t("account.confirm_password"))
                    value=confirm
                    errors=confirm_errors
                    input_type="password"
                    autocomplete="new-password"
                />
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || i18n.t("common.save")}
                </button>
            </form>
        </section>
    }
}
