//! `/checklists`: administrators see the checklist versions, export any of them as CSV, import
//! a new version and publish it for new visits.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::web_sys::HtmlInputElement;
use shared::api::checklists::ChecklistVersion;

use crate::api::{self, ApiError};
use crate::components::form::{field_errors, form_message, Notice, TextField};
use crate::components::visit::format_time;
use crate::i18n::use_i18n;
use crate::pages::LoadError;

#[component]
pub fn ChecklistsPage() -> impl IntoView {
    let i18n = use_i18n();
    let versions = LocalResource::new(api::checklists::list);
    let refresh = Callback::new(move |_| versions.refetch());
    view! {
        <section class="page-head"><h1>{move || i18n.t("checklists.title")}</h1></section>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || versions.get().map(|result| match result {
                Ok(rows) => view! { <VersionTable rows=rows refresh=refresh/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=refresh/> }.into_any(),
            })}
        </Transition>
        <ImportForm refresh=refresh/>
    }
}

#[component]
fn VersionTable(rows: Vec<ChecklistVersion>, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<ApiError>);
    let publish = move |id: i64| {
        leptos::task::spawn_local(async move {
            match api::checklists::publish(id).await {
                Ok(_) => refresh.run(()),
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    let body = rows
        .into_iter()
        .map(|version| {
            let id = version.id;
            let state_key = if version.current {
                "checklists.current"
            } else if version.published_at.is_some() {
                "checklists.published"
            } else {
                "checklists.draft"
            };
            let draft = version.published_at.is_none();
            view! {
                <tr data-version=version.label.clone()>
                    <td>{version.label.clone()}</td>
                    <td class="number">{version.question_count}</td>
                    <td><span class="tag">{move || i18n.t(state_key)}</span></td>
                    <td>{version.published_at.map(format_time).unwrap_or_default()}</td>
                    <td class="actions">
                        <a class="button small secondary" href=api::checklists::export_href(id) download="">{move || i18n.t("checklists.export")}</a>
                        {draft.then(|| view! {
                            <button type="button" class="button small primary" on:click=move |_| publish(id)>{move || i18n.t("checklists.publish")}</button>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Notice message=form_message(i18n, error)/>
        <div class="table-wrap panel">
            <table>
                <thead><tr>
                    <th scope="col">{move || i18n.t("checklists.label")}</th>
                    <th scope="col" class="number">{move || i18n.t("checklists.questions")}</th>
                    <th scope="col">{move || i18n.t("checklists.state")}</th>
                    <th scope="col">{move || i18n.t("checklists.published_at")}</th>
                    <th scope="col"></th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

#[component]
fn ImportForm(refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let label = RwSignal::new(String::new());
    let file_input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<ApiError>);
    let imported = RwSignal::new(None::<ChecklistVersion>);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let Some(input) = file_input.get() else {
            return;
        };
        let input: HtmlInputElement = input;
        let file = input.files().and_then(|files| files.get(0));
        error.set(None);
        imported.set(None);
        leptos::task::spawn_local(async move {
            let text = match file {
                Some(file) => wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|value| value.as_string())
                    .unwrap_or_default(),
                None => String::new(),
            };
            match api::checklists::import(&label.get_untracked(), text).await {
                Ok(version) => {
                    imported.set(Some(version));
                    refresh.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    let rows = move || error.get().map(|e| e.import_rows()).unwrap_or_default();
    view! {
        <section class="panel">
            <h2>{move || i18n.t("checklists.import")}</h2>
            <p class="hint">{move || i18n.t("checklists.import_hint")}</p>
            <form on:submit=submit>
                <Notice message=form_message(i18n, error)/>
                {move || imported.get().map(|version| view! {
                    <p class="notice success" role="status">{i18n.t_with("checklists.imported", &[("label", &version.label), ("count", &version.question_count.to_string())])}</p>
                })}
                <TextField id="label" label=Signal::derive(move || i18n.t("checklists.label")) value=label
                    errors=field_errors(i18n, error, "label")/>
                <div class="field">
                    <label for="checklist-file">{move || i18n.t("checklists.file")}</label>
                    <input id="checklist-file" type="file" accept=".csv,text/csv" node_ref=file_input/>
                </div>
                <button type="submit" class="button primary">{move || i18n.t("checklists.import")}</button>
                <Show when=move || !rows().is_empty()>
                    <div class="table-wrap">
                        <table>
                            <thead><tr>
                                <th scope="col">{move || i18n.t("import.line")}</th>
                                <th scope="col">{move || i18n.t("import.column")}</th>
                                <th scope="col">{move || i18n.t("import.problem")}</th>
                            </tr></thead>
                            <tbody>
                                {move || rows().into_iter().map(|row| view! {
                                    <tr>
                                        <td class="number">{row.line}</td>
                                        <td>{row.field.clone()}</td>
                                        <td>{i18n.t(&format!("validation.{}", row.code))}{row.duplicate_of.map(|d| format!(" ({})", crate::pages::duplicate_label(i18n, &d)))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </Show>
            </form>
        </section>
    }
}
