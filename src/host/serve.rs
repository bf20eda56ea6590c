//! Serving as a managed plugin: what Terraform starts.
//!
//! Order matters (go-plugin `server.go` `Serve`): check the cookie, negotiate the
//! version, bind the socket, set up TLS, and only then print the single handshake line
//! on stdout (flushed; stdout carries nothing else, ever): the client starts dialling
//! as soon as it reads that line. Then serve tfplugin5 plus go-plugin's services until
//! `Shutdown`, SIGTERM, SIGHUP or the exit of the process that started the plugin
//! (`host::parent`; each, even one that comes before the handshake line is out,
//! removes the socket directory). SIGINT is ignored: Ctrl-C reaches the whole process
//! group, and Terraform stops providers with the `Stop` and `Shutdown` RPCs instead.
//! Stdin is Terraform's and is never read.

use std::future::Future;
use std::io::{self, Write};
use std::time::Duration;

use futures_util::Stream;
use tokio::io::{AsyncRead, AsyncWrite};
use tonic::service::Routes;
use tonic::transport::server::Connected;
use tonic::transport::Server;

use super::go_plugin::{add_go_plugin_services, ShutdownRequested};
use super::handshake::{
    cookie_is_valid, negotiate_protocol_version, HandshakeLine, APP_PROTOCOL_VERSION,
    MAGIC_COOKIE_KEY, NOT_A_PLUGIN_EXIT_CODE, NOT_A_PLUGIN_MESSAGE, PROTOCOL_VERSIONS_ENV,
};
use super::listener::{PluginListener, SocketGuard};
use super::options::ServeOptions;
use super::parent::{self, Parent, Watch};
use super::tls::{parse_client_cert, server_config, ServerIdentity, CLIENT_CERT_ENV};
use super::{incoming, signals};

/// Time given to the `Shutdown` answer to reach the client before the process exits.
/// On a local socket the answer is written within microseconds; Terraform waits for
/// the process to exit (and ignores a lost answer), so every millisecond here is paid
/// 3-4 times per Terraform command.
pub const SHUTDOWN_FLUSH_DELAY: Duration = Duration::from_millis(5);

/// Exit status for a plugin that could not start serving.
pub const STARTUP_FAILURE_EXIT_CODE: i32 = 1;

/// Serves the plugin as Terraform expects and returns the process exit status.
/// `parent` is the process that started this one, recorded with [`Parent::record`] at
/// the very start of `main`: serving ends when it is gone. `provider_routes` builds the
/// tfplugin5 service; it is only called once the cookie check passed.
pub async fn run(
    options: &ServeOptions,
    parent: Parent,
    provider_routes: impl FnOnce() -> Routes,
) -> i32 {
    let cookie = std::env::var(MAGIC_COOKIE_KEY).ok();
    if !cookie_is_valid(cookie.as_deref()) {
        eprint!("{NOT_A_PLUGIN_MESSAGE}");
        return NOT_A_PLUGIN_EXIT_CODE;
    }
    match serve(options, parent, provider_routes).await {
        Ok(()) => 0,
        Err(error) => {
            tracing::error!(error = %error, "the plugin server failed");
            eprintln!("{}: {error}", options.name);
            STARTUP_FAILURE_EXIT_CODE
        }
    }
}

