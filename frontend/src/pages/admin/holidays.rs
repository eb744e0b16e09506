//! `/holidays`: administrators keep the public-holiday calendar that working-day deadlines
//! (such as the 21 working days to object to a report) skip.

use leptos::prelude::*;
use shared::deadline::{holiday_problems, Holiday};

use crate::api::{self, ApiError};
use crate::components::form::{field_errors, form_message, DateField, Notice, TextField};
use crate::i18n::use_i18n;
use crate::pages::LoadError;

/// The calendar years offered: around today's, where deadlines fall.
fn year_choices(this_year: i32) -> Vec<i32> {
    (this_year - 2..=this_year + 1).rev().collect()
}

#[component]
pub fn HolidaysPage() -> impl IntoView {
    let i18n = use_i18n();
    let this_year = js_sys::Date::new_0().get_full_year() as i32;
    let year = RwSignal::new(this_year);
    let holidays = LocalResource::new(move || api::holidays::list(year.get()));
    let coverage = LocalResource::new(api::holidays::coverage);
    let refresh = Callback::new(move |_| {
        holidays.refetch();
        coverage.refetch();
    });
    view! {
        <section class="page-head">
            <h1>{move || i18n.t("holidays.title")}</h1>
            <p class="subtitle">{move || i18n.t("holidays.intro")}</p>
        </section>
        <Transition fallback=|| ()>
            {move || coverage.get().and_then(Result::ok).and_then(|coverage| {
                (!coverage.years_without_holidays.is_empty()).then(|| {
                    let years = coverage
                        .years_without_holidays
                        .iter()
                        .map(i32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ");
                    view! {
                        <p class="notice warning" role="note" data-testid="holiday-coverage-warning">
                            {move || i18n.t_with("holidays.coverage_warning", &[("years", &years)])}
                        </p>
                    }
                })
            })}
        </Transition>
        <AddHoliday on_added=refresh/>
        <div class="filter-bar panel">
            <label for="holiday-year">{move || i18n.t("holidays.year")}</label>
            <select id="holiday-year" on:change=move |e| {
                if let Ok(chosen) = event_target_value(&e).parse() {
                    year.set(chosen);
                }
            }>
                {year_choices(this_year).into_iter().map(|option| view! {
                    <option value=option.to_string() selected=option == this_year>{option.to_string()}</option>
                }).collect_view()}
            </select>
        </div>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || holidays.get().map(|result| match result {
                Ok(list) => view! { <HolidayTable holidays=list on_removed=refresh/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=refresh/> }.into_any(),
            })}
        </Transition>
    }
}

/// The form for one more day off.
#[component]
fn AddHoliday(on_added: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let date = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let added = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        added.set(None);
        let holiday = Holiday {
            date: date.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
        };
        // The same rules as the server, before sending; what was typed stays in the form.
        if let Some(problems) = ApiError::from_problems(holiday_problems(&holiday)) {
            error.set(Some(problems));
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::holidays::add(&holiday).await {
                Ok(saved) => {
                    error.set(None);
                    added.set(Some(i18n.t_with(
                        "holidays.added",
                        &[("date", &saved.date), ("name", &saved.name)],
                    )));
                    date.set(String::new());
                    name.set(String::new());
                    on_added.run(());
                }
                // What was typed stays in the form so that it can be corrected.
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let errors = move |field: &'static str| field_errors(i18n, error, field);
    view! {
        <section class="panel">
            <h2>{move || i18n.t("holidays.add_title")}</h2>
            <form on:submit=submit novalidate class="grid-form">
                <Notice message=form_message(i18n, error)/>
                <Notice kind="success" message=added/>
                <DateField
                    id="holiday-date"
                    label=Signal::derive(move || i18n.t("holidays.date"))
                    value=date
                    errors=errors("date")
                />
                <TextField
                    id="holiday-name"
                    label=Signal::derive(move || i18n.t("holidays.name"))
                    value=name
                    errors=errors("name")
                />
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t("holidays.add")}
                    </button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn HolidayTable(holidays: Vec<Holiday>, on_removed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<ApiError>);
    if holidays.is_empty() {
        return view! { <p class="panel">{move || i18n.t("holidays.none")}</p> }.into_any();
    }
    let rows = holidays
        .into_iter()
        .map(|holiday| {
            let date = holiday.date.clone();
            let label = i18n.t_with("holidays.remove_label", &[("date", &holiday.date)]);
            let remove = move |_| {
                let date = date.clone();
                leptos::task::spawn_local(async move {
                    match api::holidays::remove(&date).await {
                        Ok(()) => on_removed.run(()),
                        Err(failure) => error.set(Some(failure)),
                    }
                });
            };
            view! {
                <tr>
                    <td>{holiday.date.clone()}</td>
                    <td lang="en">{holiday.name.clone()}</td>
                    <td>
                        <button type="button" class="button secondary" aria-label=label on:click=remove>
                            {move || i18n.t("holidays.remove")}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Notice message=form_message(i18n, error)/>
        <div class="table-wrap panel">
            <table data-testid="holiday-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("holidays.date")}</th>
                        <th scope="col">{move || i18n.t("holidays.name")}</th>
                        <th scope="col"><span class="visually-hidden">{move || i18n.t("holidays.remove")}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
