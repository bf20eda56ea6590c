//! A bounds-checked cursor over msgpack bytes; markers are classified by `rmp`.

use rmp::Marker;

/// Extension type Terraform uses for refined unknown values (Terraform ≥ 1.6).
pub(super) const REFINED_UNKNOWN_EXT: i8 = 12;

/// Largest refinement payload go-cty accepts; longer ones are rejected.
pub(super) const MAX_REFINEMENT_PAYLOAD: usize = 1024;

/// The header of a msgpack extension value.
pub(super) struct Ext<'a> {
    pub(super) type_code: i8,
    pub(super) payload: &'a [u8],
}

pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    pub(super) fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    pub(super) fn position(&self) -> usize {
        self.pos
    }

    pub(super) fn peek_marker(&self) -> Result<Marker, String> {
        match self.bytes.get(self.pos) {
            Some(b) => Ok(Marker::from_u8(*b)),
            None => Err(self.truncated()),
        }
    }

    pub(super) fn read_marker(&mut self) -> Result<Marker, String> {
        let marker = self.peek_marker()?;
        self.pos += 1;
        Ok(marker)
    }

    pub(super) fn take(&mut self, len: usize) -> Result<&'a [u8], String> {
        if len > self.remaining() {
            return Err(self.truncated());
        }
        let slice = &self.bytes[self.pos..self.pos + len];
        self.pos += len;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    pub(super) fn u8(&mut self) -> Result<u8, String> {
        Ok(self.array::<1>()?[0])
    }
    pub(super) fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_be_bytes(self.array()?))
    }
    pub(super) fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_be_bytes(self.array()?))
    }
    pub(super) fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_be_bytes(self.array()?))
    }

    /// Reads the length that follows a str/bin/array/map/ext marker, as `usize`.
    pub(super) fn length(&mut self, width: u8) -> Result<usize, String> {
        let len = match width {
            1 => u32::from(self.u8()?),
            2 => u32::from(self.u16()?),
            _ => self.u32()?,
        };
        // u32 always fits usize on the 32- and 64-bit targets we build for.
        usize::try_from(len).map_err(|_| format!("length {len} is too large"))
    }

    /// Bytes of a str or bin value whose marker has been read; `None` for other markers.
    pub(super) fn raw_bytes(&mut self, marker: Marker) -> Result<Option<&'a [u8]>, String> {
        let len = match marker {
            Marker::FixStr(n) => usize::from(n),
            Marker::Str8 | Marker::Bin8 => self.length(1)?,
            Marker::Str16 | Marker::Bin16 => self.length(2)?,
            Marker::Str32 | Marker::Bin32 => self.length(4)?,
            _ => return Ok(None),
        };
        self.take(len).map(Some)
    }

    /// Element count of an array whose marker has been read; `None` for other markers.
    pub(super) fn array_len(&mut self, marker: Marker) -> Result<Option<usize>, String> {
        Ok(Some(match marker {
            Marker::FixArray(n) => usize::from(n),
            Marker::Array16 => self.length(2)?,
            Marker::Array32 => self.length(4)?,
            _ => return Ok(None),
        }))
    }

    /// Entry count of a map whose marker has been read; `None` for other markers.
    pub(super) fn map_len(&mut self, marker: Marker) -> Result<Option<usize>, String> {
        Ok(Some(match marker {
            Marker::FixMap(n) => usize::from(n),
            Marker::Map16 => self.length(2)?,
            Marker::Map32 => self.length(4)?,
            _ => return Ok(None),
        }))
    }

    /// An extension value whose marker has been read; `None` for other markers.
    pub(super) fn ext(&mut self, marker: Marker) -> Result<Option<Ext<'a>>, String> {
        let len = match marker {
            Marker::FixExt1 => 1,
            Marker::FixExt2 => 2,
            Marker::FixExt4 => 4,
            Marker::FixExt8 => 8,
            Marker::FixExt16 => 16,
            Marker::Ext8 => self.length(1)?,
            Marker::Ext16 => self.length(2)?,
            Marker::Ext32 => self.length(4)?,
            _ => return Ok(None),
        };
        let type_code = self.u8()? as i8;
        let payload = self.take(len)?;
        Ok(Some(Ext { type_code, payload }))
    }

    /// Reads an integer as `(negative, magnitude)`; `None` for non-integer markers.
    pub(super) fn integer(&mut self, marker: Marker) -> Result<Option<Integer>, String> {
        Ok(Some(match marker {
            Marker::FixPos(n) => Integer::Unsigned(u64::from(n)),
            Marker::FixNeg(n) => Integer::Signed(i64::from(n)),
            Marker::U8 => Integer::Unsigned(u64::from(self.u8()?)),
            Marker::U16 => Integer::Unsigned(u64::from(self.u16()?)),
            Marker::U32 => Integer::Unsigned(u64::from(self.u32()?)),
            Marker::U64 => Integer::Unsigned(self.u64()?),
            Marker::I8 => Integer::Signed(i64::from(self.u8()? as i8)),
            Marker::I16 => Integer::Signed(i64::from(self.u16()? as i16)),
            Marker::I32 => Integer::Signed(i64::from(self.u32()? as i32)),
            Marker::I64 => Integer::Signed(self.u64()? as i64),
            _ => return Ok(None),
        }))
    }

    /// Skips one complete value of any kind, refusing to nest deeper than `depth_left`.
    pub(super) fn skip(&mut self, depth_left: usize) -> Result<(), String> {
        if depth_left == 0 {
            return Err("value is nested too deeply".into());
        }
        let marker = self.read_marker()?;
        if let Some(len) = self.array_len(marker)? {
            for _ in 0..len {
                self.skip(depth_left - 1)?;
            }
            return Ok(());
        }
        if let Some(len) = self.map_len(marker)? {
            for _ in 0..len {
                self.skip(depth_left - 1)?;
                self.skip(depth_left - 1)?;
            }
            return Ok(());
        }
        if self.raw_bytes(marker)?.is_some()
            || self.ext(marker)?.is_some()
            || self.integer(marker)?.is_some()
        {
            return Ok(());
        }
        match marker {
            Marker::Null | Marker::True | Marker::False => Ok(()),
            Marker::F32 => self.take(4).map(drop),
            Marker::F64 => self.take(8).map(drop),
            _ => Err(format!("invalid msgpack byte {}", describe(marker))),
        }
    }

    fn truncated(&self) -> String {
        format!(
            "msgpack input ends unexpectedly after {} bytes (truncated value)",
            self.bytes.len()
        )
    }
}

