//! Talking to the built provider binary the way Terraform's go-plugin client does:
//! spawn it with the go-plugin environment, read the handshake line, dial the Unix
//! socket with (or without) AutoMTLS, and build tonic channels on that connection.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine as _;
use hyper_util::rt::TokioIo;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose, PKCS_ECDSA_P521_SHA512,
};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};
use tokio::net::UnixStream;
use tokio_rustls::TlsConnector;
use tonic::transport::{Channel, Endpoint, Uri};

/// Terraform's magic cookie.
pub const COOKIE: &str = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

/// A bound for every wait in these tests.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// A client identity shaped like go-plugin's: ECDSA P-521, ecdsa-with-SHA512, CA:TRUE,
/// SAN localhost, EKU clientAuth + serverAuth.
pub struct ClientIdentity {
    pub pem: String,
    pub cert: CertificateDer<'static>,
    pub key: PrivatePkcs8KeyDer<'static>,
}

impl ClientIdentity {
    pub fn terraform_like() -> Self {
        let key = KeyPair::generate_for(&PKCS_ECDSA_P521_SHA512).unwrap();
        let mut params = CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(DnType::OrganizationName, "HashiCorp");
        params
            .distinguished_name
            .push(DnType::CommonName, "localhost");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
            KeyUsagePurpose::KeyAgreement,
            KeyUsagePurpose::KeyCertSign,
        ];
        params.extended_key_usages = vec![
            ExtendedKeyUsagePurpose::ClientAuth,
            ExtendedKeyUsagePurpose::ServerAuth,
        ];
        let now = time::OffsetDateTime::now_utc();
        params.not_before = now - time::Duration::seconds(30);
        params.not_after = now + time::Duration::days(365);
        let cert = params.self_signed(&key).unwrap();
        Self {
            pem: cert.pem(),
            cert: cert.der().clone(),
            key: PrivatePkcs8KeyDer::from(key.serialize_der()),
        }
    }
}

/// The parsed handshake line.
#[derive(Debug, Clone)]
pub struct Handshake {
    pub raw: String,
    pub fields: Vec<String>,
    pub server_cert: Option<Vec<u8>>,
}

impl Handshake {
    pub fn parse(line: &str) -> Self {
        let fields: Vec<String> = line.split('|').map(str::to_owned).collect();
        assert_eq!(fields.len(), 6, "handshake line {line:?}");
        let server_cert = (!fields[5].is_empty()).then(|| {
            STANDARD_NO_PAD
                .decode(&fields[5])
                .expect("unpadded standard base64")
        });
        Self {
            raw: line.to_owned(),
            fields,
            server_cert,
        }
    }

    pub fn socket(&self) -> PathBuf {
        PathBuf::from(&self.fields[3])
    }
}

/// A running provider process.
pub struct Plugin {
    pub child: Child,
    stdout: Receiver<String>,
    stderr: Arc<Mutex<String>>,
    stderr_done: Arc<std::sync::atomic::AtomicBool>,
    exited: bool,
}

impl Plugin {
    /// Starts the binary with a clean environment plus `env`.
    pub fn spawn(args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::spawn_binary(
            Path::new(env!("CARGO_BIN_EXE_terraform-provider-gaap")),
            args,
            env,
        )
    }

    /// Starts `binary` (this provider or another plugin) with a clean environment plus `env`.
    pub fn spawn_binary(binary: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut command = Command::new(binary);
        command.args(args).env_clear();
        for name in ["PATH", "TMPDIR", "HOME"] {
            if let Some(value) = std::env::var_os(name) {
                command.env(name, value);
            }
        }
        command
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("spawn the provider binary");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut stderr_pipe = child.stderr.take().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let stderr_done = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (sink, done) = (stderr.clone(), stderr_done.clone());
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = stderr_pipe.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Self {
            child,
            stdout: rx,
            stderr,
            stderr_done,
            exited: false,
        }
    }

    /// Starts it as Terraform does: cookie, `PLUGIN_PROTOCOL_VERSIONS`, maybe a client cert.
    pub fn spawn_managed(
        versions: &str,
        client_cert_pem: Option<&str>,
        extra_env: &[(&str, &str)],
    ) -> (Self, Handshake) {
        Self::spawn_managed_binary(
            Path::new(env!("CARGO_BIN_EXE_terraform-provider-gaap")),
            versions,
            client_cert_pem,
            extra_env,
        )
    }

