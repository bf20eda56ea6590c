//! A source of temporary credentials (CVM role, AssumeRole) that caches the last
//! one and fetches a new one before it expires.
//!
//! Like the official SDKs it refreshes once 90% of the lifetime has passed, and also
//! when less than a minute is left (short sessions). One refresh runs at a time (a
//! [`SingleFlight`] that keeps nothing: the source keeps the credential itself, for
//! as long as it is fresh); callers that arrive meanwhile wait for it and share its
//! result, a failure as well as a success (the next caller after it tries again).

use std::sync::{Arc, Mutex};

use super::clock::Clock;
use super::source::{BoxFuture, Credential, CredentialSource};
use crate::error::CredentialError;
use crate::single_flight::SingleFlight;

/// Share of the lifetime after which a temporary credential is refreshed.
pub const REFRESH_AT_PERCENT: i64 = 90;
/// A credential with less than this left is refreshed whatever its lifetime.
pub const REFRESH_MIN_REMAINING_SECS: i64 = 60;
/// When a refresh fails, the old credential is still used if it has at least this
/// long left: a request signed with it will still be accepted.
pub const EXPIRY_GRACE_SECS: i64 = 5;

/// A credential with its expiry, as the metadata service and STS answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemporaryCredential {
    pub credential: Credential,
    /// Unix seconds (`ExpiredTime`).
    pub expires_at: i64,
}

/// Fetches a fresh temporary credential.
pub trait Fetcher: Send + Sync {
    fn fetch(&self) -> BoxFuture<'_, Result<TemporaryCredential, CredentialError>>;
    /// A stable key for the credential this fetcher produces; never a secret.
    fn identity(&self) -> String;
}

#[derive(Clone)]
struct Cached {
    credential: Credential,
    fetched_at: i64,
    expires_at: i64,
}

impl Cached {
    /// The first second at which the credential is refreshed.
    fn refresh_at(&self) -> i64 {
        let lifetime = self.expires_at.saturating_sub(self.fetched_at).max(0);
        let by_share = self
            .fetched_at
            .saturating_add(lifetime.saturating_mul(REFRESH_AT_PERCENT) / 100);
        by_share.min(self.expires_at.saturating_sub(REFRESH_MIN_REMAINING_SECS))
    }

    fn is_fresh(&self, now: i64) -> bool {
        now < self.refresh_at()
    }

    fn is_usable(&self, now: i64) -> bool {
        now < self.expires_at.saturating_sub(EXPIRY_GRACE_SECS)
    }
}

/// Caches what a [`Fetcher`] returns and refreshes it on time.
pub struct RefreshingSource<F> {
    fetcher: F,
    clock: Arc<dyn Clock>,
    cached: Mutex<Option<Cached>>,
    /// The refresh in flight, if any, which callers that come meanwhile share.
    in_flight: SingleFlight<(), Credential, CredentialError>,
}

impl<F: Fetcher> RefreshingSource<F> {
    pub fn new(fetcher: F, clock: Arc<dyn Clock>) -> Self {
        RefreshingSource {
            fetcher,
            clock,
            cached: Mutex::new(None),
            in_flight: SingleFlight::in_flight_only(),
        }
    }

    fn cached(&self) -> Option<Cached> {
        // A poisoned lock only means another caller panicked mid-assignment of a
        // plain value; the value itself is still whole.
        self.cached
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn fresh(&self, now: i64) -> Option<Credential> {
        self.cached()
            .filter(|c| c.is_fresh(now))
            .map(|c| c.credential)
    }

    async fn get(&self) -> Result<Credential, CredentialError> {
        if let Some(credential) = self.fresh(self.clock.now_unix()) {
            return Ok(credential);
        }
        // A failed refresh reaches every caller that waited for it, rather than each
        // waiter fetching (and timing out) in turn.
        match self.in_flight.run(&(), || self.refresh()).await {
            Ok(credential) => Ok(credential),
            Err(error) => self.after_failure(error, self.clock.now_unix()),
        }
    }

    /// Run by one caller at a time: fetches, and keeps the credential before the
    /// callers after this refresh look at the cache.
    async fn refresh(&self) -> Result<Credential, CredentialError> {
        // A refresh that ended between this caller's look at the cache and its turn
        // may have left a fresh credential.
        let now = self.clock.now_unix();
        if let Some(credential) = self.fresh(now) {
            return Ok(credential);
        }
        let fetched = self.fetcher.fetch().await?;
        let identity = self.fetcher.identity();
        if fetched.expires_at <= now {
            tracing::warn!(
                identity,
                expires_at = fetched.expires_at,
                now,
                "temporary credential is already expired by the local clock; check the system clock"
            );
        } else {
            tracing::debug!(
                identity,
                expires_at = fetched.expires_at,
                "temporary credential refreshed"
            );
        }
        let cached = Cached {
            credential: fetched.credential.clone(),
            fetched_at: now,
            expires_at: fetched.expires_at,
        };
        *self
            .cached
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(cached);
        Ok(fetched.credential)
    }

    /// After a failed fetch: the current credential while it is still usable, else
    /// the error.
    fn after_failure(
        &self,
        error: CredentialError,
        now: i64,
    ) -> Result<Credential, CredentialError> {
        match self.cached().filter(|c| c.is_usable(now)) {
            Some(old) => {
                tracing::warn!(
                    identity = self.fetcher.identity(),
                    expires_at = old.expires_at,
                    %error,
                    "refreshing the temporary credential failed; using the current one until it expires"
                );
                Ok(old.credential)
            }
            None => Err(error),
        }
    }
}

impl<F: Fetcher> CredentialSource for RefreshingSource<F> {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
        Box::pin(self.get())
    }

