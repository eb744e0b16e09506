//! `/visits/:id/closing-meeting`: the latest closing meeting record of a visit, as a sheet to
//! print and leave with the factory's management. The sheet is read by managers of any of the
//! three languages, so every heading and label is in Khmer, English and Chinese together,
//! whatever the language of the screen; what the monitor wrote appears once, as written.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::closing_meetings::ClosingMeeting;
use shared::closing_meeting::programme_steps;
use shared::i18n::{translate, translate_with, Lang};

use crate::api;
use crate::components::visit::{format_time, visit_dates};
use crate::i18n::use_i18n;
use crate::pages::reports::report::PrintButton;
use crate::pages::{path_id, LoadError};
use crate::session::use_session;

/// The languages of the sheet, in the order they are printed.
const SHEET_LANGUAGES: [Lang; 3] = [Lang::Km, Lang::En, Lang::Zh];

#[component]
pub fn ClosingMeetingPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_params_map();
    let visit_id = move || path_id(params.with(|p| p.get("id")));
    let meeting = LocalResource::new(move || {
        let request = visit_id().map(api::closing_meetings::latest);
        async move { request?.await }
    });
    let retry = Callback::new(move |_| meeting.refetch());
    // Programme staff came from the visit; the factory's manager from their factory's page.
    let back = move || {
        let staff = session
            .user()
            .is_some_and(|user| user.role.is_programme_staff());
        match visit_id() {
            Ok(id) if staff => (format!("/visits/{id}"), "capture.back_to_visit"),
            _ => ("/".to_owned(), "closing_meeting.back_home"),
        }
    };
    view! {
        <A href=move || back().0 attr:class="back-link" attr:data-testid="closing-meeting-back">
            {move || i18n.t(back().1)}
        </A>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || meeting.get().map(|result| match result {
                Ok(Some(meeting)) => view! { <PrintableClosingMeeting meeting=meeting/> }.into_any(),
                Ok(None) => view! {
                    <p class="panel notice info" role="status" data-testid="closing-meeting-none">
                        {move || i18n.t("closing_meeting.none_yet")}
                    </p>
                }
                .into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

/// A catalogue text in the sheet's three languages, each marked with its language.
fn trilingual(key: &str, values: &[(&str, &str)]) -> impl IntoView {
    let texts = SHEET_LANGUAGES
        .into_iter()
        .map(|lang| view! { <span lang=lang.code()>{translate_with(lang, key, values)}</span> })
        .collect_view();
    view! { <span class="trilingual">{texts}</span> }
}

/// The screen's heading and print button, then the sheet: the programme, the factory and the
/// visit, the meeting, the documents requested, what happens next (the programme's steps, then
/// the monitor's) and who recorded it.
#[component]
fn PrintableClosingMeeting(meeting: ClosingMeeting) -> impl IntoView {
    let i18n = use_i18n();
    let type_key = format!("visit_type.{}", meeting.visit_type.as_str());
    let steps = programme_steps(&meeting.documents)
        .into_iter()
        .map(|step| {
            let values: Vec<(&str, &str)> = step
                .values
                .iter()
                .map(|(name, value)| (*name, value.as_str()))
                .collect();
            view! { <li>{trilingual(step.key, &values)}</li> }
        })
        .collect_view();
    let documents = if meeting.documents.is_empty() {
        view! { <p>{trilingual("closing_meeting.no_documents", &[])}</p> }.into_any()
    } else {
        let rows = meeting
            .documents
            .iter()
            .map(|document| {
                view! {
                    <tr>
                        <td>{document.name.clone()}</td>
                        <td class="nowrap">{document.requested_on.clone()}</td>
                        <td class="nowrap">{document.due_on.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table class="closing-sheet-documents" data-testid="closing-meeting-documents">
                    <thead><tr>
                        <th scope="col">{trilingual("closing_meeting.document", &[])}</th>
                        <th scope="col">{trilingual("closing_meeting.requested_on", &[])}</th>
                        <th scope="col">{trilingual("closing_meeting.due_on", &[])}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let monitor_steps = (!meeting.next_steps.trim().is_empty()).then(|| {
        view! {
            <h4>{trilingual("closing_meeting.monitor_steps", &[])}</h4>
            <p class="written" data-testid="closing-meeting-monitor-steps">{meeting.next_steps.clone()}</p>
        }
    });
    let recorded = format!(
        "{} · {}",
        meeting.recorded_by,
        format_time(meeting.recorded_at)
    );
    let factory_name = meeting.factory_name.clone();
    // The letterhead: the programme and the title, a block per language.
    let heading = SHEET_LANGUAGES
        .into_iter()
        .map(|lang| {
            view! {
                <div lang=lang.code() class="closing-sheet-heading">
                    <p class="closing-sheet-programme">{translate(lang, "ministries.programme")}</p>
                    <h2 class="closing-sheet-title">{translate(lang, "closing_meeting.record_title")}</h2>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="page-head with-actions screen-only">
            <div>
                <h1>{move || i18n.t("closing_meeting.record_title")}</h1>
                <p class="subtitle">{factory_name}</p>
                <p class="hint">{move || i18n.t("closing_meeting.print_hint")}</p>
            </div>
            <PrintButton/>
        </section>
        <article
            class="panel closing-sheet"
            data-testid="closing-meeting-sheet"
            data-visit=meeting.visit_id
            data-version=meeting.version
        >
            <header class="closing-sheet-head">{heading}</header>
            <dl class="closing-sheet-facts">
                <dt>{trilingual("closing_meeting.factory", &[])}</dt>
                <dd data-testid="closing-meeting-factory"><strong>{meeting.factory_name.clone()}</strong></dd>
                <dt>{trilingual("closing_meeting.address", &[])}</dt>
                <dd class="written">{meeting.factory_address.clone()}</dd>
                <dt>{trilingual("closing_meeting.visit_dates", &[])}</dt>
                <dd>{visit_dates(&meeting.visit_start, &meeting.visit_end)}</dd>
                <dt>{trilingual("closing_meeting.visit_type", &[])}</dt>
                <dd>{trilingual(&type_key, &[])}</dd>
                <dt>{trilingual("closing_meeting.monitors", &[])}</dt>
                <dd>{meeting.monitors.join(", ")}</dd>
                <dt>{trilingual("closing_meeting.held_on", &[])}</dt>
                <dd data-testid="closing-meeting-held-on">{meeting.held_on.clone()}</dd>
                <dt>{trilingual("closing_meeting.attendees", &[])}</dt>
                <dd class="written" data-testid="closing-meeting-attendees">{meeting.attendees.clone()}</dd>
            </dl>
            <section class="closing-sheet-part">
                <h3>{trilingual("closing_meeting.summary", &[])}</h3>
                <p class="written" data-testid="closing-meeting-summary">{meeting.summary.clone()}</p>
            </section>
            <section class="closing-sheet-part">
                <h3>{trilingual("closing_meeting.documents", &[])}</h3>
                {documents}
            </section>
            <section class="closing-sheet-part">
                <h3>{trilingual("closing_meeting.next_steps", &[])}</h3>
                <h4>{trilingual("closing_meeting.programme_steps", &[])}</h4>
                <ol class="closing-sheet-steps" data-testid="closing-meeting-steps">{steps}</ol>
                {monitor_steps}
            </section>
            <footer class="closing-sheet-foot">
                <dl class="closing-sheet-facts">
                    <dt>{trilingual("closing_meeting.recorded_by_label", &[])}</dt>
                    <dd data-testid="closing-meeting-recorded-by">{recorded}</dd>
                </dl>
            </footer>
        </article>
    }
}
