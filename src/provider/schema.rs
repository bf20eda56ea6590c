//! The `provider "gaap"` block's schema, in a fixed order so that `GetSchema`
//! answers are byte-for-byte stable (and can be golden files), and helpers the data
//! sources' schemas share.

use crate::protocol::{Attribute, Block, DescriptionKind, NestedBlock, Nesting, Schema, Type};

use super::defaults;
use super::spec;

/// Provider attribute and block names (defined with their validators in `spec`).
pub use super::spec::attr as provider_attr;

/// A block with a markdown description.
pub(crate) fn markdown_block(description: &str, attributes: Vec<Attribute>) -> Block {
    Block {
        attributes,
        block_types: Vec::new(),
        description: description.to_owned(),
        description_kind: DescriptionKind::Markdown,
        deprecated: false,
    }
}

/// The `provider "gaap"` block.
pub fn provider_schema() -> Schema {
    use provider_attr as a;
    let attributes = vec![
        Attribute::optional(a::SECRET_ID, Type::String).description(&format!(
            "{} Can also be set with the `{}` environment variable. Must be given together \
             with `secret_key`.",
            spec::SECRET_ID.describe("Tencent Cloud API key id (`SecretId`)."),
            super::env::SECRET_ID
        )),
        Attribute::optional(a::SECRET_KEY, Type::String)
            .sensitive()
            .description(&format!(
                "{} Can also be set with the `{}` environment variable. Must be given together \
                 with `secret_id`.",
                spec::SECRET_KEY.describe("Tencent Cloud API key secret (`SecretKey`)."),
                super::env::SECRET_KEY
            )),
        Attribute::optional(a::SECURITY_TOKEN, Type::String)
            .sensitive()
            .description(&format!(
                "{} Can also be set with the `{}` environment variable.",
                spec::SECURITY_TOKEN
                    .describe("Token of temporary credentials, sent as the `X-TC-Token` header."),
                super::env::SECURITY_TOKEN
            )),
        Attribute::optional(a::REGION, Type::String).description(&format!(
            "{} GAAP does not need one; the header is sent only when a region is set. Can also \
             be set with the `{}` environment variable, or comes from the profile's \
             `.configure` file.",
            spec::REGION.describe("Region sent as `X-TC-Region` (for example `ap-guangzhou`)."),
            super::env::REGION
        )),
        Attribute::optional(a::DOMAIN, Type::String).description(&format!(
            "{} Defaults to `{}` (giving `https://gaap.{}`); use `tencentcloudapi.com` for the \
             China site. Can also be set with the `{}` environment variable. Ignored when \
             `endpoint` is set.",
            spec::DOMAIN.describe("Root domain of the API."),
            defaults::DOMAIN,
            defaults::DOMAIN,
            super::env::DOMAIN
        )),
        Attribute::optional(a::ENDPOINT, Type::String).description(&format!(
            "{} Wins over `domain`. `http://` is for the bundled emulator and tests. Can also \
             be set with the `{}` environment variable.",
            spec::ENDPOINT.describe(
                "Full URL of the GAAP API, for example `https://gaap.tencentcloudapi.com`."
            ),
            super::env::GAAP_ENDPOINT
        )),
        Attribute::optional(a::PROFILE, Type::String).description(&format!(
            "{} Defaults to `{}`. Can also be set with the `{}` environment variable.",
            spec::PROFILE.describe("Profile name in the shared credentials directory."),
            defaults::PROFILE,
            super::env::PROFILE
        )),
        Attribute::optional(a::SHARED_CREDENTIALS_DIR, Type::String).description(&format!(
            "{} Defaults to `~/.tccli`. Can also be set with the `{}` environment variable.",
            spec::SHARED_CREDENTIALS_DIR.describe(
                "Directory of tccli's files: `<dir>/<profile>.credential` (JSON `secretId`, \
                 `secretKey`, `token`, optional `role-arn`, `role-session-name`) and \
                 `<dir>/<profile>.configure` (region at `_sys_param.region`)."
            ),
            super::env::SHARED_CREDENTIALS_DIR
        )),
        Attribute::optional(a::CAM_ROLE_NAME, Type::String).description(&format!(
            "Name of the CAM role of the CVM instance the provider runs on; its temporary \
             credentials come from the instance metadata service and are refreshed before they \
             expire. Can also be set with the `{}` environment variable.",
            super::env::CAM_ROLE_NAME
        )),
        Attribute::optional(a::REQUEST_TIMEOUT, Type::Number).description(&format!(
            "{} Defaults to `{}`. Can also be set with the `{}` environment variable.",
            spec::REQUEST_TIMEOUT.describe("Seconds to wait for each API attempt."),
            defaults::REQUEST_TIMEOUT_SECONDS,
            super::env::REQUEST_TIMEOUT
        )),
        Attribute::optional(a::MAX_RETRIES, Type::Number).description(&format!(
            "{} Defaults to `{}`. Can also be set with the `{}` environment variable.",
            spec::MAX_RETRIES.describe(&format!(
                "How many times a retryable failure (throttling, network errors, timeouts, HTTP \
                 errors, `ServiceUnavailable`, `ResourceUnavailable`; `InternalError` and \
                 `AuthFailure.SignatureExpire` at most once) is retried, with exponential \
                 backoff (at most 5 s between attempts). Throttling (`RequestLimitExceeded`) \
                 is moreover retried for up to {} minutes from the start of a call without \
                 counting, as the official provider retries throttled reads for 3 minutes; \
                 set that time with the `{}` environment variable (whole minutes, `0` turns it \
                 off). Terraform's stop (Ctrl-C) ends the waiting at once.",
                defaults::THROTTLE_RETRY_BUDGET.as_secs() / 60,
                super::env::READ_RETRY_TIMEOUT
            )),
            defaults::MAX_RETRIES,
            super::env::MAX_RETRIES
        )),
        Attribute::optional(a::RATE_LIMIT, Type::Number).description(&format!(
            "{} Defaults to `{}`, the API's documented limit. Can also be set with the `{}` \
             environment variable.",
            spec::RATE_LIMIT.describe(
                "Client-side limit of `CheckProxyCreate` requests per second, shared by every \
                 check in the provider process."
            ),
            defaults::RATE_LIMIT,
            super::env::RATE_LIMIT
        )),
        Attribute::optional(a::PROTOCOL, Type::String).description(&format!(
            "{} Accepted so that a block written for the official `tencentcloud` provider \
             works unchanged, but it changes nothing here: API calls to Tencent Cloud hosts \
             always use HTTPS (`HTTP` is accepted and ignored with a warning, since it would \
             send signed requests in clear text). Plain `http://` is only for a loopback \
             `endpoint` such as the emulator. Can also be set with the `{}` environment \
             variable.",
            spec::PROTOCOL.describe("The official provider's API protocol."),
            super::env::PROTOCOL
        )),
        Attribute::optional(a::COS_DOMAIN, Type::String).description(&format!(
            "The official provider's COS endpoint. Accepted so that a block written for the \
             official provider works unchanged, and ignored: this provider makes no COS \
             calls. Can also be set with the `{}` environment variable.",
            super::env::COS_DOMAIN
        )),
        Attribute::optional(a::ENABLE_POD_OIDC, Type::Bool).description(&format!(
            "Log in with the TKE pod's OIDC identity (STS `AssumeRoleWithWebIdentity`, \
             unsigned): the token file, role and identity provider come from the environment \
             variables `{}`, `{}`, `{}` and `{}`, which TKE sets for a pod whose service \
             account is bound to a CAM role; all four must be set. The token file is read \
             again on every refresh.",
            super::env::TKE_REGION,
            super::env::TKE_PROVIDER_ID,
            super::env::TKE_WEB_IDENTITY_TOKEN_FILE,
            super::env::TKE_ROLE_ARN
        )),
        Attribute::optional(a::ALLOWED_ACCOUNT_IDS, Type::Set(Box::new(Type::String))).description(
            &format!(
                "Account ids (root account uins) the credential may belong to. Before the \
                 first API call of the provider process, STS `GetCallerIdentity` is asked once \
                 for the credential's account; any other account stops every read with one \
                 error naming it, and no GAAP call is sent. Conflicts with `{}`.",
                a::FORBIDDEN_ACCOUNT_IDS
            ),
        ),
        Attribute::optional(a::FORBIDDEN_ACCOUNT_IDS, Type::Set(Box::new(Type::String)))
            .description(&format!(
                "Account ids the credential must not belong to, checked like `{}`. Conflicts \
                 with `{}`.",
                a::ALLOWED_ACCOUNT_IDS,
                a::ALLOWED_ACCOUNT_IDS
            )),
        Attribute::optional(a::EXPLAIN, Type::Bool).description(&format!(
            "Whether a `gaap_proxy_create_check` answering `0` is explained: its `reasons` and \
             `suggestions` are read from GAAP's catalogue (`DescribeAccessRegionsByDestRegion`, \
             at most one call per distinct origin, IP version and package in a run), and an \
             unknown region error adds \"did you mean\" from it. Defaults to `{}`; `false` \
             makes no catalogue call and leaves `reasons` and `suggestions` empty.",
            defaults::EXPLAIN
        )),
    ];
    let mut block = markdown_block(
        "The `gaap` provider checks with Tencent Cloud Global Application Acceleration \
         Platform (GAAP) whether acceleration connections can be created. Every argument is \
         optional; a value in the configuration wins over its environment variable. \
         Credentials are resolved in the official `tencentcloud` provider's order (see the \
         provider page): `secret_id`/`secret_key` or the shared profile, replaced by the CVM \
         role when `cam_role_name` is set, then the profile's role, the environment's role, \
         `assume_role`, `assume_role_with_saml`, `assume_role_with_web_identity`, MFA and \
         `enable_pod_oidc`, each on top of the one before.",
        attributes,
    );
    block.block_types.push(assume_role_block());
    block.block_types.push(saml_block());
    block.block_types.push(web_identity_block());
    block.block_types.push(mfa_block());
    Schema { version: 0, block }
}

