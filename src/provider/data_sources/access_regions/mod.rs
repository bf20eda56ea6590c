//! The `gaap_access_regions` data source: for an origin region, the access regions a
//! connection can use, with the bandwidths and concurrencies offered there
//! (`DescribeAccessRegionsByDestRegion`).

use std::sync::Arc;

use crate::protocol::{
    Attribute, AttributePath, BoxFuture, DataSource, Diagnostics, ReadDataSourceRequest,
    ReadDataSourceResponse, Schema, Type, Value,
};
use crate::provider::catalogue::regions::{
    access_region_type, access_region_value, features_markdown,
};
use crate::provider::decode::{Attr, AttrSpec, Decoded, ObjectDecoder};
use crate::provider::schema::markdown_block;
use crate::provider::state::ProviderData;
use crate::provider::validators::Check;
use tencentcloud_client::gaap::describe_access_regions_by_dest_region::ACTION;
use tencentcloud_client::DescribeAccessRegionsByDestRegionRequest;

use super::common::{answer_response, diagnostics_response, ready, state_of};
use super::proxy_create_check::schema::{IP_ADDRESS_VERSIONS, PACKAGE_TYPES};

/// The data source's full type name.
pub const TYPE_NAME: &str = "gaap_access_regions";

/// Attribute names.
pub mod attr {
    pub const DEST_REGION: &str = "dest_region";
    pub const IP_ADDRESS_VERSION: &str = "ip_address_version";
    pub const PACKAGE_TYPE: &str = "package_type";
    pub const REGIONS: &str = "regions";
    pub const ID: &str = "id";
}
use attr as a;

/// Each argument's name and validators (the check's, for the same API parameters).
pub mod spec {
    use super::*;
    pub const DEST_REGION: AttrSpec = AttrSpec::new(a::DEST_REGION, &[Check::RegionName]);
    pub const IP_ADDRESS_VERSION: AttrSpec =
        AttrSpec::new(a::IP_ADDRESS_VERSION, &[Check::OneOf(IP_ADDRESS_VERSIONS)]);
    pub const PACKAGE_TYPE: AttrSpec =
        AttrSpec::new(a::PACKAGE_TYPE, &[Check::OneOf(PACKAGE_TYPES)]);
}

const ARGUMENTS: &[&str] = &[a::DEST_REGION, a::IP_ADDRESS_VERSION, a::PACKAGE_TYPE];

/// The data source's schema.
pub fn schema() -> Schema {
    let attributes = vec![
        Attribute::required(a::DEST_REGION, Type::String).description(&spec::DEST_REGION.describe(
            "Origin server region (API parameter `DestRegion`): an `id` of `gaap_dest_regions`, \
             for example `EastChina`.",
        )),
        Attribute::optional(a::IP_ADDRESS_VERSION, Type::String).description(
            &spec::IP_ADDRESS_VERSION.describe(
                "IP version of the connection (API parameter `IPAddressVersion`; the API's \
                 default is `IPv4`).",
            ),
        ),
        Attribute::optional(a::PACKAGE_TYPE, Type::String).description(
            &spec::PACKAGE_TYPE
                .describe("Package type of the connection (API parameter `PackageType`)."),
        ),
        Attribute::computed(a::REGIONS, Type::List(Box::new(access_region_type()))).description(
            &format!(
                "The access regions offered for `dest_region`, in the API's order. Each has \
                 `id`, `name`, `area`, `area_name`, `idc_type` (`dc`: data center, `ec`: edge \
                 node), `bandwidths` (the bandwidths in Mbps that can be chosen, ascending), \
                 `concurrents` (the concurrencies in units of 10,000 connections that can be \
                 chosen, ascending) and the `FeatureBitmap` decoded: {}.",
                features_markdown()
            ),
        ),
        Attribute::computed(a::ID, Type::String)
            .description("Derived from the arguments only, so it is the same on every plan."),
    ];
    Schema {
        version: 0,
        block: markdown_block(
            "Lists the access regions GAAP offers for an origin server region \
             (`DescribeAccessRegionsByDestRegion`), each with the bandwidths and \
             concurrencies that can be chosen there: the values `gaap_proxy_create_check` \
             answers `1` for.",
            attributes,
        ),
    }
}

/// The arguments, typed.
#[derive(Debug, Clone, PartialEq)]
pub struct AccessRegionsConfig {
    pub dest_region: Attr<String>,
    pub ip_address_version: Attr<String>,
    pub package_type: Attr<String>,
}

/// Decodes the arguments: one error per invalid argument, on its path.
pub fn decode(config: &Value) -> Decoded<AccessRegionsConfig> {
    let mut diags = Diagnostics::new();
    let mut d = ObjectDecoder::new(config, AttributePath::default(), &mut diags);
    let decoded = AccessRegionsConfig {
        dest_region: d.attr(&spec::DEST_REGION),
        ip_address_version: d.attr(&spec::IP_ADDRESS_VERSION),
        package_type: d.attr(&spec::PACKAGE_TYPE),
    };
    Decoded::new(decoded, diags)
}

