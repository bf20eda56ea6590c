//! Ending a managed plugin when the process that started it goes away.
//!
//! Terraform ends its plugins with `Shutdown` (and a kill 2 s later). When Terraform
//! itself dies without that (SIGKILL, the OOM killer, a crash), nothing else tells the
//! plugin: it would serve an empty socket for ever, adopted by PID 1 (or the nearest
//! subreaper), with its socket directory left behind. So the plugin watches its parent
//! and, once it is gone, stops as on SIGTERM: the serve loop ends, the socket
//! directory is removed and the process exits without waiting for anything.
//!
//! The test is `getppid()` against the parent pid recorded at the very start of `main`
//! ([`Parent::record`]): once a process's parent exits, the kernel hands the process to
//! a reaper, so `getppid()` changes, and it never changes back (the reaper was alive
//! when the parent was, so it has another pid). A parent that died before `main` ran is
//! out of reach (the recorded pid is already the reaper's; PID 1 is a legitimate parent,
//! Terraform in a container). The parent must be the process that speaks go-plugin,
//! which is what go-plugin's client expects anyway: it takes its child's exit for the
//! plugin's.
//!
//! - Linux: `prctl(PR_SET_PDEATHSIG)` has the kernel signal us when the parent goes,
//!   then `getppid()` is checked once, for a parent that died before the signal was
//!   set. Caveat: for `PR_SET_PDEATHSIG` "the parent" is the *thread* that forked us,
//!   so the signal also comes when that thread ends while the rest of Terraform lives
//!   on (Go ends an OS thread whose goroutine exits locked to it; golang/go#27505).
//!   The signal is therefore not SIGTERM, which would end serving, but
//!   [`PARENT_DEATH_SIGNAL`], which only triggers the `getppid()` test: `getppid()`
//!   names the parent *process*, unchanged while another of its threads adopts us.
//!   The setting belongs to the calling thread (threads created later start without
//!   it), so it is made on the thread that runs the serve loop: the main thread, which
//!   lives as long as the process. It is set only after the signal's handler is
//!   installed, so its default action (ending the process) never applies.
//! - macOS and the other Unixes: `getppid()` is checked every [`PARENT_CHECK_INTERVAL`]
//!   (Linux falls back to this when `prctl` fails).
//! - Windows: no check; an orphaned plugin there lives until killed.
//!
//! `--debug` does not watch: the process is started by a debugger or by hand, and
//! outlives its launcher on purpose (`host::debug` never calls this).

use std::time::Duration;

use super::signals::StopSignal;

/// How often the parent is checked where no parent-death signal exists: an orphan
/// lives at most this long, and one `getppid()` call a second costs nothing.
pub const PARENT_CHECK_INTERVAL: Duration = Duration::from_secs(1);

/// The signal the Linux kernel sends when the parent thread ends (`PR_SET_PDEATHSIG`).
/// Not SIGTERM: the thread may end while the parent process lives on (see the module
/// docs), so its arrival only triggers a check of `getppid()`. SIGUSR2 is not used by
/// the plugin for anything else.
#[cfg(target_os = "linux")]
pub const PARENT_DEATH_SIGNAL: libc::c_int = libc::SIGUSR2;

/// The process that started this one, as seen at the very start of `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parent {
    /// `None` where the parent cannot be read (Windows).
    pid: Option<u32>,
}

impl Parent {
    /// Reads the parent's pid now: call it first thing in `main`, so a parent that dies
    /// during start-up is seen to have gone.
    pub fn record() -> Self {
        Self {
            pid: current_parent(),
        }
    }

    /// A parent with the given pid, as if recorded.
    #[cfg(test)]
    fn with_pid(pid: u32) -> Self {
        Self { pid: Some(pid) }
    }

    /// The recorded pid (`None` on Windows).
    pub fn pid(&self) -> Option<u32> {
        self.pid
    }

    /// `Some(current parent)` when the recorded one is gone, else `None`.
    fn gone(&self) -> Option<u32> {
        match (self.pid, current_parent()) {
            (Some(recorded), Some(now)) if now != recorded => Some(now),
            _ => None,
        }
    }
}

