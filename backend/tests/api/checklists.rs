//! `/api/checklists`: programme staff read and export checklist versions; administrators
//! import a CSV file as a draft version and publish it for new visits.

use axum::http::{header, StatusCode};
use shared::api::checklists::{ChecklistVersion, ChecklistVersionDetail};
use shared::api::visits::{VisitDetail, VisitSummary};

use crate::helpers::{fields, TestApp, TestClient, START};
use crate::visits::{create_visit, factory_id, INJAE};

/// The header row of a checklist file, as FORMAT.md lists the columns.
const HEADER: &str = "cluster_code,cluster_scored,cluster_en,cluster_km,cluster_zh,point_code,\
                      point_en,point_km,point_zh,question_code,kind,question_en,question_km,\
                      question_zh,legal_reference,guidance_en,critical_issue,publicly_reported";

/// Every version, as the list shows them.
pub(crate) async fn versions(client: &mut TestClient) -> Vec<ChecklistVersion> {
    client
        .get("/api/checklists")
        .await
        .assert_status(StatusCode::OK)
        .json()
}

/// The version new visits use, with its content.
pub(crate) async fn current_checklist(client: &mut TestClient) -> ChecklistVersionDetail {
    let current = versions(client)
        .await
        .into_iter()
        .find(|version| version.current)
        .expect("a current checklist version");
    client
        .get(&format!("/api/checklists/{}", current.id))
        .await
        .assert_status(StatusCode::OK)
        .json()
}

/// One good row of a small test file, with the question code and kind given.
fn csv_row(question_code: &str, kind: &str) -> String {
    let point_code = &question_code[..question_code.len() - 3];
    format!(
        "TST,yes,Test cluster,,,{point_code},Test point,,,{question_code},{kind},\
         Is the test question answered?,,,Labour Law 1997 Art. 1,,,no"
    )
}

async fn programme_staff_see_the_one_published_default_version(app: TestApp) {
    for username in ["admin", "monitor", "approver", "trainer"] {
        // Arrange
        let mut staff = app.login_demo(username).await;

        // Act
        let response = staff.get("/api/checklists").await;

        // Assert
        let listed: Vec<ChecklistVersion> = response.assert_status(StatusCode::OK).json();
        assert_eq!(listed.len(), 1, "{username}: {listed:?}");
        let version = &listed[0];
        assert!(version.current, "{username}");
        assert_eq!(version.published_at, Some(START), "{username}");
        assert_eq!(version.created_at, START, "{username}");
        assert!(
            version.question_count >= 10,
            "{username}: {} questions",
            version.question_count
        );
        let detail: ChecklistVersionDetail = staff
            .get(&format!("/api/checklists/{}", version.id))
            .await
            .assert_status(StatusCode::OK)
            .json();
        assert_eq!(&detail.version, version);
        assert_eq!(
            detail.content.question_count() as i64,
            version.question_count,
            "{username}"
        );
        assert!(detail.content.clusters.iter().any(|cluster| cluster.scored));
    }
}
both_databases!(programme_staff_see_the_one_published_default_version);

async fn people_outside_the_programme_cannot_read_checklists(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let current = current_checklist(&mut admin).await.version;

    for username in ["factory", "buyer", "union"] {
        let mut outsider = app.login_demo(username).await;

        // Act
        let list = outsider.get("/api/checklists").await;
        let detail = outsider
            .get(&format!("/api/checklists/{}", current.id))
            .await;
        let export = outsider
            .get(&format!("/api/checklists/{}/export", current.id))
            .await;

        // Assert
        list.assert_error(StatusCode::FORBIDDEN, "forbidden");
        detail.assert_error(StatusCode::FORBIDDEN, "forbidden");
        export.assert_error(StatusCode::FORBIDDEN, "forbidden");
    }
}
both_databases!(people_outside_the_programme_cannot_read_checklists);

async fn an_exported_version_reimports_as_a_draft_that_publishing_makes_current(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let mut monitor = app.login_demo("monitor").await;
    let original = current_checklist(&mut admin).await;
    let factory = factory_id(&mut monitor, INJAE).await;
    let earlier_visit = create_visit(&mut monitor, factory).await;
    app.advance_minutes(60);

    // Act
    let export = admin
        .get(&format!("/api/checklists/{}/export", original.version.id))
        .await;
    let imported = admin
        .post_csv(
            "/api/checklists/import?label=Cambodia%202027.1",
            &export.text(),
        )
        .await;

    // Assert: the export is a CSV file and the import a draft with the same content.
    export.assert_status(StatusCode::OK);
    let content_type = export
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    assert!(content_type.starts_with("text/csv"), "{content_type:?}");
    assert!(export.text().starts_with(HEADER), "{}", export.text());
    let draft: ChecklistVersion = imported.assert_status(StatusCode::CREATED).json();
    assert_eq!(draft.label, "Cambodia 2027.1");
    assert_eq!(draft.published_at, None);
    assert!(!draft.current);
    assert_eq!(draft.question_count, original.version.question_count);
    assert_eq!(draft.created_at, START + 3600);
    let detail: ChecklistVersionDetail = admin
        .get(&format!("/api/checklists/{}", draft.id))
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(detail.content, original.content);
    let listed = versions(&mut admin).await;
    assert_eq!(listed.len(), 2);
    let still_current: Vec<i64> = listed.iter().filter(|v| v.current).map(|v| v.id).collect();
    assert_eq!(still_current, [original.version.id], "a draft is not used");

    // Act: publish it.
    app.advance_minutes(60);
    let published = admin
        .post(&format!("/api/checklists/{}/publish", draft.id), &())
        .await;
    let published_again = admin
        .post(&format!("/api/checklists/{}/publish", draft.id), &())
        .await;
    let later_visit = create_visit(&mut monitor, factory).await;

    // Assert: the new version is current for new visits only.
    let published: ChecklistVersion = published.assert_status(StatusCode::OK).json();
    assert!(published.current);
    assert_eq!(published.published_at, Some(START + 7200));
    published_again.assert_error(StatusCode::CONFLICT, "checklist_already_published");
    let listed = versions(&mut admin).await;
    let current: Vec<i64> = listed.iter().filter(|v| v.current).map(|v| v.id).collect();
    assert_eq!(current, [draft.id]);
    assert_eq!(later_visit.checklist_version_id, draft.id);
    let earlier: VisitDetail = monitor
        .get(&format!("/api/visits/{}", earlier_visit.id))
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(earlier.summary.checklist_version_id, original.version.id);
    assert_eq!(earlier.checklist_label, original.version.label);
    let visits: Vec<VisitSummary> = monitor.get("/api/visits").await.json();
    let versions_of: Vec<(i64, i64)> = visits
        .iter()
        .map(|visit| (visit.id, visit.checklist_version_id))
        .collect();
    assert!(versions_of.contains(&(earlier_visit.id, original.version.id)));
    assert!(versions_of.contains(&(later_visit.id, draft.id)));
}
both_databases!(an_exported_version_reimports_as_a_draft_that_publishing_makes_current);