    fn identity(&self) -> String {
        self.fetcher.identity()
    }
}

impl<F: Fetcher> std::fmt::Debug for RefreshingSource<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RefreshingSource")
            .field("identity", &self.fetcher.identity())
            .field("expires_at", &self.cached().map(|c| c.expires_at))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
    use std::time::Duration;

    /// A clock tests move by hand.
    #[derive(Default)]
    struct FakeClock(AtomicI64);

    impl FakeClock {
        fn at(t: i64) -> Arc<Self> {
            Arc::new(FakeClock(AtomicI64::new(t)))
        }
        fn set(&self, t: i64) {
            self.0.store(t, Ordering::SeqCst);
        }
    }

    impl Clock for FakeClock {
        fn now_unix(&self) -> i64 {
            self.0.load(Ordering::SeqCst)
        }
    }

    /// Answers credentials `AKIDn` (n = fetch count) living `lifetime` seconds from
    /// the clock's now, after `delay`; fails while `fail` is set.
    struct CountingFetcher {
        clock: Arc<FakeClock>,
        lifetime: i64,
        delay: Duration,
        fetches: Arc<AtomicUsize>,
        attempts: Arc<AtomicUsize>,
        fail: Arc<std::sync::atomic::AtomicBool>,
    }

    impl Fetcher for CountingFetcher {
        fn fetch(&self) -> BoxFuture<'_, Result<TemporaryCredential, CredentialError>> {
            Box::pin(async move {
                self.attempts.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(self.delay).await;
                if self.fail.load(Ordering::SeqCst) {
                    return Err(CredentialError::Fetch("metadata service down".into()));
                }
                let n = self.fetches.fetch_add(1, Ordering::SeqCst) + 1;
                Ok(TemporaryCredential {
                    credential: Credential {
                        secret_id: format!("AKID{n}"),
                        secret_key: "k".into(),
                        token: Some("t".into()),
                    },
                    expires_at: self.clock.now_unix() + self.lifetime,
                })
            })
        }
        fn identity(&self) -> String {
            "test".into()
        }
    }

    struct Setup {
        clock: Arc<FakeClock>,
        fetches: Arc<AtomicUsize>,
        attempts: Arc<AtomicUsize>,
        fail: Arc<std::sync::atomic::AtomicBool>,
        source: Arc<RefreshingSource<CountingFetcher>>,
    }

    fn setup(lifetime: i64, delay: Duration) -> Setup {
        let clock = FakeClock::at(1_000);
        let fetches = Arc::new(AtomicUsize::new(0));
        let attempts = Arc::new(AtomicUsize::new(0));
        let fail = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let fetcher = CountingFetcher {
            clock: clock.clone(),
            lifetime,
            delay,
            fetches: fetches.clone(),
            attempts: attempts.clone(),
            fail: fail.clone(),
        };
        let source = Arc::new(RefreshingSource::new(fetcher, clock.clone()));
        Setup {
            clock,
            fetches,
            attempts,
            fail,
            source,
        }
    }

    async fn id(source: &RefreshingSource<CountingFetcher>) -> String {
        source.credential().await.unwrap().secret_id
    }

    #[tokio::test]
    async fn refreshes_at_ninety_percent_not_before() {
        let s = setup(1_000, Duration::ZERO);
        assert_eq!(id(&s.source).await, "AKID1");
        s.clock.set(1_000 + 899);
        assert_eq!(id(&s.source).await, "AKID1");
        assert_eq!(s.fetches.load(Ordering::SeqCst), 1);
        s.clock.set(1_000 + 900);
        assert_eq!(id(&s.source).await, "AKID2");
        // The new one lives from 1900 to 2900: next refresh at 2800.
        s.clock.set(2_799);
        assert_eq!(id(&s.source).await, "AKID2");
        s.clock.set(2_800);
        assert_eq!(id(&s.source).await, "AKID3");
    }

    #[tokio::test]
    async fn short_lifetimes_refresh_a_minute_before_expiry() {
        let s = setup(100, Duration::ZERO);
        assert_eq!(id(&s.source).await, "AKID1");
        s.clock.set(1_039);
        assert_eq!(id(&s.source).await, "AKID1");
        s.clock.set(1_040);
        assert_eq!(id(&s.source).await, "AKID2");
    }

    #[tokio::test]
    async fn concurrent_callers_share_one_refresh() {
        let s = setup(1_000, Duration::from_millis(50));
        let calls = (0..16).map(|_| {
            let source = s.source.clone();
            tokio::spawn(async move { id(&source).await })
        });
        let ids = futures_util::future::join_all(calls).await;
        assert!(
            ids.iter().all(|r| r.as_deref().ok() == Some("AKID1")),
            "{ids:?}"
        );
        assert_eq!(s.fetches.load(Ordering::SeqCst), 1);

        s.clock.set(1_950);
        let calls = (0..16).map(|_| {
            let source = s.source.clone();
            tokio::spawn(async move { id(&source).await })
        });
        let ids = futures_util::future::join_all(calls).await;
        assert!(
            ids.iter().all(|r| r.as_deref().ok() == Some("AKID2")),
            "{ids:?}"
        );
        assert_eq!(s.fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn failed_refresh_keeps_a_still_valid_credential_then_fails() {
        let s = setup(1_000, Duration::ZERO);
        assert_eq!(id(&s.source).await, "AKID1");
        s.fail.store(true, Ordering::SeqCst);
        s.clock.set(1_950);
        assert_eq!(id(&s.source).await, "AKID1");
        s.clock.set(1_996);
        let err = s.source.credential().await.unwrap_err();
        assert_eq!(err, CredentialError::Fetch("metadata service down".into()));
        s.fail.store(false, Ordering::SeqCst);
        assert_eq!(id(&s.source).await, "AKID2");
    }

    #[tokio::test]
    async fn first_fetch_failure_is_returned_and_retried_next_time() {
        let s = setup(1_000, Duration::ZERO);
        s.fail.store(true, Ordering::SeqCst);
        assert!(matches!(
            s.source.credential().await,
            Err(CredentialError::Fetch(_))
        ));
        s.fail.store(false, Ordering::SeqCst);
        assert_eq!(id(&s.source).await, "AKID1");
        assert_eq!(s.source.identity(), "test");
    }

    /// A caller that gives up mid-refresh (its GAAP call cancelled, its future
    /// dropped) does not leave the callers waiting for that refresh without one: the
    /// next of them fetches.
    #[tokio::test(start_paused = true)]
    async fn a_waiter_fetches_when_the_refreshing_caller_is_dropped() {
        let s = setup(1_000, Duration::from_secs(10));
        let first = {
            let source = s.source.clone();
            tokio::spawn(async move { id(&source).await })
        };
        tokio::task::yield_now().await;
        let waiter = {
            let source = s.source.clone();
            tokio::spawn(async move { id(&source).await })
        };
        tokio::time::sleep(Duration::from_secs(1)).await;
        first.abort();
        assert_eq!(waiter.await.expect("task"), "AKID1");
        assert_eq!(s.attempts.load(Ordering::SeqCst), 2);
        assert_eq!(s.fetches.load(Ordering::SeqCst), 1);
    }

    /// A failing fetch (a metadata service that times out) is shared like a
    /// successful one: N readers waiting on it get its error after one fetch's time,
    /// instead of queueing for N timeouts in turn. The next read tries again.
    #[tokio::test(start_paused = true)]
    async fn concurrent_callers_share_a_failed_fetch() {
        let s = setup(1_000, Duration::from_secs(10));
        s.fail.store(true, Ordering::SeqCst);
        let start = tokio::time::Instant::now();
        let calls = (0..8).map(|_| {
            let source = s.source.clone();
            tokio::spawn(async move { source.credential().await })
        });
        let results = futures_util::future::join_all(calls).await;
        for result in &results {
            let got = result.as_ref().expect("task");
            assert_eq!(
                got,
                &Err(CredentialError::Fetch("metadata service down".into()))
            );
        }
        assert_eq!(s.attempts.load(Ordering::SeqCst), 1, "one fetch");
        assert_eq!(start.elapsed(), Duration::from_secs(10), "one fetch's time");

        s.fail.store(false, Ordering::SeqCst);
        assert_eq!(id(&s.source).await, "AKID1");
        assert_eq!(
            s.attempts.load(Ordering::SeqCst),
            2,
            "the next read retries"
        );
    }
}
