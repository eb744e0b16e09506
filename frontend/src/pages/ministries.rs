//! `/ministries`: the letters reporting obstructed visits to the Ministry of Labour and
//! Vocational Training and the Ministry of Commerce, how each was emailed, and the paper
//! copies handed over. `/ministries/letters/:id`: one letter as written, to print.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::ministries::{MinistryLetter, PaperHandover};
use shared::i18n::{translate, Lang};
use shared::ministry::handover_problems;
use shared::permissions::{may, Action};

use crate::api::{self, ApiError};
use crate::components::form::{
    field_errors, form_message, refused, sender, DateField, Notice, Sender, Submission, TextField,
};
use crate::components::visit::today;
use crate::i18n::{use_i18n, I18n};
use crate::pages::{path_id, LoadError};
use crate::session::use_session;

/// Between the Khmer and the English text of a letter's body, as the server writes it.
const LANGUAGE_SEPARATOR: &str = "\n\n----\n\n";

/// What a hand-over records, for one letter.
type HandoverRequest = (i64, PaperHandover);

#[component]
pub fn MinistriesPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let letters = LocalResource::new(api::ministries::letters);
    let reload = Callback::new(move |_| letters.refetch());
    let may_record = move || {
        session
            .user()
            .is_some_and(|user| may(&user.actor(), Action::RecordMinistryDelivery))
    };
    let record: Sender<HandoverRequest, MinistryLetter> =
        sender(|(id, handover): HandoverRequest| async move {
            api::ministries::record_handover(id, &handover).await
        });
    view! {
        <section class="page-head">
            <h1>{move || i18n.t("ministries.title")}</h1>
            <p class="subtitle">
                {move || i18n.t(if may_record() { "ministries.intro" } else { "ministries.intro_reader" })}
            </p>
        </section>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || letters.get().map(|result| match result {
                Ok(letters) if letters.is_empty() => view! {
                    <p class="panel" data-testid="ministry-letters-empty">{move || i18n.t("ministries.empty")}</p>
                }
                .into_any(),
                Ok(letters) => {
                    let may_record = may_record();
                    let actor = session.user().map(|user| user.actor());
                    let cards = letters
                        .into_iter()
                        .map(|letter| {
                            // Ministry staff read the letter, not the visit behind it.
                            let opens_visit = actor.as_ref().is_some_and(|actor| {
                                may(actor, Action::ViewVisit { factory_id: letter.factory_id, published: false })
                            });
                            view! {
                                <LetterCard letter=letter may_record=may_record opens_visit=opens_visit record=record on_recorded=reload/>
                            }
                        })
                        .collect_view();
                    view! { <ul class="ministry-letters">{cards}</ul> }.into_any()
                }
                Err(error) => view! { <LoadError error=error retry=reload/> }.into_any(),
            })}
        </Transition>
    }
}

