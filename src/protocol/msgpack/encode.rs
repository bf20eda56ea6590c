//! [`Value`] → msgpack, byte for byte as go-cty's `Marshal` (compact ints, float64).

use std::collections::BTreeMap;

use rmp::encode as rmpe;

use super::{type_name, EncodeError, Path, Step};
use crate::protocol::number::WireNumber;
use crate::protocol::{Type, Value};

/// go-cty's unrefined unknown: fixext1, extension type 0, one zero byte.
pub(super) const UNKNOWN_BYTES: [u8; 3] = [0xd4, 0x00, 0x00];

pub(super) fn encode(value: &Value, ty: &Type) -> Result<Vec<u8>, EncodeError> {
    let mut encoder = Encoder {
        out: Vec::new(),
        path: Path::default(),
    };
    encoder.value(value, ty)?;
    Ok(encoder.out)
}

struct Encoder {
    out: Vec<u8>,
    path: Path,
}

/// Writing into a `Vec` cannot fail; this keeps the `?`s honest anyway.
fn write_failed<E: std::fmt::Display>(e: E) -> EncodeError {
    EncodeError(format!("msgpack write failed: {e}"))
}

impl Encoder {
    fn error(&self, message: impl std::fmt::Display) -> EncodeError {
        EncodeError(self.path.describe(message))
    }

    fn mismatch(&self, ty: &Type, value: &Value) -> EncodeError {
        self.error(format!(
            "a {} value is required, got {}",
            type_name(ty),
            value_kind(value)
        ))
    }

    fn nested(&mut self, step: Step, value: &Value, ty: &Type) -> Result<(), EncodeError> {
        self.path.0.push(step);
        let result = self.value(value, ty);
        self.path.0.pop();
        result
    }

    fn len(&self, len: usize) -> Result<u32, EncodeError> {
        u32::try_from(len)
            .map_err(|_| self.error(format!("{len} elements are too many for msgpack")))
    }

    fn array_header(&mut self, len: usize) -> Result<(), EncodeError> {
        let len = self.len(len)?;
        rmpe::write_array_len(&mut self.out, len)
            .map(drop)
            .map_err(write_failed)
    }

    fn map_header(&mut self, len: usize) -> Result<(), EncodeError> {
        let len = self.len(len)?;
        rmpe::write_map_len(&mut self.out, len)
            .map(drop)
            .map_err(write_failed)
    }

    fn value(&mut self, value: &Value, ty: &Type) -> Result<(), EncodeError> {
        match (value, ty) {
            (Value::Unknown, _) => {
                self.out.extend_from_slice(&UNKNOWN_BYTES);
                Ok(())
            }
            (Value::Null, _) => rmpe::write_nil(&mut self.out).map_err(write_failed),
            (Value::Dynamic(inner_ty, inner), Type::Dynamic) => {
                let type_json = serde_json::to_vec(&inner_ty.to_json()).map_err(write_failed)?;
                self.array_header(2)?;
                let type_len = self.len(type_json.len())?;
                rmpe::write_bin_len(&mut self.out, type_len).map_err(write_failed)?;
                self.out.extend_from_slice(&type_json);
                self.value(inner, inner_ty)
            }
            (_, Type::Dynamic) => Err(self.error(format!(
                "a value of type dynamic must carry its type (Value::Dynamic), got {}",
                value_kind(value)
            ))),
            // A typed wrapper at a position of that very type is just the value.
            (Value::Dynamic(inner_ty, inner), _) if inner_ty == ty => self.value(inner, ty),
            (Value::String(s), Type::String) => {
                rmpe::write_str(&mut self.out, s).map_err(write_failed)
            }
            (Value::Bool(b), Type::Bool) => {
                rmpe::write_bool(&mut self.out, *b).map_err(write_failed)
            }
            (Value::Number(n), Type::Number) => self.number(n.wire_form()),
            (Value::List(items), Type::List(elem)) | (Value::Set(items), Type::Set(elem)) => {
                self.array_header(items.len())?;
                for (i, item) in items.iter().enumerate() {
                    self.nested(Step::Index(i), item, elem)?;
                }
                Ok(())
            }
            (Value::Tuple(items), Type::Tuple(elems)) => {
                if items.len() != elems.len() {
                    return Err(self.error(format!(
                        "a tuple of {} elements is required, got {}",
                        elems.len(),
                        items.len()
                    )));
                }
                self.array_header(items.len())?;
                for (i, (item, elem)) in items.iter().zip(elems).enumerate() {
                    self.nested(Step::Index(i), item, elem)?;
                }
                Ok(())
            }
            (Value::Map(items), Type::Map(elem)) => {
                self.map_header(items.len())?;
                for (key, item) in items {
                    rmpe::write_str(&mut self.out, key).map_err(write_failed)?;
                    self.nested(Step::Key(key.clone()), item, elem)?;
                }
                Ok(())
            }
            (Value::Object(attrs), Type::Object(attr_types)) => self.object(attrs, attr_types),
            _ => Err(self.mismatch(ty, value)),
        }
    }

    /// Attributes in sorted order (the type's `BTreeMap` order, as go-cty sorts names).
    fn object(
        &mut self,
        attrs: &BTreeMap<String, Value>,
        attr_types: &BTreeMap<String, Type>,
    ) -> Result<(), EncodeError> {
        if let Some(extra) = attrs.keys().find(|k| !attr_types.contains_key(*k)) {
            return Err(self.error(format!(
                "unsupported attribute {extra:?}: the object type has no such attribute"
            )));
        }
        self.map_header(attr_types.len())?;
        for (name, ty) in attr_types {
            let Some(value) = attrs.get(name) else {
                return Err(self.error(format!(
                    "missing attribute {name:?}: every attribute must be present (use Value::Null)"
                )));
            };
            rmpe::write_str(&mut self.out, name).map_err(write_failed)?;
            self.nested(Step::Attr(name.clone()), value, ty)?;
        }
        Ok(())
    }

    fn number(&mut self, wire: WireNumber) -> Result<(), EncodeError> {
        match wire {
            // Smallest width, positive values as unsigned: vmihailenco/msgpack compact ints.
            WireNumber::Int(v) => rmpe::write_sint(&mut self.out, v)
                .map(drop)
                .map_err(write_failed),
            WireNumber::UInt(v) => rmpe::write_uint(&mut self.out, v)
                .map(drop)
                .map_err(write_failed),
            // Always float64 (cty does not use compact floats).
            WireNumber::Float(v) => rmpe::write_f64(&mut self.out, v).map_err(write_failed),
            WireNumber::Text(text) => rmpe::write_str(&mut self.out, &text).map_err(write_failed),
        }
    }
}

/// What a value is, for error messages.
fn value_kind(value: &Value) -> String {
    match value {
        Value::Unknown => "an unknown value".into(),
        Value::Null => "null".into(),
        Value::Bool(_) => "a bool".into(),
        Value::Number(_) => "a number".into(),
        Value::String(_) => "a string".into(),
        Value::List(_) => "a list".into(),
        Value::Set(_) => "a set".into(),
        Value::Map(_) => "a map".into(),
        Value::Object(_) => "an object".into(),
        Value::Tuple(_) => "a tuple".into(),
        Value::Dynamic(ty, _) => format!("a dynamic value of type {}", type_name(ty)),
    }
}
