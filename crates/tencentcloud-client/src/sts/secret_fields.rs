//! Serde for the [`Sensitive`] fields of the STS bodies: the wire carries the value
//! itself; the wrapper only keeps it out of Debug output. (`sensitive` has no
//! dependencies, so it brings no serde impls of its own.)

use sensitive::Sensitive;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `serialize_with` for a `Sensitive<T>` field.
pub(crate) fn expose<T: Serialize, S: Serializer>(
    value: &Sensitive<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.expose().serialize(serializer)
}

/// `serialize_with` for an `Option<Sensitive<T>>` field.
pub(crate) fn expose_option<T: Serialize, S: Serializer>(
    value: &Option<Sensitive<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.as_ref().map(Sensitive::expose).serialize(serializer)
}

/// `deserialize_with` for a `Sensitive<T>` field.
pub(crate) fn conceal<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Sensitive<T>, D::Error> {
    T::deserialize(deserializer).map(Sensitive::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, Deserialize)]
    struct Body {
        #[serde(serialize_with = "expose", deserialize_with = "conceal")]
        key: Sensitive<String>,
        #[serde(
            serialize_with = "expose_option",
            skip_serializing_if = "Option::is_none"
        )]
        #[serde(skip_deserializing)]
        code: Option<Sensitive<String>>,
    }

    #[test]
    fn the_wire_has_the_values_debug_does_not() {
        let body = Body {
            key: Sensitive::new("k-secret".into()),
            code: Some(Sensitive::new("123456".into())),
        };
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(json, r#"{"key":"k-secret","code":"123456"}"#);
        let none = Body { code: None, ..body };
        assert_eq!(
            serde_json::to_string(&none).unwrap(),
            r#"{"key":"k-secret"}"#
        );
        let back: Body = serde_json::from_str(r#"{"key":"k2-secret"}"#).unwrap();
        assert_eq!(back.key.expose(), "k2-secret");
        assert!(!format!("{back:?}").contains("k2-secret"));
    }
}
