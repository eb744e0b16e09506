//! Every visible string comes from `locales/`: these tests fail when a language lacks a key,
//! when a catalogue has an empty text or different placeholders, or when the code uses a key
//! that English does not define.

use std::collections::BTreeSet;
use std::path::Path;

use shared::i18n::{has_key, keys, translate, Lang};
use shared::validate::VALIDATION_CODES;

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn every_language_has_exactly_the_english_keys() {
    let english: BTreeSet<&str> = keys(Lang::En).into_iter().collect();
    assert!(english.len() > 50, "the English catalogue looks empty");
    for lang in [Lang::Km, Lang::Zh] {
        let other: BTreeSet<&str> = keys(lang).into_iter().collect();
        let missing: Vec<_> = english.difference(&other).collect();
        let extra: Vec<_> = other.difference(&english).collect();
        assert!(
            missing.is_empty(),
            "{} lacks keys: {missing:?}",
            lang.code()
        );
        assert!(
            extra.is_empty(),
            "{} has keys English lacks: {extra:?}",
            lang.code()
        );
    }
}

#[test]
fn no_text_is_empty_and_placeholders_match_english() {
    for key in keys(Lang::En) {
        let english = translate(Lang::En, key);
        for lang in Lang::ALL {
            let text = translate(lang, key);
            assert!(!text.trim().is_empty(), "{}: {key} is empty", lang.code());
            assert_eq!(
                placeholders(&text),
                placeholders(&english),
                "{}: {key} has other placeholders than English",
                lang.code()
            );
        }
    }
}

#[test]
fn every_validation_code_has_a_text() {
    for code in VALIDATION_CODES {
        assert!(
            has_key(Lang::En, &format!("validation.{code}")),
            "validation.{code}"
        );
    }
}

/// Collects string literals that look like catalogue keys ("nav.users") from Rust sources.
fn key_literals(dir: &Path, namespaces: &BTreeSet<String>, found: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            key_literals(&path, namespaces, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            for literal in source.split('"').skip(1).step_by(2) {
                let is_key_shaped = literal.contains('.')
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._".contains(c))
                    && !literal.ends_with('.');
                let namespace = literal.split('.').next().unwrap_or("");
                if is_key_shaped && namespaces.contains(namespace) {
                    found.insert(literal.to_owned());
                }
            }
        }
    }
}

#[test]
fn every_key_the_code_uses_exists_in_english() {
    let namespaces: BTreeSet<String> = keys(Lang::En)
        .into_iter()
        .map(|key| key.split('.').next().unwrap().to_owned())
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut used = BTreeSet::new();
    for dir in ["frontend/src", "backend/src", "shared/src"] {
        key_literals(&root.join(dir), &namespaces, &mut used);
    }
    assert!(used.len() > 20, "found too few keys in the code: {used:?}");
    let missing: Vec<_> = used.iter().filter(|key| !has_key(Lang::En, key)).collect();
    assert!(
        missing.is_empty(),
        "keys used in code but missing in locales/en.json: {missing:?}"
    );
}
