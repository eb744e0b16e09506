//! The rules for a batch of checklist answers sent by a browser, the same for a monitor's
//! visit and a factory's self-assessment: how big a batch may be, what an answer must hold
//! for its question's kind, and how far ahead a device clock is trusted.

use shared::checklist::QuestionKind;
use shared::error::FieldError;
use shared::visit::AnswerChoice;

/// Long enough for a detailed finding or note, short enough to refuse a pasted document.
pub const MAX_TEXT_CHARS: usize = 5_000;
/// A device back online may send a whole checklist's worth of answers at once.
pub const MAX_ANSWERS_PER_BATCH: usize = 600;
/// How far ahead of the server's clock a device's change time may be.
pub const MAX_CLOCK_LEAD_SECONDS: i64 = 300;

/// How an answer's question fits what may be answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionFit {
    /// No question of the checklist has this code.
    Unknown,
    /// The question exists but is outside what is being answered (a cluster not chosen).
    NotChosen,
    Kind(QuestionKind),
}

/// One answer as the rules see it: its choice, its value, its free texts by field name, and
/// when it was changed (milliseconds on the device).
pub struct AnswerParts<'a> {
    pub choice: Option<AnswerChoice>,
    pub value: &'a str,
    pub texts: &'a [(&'a str, &'a str)],
    pub changed_at: i64,
}

/// What is wrong with answer number `index` of a batch.
pub fn answer_problems(index: usize, fit: QuestionFit, answer: &AnswerParts) -> Vec<FieldError> {
    let field = |name: &str| format!("answers.{index}.{name}");
    let mut problems = Vec::new();
    match fit {
        QuestionFit::Unknown => {
            problems.push(FieldError::new(&field("question_code"), "question_unknown"))
        }
        QuestionFit::NotChosen => problems.push(FieldError::new(
            &field("question_code"),
            "question_not_chosen",
        )),
        QuestionFit::Kind(QuestionKind::YesNo) => {
            if !answer.value.is_empty() {
                problems.push(FieldError::new(&field("value"), "value_not_expected"));
            }
        }
        QuestionFit::Kind(kind) => {
            if answer.choice.is_some() {
                problems.push(FieldError::new(&field("choice"), "choice_not_expected"));
            }
            let value = answer.value.trim();
            let is_number = value.parse::<f64>().is_ok_and(f64::is_finite);
            if kind == QuestionKind::Number && !value.is_empty() && !is_number {
                problems.push(FieldError::new(&field("value"), "number_invalid"));
            }
        }
    }
    for (name, text) in answer.texts {
        if text.chars().count() > MAX_TEXT_CHARS {
            problems.push(FieldError::new(&field(name), "too_long"));
        }
    }
    if answer.changed_at <= 0 {
        problems.push(FieldError::new(&field("changed_at"), "required"));
    }
    problems
}

/// The latest change time (ms) accepted at `now` (seconds): a device whose clock runs ahead
/// must not make its answers unchangeable, so later times are brought back to this bound.
pub fn latest_allowed_ms(now: i64) -> i64 {
    (now + MAX_CLOCK_LEAD_SECONDS) * 1000
}

/// What the server holds of a question when a change arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredAnswer {
    /// Device time of the current answer (ms).
    pub changed_at: i64,
    /// The latest change received (None for an answer saved without a history).
    pub revision: Option<i64>,
}

/// What a change that arrives does to the other side of a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictUpdate {
    /// As it was.
    Keep,
    /// Settled: the change was made having seen every change before it.
    Clear,
    /// The change (id) the current answer disagrees with.
    Set(i64),
}

/// What to do with one change of a question's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    /// Whether the change becomes the current answer.
    pub current: bool,
    pub conflict: ConflictUpdate,
}

