//! Saving one change of a visit's answer, the same for a batch from a tablet and for demo
//! data: load what is held (`db::answer_history`), decide with the rule
//! (`domain::answers::merge_change`), save the change and its effect.

use shared::api::visits::Answer;
use sqlx::AnyConnection;

use crate::db::answer_history;
use crate::domain::answers::{merge_change, ConflictUpdate};

/// Saves one change of a question's answer (its device time already checked against the
/// server's clock; `device_changed_at` is the time as sent). A change already received from
/// the same user is a replay and changes nothing. Otherwise it joins the history, and becomes
/// current or the other side of a conflict as the rule decides.
pub async fn save_change(
    connection: &mut AnyConnection,
    visit_id: i64,
    question_id: i64,
    answer: &Answer,
    device_changed_at: i64,
    saved_by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    if answer_history::is_replay(
        connection,
        visit_id,
        question_id,
        saved_by,
        device_changed_at,
    )
    .await?
    {
        return Ok(());
    }
    // A base that is no change of this question (a device's mistake) counts as none seen.
    let mut answer = answer.clone();
    if let Some(base) = answer.revision {
        if !answer_history::is_change_of(connection, visit_id, question_id, base).await? {
            answer.revision = None;
        }
    }
    let stored = answer_history::stored(connection, visit_id, question_id).await?;
    let unseen_disagreement = answer_history::unseen_changes_of_others(
        connection,
        visit_id,
        question_id,
        saved_by,
        answer.revision,
    )
    .await?
    .into_iter()
    .find(|(_, other)| !answer.says_the_same(other))
    .map(|(id, _)| id);
    let change_id = answer_history::append(
        connection,
        visit_id,
        question_id,
        &answer,
        device_changed_at,
        saved_by,
        now,
    )
    .await?;
    let merge = merge_change(
        stored,
        change_id,
        answer.changed_at,
        answer.revision,
        unseen_disagreement,
    );
    if merge.current {
        answer_history::make_current(
            connection,
            visit_id,
            question_id,
            &answer,
            change_id,
            saved_by,
            now,
        )
        .await?;
    } else {
        answer_history::set_revision(connection, visit_id, question_id, change_id).await?;
    }
    match merge.conflict {
        ConflictUpdate::Keep => {}
        ConflictUpdate::Clear => {
            answer_history::set_conflict(connection, visit_id, question_id, None).await?
        }
        ConflictUpdate::Set(other) => {
            answer_history::set_conflict(connection, visit_id, question_id, Some(other)).await?
        }
    }
    Ok(())
}
