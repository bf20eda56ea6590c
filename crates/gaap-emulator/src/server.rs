//! The HTTP side: one hyper http1 listener serving the API (`POST /`, GAAP and STS
//! routed by `X-TC-Action`), the metadata paths and the `/_emulator/*` control paths.
//!
//! Bounded: at most `max_connections` connections at once (more are closed on
//! accept), request bodies up to [`MAX_BODY_BYTES`] (beyond: `RequestSizeLimitExceeded`),
//! request headers must arrive within [`HEADER_READ_TIMEOUT`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::{HeaderMap, Method, Request, Response, StatusCode};
use serde_json::{Map, Value};
use tokio::sync::watch;

use super::answers::Catalogue;
use super::keys::KeyStore;
use super::knobs::{Knobs, TransportFault};
use super::language::{self, Language};
use super::response::{self, codes, ApiFailure};
use super::stats::Recorder;
use super::{auth, check_proxy_create, describe, inquiry_price, metadata, params, sts};

/// Largest request body read.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Time allowed for a client to send its request headers.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Shared state of a running emulator.
pub(crate) struct State {
    pub keys: KeyStore,
    pub knobs: Mutex<Knobs>,
    pub initial_knobs: Knobs,
    pub stats: Recorder,
    /// Per action: the rate limit's bucket (tokens left, when last refilled).
    pub windows: Mutex<HashMap<String, (Instant, f64)>>,
    pub cam_role: Option<String>,
    pub metadata_ttl_secs: i64,
    /// What the GAAP actions answer from (built in or recorded).
    pub catalogue: Arc<Catalogue>,
    pub shutdown: watch::Receiver<bool>,
}

impl State {
    pub fn knobs(&self) -> std::sync::MutexGuard<'_, Knobs> {
        self.knobs.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn reset(&self) {
        *self.knobs() = self.initial_knobs.clone();
        self.stats.clear();
        self.windows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Takes a call from its action's bucket; true when it is over the limit.
    ///
    /// A bucket of `limit` tokens refilled at `limit` per second: at most `limit` calls
    /// in a burst and `limit` per second sustained, as a per-second limit means, without
    /// the edge effects of fixed windows (a client pacing itself at exactly `limit` per
    /// second is never throttled because of a few milliseconds of network jitter).
    fn throttled(&self, action: &str, limit: u32) -> bool {
        if limit == 0 {
            return false;
        }
        let capacity = f64::from(limit);
        let mut buckets = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let (refilled, tokens) = buckets.entry(action.to_owned()).or_insert((now, capacity));
        let elapsed = now.duration_since(*refilled).as_secs_f64();
        *tokens = (*tokens + elapsed * capacity).min(capacity);
        *refilled = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            false
        } else {
            true
        }
    }
}

/// Closing the connection without an answer (the `reset` and `hang` knobs, shutdown).
#[derive(Debug)]
pub(crate) struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose")
    }
}

impl std::error::Error for DropConnection {}

type Answer = Result<Response<Full<Bytes>>, DropConnection>;

fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn reply(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Bytes>,
) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

