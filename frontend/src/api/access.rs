//! Who may read a factory's reports: grants, the access ledger, third parties, suppliers and subscriptions.

use std::future::Future;

use shared::api::access::{
    AccessGrant, AccessLogEntry, GrantRequest, Subscription, SubscriptionInput, SubscriptionList,
    SupplierFactory,
};
use shared::api::users::OrganisationSummary;

use super::{delete, post, put, ApiError};

/// `GET /api/factories/{id}/grants`: who may read the factory's reports.
pub fn grants(factory_id: i64) -> impl Future<Output = Result<Vec<AccessGrant>, ApiError>> {
    super::get(&format!("/api/factories/{factory_id}/grants"))
}

/// `POST /api/factories/{id}/grants`: the factory's grants afterwards.
pub async fn grant(factory_id: i64, request: &GrantRequest) -> Result<Vec<AccessGrant>, ApiError> {
    post(&format!("/api/factories/{factory_id}/grants"), request).await
}

/// `DELETE /api/factories/{id}/grants/{organisation_id}`: the factory's grants afterwards.
pub async fn revoke(factory_id: i64, organisation_id: i64) -> Result<Vec<AccessGrant>, ApiError> {
    delete(&format!(
        "/api/factories/{factory_id}/grants/{organisation_id}"
    ))
    .await
}

/// `GET /api/factories/{id}/access-log`: which organisation opened which report.
pub fn access_log(factory_id: i64) -> impl Future<Output = Result<Vec<AccessLogEntry>, ApiError>> {
    super::get(&format!("/api/factories/{factory_id}/access-log"))
}

/// `GET /api/third-parties`: the organisations a factory may grant access to.
pub fn third_parties() -> impl Future<Output = Result<Vec<OrganisationSummary>, ApiError>> {
    super::get("/api/third-parties")
}

/// `GET /api/subscriptions`: every subscription and the configured yearly fee.
pub fn subscriptions() -> impl Future<Output = Result<SubscriptionList, ApiError>> {
    super::get("/api/subscriptions")
}

/// `POST /api/subscriptions`.
pub async fn add_subscription(input: &SubscriptionInput) -> Result<Subscription, ApiError> {
    post("/api/subscriptions", input).await
}

/// `PUT /api/subscriptions/{id}`.
pub async fn update_subscription(
    id: i64,
    input: &SubscriptionInput,
) -> Result<Subscription, ApiError> {
    put(&format!("/api/subscriptions/{id}"), input).await
}

/// `GET /api/suppliers`: the factories the buyer's organisation reads today.
pub fn suppliers() -> impl Future<Output = Result<Vec<SupplierFactory>, ApiError>> {
    super::get("/api/suppliers")
}
