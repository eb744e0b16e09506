//! Entry point of the web app: it only mounts [`app::App`].

mod answer_sync;
mod api;
mod app;
mod components;
mod error;
mod facts_queue;
mod i18n;
mod pages;
mod service_worker;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
