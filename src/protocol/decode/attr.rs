//! [`Attr`]: a typed attribute value: known, null or unknown.

use sensitive::Sensitive;

use crate::protocol::{AttributePath, Diagnostics};

/// A decoded attribute: known and valid, null, or not known until apply.
#[derive(Debug, Clone, PartialEq)]
pub enum Attr<T> {
    Known(T),
    Null,
    Unknown,
}

impl<T> Attr<T> {
    /// For Debug output of a secret: null and unknown as they are, a known value
    /// hidden behind [`Sensitive`].
    pub fn redacted(&self) -> Attr<Sensitive<&T>> {
        match self {
            Attr::Known(v) => Attr::Known(Sensitive::new(v)),
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

/// The value of a required argument, or an error on its path when it is null
/// (Terraform never sends that for a required attribute, but a read must not assume
/// it). Call with wholly known values.
pub fn required<T: Clone>(diags: &mut Diagnostics, name: &str, value: &Attr<T>) -> Option<T> {
    if value.known().is_none() {
        diags.add_attribute_error(
            AttributePath::attribute(name),
            "Missing Required Argument",
            format!("The argument {name} is required, but no value was given."),
        );
    }
    value.known().cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_and_redaction() {
        assert_eq!(Attr::Known(3).known(), Some(&3));
        assert!(Attr::<u8>::Unknown.is_unknown() && Attr::<u8>::Null.is_null());
        let shown = format!("{:?}", Attr::Known("secret").redacted());
        assert!(
            !shown.contains("secret") && shown.starts_with("Known("),
            "{shown}"
        );
        assert_eq!(format!("{:?}", Attr::<u8>::Null.redacted()), "Null");
    }
}
