//! A client-side token bucket, so that a plan with hundreds of checks stays under the
//! API's limit (20 requests per second for `CheckProxyCreate`) instead of failing with
//! `RequestLimitExceeded`.
//!
//! One limiter per (service, action) serves the whole process ([`for_action`]): the API
//! counts per action and account (and region), not per provider instance, and each
//! action has its own documented limit. The caller says the rate on every acquire
//! (the call path passes the configured `rate_limit` for GAAP actions and the
//! documented limit for STS ones), so with one provider configuration (the usual
//! case) a limiter simply runs at the configured rate; with several, the rate of the
//! newest caller applies.
//!
//! Spacing: the bucket holds one token, so requests leave evenly, one every `1/rate`
//! seconds, never in a burst. However the server aligns its one-second windows, none
//! then sees more than `rate` calls (a bucket of `rate` tokens could put `2 * rate`
//! calls into one window: a full bucket at its end plus the refill).
//!
//! Fairness: waiters queue on a FIFO lock (tokio's `Mutex` grants in request order);
//! only the head of the queue watches the bucket, so nobody is overtaken.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

use super::cancel::{or_cancelled, CancelSignal};
use super::error::ClientError;

/// The rate a limiter falls back to when given NaN, zero or a negative rate: the
/// documented limit of `CheckProxyCreate` (20 per second), the lowest of the actions
/// this crate calls.
pub const FALLBACK_RATE: f64 = 20.0;

/// The lowest rate accepted, requests per second: one call every 10 seconds.
///
/// Why 0.1: below it a limiter waits longer than any `request_timeout` a user would
/// set (a few seconds) between two calls, so a plan of a handful of checks takes many
/// minutes and looks hung; and a rate near zero makes the wait `1/rate` overflow
/// `Duration` (a panic) or stall reads for years (`1e-20` is 3e12 years). Every
/// configured rate is checked against it ([`validate_rate`]), and the limiter clamps
/// whatever it is given into `MIN_RATE..=MAX_RATE` so no input can panic it.
pub const MIN_RATE: f64 = 0.1;

/// The highest rate a limiter runs at: far above any documented API limit, and a
/// gap (`1 / MAX_RATE`) still well within `Duration`'s resolution.
pub const MAX_RATE: f64 = 1e6;

/// The longest wait for one token: one gap at [`MIN_RATE`].
const MAX_WAIT: Duration = Duration::from_secs(10);

/// A token short by less than this counts as whole.
const TOLERANCE: f64 = 1e-6;
/// Shortest wait: the timer's resolution.
const MIN_WAIT: Duration = Duration::from_millis(1);

/// The most tokens the bucket holds; see the module doc for why it is one.
const BURST: f64 = 1.0;

/// The bucket: `rate` tokens per second, holding at most [`BURST`].
#[derive(Debug)]
struct Bucket {
    rate: f64,
    tokens: f64,
    updated: Instant,
}

impl Bucket {
    fn new(rate: f64, now: Instant) -> Self {
        Bucket {
            rate,
            tokens: BURST,
            updated: now,
        }
    }

    fn refill(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.rate).min(BURST);
        self.updated = now;
    }

    /// Takes a token, or says how long until one is there.
    fn try_take(&mut self, now: Instant) -> Result<(), Duration> {
        self.refill(now);
        // Tolerance: refills are float sums (0.1 + 0.9 can land just below 1), and a
        // shortfall of a rounding error must not turn into a wait the timer rounds to 0.
        if self.tokens >= 1.0 - TOLERANCE {
            self.tokens = (self.tokens - 1.0).max(0.0);
            Ok(())
        } else {
            // `rate` is clamped (see `sane_rate`), so this is finite; the fallback
            // and the bound only keep a future change from turning into a panic.
            let wait =
                Duration::try_from_secs_f64((1.0 - self.tokens) / self.rate).unwrap_or(MAX_WAIT);
            Err(wait.clamp(MIN_WAIT, MAX_WAIT))
        }
    }
}

/// A token bucket with a fair, cancellable `acquire`.
#[derive(Debug)]
pub struct RateLimiter {
    bucket: Mutex<Bucket>,
    queue: tokio::sync::Mutex<()>,
    /// Wakes the waiting head of the queue when the rate changes.
    rate_changed: tokio::sync::Notify,
}

/// The process-wide limiters, one per (service, action); never removed (there is one
/// per action the process calls, a handful), hence `'static`.
static LIMITERS: LazyLock<Mutex<HashMap<(&'static str, &'static str), &'static RateLimiter>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The process-wide limiter of `action` of `service`, running at `rate` (created at
/// that rate on first use, changed to it when it differs).
pub fn for_action(service: &'static str, action: &'static str, rate: f64) -> &'static RateLimiter {
    let limiter = *LIMITERS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .entry((service, action))
        .or_insert_with(|| Box::leak(Box::new(RateLimiter::new(rate))));
    if limiter.rate() != sane_rate(rate) {
        limiter.set_rate(rate);
    }
    limiter
}

