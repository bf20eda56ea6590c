//! A catalogue whose every nullable field is null, as the SDKs allow any answer to
//! be: the emulator replays it (a recorded catalogue) and real Terraform reads it.
//! Every region is still listed, with null where the API answered null, an entry
//! without a `RegionId` is left out with a warning, and a check answering 0 is
//! explained from what is there.

use gaap_emulator::catalogue_file::{self, CatalogueFile};
use gaap_emulator::Catalogue;
use serde_json::{json, Value};

use crate::e2e::diagnostics::from_json_lines;
use crate::e2e::emulator::TestEmulator;
use crate::harness::{
    emulator_workspace, for_each_terraform, planned_outputs, runs_postconditions, strings,
};

/// The fields a region entry keeps: without its id nothing could name it.
const KEPT: &[&str] = &["RegionId"];

/// `answer` with every field but [`KEPT`] null, in the answer and in each region
/// entry, and one more entry that has no `RegionId` at all.
fn nulled(answer: &mut Value, set: &str) {
    let entries = answer[set].as_array_mut().expect("a region list");
    for entry in entries.iter_mut() {
        for (key, value) in entry.as_object_mut().expect("an entry") {
            if !KEPT.contains(&key.as_str()) {
                *value = Value::Null;
            }
        }
    }
    entries.push(json!({ "RegionId": null, "RegionName": "no id" }));
    answer["TotalCount"] = Value::Null;
}

/// The built-in catalogue, nulled as [`nulled`] says, through the recorded-file
/// format (so the file's own checks accept it).
pub(crate) fn null_catalogue() -> Catalogue {
    let built_in = CatalogueFile {
        endpoint: "https://gaap.tencentcloudapi.com".into(),
        recorded_at: time::OffsetDateTime::UNIX_EPOCH,
        catalogue: (*Catalogue::built_in()).clone(),
    };
    let mut file = catalogue_file::to_value(&built_in);
    for (list, set) in [
        ("dest_regions", "DestRegionSet"),
        ("access_regions", "AccessRegionSet"),
    ] {
        for recorded in file[list].as_array_mut().expect("answers") {
            nulled(&mut recorded["response"], set);
        }
    }
    catalogue_file::parse(&file.to_string())
        .expect("a valid catalogue file")
        .catalogue
}

const NULL_TF: &str = r#"
terraform {
  required_providers {
    gaap = { source = "registry.terraform.io/gaap-community/gaap" }
  }
}
provider "gaap" {}

data "gaap_dest_regions" "all" {}

data "gaap_access_regions" "from_east" {
  dest_region = "EastChina"
}

# Listed for the origin, but its lists were answered null.
data "gaap_proxy_create_check" "listed" {
  access_region      = "SouthChina"
  real_server_region = "EastChina"
  bandwidth          = 10
  concurrent         = 2
}

# Not listed for the origin (no region is offered for itself).
data "gaap_proxy_create_check" "unlisted" {
  access_region      = "EastChina"
  real_server_region = "EastChina"
  bandwidth          = 10
  concurrent         = 2
}

output "dest_regions" {
  value = data.gaap_dest_regions.all.regions
}
output "access_regions" {
  value = data.gaap_access_regions.from_east.regions
}
output "listed" {
  value = {
    flag    = data.gaap_proxy_create_check.listed.check_flag
    reasons = data.gaap_proxy_create_check.listed.reasons
  }
}
output "unlisted_reasons" {
  value = data.gaap_proxy_create_check.unlisted.reasons
}
"#;

