//! `/concerns`: union representatives raise concerns about a factory and follow their own;
//! programme staff see every concern, review them, and see which factories verified
//! concerns flag for a visit. Also the panels that show a factory's verified concerns (to the
//! factory, staff and buyers with access) and the flagged factories (to staff only: the
//! factory must not learn that a visit is coming, since visits are unannounced).

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::concerns::{Concern, ConcernReviewInput, NewConcern};
use shared::concern::{new_concern_problems, review_problems, ConcernCategory, ConcernStatus};
use shared::roles::Role;

use crate::api::{self, ApiError};
use crate::components::corrective_actions::ConcernStatusTag;
use crate::components::form::refused;
use crate::components::form::{field_errors, form_message, Notice, SelectField, TextAreaField};
use crate::components::visit::format_time;
use crate::i18n::province_label;
use crate::i18n::use_i18n;
use crate::pages::LoadError;
use crate::session::use_session;

#[component]
pub fn ConcernsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let role = move || session.user().map(|user| user.role);
    let concerns = LocalResource::new(api::concerns::list);
    // Bumped after each change, so the flagged factories are read again after a review.
    let changes = RwSignal::new(0_usize);
    let refresh = Callback::new(move |_| {
        changes.update(|count| *count += 1);
        concerns.refetch();
    });
    let is_representative = move || role() == Some(Role::UnionRepresentative);
    let may_review = move || {
        matches!(
            role(),
            Some(Role::Administrator | Role::Monitor | Role::Approver)
        )
    };
    view! {
        <section class="page-head">
            <h1>{move || i18n.t("concerns.title")}</h1>
            <p class="subtitle">{move || i18n.t(if is_representative() { "concerns.intro_representative" } else { "concerns.intro_staff" })}</p>
        </section>
        <Show when=is_representative>
            <SubmitConcern on_submitted=refresh/>
        </Show>
        <Show when=move || !is_representative()>
            <FlaggedFactoriesPanel changes=changes/>
        </Show>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || concerns.get().map(|result| match result {
                Ok(list) => view! { <ConcernList concerns=list staff=!is_representative() may_review=may_review() on_reviewed=refresh/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=refresh/> }.into_any(),
            })}
        </Transition>
    }
}