fn assume_role_block() -> NestedBlock {
    use provider_attr as a;
    let attributes = vec![
        Attribute::optional(a::ROLE_ARN, Type::String).description(&format!(
            "{} Required here or in the `{}` environment variable (the official provider's \
             default for it).",
            spec::ROLE_ARN.describe(
                "ARN of the CAM role to assume, for example \
                 `qcs::cam::uin/100000000001:roleName/gaap-checker`."
            ),
            super::env::ASSUME_ROLE_ARN
        )),
        Attribute::optional(a::SESSION_NAME, Type::String).description(&format!(
            "{} Can also be set with the `{}` environment variable; defaults to `{}`.",
            spec::SESSION_NAME.describe("Session name of the assumed role."),
            super::env::ASSUME_ROLE_SESSION_NAME,
            defaults::SESSION_NAME
        )),
        Attribute::optional(a::SESSION_DURATION, Type::Number).description(&format!(
            "{} Defaults to `{}`. Credentials are refreshed before they expire. Can also be set \
             with the `{}` environment variable.",
            spec::SESSION_DURATION.describe("Lifetime of the temporary credentials in seconds."),
            defaults::SESSION_DURATION,
            super::env::ASSUME_ROLE_SESSION_DURATION
        )),
        Attribute::optional(a::POLICY, Type::String).description(
            "A CAM policy document (JSON) that further restricts the assumed role's \
             permissions for this session.",
        ),
        // Not sensitive: an external id guards against the confused-deputy problem and is
        // not a secret (the official provider does not mark it either).
        Attribute::optional(a::EXTERNAL_ID, Type::String).description(&format!(
            "External id the role's trust policy requires. Can also be set with the `{}` \
             environment variable.",
            super::env::ASSUME_ROLE_EXTERNAL_ID
        )),
        Attribute::optional(a::SOURCE_IDENTITY, Type::String).description(&format!(
            "Caller identity (uin) carried into the session as `SourceIdentity`. Can also be \
             set with the `{}` environment variable.",
            super::env::ASSUME_ROLE_SOURCE_IDENTITY
        )),
        Attribute::optional(a::SERIAL_NUMBER, Type::String).description(&format!(
            "{} With `token_code`, AssumeRole passes an MFA check. Can also be set with the \
             `{}` environment variable.",
            spec::SERIAL_NUMBER
                .describe("MFA device of the calling CAM user, `qcs::cam:uin/<uin>::mfa/<type>`."),
            super::env::ASSUME_ROLE_SERIAL_NUMBER
        )),
        Attribute::optional(a::TOKEN_CODE, Type::String)
            .sensitive()
            .description(&format!(
                "The MFA device's current code. Can also be set with the `{}` environment \
                 variable.",
                super::env::ASSUME_ROLE_TOKEN_CODE
            )),
    ];
    NestedBlock {
        type_name: a::ASSUME_ROLE.to_owned(),
        block: markdown_block(
            "Assume a CAM role with STS `AssumeRole`, signed with the base credential. The \
             temporary credentials are refreshed before they expire. At most one block.",
            attributes,
        ),
        nesting: Nesting::List,
        min_items: 0,
        max_items: 1,
    }
}

