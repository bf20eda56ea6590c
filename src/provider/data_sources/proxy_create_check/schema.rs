//! The `gaap_proxy_create_check` attribute table: each attribute's name, type,
//! validators and description, with the API's enumerations and limits they use.

use crate::protocol::decode::{AttrDef, Kind};
use crate::provider::validators::Check;

use super::super::result_file::RESULT_OUTPUT_FILE as RESULT_FILE_NAME;

/// The data source's full type name (provider type name `gaap` + `_proxy_create_check`).
pub const TYPE_NAME: &str = "gaap_proxy_create_check";

/// The schema's description.
pub const DESCRIPTION: &str = "Asks Tencent Cloud GAAP (`CheckProxyCreate`) whether an \
    acceleration connection with the given regions, bandwidth and concurrency can be \
    created. `check_flag` is `1` when it can and `0` when it cannot.";

/// Allowed values of the data source's enum arguments (the API's documented values).
pub const IP_ADDRESS_VERSIONS: &[&str] = &["IPv4", "IPv6"];
/// `normal` and `cn2` are the values `CheckProxyCreate`'s reference names; `triple` and
/// `secure_eip` are the other values of `SupportFeature.NetworkType`
/// (tencentcloud-sdk-python, `gaap/v20180529/models.py`, class `SupportFeature`),
/// accepted with a warning at validate.
pub const NETWORK_TYPES: &[&str] = &["normal", "cn2", "triple", "secure_eip"];
/// The network types `CheckProxyCreate`'s reference documents.
pub const DOCUMENTED_NETWORK_TYPES: &[&str] = &["normal", "cn2"];
pub const PACKAGE_TYPES: &[&str] = &["Thunder", "Accelerator", "CrossBorder"];

/// Smallest `bandwidth` (Mbps) and `concurrent` (10,000 connections) the API accepts.
pub const MIN_BANDWIDTH: i64 = 1;
pub const MIN_CONCURRENT: i64 = 1;
/// `http3_supported`: the API documents 0 (off) and 1 (on).
pub const HTTP3_OFF: i64 = 0;
pub const HTTP3_ON: i64 = 1;

pub const ACCESS_REGION: AttrDef = AttrDef::required("access_region", Kind::String)
    .checks(&[&Check::RegionName])
    .text(
        "Access region of the connection (API parameter `AccessRegion`), for example \
         `SouthChina`.",
    );
pub const REAL_SERVER_REGION: AttrDef = AttrDef::required("real_server_region", Kind::String)
    .checks(&[&Check::RegionName])
    .text(
        "Origin server region of the connection (API parameter `RealServerRegion`), for \
         example `EastChina`.",
    );
pub const BANDWIDTH: AttrDef = AttrDef::required("bandwidth", Kind::Number)
    .checks(&[&Check::at_least(MIN_BANDWIDTH)])
    .text("Bandwidth cap of the connection in Mbps (API parameter `Bandwidth`).");
pub const CONCURRENT: AttrDef = AttrDef::required("concurrent", Kind::Number)
    .checks(&[&Check::at_least(MIN_CONCURRENT)])
    .text(
        "Concurrent connection cap in units of 10,000 connections (API parameter \
         `Concurrent`).",
    );
pub const GROUP_ID: AttrDef = AttrDef::optional("group_id", Kind::String)
    .text("Id of the connection group the connection would join (API parameter `GroupId`).");
pub const IP_ADDRESS_VERSION: AttrDef = AttrDef::optional("ip_address_version", Kind::String)
    .checks(&[&Check::OneOf(IP_ADDRESS_VERSIONS)])
    .default("`IPv4`, the API's default (when unset, the parameter is not sent)")
    .text("IP version of the connection (API parameter `IPAddressVersion`).");
pub const NETWORK_TYPE: AttrDef = AttrDef::optional("network_type", Kind::String)
    .checks(&[&Check::OneOf(NETWORK_TYPES)])
    .default("`normal`, the API's default (when unset, the parameter is not sent)")
    .text(
        "Network type (API parameter `NetworkType`). The API's references of \
         `CheckProxyCreate` and `InquiryPriceCreateProxy` name `normal` and `cn2`; `triple` \
         and `secure_eip`, the other network types GAAP lists for a region \
         (`SupportFeature.NetworkType`), are sent as given with a warning.",
    );
pub const PACKAGE_TYPE: AttrDef = AttrDef::optional("package_type", Kind::String)
    .checks(&[&Check::OneOf(PACKAGE_TYPES)])
    .text("Package type of the connection (API parameter `PackageType`).");
