//! The catalogue data sources and explained checks: reasons and suggestions for a
//! check answering 0, how often the catalogue is read, "did you mean", and a
//! catalogue that fails.

use std::time::Duration;

use gaap_emulator::catalogue::REGIONS;
use gaap_emulator::Knobs;
use serde_json::Value;

use crate::e2e::diagnostics::{attribute_line, has_request_id};
use crate::e2e::emulator::TestEmulator;
use crate::e2e::{
    CATALOGUE_TF, EXPLAIN_TF, MANY_EXPLAINED_TF, POSTCONDITION_REASONS_TF, TYPO_REGION_TF,
    UNKNOWN_DEST_REGION_TF,
};
use crate::harness::{
    emulator_workspace, failed_plan_errors, for_each_terraform, plan_and_show, planned_outputs,
    runs_postconditions, strings,
};

const ACCESS_REGIONS: &str = "DescribeAccessRegionsByDestRegion";

#[test]
fn catalogue_data_sources_plan_and_show_values() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, CATALOGUE_TF, &emulator);
        let outputs = planned_outputs(&ws);
        let origins = strings(&outputs["origins"]["value"]);
        let ids: Vec<&str> = REGIONS.iter().map(|r| r.id).collect();
        assert_eq!(origins, ids, "every region of the catalogue, in its order");
        assert_eq!(
            strings(&outputs["east_china_network_types"]["value"]),
            ["normal", "cn2"]
        );
        let access = strings(&outputs["access_regions"]["value"]);
        assert!(access.contains(&"SouthChina".to_owned()), "{access:?}");
        assert!(!access.contains(&"EastChina".to_owned()), "{access:?}");
        let ipv6 = strings(&outputs["ipv6_access_regions"]["value"]);
        assert!(ipv6.iter().all(|r| access.contains(r)), "{ipv6:?}");
        // the regions whose published bitmap has the IPv6 bit
        assert_eq!(ipv6, ["Beijing", "Shanghai", "Guangzhou", "Chengdu"]);
        assert_eq!(
            outputs["south_china_bandwidths"]["value"],
            serde_json::json!([10, 20, 50, 100, 200, 500, 1000])
        );
        assert!(outputs["south_china_concurrents"]["value"]
            .as_array()
            .unwrap()
            .contains(&Value::from(50)));
        assert_eq!(
            outputs["south_china_supports_ipv6"]["value"],
            Value::Bool(false)
        );
        assert_eq!(
            outputs["guangzhou_supports_ipv6"]["value"],
            Value::Bool(true)
        );
        assert_eq!(
            outputs["access_regions_id"]["value"],
            "EastChina,ip_address_version=IPv6"
        );
        // result_output_file: the whole state, keyed by attribute name.
        let written = std::fs::read_to_string(ws.path().join("access_regions.json"))
            .unwrap_or_else(|e| panic!("result_output_file was not written: {e}"));
        let file: Value = serde_json::from_str(&written)
            .unwrap_or_else(|e| panic!("result_output_file is not JSON ({e}): {written}"));
        assert_eq!(file["dest_region"], "EastChina", "{written}");
        assert_eq!(file["id"], "EastChina", "{written}");
        assert_eq!(file["result_output_file"], "access_regions.json");
        let in_file: Vec<String> = file["regions"]
            .as_array()
            .unwrap_or_else(|| panic!("regions: {written}"))
            .iter()
            .map(|r| r["id"].as_str().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(in_file, access, "the file lists what the plan shows");

        let ws = emulator_workspace(tf, UNKNOWN_DEST_REGION_TF, &emulator);
        let (_, errors) = failed_plan_errors(&ws);
        let line = attribute_line(UNKNOWN_DEST_REGION_TF, "nowhere", "dest_region");
        let error = errors
            .iter()
            .find(|d| d.text().contains("InvalidParameterValue.UnknownDestRegion"))
            .unwrap_or_else(|| panic!("no UnknownDestRegion error: {errors:#?}"));
        assert_eq!(error.line, Some(line), "on dest_region: {error:?}");
        assert!(has_request_id(&error.text()), "{error:?}");
    });
}

#[test]
fn a_check_answering_zero_shows_reasons_and_suggestions() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, EXPLAIN_TF, &emulator);
        let outputs = planned_outputs(&ws);
        assert_eq!(outputs["too_big_flag"]["value"], Value::from(0));
        let reasons = strings(&outputs["too_big_reasons"]["value"]);
        assert_eq!(
            reasons,
            ["The bandwidth 2000 Mbps is above the largest offered at SouthChina for origin EastChina: 1000 Mbps."]
        );
        let suggestions = outputs["too_big_suggestions"]["value"].as_array().unwrap();
        assert_eq!(
            suggestions[0],
            serde_json::json!({"access_region": "SouthChina", "bandwidth": 1000, "concurrent": 2})
        );
        let reasons = strings(&outputs["not_offered_reasons"]["value"]);
        assert!(
            reasons[0].starts_with(
                "The access region SL_VIET is not offered for origin Europe; offered: "
            ),
            "{reasons:?}"
        );
        let suggestions = outputs["not_offered_suggestions"]["value"]
            .as_array()
            .unwrap();
        assert!(!suggestions.is_empty());
        assert_eq!(
            strings(&outputs["cn2_overseas_reasons"]["value"]),
            ["The network type cn2 is not offered for origin Japan; offered: normal."]
        );
        assert!(strings(&outputs["creatable_reasons"]["value"]).is_empty());

        if runs_postconditions(tf) {
            let ws = emulator_workspace(tf, POSTCONDITION_REASONS_TF, &emulator);
            let out = ws.run(&["plan", "-input=false"]).failure();
            let shown = out.shown().split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                shown.contains("GAAP cannot create this connection: The bandwidth 2000 Mbps is above the largest offered"),
                "the postcondition's message should print the reasons\n{}",
                out.describe()
            );
        }
    });
}

