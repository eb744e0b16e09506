//! The closing meeting on a visit's page: the latest record of what the monitors told the
//! factory's management at the end of the visit, the way to its printable sheet and, for a
//! monitor of the team while the visit can still change, the form to record it (again). The
//! page fetches the record and sends the form.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::closing_meetings::{ClosingMeeting, NewClosingMeeting};
use shared::closing_meeting::closing_meeting_problems;

use crate::components::form::{
    field_errors, form_message, refused, DateField, Notice, Sender, Submission, TextAreaField,
};
use crate::components::visit::format_time;
use crate::error::ApiError;
use crate::i18n::use_i18n;

/// What the page gives the form to record the meeting: it answers with the record as stored.
pub type ClosingMeetingSender = Sender<NewClosingMeeting, ClosingMeeting>;

/// The address of a visit's printable closing meeting record.
pub fn closing_meeting_href(visit_id: i64) -> String {
    format!("/visits/{visit_id}/closing-meeting")
}

/// The visit's closing meeting: the latest record (or that there is none yet) and, when
/// `record` is given, the form.
#[component]
pub fn ClosingMeetingPanel(
    /// The latest record, `None` before the first; the page swaps in the one just recorded.
    meeting: Signal<Option<ClosingMeeting>>,
    /// `YYYY-MM-DD`, the visit's first day: the earliest day the meeting can be dated.
    visit_start: String,
    /// `YYYY-MM-DD` in Cambodia: the latest day the meeting can be dated, and the form's first.
    today: String,
    /// `None` when the user may not record the meeting: the panel only shows the record.
    record: Option<ClosingMeetingSender>,
    /// Called with the record as stored once the form has recorded it.
    on_recorded: Callback<ClosingMeeting>,
) -> impl IntoView {
    let i18n = use_i18n();
    // What the form starts from: the record as it stands, to correct, or a meeting held today.
    let initial = match meeting.get_untracked() {
        Some(meeting) => NewClosingMeeting {
            held_on: meeting.held_on,
            attendees: meeting.attendees,
            summary: meeting.summary,
            next_steps: meeting.next_steps,
        },
        None => NewClosingMeeting {
            held_on: today.clone(),
            ..NewClosingMeeting::default()
        },
    };
    let recorded = Signal::derive(move || meeting.with(Option::is_some));
    view! {
        <section class="panel closing-meeting" data-testid="closing-meeting" aria-labelledby="closing-meeting-title">
            <h2 id="closing-meeting-title">{move || i18n.t("closing_meeting.title")}</h2>
            <p class="hint">{move || i18n.t("closing_meeting.hint")}</p>
            {move || match meeting.get() {
                Some(meeting) => view! { <ClosingMeetingRecord meeting=meeting/> }.into_any(),
                None => view! {
                    <p class="closing-meeting-none" data-testid="closing-meeting-none">
                        {move || i18n.t("closing_meeting.none_yet")}
                    </p>
                }
                .into_any(),
            }}
            {record.map(|send| view! {
                <ClosingMeetingForm
                    initial=initial
                    visit_start=visit_start
                    today=today
                    recorded=recorded
                    send=send
                    on_recorded=on_recorded
                />
            })}
        </section>
    }
}

/// One record as management was told: the day, who attended, the summary and the monitor's
/// next steps (line breaks kept), who recorded it and how often it was corrected, and the way
/// to print it.
#[component]
fn ClosingMeetingRecord(meeting: ClosingMeeting) -> impl IntoView {
    let i18n = use_i18n();
    let recorded_by = meeting.recorded_by.clone();
    let recorded_at = format_time(meeting.recorded_at);
    let corrections = meeting.version - 1;
    let next_steps = (!meeting.next_steps.trim().is_empty()).then(|| meeting.next_steps.clone());
    view! {
        <div class="closing-meeting-record" data-testid="closing-meeting-record" data-version=meeting.version>
            <dl class="closing-meeting-facts">
                <dt>{move || i18n.t("closing_meeting.held_on")}</dt>
                <dd data-testid="closing-meeting-held-on">{meeting.held_on.clone()}</dd>
                <dt>{move || i18n.t("closing_meeting.attendees")}</dt>
                <dd class="written" data-testid="closing-meeting-attendees">{meeting.attendees.clone()}</dd>
                <dt>{move || i18n.t("closing_meeting.summary")}</dt>
                <dd class="written" data-testid="closing-meeting-summary">{meeting.summary.clone()}</dd>
                {next_steps.map(|text| view! {
                    <dt>{move || i18n.t("closing_meeting.next_steps")}</dt>
                    <dd class="written" data-testid="closing-meeting-next-steps">{text}</dd>
                })}
            </dl>
            <p class="hint" data-testid="closing-meeting-recorded-by">
                {move || i18n.t_with("closing_meeting.recorded_by", &[("name", &recorded_by), ("date", &recorded_at)])}
                {(corrections > 0).then(|| view! {
                    " "
                    <span data-testid="closing-meeting-corrected">
                        {move || if corrections == 1 {
                            i18n.t("closing_meeting.corrected_once")
                        } else {
                            i18n.t_with("closing_meeting.corrected_times", &[("count", &corrections.to_string())])
                        }}
                    </span>
                })}
            </p>
            <div class="actions">
                <A
                    href=closing_meeting_href(meeting.visit_id)
                    attr:class="button secondary"
                    attr:data-testid="print-closing-meeting"
                >
                    {move || i18n.t("closing_meeting.print_for_management")}
                </A>
            </div>
        </div>
    }
}