/// The parent's pid now (`getppid()`), where there is one.
fn current_parent() -> Option<u32> {
    #[cfg(unix)]
    {
        Some(std::os::unix::process::parent_id())
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// What [`watch`] found.
pub enum Watch {
    /// The parent was already gone; the process has a new parent, this pid.
    AlreadyGone(u32),
    /// Resolves once the parent is gone (never where it cannot be watched).
    Watching(StopSignal),
}

/// Starts watching `parent`. Call it from the thread that runs the serve loop (the main
/// thread), inside the runtime, before the socket directory exists.
pub fn watch(parent: Parent) -> Watch {
    if parent.pid.is_none() {
        return Watch::Watching(Box::pin(std::future::pending()));
    }
    #[cfg(target_os = "linux")]
    let signalled = linux::on_parent_death();
    if let Some(now) = parent.gone() {
        return Watch::AlreadyGone(now);
    }
    #[cfg(target_os = "linux")]
    if let Some(signals) = signalled {
        return Watch::Watching(Box::pin(linux::until_gone(parent, signals)));
    }
    Watch::Watching(Box::pin(poll_until_gone(parent, PARENT_CHECK_INTERVAL)))
}

/// Checks every `interval`; resolves once the parent is gone.
async fn poll_until_gone(parent: Parent, interval: Duration) {
    let mut ticks = tokio::time::interval(interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        if let Some(now) = parent.gone() {
            log_gone(parent, now);
            return;
        }
    }
}

fn log_gone(parent: Parent, now: u32) {
    tracing::warn!(
        parent_pid = parent.pid,
        new_parent_pid = now,
        "the process that started the plugin is gone; exiting"
    );
}

#[cfg(target_os = "linux")]
mod linux {
    use tokio::signal::unix::{signal, Signal, SignalKind};

    use super::{log_gone, poll_until_gone, Parent, PARENT_CHECK_INTERVAL, PARENT_DEATH_SIGNAL};

    /// Listens for [`PARENT_DEATH_SIGNAL`], then asks the kernel to send it when the
    /// parent thread ends; `None` (logged) when either step fails.
    pub(super) fn on_parent_death() -> Option<Signal> {
        let signals = match signal(SignalKind::from_raw(PARENT_DEATH_SIGNAL)) {
            Ok(signals) => signals,
            Err(error) => {
                tracing::warn!(
                    error = %error,
                    "cannot listen for the parent-death signal; polling the parent"
                );
                return None;
            }
        };
        // SAFETY: PR_SET_PDEATHSIG takes a signal number and touches no memory of ours.
        let set = unsafe {
            libc::prctl(
                libc::PR_SET_PDEATHSIG,
                PARENT_DEATH_SIGNAL as libc::c_ulong,
                0 as libc::c_ulong,
                0 as libc::c_ulong,
                0 as libc::c_ulong,
            )
        };
        if set != 0 {
            let error = std::io::Error::last_os_error();
            tracing::warn!(
                error = %error,
                "cannot set a parent-death signal; polling the parent"
            );
            return None;
        }
        Some(signals)
    }

    /// Resolves once a parent-death signal finds the parent process gone. A signal with
    /// the parent still there came from the end of the thread that forked us.
    pub(super) async fn until_gone(parent: Parent, mut signals: Signal) {
        while signals.recv().await.is_some() {
            if let Some(now) = parent.gone() {
                log_gone(parent, now);
                return;
            }
            tracing::debug!(
                parent_pid = parent.pid,
                "parent-death signal while the parent process lives (the thread that started \
                 the plugin ended); still serving"
            );
        }
        // The stream ended (the signal driver is gone): fall back to polling.
        poll_until_gone(parent, PARENT_CHECK_INTERVAL).await;
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_recorded_parent_is_this_processs_parent() {
        let parent = Parent::record();
        assert_eq!(parent.pid(), Some(std::os::unix::process::parent_id()));
        assert_eq!(parent.gone(), None);
    }

    /// The parent died between the start of `main` and the watch: the recorded pid is
    /// no longer the parent's, and the watch says so at once.
    #[tokio::test]
    async fn a_parent_gone_before_the_watch_is_reported_at_once() {
        let now = std::os::unix::process::parent_id();
        let recorded = now.wrapping_add(1);
        match watch(Parent::with_pid(recorded)) {
            Watch::AlreadyGone(new_parent) => assert_eq!(new_parent, now),
            Watch::Watching(_) => panic!("a gone parent was taken for a live one"),
        }
    }

    #[tokio::test]
    async fn a_live_parent_is_watched_and_does_not_stop_serving() {
        match watch(Parent::record()) {
            Watch::AlreadyGone(now) => panic!("a live parent was taken for gone (now {now})"),
            Watch::Watching(gone) => {
                let waited = tokio::time::timeout(PARENT_CHECK_INTERVAL * 2, gone).await;
                assert!(waited.is_err(), "the watch ended while the parent lives");
            }
        }
    }

    /// The polling watch (macOS, other Unixes) ends on its first check once the
    /// recorded parent is not the parent; with a live one it keeps checking.
    #[tokio::test(start_paused = true)]
    async fn polling_ends_on_the_first_check_after_the_parent_changed() {
        let now = std::os::unix::process::parent_id();
        let started = tokio::time::Instant::now();
        let gone = Parent::with_pid(now.wrapping_add(1));
        poll_until_gone(gone, PARENT_CHECK_INTERVAL).await;
        assert!(started.elapsed() <= PARENT_CHECK_INTERVAL);

        let live = Parent::with_pid(now);
        let polling = poll_until_gone(live, PARENT_CHECK_INTERVAL);
        let waited = tokio::time::timeout(PARENT_CHECK_INTERVAL * 10, polling).await;
        assert!(waited.is_err(), "polling ended while the parent lives");
    }
}
