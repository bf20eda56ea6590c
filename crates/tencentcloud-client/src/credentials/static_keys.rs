//! Static keys: `secret_id` + `secret_key` (+ `security_token`) from the provider
//! configuration or the environment, already merged by the provider.

use super::env::{ENV_SECRET_ID, ENV_SECRET_KEY, ENV_SECURITY_TOKEN};
use super::settings::CredentialSettings;
use super::source::{identity_digest, BoxFuture, Credential, CredentialSource};
use crate::error::CredentialError;

/// A fixed credential. Also used for the keys of a tccli profile file.
pub struct StaticSource {
    credential: Credential,
}

impl StaticSource {
    pub fn new(credential: Credential) -> Self {
        StaticSource { credential }
    }
}

impl std::fmt::Debug for StaticSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticSource")
            .field("credential", &self.credential)
            .finish()
    }
}

impl CredentialSource for StaticSource {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
        let credential = self.credential.clone();
        Box::pin(async move { Ok(credential) })
    }

    /// `static:<secret_id>#<digest>`: the id is not a secret (it appears in every
    /// `Authorization` header); the digest covers the id, key and token, so two
    /// credentials sharing an id (a rotated key, another token) never share a call.
    fn identity(&self) -> String {
        let c = &self.credential;
        let digest = identity_digest(&[
            &c.secret_id,
            c.secret_key.expose(),
            c.exposed_token().unwrap_or(""),
        ]);
        format!("static:{}#{digest}", c.secret_id)
    }
}

/// `Some(value)` unless absent or empty: the settings treat empty strings as unset.
pub(crate) fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.is_empty())
}

/// Where whitespace sits around `value`, if anywhere.
fn whitespace_sides(value: &str) -> Option<&'static str> {
    let leading = value.starts_with(char::is_whitespace);
    let trailing = value.ends_with(char::is_whitespace);
    match (leading, trailing) {
        (true, true) => Some("leading and trailing"),
        (true, false) => Some("leading"),
        (false, true) => Some("trailing"),
        (false, false) => None,
    }
}

/// Rejects key material with whitespace around it, a top cause of
/// `AuthFailure.SecretIdNotFound`: the API does not trim keys. `name` says what the
/// value is and where it came from; `reveal` allows quoting the value (only for
/// the secret id, never for a secret key or token).
pub(crate) fn check_whitespace(
    name: &str,
    value: &str,
    reveal: bool,
) -> Result<(), CredentialError> {
    let Some(sides) = whitespace_sides(value) else {
        return Ok(());
    };
    let shown = if reveal {
        format!(" (got {value:?})")
    } else {
        String::new()
    };
    Err(CredentialError::Invalid(format!(
        "{name} has {sides} whitespace{shown}. Remove it: the API does not trim keys and \
         answers AuthFailure.SecretIdNotFound or AuthFailure.SignatureFailure for such a key."
    )))
}

