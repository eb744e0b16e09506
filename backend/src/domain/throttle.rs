//! Slowing down password guessing: too many failures for one account, or from one address,
//! within a window lock further attempts until the oldest failure leaves the window.

/// The window in which failures count.
pub const WINDOW_SECONDS: i64 = 15 * 60;
/// Failures for one account before it is throttled. Low: a person mistyping needs few tries.
pub const MAX_ACCOUNT_FAILURES: i64 = 5;
/// Failures from one address before it is throttled. Higher: one office may share an address.
pub const MAX_ADDRESS_FAILURES: i64 = 20;

/// Failed attempts in the window: how many, and when the oldest happened (Unix seconds).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecentFailures {
    pub count: i64,
    pub oldest_at: Option<i64>,
}

/// `Ok` when a login may be tried now, or `Err(seconds to wait)`.
pub fn may_attempt(account: RecentFailures, address: RecentFailures, now: i64) -> Result<(), u64> {
    let wait = |failures: RecentFailures, limit: i64| -> Option<i64> {
        (failures.count >= limit).then(|| failures.oldest_at.unwrap_or(now) + WINDOW_SECONDS - now)
    };
    match (
        wait(account, MAX_ACCOUNT_FAILURES),
        wait(address, MAX_ADDRESS_FAILURES),
    ) {
        (None, None) => Ok(()),
        (a, b) => Err(a.max(b).unwrap_or(WINDOW_SECONDS).max(1) as u64),
    }
}

/// Start of the window that ends at `now`.
pub fn window_start(now: i64) -> i64 {
    now - WINDOW_SECONDS
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn failures(count: i64, seconds_ago: i64) -> RecentFailures {
        RecentFailures {
            count,
            oldest_at: Some(NOW - seconds_ago),
        }
    }

    #[test]
    fn a_few_mistakes_are_allowed() {
        assert_eq!(may_attempt(failures(4, 60), failures(4, 60), NOW), Ok(()));
    }

    #[test]
    fn the_fifth_failure_locks_the_account_until_the_window_passes() {
        assert_eq!(
            may_attempt(failures(5, 60), RecentFailures::default(), NOW),
            Err(14 * 60)
        );
    }

    #[test]
    fn many_failures_from_one_address_lock_that_address() {
        assert_eq!(
            may_attempt(RecentFailures::default(), failures(20, 300), NOW),
            Err(10 * 60)
        );
    }

    #[test]
    fn the_longer_wait_wins() {
        assert_eq!(
            may_attempt(failures(5, 600), failures(20, 60), NOW),
            Err(14 * 60)
        );
    }
}
