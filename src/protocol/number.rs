//! Arbitrary-precision Terraform numbers.
//!
//! SKELETON: the API below is the contract other modules code against; the
//! values work item replaces the bodies with a real implementation and tests.

use std::fmt;

/// A Terraform number. Keeps the exact form it arrived in (msgpack int, float64, or
/// decimal string) so it can be echoed back unchanged, and never squeezes a value
/// through `f64` or `i64` silently.
#[derive(Debug, Clone)]
pub struct Number {
    _private: (),
}

impl Number {
    pub fn from_i64(_v: i64) -> Self {
        unimplemented!("skeleton")
    }
    pub fn from_u64(_v: u64) -> Self {
        unimplemented!("skeleton")
    }
    /// `None` for NaN (Terraform has no NaN); infinities are allowed.
    pub fn from_f64(_v: f64) -> Option<Self> {
        unimplemented!("skeleton")
    }
    /// Parses a decimal number as cty does (`"12"`, `"-1.5"`, `"1e400"`, `"123456789012345678901234567890"`).
    pub fn parse(_text: &str) -> Option<Self> {
        unimplemented!("skeleton")
    }
    /// True when the value has no fractional part (and is finite).
    pub fn is_whole(&self) -> bool {
        unimplemented!("skeleton")
    }
    /// The exact value as `u64` when it is whole and fits.
    pub fn to_u64_exact(&self) -> Option<u64> {
        unimplemented!("skeleton")
    }
    /// The exact value as `i64` when it is whole and fits.
    pub fn to_i64_exact(&self) -> Option<i64> {
        unimplemented!("skeleton")
    }
    /// Exact comparison with an integer.
    pub fn cmp_i64(&self, _other: i64) -> std::cmp::Ordering {
        unimplemented!("skeleton")
    }
}

impl PartialEq for Number {
    /// Numeric equality (`1` == `1.0` == `"1"`).
    fn eq(&self, _other: &Self) -> bool {
        unimplemented!("skeleton")
    }
}

impl fmt::Display for Number {
    /// Plain decimal, as Terraform shows numbers: `10`, `1.5`, `123456789012345678901234567890`.
    fn fmt(&self, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        unimplemented!("skeleton")
    }
}
