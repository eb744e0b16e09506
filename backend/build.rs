//! Marks the PostgreSQL runs of the integration tests as ignored (reported as such, never as
//! passed) when no PostgreSQL server is configured at build time: `IMS_TEST_POSTGRES_URL`.

fn main() {
    println!("cargo::rerun-if-env-changed=IMS_TEST_POSTGRES_URL");
    println!("cargo::rustc-check-cfg=cfg(postgres_tests)");
    let configured = std::env::var("IMS_TEST_POSTGRES_URL")
        .map(|url| !url.trim().is_empty())
        .unwrap_or(false);
    if configured {
        println!("cargo::rustc-cfg=postgres_tests");
    }
}
