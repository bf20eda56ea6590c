//! A client-side rate limiter, so that a plan with hundreds of checks stays under the
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
//! Shape: a sliding window ([`window`]). At most N = ⌊rate⌋ calls (at least one)
//! in any N / rate seconds; for the documented limits, which are whole numbers, that
//! is "at most `rate` calls per second". A call holds its place while in flight and
//! for the span after its answer, so the bound holds at the server whatever the
//! network delays. Why this shape:
//! - A server that counts calls in one-second windows never sees more than `rate` in
//!   one, however it aligns them; nor does a server bucket of `rate` tokens refilled
//!   at `rate` per second drain (any span of t seconds holds at most
//!   `rate * ceil(t)` calls, and such a bucket grants `rate * (1 + t)`).
//! - The first N calls of a plan leave at once instead of one per `1/rate`, so 200
//!   checks at 20/s are sent within about 9 s, not 9.95 s.
//! - It is stricter than the official provider, whose limiter is a bucket of 20
//!   tokens refilled at 20 per second for each action (tencentcloudstack/
//!   terraform-provider-tencentcloud, `tencentcloud/ratelimit/limit.go`, using
//!   yangwenmai/ratelimit's `simpleratelimit`): such a bucket lets 40 calls into
//!   one second (a full bucket, then its refill), and it counts from the send.
//!
//! Fairness: waiters queue on a FIFO lock (tokio's `Mutex` grants in request order);
//! only the head of the queue watches the window, so nobody is overtaken.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};

use tokio::time::Instant;

use super::cancel::{or_cancelled, CancelSignal};
use super::error::ClientError;

mod window;

use window::{Wait, Window};

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

/// A sliding-window limiter with a fair, cancellable `acquire`.
#[derive(Debug)]
pub struct RateLimiter {
    window: Mutex<Window>,
    queue: tokio::sync::Mutex<()>,
    /// Wakes the waiting head of the queue when the rate changes or a call is
    /// answered.
    changed: tokio::sync::Notify,
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
            window: Mutex::new(Window::new(rate)),
            queue: tokio::sync::Mutex::new(()),
            changed: tokio::sync::Notify::new(),
        }
    }

    fn window(&self) -> std::sync::MutexGuard<'_, Window> {
        // The window holds plain values; a panic elsewhere cannot leave it inconsistent.
        self.window.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The current rate, requests per second.
    pub fn rate(&self) -> f64 {
        self.window().rate()
    }

    /// Changes the rate (made sane first, see `sane_rate`).
    pub fn set_rate(&self, rate: f64) {
        let rate = sane_rate(rate);
        self.window().set_rate(rate);
        self.changed.notify_waiters();
    }

    /// Waits for a place in the window, in arrival order, and holds it until the
    /// returned permit is dropped: drop it when the call is answered or given up.
    /// `Cancelled` when `cancel` turns true first (no place is taken then).
    pub async fn acquire(&self, cancel: &mut CancelSignal) -> Result<Permit<'_>, ClientError> {
        let mut cancel_for_wait = cancel.clone();
        or_cancelled(cancel, async {
            let _turn = self.queue.lock().await;
            loop {
                // Registered before reading the window, so a change in between still
                // wakes us.
                let changed = self.changed.notified();
                let wait = match self.window().try_take(Instant::now()) {
                    Ok(()) => return Ok(Permit { limiter: self }),
                    Err(wait) => wait,
                };
                or_cancelled(&mut cancel_for_wait, async {
                    match wait {
                        Wait::For(wait) => tokio::select! {
                            () = tokio::time::sleep(wait) => {}
                            () = changed => {}
                        },
                        Wait::ForAnAnswer => changed.await,
                    }
                    Ok(())
                })
                .await?;
            }
        })
        .await
    }
}

