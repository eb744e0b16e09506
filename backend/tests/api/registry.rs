//! The factory registry: administrators create, edit, search and import factories.

use axum::http::StatusCode;
use serde_json::json;
use shared::api::factories::{Factory, ImportOutcome};

use crate::helpers::{fields, TestApp};

const REFERENCE_FILE: &str = include_str!("../fixtures/cambodia_facilities_sample.csv");

fn new_factory() -> serde_json::Value {
    json!({
        "name": "Golden Thread Garment Co. Ltd.",
        "local_name": "金线制衣有限公司",
        "registration_number": "MOC-2024-0117",
        "address": "National Road No. 4, Sangkat Kantouk, Khan Kamboul",
        "province": "Phnom Penh",
        "latitude": 11.52,
        "longitude": 104.78,
        "product_type": "garment",
        "ownership_country": "CN",
        "total_workers": 2300,
        "women_share_percent": 86.5,
        "union_presence": true,
        "contact_email": "compliance@goldenthread.example",
        "needs_paper_copy": false
    })
}

async fn an_administrator_registers_a_factory_with_all_its_facts(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;

    // Act
    let response = admin.post("/api/factories", &new_factory()).await;

    // Assert
    let created: Factory = response.assert_status(StatusCode::CREATED).json();
    assert_eq!(created.local_name.as_deref(), Some("金线制衣有限公司"));
    assert_eq!(created.ownership_country.as_deref(), Some("CN"));
    assert_eq!(created.total_workers, Some(2300));
    assert_eq!(created.union_presence, Some(true));
    assert_eq!(created.status, "active");
    let read: Factory = admin
        .get(&format!("/api/factories/{}", created.id))
        .await
        .json();
    assert_eq!(read, created);
}
both_databases!(an_administrator_registers_a_factory_with_all_its_facts);

async fn invalid_facts_are_refused_field_by_field(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let mut input = new_factory();
    input["name"] = json!("");
    input["province"] = json!("Dhaka");
    input["latitude"] = json!(23.8);
    input["longitude"] = json!(90.4);
    input["women_share_percent"] = json!(120);

    // Act
    let response = admin.post("/api/factories", &input).await;

    // Assert
    response.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(
        response.field_errors(),
        fields(&[
            ("name", "required"),
            ("province", "province_unknown"),
            ("latitude", "coordinates_outside_cambodia"),
            ("women_share_percent", "percent_out_of_range"),
        ])
    );
}
both_databases!(invalid_facts_are_refused_field_by_field);

async fn a_registration_number_belongs_to_one_factory(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let mut input = new_factory();
    input["registration_number"] = json!("DEMO-0001");

    // Act
    let response = admin.post("/api/factories", &input).await;

    // Assert
    response.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(
        response.field_errors(),
        fields(&[("registration_number", "duplicate_of_registered")])
    );
}
both_databases!(a_registration_number_belongs_to_one_factory);

async fn an_open_supply_hub_id_belongs_to_one_factory(app: TestApp) {
    // Arrange: a factory with an Open Supply Hub id, and another with the same id.
    let mut admin = app.login_demo("admin").await;
    let mut first = new_factory();
    first["osh_id"] = json!("KH2024123ABCDEF");
    admin
        .post("/api/factories", &first)
        .await
        .assert_status(StatusCode::CREATED);
    let mut second = new_factory();
    second["name"] = json!("Silver Needle Apparel Co. Ltd.");
    second["registration_number"] = json!("MOC-2024-0999");
    second["osh_id"] = json!("KH2024123ABCDEF");

    // Act
    let response = admin.post("/api/factories", &second).await;

    // Assert: the error names the field that is duplicated.
    response.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(
        response.field_errors(),
        fields(&[("osh_id", "duplicate_of_registered")])
    );
}
both_databases!(an_open_supply_hub_id_belongs_to_one_factory);

async fn an_oversized_import_gets_the_error_envelope(app: TestApp) {
    // Arrange: a file over the 5 MB limit.
    let mut admin = app.login_demo("admin").await;
    let mut text = String::from("name,address\n");
    while text.len() <= 5 * 1024 * 1024 {
        text.push_str("Golden Thread Garment Co. Ltd.,\"National Road No. 4, Phnom Penh\"\n");
    }

    // Act
    let response = admin.post_csv("/api/factories/import", &text).await;

    // Assert
    response.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
}
both_databases!(an_oversized_import_gets_the_error_envelope);

