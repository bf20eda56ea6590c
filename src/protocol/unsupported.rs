//! Answers for type names this provider does not have.
//!
//! The provider has data sources only. Terraform calls the managed-resource,
//! ephemeral, list and action RPCs only for blocks of those kinds in a
//! configuration, so reaching one means the user wrote such a block: the answer is
//! an error diagnostic that names what was asked for and what exists (a gRPC
//! UNIMPLEMENTED status would surface as an opaque "Unsupported plugin method").

use super::guard;
use super::proto;

/// The kinds of named things tfplugin5 can ask for besides data sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Resource,
    EphemeralResource,
    ListResource,
    Action,
}

impl Kind {
    fn summary(self) -> &'static str {
        match self {
            Kind::Resource => "Unknown Resource Type",
            Kind::EphemeralResource => "Unknown Ephemeral Resource Type",
            Kind::ListResource => "Unknown List Resource Type",
            Kind::Action => "Unknown Action Type",
        }
    }

    fn singular(self) -> &'static str {
        match self {
            Kind::Resource => "resource",
            Kind::EphemeralResource => "ephemeral resource",
            Kind::ListResource => "list resource",
            Kind::Action => "action",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Kind::Resource => "managed resources",
            Kind::EphemeralResource => "ephemeral resources",
            Kind::ListResource => "list resources",
            Kind::Action => "actions",
        }
    }
}

/// `The resource type "x" is not supported: this provider has no managed
/// resources, only the data source example_thing.`
pub(crate) fn diagnostic<'a>(
    kind: Kind,
    type_name: &str,
    data_sources: impl IntoIterator<Item = &'a String>,
) -> proto::Diagnostic {
    guard::error(
        kind.summary(),
        format!(
            "The {} type {:?} is not supported: this provider has no {}, {}.",
            kind.singular(),
            type_name,
            kind.plural(),
            only_data_sources(data_sources),
        ),
    )
}

/// The error for a data source type that is not registered.
pub(crate) fn unknown_data_source<'a>(
    type_name: &str,
    data_sources: impl IntoIterator<Item = &'a String>,
) -> proto::Diagnostic {
    guard::error(
        "Unknown Data Source Type",
        format!(
            "The data source type {:?} is not supported by this provider; {}.",
            type_name,
            only_data_sources(data_sources).replacen("only", "it has only", 1),
        ),
    )
}

fn only_data_sources<'a>(data_sources: impl IntoIterator<Item = &'a String>) -> String {
    let names: Vec<&str> = data_sources.into_iter().map(String::as_str).collect();
    match names.as_slice() {
        [] => "only data sources, and none are defined".to_owned(),
        [one] => format!("only the data source {one}"),
        many => format!("only the data sources {}", many.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_type_and_what_exists() {
        let known = ["example_thing_check".to_owned()];
        let table = [
            (
                Kind::Resource,
                "Unknown Resource Type",
                "The resource type \"example_thing\" is not supported: this provider has no managed resources, only the data source example_thing_check.",
            ),
            (
                Kind::EphemeralResource,
                "Unknown Ephemeral Resource Type",
                "The ephemeral resource type \"example_thing\" is not supported: this provider has no ephemeral resources, only the data source example_thing_check.",
            ),
            (
                Kind::ListResource,
                "Unknown List Resource Type",
                "The list resource type \"example_thing\" is not supported: this provider has no list resources, only the data source example_thing_check.",
            ),
            (
                Kind::Action,
                "Unknown Action Type",
                "The action type \"example_thing\" is not supported: this provider has no actions, only the data source example_thing_check.",
            ),
        ];
        for (kind, summary, detail) in table {
            let d = diagnostic(kind, "example_thing", &known);
            assert_eq!(d.severity, proto::diagnostic::Severity::Error as i32);
            assert_eq!(d.summary, summary);
            assert_eq!(d.detail, detail);
            assert!(d.attribute.is_none());
        }
    }

    #[test]
    fn unknown_data_source_lists_known_ones() {
        let known = ["a_one".to_owned(), "a_two".to_owned()];
        let d = unknown_data_source("a_three", &known);
        assert_eq!(d.summary, "Unknown Data Source Type");
        assert_eq!(
            d.detail,
            "The data source type \"a_three\" is not supported by this provider; it has only the data sources a_one, a_two."
        );
        let d = unknown_data_source("x", &[]);
        assert!(d.detail.contains("none are defined"), "{}", d.detail);
    }
}
