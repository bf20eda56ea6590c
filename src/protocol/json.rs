//! DynamicValue JSON decoding (the alternative encoding; it cannot express unknowns).
//!
//! Facts relied on (terraform:docs/plugin-protocol/object-wire-format.md, go-cty
//! `cty/json` unmarshal): the same shapes as msgpack with JSON null, bool, number,
//! string, array and object; numbers may exceed float64 precision; a `dynamic`
//! value is `{"value": <v>, "type": <type JSON>}`. Like go-cty, object attributes
//! missing from the JSON are null (state written by an older schema lacks them),
//! unknown ones are an error, and primitive values are converted the way cty
//! converts them (a number or bool where a string is expected becomes its text, a
//! string where a number or bool is expected is parsed).
//!
//! Nesting depth is bounded by serde_json's recursion limit (128) while parsing.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::msgpack::{type_name, DecodeError, Path, Step};
use super::{Number, Type, Value};

/// Decodes JSON bytes as a value of type `ty`.
pub fn decode(bytes: &[u8], ty: &Type) -> Result<Value, DecodeError> {
    let json: Json = serde_json::from_slice(bytes)
        .map_err(|e| DecodeError(format!("invalid JSON value: {e}")))?;
    Decoder {
        path: Path::default(),
    }
    .value(&json, ty)
}

struct Decoder {
    path: Path,
}

impl Decoder {
    fn error(&self, message: impl std::fmt::Display) -> DecodeError {
        DecodeError(self.path.describe(message))
    }

    fn wrong_kind(&self, ty: &Type, json: &Json) -> DecodeError {
        let wanted = match ty {
            Type::List(_) | Type::Set(_) | Type::Tuple(_) => "a JSON array",
            Type::Map(_) | Type::Object(_) | Type::Dynamic => "a JSON object",
            Type::String | Type::Number | Type::Bool => "a JSON primitive",
        };
        self.error(format!(
            "a {} value ({wanted}) is required, got {}",
            type_name(ty),
            json_kind(json)
        ))
    }

    fn nested(&mut self, step: Step, json: &Json, ty: &Type) -> Result<Value, DecodeError> {
        self.path.0.push(step);
        let result = self.value(json, ty);
        self.path.0.pop();
        result
    }

    fn value(&mut self, json: &Json, ty: &Type) -> Result<Value, DecodeError> {
        if json.is_null() {
            return Ok(Value::Null);
        }
        match (ty, json) {
            (Type::Dynamic, Json::Object(fields)) => self.dynamic(fields),
            (Type::String, Json::String(s)) => Ok(Value::String(s.clone())),
            (Type::String, Json::Number(n)) => Ok(Value::String(n.to_string())),
            (Type::String, Json::Bool(b)) => Ok(Value::String(b.to_string())),
            (Type::Number, Json::Number(n)) => self.number(&n.to_string()).map(Value::Number),
            (Type::Number, Json::String(s)) => self.number(s).map(Value::Number),
            (Type::Bool, Json::Bool(b)) => Ok(Value::Bool(*b)),
            (Type::Bool, Json::String(s)) if s == "true" || s == "false" => {
                Ok(Value::Bool(s == "true"))
            }
            (Type::Bool, Json::String(s)) => Err(self.error(format!(
                "a bool is required, got the string {s:?} (allowed: true, false)"
            ))),
            (Type::List(elem), Json::Array(items)) => self.elements(items, elem).map(Value::List),
            (Type::Set(elem), Json::Array(items)) => self.elements(items, elem).map(Value::Set),
            (Type::Tuple(elems), Json::Array(items)) => self.tuple(items, elems),
            (Type::Map(elem), Json::Object(fields)) => {
                let mut map = BTreeMap::new();
                for (key, item) in fields {
                    let value = self.nested(Step::Key(key.clone()), item, elem)?;
                    map.insert(key.clone(), value);
                }
                Ok(Value::Map(map))
            }
            (Type::Object(attrs), Json::Object(fields)) => self.object(fields, attrs),
            _ => Err(self.wrong_kind(ty, json)),
        }
    }

    /// JSON number text is a subset of cty's decimal syntax; integers keep the int form.
    fn number(&self, text: &str) -> Result<Number, DecodeError> {
        if let Ok(v) = text.parse::<i64>() {
            return Ok(Number::from_i64(v));
        }
        if let Ok(v) = text.parse::<u64>() {
            return Ok(Number::from_u64(v));
        }
        Number::parse(text).ok_or_else(|| {
            self.error(format!(
                "a number is required, got {text:?} which is not a decimal number"
            ))
        })
    }

    fn elements(&mut self, items: &[Json], elem: &Type) -> Result<Vec<Value>, DecodeError> {
        items
            .iter()
            .enumerate()
            .map(|(i, item)| self.nested(Step::Index(i), item, elem))
            .collect()
    }

    fn tuple(&mut self, items: &[Json], elems: &[Type]) -> Result<Value, DecodeError> {
        if items.len() != elems.len() {
            return Err(self.error(format!(
                "a tuple of {} elements is required, got {}",
                elems.len(),
                items.len()
            )));
        }
        items
            .iter()
            .zip(elems)
            .enumerate()
            .map(|(i, (item, ty))| self.nested(Step::Index(i), item, ty))
            .collect::<Result<_, _>>()
            .map(Value::Tuple)
    }

    fn object(
        &mut self,
        fields: &serde_json::Map<String, Json>,
        attrs: &BTreeMap<String, Type>,
    ) -> Result<Value, DecodeError> {
        let mut values = BTreeMap::new();
        for (name, item) in fields {
            let Some(ty) = attrs.get(name) else {
                let known: Vec<String> = attrs.keys().map(|k| format!("{k:?}")).collect();
                return Err(self.error(format!(
                    "unsupported attribute {name:?} (this object has: {})",
                    if known.is_empty() {
                        "no attributes".into()
                    } else {
                        known.join(", ")
                    }
                )));
            };
            let value = self.nested(Step::Attr(name.clone()), item, ty)?;
            values.insert(name.clone(), value);
        }
        for name in attrs.keys() {
            values.entry(name.clone()).or_insert(Value::Null);
        }
        Ok(Value::Object(values))
    }

    /// `{"value": <v>, "type": <type JSON>}`; both keys required, no others.
    fn dynamic(&mut self, fields: &serde_json::Map<String, Json>) -> Result<Value, DecodeError> {
        if let Some(other) = fields.keys().find(|k| *k != "value" && *k != "type") {
            return Err(self.error(format!(
                "invalid key {other:?} in a dynamic value (allowed: \"value\", \"type\")"
            )));
        }
        let type_json = fields
            .get("type")
            .ok_or_else(|| self.error("a dynamic value needs a \"type\""))?;
        let ty = Type::from_json(type_json)
            .ok_or_else(|| self.error(format!("invalid type of a dynamic value: {type_json}")))?;
        let value_json = fields
            .get("value")
            .ok_or_else(|| self.error("a dynamic value needs a \"value\""))?;
        let value = self.value(value_json, &ty)?;
        Ok(Value::Dynamic(ty, Box::new(value)))
    }
}

fn json_kind(json: &Json) -> &'static str {
    match json {
        Json::Null => "null",
        Json::Bool(_) => "a bool",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
