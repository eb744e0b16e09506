//! The login form that `index.html` shows before the app has loaded (`frontend/js/login-shell.js`):
//! the app waits for a sign-in sent from it, then takes over what it holds and removes it.

use wasm_bindgen::JsCast;

/// Where a device remembers that someone signed in on it, so the form shown before the app
/// loads does not flash for them on `/` (the session cookie itself is out of scripts' reach).
const SIGNED_IN_HINT: &str = "ims.signed_in";

/// What the form held when the app took over.
#[derive(Clone, Debug, Default)]
pub struct Taken {
    pub username: String,
    pub password: String,
    /// The input the cursor was in (`username`, `password`), to put it back there.
    pub focused: Option<String>,
    /// The error code of the message shown, and the wait it named.
    pub error: Option<(String, Option<u64>)>,
}

fn shell() -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .get_element_by_id("login-shell")
}

/// Waits until a sign-in sent from the form has its answer, so the app starts knowing it.
pub async fn settled() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let pending = js_sys::Reflect::get(&window, &"imsShellLogin".into()).ok();
    if let Some(promise) = pending.and_then(|value| value.dyn_into::<js_sys::Promise>().ok()) {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// Removes the form and gives what it held (nothing when there was none).
pub fn take_over() -> Taken {
    let Some(shell) = shell() else {
        return Taken::default();
    };
    let input = |id: &str| {
        shell
            .query_selector(&format!("#{id}"))
            .ok()
            .flatten()
            .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
    };
    let value = |id: &str| input(id).map(|field| field.value()).unwrap_or_default();
    let focused = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.active_element())
        .filter(|active| shell.contains(Some(active)))
        .map(|active| active.id())
        .filter(|id| !id.is_empty());
    let form = shell.query_selector("form").ok().flatten();
    let error = form.as_ref().and_then(|form| {
        let code = form.get_attribute("data-error-code")?;
        let wait = form
            .get_attribute("data-retry-after")
            .and_then(|seconds| seconds.parse().ok());
        Some((code, wait))
    });
    let taken = Taken {
        username: value("username"),
        password: value("password"),
        focused,
        error,
    };
    shell.remove();
    taken
}

/// Puts the cursor back where it was in the form, once the app's own form is on the page.
pub fn restore_focus(id: Option<String>) {
    let Some(id) = id else {
        return;
    };
    leptos::prelude::request_animation_frame(move || {
        let field = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(&id))
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = field {
            let _ = field.focus();
        }
    });
}

/// Remembers on the device whether someone is signed in (see [`SIGNED_IN_HINT`]).
pub fn remember_signed_in(signed_in: bool) {
    let Some(storage) = web_sys::window().and_then(|window| window.local_storage().ok().flatten())
    else {
        return;
    };
    let _ = if signed_in {
        storage.set_item(SIGNED_IN_HINT, "1")
    } else {
        storage.remove_item(SIGNED_IN_HINT)
    };
}
