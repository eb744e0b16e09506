//! `/concerns`: union representatives raise concerns about a factory and follow their own;
//! programme staff see every concern, review them, and see which factories verified
//! concerns flag for a visit. Also the panels that show a factory's verified concerns (to the
//! factory, staff and buyers with access) and the flagged factories (to staff only: the
//! factory must not learn that a visit is coming, since visits are unannounced).

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::concerns::{
    Concern, ConcernFactoryOption, ConcernReviewInput, FlaggedFactory, NewConcern, VerifiedConcern,
};
use shared::concern::{ConcernCategory, ConcernStatus};
use shared::roles::Role;

use crate::api::{self, ApiError};
use crate::components::corrective_actions::ConcernStatusTag;
use crate::components::form::{field_errors, Notice};
use crate::components::visit::format_time;
use crate::i18n::use_i18n;
use crate::pages::{province_label, LoadError};
use crate::session::use_session;

fn errors_list(errors: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <ul class="field-errors">
            {move || errors.get().into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}
        </ul>
    }
}

#[component]
pub fn ConcernsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let role = move || session.user().map(|user| user.role);
    let concerns = LocalResource::new(|| api::get::<Vec<Concern>>("/api/concerns"));
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
    let options =
        LocalResource::new(|| api::get::<Vec<ConcernFactoryOption>>("/api/concerns/factories"));
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
        pending.set(true);
        done.set(false);
        let body = NewConcern {
            factory_id: factory.get_untracked().parse().unwrap_or_default(),
            category: category.get_untracked(),
            description: description.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::post::<_, Concern>("/api/concerns", &body).await {
                Ok(_) => {
                    error.set(None);
                    done.set(true);
                    factory.set(String::new());
                    category.set(String::new());
                    description.set(String::new());
                    on_submitted.run(());
                }
                // What was typed stays so that it can be corrected.
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let invalid = move |field: &'static str| {
        let errors = field_errors(i18n, error, field);
        move || !errors.get().is_empty()
    };
    view! {
        <section class="panel">
            <h2>{move || i18n.t("concerns.submit_title")}</h2>
            <p class="hint">{move || i18n.t("concerns.privacy")}</p>
            <form on:submit=submit novalidate class="grid-form" data-testid="concern-form">
                <Notice message=Signal::derive(move || error.get().map(|e| e.message(i18n.lang())))/>
                <Notice kind="success" message=Signal::derive(move || done.get().then(|| i18n.t("concerns.submitted")))/>
                <div class="field" class:invalid=invalid("factory_id")>
                    <label for="concern-factory">{move || i18n.t("concerns.factory")}</label>
                    <select id="concern-factory" prop:value=move || factory.get() on:change=move |e| factory.set(event_target_value(&e))>
                        <option value="">{move || i18n.t("concerns.choose_factory")}</option>
                        {move || options.get().and_then(Result::ok).map(|options| options.into_iter().map(|option| {
                            let province = option.province.clone();
                            view! {
                                <option value=option.id.to_string()>{option.name.clone()}" · "{move || province_label(i18n.lang(), &province)}</option>
                            }
                        }).collect_view())}
                    </select>
                    {errors_list(field_errors(i18n, error, "factory_id"))}
                </div>
                <div class="field" class:invalid=invalid("category")>
                    <label for="concern-category">{move || i18n.t("concerns.category")}</label>
                    <select id="concern-category" prop:value=move || category.get() on:change=move |e| category.set(event_target_value(&e))>
                        <option value="">{move || i18n.t("concerns.choose_category")}</option>
                        {ConcernCategory::ALL.iter().map(|category| {
                            let key = category.label_key();
                            view! { <option value=category.as_str()>{move || i18n.t(&key)}</option> }
                        }).collect_view()}
                    </select>
                    {errors_list(field_errors(i18n, error, "category"))}
                </div>
                <div class="field wide" class:invalid=invalid("description")>
                    <label for="concern-description">{move || i18n.t("concerns.description")}</label>
                    <textarea id="concern-description" rows="4"
                        prop:value=move || description.get()
                        on:input=move |e| description.set(event_target_value(&e))></textarea>
                    {errors_list(field_errors(i18n, error, "description"))}
                </div>
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
        pending.set(true);
        let body = ConcernReviewInput {
            outcome: outcome.to_owned(),
            note: note.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::post::<_, Concern>(&format!("/api/concerns/{concern_id}/review"), &body)
                .await
            {
                Ok(_) => {
                    error.set(None);
                    on_reviewed.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let errors = field_errors(i18n, error, "note");
    let id = format!("concern-{concern_id}-note");
    let label_for = id.clone();
    view! {
        <div class="concern-review" data-testid="concern-review">
            <Notice message=Signal::derive(move || error.get().map(|e| e.message(i18n.lang())))/>
            <div class="field" class:invalid=move || !errors.get().is_empty()>
                <label for=label_for>{move || i18n.t("concerns.review_note")}</label>
                <textarea id=id rows="2" prop:value=move || note.get()
                    on:input=move |e| note.set(event_target_value(&e))></textarea>
                {errors_list(errors)}
            </div>
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
        api::get::<Vec<FlaggedFactory>>("/api/concerns/flags")
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
    let concerns = LocalResource::new(move || async move {
        api::get::<Vec<VerifiedConcern>>(&format!("/api/factories/{factory_id}/concerns")).await
    });
    let flags = LocalResource::new(move || async move {
        if staff {
            api::get::<Vec<FlaggedFactory>>("/api/concerns/flags").await
        } else {
            Ok(Vec::new())
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
