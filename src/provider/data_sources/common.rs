//! What every data source's read starts with: a configured provider and wholly known
//! arguments, or the response that says why not (a deferral while values are unknown,
//! or an error). Also the retry context error advice is given with.

use std::collections::BTreeMap;
use std::sync::Arc;

use tencentcloud_client::ClientError;

use crate::protocol::{
    DeferredReason, Diagnostics, ReadDataSourceRequest, ReadDataSourceResponse, Value,
};
use crate::provider::state::{ConfigState, Configured};
use crate::provider::unknowns::{join_paths, unknown_paths};

use super::proxy_create_check::api_diagnostics::{action_error_diagnostic, CallContext};

/// The configured provider, when `request` can be read now; else the response to
/// give. `deferred_state` is the state of a deferred read (arguments as configured,
/// computed attributes unknown).
pub(crate) fn ready(
    provider: ConfigState,
    request: &ReadDataSourceRequest,
    type_name: &str,
    deferred_state: impl Fn(&Value) -> Value,
) -> Result<Arc<Configured>, ReadDataSourceResponse> {
    let config = &request.config;
    let deferral_allowed = request.client_capabilities.deferral_allowed;
    let wait = |reason: DeferredReason, what: String| {
        if deferral_allowed {
            return ReadDataSourceResponse {
                state: Some(deferred_state(config)),
                diagnostics: Diagnostics::new(),
                deferred: Some(reason),
            };
        }
        error_response(
            "GAAP Data Source Cannot Be Read Yet",
            &format!(
                "The {type_name} data source depends on {what}, which are not known until \
                 apply, and this Terraform version cannot defer it. Use values that are \
                 known at plan time, or create the resources they come from first."
            ),
        )
    };
    let configured = match provider {
        ConfigState::Ready(c) => c,
        ConfigState::Unknown(paths) => {
            return Err(wait(
                DeferredReason::ProviderConfigUnknown,
                format!("the provider configuration values {}", join_paths(&paths)),
            ))
        }
        ConfigState::NotConfigured | ConfigState::Failed => {
            return Err(error_response(
                "Provider Not Configured",
                &format!(
                    "The gaap provider has no usable configuration (Configure failed or was \
                     not called), so {type_name} cannot be read. Fix the provider block's \
                     errors first."
                ),
            ))
        }
    };
    let unknown = unknown_paths(config);
    if !unknown.is_empty() {
        return Err(wait(
            DeferredReason::ResourceConfigUnknown,
            format!("the arguments {}", join_paths(&unknown)),
        ));
    }
    Ok(configured)
}

/// How hard the client tries, for advice in error messages.
pub(crate) fn call_context(configured: &Configured) -> CallContext {
    let c = &configured.settings.client;
    CallContext {
        max_retries: c.max_retries,
        rate_limit: c.rate_limit,
        request_timeout_seconds: c.request_timeout.as_secs_f64(),
    }
}

/// A response with one error.
pub(crate) fn error_response(summary: &str, detail: &str) -> ReadDataSourceResponse {
    let mut diagnostics = Diagnostics::new();
    diagnostics.add_error(summary, detail);
    diagnostics_response(diagnostics)
}

/// A response with these diagnostics and no state.
pub(crate) fn diagnostics_response(diagnostics: Diagnostics) -> ReadDataSourceResponse {
    ReadDataSourceResponse {
        diagnostics,
        ..Default::default()
    }
}

/// A data source's state: each of its `arguments` as configured (null when not
/// set), then its `computed` attributes.
pub(crate) fn state_of<const N: usize>(
    config: &Value,
    arguments: &[&str],
    computed: [(&str, Value); N],
) -> Value {
    let configured = arguments.iter().map(|name| {
        let value = config.attr(name).cloned().unwrap_or(Value::Null);
        ((*name).to_owned(), value)
    });
    let computed = computed.into_iter().map(|(name, v)| (name.to_owned(), v));
    Value::Object(configured.chain(computed).collect::<BTreeMap<_, _>>())
}

/// The end of a read that made one `action` call: the state built from its answer,
/// or its error as a diagnostic, on the argument `argument_of` names for the code.
pub(crate) fn answer_response<T>(
    answer: Result<T, ClientError>,
    mut diags: Diagnostics,
    action: &str,
    configured: &Configured,
    argument_of: fn(&str) -> Option<&'static str>,
    state: impl FnOnce(T) -> Value,
) -> ReadDataSourceResponse {
    match answer {
        Ok(answer) => ReadDataSourceResponse {
            state: Some(state(answer)),
            diagnostics: diags,
            deferred: None,
        },
        Err(e) => {
            let context = call_context(configured);
            diags.push(action_error_diagnostic(action, &e, &context, argument_of));
            diagnostics_response(diags)
        }
    }
}
