//! Which tracing targets are the provider's own, and the hclog `@module` each one gets.
//!
//! The logging layer is a library: it cannot know which crates make up the provider
//! binary. The caller lists them (see [`ModuleNames`]). Own targets are logged at the
//! level Terraform asks for and their spans decorate events; every other target is
//! transport noise (h2, hyper, tonic...) shown from WARN up only.

/// The `@module` root: go-plugin's client already names the logger after the plugin,
/// so entries only say which part of it spoke (`provider`, `provider.<part>`).
pub const ROOT_MODULE: &str = "provider";

/// One own target prefix and how it is named.
#[derive(Debug, Clone, PartialEq, Eq)]
struct OwnTarget {
    /// A tracing target prefix, matched on `::` boundaries (`my_crate`, `my_crate::api`).
    prefix: String,
    /// The `@module` of the prefix itself.
    module: String,
    /// Whether a target one level deeper (`<prefix>::<layer>::...`) is named
    /// `<module>.<layer>` instead of `<module>`.
    per_layer: bool,
}

/// The provider's own tracing targets with their `@module` names. When several
/// prefixes match a target, the longest wins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModuleNames {
    own: Vec<OwnTarget>,
}

impl ModuleNames {
    /// No own targets: everything is foreign.
    pub fn new() -> Self {
        Self::default()
    }

    /// `prefix` and every target under it log as `module`.
    pub fn with(mut self, prefix: impl Into<String>, module: impl Into<String>) -> Self {
        self.own.push(OwnTarget {
            prefix: prefix.into(),
            module: module.into(),
            per_layer: false,
        });
        self
    }

    /// `prefix` logs as `module`, and `prefix::<layer>::...` as `<module>.<layer>`: a
    /// crate whose top-level modules are its layers (`my_crate::host` → `provider.host`).
    pub fn with_layers(mut self, prefix: impl Into<String>, module: impl Into<String>) -> Self {
        self.own.push(OwnTarget {
            prefix: prefix.into(),
            module: module.into(),
            per_layer: true,
        });
        self
    }

    /// The `@module` of an own target, `None` for a foreign one.
    pub fn own_module(&self, target: &str) -> Option<String> {
        let (entry, rest) = self
            .own
            .iter()
            .filter_map(|entry| under(target, &entry.prefix).map(|rest| (entry, rest)))
            .max_by_key(|(entry, _)| entry.prefix.len())?;
        match rest.split("::").next().filter(|_| entry.per_layer) {
            Some(layer) if !layer.is_empty() => Some(format!("{}.{layer}", entry.module)),
            _ => Some(entry.module.clone()),
        }
    }

    /// Whether `target` is one of the provider's own.
    pub fn is_own(&self, target: &str) -> bool {
        self.own
            .iter()
            .any(|entry| under(target, &entry.prefix).is_some())
    }

    /// The `@module` for any target: own ones as configured, foreign ones
    /// `provider.<crate>` (`h2::codec` → `provider.h2`).
    pub fn module_for_target(&self, target: &str) -> String {
        self.own_module(target).unwrap_or_else(|| {
            let first = target.split("::").next().unwrap_or_default();
            format!("{ROOT_MODULE}.{first}")
        })
    }
}

/// What follows `prefix` in `target` (without the `::`), when `target` is `prefix`
/// itself (`""`) or lies under it.
fn under<'a>(target: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = target.strip_prefix(prefix)?;
    if rest.is_empty() {
        Some(rest)
    } else {
        rest.strip_prefix("::")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> ModuleNames {
        ModuleNames::new()
            .with_layers("terraform_provider_example", "provider")
            .with("terraform_provider_example::provider", "provider")
            .with("example_client", "provider.api")
    }

    #[test]
    fn module_table() {
        let names = example();
        let cases = [
            ("terraform_provider_example", "provider"),
            (
                "terraform_provider_example::provider::data_source",
                "provider",
            ),
            ("terraform_provider_example::api::client", "provider.api"),
            ("terraform_provider_example::host::serve", "provider.host"),
            ("example_client", "provider.api"),
            ("example_client::retry", "provider.api"),
            ("h2::codec", "provider.h2"),
            // A longer crate name that merely starts like an own one is foreign.
            (
                "terraform_provider_example_extra::x",
                "provider.terraform_provider_example_extra",
            ),
        ];
        for (target, want) in cases {
            assert_eq!(names.module_for_target(target), want, "{target}");
        }
    }

    #[test]
    fn own_and_foreign() {
        let names = example();
        assert!(names.is_own("terraform_provider_example::protocol::server"));
        assert!(names.is_own("example_client"));
        assert!(!names.is_own("example_client_extra"));
        assert!(!names.is_own("hyper::proto"));
        assert!(!ModuleNames::new().is_own("terraform_provider_example"));
        assert_eq!(names.own_module("tonic::transport"), None);
    }
}
