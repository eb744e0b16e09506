//! Who is signed in. Loaded once from `/api/auth/me` when the app starts; login, logout and
//! password changes update it.

use leptos::prelude::*;
use shared::api::auth::CurrentUser;

use crate::api;

/// Session context: `None` inside the signal means nobody is signed in.
#[derive(Clone, Copy)]
pub struct Session {
    user: RwSignal<Option<CurrentUser>>,
    /// False until the first `/api/auth/me` answer, so pages do not flash the login form.
    checked: RwSignal<bool>,
}

impl Session {
    pub fn user(&self) -> Option<CurrentUser> {
        self.user.get()
    }

    pub fn is_checked(&self) -> bool {
        self.checked.get()
    }

    pub fn signed_in(&self, user: CurrentUser) {
        api::set_csrf_token(Some(user.csrf_token.clone()));
        crate::answer_sync::set_device_user(Some(user.id));
        crate::login_shell::remember_signed_in(true);
        // Signed in: the form shown before the app loaded has no use now (the login page
        // takes it over itself when it is the page shown).
        crate::login_shell::take_over();
        self.user.set(Some(user));
        self.checked.set(true);
    }

    pub fn signed_out(&self) {
        // What this user read must not open for the next one on a shared tablet.
        crate::service_worker::forget_cached_reads();
        api::set_csrf_token(None);
        crate::answer_sync::set_device_user(None);
        crate::login_shell::remember_signed_in(false);
        self.user.set(None);
        self.checked.set(true);
    }
}

pub fn provide_session() -> Session {
    let session = Session {
        user: RwSignal::new(None),
        checked: RwSignal::new(false),
    };
    provide_context(session);
    api::on_session_ended(move || {
        if session.user.get_untracked().is_some() {
            session.signed_out();
        }
    });
    let me = api::auth::me();
    leptos::task::spawn_local(async move {
        match me.await {
            Ok(user) => session.signed_in(user),
            Err(_) => session.signed_out(),
        }
    });
    session
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
