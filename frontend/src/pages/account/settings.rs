//! `/account`: change my password (required after an administrator set a temporary one).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api::auth::ChangePasswordRequest;
use shared::validate::{password_problems, FieldErrors, PASSWORD_MIN_CHARS};

use crate::api::{self, ApiError};
use crate::components::form::{field_errors, form_message, Notice, TextField};
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
    let mismatch = RwSignal::new(false);
    let done = RwSignal::new(false);
    let pending = RwSignal::new(false);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let Some(user) = session.user() else { return };
        if pending.get_untracked() {
            return;
        }
        done.set(false);
        // The same rules as the server, before sending, shown under the same field; the
        // confirmation is the form's own check.
        let mut problems = FieldErrors::default();
        problems.add_all(
            "new_password",
            password_problems(&user.username, &new_password.get_untracked()),
        );
        let problems = ApiError::from_problems(problems.0);
        let differ = new_password.get_untracked() != confirm.get_untracked();
        mismatch.set(differ);
        let refused = problems.is_some() || differ;
        error.set(problems);
        if refused {
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
            match api::auth::change_password(&request).await {
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
                <Notice message=form_message(i18n, error)/>
                <TextField
                    id="current_password"
                    label=Signal::derive(move || i18n.t("account.current_password"))
                    value=current
                    errors=field_errors(i18n, error, "current_password")
                    input_type="password"
                    autocomplete="current-password"
                />
                <TextField
                    id="new_password"
                    label=Signal::derive(move || i18n.t("account.new_password"))
                    hint=Signal::derive(move || i18n.t_with("account.password_rules", &[("min", &min)]))
                    value=new_password
                    errors=field_errors(i18n, error, "new_password")
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
