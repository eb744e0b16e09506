//! Upgrading a database that already holds users: the SQLite migration that rebuilds `users`
//! (to admit the government reader role) keeps every user, session and reference to a user.

use backend::db::Db;
use sqlx::migrate::Migrator;
use sqlx::Row;

/// The migration that rebuilds `users` on SQLite.
const REBUILD_VERSION: i64 = 22;

/// A SQLite database in a temporary file, migrated up to the version before the rebuild.
async fn database_before_the_rebuild(name: &str) -> (Db, std::path::PathBuf) {
    let path = std::env::temp_dir().join(format!("{name}-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let url = format!("sqlite://{}", path.display());
    let db = Db::connect(&url).await.expect("connect");
    let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    let mut before = Migrator::new(directory.as_path())
        .await
        .expect("read the migrations");
    before
        .migrations
        .to_mut()
        .retain(|migration| migration.version < REBUILD_VERSION);
    before
        .run(&db.pool)
        .await
        .expect("migrate to the version before");
    (db, path)
}

#[tokio::test]
async fn rebuilding_the_users_table_keeps_users_sessions_and_references_on_sqlite() {
    let (db, path) = database_before_the_rebuild("upgrade").await;

    for statement in [
        "insert into organisations (id, name, kind, created_at) values (1, 'Union', 'union', 0)",
        "insert into users (id, username, display_name, role, password_hash, organisation_id, \
         created_at, updated_at) values (7, 'admin', 'A', 'administrator', 'h', null, 0, 0), \
         (9, 'union', 'U', 'union_representative', 'h', 1, 0, 0)",
        "insert into sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
         values ('token', 9, 'csrf', 0, 99)",
        "insert into audit_events (actor_user_id, action, subject_user_id, occurred_at) \
         values (7, 'user_created', 9, 0)",
    ] {
        sqlx::query(statement)
            .execute(&db.pool)
            .await
            .unwrap_or_else(|error| panic!("{statement}: {error}"));
    }

    db.migrate()
        .await
        .expect("the rebuild applies to a database with users");

    let users: Vec<(i64, String)> = sqlx::query("select id, role from users order by id")
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .iter()
        .map(|row| (row.get::<i64, _>(0), row.get::<String, _>(1)))
        .collect();
    assert_eq!(
        users,
        vec![
            (7, "administrator".to_owned()),
            (9, "union_representative".to_owned())
        ]
    );
    let sessions: i64 = sqlx::query("select count(*) from sessions where user_id = 9")
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(sessions, 1, "the signed-in user stays signed in");
    let dangling = sqlx::query("pragma foreign_key_check")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert!(dangling.is_empty(), "every reference to a user still holds");
    sqlx::query(
        "insert into users (username, display_name, role, password_hash, created_at, updated_at) \
         values ('ministry', 'M', 'government_reader', 'h', 0, 0)",
    )
    .execute(&db.pool)
    .await
    .expect("the new role is admitted");
    // The rebuilt table still refuses what the old one refused.
    assert!(sqlx::query(
        "insert into users (username, display_name, role, password_hash, created_at, updated_at) \
         values ('nobody', 'N', 'minister', 'h', 0, 0)",
    )
    .execute(&db.pool)
    .await
    .is_err());
    assert!(sqlx::query(
        "insert into sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
         values ('stray', 404, 'csrf', 0, 99)",
    )
    .execute(&db.pool)
    .await
    .is_err());
    db.pool.close().await;
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn a_reference_left_dangling_after_the_migrations_stops_the_start_on_sqlite() {
    let (db, path) = database_before_the_rebuild("dangling").await;
    // An event about a user who does not exist, written with foreign keys off.
    let mut connection = db.pool.acquire().await.unwrap();
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut *connection)
        .await
        .unwrap();
    sqlx::query(
        "insert into audit_events (actor_user_id, action, subject_user_id, occurred_at) \
         values (404, 'user_created', 404, 0)",
    )
    .execute(&mut *connection)
    .await
    .unwrap();
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut *connection)
        .await
        .unwrap();
    drop(connection);

    let outcome = db.migrate().await;

    assert!(
        matches!(
            outcome,
            Err(backend::db::ConnectError::DanglingReferences(count)) if count > 0
        ),
        "{outcome:?}"
    );
    db.pool.close().await;
    let _ = std::fs::remove_file(&path);
}