fn json_reply(status: StatusCode, value: &Value) -> Response<Full<Bytes>> {
    reply(status, "application/json", value.to_string())
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Waits until the emulator shuts down.
async fn until_shutdown(state: &State) {
    let mut rx = state.shutdown.clone();
    let _ = rx.wait_for(|stop| *stop).await;
}

/// Entry point for every request.
pub(crate) async fn handle(state: Arc<State>, req: Request<Incoming>) -> Answer {
    let path = req.uri().path().to_owned();
    if let Some(control) = path.strip_prefix("/_emulator/") {
        let control = control.to_owned();
        return Ok(handle_control(&state, &control, req).await);
    }
    let is_metadata = path.starts_with(metadata::CREDENTIALS_PATH);
    if path != "/" && !is_metadata {
        return Ok(reply(StatusCode::NOT_FOUND, "text/plain", "not found\n"));
    }
    let action = if is_metadata {
        "metadata".to_owned()
    } else {
        header(req.headers(), "x-tc-action")
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .unwrap_or("(none)")
            .to_owned()
    };
    let (parts, body) = req.into_parts();
    let body = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(b) => Some(b.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => None,
        // The client went away mid-body: nothing to answer.
        Err(_) => return Err(DropConnection),
    };

    let (latency, fault) = {
        let mut knobs = state.knobs();
        (knobs.latency_ms, knobs.take_transport_fault(&action))
    };
    if latency > 0 {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(latency)) => {}
            _ = until_shutdown(&state) => return Err(DropConnection),
        }
    }
    if let Some(fault) = fault {
        state.stats.record(&action, fault.outcome());
        return match fault {
            TransportFault::Hang => {
                until_shutdown(&state).await;
                Err(DropConnection)
            }
            TransportFault::Reset => Err(DropConnection),
            TransportFault::Http5xx(status) => Ok(reply(
                StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE),
                "text/html",
                "<html><body><h1>Service Unavailable</h1></body></html>\n",
            )),
            TransportFault::InvalidJson => Ok(reply(
                StatusCode::OK,
                "application/json",
                r#"{"Response":{"CheckFlag":1,"RequestId":"#,
            )),
        };
    }

    if is_metadata {
        return Ok(handle_metadata(&state, &parts.method, &path));
    }
    let outcome = match body {
        None => Err(ApiFailure::new(
            codes::REQUEST_SIZE_LIMIT_EXCEEDED,
            format!("The request body exceeds {MAX_BODY_BYTES} bytes."),
        )),
        Some(body) => api_call(&state, &parts.method, &parts.headers, &action, &body),
    };
    let value = match outcome {
        Ok(fields) => {
            state.stats.record(&action, "ok");
            response::success(fields)
        }
        Err(failure) => {
            state.stats.record(&action, &failure.code);
            response::error(&failure)
        }
    };
    Ok(json_reply(StatusCode::OK, &value))
}

/// `POST /`: verify, then route to the action.
fn api_call(
    state: &State,
    method: &Method,
    headers: &HeaderMap,
    action: &str,
    body: &[u8],
) -> Result<Map<String, Value>, ApiFailure> {
    if method != Method::POST {
        return Err(ApiFailure::new(
            codes::UNSUPPORTED_OPERATION,
            format!("The emulator serves POST / with a JSON body; got {method}."),
        ));
    }
    if action == "(none)" {
        return Err(ApiFailure::new(
            codes::MISSING_PARAMETER,
            "The request is missing a required parameter `Action` (header X-TC-Action).",
        ));
    }
    let (service, version) = match action {
        check_proxy_create::ACTION
        | describe::DEST_REGIONS_ACTION
        | describe::ACCESS_REGIONS_ACTION
        | inquiry_price::ACTION => {
            (check_proxy_create::SERVICE, check_proxy_create::VERSION)
        }
        a if sts::ACTIONS.contains(&a) => (sts::SERVICE, sts::VERSION),
        other => {
            return Err(ApiFailure::new(
                codes::INVALID_ACTION,
                format!(
                "The action `{other}` does not exist; the emulator serves {}, {}, {}, {} and STS {}.",
                check_proxy_create::ACTION,
                describe::DEST_REGIONS_ACTION,
                describe::ACCESS_REGIONS_ACTION,
                inquiry_price::ACTION,
                sts::ACTIONS.join(", ")
            ),
            ))
        }
    };
    let now = now_unix();
    // The login actions come unsigned, `Authorization: SKIP`; every other needs a
    // valid signature (SKIP is then an InvalidAuthorization).
    let unsigned = sts::UNSIGNED_ACTIONS.contains(&action)
        && header(headers, "authorization").map(str::trim) == Some("SKIP");
    let caller = if unsigned {
        None
    } else {
        Some(auth::verify(headers, body, now, service, &state.keys)?)
    };
    let caller_id = caller.as_ref().map(|c| c.secret_id.as_str()).unwrap_or("");
    match header(headers, "x-tc-version") {
        None => {
            return Err(ApiFailure::new(
                codes::MISSING_PARAMETER,
                "The request is missing a required parameter `Version` (header X-TC-Version).",
            ))
        }
        Some(v) if v != version => {
            return Err(ApiFailure::new(
                codes::NO_SUCH_VERSION,
                format!("The API version `{v}` does not exist for {action}; use `{version}`."),
            ))
        }
        Some(_) => {}
    }
    if let Some(region) = headers.get("x-tc-region") {
        if region.as_bytes().iter().all(u8::is_ascii_whitespace) {
            return Err(ApiFailure::new(
                codes::UNSUPPORTED_REGION,
                "The X-TC-Region header is empty; omit it or name a region.",
            ));
        }
    }
    let (limit, limit_code) = {
        let knobs = state.knobs();
        let code = knobs
            .rate_limit_code
            .clone()
            .unwrap_or_else(|| codes::REQUEST_LIMIT_EXCEEDED.to_owned());
        (knobs.rate_limit, code)
    };
    if state.throttled(action, limit) {
        return Err(ApiFailure {
            code: limit_code,
            message: format!(
                "Requests of {action} exceed the limit of {limit} per second; slow down."
            ),
        });
    }
    if let Some(injected) = state.knobs().take_error(action) {
        let message = injected
            .message
            .unwrap_or_else(|| format!("Injected by the emulator: {}.", injected.code));
        return Err(ApiFailure {
            code: injected.code,
            message,
        });
    }
    let body = params::parse_body(body)?;
    let language = Language::from_header(header(headers, language::HEADER));
    match action {
        sts::ACTION => sts::handle(&body, now, &state.keys),
        sts::WEB_IDENTITY_ACTION => sts::handle_web_identity(&body, now, &state.keys),
        sts::SAML_ACTION => sts::handle_saml(&body, now, &state.keys),
        sts::SESSION_TOKEN_ACTION => sts::handle_session_token(&body, now, &state.keys, caller_id),
        sts::CALLER_IDENTITY_ACTION => sts::handle_caller_identity(&body, &state.keys, caller_id),
        describe::DEST_REGIONS_ACTION => {
            describe::dest_regions(&Catalogue::in_language(&state.catalogue, language), &body)
        }
        describe::ACCESS_REGIONS_ACTION => {
            describe::access_regions(&Catalogue::in_language(&state.catalogue, language), &body)
        }
        inquiry_price::ACTION => inquiry_price::handle(&state.catalogue, &body),
        _ => check_proxy_create::handle(&state.catalogue, &body),
    }
}

