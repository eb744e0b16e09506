//! The route table and the guard that keeps pages behind login and role.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;
use shared::permissions::{may, Action};
use shared::roles::Area;

use crate::components::layout::Shell;
use crate::i18n::{provide_i18n, use_i18n};
use crate::pages::access::{
    grants::ReportAccessPage, subscriptions::SubscriptionsPage, suppliers::SuppliersPage,
};
use crate::pages::account::{login::LoginPage, settings::AccountPage};
use crate::pages::admin::{
    checklists::ChecklistsPage, holidays::HolidaysPage, outbox::OutboxPage,
    paper_copies::PaperCopiesPage, public_site::PublicSitePage, users::UsersPage,
};
use crate::pages::analytics::{
    compare::ComparePage, groups::GroupComparisonPage, issues::IssueRankingPage,
    overview::AnalyticsOverviewPage, recurring::RecurringIssuesPage, synthesis::SynthesisPage,
    trends::TrendsPage,
};
use crate::pages::closing_meeting::ClosingMeetingPage;
use crate::pages::factories::{
    detail::FactoryPage, form::FactoryFormPage, import::FactoryImportPage, list::FactoriesPage,
};
use crate::pages::management::ManagementPage;
use crate::pages::ministries::{MinistriesPage, PrintableLetterPage};
use crate::pages::planning::{PlanVisitPage, PlannerPage, SchedulePage};
use crate::pages::reports::{objections::ObjectionsPage, report::FactoryReportPage};
use crate::pages::self_assessment::{
    capture::SelfAssessmentCapturePage, detail::SelfAssessmentPage, list::SelfAssessmentsPage,
    result::SelfAssessmentResultPage,
};
use crate::pages::visits::{
    capture::VisitCapturePage, detail::VisitPage, list::ReportsPage, list::VisitsPage,
    new::NewVisitPage,
};
use crate::pages::{dashboard::DashboardPage, not_found::NotFoundPage};
use crate::session::{provide_session, use_session};

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_session();
    crate::service_worker::register();
    view! {
        <Router>
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/login") view=LoginPage/>
                <Route
                    path=path!("/")
                    view=|| view! { <Protected areas=&[Area::Dashboard]><DashboardPage/></Protected> }
                />
                <Route
                    path=path!("/factories")
                    view=|| view! { <Protected areas=&[Area::Factories]><FactoriesPage/></Protected> }
                />
                <Route
                    path=path!("/factories/new")
                    view=|| {
                        view! {
                            <Protected areas=&[Area::Factories] requires=Action::ManageFactories>
                                <FactoryFormPage/>
                            </Protected>
                        }
                    }
                />
                <Route
                    path=path!("/factories/import")
                    view=|| {
                        view! {
                            <Protected areas=&[Area::Factories] requires=Action::ManageFactories>
                                <FactoryImportPage/>
                            </Protected>
                        }
                    }
                />
                <Route
                    path=path!("/factories/:id/edit")
                    view=|| {
                        view! {
                            <Protected areas=&[Area::Factories] requires=Action::ManageFactories>
                                <FactoryFormPage/>
                            </Protected>
                        }
                    }
                />
                <Route
                    path=path!("/factories/:id")
                    view=|| {
                        view! {
                            <Protected areas=&[Area::Factories, Area::MyFactory]>
                                <FactoryPage/>
                            </Protected>
                        }
                    }
                />
                <Route
                    path=path!("/visits")
                    view=|| view! { <Protected areas=&[Area::Visits]><VisitsPage/></Protected> }
                />
                <Route
                    path=path!("/visits/new")
                    view=|| view! { <Protected areas=&[Area::Visits]><NewVisitPage/></Protected> }
                />
                <Route
                    path=path!("/visits/:id")
                    view=|| view! { <Protected areas=&[Area::Visits, Area::Reports]><VisitPage/></Protected> }
                />
                <Route
                    path=path!("/visits/:id/closing-meeting")
                    view=|| {
                        view! {
                            <Protected areas=&[Area::Visits, Area::Reports, Area::MyFactory]>
                                <ClosingMeetingPage/>
                            </Protected>
                        }
                    }
                />
                <Route
                    path=path!("/visits/:id/clusters/:code")
                    view=|| {
                        view! {
                            <Protected areas=&[Area::Visits, Area::Reports]>
                                <VisitCapturePage/>
                            </Protected>
                        }
                    }
                />
                <Route
                    path=path!("/planning")
                    view=|| view! { <Protected areas=&[Area::Planning]><PlannerPage/></Protected> }
                />
                <Route
                    path=path!("/planning/new")
                    view=|| {
                        view! {
                            <Protected areas=&[Area::Planning] requires=Action::PlanVisits>
                                <PlanVisitPage/>
                            </Protected>
                        }
                    }
                />
                <Route
                    path=path!("/planning/schedule")
                    view=|| view! { <Protected areas=&[Area::Planning]><SchedulePage/></Protected> }
                />
                <Route
                    path=path!("/management")
                    view=|| view! { <Protected areas=&[Area::Management]><ManagementPage/></Protected> }
                />
                <Route
                    path=path!("/ministries")
                    view=|| view! { <Protected areas=&[Area::Ministries]><MinistriesPage/></Protected> }
                />
                <Route
                    path=path!("/ministries/letters/:id")
                    view=|| view! { <Protected areas=&[Area::Ministries]><PrintableLetterPage/></Protected> }
                />
                <Route
                    path=path!("/reports")
                    view=|| view! { <Protected areas=&[Area::Reports]><ReportsPage/></Protected> }
                />
                <Route
                    path=path!("/reports/:id")
                    view=|| view! { <Protected areas=&[Area::Visits, Area::Reports, Area::Compare]><FactoryReportPage/></Protected> }
                />
                <Route
                    path=path!("/self-assessments")
                    view=|| view! { <Protected areas=&[Area::SelfAssessment]><SelfAssessmentsPage/></Protected> }
                />
                <Route
                    path=path!("/self-assessments/:id")
                    view=|| view! { <Protected areas=&[Area::SelfAssessment]><SelfAssessmentPage/></Protected> }
                />
                <Route
                    path=path!("/self-assessments/:id/clusters/:code")
                    view=|| view! { <Protected areas=&[Area::SelfAssessment]><SelfAssessmentCapturePage/></Protected> }
                />
                <Route
                    path=path!("/self-assessments/:id/result")
                    view=|| {
                        view! {
                            <Protected areas=&[Area::SelfAssessment, Area::Factories, Area::Suppliers]>
                                <SelfAssessmentResultPage/>
                            </Protected>
                        }
                    }
                />
                <Route
                    path=path!("/analytics")
                    view=|| view! { <Protected areas=&[Area::Analytics]><AnalyticsOverviewPage/></Protected> }
                />
                <Route
                    path=path!("/analytics/issues")
                    view=|| view! { <Protected areas=&[Area::Analytics]><IssueRankingPage/></Protected> }
                />
                <Route
                    path=path!("/analytics/groups")
                    view=|| view! { <Protected areas=&[Area::Analytics]><GroupComparisonPage/></Protected> }
                />
                <Route
                    path=path!("/analytics/trends")
                    view=|| view! { <Protected areas=&[Area::Analytics]><TrendsPage/></Protected> }
                />
                <Route
                    path=path!("/analytics/recurring")
                    view=|| view! { <Protected areas=&[Area::Analytics]><RecurringIssuesPage/></Protected> }
                />
                <Route
                    path=path!("/analytics/synthesis")
                    view=|| view! { <Protected areas=&[Area::Analytics]><SynthesisPage/></Protected> }
                />
                <Route
                    path=path!("/compare")
                    view=|| view! { <Protected areas=&[Area::Analytics, Area::Compare]><ComparePage/></Protected> }
                />
                <Route
                    path=path!("/outbox/paper-copies")
                    view=|| view! { <Protected areas=&[Area::Outbox]><PaperCopiesPage/></Protected> }
                />
                <Route
                    path=path!("/objections")
                    view=|| view! { <Protected areas=&[Area::Objections]><ObjectionsPage/></Protected> }
                />
                <Route
                    path=path!("/checklists")
                    view=|| view! { <Protected areas=&[Area::Checklists]><ChecklistsPage/></Protected> }
                />
                <Route
                    path=path!("/outbox")
                    view=|| view! { <Protected areas=&[Area::Outbox]><OutboxPage/></Protected> }
                />
                <Route
                    path=path!("/concerns")
                    view=|| view! { <Protected areas=&[Area::Concerns]><crate::pages::concerns::ConcernsPage/></Protected> }
                />
                <Route
                    path=path!("/training")
                    view=|| view! { <Protected areas=&[Area::Training]><crate::pages::training::TrainingPage/></Protected> }
                />
                <Route
                    path=path!("/training/sessions/:id")
                    view=|| view! { <Protected areas=&[Area::Training]><crate::pages::training::TrainingSessionPage/></Protected> }
                />
                <Route
                    path=path!("/training/factories/:id")
                    view=|| view! { <Protected areas=&[Area::Training]><crate::pages::training_follow_up::FactoryTrainingPage/></Protected> }
                />
                <Route
                    path=path!("/training/reports")
                    view=|| view! { <Protected areas=&[Area::Training]><crate::pages::training_follow_up::TrainingReportsPage/></Protected> }
                />
                <Route
                    path=path!("/access")
                    view=|| view! { <Protected areas=&[Area::ReportAccess]><ReportAccessPage/></Protected> }
                />
                <Route
                    path=path!("/suppliers")
                    view=|| view! { <Protected areas=&[Area::Suppliers]><SuppliersPage/></Protected> }
                />
                <Route
                    path=path!("/subscriptions")
                    view=|| view! { <Protected areas=&[Area::Subscriptions]><SubscriptionsPage/></Protected> }
                />
                <Route
                    path=path!("/holidays")
                    view=|| view! { <Protected areas=&[Area::Holidays]><HolidaysPage/></Protected> }
                />
                <Route
                    path=path!("/editions")
                    view=|| view! { <Protected areas=&[Area::Editions]><crate::pages::editions::EditionsPage/></Protected> }
                />
                <Route
                    path=path!("/editions/:id")
                    view=|| view! { <Protected areas=&[Area::Editions]><crate::pages::editions::EditionPage/></Protected> }
                />
                <Route
                    path=path!("/public-site")
                    view=|| view! { <Protected areas=&[Area::PublicSite]><PublicSitePage/></Protected> }
                />
                <Route
                    path=path!("/users")
                    view=|| view! { <Protected areas=&[Area::Users]><UsersPage/></Protected> }
                />
                <Route
                    path=path!("/account")
                    view=|| view! { <Protected areas=&[Area::Account]><AccountPage/></Protected> }
                />
            </Routes>
        </Router>
    }
}

