//! The enumerations and small values that travel on the wire, in one module that imports
//! nothing of the crate: request and response types (`api`) and the rules that judge them
//! (`visit`, `concern`, `corrective_action`, …) both use them without importing each other.

use serde::{Deserialize, Serialize};

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(value: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|item| item.as_str() == value)
            }
        }
    };
}
pub(crate) use string_enum;

string_enum!(
    /// Why a visit is made.
    VisitType {
        Assessment => "assessment",
        FollowUp => "follow_up",
        Remediation => "remediation",
        Observation => "observation",
        SpecialCheck => "special_check",
    }
);

string_enum!(
    /// Where a visit's report is in review.
    VisitStatus {
        Draft => "draft",
        Submitted => "submitted",
        Returned => "returned",
        Approved => "approved",
        Published => "published",
    }
);

string_enum!(
    /// How a visit ended.
    VisitOutcome {
        Completed => "completed",
        /// The visit was obstructed; a non-cooperation record goes to the ministries.
        NonCooperation => "non_cooperation",
    }
);

string_enum!(
    /// The monitor's answer to a scored question.
    AnswerChoice {
        Compliant => "compliant",
        NonCompliant => "non_compliant",
        NotApplicable => "not_applicable",
    }
);

string_enum!(
    /// What a measurement measures, with its unit.
    MeasurementKind {
        NoiseDb => "noise_db",
        LightLux => "light_lux",
        TemperatureC => "temperature_c",
    }
);

string_enum!(
    /// A step of the review workflow.
    Transition {
        Submit => "submit",
        Return => "return",
        Approve => "approve",
        Publish => "publish",
    }
);

string_enum!(
    /// What a concern is about; the programme's headings for workers' rights.
    ConcernCategory {
        FreedomOfAssociation => "freedom_of_association",
        Wages => "wages",
        WorkingHours => "working_hours",
        SafetyAndHealth => "safety_and_health",
        Discrimination => "discrimination",
        ForcedLabour => "forced_labour",
        ChildLabour => "child_labour",
        Other => "other",
    }
);

string_enum!(
    /// Where a concern is: waiting for review, or reviewed.
    ConcernStatus {
        Submitted => "submitted",
        Verified => "verified",
        NotVerified => "not_verified",
    }
);

string_enum!(
    /// Where the factory says an action is.
    ActionStatus {
        Planned => "planned",
        InProgress => "in_progress",
        Done => "done",
    }
);

string_enum!(
    /// A monitor's finding at a later visit: the action was seen in place, or not.
    Verification {
        Verified => "verified",
        NotVerified => "not_verified",
    }
);

string_enum!(
    /// Where a factory's self-assessment stands.
    SelfAssessmentStatus {
        InProgress => "in_progress",
        Completed => "completed",
    }
);

/// How many of a report's findings are verified as fixed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VerifiedShare {
    /// Non-compliant findings of the report.
    pub findings: i64,
    /// Findings with at least one action, every one of them verified.
    pub verified_fixed: i64,
    /// `verified_fixed / findings` as a percentage (0–100); `None` for a report without
    /// findings, where there is nothing to fix.
    pub percent: Option<f64>,
}
