//! DynamicValue msgpack encoding (Terraform's primary wire format for values).
//!
//! SKELETON: signatures are the contract; the values work item implements them.

use super::{Type, Value};

/// Why bytes could not be decoded as a value of the expected type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DecodeError(pub String);

/// Why a value could not be encoded as the given type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EncodeError(pub String);

/// Decodes msgpack bytes as a value of type `ty`.
pub fn decode(_bytes: &[u8], _ty: &Type) -> Result<Value, DecodeError> {
    unimplemented!("skeleton")
}

/// Encodes a value of type `ty` as msgpack, the way Terraform's own encoder does.
pub fn encode(_value: &Value, _ty: &Type) -> Result<Vec<u8>, EncodeError> {
    unimplemented!("skeleton")
}
