//! Third-party access: `/api/factories/:id/grants` (the factory's access form),
//! `/api/factories/:id/access-log` (its ledger), `/api/third-parties` (who may be granted),
//! `/api/subscriptions` (administrators record paid subscriptions) and `/api/suppliers`
//! (a buyer's factories, all together).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, put};
use axum::{Json, Router};
use shared::access::subscription_problems;
use shared::api::access::{
    AccessGrant, AccessLogEntry, GrantRequest, Subscription, SubscriptionInput, SubscriptionList,
    SupplierFactory,
};
use shared::api::users::OrganisationSummary;
use shared::date::cambodia_date;

use crate::db::{access_log, factories, grants, organisations, reports, subscriptions};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::require;
use crate::state::AppState;
use shared::permissions::Action;

/// The ledger shows the most recent views; older ones stay in the database.
const ACCESS_LOG_LINES: i64 = 500;

/// Organisation kinds a factory may grant access to. Unions have their own channel
/// (concerns) and never read reports through a grant.
const GRANTABLE_KINDS: [&str; 3] = ["buyer", "vendor", "head_office"];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/factories/{id}/grants", get(list_grants).post(grant))
        .route("/factories/{id}/grants/{organisation_id}", delete(revoke))
        .route("/factories/{id}/access-log", get(access_log))
        .route("/third-parties", get(third_parties))
        .route(
            "/subscriptions",
            get(list_subscriptions).post(add_subscription),
        )
        .route("/subscriptions/{id}", put(update_subscription))
        .route("/suppliers", get(suppliers))
}

/// The factory's access form and ledger: 404 for a factory that does not exist, 403 for
/// someone else's factory.
async fn require_grants_of(
    state: &AppState,
    user: &ActiveUser,
    factory_id: i64,
) -> Result<(), ApiError> {
    if !factories::exists(&state.db.pool, factory_id).await? {
        return Err(ApiError::NotFound);
    }
    require(user, Action::ManageAccessGrants { factory_id })
}

async fn list_grants(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
) -> Result<Json<Vec<AccessGrant>>, ApiError> {
    require_grants_of(&state, &user, factory_id).await?;
    let today = cambodia_date(state.clock.now());
    Ok(Json(
        grants::for_factory(&state.db.pool, factory_id, &today).await?,
    ))
}

