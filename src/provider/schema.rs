//! The `provider "gaap"` block's schema, built from its attribute tables (`spec`,
//! `login_blocks`) in a fixed order so that `GetSchema` answers are byte-for-byte
//! stable (and can be golden files), and helpers the data sources' schemas share.

use crate::protocol::{Block, DescriptionKind, NestedBlock, Nesting, Schema};

use super::spec;
use crate::protocol::decode::{schema_attributes, BlockDef};

/// A block with a markdown description.
pub(crate) fn markdown_block(
    description: &str,
    attributes: Vec<crate::protocol::Attribute>,
) -> Block {
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
    let mut block = markdown_block(spec::DESCRIPTION, schema_attributes(spec::ATTRIBUTES));
    block.block_types = spec::BLOCKS.iter().map(nested_block).collect();
    Schema { version: 0, block }
}

/// A nested login block: a list of at most one.
fn nested_block(def: &BlockDef) -> NestedBlock {
    NestedBlock {
        type_name: def.name.to_owned(),
        block: markdown_block(def.text, schema_attributes(def.attributes)),
        nesting: Nesting::List,
        min_items: 0,
        max_items: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{Attribute, Type};
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
}