/// One letter: to whom, about which visit, how it was emailed and whether the paper copy was
/// handed over, with the form to record that when the user may.
#[component]
fn LetterCard(
    letter: MinistryLetter,
    may_record: bool,
    opens_visit: bool,
    record: Sender<HandoverRequest, MinistryLetter>,
    on_recorded: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ministry_key = letter.ministry.name_key();
    let written_on = letter.written_on.clone();
    let written_by = letter.written_by.clone();
    let (email_class, email_text) = email_state(&letter);
    let paper = paper_state(&letter);
    let handed_over = letter.paper_handed_over_on.is_some();
    let letter_id = letter.id;
    let letter_written_on = letter.written_on.clone();
    view! {
        <li
            class="panel ministry-letter"
            data-testid="ministry-letter"
            data-ministry=letter.ministry.as_str()
            data-visit=letter.visit_id
            data-id=letter.id
        >
            <header class="ministry-letter-head">
                <h2>{move || i18n.t(ministry_key)}</h2>
                <span class="ministry-letter-reference" data-testid="letter-reference">{letter.reference.clone()}</span>
            </header>
            <dl class="ministry-letter-facts">
                <dt>{move || i18n.t("ministries.factory")}</dt>
                <dd>
                    {if opens_visit {
                        view! { <A href=format!("/visits/{}", letter.visit_id)>{letter.factory_name.clone()}</A> }.into_any()
                    } else {
                        view! { <span>{letter.factory_name.clone()}</span> }.into_any()
                    }}
                </dd>
                <dt>{move || i18n.t("ministries.visit_date")}</dt>
                <dd>{letter.visit_date.clone()}</dd>
                <dt>{move || i18n.t("ministries.written")}</dt>
                <dd>
                    {move || i18n.t_with("ministries.written_on_by", &[("date", &written_on), ("name", &written_by)])}
                </dd>
                <dt>{move || i18n.t("ministries.email")}</dt>
                <dd>
                    <span class=format!("tag {email_class}") data-testid="letter-email">
                        {move || email_text.text(i18n)}
                    </span>
                </dd>
                <dt>{move || i18n.t("ministries.paper")}</dt>
                <dd data-testid="letter-paper">{move || paper.text(i18n)}</dd>
            </dl>
            <div class="actions">
                <A
                    href=format!("/ministries/letters/{}", letter.id)
                    attr:class="button secondary"
                    attr:data-testid="print-letter"
                >
                    {move || i18n.t("ministries.print_letter")}
                </A>
            </div>
            {(may_record && !handed_over).then(|| view! {
                <HandoverForm
                    letter_id=letter_id
                    written_on=letter_written_on
                    send=record
                    on_recorded=on_recorded
                />
            })}
        </li>
    }
}

/// A text of the catalogue with its values, rendered in the chosen language when shown.
#[derive(Clone)]
struct Phrase {
    key: &'static str,
    values: Vec<(&'static str, String)>,
}

impl Phrase {
    fn new(key: &'static str, values: Vec<(&'static str, String)>) -> Self {
        Phrase { key, values }
    }

    fn text(&self, i18n: I18n) -> String {
        let values: Vec<(&str, &str)> = self
            .values
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        i18n.t_with(self.key, &values)
    }
}

/// How the letter went by email, and the tag's colour for it.
fn email_state(letter: &MinistryLetter) -> (&'static str, Phrase) {
    let address = letter.emailed_to.clone().unwrap_or_default();
    match letter.email_delivery.as_deref() {
        None => (
            "email-none",
            Phrase::new("ministries.email_none", Vec::new()),
        ),
        Some("sent") => (
            "email-sent",
            Phrase::new("ministries.email_sent", vec![("address", address)]),
        ),
        Some("failed") => (
            "danger",
            Phrase::new(
                "ministries.email_failed",
                vec![("error", letter.email_error.clone().unwrap_or_default())],
            ),
        ),
        // Held: written to the outbox, which has no mail server to send it through.
        Some(_) => (
            "warning",
            Phrase::new("ministries.email_held", vec![("address", address)]),
        ),
    }
}

/// Whether the paper copy was handed over: when, who recorded it and what they noted.
fn paper_state(letter: &MinistryLetter) -> Phrase {
    let Some(day) = letter.paper_handed_over_on.clone() else {
        return Phrase::new("ministries.paper_not_yet", Vec::new());
    };
    // Ministry staff read the day, not the programme's notes of who recorded it.
    let Some(name) = letter.paper_recorded_by.clone() else {
        return Phrase::new("ministries.paper_handed_over_on", vec![("date", day)]);
    };
    if letter.paper_note.trim().is_empty() {
        Phrase::new(
            "ministries.paper_handed_over",
            vec![("date", day), ("name", name)],
        )
    } else {
        Phrase::new(
            "ministries.paper_handed_over_note",
            vec![
                ("date", day),
                ("name", name),
                ("note", letter.paper_note.clone()),
            ],
        )
    }
}

