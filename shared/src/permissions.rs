//! Who may do what: one function of (user, action), used by every API handler and by the
//! navigation (an area appears when the user may do what opening it does), and tested as a
//! matrix of roles against actions.

use crate::roles::{Area, Role};

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
    /// See one's own account and change one's password.
    ManageOwnAccount,
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
    /// List visits: programme staff every visit at every stage; factory managers only their
    /// factory's published reports (`in_progress: false`).
    ListVisits {
        in_progress: bool,
    },
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
    /// The letters written to the ministries once a report of an obstructed visit was approved:
    /// administrators, approvers and ministry staff (never the records of reports still in
    /// review).
    ReadMinistryLetters,
    /// Industry figures: averages, rankings, groups, trends and recurring issues.
    ViewIndustryAnalytics,
    /// Issue the edition of a synthesis report, which freezes its figures: administrators and
    /// approvers.
    IssueSynthesisEdition,
    /// Read issued synthesis editions (they are public on the site too): programme staff,
    /// factory managers and buyers.
    ReadSynthesisEditions,
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
    /// Re-hash the stored report documents and walk their chains.
    VerifyReportDocuments,
    /// See the public site's latest generation and write a new one from the published reports.
    PublishPublicSite,
    /// Object to findings of a published report: the factory's own manager (the deadline
    /// and reading the report are checked separately).
    ObjectToFindings {
        factory_id: i64,
    },
    /// Uphold or reject objections, list the pending ones, and correct published findings
    /// directly: administrators and approvers.
    DecideObjections,
    /// Ask for a clarification meeting about a report: the factory's own manager.
    RequestClarificationMeeting {
        factory_id: i64,
    },
    /// Schedule clarification meetings and record their outcome.
    ManageClarificationMeetings,
    /// See a report's clarification meetings: programme staff and the factory's manager.
    ViewClarificationMeetings {
        factory_id: i64,
    },
    /// See and change who may read a factory's reports (the third-party access form) and
    /// read its access ledger: the factory's own manager and administrators.
    ManageAccessGrants {
        factory_id: i64,
    },
    /// The organisations a factory may grant access to (buyers, vendors, head offices).
    ListThirdParties,
    /// Record organisations' paid subscriptions.
    ManageSubscriptions,
    /// A buyer's own list of the factories it may read.
    ListSuppliers,
    /// Post corrective actions and their updates for a published report's findings: the
    /// factory's own manager (reading the report is checked separately).
    PostCorrectiveAction {
        factory_id: i64,
    },
    /// Mark a corrective action verified or not: a monitor on the team of a later visit of
    /// the factory (the "next visit" at which the programme checks what was done).
    VerifyCorrectiveAction {
        on_later_visit_team: bool,
    },
    /// Start, answer, complete and share the factory's own self-assessments, and turn their
    /// points into improvement actions: the factory's own manager.
    ConductSelfAssessment {
        factory_id: i64,
    },
    /// Read a factory's self-assessments (results and blind spots, not notes): the factory's
    /// own manager and programme staff; an organisation only for a self-assessment the
    /// factory `shared` with it while its report access is active.
    ViewSelfAssessment {
        factory_id: i64,
        shared: bool,
    },
    /// Post a public response to a finding the public site discloses: the factory's own
    /// manager.
    RespondPublicly {
        factory_id: i64,
    },
    /// See a report's disclosed findings with the factory's responses: programme staff and the
    /// factory's own manager (the responses themselves are public on the site).
    ViewPublicResponses {
        factory_id: i64,
    },
    /// Check a factory's public response: a monitor on the team of a later visit of the
    /// factory, as for corrective actions.
    CheckPublicResponse {
        on_later_visit_team: bool,
    },
    /// Raise a concern about a factory (union and accredited third-party representatives).
    SubmitConcern,
    /// List concerns: programme staff see every one, representatives their own.
    ListConcerns,
    /// Decide whether a concern is verified.
    ReviewConcern,
    /// See which factories verified concerns flag for a visit.
    ViewConcernFlags,
    /// A factory's verified concerns, without who raised them: staff, the factory's manager
    /// and buyers with access.
    ViewVerifiedConcerns {
        factory_id: i64,
        granted: bool,
    },
    /// Read the course catalogue and sessions: programme staff, and factory managers (only the
    /// sessions their factory is invited to, and only their own enrolment).
    ViewTraining,
    /// Write courses, plan sessions and invite factories: the training unit (trainers) and
    /// administrators.
    ManageTraining,
    /// Enrol participants in a session the factory is invited to: the factory's own manager.
    EnrolInTraining {
        factory_id: i64,
    },
    /// Read whether training changed compliance, and participation across factories:
    /// programme staff.
    ViewTrainingReports,
    /// See the planner (every active factory's next visit due and risk) and the planned
    /// visits: administrators, approvers and monitors (monitors list only their own planned
    /// visits). Never factories: visits are unannounced.
    ViewPlanner,
    /// Plan visits for monitors and call them off: administrators and approvers.
    PlanVisits,
    /// Read the management reports (turnaround, waiting reports, what is late), with figures
    /// per monitor: administrators and approvers.
    ViewManagementReports,
    /// Record that the paper copy of a letter to a ministry was handed over: administrators
    /// and approvers.
    RecordMinistryDelivery,
    /// See the documents the monitors requested at the factory's visits, as soon as a visit
    /// has ended: programme staff and the factory's own manager.
    ViewRequestedDocuments {
        factory_id: i64,
    },
    /// Record that a requested document was handed over: the factory's own manager.
    HandOverDocument {
        factory_id: i64,
    },
    /// Record the closing meeting of a visit: a monitor of its team.
    RecordClosingMeeting {
        on_team: bool,
    },
    /// Read a visit's closing meeting record: programme staff and the factory's own manager,
    /// who was given it.
    ViewClosingMeeting {
        factory_id: i64,
    },
}

