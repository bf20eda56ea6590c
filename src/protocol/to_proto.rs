//! Conversions from the crate's protocol types to the generated tfplugin5 messages.
//!
//! Pure functions, no I/O: the service in [`super::server`] calls them after the
//! provider answered.

use super::diagnostics::PathStep;
use super::proto;
use super::{
    Attribute, AttributePath, Block, DeferredReason, DescriptionKind, Diagnostic, Diagnostics,
    NestedBlock, Nesting, Schema, Severity,
};
use crate::terminal_text::escape_controls;

/// A schema. `block` is always set: Terraform dereferences it without a nil check.
pub(crate) fn schema(schema: &Schema) -> proto::Schema {
    proto::Schema {
        version: schema.version,
        block: Some(block(&schema.block)),
    }
}

fn block(block: &Block) -> proto::schema::Block {
    proto::schema::Block {
        // Block.version is a leftover of protocol 5.0; Terraform reads Schema.version.
        version: 0,
        attributes: block.attributes.iter().map(attribute).collect(),
        block_types: block.block_types.iter().map(nested_block).collect(),
        description: block.description.clone(),
        description_kind: string_kind(block.description_kind) as i32,
        deprecated: block.deprecated,
        deprecation_message: String::new(),
    }
}

fn attribute(attribute: &Attribute) -> proto::schema::Attribute {
    proto::schema::Attribute {
        name: attribute.name.clone(),
        // cty type JSON; Terraform panics on bytes it cannot parse, so it is always
        // produced by `Type::to_json`.
        r#type: attribute.ty.to_json().to_string().into_bytes(),
        description: attribute.wire_description(),
        required: attribute.required,
        optional: attribute.optional,
        computed: attribute.computed,
        sensitive: attribute.sensitive,
        description_kind: string_kind(attribute.description_kind) as i32,
        deprecated: attribute.deprecated,
        write_only: false,
        deprecation_message: String::new(),
    }
}

fn nested_block(nested: &NestedBlock) -> proto::schema::NestedBlock {
    use proto::schema::nested_block::NestingMode;
    let nesting = match nested.nesting {
        Nesting::Single => NestingMode::Single,
        Nesting::List => NestingMode::List,
        Nesting::Set => NestingMode::Set,
        Nesting::Map => NestingMode::Map,
        Nesting::Group => NestingMode::Group,
    };
    proto::schema::NestedBlock {
        type_name: nested.type_name.clone(),
        block: Some(block(&nested.block)),
        nesting: nesting as i32,
        min_items: nested.min_items,
        max_items: nested.max_items,
    }
}

fn string_kind(kind: DescriptionKind) -> proto::StringKind {
    match kind {
        DescriptionKind::Plain => proto::StringKind::Plain,
        DescriptionKind::Markdown => proto::StringKind::Markdown,
    }
}

/// Diagnostics in order. Severity is always ERROR or WARNING (Terraform does not
/// count INVALID as an error).
pub(crate) fn diagnostics(diagnostics: &Diagnostics) -> Vec<proto::Diagnostic> {
    diagnostics.iter().map(diagnostic).collect()
}

pub(crate) fn diagnostic(diagnostic: &Diagnostic) -> proto::Diagnostic {
    let severity = match diagnostic.severity {
        Severity::Error => proto::diagnostic::Severity::Error,
        Severity::Warning => proto::diagnostic::Severity::Warning,
    };
    proto::Diagnostic {
        severity: severity as i32,
        // Details quote API answers and files: no control character reaches the
        // terminal Terraform prints them on.
        summary: escape_controls(&diagnostic.summary).into_owned(),
        detail: escape_controls(&diagnostic.detail).into_owned(),
        // An empty path would mean "the whole block" anyway; leave it unset then.
        attribute: diagnostic
            .attribute
            .as_ref()
            .filter(|path| !path.0.is_empty())
            .map(attribute_path),
    }
}

