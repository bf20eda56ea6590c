//! The `gaap_access_regions` data source: for an origin region, the access regions a
//! connection can use, with the bandwidths and concurrencies offered there
//! (`DescribeAccessRegionsByDestRegion`).

use tencentcloud_client::{
    AccessRegionDetail, Action, DescribeAccessRegionsByDestRegionRequest,
    DescribeAccessRegionsByDestRegionResponse,
};

use crate::protocol::decode::{required, typed_block, AttrDef, Kind};
use crate::protocol::Diagnostics;
use crate::provider::catalogue::regions::{access_region_value, RegionList, ACCESS_REGION};
use crate::provider::validators::Check;

use super::gaap_data_source::{listing, Computed, GaapDataSource, ID};
use super::proxy_create_check::schema::{IP_ADDRESS_VERSIONS, PACKAGE_TYPES};
use super::result_file::RESULT_OUTPUT_FILE_ARGUMENT;

/// The data source's full type name.
pub const TYPE_NAME: &str = "gaap_access_regions";

pub const DEST_REGION: AttrDef = AttrDef::required("dest_region", Kind::String)
    .checks(&[&Check::RegionName])
    .text(
        "Origin server region (API parameter `DestRegion`): an `id` of `gaap_dest_regions`, \
         for example `EastChina`.",
    );
pub const IP_ADDRESS_VERSION: AttrDef = AttrDef::optional("ip_address_version", Kind::String)
    .checks(&[&Check::OneOf(IP_ADDRESS_VERSIONS)])
    .text(
        "IP version of the connection (API parameter `IPAddressVersion`; the API's default \
         is `IPv4`).",
    );
pub const PACKAGE_TYPE: AttrDef = AttrDef::optional("package_type", Kind::String)
    .checks(&[&Check::OneOf(PACKAGE_TYPES)])
    .text("Package type of the connection (API parameter `PackageType`).");
pub const REGIONS: AttrDef = AttrDef::computed("regions", Kind::ObjectList(ACCESS_REGION)).text(
    "The access regions offered for `dest_region`, in the API's order. Null when the \
         API answered no list (`AccessRegionSet` null); within an element, any field the \
         API answered null is null (a list stays null, never `[]`), and an entry without \
         a `RegionId` is left out with a warning.",
);

/// `regions`, from `AccessRegionSet`.
const LIST: RegionList<AccessRegionDetail> = RegionList {
    attribute: &REGIONS,
    action: <DescribeAccessRegionsByDestRegionRequest as Action>::ACTION,
    value_of: access_region_value,
};

/// The attribute table, in schema order.
pub const ATTRIBUTES: &[AttrDef] = &[
    DEST_REGION,
    IP_ADDRESS_VERSION,
    PACKAGE_TYPE,
    RESULT_OUTPUT_FILE_ARGUMENT,
    REGIONS,
    ID,
];

typed_block! {
    /// The arguments, typed.
    pub struct AccessRegionsConfig in ATTRIBUTES {
        dest_region: String = DEST_REGION,
        ip_address_version: String = IP_ADDRESS_VERSION,
        package_type: String = PACKAGE_TYPE,
        result_output_file: String = RESULT_OUTPUT_FILE_ARGUMENT,
    }
}

/// The `id`: `dest_region`, then each option set, as `name=value`, comma-separated.
pub fn id(request: &DescribeAccessRegionsByDestRegionRequest) -> String {
    let mut id = request.dest_region.clone();
    if let Some(ip) = &request.ip_address_version {
        id.push_str(&format!(",{}={ip}", IP_ADDRESS_VERSION.name));
    }
    if let Some(p) = &request.package_type {
        id.push_str(&format!(",{}={p}", PACKAGE_TYPE.name));
    }
    id
}

/// `gaap_access_regions`.
pub struct AccessRegions;

impl GaapDataSource for AccessRegions {
    const TYPE_NAME: &'static str = TYPE_NAME;
    const DESCRIPTION: &'static str = "Lists the access regions GAAP offers for an origin \
        server region (`DescribeAccessRegionsByDestRegion`), each with the bandwidths and \
        concurrencies that can be chosen there: the values `gaap_proxy_create_check` \
        answers `1` for.";

    type Arguments = AccessRegionsConfig;
    type Request = DescribeAccessRegionsByDestRegionRequest;
    type Answer = DescribeAccessRegionsByDestRegionResponse;

    fn request(arguments: &Self::Arguments) -> Result<Self::Request, Diagnostics> {
        let mut diags = Diagnostics::new();
        let Some(dest_region) = required(&mut diags, DEST_REGION.name, &arguments.dest_region)
        else {
            return Err(diags);
        };
        Ok(DescribeAccessRegionsByDestRegionRequest {
            dest_region,
            ip_address_version: arguments.ip_address_version.known().cloned(),
            package_type: arguments.package_type.known().cloned(),
        })
    }

    fn argument_of(code: &str) -> Option<&'static str> {
        match code {
            "InvalidParameterValue.UnknownDestRegion" => Some(DEST_REGION.name),
            _ => None,
        }
    }

    fn computed(
        request: &Self::Request,
        answer: &Self::Answer,
        diags: &mut Diagnostics,
    ) -> Computed {
        listing(
            &LIST,
            answer.access_region_set.as_deref(),
            id(request),
            diags,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{AttributePath, Severity, Value};
    use crate::provider::data_sources::gaap_data_source::{decode, schema_of};
    use crate::provider::test_support::{assert_well_formed, attribute_names, config, s};

    const NAMES: &[&str] = &[
        "dest_region",
        "ip_address_version",
        "package_type",
        "result_output_file",
        "regions",
        "id",
    ];

    #[test]
    fn schema_is_well_formed() {
        let schema = schema_of::<AccessRegions>();
        assert_eq!(attribute_names(&schema.block), NAMES);
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
            let diags = decode::<AccessRegions>(&config(NAMES, &set)).diagnostics;
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
            AccessRegions::argument_of("InvalidParameterValue.UnknownDestRegion"),
            Some("dest_region")
        );
    }
}