async fn an_administrator_edits_a_factory(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let created: Factory = admin.post("/api/factories", &new_factory()).await.json();
    let mut input = new_factory();
    input["status"] = json!("suspended");
    input["total_workers"] = json!(null);

    // Act
    let response = admin
        .put(&format!("/api/factories/{}", created.id), &input)
        .await;

    // Assert
    let updated: Factory = response.assert_status(StatusCode::OK).json();
    assert_eq!(updated.status, "suspended");
    assert_eq!(updated.total_workers, None);
    let missing = admin.put("/api/factories/999999", &input).await;
    missing.assert_error(StatusCode::NOT_FOUND, "not_found");
}
both_databases!(an_administrator_edits_a_factory);

async fn the_list_is_searched_and_filtered(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;

    // Act
    let by_name: Vec<Factory> = monitor.get("/api/factories?q=sabrina").await.json();
    let by_number: Vec<Factory> = monitor.get("/api/factories?q=demo-0004").await.json();
    let by_province: Vec<Factory> = monitor
        .get("/api/factories?province=Phnom%20Penh")
        .await
        .json();
    let by_product: Vec<Factory> = monitor
        .get("/api/factories?product_type=footwear")
        .await
        .json();
    let none: Vec<Factory> = monitor
        .get("/api/factories?q=sabrina&province=Takeo")
        .await
        .json();

    // Assert
    let names = |list: &[Factory]| list.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&by_name),
        ["Sabrina (Cambodia) Garment Manufacturing Corp."]
    );
    assert_eq!(names(&by_number), ["CPCG International Co. Ltd"]);
    assert_eq!(
        names(&by_province),
        [
            "Injae Garment Co. Ltd.",
            "Reliable Source Industrial (Cambodia) Co. Ltd."
        ]
    );
    assert_eq!(names(&by_product), ["I-Cheng Corporation"]);
    assert!(none.is_empty());
}
both_databases!(the_list_is_searched_and_filtered);

async fn only_administrators_change_the_registry(app: TestApp) {
    for username in [
        "monitor", "approver", "trainer", "factory", "buyer", "union",
    ] {
        // Arrange
        let mut user = app.login_demo(username).await;

        // Act
        let create = user.post("/api/factories", &new_factory()).await;
        let update = user.put("/api/factories/1", &new_factory()).await;
        let import = user.post_csv("/api/factories/import", REFERENCE_FILE).await;

        // Assert
        create.assert_error(StatusCode::FORBIDDEN, "forbidden");
        update.assert_error(StatusCode::FORBIDDEN, "forbidden");
        import.assert_error(StatusCode::FORBIDDEN, "forbidden");
    }
}
both_databases!(only_administrators_change_the_registry);

async fn the_reference_file_is_refused_whole_for_its_duplicates_then_imports_once_corrected(
    app: TestApp,
) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let before: Vec<Factory> = admin.get("/api/factories").await.json();

    // Act: the real file names one factory twice (yida / yi da), and six of its factories
    // are the demo factories already registered, so nothing is imported.
    let refused = admin
        .post_csv("/api/factories/import", REFERENCE_FILE)
        .await;

    // Assert
    let body = refused.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "import_rejected");
    let codes = |code: &str| body.rows.iter().filter(|row| row.code == code).count();
    assert_eq!(codes("duplicate_in_file"), 1, "{:?}", body.rows);
    assert_eq!(codes("duplicate_of_registered"), 6, "{:?}", body.rows);
    assert_eq!(body.rows.len(), 7, "{:?}", body.rows);
    let after_refusal: Vec<Factory> = admin.get("/api/factories").await.json();
    assert_eq!(
        after_refusal.len(),
        before.len(),
        "a refused file imports nothing"
    );

    // Act: drop the duplicate lines and import again.
    let mut duplicate_lines: Vec<usize> = body.rows.iter().map(|row| row.line).collect();
    duplicate_lines.dedup();
    let corrected: String = REFERENCE_FILE
        .lines()
        .enumerate()
        .filter(|(index, _)| !duplicate_lines.contains(&(index + 1)))
        .map(|(_, line)| format!("{line}\n"))
        .collect();
    let accepted = admin.post_csv("/api/factories/import", &corrected).await;

    // Assert
    let outcome: ImportOutcome = accepted.assert_status(StatusCode::OK).json();
    assert_eq!(outcome.imported, 20 - duplicate_lines.len());
    let after: Vec<Factory> = admin.get("/api/factories").await.json();
    assert_eq!(after.len(), before.len() + outcome.imported);

    // Act: the same file again duplicates what is now registered.
    let again = admin.post_csv("/api/factories/import", &corrected).await;
    let body = again.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "import_rejected");
    assert!(body
        .rows
        .iter()
        .all(|row| row.code == "duplicate_of_registered"));
}
both_databases!(the_reference_file_is_refused_whole_for_its_duplicates_then_imports_once_corrected);
