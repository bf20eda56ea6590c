//! Helpers for building configurations in tests.

use std::collections::BTreeMap;

use crate::protocol::{Block, DescriptionKind, Number, Value};

pub fn s(v: &str) -> Value {
    Value::String(v.to_owned())
}

/// A number parsed from its decimal text (`"1.5"`, `"10"`).
pub fn n(text: &str) -> Value {
    Value::Number(Number::parse(text).unwrap_or_else(|| panic!("bad number {text}")))
}

pub fn obj(pairs: &[(&str, Value)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect::<BTreeMap<_, _>>(),
    )
}

/// A full object for `schema_names`, null everywhere except `set`.
pub fn config(schema_names: &[&str], set: &[(&str, Value)]) -> Value {
    let mut attrs: BTreeMap<String, Value> = schema_names
        .iter()
        .map(|k| ((*k).to_owned(), Value::Null))
        .collect();
    for (k, v) in set {
        attrs.insert((*k).to_owned(), v.clone());
    }
    Value::Object(attrs)
}

/// Every top-level name of the data source.
pub const CHECK_NAMES: &[&str] = &[
    "access_region",
    "real_server_region",
    "bandwidth",
    "concurrent",
    "group_id",
    "ip_address_version",
    "network_type",
    "package_type",
    "http3_supported",
    "result_output_file",
    "check_flag",
    "request_id",
    "reasons",
    "suggestions",
    "id",
];

/// Every top-level name of the provider block.
pub const PROVIDER_NAMES: &[&str] = &[
    "secret_id",
    "secret_key",
    "security_token",
    "region",
    "domain",
    "endpoint",
    "profile",
    "shared_credentials_dir",
    "cam_role_name",
    "request_timeout",
    "max_retries",
    "rate_limit",
    "protocol",
    "cos_domain",
    "enable_pod_oidc",
    "allowed_account_ids",
    "forbidden_account_ids",
    "explain",
    "assume_role",
    "assume_role_with_saml",
    "assume_role_with_web_identity",
    "mfa_certification",
];

/// A valid data source configuration with the required arguments.
pub fn minimal_check(extra: &[(&str, Value)]) -> Value {
    let mut set = vec![
        ("access_region", s("SouthChina")),
        ("real_server_region", s("EastChina")),
        ("bandwidth", n("10")),
        ("concurrent", n("2")),
    ];
    set.extend(extra.iter().cloned());
    config(CHECK_NAMES, &set)
}

/// Every attribute has one mode, a description, markdown; nested blocks too.
pub fn assert_well_formed(block: &Block, path: &str) {
    assert!(!block.description.is_empty(), "{path}: block description");
    for a in &block.attributes {
        let modes = [
            a.required,
            a.optional && !a.computed,
            a.computed && !a.optional,
        ];
        assert_eq!(
            modes.iter().filter(|m| **m).count(),
            1,
            "{path}.{}: exactly one of required/optional/computed",
            a.name
        );
        assert!(
            !(a.required && (a.optional || a.computed)),
            "{path}.{}",
            a.name
        );
        assert!(
            !a.description.trim().is_empty(),
            "{path}.{}: description",
            a.name
        );
        assert_eq!(a.description_kind, DescriptionKind::Markdown);
    }
    for b in &block.block_types {
        assert_well_formed(&b.block, &format!("{path}.{}", b.type_name));
    }
}