/// Shows `children` inside the app shell when the user is signed in, has chosen their own
/// password, may open one of `areas`, and may do what the page `requires` (the same
/// permission table the API enforces).
#[component]
fn Protected(
    areas: &'static [Area],
    #[prop(optional)] requires: Option<Action>,
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let location = use_location();
    let navigate = use_navigate();
    // Unsent answers on this device: signing out first says so (they stay, the user's own).
    let unsent_warning = RwSignal::new(None::<usize>);
    let log_out = Callback::new(move |_| {
        let unsent = crate::answer_sync::unsent_count();
        if unsent > 0 && unsent_warning.get_untracked().is_none() {
            unsent_warning.set(Some(unsent));
            return;
        }
        unsent_warning.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            // Even if the server cannot be reached, forget the session here.
            let _ = crate::api::auth::logout().await;
            session.signed_out();
            navigate("/login", Default::default());
        });
    });
    let children = StoredValue::new(children);
    move || {
        if !session.is_checked() {
            return view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }
                .into_any();
        }
        let Some(user) = session.user() else {
            return view! { <Redirect path="/login"/> }.into_any();
        };
        if user.must_change_password && location.pathname.get() != "/account" {
            return view! { <Redirect path="/account"/> }.into_any();
        }
        let allowed = areas.iter().any(|area| user.areas.contains(area))
            && requires.is_none_or(|action| may(&user.actor(), action));
        let content = if allowed {
            children.with_value(|children| children()).into_any()
        } else {
            view! {
                <section class="panel">
                    <h1>{move || i18n.t("forbidden.title")}</h1>
                    <p>{move || i18n.t("forbidden.body")}</p>
                </section>
            }
            .into_any()
        };
        view! {
            <Shell user=user on_log_out=log_out>
                <AppNotices/>
                {move || unsent_warning.get().map(|count| view! {
                    <div class="notice warning app-notice" role="alert" data-testid="unsent-warning">
                        <p>{move || i18n.t_with("app.unsent_on_sign_out", &[("count", &count.to_string())])}</p>
                        <div class="actions">
                            <button type="button" class="button secondary" data-testid="stay-signed-in" on:click=move |_| unsent_warning.set(None)>
                                {move || i18n.t("app.stay_signed_in")}
                            </button>
                            <button type="button" class="button primary" data-testid="sign-out-anyway" on:click=move |_| log_out.run(())>
                                {move || i18n.t("app.sign_out_anyway")}
                            </button>
                        </div>
                    </div>
                })}
                {content}
            </Shell>
        }
        .into_any()
    }
}

