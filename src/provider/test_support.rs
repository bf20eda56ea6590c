//! Helpers for building configurations in tests.

use std::collections::BTreeMap;

use crate::protocol::decode::AttrDef;
use crate::protocol::{Block, DescriptionKind, Number, Value};
use crate::provider::data_sources::proxy_create_check::schema::ATTRIBUTES;
use crate::provider::spec;

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

/// Every top-level name of `gaap_proxy_create_check`, from its table.
pub const CHECK_NAMES: &[&str] = &names::<{ ATTRIBUTES.len() }>(ATTRIBUTES);

/// Every top-level name of the provider block: its attributes, then its blocks.
pub const PROVIDER_NAMES: &[&str] = &provider_names();

/// The names of a table with `N` entries (a `const` copy, so tests can take a slice).
const fn names<const N: usize>(table: &[AttrDef]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = table[i].name;
        i += 1;
    }
    out
}

const PROVIDER_NAME_COUNT: usize = spec::ATTRIBUTES.len() + spec::BLOCKS.len();

const fn provider_names() -> [&'static str; PROVIDER_NAME_COUNT] {
    let mut out = [""; PROVIDER_NAME_COUNT];
    let mut i = 0;
    while i < spec::ATTRIBUTES.len() {
        out[i] = spec::ATTRIBUTES[i].name;
        i += 1;
    }
    let mut j = 0;
    while j < spec::BLOCKS.len() {
        out[i + j] = spec::BLOCKS[j].name;
        j += 1;
    }
    out
}

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

/// The attribute names of a block, in schema order.
pub fn attribute_names(block: &Block) -> Vec<&str> {
    block.attributes.iter().map(|a| a.name.as_str()).collect()
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
