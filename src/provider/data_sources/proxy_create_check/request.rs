//! From a decoded, wholly known `gaap_proxy_create_check` configuration to the API
//! request and its `id`, and from the API's answer (and its explanation) to the
//! computed attributes.

use std::collections::BTreeMap;

use crate::protocol::decode::{required, Attr};
use crate::protocol::{Diagnostics, Number, Value};
use crate::provider::catalogue::explain::Explanation;
use crate::provider::data_sources::gaap_data_source::Computed;
use tencentcloud_client::{CheckProxyCreateRequest, CheckProxyCreateResponse};

use super::config::ProxyCreateCheckConfig;
use super::schema::{self as a, suggestion as sa};

/// The four required arguments of a connection (the check's, and those of the data
/// sources that reuse its attributes), wholly known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub access_region: String,
    pub real_server_region: String,
    pub bandwidth: u64,
    pub concurrent: u64,
}

impl Connection {
    /// The connection from decoded arguments without unknown values: each taken as
    /// decoded, nothing checked again. A null one (which Terraform does not send for a
    /// required argument) is an error on its path.
    pub fn required(
        access_region: &Attr<String>,
        real_server_region: &Attr<String>,
        bandwidth: &Attr<u64>,
        concurrent: &Attr<u64>,
    ) -> Result<Connection, Diagnostics> {
        let mut diags = Diagnostics::new();
        let access_region = required(&mut diags, a::ACCESS_REGION.name, access_region);
        let real_server_region =
            required(&mut diags, a::REAL_SERVER_REGION.name, real_server_region);
        let bandwidth = required(&mut diags, a::BANDWIDTH.name, bandwidth);
        let concurrent = required(&mut diags, a::CONCURRENT.name, concurrent);
        match (access_region, real_server_region, bandwidth, concurrent) {
            (Some(access_region), Some(real_server_region), Some(bandwidth), Some(concurrent)) => {
                Ok(Connection {
                    access_region,
                    real_server_region,
                    bandwidth,
                    concurrent,
                })
            }
            _ => Err(diags),
        }
    }
}

impl ProxyCreateCheckConfig {
    /// The API request, from a decoded configuration without unknown values (see
    /// [`Connection::required`]).
    pub fn request(&self) -> Result<CheckProxyCreateRequest, Diagnostics> {
        let Connection {
            access_region,
            real_server_region,
            bandwidth,
            concurrent,
        } = Connection::required(
            &self.access_region,
            &self.real_server_region,
            &self.bandwidth,
            &self.concurrent,
        )?;
        Ok(CheckProxyCreateRequest {
            access_region,
            real_server_region,
            bandwidth,
            concurrent,
            group_id: self.group_id.known().cloned(),
            ip_address_version: self.ip_address_version.known().cloned(),
            network_type: self.network_type.known().cloned(),
            package_type: self.package_type.known().cloned(),
            http3_supported: self.http3_supported.known().copied(),
        })
    }
}

/// The data source's `id`: the hex SHA-256 of the request body the arguments produce.
/// It depends on the arguments only (not on credentials, time or the answer), so it is
/// the same on every plan; `result_output_file` does not change the check and is left out.
pub fn check_id(request: &CheckProxyCreateRequest) -> String {
    // Field order is the struct's, and absent optionals are skipped: a canonical form.
    let canonical = serde_json::to_vec(request).unwrap_or_default();
    tencentcloud_client::signer::sha256_hex(&canonical)
}

/// The computed attributes of an answer: `check_flag`, `request_id` and `id`, with
/// `reasons` and `suggestions` empty until [`explained`] fills them.
pub fn computed(id: &str, answer: &CheckProxyCreateResponse) -> Computed {
    let mut computed = explained(&Explanation::default());
    computed.extend([
        (
            a::CHECK_FLAG.name,
            Value::Number(Number::from_i64(answer.check_flag)),
        ),
        (a::REQUEST_ID.name, Value::String(answer.request_id.clone())),
        (a::ID.name, Value::String(id.to_owned())),
    ]);
    computed
}

