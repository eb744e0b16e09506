//! `/visits/new`: a monitor starts a visit. The monitor leads it; a second monitor may join.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::api::factories::Factory;
use shared::api::visits::{MonitorOption, NewVisit, VisitSummary};
use shared::visit::{new_visit_problems, VisitType};

use crate::api::{self, ApiError};
use crate::components::form::Notice;
use crate::i18n::use_i18n;
use crate::session::use_session;

#[component]
pub fn NewVisitPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let factories = LocalResource::new(|| async {
        api::get::<Vec<Factory>>("/api/factories?status=active").await
    });
    let monitors = LocalResource::new(|| async {
        api::get::<Vec<MonitorOption>>("/api/visits/monitors").await
    });
    let today = {
        let date = js_sys::Date::new_0();
        format!(
            "{:04}-{:02}-{:02}",
            date.get_full_year(),
            date.get_month() + 1,
            date.get_date()
        )
    };
    let factory_id = RwSignal::new(query.with_untracked(|q| q.get("factory").unwrap_or_default()));
    let visit_type = RwSignal::new(VisitType::Assessment.as_str().to_owned());
    let announced = RwSignal::new(false);
    let start_date = RwSignal::new(today.clone());
    let end_date = RwSignal::new(today);
    let second_monitor = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let local_errors = RwSignal::new(Vec::<shared::error::FieldError>::new());
    let pending = RwSignal::new(false);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let input = NewVisit {
            factory_id: factory_id.get_untracked().parse().unwrap_or_default(),
            visit_type: visit_type.get_untracked(),
            announced: announced.get_untracked(),
            start_date: start_date.get_untracked(),
            end_date: end_date.get_untracked(),
            second_monitor_id: second_monitor.get_untracked().parse().ok(),
        };
        let mut problems = new_visit_problems(&input);
        if input.factory_id == 0 {
            problems.push(shared::error::FieldError::new("factory_id", "required"));
        }
        local_errors.set(problems.clone());
        if !problems.is_empty() {
            return;
        }
        pending.set(true);
        error.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::post::<_, VisitSummary>("/api/visits", &input).await {
                Ok(visit) => navigate(&format!("/visits/{}", visit.id), Default::default()),
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let errors_for = move |field: &'static str| {
        move || {
            let mut messages: Vec<String> = local_errors
                .get()
                .iter()
                .filter(|e| e.field == field)
                .map(|e| i18n.t(&format!("validation.{}", e.code)))
                .collect();
            if let Some(e) = error.get() {
                messages.extend(e.field_messages(field, i18n.lang()));
            }
            messages
                .into_iter()
                .map(|m| view! { <li>{m}</li> })
                .collect_view()
        }
    };
    let me = session.user().map(|u| u.id).unwrap_or_default();
    view! {
        <A href="/visits" attr:class="back-link">{move || i18n.t("visits.back")}</A>
        <section class="page-head"><h1>{move || i18n.t("visits.new")}</h1></section>
        <form class="panel" on:submit=submit>
            <Notice message=Signal::derive(move || error.get().map(|e| e.message(i18n.lang())))/>
            <div class="grid-form">
                <div class="field">
                    <label for="factory_id">{move || i18n.t("visits.factory")}</label>
                    <select id="factory_id" on:change=move |e| factory_id.set(event_target_value(&e))>
                        <option value="">{move || i18n.t("visits.choose_factory")}</option>
                        {move || factories.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|f| {
                            let value = f.id.to_string();
                            let selected = factory_id.get_untracked() == value;
                            view! { <option value=value selected=selected>{f.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <ul class="field-errors">{errors_for("factory_id")}</ul>
                </div>
                <div class="field">
                    <label for="visit_type">{move || i18n.t("visits.type")}</label>
                    <select id="visit_type" on:change=move |e| visit_type.set(event_target_value(&e))>
                        {VisitType::ALL.iter().map(|t| {
                            let key = format!("visit_type.{}", t.as_str());
                            view! { <option value=t.as_str() selected=*t == VisitType::Assessment>{move || i18n.t(&key)}</option> }
                        }).collect_view()}
                    </select>
                    <ul class="field-errors">{errors_for("visit_type")}</ul>
                </div>
                <div class="field">
                    <label for="start_date">{move || i18n.t("visits.start_date")}</label>
                    <input id="start_date" type="date" prop:value=move || start_date.get() on:input=move |e| start_date.set(event_target_value(&e))/>
                    <ul class="field-errors">{errors_for("start_date")}</ul>
                </div>
                <div class="field">
                    <label for="end_date">{move || i18n.t("visits.end_date")}</label>
                    <input id="end_date" type="date" prop:value=move || end_date.get() on:input=move |e| end_date.set(event_target_value(&e))/>
                    <ul class="field-errors">{errors_for("end_date")}</ul>
                </div>
                <div class="field">
                    <label for="second_monitor">{move || i18n.t("visits.second_monitor")}</label>
                    <select id="second_monitor" on:change=move |e| second_monitor.set(event_target_value(&e))>
                        <option value="">{move || i18n.t("visits.no_second_monitor")}</option>
                        {move || monitors.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().filter(|m| m.id != me).map(|m| {
                            view! { <option value=m.id.to_string()>{m.display_name.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <ul class="field-errors">{errors_for("second_monitor_id")}</ul>
                </div>
                <div class="field checkbox">
                    <label>
                        <input type="checkbox" prop:checked=move || announced.get() on:change=move |e| announced.set(event_target_checked(&e))/>
                        {move || i18n.t("visits.announced")}
                    </label>
                </div>
            </div>
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || pending.get()>{move || i18n.t("visits.create")}</button>
            </div>
        </form>
    }
}
