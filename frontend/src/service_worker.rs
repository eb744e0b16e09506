//! The service worker (`/sw.js`, built from `frontend/js/service-worker.js`): registered when
//! the app starts, so that after one visit the app starts without a connection. A new version
//! waits until the user reloads: [`UpdateReady`] says when one is ready, and [`reload_to_update`]
//! hands over to it. The cache of API reads belongs to whoever is signed in: it is emptied when
//! someone signs in or out ([`forget_cached_reads`]).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The cache the service worker keeps API reads in (see `frontend/js/service-worker.js`).
const API_CACHE: &str = "ims-api";

/// True once a new version of the app is installed and waiting for a reload.
#[derive(Clone, Copy)]
pub struct UpdateReady(pub RwSignal<bool>);

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers and insecure origins have none: the app then simply needs the network.
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers the service worker and watches for new versions.
pub fn register() {
    let ready = UpdateReady(RwSignal::new(false));
    provide_context(ready);
    ask_for_persistent_storage();
    let Some(container) = container() else {
        return;
    };
    let registration = container.register("/sw.js");
    leptos::task::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(registration).await else {
            leptos::logging::warn!("the app could not be prepared for offline use");
            return;
        };
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        // A version installed earlier may already be waiting.
        if registration.waiting().is_some() && has_controller() {
            ready.0.set(true);
        }
        let watched = registration.clone();
        let on_update = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = watched.installing() else {
                return;
            };
            let worker = installing.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                // Installed beside a running version: a new release, not the first visit.
                if worker.state() == web_sys::ServiceWorkerState::Installed && has_controller() {
                    ready.0.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
    });
}

fn has_controller() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}

/// Hands over to the waiting version and reloads once it is in charge.
pub fn reload_to_update() {
    let Some(container) = container() else {
        return;
    };
    let on_change = Closure::<dyn FnMut()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    let registration = container.get_registration();
    leptos::task::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(registration).await else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        match registration.waiting() {
            Some(waiting) => {
                let _ = waiting.post_message(&"skip-waiting".into());
            }
            None => {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            }
        }
    });
}

/// Empties the cache of API reads: on a shared tablet, what one user read never opens for the
/// next one.
pub fn forget_cached_reads() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(caches) = window.caches() {
        let _ = caches.delete(API_CACHE);
    }
}

/// Asks the browser to keep this site's storage (the unsent answers and the offline copy of the
/// app) even when the device runs short of space; browsers may grant it silently or not at all,
/// and the app works the same either way.
fn ask_for_persistent_storage() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false) {
        return;
    }
    if let Ok(request) = navigator.storage().persist() {
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(request).await;
        });
    }
}
