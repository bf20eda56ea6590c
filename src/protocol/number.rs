//! Arbitrary-precision Terraform numbers.
//!
//! cty numbers are `big.Float`s: any finite decimal plus ±Inf, never NaN. On the
//! msgpack wire Terraform sends an integer, a float64 or, when neither is exact, a
//! decimal string (cty `msgpack.Marshal`). [`Number`] keeps whichever of those forms
//! it was built from, so a value read from Terraform is written back in the same
//! form, and compares numerically by converting to an exact decimal when the forms
//! differ (every finite `f64` has a finite decimal expansion).

use std::cmp::Ordering;
use std::fmt;

/// Largest decimal exponent (position of the leading digit) [`Number::parse`]
/// accepts. cty itself accepts larger ones, but a number like `1e999999999` would
/// render as a gigabyte of zeros; nothing a provider handles comes close to this.
pub const MAX_DECIMAL_EXPONENT: i64 = 1_000_000;

/// A Terraform number. Keeps the exact form it arrived in (msgpack int, float64, or
/// decimal string) so it can be echoed back unchanged, and never squeezes a value
/// through `f64` or `i64` silently.
///
/// Equality and ordering are numeric and exact across forms (`1` == `1.0` == `"1"`).
#[derive(Clone)]
pub struct Number {
    repr: Repr,
}

#[derive(Debug, Clone)]
enum Repr {
    Int(i64),
    /// Only for values above `i64::MAX` (smaller ones are stored as `Int`).
    UInt(u64),
    /// Never NaN; may be infinite.
    Float(f64),
    /// Parsed from decimal text; always finite.
    Decimal(Decimal),
}

/// The msgpack form a number should be written in (see [`Number::wire_form`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum WireNumber {
    Int(i64),
    UInt(u64),
    Float(f64),
    /// Plain decimal text, as cty's `bf.Text('f', -1)`.
    Text(String),
}

impl Number {
    pub fn from_i64(v: i64) -> Self {
        Number { repr: Repr::Int(v) }
    }

    pub fn from_u64(v: u64) -> Self {
        match i64::try_from(v) {
            Ok(v) => Number::from_i64(v),
            Err(_) => Number {
                repr: Repr::UInt(v),
            },
        }
    }

    /// `None` for NaN (Terraform has no NaN); infinities are allowed.
    pub fn from_f64(v: f64) -> Option<Self> {
        if v.is_nan() {
            None
        } else {
            Some(Number {
                repr: Repr::Float(v),
            })
        }
    }

    /// Parses a decimal number as cty does (`"12"`, `"-1.5"`, `"1e400"`, `"123456789012345678901234567890"`).
    ///
    /// Syntax (Go `big.ParseFloat` in base 10, used by cty `ParseNumberVal`): optional
    /// sign, then `Inf`/`inf`, or digits with an optional fraction (`1.`, `.5` are
    /// fine) and an optional `e`/`E` exponent. No spaces, underscores, hex or NaN.
    /// Exponents beyond [`MAX_DECIMAL_EXPONENT`] are rejected.
    pub fn parse(text: &str) -> Option<Self> {
        let (negative, rest) = match text.as_bytes().first()? {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        if rest == "Inf" || rest == "inf" {
            let inf = if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            };
            return Number::from_f64(inf);
        }
        let bytes = rest.as_bytes();
        let mut pos = 0;
        let int_start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() {
            pos += 1;
        }
        let int_digits = &bytes[int_start..pos];
        let mut frac_digits: &[u8] = &[];
        if pos < bytes.len() && bytes[pos] == b'.' {
            pos += 1;
            let frac_start = pos;
            while pos < bytes.len() && bytes[pos].is_ascii_digit() {
                pos += 1;
            }
            frac_digits = &bytes[frac_start..pos];
        }
        if int_digits.is_empty() && frac_digits.is_empty() {
            return None;
        }
        let mut exponent: i64 = 0;
        if pos < bytes.len() && (bytes[pos] == b'e' || bytes[pos] == b'E') {
            pos += 1;
            let exp_negative = match bytes.get(pos) {
                Some(b'-') => {
                    pos += 1;
                    true
                }
                Some(b'+') => {
                    pos += 1;
                    false
                }
                _ => false,
            };
            let exp_start = pos;
            while pos < bytes.len() && bytes[pos].is_ascii_digit() {
                // Saturate far beyond any accepted value; the range check below rejects it.
                exponent = (exponent * 10 + i64::from(bytes[pos] - b'0')).min(i64::MAX / 100);
                pos += 1;
            }
            if pos == exp_start {
                return None;
            }
            if exp_negative {
                exponent = -exponent;
            }
        }
        if pos != bytes.len() {
            return None;
        }
        let frac_len = i64::try_from(frac_digits.len()).ok()?;
        let digits = int_digits
            .iter()
            .chain(frac_digits)
            .map(|d| d - b'0')
            .collect();
        let decimal = Decimal::new(negative, digits, exponent.checked_sub(frac_len)?);
        if !decimal.is_zero() && decimal.adjusted_exponent().abs() > MAX_DECIMAL_EXPONENT {
            return None;
        }
        Some(Number {
            repr: Repr::Decimal(decimal),
        })
    }