/// Records that the paper copy of one letter was handed over: the day (today unless changed)
/// and a note, e.g. who received it.
#[component]
fn HandoverForm(
    letter_id: i64,
    written_on: String,
    send: Sender<HandoverRequest, MinistryLetter>,
    on_recorded: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let today = today();
    let handed_over_on = RwSignal::new(today.clone());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let min_day = written_on.clone();
    let max_day = today.clone();
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let handover = PaperHandover {
            handed_over_on: handed_over_on.get_untracked().trim().to_owned(),
            note: note.get_untracked().trim().to_owned(),
        };
        if refused(handover_problems(&handover, &written_on, &today), error) {
            return;
        }
        error.set(None);
        pending.set(true);
        let done = Callback::new(move |result: Result<MinistryLetter, ApiError>| {
            pending.set(false);
            match result {
                // The list is read again: this letter then shows its hand-over, without form.
                Ok(_) => on_recorded.run(()),
                // What was typed stays in the form.
                Err(failure) => error.set(Some(failure)),
            }
        });
        send.run(Submission {
            body: (letter_id, handover),
            done,
        });
    };
    view! {
        <form class="handover-form" on:submit=submit novalidate data-testid="handover-form">
            <Notice message=form_message(i18n, error)/>
            <div class="handover-fields">
                <DateField
                    id=format!("handed-over-on-{letter_id}")
                    label=Signal::derive(move || i18n.t("ministries.handed_over_on"))
                    value=handed_over_on
                    min=min_day
                    max=max_day
                    errors=field_errors(i18n, error, "handed_over_on")
                />
                <TextField
                    id=format!("handover-note-{letter_id}")
                    label=Signal::derive(move || i18n.t("ministries.note"))
                    value=note
                    hint=Signal::derive(move || i18n.t("ministries.note_hint"))
                    errors=field_errors(i18n, error, "note")
                />
            </div>
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || i18n.t("ministries.record_handover")}
                </button>
            </div>
        </form>
    }
}

#[component]
pub fn PrintableLetterPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let letter = LocalResource::new(move || {
        let request = path_id(params.with(|p| p.get("id"))).map(api::ministries::letter);
        async move { request?.await }
    });
    let retry = Callback::new(move |_| letter.refetch());
    view! {
        <A href="/ministries" attr:class="back-link">{move || i18n.t("ministries.back")}</A>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || letter.get().map(|result| match result {
                Ok(letter) => view! { <PrintableLetter letter=letter/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

/// The letter as it was written and sent, for the paper copy: the programme's letterhead, the
/// subject, then the Khmer and the English text. The letter is in both languages whatever the
/// language of the screen, so is its letterhead.
#[component]
fn PrintableLetter(letter: MinistryLetter) -> impl IntoView {
    let i18n = use_i18n();
    let ministry_key = letter.ministry.name_key();
    let reference = letter.reference.clone();
    let text = match letter.body.split_once(LANGUAGE_SEPARATOR) {
        Some((khmer, english)) => view! {
            <section lang="km" class="letter-text" data-testid="letter-khmer">{khmer.to_owned()}</section>
            <hr class="letter-divider"/>
            <section lang="en" class="letter-text" data-testid="letter-english">{english.to_owned()}</section>
        }
        .into_any(),
        // A body without the separator is shown whole, as stored.
        None => view! { <section class="letter-text">{letter.body.clone()}</section> }.into_any(),
    };
    view! {
        <section class="page-head with-actions screen-only">
            <div>
                <h1>{move || i18n.t_with("ministries.letter_title", &[("reference", &reference)])}</h1>
                <p class="subtitle">{move || i18n.t(ministry_key)}</p>
            </div>
            <button
                type="button"
                class="button primary print-button"
                data-testid="print-button"
                on:click=move |_| {
                    let _ = window().print();
                }
            >
                {move || i18n.t("ministries.print")}
            </button>
        </section>
        <article class="panel letter-sheet" data-testid="printable-letter" data-id=letter.id>
            <header class="letterhead">
                <p lang="km">{translate(Lang::Km, "ministries.programme")}</p>
                <p lang="en">{translate(Lang::En, "ministries.programme")}</p>
            </header>
            <h2 class="letter-subject">{letter.subject.clone()}</h2>
            {text}
        </article>
    }
}