/// A call's place in its limiter's window, held from the send until the answer.
#[derive(Debug)]
#[must_use = "the place is given back when the permit is dropped: keep it for the call"]
pub struct Permit<'a> {
    limiter: &'a RateLimiter,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.limiter.window().answered(Instant::now());
        self.limiter.changed.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cancel::never;
    use std::sync::Arc;
    use std::time::Duration;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// `acquire`, failing the test instead of hanging when no place comes within
    /// an hour (of paused time: a limiter that never frees a place fails at once).
    async fn within_an_hour<'a>(limiter: &'a RateLimiter, cancel: &mut CancelSignal) -> Permit<'a> {
        tokio::time::timeout(Duration::from_secs(3600), limiter.acquire(cancel))
            .await
            .expect("a place within an hour")
            .expect("place")
    }

    /// Takes a place for a call answered at once.
    async fn take(limiter: &RateLimiter, cancel: &mut CancelSignal) {
        drop(within_an_hour(limiter, cancel).await);
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
                    take(&limiter, &mut cancel).await;
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

    /// Send times, from the limiter's creation, of `n` calls made back to back.
    async fn send_times(limiter: &RateLimiter, n: usize) -> Vec<Duration> {
        let start = Instant::now();
        let mut cancel = never();
        let mut times = Vec::new();
        for _ in 0..n {
            take(limiter, &mut cancel).await;
            times.push(start.elapsed());
        }
        times
    }

    #[tokio::test(start_paused = true)]
    async fn a_whole_rate_lets_that_many_calls_into_each_second() {
        let times = send_times(&RateLimiter::new(4.0), 10).await;
        let ms_each = [0, 0, 0, 0, 1000, 1000, 1000, 1000, 2000, 2000];
        assert_eq!(times, ms_each.map(ms));
    }

    #[tokio::test(start_paused = true)]
    async fn a_fractional_rate_keeps_its_long_run_rate() {
        // 2.5/s: two calls in any 0.8 s.
        let times = send_times(&RateLimiter::new(2.5), 6).await;
        assert_eq!(times, [0, 0, 800, 800, 1600, 1600].map(ms));
    }

    #[tokio::test(start_paused = true)]
    async fn slow_rate_has_burst_of_one() {
        let times = send_times(&RateLimiter::new(0.5), 3).await;
        assert_eq!(times, [0, 2000, 4000].map(ms));
    }

    #[tokio::test(start_paused = true)]
    async fn idle_time_banks_no_more_than_one_window() {
        let limiter = RateLimiter::new(2.0);
        send_times(&limiter, 2).await;
        tokio::time::sleep(Duration::from_secs(60)).await;
        let times = send_times(&limiter, 5).await;
        assert_eq!(times, [0, 0, 1000, 1000, 2000].map(ms));
    }

    /// 200 calls at 20/s against both server models the module doc names: no
    /// one-second window, however aligned, sees more than 20, and a bucket of 20
    /// tokens refilled at 20/s never runs dry; the last call leaves at 9 s.
    #[tokio::test(start_paused = true)]
    async fn two_hundred_calls_fit_fixed_windows_and_a_server_bucket() {
        let times = send_times(&RateLimiter::new(20.0), 200).await;
        assert_eq!(times.last(), Some(&Duration::from_secs(9)));
        for offset_ms in [0, 1, 250, 500, 999] {
            let offset = ms(offset_ms);
            let mut per_window = HashMap::new();
            for t in &times {
                let window = (*t + ms(1000) - offset).as_millis() / 1000;
                *per_window.entry(window).or_insert(0) += 1;
            }
            let most = per_window.values().max().copied().unwrap_or(0);
            assert!(
                most <= 20,
                "offset {offset_ms} ms: {most} calls in one window"
            );
        }
        let (mut tokens, mut last) = (20.0_f64, Duration::ZERO);
        for t in &times {
            tokens = (tokens + (*t - last).as_secs_f64() * 20.0).min(20.0);
            last = *t;
            assert!(tokens >= 1.0 - 1e-9, "server bucket dry at {t:?}");
            tokens -= 1.0;
        }
    }

    #[tokio::test(start_paused = true)]
    async fn huge_rates_keep_a_bounded_window() {
        let limiter = RateLimiter::new(MAX_RATE);
        let times = send_times(&limiter, window::MAX_PLACES + 1).await;
        assert_eq!(times[window::MAX_PLACES - 1], Duration::ZERO);
        assert_eq!(times[window::MAX_PLACES], ms(1), "1000 calls per ms");
        assert!(limiter.window().held().1 <= window::MAX_PLACES);
    }

    /// Calls that take 300 ms each: a place frees a second after the answer, not
    /// after the send, so the next pair leaves at 1.3 s.
    #[tokio::test(start_paused = true)]
    async fn places_free_a_span_after_the_answer() {
        let limiter = Arc::new(RateLimiter::new(2.0));
        let start = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..4 {
            let limiter = limiter.clone();
            tasks.push(tokio::spawn(async move {
                let permit = within_an_hour(&limiter, &mut never()).await;
                let sent = start.elapsed();
                tokio::time::sleep(ms(300)).await;
                drop(permit);
                sent
            }));
            tokio::task::yield_now().await;
        }
        let mut sent = Vec::new();
        for t in tasks {
            sent.push(t.await.expect("task"));
        }
        assert_eq!(sent, [0, 0, 1300, 1300].map(ms));
    }

    /// When every place is held by a call in flight, the next call waits for an
    /// answer, however long, and then the span after it.
    #[tokio::test(start_paused = true)]
    async fn a_call_in_flight_holds_its_place_until_answered() {
        let limiter = Arc::new(RateLimiter::new(1.0));
        let start = Instant::now();
        let permit = within_an_hour(&limiter, &mut never()).await;
        let next = {
            let limiter = limiter.clone();
            tokio::spawn(async move {
                drop(within_an_hour(&limiter, &mut never()).await);
                start.elapsed()
            })
        };
        tokio::time::sleep(Duration::from_secs(30)).await;
        drop(permit);
        assert_eq!(next.await.expect("task"), Duration::from_secs(31));
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
                take(&limiter, &mut cancel).await;
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
    async fn cancel_stops_a_waiter_without_using_a_place() {
        let limiter = Arc::new(RateLimiter::new(1.0));
        let mut cancel = never();
        take(&limiter, &mut cancel).await;

        let (tx, rx) = tokio::sync::watch::channel(false);
        let waiter = {
            let limiter = limiter.clone();
            tokio::spawn(async move {
                let mut rx = rx;
                limiter.acquire(&mut rx).await.map(drop)
            })
        };
        tokio::time::sleep(ms(300)).await;
        tx.send_replace(true);
        let got = waiter.await.expect("task");
        assert!(matches!(got, Err(ClientError::Cancelled)));

        // The place that frees at 1 s is still there for the next caller.
        let start = Instant::now();
        take(&limiter, &mut cancel).await;
        assert_eq!(start.elapsed(), ms(700));
    }

    #[tokio::test(start_paused = true)]
    async fn a_lower_rate_holds_back_the_next_call() {
        let limiter = RateLimiter::new(10.0);
        send_times(&limiter, 10).await;
        limiter.set_rate(1.0);
        assert_eq!(send_times(&limiter, 2).await, [1000, 2000].map(ms));
    }

    #[tokio::test(start_paused = true)]
    async fn rate_change_applies_to_current_waiter() {
        let limiter = Arc::new(RateLimiter::new(0.1));
        let mut cancel = never();
        take(&limiter, &mut cancel).await;
        let start = Instant::now();
        let waiter = {
            let limiter = limiter.clone();
            tokio::spawn(async move { drop(within_an_hour(&limiter, &mut never()).await) })
        };
        tokio::time::sleep(Duration::from_secs(1)).await;
        limiter.set_rate(10.0);
        assert_eq!(limiter.rate(), 10.0);
        waiter.await.expect("task");
        // At 10/s the window holds ten calls a second, and only one was sent: the
        // waiter leaves at once instead of at 10 s.
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }
}
