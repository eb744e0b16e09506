//! Where "now" comes from. Deadlines and throttling read the clock through the app state so
//! tests can set the date explicitly instead of waiting or depending on the real date.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Current time in Unix seconds.
pub trait Clock: Send + Sync {
    fn now(&self) -> i64;
}

/// The ISO date (`2026-11-23`, UTC) of a Unix time.
pub fn iso_date(unix_seconds: i64) -> String {
    let date = time::OffsetDateTime::from_unix_timestamp(unix_seconds)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// The real wall clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|elapsed| elapsed.as_secs() as i64)
            .unwrap_or_default()
    }
}

/// A clock that only moves when told to (tests).
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn starting_at(unix_seconds: i64) -> Self {
        ManualClock(AtomicI64::new(unix_seconds))
    }

    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}
