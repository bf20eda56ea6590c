//! AutoMTLS, as go-plugin does it, with rustls and the aws-lc-rs backend.
//!
//! Facts (hashicorp/go-plugin `client.go`, `mtls.go`, `server.go`; summarised in
//! `contributing/design/go-plugin-handshake.md`):
//! - The client passes its one-time certificate as PEM in `PLUGIN_CLIENT_CERT`; TLS is
//!   served exactly when it is set. The server answers with its own certificate's DER in
//!   the handshake line; the Go client pins it (it is the only root), checks SAN
//!   `localhost` and EKU serverAuth, and requires ALPN `h2` (grpc-go >= 1.67).
//! - Terraform's certificate is ECDSA P-521 / SHA-512 with `CA:TRUE`. webpki refuses a CA
//!   certificate as end entity and *ring* cannot verify P-521, so client certificates are
//!   checked here by exact DER comparison with `PLUGIN_CLIENT_CERT` and the handshake
//!   signature is verified with aws-lc-rs's algorithms (which include P-521). Go clients send
//!   no certificate unless the CertificateRequest lists a scheme their key can sign with.

use std::fmt;
use std::sync::Arc;

use rcgen::{
    CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose,
    SerialNumber, PKCS_ECDSA_P256_SHA256,
};
use rustls::client::danger::HandshakeSignatureValid;
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{
    CertificateError, DigitallySignedStruct, DistinguishedName, ServerConfig, SignatureScheme,
};
use sensitive::Sensitive;

/// Environment variable with the client's PEM certificate (AutoMTLS on when non-empty).
pub const CLIENT_CERT_ENV: &str = "PLUGIN_CLIENT_CERT";

/// ALPN protocol gRPC clients require.
pub const ALPN_H2: &[u8] = b"h2";

/// The server certificate's DNS name; go-plugin clients set `ServerName: "localhost"`.
pub const SERVER_NAME: &str = "localhost";

/// How long the server certificate is valid: 30 years, like go-plugin's own.
const VALIDITY_DAYS: i64 = 30 * 365;

/// Errors building the TLS configuration.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("{CLIENT_CERT_ENV} does not hold a PEM certificate: {0}")]
    ClientCertPem(String),
    #[error("cannot generate the server certificate: {0}")]
    Generate(#[from] rcgen::Error),
    #[error("cannot build the TLS server configuration: {0}")]
    Rustls(#[from] rustls::Error),
}

/// The crypto provider every TLS object here uses (not the process default).
pub fn crypto_provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// A fresh server certificate and its key.
pub struct ServerIdentity {
    cert: CertificateDer<'static>,
    key: Sensitive<PrivatePkcs8KeyDer<'static>>,
}

/// Written out only to show the certificate by its length, not its bytes.
impl fmt::Debug for ServerIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerIdentity")
            .field("cert_len", &self.cert.len())
            .field("key", &self.key)
            .finish()
    }
}

impl ServerIdentity {
    /// Generates a self-signed ECDSA P-256 certificate for `localhost` with EKU
    /// serverAuth + clientAuth and CA:TRUE (the shape go-plugin gives its own; Go accepts
    /// the pinned leaf as its own root), valid from 30 s ago for 30 years. `organization`
    /// only labels it (go-plugin writes its own name there; clients never check it).
    pub fn generate(organization: &str) -> Result<Self, TlsError> {
        let key_pair = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256)?;
        let mut params = CertificateParams::new(vec![SERVER_NAME.to_owned()])?;
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(DnType::OrganizationName, organization);
        params
            .distinguished_name
            .push(DnType::CommonName, SERVER_NAME);
        params.is_ca = IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
            KeyUsagePurpose::KeyAgreement,
            KeyUsagePurpose::KeyCertSign,
        ];
        params.extended_key_usages = vec![
            ExtendedKeyUsagePurpose::ServerAuth,
            ExtendedKeyUsagePurpose::ClientAuth,
        ];
        let now = time::OffsetDateTime::now_utc();
        params.not_before = now - time::Duration::seconds(30);
        params.not_after = now + time::Duration::days(VALIDITY_DAYS);
        // A positive 127-bit serial, random like Go's.
        let mut serial = [0u8; 16];
        serial.iter_mut().for_each(|b| *b = fastrand::u8(..));
        serial[0] &= 0x7f;
        params.serial_number = Some(SerialNumber::from_slice(&serial));
        let cert = params.self_signed(&key_pair)?;
        Ok(Self {
            cert: cert.der().clone(),
            key: Sensitive::new(PrivatePkcs8KeyDer::from(key_pair.serialize_der())),
        })
    }

    /// The certificate's DER, as announced in the handshake line.
    pub fn cert_der(&self) -> &CertificateDer<'static> {
        &self.cert
    }
}

