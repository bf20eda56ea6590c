//! A small static HTTPS server on 127.0.0.1 for one test, with its own CA.
//!
//! Terraform (Go) trusts the CA through `SSL_CERT_FILE`, which Go's crypto/x509
//! reads on Linux in place of the system bundle. The server answers each
//! connection's first GET from a fixed table of paths and closes it; it records
//! the paths asked for, so tests can tell the server was really used.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};

/// A listener whose port is known before the routes (which embed it) are.
pub struct Bound {
    listener: TcpListener,
    pub port: u16,
}

impl Bound {
    pub fn new() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .unwrap_or_else(|e| panic!("cannot bind 127.0.0.1: {e}"));
        let port = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("no local address: {e}"))
            .port();
        Bound { listener, port }
    }
}

/// One answer: content type and body.
#[derive(Clone)]
pub struct Body {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl Body {
    pub fn json(value: &serde_json::Value) -> Self {
        Body {
            content_type: "application/json",
            bytes: value.to_string().into_bytes(),
        }
    }

    pub fn bytes(bytes: Vec<u8>) -> Self {
        Body {
            content_type: "application/octet-stream",
            bytes,
        }
    }
}

/// A CA made for one test, a server certificate for `localhost` and
/// `127.0.0.1` signed by it, and a PEM bundle holding only the CA.
pub struct TestCa {
    bundle: PathBuf,
    config: Arc<ServerConfig>,
}

impl TestCa {
    /// Writes the CA bundle into `dir`.
    pub fn new(dir: &Path) -> Self {
        let ca_key = KeyPair::generate().unwrap_or_else(|e| panic!("CA key: {e}"));
        let mut ca_params = CertificateParams::new(Vec::<String>::new())
            .unwrap_or_else(|e| panic!("CA params: {e}"));
        ca_params.distinguished_name.push(
            DnType::CommonName,
            "terraform-provider-gaap install test CA",
        );
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca_cert = ca_params
            .self_signed(&ca_key)
            .unwrap_or_else(|e| panic!("CA certificate: {e}"));
        let issuer = Issuer::new(ca_params, ca_key);

        let leaf_key = KeyPair::generate().unwrap_or_else(|e| panic!("server key: {e}"));
        let mut leaf_params =
            CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
                .unwrap_or_else(|e| panic!("server params: {e}"));
        leaf_params
            .distinguished_name
            .push(DnType::CommonName, "localhost");
        let leaf_cert = leaf_params
            .signed_by(&leaf_key, &issuer)
            .unwrap_or_else(|e| panic!("server certificate: {e}"));

        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap_or_else(|e| panic!("TLS versions: {e}"))
            .with_no_client_auth()
            .with_single_cert(
                vec![
                    CertificateDer::from(leaf_cert.der().to_vec()),
                    CertificateDer::from(ca_cert.der().to_vec()),
                ],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
            )
            .unwrap_or_else(|e| panic!("TLS server config: {e}"));

        let bundle = dir.join("test-ca.pem");
        std::fs::write(&bundle, ca_cert.pem())
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", bundle.display()));
        TestCa {
            bundle,
            config: Arc::new(config),
        }
    }

    /// The PEM file to point `SSL_CERT_FILE` at.
    pub fn bundle(&self) -> &Path {
        &self.bundle
    }
}

/// A running server; stops (and joins its thread) on drop.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    requests: Arc<Mutex<Vec<String>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `routes` (path → body) over TLS on `bound`.
    pub fn start(bound: Bound, ca: &TestCa, routes: BTreeMap<String, Body>) -> Self {
        let addr = bound
            .listener
            .local_addr()
            .unwrap_or_else(|e| panic!("no local address: {e}"));
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let routes = Arc::new(routes);
        let config = Arc::clone(&ca.config);
        let thread = {
            let stop = Arc::clone(&stop);
            let requests = Arc::clone(&requests);
            std::thread::spawn(move || {
                for stream in bound.listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let config = Arc::clone(&config);
                    let routes = Arc::clone(&routes);
                    let requests = Arc::clone(&requests);
                    std::thread::spawn(move || {
                        serve_one(stream, config, &routes, &requests);
                    });
                }
            })
        };
        Server {
            addr,
            stop,
            requests,
            thread: Some(thread),
        }
    }

    /// Paths asked for so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve_one(
    tcp: TcpStream,
    config: Arc<ServerConfig>,
    routes: &BTreeMap<String, Body>,
    requests: &Mutex<Vec<String>>,
) {
    let _ = tcp.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = tcp.set_write_timeout(Some(Duration::from_secs(10)));
    let Ok(conn) = ServerConnection::new(config) else {
        return;
    };
    let mut tls = StreamOwned::new(conn, tcp);

    // The request head; GET requests have no body.
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match tls.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
        if head.len() > 64 * 1024 {
            return;
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut request_line = head.lines().next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default();
    let target = request_line.next().unwrap_or_default();
    let path = target.split('?').next().unwrap_or_default().to_string();
    requests
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(path.clone());

    let (status, body) = match (method, routes.get(&path)) {
        ("GET", Some(body)) => ("200 OK", body.clone()),
        ("GET", None) => ("404 Not Found", Body::bytes(b"not found\n".to_vec())),
        _ => (
            "405 Method Not Allowed",
            Body::bytes(b"only GET\n".to_vec()),
        ),
    };
    let response_head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.content_type,
        body.bytes.len()
    );
    let _ = tls.write_all(response_head.as_bytes());
    let _ = tls.write_all(&body.bytes);
    tls.conn.send_close_notify();
    let _ = tls.flush();
}
