//! `gaap_proxy_price` and `examples/budget-guard` against the emulator, with real
//! Terraform: exact prices, tiers and nulls in a plan, an unknown region on its
//! argument, and a plan that says "this connection can be created, costs N a day,
//! and is within budget", or stops saying why not. Every expected price is the
//! emulator's own model (`gaap_emulator::price`) over its own catalogue, computed
//! here, never copied.

use gaap_emulator::catalogue::{self, Check};
use gaap_emulator::price::{self, decimal, Inquiry, Micros, Quote, CURRENCY};
use gaap_emulator::{Catalogue, Knobs};
use serde_json::Value;

use crate::e2e::diagnostics::{attribute_line, has_request_id};
use crate::e2e::emulator::TestEmulator;
use crate::harness::{
    emulator_workspace, failed_plan_errors, for_each_terraform, output_value, plan_and_show,
    planned_outputs, runs_postconditions,
};
use crate::null_answers::{null_catalogue, snippet};

const PRICES_TF: &str = r#"
terraform {
  required_providers {
    gaap = { source = "registry.terraform.io/gaap-community/gaap" }
  }
}
provider "gaap" {}

data "gaap_proxy_price" "mainland" {
  access_region      = "Guangzhou"
  real_server_region = "Shanghai"
  bandwidth          = 10
  concurrent         = 2
  result_output_file = "mainland.json"
}

# The same inquiry (result_output_file is not sent): one API call for both.
data "gaap_proxy_price" "mainland_again" {
  access_region      = "Guangzhou"
  real_server_region = "Shanghai"
  bandwidth          = 10
  concurrent         = 2
}

data "gaap_proxy_price" "edge_cn2" {
  access_region      = "SL_India"
  real_server_region = "Hongkong"
  bandwidth          = 150
  concurrent         = 5
  network_type       = "cn2"
  billing_type       = "bandwidth"
}

data "gaap_proxy_price" "open_tier" {
  access_region      = "Beijing"
  real_server_region = "Europe"
  bandwidth          = 5000
  concurrent         = 2
}

data "gaap_proxy_price" "traffic" {
  access_region      = "Japan"
  real_server_region = "Beijing"
  bandwidth          = 100
  concurrent         = 10
  billing_type       = "traffic"
}

output "mainland" { value = data.gaap_proxy_price.mainland }
output "mainland_again" { value = data.gaap_proxy_price.mainland_again }
output "edge_cn2" { value = data.gaap_proxy_price.edge_cn2 }
output "open_tier" { value = data.gaap_proxy_price.open_tier }
output "traffic" { value = data.gaap_proxy_price.traffic }
"#;

const TYPO_TF: &str = r#"
terraform {
  required_providers {
    gaap = { source = "registry.terraform.io/gaap-community/gaap" }
  }
}
provider "gaap" {}

data "gaap_proxy_price" "typo" {
  access_region      = "Guangzho"
  real_server_region = "Shanghai"
  bandwidth          = 10
  concurrent         = 2
}
"#;

const BUDGET_GUARD: &str = include_str!("../../examples/budget-guard/main.tf");
const REGISTRY_EXAMPLE: &str =
    include_str!("../../examples/data-sources/gaap_proxy_price/data-source.tf");

/// One data source of `PRICES_TF`: what it asks.
struct Asked {
    output: &'static str,
    access: &'static str,
    origin: &'static str,
    bandwidth: i64,
    concurrent: i64,
    by_traffic: bool,
    cn2: bool,
    /// The `id` the provider derives from the arguments.
    id: &'static str,
}

