//! Where "now" comes from. Deadlines and throttling read the clock through the app state so
//! tests can set the date explicitly instead of waiting or depending on the real date.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Current time in Unix seconds.
pub trait Clock: Send + Sync {
    fn now(&self) -> i64;

    /// Moves the clock to `unix_seconds`; false for clocks that cannot be moved (the real one).
    fn set_now(&self, _unix_seconds: i64) -> bool {
        false
    }
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

/// The wall clock shifted by an offset that can be set while the server runs: the browser
/// tests' way to reach a report's third-party date or a deadline without waiting. Only
/// used when `IMS_TEST_CLOCK` is on, never in production.
#[derive(Default)]
pub struct ShiftedClock {
    offset_seconds: AtomicI64,
}

impl Clock for ShiftedClock {
    fn now(&self) -> i64 {
        SystemClock.now() + self.offset_seconds.load(Ordering::SeqCst)
    }

    fn set_now(&self, unix_seconds: i64) -> bool {
        self.offset_seconds
            .store(unix_seconds - SystemClock.now(), Ordering::SeqCst);
        true
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

    fn set_now(&self, unix_seconds: i64) -> bool {
        self.0.store(unix_seconds, Ordering::SeqCst);
        true
    }
}
