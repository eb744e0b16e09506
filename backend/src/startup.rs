//! Builds the application from its configuration and runs it until a shutdown signal.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;

use crate::clock::{Clock, ShiftedClock, SystemClock};
use crate::config::Config;
use crate::db::{ConnectError, Db};
use crate::state::AppState;
use crate::{demo, http};

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Database(#[from] ConnectError),
    #[error("cannot install the default checklist: {0}")]
    Checklist(#[from] crate::default_checklist::InstallError),
    #[error("cannot install the public holidays: {0}")]
    Holidays(#[from] crate::db::holidays::SeedError),
    #[error("cannot load demo data or store report documents: {0}")]
    Demo(sqlx::Error),
    #[error("cannot generate the demo history: {0}")]
    DemoHistory(#[from] crate::generator::GenerateError),
    #[error("cannot listen on the configured address: {0}")]
    Listen(std::io::Error),
    #[error("server error: {0}")]
    Serve(std::io::Error),
}

pub struct Application {
    listener: TcpListener,
    router: Router,
}

impl Application {
    /// Connects and migrates the database, installs the default checklist and the holiday
    /// calendar when missing, loads demo data on first start, binds the port.
    pub async fn build(config: Config) -> Result<Application, StartupError> {
        tracing::info!(database = ?config.database_url, bind = %config.bind, "starting");
        let db = Db::connect(config.database_url.expose()).await?;
        db.migrate().await?;
        let clock: Arc<dyn Clock> = if config.test_clock {
            tracing::warn!("IMS_TEST_CLOCK is on: PUT /api/testing/clock can move the clock");
            Arc::new(ShiftedClock::default())
        } else {
            Arc::new(SystemClock)
        };
        if crate::default_checklist::install_if_none(&db, clock.now()).await? {
            tracing::info!("installed the default checklist");
        }
        // Reference data, not demo data: deadlines need the calendar on every installation.
        if crate::db::holidays::seed_if_empty(&db, clock.now()).await? {
            tracing::info!("installed the public holiday calendar");
        }
        if config.demo_data
            && demo::load_if_empty(&db, clock.now())
                .await
                .map_err(StartupError::Demo)?
        {
            demo::load_history(&db, clock.now()).await?;
            crate::demo_visits::load(&db, clock.now())
                .await
                .map_err(StartupError::Demo)?;
            tracing::info!("loaded demo data");
        }
        // Reports published before documents were stored get theirs once, on the next start.
        let documents = crate::publication::store_missing_documents(&db)
            .await
            .map_err(StartupError::Demo)?;
        if documents > 0 {
            tracing::info!(documents, "stored report documents");
        }
        let listener = TcpListener::bind(config.bind)
            .await
            .map_err(StartupError::Listen)?;
        let demo_data = config.demo_data;
        let state = AppState {
            db,
            config: Arc::new(config),
            clock,
        };
        let application = Application {
            listener,
            router: http::app(state),
        };
        application.announce(demo_data);
        Ok(application)
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    fn announce(&self, demo_data: bool) {
        println!("IMS is serving on http://{}", self.local_addr());
        if demo_data {
            let users: Vec<&str> = demo::DEMO_USERS.iter().map(|user| user.username).collect();
            println!(
                "Demo logins: {} (password: {})",
                users.join(", "),
                demo::DEMO_PASSWORD
            );
        }
    }

    pub async fn run_until_stopped(self) -> Result<(), StartupError> {
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(crate::public_site::server::shutdown_signal())
            .await
            .map_err(StartupError::Serve)?;
        tracing::info!("stopped");
        Ok(())
    }
}