fn list_block(name: &str, description: &str, attributes: Vec<Attribute>) -> NestedBlock {
    NestedBlock {
        type_name: name.to_owned(),
        block: markdown_block(description, attributes),
        nesting: Nesting::List,
        min_items: 0,
        max_items: 1,
    }
}

fn role_attributes(action: &str) -> Vec<Attribute> {
    use provider_attr as a;
    vec![
        Attribute::optional(a::ROLE_ARN, Type::String).description(&format!(
            "{} Required here or in the `{}` environment variable.",
            spec::ROLE_ARN.describe("ARN of the CAM role to log in as."),
            super::env::ASSUME_ROLE_ARN
        )),
        Attribute::optional(a::SESSION_NAME, Type::String).description(&format!(
            "{} Required here or in the `{}` environment variable.",
            spec::SESSION_NAME.describe("Session name of the role."),
            super::env::ASSUME_ROLE_SESSION_NAME
        )),
        Attribute::optional(a::SESSION_DURATION, Type::Number).description(&format!(
            "{} Defaults to `{}`; credentials are refreshed (another `{action}`) before they \
             expire. Can also be set with the `{}` environment variable.",
            spec::SESSION_DURATION.describe("Lifetime of the temporary credentials in seconds."),
            defaults::SESSION_DURATION,
            super::env::ASSUME_ROLE_SESSION_DURATION
        )),
    ]
}

