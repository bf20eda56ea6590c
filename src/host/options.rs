//! What the plugin host needs to know about the provider it serves.

/// Built by the binary (the only place that names the provider) and passed to
/// [`super::serve::run`] and [`super::debug::run`], as terraform-plugin-go's
/// `tf5server.Serve` takes the provider's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeOptions {
    /// The plugin's name, as its executable is called (`terraform-provider-example`):
    /// it prefixes the messages written to stderr when serving fails, and is the
    /// organization of the AutoMTLS server certificate.
    pub name: String,
    /// The provider's full address (`registry.terraform.io/acme/example`): the key of
    /// the `TF_REATTACH_PROVIDERS` value `--debug` prints, which Terraform matches
    /// against the provider source it needs.
    pub registry_address: String,
}

impl ServeOptions {
    pub fn new(name: impl Into<String>, registry_address: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            registry_address: registry_address.into(),
        }
    }
}
