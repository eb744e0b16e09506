//! `/factories/import`: administrators import a CSV file of factories, whole or not at all.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::web_sys::HtmlInputElement;
use leptos_router::components::A;

use crate::api::{self, ApiError};
use crate::components::form::{field_errors, form_message, FieldErrors, Notice};
use crate::i18n::use_i18n;

#[component]
pub fn FactoryImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<ApiError>);
    let imported = RwSignal::new(None::<usize>);
    let pending = RwSignal::new(false);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let Some(input) = file_input.get() else {
            return;
        };
        let input: HtmlInputElement = input;
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            error.set(Some(ApiError::local_field("file", "required")));
            return;
        };
        pending.set(true);
        error.set(None);
        imported.set(None);
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            let text = text
                .ok()
                .and_then(|value| value.as_string())
                .unwrap_or_default();
            match api::factories::import(text).await {
                Ok(outcome) => imported.set(Some(outcome.imported)),
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };

    let rows = move || error.get().map(|e| e.import_rows()).unwrap_or_default();
    let file_errors = field_errors(i18n, error, "file");

    view! {
        <A href="/factories" attr:class="back-link">{move || i18n.t("factories.back")}</A>
        <section class="page-head"><h1>{move || i18n.t("factories.import")}</h1></section>
        <section class="panel">
            <p class="hint">{move || i18n.t("factories.import_hint")}</p>
            <form on:submit=submit>
                <Notice message=form_message(i18n, error)/>
                {move || imported.get().map(|count| view! {
                    <p class="notice success" role="status">
                        {i18n.t_with("factories.imported", &[("count", &count.to_string())])}
                    </p>
                })}
                <div class="field" class:invalid=move || !file_errors.get().is_empty()>
                    <label for="import-file">{move || i18n.t("factories.import_file")}</label>
                    <input
                        id="import-file"
                        name="file"
                        type="file"
                        accept=".csv,text/csv"
                        aria-invalid=move || (!file_errors.get().is_empty()).to_string()
                        aria-describedby="import-file-errors"
                        node_ref=file_input
                    />
                    <FieldErrors errors=file_errors id="import-file-errors"/>
                </div>
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || i18n.t("factories.import_submit")}
                </button>
            </form>
        </section>
        <Show when=move || !rows().is_empty()>
            <div class="table-wrap panel">
                <table data-testid="import-errors">
                    <thead>
                        <tr>
                            <th scope="col" class="number">{move || i18n.t("factories.import_line")}</th>
                            <th scope="col">{move || i18n.t("factories.import_field")}</th>
                            <th scope="col">{move || i18n.t("factories.import_problem")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || rows().into_iter().map(|row| {
                            let problem = i18n.t(&format!("validation.{}", row.code));
                            let problem = match &row.duplicate_of {
                                Some(other) => format!("{problem} ({})", crate::pages::duplicate_label(i18n, other)),
                                None => problem,
                            };
                            view! {
                                <tr>
                                    <td class="number">{row.line}</td>
                                    <td><code>{row.field.clone()}</code></td>
                                    <td>{problem}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </Show>
    }
}
