//! The `gaap_dest_regions` data source: every origin server region GAAP serves
//! (`DescribeDestRegions`).

use tencentcloud_client::{
    Action, DescribeDestRegionsRequest, DescribeDestRegionsResponse, RegionDetail,
};

use crate::protocol::decode::{typed_block, AttrDef, Kind};
use crate::protocol::Diagnostics;
use crate::provider::catalogue::regions::{dest_region_value, RegionList, DEST_REGION};
use crate::provider::validators::Check;

use super::gaap_data_source::{listing, Computed, GaapDataSource, ID};
use super::result_file::RESULT_OUTPUT_FILE_ARGUMENT;

/// The data source's full type name.
pub const TYPE_NAME: &str = "gaap_dest_regions";

/// `quality_type`: the API documents 0 (gold connections, its default) and 1 (silver).
pub const QUALITY_GOLD: i64 = 0;
pub const QUALITY_SILVER: i64 = 1;

pub const QUALITY_TYPE: AttrDef = AttrDef::optional("quality_type", Kind::Number)
    .checks(&[&Check::between(QUALITY_GOLD, QUALITY_SILVER)])
    .text(
        "Connection quality the origin regions are listed for (API parameter \
         `QualityType`): `0` gold (the API's default), `1` silver.",
    );
pub const REGIONS: AttrDef = AttrDef::computed("regions", Kind::ObjectList(DEST_REGION)).text(
    "Every origin server region, in the API's order; `id` is the value for \
     `real_server_region` and `dest_region`. Null when the API answered no list \
     (`DestRegionSet` null); within an element, any field the API answered null is null \
     (`network_types` too, when `SupportFeature` or its `NetworkType` is null: never \
     `[]`), and an entry without a `RegionId` is left out with a warning.",
);

/// `regions`, from `DestRegionSet`.
const LIST: RegionList<RegionDetail> = RegionList {
    attribute: &REGIONS,
    action: <DescribeDestRegionsRequest as Action>::ACTION,
    value_of: dest_region_value,
};

/// The attribute table, in schema order.
pub const ATTRIBUTES: &[AttrDef] = &[QUALITY_TYPE, RESULT_OUTPUT_FILE_ARGUMENT, REGIONS, ID];

typed_block! {
    /// The arguments, typed.
    pub struct DestRegionsConfig in ATTRIBUTES {
        quality_type: i64 = QUALITY_TYPE,
        result_output_file: String = RESULT_OUTPUT_FILE_ARGUMENT,
    }
}

/// The `id`: `dest_regions`, with `,quality_type=N` when set.
pub fn id(request: &DescribeDestRegionsRequest) -> String {
    match request.quality_type {
        Some(q) => format!("dest_regions,{}={q}", QUALITY_TYPE.name),
        None => "dest_regions".to_owned(),
    }
}

/// `gaap_dest_regions`.
pub struct DestRegions;

impl GaapDataSource for DestRegions {
    const TYPE_NAME: &'static str = TYPE_NAME;
    const DESCRIPTION: &'static str = "Lists the origin server regions GAAP serves \
        (`DescribeDestRegions`): the values of `real_server_region` and of \
        `gaap_access_regions`' `dest_region`.";

    type Arguments = DestRegionsConfig;
    type Request = DescribeDestRegionsRequest;
    type Answer = DescribeDestRegionsResponse;

    fn request(arguments: &Self::Arguments) -> Result<Self::Request, Diagnostics> {
        Ok(DescribeDestRegionsRequest {
            quality_type: arguments.quality_type.known().copied(),
        })
    }

    fn computed(
        request: &Self::Request,
        answer: &Self::Answer,
        diags: &mut Diagnostics,
    ) -> Computed {
        listing(&LIST, answer.dest_region_set.as_deref(), id(request), diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{Severity, Value};
    use crate::provider::data_sources::gaap_data_source::{decode, schema_of};
    use crate::provider::test_support::{assert_well_formed, attribute_names, config, n};

    const NAMES: &[&str] = &["quality_type", "result_output_file", "regions", "id"];

    #[test]
    fn schema_validation_and_id() {
        let schema = schema_of::<DestRegions>();
        assert_eq!(attribute_names(&schema.block), NAMES);
        assert_well_formed(&schema.block, TYPE_NAME);
        let decode = |set: &[(&str, Value)]| decode::<DestRegions>(&config(NAMES, set)).diagnostics;
        assert!(decode(&[]).is_empty());
        assert!(decode(&[("quality_type", n("1"))]).is_empty());
        let diags = decode(&[("quality_type", n("2"))]);
        let errors: Vec<_> = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert_eq!(
            errors[0].detail,
            "Attribute quality_type value must be a whole number between 0 and 1, got: 2"
        );
        assert_eq!(id(&DescribeDestRegionsRequest::default()), "dest_regions");
        assert_eq!(
            id(&DescribeDestRegionsRequest {
                quality_type: Some(1)
            }),
            "dest_regions,quality_type=1"
        );
    }
}
