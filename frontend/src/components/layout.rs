//! The app shell: header with navigation, language switch and logout.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::auth::CurrentUser;
use shared::i18n::Lang;
use shared::roles::Area;

use crate::i18n::use_i18n;

/// Where each navigation area lives.
pub fn area_path(area: Area, user: &CurrentUser) -> String {
    match area {
        Area::Dashboard => "/".to_owned(),
        Area::Factories => "/factories".to_owned(),
        Area::MyFactory => format!("/factories/{}", user.factory_id.unwrap_or_default()),
        Area::Visits => "/visits".to_owned(),
        Area::Planning => "/planning".to_owned(),
        Area::Management => "/management".to_owned(),
        Area::Ministries => "/ministries".to_owned(),
        Area::Reports => "/reports".to_owned(),
        Area::SelfAssessment => "/self-assessments".to_owned(),
        Area::Analytics => "/analytics".to_owned(),
        Area::Compare => "/compare".to_owned(),
        Area::Editions => "/editions".to_owned(),
        Area::ReportAccess => "/access".to_owned(),
        Area::Suppliers => "/suppliers".to_owned(),
        Area::Subscriptions => "/subscriptions".to_owned(),
        Area::Objections => "/objections".to_owned(),
        Area::Concerns => "/concerns".to_owned(),
        Area::Training => "/training".to_owned(),
        Area::Checklists => "/checklists".to_owned(),
        Area::Outbox => "/outbox".to_owned(),
        Area::Holidays => "/holidays".to_owned(),
        Area::PublicSite => "/public-site".to_owned(),
        Area::Users => "/users".to_owned(),
        Area::Account => "/account".to_owned(),
    }
}

/// The header and the page below it; `on_log_out` ends the session (the caller talks to the
/// server: components never do).
#[component]
pub fn Shell(user: CurrentUser, on_log_out: Callback<()>, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let log_out = move |_| on_log_out.run(());
    let links = user
        .areas
        .iter()
        .map(|area| {
            let href = area_path(*area, &user);
            let key = area.label_key();
            view! { <li><A href=href>{move || i18n.t(key)}</A></li> }
        })
        .collect_view();
    let role_key = format!("role.{}", user.role.as_str());
    view! {
        <a class="skip-link" href="#content">{move || i18n.t("app.skip_to_content")}</a>
        <header class="app-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"BF"</span>
                <span class="brand-name">{move || i18n.t("app.title")}</span>
            </div>
            <nav aria-label=move || i18n.t("nav.main") class="main-nav">
                <ul>{links}</ul>
            </nav>
            <div class="header-tools">
                <LanguageSwitch/>
                <span class="user-badge" data-testid="user-badge">
                    <span class="user-name">{user.display_name.clone()}</span>
                    <span class="user-role">{move || i18n.t(&role_key)}</span>
                </span>
                <button type="button" class="button secondary" on:click=log_out>
                    {move || i18n.t("nav.logout")}
                </button>
            </div>
        </header>
        <main id="content" class="content">{children()}</main>
    }
}

/// Three buttons, each in its own script, so anyone can find their language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let buttons = Lang::ALL
        .into_iter()
        .map(|lang| {
            view! {
                <button
                    type="button"
                    class="lang-button"
                    lang=lang.code()
                    aria-pressed=move || (i18n.lang() == lang).to_string()
                    on:click=move |_| i18n.set_lang(lang)
                >
                    {lang.native_name()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="lang-switch" role="group" aria-label=move || i18n.t("nav.language")>
            {buttons}
        </div>
    }
}
