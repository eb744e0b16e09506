//! `/` for a factory manager: their own factory. Its latest published report (compliance per
//! cluster beside the industry, the objection deadline while it runs), the documents the
//! monitors asked for at its visits (to mark handed over), the factory's one list
//! of open actions (corrective actions for report findings and the improvement actions of its
//! self-assessments) with how many are overdue, the latest report's upcoming clarification
//! meetings, who reads the factory's reports, and the way to the self-assessment. A factory
//! without a published report reads a friendly word and the way to assess itself instead of
//! empty figures; its self-identified actions, once it has some, are listed all the same.

use std::future::Future;

use leptos::prelude::*;
use shared::permissions::{may, Action};

use crate::api::{self, ApiError};
use crate::components::factory_home::{
    latest_report, ClosingMeetingsPanel, ClusterComparisonFigure, DocumentHandoverSender,
    FactoryHomeHead, LatestReportSummary, NoReportYet, OpenActionsPanel, ReportAccessCard,
    RequestedDocumentsPanel, SelfAssessmentCard, UpcomingMeetingsPanel,
};
use crate::components::form::sender;
use crate::components::visit::today;
use crate::i18n::use_i18n;
use crate::pages::self_assessment::latest_result;
use crate::pages::LoadError;
use crate::session::use_session;

#[component]
fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" role="status">{move || i18n.t("common.loading")}</p> }
}

/// A read of the latest report (`visit_id`), once the history names it: `None` while there is
/// no report to read. Built while the resource's owner is current, so it is aborted when the
/// page is left.
fn of_latest<T, F, Fut>(
    latest: Memo<Option<i64>>,
    read: F,
) -> LocalResource<Option<Result<T, ApiError>>>
where
    T: 'static,
    F: Fn(i64) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    LocalResource::new(move || {
        let request = latest.get().map(&read);
        async move {
            match request {
                Some(request) => Some(request.await),
                None => None,
            }
        }
    })
}