const ASKED: [Asked; 5] = [
    Asked {
        output: "mainland",
        access: "Guangzhou",
        origin: "Shanghai",
        bandwidth: 10,
        concurrent: 2,
        by_traffic: false,
        cn2: false,
        id: "Guangzhou,Shanghai,bandwidth=10,concurrent=2,billing_type=bandwidth",
    },
    Asked {
        output: "mainland_again",
        access: "Guangzhou",
        origin: "Shanghai",
        bandwidth: 10,
        concurrent: 2,
        by_traffic: false,
        cn2: false,
        id: "Guangzhou,Shanghai,bandwidth=10,concurrent=2,billing_type=bandwidth",
    },
    Asked {
        output: "edge_cn2",
        access: "SL_India",
        origin: "Hongkong",
        bandwidth: 150,
        concurrent: 5,
        by_traffic: false,
        cn2: true,
        id: "SL_India,Hongkong,bandwidth=150,concurrent=5,billing_type=bandwidth,network_type=cn2",
    },
    Asked {
        output: "open_tier",
        access: "Beijing",
        origin: "Europe",
        bandwidth: 5000,
        concurrent: 2,
        by_traffic: false,
        cn2: false,
        id: "Beijing,Europe,bandwidth=5000,concurrent=2,billing_type=bandwidth",
    },
    Asked {
        output: "traffic",
        access: "Japan",
        origin: "Beijing",
        bandwidth: 100,
        concurrent: 10,
        by_traffic: true,
        cn2: false,
        id: "Japan,Beijing,bandwidth=100,concurrent=10,billing_type=traffic",
    },
];

/// The emulator's quote for what was asked.
fn quote(asked: &Asked) -> Quote {
    let inquiry = Inquiry {
        access: asked.access,
        origin: asked.origin,
        concurrent: asked.concurrent,
        by_traffic: asked.by_traffic,
        cn2: asked.cn2,
    };
    price::quote(&Catalogue::built_in(), &inquiry)
}

/// The quoted tier holding `bandwidth` (from < bandwidth <= to).
fn holding(quote: &Quote, bandwidth: i64) -> Option<price::QuotedTier> {
    quote
        .tiers
        .as_ref()?
        .iter()
        .copied()
        .find(|t| t.from < bandwidth && t.to.is_none_or(|to| bandwidth <= to))
}

/// A price in state, as the exact decimal text Terraform shows; `None` for null.
fn shown(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Number(n) => Some(n.to_string()),
        other => panic!("not a number: {other}"),
    }
}

/// `value` (a planned data source object) holds the prices `asked` gets.
fn assert_prices(asked: &Asked, value: &Value) {
    let q = quote(asked);
    let at = asked.output;
    let price_of = |name: &str| shown(&value[name]);
    let some = |m: Micros| Some(decimal(m));
    assert_eq!(value["currency"], Value::from(CURRENCY), "{at}");
    assert_eq!(value["id"], Value::from(asked.id), "{at}");
    assert!(
        value["request_id"].as_str().is_some_and(has_request_id),
        "{at}: {value}"
    );
    assert_eq!(price_of("daily_price"), some(q.daily.price), "{at}");
    assert_eq!(
        price_of("discount_daily_price"),
        some(q.daily.discounted),
        "{at}"
    );
    assert_eq!(
        price_of("cn2_bandwidth_unit_price"),
        some(q.cn2.price),
        "{at}"
    );
    assert_eq!(
        price_of("discount_cn2_bandwidth_unit_price"),
        some(q.cn2.discounted),
        "{at}"
    );
    assert_eq!(
        price_of("flow_unit_price"),
        q.flow.map(|f| decimal(f.price)),
        "{at}"
    );
    assert_eq!(
        price_of("discount_flow_unit_price"),
        q.flow.map(|f| decimal(f.discounted)),
        "{at}"
    );
    let held = holding(&q, asked.bandwidth);
    assert_eq!(
        price_of("bandwidth_unit_price"),
        held.map(|t| decimal(t.unit_price.price)),
        "{at}"
    );
    assert_eq!(
        price_of("discount_bandwidth_unit_price"),
        held.map(|t| decimal(t.unit_price.discounted)),
        "{at}"
    );
    match &q.tiers {
        None => assert_eq!(value["bandwidth_price_tiers"], Value::Null, "{at}"),
        Some(tiers) => {
            let got = value["bandwidth_price_tiers"]
                .as_array()
                .unwrap_or_else(|| panic!("{at}: no tiers: {value}"));
            assert_eq!(got.len(), tiers.len(), "{at}");
            for (got, want) in got.iter().zip(tiers) {
                assert_eq!(got["from_mbps"], Value::from(want.from), "{at}");
                // No upper bound: null, not the API's -1.
                assert_eq!(
                    got["to_mbps"],
                    want.to.map_or(Value::Null, Value::from),
                    "{at}"
                );
                assert_eq!(
                    shown(&got["unit_price"]),
                    some(want.unit_price.price),
                    "{at}"
                );
                assert_eq!(
                    shown(&got["discount_unit_price"]),
                    some(want.unit_price.discounted),
                    "{at}"
                );
            }
        }
    }
}

