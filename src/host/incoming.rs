//! Streams of accepted connections for tonic's `serve_with_incoming`.
//!
//! The accept loop runs in its own task. With TLS, each handshake runs in a task of
//! its own with a deadline, so one slow or hostile peer cannot stall the others, and
//! a failed handshake (no or wrong client certificate, no `h2`) is logged and dropped
//! while the server keeps serving.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;
use tokio_stream::wrappers::ReceiverStream;

use super::listener::{AcceptOnly, RawStream};

/// Deadline for one TLS handshake.
pub const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Pause after an accept error (e.g. out of file descriptors) before trying again.
const ACCEPT_ERROR_BACKOFF: Duration = Duration::from_millis(50);

/// Connections as they are accepted, without TLS.
pub fn plaintext(listener: AcceptOnly) -> ReceiverStream<io::Result<RawStream>> {
    let (tx, rx) = mpsc::channel(16);
    tokio::spawn(async move {
        loop {
            match listener.accept().await {
                Ok(stream) => {
                    if tx.send(Ok(stream)).await.is_err() {
                        return;
                    }
                }
                Err(error) => accept_failed(&error).await,
            }
        }
    });
    ReceiverStream::new(rx)
}

/// Connections that completed a TLS handshake with `config`.
pub fn tls(
    listener: AcceptOnly,
    config: Arc<rustls::ServerConfig>,
) -> ReceiverStream<io::Result<TlsStream<RawStream>>> {
    let acceptor = TlsAcceptor::from(config);
    let (tx, rx) = mpsc::channel(16);
    tokio::spawn(async move {
        loop {
            let stream = match listener.accept().await {
                Ok(stream) => stream,
                Err(error) => {
                    accept_failed(&error).await;
                    continue;
                }
            };
            if tx.is_closed() {
                return;
            }
            let acceptor = acceptor.clone();
            let tx = tx.clone();
            tokio::spawn(async move {
                match tokio::time::timeout(TLS_HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                    Ok(Ok(tls)) => {
                        let _ = tx.send(Ok(tls)).await;
                    }
                    Ok(Err(error)) => {
                        tracing::warn!(error = %error, "TLS handshake with a plugin client failed; connection dropped");
                    }
                    Err(_) => {
                        tracing::warn!(
                            timeout_ms = TLS_HANDSHAKE_TIMEOUT.as_millis() as u64,
                            "TLS handshake with a plugin client timed out; connection dropped"
                        );
                    }
                }
            });
        }
    });
    ReceiverStream::new(rx)
}

async fn accept_failed(error: &io::Error) {
    tracing::warn!(error = %error, "accepting a plugin connection failed");
    tokio::time::sleep(ACCEPT_ERROR_BACKOFF).await;
}
