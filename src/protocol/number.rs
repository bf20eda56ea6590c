//! Arbitrary-precision Terraform numbers.
//!
//! cty numbers are `big.Float`s: any finite decimal plus ±Inf, never NaN. On the
//! msgpack wire Terraform sends an integer, a float64 or, when neither is exact, a
//! decimal string (cty `msgpack.Marshal`). [`Number`] keeps whichever of those forms
//! it was built from, so a value read from Terraform is written back in the same
//! form, and compares numerically by converting to an exact decimal when the forms
//! differ (every finite `f64` has a finite decimal expansion).
//!
//! The decimal arithmetic is `bigdecimal`'s; this file keeps only what cty defines
//! and `bigdecimal` does not: Go's number syntax, the msgpack form choice, and the
//! plain-decimal text, and a correctly rounded conversion to `f64`.
//!
//! One cty behaviour is deliberately not reproduced: cty parses decimal text into a
//! 512-bit binary `big.Float` and prints the shortest decimal that reads back as the
//! same float, so text of up to 153 significant digits comes back unchanged and longer
//! text is rounded. Here decimal text stays exact. The two agree on every number of up
//! to 153 significant digits, far beyond any value a provider attribute holds; emulating
//! the binary rounding would need a 512-bit float implementation for no practical case.

use std::cmp::Ordering;
use std::fmt;

use bigdecimal::num_bigint::BigInt;
use bigdecimal::{BigDecimal, ToPrimitive, Zero};

/// Largest decimal exponent (position of the leading digit, either side of the
/// point) [`Number::parse`] accepts. cty itself accepts larger ones, but a number is
/// printed and sent back to Terraform as plain decimal text, so `1e999999` (8 bytes)
/// would become a megabyte of zeros, and a list of them gigabytes, each slow to parse
/// again. With this bound a number's text grows by at most about 4 KiB, whatever its
/// spelling; float64 itself ends near 1e308, and nothing a provider handles comes
/// close to this.
pub const MAX_DECIMAL_EXPONENT: i64 = 4096;

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
    /// Parsed from decimal text; always finite, normalised (no trailing zeros in
    /// the digits, so a whole number has a scale of zero or below).
    Decimal(BigDecimal),
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
        // The syntax above is Go's, checked by hand because `bigdecimal`'s parser
        // accepts other spellings (such as `1_000`); the value itself is built from
        // the digits and the scale.
        let frac_len = i64::try_from(frac_digits.len()).ok()?;
        let digits: Vec<u8> = [int_digits, frac_digits].concat();
        let mut magnitude = BigInt::parse_bytes(&digits, 10)?;
        if negative {
            magnitude = -magnitude;
        }
        let scale = frac_len.checked_sub(exponent)?;
        let decimal = BigDecimal::new(magnitude, scale).normalized();
        if !decimal.is_zero() && adjusted_exponent(&decimal).abs() > MAX_DECIMAL_EXPONENT {
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
            Repr::Decimal(d) => d.fractional_digit_count() <= 0,
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
                u64::try_from(to_i128_exact(&self.exact().finite()?)?).ok()
            }
        }
    }

    /// The exact value as `i64` when it is whole and fits.
    pub fn to_i64_exact(&self) -> Option<i64> {
        match &self.repr {
            Repr::Int(v) => Some(*v),
            Repr::UInt(_) => None,
            Repr::Float(_) | Repr::Decimal(_) => {
                i64::try_from(to_i128_exact(&self.exact().finite()?)?).ok()
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
            Repr::Decimal(d) => to_f64_nearest(d),
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
                if let Some(v) = to_i128_exact(d).and_then(|v| i64::try_from(v).ok()) {
                    return WireNumber::Int(v);
                }
                let nearest = to_f64_nearest(d);
                if nearest.is_finite() && exact_f64(nearest) == *d {
                    return WireNumber::Float(nearest);
                }
                WireNumber::Text(d.to_plain_string())
            }
        }
    }

    fn exact(&self) -> Exact {
        match &self.repr {
            Repr::Int(v) => Exact::Finite(BigDecimal::from(*v)),
            Repr::UInt(v) => Exact::Finite(BigDecimal::from(*v)),
            Repr::Float(v) if *v == f64::INFINITY => Exact::PosInf,
            Repr::Float(v) if *v == f64::NEG_INFINITY => Exact::NegInf,
            Repr::Float(v) => Exact::Finite(exact_f64(*v)),
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
            // Normalised, so never `1.50` or `-0`; `bigdecimal`'s own Display would
            // switch to an exponent for large or small values, cty never does.
            Repr::Decimal(d) => d.write_plain_string(f),
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
    Finite(BigDecimal),
    PosInf,
}

impl Exact {
    fn finite(self) -> Option<BigDecimal> {
        match self {
            Exact::Finite(d) => Some(d),
            Exact::NegInf | Exact::PosInf => None,
        }
    }
}

/// The exact decimal expansion of a finite `f64` (`bigdecimal` converts bit-exactly:
/// `0.1f64` becomes `0.1000000000000000055511151231257827...`), normalised.
fn exact_f64(v: f64) -> BigDecimal {
    // `try_from` fails only for NaN and infinities, which callers rule out.
    BigDecimal::try_from(v).unwrap_or_default().normalized()
}

/// The exact value as `i128` when it is whole and fits.
fn to_i128_exact(d: &BigDecimal) -> Option<i128> {
    if d.is_zero() {
        return Some(0);
    }
    // 39 digits already exceed i128: refuse before `bigdecimal` would expand a huge
    // exponent like `1e4000` into a 4000-digit integer.
    if adjusted_exponent(d) > 39 || !d.is_integer() {
        return None;
    }
    d.to_i128()
}

/// Number of digits before the decimal point of a non-zero value (may be zero or
/// negative): `123.4` → 3, `0.05` → -1.
fn adjusted_exponent(d: &BigDecimal) -> i64 {
    d.order_of_magnitude() + 1
}

/// The nearest `f64`, correctly rounded (ties to even); infinite when out of range.
///
/// Kept by hand rather than `bigdecimal`'s `ToPrimitive::to_f64`, whose rounding is
/// not documented as correct: [`Number::wire_form`] writes a float64 exactly when
/// this round trip is exact, so one ulp off would change the bytes sent to Terraform.
/// Rust's float parser is correctly rounded, so the value goes through its
/// `<digits>e<exponent>` text.
fn to_f64_nearest(d: &BigDecimal) -> f64 {
    if d.is_zero() {
        return 0.0;
    }
    let (digits, scale) = d.as_bigint_and_exponent();
    // The text is well-formed by construction; an error cannot occur.
    format!("{digits}e{}", -i128::from(scale))
        .parse()
        .unwrap_or(f64::NAN)
}

#[cfg(test)]
#[path = "number_tests.rs"]
mod tests;