/// Checks a configured rate: finite and at least [`MIN_RATE`].
pub fn validate_rate(rate: f64) -> Result<f64, ClientError> {
    if rate.is_finite() && rate >= MIN_RATE {
        Ok(rate)
    } else {
        Err(ClientError::Config(format!(
            "rate_limit must be a number of requests per second of at least {MIN_RATE}, \
             got: {rate}"
        )))
    }
}

/// The rate a limiter runs at for any input: NaN, zero and negative rates (which
/// [`validate_rate`] keeps out of configurations) fall back to [`FALLBACK_RATE`];
/// others are clamped into `MIN_RATE..=MAX_RATE`, so no wait overflows or stalls.
fn sane_rate(rate: f64) -> f64 {
    if rate.is_nan() || rate <= 0.0 {
        FALLBACK_RATE
    } else {
        rate.clamp(MIN_RATE, MAX_RATE)
    }
}

impl RateLimiter {
    /// A limiter of `rate` requests per second (callers pass a validated rate; any
    /// other is made sane, see `sane_rate`).
    pub fn new(rate: f64) -> Self {
        let rate = sane_rate(rate);
        RateLimiter {
            bucket: Mutex::new(Bucket::new(rate, Instant::now())),
            queue: tokio::sync::Mutex::new(()),
            rate_changed: tokio::sync::Notify::new(),
        }
    }

    fn bucket(&self) -> std::sync::MutexGuard<'_, Bucket> {
        // The bucket holds plain numbers; a panic elsewhere cannot leave it inconsistent.
        self.bucket.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The current rate, requests per second.
    pub fn rate(&self) -> f64 {
        self.bucket().rate
    }

    /// Changes the rate (made sane first, see `sane_rate`).
    pub fn set_rate(&self, rate: f64) {
        let rate = sane_rate(rate);
        let mut bucket = self.bucket();
        bucket.refill(Instant::now());
        bucket.rate = rate;
        drop(bucket);
        self.rate_changed.notify_waiters();
    }