pub const HTTP3_SUPPORTED: AttrDef = AttrDef::optional("http3_supported", Kind::Number)
    .checks(&[&Check::between(HTTP3_OFF, HTTP3_ON)])
    .deprecated()
    .text(
        "Deprecated: the API ignores it. Whether the connection supports HTTP/3 (API \
         parameter `Http3Supported`), sent unchanged when set.",
    );
pub const RESULT_OUTPUT_FILE: AttrDef = AttrDef::optional(RESULT_FILE_NAME, Kind::String)
    .checks(&[&Check::NonEmpty])
    .text(
        "Path of a file to also write the result to, as JSON with `check_flag`, \
         `request_id` and `access_region` (written atomically, mode 0600). A leading `~` \
         or `~/` is the home directory, and missing parent directories are created (mode \
         0700), as for every data source's `result_output_file`.",
    );
pub const CHECK_FLAG: AttrDef = AttrDef::computed("check_flag", Kind::Number).text(
    "`1` if a connection with this configuration can be created, `0` if not. `0` is an \
     answer, not an error. An answer whose `CheckFlag` is null, missing or anything but \
     `0` or `1` is not a valid answer: the read fails with an error that carries its \
     RequestId.",
);
pub const REQUEST_ID: AttrDef = AttrDef::computed("request_id", Kind::String)
    .text("The API's `RequestId` of the check, for support tickets.");
pub const REASONS: AttrDef = AttrDef::computed("reasons", Kind::StringList).text(
    "Why the answer is `0`, one sentence each, from GAAP's catalogue \
     (`DescribeAccessRegionsByDestRegion` for `real_server_region` with this \
     `ip_address_version` and `package_type`): the access region is not offered for \
     this origin (naming those that are), the bandwidth is above the largest offered \
     or between two offers (naming them), the concurrency is not offered (naming the \
     nearest), the IP version or package is not offered there, or the network type \
     is not offered at the origin (`DescribeDestRegions`). Empty when the \
     answer is `1` or when the provider's `explain` is `false`. When the catalogue \
     cannot be read, one sentence says so; the check itself is never changed. Each \
     reason rests on fields the catalogue answered: where it answered null (a list, a \
     bitmap, a whole region set) no reason is given about it, and a sentence says \
     what could not be known.",
);
pub const SUGGESTIONS: AttrDef = AttrDef::computed("suggestions", Kind::ObjectList(SUGGESTION))
    .text(
        "When the answer is `0`: up to 3 offers of the catalogue close to the checked \
         configuration, nearest first, the other arguments unchanged. Empty when the \
         answer is `1`, when no offer would change it (the cause is outside the \
         catalogue) or when `explain` is `false`.",
    );
pub use crate::provider::data_sources::gaap_data_source::ID;

/// The attributes of a `suggestions` element.
pub mod suggestion {
    use super::*;

    pub const ACCESS_REGION: AttrDef = AttrDef::computed("access_region", Kind::String)
        .text("An access region offered for `real_server_region`.");
    pub const BANDWIDTH: AttrDef = AttrDef::computed("bandwidth", Kind::Number)
        .text("The smallest bandwidth offered there at least the one checked, else the largest.");
    pub const CONCURRENT: AttrDef = AttrDef::computed("concurrent", Kind::Number)
        .text("The smallest concurrency offered there at least the one checked, else the largest.");
}

/// The table of a `suggestions` element.
pub const SUGGESTION: &[AttrDef] = &[
    suggestion::ACCESS_REGION,
    suggestion::BANDWIDTH,
    suggestion::CONCURRENT,
];

/// The data source's attribute table, in schema order.
pub const ATTRIBUTES: &[AttrDef] = &[
    ACCESS_REGION,
    REAL_SERVER_REGION,
    BANDWIDTH,
    CONCURRENT,
    GROUP_ID,
    IP_ADDRESS_VERSION,
    NETWORK_TYPE,
    PACKAGE_TYPE,
    HTTP3_SUPPORTED,
    RESULT_OUTPUT_FILE,
    CHECK_FLAG,
    REQUEST_ID,
    REASONS,
    SUGGESTIONS,
    ID,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::decode::object_type;
    use crate::protocol::{Schema, Type};
    use crate::provider::data_sources::gaap_data_source::schema_of;
    use crate::provider::test_support::assert_well_formed;

    fn schema() -> Schema {
        schema_of::<super::super::ProxyCreateCheck>()
    }

    fn suggestion_type() -> Type {
        object_type(SUGGESTION)
    }

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
