//! [`Validator`]: one check of an attribute's value, in the terraform-plugin-framework
//! manner: it skips null and unknown values, describes itself in one lowercase phrase
//! (used in error details and in docs) and reports what was given when the value
//! fails. A provider defines its validators; decoding runs them through [`validate`].

use std::fmt::Debug;

use super::{AttributePath, Diagnostics, Value};

/// Summary of a validation diagnostic (the framework's wording).
pub const INVALID_VALUE: &str = "Invalid Attribute Value";
/// Summary for a value outside an enumeration (the framework's wording).
pub const INVALID_VALUE_MATCH: &str = "Invalid Attribute Value Match";

/// One check of a known, non-null value.
pub trait Validator: Debug + Sync {
    /// The check in one lowercase phrase starting with "value " ("value must be ..."),
    /// as shown in errors and docs.
    fn description(&self) -> String;

    /// What was given, when the value breaks this check; `None` when it passes or is
    /// null or unknown.
    fn violation(&self, value: &Value) -> Option<String>;

    /// The summary of an error about this check.
    fn summary(&self) -> &'static str {
        INVALID_VALUE
    }

    /// The description without its leading "value " ("must be ..."), for sentences
    /// about something else (an environment variable).
    fn requirement(&self) -> String {
        let description = self.description();
        description
            .strip_prefix("value ")
            .unwrap_or(&description)
            .to_owned()
    }
}

/// An attribute's validators, as a `const` table holds them.
pub type Checks = &'static [&'static dyn Validator];

/// The first of `checks` that `value` breaks, with what was given.
pub fn first_violation<'a>(
    value: &Value,
    checks: &[&'a dyn Validator],
) -> Option<(&'a dyn Validator, String)> {
    checks
        .iter()
        .find_map(|check| check.violation(value).map(|given| (*check, given)))
}

/// Runs `checks` on `value` in order and adds one error for the first that fails:
/// "Attribute `<path>` <description>, got: <given>". True when all pass.
pub fn validate(
    diags: &mut Diagnostics,
    path: &AttributePath,
    value: &Value,
    checks: &[&dyn Validator],
) -> bool {
    let Some((check, given)) = first_violation(value, checks) else {
        return true;
    };
    diags.add_attribute_error(
        path.clone(),
        check.summary(),
        format!("Attribute {path} {}, got: {given}", check.description()),
    );
    false
}

/// Every check's phrase, for a schema description: the same words as the errors.
pub fn describe_all(checks: &[&dyn Validator]) -> String {
    let phrases: Vec<String> = checks.iter().map(|c| c.description()).collect();
    phrases.join(", and ")
}

#[cfg(test)]
pub(crate) mod test_checks {
    //! Validators for the framework's own tests.

    use super::*;
    use crate::protocol::Number;

    /// A whole number at least `min`.
    #[derive(Debug)]
    pub struct AtLeast(pub i64);

    impl Validator for AtLeast {
        fn description(&self) -> String {
            format!("value must be a whole number at least {}", self.0)
        }

        fn violation(&self, value: &Value) -> Option<String> {
            match value {
                Value::Null | Value::Unknown => None,
                Value::Number(n) => {
                    let min = Number::from_i64(self.0);
                    (!n.is_whole() || *n < min).then(|| n.to_string())
                }
                Value::String(s) => Some(format!("the string {s:?}, not a number")),
                other => Some(format!("{other:?}")),
            }
        }
    }

    /// A number greater than 0 and at most `max`, counted in `unit`.
    #[derive(Debug)]
    pub struct PositiveUpTo(pub i64, pub &'static str);

    impl Validator for PositiveUpTo {
        fn description(&self) -> String {
            let PositiveUpTo(max, unit) = self;
            format!("value must be a number{unit} greater than 0 and at most {max}")
        }

        fn violation(&self, value: &Value) -> Option<String> {
            match value {
                Value::Number(n) => {
                    let ok = *n > Number::from_i64(0) && *n <= Number::from_i64(self.0);
                    (!ok).then(|| n.to_string())
                }
                Value::String(s) => Some(format!("the string {s:?}, not a number")),
                _ => None,
            }
        }
    }

    /// A string without whitespace at either end, never echoed (it may be a secret).
    #[derive(Debug)]
    pub struct Trimmed;

    impl Validator for Trimmed {
        fn description(&self) -> String {
            "value must not start or end with whitespace".to_owned()
        }

        fn violation(&self, value: &Value) -> Option<String> {
            let Value::String(s) = value else { return None };
            let leading = s.len() - s.trim_start().len();
            let trailing = s.len() - s.trim_end().len();
            (leading + trailing > 0).then(|| {
                format!("a value with {leading} leading and {trailing} trailing whitespace")
            })
        }
    }

    /// A string among `values`.
    #[derive(Debug)]
    pub struct OneOf(pub &'static [&'static str]);

    impl Validator for OneOf {
        fn description(&self) -> String {
            let quoted: Vec<String> = self.0.iter().map(|v| format!("{v:?}")).collect();
            format!("value must be one of: {}", quoted.join(", "))
        }

        fn violation(&self, value: &Value) -> Option<String> {
            match value {
                Value::String(s) if !self.0.contains(&s.as_str()) => Some(format!("{s:?}")),
                _ => None,
            }
        }

        fn summary(&self) -> &'static str {
            INVALID_VALUE_MATCH
        }
    }

    #[test]
    fn the_first_failing_check_is_reported_with_its_words() {
        const CHECKS: Checks = &[&AtLeast(1), &OneOf(&["x"])];
        let mut diags = Diagnostics::new();
        let path = AttributePath::attribute("n");
        let zero = Value::Number(Number::from_i64(0));
        assert!(!validate(&mut diags, &path, &zero, CHECKS));
        assert_eq!(
            diags.0[0].detail,
            "Attribute n value must be a whole number at least 1, got: 0"
        );
        assert_eq!(diags.0[0].summary, INVALID_VALUE);
        assert!(validate(&mut diags, &path, &Value::Null, CHECKS));
        assert_eq!(
            describe_all(CHECKS),
            "value must be a whole number at least 1, and value must be one of: \"x\""
        );
        assert_eq!(OneOf(&["x"]).requirement(), "must be one of: \"x\"");
    }
}
