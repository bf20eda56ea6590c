//! DynamicValue msgpack encoding (Terraform's primary wire format for values).
//!
//! Facts relied on (terraform:docs/plugin-protocol/object-wire-format.md and
//! go-cty `cty/msgpack`): null is msgpack nil; an unknown value is any msgpack
//! extension (Terraform writes `d4 00 00`, refined unknowns since Terraform 1.6 use
//! extension type 12 with a map of refinements, which we accept and drop); objects
//! and blocks are maps with exactly one entry per attribute; lists, sets and tuples
//! are arrays; maps are maps with string keys; numbers are an int, a float or a
//! decimal string; a `dynamic` value is `[type JSON as bin, value]`.

mod decode;
mod encode;
mod reader;

use std::fmt;

use super::{Type, Value};

/// Why bytes could not be decoded as a value of the expected type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DecodeError(pub String);

/// Why a value could not be encoded as the given type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EncodeError(pub String);

/// Deepest nesting of collections, objects and dynamic wrappers accepted when
/// decoding. Recursion follows the input, so this bounds stack use for hostile
/// input; real Terraform values are nowhere near this deep.
pub const MAX_DEPTH: usize = 64;

/// Decodes msgpack bytes as a value of type `ty`.
///
/// The whole input must be one value: trailing bytes are an error.
pub fn decode(bytes: &[u8], ty: &Type) -> Result<Value, DecodeError> {
    decode::decode(bytes, ty)
}

/// Encodes a value of type `ty` as msgpack, the way Terraform's own encoder does.
///
/// Unknown is `d4 00 00`, null `c0`, integers in their smallest width, non-integer
/// floats as float64, numbers neither int64 nor float64 can hold exactly as decimal
/// strings (a number keeps the form it was decoded in), object attributes in sorted
/// order. The value must match the type: every object attribute present, no extra
/// ones, tuples of the right length, `Value::Dynamic` at `dynamic` positions.
pub fn encode(value: &Value, ty: &Type) -> Result<Vec<u8>, EncodeError> {
    encode::encode(value, ty)
}

/// One step into a value, for error messages.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    Attr(String),
    Index(usize),
    Key(String),
}

/// Where in a value an error happened, shown like Terraform shows paths:
/// `network[0].name`, `tags["env"]`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Path(pub(crate) Vec<Step>);

impl Path {
    /// `message` prefixed with this path (unless it is the root).
    pub(crate) fn describe(&self, message: impl fmt::Display) -> String {
        if self.0.is_empty() {
            message.to_string()
        } else {
            format!("{self}: {message}")
        }
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Attr(name) if i == 0 => write!(f, "{name}")?,
                Step::Attr(name) => write!(f, ".{name}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
                Step::Key(key) => write!(f, "[{key:?}]")?,
            }
        }
        Ok(())
    }
}

/// A short name for a type in error messages (`string`, `list of string`, `object`).
pub(crate) fn type_name(ty: &Type) -> String {
    match ty {
        Type::String => "string".into(),
        Type::Number => "number".into(),
        Type::Bool => "bool".into(),
        Type::Dynamic => "dynamic".into(),
        Type::List(t) => format!("list of {}", type_name(t)),
        Type::Set(t) => format!("set of {}", type_name(t)),
        Type::Map(t) => format!("map of {}", type_name(t)),
        Type::Object(_) => "object".into(),
        Type::Tuple(_) => "tuple".into(),
    }
}

#[cfg(test)]
mod tests;