/// The factory manager's home: `factory_id` is their factory.
#[component]
pub fn FactoryHome(factory_id: i64) -> impl IntoView {
    let session = use_session();
    let factory = LocalResource::new(move || api::factories::get(factory_id));
    let history = LocalResource::new(move || api::reports::history(factory_id));
    let grants = LocalResource::new(move || api::access::grants(factory_id));
    let self_assessment = LocalResource::new(move || latest_result(factory_id));
    let actions = LocalResource::new(move || api::improvement_actions::of_factory(factory_id));
    // This home is only its own factory's manager's, who may always see the documents.
    let documents = LocalResource::new(move || api::documents::requested_documents(factory_id));
    let closing_meetings =
        LocalResource::new(move || api::closing_meetings::of_factory(factory_id));
    let latest = Memo::new(move |_| {
        history
            .get()
            .and_then(Result::ok)
            .and_then(|entries| latest_report(&entries).map(|entry| entry.visit_id))
    });
    let report = of_latest(latest, api::reports::get);
    let meetings = of_latest(latest, api::objections::meetings_of_report);
    let retry_factory = Callback::new(move |_| factory.refetch());
    let retry_history = Callback::new(move |_| history.refetch());
    let retry_grants = Callback::new(move |_| grants.refetch());
    let retry_report = Callback::new(move |_| report.refetch());
    let retry_actions = Callback::new(move |_| actions.refetch());
    let retry_meetings = Callback::new(move |_| meetings.refetch());
    let reload_documents = Callback::new(move |_| documents.refetch());
    let hand_over: DocumentHandoverSender = sender(|(visit_id, handover)| async move {
        api::documents::hand_over_document(visit_id, &handover).await
    });
    let may_hand_over = move || {
        session
            .user()
            .is_some_and(|user| may(&user.actor(), Action::HandOverDocument { factory_id }))
    };
    view! {
        <div class="factory-home" data-testid="factory-home">
            <section class="panel home-head">
                <Transition fallback=Loading>
                    {move || factory.get().map(|result| match result {
                        Ok(factory) => view! { <FactoryHomeHead name=factory.name local_name=factory.local_name/> }.into_any(),
                        Err(error) => view! { <LoadError error=error retry=retry_factory/> }.into_any(),
                    })}
                </Transition>
                <Transition fallback=Loading>
                    {move || history.get().map(|result| match result {
                        Ok(entries) if entries.is_empty() => view! { <NoReportYet/> }.into_any(),
                        Ok(_) => view! {
                            {move || report.get().flatten().map(|result| match result {
                                Ok(report) => view! { <LatestReportSummary report=report today=today()/> }.into_any(),
                                Err(error) => view! { <LoadError error=error retry=retry_report/> }.into_any(),
                            })}
                        }.into_any(),
                        Err(error) => view! { <LoadError error=error retry=retry_history/> }.into_any(),
                    })}
                </Transition>
            </section>
            <Transition fallback=|| ()>
                {move || documents.get().map(|result| match result {
                    // A factory never asked for a document has nothing to hand over: no panel.
                    Ok(list) if list.is_empty() => ().into_any(),
                    Ok(list) => view! {
                        <RequestedDocumentsPanel
                            documents=list
                            today=today()
                            hand_over=may_hand_over().then_some(hand_over)
                            on_handed_over=reload_documents
                        />
                    }.into_any(),
                    Err(error) => view! { <LoadError error=error retry=reload_documents/> }.into_any(),
                })}
            </Transition>
            <Transition fallback=|| ()>
                {move || closing_meetings.get().map(|result| match result {
                    Ok(list) if list.is_empty() => ().into_any(),
                    Ok(list) => view! { <ClosingMeetingsPanel meetings=list/> }.into_any(),
                    Err(error) => view! {
                        <LoadError error=error retry=Callback::new(move |_| closing_meetings.refetch())/>
                    }.into_any(),
                })}
            </Transition>
            <Transition fallback=|| ()>
                {move || report.get().flatten().and_then(Result::ok).map(|report| view! {
                    <ClusterComparisonFigure visit_id=report.visit.id clusters=report.clusters/>
                })}
            </Transition>
            <div class="home-columns">
                <Transition fallback=|| ()>
                    {move || actions.get().map(|result| match result {
                        Ok(list) => {
                            let latest_visit = latest.get();
                            // Without a report and without actions there is nothing to count:
                            // the no-report word says what comes.
                            let shown = latest_visit.is_some() || !list.actions.is_empty();
                            let findings = report
                                .get()
                                .flatten()
                                .and_then(Result::ok)
                                .map(|report| report.findings)
                                .unwrap_or_default();
                            shown.then(|| view! {
                                <OpenActionsPanel actions=list latest_visit=latest_visit findings=findings/>
                            }).into_any()
                        }
                        Err(error) => view! { <LoadError error=error retry=retry_actions/> }.into_any(),
                    })}
                </Transition>
                <Transition fallback=|| ()>
                    {move || meetings.get().flatten().map(|result| match result {
                        Ok(list) => view! { <UpcomingMeetingsPanel meetings=list.meetings/> }.into_any(),
                        Err(error) => view! { <LoadError error=error retry=retry_meetings/> }.into_any(),
                    })}
                </Transition>
            </div>
            <div class="home-cards">
                <Transition fallback=|| ()>
                    {move || self_assessment.get().map(|loaded| view! {
                        // Without it the card still leads to the self-assessments.
                        <SelfAssessmentCard latest=loaded.ok().flatten()/>
                    })}
                </Transition>
                <Transition fallback=Loading>
                    {move || grants.get().map(|result| match result {
                        Ok(list) => view! { <ReportAccessCard grants=list/> }.into_any(),
                        Err(error) => view! { <LoadError error=error retry=retry_grants/> }.into_any(),
                    })}
                </Transition>
            </div>
        </div>
    }
}
