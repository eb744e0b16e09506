//! `/login`: the sign-in form.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;
use shared::api::auth::LoginRequest;

use crate::api::{self, ApiError};
use crate::components::form::{field_errors, form_message, Notice, TextField};
use crate::components::layout::LanguageSwitch;
use crate::i18n::use_i18n;
use crate::session::use_session;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    // What was typed in the form shown before the app loaded carries over.
    let taken = crate::login_shell::take_over();
    let username = RwSignal::new(taken.username);
    let password = RwSignal::new(taken.password);
    let error = RwSignal::new(
        taken
            .error
            .map(|(code, wait)| ApiError::refused(401, &code, wait)),
    );
    crate::login_shell::restore_focus(taken.focused);
    let pending = RwSignal::new(false);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let request = LoginRequest {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::auth::login(&request).await {
                Ok(user) => {
                    let target = if user.must_change_password {
                        "/account"
                    } else {
                        "/"
                    };
                    // A new user on this device starts without the previous one's reads.
                    crate::service_worker::forget_cached_reads();
                    session.signed_in(user);
                    navigate(target, Default::default());
                }
                Err(failure) => {
                    // Keep the user name; clear only the password that did not work.
                    password.set(String::new());
                    error.set(Some(failure));
                }
            }
            pending.set(false);
        });
    };

    view! {
        {move || session.user().map(|_| view! { <Redirect path="/"/> })}
        <main class="login-page" id="content">
            <div class="login-card">
                <div class="login-top">
                    <span class="brand-mark" aria-hidden="true">"BF"</span>
                    <LanguageSwitch/>
                </div>
                <h1>{move || i18n.t("app.title")}</h1>
                <p class="tagline">{move || i18n.t("app.tagline")}</p>
                <form on:submit=submit novalidate>
                    <h2>{move || i18n.t("login.title")}</h2>
                    <p class="hint">{move || i18n.t("login.intro")}</p>
                    <Notice message=form_message(i18n, error)/>
                    <TextField
                        id="username"
                        label=Signal::derive(move || i18n.t("login.username"))
                        value=username
                        errors=field_errors(i18n, error, "username")
                        autocomplete="username"
                    />
                    <TextField
                        id="password"
                        label=Signal::derive(move || i18n.t("login.password"))
                        value=password
                        errors=field_errors(i18n, error, "password")
                        input_type="password"
                        autocomplete="current-password"
                    />
                    <button type="submit" class="button primary wide" disabled=move || pending.get()>
                        {move || if pending.get() { i18n.t("login.submitting") } else { i18n.t("login.submit") }}
                    </button>
                </form>
            </div>
        </main>
    }
}
