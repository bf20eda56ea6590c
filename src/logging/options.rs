//! What the logging layer needs to know about the provider it serves.

use super::modules::ModuleNames;

/// Built by the binary (the only place that names the provider) and passed to
/// [`super::init`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogOptions {
    /// The provider's type name in Terraform (`example` for
    /// `registry.terraform.io/acme/example`); it names the provider-specific level
    /// variable `TF_LOG_PROVIDER_EXAMPLE`.
    pub provider_type: String,
    /// The provider's own tracing targets and their `@module` names.
    pub modules: ModuleNames,
}

impl LogOptions {
    pub fn new(provider_type: impl Into<String>, modules: ModuleNames) -> Self {
        Self {
            provider_type: provider_type.into(),
            modules,
        }
    }

    /// The variables the level is read from, first set (non-empty) wins:
    /// `TF_LOG_PROVIDER_<TYPE>` (upper case, `-` as `_`, as terraform-plugin-go's
    /// `internal/logging/provider.go` `ProviderLoggerName` derives it), `TF_LOG_PROVIDER`,
    /// `TF_LOG`.
    pub fn level_env_vars(&self) -> [String; 3] {
        let suffix: String = self
            .provider_type
            .chars()
            .map(|c| {
                if c == '-' {
                    '_'
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect();
        [
            format!("TF_LOG_PROVIDER_{suffix}"),
            "TF_LOG_PROVIDER".to_owned(),
            "TF_LOG".to_owned(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_vars_name_the_type() {
        let options = LogOptions::new("my-cloud", ModuleNames::new());
        assert_eq!(
            options.level_env_vars(),
            ["TF_LOG_PROVIDER_MY_CLOUD", "TF_LOG_PROVIDER", "TF_LOG"]
        );
    }
}