/// The rule for a change `change_id` (made at `changed_at` on its device, having seen the
/// change `based_on`) arriving when `stored` is held.
///
/// - A change made having seen the latest change becomes current and settles any conflict:
///   its author saw everything before it (picking one side of a conflict is such a change).
/// - Otherwise changes were made concurrently: the later by device time is current. If another
///   user's change unseen by this one says something else (`unseen_disagreement`, its id), the question is
///   in conflict, and the change that is not current is kept as its other side. A user's own
///   changes never conflict with each other (a reply lost on the way leaves a device behind).
/// - Answers to different questions never meet here: they always merge.
pub fn merge_change(
    stored: Option<StoredAnswer>,
    change_id: i64,
    changed_at: i64,
    based_on: Option<i64>,
    unseen_disagreement: Option<i64>,
) -> Merge {
    let Some(stored) = stored else {
        return Merge {
            current: true,
            conflict: ConflictUpdate::Clear,
        };
    };
    if based_on == stored.revision {
        return Merge {
            current: true,
            conflict: ConflictUpdate::Clear,
        };
    }
    let current = changed_at > stored.changed_at;
    let conflict = match unseen_disagreement {
        Some(other) if current => ConflictUpdate::Set(other),
        Some(_) => ConflictUpdate::Set(change_id),
        None => ConflictUpdate::Keep,
    };
    Merge { current, conflict }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(problems: Vec<FieldError>) -> Vec<String> {
        problems
            .into_iter()
            .map(|problem| format!("{}:{}", problem.field, problem.code))
            .collect()
    }

    #[test]
    fn an_answer_must_fit_its_question_kind() {
        let answer = |choice, value| AnswerParts {
            choice,
            value,
            texts: &[],
            changed_at: 1,
        };
        let yes_no = QuestionFit::Kind(QuestionKind::YesNo);
        let number = QuestionFit::Kind(QuestionKind::Number);
        assert!(answer_problems(0, yes_no, &answer(Some(AnswerChoice::Compliant), "")).is_empty());
        assert_eq!(
            codes(answer_problems(2, yes_no, &answer(None, "12"))),
            ["answers.2.value:value_not_expected"]
        );
        assert_eq!(
            codes(answer_problems(
                0,
                number,
                &answer(Some(AnswerChoice::Compliant), "x")
            )),
            [
                "answers.0.choice:choice_not_expected",
                "answers.0.value:number_invalid"
            ]
        );
        assert_eq!(
            codes(answer_problems(
                0,
                QuestionFit::NotChosen,
                &answer(None, "")
            )),
            ["answers.0.question_code:question_not_chosen"]
        );
    }

    #[test]
    fn long_texts_and_missing_change_times_are_refused() {
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let parts = AnswerParts {
            choice: None,
            value: "",
            texts: &[("note", &long)],
            changed_at: 0,
        };
        assert_eq!(
            codes(answer_problems(1, QuestionFit::Unknown, &parts)),
            [
                "answers.1.question_code:question_unknown",
                "answers.1.note:too_long",
                "answers.1.changed_at:required"
            ]
        );
        assert_eq!(latest_allowed_ms(10), 310_000);
    }

    #[test]
    fn a_change_made_having_seen_the_latest_one_wins_and_settles() {
        let stored = Some(StoredAnswer {
            changed_at: 9_000,
            revision: Some(4),
        });
        // Made on a device whose clock is behind, but after seeing change 4.
        assert_eq!(
            merge_change(stored, 5, 1_000, Some(4), None),
            Merge {
                current: true,
                conflict: ConflictUpdate::Clear
            }
        );
        assert_eq!(
            merge_change(None, 1, 1_000, None, None),
            Merge {
                current: true,
                conflict: ConflictUpdate::Clear
            }
        );
    }

    #[test]
    fn concurrent_changes_keep_the_later_and_the_disagreement() {
        let stored = Some(StoredAnswer {
            changed_at: 5_000,
            revision: Some(7),
        });
        // Later by device time: current, the other monitor's change 7 is the other side.
        assert_eq!(
            merge_change(stored, 8, 6_000, None, Some(7)),
            Merge {
                current: true,
                conflict: ConflictUpdate::Set(7)
            }
        );
        // Earlier: the stored answer stays, this change is the other side.
        assert_eq!(
            merge_change(stored, 8, 4_000, Some(3), Some(7)),
            Merge {
                current: false,
                conflict: ConflictUpdate::Set(8)
            }
        );
        // Only this user's own unseen change, or agreement: no conflict.
        assert_eq!(
            merge_change(stored, 8, 6_000, Some(3), None),
            Merge {
                current: true,
                conflict: ConflictUpdate::Keep
            }
        );
    }
}
