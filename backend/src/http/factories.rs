//! `/api/factories`: the factory registry — list with search and filters, one factory,
//! and, for administrators, create, edit and CSV import.

use axum::extract::DefaultBodyLimit;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::factories::{Factory, FactoryFilter, ImportOutcome};
use shared::error::FieldError;
use shared::factory::{factory_input_problems, FactoryInput};

use crate::db::{self, factories};
use crate::domain::factory_import::{parse_factory_csv, RegisteredFactory};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppBytes, AppJson, AppPath};
use crate::http::guards::require;
use crate::state::AppState;
use shared::permissions::Action;

/// Large enough for the whole industry's registry, small enough to refuse a wrong file early.
const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/factories", get(list_factories).post(create_factory))
        .route(
            "/factories/import",
            post(import_factories).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)),
        )
        .route("/factories/{id}", get(get_factory).put(update_factory))
}

async fn list_factories(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(filter): Query<FactoryFilter>,
) -> Result<Json<Vec<Factory>>, ApiError> {
    require(&user, Action::ListFactories)?;
    Ok(Json(factories::list(&state.db.pool, &filter).await?))
}

async fn get_factory(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
) -> Result<Json<Factory>, ApiError> {
    // Refuse before looking, so outsiders cannot learn which ids exist.
    require(&user, Action::ViewFactory { factory_id })?;
    let factory = factories::find(&state.db.pool, factory_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(factory))
}

/// A taken registration number or Open Supply Hub id, as the form's field error.
fn duplicate_error(error: sqlx::Error) -> ApiError {
    match db::duplicated_column(&error, &["registration_number", "osh_id", "name"]) {
        Some(field) => {
            ApiError::Validation(vec![FieldError::new(field, "duplicate_of_registered")])
        }
        None if db::is_unique_violation(&error) => ApiError::Validation(vec![FieldError::new(
            "registration_number",
            "duplicate_of_registered",
        )]),
        None => error.into(),
    }
}

fn validated(input: FactoryInput) -> Result<FactoryInput, ApiError> {
    let problems = factory_input_problems(&input);
    if problems.is_empty() {
        Ok(input)
    } else {
        Err(ApiError::Validation(problems))
    }
}

async fn create_factory(
    State(state): State<AppState>,
    admin: ActiveUser,
    AppJson(input): AppJson<FactoryInput>,
) -> Result<(StatusCode, Json<Factory>), ApiError> {
    require(&admin, Action::ManageFactories)?;
    let input = validated(input)?;
    let id = factories::insert(&state.db.pool, &input, state.clock.now())
        .await
        .map_err(duplicate_error)?;
    tracing::info!(factory_id = id, by = admin.0.user.id, "factory created");
    let factory = factories::find(&state.db.pool, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(factory)))
}

async fn update_factory(
    State(state): State<AppState>,
    admin: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
    AppJson(input): AppJson<FactoryInput>,
) -> Result<Json<Factory>, ApiError> {
    require(&admin, Action::ManageFactories)?;
    let input = validated(input)?;
    let found = factories::update(&state.db.pool, factory_id, &input, state.clock.now())
        .await
        .map_err(duplicate_error)?;
    if !found {
        return Err(ApiError::NotFound);
    }
    tracing::info!(factory_id, by = admin.0.user.id, "factory updated");
    let factory = factories::find(&state.db.pool, factory_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(factory))
}

/// Imports a CSV file (the request body) whole or not at all: every bad line is reported,
/// and nothing is saved until the file is corrected.
async fn import_factories(
    State(state): State<AppState>,
    admin: ActiveUser,
    AppBytes(body): AppBytes,
) -> Result<Json<ImportOutcome>, ApiError> {
    require(&admin, Action::ManageFactories)?;
    if body.len() > MAX_IMPORT_BYTES {
        return Err(ApiError::MalformedRequest(
            "the file is larger than 5 MB".to_owned(),
        ));
    }
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::MalformedRequest("the file is not UTF-8 text".to_owned()))?;
    let registered: Vec<RegisteredFactory> = factories::identities(&state.db.pool)
        .await?
        .into_iter()
        .map(
            |(id, name, registration_number, osh_id)| RegisteredFactory {
                id,
                name,
                registration_number,
                osh_id,
            },
        )
        .collect();
    let inputs = parse_factory_csv(text, &registered).map_err(ApiError::ImportRejected)?;
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    for input in &inputs {
        factories::insert(&mut *transaction, input, now).await?;
    }
    transaction.commit().await?;
    tracing::info!(
        imported = inputs.len(),
        by = admin.0.user.id,
        "factories imported"
    );
    Ok(Json(ImportOutcome {
        imported: inputs.len(),
    }))
}
