//! msgpack → [`Value`], driven by the expected [`Type`] like go-cty's `Unmarshal`.

use std::collections::BTreeMap;

use rmp::Marker;

use super::reader::{describe, Integer, Reader, MAX_REFINEMENT_PAYLOAD, REFINED_UNKNOWN_EXT};
use super::{DecodeError, Path, Step, MAX_DEPTH};
use crate::protocol::{Number, Type, Value};

pub(super) fn decode(bytes: &[u8], ty: &Type) -> Result<Value, DecodeError> {
    let mut decoder = Decoder {
        reader: Reader::new(bytes),
        path: Path::default(),
        depth: 0,
    };
    let value = decoder.value(ty)?;
    let trailing = decoder.reader.remaining();
    if trailing > 0 {
        return Err(DecodeError(format!(
            "{trailing} unexpected trailing bytes after the msgpack value (it ends at byte {})",
            decoder.reader.position()
        )));
    }
    Ok(value)
}

struct Decoder<'a> {
    reader: Reader<'a>,
    path: Path,
    /// Levels entered so far (collections, objects and dynamic wrappers).
    depth: usize,
}

impl Decoder<'_> {
    fn error(&self, message: impl std::fmt::Display) -> DecodeError {
        DecodeError(self.path.describe(message))
    }

    fn wrong_kind(&self, wanted: &str, marker: Marker) -> DecodeError {
        self.error(format!("{wanted} is required, got {}", describe(marker)))
    }

    fn read_marker(&mut self) -> Result<Marker, DecodeError> {
        self.reader.read_marker().map_err(|e| self.error(e))
    }

    /// Runs `f` one level deeper (at `step`, if any, for error messages).
    fn nested<T>(
        &mut self,
        step: Option<Step>,
        f: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(format!("value is nested more than {MAX_DEPTH} levels deep")));
        }
        self.depth += 1;
        let pushed = step.is_some();
        if let Some(step) = step {
            self.path.0.push(step);
        }
        let result = f(self);
        if pushed {
            self.path.0.pop();
        }
        self.depth -= 1;
        result
    }

    fn value(&mut self, ty: &Type) -> Result<Value, DecodeError> {
        let marker = self.reader.peek_marker().map_err(|e| self.error(e))?;
        if is_ext(marker) {
            self.unknown()?;
            return Ok(Value::Unknown);
        }
        if *ty == Type::Dynamic {
            return self.dynamic();
        }
        if marker == Marker::Null {
            self.read_marker()?;
            return Ok(Value::Null);
        }
        match ty {
            Type::String => self.string().map(Value::String),
            Type::Bool => match self.read_marker()? {
                Marker::True => Ok(Value::Bool(true)),
                Marker::False => Ok(Value::Bool(false)),
                other => Err(self.wrong_kind("a bool", other)),
            },
            Type::Number => self.number().map(Value::Number),
            Type::List(elem) => self.elements(elem, "a list").map(Value::List),
            Type::Set(elem) => self.elements(elem, "a set").map(Value::Set),
            Type::Tuple(elems) => self.tuple(elems).map(Value::Tuple),
            Type::Map(elem) => self.map(elem).map(Value::Map),
            Type::Object(attrs) => self.object(attrs).map(Value::Object),
            Type::Dynamic => self.dynamic(),
        }
    }

    /// Any extension is an unknown value. A payload of at most one byte is ignored
    /// whatever the type code (Terraform writes `d4 00 00`); a longer one must be a
    /// type-12 refinement map (integer keys; we check its shape, then drop it),
    /// as go-cty requires.
    fn unknown(&mut self) -> Result<(), DecodeError> {
        let marker = self.read_marker()?;
        let ext = match self.reader.ext(marker).map_err(|e| self.error(e))? {
            Some(ext) => ext,
            None => return Err(self.wrong_kind("an extension", marker)),
        };
        if ext.payload.len() <= 1 {
            return Ok(());
        }
        if ext.type_code != REFINED_UNKNOWN_EXT {
            return Err(self.error(format!(
                "unsupported msgpack extension type {} with a {}-byte payload \
                 (unknown values use type 0, or type {REFINED_UNKNOWN_EXT} with refinements)",
                ext.type_code,
                ext.payload.len()
            )));
        }
        if ext.payload.len() > MAX_REFINEMENT_PAYLOAD {
            return Err(self.error(format!(
                "unknown value refinements are {} bytes long, at most {MAX_REFINEMENT_PAYLOAD} are allowed",
                ext.payload.len()
            )));
        }
        check_refinements(ext.payload)
            .map_err(|e| self.error(format!("invalid unknown value refinements: {e}")))
    }

    /// `[type JSON (bin or str), value]`, or nil for a null of unknown type.
    fn dynamic(&mut self) -> Result<Value, DecodeError> {
        let marker = self.read_marker()?;
        if marker == Marker::Null {
            return Ok(Value::Null);
        }
        match self.reader.array_len(marker).map_err(|e| self.error(e))? {
            Some(2) => {}
            Some(n) => {
                return Err(self.error(format!(
                    "a dynamic value must be a 2-element array [type, value], got {n} elements"
                )))
            }
            None => return Err(self.wrong_kind("a dynamic value [type, value]", marker)),
        }
        let marker = self.read_marker()?;
        let type_json = match self.reader.raw_bytes(marker).map_err(|e| self.error(e))? {
            Some(bytes) => bytes,
            None => return Err(self.wrong_kind("the type JSON of a dynamic value", marker)),
        };
        let ty = serde_json::from_slice(type_json)
            .ok()
            .and_then(|json| Type::from_json(&json))
            .ok_or_else(|| {
                self.error(format!(
                    "invalid type of a dynamic value: {}",
                    String::from_utf8_lossy(type_json)
                ))
            })?;
        // The wrapper counts as a level so dynamic-in-dynamic chains stay bounded.
        let value = self.nested(None, |d| d.value(&ty))?;
        Ok(Value::Dynamic(ty, Box::new(value)))
    }

    fn string(&mut self) -> Result<String, DecodeError> {
        let marker = self.read_marker()?;
        // go-cty's decoder also takes bin for strings; so do we, if it is UTF-8.
        match self.reader.raw_bytes(marker).map_err(|e| self.error(e))? {
            Some(bytes) => String::from_utf8(bytes.to_vec())
                .map_err(|_| self.error("a string is required, got bytes that are not UTF-8")),
            None => Err(self.wrong_kind("a string", marker)),
        }
    }

    fn number(&mut self) -> Result<Number, DecodeError> {
        let marker = self.read_marker()?;
        match self.reader.integer(marker).map_err(|e| self.error(e))? {
            Some(Integer::Signed(v)) => return Ok(Number::from_i64(v)),
            Some(Integer::Unsigned(v)) => return Ok(Number::from_u64(v)),
            None => {}
        }
        let float = match marker {
            Marker::F32 => f64::from(f32::from_bits(
                self.reader.u32().map_err(|e| self.error(e))?,
            )),
            Marker::F64 => f64::from_bits(self.reader.u64().map_err(|e| self.error(e))?),
            _ => {
                let text = match self.reader.raw_bytes(marker).map_err(|e| self.error(e))? {
                    Some(bytes) => String::from_utf8_lossy(bytes).into_owned(),
                    None => return Err(self.wrong_kind("a number", marker)),
                };
                return Number::parse(&text).ok_or_else(|| {
                    self.error(format!(
                        "a number is required, got the string {text:?} which is not a decimal number"
                    ))
                });
            }
        };
        Number::from_f64(float)
            .ok_or_else(|| self.error("a number is required, got NaN (Terraform has no NaN)"))
    }

    fn elements(&mut self, elem: &Type, wanted: &str) -> Result<Vec<Value>, DecodeError> {
        let marker = self.read_marker()?;
        let len = match self.reader.array_len(marker).map_err(|e| self.error(e))? {
            Some(len) => len,
            None => return Err(self.wrong_kind(wanted, marker)),
        };
        let mut items = Vec::with_capacity(initial_capacity(len, self.reader.remaining()));
        for i in 0..len {
            items.push(self.nested(Some(Step::Index(i)), |d| d.value(elem))?);
        }
        Ok(items)
    }

    fn tuple(&mut self, elems: &[Type]) -> Result<Vec<Value>, DecodeError> {
        let marker = self.read_marker()?;
        match self.reader.array_len(marker).map_err(|e| self.error(e))? {
            Some(len) if len == elems.len() => {}
            Some(len) => {
                return Err(self.error(format!(
                    "a tuple of {} elements is required, got {len}",
                    elems.len()
                )))
            }
            None => return Err(self.wrong_kind("a tuple", marker)),
        }
        let mut items = Vec::with_capacity(elems.len());
        for (i, ty) in elems.iter().enumerate() {
            items.push(self.nested(Some(Step::Index(i)), |d| d.value(ty))?);
        }
        Ok(items)
    }

    fn map_header(&mut self, wanted: &str) -> Result<usize, DecodeError> {
        let marker = self.read_marker()?;
        match self.reader.map_len(marker).map_err(|e| self.error(e))? {
            Some(len) => Ok(len),
            None => Err(self.wrong_kind(wanted, marker)),
        }
    }

    fn key(&mut self, what: &str) -> Result<String, DecodeError> {
        let marker = self.reader.peek_marker().map_err(|e| self.error(e))?;
        if !is_str(marker) {
            return Err(self.wrong_kind(&format!("a string {what}"), marker));
        }
        self.string()
    }

    fn map(&mut self, elem: &Type) -> Result<BTreeMap<String, Value>, DecodeError> {
        let len = self.map_header("a map")?;
        let mut items = BTreeMap::new();
        for _ in 0..len {
            let key = self.key("map key")?;
            let value = self.nested(Some(Step::Key(key.clone())), |d| d.value(elem))?;
            if items.insert(key.clone(), value).is_some() {
                return Err(self.error(format!("duplicate map key {key:?}")));
            }
        }
        Ok(items)
    }

    /// Every attribute must be present exactly once, and no others.
    fn object(
        &mut self,
        attrs: &BTreeMap<String, Type>,
    ) -> Result<BTreeMap<String, Value>, DecodeError> {
        let len = self.map_header("an object")?;
        let mut values = BTreeMap::new();
        for _ in 0..len {
            let name = self.key("attribute name")?;
            let Some(ty) = attrs.get(&name) else {
                return Err(self.error(format!(
                    "unsupported attribute {name:?} (this object has: {})",
                    quoted_list(attrs.keys())
                )));
            };
            let value = self.nested(Some(Step::Attr(name.clone())), |d| d.value(ty))?;
            if values.insert(name.clone(), value).is_some() {
                return Err(self.error(format!("attribute {name:?} is given more than once")));
            }
        }
        let missing: Vec<&String> = attrs.keys().filter(|k| !values.contains_key(*k)).collect();
        if !missing.is_empty() {
            return Err(self.error(format!(
                "missing attribute {}: an object with {} attributes is required ({len} given)",
                quoted_list(missing),
                attrs.len()
            )));
        }
        Ok(values)
    }
}

