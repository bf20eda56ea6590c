//! Environment variables, decoded by an attribute's validators. They never pass
//! through `PrepareProviderConfig`, so `Configure` checks them, with messages that
//! name the variable instead of an attribute path.

use crate::protocol::validator::{first_violation, Validator};
use crate::protocol::{Diagnostics, Value};

use super::FromValue;

/// Summary of a diagnostic about an environment variable.
pub const INVALID_ENV: &str = "Invalid Environment Variable";

/// The value of `var`, checked by `checks` (those of the attribute it stands for):
/// `None` when unset or empty (an empty variable counts as absent), or when invalid (then one error names the variable: "Environment
/// variable X must be ..., got: ...").
pub fn env_value<T: FromValue>(
    diags: &mut Diagnostics,
    env: &dyn Fn(&str) -> Option<String>,
    var: &str,
    checks: &[&dyn Validator],
) -> Option<T> {
    let text = env(var).filter(|s| !s.is_empty())?;
    let value = T::parse_env(&text);
    let problem = match &value {
        None => Some((requirement::<T>(checks), format!("{text:?}"))),
        Some(value) => first_violation(value, checks).map(|(check, given)| {
            // Numbers are shown as the text given, quoted like strings.
            let given = match value {
                Value::String(_) => given,
                _ => format!("{text:?}"),
            };
            (check.requirement(), given)
        }),
    };
    if let Some((requirement, given)) = problem {
        diags.add_error(
            INVALID_ENV,
            format!("Environment variable {var} {requirement}, got: {given}"),
        );
        return None;
    }
    let value = value?;
    match T::from_value(&value) {
        Some(v) => Some(v),
        None => {
            let expected = T::expected();
            let requirement = expected.strip_prefix("value ").unwrap_or(&expected);
            diags.add_error(
                INVALID_ENV,
                format!("Environment variable {var} {requirement}, got: {text:?}"),
            );
            None
        }
    }
}

/// What the first check (or else the type) asks for, when the text is not even of
/// the right kind.
fn requirement<T: FromValue>(checks: &[&dyn Validator]) -> String {
    match checks.first() {
        Some(check) => check.requirement(),
        None => {
            let expected = T::expected();
            expected
                .strip_prefix("value ")
                .unwrap_or(&expected)
                .to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::decode::{AttrDef, Kind};
    use crate::protocol::validator::test_checks::{PositiveUpTo, Trimmed};

    const TIMEOUT: AttrDef =
        AttrDef::optional("timeout", Kind::Number).checks(&[&PositiveUpTo(60, " of seconds")]);
    const NAME: AttrDef = AttrDef::optional("name", Kind::String).checks(&[&Trimmed]);

    fn run<T: FromValue>(spec: &AttrDef, text: Option<&str>) -> (Option<T>, Vec<String>) {
        let mut diags = Diagnostics::new();
        let text = text.map(str::to_owned);
        let got = env_value(&mut diags, &|_| text.clone(), "X_VAR", spec.checks);
        for d in diags.iter() {
            assert_eq!(d.summary, INVALID_ENV);
            assert_eq!(d.attribute, None);
        }
        (got, diags.0.into_iter().map(|d| d.detail).collect())
    }

    #[test]
    fn table() {
        let bad_number = |given: &str| {
            vec![format!(
                "Environment variable X_VAR must be a number of seconds greater than 0 and at most 60, got: {given}"
            )]
        };
        let cases: Vec<(Option<&str>, Option<f64>, Vec<String>)> = vec![
            (None, None, vec![]),
            (Some(""), None, vec![]),
            (Some("2.5"), Some(2.5), vec![]),
            (Some(" 3 "), Some(3.0), vec![]),
            (Some("soon"), None, bad_number("\"soon\"")),
            (Some("0"), None, bad_number("\"0\"")),
            (Some("61"), None, bad_number("\"61\"")),
        ];
        for (text, want, details) in cases {
            assert_eq!(run::<f64>(&TIMEOUT, text), (want, details), "{text:?}");
        }
    }

    #[test]
    fn strings_are_checked_as_given() {
        assert_eq!(
            run::<String>(&NAME, Some("ok")),
            (Some("ok".to_owned()), vec![])
        );
        let (got, details) = run::<String>(&NAME, Some("secret\n"));
        assert_eq!(got, None);
        assert!(details[0].starts_with("Environment variable X_VAR must not start or end with whitespace, got: a value with 0 leading and 1 trailing"), "{}", details[0]);
        assert!(!details[0].contains("secret"), "{}", details[0]);
    }

    #[test]
    fn whole_numbers_beyond_the_type_name_the_variable() {
        const ANY: AttrDef = AttrDef::optional("n", Kind::Number);
        let (got, details) = run::<u64>(&ANY, Some("-1"));
        assert_eq!(got, None);
        assert_eq!(
            details,
            [format!(
                "Environment variable X_VAR must be a whole number between 0 and {}, got: \"-1\"",
                u64::MAX
            )]
        );
    }
}
