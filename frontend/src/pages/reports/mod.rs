//! A published report and what follows it: objections, amendments, corrective actions.

pub mod corrective_actions;
pub mod objections;
pub mod public_responses;
pub mod report;

use std::future::Future;

use leptos::prelude::*;
use shared::api::corrective_actions::VerificationInput;
use shared::corrective_action::verification_problems;

use crate::api::ApiError;
use crate::components::form::{field_errors, form_message, refused, Notice, TextAreaField};
use crate::i18n::use_i18n;

/// A monitor's check at a later visit, verified or not with what was seen: of a corrective
/// action or of a factory's public response. `send` posts it and answers with what the page
/// shows next.
#[component]
pub fn CheckAtVisitForm<T, F, Fut>(
    /// Makes the form's ids unique on the page.
    id: String,
    testid: &'static str,
    note_label: &'static str,
    verified_label: &'static str,
    not_verified_label: &'static str,
    send: F,
    on_saved: Callback<T>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    F: Fn(VerificationInput) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let i18n = use_i18n();
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let submit = move |outcome: &'static str| {
        if pending.get_untracked() {
            return;
        }
        let body = VerificationInput {
            outcome: outcome.to_owned(),
            note: note.get_untracked(),
        };
        if refused(verification_problems(&body), error) {
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match send(body).await {
                Ok(saved) => {
                    error.set(None);
                    on_saved.run(saved);
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    view! {
        <div class="cap-verify" data-testid=testid>
            <Notice message=form_message(i18n, error)/>
            <TextAreaField
                id=format!("{id}-note")
                label=Signal::derive(move || i18n.t(note_label))
                value=note
                errors=field_errors(i18n, error, "note")
                rows=2
            />
            <div class="actions">
                <button type="button" class="button primary" disabled=move || pending.get() on:click=move |_| submit("verified")>
                    {move || i18n.t(verified_label)}
                </button>
                <button type="button" class="button secondary" disabled=move || pending.get() on:click=move |_| submit("not_verified")>
                    {move || i18n.t(not_verified_label)}
                </button>
            </div>
        </div>
    }
}