/// True when `actor` may perform `action`.
pub fn may(actor: &Actor, action: Action) -> bool {
    match action {
        Action::ViewDashboard | Action::ViewHolidays | Action::ManageOwnAccount => true,
        Action::ListUsers
        | Action::CreateUser
        | Action::ResetPassword
        | Action::ListOrganisations
        | Action::ManageFactories => actor.role == Role::Administrator,
        Action::ListFactories | Action::ViewChecklists => actor.role.is_programme_staff(),
        Action::ManageChecklists
        | Action::ReadOutbox
        | Action::ManageHolidays
        | Action::VerifyReportDocuments
        | Action::PublishPublicSite => actor.role == Role::Administrator,
        Action::ListVisits { in_progress } => {
            actor.role.is_programme_staff()
                || (actor.role == Role::FactoryManager
                    && !in_progress
                    && actor.factory_id.is_some())
        }
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
        Action::ReadMinistryLetters => matches!(
            actor.role,
            Role::Administrator | Role::Approver | Role::GovernmentReader
        ),
        Action::ViewIndustryAnalytics => matches!(
            actor.role,
            Role::Administrator | Role::Approver | Role::Trainer
        ),
        Action::IssueSynthesisEdition => {
            matches!(actor.role, Role::Administrator | Role::Approver)
        }
        Action::ReadSynthesisEditions => {
            actor.role.is_programme_staff()
                || matches!(
                    actor.role,
                    Role::FactoryManager | Role::Buyer | Role::GovernmentReader
                )
        }
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
        Action::ManageAccessGrants { factory_id } => {
            actor.role == Role::Administrator
                || (actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id))
        }
        Action::ListThirdParties => {
            matches!(actor.role, Role::Administrator | Role::FactoryManager)
        }
        Action::ManageSubscriptions => actor.role == Role::Administrator,
        Action::ListSuppliers => actor.role == Role::Buyer,
        Action::PostCorrectiveAction { factory_id } => {
            actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id)
        }
        Action::VerifyCorrectiveAction {
            on_later_visit_team,
        } => actor.role == Role::Monitor && on_later_visit_team,
        Action::ConductSelfAssessment { factory_id } => {
            actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id)
        }
        Action::ViewSelfAssessment { factory_id, shared } => {
            actor.role.is_programme_staff()
                || (actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id))
                || (actor.role == Role::Buyer && shared)
        }
        Action::RespondPublicly { factory_id } => {
            actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id)
        }
        Action::ViewPublicResponses { factory_id } => {
            actor.role.is_programme_staff()
                || (actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id))
        }
        Action::CheckPublicResponse {
            on_later_visit_team,
        } => actor.role == Role::Monitor && on_later_visit_team,
        Action::SubmitConcern => actor.role == Role::UnionRepresentative,
        Action::ListConcerns => {
            actor.role.is_programme_staff() || actor.role == Role::UnionRepresentative
        }
        Action::ReviewConcern => matches!(
            actor.role,
            Role::Administrator | Role::Monitor | Role::Approver
        ),
        Action::ViewConcernFlags => actor.role.is_programme_staff(),
        Action::ViewVerifiedConcerns {
            factory_id,
            granted,
        } => {
            actor.role.is_programme_staff()
                || (actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id))
                || (actor.role == Role::Buyer && granted)
        }
        Action::ObjectToFindings { factory_id }
        | Action::RequestClarificationMeeting { factory_id } => {
            actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id)
        }
        Action::DecideObjections | Action::ManageClarificationMeetings => {
            matches!(actor.role, Role::Administrator | Role::Approver)
        }
        Action::ViewClarificationMeetings { factory_id } => {
            actor.role.is_programme_staff()
                || (actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id))
        }
        Action::ViewTraining => {
            actor.role.is_programme_staff()
                || (actor.role == Role::FactoryManager && actor.factory_id.is_some())
        }
        Action::ManageTraining => matches!(actor.role, Role::Administrator | Role::Trainer),
        Action::ViewTrainingReports => actor.role.is_programme_staff(),
        Action::ViewPlanner => matches!(
            actor.role,
            Role::Administrator | Role::Approver | Role::Monitor
        ),
        Action::PlanVisits | Action::ViewManagementReports | Action::RecordMinistryDelivery => {
            matches!(actor.role, Role::Administrator | Role::Approver)
        }
        Action::EnrolInTraining { factory_id } => {
            actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id)
        }
        Action::ViewRequestedDocuments { factory_id } => {
            actor.role.is_programme_staff()
                || (actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id))
        }
        Action::HandOverDocument { factory_id } => {
            actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id)
        }
        Action::RecordClosingMeeting { on_team } => actor.role == Role::Monitor && on_team,
        Action::ViewClosingMeeting { factory_id } => {
            actor.role.is_programme_staff()
                || (actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id))
        }
        Action::ViewFactory { factory_id } => {
            actor.role.is_programme_staff()
                || (actor.role == Role::FactoryManager && actor.factory_id == Some(factory_id))
        }
    }
}

