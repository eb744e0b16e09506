//! Guards and helpers that several resources share: who may read a factory's reports, which
//! published report a reader may open now, the permission check, password hashing off the
//! async threads. Handlers call these; no handler module imports another.

use shared::api::visits::VisitSummary;
use shared::date::cambodia_date;
use shared::roles::Role;
use shared::visit::VisitStatus;

use crate::db::{grants, visits};
use crate::http::error::ApiError;
use crate::http::extract::ActiveUser;
use crate::state::AppState;
use shared::permissions::{may, Action};

/// Whether the user leads the visit or is its second monitor.
pub fn on_visit_team(user: &ActiveUser, visit: &VisitSummary) -> bool {
    let id = user.0.user.id;
    visit.lead_monitor_id == id || visit.second_monitor_id == Some(id)
}

/// `Forbidden` unless the user may take `action`.
pub fn require(user: &ActiveUser, action: Action) -> Result<(), ApiError> {
    if may(&user.actor(), action) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Whose grants limit what a user reads of factories' reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrantScope {
    /// Not limited by grants (programme staff; factory managers are limited by permissions).
    Unlimited,
    /// A buyer: the factories that granted this organisation access.
    Organisation(i64),
    /// A buyer without an organisation: nothing.
    Nothing,
}

pub fn grant_scope(user: &ActiveUser) -> GrantScope {
    match (user.0.user.role, user.0.user.organisation_id) {
        (Role::Buyer, Some(organisation_id)) => GrantScope::Organisation(organisation_id),
        (Role::Buyer, None) => GrantScope::Nothing,
        _ => GrantScope::Unlimited,
    }
}

/// Whether the user is a third party with active access to the factory today: a buyer whose
/// organisation holds an unrevoked grant and a paid subscription covering today's Cambodian
/// date (the SQL rule `db::grants::active_access`). The one Rust home of that question.
pub async fn has_active_access(
    state: &AppState,
    user: &ActiveUser,
    factory_id: i64,
) -> Result<bool, ApiError> {
    match grant_scope(user) {
        GrantScope::Organisation(organisation_id) => Ok(grants::organisation_may_see(
            &state.db.pool,
            organisation_id,
            factory_id,
            &cambodia_date(state.clock.now()),
        )
        .await?),
        GrantScope::Unlimited | GrantScope::Nothing => Ok(false),
    }
}

/// Whether the reader may see this factory's reports, and from when: `Some(now)` for third
/// parties, who see a report only once its third-party date has passed. Buyers need an
/// unrevoked grant and a paid subscription covering today (one rule:
/// [`grants::organisation_may_see`]). Everyone else is refused with "not found", so outsiders
/// learn nothing about other factories.
pub async fn reader_access(
    state: &AppState,
    user: &ActiveUser,
    factory_id: i64,
) -> Result<Option<i64>, ApiError> {
    let now = state.clock.now();
    let granted = has_active_access(state, user, factory_id).await?;
    if !may(
        &user.actor(),
        Action::ViewReports {
            factory_id,
            granted,
        },
    ) {
        return Err(ApiError::NotFound);
    }
    Ok((user.0.user.role == Role::Buyer).then_some(now))
}

/// Whether a report whose third-party date is `visible_from` may be read under `access` (the
/// answer of [`reader_access`]).
pub fn visible_under(access: Option<i64>, visible_from: Option<i64>) -> bool {
    match access {
        None => true,
        Some(now) => visible_from.is_some_and(|from| from <= now),
    }
}

/// The published report `visit_id` if the reader may open it now (see [`reader_access`]);
/// "not found" otherwise. Everything hanging off a report (objections, corrective actions,
/// versions, meetings) goes through this check.
pub async fn readable_report(
    state: &AppState,
    user: &ActiveUser,
    visit_id: i64,
) -> Result<VisitSummary, ApiError> {
    let visit = visits::find(&state.db.pool, visit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if visit.status != VisitStatus::Published {
        return Err(ApiError::NotFound);
    }
    let access = reader_access(state, user, visit.factory_id).await?;
    if access.is_some() {
        let visible_from = visits::third_party_visible_from(&state.db.pool, visit_id).await?;
        if !visible_under(access, visible_from) {
            return Err(ApiError::NotFound);
        }
    }
    Ok(visit)
}

/// The later visit of the report's factory on whose team the user is, if any: verification
/// happens "at the next visit", by a monitor who goes back to the factory. Any later visit
/// counts (a follow-up, a remediation or the next assessment), whatever its review stage,
/// because the monitor checks the actions on site while the visit is still a draft.
pub async fn later_visit_on_team(
    state: &AppState,
    user: &ActiveUser,
    report: &VisitSummary,
) -> Result<Option<i64>, ApiError> {
    visit_on_team_after(
        state,
        user,
        report.factory_id,
        &report.start_date,
        report.id,
    )
    .await
}

/// A visit of `factory_id` on whose team the user is, starting after `date` (or that day and
/// created after visit `after_visit_id`).
pub async fn visit_on_team_after(
    state: &AppState,
    user: &ActiveUser,
    factory_id: i64,
    date: &str,
    after_visit_id: i64,
) -> Result<Option<i64>, ApiError> {
    if user.0.user.role != Role::Monitor {
        return Ok(None);
    }
    Ok(crate::db::corrective_actions::later_visit_on_team(
        &state.db.pool,
        factory_id,
        date,
        after_visit_id,
        user.0.user.id,
    )
    .await?)
}

/// The later visit from which `user` checks something of `report` on site (a corrective
/// action, a factory's public response); `action` names who may, given whether the user is on
/// such a visit's team. A monitor who is not is told why; anyone else simply may not.
pub async fn checking_visit(
    state: &AppState,
    user: &ActiveUser,
    report: &VisitSummary,
    action: fn(bool) -> Action,
) -> Result<i64, ApiError> {
    checking_visit_after(
        state,
        user,
        report.factory_id,
        &report.start_date,
        report.id,
        action,
    )
    .await
}

/// As [`checking_visit`], for something of `factory_id` dated `date` rather than a report (a
/// training improvement plan checked at a visit after its session): visits starting that day
/// do not count.
pub async fn checking_visit_after(
    state: &AppState,
    user: &ActiveUser,
    factory_id: i64,
    date: &str,
    after_visit_id: i64,
    action: fn(bool) -> Action,
) -> Result<i64, ApiError> {
    let visit = visit_on_team_after(state, user, factory_id, date, after_visit_id).await?;
    if !may(&user.actor(), action(visit.is_some())) {
        return Err(if user.0.user.role == Role::Monitor {
            ApiError::Refused("verification_needs_later_visit")
        } else {
            ApiError::Forbidden
        });
    }
    visit.ok_or(ApiError::Forbidden)
}

/// Hashes a password on a blocking thread: Argon2 takes tens of milliseconds on purpose.
pub async fn hash_password(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || crate::domain::passwords::hash(&password))
        .await
        .map_err(|error| ApiError::Internal(format!("password hash: {error}")))
}