fn saml_block() -> NestedBlock {
    use provider_attr as a;
    let mut attributes = vec![
        Attribute::optional(a::SAML_ASSERTION, Type::String)
            .sensitive()
            .description(&format!(
                "The base64 SAML assertion from the identity provider. Required here or in \
                 the `{}` environment variable.",
                super::env::ASSUME_ROLE_SAML_ASSERTION
            )),
        Attribute::optional(a::PRINCIPAL_ARN, Type::String).description(&format!(
            "{} Required here or in the `{}` environment variable.",
            spec::PRINCIPAL_ARN.describe(
                "The SAML identity provider, `qcs::cam::uin/<uin>:saml-provider/<name>`."
            ),
            super::env::ASSUME_ROLE_PRINCIPAL_ARN
        )),
    ];
    attributes.extend(role_attributes("AssumeRoleWithSAML"));
    list_block(
        a::ASSUME_ROLE_WITH_SAML,
        "Log in as a CAM role with a SAML assertion (STS `AssumeRoleWithSAML`, sent \
         unsigned: no key is needed). Replaces any credential before it. Conflicts with \
         `assume_role_with_web_identity`. At most one block.",
        attributes,
    )
}

fn web_identity_block() -> NestedBlock {
    use provider_attr as a;
    let mut attributes = vec![
        Attribute::optional(a::PROVIDER_ID, Type::String).description(&format!(
            "Name of the OIDC identity provider in CAM. Defaults to `OIDC`. Can also be set \
             with the `{}` environment variable.",
            super::env::ASSUME_ROLE_PROVIDER_ID
        )),
        Attribute::optional(a::WEB_IDENTITY_TOKEN, Type::String)
            .sensitive()
            .description(&format!(
                "The OIDC token. Wins over `web_identity_token_file`; one of them is required. \
                 Can also be set with the `{}` environment variable.",
                super::env::ASSUME_ROLE_WEB_IDENTITY_TOKEN
            )),
        Attribute::optional(a::WEB_IDENTITY_TOKEN_FILE, Type::String).description(&format!(
            "File holding the OIDC token: the token as text (as TKE and CI systems write it) \
             or JSON `{{\"web_identity_token\": \"...\"}}` (the official provider's format). \
             Read again on every refresh, since tokens rotate. Can also be set with the `{}` \
             environment variable.",
            super::env::ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE
        )),
    ];
    attributes.extend(role_attributes("AssumeRoleWithWebIdentity"));
    list_block(
        a::ASSUME_ROLE_WITH_WEB_IDENTITY,
        "Log in as a CAM role with an OIDC token (STS `AssumeRoleWithWebIdentity`, sent \
         unsigned: no key is needed). Replaces any credential before it. Conflicts with \
         `assume_role_with_saml`. At most one block.",
        attributes,
    )
}

