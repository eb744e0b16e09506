//! The checklist: cluster → compliance point → question, in versions that never change once
//! an assessment has used them.

use serde::{Deserialize, Serialize};

/// How a question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Scored: compliant, non-compliant or not applicable.
    YesNo,
    /// Fact-gathering: a number, not scored.
    Number,
    /// Fact-gathering: free text, not scored.
    Text,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 3] = [
        QuestionKind::YesNo,
        QuestionKind::Number,
        QuestionKind::Text,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Number => "number",
            QuestionKind::Text => "text",
        }
    }

    pub fn parse(value: &str) -> Option<QuestionKind> {
        QuestionKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == value)
    }

    pub fn is_scored(self) -> bool {
        self == QuestionKind::YesNo
    }
}

/// A text in the three languages of the programme.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translated {
    pub en: String,
    pub km: String,
    pub zh: String,
}

impl Translated {
    /// The text in `lang` ("en", "km", "zh"), falling back to English when it is empty.
    pub fn get(&self, lang: &str) -> &str {
        let text = match lang {
            "km" => &self.km,
            "zh" => &self.zh,
            _ => &self.en,
        };
        if text.trim().is_empty() {
            &self.en
        } else {
            text
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistQuestion {
    pub code: String,
    pub kind: QuestionKind,
    pub text: Translated,
    pub legal_reference: String,
    pub guidance: String,
    /// Number (1–21) of the publicly disclosed critical issue this question evidences.
    pub critical_issue: Option<i64>,
    pub publicly_reported: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompliancePoint {
    pub code: String,
    pub name: Translated,
    pub questions: Vec<ChecklistQuestion>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    pub code: String,
    /// Report sections that only gather facts are not scored.
    pub scored: bool,
    pub name: Translated,
    pub points: Vec<CompliancePoint>,
}

impl Cluster {
    pub fn questions(&self) -> impl Iterator<Item = &ChecklistQuestion> {
        self.points.iter().flat_map(|point| point.questions.iter())
    }
}

/// The whole content of one checklist version, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistContent {
    pub clusters: Vec<Cluster>,
}

impl ChecklistContent {
    pub fn questions(&self) -> impl Iterator<Item = &ChecklistQuestion> {
        self.clusters.iter().flat_map(Cluster::questions)
    }

    pub fn question_count(&self) -> usize {
        self.questions().count()
    }
}
