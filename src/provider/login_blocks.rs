//! The attribute tables of the provider block's nested login blocks
//! (`assume_role`, `assume_role_with_saml`, `assume_role_with_web_identity`,
//! `mfa_certification`), each a list block of at most one. Their settings fall back to
//! the official provider's environment variables, named in each entry.

use super::validators::Check;
use super::{defaults, env};
use crate::protocol::decode::{AttrDef, BlockDef, Kind};

/// Upper bound of a role login's `session_duration`, seconds (the STS limit).
pub const MAX_SESSION_DURATION: i64 = defaults::MAX_SESSION_DURATION as i64;
/// Upper bound of `mfa_certification.duration_seconds` (a sub-account's limit).
pub const MAX_MFA_DURATION: i64 = 129_600;

/// The role settings every role login has; `assume_role` and the keyless logins
/// differ in whether the role's ARN and session name are required.
const ROLE_ARN: AttrDef = AttrDef::optional("role_arn", Kind::String).checks(&[&Check::NonEmpty]);
const SESSION_NAME: AttrDef =
    AttrDef::optional("session_name", Kind::String).checks(&[&Check::SessionName]);
pub const SESSION_DURATION: AttrDef = AttrDef::optional("session_duration", Kind::Number)
    .checks(&[&Check::between(0, MAX_SESSION_DURATION).of(" of seconds")])
    .env(env::ASSUME_ROLE_SESSION_DURATION)
    .default("`7200`")
    .text(
        "Lifetime of the temporary credentials in seconds. Credentials are refreshed (another \
         login) before they expire.",
    );
/// The MFA device of the calling CAM user.
const SERIAL_NUMBER: AttrDef = AttrDef::optional("serial_number", Kind::String)
    .checks(&[&Check::NonEmpty])
    .text("MFA device of the calling CAM user, `qcs::cam:uin/<uin>::mfa/<type>`.");
/// MFA codes are secrets for their minute: never echoed.
const TOKEN_CODE: AttrDef = AttrDef::optional("token_code", Kind::String)
    .checks(&[&Check::NoSurroundingWhitespace])
    .sensitive()
    .text("The MFA device's current code.");

/// `assume_role`: STS `AssumeRole`, signed with the credential before it.
pub mod assume_role {
    use super::*;

    pub const ROLE_ARN: AttrDef = super::ROLE_ARN.env_required(env::ASSUME_ROLE_ARN).text(
        "ARN of the CAM role to assume, for example \
         `qcs::cam::uin/100000000001:roleName/gaap-checker`.",
    );
    pub const SESSION_NAME: AttrDef = super::SESSION_NAME
        .env(env::ASSUME_ROLE_SESSION_NAME)
        .default("`terraform-provider-gaap`")
        .text("Session name of the assumed role.");
    pub const SESSION_DURATION: AttrDef = super::SESSION_DURATION;
    /// Hidden in logs: a policy document can reveal the account's layout.
    pub const POLICY: AttrDef = AttrDef::optional("policy", Kind::String).redacted().text(
        "A CAM policy document (JSON) that further restricts the assumed role's \
             permissions for this session.",
    );
    /// Not sensitive in plans: an external id guards against the confused-deputy
    /// problem and is not a secret (the official provider does not mark it either); kept
    /// out of logs all the same.
    pub const EXTERNAL_ID: AttrDef = AttrDef::optional("external_id", Kind::String)
        .env(env::ASSUME_ROLE_EXTERNAL_ID)
        .redacted()
        .text("External id the role's trust policy requires.");
    pub const SOURCE_IDENTITY: AttrDef = AttrDef::optional("source_identity", Kind::String)
        .env(env::ASSUME_ROLE_SOURCE_IDENTITY)
        .text("Caller identity (uin) carried into the session as `SourceIdentity`.");
    pub const SERIAL_NUMBER: AttrDef = super::SERIAL_NUMBER
        .env(env::ASSUME_ROLE_SERIAL_NUMBER)
        .text(
            "MFA device of the calling CAM user, `qcs::cam:uin/<uin>::mfa/<type>`. With \
             `token_code`, AssumeRole passes an MFA check.",
        );
    pub const TOKEN_CODE: AttrDef = super::TOKEN_CODE.env(env::ASSUME_ROLE_TOKEN_CODE);