fn mfa_block() -> NestedBlock {
    use provider_attr as a;
    let attributes = vec![
        Attribute::optional(a::SERIAL_NUMBER, Type::String).description(&format!(
            "{} Required here or in the `{}` environment variable.",
            spec::SERIAL_NUMBER
                .describe("MFA device of the calling CAM user, `qcs::cam:uin/<uin>::mfa/<type>`."),
            super::env::MFA_CERTIFICATION_SERIAL_NUMBER
        )),
        Attribute::optional(a::TOKEN_CODE, Type::String)
            .sensitive()
            .description(&format!(
                "The MFA device's current code. Required here or in the `{}` environment \
                 variable.",
                super::env::MFA_CERTIFICATION_TOKEN_CODE
            )),
        Attribute::optional(a::DURATION_SECONDS, Type::Number).description(&format!(
            "{} Defaults to `1800`. Can also be set with the `{}` environment variable.",
            spec::DURATION_SECONDS.describe(
                "Lifetime of the session credential in seconds (at most 7200 for a root \
                 account)."
            ),
            super::env::MFA_CERTIFICATION_DURATION_SECONDS
        )),
    ];
    list_block(
        a::MFA_CERTIFICATION,
        "Pass an MFA check with STS `GetSessionToken`, signed with the credential before it; \
         the session credential it returns signs every call after. At most one block.",
        attributes,
    )
}

