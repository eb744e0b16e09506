//! `/visits/new`: a monitor starts a visit. The monitor leads it; a second monitor may join.
//! `/visits/new?planned=ID` starts a planned visit: its factory, kind and team are filled in,
//! and the visit carries the plan out (taking its compliance-point scope).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::api::factories::FactoryFilter;
use shared::api::planning::{PlannedVisit, PlannedVisitFilter};
use shared::api::visits::NewVisit;
use shared::error::FieldError;
use shared::visit::{new_visit_problems, VisitType};

use crate::api::{self, ApiError};
use crate::components::form::{
    field_errors, form_message, loaded_options, DateField, Notice, SelectField,
};
use crate::i18n::use_i18n;
use crate::session::use_session;

#[component]
pub fn NewVisitPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let factories = LocalResource::new(|| {
        api::factories::list(&FactoryFilter {
            status: "active".to_owned(),
            ..FactoryFilter::default()
        })
    });
    let monitors = LocalResource::new(api::visits::monitors);
    let today = crate::components::visit::today();
    let factory_id = RwSignal::new(query.with_untracked(|q| q.get("factory").unwrap_or_default()));
    let visit_type = RwSignal::new(VisitType::Assessment.as_str().to_owned());
    let announced = RwSignal::new(false);
    let start_date = RwSignal::new(today.clone());
    let end_date = RwSignal::new(today);
    let second_monitor = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let me = session.user().map(|u| u.id).unwrap_or_default();
    // The planned visit this visit carries out, once found among those still to be started.
    let planned_id =
        query.with_untracked(|q| q.get("planned").and_then(|id| id.parse::<i64>().ok()));
    let plan = RwSignal::new(None::<PlannedVisit>);
    let plan_gone = RwSignal::new(false);
    if let Some(id) = planned_id {
        let request = api::planning::planned_visits(&PlannedVisitFilter::default());
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(planned) => match planned.into_iter().find(|p| p.id == id) {
                    Some(found) => {
                        factory_id.set(found.factory_id.to_string());
                        visit_type.set(found.visit_type.clone());
                        // The monitor starting the visit leads it; the other one of the
                        // planned team joins as second monitor.
                        let partner = [Some(found.lead_monitor_id), found.second_monitor_id]
                            .into_iter()
                            .flatten()
                            .find(|id| *id != me);
                        second_monitor.set(partner.map(|id| id.to_string()).unwrap_or_default());
                        plan.set(Some(found));
                    }
                    None => plan_gone.set(true),
                },
                Err(failure) => error.set(Some(failure)),
            }
        });
    }

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let input = NewVisit {
            factory_id: factory_id.get_untracked().parse().unwrap_or_default(),
            visit_type: visit_type.get_untracked(),
            announced: announced.get_untracked(),
            start_date: start_date.get_untracked(),
            end_date: end_date.get_untracked(),
            second_monitor_id: second_monitor.get_untracked().parse().ok(),
            planned_visit_id: plan.with_untracked(|p| p.as_ref().map(|p| p.id)),
        };
        // The server's own rules, so a mistake shows without a round trip.
        let mut problems = new_visit_problems(&input);
        if input.factory_id == 0 {
            problems.push(FieldError::new("factory_id", "required"));
        }
        if let Some(invalid) = ApiError::from_problems(problems) {
            error.set(Some(invalid));
            return;
        }
        error.set(None);
        pending.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::visits::create(&input).await {
                Ok(visit) => navigate(&format!("/visits/{}", visit.id), Default::default()),
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let errors = move |field: &'static str| field_errors(i18n, error, field);
    let label = move |key: &'static str| Signal::derive(move || i18n.t(key));
    let plan_line = move || {
        plan.get().map(|plan| {
            let dates = if plan.starts_on == plan.ends_on {
                plan.starts_on.clone()
            } else {
                format!("{} – {}", plan.starts_on, plan.ends_on)
            };
            let scope = plan.scope.len();
            view! {
                <p class="notice info" role="status" data-testid="from-plan">
                    {i18n.t_with("visits.from_plan", &[("dates", &dates)])}
                    {(scope > 0).then(|| {
                        format!(" {}", i18n.t_with("visits.from_plan_scope", &[("count", &scope.to_string())]))
                    })}
                </p>
            }
        })
    };
    let factory_options =
        loaded_options(factories, |factory| (factory.id.to_string(), factory.name));
    let type_options = Signal::derive(move || {
        VisitType::ALL
            .iter()
            .map(|t| {
                (
                    t.as_str().to_owned(),
                    i18n.t(&format!("visit_type.{}", t.as_str())),
                )
            })
            .collect::<Vec<_>>()
    });
    let monitor_options = Signal::derive(move || {
        monitors
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|m| m.id != me)
            .map(|m| (m.id.to_string(), m.display_name))
            .collect::<Vec<_>>()
    });
    view! {
        <A href="/visits" attr:class="back-link">{move || i18n.t("visits.back")}</A>
        <section class="page-head"><h1>{move || i18n.t("visits.new")}</h1></section>
        <form class="panel" on:submit=submit>
            <Notice message=form_message(i18n, error)/>
            {plan_line}
            <Show when=move || plan_gone.get()>
                <p class="notice warning" role="status" data-testid="plan-gone">{move || i18n.t("visits.plan_gone")}</p>
            </Show>
            <div class="grid-form">
                <SelectField id="factory_id" label=label("visits.factory") value=factory_id choose=label("visits.choose_factory") options=factory_options errors=errors("factory_id")/>
                <SelectField id="visit_type" label=label("visits.type") value=visit_type options=type_options errors=errors("visit_type")/>
                <DateField id="start_date" label=label("visits.start_date") value=start_date errors=errors("start_date")/>
                <DateField id="end_date" label=label("visits.end_date") value=end_date errors=errors("end_date")/>
                <SelectField id="second_monitor" label=label("visits.second_monitor") value=second_monitor choose=label("visits.no_second_monitor") options=monitor_options errors=errors("second_monitor_id")/>
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
