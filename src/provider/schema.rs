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
            spec::MAX_RETRIES.describe(
                "How many times a retryable failure (throttling, network errors, timeouts, HTTP \
                 errors, `ServiceUnavailable`, `ResourceUnavailable`; `InternalError` and \
                 `AuthFailure.SignatureExpire` at most once) is retried, with exponential \
                 backoff."
            ),
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
    ];
    let mut block = markdown_block(
        "The `gaap` provider checks with Tencent Cloud Global Application Acceleration \
         Platform (GAAP) whether acceleration connections can be created. Every argument is \
         optional; a value in the configuration wins over its environment variable. \
         Credentials are taken, in order, from `secret_id`/`secret_key` (or their environment \
         variables), the shared credentials profile, and the CVM instance role; `assume_role` \
         then assumes a role on top of that credential.",
        attributes,
    );
    block.block_types.push(assume_role_block());
    Schema { version: 0, block }
}

fn assume_role_block() -> NestedBlock {
    use provider_attr as a;
    let attributes = vec![
        Attribute::required(a::ROLE_ARN, Type::String).description(&format!(
            "{} Can also be set with the `{}` environment variable.",
            spec::ROLE_ARN.describe(
                "ARN of the CAM role to assume, for example \
                 `qcs::cam::uin/100000000001:roleName/gaap-checker`."
            ),
            super::env::ASSUME_ROLE_ARN
        )),
        Attribute::required(a::SESSION_NAME, Type::String).description(&format!(
            "{} Can also be set with the `{}` environment variable.",
            spec::SESSION_NAME.describe("Session name of the assumed role."),
            super::env::ASSUME_ROLE_SESSION_NAME
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
                "rate_limit"
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
            assert!(number || a.ty == Type::String, "{}", a.name);
        }
        assert_well_formed(&schema.block, "provider");
    }

    #[test]
    fn assume_role_is_a_list_block_of_at_most_one() {
        let schema = provider_schema();
        assert_eq!(schema.block.block_types.len(), 1);
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
                "external_id"
            ]
        );
        assert!(find(attrs, "role_arn").required);
        assert!(find(attrs, "session_name").required);
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
