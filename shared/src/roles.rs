//! Who a user is to the programme, and which parts of the product each role may open.

use serde::{Deserialize, Serialize};

/// The eight kinds of user. Stored in the database as the `as_str` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Programme staff who run the system.
    Administrator,
    /// Visits factories and records assessments.
    Monitor,
    /// The programme's chief technical advisor, who approves reports.
    Approver,
    /// Looks for recurring issues to plan training.
    Trainer,
    /// Belongs to exactly one factory.
    FactoryManager,
    /// Belongs to a buyer, vendor or head-office organisation.
    Buyer,
    /// An accredited third party such as a union representative.
    UnionRepresentative,
    /// Ministry staff: read the reports of non-cooperation sent to the ministries and the
    /// industry figures the public site publishes, nothing confidential about one factory.
    GovernmentReader,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Administrator,
        Role::Monitor,
        Role::Approver,
        Role::Trainer,
        Role::FactoryManager,
        Role::Buyer,
        Role::UnionRepresentative,
        Role::GovernmentReader,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Monitor => "monitor",
            Role::Approver => "approver",
            Role::Trainer => "trainer",
            Role::FactoryManager => "factory_manager",
            Role::Buyer => "buyer",
            Role::UnionRepresentative => "union_representative",
            Role::GovernmentReader => "government_reader",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == value)
    }

    /// Programme staff see the whole industry; the other roles see only what they are linked to.
    pub fn is_programme_staff(self) -> bool {
        matches!(
            self,
            Role::Administrator | Role::Monitor | Role::Approver | Role::Trainer
        )
    }
}

/// A part of the product that appears in the navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Dashboard,
    Factories,
    MyFactory,
    /// Visits and their reports at every stage (programme staff).
    Visits,
    /// The planner and the planned visits (administrators, approvers, monitors).
    Planning,
    /// How the reporting service runs: turnaround, waiting reports, what is late
    /// (administrators, approvers).
    Management,
    /// Reports of non-cooperation to the ministries and their delivery (administrators,
    /// approvers).
    Ministries,
    /// The published reports of the user's factory.
    Reports,
    /// The factory's own self-assessments (factory managers).
    SelfAssessment,
    /// Industry figures, rankings, groups, trends, recurring issues and synthesis reports.
    Analytics,
    /// Factories side by side against the industry average (buyers).
    Compare,
    /// The issued synthesis report editions: staff, factories and buyers.
    Editions,
    /// Who may read the factory's reports, and who did (factory managers).
    ReportAccess,
    /// The factories a buyer may read, all together.
    Suppliers,
    /// Organisations' paid subscriptions to factories' reports (administrators).
    Subscriptions,
    /// Pending objections to findings and clarification meetings (administrators, approvers).
    Objections,
    /// Union and accredited third-party concerns about factories.
    Concerns,
    /// Training courses and sessions (programme staff; factory managers their invitations).
    Training,
    Checklists,
    Outbox,
    /// The public-holiday calendar that working-day deadlines skip.
    Holidays,
    /// The generated public transparency site (administrators).
    PublicSite,
    Users,
    Account,
}

impl Area {
    /// Every area, in navigation order.
    pub const ALL: [Area; 24] = [
        Area::Dashboard,
        Area::Factories,
        Area::MyFactory,
        Area::Visits,
        Area::Planning,
        Area::Management,
        Area::Ministries,
        Area::Reports,
        Area::SelfAssessment,
        Area::Analytics,
        Area::Compare,
        Area::Editions,
        Area::ReportAccess,
        Area::Suppliers,
        Area::Subscriptions,
        Area::Objections,
        Area::Concerns,
        Area::Training,
        Area::Checklists,
        Area::Outbox,
        Area::Holidays,
        Area::PublicSite,
        Area::Users,
        Area::Account,
    ];

    /// Translation key of the navigation label.
    pub fn label_key(self) -> &'static str {
        match self {
            Area::Dashboard => "nav.dashboard",
            Area::Factories => "nav.factories",
            Area::MyFactory => "nav.my_factory",
            Area::Visits => "nav.visits",
            Area::Planning => "nav.planning",
            Area::Management => "nav.management",
            Area::Ministries => "nav.ministries",
            Area::Reports => "nav.reports",
            Area::SelfAssessment => "nav.self_assessment",
            Area::Analytics => "nav.analytics",
            Area::Compare => "nav.compare",
            Area::Editions => "nav.editions",
            Area::ReportAccess => "nav.report_access",
            Area::Suppliers => "nav.suppliers",
            Area::Subscriptions => "nav.subscriptions",
            Area::Objections => "nav.objections",
            Area::Concerns => "nav.concerns",
            Area::Training => "nav.training",
            Area::Checklists => "nav.checklists",
            Area::Outbox => "nav.outbox",
            Area::Holidays => "nav.holidays",
            Area::PublicSite => "nav.public_site",
            Area::Users => "nav.users",
            Area::Account => "nav.account",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_stored_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
