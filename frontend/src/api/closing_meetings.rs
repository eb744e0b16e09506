//! The closing meeting at the end of a visit: its latest record, and recording it (again).

use std::future::Future;

use shared::api::closing_meetings::{ClosingMeeting, ClosingMeetingSummary, NewClosingMeeting};

use super::ApiError;

/// `GET /api/visits/{visit_id}/closing-meeting`: the latest record, or `None` while none has
/// been recorded (the server answers "not found").
pub fn latest(visit_id: i64) -> impl Future<Output = Result<Option<ClosingMeeting>, ApiError>> {
    let request = super::get(&format!("/api/visits/{visit_id}/closing-meeting"));
    async move {
        match request.await {
            Ok(meeting) => Ok(Some(meeting)),
            Err(ApiError::Server { status: 404, .. }) => Ok(None),
            Err(error) => Err(error),
        }
    }
}

/// `POST /api/visits/{visit_id}/closing-meeting`: the record as now stored (a correction
/// counts up its version).
pub async fn record(
    visit_id: i64,
    meeting: &NewClosingMeeting,
) -> Result<ClosingMeeting, ApiError> {
    super::post(&format!("/api/visits/{visit_id}/closing-meeting"), meeting).await
}

/// `GET /api/factories/{factory_id}/closing-meetings`: the latest closing meeting of each of
/// the factory's visits, newest first.
pub fn of_factory(
    factory_id: i64,
) -> impl Future<Output = Result<Vec<ClosingMeetingSummary>, ApiError>> {
    super::get(&format!("/api/factories/{factory_id}/closing-meetings"))
}
