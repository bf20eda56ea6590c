//! The `assume_role` settings: their checks and defaults. The STS call itself is
//! made by `chain::assume_role` through the one call path; the API's facts are in
//! `sts::assume_role`.

use super::env::{
    ENV_ASSUME_ROLE_ARN, ENV_ASSUME_ROLE_SESSION_DURATION, ENV_ASSUME_ROLE_SESSION_NAME,
};
use super::settings::AssumeRoleSettings;
use crate::error::CredentialError;
use crate::sts::assume_role::{DEFAULT_SESSION_DURATION, MAX_SESSION_DURATION};

/// `RoleSessionName` when none is given (tccli profiles may omit it).
pub const DEFAULT_SESSION_NAME: &str = "terraform-provider-gaap";

/// STS's rule for `RoleSessionName`: 2 to 128 of `[\w+=,.@-]`.
fn valid_session_name(name: &str) -> bool {
    (2..=128).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c))
}

/// Checks the settings and fills the defaults (session name, duration 0 → 7200);
/// an empty policy or external id counts as absent.
pub fn normalize_assume_role(
    mut settings: AssumeRoleSettings,
) -> Result<AssumeRoleSettings, CredentialError> {
    if settings.role_arn.trim() != settings.role_arn || settings.role_arn.is_empty() {
        return Err(CredentialError::Invalid(format!(
            "assume_role.role_arn (or {ENV_ASSUME_ROLE_ARN}) {:?} must be a non-empty role ARN \
             without whitespace around it, such as qcs::cam::uin/100000000001:roleName/my-role",
            settings.role_arn
        )));
    }
    if settings.session_name.is_empty() {
        settings.session_name = DEFAULT_SESSION_NAME.to_owned();
    }
    if !valid_session_name(&settings.session_name) {
        return Err(CredentialError::Invalid(format!(
            "assume_role.session_name (or {ENV_ASSUME_ROLE_SESSION_NAME}) {:?} is not allowed: \
             expected 2 to 128 letters, digits or any of _+=,.@-",
            settings.session_name
        )));
    }
    if settings.session_duration == 0 {
        settings.session_duration = DEFAULT_SESSION_DURATION;
    }
    if settings.session_duration > MAX_SESSION_DURATION {
        return Err(CredentialError::Invalid(format!(
            "assume_role.session_duration (or {ENV_ASSUME_ROLE_SESSION_DURATION}) is {} s; \
             STS allows at most {MAX_SESSION_DURATION} s (0 means the default {DEFAULT_SESSION_DURATION})",
            settings.session_duration
        )));
    }
    settings.policy = settings.policy.filter(|p| !p.is_empty());
    settings.external_id = settings.external_id.filter(|e| !e.is_empty());
    settings.source_identity = settings.source_identity.filter(|e| !e.is_empty());
    settings.serial_number = settings.serial_number.filter(|e| !e.is_empty());
    settings.token_code = settings.token_code.filter(|e| !e.is_empty());
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> AssumeRoleSettings {
        AssumeRoleSettings {
            role_arn: "qcs::cam::uin/100000000001:roleName/tf".into(),
            session_name: String::new(),
            session_duration: 0,
            policy: None,
            external_id: None,
            ..Default::default()
        }
    }

    #[test]
    fn defaults_and_limits() {
        let s = normalize_assume_role(settings()).unwrap();
        assert_eq!(s.session_name, DEFAULT_SESSION_NAME);
        assert_eq!(s.session_duration, 7200);
        let mut bad = settings();
        bad.session_duration = 43_201;
        let e = normalize_assume_role(bad).unwrap_err().to_string();
        assert!(e.contains("43201") && e.contains("43200"), "{e}");
        let mut bad = settings();
        bad.session_name = "a b".into();
        assert!(normalize_assume_role(bad)
            .unwrap_err()
            .to_string()
            .contains("session_name"));
        let mut bad = settings();
        bad.role_arn = " qcs::x".into();
        assert!(normalize_assume_role(bad)
            .unwrap_err()
            .to_string()
            .contains("role_arn"));
        let mut empty = settings();
        empty.policy = Some(String::new());
        empty.external_id = Some(String::new());
        let s = normalize_assume_role(empty).unwrap();
        assert_eq!((s.policy, s.external_id), (None, None));
    }
}
