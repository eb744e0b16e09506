//! `ims`: serves the IMS web app and JSON API on one port.

use backend::{config::Config, startup::Application, telemetry};

#[tokio::main]
async fn main() {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(problem) => {
            eprintln!("configuration error: {problem}");
            std::process::exit(2);
        }
    };
    telemetry::init(&config.log_filter);
    if let Err(error) = run(config).await {
        tracing::error!(%error, "the server stopped with an error");
        std::process::exit(1);
    }
}

async fn run(config: Config) -> Result<(), backend::startup::StartupError> {
    let application = Application::build(config).await?;
    application.run_until_stopped().await
}