    /// [`Self::spawn_managed`] for any go-plugin binary (the benchmarks start a Go provider).
    pub fn spawn_managed_binary(
        binary: &Path,
        versions: &str,
        client_cert_pem: Option<&str>,
        extra_env: &[(&str, &str)],
    ) -> (Self, Handshake) {
        let mut env = vec![
            ("TF_PLUGIN_MAGIC_COOKIE", COOKIE),
            ("PLUGIN_PROTOCOL_VERSIONS", versions),
            ("PLUGIN_MIN_PORT", "10000"),
            ("PLUGIN_MAX_PORT", "25000"),
        ];
        if let Some(pem) = client_cert_pem {
            env.push(("PLUGIN_CLIENT_CERT", pem));
        }
        env.extend_from_slice(extra_env);
        let plugin = Self::spawn_binary(binary, &[], &env);
        let line = plugin.next_stdout_line().expect("a handshake line");
        (plugin, Handshake::parse(&line))
    }

    /// The next stdout line, waiting at most [`TIMEOUT`].
    pub fn next_stdout_line(&self) -> Option<String> {
        self.stdout.recv_timeout(TIMEOUT).ok()
    }

    /// Lines printed after those already read (call after the process exited).
    pub fn remaining_stdout(&self) -> Vec<String> {
        let mut lines = Vec::new();
        while let Ok(line) = self.stdout.recv_timeout(Duration::from_millis(200)) {
            lines.push(line);
        }
        lines
    }

    /// Stderr so far; once the process has exited, all of it.
    pub fn stderr(&self) -> String {
        let start = Instant::now();
        while !self.stderr_done.load(std::sync::atomic::Ordering::SeqCst)
            && start.elapsed() < Duration::from_secs(2)
        {
            // Stderr only ends when the process is gone; don't wait for a live one.
            if !self.exited {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.stderr.lock().unwrap().clone()
    }

    /// Waits for exit at most `limit`; panics (after killing) if it does not exit.
    pub fn wait_exit(&mut self, limit: Duration) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.exited = true;
                return status;
            }
            if start.elapsed() > limit {
                let _ = self.child.kill();
                panic!(
                    "provider did not exit within {limit:?}; stderr:\n{}",
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn signal(&self, signal: i32) {
        let pid = self.child.id() as i32;
        // SAFETY: kill(2) on our own child's pid has no memory-safety preconditions.
        let rc = unsafe { libc::kill(pid, signal) };
        assert_eq!(rc, 0, "kill({pid}, {signal})");
    }
}

impl Drop for Plugin {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Accepts exactly the server certificate from the handshake line (as go-plugin's client
/// pins it as its only root) and checks handshake signatures with aws-lc-rs.
#[derive(Debug)]
struct PinnedServer {
    der: Vec<u8>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for PinnedServer {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        assert_eq!(server_name.to_str(), "localhost");
        if end_entity.as_ref() == self.der.as_slice() {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(
                "server certificate is not the announced one".into(),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// A rustls client config pinned to `server_cert`, presenting `identity` if given.
pub fn client_config(server_cert: &[u8], identity: Option<&ClientIdentity>) -> Arc<ClientConfig> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let verifier = PinnedServer {
        der: server_cert.to_vec(),
        algorithms: provider.signature_verification_algorithms,
    };
    let builder = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier));
    let mut config = match identity {
        Some(identity) => builder
            .with_client_auth_cert(
                vec![identity.cert.clone()],
                PrivateKeyDer::Pkcs8(identity.key.clone_key()),
            )
            .unwrap(),
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"h2".to_vec()];
    Arc::new(config)
}

/// A TLS connection to the socket (returns the negotiated ALPN too).
pub async fn tls_connect(
    socket: &Path,
    config: Arc<ClientConfig>,
) -> std::io::Result<tokio_rustls::client::TlsStream<UnixStream>> {
    let stream = UnixStream::connect(socket).await?;
    TlsConnector::from(config)
        .connect(ServerName::try_from("localhost").unwrap(), stream)
        .await
}

/// A gRPC channel over AutoMTLS on the plugin's Unix socket.
pub async fn tls_channel(
    socket: &Path,
    config: Arc<ClientConfig>,
) -> Result<Channel, tonic::transport::Error> {
    let socket = socket.to_path_buf();
    Endpoint::from_static("http://unused")
        .connect_timeout(TIMEOUT)
        .connect_with_connector(tower::service_fn(move |_: Uri| {
            let socket = socket.clone();
            let config = config.clone();
            async move { Ok::<_, std::io::Error>(TokioIo::new(tls_connect(&socket, config).await?)) }
        }))
        .await
}

/// A plaintext (h2c) gRPC channel on the plugin's Unix socket.
pub async fn plain_channel(socket: &Path) -> Result<Channel, tonic::transport::Error> {
    let socket = socket.to_path_buf();
    Endpoint::from_static("http://unused")
        .connect_timeout(TIMEOUT)
        .connect_with_connector(tower::service_fn(move |_: Uri| {
            let socket = socket.clone();
            async move { Ok::<_, std::io::Error>(TokioIo::new(UnixStream::connect(socket).await?)) }
        }))
        .await
}
