//! `/self-assessments/:id/result`: a completed self-assessment, printable. Per cluster the
//! factory's own rate beside the industry average and its latest official report (chart and
//! table with CSV), the blind spots and the points it reports fixed, its agreement with the
//! monitors, its progress over its self-assessments, its notes, and (for the factory's own
//! manager) sharing it with an organisation that already reads the factory's reports.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::analytics::percent;
use shared::api::self_assessments::{SelfAssessmentResult, SelfAssessmentShare, ShareRequest};
use shared::permissions::{may, Action};
use shared::roles::Role;

use crate::api::{self, ApiError};
use crate::components::figures::ChartWithTable;
use crate::components::form::{field_errors, form_message, Notice, SelectField};
use crate::components::self_assessment::{
    cluster_series, cluster_table, format_day, history_series, history_table, ComparedPointList,
    ShareList,
};
use crate::components::visit::format_time;
use crate::i18n::use_i18n;
use crate::pages::reports::report::PrintButton;
use crate::pages::self_assessment::improvement::ImprovementActionsPanel;
use crate::pages::self_assessment::path_id;
use crate::pages::LoadError;
use crate::session::use_session;

#[component]
pub fn SelfAssessmentResultPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let result = LocalResource::new(move || {
        let request = path_id(params.with(|p| p.get("id"))).map(api::self_assessments::result);
        async move {
            match request {
                Ok(request) => request.await,
                Err(error) => Err(error),
            }
        }
    });
    let retry = Callback::new(move |_| result.refetch());
    view! {
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || result.get().map(|outcome| match outcome {
                Ok(result) => view! { <ResultView result=result on_changed=retry/> }.into_any(),
                Err(error) => view! {
                    <div class="report-toolbar"><BackLink factory_id=None/></div>
                    <LoadError error=error retry=retry/>
                }.into_any(),
            })}
        </Transition>
    }
}

/// Back to where each reader comes from: the factory to its list, a buyer to its suppliers,
/// staff to the factory.
#[component]
fn BackLink(factory_id: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let (href, key) = match session.user().map(|user| user.role) {
        Some(Role::Buyer) => ("/suppliers".to_owned(), "report.back_to_suppliers"),
        Some(role) if role.is_programme_staff() => match factory_id {
            Some(id) => (
                format!("/factories/{id}"),
                "self_assessment.back_to_factory",
            ),
            None => ("/factories".to_owned(), "self_assessment.back_to_factory"),
        },
        _ => (
            "/self-assessments".to_owned(),
            "self_assessment.back_to_list",
        ),
    };
    view! { <A href=href attr:class="back-link">{move || i18n.t(key)}</A> }
}