async fn grant(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
    AppJson(request): AppJson<GrantRequest>,
) -> Result<(StatusCode, Json<Vec<AccessGrant>>), ApiError> {
    require_grants_of(&state, &user, factory_id).await?;
    let kind = organisations::find_kind(&state.db.pool, request.organisation_id).await?;
    if !kind.is_some_and(|kind| GRANTABLE_KINDS.contains(&kind.as_str())) {
        return Err(ApiError::field(
            "organisation_id",
            "organisation_not_grantable",
        ));
    }
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    grants::grant(
        &mut transaction,
        factory_id,
        request.organisation_id,
        Some(user.0.user.id),
        now,
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(
        factory_id,
        organisation_id = request.organisation_id,
        by = user.0.user.id,
        "access granted"
    );
    let today = cambodia_date(now);
    Ok((
        StatusCode::CREATED,
        Json(grants::for_factory(&state.db.pool, factory_id, &today).await?),
    ))
}

async fn revoke(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath((factory_id, organisation_id)): AppPath<(i64, i64)>,
) -> Result<Json<Vec<AccessGrant>>, ApiError> {
    require_grants_of(&state, &user, factory_id).await?;
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    if !grants::revoke(
        &mut transaction,
        factory_id,
        organisation_id,
        user.0.user.id,
        now,
    )
    .await?
    {
        return Err(ApiError::NotFound);
    }
    transaction.commit().await?;
    tracing::info!(
        factory_id,
        organisation_id,
        by = user.0.user.id,
        "access revoked"
    );
    let today = cambodia_date(now);
    Ok(Json(
        grants::for_factory(&state.db.pool, factory_id, &today).await?,
    ))
}

async fn access_log(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
) -> Result<Json<Vec<AccessLogEntry>>, ApiError> {
    require_grants_of(&state, &user, factory_id).await?;
    Ok(Json(
        access_log::for_factory(&state.db.pool, factory_id, ACCESS_LOG_LINES).await?,
    ))
}

async fn third_parties(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<OrganisationSummary>>, ApiError> {
    require(&user, Action::ListThirdParties)?;
    let all = organisations::list(&state.db.pool).await?;
    Ok(Json(
        all.into_iter()
            .filter(|organisation| GRANTABLE_KINDS.contains(&organisation.kind.as_str()))
            .collect(),
    ))
}

async fn list_subscriptions(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<SubscriptionList>, ApiError> {
    require(&user, Action::ManageSubscriptions)?;
    let today = cambodia_date(state.clock.now());
    Ok(Json(SubscriptionList {
        default_fee_cents: state.config.subscription_fee_cents,
        subscriptions: subscriptions::list(&state.db.pool, &today).await?,
    }))
}

/// Checks the form and the organisation and factory it names; returns the fee to store.
async fn checked_subscription(
    state: &AppState,
    input: &SubscriptionInput,
) -> Result<i64, ApiError> {
    let mut problems = subscription_problems(input);
    let kind = organisations::find_kind(&state.db.pool, input.organisation_id).await?;
    if !kind.is_some_and(|kind| GRANTABLE_KINDS.contains(&kind.as_str())) {
        problems.push(shared::error::FieldError::new(
            "organisation_id",
            "organisation_not_grantable",
        ));
    }
    if !factories::exists(&state.db.pool, input.factory_id).await? {
        problems.push(shared::error::FieldError::new("factory_id", "required"));
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    Ok(input
        .fee_cents
        .unwrap_or(state.config.subscription_fee_cents))
}

async fn add_subscription(
    State(state): State<AppState>,
    user: ActiveUser,
    AppJson(input): AppJson<SubscriptionInput>,
) -> Result<(StatusCode, Json<Subscription>), ApiError> {
    require(&user, Action::ManageSubscriptions)?;
    let fee_cents = checked_subscription(&state, &input).await?;
    let now = state.clock.now();
    let id =
        subscriptions::insert(&state.db.pool, &input, fee_cents, Some(user.0.user.id), now).await?;
    tracing::info!(
        subscription_id = id,
        by = user.0.user.id,
        "subscription recorded"
    );
    let subscription = subscriptions::find(&state.db.pool, id, &cambodia_date(now))
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(subscription)))
}

async fn update_subscription(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
    AppJson(input): AppJson<SubscriptionInput>,
) -> Result<Json<Subscription>, ApiError> {
    require(&user, Action::ManageSubscriptions)?;
    let fee_cents = checked_subscription(&state, &input).await?;
    let now = state.clock.now();
    if !subscriptions::update(&state.db.pool, id, &input, fee_cents, user.0.user.id, now).await? {
        return Err(ApiError::NotFound);
    }
    tracing::info!(
        subscription_id = id,
        by = user.0.user.id,
        "subscription changed"
    );
    let subscription = subscriptions::find(&state.db.pool, id, &cambodia_date(now))
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(subscription))
}

/// Every factory the buyer's organisation reads today, with the reports past their
/// third-party date: a buyer with several grants sees them all together.
async fn suppliers(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<SupplierFactory>>, ApiError> {
    require(&user, Action::ListSuppliers)?;
    let Some(organisation_id) = user.0.user.organisation_id else {
        return Ok(Json(Vec::new()));
    };
    let now = state.clock.now();
    let mut connection = state.db.pool.acquire().await?;
    let readable =
        subscriptions::readable_factories(&mut *connection, organisation_id, &cambodia_date(now))
            .await?;
    let mut suppliers = Vec::new();
    for (factory_id, name, province, access_until) in readable {
        suppliers.push(SupplierFactory {
            factory_id,
            name,
            province,
            access_until,
            reports: reports::history(&mut connection, factory_id, Some(now)).await?,
        });
    }
    Ok(Json(suppliers))
}
