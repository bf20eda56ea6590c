//! Finding the unknown parts of a configuration, to say which values a check is
//! waiting for (provider configuration may be unknown during plan).

use crate::protocol::{AttributePath, Value};

/// Paths of every unknown value inside `value`, in attribute order
/// (`secret_key`, `assume_role[0].role_arn`). An unknown collection is reported
/// once, not element by element.
pub fn unknown_paths(value: &Value) -> Vec<AttributePath> {
    let mut found = Vec::new();
    walk(value, AttributePath::default(), &mut found);
    found
}

fn walk(value: &Value, path: AttributePath, found: &mut Vec<AttributePath>) {
    match value {
        Value::Unknown => found.push(path),
        Value::Object(attrs) => {
            for (name, v) in attrs {
                walk(v, path.clone().attr(name), found);
            }
        }
        // A set's elements have no position to name: a set with an unknown element is
        // reported as the set.
        Value::Set(items) if !items.iter().all(Value::is_wholly_known) => found.push(path),
        Value::List(items) | Value::Tuple(items) | Value::Set(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, path.clone().index(i as i64), found);
            }
        }
        Value::Map(items) => {
            for (key, v) in items {
                let mut p = path.clone();
                p.0.push(crate::protocol::diagnostics::PathStep::ElementKeyString(
                    key.clone(),
                ));
                walk(v, p, found);
            }
        }
        Value::Dynamic(_, inner) => walk(inner, path, found),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

/// `a`, `b` and `c`: paths joined for a sentence.
pub fn join_paths(paths: &[AttributePath]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn obj(pairs: &[(&str, Value)]) -> Value {
        Value::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect::<BTreeMap<_, _>>(),
        )
    }

    #[test]
    fn finds_nested_unknowns_in_order() {
        let config = obj(&[
            ("secret_key", Value::Unknown),
            ("region", Value::String("x".into())),
            (
                "assume_role",
                Value::List(vec![obj(&[
                    ("role_arn", Value::Unknown),
                    ("policy", Value::Null),
                ])]),
            ),
        ]);
        let paths = unknown_paths(&config);
        assert_eq!(join_paths(&paths), "assume_role[0].role_arn and secret_key");
    }

    #[test]
    fn known_config_has_none() {
        let config = obj(&[("region", Value::Null), ("x", Value::String("y".into()))]);
        assert!(unknown_paths(&config).is_empty());
        assert_eq!(join_paths(&[]), "");
    }

    #[test]
    fn a_set_with_an_unknown_element_is_reported_as_the_set() {
        let config = obj(&[
            (
                "ids",
                Value::Set(vec![Value::String("1".into()), Value::Unknown]),
            ),
            ("known", Value::Set(vec![Value::String("1".into())])),
        ]);
        assert_eq!(join_paths(&unknown_paths(&config)), "ids");
    }

    #[test]
    fn unknown_block_list_is_reported_once() {
        let config = obj(&[("assume_role", Value::Unknown), ("a", Value::Unknown)]);
        assert_eq!(join_paths(&unknown_paths(&config)), "a and assume_role");
    }
}