#[test]
fn a_catalogue_of_nulls_lists_every_region_and_explains_from_what_is_there() {
    let catalogue = null_catalogue();
    let origins: Vec<String> = catalogue.origins().map(str::to_owned).collect();
    let emulator = TestEmulator::serving(catalogue);
    for_each_terraform(|tf| {
        let ws = emulator_workspace(tf, NULL_TF, &emulator);
        let out = ws
            .run(&["plan", "-input=false", "-json", "-out=tfplan"])
            .success();
        let shown = ws.run(&["show", "-json", "tfplan"]).success().json();
        let outputs = &shown["planned_values"]["outputs"];

        // Every region with an id, each field the API answered null null in state.
        let dest = outputs["dest_regions"]["value"].as_array().expect("a list");
        let mut ids: Vec<String> = dest
            .iter()
            .map(|r| r["id"].as_str().expect("an id").to_owned())
            .collect();
        ids.sort();
        let mut want = origins.clone();
        want.sort();
        assert_eq!(ids, want, "every origin, none lost to a null field");
        for region in dest {
            for (name, value) in region.as_object().expect("an object") {
                if name != "id" {
                    assert_eq!(value, &Value::Null, "{name} of {region}");
                }
            }
        }
        let access = outputs["access_regions"]["value"]
            .as_array()
            .expect("a list");
        assert!(!access.is_empty());
        for region in access {
            assert_eq!(region["bandwidths"], Value::Null, "not []: {region}");
            assert_eq!(region["supports_ipv6"], Value::Null, "not false: {region}");
        }

        // The entries without an id: one warning per listing, naming the count.
        let warnings: Vec<_> = from_json_lines(&out.stdout)
            .into_iter()
            .filter(|d| d.severity == "warning" && d.summary == "Regions Without an Id Left Out")
            .collect();
        assert_eq!(warnings.len(), 2, "{}", out.describe());
        assert!(
            warnings.iter().all(|w| w.detail.contains("had 1 of")),
            "{warnings:?}"
        );

        // A 0 explained from the fields answered, claiming nothing about the rest.
        let listed = &outputs["listed"]["value"];
        assert_eq!(listed["flag"], Value::from(0), "null lists offer nothing");
        let reasons = strings(&listed["reasons"]);
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(
            reasons[0].contains("answered null for its bandwidths (BandwidthList) and concurrencies (ConcurrentList)"),
            "{reasons:?}"
        );
        let unlisted = strings(&outputs["unlisted_reasons"]["value"]);
        assert!(
            unlisted[0].starts_with(
                "The access region EastChina is not offered for origin EastChina; offered: "
            ),
            "{unlisted:?}"
        );
    });
}

/// The Registry snippets of the catalogue data sources, with the provider block they
/// leave to the reader.
pub(crate) fn snippet(body: &str) -> String {
    format!(
        "terraform {{\n  required_providers {{\n    gaap = {{ source = \"registry.terraform.io/gaap-community/gaap\" }}\n  }}\n}}\nprovider \"gaap\" {{}}\n{body}"
    )
}

/// The shipped examples read null values through coalesce() and try(): over the
/// catalogue of nulls they plan (the guarded example stops at its own precondition,
/// not at a null), and over the built-in catalogue they still find what it offers.
#[test]
fn the_examples_plan_over_null_answers() {
    let dest = snippet(include_str!(
        "../../examples/data-sources/gaap_dest_regions/data-source.tf"
    ));
    let access = snippet(include_str!(
        "../../examples/data-sources/gaap_access_regions/data-source.tf"
    ));
    let nearest = include_str!("../../examples/nearest-access-region/main.tf");
    let nulls = TestEmulator::serving(null_catalogue());
    let built_in = TestEmulator::serving((*Catalogue::built_in()).clone());
    for_each_terraform(|tf| {
        for (emulator, all_null) in [(&nulls, true), (&built_in, false)] {
            for config in [&dest, &access] {
                let ws = emulator_workspace(tf, config, emulator);
                let outputs = planned_outputs(&ws);
                for (name, output) in outputs.as_object().expect("outputs") {
                    let value = &output["value"];
                    let empty = match value {
                        Value::Array(items) => items.is_empty(),
                        Value::Object(m) => m.values().all(Value::is_null),
                        other => panic!("{name}: {other}"),
                    };
                    assert_eq!(empty, all_null, "{name} = {value}");
                }
            }
        }
        if runs_postconditions(tf) {
            let ws = emulator_workspace(tf, nearest, &nulls);
            let out = ws.run(&["plan", "-input=false"]).failure();
            assert!(
                out.shown().contains("No access region offers"),
                "the example's own precondition, not a null error\n{}",
                out.describe()
            );
        }
    });
}
