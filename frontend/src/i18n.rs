//! The current language: chosen by the user, remembered in the browser, set on `<html lang>`.

use leptos::prelude::*;
use shared::i18n::{translate, translate_with, Lang};

const STORAGE_KEY: &str = "ims.lang";

/// Translation context, `Copy` so closures in views can capture it.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
    }

    /// The text of `key` in the current language (reactive when called inside a closure).
    pub fn t(&self, key: &str) -> String {
        translate(self.lang.get(), key)
    }

    /// Like [`I18n::t`], filling in `{name}` placeholders.
    pub fn t_with(&self, key: &str, values: &[(&str, &str)]) -> String {
        translate_with(self.lang.get(), key, values)
    }
}

fn stored_lang() -> Option<Lang> {
    let storage = window().local_storage().ok()??;
    Lang::from_code(&storage.get_item(STORAGE_KEY).ok()??)
}

fn browser_lang() -> Lang {
    window()
        .navigator()
        .language()
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// Provides the language context and keeps storage and `<html lang>` in step with it.
pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        lang: RwSignal::new(stored_lang().unwrap_or_else(browser_lang)),
    };
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        if let Some(storage) = window().local_storage().ok().flatten() {
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        crate::api::set_language(lang);
    });
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A province's name in the current language when the catalogue has it.
pub fn province_label(lang: shared::i18n::Lang, province: &str) -> String {
    let key = format!(
        "province.{}",
        province.trim().to_lowercase().replace([' ', '-'], "_")
    );
    if shared::i18n::has_key(shared::i18n::Lang::En, &key) {
        shared::i18n::translate(lang, &key)
    } else {
        province.to_owned()
    }
}