/// The `id`: `dest_region`, then each option set, as `name=value`, comma-separated.
pub fn id(request: &DescribeAccessRegionsByDestRegionRequest) -> String {
    let mut id = request.dest_region.clone();
    if let Some(ip) = &request.ip_address_version {
        id.push_str(&format!(",{}={ip}", a::IP_ADDRESS_VERSION));
    }
    if let Some(p) = &request.package_type {
        id.push_str(&format!(",{}={p}", a::PACKAGE_TYPE));
    }
    id
}

fn state(config: &Value, regions: Value, id: Value) -> Value {
    state_of(config, ARGUMENTS, [(a::REGIONS, regions), (a::ID, id)])
}

/// The API error codes that belong to an argument.
fn argument_of(code: &str) -> Option<&'static str> {
    match code {
        "InvalidParameterValue.UnknownDestRegion" => Some(a::DEST_REGION),
        _ => None,
    }
}

/// The data source.
pub struct AccessRegions {
    provider: Arc<ProviderData>,
}

impl AccessRegions {
    pub fn new(provider: Arc<ProviderData>) -> Self {
        AccessRegions { provider }
    }
}

impl DataSource for AccessRegions {
    fn type_name(&self) -> &str {
        TYPE_NAME
    }

    fn schema(&self) -> Schema {
        schema()
    }

    fn validate(&self, config: &Value) -> Diagnostics {
        decode(config).diagnostics
    }

    fn read(&self, request: ReadDataSourceRequest) -> BoxFuture<'_, ReadDataSourceResponse> {
        let provider = self.provider.config_state();
        let cancel = self.provider.stop_signal();
        Box::pin(async move {
            let configured = match ready(provider, &request, TYPE_NAME, |c| {
                state(c, Value::Unknown, Value::Unknown)
            }) {
                Ok(c) => c,
                Err(response) => return response,
            };
            let decoded = decode(&request.config);
            let mut diags = decoded.diagnostics;
            let Some(args) = decoded.value else {
                return diagnostics_response(diags);
            };
            let Some(dest_region) = args.dest_region.known().cloned() else {
                diags.add_attribute_error(
                    AttributePath::attribute(a::DEST_REGION),
                    "Missing Required Argument",
                    "The argument dest_region is required, but no value was given.",
                );
                return diagnostics_response(diags);
            };
            let api_request = DescribeAccessRegionsByDestRegionRequest {
                dest_region,
                ip_address_version: args.ip_address_version.known().cloned(),
                package_type: args.package_type.known().cloned(),
            };
            let answer = match configured.client() {
                Ok(client) => {
                    client
                        .describe_access_regions_by_dest_region(&api_request, cancel)
                        .await
                }
                Err(e) => Err(e),
            };
            answer_response(answer, diags, ACTION, &configured, argument_of, |answer| {
                let regions = answer.access_region_set.iter().map(access_region_value);
                let id = Value::String(id(&api_request));
                state(&request.config, Value::List(regions.collect()), id)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Severity;
    use crate::provider::test_support::{assert_well_formed, config, s};

    const NAMES: &[&str] = &[
        "dest_region",
        "ip_address_version",
        "package_type",
        "regions",
        "id",
    ];

    #[test]
    fn schema_is_well_formed() {
        let schema = schema();
        let names: Vec<&str> = schema
            .block
            .attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, NAMES);
        assert_well_formed(&schema.block, TYPE_NAME);
    }

    #[test]
    fn validation_is_the_checks() {
        let cases: &[(&str, Value, Option<&str>)] = &[
            ("dest_region", s("EastChina"), None),
            ("dest_region", s("East China"), Some("Attribute dest_region value must be a non-empty string of letters, digits, \"_\" and \"-\", got: \"East China\"")),
            ("ip_address_version", s("v6"), Some("Attribute ip_address_version value must be one of: \"IPv4\", \"IPv6\", got: \"v6\"")),
            ("package_type", s("Gold"), Some("Attribute package_type value must be one of: \"Thunder\", \"Accelerator\", \"CrossBorder\", got: \"Gold\"")),
        ];
        for (name, value, want) in cases {
            let mut set = vec![("dest_region", s("EastChina"))];
            set.push((name, value.clone()));
            let diags = decode(&config(NAMES, &set)).diagnostics;
            let errors: Vec<_> = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            match want {
                None => assert!(errors.is_empty(), "{errors:?}"),
                Some(detail) => {
                    assert_eq!(errors.len(), 1);
                    assert_eq!(errors[0].detail, *detail);
                    assert_eq!(errors[0].attribute, Some(AttributePath::attribute(name)));
                }
            }
        }
    }

    #[test]
    fn id_is_stable_and_names_the_options() {
        let mut r = DescribeAccessRegionsByDestRegionRequest {
            dest_region: "EastChina".into(),
            ip_address_version: None,
            package_type: None,
        };
        assert_eq!(id(&r), "EastChina");
        r.ip_address_version = Some("IPv6".into());
        r.package_type = Some("CrossBorder".into());
        assert_eq!(
            id(&r),
            "EastChina,ip_address_version=IPv6,package_type=CrossBorder"
        );
        assert_eq!(
            argument_of("InvalidParameterValue.UnknownDestRegion"),
            Some("dest_region")
        );
    }
}
