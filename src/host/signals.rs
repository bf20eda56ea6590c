//! Process signals for the serving modes.
//!
//! A managed plugin ignores SIGINT like go-plugin's Go servers ("eat the interrupts"):
//! Ctrl-C in the terminal reaches every process of the group, and Terraform ends
//! providers itself with `Stop` and `Shutdown`. SIGTERM (and, in `--debug`, SIGINT) ends
//! serving so the socket directory is removed.

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

/// Resolves on SIGTERM (never on Windows, which has no such signal).
pub async fn terminate() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut terms) = signal(SignalKind::terminate()) {
            terms.recv().await;
            return;
        }
    }
    std::future::pending::<()>().await;
}

/// Resolves on SIGINT or SIGTERM (Ctrl-C on Windows): how `--debug` mode stops.
pub async fn interrupt_or_terminate() {
    tokio::select! {
        result = tokio::signal::ctrl_c() => {
            if result.is_err() {
                std::future::pending::<()>().await;
            }
        }
        () = terminate() => {}
    }
}
