//! The client's logs: one DEBUG event per attempt with action, attempt, duration,
//! RequestId and outcome; never a secret. Its own test binary, so no other test's
//! threads race the tracing callsite cache.

mod support;

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use support::*;
use terraform_provider_gaap::tencentcloud::GaapClient;

// ---------- logs ----------

/// Collects every event's fields as text.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<String>>);

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, "{}={:?} ", field.name(), value);
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Capture {
    fn on_event(
        &self,
        event: &tracing::Event<'_>,
        _ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let mut text = self.0.lock().expect("lock");
        let _ = write!(
            text,
            "[{} {}] ",
            event.metadata().level(),
            event.metadata().target()
        );
        event.record(&mut Fields(&mut text));
        text.push('\n');
    }
}

#[tokio::test]
async fn attempts_are_logged_without_secrets() {
    use tracing_subscriber::layer::SubscriberExt;
    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = Server::start(vec![
        api_error("RequestLimitExceeded", "req-log-1"),
        success(1, "req-log-2"),
    ])
    .await;
    let mut req = request();
    req.group_id = Some("lg-logs".into());
    client_with(config(&server.url, None), Some(TOKEN))
        .check_proxy_create(&req, never())
        .await
        .expect("answer");

    let logs = capture.0.lock().expect("lock").clone();
    assert!(logs.contains("[DEBUG provider.tencentcloud]"), "{logs}");
    for expected in [
        "action=\"CheckProxyCreate\"",
        "attempt=1",
        "attempt=2",
        "duration_ms=",
        "request_id=\"req-log-1\"",
        "request_id=\"req-log-2\"",
        "api_error RequestLimitExceeded",
        "ok check_flag=1",
    ] {
        assert!(logs.contains(expected), "missing {expected} in\n{logs}");
    }
    let signature = server.seen()[0]
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|a| a.rsplit("Signature=").next())
        .expect("signature")
        .to_owned();
    for secret in [SECRET_KEY, TOKEN, signature.as_str(), "TC3-HMAC-SHA256"] {
        assert!(!logs.contains(secret), "{secret} leaked into\n{logs}");
    }
}

#[test]
fn debug_output_has_no_secrets() {
    let client = GaapClient::new(
        config("http://127.0.0.1:1", Some("ap-hongkong")),
        Arc::new(StaticCredentials { token: Some(TOKEN) }),
    )
    .expect("client");
    let text = format!("{client:?}");
    assert!(text.contains("ap-hongkong"), "{text}");
    assert!(
        !text.contains(SECRET_KEY) && !text.contains(TOKEN),
        "{text}"
    );
}
