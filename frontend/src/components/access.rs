//! Parts of the third-party access pages: the grants of a factory, its access ledger, the
//! subscriptions table and a buyer's factories.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::access::format_dollars;
use shared::analytics::percent;
use shared::api::access::{AccessGrant, AccessLogEntry, Subscription, SupplierFactory};

use crate::components::visit::format_time;
use crate::i18n::province_label;
use crate::i18n::use_i18n;

/// Who may read the factory's reports: standing grants first, each with whether a paid
/// subscription makes it effective today.
#[component]
pub fn GrantTable(grants: Vec<AccessGrant>, on_revoke: Callback<AccessGrant>) -> impl IntoView {
    let i18n = use_i18n();
    if grants.is_empty() {
        return view! { <p>{move || i18n.t("access.no_grants")}</p> }.into_any();
    }
    let rows = grants
        .into_iter()
        .map(|grant| {
            let kind_key = format!("organisation_kind.{}", grant.organisation_kind);
            let status_key = match (grant.revoked_at, grant.subscription_active) {
                (Some(_), _) => "access.status_revoked",
                (None, true) => "access.status_active",
                (None, false) => "access.status_no_subscription",
            };
            let status_class = if status_key == "access.status_active" {
                "tag status-published"
            } else {
                "tag status-returned"
            };
            let organisation_name = grant.organisation_name.clone();
            let revoke_label = move || {
                i18n.t_with(
                    "access.revoke_label",
                    &[("organisation", &organisation_name)],
                )
            };
            let standing = grant.revoked_at.is_none();
            let since = format_time(grant.revoked_at.unwrap_or(grant.granted_at));
            let grant = StoredValue::new(grant);
            view! {
                <tr>
                    <td>{grant.with_value(|grant| grant.organisation_name.clone())}</td>
                    <td>{move || i18n.t(&kind_key)}</td>
                    <td><span class=status_class>{move || i18n.t(status_key)}</span></td>
                    <td>{since}</td>
                    <td>
                        {standing.then(|| view! {
                            <button type="button" class="button secondary" aria-label=revoke_label
                                on:click=move |_| on_revoke.run(grant.get_value())>
                                {move || i18n.t("access.revoke")}
                            </button>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="hint">{move || i18n.t("access.status_hint")}</p>
        <div class="table-wrap">
            <table data-testid="grant-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("access.organisation")}</th>
                        <th scope="col">{move || i18n.t("access.kind")}</th>
                        <th scope="col">{move || i18n.t("access.status")}</th>
                        <th scope="col">{move || i18n.t("access.since")}</th>
                        <th scope="col"><span class="visually-hidden">{move || i18n.t("access.revoke")}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Which organisation opened which report or shared self-assessment, newest first.
#[component]
pub fn AccessLedger(lines: Vec<AccessLogEntry>) -> impl IntoView {
    let i18n = use_i18n();
    if lines.is_empty() {
        return view! { <p>{move || i18n.t("access.ledger_empty")}</p> }.into_any();
    }
    let rows = lines
        .into_iter()
        .map(|line| {
            let (href, key) = match line.self_assessment_id {
                Some(id) => (
                    format!("/self-assessments/{id}/result"),
                    "access.self_assessment_of",
                ),
                None => (format!("/reports/{}", line.visit_id), "access.report_of"),
            };
            let date = line.visit_start_date;
            view! {
                <tr>
                    <td>{format_time(line.viewed_at)}</td>
                    <td>{line.organisation_name}</td>
                    <td>
                        <A href=href>{move || i18n.t_with(key, &[("date", &date)])}</A>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table data-testid="access-ledger">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("access.viewed_at")}</th>
                        <th scope="col">{move || i18n.t("access.organisation")}</th>
                        <th scope="col">{move || i18n.t("access.opened_item")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Every subscription, with a button to record payment or mark it unpaid.
#[component]
pub fn SubscriptionTable(
    subscriptions: Vec<Subscription>,
    on_toggle_paid: Callback<Subscription>,
) -> impl IntoView {
    let i18n = use_i18n();
    if subscriptions.is_empty() {
        return view! { <p>{move || i18n.t("subscriptions.none")}</p> }.into_any();
    }
    let rows = subscriptions
        .into_iter()
        .map(|subscription| {
            let status_key = if subscription.active {
                "subscriptions.active"
            } else if subscription.paid {
                "subscriptions.outside_dates"
            } else {
                "subscriptions.unpaid"
            };
            let toggle_key = if subscription.paid {
                "subscriptions.mark_unpaid"
            } else {
                "subscriptions.mark_paid"
            };
            let label_key = format!("{toggle_key}_label");
            let names = (
                subscription.organisation_name.clone(),
                subscription.factory_name.clone(),
            );
            let label = move || {
                i18n.t_with(
                    &label_key,
                    &[("organisation", &names.0), ("factory", &names.1)],
                )
            };
            let subscription = StoredValue::new(subscription);
            let text = move |read: fn(&Subscription) -> String| subscription.with_value(read);
            view! {
                <tr>
                    <td>{text(|s| s.organisation_name.clone())}</td>
                    <td>{text(|s| s.factory_name.clone())}</td>
                    <td class="number">{text(|s| format_dollars(s.fee_cents))}</td>
                    <td>{text(|s| format!("{} – {}", s.starts_on, s.ends_on))}</td>
                    <td><span class="tag">{move || i18n.t(status_key)}</span></td>
                    <td>
                        <button type="button" class="button secondary" aria-label=label
                            on:click=move |_| on_toggle_paid.run(subscription.get_value())>
                            {move || i18n.t(toggle_key)}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table data-testid="subscription-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("access.organisation")}</th>
                        <th scope="col">{move || i18n.t("subscriptions.factory")}</th>
                        <th scope="col" class="number">{move || i18n.t("subscriptions.fee")}</th>
                        <th scope="col">{move || i18n.t("subscriptions.period")}</th>
                        <th scope="col">{move || i18n.t("access.status")}</th>
                        <th scope="col"><span class="visually-hidden">{move || i18n.t("subscriptions.payment")}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// One factory the buyer reads, with its reports.
#[component]
pub fn SupplierCard(supplier: SupplierFactory) -> impl IntoView {
    let i18n = use_i18n();
    let province = supplier.province.clone();
    let until = supplier.access_until.clone();
    let name = supplier.name.clone();
    let reports = if supplier.reports.is_empty() {
        view! { <p>{move || i18n.t("suppliers.no_reports")}</p> }.into_any()
    } else {
        let rows = supplier
            .reports
            .into_iter()
            .rev()
            .map(|report| {
                let type_key = format!("visit_type.{}", report.visit_type);
                let rate = percent(report.overall_rate);
                view! {
                    <li>
                        <A href=format!("/reports/{}", report.visit_id)>
                            {format!("{} · ", report.start_date)}{move || i18n.t(&type_key)}
                        </A>
                        <span class="muted">{move || i18n.t_with("suppliers.overall_rate", &[("rate", &rate)])}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="supplier-reports">{rows}</ul> }.into_any()
    };
    view! {
        <article class="panel supplier" data-testid="supplier">
            <h2>{name}</h2>
            <p class="muted">
                {move || province_label(i18n.lang(), &province)}
                " · "
                {move || i18n.t_with("suppliers.access_until", &[("date", &until)])}
            </p>
            {reports}
        </article>
    }
}
