//! [`Sensitive<T>`]: a secret (a key, a token, a one-time code) that Debug and Display
//! never show, so a struct holding one can derive `Debug` and still be logged.
//!
//! The value is reached only through [`Sensitive::expose`] or
//! [`Sensitive::into_inner`], never through `Deref`: with `Deref`, a call such as
//! `secret.to_string()` would resolve to the wrapper's Display and quietly yield the
//! placeholder instead of the secret. Each place that needs the secret says so.

use std::fmt;

/// What Debug and Display print instead of the value.
pub const REDACTED: &str = "<redacted>";

/// A value that Debug and Display print as [`REDACTED`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    pub const fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The secret itself: for signing, sending or comparing, never for logging.
    pub const fn expose(&self) -> &T {
        &self.0
    }

    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

impl From<&str> for Sensitive<String> {
    fn from(value: &str) -> Self {
        Sensitive(value.to_owned())
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    #[allow(dead_code)] // only read through Debug
    struct Login {
        user: String,
        password: Sensitive<String>,
        code: Option<Sensitive<u32>>,
    }

    #[test]
    fn the_secret_never_appears_in_debug_or_display() {
        let secret = Sensitive::new(String::from("hunter2-secret"));
        for shown in [
            format!("{secret:?}"),
            format!("{secret:#?}"),
            format!("{secret}"),
            format!("{secret:>40}"),
            secret.to_string(),
        ] {
            assert!(!shown.contains("hunter2"), "{shown}");
            assert_eq!(shown.trim(), REDACTED);
        }
        assert_eq!(secret.expose(), "hunter2-secret");
        assert_eq!(secret.into_inner(), "hunter2-secret");
    }

    #[test]
    fn a_derived_debug_shows_the_other_fields_only() {
        let login = Login {
            user: "alice".into(),
            password: "hunter2-secret".to_owned().into(),
            code: Some(Sensitive::new(654_321)),
        };
        for shown in [format!("{login:?}"), format!("{login:#?}")] {
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(!shown.contains("654321"), "{shown}");
            assert!(shown.contains("alice"), "{shown}");
        }
        assert_eq!(
            format!("{login:?}"),
            r#"Login { user: "alice", password: <redacted>, code: Some(<redacted>) }"#
        );
    }

    #[test]
    fn clones_and_comparisons_see_the_value() {
        let a = Sensitive::new(vec![1u8, 2, 3]);
        assert_eq!(a.clone(), a);
        assert_ne!(a, Sensitive::new(vec![1u8, 2, 4]));
        assert_eq!(Sensitive::<String>::default().expose(), "");
        assert_eq!(
            Sensitive::<String>::from("k"),
            Sensitive::new("k".to_owned())
        );
    }
}
