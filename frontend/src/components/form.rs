//! Form fields with their label and error messages.

use leptos::prelude::*;

use crate::error::ApiError;
use crate::i18n::I18n;

/// A form's request, handed to the page that sends it: the page calls the API and reports the
/// outcome through `done`, so the form clears itself or shows what is wrong (components never
/// call the API themselves).
pub struct Submission<B, T: 'static = ()> {
    pub body: B,
    pub done: Callback<Result<T, ApiError>>,
}

/// A form's sender: what a page gives a form to send its request.
pub type Sender<B, T = ()> = Callback<Submission<B, T>>;

/// The messages of one field in the form's last error, in the chosen language: what every
/// field of every form shows below itself.
pub fn field_errors(
    i18n: I18n,
    error: RwSignal<Option<ApiError>>,
    field: impl Into<String>,
) -> Signal<Vec<String>> {
    let field = field.into();
    Signal::derive(move || {
        error
            .get()
            .map(|e| e.field_messages(&field, i18n.lang()))
            .unwrap_or_default()
    })
}

/// A labelled drop-down bound to `value`: a first entry that asks to choose (value `""`), then
/// `options` as (value, label) pairs, with `errors` below it.
#[component]
pub fn SelectField(
    /// The select's id and name.
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] choose: Signal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] errors: Signal<Vec<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-errors");
    let has_errors = move || !errors.get().is_empty();
    view! {
        <div class="field" class:invalid=has_errors>
            <label for=id>{move || label.get()}</label>
            <select
                id=id
                name=id
                aria-invalid=move || has_errors().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:change=move |event| value.set(event_target_value(&event))
            >
                <option value="">{move || choose.get()}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(option, text)| {
                            let selected = value.get_untracked() == option;
                            view! { <option value=option selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <FieldErrors errors=errors id=error_id/>
        </div>
    }
}

/// The messages of one field, as a list below it (empty when it has none).
#[component]
pub fn FieldErrors(
    #[prop(into)] errors: Signal<Vec<String>>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    view! {
        <ul class="field-errors" id=id>
            {move || errors.get().into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}
        </ul>
    }
}

/// The form-level message of the form's last error, in the chosen language.
pub fn form_message(i18n: I18n, error: RwSignal<Option<ApiError>>) -> Signal<Option<String>> {
    Signal::derive(move || error.get().map(|e| e.message(i18n.lang())))
}

/// A labelled input bound to `value`, showing `errors` below it.
#[component]
pub fn TextField(
    /// The input's id and name.
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] errors: Signal<Vec<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-errors");
    let has_errors = move || !errors.get().is_empty();
    view! {
        <div class="field" class:invalid=has_errors>
            <label for=id>{move || label.get()}</label>
            {hint.map(|hint| view! { <p class="hint">{move || hint.get()}</p> })}
            <input
                id=id
                name=id
                type=input_type
                autocomplete=autocomplete
                aria-invalid=move || has_errors().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            />
            <ul class="field-errors" id=error_id>
                {move || errors.get().into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// The form-level error or success message.
#[component]
pub fn Notice(
    #[prop(into)] message: Signal<Option<String>>,
    #[prop(default = "error")] kind: &'static str,
) -> impl IntoView {
    move || {
        message.get().map(|text| {
            let role = if kind == "error" { "alert" } else { "status" };
            view! { <p class=format!("notice {kind}") role=role>{text}</p> }
        })
    }
}