    pub const ATTRIBUTES: &[AttrDef] = &[
        ROLE_ARN,
        SESSION_NAME,
        SESSION_DURATION,
        POLICY,
        EXTERNAL_ID,
        SOURCE_IDENTITY,
        SERIAL_NUMBER,
        TOKEN_CODE,
    ];

    pub const BLOCK: BlockDef = BlockDef {
        name: "assume_role",
        text: "Assume a CAM role with STS `AssumeRole`, signed with the base credential. The \
               temporary credentials are refreshed before they expire. At most one block.",
        attributes: ATTRIBUTES,
    };
}

/// The role a keyless login (SAML, OIDC) logs in as: ARN and session name required.
pub const LOGIN_ROLE_ARN: AttrDef = ROLE_ARN
    .env_required(env::ASSUME_ROLE_ARN)
    .text("ARN of the CAM role to log in as.");
pub const LOGIN_SESSION_NAME: AttrDef = SESSION_NAME
    .env_required(env::ASSUME_ROLE_SESSION_NAME)
    .text("Session name of the role.");

/// `assume_role_with_saml`: STS `AssumeRoleWithSAML`, unsigned.
pub mod saml {
    use super::*;

    pub const SAML_ASSERTION: AttrDef = AttrDef::optional("saml_assertion", Kind::String)
        .checks(&[&Check::NoSurroundingWhitespace])
        .env_required(env::ASSUME_ROLE_SAML_ASSERTION)
        .sensitive()
        .text("The base64 SAML assertion from the identity provider, at most 256 KiB.");
    pub const PRINCIPAL_ARN: AttrDef = AttrDef::optional("principal_arn", Kind::String)
        .checks(&[&Check::NonEmpty])
        .env_required(env::ASSUME_ROLE_PRINCIPAL_ARN)
        .text("The SAML identity provider, `qcs::cam::uin/<uin>:saml-provider/<name>`.");
    pub const ATTRIBUTES: &[AttrDef] = &[
        SAML_ASSERTION,
        PRINCIPAL_ARN,
        LOGIN_ROLE_ARN,
        LOGIN_SESSION_NAME,
        SESSION_DURATION,
    ];

    pub const BLOCK: BlockDef = BlockDef {
        name: "assume_role_with_saml",
        text: "Log in as a CAM role with a SAML assertion (STS `AssumeRoleWithSAML`, sent \
               unsigned: no key is needed). Replaces any credential before it. Conflicts with \
               `assume_role_with_web_identity`. At most one block.",
        attributes: ATTRIBUTES,
    };
}

/// `assume_role_with_web_identity`: STS `AssumeRoleWithWebIdentity`, unsigned.
pub mod web_identity {
    use super::*;

    pub const PROVIDER_ID: AttrDef = AttrDef::optional("provider_id", Kind::String)
        .env(env::ASSUME_ROLE_PROVIDER_ID)
        .default("`OIDC`")
        .text("Name of the OIDC identity provider in CAM.");
    pub const WEB_IDENTITY_TOKEN: AttrDef = AttrDef::optional("web_identity_token", Kind::String)
        .checks(&[&Check::NoSurroundingWhitespace])
        .env(env::ASSUME_ROLE_WEB_IDENTITY_TOKEN)
        .sensitive()
        .text(
            "The OIDC token, at most 64 KiB. Wins over `web_identity_token_file`; one of them \
             is required.",
        );
    pub const WEB_IDENTITY_TOKEN_FILE: AttrDef =
        AttrDef::optional("web_identity_token_file", Kind::String)
            .checks(&[&Check::NonEmpty])
            .env(env::ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE)
            .text(
                "File holding the OIDC token: the token as text (as TKE and CI systems write \
                 it) or JSON `{\"web_identity_token\": \"...\"}` (the official provider's \
                 format). Read again on every refresh, since tokens rotate. It must be a \
                 regular file (a symlink to one is followed, as TKE mounts its token) of at \
                 most 64 KiB, and is given 10 s to be read.",
            );
    pub const ATTRIBUTES: &[AttrDef] = &[
        PROVIDER_ID,
        WEB_IDENTITY_TOKEN,
        WEB_IDENTITY_TOKEN_FILE,
        LOGIN_ROLE_ARN,
        LOGIN_SESSION_NAME,
        SESSION_DURATION,
    ];