#[test]
fn price_plan_shows_exact_prices_tiers_and_nulls() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        emulator.reset();
        let ws = emulator_workspace(tf, PRICES_TF, &emulator);
        let (out, shown_plan) = plan_and_show(&ws, &[]);
        for asked in &ASKED {
            let value = output_value(
                &shown_plan,
                &format!("/planned_values/outputs/{}/value", asked.output),
            );
            assert_prices(asked, value);
        }
        // The published mainland route, and the nulls of each billing.
        let mainland = output_value(&shown_plan, "/planned_values/outputs/mainland/value");
        assert_eq!(shown(&mainland["daily_price"]).as_deref(), Some("80.64"));
        assert_eq!(mainland["flow_unit_price"], Value::Null);
        let traffic = output_value(&shown_plan, "/planned_values/outputs/traffic/value");
        assert_eq!(traffic["bandwidth_price_tiers"], Value::Null);
        assert_eq!(traffic["bandwidth_unit_price"], Value::Null);
        let open = output_value(&shown_plan, "/planned_values/outputs/open_tier/value");
        assert_eq!(open["bandwidth_price_tiers"][4]["to_mbps"], Value::Null);

        // result_output_file: the whole state, prices exact.
        let written = std::fs::read_to_string(ws.path().join("mainland.json"))
            .unwrap_or_else(|e| panic!("result_output_file was not written: {e}"));
        let record: Value =
            serde_json::from_str(&written).unwrap_or_else(|e| panic!("not JSON ({e}): {written}"));
        assert_eq!(record["daily_price"].to_string(), "80.64", "{written}");
        assert_eq!(record["flow_unit_price"], Value::Null, "{written}");
        assert_eq!(
            record["billing_type"],
            Value::Null,
            "as configured: {written}"
        );

        // One call per distinct inquiry: mainland_again shares mainland's.
        let stats = emulator.stats();
        assert_eq!(
            stats.count("InquiryPriceCreateProxy", "ok"),
            4,
            "{stats:?}\n{}",
            out.describe()
        );
        assert_eq!(stats.total("InquiryPriceCreateProxy"), 4, "{stats:?}");
    });
}

/// The Registry page's example plans, and its estimate is the model's.
#[test]
fn the_registry_example_plans_its_estimate() {
    let emulator = TestEmulator::start(Knobs::default());
    let asked = Asked {
        output: "example",
        ..ASKED[0]
    };
    let q = quote(&asked);
    let tier = holding(&q, asked.bandwidth).expect("a tier");
    let estimate = q.daily.discounted + asked.bandwidth * tier.unit_price.discounted;
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, &snippet(REGISTRY_EXAMPLE), &emulator);
        let outputs = planned_outputs(&ws);
        assert_eq!(
            shown(&outputs["daily_cost_estimate"]["value"]),
            Some(decimal(estimate))
        );
        assert_eq!(outputs["currency"]["value"], Value::from(CURRENCY));
        let tiers = outputs["tiers"]["value"].as_array().expect("tiers");
        assert_eq!(tiers.len(), q.tiers.as_ref().map_or(0, Vec::len));
        assert_eq!(
            tiers[0],
            Value::from(format!(
                "0..20 Mbps: {} per Mbps a day",
                decimal(tier.unit_price.discounted)
            ))
        );
        assert!(
            tiers
                .last()
                .and_then(Value::as_str)
                .is_some_and(|t| t.starts_with("2000.. Mbps")),
            "{tiers:?}"
        );
    });
}

#[test]
fn unknown_region_is_an_error_on_access_region_with_a_suggestion() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, TYPO_TF, &emulator);
        let (out, errors) = failed_plan_errors(&ws);
        let error = errors
            .iter()
            .find(|d| {
                d.text()
                    .contains("InvalidParameterValue.UnknownAccessRegion")
            })
            .unwrap_or_else(|| panic!("no UnknownAccessRegion: {errors:#?}\n{}", out.describe()));
        assert_eq!(
            error.line,
            Some(attribute_line(TYPO_TF, "typo", "access_region")),
            "on access_region: {error:?}"
        );
        let text = error.text();
        assert!(text.contains("InquiryPriceCreateProxy failed"), "{text}");
        assert!(has_request_id(&text), "{text}");
        assert!(text.contains("Did you mean \"Guangzhou\"?"), "{text}");
    });
}

