//! The API endpoint: which URLs are allowed, how a service's URL is found, and the
//! `Host` value that is signed.

use std::net::IpAddr;

use reqwest::Url;

use super::error::ClientError;

/// `https://<service>.<domain>`: API 3.0 serves every product at its own host under
/// the root domain (`gaap.intl.tencentcloudapi.com`, `sts.tencentcloudapi.com`; see
/// the "Request Structure" page of the Tencent Cloud API documentation).
pub fn service_endpoint(service: &str, domain: &str) -> String {
    format!("https://{service}.{}", domain.trim().trim_matches('.'))
}

/// `https://gaap.<domain>`, the GAAP endpoint of a Tencent Cloud root domain
/// (`intl.tencentcloudapi.com` by default, `tencentcloudapi.com` for the China site).
pub fn endpoint_for_domain(domain: &str) -> String {
    service_endpoint("gaap", domain)
}

/// A checked endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    url: Url,
    host: String,
    loopback: bool,
}

impl Endpoint {
    /// Accepts `https://host[:port][/]`, and `http://` only for literal loopback
    /// addresses (`127.0.0.0/8`, `::1`; see [`is_loopback_host`] for why not the name
    /// `localhost`): plain HTTP would expose the request to
    /// anyone on the path, and the emulator and tests are the only plain-HTTP servers.
    /// The path must be `/` because the signature covers the canonical URI `/`.
    pub fn parse(endpoint: &str) -> Result<Self, ClientError> {
        Self::parse_for(
            "endpoint",
            endpoint,
            "https://gaap.intl.tencentcloudapi.com",
        )
    }

    /// [`Endpoint::parse`] with the messages naming `setting` (where the URL came
    /// from) and `example` (a good value for it).
    pub fn parse_for(setting: &str, endpoint: &str, example: &str) -> Result<Self, ClientError> {
        let shown = redacted(endpoint);
        let bad = |why: &str| {
            ClientError::Config(format!(
                "{setting} {shown:?} is not usable: {why}; expected a URL such as \
                 {example} (http:// only for 127.0.0.1 or ::1)"
            ))
        };
        let url = Url::parse(endpoint.trim()).map_err(|e| bad(&e.to_string()))?;
        let host_str = url.host_str().ok_or_else(|| bad("it has no host"))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(bad("credentials in the URL are not allowed"));
        }
        if !matches!(url.path(), "" | "/") || url.query().is_some() || url.fragment().is_some() {
            return Err(bad("it must not have a path, query or fragment"));
        }
        let loopback = is_loopback_host(host_str);
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" if is_localhost_name(host_str) => return Err(bad(LOCALHOST_REFUSED)),
            "http" => return Err(bad("http:// is allowed only for loopback hosts")),
            other => return Err(bad(&format!("the scheme {other:?} is not https"))),
        }
        // `port()` is None for the scheme's default port, which is then left out, as
        // a browser or SDK would send it.
        let host = match url.port() {
            Some(port) => format!("{host_str}:{port}"),
            None => host_str.to_owned(),
        };
        Ok(Endpoint {
            url,
            host,
            loopback,
        })
    }

    /// The URL requests are posted to.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The `Host` header value, signed and sent: the bare host, with `:port` only
    /// when the URL names a non-default one.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Whether the host is this machine.
    pub fn is_loopback(&self) -> bool {
        self.loopback
    }

    /// For messages and keys: scheme, host and port.
    pub fn display(&self) -> String {
        format!("{}://{}", self.url.scheme(), self.host)
    }
}

/// A literal `127.0.0.0/8` or `::1` address (bracketed or not, as `Url::host_str`
/// renders it): the only hosts plain `http://` may reach with signed requests. Not
/// the name `localhost`: a hosts file or resolver may send it to another machine,
/// and the request (signature, token) would then cross the network in clear.
pub fn is_loopback_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Whether `host` is the name `localhost` (any case, with or without a final dot),
/// which [`is_loopback_host`] refuses, so messages can say what to use instead.
pub fn is_localhost_name(host: &str) -> bool {
    host.trim_end_matches('.').eq_ignore_ascii_case("localhost")
}

/// Why plain `http://localhost` is refused, and what to write instead.
pub const LOCALHOST_REFUSED: &str = "plain http:// is not allowed to the name localhost, \
     which a resolver may send to another machine; use http://127.0.0.1 (or http://[::1]) \
     instead";

