//! Form fields with their label and error messages.

use std::future::Future;

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

/// A sender that calls `call` (a page's typed-client call) with the form's body and reports
/// its outcome to the form.
/// Select options (value, label) from a list the page loads: none while it loads or when it
/// failed (the page shows that error).
pub fn loaded_options<T: Clone + 'static>(
    list: LocalResource<Result<Vec<T>, ApiError>>,
    option: fn(T) -> (String, String),
) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        list.get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(option)
            .collect()
    })
}

pub fn sender<B, T, Fut>(call: impl Fn(B) -> Fut + Send + Sync + 'static) -> Sender<B, T>
where
    B: 'static,
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    Callback::new(move |submission: Submission<B, T>| {
        let request = call(submission.body);
        let done = submission.done;
        leptos::task::spawn_local(async move {
            done.run(request.await);
        });
    })
}

/// Checks a request with the shared rule the API applies, before it is sent: when the rule
/// finds `problems`, the form shows them as it would show the server's answer (what was typed
/// stays) and the caller does not send. True when refused.
pub fn refused(
    problems: Vec<shared::error::FieldError>,
    error: RwSignal<Option<ApiError>>,
) -> bool {
    match ApiError::from_problems(problems) {
        Some(found) => {
            error.set(Some(found));
            true
        }
        None => false,
    }
}

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

/// A labelled drop-down bound to `value`: a first entry that asks to `choose` (value `""`)
/// when given (leave it out for choices that always have a value), then `options` as
/// (value, label) pairs, with `errors` below it.
#[component]
pub fn SelectField(
    /// The select's id and name (made at run time for fields repeated per row).
    #[prop(into)]
    id: String,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(optional, into)] choose: Option<Signal<String>>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] errors: Signal<Vec<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-errors");
    let has_errors = move || !errors.get().is_empty();
    view! {
        <Field id=id.clone() label=label errors=errors>
            <select
                id=id.clone()
                name=id
                aria-invalid=move || has_errors().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:change=move |event| value.set(event_target_value(&event))
            >
                {choose.map(|choose| view! { <option value="">{move || choose.get()}</option> })}
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
        </Field>
    }
}

/// What every field of the kit has around its control: the label, an optional hint, and the
/// field's messages below it (the control names them with `aria-describedby="{id}-errors"`).
#[component]
fn Field(
    id: String,
    label: Signal<String>,
    errors: Signal<Vec<String>>,
    #[prop(default = None)] hint: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    let has_errors = move || !errors.get().is_empty();
    view! {
        <div class="field" class:invalid=has_errors>
            <label for=id.clone()>{move || label.get()}</label>
            {hint.map(|hint| view! { <p class="hint">{move || hint.get()}</p> })}
            {children()}
            <FieldErrors errors=errors id=format!("{id}-errors")/>
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
    /// The input's id and name (made at run time for fields repeated per row).
    #[prop(into)]
    id: String,
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
        <Field id=id.clone() label=label errors=errors hint=hint>
            <input
                id=id.clone()
                name=id
                type=input_type
                autocomplete=autocomplete
                aria-invalid=move || has_errors().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            />
        </Field>
    }
}

/// A labelled multi-line text bound to `value`, showing `errors` below it.
#[component]
pub fn TextAreaField(
    /// The text area's id and name (made at run time for fields repeated per row).
    #[prop(into)]
    id: String,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] errors: Signal<Vec<String>>,
    #[prop(default = 3)] rows: u32,
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-errors");
    let has_errors = move || !errors.get().is_empty();
    view! {
        <Field id=id.clone() label=label errors=errors hint=hint>
            <textarea
                id=id.clone()
                name=id
                rows=rows
                aria-invalid=move || has_errors().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            ></textarea>
        </Field>
    }
}

/// A labelled calendar date (`YYYY-MM-DD`, as the API takes it) bound to `value`, showing
/// `errors` below it; `min` and `max` limit what the browser's date picker offers.
#[component]
pub fn DateField(
    /// The input's id and name (made at run time for fields repeated per row).
    #[prop(into)]
    id: String,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] errors: Signal<Vec<String>>,
    #[prop(optional, into)] min: Option<Signal<String>>,
    #[prop(optional, into)] max: Option<Signal<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-errors");
    let has_errors = move || !errors.get().is_empty();
    view! {
        <Field id=id.clone() label=label errors=errors>
            <input
                id=id.clone()
                name=id
                type="date"
                min=move || min.map(|min| min.get())
                max=move || max.map(|max| max.get())
                aria-invalid=move || has_errors().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            />
        </Field>
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
