//! Process signals for the serving modes.
//!
//! A managed plugin ignores SIGINT like go-plugin's Go servers ("eat the interrupts"):
//! Ctrl-C in the terminal reaches every process of the group, and Terraform ends
//! providers itself with `Stop` and `Shutdown`. SIGTERM, SIGHUP (and, in `--debug`,
//! SIGINT) end serving so the socket directory is removed.

use std::future::Future;
use std::pin::Pin;

/// Keeps SIGINT (Ctrl-C on Windows) from killing the process, for the process's life.
pub fn ignore_interrupt() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::interrupt()) {
            Ok(mut interrupts) => {
                tokio::spawn(async move {
                    while interrupts.recv().await.is_some() {
                        tracing::debug!("ignoring SIGINT; Terraform stops providers over gRPC");
                    }
                });
            }
            Err(error) => tracing::warn!(error = %error, "cannot ignore SIGINT"),
        }
    }
    #[cfg(windows)]
    {
        match tokio::signal::windows::ctrl_c() {
            Ok(mut interrupts) => {
                tokio::spawn(async move {
                    while interrupts.recv().await.is_some() {
                        tracing::debug!("ignoring Ctrl-C; Terraform stops providers over gRPC");
                    }
                });
            }
            Err(error) => tracing::warn!(error = %error, "cannot ignore Ctrl-C"),
        }
    }
}

/// A stop request: resolves once one of the signals it listens for arrives.
pub type StopSignal = Pin<Box<dyn Future<Output = ()> + Send>>;

/// SIGTERM or SIGHUP (never on Windows, which has neither): how a managed plugin
/// stops besides `Shutdown`.
///
/// The handlers are installed when this is called, not when the future is first
/// polled: call it before the socket directory exists. A signal's default action
/// kills the process on the spot and leaves the directory behind; once handled,
/// every exit path (before the handshake line too) removes it. SIGHUP comes from a
/// terminal that went away.
pub fn terminate_or_hangup() -> StopSignal {
    #[cfg(unix)]
    {
        use tokio::signal::unix::SignalKind;
        on_any(&[SignalKind::terminate(), SignalKind::hangup()])
    }
    #[cfg(windows)]
    {
        Box::pin(std::future::pending())
    }
}

/// SIGINT, SIGTERM or SIGHUP (Ctrl-C on Windows): how `--debug` mode stops. Installed
/// when called, as [`terminate_or_hangup`].
pub fn interrupt_terminate_or_hangup() -> StopSignal {
    #[cfg(unix)]
    {
        use tokio::signal::unix::SignalKind;
        on_any(&[
            SignalKind::interrupt(),
            SignalKind::terminate(),
            SignalKind::hangup(),
        ])
    }
    #[cfg(windows)]
    {
        Box::pin(async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
    }
}

/// Listens for `kinds` from now on; resolves on the first to arrive. A signal that
/// cannot be listened for is logged and left out.
#[cfg(unix)]
fn on_any(kinds: &[tokio::signal::unix::SignalKind]) -> StopSignal {
    use tokio::signal::unix::signal;
    let mut streams = Vec::new();
    for &kind in kinds {
        match signal(kind) {
            Ok(stream) => streams.push(stream),
            Err(error) => tracing::warn!(
                error = %error,
                signal = kind.as_raw_value(),
                "cannot listen for a signal"
            ),
        }
    }
    Box::pin(async move {
        if streams.is_empty() {
            std::future::pending::<()>().await;
        }
        let waits = streams.iter_mut().map(|stream| Box::pin(stream.recv()));
        futures_util::future::select_all(waits).await;
    })
}
