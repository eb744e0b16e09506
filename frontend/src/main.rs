//! Entry point of the web app: it opens the device store, then mounts [`app::App`].

mod answer_sync;
mod api;
mod app;
mod components;
mod device_store;
mod error;
mod facts_queue;
mod i18n;
mod login_shell;
mod pages;
mod service_worker;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    // The unsent changes are read while the first page renders: load them first. A sign-in
    // sent from the form shown before the app loaded is awaited, so the app starts knowing it.
    wasm_bindgen_futures::spawn_local(async {
        device_store::open().await;
        login_shell::settled().await;
        leptos::mount::mount_to_body(app::App);
    });
}