/// The static credential of the settings: `Ok(None)` when neither key is set,
/// `Invalid` when only one is (naming the missing one and its env var), when a
/// token comes without keys, or when a value has whitespace around it.
pub(crate) fn from_settings(
    settings: &CredentialSettings,
) -> Result<Option<Credential>, CredentialError> {
    let id = non_empty(&settings.secret_id);
    let key = non_empty(&settings.secret_key);
    let token = non_empty(&settings.security_token);
    let (id, key) = match (id, key) {
        (Some(id), Some(key)) => (id, key),
        (Some(_), None) => {
            return Err(CredentialError::Invalid(format!(
                "secret_id is set but secret_key is not: set the provider attribute \
                 `secret_key` or the environment variable {ENV_SECRET_KEY}, or unset \
                 secret_id/{ENV_SECRET_ID} to use another credential source."
            )))
        }
        (None, Some(_)) => {
            return Err(CredentialError::Invalid(format!(
                "secret_key is set but secret_id is not: set the provider attribute \
                 `secret_id` or the environment variable {ENV_SECRET_ID}, or unset \
                 secret_key/{ENV_SECRET_KEY} to use another credential source."
            )))
        }
        (None, None) => {
            if token.is_some() {
                return Err(CredentialError::Invalid(format!(
                    "security_token is set but secret_id and secret_key are not: a token \
                     belongs to a temporary key pair; set `secret_id` and `secret_key` (or \
                     {ENV_SECRET_ID} and {ENV_SECRET_KEY}) too, or unset \
                     security_token/{ENV_SECURITY_TOKEN}."
                )));
            }
            return Ok(None);
        }
    };
    check_whitespace(
        &format!("secret_id (provider attribute or {ENV_SECRET_ID})"),
        id,
        true,
    )?;
    check_whitespace(
        &format!("secret_key (provider attribute or {ENV_SECRET_KEY})"),
        key,
        false,
    )?;
    if let Some(token) = token {
        check_whitespace(
            &format!("security_token (provider attribute or {ENV_SECURITY_TOKEN})"),
            token,
            false,
        )?;
    }
    Ok(Some(Credential {
        secret_id: id.to_owned(),
        secret_key: key.to_owned().into(),
        token: token.map(|t| t.to_owned().into()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(id: Option<&str>, key: Option<&str>, token: Option<&str>) -> CredentialSettings {
        CredentialSettings {
            secret_id: id.map(str::to_owned),
            secret_key: key.map(str::to_owned),
            security_token: token.map(str::to_owned),
            ..Default::default()
        }
    }

    fn invalid(result: Result<Option<Credential>, CredentialError>) -> String {
        match result {
            Err(CredentialError::Invalid(m)) => m,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn both_keys_and_token() {
        let c = from_settings(&settings(Some("AKID1"), Some("sk"), Some("tok")))
            .unwrap()
            .unwrap();
        assert_eq!(c.secret_id, "AKID1");
        assert_eq!(c.secret_key.expose(), "sk");
        assert_eq!(c.exposed_token(), Some("tok"));
    }

    #[test]
    fn empty_strings_are_absent() {
        assert_eq!(
            from_settings(&settings(Some(""), Some(""), Some(""))).unwrap(),
            None
        );
        let c = from_settings(&settings(Some("AKID1"), Some("sk"), Some("")))
            .unwrap()
            .unwrap();
        assert_eq!(c.token, None);
    }

    #[test]
    fn half_set_names_the_missing_one_and_its_env_var() {
        let m = invalid(from_settings(&settings(Some("AKID1"), None, None)));
        assert!(m.contains("secret_key is not"), "{m}");
        assert!(m.contains("TENCENTCLOUD_SECRET_KEY"), "{m}");
        let m = invalid(from_settings(&settings(None, Some("s3cr3t"), None)));
        assert!(m.contains("secret_id is not"), "{m}");
        assert!(m.contains("TENCENTCLOUD_SECRET_ID"), "{m}");
        assert!(!m.contains("s3cr3t"), "{m}");
        let m = invalid(from_settings(&settings(None, None, Some("tok"))));
        assert!(m.contains("security_token is set"), "{m}");
    }

    #[test]
    fn whitespace_is_rejected_and_the_secret_never_shown() {
        let m = invalid(from_settings(&settings(Some(" AKID1"), Some("sk"), None)));
        assert!(m.contains("leading whitespace"), "{m}");
        assert!(m.contains("\" AKID1\""), "{m}");
        assert!(m.contains("AuthFailure.SecretIdNotFound"), "{m}");

        let m = invalid(from_settings(&settings(
            Some("AKID1"),
            Some("topsecret\n"),
            None,
        )));
        assert!(m.contains("secret_key"), "{m}");
        assert!(m.contains("trailing whitespace"), "{m}");
        assert!(!m.contains("topsecret"), "{m}");

        let m = invalid(from_settings(&settings(
            Some("AKID1"),
            Some("sk"),
            Some(" tok3n "),
        )));
        assert!(m.contains("security_token"), "{m}");
        assert!(m.contains("leading and trailing"), "{m}");
        assert!(!m.contains("tok3n"), "{m}");
    }

    #[tokio::test]
    async fn static_source_answers_its_credential_and_a_secret_free_identity() {
        let source = StaticSource::new(Credential {
            secret_id: "AKID1".into(),
            secret_key: "topsecret".into(),
            token: Some("tok3n".into()),
        });
        assert!(
            source.identity().starts_with("static:AKID1#"),
            "{}",
            source.identity()
        );
        assert_eq!(
            source.credential().await.unwrap().secret_key.expose(),
            "topsecret"
        );
        let debug = format!("{source:?}");
        assert!(
            !debug.contains("topsecret") && !debug.contains("tok3n"),
            "{debug}"
        );
    }

    /// Single flight shares answers between equal identities: two credentials with one
    /// SecretId but different keys or tokens must never be taken for each other.
    #[test]
    fn static_identity_covers_the_whole_credential_without_showing_it() {
        let identity = |key: &str, token: Option<&str>| {
            StaticSource::new(Credential {
                secret_id: "AKID1".into(),
                secret_key: key.into(),
                token: token.map(Into::into),
            })
            .identity()
        };
        let base = identity("key-one", None);
        assert_ne!(base, identity("key-two", None));
        assert_ne!(base, identity("key-one", Some("tok")));
        assert_ne!(
            identity("key-one", Some("a")),
            identity("key-one", Some("b"))
        );
        assert_eq!(base, identity("key-one", None), "stable");
        assert!(base.starts_with("static:AKID1#"), "{base}");
        assert!(!base.contains("key-one"), "{base}");
        assert!(!identity("k", Some("tok3n")).contains("tok3n"));
    }
}
