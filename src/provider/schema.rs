//! The provider and data source schemas, built once, in a fixed order so that
//! `GetSchema` answers are byte-for-byte stable (and can be golden files).

use std::collections::BTreeMap;

use crate::protocol::{
    Attribute, Block, DescriptionKind, NestedBlock, Nesting, ProviderSchemas, Schema, Type,
};

use super::defaults;

/// The data source's full type name (provider type name `gaap` + `_proxy_create_check`).
pub const PROXY_CREATE_CHECK: &str = "gaap_proxy_create_check";

/// Provider attribute and block names (fixed by the contract).
pub mod provider_attr {
    pub const SECRET_ID: &str = "secret_id";
    pub const SECRET_KEY: &str = "secret_key";
    pub const SECURITY_TOKEN: &str = "security_token";
    pub const REGION: &str = "region";
    pub const DOMAIN: &str = "domain";
    pub const ENDPOINT: &str = "endpoint";
    pub const PROFILE: &str = "profile";
    pub const SHARED_CREDENTIALS_DIR: &str = "shared_credentials_dir";
    pub const CAM_ROLE_NAME: &str = "cam_role_name";
    pub const REQUEST_TIMEOUT: &str = "request_timeout";
    pub const MAX_RETRIES: &str = "max_retries";
    pub const RATE_LIMIT: &str = "rate_limit";
    pub const ASSUME_ROLE: &str = "assume_role";
    pub const ROLE_ARN: &str = "role_arn";
    pub const SESSION_NAME: &str = "session_name";
    pub const SESSION_DURATION: &str = "session_duration";
    pub const POLICY: &str = "policy";
    pub const EXTERNAL_ID: &str = "external_id";
}

/// `gaap_proxy_create_check` attribute names (fixed by the contract).
pub mod check_attr {
    pub const ACCESS_REGION: &str = "access_region";
    pub const REAL_SERVER_REGION: &str = "real_server_region";
    pub const BANDWIDTH: &str = "bandwidth";
    pub const CONCURRENT: &str = "concurrent";
    pub const GROUP_ID: &str = "group_id";
    pub const IP_ADDRESS_VERSION: &str = "ip_address_version";
    pub const NETWORK_TYPE: &str = "network_type";
    pub const PACKAGE_TYPE: &str = "package_type";
    pub const HTTP3_SUPPORTED: &str = "http3_supported";
    pub const RESULT_OUTPUT_FILE: &str = "result_output_file";
    pub const CHECK_FLAG: &str = "check_flag";
    pub const REQUEST_ID: &str = "request_id";
    pub const ID: &str = "id";
}

/// Allowed values of the data source's enum arguments (the API's documented values).
pub const IP_ADDRESS_VERSIONS: &[&str] = &["IPv4", "IPv6"];
pub const NETWORK_TYPES: &[&str] = &["normal", "cn2"];
pub const PACKAGE_TYPES: &[&str] = &["Thunder", "Accelerator", "CrossBorder"];

/// Every schema this provider reports.
pub fn provider_schemas() -> ProviderSchemas {
    let mut data_sources = BTreeMap::new();
    data_sources.insert(PROXY_CREATE_CHECK.to_owned(), proxy_create_check_schema());
    ProviderSchemas {
        provider: provider_schema(),
        data_sources,
    }
}

