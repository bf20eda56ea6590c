//! Identical calls in one process share one call: the API calls of a plan, and the
//! refreshes of a temporary credential (`credentials::refreshing`).
//!
//! A plan often holds the same check many times (modules instantiated per
//! environment); Terraform reads them concurrently. The first caller for a key runs
//! the call; callers arriving meanwhile wait for its outcome. A successful answer is
//! kept for the life of the process (a plan, an apply) and reused, unless the flight
//! was made with [`SingleFlight::in_flight_only`] (its owner keeps answers itself, for
//! as long as they are valid). Errors are never kept: the waiters of a failed call get
//! its error, and the next caller tries again. When the running caller gives up
//! (cancelled or its future dropped), a waiter takes over instead of inheriting a
//! cancellation that was not its own.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard, PoisonError};

use tokio::sync::watch;

use super::error::{ClientError, CredentialError};

/// An error a flight can share with its waiters.
pub trait SharedError: Clone {
    /// Whether the error is the leader's own cancellation, which a waiter does not
    /// take as its outcome: it runs the call itself instead.
    fn is_cancellation(&self) -> bool;
}

impl SharedError for ClientError {
    fn is_cancellation(&self) -> bool {
        matches!(self, ClientError::Cancelled)
    }
}

/// A fetch that is given up is dropped, never answered with an error.
impl SharedError for CredentialError {
    fn is_cancellation(&self) -> bool {
        false
    }
}

type Outcome<V, E> = Option<Result<V, E>>;

enum Slot<V, E> {
    Done(V),
    Running(watch::Receiver<Outcome<V, E>>),
}

/// Shares calls by key.
pub struct SingleFlight<K, V, E = ClientError> {
    slots: Mutex<HashMap<K, Slot<V, E>>>,
    keep_answers: bool,
}

impl<K, V, E> Default for SingleFlight<K, V, E> {
    fn default() -> Self {
        SingleFlight {
            slots: Mutex::new(HashMap::new()),
            keep_answers: true,
        }
    }
}

enum Role<V, E> {
    Lead(watch::Sender<Outcome<V, E>>),
    Wait(watch::Receiver<Outcome<V, E>>),
}

/// Removes a running slot whose leader went away without an outcome; dropping the
/// sender then wakes the waiters, one of which takes over.
struct LeaderGuard<'a, K: Eq + Hash, V, E> {
    flight: &'a SingleFlight<K, V, E>,
    key: &'a K,
    armed: bool,
}

impl<K: Eq + Hash, V, E> Drop for LeaderGuard<'_, K, V, E> {
    fn drop(&mut self) {
        if self.armed {
            self.flight.slots().remove(self.key);
        }
    }
}

impl<K, V, E> SingleFlight<K, V, E> {
    fn slots(&self) -> MutexGuard<'_, HashMap<K, Slot<V, E>>> {
        // Map updates are single statements; a panic cannot leave one half done.
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<K, V, E> SingleFlight<K, V, E>
where
    K: Eq + Hash + Clone,
    V: Clone,
    E: SharedError,
{
    /// A flight that keeps every successful answer.
    pub fn new() -> Self {
        Self::default()
    }

    /// A flight that shares only the call in flight: once it is answered, the next
    /// caller runs the call again.
    pub fn in_flight_only() -> Self {
        SingleFlight {
            keep_answers: false,
            ..Self::default()
        }
    }

    /// Answers kept so far.
    pub fn cached(&self) -> usize {
        self.slots()
            .values()
            .filter(|s| matches!(s, Slot::Done(_)))
            .count()
    }

    /// Runs `call` for `key` unless an answer is kept or a call is already running,
    /// in which case that one's outcome is returned.
    pub async fn run<F, Fut>(&self, key: &K, call: F) -> Result<V, E>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        loop {
            let role = {
                let mut slots = self.slots();
                match slots.get(key) {
                    Some(Slot::Done(answer)) => return Ok(answer.clone()),
                    Some(Slot::Running(rx)) => Role::Wait(rx.clone()),
                    None => {
                        let (tx, rx) = watch::channel(None);
                        slots.insert(key.clone(), Slot::Running(rx));
                        Role::Lead(tx)
                    }
                }
            };
            match role {
                Role::Lead(tx) => {
                    let mut guard = LeaderGuard {
                        flight: self,
                        key,
                        armed: true,
                    };
                    let outcome = call().await;
                    {
                        let mut slots = self.slots();
                        match &outcome {
                            Ok(answer) if self.keep_answers => {
                                slots.insert(key.clone(), Slot::Done(answer.clone()));
                            }
                            _ => {
                                slots.remove(key);
                            }
                        }
                        guard.armed = false;
                    }
                    tx.send_replace(Some(outcome.clone()));
                    return outcome;
                }
                Role::Wait(mut rx) => match wait_for(&mut rx).await {
                    // The leader was cancelled or dropped: not our outcome; go again.
                    None => continue,
                    Some(Err(error)) if error.is_cancellation() => continue,
                    Some(outcome) => return outcome,
                },
            }
        }
    }
}

