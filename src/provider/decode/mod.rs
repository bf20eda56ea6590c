//! Configuration decoded once, into typed values.
//!
//! Each attribute is described once, by an [`AttrSpec`] (its name and validators).
//! Decoding a block runs the validators and converts each value into an [`Attr`]
//! (`Known(T)`, `Null` or `Unknown`), collecting one diagnostic per invalid value on
//! its path. Validation is "decode and return the diagnostics"; a read or `Configure`
//! decodes with the same code and then works on typed fields without checking again.
//! Environment variables are decoded by the same validators, with messages naming
//! the variable.

mod attr;
mod env;
mod from_value;
mod object;

pub use attr::{Attr, AttrSpec};
pub use env::{env_value, INVALID_ENV};
pub use from_value::FromValue;
pub use object::{decode_value, Decoded, ObjectDecoder};
