//! When and how long to wait before trying a request again: exponential backoff with jitter on
//! connection errors, timeouts, and the statuses that mean "later" (408, 425, 429, 5xx),
//! honouring the server's `Retry-After`. GraphQL errors are answers, never retried. And the
//! [`Limits`] that keep a fetch bounded whatever the server does: one overall deadline for all
//! requests, retries and waits (`--max-time`), and a cap on the decoded size of each answer
//! (`--max-response-size`).

use std::time::{Duration, Instant, SystemTime};

/// Retries a user may ask for (`--retries`): more would only hide a server that is down.
pub const MAX_RETRIES: u32 = 10;

/// The decoded size of an answer, by default: GitHub's schema, among the largest public ones,
/// is about 7 MB of introspection JSON.
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 256 << 20;

/// The overall deadline of a fetch when none is given: the probe and the query, each with every
/// attempt running to `timeout`, and half a minute for the waits between them.
pub fn default_max_time(timeout: Duration, retries: u32) -> Duration {
    timeout
        .saturating_mul(2 * (retries.min(MAX_RETRIES) + 1))
        .saturating_add(Duration::from_secs(30))
}

/// What keeps one fetch bounded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Bytes of an answer, after decompression.
    pub max_response_size: u64,
    pub deadline: Option<Deadline>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            deadline: None,
        }
    }
}

/// The instant a fetch must be over by, and the `--max-time` it came from (for messages).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    pub at: Instant,
    pub max_time: Duration,
}

impl Deadline {
    pub(crate) fn after(max_time: Duration) -> Deadline {
        Deadline {
            at: Instant::now() + max_time,
            max_time,
        }
    }

    pub(crate) fn remaining(&self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }

    /// Whether waiting `delay` still leaves time for another attempt.
    pub(crate) fn allows_wait(&self, delay: Duration) -> bool {
        delay < self.remaining()
    }
}

/// Statuses worth another try, besides every 5xx.
const RETRYABLE_STATUSES: [u16; 3] = [408, 425, 429];

/// A server asking for more than this is asking for too long: wait this long at most, so a run
/// stays bounded.
const LONGEST_RETRY_AFTER: Duration = Duration::from_secs(120);

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// The first backoff; each later one doubles, up to `cap`.
    pub base: Duration,
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 3,
            base: Duration::from_millis(400),
            cap: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    pub fn retryable_status(status: u16) -> bool {
        RETRYABLE_STATUSES.contains(&status) || (500..600).contains(&status)
    }

    /// The wait before retry number `retry` (0 for the first retry): the server's `Retry-After`
    /// when it gave one, else an exponential backoff with "equal jitter" (half fixed, half
    /// random), so many clients failing together do not retry together.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            return wait.min(LONGEST_RETRY_AFTER);
        }
        let exponential = self
            .base
            .saturating_mul(1u32.checked_shl(retry.min(16)).unwrap_or(u32::MAX))
            .min(self.cap);
        let half = exponential / 2;
        half + half.mul_f64(rand::random::<f64>())
    }
}

/// Parse a `Retry-After` value: delay seconds or an HTTP date.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_deadline_grows_with_timeout_and_retries_and_is_bounded() {
        assert_eq!(
            default_max_time(Duration::from_secs(60), 3),
            Duration::from_secs(60 * 8 + 30)
        );
        assert_eq!(
            default_max_time(Duration::from_secs(1), 0),
            Duration::from_secs(32)
        );
        assert_eq!(
            default_max_time(Duration::from_secs(1), u32::MAX),
            default_max_time(Duration::from_secs(1), MAX_RETRIES)
        );
    }

    #[test]
    fn a_deadline_allows_only_waits_that_end_before_it() {
        let deadline = Deadline::after(Duration::from_secs(2));
        assert!(deadline.allows_wait(Duration::from_millis(500)));
        assert!(!deadline.allows_wait(Duration::from_secs(100)));
        assert!(deadline.remaining() <= Duration::from_secs(2));
        let over = Deadline::after(Duration::ZERO);
        assert!(!over.allows_wait(Duration::ZERO));
    }

    #[test]
    fn statuses() {
        for s in [408, 425, 429, 500, 502, 503, 504, 599] {
            assert!(RetryPolicy::retryable_status(s), "{s}");
        }
        for s in [200, 400, 401, 403, 404, 422] {
            assert!(!RetryPolicy::retryable_status(s), "{s}");
        }
    }

    #[test]
    fn backoff_grows_with_jitter_and_stops_at_the_cap() {
        let p = RetryPolicy {
            retries: 10,
            base: Duration::from_millis(100),
            cap: Duration::from_secs(1),
        };
        for retry in 0..10 {
            let full = (Duration::from_millis(100) * 2u32.pow(retry)).min(Duration::from_secs(1));
            let d = p.delay(retry, None);
            assert!(
                d >= full / 2 && d <= full,
                "retry {retry}: {d:?} not in [{:?}, {full:?}]",
                full / 2
            );
        }
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(3))),
            Duration::from_secs(3)
        );
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(3600))),
            LONGEST_RETRY_AFTER
        );
    }

    #[test]
    fn retry_after_seconds_or_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        assert_eq!(parse_retry_after(" 7 ", now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(
            parse_retry_after(&later, now),
            Some(Duration::from_secs(30))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
