//! The catalogue actions parse the emulator's answers, identical calls share one
//! call, and an unknown region is a typed API error.

use tencentcloud_client::cancel::never;
use tencentcloud_client::{
    ClientError, DescribeAccessRegionsByDestRegionRequest, DescribeDestRegionsRequest, Features,
};

use gaap_emulator::Knobs;

use crate::harness::{harness, CLIENT_RATE};

#[tokio::test]
async fn catalogue_actions_parse_the_emulators_answers_and_share_identical_calls() {
    let _shared = CLIENT_RATE.read().await;
    let h = harness(Knobs::default(), |_| {}).await;

    let dest = h
        .client
        .describe_dest_regions(&DescribeDestRegionsRequest::default(), never())
        .await
        .unwrap();
    let regions = dest.dest_region_set.as_deref().expect("a region list");
    assert_eq!(dest.total_count, Some(regions.len() as u64));
    let east = regions
        .iter()
        .find(|r| r.region_id.as_deref() == Some("EastChina"))
        .expect("EastChina is an origin");
    assert_eq!(east.idc_type.as_deref(), Some("dc"));
    assert_eq!(
        east.support_feature.as_ref().unwrap().network_type,
        Some(vec!["normal".to_owned(), "cn2".to_owned()])
    );
    // English names, as the client asks (X-TC-Language: en-US).
    assert_eq!(east.region_name.as_deref(), Some("East China"));
    let shanghai = regions
        .iter()
        .find(|r| r.region_id.as_deref() == Some("Shanghai"))
        .expect("Shanghai is an origin");
    assert!(Features::from_bitmap(shanghai.feature_bitmap).ipv6);
    assert!(!Features::from_bitmap(east.feature_bitmap).ipv6);

    let request = DescribeAccessRegionsByDestRegionRequest {
        dest_region: "EastChina".into(),
        ip_address_version: Some("IPv6".into()),
        package_type: None,
    };
    // Identical concurrent calls share one call; the answer is then reused.
    let answers = futures_util::future::join_all((0..8).map(|_| {
        h.client
            .describe_access_regions_by_dest_region(&request, never())
    }))
    .await;
    let first = answers[0].as_ref().unwrap();
    assert!(answers.iter().all(|a| a.as_ref().ok() == Some(first)));
    let offered = first.access_region_set.as_deref().expect("a region list");
    assert!(!offered.is_empty());
    for region in offered {
        assert!(
            Features::from_bitmap(region.feature_bitmap).ipv6,
            "{region:?}"
        );
        let bandwidths = region.bandwidth_list.as_deref().expect("bandwidths");
        assert!(bandwidths.windows(2).all(|w| w[0] < w[1]));
        assert!(!region
            .concurrent_list
            .as_deref()
            .expect("concurrents")
            .is_empty());
    }
    h.client
        .describe_access_regions_by_dest_region(&request, never())
        .await
        .unwrap();
    let s = h.emu.stats();
    assert_eq!(
        s.total("DescribeAccessRegionsByDestRegion"),
        1,
        "one call for identical requests: {s:?}"
    );

    let unknown = h
        .client
        .describe_access_regions_by_dest_region(
            &DescribeAccessRegionsByDestRegionRequest {
                dest_region: "Atlantis".into(),
                ip_address_version: None,
                package_type: None,
            },
            never(),
        )
        .await;
    match unknown {
        Err(ClientError::Api(e)) => {
            assert_eq!(e.code, "InvalidParameterValue.UnknownDestRegion");
            assert!(e.message.contains("Atlantis") && !e.request_id.is_empty());
        }
        other => panic!("expected UnknownDestRegion, got {other:?}"),
    }
    h.emu.shutdown().await;
}