/// `` `a`, `b` or `c` ``: an allowed-values list for descriptions.
pub fn quoted_list(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Attribute;
    use crate::provider::test_support::assert_well_formed;

    fn names(attrs: &[Attribute]) -> Vec<&str> {
        attrs.iter().map(|a| a.name.as_str()).collect()
    }

    fn find<'a>(attrs: &'a [Attribute], name: &str) -> &'a Attribute {
        attrs
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("no attribute {name}"))
    }

    #[test]
    fn provider_schema_has_contract_attributes_in_order() {
        let schema = provider_schema();
        assert_eq!(schema.version, 0);
        assert_eq!(
            names(&schema.block.attributes),
            [
                "secret_id",
                "secret_key",
                "security_token",
                "region",
                "domain",
                "endpoint",
                "profile",
                "shared_credentials_dir",
                "cam_role_name",
                "request_timeout",
                "max_retries",
                "rate_limit",
                "protocol",
                "cos_domain",
                "enable_pod_oidc",
                "allowed_account_ids",
                "forbidden_account_ids",
                "explain"
            ]
        );
        for a in &schema.block.attributes {
            assert!(a.optional && !a.required && !a.computed, "{}", a.name);
            let sensitive = matches!(a.name.as_str(), "secret_key" | "security_token");
            assert_eq!(a.sensitive, sensitive, "{}", a.name);
            let number = matches!(
                a.name.as_str(),
                "request_timeout" | "max_retries" | "rate_limit"
            );
            assert_eq!(a.ty == Type::Number, number, "{}", a.name);
            let other = match a.name.as_str() {
                "enable_pod_oidc" | "explain" => a.ty == Type::Bool,
                "allowed_account_ids" | "forbidden_account_ids" => {
                    a.ty == Type::Set(Box::new(Type::String))
                }
                _ => a.ty == Type::String,
            };
            assert!(number || other, "{}", a.name);
        }
        assert_well_formed(&schema.block, "provider");
    }

    #[test]
    fn assume_role_is_a_list_block_of_at_most_one() {
        let schema = provider_schema();
        let blocks: Vec<&str> = schema
            .block
            .block_types
            .iter()
            .map(|b| b.type_name.as_str())
            .collect();
        assert_eq!(
            blocks,
            [
                "assume_role",
                "assume_role_with_saml",
                "assume_role_with_web_identity",
                "mfa_certification"
            ]
        );
        for b in &schema.block.block_types {
            assert_eq!((b.nesting, b.min_items, b.max_items), (Nesting::List, 0, 1));
            for a in &b.block.attributes {
                let secret = matches!(
                    a.name.as_str(),
                    "token_code" | "saml_assertion" | "web_identity_token"
                );
                assert_eq!(a.sensitive, secret, "{}.{}", b.type_name, a.name);
            }
        }
        let b = &schema.block.block_types[0];
        assert_eq!(b.type_name, "assume_role");
        assert_eq!((b.nesting, b.min_items, b.max_items), (Nesting::List, 0, 1));
        let attrs = &b.block.attributes;
        assert_eq!(
            names(attrs),
            [
                "role_arn",
                "session_name",
                "session_duration",
                "policy",
                "external_id",
                "source_identity",
                "serial_number",
                "token_code"
            ]
        );
        // Optional in the schema: the environment variables may give them, as the
        // official provider's defaults do; a missing ARN is an error in Configure.
        assert!(find(attrs, "role_arn").optional);
        assert!(find(attrs, "session_name").optional);
        let duration = find(attrs, "session_duration");
        assert!(duration.optional);
        assert_eq!(duration.ty, Type::Number);
        assert!(find(attrs, "policy").optional);
        assert!(find(attrs, "external_id").optional);
    }

    #[test]
    fn descriptions_mention_env_vars_and_defaults() {
        let schema = provider_schema();
        let d = |n: &str| find(&schema.block.attributes, n).description.clone();
        assert!(d("secret_id").contains("TENCENTCLOUD_SECRET_ID"));
        assert!(d("domain").contains("intl.tencentcloudapi.com"));
        assert!(d("rate_limit").contains("`20`"));
        assert!(d("endpoint").contains("TENCENTCLOUD_GAAP_ENDPOINT"));
    }

    #[test]
    fn descriptions_quote_the_validators() {
        let schema = provider_schema();
        let d = |n: &str| find(&schema.block.attributes, n).description.clone();
        assert!(d("request_timeout")
            .contains("the value must be a number of seconds between 0.001 and 3600."));
        assert!(d("max_retries").contains("the value must be a whole number between 0 and 100."));
        let role = &schema.block.block_types[0].block.attributes;
        assert!(find(role, "session_duration")
            .description
            .contains("whole number of seconds between 0 and 43200"));
    }

    #[test]
    fn quoted_list_joins_with_or() {
        assert_eq!(quoted_list(&[]), "");
        assert_eq!(quoted_list(&["a"]), "`a`");
        assert_eq!(quoted_list(&["a", "b", "c"]), "`a`, `b` or `c`");
    }
}