/// Why serving failed.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen for Terraform: {0}")]
    Listen(#[source] io::Error),
    #[error(transparent)]
    Tls(#[from] super::tls::TlsError),
    #[error("cannot write the handshake line to stdout: {0}")]
    Handshake(#[source] io::Error),
    #[error("gRPC server error: {0}")]
    Grpc(#[from] tonic::transport::Error),
}

async fn serve(
    options: &ServeOptions,
    parent: Parent,
    provider_routes: impl FnOnce() -> Routes,
) -> Result<(), ServeError> {
    signals::ignore_interrupt();
    // Before the socket directory exists: from here on SIGTERM, SIGHUP and the
    // parent's exit end the process through the paths below, which all remove it.
    let terminate = signals::terminate_or_hangup();
    let parent_gone = match parent::watch(parent) {
        Watch::AlreadyGone(now) => {
            tracing::warn!(
                parent_pid = parent.pid(),
                new_parent_pid = now,
                "the process that started the plugin is already gone; exiting"
            );
            return Ok(());
        }
        Watch::Watching(gone) => gone,
    };
    let mut stop: signals::StopSignal = Box::pin(async move {
        futures_util::future::select(terminate, parent_gone).await;
    });
    let versions = std::env::var(PROTOCOL_VERSIONS_ENV).ok();
    let negotiation = negotiate_protocol_version(versions.as_deref(), &[APP_PROTOCOL_VERSION]);
    for entry in &negotiation.ignored {
        tracing::warn!(entry = %entry, "ignoring a non-numeric entry of {PROTOCOL_VERSIONS_ENV}");
    }
    if !negotiation.matched {
        tracing::warn!(
            client_versions = versions.as_deref().unwrap_or(""),
            "the client lists no protocol version this provider speaks (5); offering 5 anyway"
        );
    }

    let listener = PluginListener::bind().map_err(ServeError::Listen)?;
    // go-plugin's rule: any non-empty value means AutoMTLS. A blank or unparsable
    // one is a startup error, never a fall back to plaintext (which any local
    // process could then talk to). Set but not Unicode counts as set.
    let client_cert = match std::env::var(CLIENT_CERT_ENV) {
        Ok(pem) if pem.is_empty() => None,
        Ok(pem) => Some(pem),
        Err(std::env::VarError::NotPresent) => None,
        Err(std::env::VarError::NotUnicode(_)) => Some(String::new()),
    };
    let tls = match client_cert {
        Some(pem) => {
            let client = parse_client_cert(&pem)?;
            let identity = ServerIdentity::generate(&options.name)?;
            let config = server_config(&identity, client)?;
            Some((identity, config))
        }
        None => None,
    };
    let line = HandshakeLine {
        app_version: negotiation.version,
        network: listener.network(),
        address: listener.address(),
        server_cert_der: tls
            .as_ref()
            .map(|(identity, _)| identity.cert_der().as_ref()),
    }
    .to_string();
    tracing::debug!(
        network = %listener.network(),
        address = listener.address(),
        tls = tls.is_some(),
        "plugin address"
    );

    let (routes, shutdown) = add_go_plugin_services(provider_routes()).await;
    let (accept, guard) = listener.into_parts();
    // On a blocking thread, raced with the stop signals: a client that does not read
    // stdout blocks the write, and a signal must still end the process cleanly.
    let printing = tokio::task::spawn_blocking(move || print_handshake(&line));
    let printed = tokio::select! {
        printed = printing => printed,
        () = &mut stop => {
            tracing::debug!(
                "exiting on a termination signal or the parent's exit before the handshake line was out"
            );
            remove_socket_dir(guard);
            return Ok(());
        }
    };
    printed
        .unwrap_or_else(|panicked| Err(io::Error::other(panicked)))
        .map_err(ServeError::Handshake)?;

    let result = match tls {
        Some((_, config)) => {
            serve_until_either(routes, incoming::tls(accept, config), shutdown, stop).await
        }
        None => serve_until_either(routes, incoming::plaintext(accept), shutdown, stop).await,
    };
    remove_socket_dir(guard);
    result
}

/// Removes the socket directory now, logging a failure.
fn remove_socket_dir(guard: SocketGuard) {
    if let Err(error) = guard.remove() {
        tracing::warn!(error = %error, "could not remove the plugin socket directory");
    }
}

/// Writes the one line and flushes: go-plugin's client waits for the newline.
fn print_handshake(line: &str) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "{line}")?;
    stdout.flush()
}

/// Serves `routes` on `incoming` until the client's `Shutdown` (plus a short delay for
/// the answer to leave), `stop` (a termination signal, or the parent's exit), or a
/// server error.
pub(crate) async fn serve_until_either<IO>(
    routes: Routes,
    incoming: impl Stream<Item = io::Result<IO>> + Send + 'static,
    shutdown: ShutdownRequested,
    stop: impl Future<Output = ()>,
) -> Result<(), ServeError>
where
    IO: AsyncRead + AsyncWrite + Connected + Unpin + Send + 'static,
{
    let server = Server::builder()
        .accept_http1(false)
        .add_routes(routes)
        .serve_with_incoming(incoming);
    // No graceful drain: StreamStdio and StartStream never end by themselves.
    tokio::select! {
        result = server => result.map_err(ServeError::from),
        () = shutdown.wait() => {
            tokio::time::sleep(SHUTDOWN_FLUSH_DELAY).await;
            tracing::debug!("exiting after Shutdown");
            Ok(())
        }
        () = stop => {
            tracing::debug!("exiting on a termination signal or the parent's exit");
            Ok(())
        }
    }
}
