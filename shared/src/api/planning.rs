//! `/api/planning`: the planner (every active factory with its next visit due and risk score)
//! and the planned visits. Planned visits are never shown to factories: visits are unannounced.

use serde::{Deserialize, Serialize};

use crate::planning::RiskScore;

/// The planner's filters; empty means "all".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlannerFilter {
    #[serde(default)]
    pub province: String,
    /// Factories whose last visit this monitor led, or that have a visit planned for them.
    #[serde(default)]
    pub monitor_id: Option<i64>,
    /// A factory group, as the industry figures group factories: `product_type`, `province`,
    /// `ownership_country`, `union_presence`, `export_licence` or `size_band`.
    #[serde(default)]
    pub dimension: String,
    /// The group's value (`garment`, `under_500`, `yes` …); needs `dimension`.
    #[serde(default)]
    pub group: String,
}

/// The factory's last visit of any kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LastVisit {
    pub visit_id: i64,
    pub visit_type: String,
    /// ISO date the visit started.
    pub start_date: String,
    /// `completed`, `non_cooperation`, or `None` while the report is being written.
    pub outcome: Option<String>,
    pub lead_monitor_id: i64,
    pub lead_monitor_name: String,
}

/// One active factory in the planner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannerRow {
    pub factory_id: i64,
    pub factory_name: String,
    pub province: String,
    pub product_type: String,
    /// Start date of the last assessment visit (not obstructed); `None` when never assessed.
    pub last_assessment: Option<String>,
    /// Six calendar months after the last assessment; `None` when never assessed (due now).
    pub next_visit_due: Option<String>,
    /// Days past the due date today (0 when not due yet); `None` when never assessed.
    pub overdue_days: Option<i64>,
    pub last_visit: Option<LastVisit>,
    pub risk: RiskScore,
    /// Visits planned for the factory and not yet started or cancelled.
    pub planned: Vec<PlannedVisit>,
}

/// The planner: factories highest risk first, and who may be planned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Planner {
    /// ISO date (Cambodia) the due dates and overdue days are counted on.
    pub today: String,
    pub rows: Vec<PlannerRow>,
    /// Monitors a visit can be planned for.
    pub monitors: Vec<PlannerMonitor>,
    /// Provinces of active factories, for the filter.
    pub provinces: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannerMonitor {
    pub id: i64,
    pub display_name: String,
}

/// A visit to plan: a team, a date range and, for a special check or a follow-up, the
/// compliance points it covers (empty: the whole checklist). The type is text so that a wrong
/// value is a field error.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewPlannedVisit {
    pub factory_id: i64,
    pub visit_type: String,
    /// ISO dates, inclusive: the visit starts on a day in this range.
    pub starts_on: String,
    pub ends_on: String,
    pub lead_monitor_id: i64,
    #[serde(default)]
    pub second_monitor_id: Option<i64>,
    /// Point codes (`WT.02.01`) of the current checklist.
    #[serde(default)]
    pub scope: Vec<String>,
    #[serde(default)]
    pub note: String,
}

/// A planned visit. `status` is `planned`, `started` (a visit was opened from it: `visit_id`)
/// or `cancelled`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedVisit {
    pub id: i64,
    pub factory_id: i64,
    pub factory_name: String,
    pub province: String,
    pub visit_type: String,
    pub starts_on: String,
    pub ends_on: String,
    pub lead_monitor_id: i64,
    pub lead_monitor_name: String,
    pub second_monitor_id: Option<i64>,
    pub second_monitor_name: Option<String>,
    /// Point codes; empty for the whole checklist.
    pub scope: Vec<String>,
    pub note: String,
    pub status: String,
    pub visit_id: Option<i64>,
    pub planned_by_name: String,
    /// Unix seconds.
    pub planned_at: i64,
}

/// Which planned visits to list: a monitor always sees only their own.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlannedVisitFilter {
    /// ISO dates, inclusive; empty for no bound.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub monitor_id: Option<i64>,
    /// `planned` (the default), `started`, `cancelled` or `all`.
    #[serde(default)]
    pub status: String,
}

/// Why a planned visit is called off.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CancelPlannedVisit {
    pub reason: String,
}
