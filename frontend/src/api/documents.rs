//! The documents the monitors ask a factory for at a visit, as the factory sees and hands
//! them over.

use std::future::Future;

use shared::api::visits::{DocumentHandover, RequestedDocument};

use super::ApiError;

/// `GET /api/factories/{factory_id}/requested-documents`: the documents requested at the
/// factory's visits that have ended, newest visit first.
pub fn requested_documents(
    factory_id: i64,
) -> impl Future<Output = Result<Vec<RequestedDocument>, ApiError>> {
    super::get(&format!("/api/factories/{factory_id}/requested-documents"))
}

/// `POST /api/visits/{visit_id}/documents/handover`: the document as it now stands.
pub async fn hand_over_document(
    visit_id: i64,
    handover: &DocumentHandover,
) -> Result<RequestedDocument, ApiError> {
    super::post(
        &format!("/api/visits/{visit_id}/documents/handover"),
        handover,
    )
    .await
}
