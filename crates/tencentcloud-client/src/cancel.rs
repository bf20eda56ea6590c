//! Cancellation: Terraform's `StopProvider` flips a watch channel to `true`; every
//! wait in the client (rate limit, backoff, in-flight attempt) races against it.

use std::future::Future;

use super::error::ClientError;

/// A cancellation signal shared with `StopProvider`: cancelled once the value is `true`.
pub type CancelSignal = tokio::sync::watch::Receiver<bool>;

/// Resolves once `cancel` is (or becomes) `true`. If the sender is dropped without
/// ever cancelling, it never resolves: nobody can ask to stop any more.
pub async fn cancelled(cancel: &mut CancelSignal) {
    loop {
        if *cancel.borrow_and_update() {
            return;
        }
        if cancel.changed().await.is_err() {
            // Sender gone; the last value may still have been `true`.
            if *cancel.borrow() {
                return;
            }
            std::future::pending::<()>().await;
        }
    }
}

/// Runs `work` unless `cancel` turns true first, which drops `work` and gives
/// [`ClientError::Cancelled`].
pub async fn or_cancelled<T>(
    cancel: &mut CancelSignal,
    work: impl Future<Output = Result<T, ClientError>>,
) -> Result<T, ClientError> {
    tokio::select! {
        biased;
        () = cancelled(cancel) => Err(ClientError::Cancelled),
        result = work => result,
    }
}

/// A signal that never fires, for callers without a stop channel.
pub fn never() -> CancelSignal {
    let (tx, rx) = tokio::sync::watch::channel(false);
    // Keeping the sender alive is not needed: a dropped sender means "never".
    drop(tx);
    rx
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn already_cancelled_wins_over_ready_work() {
        let (_tx, mut rx) = tokio::sync::watch::channel(true);
        let got = or_cancelled(&mut rx, async { Ok(1) }).await;
        assert!(matches!(got, Err(ClientError::Cancelled)));
    }

    #[tokio::test]
    async fn cancel_interrupts_pending_work() {
        let (tx, mut rx) = tokio::sync::watch::channel(false);
        let task = tokio::spawn(async move {
            or_cancelled(&mut rx, async {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                Ok(())
            })
            .await
        });
        tokio::task::yield_now().await;
        tx.send_replace(true);
        let got = task.await.expect("task completes");
        assert!(matches!(got, Err(ClientError::Cancelled)));
    }

    #[tokio::test]
    async fn never_lets_work_finish() {
        let mut rx = never();
        assert_eq!(or_cancelled(&mut rx, async { Ok(7) }).await.ok(), Some(7));
    }
}
