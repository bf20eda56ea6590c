//! The calls behind an explained check: the catalogue (`DescribeAccessRegionsByDestRegion`,
//! `DescribeDestRegions`) read for a check that answered 0 or named an unknown region.
//! Each catalogue call is shared and kept for the process like the check (at most one
//! per distinct origin and options in a plan). A catalogue call that fails never fails
//! or changes the check: it leaves one sentence saying so, or no hint.

use tencentcloud_client::client::CancelSignal;
use tencentcloud_client::{
    CheckProxyCreateRequest, ClientError, DescribeAccessRegionsByDestRegionRequest,
    DescribeDestRegionsRequest, GaapClient,
};

use crate::provider::catalogue::edit_distance::did_you_mean;
use crate::provider::catalogue::explain::{
    cause_outside, explain, network_type_reason, Explanation,
};

fn catalogue_request(
    check: &CheckProxyCreateRequest,
    with_options: bool,
) -> DescribeAccessRegionsByDestRegionRequest {
    DescribeAccessRegionsByDestRegionRequest {
        dest_region: check.real_server_region.clone(),
        ip_address_version: check.ip_address_version.clone().filter(|_| with_options),
        package_type: check.package_type.clone().filter(|_| with_options),
    }
}

/// The one line `reasons` holds when the catalogue could not be read.
pub fn unreadable(error: &ClientError) -> String {
    format!(
        "The answer could not be explained: reading GAAP's catalogue \
         (DescribeAccessRegionsByDestRegion) failed: {error}"
    )
}

/// Why `check` answered 0, and what would answer 1.
pub async fn explain_zero(
    client: &GaapClient,
    check: &CheckProxyCreateRequest,
    cancel: CancelSignal,
) -> Explanation {
    let filtered = catalogue_request(check, true);
    let offered = match client
        .describe_access_regions_by_dest_region(&filtered, cancel.clone())
        .await
    {
        Ok(answer) => answer.access_region_set,
        Err(e) => {
            return Explanation {
                reasons: vec![unreadable(&e)],
                suggestions: Vec::new(),
            }
        }
    };
    let has_options = check.ip_address_version.is_some() || check.package_type.is_some();
    let offered_here = offered
        .iter()
        .flatten()
        .any(|r| r.region_id.as_deref() == Some(check.access_region.as_str()));
    let unfiltered = if has_options && !offered_here {
        client
            .describe_access_regions_by_dest_region(
                &catalogue_request(check, false),
                cancel.clone(),
            )
            .await
            .ok()
            .and_then(|a| a.access_region_set)
    } else {
        None
    };
    let mut explanation = explain(check, offered.as_deref(), unfiltered.as_deref());
    // The access regions are fine: the network type may not be offered at the origin.
    if check.network_type.is_some() && cause_outside(&explanation) {
        if let Ok(origins) = client
            .describe_dest_regions(&DescribeDestRegionsRequest::default(), cancel)
            .await
        {
            if let Some(reason) = network_type_reason(check, origins.dest_region_set.as_deref()) {
                explanation.reasons = vec![reason];
            }
        }
    }
    explanation
}

/// "Did you mean ...?" for an unknown region error code of the check, from the
/// catalogue when it can be read: the access regions offered for the origin (or,
/// failing that, every region), or the origin regions.
pub async fn did_you_mean_hint(
    client: &GaapClient,
    check: &CheckProxyCreateRequest,
    code: &str,
    cancel: CancelSignal,
) -> Option<String> {
    let (given, mut candidates) = match code {
        "InvalidParameterValue.UnknownAccessRegion" => {
            let offered = client
                .describe_access_regions_by_dest_region(
                    &catalogue_request(check, true),
                    cancel.clone(),
                )
                .await
                .map(|a| {
                    a.access_region_set
                        .into_iter()
                        .flatten()
                        .filter_map(|r| r.region_id)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            (&check.access_region, offered)
        }
        "InvalidParameterValue.UnknownDestRegion" => (&check.real_server_region, Vec::new()),
        _ => return None,
    };
    if candidates.is_empty() {
        candidates = client
            .describe_dest_regions(&DescribeDestRegionsRequest::default(), cancel)
            .await
            .ok()?
            .dest_region_set
            .into_iter()
            .flatten()
            .filter_map(|r| r.region_id)
            .collect();
    }
    let names: Vec<&str> = candidates.iter().map(String::as_str).collect();
    did_you_mean(given, &names).map(|m| format!("Did you mean \"{m}\"?"))
}
