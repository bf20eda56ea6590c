//! A loopback emulator of the Tencent Cloud GAAP API (`CheckProxyCreate`,
//! `DescribeDestRegions`, `DescribeAccessRegionsByDestRegion`,
//! `InquiryPriceCreateProxy`), of STS
//! `AssumeRole` and of the CVM metadata credential paths, for tests, the demo and CI.
//!
//! One listener, `http://127.0.0.1:PORT`, serves:
//! - `POST /`: the API. `X-TC-Action: CheckProxyCreate`, `DescribeDestRegions`,
//!   `DescribeAccessRegionsByDestRegion` or `InquiryPriceCreateProxy` (version
//!   `2018-05-29`, credential-scope
//!   service `gaap`, all answered from one region catalogue) or an STS action (version
//!   `2018-08-13`, service `sts`: `AssumeRole`, `AssumeRoleWithWebIdentity` and
//!   `AssumeRoleWithSAML` (these two unsigned), `GetSessionToken`,
//!   `GetCallerIdentity`; see [`sts`]). Point both the GAAP endpoint and
//!   `TENCENTCLOUD_STS_ENDPOINT` at the same URL. Signatures are verified as the API
//!   does ([`auth`]); answers have the API's shapes ([`response`]): HTTP 200 with
//!   `{"Response":{"CheckFlag":1,"RequestId":"<uuid>"}}` or
//!   `{"Response":{"Error":{"Code":"...","Message":"..."},"RequestId":"<uuid>"}}`.
//! - `GET /latest/meta-data/cam/security-credentials/[<role>]`: the CVM metadata
//!   service ([`metadata`]); point `TENCENTCLOUD_METADATA_ENDPOINT` at the same URL.
//! - `/_emulator/*`, never affected by knobs and not authenticated (loopback only):
//!   `GET stats` ([`stats`]), `GET|POST knobs` ([`knobs`]), `POST reset` (stats and
//!   knobs back to the start configuration; issued credentials stay valid),
//!   `GET health`.
//!
//! Order of checks for `POST /`: body size (`RequestSizeLimitExceeded`), missing
//! `X-TC-Action` (`MissingParameter`), unknown action (`InvalidAction`), the
//! signature ([`auth`]), missing `X-TC-Version` (`MissingParameter`) or a wrong one
//! (`NoSuchVersion`), an empty `X-TC-Region` (`UnsupportedRegion`; any non-empty
//! region is accepted), the rate limit, injected errors, the body (not a JSON object:
//! `InvalidParameter`), then the action's parameters and rules
//! ([`check_proxy_create`], [`describe`], [`inquiry_price`], [`sts`]).
//!
//! What GAAP offers is one runtime value, the [`Catalogue`] ([`answers`]): the answers
//! of the two Describe actions, by request. It is built in (generated from the region
//! table and rules of [`catalogue`]: official region ids only, names in the language
//! `X-TC-Language` asks for ([`language`])) or recorded from a real account
//! (`gaap-emulator record`, [`record`]) and loaded from its file ([`catalogue_file`],
//! `gaap-emulator --catalogue FILE`, [`EmulatorConfig::catalogue`]). The two Describe
//! actions serve it ([`describe`]); `CheckProxyCreate` validates its parameters
//! (regions of the catalogue, `Bandwidth` 1..=10000, `Concurrent` 1..=300, the enums)
//! and answers `CheckFlag` 1 exactly when the catalogue offers the connection
//! ([`check_proxy_create`]). `InquiryPriceCreateProxy` validates as the check does
//! and prices any pair of the catalogue's regions from a modelled price list
//! ([`inquiry_price`], [`price`]). `crates/gaap-emulator/README.md` says which values of
//! the built-in catalogue are published and which are modelled.

pub mod answers;
pub mod auth;
pub mod catalogue;
pub mod catalogue_file;
pub mod check_proxy_create;
pub mod describe;
pub mod inquiry_price;
pub mod keys;
pub mod knobs;
pub mod language;
pub mod metadata;
pub mod params;
pub mod price;
pub mod record;
pub mod response;
mod server;
pub mod stats;
pub mod sts;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinHandle;

pub use answers::Catalogue;
pub use catalogue_file::{CatalogueError, CatalogueFile};
pub use keys::KeyPair;
pub use knobs::{InjectedError, Knobs};
pub use stats::Stats;

/// The documented demo key pair, accepted when no key is configured. It is public:
/// never use it anywhere but against the emulator.
pub const DEMO_SECRET_ID: &str = "AKIDEXAMPLEgaapTEST0000000000000000";
pub const DEMO_SECRET_KEY: &str = "EXAMPLEgaapSecretKeyTEST0000000000";
/// Default lifetime of metadata-issued credentials, seconds (the real service's 2 hours).
pub const DEFAULT_METADATA_TTL_SECS: i64 = 7_200;
/// Default cap on simultaneous connections.
pub const DEFAULT_MAX_CONNECTIONS: usize = 256;

