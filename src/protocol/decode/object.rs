//! Decoding the attributes of one object (a block) into [`Attr`]s.

use crate::protocol::validator::{validate, Validator, INVALID_VALUE};
use crate::protocol::{AttributePath, Diagnostics, Value};

use super::{Attr, AttrDef, BlockDef, FromValue, TypedBlock};

/// The outcome of decoding a block: the typed value when there were no errors, and
/// every diagnostic (warnings as well as errors).
#[derive(Debug, Clone)]
pub struct Decoded<T> {
    pub value: Option<T>,
    pub diagnostics: Diagnostics,
}

impl<T> Decoded<T> {
    /// `value`, kept only when `diagnostics` has no error: a value decoded with errors
    /// has placeholders where the invalid values were.
    pub fn new(value: T, diagnostics: Diagnostics) -> Self {
        let value = (!diagnostics.has_errors()).then_some(value);
        Decoded { value, diagnostics }
    }
}

/// Checks and converts one value. Null and unknown pass through (a collection with
/// any unknown element is unknown); otherwise the first
/// failing check (or a failed conversion) adds one error on `path` and gives `None`.
pub fn decode_value<T: FromValue>(
    diags: &mut Diagnostics,
    path: &AttributePath,
    value: &Value,
    checks: &[&dyn Validator],
) -> Option<Attr<T>> {
    match value {
        Value::Null => return Some(Attr::Null),
        Value::Unknown => return Some(Attr::Unknown),
        // A collection with an unknown element (`[var.x]` during validate) is not
        // known yet as a whole: its checks and its use wait until it is.
        _ if !value.is_wholly_known() => return Some(Attr::Unknown),
        _ => {}
    }
    if !validate(diags, path, value, checks) {
        return None;
    }
    match T::from_value(value) {
        Some(v) => Some(Attr::Known(v)),
        None => {
            diags.add_attribute_error(
                path.clone(),
                INVALID_VALUE,
                format!("Attribute {path} {}, got: {}", T::expected(), shown(value)),
            );
            None
        }
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => format!("{s:?}"),
        Value::Number(n) => n.to_string(),
        other => format!("{other:?}"),
    }
}

/// Decodes the attributes of one object at `base` (the root, or `assume_role[0]`),
/// adding diagnostics to a shared list.
pub struct ObjectDecoder<'a> {
    object: &'a Value,
    base: AttributePath,
    diags: &'a mut Diagnostics,
}

impl<'a> ObjectDecoder<'a> {
    pub fn new(object: &'a Value, base: AttributePath, diags: &'a mut Diagnostics) -> Self {
        ObjectDecoder {
            object,
            base,
            diags,
        }
    }

    /// The attribute's path (`bandwidth`, `assume_role[0].session_duration`).
    pub fn path(&self, name: &str) -> AttributePath {
        self.base.clone().attr(name)
    }

