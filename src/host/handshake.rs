//! The go-plugin handshake, as pure functions: the magic cookie check, the
//! app protocol version negotiation and the one line printed on stdout.
//!
//! Facts (hashicorp/go-plugin `server.go`, `client.go`; Terraform `internal/plugin/serve.go`):
//! - Terraform sets `TF_PLUGIN_MAGIC_COOKIE` to a fixed value in the plugin's environment;
//!   a plugin started without it prints [`NOT_A_PLUGIN_MESSAGE`] on stderr and exits 1.
//! - `PLUGIN_PROTOCOL_VERSIONS` lists the app versions the client speaks (`5,6`, any
//!   order; `5` before Terraform 0.15). Bad entries are skipped.
//! - The handshake line is `CORE|APP|NETWORK|ADDR|PROTOCOL|SERVERCERT`: always six
//!   fields (an empty certificate leaves a trailing `|`), never a seventh (old clients split
//!   with `SplitN(line, "|", 6)`), the certificate as base64 of its DER without padding.

use std::fmt;

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine as _;

/// Name of the environment variable carrying the magic cookie.
pub const MAGIC_COOKIE_KEY: &str = "TF_PLUGIN_MAGIC_COOKIE";

/// The value Terraform (and OpenTofu) put in [`MAGIC_COOKIE_KEY`]. Never changes.
pub const MAGIC_COOKIE_VALUE: &str =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

/// What go-plugin servers print on stderr when started without the cookie (exit status 1).
pub const NOT_A_PLUGIN_MESSAGE: &str =
    "This binary is a plugin. These are not meant to be executed directly.\n\
Please execute the program that consumes these plugins, which will\n\
load any plugins automatically\n";

/// Exit status when the cookie is missing, as go-plugin's servers use.
pub const NOT_A_PLUGIN_EXIT_CODE: i32 = 1;

/// Environment variable listing the client's app protocol versions.
pub const PROTOCOL_VERSIONS_ENV: &str = "PLUGIN_PROTOCOL_VERSIONS";

/// go-plugin's core protocol version; clients reject anything else.
pub const CORE_PROTOCOL_VERSION: u32 = 1;

/// The app protocol this provider speaks: tfplugin5.
pub const APP_PROTOCOL_VERSION: u32 = 5;

/// The only RPC protocol Terraform allows (`AllowedProtocols = [grpc]`).
pub const RPC_PROTOCOL: &str = "grpc";

/// True when the cookie variable holds exactly Terraform's value.
pub fn cookie_is_valid(value: Option<&str>) -> bool {
    value == Some(MAGIC_COOKIE_VALUE)
}

/// The result of [`negotiate_protocol_version`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negotiation {
    /// The version to print in the handshake line.
    pub version: u32,
    /// Entries of the variable that were not integers (to be logged).
    pub ignored: Vec<String>,
    /// False when no listed version is supported; the client then reports the
    /// mismatch itself, as with go-plugin servers.
    pub matched: bool,
}

/// Picks the highest version in `supported` that the client listed in
/// `PLUGIN_PROTOCOL_VERSIONS` (comma separated). Without a match (or without the
/// variable) it falls back to the lowest supported version, like go-plugin's server.
pub fn negotiate_protocol_version(client_versions: Option<&str>, supported: &[u32]) -> Negotiation {
    let mut listed = Vec::new();
    let mut ignored = Vec::new();
    for entry in client_versions.unwrap_or("").split(',') {
        let entry = entry.trim();
        if entry.is_empty() {
            continue;
        }
        match entry.parse::<u32>() {
            Ok(version) => listed.push(version),
            Err(_) => ignored.push(entry.to_owned()),
        }
    }
    listed.sort_unstable_by(|a, b| b.cmp(a));
    let best = listed.iter().copied().find(|v| supported.contains(v));
    let fallback = supported
        .iter()
        .copied()
        .min()
        .unwrap_or(APP_PROTOCOL_VERSION);
    Negotiation {
        version: best.unwrap_or(fallback),
        ignored,
        matched: best.is_some(),
    }
}

/// The network the plugin listens on (go-plugin accepts `unix` and `tcp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Network {
    Unix,
    Tcp,
}