/// How to start an emulator.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// Must be a loopback address; port 0 picks a free port.
    pub addr: SocketAddr,
    /// Permanent keys accepted. Empty: the demo pair.
    pub keys: Vec<KeyPair>,
    /// Knobs at start, and after `POST /_emulator/reset`.
    pub knobs: Knobs,
    /// The CVM role served by the metadata paths; `None`: they answer 404.
    pub cam_role: Option<String>,
    /// Lifetime of metadata-issued credentials, seconds.
    pub metadata_ttl_secs: i64,
    pub max_connections: usize,
    /// What the GAAP actions answer from: [`Catalogue::built_in`] by default, or a
    /// recorded one ([`catalogue_file::load`]).
    pub catalogue: Arc<Catalogue>,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            addr: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            keys: Vec::new(),
            knobs: Knobs::default(),
            cam_role: None,
            metadata_ttl_secs: DEFAULT_METADATA_TTL_SECS,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            catalogue: Catalogue::built_in(),
        }
    }
}

/// Why the emulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    #[error("the emulator binds loopback addresses only (127.0.0.0/8, ::1); got {0}")]
    NotLoopback(SocketAddr),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// The emulator.
pub struct Emulator;

impl Emulator {
    /// Binds and starts serving on the current tokio runtime.
    pub async fn start(config: EmulatorConfig) -> Result<RunningEmulator, EmulatorError> {
        if !config.addr.ip().is_loopback() {
            return Err(EmulatorError::NotLoopback(config.addr));
        }
        let listener =
            TcpListener::bind(config.addr)
                .await
                .map_err(|source| EmulatorError::Bind {
                    addr: config.addr,
                    source,
                })?;
        let addr = listener
            .local_addr()
            .map_err(|source| EmulatorError::Bind {
                addr: config.addr,
                source,
            })?;
        let keys = if config.keys.is_empty() {
            vec![KeyPair::new(DEMO_SECRET_ID, DEMO_SECRET_KEY)]
        } else {
            config.keys
        };
        let (stop_tx, stop_rx) = watch::channel(false);
        let state = Arc::new(server::State {
            keys: keys::KeyStore::new(keys),
            knobs: Mutex::new(config.knobs.clone()),
            initial_knobs: config.knobs,
            stats: stats::Recorder::default(),
            windows: Mutex::new(HashMap::new()),
            cam_role: config.cam_role,
            metadata_ttl_secs: config.metadata_ttl_secs,
            catalogue: config.catalogue,
            shutdown: stop_rx,
        });
        let task = tokio::spawn(accept_loop(
            listener,
            state.clone(),
            config.max_connections.max(1),
        ));
        tracing::debug!(%addr, "gaap emulator listening");
        Ok(RunningEmulator {
            addr,
            state,
            stop: stop_tx,
            task: Some(task),
        })
    }
}

/// Resolves once the emulator is told to stop (the `watch::Ref` is not `Send`, so it
/// must not live across an await in a spawned task).
async fn stopped(rx: &mut watch::Receiver<bool>) {
    let _ = rx.wait_for(|s| *s).await;
}

async fn accept_loop(listener: TcpListener, state: Arc<server::State>, max_connections: usize) {
    let slots = Arc::new(Semaphore::new(max_connections));
    let mut stop = state.shutdown.clone();
    loop {
        let accepted = tokio::select! {
            _ = stopped(&mut stop) => return,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or similar: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            continue; // Over the cap: dropping the stream closes it.
        };
        let state = state.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let mut stop = state.shutdown.clone();
            let service = {
                let state = state.clone();
                service_fn(move |req| server::handle(state.clone(), req))
            };
            let conn = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(server::HEADER_READ_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stopped(&mut stop) => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(Duration::from_secs(1), conn).await;
                }
            }
        });
    }
}

/// A started emulator. Dropping it stops it too.
pub struct RunningEmulator {
    addr: SocketAddr,
    state: Arc<server::State>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl RunningEmulator {
    /// `http://127.0.0.1:PORT` (or `http://[::1]:PORT`), no trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Calls so far, per action and outcome.
    pub fn stats(&self) -> Stats {
        self.state.stats.snapshot()
    }

    /// The current knobs (counts consumed so far are gone).
    pub fn knobs(&self) -> Knobs {
        self.state.knobs().clone()
    }

    /// Replaces the knobs.
    pub fn set_knobs(&self, knobs: Knobs) {
        *self.state.knobs() = knobs;
    }

    /// Stats and knobs back to the start configuration.
    pub fn reset(&self) {
        self.state.reset();
    }

    /// Stops accepting, ends hanging requests, and waits for the accept loop.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningEmulator {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
