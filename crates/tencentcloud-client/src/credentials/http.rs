//! HTTP plumbing of the metadata fetcher (the CVM role; not an API 3.0 call, so not
//! the call path): endpoint checks, a client with a timeout, and error text that
//! names the endpoint but no secret.

use std::time::Duration;

use reqwest::Url;

use crate::error::CredentialError;
use crate::transport::error_chain;

/// Per request to the metadata service.
pub(crate) const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// True for literal `127.0.0.0/8` and `::1` addresses (not the name `localhost`,
/// see [`crate::endpoint::is_loopback_host`]): the only hosts that may be reached
/// over plain `http://` with signed requests (emulator, tests).
pub(crate) fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    crate::endpoint::is_loopback_host(host)
}

/// Parses an endpoint URL. `name` says which setting it came from. Plain `http` is
/// allowed anywhere only when `http_anywhere` (the metadata service, which is
/// plain http on every instance); otherwise only for loopback hosts.
pub(crate) fn parse_endpoint(
    name: &str,
    raw: &str,
    http_anywhere: bool,
) -> Result<Url, CredentialError> {
    let shown = crate::endpoint::redacted(raw);
    let invalid = |why: &str| {
        CredentialError::Invalid(format!(
            "{name} {shown:?} is not usable: {why}; expected a URL such as https://host[:port]"
        ))
    };
    let url = Url::parse(raw.trim()).map_err(|e| invalid(&e.to_string()))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "user names and passwords in the URL are not supported",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("a query or fragment is not allowed"));
    }
    match url.scheme() {
        "https" => {}
        "http" if http_anywhere || is_loopback(&url) => {}
        "http"
            if url
                .host_str()
                .is_some_and(crate::endpoint::is_localhost_name) =>
        {
            return Err(invalid(crate::endpoint::LOCALHOST_REFUSED))
        }
        "http" => {
            return Err(invalid(
                "plain http is allowed only for loopback addresses (127.0.0.1, ::1)",
            ))
        }
        other => {
            return Err(invalid(&format!(
                "the scheme {other:?} is not http or https"
            )))
        }
    }
    Ok(url)
}

/// A client with [`HTTP_TIMEOUT`] that never follows redirects (a redirect would
/// carry signed headers and the token elsewhere). Loopback and the metadata
/// service are reached directly, others through `HTTPS_PROXY` if set.
pub(crate) fn client(direct: bool) -> Result<reqwest::Client, CredentialError> {
    let mut builder = reqwest::Client::builder()
        .timeout(HTTP_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none());
    if direct {
        builder = builder.no_proxy();
    }
    builder.build().map_err(|e| {
        CredentialError::Fetch(format!("cannot set up an HTTP client: {}", describe(&e)))
    })
}

/// The error and its causes in one line (reqwest's own text stops at "error
/// sending request"). URLs carry no secrets here, so they may stay.
pub(crate) fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        return format!("no answer within {} s", HTTP_TIMEOUT.as_secs());
    }
    error_chain(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_on_loopback() {
        assert!(parse_endpoint("sts", "https://sts.tencentcloudapi.com", false).is_ok());
        assert!(parse_endpoint("sts", "http://127.0.0.1:8080", false).is_ok());
        assert!(parse_endpoint("sts", "http://[::1]:8080/", false).is_ok());
        let err = parse_endpoint("sts", "http://localhost:1", false).unwrap_err();
        assert!(err.to_string().contains("use http://127.0.0.1"), "{err}");
        // The metadata service is plain http by nature, at a name.
        assert!(parse_endpoint("metadata", "http://localhost:1", true).is_ok());
        let err = parse_endpoint("sts_endpoint", "http://sts.example.com", false).unwrap_err();
        assert!(err.to_string().contains("only for loopback"), "{err}");
        assert!(parse_endpoint("metadata", "http://metadata.tencentyun.com", true).is_ok());
        assert!(parse_endpoint("x", "ftp://a", true).is_err());
        assert!(parse_endpoint("x", "not a url", true).is_err());
        assert!(parse_endpoint("x", "https://u:p@a", true).is_err());
        assert!(parse_endpoint("x", "https://a/?q=1", true).is_err());
    }
}
