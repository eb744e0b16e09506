//! Who may do what: one function of (user, action), used by every handler and tested as a
//! matrix of roles against actions.

use shared::roles::Role;

/// The signed-in user as the rules need them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub role: Role,
    pub factory_id: Option<i64>,
}

/// Everything the API lets a user do, with the resource it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    ViewDashboard,
    ListUsers,
    CreateUser,
    ResetPassword,
    ListOrganisations,
    ListFactories,
    ViewFactory {
        factory_id: i64,
    },
    /// Create, edit or import factories.
    ManageFactories,
    /// Read checklist versions and export them.
    ViewChecklists,
    /// Import and publish checklist versions.
    ManageChecklists,
    /// Programme staff list every visit; factory managers list their published reports.
    ListVisits,
    CreateVisit,
    /// Open one visit or report.
    ViewVisit {
        factory_id: i64,
        published: bool,
    },
    /// Change answers and facts; only the visit's own monitors.
    EditVisit {
        on_team: bool,
    },
    /// Read the email outbox and the paper copies due.
    ReadOutbox,
    ListNonCooperationRecords,
    /// Industry figures: averages, rankings, groups, trends and recurring issues.
    ViewIndustryAnalytics,
    /// Comparing factories side by side (buyers only among the factories granted to them).
    CompareFactories,
    /// A factory's published reports; `granted` when the reader's organisation holds an
    /// access grant for the factory (the third-party date is checked per report).
    ViewReports {
        factory_id: i64,
        granted: bool,
    },
    /// Read the public-holiday calendar that working-day deadlines skip.
    ViewHolidays,
    /// Add and remove public holidays.
    ManageHolidays,
}

/// True when `actor` may perform `action`.
pub fn may(actor: &Actor, action: Action) -> bool {
    match action {
        Action::ViewDashboard | Action::ViewHolidays => true,
        Action::ListUsers
        | Action::CreateUser
        | Action::ResetPassword
        | Action::ListOrganisations
        | Action::ManageFactories => actor.role == Role::Administrator,
        Action::ListFactories | Action::ViewChecklists => actor.role.is_programme_staff(),
        Action::ManageChecklists | Action::ReadOutbox | Action::ManageHolidays => {
            actor.role == Role::Administrator
        }
        Action::ListVisits => actor.role.is_programme_staff() || actor.role == Role::FactoryManager,
        Action::CreateVisit => actor.role == Role::Monitor,
        Action::ViewVisit {
            factory_id,
            published,
        } => {
            actor.role.is_programme_staff()
                || (actor.role == Role::FactoryManager
                    && published
                    && actor.factory_id == Some(factory_id))
        }
        Action::EditVisit { on_team } => actor.role == Role::Monitor && on_team,
        Action::ListNonCooperationRecords => {
            matches!(actor.role, Role::Administrator | Role::Approver)
        }
        Action::ViewIndustryAnalytics => matches!(
            actor.role,
            Role::Administrator | Role::Approver | Role::Trainer
        ),
        Action::CompareFactories => matches!(
            actor.role,
            Role::Administrator | Role::Approver | Role::Trainer | Role::Buyer
        ),
        Action::ViewReports {
            factory_id,
            granted,
        } => {
            actor.role.is_programme_staff()
                || (actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id))
                || (actor.role == Role::Buyer && granted)
        }
        Action::ViewFactory { factory_id } => {
            actor.role.is_programme_staff()
                || (actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        let factory_id = (role == Role::FactoryManager).then_some(1);
        Actor {
            user_id: 9,
            role,
            factory_id,
        }
    }

    #[test]
    fn the_permission_matrix_holds_for_every_role() {
        use Role::*;
        // (action, roles allowed)
        let matrix: Vec<(Action, Vec<Role>)> = vec![
            (Action::ViewDashboard, Role::ALL.to_vec()),
            (Action::ListUsers, vec![Administrator]),
            (Action::CreateUser, vec![Administrator]),
            (Action::ResetPassword, vec![Administrator]),
            (Action::ListOrganisations, vec![Administrator]),
            (Action::ManageFactories, vec![Administrator]),
            (
                Action::ListFactories,
                vec![Administrator, Monitor, Approver, Trainer],
            ),
            (
                Action::ViewFactory { factory_id: 1 },
                vec![Administrator, Monitor, Approver, Trainer, FactoryManager],
            ),
            (
                Action::ViewFactory { factory_id: 2 },
                vec![Administrator, Monitor, Approver, Trainer],
            ),
            (
                Action::ViewChecklists,
                vec![Administrator, Monitor, Approver, Trainer],
            ),
            (Action::ManageChecklists, vec![Administrator]),
            (Action::ReadOutbox, vec![Administrator]),
            (Action::ViewHolidays, Role::ALL.to_vec()),
            (Action::ManageHolidays, vec![Administrator]),
            (
                Action::ListVisits,
                vec![Administrator, Monitor, Approver, Trainer, FactoryManager],
            ),
            (Action::CreateVisit, vec![Monitor]),
            (
                Action::ViewVisit {
                    factory_id: 1,
                    published: true,
                },
                vec![Administrator, Monitor, Approver, Trainer, FactoryManager],
            ),
            (
                Action::ViewVisit {
                    factory_id: 1,
                    published: false,
                },
                vec![Administrator, Monitor, Approver, Trainer],
            ),
            (
                Action::ViewVisit {
                    factory_id: 2,
                    published: true,
                },
                vec![Administrator, Monitor, Approver, Trainer],
            ),
            (Action::EditVisit { on_team: true }, vec![Monitor]),
            (Action::EditVisit { on_team: false }, vec![]),
            (
                Action::ListNonCooperationRecords,
                vec![Administrator, Approver],
            ),
            (
                Action::ViewIndustryAnalytics,
                vec![Administrator, Approver, Trainer],
            ),
            (
                Action::CompareFactories,
                vec![Administrator, Approver, Trainer, Buyer],
            ),
            (
                Action::ViewReports {
                    factory_id: 1,
                    granted: false,
                },
                vec![Administrator, Monitor, Approver, Trainer, FactoryManager],
            ),
            (
                Action::ViewReports {
                    factory_id: 2,
                    granted: true,
                },
                vec![Administrator, Monitor, Approver, Trainer, Buyer],
            ),
        ];
        for (action, allowed) in matrix {
            for role in Role::ALL {
                assert_eq!(
                    may(&actor(role), action),
                    allowed.contains(&role),
                    "{role:?} {action:?}"
                );
            }
        }
    }
}
