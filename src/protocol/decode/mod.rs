//! Configuration decoded once, into typed values.
//!
//! Each attribute is described once, by an [`AttrDef`] in its block's table (name,
//! type, validators, environment variable, description, secrecy, default).
//! Decoding a block runs the validators and converts each value into an [`Attr`]
//! (`Known(T)`, `Null` or `Unknown`), collecting one diagnostic per invalid value on
//! its path. Validation is "decode and return the diagnostics"; a read or `Configure`
//! decodes with the same code and then works on typed fields without checking again.
//! Environment variables are decoded by the same validators, with messages naming
//! the variable.

mod attr;
mod def;
mod env;
mod from_value;
mod object;
mod typed_block;

pub use attr::{required, Attr};
pub use def::{
    argument_names, has_attribute, object_type, same_name, schema_attributes, AttrDef, Kind, Mode,
};
pub use env::{env_value, INVALID_ENV};
pub use from_value::FromValue;
pub use object::{decode_value, Decoded, ObjectDecoder};
pub(crate) use typed_block::typed_block;
pub use typed_block::{BlockDef, TypedBlock};
