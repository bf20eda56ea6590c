//! [`Attr`]: a typed attribute value; [`AttrSpec`]: an attribute's name and checks.

use crate::provider::validators::{describe_all, Check};

/// A decoded attribute: known and valid, null, or not known until apply.
#[derive(Debug, Clone, PartialEq)]
pub enum Attr<T> {
    Known(T),
    Null,
    Unknown,
}

impl<T> Attr<T> {
    /// For Debug output of a secret: null and unknown as they are, a known value as
    /// `<redacted>`.
    pub fn redacted(&self) -> Attr<&'static str> {
        match self {
            Attr::Known(_) => Attr::Known("<redacted>"),
            Attr::Null => Attr::Null,
            Attr::Unknown => Attr::Unknown,
        }
    }

    /// The value, when known.
    pub fn known(&self) -> Option<&T> {
        match self {
            Attr::Known(v) => Some(v),
            Attr::Null | Attr::Unknown => None,
        }
    }

    /// The value, when known.
    pub fn into_known(self) -> Option<T> {
        match self {
            Attr::Known(v) => Some(v),
            Attr::Null | Attr::Unknown => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Attr::Null)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Attr::Unknown)
    }
}

/// One attribute: its name and the validators its values must pass. Defined once per
/// attribute and used for decoding, error messages and schema descriptions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AttrSpec {
    pub name: &'static str,
    pub checks: &'static [Check],
}

impl AttrSpec {
    pub const fn new(name: &'static str, checks: &'static [Check]) -> Self {
        AttrSpec { name, checks }
    }

    /// The checks in words, for the schema description ("" when there are none).
    pub fn requirement(&self) -> String {
        describe_all(self.checks)
    }

    /// `text`, then the checks as a sentence ("...; the value must be ...").
    pub fn describe(&self, text: &str) -> String {
        if self.checks.is_empty() {
            return text.to_owned();
        }
        let text = text.trim_end_matches('.');
        format!("{text}; the {}.", self.requirement())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_use_the_validators_words() {
        const SPEC: AttrSpec = AttrSpec::new("n", &[Check::at_least(1)]);
        assert_eq!(
            SPEC.describe("Count."),
            "Count; the value must be a whole number at least 1."
        );
        assert_eq!(AttrSpec::new("n", &[]).describe("Count."), "Count.");
        assert_eq!(Attr::Known(3).known(), Some(&3));
        assert!(Attr::<u8>::Unknown.is_unknown() && Attr::<u8>::Null.is_null());
    }
}
