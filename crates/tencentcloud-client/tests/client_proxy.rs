//! Proxies come from the environment: `HTTPS_PROXY` is used for an https endpoint and
//! `NO_PROXY` bypasses it. Its own test binary, because it changes the process
//! environment, which reqwest reads when the client is built.
//!
//! Nothing leaves the machine: the "proxy" is a listener on 127.0.0.1 that answers
//! every CONNECT with 502, and the endpoint host is `0.0.0.0`, which is not a loopback
//! name for the client's rules (so the environment applies) but which Linux connects
//! to this machine.
#![cfg(target_os = "linux")]

mod support;

use std::sync::{Arc, Mutex};

use support::*;
use tencentcloud_client::ClientError;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Records the request line of every connection and answers 502.
async fn fake_proxy() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let lines = Arc::new(Mutex::new(Vec::new()));
    let seen = lines.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buf = vec![0u8; 4096];
            let n = stream.read(&mut buf).await.unwrap_or(0);
            let text = String::from_utf8_lossy(&buf[..n]).to_string();
            let first = text.lines().next().unwrap_or_default().to_owned();
            seen.lock().expect("lock").push(first);
            let _ = stream
                .write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n")
                .await;
        }
    });
    (port, lines)
}

/// Counts connections and closes them at once.
async fn direct_target() -> (u16, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let count = Arc::new(Mutex::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            *seen.lock().expect("lock") += 1;
            drop(stream);
        }
    });
    (port, count)
}

/// One test, steps in sequence: the environment is process-wide.
#[tokio::test]
async fn proxies_from_the_environment() {
    https_proxy_is_used_and_no_proxy_bypasses_it().await;
    loopback_endpoints_never_use_a_proxy().await;
}

async fn https_proxy_is_used_and_no_proxy_bypasses_it() {
    let (proxy_port, proxy_lines) = fake_proxy().await;
    let (target_port, direct) = direct_target().await;
    let endpoint = format!("https://0.0.0.0:{target_port}");
    for name in [
        "NO_PROXY",
        "no_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        std::env::remove_var(name);
    }
    std::env::set_var("HTTPS_PROXY", format!("http://127.0.0.1:{proxy_port}"));

    let mut cfg = config(&endpoint, None);
    cfg.max_retries = 0;
    let err = client_with(cfg.clone(), None)
        .check_proxy_create(&request(), never())
        .await
        .expect_err("the proxy refuses");
    assert!(matches!(err, ClientError::Transport { .. }), "{err:?}");
    assert_eq!(
        proxy_lines.lock().expect("lock").clone(),
        [format!("CONNECT 0.0.0.0:{target_port} HTTP/1.1")]
    );
    assert_eq!(*direct.lock().expect("lock"), 0);

    std::env::set_var("NO_PROXY", "0.0.0.0");
    let err = client_with(cfg, None)
        .check_proxy_create(&request(), never())
        .await
        .expect_err("the target closes the connection");
    assert!(matches!(err, ClientError::Transport { .. }), "{err:?}");
    assert_eq!(proxy_lines.lock().expect("lock").len(), 1, "proxy bypassed");
    assert_eq!(*direct.lock().expect("lock"), 1, "connected directly");
}

async fn loopback_endpoints_never_use_a_proxy() {
    std::env::remove_var("NO_PROXY");
    let (proxy_port, proxy_lines) = fake_proxy().await;
    let server = Server::start(vec![success(1, "req-direct")]).await;
    std::env::set_var("HTTP_PROXY", format!("http://127.0.0.1:{proxy_port}"));
    std::env::set_var("ALL_PROXY", format!("http://127.0.0.1:{proxy_port}"));
    let answer = client_with(config(&server.url, None), None)
        .check_proxy_create(&request(), never())
        .await
        .expect("answer from the loopback server");
    assert_eq!(answer.request_id, "req-direct");
    assert!(proxy_lines.lock().expect("lock").is_empty());
}