/// What the budget guard must choose for `origin`: among the access regions the
/// catalogue offers at `bandwidth` whose check answers 1, the cheapest by the
/// emulator's prices (discounted daily price plus bandwidth times the discounted
/// unit price), the lowest id on a tie; with its cost.
fn cheapest(origin: &str, bandwidth: i64, concurrent: i64) -> (&'static str, Micros) {
    let origin_region = catalogue::find(origin).expect("a built-in origin");
    let mut best: Option<(Micros, &'static str)> = None;
    for access in catalogue::access_regions(origin_region, None, None) {
        let check = Check {
            access,
            origin: origin_region,
            bandwidth,
            concurrent,
            ip_version: None,
            network_type: None,
            package: None,
        };
        if !access.bandwidths().contains(&bandwidth) || !catalogue::creatable(&check) {
            continue;
        }
        let asked = Asked {
            output: "",
            access: access.id,
            origin: origin_region.id,
            bandwidth,
            concurrent,
            by_traffic: false,
            cn2: false,
            id: "",
        };
        let q = quote(&asked);
        let tier = holding(&q, bandwidth).expect("a tier");
        let cost = q.daily.discounted + bandwidth * tier.unit_price.discounted;
        if best.is_none_or(|(c, id)| cost < c || (cost == c && access.id < id)) {
            best = Some((cost, access.id));
        }
    }
    let (cost, id) = best.expect("some region offers it");
    (id, cost)
}

#[test]
fn budget_guard_chooses_the_cheapest_creatable_region_or_stops_the_plan() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        if !runs_postconditions(tf) {
            eprintln!("skipped: {} has no postconditions", tf.label());
            return;
        }
        // (bandwidth, daily budget) for the example's origin: an edge node is cheapest
        // where it offers the bandwidth; past its offer (200 Mbps), a data center.
        for (bandwidth, budget) in [(10, "1500"), (500, "40000")] {
            let mut ws = emulator_workspace(tf, BUDGET_GUARD, &emulator);
            ws.env("TF_VAR_bandwidth", &bandwidth.to_string())
                .env("TF_VAR_daily_budget", budget);
            let (region, cost) = cheapest("Hongkong", bandwidth, 2);
            let (out, plan) = plan_and_show(&ws, &[]);
            let planned = |name: &str| {
                output_value(&plan, &format!("/planned_values/outputs/{name}/value")).clone()
            };
            assert_eq!(
                planned("access_region"),
                Value::from(region),
                "{}",
                out.describe()
            );
            assert_eq!(planned("daily_cost").to_string(), decimal(cost), "{region}");
            assert_eq!(planned("currency"), Value::from(CURRENCY));
            assert_eq!(planned("within_budget"), Value::Bool(true));
        }
        let (region, cost) = cheapest("Hongkong", 10, 2);
        assert_eq!(region, "SL_India", "the model's cheapest for the default");

        // A catalogue that answers null lists: no candidate, the example's own
        // precondition says so (coalesce() reads null as nothing offered).
        let nulls = TestEmulator::serving(null_catalogue());
        let ws = emulator_workspace(tf, BUDGET_GUARD, &nulls);
        let out = ws.run(&["plan", "-input=false"]).failure();
        assert!(
            out.shown().contains("No access region offers 10 Mbps"),
            "the precondition, not a null error\n{}",
            out.describe()
        );

        // Over budget: the postcondition stops the plan, naming cost and budget.
        let mut ws = emulator_workspace(tf, BUDGET_GUARD, &emulator);
        ws.env("TF_VAR_daily_budget", "1000");
        let (out, errors) = failed_plan_errors(&ws);
        let error = errors
            .iter()
            .find(|d| d.summary.contains("postcondition"))
            .unwrap_or_else(|| panic!("no postcondition error: {errors:#?}\n{}", out.describe()));
        let text = error.text();
        assert!(
            text.contains(&format!(
                "from {region}, costs about {} CNY a day",
                decimal(cost)
            )),
            "{text}"
        );
        assert!(text.contains("over the daily budget of 1000"), "{text}");
    });
}