impl Area {
    /// What opening the area lets `actor` do; the area is theirs when [`may`] allows it.
    /// `None` when the area concerns the actor's own factory and they belong to none.
    pub fn gate(self, actor: &Actor) -> Option<Action> {
        let own_factory = actor.factory_id;
        Some(match self {
            Area::Dashboard => Action::ViewDashboard,
            Area::Factories => Action::ListFactories,
            Area::MyFactory => Action::ViewFactory {
                factory_id: own_factory?,
            },
            Area::Visits => Action::ListVisits { in_progress: true },
            Area::Planning => Action::ViewPlanner,
            Area::Management => Action::ViewManagementReports,
            Area::Ministries => Action::ReadMinistryLetters,
            Area::Reports => Action::ViewReports {
                factory_id: own_factory?,
                granted: false,
            },
            Area::Analytics => Action::ViewIndustryAnalytics,
            Area::Compare => Action::CompareFactories,
            Area::Editions => Action::ReadSynthesisEditions,
            Area::SelfAssessment => Action::ConductSelfAssessment {
                factory_id: own_factory?,
            },
            Area::ReportAccess => Action::ManageAccessGrants {
                factory_id: own_factory?,
            },
            Area::Suppliers => Action::ListSuppliers,
            Area::Subscriptions => Action::ManageSubscriptions,
            Area::Objections => Action::DecideObjections,
            Area::Concerns => Action::ListConcerns,
            Area::Training => Action::ViewTraining,
            Area::Checklists => Action::ManageChecklists,
            Area::Outbox => Action::ReadOutbox,
            Area::Holidays => Action::ManageHolidays,
            Area::PublicSite => Action::PublishPublicSite,
            Area::Users => Action::ListUsers,
            Area::Account => Action::ManageOwnAccount,
        })
    }
}

