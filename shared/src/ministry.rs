//! Reports of non-cooperation to the ministries: when a visit is obstructed, the programme
//! writes to the Ministry of Labour and Vocational Training and to the Ministry of Commerce.
//! The letter is composed here once, in Khmer then English, and stored as written.

use serde::{Deserialize, Serialize};

use crate::api::ministries::{MinistryLetter, PaperHandover};
use crate::date::past_day_problem;
use crate::error::FieldError;
use crate::i18n::{translate, translate_with, Lang};
use crate::wire::string_enum;

string_enum!(
    /// The ministries the programme reports obstruction to.
    Ministry {
        Labour => "labour",
        Commerce => "commerce",
    }
);

impl Ministry {
    /// Translation key of the ministry's name.
    pub fn name_key(self) -> &'static str {
        match self {
            Ministry::Labour => "ministry.labour",
            Ministry::Commerce => "ministry.commerce",
        }
    }
}

/// The letter's reference: the visit and the ministry (`NC-000123-L`).
pub fn letter_reference(visit_id: i64, ministry: Ministry) -> String {
    let suffix = match ministry {
        Ministry::Labour => "L",
        Ministry::Commerce => "C",
    };
    format!("NC-{visit_id:06}-{suffix}")
}

/// What a letter states about the obstructed visit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObstructionFacts {
    pub factory_name: String,
    pub factory_address: String,
    pub registration_number: String,
    /// ISO date of the visit.
    pub visit_date: String,
    /// What happened, in the monitor's words.
    pub details: String,
    /// The visit's monitors, by name.
    pub monitors: Vec<String>,
    pub gate_wait_minutes: Option<i64>,
    /// ISO date (Cambodia) the letter is written.
    pub written_on: String,
}

/// A letter as written: its subject and body, Khmer first, then English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterText {
    pub subject: String,
    pub body: String,
}

/// The letter to `ministry` about an obstructed visit.
pub fn letter(ministry: Ministry, reference: &str, facts: &ObstructionFacts) -> LetterText {
    let monitors = facts.monitors.join(", ");
    let registration = if facts.registration_number.is_empty() {
        "–".to_owned()
    } else {
        facts.registration_number.clone()
    };
    let in_language = |lang: Lang| {
        let gate_wait = facts
            .gate_wait_minutes
            .map(|minutes| {
                translate_with(
                    lang,
                    "ministry.letter.gate_wait",
                    &[("minutes", &minutes.to_string())],
                )
            })
            .unwrap_or_default();
        translate_with(
            lang,
            "ministry.letter.body",
            &[
                ("ministry", &translate(lang, ministry.name_key())),
                ("reference", reference),
                ("date", &facts.written_on),
                ("factory", &facts.factory_name),
                ("address", &facts.factory_address),
                ("registration", &registration),
                ("visit_date", &facts.visit_date),
                ("monitors", &monitors),
                ("gate_wait", &gate_wait),
                ("details", &facts.details),
            ],
        )
    };
    let subject = [Lang::Km, Lang::En]
        .map(|lang| {
            translate_with(
                lang,
                "ministry.letter.subject",
                &[("factory", &facts.factory_name), ("reference", reference)],
            )
        })
        .join(" / ");
    LetterText {
        subject,
        body: format!(
            "{}\n\n----\n\n{}",
            in_language(Lang::Km),
            in_language(Lang::En)
        ),
    }
}

/// Longest note on a paper copy's hand-over (who received it, a receipt number).
pub const HANDOVER_NOTE_MAX_CHARS: usize = 500;

/// A letter as ministry staff read it: what was sent, and when and how it was delivered, without
/// the programme's own notes (the mail server's error, who recorded the paper hand-over and the
/// note they wrote).
pub fn as_read_by_ministry(letter: MinistryLetter) -> MinistryLetter {
    MinistryLetter {
        email_error: None,
        paper_recorded_by: None,
        paper_note: String::new(),
        ..letter
    }
}

/// What is wrong with a hand-over of a letter written on `written_on`, recorded on `today`
/// (ISO dates): a real day, not after today (it is recorded after it happened) and not before
/// the letter, and a note of reasonable length.
pub fn handover_problems(
    handover: &PaperHandover,
    written_on: &str,
    today: &str,
) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if let Some(code) =
        past_day_problem(&handover.handed_over_on, written_on, today, "before_letter")
    {
        problems.push(FieldError::new("handed_over_on", code));
    }
    if handover.note.trim().chars().count() > HANDOVER_NOTE_MAX_CHARS {
        problems.push(FieldError::new("note", "too_long"));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_over_happens_between_the_letter_and_today() {
        let codes = |day: &str, note: &str| -> Vec<String> {
            let handover = PaperHandover {
                handed_over_on: day.to_owned(),
                note: note.to_owned(),
            };
            handover_problems(&handover, "2027-01-15", "2027-01-18")
                .into_iter()
                .map(|p| format!("{}:{}", p.field, p.code))
                .collect()
        };
        assert!(codes("2027-01-15", "").is_empty());
        assert!(codes("2027-01-18", "Receipt 114").is_empty());
        assert_eq!(codes("", ""), ["handed_over_on:required"]);
        assert_eq!(codes("18/01/2027", ""), ["handed_over_on:date_invalid"]);
        assert_eq!(codes("2027-01-19", ""), ["handed_over_on:date_in_future"]);
        assert_eq!(codes("2027-01-14", ""), ["handed_over_on:before_letter"]);
        assert_eq!(codes("2027-01-16", &"x".repeat(501)), ["note:too_long"]);
    }

    #[test]
    fn the_letter_states_the_facts_in_khmer_then_english() {
        let facts = ObstructionFacts {
            factory_name: "Sabrina (Cambodia) Garment Manufacturing Corp.".to_owned(),
            factory_address: "National Road No. 4, Kampong Speu".to_owned(),
            registration_number: "DEMO-0003".to_owned(),
            visit_date: "2027-01-15".to_owned(),
            details: "Kept at the gate for 95 minutes, then refused entry.".to_owned(),
            monitors: vec!["Dara Kim".to_owned(), "Sok Vanna".to_owned()],
            gate_wait_minutes: Some(95),
            written_on: "2027-01-18".to_owned(),
        };
        let reference = letter_reference(42, Ministry::Commerce);
        assert_eq!(reference, "NC-000042-C");
        let text = letter(Ministry::Commerce, &reference, &facts);
        let (khmer, english) = text.body.split_once("\n\n----\n\n").expect("two languages");
        for part in [khmer, english] {
            for fact in [
                facts.factory_name.as_str(),
                "DEMO-0003",
                "2027-01-15",
                "Dara Kim, Sok Vanna",
                "95",
                facts.details.as_str(),
                reference.as_str(),
            ] {
                assert!(part.contains(fact), "{fact} in {part}");
            }
        }
        assert!(english.contains(&translate(Lang::En, "ministry.commerce")));
        assert!(khmer.contains(&translate(Lang::Km, "ministry.commerce")));
        assert!(text.subject.contains(&facts.factory_name));
    }
}