/// A URL as it may appear in a message: a user name and password in it (which no
/// endpoint may have, but a user may still write) are replaced by `***`.
pub fn redacted(raw: &str) -> String {
    match Url::parse(raw.trim()) {
        Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
            let _ = url.set_username("***");
            let _ = url.set_password(None);
            url.to_string()
        }
        Ok(_) => raw.to_owned(),
        // Unparsable: anything before an `@` may be a credential.
        Err(_) => match raw.rsplit_once('@') {
            Some((_, rest)) => format!("***@{rest}"),
            None => raw.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_endpoints_and_their_host_header() {
        let table = [
            (
                "https://gaap.intl.tencentcloudapi.com",
                "gaap.intl.tencentcloudapi.com",
            ),
            (
                "https://gaap.tencentcloudapi.com/",
                "gaap.tencentcloudapi.com",
            ),
            ("https://gaap.example.com:8443", "gaap.example.com:8443"),
            ("https://gaap.example.com:443", "gaap.example.com"),
            ("http://127.0.0.1:9000", "127.0.0.1:9000"),
            ("http://127.8.9.10:80", "127.8.9.10"),
            ("http://[::1]:5555", "[::1]:5555"),
            ("http://[::1]:9000", "[::1]:9000"),
            (
                "https://sts.tencentcloudapi.com:443/",
                "sts.tencentcloudapi.com",
            ),
            (" https://gaap.example.com ", "gaap.example.com"),
        ];
        for (input, host) in table {
            let e = Endpoint::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(e.host(), host, "{input}");
        }
    }

    #[test]
    fn rejected_endpoints() {
        let table = [
            ("http://gaap.intl.tencentcloudapi.com", "only for loopback"),
            ("http://10.0.0.1:80", "only for loopback"),
            ("http://128.0.0.1", "only for loopback"),
            ("http://localhost.example.com", "only for loopback"),
            ("ftp://127.0.0.1", "is not https"),
            ("gaap.intl.tencentcloudapi.com", "relative URL"),
            ("https://gaap.example.com/v3", "path"),
            ("https://gaap.example.com/?a=1", "query"),
            ("https://user:pw@gaap.example.com", "credentials"),
            // A user name alone, or a password alone, is a credential too.
            ("https://AKIDuser@gaap.example.com", "credentials"),
            ("https://:pw@gaap.example.com", "credentials"),
            ("", "relative URL"),
        ];
        for (input, why) in table {
            let err = Endpoint::parse(input).expect_err(input).to_string();
            assert!(err.contains(why), "{input}: {err}");
            assert!(matches!(
                Endpoint::parse(input),
                Err(ClientError::Config(_))
            ));
        }
    }

    /// `localhost` is a name: a resolver (a hosts file, a DNS search domain) may send
    /// it off the machine, and signed requests over plain http must not leave it.
    #[test]
    fn plain_http_to_the_name_localhost_is_refused() {
        for input in [
            "http://localhost:1234",
            "http://LOCALHOST:1234",
            "http://localhost",
        ] {
            let err = Endpoint::parse(input).expect_err(input).to_string();
            assert!(err.contains("use http://127.0.0.1"), "{input}: {err}");
        }
        assert!(!is_loopback_host("localhost"));
        assert!(is_loopback_host("127.0.0.1") && is_loopback_host("[::1]"));
        // https to localhost is fine: the certificate names the server.
        assert!(Endpoint::parse("https://localhost:8443").is_ok());
    }

    #[test]
    fn messages_never_show_a_password_in_a_url() {
        let err = Endpoint::parse("https://user:s3cret@gaap.example.com")
            .expect_err("credentials are refused")
            .to_string();
        assert!(!err.contains("s3cret") && !err.contains("user:"), "{err}");
        assert_eq!(redacted("https://a:b@h.example/"), "https://***@h.example/");
        assert_eq!(
            redacted("https://AKIDa@h.example/"),
            "https://***@h.example/"
        );
        assert_eq!(
            redacted("https://:s3cret@h.example/"),
            "https://***@h.example/"
        );
        assert_eq!(redacted("not a url a:b@h"), "***@h");
        assert_eq!(redacted("https://h.example"), "https://h.example");
    }

    #[test]
    fn loopback_flag() {
        assert!(Endpoint::parse("http://127.0.0.1:1")
            .expect("ok")
            .is_loopback());
        // A name, not an address: treated like any remote https host.
        assert!(!Endpoint::parse("https://localhost")
            .expect("ok")
            .is_loopback());
        assert!(!Endpoint::parse("https://gaap.example.com")
            .expect("ok")
            .is_loopback());
    }

    #[test]
    fn messages_name_the_setting() {
        let err = Endpoint::parse_for(
            "TENCENTCLOUD_STS_ENDPOINT",
            "http://sts.example.com",
            "https://sts.tencentcloudapi.com",
        )
        .expect_err("plain http to a remote host")
        .to_string();
        assert!(
            err.starts_with("TENCENTCLOUD_STS_ENDPOINT \"http://sts.example.com\""),
            "{err}"
        );
        assert!(err.contains("https://sts.tencentcloudapi.com"), "{err}");
    }

    #[test]
    fn domain_to_endpoint() {
        assert_eq!(
            service_endpoint("sts", "tencentcloudapi.com"),
            "https://sts.tencentcloudapi.com"
        );
        assert_eq!(
            endpoint_for_domain("intl.tencentcloudapi.com"),
            "https://gaap.intl.tencentcloudapi.com"
        );
        assert_eq!(
            endpoint_for_domain(" tencentcloudapi.com. "),
            "https://gaap.tencentcloudapi.com"
        );
    }
}