/// The leader's outcome, or `None` when it went away without one.
async fn wait_for<V: Clone, E: Clone>(rx: &mut watch::Receiver<Outcome<V, E>>) -> Outcome<V, E> {
    loop {
        if let Some(outcome) = rx.borrow_and_update().clone() {
            return Some(outcome);
        }
        if rx.changed().await.is_err() {
            return rx.borrow().clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    fn transport() -> ClientError {
        ClientError::Transport {
            endpoint: "e".into(),
            reason: "reset".into(),
        }
    }

    /// A concurrent caller of `flight` for `key` whose call counts itself in
    /// `calls`, takes `delay` and answers `answer`.
    fn spawn_caller<K, V, E>(
        flight: &Arc<SingleFlight<K, V, E>>,
        calls: &Arc<AtomicUsize>,
        key: K,
        delay: Duration,
        answer: Result<V, E>,
    ) -> tokio::task::JoinHandle<Result<V, E>>
    where
        K: Eq + Hash + Clone + Send + Sync + 'static,
        V: Clone + Send + Sync + 'static,
        E: SharedError + Send + Sync + 'static,
    {
        let flight = flight.clone();
        let calls = calls.clone();
        tokio::spawn(async move {
            flight
                .run(&key, || async {
                    calls.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(delay).await;
                    answer.clone()
                })
                .await
        })
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_callers_share_one_call_and_the_answer_is_kept() {
        let flight = Arc::new(SingleFlight::<String, u32>::new());
        let calls = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                spawn_caller(
                    &flight,
                    &calls,
                    "k".to_owned(),
                    Duration::from_millis(100),
                    Ok(42),
                )
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.expect("task").ok(), Some(42));
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert_eq!(flight.cached(), 1);

        // Later callers reuse the kept answer.
        let later = flight
            .run(&"k".to_owned(), || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Ok(0)
            })
            .await;
        assert_eq!(later.ok(), Some(42));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn different_keys_do_not_share() {
        let flight = SingleFlight::<u8, u8>::new();
        let calls = AtomicUsize::new(0);
        for k in [1u8, 2, 1, 2, 3] {
            let got = flight
                .run(&k, || async {
                    calls.fetch_add(1, Ordering::SeqCst);
                    Ok(k * 10)
                })
                .await;
            assert_eq!(got.ok(), Some(k * 10));
        }
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn errors_reach_waiters_but_are_not_kept() {
        let flight = Arc::new(SingleFlight::<u8, u8>::new());
        let calls = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..5)
            .map(|_| {
                spawn_caller(
                    &flight,
                    &calls,
                    1,
                    Duration::from_millis(50),
                    Err(transport()),
                )
            })
            .collect();
        for t in tasks {
            assert!(matches!(
                t.await.expect("task"),
                Err(ClientError::Transport { .. })
            ));
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert_eq!(flight.cached(), 0);

        let retry = flight
            .run(&1, || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Ok(5)
            })
            .await;
        assert_eq!(retry.ok(), Some(5));
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_waiter_takes_over_when_the_leader_is_dropped() {
        let flight = Arc::new(SingleFlight::<u8, u8>::new());
        let calls = Arc::new(AtomicUsize::new(0));
        let leader = spawn_caller(&flight, &calls, 1, Duration::from_secs(3600), Ok(1));
        tokio::task::yield_now().await;
        let waiter = spawn_caller(&flight, &calls, 1, Duration::ZERO, Ok(2));
        tokio::time::sleep(Duration::from_millis(10)).await;
        leader.abort();
        assert_eq!(waiter.await.expect("task").ok(), Some(2));
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn in_flight_only_shares_the_running_call_and_keeps_nothing() {
        let flight = Arc::new(SingleFlight::<(), u8, CredentialError>::in_flight_only());
        let calls = Arc::new(AtomicUsize::new(0));
        let run = |answer: Result<u8, CredentialError>| {
            spawn_caller(&flight, &calls, (), Duration::from_millis(50), answer)
        };
        let failing: Vec<_> = (0..4)
            .map(|_| run(Err(CredentialError::Fetch("down".into()))))
            .collect();
        for t in failing {
            assert_eq!(
                t.await.expect("task"),
                Err(CredentialError::Fetch("down".into()))
            );
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        let ok: Vec<_> = (0..4).map(|_| run(Ok(7))).collect();
        for t in ok {
            assert_eq!(t.await.expect("task"), Ok(7));
        }
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        assert_eq!(flight.cached(), 0);
        assert_eq!(run(Ok(8)).await.expect("task"), Ok(8));
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn a_waiter_does_not_inherit_the_leaders_cancellation() {
        let flight = Arc::new(SingleFlight::<u8, u8>::new());
        let leader = {
            let flight = flight.clone();
            tokio::spawn(async move {
                flight
                    .run(&1, || async {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        Err::<u8, _>(ClientError::Cancelled)
                    })
                    .await
            })
        };
        tokio::task::yield_now().await;
        let waiter = flight.run(&1, || async { Ok(9) }).await;
        assert_eq!(waiter.ok(), Some(9));
        assert!(matches!(
            leader.await.expect("task"),
            Err(ClientError::Cancelled)
        ));
    }
}