/// A msgpack integer as read: unsigned markers may exceed `i64::MAX`.
pub(super) enum Integer {
    Signed(i64),
    Unsigned(u64),
}

/// What a marker introduces, for error messages ("got an array").
pub(super) fn describe(marker: Marker) -> String {
    match marker {
        Marker::Null => "null".into(),
        Marker::True | Marker::False => "a bool".into(),
        Marker::FixPos(_)
        | Marker::FixNeg(_)
        | Marker::U8
        | Marker::U16
        | Marker::U32
        | Marker::U64
        | Marker::I8
        | Marker::I16
        | Marker::I32
        | Marker::I64 => "an integer".into(),
        Marker::F32 | Marker::F64 => "a float".into(),
        Marker::FixStr(_) | Marker::Str8 | Marker::Str16 | Marker::Str32 => "a string".into(),
        Marker::Bin8 | Marker::Bin16 | Marker::Bin32 => "binary data".into(),
        Marker::FixArray(_) | Marker::Array16 | Marker::Array32 => "an array".into(),
        Marker::FixMap(_) | Marker::Map16 | Marker::Map32 => "a map".into(),
        Marker::FixExt1
        | Marker::FixExt2
        | Marker::FixExt4
        | Marker::FixExt8
        | Marker::FixExt16
        | Marker::Ext8
        | Marker::Ext16
        | Marker::Ext32 => "an extension (unknown value)".into(),
        Marker::Reserved => "the reserved byte 0xc1".into(),
    }
}