/// The meeting as the monitor records it, checked with the shared rule the API applies before
/// it is sent; what was typed stays in the form whatever the answer.
#[component]
fn ClosingMeetingForm(
    initial: NewClosingMeeting,
    visit_start: String,
    today: String,
    /// A record exists: the button records it again.
    recorded: Signal<bool>,
    send: ClosingMeetingSender,
    on_recorded: Callback<ClosingMeeting>,
) -> impl IntoView {
    let i18n = use_i18n();
    let held_on = RwSignal::new(initial.held_on);
    let attendees = RwSignal::new(initial.attendees);
    let summary = RwSignal::new(initial.summary);
    let next_steps = RwSignal::new(initial.next_steps);
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let min_day = visit_start.clone();
    let max_day = today.clone();
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let meeting = NewClosingMeeting {
            held_on: held_on.get_untracked().trim().to_owned(),
            attendees: attendees.get_untracked(),
            summary: summary.get_untracked(),
            next_steps: next_steps.get_untracked(),
        };
        saved.set(false);
        if refused(
            closing_meeting_problems(&meeting, &visit_start, &today),
            error,
        ) {
            return;
        }
        error.set(None);
        pending.set(true);
        let done = Callback::new(move |result: Result<ClosingMeeting, ApiError>| {
            pending.set(false);
            match result {
                Ok(meeting) => {
                    saved.set(true);
                    on_recorded.run(meeting);
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
        send.run(Submission {
            body: meeting,
            done,
        });
    };
    let label = move |key: &'static str| Signal::derive(move || i18n.t(key));
    view! {
        <form class="closing-meeting-form" data-testid="closing-meeting-form" on:submit=submit novalidate>
            <Notice message=form_message(i18n, error)/>
            <div class="closing-meeting-fields">
                <DateField
                    id="closing-meeting-held-on"
                    label=label("closing_meeting.held_on")
                    value=held_on
                    min=min_day
                    max=max_day
                    errors=field_errors(i18n, error, "held_on")
                />
                <TextAreaField
                    id="closing-meeting-attendees"
                    label=label("closing_meeting.attendees")
                    value=attendees
                    rows=2
                    hint=label("closing_meeting.attendees_hint")
                    errors=field_errors(i18n, error, "attendees")
                />
                <TextAreaField
                    id="closing-meeting-summary"
                    label=label("closing_meeting.summary")
                    value=summary
                    rows=8
                    errors=field_errors(i18n, error, "summary")
                />
                <TextAreaField
                    id="closing-meeting-next-steps"
                    label=label("closing_meeting.next_steps")
                    value=next_steps
                    rows=4
                    hint=label("closing_meeting.next_steps_hint")
                    errors=field_errors(i18n, error, "next_steps")
                />
            </div>
            <div class="actions">
                <button type="submit" class="button primary" data-testid="record-closing-meeting" disabled=move || pending.get()>
                    {move || i18n.t(if recorded.get() { "closing_meeting.record_again" } else { "closing_meeting.record" })}
                </button>
                <Show when=move || saved.get()>
                    <span class="notice success" role="status" data-testid="closing-meeting-saved">
                        {move || i18n.t("closing_meeting.saved")}
                    </span>
                </Show>
            </div>
        </form>
    }
}