    /// True when the value has no fractional part (and is finite).
    pub fn is_whole(&self) -> bool {
        match &self.repr {
            Repr::Int(_) | Repr::UInt(_) => true,
            Repr::Float(v) => v.is_finite() && v.fract() == 0.0,
            Repr::Decimal(d) => d.is_zero() || d.exp >= 0,
        }
    }

    /// True for `+Inf` and `-Inf`.
    pub fn is_infinite(&self) -> bool {
        matches!(self.repr, Repr::Float(v) if v.is_infinite())
    }

    /// The exact value as `u64` when it is whole and fits.
    pub fn to_u64_exact(&self) -> Option<u64> {
        match &self.repr {
            Repr::Int(v) => u64::try_from(*v).ok(),
            Repr::UInt(v) => Some(*v),
            Repr::Float(_) | Repr::Decimal(_) => {
                u64::try_from(self.exact().finite()?.to_i128_exact()?).ok()
            }
        }
    }

    /// The exact value as `i64` when it is whole and fits.
    pub fn to_i64_exact(&self) -> Option<i64> {
        match &self.repr {
            Repr::Int(v) => Some(*v),
            Repr::UInt(_) => None,
            Repr::Float(_) | Repr::Decimal(_) => {
                i64::try_from(self.exact().finite()?.to_i128_exact()?).ok()
            }
        }
    }

    /// The nearest `f64` (infinite when out of range). Lossy by design: for display
    /// or heuristics only, never for values sent back to Terraform.
    pub fn to_f64_lossy(&self) -> f64 {
        match &self.repr {
            Repr::Int(v) => *v as f64,
            Repr::UInt(v) => *v as f64,
            Repr::Float(v) => *v,
            Repr::Decimal(d) => d.to_f64_nearest(),
        }
    }

    /// Exact comparison with an integer.
    pub fn cmp_i64(&self, other: i64) -> Ordering {
        self.cmp(&Number::from_i64(other))
    }

    /// How Terraform's own encoder would write this number, keeping the form it
    /// arrived in: ints stay ints, floats stay float64; decimal text becomes an int
    /// when it is an exact int64, else a float64 when exact, else plain decimal text
    /// (cty `msgpack.Marshal`). Text Terraform sent is therefore echoed as text.
    pub(crate) fn wire_form(&self) -> WireNumber {
        match &self.repr {
            Repr::Int(v) => WireNumber::Int(*v),
            Repr::UInt(v) => WireNumber::UInt(*v),
            Repr::Float(v) => WireNumber::Float(*v),
            Repr::Decimal(d) => {
                if let Some(v) = d.to_i128_exact().and_then(|v| i64::try_from(v).ok()) {
                    return WireNumber::Int(v);
                }
                let nearest = d.to_f64_nearest();
                if nearest.is_finite() && Decimal::from_f64(nearest) == *d {
                    return WireNumber::Float(nearest);
                }
                WireNumber::Text(d.to_string())
            }
        }
    }

    fn exact(&self) -> Exact {
        match &self.repr {
            Repr::Int(v) => Exact::Finite(Decimal::from_integer(*v < 0, v.unsigned_abs())),
            Repr::UInt(v) => Exact::Finite(Decimal::from_integer(false, *v)),
            Repr::Float(v) if *v == f64::INFINITY => Exact::PosInf,
            Repr::Float(v) if *v == f64::NEG_INFINITY => Exact::NegInf,
            Repr::Float(v) => Exact::Finite(Decimal::from_f64(*v)),
            Repr::Decimal(d) => Exact::Finite(d.clone()),
        }
    }
}

impl From<i64> for Number {
    fn from(v: i64) -> Self {
        Number::from_i64(v)
    }
}

impl From<u64> for Number {
    fn from(v: u64) -> Self {
        Number::from_u64(v)
    }
}

