//! `providers schema -json`: the provider's configuration, its blocks and every
//! data source's attributes as Terraform sees them.

use serde_json::Value;

use crate::e2e::workspace::PROVIDER_ADDRESS;
use crate::e2e::{Workspace, VALID_TF};
use crate::harness::for_each_terraform;

/// `block.attributes.<name>`, or a panic listing the names that exist.
fn attribute<'a>(block: &'a Value, name: &str, what: &str) -> &'a Value {
    block
        .pointer(&format!("/attributes/{name}"))
        .unwrap_or_else(|| {
            let names: Vec<&String> = block
                .get("attributes")
                .and_then(Value::as_object)
                .map(|m| m.keys().collect())
                .unwrap_or_default();
            panic!("{what} has no attribute {name}; it has {names:?}")
        })
}

fn flag(attr: &Value, key: &str) -> bool {
    attr.get(key).and_then(Value::as_bool).unwrap_or(false)
}

#[test]
fn schema_shows_provider_configuration_and_data_source() {
    for_each_terraform(|tf| {
        let ws = Workspace::new(tf, VALID_TF);
        let out = ws.run_traced(&["providers", "schema", "-json"]).success();
        let doc = out.json();
        let schemas = doc
            .get("provider_schemas")
            .and_then(|s| s.get(PROVIDER_ADDRESS))
            .unwrap_or_else(|| panic!("no schema for {PROVIDER_ADDRESS}\n{}", out.describe()));

        let provider = schemas
            .pointer("/provider/block")
            .unwrap_or_else(|| panic!("no provider block\n{}", out.describe()));
        for (name, ty, sensitive) in [
            ("secret_id", "string", false),
            ("secret_key", "string", true),
            ("security_token", "string", true),
            ("region", "string", false),
            ("domain", "string", false),
            ("endpoint", "string", false),
            ("profile", "string", false),
            ("shared_credentials_dir", "string", false),
            ("cam_role_name", "string", false),
            ("request_timeout", "number", false),
            ("max_retries", "number", false),
            ("rate_limit", "number", false),
            ("explain", "bool", false),
        ] {
            let attr = attribute(provider, name, "provider");
            assert_eq!(attr.get("type"), Some(&Value::from(ty)), "type of {name}");
            assert!(flag(attr, "optional"), "{name} must be optional: {attr}");
            assert!(
                !flag(attr, "required"),
                "{name} must not be required: {attr}"
            );
            assert_eq!(
                flag(attr, "sensitive"),
                sensitive,
                "sensitive flag of {name}: {attr}"
            );
        }
        let assume_role = provider
            .pointer("/block_types/assume_role")
            .unwrap_or_else(|| panic!("provider has no assume_role block: {provider}"));
        let at_most_one = match assume_role.get("nesting_mode").and_then(Value::as_str) {
            Some("single") => true,
            Some("list") | Some("set") => assume_role.get("max_items") == Some(&Value::from(1)),
            _ => false,
        };
        assert!(
            at_most_one,
            "assume_role must allow at most one block: {assume_role}"
        );
        let assume_block = &assume_role["block"];
        for name in [
            "role_arn",
            "session_name",
            "session_duration",
            "policy",
            "external_id",
        ] {
            attribute(assume_block, name, "assume_role");
        }

        let data = schemas
            .pointer("/data_source_schemas/gaap_proxy_create_check/block")
            .unwrap_or_else(|| panic!("no gaap_proxy_create_check\n{}", out.describe()));
        for (name, ty, kind) in [
            ("access_region", "string", "required"),
            ("real_server_region", "string", "required"),
            ("bandwidth", "number", "required"),
            ("concurrent", "number", "required"),
            ("group_id", "string", "optional"),
            ("ip_address_version", "string", "optional"),
            ("network_type", "string", "optional"),
            ("package_type", "string", "optional"),
            ("http3_supported", "number", "optional"),
            ("result_output_file", "string", "optional"),
            ("check_flag", "number", "computed"),
            ("request_id", "string", "computed"),
            ("id", "string", "computed"),
        ] {
            let attr = attribute(data, name, "gaap_proxy_create_check");
            assert_eq!(attr.get("type"), Some(&Value::from(ty)), "type of {name}");
            assert!(flag(attr, kind), "{name} must be {kind}: {attr}");
            if kind == "computed" {
                assert!(
                    !flag(attr, "required"),
                    "{name} must not be required: {attr}"
                );
            }
            assert_eq!(
                flag(attr, "deprecated"),
                name == "http3_supported",
                "deprecated flag of {name}: {attr}"
            );
        }
        let reasons = attribute(data, "reasons", "gaap_proxy_create_check");
        assert_eq!(reasons["type"], serde_json::json!(["list", "string"]));
        assert!(flag(reasons, "computed"));
        let suggestions = attribute(data, "suggestions", "gaap_proxy_create_check");
        assert_eq!(
            suggestions["type"],
            serde_json::json!(["list", ["object", {
                "access_region": "string", "bandwidth": "number", "concurrent": "number"
            }]])
        );
        for (data_source, computed) in [
            ("gaap_dest_regions", "regions"),
            ("gaap_access_regions", "regions"),
        ] {
            let block = schemas
                .pointer(&format!("/data_source_schemas/{data_source}/block"))
                .unwrap_or_else(|| panic!("no {data_source}\n{}", out.describe()));
            let regions = attribute(block, computed, data_source);
            assert_eq!(regions["type"][0], "list", "{regions}");
            assert_eq!(regions["type"][1][0], "object", "{regions}");
            assert_eq!(regions["type"][1][1]["supports_ipv6"], "bool", "{regions}");
        }
    });
}