impl Network {
    /// The name used in the handshake line and in `TF_REATTACH_PROVIDERS`.
    pub fn as_str(self) -> &'static str {
        match self {
            Network::Unix => "unix",
            Network::Tcp => "tcp",
        }
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The handshake line; its [`Display`](fmt::Display) renders it without the newline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandshakeLine<'a> {
    pub app_version: u32,
    pub network: Network,
    /// Socket path, or `127.0.0.1:PORT`.
    pub address: &'a str,
    /// DER of the server certificate when serving AutoMTLS.
    pub server_cert_der: Option<&'a [u8]>,
}

impl fmt::Display for HandshakeLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cert = self
            .server_cert_der
            .map(|der| STANDARD_NO_PAD.encode(der))
            .unwrap_or_default();
        write!(
            f,
            "{CORE_PROTOCOL_VERSION}|{}|{}|{}|{RPC_PROTOCOL}|{cert}",
            self.app_version, self.network, self.address
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_must_match_exactly() {
        let cases: &[(Option<&str>, bool)] = &[
            (Some(MAGIC_COOKIE_VALUE), true),
            (None, false),
            (Some(""), false),
            (Some("d602bf8f"), false),
            (
                Some("d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2 "),
                false,
            ),
        ];
        for (value, want) in cases {
            assert_eq!(cookie_is_valid(*value), *want, "{value:?}");
        }
    }

    #[test]
    fn not_a_plugin_message_is_go_plugins_text() {
        assert_eq!(
            NOT_A_PLUGIN_MESSAGE,
            "This binary is a plugin. These are not meant to be executed directly.\n\
             Please execute the program that consumes these plugins, which will\n\
             load any plugins automatically\n"
        );
        assert_eq!(NOT_A_PLUGIN_MESSAGE.lines().count(), 3);
    }

    #[test]
    fn negotiation_table() {
        let cases: &[(Option<&str>, u32, bool, &[&str])] = &[
            (Some("5,6"), 5, true, &[]),
            (Some("6,5"), 5, true, &[]),
            (Some("5"), 5, true, &[]),
            (Some(" 6 , 5 "), 5, true, &[]),
            (Some("x,5"), 5, true, &["x"]),
            (Some("6,-1,abc"), 5, false, &["-1", "abc"]),
            (Some("6"), 5, false, &[]),
            (Some(""), 5, false, &[]),
            (None, 5, false, &[]),
        ];
        for (input, version, matched, ignored) in cases {
            let got = negotiate_protocol_version(*input, &[APP_PROTOCOL_VERSION]);
            assert_eq!(got.version, *version, "{input:?}");
            assert_eq!(got.matched, *matched, "{input:?}");
            assert_eq!(got.ignored, *ignored, "{input:?}");
        }
    }

    #[test]
    fn negotiation_prefers_highest_common_version() {
        let got = negotiate_protocol_version(Some("5,6"), &[5, 6]);
        assert_eq!(got.version, 6);
        let got = negotiate_protocol_version(Some("4,7"), &[5, 6]);
        assert_eq!((got.version, got.matched), (5, false));
    }

    #[test]
    fn handshake_line_without_cert_has_six_fields_and_trailing_bar() {
        let line = HandshakeLine {
            app_version: 5,
            network: Network::Unix,
            address: "/tmp/plugin919036657",
            server_cert_der: None,
        }
        .to_string();
        assert_eq!(line, "1|5|unix|/tmp/plugin919036657|grpc|");
        assert_eq!(line.split('|').count(), 6);
    }

    #[test]
    fn handshake_line_with_cert_is_unpadded_standard_base64() {
        // 4 bytes would need "==" padding in padded base64; '+' and '/' prove the alphabet.
        let der = [0xfb, 0xff, 0xbf, 0x01];
        let line = HandshakeLine {
            app_version: 5,
            network: Network::Tcp,
            address: "127.0.0.1:10000",
            server_cert_der: Some(&der),
        }
        .to_string();
        assert_eq!(line, "1|5|tcp|127.0.0.1:10000|grpc|+/+/AQ");
        assert_eq!(line.split('|').count(), 6);
        assert!(!line.contains('='));
        assert!(!line.ends_with('\n'));
    }
}