/// Most elements a collection reserves room for before any is decoded.
///
/// The count comes from the message, and each element may take a single byte of
/// input yet a whole `Value` (tens of bytes) in memory: reserving by the count, even
/// bounded by the bytes left, let a 256 MiB message ask for ~13 GB at once and abort
/// the process. Beyond this the vector grows as elements actually decode (amortised
/// doubling), so memory follows the data, not the header.
pub(super) const MAX_INITIAL_CAPACITY: usize = 1024;

/// The capacity to reserve for a collection of `len` elements with `remaining`
/// bytes of input left: never more than either, nor [`MAX_INITIAL_CAPACITY`].
pub(super) fn initial_capacity(len: usize, remaining: usize) -> usize {
    len.min(remaining).min(MAX_INITIAL_CAPACITY)
}

/// A refinement payload is one msgpack map with integer keys and well-formed values.
fn check_refinements(payload: &[u8]) -> Result<(), String> {
    let mut reader = Reader::new(payload);
    let marker = reader.read_marker()?;
    let Some(len) = reader.map_len(marker)? else {
        return Err(format!("a map is required, got {}", describe(marker)));
    };
    for _ in 0..len {
        let marker = reader.read_marker()?;
        if reader.integer(marker)?.is_none() {
            return Err(format!("keys must be integers, got {}", describe(marker)));
        }
        reader.skip(MAX_DEPTH)?;
    }
    match reader.remaining() {
        0 => Ok(()),
        n => Err(format!("{n} unexpected bytes after the refinement map")),
    }
}

fn quoted_list<'s>(names: impl IntoIterator<Item = &'s String>) -> String {
    let quoted: Vec<String> = names.into_iter().map(|n| format!("{n:?}")).collect();
    if quoted.is_empty() {
        "no attributes".into()
    } else {
        quoted.join(", ")
    }
}

fn is_ext(marker: Marker) -> bool {
    matches!(
        marker,
        Marker::FixExt1
            | Marker::FixExt2
            | Marker::FixExt4
            | Marker::FixExt8
            | Marker::FixExt16
            | Marker::Ext8
            | Marker::Ext16
            | Marker::Ext32
    )
}

fn is_str(marker: Marker) -> bool {
    matches!(
        marker,
        Marker::FixStr(_) | Marker::Str8 | Marker::Str16 | Marker::Str32
    )
}
