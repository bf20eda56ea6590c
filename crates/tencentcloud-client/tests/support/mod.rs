//! Shared by the client's HTTP tests: a scripted HTTP server on 127.0.0.1 that checks
//! every request (headers, body, TC3 signature), a static credential source, and
//! client and request builders.
#![allow(dead_code)] // each test binary uses a part

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gaap_emulator::auth;
use gaap_emulator::keys::KeyStore;
use gaap_emulator::KeyPair;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::HeaderMap;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use tencentcloud_client::backoff::{Backoff, Jitter};
use tencentcloud_client::credentials::{BoxFuture, Credential, CredentialError, CredentialSource};
use tencentcloud_client::{CheckProxyCreateRequest, ClientConfig, GaapClient};

pub const SECRET_ID: &str = "AKIDtestclient0000000000000000000000";
pub const SECRET_KEY: &str = "testSecretKeyNeverLogged0000000000";
pub const TOKEN: &str = "tokenNeverLogged-0123456789";

// ---------- scripted server ----------

#[derive(Clone)]
pub enum Reply {
    Ok(u16, &'static str),
    /// Never answers.
    Hang,
    /// Answers after a delay.
    Slow(Duration, &'static str),
}

/// A successful `AssumeRole` answer.
pub fn sts_success(request_id: &str, expired_time: i64) -> Reply {
    let body = format!(
        r#"{{"Response":{{"Credentials":{{"Token":"ststoken","TmpSecretId":"AKIDsts","TmpSecretKey":"stskey"}},"ExpiredTime":{expired_time},"Expiration":"2030-01-01T00:00:00Z","RequestId":"{request_id}"}}}}"#
    );
    Reply::Ok(200, Box::leak(body.into_boxed_str()))
}

pub fn success(flag: i64, request_id: &str) -> Reply {
    let body = format!(r#"{{"Response":{{"CheckFlag":{flag},"RequestId":"{request_id}"}}}}"#);
    Reply::Ok(200, Box::leak(body.into_boxed_str()))
}

pub fn api_error(code: &str, request_id: &str) -> Reply {
    let body = format!(
        r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"message for {code}"}},"RequestId":"{request_id}"}}}}"#
    );
    Reply::Ok(200, Box::leak(body.into_boxed_str()))
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// `None` when the signature checks out, else why not.
    pub signature_problem: Option<String>,
}

pub struct Server {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    pub async fn start(script: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(VecDeque::from(script)));
        let seen2 = seen.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let seen = seen2.clone();
                let script = script.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                        let seen = seen.clone();
                        let script = script.clone();
                        async move {
                            let (parts, body) = req.into_parts();
                            let body = body.collect().await.map(|b| b.to_bytes().to_vec());
                            let body = body.unwrap_or_default();
                            let signature_problem = check_signature(&parts.headers, &body);
                            seen.lock().expect("lock").push(Seen {
                                headers: parts.headers,
                                body,
                                signature_problem,
                            });
                            let reply = script
                                .lock()
                                .expect("lock")
                                .pop_front()
                                .unwrap_or(Reply::Ok(500, "script exhausted"));
                            let (status, text) = match reply {
                                Reply::Ok(status, text) => (status, text),
                                Reply::Hang => {
                                    std::future::pending::<()>().await;
                                    unreachable!()
                                }
                                Reply::Slow(delay, text) => {
                                    tokio::time::sleep(delay).await;
                                    (200, text)
                                }
                            };
                            let response = Response::builder()
                                .status(status)
                                .header("content-type", "application/json")
                                .body(Full::new(Bytes::from_static(text.as_bytes())))
                                .expect("response");
                            Ok::<_, Infallible>(response)
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Server { url, seen }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }
}

/// Verifies the TC3 signature with the emulator's verifier, which checks it the way
/// the API does (a missing or malformed Authorization or timestamp is a failure too),
/// for the service of the request's action (`sts` for `AssumeRole`, else `gaap`).
/// `None` when the request is correctly signed by the test key pair.
pub fn check_signature(headers: &HeaderMap, body: &[u8]) -> Option<String> {
    let service = match headers.get("x-tc-action").map(|v| v.as_bytes()) {
        Some(b"AssumeRole") => "sts",
        _ => "gaap",
    };
    let keys = KeyStore::new(vec![KeyPair::new(SECRET_ID, SECRET_KEY)]);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    auth::verify(headers, body, now, service, &keys)
        .err()
        .map(|failure| format!("{}: {}", failure.code, failure.message))
}

// ---------- client side ----------

pub struct StaticCredentials {
    pub token: Option<&'static str>,
}

impl CredentialSource for StaticCredentials {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
        Box::pin(async move {
            Ok(Credential {
                secret_id: SECRET_ID.to_owned(),
                secret_key: SECRET_KEY.to_owned().into(),
                token: self.token.map(|t| t.to_owned().into()),
            })
        })
    }
    fn identity(&self) -> String {
        format!("static:{SECRET_ID}")
    }
}

/// GAAP at `url`.
pub fn config(url: &str, region: Option<&str>) -> ClientConfig {
    ClientConfig {
        region: region.map(str::to_owned),
        request_timeout: Duration::from_secs(5),
        max_retries: 3,
        rate_limit: 1000.0,
        backoff: fast_backoff(),
        ..ClientConfig::default()
    }
    .with_endpoint("gaap", url)
}

pub fn fast_backoff() -> Backoff {
    Backoff {
        base: Duration::from_millis(10),
        cap: Duration::from_millis(40),
        jitter: Jitter::Equal,
    }
}

pub fn client_with(config: ClientConfig, token: Option<&'static str>) -> GaapClient {
    GaapClient::new(config, Arc::new(StaticCredentials { token }))
        .expect("client")
        .with_backoff(fast_backoff())
}

pub fn client(url: &str) -> GaapClient {
    client_with(config(url, Some("ap-guangzhou")), None)
}

pub fn request() -> CheckProxyCreateRequest {
    CheckProxyCreateRequest {
        access_region: "SouthChina".into(),
        real_server_region: "EastChina".into(),
        bandwidth: 10,
        concurrent: 2,
        group_id: None,
        ip_address_version: None,
        network_type: None,
        package_type: None,
        http3_supported: None,
    }
}

pub fn never() -> tokio::sync::watch::Receiver<bool> {
    tokio::sync::watch::channel(false).1
}

pub fn header<'a>(seen: &'a Seen, name: &str) -> Option<&'a str> {
    seen.headers.get(name).and_then(|v| v.to_str().ok())
}

pub fn assert_signed(seen: &[Seen]) {
    for (i, s) in seen.iter().enumerate() {
        assert_eq!(s.signature_problem, None, "request {i}");
    }
}

/// [`assert_signed`] for one row of a table: a failure names the row.
pub fn assert_signed_in(row: &str, seen: &[Seen]) {
    for (i, s) in seen.iter().enumerate() {
        assert_eq!(s.signature_problem, None, "{row}: request {i}");
    }
}
