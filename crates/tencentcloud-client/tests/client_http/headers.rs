//! What a GAAP call sends: the API's headers and nothing else, the body as the request
//! gives it, and the region, token and request-client headers as configured.

use crate::support::*;
use tencentcloud_client::ClientConfig;

/// The headers one API call must carry; anything else beyond HTTP framing is a fault.
pub struct ApiHeaders<'a> {
    pub host: &'a str,
    pub action: &'a str,
    pub version: &'a str,
    /// The service the signature is scoped to.
    pub service: &'a str,
    pub region: &'a str,
    pub token: Option<&'a str>,
    pub request_client: &'a str,
}

pub fn assert_api_headers(s: &Seen, want: &ApiHeaders) {
    assert_eq!(header(s, "content-type"), Some("application/json"));
    assert_eq!(header(s, "host"), Some(want.host));
    assert_eq!(header(s, "x-tc-action"), Some(want.action));
    assert_eq!(header(s, "x-tc-version"), Some(want.version));
    assert_eq!(header(s, "x-tc-region"), Some(want.region));
    assert_eq!(header(s, "x-tc-language"), Some("en-US"));
    assert_eq!(
        s.headers.get("x-tc-token").map(|v| v.as_bytes()),
        want.token.map(str::as_bytes)
    );
    assert_eq!(header(s, "x-tc-requestclient"), Some(want.request_client));
    let timestamp: i64 = header(s, "x-tc-timestamp")
        .expect("timestamp")
        .parse()
        .expect("number");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    assert!((now - timestamp).abs() <= 5);
    let auth = header(s, "authorization").expect("authorization");
    assert!(
        auth.starts_with(&format!("TC3-HMAC-SHA256 Credential={SECRET_ID}/")),
        "{auth}"
    );
    let scope = format!(
        "/{}/tc3_request, SignedHeaders=content-type;host, Signature=",
        want.service
    );
    assert!(auth.contains(&scope), "{auth}");
    // Nothing beyond the API's headers and HTTP framing; the token only when there is one.
    let allowed = [
        "content-type",
        "host",
        "x-tc-action",
        "x-tc-version",
        "x-tc-timestamp",
        "authorization",
        "x-tc-region",
        "x-tc-language",
        "x-tc-requestclient",
        "content-length",
        "accept",
    ];
    for name in s.headers.keys() {
        let token = want.token.is_some() && name == "x-tc-token";
        assert!(
            token || allowed.contains(&name.as_str()),
            "unexpected header {name}"
        );
    }
}

#[tokio::test]
async fn sends_exact_headers_and_body_and_parses_the_answer() {
    let server = Server::start(vec![success(1, "req-ok")]).await;
    let answer = client(&server.url)
        .check_proxy_create(&request(), never())
        .await
        .expect("answer");
    assert_eq!(answer.check_flag, 1);
    assert_eq!(answer.request_id, "req-ok");

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_signed(&seen);
    assert_eq!(
        String::from_utf8_lossy(&seen[0].body),
        r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2}"#
    );
    assert_api_headers(
        &seen[0],
        &ApiHeaders {
            host: server.url.trim_start_matches("http://"),
            action: "CheckProxyCreate",
            version: "2018-05-29",
            service: "gaap",
            region: "ap-guangzhou",
            token: None,
            request_client: concat!("tencentcloud-client/", env!("CARGO_PKG_VERSION")),
        },
    );
}

#[tokio::test]
async fn optional_arguments_are_sent_as_given() {
    let server = Server::start(vec![success(0, "req-opt")]).await;
    let mut req = request();
    req.group_id = Some("lg-1".into());
    req.ip_address_version = Some("IPv6".into());
    req.network_type = Some("cn2".into());
    req.package_type = Some("CrossBorder".into());
    req.http3_supported = Some(0);
    let answer = client(&server.url)
        .check_proxy_create(&req, never())
        .await
        .expect("answer");
    assert_eq!(answer.check_flag, 0, "0 is an answer, not an error");
    let seen = server.seen();
    assert_signed(&seen);
    assert_eq!(
        String::from_utf8_lossy(&seen[0].body),
        r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2,"GroupId":"lg-1","IPAddressVersion":"IPv6","NetworkType":"cn2","PackageType":"CrossBorder","Http3Supported":0}"#
    );
}

#[tokio::test]
async fn region_header_is_absent_when_empty() {
    for region in [None, Some(""), Some("   ")] {
        let server = Server::start(vec![success(1, "req-r")]).await;
        client_with(config(&server.url, region), None)
            .check_proxy_create(&request(), never())
            .await
            .expect("answer");
        let seen = server.seen();
        assert_signed_in(&format!("region {region:?}"), &seen);
        assert_eq!(seen[0].headers.get("x-tc-region"), None, "{region:?}");
    }
}

#[tokio::test]
async fn token_header_only_with_a_token() {
    // (credential's token, the X-TC-Token sent)
    let cases = [(Some(TOKEN), Some(TOKEN)), (None, None), (Some(""), None)];
    for (token, sent) in cases {
        let row = format!("token {token:?}");
        let server = Server::start(vec![success(1, "req-tok")]).await;
        client_with(config(&server.url, None), token)
            .check_proxy_create(&request(), never())
            .await
            .unwrap_or_else(|e| panic!("{row}: {e:?}"));
        let seen = server.seen();
        assert_signed_in(&row, &seen);
        assert_eq!(
            seen[0].headers.get("x-tc-token").map(|v| v.as_bytes()),
            sent.map(str::as_bytes),
            "{row}"
        );
    }
}

#[tokio::test]
async fn request_client_is_whatever_the_caller_configures() {
    let server = Server::start(vec![success(1, "req-rc")]).await;
    let cfg = ClientConfig {
        request_client: "terraform-provider-gaap/9.9.9".into(),
        ..config(&server.url, None)
    };
    let mut req = request();
    req.group_id = Some("lg-request-client".into());
    client_with(cfg, None)
        .check_proxy_create(&req, never())
        .await
        .expect("answer");
    let seen = server.seen();
    assert_signed(&seen);
    assert_eq!(
        header(&seen[0], "x-tc-requestclient"),
        Some("terraform-provider-gaap/9.9.9")
    );
}