    /// The attribute's raw value (null when absent, as for a null object).
    pub fn raw(&self, name: &str) -> &'a Value {
        self.object.attr(name).unwrap_or(&Value::Null)
    }

    /// One attribute, or `None` when invalid (the error is reported).
    pub fn checked<T: FromValue>(&mut self, spec: &AttrDef) -> Option<Attr<T>> {
        let path = self.path(spec.name);
        let value = self.raw(spec.name);
        decode_value(self.diags, &path, value, spec.checks)
    }

    /// One attribute; an invalid one is reported and decodes as null, so use the
    /// result only when the diagnostics have no error (see [`super::Decoded`]).
    pub fn attr<T: FromValue>(&mut self, spec: &AttrDef) -> Attr<T> {
        self.checked(spec).unwrap_or(Attr::Null)
    }

    /// The first element of a nested list block (at most one): null without one,
    /// unknown when the list or the element is. Every element is decoded, so each
    /// gets its diagnostics.
    pub fn first_block<T: TypedBlock>(&mut self, block: &BlockDef) -> Attr<T> {
        let value = self.raw(block.name);
        if value.is_unknown() {
            return Attr::Unknown;
        }
        let mut first = Attr::Null;
        for (index, element) in value.as_list().unwrap_or_default().iter().enumerate() {
            let decoded = if element.is_unknown() {
                Attr::Unknown
            } else {
                let base = self.path(block.name).index(index as i64);
                Attr::Known(T::decode_fields(&mut ObjectDecoder::new(
                    element, base, self.diags,
                )))
            };
            if index == 0 {
                first = decoded;
            }
        }
        first
    }

    /// The diagnostics, for checks that span attributes.
    pub fn diagnostics(&mut self) -> &mut Diagnostics {
        self.diags
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::test_values::{n, obj, s};
    use crate::protocol::validator::test_checks::{AtLeast, OneOf};
    use crate::protocol::Severity;

    use crate::protocol::decode::Kind;

    const COUNT: AttrDef = AttrDef::optional("count", Kind::Number).checks(&[&AtLeast(1)]);
    const KIND: AttrDef = AttrDef::optional("kind", Kind::String).checks(&[&OneOf(&["a", "b"])]);

    /// (value, decoded, error detail): null, unknown, valid and invalid values.
    #[test]
    fn table() {
        type Case = (Value, Option<Attr<u64>>, Option<&'static str>);
        let cases: Vec<Case> = vec![
            (Value::Null, Some(Attr::Null), None),
            (Value::Unknown, Some(Attr::Unknown), None),
            (n("3"), Some(Attr::Known(3)), None),
            (n("3.0"), Some(Attr::Known(3)), None),
            (
                n("0"),
                None,
                Some("Attribute count value must be a whole number at least 1, got: 0"),
            ),
            (
                n("2.5"),
                None,
                Some("Attribute count value must be a whole number at least 1, got: 2.5"),
            ),
            (
                n("123456789012345678901234567890"),
                None,
                Some("Attribute count value must be a whole number between 0 and 18446744073709551615, got: 123456789012345678901234567890"),
            ),
            (
                s("3"),
                None,
                Some("Attribute count value must be a whole number at least 1, got: the string \"3\", not a number"),
            ),
        ];
        for (value, want, detail) in cases {
            let mut diags = Diagnostics::new();
            let config = obj(&[("count", value.clone())]);
            let got = ObjectDecoder::new(&config, AttributePath::default(), &mut diags)
                .checked::<u64>(&COUNT);
            assert_eq!(got, want, "{value:?}");
            let details: Vec<&str> = diags.iter().map(|d| d.detail.as_str()).collect();
            assert_eq!(details, detail.into_iter().collect::<Vec<_>>(), "{value:?}");
            for d in diags.iter() {
                assert_eq!(d.severity, Severity::Error);
                assert_eq!(d.attribute, Some(AttributePath::attribute("count")));
            }
        }
    }

    #[test]
    fn nested_paths_and_enum_summaries() {
        let block = obj(&[("kind", s("c"))]);
        let mut diags = Diagnostics::new();
        let base = AttributePath::attribute("outer").index(0);
        let got = ObjectDecoder::new(&block, base, &mut diags).attr::<String>(&KIND);
        assert_eq!(got, Attr::Null, "placeholder for an invalid value");
        let d = &diags.0[0];
        assert_eq!(d.summary, "Invalid Attribute Value Match");
        assert_eq!(
            d.detail,
            "Attribute outer[0].kind value must be one of: \"a\", \"b\", got: \"c\""
        );
        let decoded = Decoded::new(got, diags);
        assert!(decoded.value.is_none());
        let fine = Decoded::new(1, Diagnostics::new());
        assert_eq!(fine.value, Some(1));
    }

    #[test]
    fn absent_attributes_are_null() {
        let mut diags = Diagnostics::new();
        let got = ObjectDecoder::new(&Value::Null, AttributePath::default(), &mut diags)
            .attr::<u64>(&COUNT);
        assert_eq!(got, Attr::Null);
        assert!(diags.is_empty());
    }
}
