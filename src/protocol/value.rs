//! Terraform values and types, independent of any wire encoding.
//!
//! Unknown and null are states of a value, never sentinels, and numbers keep
//! arbitrary precision (see [`Number`]).

use std::collections::BTreeMap;

use super::Number;

/// A cty type as it appears in schemas (`Schema.Attribute.type` holds its JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    String,
    Number,
    Bool,
    /// Any type; on the wire a value of this type carries its concrete type.
    Dynamic,
    List(Box<Type>),
    Set(Box<Type>),
    Map(Box<Type>),
    /// Attributes in name order, as cty orders them.
    Object(BTreeMap<String, Type>),
    Tuple(Vec<Type>),
}

impl Type {
    /// The type's JSON form (cty `Type.MarshalJSON`): `"string"`, `["list","string"]`,
    /// `["object",{"a":"number"}]`, ...
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{json, Value as J};
        match self {
            Type::String => json!("string"),
            Type::Number => json!("number"),
            Type::Bool => json!("bool"),
            Type::Dynamic => json!("dynamic"),
            Type::List(t) => json!(["list", t.to_json()]),
            Type::Set(t) => json!(["set", t.to_json()]),
            Type::Map(t) => json!(["map", t.to_json()]),
            Type::Object(attrs) => {
                let mut map = serde_json::Map::new();
                for (name, t) in attrs {
                    map.insert(name.clone(), t.to_json());
                }
                json!(["object", J::Object(map)])
            }
            Type::Tuple(elems) => {
                json!(["tuple", elems.iter().map(Type::to_json).collect::<Vec<_>>()])
            }
        }
    }

    /// Parses the JSON form produced by [`Type::to_json`] (and by Terraform).
    pub fn from_json(json: &serde_json::Value) -> Option<Type> {
        use serde_json::Value as J;
        match json {
            J::String(s) => match s.as_str() {
                "string" => Some(Type::String),
                "number" => Some(Type::Number),
                "bool" => Some(Type::Bool),
                "dynamic" => Some(Type::Dynamic),
                _ => None,
            },
            J::Array(parts) => {
                let kind = parts.first()?.as_str()?;
                let arg = parts.get(1)?;
                match kind {
                    "list" => Some(Type::List(Box::new(Type::from_json(arg)?))),
                    "set" => Some(Type::Set(Box::new(Type::from_json(arg)?))),
                    "map" => Some(Type::Map(Box::new(Type::from_json(arg)?))),
                    "object" => {
                        let mut attrs = BTreeMap::new();
                        for (name, t) in arg.as_object()? {
                            attrs.insert(name.clone(), Type::from_json(t)?);
                        }
                        Some(Type::Object(attrs))
                    }
                    "tuple" => Some(Type::Tuple(
                        arg.as_array()?
                            .iter()
                            .map(Type::from_json)
                            .collect::<Option<Vec<_>>>()?,
                    )),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// A Terraform value. Collections hold values of their element type; objects hold
/// every attribute of their type (Terraform requires all of them on the wire).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Not known yet (plan time). Refinements Terraform sends are accepted and dropped.
    Unknown,
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    List(Vec<Value>),
    Set(Vec<Value>),
    Map(BTreeMap<String, Value>),
    Object(BTreeMap<String, Value>),
    Tuple(Vec<Value>),
    /// A value at a `dynamic` position, with the concrete type it was sent with.
    Dynamic(Type, Box<Value>),
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    /// True when neither this value nor anything inside it is unknown.
    pub fn is_wholly_known(&self) -> bool {
        match self {
            Value::Unknown => false,
            Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => true,
            Value::List(items) | Value::Set(items) | Value::Tuple(items) => {
                items.iter().all(Value::is_wholly_known)
            }
            Value::Map(items) | Value::Object(items) => items.values().all(Value::is_wholly_known),
            Value::Dynamic(_, inner) => inner.is_wholly_known(),
        }
    }

    /// An object's attribute; `None` for non-objects and missing attributes.
    pub fn attr(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Object(attrs) => attrs.get(name),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) | Value::Set(items) | Value::Tuple(items) => Some(items),
            _ => None,
        }
    }
}