#[test]
fn explain_false_leaves_reasons_empty_and_reads_no_catalogue() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        emulator.reset();
        let ws = emulator_workspace(tf, EXPLAIN_TF, &emulator);
        let (out, shown) = plan_and_show(&ws, &["-var", "explain=false"]);
        let outputs = shown
            .pointer("/planned_values/outputs")
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            outputs["too_big_flag"]["value"],
            Value::from(0),
            "{}",
            out.describe()
        );
        for name in [
            "too_big_reasons",
            "too_big_suggestions",
            "not_offered_reasons",
        ] {
            assert_eq!(outputs[name]["value"], serde_json::json!([]), "{name}");
        }
        let stats = emulator.stats();
        assert_eq!(
            stats.total(ACCESS_REGIONS),
            0,
            "no catalogue call: {stats:?}"
        );
        assert_eq!(stats.total("DescribeDestRegions"), 0, "{stats:?}");
        assert_eq!(stats.count("CheckProxyCreate", "ok"), 4, "{stats:?}");
    });
}

#[test]
fn many_checks_read_the_catalogue_once_per_origin() {
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        emulator.reset();
        let mut ws = emulator_workspace(tf, MANY_EXPLAINED_TF, &emulator);
        ws.timeout(Duration::from_secs(240));
        let outputs = planned_outputs(&ws);
        let flags = outputs["flags"]["value"].as_array().unwrap();
        let counts = outputs["reason_counts"]["value"].as_array().unwrap();
        assert_eq!(flags.len(), 40);
        for (i, (flag, count)) in flags.iter().zip(counts).enumerate() {
            let zero = i >= 20;
            assert_eq!(flag, &Value::from(u8::from(!zero)), "check {i}");
            assert_eq!(count, &Value::from(u8::from(zero)), "reasons of check {i}");
        }
        let stats = emulator.stats();
        assert_eq!(stats.count("CheckProxyCreate", "ok"), 40, "{stats:?}");
        assert_eq!(
            stats.total(ACCESS_REGIONS),
            2,
            "one catalogue call per distinct origin (EastChina, Japan): {stats:?}"
        );
    });
}

#[test]
fn unknown_region_errors_say_did_you_mean() {
    // (data source in the fixture, attribute, error code, the name it suggests)
    let typos = [
        (
            "typo_access",
            "access_region",
            "UnknownAccessRegion",
            "SouthChina",
        ),
        (
            "typo_origin",
            "real_server_region",
            "UnknownDestRegion",
            "EastChina",
        ),
    ];
    let emulator = TestEmulator::start(Knobs::default());
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, TYPO_REGION_TF, &emulator);
        let (_, errors) = failed_plan_errors(&ws);
        for (name, attribute, code, meant) in typos {
            let line = attribute_line(TYPO_REGION_TF, name, attribute);
            let error = errors
                .iter()
                .find(|d| d.line == Some(line))
                .unwrap_or_else(|| panic!("no error on {attribute} of {name}: {errors:#?}"));
            assert!(error.text().contains(code), "{name}: {error:?}");
            assert!(
                error.text().contains(&format!("Did you mean \"{meant}\"?")),
                "{name}: {error:?}"
            );
        }
    });
}

#[test]
fn a_failing_catalogue_leaves_one_reason_and_the_check_unchanged() {
    let emulator = TestEmulator::start(Knobs {
        errors: vec![gaap_emulator::InjectedError {
            code: "UnauthorizedOperation".into(),
            message: Some("No permission for gaap:DescribeAccessRegionsByDestRegion.".into()),
            count: None,
        }],
        only_action: Some(ACCESS_REGIONS.into()),
        ..Knobs::default()
    });
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, EXPLAIN_TF, &emulator);
        let outputs = planned_outputs(&ws);
        assert_eq!(outputs["too_big_flag"]["value"], Value::from(0));
        let reasons = strings(&outputs["too_big_reasons"]["value"]);
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(
            reasons[0].starts_with("The answer could not be explained: reading GAAP's catalogue (DescribeAccessRegionsByDestRegion) failed: [UnauthorizedOperation]"),
            "{reasons:?}"
        );
        assert_eq!(
            outputs["too_big_suggestions"]["value"],
            serde_json::json!([])
        );
        assert!(strings(&outputs["creatable_reasons"]["value"]).is_empty());
    });
}
