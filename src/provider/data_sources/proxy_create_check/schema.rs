//! The `gaap_proxy_create_check` schema: attribute names, the API's enumerations and
//! limits, each argument's validators, and the schema Terraform is given (whose
//! descriptions quote the validators).

use crate::protocol::{Attribute, Schema, Type};
use crate::provider::decode::AttrSpec;
use crate::provider::schema::markdown_block;

use attr as a;

/// The data source's full type name (provider type name `gaap` + `_proxy_create_check`).
pub const TYPE_NAME: &str = "gaap_proxy_create_check";

/// `gaap_proxy_create_check` attribute names (fixed by the contract).
pub mod attr {
    pub const ACCESS_REGION: &str = "access_region";
    pub const REAL_SERVER_REGION: &str = "real_server_region";
    pub const BANDWIDTH: &str = "bandwidth";
    pub const CONCURRENT: &str = "concurrent";
    pub const GROUP_ID: &str = "group_id";
    pub const IP_ADDRESS_VERSION: &str = "ip_address_version";
    pub const NETWORK_TYPE: &str = "network_type";
    pub const PACKAGE_TYPE: &str = "package_type";
    pub const HTTP3_SUPPORTED: &str = "http3_supported";
    pub const RESULT_OUTPUT_FILE: &str = "result_output_file";
    pub const CHECK_FLAG: &str = "check_flag";
    pub const REQUEST_ID: &str = "request_id";
    pub const REASONS: &str = "reasons";
    pub const SUGGESTIONS: &str = "suggestions";
    pub const ID: &str = "id";
}

/// Attribute names of a `suggestions` element.
pub mod suggestion_attr {
    pub const ACCESS_REGION: &str = "access_region";
    pub const BANDWIDTH: &str = "bandwidth";
    pub const CONCURRENT: &str = "concurrent";
}

/// The element type of `suggestions`.
pub fn suggestion_type() -> Type {
    Type::Object(
        [
            (suggestion_attr::ACCESS_REGION, Type::String),
            (suggestion_attr::BANDWIDTH, Type::Number),
            (suggestion_attr::CONCURRENT, Type::Number),
        ]
        .into_iter()
        .map(|(k, t)| (k.to_owned(), t))
        .collect(),
    )
}

/// Allowed values of the data source's enum arguments (the API's documented values).
pub const IP_ADDRESS_VERSIONS: &[&str] = &["IPv4", "IPv6"];
pub const NETWORK_TYPES: &[&str] = &["normal", "cn2"];
pub const PACKAGE_TYPES: &[&str] = &["Thunder", "Accelerator", "CrossBorder"];

/// Smallest `bandwidth` (Mbps) and `concurrent` (10,000 connections) the API accepts.
pub const MIN_BANDWIDTH: i64 = 1;
pub const MIN_CONCURRENT: i64 = 1;
/// `http3_supported`: the API documents 0 (off) and 1 (on).
pub const HTTP3_OFF: i64 = 0;
pub const HTTP3_ON: i64 = 1;

/// Each argument's name and validators: used to decode, in errors and in the schema.
pub mod spec {
    use super::*;
    use crate::provider::validators::Check;

    pub const ACCESS_REGION: AttrSpec = AttrSpec::new(a::ACCESS_REGION, &[Check::RegionName]);
    pub const REAL_SERVER_REGION: AttrSpec =
        AttrSpec::new(a::REAL_SERVER_REGION, &[Check::RegionName]);
    pub const BANDWIDTH: AttrSpec = AttrSpec::new(a::BANDWIDTH, &[Check::at_least(MIN_BANDWIDTH)]);
    pub const CONCURRENT: AttrSpec =
        AttrSpec::new(a::CONCURRENT, &[Check::at_least(MIN_CONCURRENT)]);
    pub const GROUP_ID: AttrSpec = AttrSpec::new(a::GROUP_ID, &[]);
    pub const IP_ADDRESS_VERSION: AttrSpec =
        AttrSpec::new(a::IP_ADDRESS_VERSION, &[Check::OneOf(IP_ADDRESS_VERSIONS)]);
    pub const NETWORK_TYPE: AttrSpec =
        AttrSpec::new(a::NETWORK_TYPE, &[Check::OneOf(NETWORK_TYPES)]);
    pub const PACKAGE_TYPE: AttrSpec =
        AttrSpec::new(a::PACKAGE_TYPE, &[Check::OneOf(PACKAGE_TYPES)]);
    pub const HTTP3_SUPPORTED: AttrSpec =
        AttrSpec::new(a::HTTP3_SUPPORTED, &[Check::between(HTTP3_OFF, HTTP3_ON)]);
    pub const RESULT_OUTPUT_FILE: AttrSpec =
        AttrSpec::new(a::RESULT_OUTPUT_FILE, &[Check::NonEmpty]);
}