/// A representative's form: which factory, what kind of concern, what happened.
#[component]
fn SubmitConcern(on_submitted: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let options = LocalResource::new(api::concerns::factory_options);
    let factory = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        done.set(false);
        let body = NewConcern {
            factory_id: factory.get_untracked().parse().unwrap_or_default(),
            category: category.get_untracked(),
            description: description.get_untracked(),
        };
        // What was typed stays so that it can be corrected.
        if refused(new_concern_problems(&body), error) {
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::concerns::submit(&body).await {
                Ok(_) => {
                    error.set(None);
                    done.set(true);
                    factory.set(String::new());
                    category.set(String::new());
                    description.set(String::new());
                    on_submitted.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let factory_options = Signal::derive(move || {
        let lang = i18n.lang();
        options
            .get()
            .and_then(Result::ok)
            .map(|options| {
                options
                    .into_iter()
                    .map(|option| {
                        let label = format!(
                            "{} · {}",
                            option.name,
                            province_label(lang, &option.province)
                        );
                        (option.id.to_string(), label)
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let category_options = Signal::derive(move || {
        ConcernCategory::ALL
            .iter()
            .map(|category| (category.as_str().to_owned(), i18n.t(&category.label_key())))
            .collect::<Vec<_>>()
    });
    view! {
        <section class="panel">
            <h2>{move || i18n.t("concerns.submit_title")}</h2>
            <p class="hint">{move || i18n.t("concerns.privacy")}</p>
            <form on:submit=submit novalidate class="grid-form" data-testid="concern-form">
                <Notice message=form_message(i18n, error)/>
                <Notice kind="success" message=Signal::derive(move || done.get().then(|| i18n.t("concerns.submitted")))/>
                <SelectField
                    id="concern-factory"
                    label=Signal::derive(move || i18n.t("concerns.factory"))
                    value=factory
                    choose=Signal::derive(move || i18n.t("concerns.choose_factory"))
                    options=factory_options
                    errors=field_errors(i18n, error, "factory_id")
                />
                <SelectField
                    id="concern-category"
                    label=Signal::derive(move || i18n.t("concerns.category"))
                    value=category
                    choose=Signal::derive(move || i18n.t("concerns.choose_category"))
                    options=category_options
                    errors=field_errors(i18n, error, "category")
                />
                <TextAreaField
                    id="concern-description"
                    label=Signal::derive(move || i18n.t("concerns.description"))
                    value=description
                    errors=field_errors(i18n, error, "description")
                    class:wide=true
                />
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t("concerns.submit")}
                    </button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn ConcernList(
    concerns: Vec<Concern>,
    staff: bool,
    may_review: bool,
    on_reviewed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    if concerns.is_empty() {
        return view! { <p class="panel" data-testid="no-concerns">{move || i18n.t("concerns.none")}</p> }.into_any();
    }
    let items = concerns
        .into_iter()
        .map(|concern| {
            let category_key = concern.category.label_key();
            let factory = if staff {
                view! { <A href=format!("/factories/{}", concern.factory_id)>{concern.factory_name.clone()}</A> }.into_any()
            } else {
                view! { {concern.factory_name.clone()} }.into_any()
            };
            let submitter = staff.then(|| {
                let organisation = concern.organisation_name.clone().unwrap_or_default();
                view! {
                    <dt>{move || i18n.t("concerns.submitted_by")}</dt>
                    <dd>{concern.submitted_by_name.clone()}" · "{organisation}</dd>
                }
            });
            let review = concern.reviewed_at.map(|at| {
                let reviewer = concern.reviewed_by_name.clone().unwrap_or_default();
                let note = concern.review_note.clone();
                view! {
                    <dt>{move || i18n.t("concerns.reviewed")}</dt>
                    <dd>{reviewer}" · "{format_time(at)}</dd>
                    <dt>{move || i18n.t("concerns.review_note")}</dt>
                    <dd data-testid="concern-review-note">{note}</dd>
                }
            });
            let review_form = (may_review && concern.status == ConcernStatus::Submitted)
                .then(|| view! { <ReviewForm concern_id=concern.id on_reviewed=on_reviewed/> });
            view! {
                <li class="panel concern" data-testid="concern" data-concern=concern.id.to_string()>
                    <p class="concern-head">
                        <ConcernStatusTag status=concern.status/>" "
                        <strong>{move || i18n.t(&category_key)}</strong>" · "{factory}
                    </p>
                    <p class="concern-description">{concern.description.clone()}</p>
                    <dl class="facts">
                        <dt>{move || i18n.t("concerns.submitted_at")}</dt>
                        <dd>{format_time(concern.submitted_at)}</dd>
                        {submitter}
                        {review}
                    </dl>
                    {review_form}
                </li>
            }
        })
        .collect_view();
    view! {
        <section>
            <h2>{move || i18n.t(if staff { "concerns.all" } else { "concerns.mine" })}</h2>
            <ul class="concern-list" data-testid="concern-list">{items}</ul>
        </section>
    }
    .into_any()
}

/// A reviewer's decision on a concern, with the note saying why.
#[component]
fn ReviewForm(concern_id: i64, on_reviewed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let send = move |outcome: &'static str| {
        if pending.get_untracked() {
            return;
        }
        let body = ConcernReviewInput {
            outcome: outcome.to_owned(),
            note: note.get_untracked(),
        };
        if refused(review_problems(&body), error) {
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::concerns::review(concern_id, &body).await {
                Ok(_) => {
                    error.set(None);
                    on_reviewed.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    view! {
        <div class="concern-review" data-testid="concern-review">
            <Notice message=form_message(i18n, error)/>
            <TextAreaField
                id=format!("concern-{concern_id}-note")
                label=Signal::derive(move || i18n.t("concerns.review_note"))
                value=note
                errors=field_errors(i18n, error, "note")
                rows=2
            />
            <div class="actions">
                <button type="button" class="button primary" disabled=move || pending.get() on:click=move |_| send("verified")>
                    {move || i18n.t("concerns.mark_verified")}
                </button>
                <button type="button" class="button secondary" disabled=move || pending.get() on:click=move |_| send("not_verified")>
                    {move || i18n.t("concerns.mark_not_verified")}
                </button>
            </div>
        </div>
    }
}

/// Factories that verified concerns flag for a visit (programme staff only).
#[component]
pub fn FlaggedFactoriesPanel(
    /// Read again whenever this changes.
    #[prop(optional, into)]
    changes: Option<Signal<usize>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let flags = LocalResource::new(move || {
        if let Some(changes) = changes {
            changes.track();
        }
        api::concerns::flags()
    });
    view! {
        <Transition fallback=|| ()>
            {move || flags.get().and_then(Result::ok).filter(|flags| !flags.is_empty()).map(|flags| {
                let items = flags.into_iter().map(|flag| {
                    let count = flag.verified_concerns.to_string();
                    let since = flag.since.clone();
                    view! {
                        <li data-testid="flagged-factory" data-factory=flag.factory_id.to_string()>
                            <A href=format!("/factories/{}", flag.factory_id)>{flag.factory_name.clone()}</A>
                            " · "{move || i18n.t_with("concerns.flag_detail", &[("count", &count), ("since", &since)])}
                        </li>
                    }
                }).collect_view();
                view! {
                    <section class="notice warning flagged-factories" data-testid="flagged-factories">
                        <h2>{move || i18n.t("concerns.flagged_title")}</h2>
                        <ul>{items}</ul>
                    </section>
                }
            })}
        </Transition>
    }
}

/// A factory's verified concerns, never with who raised them; for staff also whether the
/// factory is flagged for a visit. Nothing is shown when there is nothing to show.
#[component]
pub fn FactoryConcernsPanel(factory_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let staff = session
        .user()
        .is_some_and(|user| user.role.is_programme_staff());
    let concerns = LocalResource::new(move || api::concerns::of_factory(factory_id));
    // Only staff may learn that a factory is flagged for a visit.
    let flags = LocalResource::new(move || {
        let request = staff.then(api::concerns::flags);
        async move {
            match request {
                Some(request) => request.await,
                None => Ok(Vec::new()),
            }
        }
    });
    view! {
        <Transition fallback=|| ()>
            {move || flags.get().and_then(Result::ok).and_then(|flags| flags.into_iter().find(|f| f.factory_id == factory_id)).map(|flag| {
                let count = flag.verified_concerns.to_string();
                let since = flag.since.clone();
                view! {
                    <p class="notice warning" data-testid="factory-flag">
                        <strong>{move || i18n.t("concerns.flagged")}</strong>" · "
                        {move || i18n.t_with("concerns.flag_detail", &[("count", &count), ("since", &since)])}
                    </p>
                }
            })}
            {move || concerns.get().and_then(Result::ok).filter(|list| !list.is_empty()).map(|list| {
                let items = list.into_iter().map(|concern| {
                    let key = concern.category.label_key();
                    let date = concern.verified_on.clone();
                    view! {
                        <li data-testid="verified-concern">
                            <strong>{move || i18n.t(&key)}</strong>" · "
                            {move || i18n.t_with("concerns.verified_on", &[("date", &date)])}
                            {concern.description.clone().map(|text| view! { <p>{text}</p> })}
                        </li>
                    }
                }).collect_view();
                view! {
                    <section class="panel report-block verified-concerns" data-testid="verified-concerns">
                        <h2>{move || i18n.t("concerns.verified_title")}</h2>
                        <p class="hint">{move || i18n.t("concerns.verified_hint")}</p>
                        <ul>{items}</ul>
                    </section>
                }
            })}
        </Transition>
    }
}