/// Parses `PLUGIN_CLIENT_CERT` (one PEM certificate) into DER.
pub fn parse_client_cert(pem: &str) -> Result<CertificateDer<'static>, TlsError> {
    CertificateDer::from_pem_slice(pem.as_bytes())
        .map_err(|e| TlsError::ClientCertPem(e.to_string()))
}

/// Requires a client certificate and accepts exactly one: the pinned DER.
#[derive(Debug)]
pub struct PinnedClientCertVerifier {
    expected: CertificateDer<'static>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl PinnedClientCertVerifier {
    /// Pins `expected`; signatures are checked with `provider`'s algorithms.
    pub fn new(expected: CertificateDer<'static>, provider: &CryptoProvider) -> Self {
        Self {
            expected,
            algorithms: provider.signature_verification_algorithms,
        }
    }
}

impl ClientCertVerifier for PinnedClientCertVerifier {
    fn offer_client_auth(&self) -> bool {
        true
    }

    fn client_auth_mandatory(&self) -> bool {
        true
    }

    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        // No hints: Go then considers any of its certificates acceptable.
        &[]
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        if end_entity.as_ref() == self.expected.as_ref() {
            Ok(ClientCertVerified::assertion())
        } else {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::ApplicationVerificationFailure,
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

/// The rustls server configuration: TLS 1.2 and 1.3, ALPN `h2`, our certificate, and a
/// mandatory client certificate equal to `client_cert`.
pub fn server_config(
    identity: &ServerIdentity,
    client_cert: CertificateDer<'static>,
) -> Result<Arc<ServerConfig>, TlsError> {
    let provider = crypto_provider();
    let verifier = PinnedClientCertVerifier::new(client_cert, &provider);
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])?
        .with_client_cert_verifier(Arc::new(verifier))
        .with_single_cert(
            vec![identity.cert.clone()],
            PrivateKeyDer::Pkcs8(identity.key.expose().clone_key()),
        )?;
    config.alpn_protocols = vec![ALPN_H2.to_vec()];
    Ok(Arc::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_certificate_shape() {
        let identity = ServerIdentity::generate("terraform-provider-example").unwrap();
        let der = identity.cert_der().as_ref();
        // DER SEQUENCE, and the SAN "localhost" is in there.
        assert_eq!(der[0], 0x30);
        assert!(der.windows(9).any(|w| w == b"localhost"));
        // EKU OIDs serverAuth 1.3.6.1.5.5.7.3.1 and clientAuth 1.3.6.1.5.5.7.3.2.
        let server_auth = [0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01];
        let client_auth = [0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02];
        assert!(der.windows(10).any(|w| w == server_auth));
        assert!(der.windows(10).any(|w| w == client_auth));
        // Two generations differ (fresh key and serial).
        let other = ServerIdentity::generate("terraform-provider-example").unwrap();
        assert_ne!(identity.cert_der(), other.cert_der());
        assert!(format!("{identity:?}").contains("redacted"));
    }

    #[test]
    fn client_cert_pem_round_trip_and_errors() {
        let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P521_SHA512).unwrap();
        let cert = CertificateParams::new(vec!["localhost".to_owned()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        let parsed = parse_client_cert(&cert.pem()).unwrap();
        assert_eq!(parsed.as_ref(), cert.der().as_ref());
        let err = parse_client_cert("not a certificate").unwrap_err();
        assert!(err.to_string().contains(CLIENT_CERT_ENV), "{err}");
    }

    #[test]
    fn verifier_requires_and_pins_the_client_certificate() {
        let provider = crypto_provider();
        let pinned = CertificateDer::from(vec![0x30, 0x03, 0x02, 0x01, 0x01]);
        let verifier = PinnedClientCertVerifier::new(pinned.clone(), &provider);
        assert!(verifier.offer_client_auth());
        assert!(verifier.client_auth_mandatory());
        assert!(verifier.root_hint_subjects().is_empty());
        assert!(verifier
            .verify_client_cert(&pinned, &[], UnixTime::now())
            .is_ok());
        let other = CertificateDer::from(vec![0x30, 0x03, 0x02, 0x01, 0x02]);
        assert!(verifier
            .verify_client_cert(&other, &[], UnixTime::now())
            .is_err());
        // Terraform's key is P-521: the CertificateRequest must offer it.
        let schemes = verifier.supported_verify_schemes();
        assert!(
            schemes.contains(&SignatureScheme::ECDSA_NISTP521_SHA512),
            "{schemes:?}"
        );
    }

    #[test]
    fn server_config_offers_h2_and_both_versions() {
        let identity = ServerIdentity::generate("terraform-provider-example").unwrap();
        let client = CertificateDer::from(vec![0x30, 0x00]);
        let config = server_config(&identity, client).unwrap();
        assert_eq!(config.alpn_protocols, vec![b"h2".to_vec()]);
    }
}
