//! The `gaap_dest_regions` data source: every origin server region GAAP serves
//! (`DescribeDestRegions`).

use std::sync::Arc;

use crate::protocol::{
    Attribute, AttributePath, BoxFuture, DataSource, Diagnostics, ReadDataSourceRequest,
    ReadDataSourceResponse, Schema, Type, Value,
};
use crate::provider::catalogue::regions::{dest_region_type, dest_region_value, features_markdown};
use crate::provider::decode::{Attr, AttrSpec, Decoded, ObjectDecoder};
use crate::provider::schema::markdown_block;
use crate::provider::state::ProviderData;
use crate::provider::validators::Check;
use tencentcloud_client::gaap::describe_dest_regions::ACTION;
use tencentcloud_client::DescribeDestRegionsRequest;

use super::common::{answer_response, diagnostics_response, ready, state_of};

/// The data source's full type name.
pub const TYPE_NAME: &str = "gaap_dest_regions";

/// Attribute names.
pub mod attr {
    pub const QUALITY_TYPE: &str = "quality_type";
    pub const REGIONS: &str = "regions";
    pub const ID: &str = "id";
}
use attr as a;

/// `quality_type`: the API documents 0 (gold connections, its default) and 1 (silver).
pub const QUALITY_GOLD: i64 = 0;
pub const QUALITY_SILVER: i64 = 1;

pub mod spec {
    use super::*;
    pub const QUALITY_TYPE: AttrSpec = AttrSpec::new(
        a::QUALITY_TYPE,
        &[Check::between(QUALITY_GOLD, QUALITY_SILVER)],
    );
}

/// The data source's schema.
pub fn schema() -> Schema {
    let attributes = vec![
        Attribute::optional(a::QUALITY_TYPE, Type::Number).description(
            &spec::QUALITY_TYPE.describe(
                "Connection quality the origin regions are listed for (API parameter \
                 `QualityType`): `0` gold (the API's default), `1` silver.",
            ),
        ),
        Attribute::computed(a::REGIONS, Type::List(Box::new(dest_region_type()))).description(
            &format!(
                "Every origin server region, in the API's order. Each has `id` (the value for \
                 `real_server_region` and `dest_region`), `name`, `area`, `area_name`, \
                 `idc_type` (`dc`: data center, `ec`: edge node), `network_types` (the \
                 network types offered there, from `SupportFeature`) and the \
                 `FeatureBitmap` decoded: {}.",
                features_markdown()
            ),
        ),
        Attribute::computed(a::ID, Type::String)
            .description("Derived from the arguments only, so it is the same on every plan."),
    ];
    Schema {
        version: 0,
        block: markdown_block(
            "Lists the origin server regions GAAP serves (`DescribeDestRegions`): the values \
             of `real_server_region` and of `gaap_access_regions`' `dest_region`.",
            attributes,
        ),
    }
}

/// The arguments, typed.
#[derive(Debug, Clone, PartialEq)]
pub struct DestRegionsConfig {
    pub quality_type: Attr<i64>,
}

pub fn decode(config: &Value) -> Decoded<DestRegionsConfig> {
    let mut diags = Diagnostics::new();
    let mut d = ObjectDecoder::new(config, AttributePath::default(), &mut diags);
    let decoded = DestRegionsConfig {
        quality_type: d.attr(&spec::QUALITY_TYPE),
    };
    Decoded::new(decoded, diags)
}

/// The `id`: `dest_regions`, with `,quality_type=N` when set.
pub fn id(request: &DescribeDestRegionsRequest) -> String {
    match request.quality_type {
        Some(q) => format!("dest_regions,{}={q}", a::QUALITY_TYPE),
        None => "dest_regions".to_owned(),
    }
}

fn state(config: &Value, regions: Value, id: Value) -> Value {
    state_of(
        config,
        &[a::QUALITY_TYPE],
        [(a::REGIONS, regions), (a::ID, id)],
    )
}

fn no_argument(_code: &str) -> Option<&'static str> {
    None
}

/// The data source.
pub struct DestRegions {
    provider: Arc<ProviderData>,
}

impl DestRegions {
    pub fn new(provider: Arc<ProviderData>) -> Self {
        DestRegions { provider }
    }
}

impl DataSource for DestRegions {
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
            let diags = decoded.diagnostics;
            let Some(args) = decoded.value else {
                return diagnostics_response(diags);
            };
            let api_request = DescribeDestRegionsRequest {
                quality_type: args.quality_type.known().copied(),
            };
            let answer = match configured.client() {
                Ok(client) => client.describe_dest_regions(&api_request, cancel).await,
                Err(e) => Err(e),
            };
            answer_response(answer, diags, ACTION, &configured, no_argument, |answer| {
                let regions = answer.dest_region_set.iter().map(dest_region_value);
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
    use crate::provider::test_support::{assert_well_formed, config, n};

    const NAMES: &[&str] = &["quality_type", "regions", "id"];

    #[test]
    fn schema_validation_and_id() {
        let schema = schema();
        let names: Vec<&str> = schema
            .block
            .attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, NAMES);
        assert_well_formed(&schema.block, TYPE_NAME);
        assert!(decode(&config(NAMES, &[])).diagnostics.is_empty());
        assert!(decode(&config(NAMES, &[("quality_type", n("1"))]))
            .diagnostics
            .is_empty());
        let diags = decode(&config(NAMES, &[("quality_type", n("2"))])).diagnostics;
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