pub(crate) fn attribute_path(path: &AttributePath) -> proto::AttributePath {
    use proto::attribute_path::step::Selector;
    let steps = path
        .0
        .iter()
        .map(|step| proto::attribute_path::Step {
            selector: Some(match step {
                PathStep::Attribute(name) => Selector::AttributeName(name.clone()),
                PathStep::ElementKeyString(key) => Selector::ElementKeyString(key.clone()),
                PathStep::ElementKeyInt(index) => Selector::ElementKeyInt(*index),
            }),
        })
        .collect();
    proto::AttributePath { steps }
}

pub(crate) fn deferred(reason: DeferredReason) -> proto::Deferred {
    use proto::deferred::Reason;
    let reason = match reason {
        DeferredReason::ResourceConfigUnknown => Reason::ResourceConfigUnknown,
        DeferredReason::ProviderConfigUnknown => Reason::ProviderConfigUnknown,
        DeferredReason::AbsentPrereq => Reason::AbsentPrereq,
    };
    proto::Deferred {
        reason: reason as i32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Type;
    use proto::attribute_path::step::Selector;
    use proto::diagnostic::Severity as PSeverity;
    use proto::schema::nested_block::NestingMode;

    #[test]
    fn diagnostics_reach_terraform_without_control_characters() {
        let d = to_proto_diagnostic_of("Api \u{1b}[31mError", "line one\n\tbell\u{7} \u{9b}");
        assert_eq!(d.summary, "Api \\u{1b}[31mError");
        assert_eq!(d.detail, "line one\n\tbell\\u{7} \\u{9b}");
    }

    fn to_proto_diagnostic_of(summary: &str, detail: &str) -> proto::Diagnostic {
        diagnostic(&Diagnostic::error(summary, detail))
    }

    fn sample_schema() -> Schema {
        Schema {
            version: 2,
            block: Block {
                attributes: vec![
                    Attribute::required("name", Type::String).description("The name."),
                    Attribute::optional("tags", Type::Map(Box::new(Type::String))),
                    Attribute::computed("secret", Type::String).sensitive(),
                    Attribute::optional("old", Type::Bool).deprecated(),
                ],
                block_types: vec![NestedBlock {
                    type_name: "rule".into(),
                    block: Block {
                        attributes: vec![Attribute::required("port", Type::Number)],
                        ..Block::default()
                    },
                    nesting: Nesting::List,
                    min_items: 1,
                    max_items: 3,
                }],
                description: "A thing.".into(),
                description_kind: DescriptionKind::Plain,
                deprecated: true,
            },
        }
    }

    #[test]
    fn schema_keeps_order_flags_and_type_json() {
        let out = schema(&sample_schema());
        assert_eq!(out.version, 2);
        let b = out.block.expect("block is always set");
        assert_eq!(b.version, 0);
        assert_eq!(b.description, "A thing.");
        assert_eq!(b.description_kind, proto::StringKind::Plain as i32);
        assert!(b.deprecated);

        let names: Vec<_> = b.attributes.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["name", "tags", "secret", "old"]);

        // (name, type JSON, required, optional, computed, sensitive, deprecated)
        let table = [
            ("name", r#""string""#, true, false, false, false, false),
            (
                "tags",
                r#"["map","string"]"#,
                false,
                true,
                false,
                false,
                false,
            ),
            ("secret", r#""string""#, false, false, true, true, false),
            ("old", r#""bool""#, false, true, false, false, true),
        ];
        for (a, want) in b.attributes.iter().zip(table) {
            let got = (
                a.name.as_str(),
                std::str::from_utf8(&a.r#type).expect("utf-8"),
                a.required,
                a.optional,
                a.computed,
                a.sensitive,
                a.deprecated,
            );
            assert_eq!(got, want);
            assert!(!a.write_only);
        }
        assert_eq!(b.attributes[0].description, "The name.");
        assert_eq!(
            b.attributes[0].description_kind,
            proto::StringKind::Markdown as i32
        );

        assert_eq!(b.block_types.len(), 1);
        let nb = &b.block_types[0];
        assert_eq!(nb.type_name, "rule");
        assert_eq!(nb.nesting, NestingMode::List as i32);
        assert_eq!((nb.min_items, nb.max_items), (1, 3));
        let inner = nb.block.as_ref().expect("nested block is set");
        assert_eq!(inner.attributes[0].r#type, b"\"number\"");
    }

    #[test]
    fn empty_schema_still_has_a_block() {
        let out = schema(&Schema {
            version: 0,
            block: Block::default(),
        });
        assert!(out.block.is_some());
    }

    #[test]
    fn nesting_modes_map_one_to_one() {
        let table = [
            (Nesting::Single, NestingMode::Single),
            (Nesting::List, NestingMode::List),
            (Nesting::Set, NestingMode::Set),
            (Nesting::Map, NestingMode::Map),
            (Nesting::Group, NestingMode::Group),
        ];
        for (nesting, want) in table {
            let out = nested_block(&NestedBlock {
                type_name: "b".into(),
                block: Block::default(),
                nesting,
                min_items: 0,
                max_items: 0,
            });
            assert_eq!(out.nesting, want as i32, "{nesting:?}");
        }
    }

    #[test]
    fn object_type_json_is_sorted() {
        let mut attrs = std::collections::BTreeMap::new();
        attrs.insert("z".to_owned(), Type::Number);
        attrs.insert("a".to_owned(), Type::List(Box::new(Type::Bool)));
        let out = attribute(&Attribute::optional("o", Type::Object(attrs)));
        assert_eq!(
            out.r#type,
            br#"["object",{"a":["list","bool"],"z":"number"}]"#
        );
    }

    /// The steps of a diagnostic's attribute path.
    fn selectors(d: &proto::Diagnostic) -> Vec<Option<Selector>> {
        let path = d.attribute.as_ref().expect("path");
        path.steps.iter().map(|s| s.selector.clone()).collect()
    }

    #[test]
    fn diagnostics_keep_severity_text_and_paths() {
        let mut diags = Diagnostics::new();
        diags.add_error("Bad Thing", "whole block");
        diags.add_attribute_warning(
            AttributePath::attribute("rule").index(2).attr("port"),
            "Odd Port",
            "port 1 is odd",
        );
        diags.push(Diagnostic {
            severity: Severity::Error,
            summary: "Map Key".into(),
            detail: String::new(),
            attribute: Some(AttributePath(vec![
                PathStep::Attribute("tags".into()),
                PathStep::ElementKeyString("env".into()),
            ])),
        });
        diags.push(Diagnostic {
            severity: Severity::Warning,
            summary: "Empty Path".into(),
            detail: String::new(),
            attribute: Some(AttributePath::default()),
        });

        let out = diagnostics(&diags);
        let severities: Vec<_> = out.iter().map(|d| d.severity).collect();
        assert_eq!(
            severities,
            [
                PSeverity::Error as i32,
                PSeverity::Warning as i32,
                PSeverity::Error as i32,
                PSeverity::Warning as i32
            ]
        );
        assert_eq!(out[0].summary, "Bad Thing");
        assert_eq!(out[0].detail, "whole block");
        assert!(out[0].attribute.is_none());

        assert_eq!(
            selectors(&out[1]),
            [
                Some(Selector::AttributeName("rule".into())),
                Some(Selector::ElementKeyInt(2)),
                Some(Selector::AttributeName("port".into())),
            ]
        );
        assert_eq!(
            selectors(&out[2]),
            [
                Some(Selector::AttributeName("tags".into())),
                Some(Selector::ElementKeyString("env".into())),
            ]
        );
        assert!(out[3].attribute.is_none(), "empty path means whole block");
    }

    #[test]
    fn deferred_reasons() {
        use proto::deferred::Reason;
        let table = [
            (
                DeferredReason::ResourceConfigUnknown,
                Reason::ResourceConfigUnknown,
            ),
            (
                DeferredReason::ProviderConfigUnknown,
                Reason::ProviderConfigUnknown,
            ),
            (DeferredReason::AbsentPrereq, Reason::AbsentPrereq),
        ];
        for (reason, want) in table {
            assert_eq!(deferred(reason).reason, want as i32);
        }
    }
}