fn markdown_block(description: &str, attributes: Vec<Attribute>) -> Block {
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
            "Tencent Cloud API key id (`SecretId`). Can also be set with the `{}` environment \
             variable. Must be given together with `secret_key`.",
            super::env::SECRET_ID
        )),
        Attribute::optional(a::SECRET_KEY, Type::String)
            .sensitive()
            .description(&format!(
                "Tencent Cloud API key secret (`SecretKey`). Can also be set with the `{}` \
                 environment variable. Must be given together with `secret_id`.",
                super::env::SECRET_KEY
            )),
        Attribute::optional(a::SECURITY_TOKEN, Type::String)
            .sensitive()
            .description(&format!(
                "Token of temporary credentials, sent as the `X-TC-Token` header. Can also be set \
                 with the `{}` environment variable.",
                super::env::SECURITY_TOKEN
            )),
        Attribute::optional(a::REGION, Type::String).description(&format!(
            "Region sent as `X-TC-Region` (for example `ap-guangzhou`). GAAP does not need one; \
             the header is sent only when a region is set. Can also be set with the `{}` \
             environment variable, or comes from the profile's `.configure` file.",
            super::env::REGION
        )),
        Attribute::optional(a::DOMAIN, Type::String).description(&format!(
            "Root domain of the API. Defaults to `{}` (giving `https://gaap.{}`); use \
             `tencentcloudapi.com` for the China site. Can also be set with the `{}` environment \
             variable. Ignored when `endpoint` is set.",
            defaults::DOMAIN,
            defaults::DOMAIN,
            super::env::DOMAIN
        )),
        Attribute::optional(a::ENDPOINT, Type::String).description(&format!(
            "Full URL of the GAAP API, for example `https://gaap.tencentcloudapi.com`. Wins over \
             `domain`. `http://` is allowed only for loopback hosts (the bundled emulator, \
             tests). Can also be set with the `{}` environment variable.",
            super::env::GAAP_ENDPOINT
        )),
        Attribute::optional(a::PROFILE, Type::String).description(&format!(
            "Profile name in the shared credentials directory. Defaults to `default`. Can also \
             be set with the `{}` environment variable.",
            super::env::PROFILE
        )),
        Attribute::optional(a::SHARED_CREDENTIALS_DIR, Type::String).description(&format!(
            "Directory of tccli's files: `<dir>/<profile>.credential` (JSON `secretId`, \
             `secretKey`, `token`, optional `role-arn`, `role-session-name`) and \
             `<dir>/<profile>.configure` (region at `_sys_param.region`). Defaults to `~/.tccli`. \
             Can also be set with the `{}` environment variable.",
            super::env::SHARED_CREDENTIALS_DIR
        )),
        Attribute::optional(a::CAM_ROLE_NAME, Type::String).description(&format!(
            "Name of the CAM role of the CVM instance the provider runs on; its temporary \
             credentials come from the instance metadata service and are refreshed before they \
             expire. Can also be set with the `{}` environment variable.",
            super::env::CAM_ROLE_NAME
        )),
        Attribute::optional(a::REQUEST_TIMEOUT, Type::Number).description(&format!(
            "Seconds to wait for each API attempt; greater than 0, at most 3600. Defaults to `{}`. Can also be \
             set with the `{}` environment variable.",
            defaults::REQUEST_TIMEOUT_SECONDS,
            super::env::REQUEST_TIMEOUT
        )),
        Attribute::optional(a::MAX_RETRIES, Type::Number).description(&format!(
            "How many times a retryable failure (throttling, network errors, timeouts, HTTP \
             errors, `ServiceUnavailable`, `ResourceUnavailable`; `InternalError` and \
             `AuthFailure.SignatureExpire` at most once) is retried, with exponential backoff; a whole number from 0 to 100. Defaults \
             to `{}`. Can also be set with the `{}` environment variable.",
            defaults::MAX_RETRIES,
            super::env::MAX_RETRIES
        )),
        Attribute::optional(a::RATE_LIMIT, Type::Number).description(&format!(
            "Client-side limit of `CheckProxyCreate` requests per second, shared by every check \
             in the provider process; greater than 0, at most 1000. Defaults to `{}`, the API's documented \
             limit. Can also be set with the `{}` environment variable.",
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
            "ARN of the CAM role to assume, for example `qcs::cam::uin/100000000001:roleName/\
             gaap-checker`. Can also be set with the `{}` environment variable.",
            super::env::ASSUME_ROLE_ARN
        )),
        Attribute::required(a::SESSION_NAME, Type::String).description(&format!(
            "Session name of the assumed role (2 to 128 characters of letters, digits and \
             `+=,.@_-`). Can also be set with the `{}` environment variable.",
            super::env::ASSUME_ROLE_SESSION_NAME
        )),
        Attribute::optional(a::SESSION_DURATION, Type::Number).description(&format!(
            "Lifetime of the temporary credentials in seconds, a whole number from 0 to {}. \
             Defaults to `{}`. Credentials are refreshed before they expire. Can also be set \
             with the `{}` environment variable.",
            defaults::MAX_SESSION_DURATION,
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

/// The `gaap_proxy_create_check` data source.
pub fn proxy_create_check_schema() -> Schema {
    use check_attr as a;
    let attributes = vec![
        Attribute::required(a::ACCESS_REGION, Type::String).description(
            "Access region of the connection (API parameter `AccessRegion`), for example \
             `SouthChina`. Letters, digits, `_` and `-`.",
        ),
        Attribute::required(a::REAL_SERVER_REGION, Type::String).description(
            "Origin server region of the connection (API parameter `RealServerRegion`), for \
             example `EastChina`. Letters, digits, `_` and `-`.",
        ),
        Attribute::required(a::BANDWIDTH, Type::Number).description(
            "Bandwidth cap of the connection in Mbps (API parameter `Bandwidth`); a whole \
             number, at least 1.",
        ),
        Attribute::required(a::CONCURRENT, Type::Number).description(
            "Concurrent connection cap in units of 10,000 connections (API parameter \
             `Concurrent`); a whole number, at least 1.",
        ),
        Attribute::optional(a::GROUP_ID, Type::String).description(
            "Id of the connection group the connection would join (API parameter `GroupId`).",
        ),
        Attribute::optional(a::IP_ADDRESS_VERSION, Type::String).description(&format!(
            "IP version of the connection (API parameter `IPAddressVersion`): {}.",
            quoted_list(IP_ADDRESS_VERSIONS)
        )),
        Attribute::optional(a::NETWORK_TYPE, Type::String).description(&format!(
            "Network type (API parameter `NetworkType`): {}.",
            quoted_list(NETWORK_TYPES)
        )),
        Attribute::optional(a::PACKAGE_TYPE, Type::String).description(&format!(
            "Package type of the connection (API parameter `PackageType`): {}.",
            quoted_list(PACKAGE_TYPES)
        )),
        Attribute::optional(a::HTTP3_SUPPORTED, Type::Number)
            .deprecated()
            .description(
                "Deprecated: the API ignores it. Whether the connection supports HTTP/3 (API \
                 parameter `Http3Supported`); sent unchanged when set.",
            ),
        Attribute::optional(a::RESULT_OUTPUT_FILE, Type::String).description(
            "Path of a file to also write the result to, as JSON with `check_flag`, \
             `request_id` and `access_region` (written atomically, mode 0600).",
        ),
        Attribute::computed(a::CHECK_FLAG, Type::Number).description(
            "`1` if a connection with this configuration can be created, `0` if not. `0` is an \
             answer, not an error.",
        ),
        Attribute::computed(a::REQUEST_ID, Type::String)
            .description("The API's `RequestId` of the check, for support tickets."),
        Attribute::computed(a::ID, Type::String)
            .description("Derived from the arguments only, so it is the same on every plan."),
    ];
    Schema {
        version: 0,
        block: markdown_block(
            "Asks Tencent Cloud GAAP (`CheckProxyCreate`) whether an acceleration connection \
             with the given regions, bandwidth and concurrency can be created. `check_flag` is \
             `1` when it can and `0` when it cannot.",
            attributes,
        ),
    }
}

/// `` `a`, `b` or `c` ``: an allowed-values list for descriptions.
pub(crate) fn quoted_list(values: &[&str]) -> String {
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

    fn names(attrs: &[Attribute]) -> Vec<&str> {
        attrs.iter().map(|a| a.name.as_str()).collect()
    }

    fn find<'a>(attrs: &'a [Attribute], name: &str) -> &'a Attribute {
        attrs
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("no attribute {name}"))
    }

    fn assert_well_formed(block: &Block, path: &str) {
        assert!(!block.description.is_empty(), "{path}: block description");
        for a in &block.attributes {
            let modes = [
                a.required,
                a.optional && !a.computed,
                a.computed && !a.optional,
            ];
            assert_eq!(
                modes.iter().filter(|m| **m).count(),
                1,
                "{path}.{}: exactly one of required/optional/computed",
                a.name
            );
            assert!(
                !(a.required && (a.optional || a.computed)),
                "{path}.{}",
                a.name
            );
            assert!(
                !a.description.trim().is_empty(),
                "{path}.{}: description",
                a.name
            );
            assert_eq!(a.description_kind, DescriptionKind::Markdown);
        }
        for b in &block.block_types {
            assert_well_formed(&b.block, &format!("{path}.{}", b.type_name));
        }
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
    fn data_source_schema_matches_contract() {
        let schema = proxy_create_check_schema();
        let attrs = &schema.block.attributes;
        let expected: &[(&str, Type, &str)] = &[
            ("access_region", Type::String, "required"),
            ("real_server_region", Type::String, "required"),
            ("bandwidth", Type::Number, "required"),
            ("concurrent", Type::Number, "required"),
            ("group_id", Type::String, "optional"),
            ("ip_address_version", Type::String, "optional"),
            ("network_type", Type::String, "optional"),
            ("package_type", Type::String, "optional"),
            ("http3_supported", Type::Number, "optional"),
            ("result_output_file", Type::String, "optional"),
            ("check_flag", Type::Number, "computed"),
            ("request_id", Type::String, "computed"),
            ("id", Type::String, "computed"),
        ];
        assert_eq!(attrs.len(), expected.len());
        for (attr, (name, ty, mode)) in attrs.iter().zip(expected) {
            assert_eq!(attr.name, *name);
            assert_eq!(attr.ty, *ty, "{name}");
            let got = match (attr.required, attr.optional, attr.computed) {
                (true, false, false) => "required",
                (false, true, false) => "optional",
                (false, false, true) => "computed",
                other => panic!("{name}: {other:?}"),
            };
            assert_eq!(got, *mode, "{name}");
            assert_eq!(attr.deprecated, *name == "http3_supported", "{name}");
            assert!(!attr.sensitive, "{name}");
        }
        assert!(schema.block.block_types.is_empty());
        assert_well_formed(&schema.block, PROXY_CREATE_CHECK);
    }

    #[test]
    fn schemas_are_deterministic_and_name_the_data_source() {
        let a = provider_schemas();
        assert_eq!(a, provider_schemas());
        assert_eq!(
            a.data_sources.keys().collect::<Vec<_>>(),
            ["gaap_proxy_create_check"]
        );
    }

    #[test]
    fn descriptions_mention_env_vars_and_defaults() {
        let schema = provider_schema();
        let d = |n: &str| find(&schema.block.attributes, n).description.clone();
        assert!(d("secret_id").contains("TENCENTCLOUD_SECRET_ID"));
        assert!(d("domain").contains("intl.tencentcloudapi.com"));
        assert!(d("rate_limit").contains("`20`"));
        assert!(d("endpoint").contains("TENCENTCLOUD_GAAP_ENDPOINT"));
        let ds = proxy_create_check_schema();
        let pkg = find(&ds.block.attributes, "package_type");
        assert!(pkg
            .description
            .contains("`Thunder`, `Accelerator` or `CrossBorder`"));
    }

    #[test]
    fn quoted_list_joins_with_or() {
        assert_eq!(quoted_list(&[]), "");
        assert_eq!(quoted_list(&["a"]), "`a`");
        assert_eq!(quoted_list(&["a", "b", "c"]), "`a`, `b` or `c`");
    }
}
