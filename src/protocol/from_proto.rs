//! Conversions from generated tfplugin5 messages to the crate's protocol types.

use super::msgpack::DecodeError;
use super::proto;
use super::{json, msgpack, ClientCapabilities, Type, Value};

/// Decodes a `DynamicValue` as a value of type `ty` the way Terraform reads them:
/// msgpack when its bytes are non-empty, else JSON when non-empty, else null
/// (an absent message is null too).
pub(crate) fn dynamic_value(
    value: Option<&proto::DynamicValue>,
    ty: &Type,
) -> Result<Value, DecodeError> {
    match value {
        Some(v) if !v.msgpack.is_empty() => msgpack::decode(&v.msgpack, ty),
        Some(v) if !v.json.is_empty() => json::decode(&v.json, ty),
        _ => Ok(Value::Null),
    }
}

/// Absent capabilities (clients before protocol 5.6) mean "none".
pub(crate) fn client_capabilities(
    capabilities: Option<&proto::ClientCapabilities>,
) -> ClientCapabilities {
    capabilities
        .map(|c| ClientCapabilities {
            deferral_allowed: c.deferral_allowed,
            write_only_attributes_allowed: c.write_only_attributes_allowed,
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn object_type() -> Type {
        let mut attrs = BTreeMap::new();
        attrs.insert("name".to_owned(), Type::String);
        Type::Object(attrs)
    }

    #[test]
    fn empty_or_absent_value_is_null() {
        let table = [None, Some(proto::DynamicValue::default())];
        for value in table {
            assert_eq!(
                dynamic_value(value.as_ref(), &object_type()),
                Ok(Value::Null),
                "{value:?}"
            );
        }
    }

    #[test]
    fn msgpack_wins_over_json() {
        // {"name": "x"} as msgpack: fixmap(1), fixstr "name", fixstr "x".
        let value = proto::DynamicValue {
            msgpack: vec![0x81, 0xa4, b'n', b'a', b'm', b'e', 0xa1, b'x'],
            json: br#"{"name":"ignored"}"#.to_vec(),
        };
        let mut want = BTreeMap::new();
        want.insert("name".to_owned(), Value::String("x".into()));
        assert_eq!(
            dynamic_value(Some(&value), &object_type()),
            Ok(Value::Object(want))
        );
    }

    #[test]
    fn json_used_when_msgpack_empty() {
        let value = proto::DynamicValue {
            msgpack: Vec::new(),
            json: br#"{"name":"j"}"#.to_vec(),
        };
        let mut want = BTreeMap::new();
        want.insert("name".to_owned(), Value::String("j".into()));
        assert_eq!(
            dynamic_value(Some(&value), &object_type()),
            Ok(Value::Object(want))
        );
    }

    #[test]
    fn garbage_msgpack_is_an_error_not_a_panic() {
        let value = proto::DynamicValue {
            msgpack: vec![0xc1], // never used in msgpack
            json: Vec::new(),
        };
        assert!(dynamic_value(Some(&value), &object_type()).is_err());
    }

    #[test]
    fn capabilities_copy_both_flags() {
        let table = [
            (None, ClientCapabilities::default()),
            (
                Some(proto::ClientCapabilities {
                    deferral_allowed: true,
                    write_only_attributes_allowed: false,
                }),
                ClientCapabilities {
                    deferral_allowed: true,
                    write_only_attributes_allowed: false,
                },
            ),
            (
                Some(proto::ClientCapabilities {
                    deferral_allowed: false,
                    write_only_attributes_allowed: true,
                }),
                ClientCapabilities {
                    deferral_allowed: false,
                    write_only_attributes_allowed: true,
                },
            ),
        ];
        for (input, want) in table {
            assert_eq!(client_capabilities(input.as_ref()), want);
        }
    }
}
