//! Rendering of corrective action plans (what a factory does about each finding) and of
//! union concerns. These components only render what they are given; the forms that post
//! live with the pages.

use leptos::prelude::*;
use shared::analytics::percent;
use shared::api::corrective_actions::{ActionUpdate, CorrectiveAction};
use shared::concern::ConcernStatus;
use shared::corrective_action::{ActionStatus, Verification, VerifiedShare};

use crate::components::visit::format_time;
use crate::i18n::use_i18n;

/// The share of findings verified as fixed, as a figure with its count.
#[component]
pub fn VerifiedShareCard(
    #[prop(into)] share: Signal<VerifiedShare>,
    #[prop(default = "verified-share")] testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="stat-card verified-share">
            <span class="stat-value" data-testid=testid>{move || percent(share.get().percent)}</span>
            <span class="stat-label">{move || i18n.t("cap.verified_share")}</span>
            <span class="stat-detail hint">{move || {
                let share = share.get();
                i18n.t_with(
                    "cap.verified_count",
                    &[
                        ("fixed", &share.verified_fixed.to_string()),
                        ("findings", &share.findings.to_string()),
                    ],
                )
            }}</span>
        </div>
    }
}

/// An action's status as a tag.
#[component]
pub fn ActionStatusTag(status: ActionStatus) -> impl IntoView {
    let i18n = use_i18n();
    let key = format!("cap.status.{}", status.as_str());
    view! { <span class=format!("tag cap-status-{}", status.as_str()) data-testid="action-status">{move || i18n.t(&key)}</span> }
}

/// A concern's status as a tag.
#[component]
pub fn ConcernStatusTag(status: ConcernStatus) -> impl IntoView {
    let i18n = use_i18n();
    let key = format!("concern_status.{}", status.as_str());
    view! { <span class=format!("tag concern-{}", status.as_str()) data-testid="concern-status">{move || i18n.t(&key)}</span> }
}

fn update_item(update: ActionUpdate) -> impl IntoView {
    let status = update.status.map(|status| {
        view! { " → "<ActionStatusTag status=status/> }
    });
    view! {
        <li class="action-update" data-testid="action-update">
            <p class="hint">{update.author_name}" · "{format_time(update.posted_at)}{status}</p>
            <p>{update.comment}</p>
        </li>
    }
}

/// One action: what, who, by when, its status, its updates and the monitor's check.
/// `children` are the forms the reader may use on it.
#[component]
pub fn ActionView(action: CorrectiveAction, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let updates = (!action.updates.is_empty()).then(|| {
        let items = action.updates.into_iter().map(update_item).collect_view();
        view! { <ol class="action-updates">{items}</ol> }
    });
    let verification = action.verification.map(|check| {
        let (tone, key) = match check.outcome {
            Verification::Verified => ("success", "cap.verified"),
            Verification::NotVerified => ("danger", "cap.not_verified"),
        };
        let at_visit = check.visit_start_date.map(|date| {
            let label = move || i18n.t_with("cap.at_visit", &[("date", &date)]);
            view! { " · "{label} }
        });
        view! {
            <div class=format!("notice {tone} action-verification") data-testid="action-verification">
                <p><strong>{move || i18n.t(key)}</strong>" · "{check.monitor_name}" · "{format_time(check.verified_at)}{at_visit}</p>
                <p>{check.note}</p>
            </div>
        }
    });
    view! {
        <li class="corrective-action" data-testid="corrective-action" data-action=action.id.to_string()>
            <p class="action-head"><ActionStatusTag status=action.status/>" "<strong>{action.description}</strong></p>
            <dl class="facts action-facts">
                <dt>{move || i18n.t("cap.responsible")}</dt>
                <dd>{action.responsible}</dd>
                <dt>{move || i18n.t("cap.target_date")}</dt>
                <dd data-testid="action-target-date">{action.target_date}</dd>
                <dt>{move || i18n.t("cap.posted_by")}</dt>
                <dd>{action.created_by_name}" · "{format_time(action.created_at)}</dd>
            </dl>
            {updates}
            {verification}
            {children()}
        </li>
    }
}