async fn an_unknown_version_is_not_found(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;

    // Act
    let detail = admin.get("/api/checklists/999999").await;
    let export = admin.get("/api/checklists/999999/export").await;
    let publish = admin.post("/api/checklists/999999/publish", &()).await;

    // Assert
    detail.assert_error(StatusCode::NOT_FOUND, "not_found");
    export.assert_error(StatusCode::NOT_FOUND, "not_found");
    publish.assert_error(StatusCode::NOT_FOUND, "not_found");
}
both_databases!(an_unknown_version_is_not_found);

async fn a_file_with_errors_is_rejected_whole_with_its_lines(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let before = versions(&mut admin).await.len();
    let file = [
        HEADER.to_owned(),
        csv_row("TST.01.01", "yes_no"),
        csv_row("TST.01.02", "maybe"),
        csv_row("TST.01.01", "yes_no"),
    ]
    .join("\n");

    // Act
    let response = admin
        .post_csv("/api/checklists/import?label=Broken", &file)
        .await;

    // Assert
    let error = response.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "import_rejected");
    let rows: Vec<(usize, &str, &str)> = error
        .rows
        .iter()
        .map(|row| (row.line, row.field.as_str(), row.code.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (3, "kind", "kind_invalid"),
            (4, "question_code", "duplicate_in_file")
        ]
    );
    assert_eq!(error.rows[1].duplicate_of.as_deref(), Some("line 2"));
    let after = versions(&mut admin).await;
    assert_eq!(after.len(), before, "nothing is stored");
    assert!(after.iter().all(|version| version.label != "Broken"));
}
both_databases!(a_file_with_errors_is_rejected_whole_with_its_lines);

async fn a_good_small_file_is_accepted_so_the_rejection_above_is_about_its_errors(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let file = [
        HEADER.to_owned(),
        csv_row("TST.01.01", "yes_no"),
        csv_row("TST.01.02", "number"),
    ]
    .join("\n");

    // Act
    let response = admin
        .post_csv("/api/checklists/import?label=Small", &file)
        .await;

    // Assert
    let version: ChecklistVersion = response.assert_status(StatusCode::CREATED).json();
    assert_eq!(version.question_count, 2);
    assert_eq!(version.published_at, None);
}
both_databases!(a_good_small_file_is_accepted_so_the_rejection_above_is_about_its_errors);

async fn an_import_needs_a_new_label(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let current = current_checklist(&mut admin).await.version;
    let file = [HEADER.to_owned(), csv_row("TST.01.01", "yes_no")].join("\n");

    // Act
    let missing = admin.post_csv("/api/checklists/import", &file).await;
    let blank = admin
        .post_csv("/api/checklists/import?label=%20%20", &file)
        .await;
    let duplicate = admin
        .post_csv(
            &format!(
                "/api/checklists/import?label={}",
                current.label.replace(' ', "%20")
            ),
            &file,
        )
        .await;

    // Assert
    assert_eq!(missing.field_errors(), fields(&[("label", "required")]));
    assert_eq!(blank.field_errors(), fields(&[("label", "required")]));
    assert_eq!(
        duplicate.field_errors(),
        fields(&[("label", "label_taken")])
    );
    assert_eq!(versions(&mut admin).await.len(), 1);
}
both_databases!(an_import_needs_a_new_label);

async fn only_administrators_import_and_publish_versions(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let file = [HEADER.to_owned(), csv_row("TST.01.01", "yes_no")].join("\n");
    let draft: ChecklistVersion = admin
        .post_csv("/api/checklists/import?label=Draft", &file)
        .await
        .assert_status(StatusCode::CREATED)
        .json();

    for username in [
        "monitor", "approver", "trainer", "factory", "buyer", "union",
    ] {
        let mut user = app.login_demo(username).await;

        // Act
        let import = user
            .post_csv(
                &format!("/api/checklists/import?label=By%20{username}"),
                &file,
            )
            .await;
        let publish = user
            .post(&format!("/api/checklists/{}/publish", draft.id), &())
            .await;

        // Assert
        import.assert_error(StatusCode::FORBIDDEN, "forbidden");
        publish.assert_error(StatusCode::FORBIDDEN, "forbidden");
    }
    let listed = versions(&mut admin).await;
    assert_eq!(listed.len(), 2);
    let draft_now = listed.iter().find(|version| version.id == draft.id);
    assert_eq!(draft_now.and_then(|version| version.published_at), None);
}
both_databases!(only_administrators_import_and_publish_versions);