/// `reasons` and `suggestions`, from an explanation of a `0`.
pub fn explained(explanation: &Explanation) -> Computed {
    let number = |n: u64| Value::Number(Number::from_i64(i64::try_from(n).unwrap_or(i64::MAX)));
    let reasons = explanation
        .reasons
        .iter()
        .map(|r| Value::String(r.clone()))
        .collect();
    let suggestions = explanation
        .suggestions
        .iter()
        .map(|s| {
            Value::Object(BTreeMap::from([
                (
                    sa::ACCESS_REGION.name.to_owned(),
                    Value::String(s.access_region.clone()),
                ),
                (sa::BANDWIDTH.name.to_owned(), number(s.bandwidth)),
                (sa::CONCURRENT.name.to_owned(), number(s.concurrent)),
            ]))
        })
        .collect();
    Computed::from([
        (a::REASONS.name, Value::List(reasons)),
        (a::SUGGESTIONS.name, Value::List(suggestions)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::decode::{argument_names, TypedBlock};
    use crate::protocol::AttributePath;
    use crate::provider::data_sources::gaap_data_source::decode;
    use crate::provider::data_sources::proxy_create_check::ProxyCreateCheck;
    use crate::provider::data_sources::read::state;
    use crate::provider::test_support::{minimal_check, n, s};
    use sha2::{Digest, Sha256};

    /// Decode, then build: what a read does.
    fn build_request(config: &Value) -> Result<CheckProxyCreateRequest, Diagnostics> {
        let decoded = decode::<ProxyCreateCheck>(config);
        match decoded.value {
            Some(config) => config.request(),
            None => Err(decoded.diagnostics),
        }
    }

    #[test]
    fn request_carries_every_argument() {
        let config = minimal_check(&[
            ("group_id", s("lg-1")),
            ("ip_address_version", s("IPv6")),
            ("network_type", s("cn2")),
            ("package_type", s("Thunder")),
            ("http3_supported", n("0")),
            ("result_output_file", s("out.json")),
        ]);
        let req = build_request(&config).unwrap();
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2,"GroupId":"lg-1","IPAddressVersion":"IPv6","NetworkType":"cn2","PackageType":"Thunder","Http3Supported":0}"#
        );
        let minimal = build_request(&minimal_check(&[])).unwrap();
        assert_eq!(minimal.group_id, None);
        assert_eq!(minimal.http3_supported, None);
    }

    #[test]
    fn invalid_or_missing_values_never_reach_a_request() {
        let err = build_request(&minimal_check(&[("bandwidth", n("2.5"))])).unwrap_err();
        assert_eq!(
            err.0[0].attribute,
            Some(AttributePath::attribute("bandwidth"))
        );
        assert!(err.0[0].detail.ends_with("got: 2.5"));
        let err = build_request(&minimal_check(&[("access_region", Value::Null)])).unwrap_err();
        assert_eq!(
            err.0[0].attribute,
            Some(AttributePath::attribute("access_region"))
        );
        assert_eq!(err.0[0].summary, "Missing Required Argument");
    }

    #[test]
    fn id_depends_on_the_arguments_only() {
        let id = |extra: &[(&str, Value)]| check_id(&build_request(&minimal_check(extra)).unwrap());
        let base = id(&[]);
        assert_eq!(base.len(), 64);
        assert!(base.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(base, id(&[]), "same on every plan");
        assert_eq!(
            base,
            id(&[("bandwidth", n("10.0"))]),
            "same number, same check"
        );
        assert_eq!(base, id(&[("result_output_file", s("x.json"))]));
        assert_ne!(base, id(&[("bandwidth", n("11"))]));
        assert_ne!(base, id(&[("group_id", s(""))]), "empty is not absent");
        assert_ne!(base, id(&[("network_type", s("cn2"))]));
        // Pinned: the id must not change between releases for the same arguments.
        assert_eq!(
            base,
            hex::encode(Sha256::digest(
                br#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2}"#
            ))
        );
    }

    #[test]
    fn state_echoes_arguments_unchanged() {
        let config = minimal_check(&[("bandwidth", n("10.0")), ("group_id", s("lg"))]);
        let answer = CheckProxyCreateResponse {
            check_flag: 0,
            request_id: "req-1".into(),
        };
        let explanation = Explanation {
            reasons: vec!["why".into()],
            suggestions: vec![crate::provider::catalogue::explain::Suggestion {
                access_region: "Japan".into(),
                bandwidth: 100,
                concurrent: 5,
            }],
        };
        let table = ProxyCreateCheckConfig::ATTRIBUTES;
        let mut values = computed("the-id", &answer);
        values.extend(explained(&explanation));
        let st = state(table, &config, Some(values));
        assert!(st.is_wholly_known());
        for name in argument_names(table) {
            // Debug shows the exact form (10.0 stays 10.0), not just numeric equality.
            assert_eq!(
                format!("{:?}", st.attr(name)),
                format!("{:?}", config.attr(name)),
                "{name}"
            );
        }
        assert_eq!(st.attr("check_flag"), Some(&n("0")));
        assert_eq!(st.attr("request_id"), Some(&s("req-1")));
        assert_eq!(st.attr("id"), Some(&s("the-id")));
        assert_eq!(st.attr("reasons"), Some(&Value::List(vec![s("why")])));
        let first = &st.attr("suggestions").unwrap().as_list().unwrap()[0];
        assert_eq!(first.attr("access_region"), Some(&s("Japan")));
        assert_eq!(first.attr("bandwidth"), Some(&n("100")));
        assert_eq!(first.attr("concurrent"), Some(&n("5")));
        let Value::Object(attrs) = &st else { panic!() };
        assert_eq!(attrs.len(), 15);
    }
}