    /// Waits for a token, in arrival order. `Cancelled` when `cancel` turns true first
    /// (no token is used then).
    pub async fn acquire(&self, cancel: &mut CancelSignal) -> Result<(), ClientError> {
        let mut cancel_for_sleep = cancel.clone();
        or_cancelled(cancel, async {
            let _turn = self.queue.lock().await;
            loop {
                // Registered before reading the bucket, so a rate change in between
                // still wakes us.
                let rate_changed = self.rate_changed.notified();
                let wait = match self.bucket().try_take(Instant::now()) {
                    Ok(()) => return Ok(()),
                    Err(wait) => wait,
                };
                or_cancelled(&mut cancel_for_sleep, async {
                    tokio::select! {
                        () = tokio::time::sleep(wait) => {}
                        () = rate_changed => {}
                    }
                    Ok(())
                })
                .await?;
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cancel::never;
    use std::sync::Arc;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn rates_must_be_positive_and_finite() {
        assert!(validate_rate(0.5).is_ok());
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let err = validate_rate(bad).expect_err("rejected");
            assert!(err.to_string().contains("at least 0.1"), "{err}");
        }
    }

    #[test]
    fn rates_below_the_minimum_are_refused() {
        assert!(validate_rate(MIN_RATE).is_ok());
        for tiny in [MIN_RATE / 2.0, 1e-20, f64::MIN_POSITIVE, 5e-324] {
            let err = validate_rate(tiny).expect_err("too small");
            assert!(err.to_string().contains("at least 0.1"), "{err}");
        }
    }

    /// Whatever rate a limiter is built or set with, `acquire` neither panics (a
    /// wait beyond `Duration`'s range) nor waits longer than one minimum-rate gap.
    #[tokio::test(start_paused = true)]
    async fn extreme_rates_never_panic_or_stall() {
        let extremes = [
            1e-20,
            5e-324,
            f64::MIN_POSITIVE,
            0.0,
            -0.0,
            -1.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
            f64::MAX,
        ];
        let longest = Duration::from_secs_f64(1.0 / MIN_RATE);
        for rate in extremes {
            for limiter in [RateLimiter::new(rate), {
                let l = RateLimiter::new(1.0);
                l.set_rate(rate);
                l
            }] {
                let mut cancel = never();
                let start = Instant::now();
                for _ in 0..3 {
                    limiter.acquire(&mut cancel).await.expect("token");
                }
                let took = start.elapsed();
                assert!(took <= longest * 2, "rate {rate}: {took:?}");
                assert!(
                    limiter.rate().is_finite() && limiter.rate() >= MIN_RATE,
                    "{rate}"
                );
            }
        }
    }

    #[test]
    fn one_limiter_per_action_following_the_callers_rate() {
        let a = for_action("test-svc", "ActionA", 5.0);
        let b = for_action("test-svc", "ActionB", 7.0);
        assert!(!std::ptr::eq(a, b));
        assert_eq!(b.rate(), 7.0);
        let again = for_action("test-svc", "ActionA", 9.0);
        assert!(std::ptr::eq(a, again));
        assert_eq!(a.rate(), 9.0);
        assert_eq!(RateLimiter::new(f64::NAN).rate(), FALLBACK_RATE);
    }

    #[tokio::test(start_paused = true)]
    async fn requests_leave_evenly_spaced() {
        let limiter = RateLimiter::new(4.0);
        let start = Instant::now();
        let mut cancel = never();
        let mut times = Vec::new();
        for _ in 0..8 {
            limiter.acquire(&mut cancel).await.expect("token");
            times.push(start.elapsed());
        }
        assert_eq!(
            times,
            [
                ms(0),
                ms(250),
                ms(500),
                ms(750),
                ms(1000),
                ms(1250),
                ms(1500),
                ms(1750)
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn slow_rate_has_burst_of_one() {
        let limiter = RateLimiter::new(0.5);
        let start = Instant::now();
        let mut cancel = never();
        limiter.acquire(&mut cancel).await.expect("token");
        limiter.acquire(&mut cancel).await.expect("token");
        assert_eq!(start.elapsed(), Duration::from_secs(2));
    }

    #[tokio::test(start_paused = true)]
    async fn idle_time_banks_one_token_only() {
        let limiter = RateLimiter::new(2.0);
        let mut cancel = never();
        tokio::time::sleep(Duration::from_secs(60)).await;
        let start = Instant::now();
        for _ in 0..3 {
            limiter.acquire(&mut cancel).await.expect("token");
        }
        assert_eq!(start.elapsed(), ms(1000), "1 banked, the others wait");
    }

    #[tokio::test(start_paused = true)]
    async fn waiters_are_served_in_arrival_order() {
        let limiter = Arc::new(RateLimiter::new(1.0));
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for i in 0..5 {
            let limiter = limiter.clone();
            let order = order.clone();
            tasks.push(tokio::spawn(async move {
                let mut cancel = never();
                limiter.acquire(&mut cancel).await.expect("token");
                order.lock().expect("lock").push((i, Instant::now()));
            }));
            // Let task i queue before task i+1 is spawned.
            tokio::task::yield_now().await;
        }
        let start = Instant::now();
        for t in tasks {
            t.await.expect("task");
        }
        let order = order.lock().expect("lock").clone();
        let ids: Vec<i32> = order.iter().map(|(i, _)| *i).collect();
        assert_eq!(ids, [0, 1, 2, 3, 4]);
        let last = order.last().expect("five").1;
        assert_eq!(last.duration_since(start), Duration::from_secs(4));
    }

    #[tokio::test(start_paused = true)]
    async fn cancel_stops_a_waiter_without_using_a_token() {
        let limiter = Arc::new(RateLimiter::new(1.0));
        let mut cancel = never();
        limiter.acquire(&mut cancel).await.expect("first token");

        let (tx, rx) = tokio::sync::watch::channel(false);
        let waiter = {
            let limiter = limiter.clone();
            tokio::spawn(async move {
                let mut rx = rx;
                limiter.acquire(&mut rx).await
            })
        };
        tokio::time::sleep(ms(300)).await;
        tx.send_replace(true);
        let got = waiter.await.expect("task");
        assert!(matches!(got, Err(ClientError::Cancelled)));

        // The token that refills at 1 s is still there for the next caller.
        let start = Instant::now();
        limiter.acquire(&mut cancel).await.expect("token");
        assert_eq!(start.elapsed(), ms(700));
    }

    #[tokio::test(start_paused = true)]
    async fn rate_change_applies_to_current_waiter() {
        let limiter = Arc::new(RateLimiter::new(0.1));
        let mut cancel = never();
        limiter.acquire(&mut cancel).await.expect("first token");
        let start = Instant::now();
        let waiter = {
            let limiter = limiter.clone();
            tokio::spawn(async move { limiter.acquire(&mut never()).await })
        };
        tokio::time::sleep(Duration::from_secs(1)).await;
        limiter.set_rate(10.0);
        assert_eq!(limiter.rate(), 10.0);
        waiter.await.expect("task").expect("token");
        // 0.1 token banked by 1 s at the old rate; the other 0.9 takes 90 ms at the
        // new one, instead of the 9 s the old rate still needed.
        let took = start.elapsed();
        assert!(took >= ms(1080) && took <= ms(1100), "{took:?}");
    }
}