fn handle_metadata(state: &State, method: &Method, path: &str) -> Response<Full<Bytes>> {
    if method != Method::GET {
        state.stats.record("metadata", "method_not_allowed");
        return reply(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain",
            "method not allowed\n",
        );
    }
    let answer = metadata::handle(
        path,
        state.cam_role.as_deref(),
        state.metadata_ttl_secs,
        now_unix(),
        &state.keys,
    );
    match answer {
        metadata::MetadataAnswer::RoleName(name) => {
            state.stats.record("metadata", "ok");
            reply(StatusCode::OK, "text/plain", name)
        }
        metadata::MetadataAnswer::Credentials(v) => {
            state.stats.record("metadata", "ok");
            json_reply(StatusCode::OK, &v)
        }
        metadata::MetadataAnswer::NotFound => {
            state.stats.record("metadata", "not_found");
            reply(StatusCode::NOT_FOUND, "text/plain", "not found\n")
        }
    }
}

async fn handle_control(
    state: &State,
    path: &str,
    req: Request<Incoming>,
) -> Response<Full<Bytes>> {
    let method = req.method().clone();
    match (&method, path) {
        (&Method::GET, "stats") => json_reply(
            StatusCode::OK,
            &serde_json::to_value(state.stats.snapshot()).unwrap_or_default(),
        ),
        (&Method::GET, "knobs") => json_reply(
            StatusCode::OK,
            &serde_json::to_value(state.knobs().clone()).unwrap_or_default(),
        ),
        (&Method::POST, "knobs") => {
            let body = match Limited::new(req.into_body(), MAX_BODY_BYTES)
                .collect()
                .await
            {
                Ok(b) => b.to_bytes(),
                Err(_) => {
                    return reply(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "text/plain",
                        "body too large\n",
                    )
                }
            };
            match serde_json::from_slice::<Knobs>(&body) {
                Ok(knobs) => {
                    *state.knobs() = knobs.clone();
                    json_reply(
                        StatusCode::OK,
                        &serde_json::to_value(knobs).unwrap_or_default(),
                    )
                }
                Err(e) => json_reply(
                    StatusCode::BAD_REQUEST,
                    &serde_json::json!({ "error": format!("invalid knobs: {e}") }),
                ),
            }
        }
        (&Method::POST, "reset") => {
            state.reset();
            json_reply(StatusCode::OK, &serde_json::json!({}))
        }
        (&Method::GET, "health") => reply(StatusCode::OK, "text/plain", "ok\n"),
        _ => reply(StatusCode::NOT_FOUND, "text/plain", "not found\n"),
    }
}