/// How often the notice of changes waiting on the device recounts them.
const QUEUE_RECOUNT_MS: u64 = 2_000;

/// Above every page: that the device is offline (what still works), how many changes wait on
/// it, and that a new version of the app is ready (with the reload that switches to it).
#[component]
fn AppNotices() -> impl IntoView {
    let i18n = use_i18n();
    let online = RwSignal::new(window().navigator().on_line());
    // What waits on this device, counted while offline (from the device store's memory).
    let queued = RwSignal::new(crate::answer_sync::unsent_count());
    let went_online = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let went_offline = window_event_listener(leptos::ev::offline, move |_| {
        online.set(false);
        queued.set(crate::answer_sync::unsent_count());
    });
    let recount = set_interval_with_handle(
        move || {
            // The count shows only while offline: online, nothing is read.
            if online.try_get_untracked() == Some(false) {
                queued.try_set(crate::answer_sync::unsent_count());
            }
        },
        std::time::Duration::from_millis(QUEUE_RECOUNT_MS),
    )
    .ok();
    on_cleanup(move || {
        went_online.remove();
        went_offline.remove();
        if let Some(recount) = recount {
            recount.clear();
        }
    });
    let update = use_context::<crate::service_worker::UpdateReady>();
    let update_ready = move || update.is_some_and(|ready| ready.0.get());
    view! {
        <Show when=move || !online.get()>
            <p class="notice warning app-notice" role="status" data-testid="offline-notice">
                {move || i18n.t("app.offline")}
            </p>
        </Show>
        // Online, answers leave within a second: the count matters while they cannot.
        <Show when=move || { !online.get() && queued.get() > 0 }>
            <p class="notice app-notice" role="status" data-testid="queued-count">
                {move || i18n.t_with("app.queued", &[("count", &queued.get().to_string())])}
            </p>
        </Show>
        <Show when=update_ready>
            <p class="notice app-notice" role="status" data-testid="update-ready">
                {move || i18n.t("app.update_ready")}" "
                <button type="button" class="button small primary" on:click=move |_| crate::service_worker::reload_to_update()>
                    {move || i18n.t("app.update_reload")}
                </button>
            </p>
        </Show>
    }
}
