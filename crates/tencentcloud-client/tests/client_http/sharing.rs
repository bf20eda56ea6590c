//! Identical concurrent checks share one call, and only answers are reused.

use std::sync::Arc;
use std::time::Duration;

use crate::support::*;

#[tokio::test]
async fn identical_concurrent_checks_share_one_call() {
    let server = Server::start(vec![
        Reply::Slow(
            Duration::from_millis(200),
            r#"{"Response":{"CheckFlag":1,"RequestId":"req-shared"}}"#,
        ),
        success(0, "req-other"),
    ])
    .await;
    let client = Arc::new(client(&server.url));
    let mut calls = Vec::new();
    for _ in 0..10 {
        let client = client.clone();
        calls.push(tokio::spawn(async move {
            client.check_proxy_create(&request(), never()).await
        }));
    }
    for call in calls {
        let answer = call.await.expect("task").expect("answer");
        assert_eq!(answer.request_id, "req-shared");
    }
    // Another client with the same endpoint, region and credential reuses the answer.
    let again = crate::support::client(&server.url)
        .check_proxy_create(&request(), never())
        .await
        .expect("answer");
    assert_eq!(again.request_id, "req-shared");
    assert_eq!(server.seen().len(), 1);

    // A different request is a different check.
    let mut other = request();
    other.bandwidth = 20;
    let answer = client
        .check_proxy_create(&other, never())
        .await
        .expect("answer");
    assert_eq!(answer.request_id, "req-other");
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn failures_are_not_reused() {
    let server = Server::start(vec![
        api_error("FailedOperation", "req-f"),
        success(1, "req-s"),
    ])
    .await;
    let client = client(&server.url);
    let mut req = request();
    req.concurrent = 7;
    assert!(client.check_proxy_create(&req, never()).await.is_err());
    let answer = client
        .check_proxy_create(&req, never())
        .await
        .expect("answer");
    assert_eq!(answer.request_id, "req-s");
    assert_eq!(server.seen().len(), 2);
}
