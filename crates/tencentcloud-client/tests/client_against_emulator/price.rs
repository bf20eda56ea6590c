//! `InquiryPriceCreateProxy` through the client: the emulator's prices arrive with
//! their exact decimal text, identical inquiries share one call, and an unknown
//! region is a typed API error.

use gaap_emulator::price::{self, Inquiry};
use gaap_emulator::{Catalogue, Knobs};
use serde_json::Value;
use tencentcloud_client::cancel::never;
use tencentcloud_client::{ClientError, InquiryPriceCreateProxyRequest};

use crate::harness::{harness, CLIENT_RATE};

fn inquiry(access: &str, billing_type: Option<i64>) -> InquiryPriceCreateProxyRequest {
    InquiryPriceCreateProxyRequest {
        access_region: access.into(),
        real_server_region: "Hongkong".into(),
        bandwidth: 150,
        concurrent: 5,
        billing_type,
        ip_address_version: None,
        network_type: None,
        package_type: None,
    }
}

/// A price as the client parsed it, by its text.
fn text(n: &Option<serde_json::Number>) -> Value {
    n.as_ref()
        .map_or(Value::Null, |n| Value::from(n.to_string()))
}

#[tokio::test]
async fn prices_arrive_exact_and_identical_inquiries_share_one_call() {
    let _shared = CLIENT_RATE.read().await;
    let h = harness(Knobs::default(), |_| {}).await;
    let request = inquiry("SL_India", None);
    let answers = futures_util::future::join_all(
        (0..8).map(|_| h.client.inquiry_price_create_proxy(&request, never())),
    )
    .await;
    let first = answers[0].as_ref().unwrap();
    assert!(answers.iter().all(|a| a.as_ref().ok() == Some(first)));
    h.client
        .inquiry_price_create_proxy(&request, never())
        .await
        .unwrap();
    let s = h.emu.stats();
    assert_eq!(s.total("InquiryPriceCreateProxy"), 1, "one call: {s:?}");

    // The emulator's model, from its own table: every price, as text.
    let quote = price::quote(
        &Catalogue::built_in(),
        &Inquiry {
            access: "SL_India",
            origin: "Hongkong",
            concurrent: 5,
            by_traffic: false,
            cn2: false,
        },
    )
    .answer();
    let as_text = |v: &Value| match v {
        Value::Null => Value::Null,
        other => Value::from(other.to_string()),
    };
    assert_eq!(
        text(&first.proxy_daily_price),
        as_text(&quote["ProxyDailyPrice"])
    );
    assert_eq!(
        text(&first.discount_proxy_daily_price),
        as_text(&quote["DiscountProxyDailyPrice"])
    );
    assert_eq!(text(&first.proxy_daily_price), Value::from("217.728"));
    assert_eq!(first.currency.as_deref(), Some("CNY"));
    assert_eq!(first.flow_unit_price, None);
    let tiers = first.bandwidth_unit_price.as_deref().expect("tiers");
    let quoted = quote["BandwidthUnitPrice"].as_array().unwrap();
    assert_eq!(tiers.len(), quoted.len());
    for (tier, q) in tiers.iter().zip(quoted) {
        assert_eq!(
            Value::from(tier.bandwidth_range.clone().unwrap()),
            q["BandwidthRange"]
        );
        assert_eq!(
            text(&tier.bandwidth_unit_price),
            as_text(&q["BandwidthUnitPrice"])
        );
        assert_eq!(
            text(&tier.discount_bandwidth_unit_price),
            as_text(&q["DiscountBandwidthUnitPrice"])
        );
    }
    assert_eq!(
        tiers.iter().position(|t| t.holds(150)),
        Some(2),
        "150 Mbps is in (100, 500]"
    );

    // Billed by traffic: another inquiry, no tiers.
    let traffic = h
        .client
        .inquiry_price_create_proxy(&inquiry("SL_India", Some(1)), never())
        .await
        .unwrap();
    assert_eq!(traffic.bandwidth_unit_price, None);
    assert_eq!(text(&traffic.flow_unit_price), Value::from("0.864"));

    match h
        .client
        .inquiry_price_create_proxy(&inquiry("Atlantis", None), never())
        .await
    {
        Err(ClientError::Api(e)) => {
            assert_eq!(e.code, "InvalidParameterValue.UnknownAccessRegion");
            assert!(e.message.contains("Atlantis") && !e.request_id.is_empty());
        }
        other => panic!("expected UnknownAccessRegion, got {other:?}"),
    }
    h.emu.shutdown().await;
}