#[component]
fn ResultView(result: SelfAssessmentResult, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let summary = result.summary.clone();
    let factory_id = summary.factory_id;
    let own = session
        .user()
        .is_some_and(|user| may(&user.actor(), Action::ConductSelfAssessment { factory_id }));
    // The factory's list of actions is its own and programme staff's, not a buyer's.
    let reads_actions = session
        .user()
        .is_some_and(|user| may(&user.actor(), Action::ViewFactory { factory_id }));
    let clusters = StoredValue::new(result.clusters.clone());
    let history = StoredValue::new(result.history.clone());
    let compared = result.points_compared.to_string();
    let agreeing = result.points_agreeing.to_string();
    let has_official = result.official.is_some();
    let official_text = result
        .official
        .as_ref()
        .map(|official| official.visit_date.clone());
    let completed = summary.completed_at.map(format_time).unwrap_or_default();
    let file_day = summary.completed_at.map(format_day).unwrap_or_default();
    let clusters_file = {
        let file_day = file_day.clone();
        Signal::derive(move || format!("self-assessment-{factory_id}-{file_day}"))
    };
    let history_file = Signal::derive(move || format!("self-assessment-{factory_id}-history"));
    let notes = result
        .notes
        .iter()
        .filter(|note| !note.note.trim().is_empty())
        .map(|note| {
            view! {
                <li>
                    <span class="question-code">{note.question_code.clone()}</span>" "
                    <span class="note-text">{note.note.clone()}</span>
                </li>
            }
        })
        .collect_view();
    let has_notes = result.notes.iter().any(|note| !note.note.trim().is_empty());
    view! {
        <div class="report-toolbar">
            <BackLink factory_id=Some(factory_id)/>
            <PrintButton/>
        </div>
        <article class="self-assessment-result" data-testid="self-assessment-result">
            <section class="page-head">
                <div>
                    <p class="eyebrow">{summary.factory_name.clone()}" · "{summary.checklist_label.clone()}</p>
                    <h1>{move || i18n.t("self_assessment.result_title")}</h1>
                    <p class="subtitle">
                        {move || i18n.t("self_assessment.completed")}": "{completed.clone()}" · "{summary.started_by.clone()}
                    </p>
                </div>
                <div class="stat-card">
                    <span class="stat-label">{move || i18n.t("self_assessment.overall_rate")}</span>
                    <span class="stat-value" data-testid="overall-rate">{percent(summary.non_compliance_rate)}</span>
                </div>
            </section>
            <p class="notice info self-assessment-disclaimer">{move || i18n.t("self_assessment.not_official")}</p>

            <section class="panel">
                <h2>{move || i18n.t("self_assessment.clusters_title")}</h2>
                <p class="hint">
                    {move || match &official_text {
                        Some(date) => i18n.t_with("self_assessment.official_reference", &[("date", date)]),
                        None => i18n.t("self_assessment.no_official"),
                    }}
                </p>
                <ChartWithTable
                    chart_id="self-assessment-clusters-chart"
                    table_id="self-assessment-clusters"
                    chart=Signal::derive(move || clusters.with_value(|c| cluster_series(i18n.lang(), c)))
                    table=Signal::derive(move || clusters.with_value(|c| cluster_table(i18n.lang(), c)))
                    label=Signal::derive(move || i18n.t("self_assessment.clusters_title"))
                    file_name=clusters_file
                    empty=Signal::derive(move || clusters.with_value(|c| c.is_empty()))
                    empty_message=Signal::derive(move || i18n.t("analytics.no_data"))
                />
            </section>

            <section class="panel agreement">
                <h2>{move || i18n.t("self_assessment.agreement_title")}</h2>
                <p data-testid="agreement">
                    {move || if has_official {
                        i18n.t_with("self_assessment.agreement", &[("agreeing", &agreeing), ("compared", &compared)])
                    } else {
                        i18n.t("self_assessment.no_official")
                    }}
                </p>
            </section>

            <div class="two-columns">
                <section class="panel">
                    <h2>{move || i18n.t("self_assessment.blind_spots_title")}</h2>
                    <p class="hint">{move || i18n.t("self_assessment.blind_spots_intro")}</p>
                    <ComparedPointList points=result.blind_spots.clone() testid="blind-spots" empty_key="self_assessment.no_blind_spots"/>
                </section>
                <section class="panel">
                    <h2>{move || i18n.t("self_assessment.reported_fixed_title")}</h2>
                    <p class="hint">{move || i18n.t("self_assessment.reported_fixed_intro")}</p>
                    <ComparedPointList points=result.reported_fixed.clone() testid="reported-fixed" empty_key="self_assessment.no_reported_fixed"/>
                </section>
            </div>

            <section class="panel">
                <h2>{move || i18n.t("self_assessment.history_title")}</h2>
                <ChartWithTable
                    chart_id="self-assessment-history-chart"
                    table_id="self-assessment-history"
                    chart=Signal::derive(move || history.with_value(|h| history_series(i18n.lang(), h)))
                    table=Signal::derive(move || history.with_value(|h| history_table(i18n.lang(), h)))
                    label=Signal::derive(move || i18n.t("self_assessment.history_title"))
                    file_name=history_file
                    empty=Signal::derive(move || history.with_value(|h| h.is_empty()))
                    empty_message=Signal::derive(move || i18n.t("analytics.no_data"))
                />
            </section>

            {has_notes.then(|| view! {
                <section class="panel">
                    <h2>{move || i18n.t("self_assessment.notes_title")}</h2>
                    <ul class="point-list answer-notes" data-testid="notes">{notes}</ul>
                </section>
            })}
        </article>
        {reads_actions.then(|| view! {
            <ImprovementActionsPanel
                self_assessment_id=summary.id
                factory_id=factory_id
                questions=result.non_compliant.clone()
                may_write=own
            />
        })}
        {own.then(|| view! {
            <SharePanel id=summary.id factory_id=factory_id shares=summary.shared_with.clone() on_changed=on_changed/>
        })}
    }
}

