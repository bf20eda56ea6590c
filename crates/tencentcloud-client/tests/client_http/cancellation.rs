//! The stop signal ends a call wherever it is waiting.

use std::time::{Duration, Instant};

use crate::support::*;
use tencentcloud_client::backoff::{Backoff, Jitter};
use tencentcloud_client::ClientError;

/// Where the call waits when it is cancelled.
struct Case {
    name: &'static str,
    script: Vec<Reply>,
    /// Replaces the fast test backoff.
    backoff: Option<Backoff>,
    /// Long enough for the call to reach its wait.
    cancel_after: Duration,
}

#[tokio::test]
async fn cancel_ends_the_call_promptly() {
    let cases = [
        Case {
            name: "an attempt in flight",
            script: vec![Reply::Hang],
            backoff: None,
            cancel_after: Duration::from_millis(200),
        },
        Case {
            name: "a backoff wait",
            script: vec![Reply::Ok(502, "bad gateway"); 5],
            backoff: Some(Backoff {
                base: Duration::from_secs(60),
                cap: Duration::from_secs(60),
                jitter: Jitter::Equal,
            }),
            cancel_after: Duration::from_millis(300),
        },
    ];
    for case in cases {
        let name = case.name;
        let server = Server::start(case.script).await;
        let mut client = client(&server.url);
        if let Some(backoff) = case.backoff {
            client = client.with_backoff(backoff);
        }
        let (tx, rx) = tokio::sync::watch::channel(false);
        let started = Instant::now();
        let call = tokio::spawn(async move { client.check_proxy_create(&request(), rx).await });
        tokio::time::sleep(case.cancel_after).await;
        tx.send_replace(true);
        let err = tokio::time::timeout(Duration::from_secs(3), call)
            .await
            .unwrap_or_else(|_| panic!("{name}: no prompt return"))
            .expect("task")
            .expect_err("cancelled");
        assert!(matches!(err, ClientError::Cancelled), "{name}: {err:?}");
        assert!(started.elapsed() < Duration::from_secs(3), "{name}: slow");
        assert_eq!(server.seen().len(), 1, "{name}: attempts");
    }
}