    pub const BLOCK: BlockDef = BlockDef {
        name: "assume_role_with_web_identity",
        text: "Log in as a CAM role with an OIDC token (STS `AssumeRoleWithWebIdentity`, sent \
               unsigned: no key is needed). Replaces any credential before it. Conflicts with \
               `assume_role_with_saml`. At most one block.",
        attributes: ATTRIBUTES,
    };
}

/// `mfa_certification`: STS `GetSessionToken`.
pub mod mfa {
    use super::*;

    pub const SERIAL_NUMBER: AttrDef =
        super::SERIAL_NUMBER.env_required(env::MFA_CERTIFICATION_SERIAL_NUMBER);
    pub const TOKEN_CODE: AttrDef =
        super::TOKEN_CODE.env_required(env::MFA_CERTIFICATION_TOKEN_CODE);
    pub const DURATION_SECONDS: AttrDef = AttrDef::optional("duration_seconds", Kind::Number)
        .checks(&[&Check::between(0, MAX_MFA_DURATION).of(" of seconds")])
        .env(env::MFA_CERTIFICATION_DURATION_SECONDS)
        .default("`1800`")
        .text("Lifetime of the session credential in seconds (at most 7200 for a root account).");

    pub const ATTRIBUTES: &[AttrDef] = &[SERIAL_NUMBER, TOKEN_CODE, DURATION_SECONDS];

    pub const BLOCK: BlockDef = BlockDef {
        name: "mfa_certification",
        text: "Pass an MFA check with STS `GetSessionToken`, signed with the credential before \
               it; the session credential it returns signs every call after. At most one \
               block.",
        attributes: ATTRIBUTES,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn described_defaults_are_the_real_ones() {
        let duration = format!("`{}`", defaults::SESSION_DURATION);
        assert_eq!(SESSION_DURATION.default, Some(duration.as_str()));
        let name = format!("`{}`", defaults::SESSION_NAME);
        assert_eq!(assume_role::SESSION_NAME.default, Some(name.as_str()));
    }

    /// The size limits the descriptions quote are the ones the client enforces.
    #[test]
    fn described_limits_are_the_real_ones() {
        use tencentcloud_client::credentials::{
            SAML_ASSERTION_MAX_BYTES, WEB_IDENTITY_TOKEN_MAX_BYTES,
        };
        use tencentcloud_client::local_file::LOCAL_READ_TIMEOUT;
        let kib = |bytes: u64| format!("at most {} KiB", bytes / 1024);
        let token = kib(WEB_IDENTITY_TOKEN_MAX_BYTES);
        assert!(web_identity::WEB_IDENTITY_TOKEN.text.contains(&token));
        assert!(web_identity::WEB_IDENTITY_TOKEN_FILE.text.contains(&token));
        let seconds = format!("{} s", LOCAL_READ_TIMEOUT.as_secs());
        assert!(web_identity::WEB_IDENTITY_TOKEN_FILE
            .text
            .contains(&seconds));
        let saml = kib(SAML_ASSERTION_MAX_BYTES);
        assert!(saml::SAML_ASSERTION.text.contains(&saml));
    }
}