/// The parts of the product `actor` may open, in navigation order: derived from [`may`], so
/// the navigation never offers what the API would refuse.
pub fn areas(actor: &Actor) -> Vec<Area> {
    Area::ALL
        .into_iter()
        .filter(|area| area.gate(actor).is_some_and(|action| may(actor, action)))
        .collect()
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

    fn areas_of(role: Role) -> Vec<Area> {
        areas(&actor(role))
    }

    #[test]
    fn the_navigation_offers_each_role_its_own_areas() {
        use Area::*;
        assert_eq!(
            areas_of(Role::Administrator),
            vec![
                Dashboard,
                Factories,
                Visits,
                Planning,
                Management,
                Ministries,
                Analytics,
                Compare,
                Editions,
                Subscriptions,
                Objections,
                Concerns,
                Training,
                Checklists,
                Outbox,
                Holidays,
                PublicSite,
                Users,
                Account
            ]
        );
        assert_eq!(
            areas_of(Role::Monitor),
            vec![Dashboard, Factories, Visits, Planning, Editions, Concerns, Training, Account]
        );
        assert_eq!(
            areas_of(Role::FactoryManager),
            vec![
                Dashboard,
                MyFactory,
                Reports,
                SelfAssessment,
                Editions,
                ReportAccess,
                Training,
                Account
            ]
        );
        assert_eq!(
            areas_of(Role::Buyer),
            vec![Dashboard, Compare, Editions, Suppliers, Account]
        );
        assert_eq!(
            areas_of(Role::UnionRepresentative),
            vec![Dashboard, Concerns, Account]
        );
        // Ministry staff: the reports sent to the ministries and the published figures.
        assert_eq!(
            areas_of(Role::GovernmentReader),
            vec![Dashboard, Ministries, Editions, Account]
        );
        // A factory manager who belongs to no factory has nothing of a factory to open (the
        // editions are industry-wide and public).
        let orphan = Actor {
            factory_id: None,
            ..actor(Role::FactoryManager)
        };
        assert_eq!(areas(&orphan), vec![Dashboard, Editions, Account]);
    }

    #[test]
    fn every_area_shown_is_one_the_api_allows() {
        for role in Role::ALL {
            let actor = actor(role);
            for area in areas(&actor) {
                let action = area.gate(&actor).expect("a shown area has a gate");
                assert!(may(&actor, action), "{role:?} {area:?}");
            }
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
            (Action::PublishPublicSite, vec![Administrator]),
            (Action::IssueSynthesisEdition, vec![Administrator, Approver]),
            (
                Action::RespondPublicly { factory_id: 1 },
                vec![FactoryManager],
            ),
            (Action::RespondPublicly { factory_id: 2 }, vec![]),
            (
                Action::ViewPublicResponses { factory_id: 1 },
                vec![Administrator, Monitor, Approver, Trainer, FactoryManager],
            ),
            (
                Action::ViewPublicResponses { factory_id: 2 },
                vec![Administrator, Monitor, Approver, Trainer],
            ),
            (
                Action::CheckPublicResponse {
                    on_later_visit_team: true,
                },
                vec![Monitor],
            ),
            (
                Action::CheckPublicResponse {
                    on_later_visit_team: false,
                },
                vec![],
            ),
            (
                Action::ReadSynthesisEditions,
                vec![
                    Administrator,
                    Monitor,
                    Approver,
                    Trainer,
                    FactoryManager,
                    Buyer,
                    GovernmentReader,
                ],
            ),
            (
                Action::ObjectToFindings { factory_id: 1 },
                vec![FactoryManager],
            ),
            (Action::ObjectToFindings { factory_id: 2 }, vec![]),
            (Action::DecideObjections, vec![Administrator, Approver]),
            (
                Action::RequestClarificationMeeting { factory_id: 1 },
                vec![FactoryManager],
            ),
            (
                Action::RequestClarificationMeeting { factory_id: 2 },
                vec![],
            ),
            (
                Action::ManageClarificationMeetings,
                vec![Administrator, Approver],
            ),
            (
                Action::ViewClarificationMeetings { factory_id: 1 },
                vec![Administrator, Monitor, Approver, Trainer, FactoryManager],
            ),
            (
                Action::ViewClarificationMeetings { factory_id: 2 },
                vec![Administrator, Monitor, Approver, Trainer],
            ),
            (
                Action::ListVisits { in_progress: false },
                vec![Administrator, Monitor, Approver, Trainer, FactoryManager],
            ),
            (
                Action::ListVisits { in_progress: true },
                vec![Administrator, Monitor, Approver, Trainer],
            ),
            (Action::ManageOwnAccount, Role::ALL.to_vec()),
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
                Action::RecordClosingMeeting { on_team: true },
                vec![Monitor],
            ),
            (Action::RecordClosingMeeting { on_team: false }, vec![]),
            (
                Action::ViewClosingMeeting { factory_id: 1 },
                vec![Administrator, Monitor, Approver, Trainer, FactoryManager],
            ),
            (
                Action::ViewClosingMeeting { factory_id: 2 },
                vec![Administrator, Monitor, Approver, Trainer],
            ),
            (
                Action::ListNonCooperationRecords,
                vec![Administrator, Approver],
            ),
            (
                Action::ReadMinistryLetters,
                vec![Administrator, Approver, GovernmentReader],
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
            (
                Action::ManageAccessGrants { factory_id: 1 },
                vec![Administrator, FactoryManager],
            ),
            (
                Action::ManageAccessGrants { factory_id: 2 },
                vec![Administrator],
            ),
            (
                Action::ListThirdParties,
                vec![Administrator, FactoryManager],
            ),
            (Action::ManageSubscriptions, vec![Administrator]),
            (Action::ListSuppliers, vec![Buyer]),
            (
                Action::PostCorrectiveAction { factory_id: 1 },
                vec![FactoryManager],
            ),
            (Action::PostCorrectiveAction { factory_id: 2 }, vec![]),
            (
                Action::VerifyCorrectiveAction {
                    on_later_visit_team: true,
                },
                vec![Monitor],
            ),
            (
                Action::VerifyCorrectiveAction {
                    on_later_visit_team: false,
                },
                vec![],
            ),
            (
                Action::ConductSelfAssessment { factory_id: 1 },
                vec![FactoryManager],
            ),
            (Action::ConductSelfAssessment { factory_id: 2 }, vec![]),
            (
                Action::ViewSelfAssessment {
                    factory_id: 1,
                    shared: false,
                },
                vec![Administrator, Monitor, Approver, Trainer, FactoryManager],
            ),
            (
                Action::ViewSelfAssessment {
                    factory_id: 2,
                    shared: true,
                },
                vec![Administrator, Monitor, Approver, Trainer, Buyer],
            ),
            (Action::SubmitConcern, vec![UnionRepresentative]),
            (
                Action::ListConcerns,
                vec![
                    Administrator,
                    Monitor,
                    Approver,
                    Trainer,
                    UnionRepresentative,
                ],
            ),
            (
                Action::ReviewConcern,
                vec![Administrator, Monitor, Approver],
            ),
            (
                Action::ViewConcernFlags,
                vec![Administrator, Monitor, Approver, Trainer],
            ),
            (
                Action::ViewVerifiedConcerns {
                    factory_id: 1,
                    granted: false,
                },
                vec![Administrator, Monitor, Approver, Trainer, FactoryManager],
            ),
            (
                Action::ViewVerifiedConcerns {
                    factory_id: 2,
                    granted: true,
                },
                vec![Administrator, Monitor, Approver, Trainer, Buyer],
            ),
            (
                Action::ViewTraining,
                vec![Administrator, Monitor, Approver, Trainer, FactoryManager],
            ),
            (Action::ManageTraining, vec![Administrator, Trainer]),
            (
                Action::EnrolInTraining { factory_id: 1 },
                vec![FactoryManager],
            ),
            (Action::EnrolInTraining { factory_id: 2 }, vec![]),
            (
                Action::ViewTrainingReports,
                vec![Administrator, Monitor, Approver, Trainer],
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
