//! The one translation catalogue, read from `locales/<lang>.json` by the UI and the server.
//!
//! Catalogues are flat JSON objects from key to text; `{name}` marks a value filled in at
//! run time. English is the reference: a key missing elsewhere is a test failure, and at
//! run time falls back to English rather than showing nothing.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The languages the product speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Km,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Km, Lang::Zh];

    /// BCP 47 code, as used in the `lang` attribute and `Accept-Language`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Km => "km",
            Lang::Zh => "zh",
        }
    }

    /// The language's name in its own script, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Km => "ខ្មែរ",
            Lang::Zh => "中文",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.code() == primary)
    }

    /// Picks the first supported language of an `Accept-Language` header, or English.
    pub fn from_accept_language(header: &str) -> Lang {
        header
            .split(',')
            .filter_map(|part| Lang::from_code(part.split(';').next().unwrap_or("")))
            .next()
            .unwrap_or_default()
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../locales/en.json"),
            Lang::Km => include_str!("../../locales/km.json"),
            Lang::Zh => include_str!("../../locales/zh.json"),
        }
    }
}

type Catalogue = HashMap<String, String>;

fn catalogue(lang: Lang) -> &'static Catalogue {
    static CATALOGUES: [OnceLock<Catalogue>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = match lang {
        Lang::En => &CATALOGUES[0],
        Lang::Km => &CATALOGUES[1],
        Lang::Zh => &CATALOGUES[2],
    };
    slot.get_or_init(|| {
        serde_json::from_str(lang.source())
            .unwrap_or_else(|error| panic!("locales/{}.json is not valid: {error}", lang.code()))
    })
}

/// All keys of a language's catalogue (for tests and tooling).
pub fn keys(lang: Lang) -> Vec<&'static str> {
    let mut keys: Vec<&str> = catalogue(lang).keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

/// True when the key exists in the language's catalogue.
pub fn has_key(lang: Lang, key: &str) -> bool {
    catalogue(lang).contains_key(key)
}

/// The text for `key`, falling back to English, then to the key itself.
pub fn translate(lang: Lang, key: &str) -> String {
    catalogue(lang)
        .get(key)
        .or_else(|| catalogue(Lang::En).get(key))
        .cloned()
        .unwrap_or_else(|| key.to_owned())
}

/// Like [`translate`], replacing each `{name}` with its value.
pub fn translate_with(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(translate(lang, key), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_first_supported_language() {
        assert_eq!(
            Lang::from_accept_language("km-KH,km;q=0.9,en;q=0.8"),
            Lang::Km
        );
        assert_eq!(Lang::from_accept_language("fr-FR, zh-CN;q=0.5"), Lang::Zh);
        assert_eq!(Lang::from_accept_language("fr"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
    }

    #[test]
    fn placeholders_are_filled_in() {
        let text = translate_with(Lang::En, "login.throttled", &[("minutes", "15")]);
        assert!(text.contains("15"), "{text}");
        assert!(!text.contains("{minutes}"));
    }

    #[test]
    fn unknown_keys_fall_back_to_the_key() {
        assert_eq!(translate(Lang::Km, "no.such.key"), "no.such.key");
    }
}
