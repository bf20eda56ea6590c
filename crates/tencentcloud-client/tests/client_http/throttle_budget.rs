//! Throttling is retried for a time budget rather than a count, and the stop signal
//! still cuts the budget short.

use std::time::Duration;

use crate::support::*;
use tencentcloud_client::{ClientConfig, ClientError};

/// `n` throttled answers, each with its own RequestId.
fn throttled(n: usize) -> Vec<Reply> {
    (0..n)
        .map(|i| {
            api_error(
                "RequestLimitExceeded",
                Box::leak(format!("t{i}").into_boxed_str()),
            )
        })
        .collect()
}

/// One call with `cfg` that ends in the throttling error.
async fn fails_throttled(cfg: ClientConfig) {
    let error = client_with(cfg, None)
        .check_proxy_create(&request(), never())
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("RequestLimitExceeded"),
        "{error}"
    );
}

#[tokio::test]
async fn sustained_throttling_is_retried_for_the_time_budget_not_the_count() {
    let mut script = throttled(8);
    script.push(success(1, "req-after-throttling"));
    let server = Server::start(script).await;
    let budget = ClientConfig {
        max_retries: 1,
        throttle_retry_budget: Duration::from_secs(30),
        ..config(&server.url, None)
    };
    let answer = client_with(budget, None)
        .check_proxy_create(&request(), never())
        .await
        .expect("answer after 8 throttled attempts");
    assert_eq!(answer.request_id, "req-after-throttling");
    assert_eq!(server.seen().len(), 9);

    // Without a budget, max_retries alone decides: 2 attempts.
    let server = Server::start(vec![
        api_error("RequestLimitExceeded", "a"),
        api_error("RequestLimitExceeded", "b"),
        success(1, "never"),
    ])
    .await;
    let plain = ClientConfig {
        max_retries: 1,
        ..config(&server.url, None)
    };
    fails_throttled(plain).await;
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn the_throttle_budget_ends_and_stop_cuts_it_short() {
    // Always throttled: a 300 ms budget ends the call after a few attempts.
    let server = Server::start(throttled(200)).await;
    let cfg = ClientConfig {
        max_retries: 0,
        throttle_retry_budget: Duration::from_millis(300),
        ..config(&server.url, None)
    };
    let started = std::time::Instant::now();
    fails_throttled(cfg.clone()).await;
    assert!(started.elapsed() < Duration::from_secs(5));
    let attempts = server.seen().len();
    assert!((2..200).contains(&attempts), "{attempts}");

    // A long budget is still cut short by the stop signal.
    let long = ClientConfig {
        throttle_retry_budget: Duration::from_secs(600),
        ..cfg
    };
    let (stop, signal) = tokio::sync::watch::channel(false);
    let call = tokio::spawn(async move {
        client_with(long, None)
            .check_proxy_create(&request(), signal)
            .await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.send_replace(true);
    let result = tokio::time::timeout(Duration::from_secs(5), call)
        .await
        .expect("stopped promptly")
        .unwrap();
    assert!(matches!(result, Err(ClientError::Cancelled)), "{result:?}");
}