/// The data source's schema.
pub fn schema() -> Schema {
    let attributes = vec![
        Attribute::required(a::ACCESS_REGION, Type::String).description(
            &spec::ACCESS_REGION.describe(
                "Access region of the connection (API parameter `AccessRegion`), for example \
                 `SouthChina`.",
            ),
        ),
        Attribute::required(a::REAL_SERVER_REGION, Type::String).description(
            &spec::REAL_SERVER_REGION.describe(
                "Origin server region of the connection (API parameter `RealServerRegion`), \
                 for example `EastChina`.",
            ),
        ),
        Attribute::required(a::BANDWIDTH, Type::Number).description(
            &spec::BANDWIDTH
                .describe("Bandwidth cap of the connection in Mbps (API parameter `Bandwidth`)."),
        ),
        Attribute::required(a::CONCURRENT, Type::Number).description(&spec::CONCURRENT.describe(
            "Concurrent connection cap in units of 10,000 connections (API parameter \
                 `Concurrent`).",
        )),
        Attribute::optional(a::GROUP_ID, Type::String).description(&spec::GROUP_ID.describe(
            "Id of the connection group the connection would join (API parameter `GroupId`).",
        )),
        Attribute::optional(a::IP_ADDRESS_VERSION, Type::String).description(
            &spec::IP_ADDRESS_VERSION
                .describe("IP version of the connection (API parameter `IPAddressVersion`)."),
        ),
        Attribute::optional(a::NETWORK_TYPE, Type::String).description(
            &spec::NETWORK_TYPE.describe("Network type (API parameter `NetworkType`)."),
        ),
        Attribute::optional(a::PACKAGE_TYPE, Type::String).description(
            &spec::PACKAGE_TYPE
                .describe("Package type of the connection (API parameter `PackageType`)."),
        ),
        Attribute::optional(a::HTTP3_SUPPORTED, Type::Number)
            .deprecated()
            .description(&spec::HTTP3_SUPPORTED.describe(
                "Deprecated: the API ignores it. Whether the connection supports HTTP/3 (API \
                 parameter `Http3Supported`), sent unchanged when set.",
            )),
        Attribute::optional(a::RESULT_OUTPUT_FILE, Type::String).description(
            &spec::RESULT_OUTPUT_FILE.describe(
                "Path of a file to also write the result to, as JSON with `check_flag`, \
                 `request_id` and `access_region` (written atomically, mode 0600).",
            ),
        ),
        Attribute::computed(a::CHECK_FLAG, Type::Number).description(
            "`1` if a connection with this configuration can be created, `0` if not. `0` is an \
             answer, not an error.",
        ),
        Attribute::computed(a::REQUEST_ID, Type::String)
            .description("The API's `RequestId` of the check, for support tickets."),
        Attribute::computed(a::REASONS, Type::List(Box::new(Type::String))).description(
            "Why the answer is `0`, one sentence each, from GAAP's catalogue \
             (`DescribeAccessRegionsByDestRegion` for `real_server_region` with this \
             `ip_address_version` and `package_type`): the access region is not offered for \
             this origin (naming those that are), the bandwidth is above the largest offered \
             or between two offers (naming them), the concurrency is not offered (naming the \
             nearest), the IP version or package is not offered there, or the network type \
             is not offered at the origin (`DescribeDestRegions`). Empty when the \
             answer is `1` or when the provider's `explain` is `false`. When the catalogue \
             cannot be read, one sentence says so; the check itself is never changed.",
        ),
        Attribute::computed(a::SUGGESTIONS, Type::List(Box::new(suggestion_type()))).description(
            "When the answer is `0`: up to 3 offers of the catalogue close to the checked \
             configuration, nearest first, each with `access_region`, `bandwidth` and \
             `concurrent` (the smallest offered value at least the one checked, else the \
             largest), the other arguments unchanged. Empty when the answer is `1`, when no \
             offer would change it (the cause is outside the catalogue) or when `explain` is \
             `false`.",
        ),
        Attribute::computed(a::ID, Type::String)
            .description("Derived from the arguments only, so it is the same on every plan."),
    ];
    Schema {
        version: 0,
        block: markdown_block(
            "Asks Tencent Cloud GAAP (`CheckProxyCreate`) whether an acceleration connection \
             with the given regions, bandwidth and concurrency can be created. `check_flag` is \
             `1` when it can and `0` when it cannot.",
            attributes,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::test_support::assert_well_formed;

    #[test]
    fn data_source_schema_matches_contract() {
        let schema = schema();
        let attrs = &schema.block.attributes;
        let expected: &[(&str, Type, &str)] = &[
            ("access_region", Type::String, "required"),
            ("real_server_region", Type::String, "required"),
            ("bandwidth", Type::Number, "required"),
            ("concurrent", Type::Number, "required"),
            ("group_id", Type::String, "optional"),
            ("ip_address_version", Type::String, "optional"),
            ("network_type", Type::String, "optional"),
            ("package_type", Type::String, "optional"),
            ("http3_supported", Type::Number, "optional"),
            ("result_output_file", Type::String, "optional"),
            ("check_flag", Type::Number, "computed"),
            ("request_id", Type::String, "computed"),
            ("reasons", Type::List(Box::new(Type::String)), "computed"),
            (
                "suggestions",
                Type::List(Box::new(suggestion_type())),
                "computed",
            ),
            ("id", Type::String, "computed"),
        ];
        assert_eq!(attrs.len(), expected.len());
        for (attr, (name, ty, mode)) in attrs.iter().zip(expected) {
            assert_eq!(attr.name, *name);
            assert_eq!(attr.ty, *ty, "{name}");
            let got = match (attr.required, attr.optional, attr.computed) {
                (true, false, false) => "required",
                (false, true, false) => "optional",
                (false, false, true) => "computed",
                other => panic!("{name}: {other:?}"),
            };
            assert_eq!(got, *mode, "{name}");
            assert_eq!(attr.deprecated, *name == "http3_supported", "{name}");
            assert!(!attr.sensitive, "{name}");
        }
        assert!(schema.block.block_types.is_empty());
        assert_well_formed(&schema.block, TYPE_NAME);
    }

    #[test]
    fn enum_descriptions_list_the_allowed_values() {
        let ds = schema();
        let pkg = ds
            .block
            .attributes
            .iter()
            .find(|a| a.name == "package_type")
            .expect("package_type");
        assert!(
            pkg.description.contains(
                "the value must be one of: \"Thunder\", \"Accelerator\", \"CrossBorder\"."
            ),
            "{}",
            pkg.description
        );
        let bandwidth = &ds.block.attributes[2];
        assert!(bandwidth
            .description
            .ends_with("; the value must be a whole number at least 1."));
    }
}