impl PartialEq for Number {
    /// Numeric equality (`1` == `1.0` == `"1"`).
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

// No NaN exists, so numeric equality is a true equivalence.
impl Eq for Number {}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Number {
    /// Exact numeric order: `-Inf` < every finite number < `+Inf`.
    fn cmp(&self, other: &Self) -> Ordering {
        match (&self.repr, &other.repr) {
            (Repr::Int(a), Repr::Int(b)) => a.cmp(b),
            (Repr::UInt(a), Repr::UInt(b)) => a.cmp(b),
            (Repr::Int(_), Repr::UInt(_)) => Ordering::Less,
            (Repr::UInt(_), Repr::Int(_)) => Ordering::Greater,
            // Neither is NaN, so `partial_cmp` always answers (and -0 == 0).
            (Repr::Float(a), Repr::Float(b)) => a.partial_cmp(b).unwrap_or(Ordering::Equal),
            _ => self.exact().cmp(&other.exact()),
        }
    }
}

impl fmt::Display for Number {
    /// Plain decimal, as Terraform shows numbers: `10`, `1.5`, `123456789012345678901234567890`.
    ///
    /// Matches Go's `big.Float.Text('f', -1)` that cty and Terraform use: no exponent,
    /// shortest digits that identify the value, infinities as `+Inf` / `-Inf`. Zero is
    /// always `0` (no `-0`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Int(v) => write!(f, "{v}"),
            Repr::UInt(v) => write!(f, "{v}"),
            Repr::Float(v) if *v == f64::INFINITY => f.write_str("+Inf"),
            Repr::Float(v) if *v == f64::NEG_INFINITY => f.write_str("-Inf"),
            Repr::Float(v) if *v == 0.0 => f.write_str("0"),
            // Rust's f64 Display is the shortest round-trip text and never uses an exponent.
            Repr::Float(v) => write!(f, "{v}"),
            Repr::Decimal(d) => write!(f, "{d}"),
        }
    }
}

impl fmt::Debug for Number {
    /// The value and the form it is kept in: `Number(int 5)`, `Number(decimal 0.1)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let form = match self.repr {
            Repr::Int(_) => "int",
            Repr::UInt(_) => "uint",
            Repr::Float(_) => "float",
            Repr::Decimal(_) => "decimal",
        };
        write!(f, "Number({form} {self})")
    }
}

/// A number's exact value, for comparisons across forms.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Exact {
    // Variant order gives the numeric order.
    NegInf,
    Finite(Decimal),
    PosInf,
}

impl Exact {
    fn finite(self) -> Option<Decimal> {
        match self {
            Exact::Finite(d) => Some(d),
            Exact::NegInf | Exact::PosInf => None,
        }
    }
}

/// An exact finite decimal `±digits × 10^exp`, normalised: no leading or trailing
/// zero digits (trailing zeros move into `exp`), zero is empty `digits` and not negative.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    /// Digit values 0..=9, most significant first.
    digits: Vec<u8>,
    exp: i64,
}

impl Decimal {
    fn new(negative: bool, mut digits: Vec<u8>, mut exp: i64) -> Self {
        let leading = digits.iter().take_while(|d| **d == 0).count();
        digits.drain(..leading);
        while digits.last() == Some(&0) {
            digits.pop();
            exp = exp.saturating_add(1);
        }
        if digits.is_empty() {
            return Decimal {
                negative: false,
                digits,
                exp: 0,
            };
        }
        Decimal {
            negative,
            digits,
            exp,
        }
    }

    fn from_integer(negative: bool, magnitude: u64) -> Self {
        let digits = magnitude.to_string().bytes().map(|d| d - b'0').collect();
        Decimal::new(negative, digits, 0)
    }

    /// The exact decimal expansion of a finite `f64` (`m × 2^e` = `m × 5^-e × 10^e`).
    fn from_f64(v: f64) -> Self {
        let bits = v.to_bits();
        let negative = bits >> 63 == 1;
        let biased = ((bits >> 52) & 0x7ff) as i64;
        let fraction = bits & ((1u64 << 52) - 1);
        let (mut mantissa, mut exp2) = if biased == 0 {
            (fraction, -1074)
        } else {
            (fraction | (1u64 << 52), biased - 1075)
        };
        if mantissa == 0 {
            return Decimal::new(false, Vec::new(), 0);
        }
        while exp2 < 0 && mantissa % 2 == 0 {
            mantissa /= 2;
            exp2 += 1;
        }
        let mut big = BigUint::from_u64(mantissa);
        if exp2 >= 0 {
            big.mul_pow(2, 31, exp2);
            Decimal::new(negative, big.digits(), 0)
        } else {
            big.mul_pow(5, 13, -exp2);
            Decimal::new(negative, big.digits(), exp2)
        }
    }

    fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// Number of digits before the decimal point (may be zero or negative).
    fn adjusted_exponent(&self) -> i64 {
        self.digits.len() as i64 + self.exp
    }

    fn to_i128_exact(&self) -> Option<i128> {
        if self.is_zero() {
            return Some(0);
        }
        // 39 digits already exceed i128; checked arithmetic catches the rest.
        if self.exp < 0 || self.adjusted_exponent() > 39 {
            return None;
        }
        let mut value: i128 = 0;
        for d in &self.digits {
            value = value.checked_mul(10)?.checked_add(i128::from(*d))?;
        }
        for _ in 0..self.exp {
            value = value.checked_mul(10)?;
        }
        Some(if self.negative { -value } else { value })
    }

    /// Correctly rounded by Rust's float parser; infinite when out of range.
    fn to_f64_nearest(&self) -> f64 {
        if self.is_zero() {
            return 0.0;
        }
        let mut text = String::with_capacity(self.digits.len() + 24);
        if self.negative {
            text.push('-');
        }
        text.extend(self.digits.iter().map(|d| char::from(b'0' + d)));
        text.push('e');
        text.push_str(&self.exp.to_string());
        // The text is well-formed by construction; an error cannot occur.
        text.parse().unwrap_or(f64::NAN)
    }

    fn cmp_magnitude(&self, other: &Self) -> Ordering {
        match (self.is_zero(), other.is_zero()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        // With no trailing zeros, a digit string that is a prefix of the other is smaller.
        self.adjusted_exponent()
            .cmp(&other.adjusted_exponent())
            .then_with(|| self.digits.cmp(&other.digits))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let sign = |d: &Decimal| match (d.is_zero(), d.negative) {
            (true, _) => 0,
            (false, true) => -1,
            (false, false) => 1,
        };
        match sign(self).cmp(&sign(other)) {
            Ordering::Equal if self.negative => other.cmp_magnitude(self),
            Ordering::Equal => self.cmp_magnitude(other),
            unequal => unequal,
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return f.write_str("0");
        }
        let digit = |d: &u8| char::from(b'0' + d);
        let mut out = String::new();
        if self.negative {
            out.push('-');
        }
        let point = self.adjusted_exponent();
        if self.exp >= 0 {
            out.extend(self.digits.iter().map(digit));
            out.extend(std::iter::repeat_n('0', self.exp as usize));
        } else if point > 0 {
            let (int, frac) = self.digits.split_at(point as usize);
            out.extend(int.iter().map(digit));
            out.push('.');
            out.extend(frac.iter().map(digit));
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-point) as usize));
            out.extend(self.digits.iter().map(digit));
        }
        f.write_str(&out)
    }
}

/// Just enough unsigned big-integer arithmetic to expand an `f64` exactly:
/// little-endian limbs in base 10^9.
struct BigUint {
    limbs: Vec<u32>,
}

impl BigUint {
    const BASE: u64 = 1_000_000_000;

    fn from_u64(mut v: u64) -> Self {
        let mut limbs = Vec::new();
        while v > 0 {
            limbs.push((v % Self::BASE) as u32);
            v /= Self::BASE;
        }
        BigUint { limbs }
    }

    fn mul_small(&mut self, factor: u32) {
        let mut carry: u64 = 0;
        for limb in &mut self.limbs {
            // limb < 10^9 and factor < 2^32, so this stays below 2^63.
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = (product % Self::BASE) as u32;
            carry = product / Self::BASE;
        }
        while carry > 0 {
            self.limbs.push((carry % Self::BASE) as u32);
            carry /= Self::BASE;
        }
    }

    /// Multiplies by `base^power`, `chunk` powers at a time (`base^chunk` must fit a u32).
    fn mul_pow(&mut self, base: u32, chunk: u32, mut power: i64) {
        let full = base.pow(chunk);
        while power >= i64::from(chunk) {
            self.mul_small(full);
            power -= i64::from(chunk);
        }
        if power > 0 {
            self.mul_small(base.pow(power as u32));
        }
    }

    /// Decimal digit values, most significant first.
    fn digits(&self) -> Vec<u8> {
        let mut text = String::new();
        for (i, limb) in self.limbs.iter().rev().enumerate() {
            if i == 0 {
                text.push_str(&limb.to_string());
            } else {
                text.push_str(&format!("{limb:09}"));
            }
        }
        text.bytes().map(|d| d - b'0').collect()
    }
}

#[cfg(test)]
#[path = "number_tests.rs"]
mod tests;