/// Sharing with an organisation that holds active report access, and revoking a share.
#[component]
fn SharePanel(
    id: i64,
    factory_id: i64,
    shares: Vec<SelfAssessmentShare>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let grants = LocalResource::new(move || api::access::grants(factory_id));
    let chosen = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let shared_ids: Vec<i64> = shares.iter().map(|share| share.organisation_id).collect();
    // Organisations that read the factory's reports today and do not have this one yet.
    let options = Signal::derive(move || {
        grants
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|grant| grant.revoked_at.is_none() && grant.subscription_active)
            .filter(|grant| !shared_ids.contains(&grant.organisation_id))
            .map(|grant| (grant.organisation_id.to_string(), grant.organisation_name))
            .collect::<Vec<_>>()
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Ok(organisation_id) = chosen.get_untracked().parse::<i64>() else {
            error.set(Some(ApiError::local_field("organisation_id", "required")));
            return;
        };
        let name = options
            .get_untracked()
            .into_iter()
            .find(|(value, _)| *value == organisation_id.to_string())
            .map(|(_, name)| name)
            .unwrap_or_default();
        pending.set(true);
        done.set(None);
        leptos::task::spawn_local(async move {
            match api::self_assessments::share(id, &ShareRequest { organisation_id }).await {
                Ok(_) => {
                    error.set(None);
                    chosen.set(String::new());
                    done.set(Some(i18n.t_with(
                        "self_assessment.shared_notice",
                        &[("organisation", &name)],
                    )));
                    on_changed.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let revoke = Callback::new(move |share: SelfAssessmentShare| {
        done.set(None);
        leptos::task::spawn_local(async move {
            match api::self_assessments::unshare(id, share.organisation_id).await {
                Ok(_) => {
                    error.set(None);
                    done.set(Some(i18n.t_with(
                        "self_assessment.unshared_notice",
                        &[("organisation", &share.organisation_name)],
                    )));
                    on_changed.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    });
    view! {
        <section class="panel share-panel screen-only" data-testid="share-panel">
            <h2>{move || i18n.t("self_assessment.share_title")}</h2>
            <p class="hint">{move || i18n.t("self_assessment.share_intro")}</p>
            <Notice kind="success" message=done/>
            <Notice message=form_message(i18n, error)/>
            <ShareList shares=shares may_revoke=true on_revoke=revoke/>
            <Transition fallback=|| ()>
                {move || grants.get().map(|outcome| match outcome {
                    Err(failure) => view! { <LoadError error=failure retry=Callback::new(move |_| grants.refetch())/> }.into_any(),
                    Ok(_) if options.with(Vec::is_empty) => view! {
                        <p class="hint">{move || i18n.t("self_assessment.no_grants")}</p>
                        <A href="/access">{move || i18n.t("self_assessment.manage_access")}</A>
                    }.into_any(),
                    Ok(_) => view! {
                        <form on:submit=submit novalidate class="grid-form share-form">
                            <SelectField
                                id="share-organisation"
                                label=Signal::derive(move || i18n.t("self_assessment.share_with"))
                                value=chosen
                                choose=Signal::derive(move || i18n.t("access.choose_organisation"))
                                options=options
                                errors=field_errors(i18n, error, "organisation_id")
                            />
                            <div class="actions">
                                <button type="submit" class="button primary" data-testid="share" disabled=move || pending.get()>
                                    {move || i18n.t("self_assessment.share")}
                                </button>
                            </div>
                        </form>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}
