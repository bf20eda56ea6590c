//! The one `ReadDataSource` of every GAAP data source: a configured provider and
//! wholly known arguments (else a deferral, or an error when Terraform cannot
//! defer), then decode, request, call, state and `result_output_file`; every problem
//! a diagnostic.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use tencentcloud_client::cancel::or_cancelled;
use tencentcloud_client::client::CancelSignal;

use crate::protocol::decode::{has_attribute, AttrDef, Mode, TypedBlock};
use crate::protocol::plain_json::to_plain_json;
use crate::protocol::unknowns::{join_paths, unknown_paths};
use crate::protocol::{
    AttributePath, DeferredReason, Diagnostics, ReadDataSourceRequest, ReadDataSourceResponse,
    Value,
};
use crate::provider::state::{ConfigState, Configured};

use super::gaap_data_source::{decode, Computed, GaapDataSource, ReadContext};
use super::result_file::{resolve_path, write_result_file, RESULT_OUTPUT_FILE};

/// `ReadDataSource` for `D`.
pub async fn read<D: GaapDataSource>(
    provider: ConfigState,
    request: &ReadDataSourceRequest,
    cancel: CancelSignal,
) -> ReadDataSourceResponse {
    let configured = match ready::<D>(provider, request) {
        Ok(configured) => configured,
        Err(response) => return response,
    };
    let config = &request.config;
    let decoded = decode::<D>(config);
    let mut diags = decoded.diagnostics;
    let Some(arguments) = decoded.value else {
        return diagnostics_response(diags);
    };
    let api_request = match D::request(&arguments) {
        Ok(r) => r,
        Err(errors) => {
            diags.extend(errors);
            return diagnostics_response(diags);
        }
    };

    // Building the client may read local files: Terraform's stop ends the wait.
    let client = or_cancelled(&mut cancel.clone(), configured.client()).await;
    let client = match client {
        Ok(client) => client,
        Err(e) => {
            diags.push(D::failure(&configured, None, &api_request, &e, cancel).await);
            return diagnostics_response(diags);
        }
    };
    let answer = match client.call(&api_request, cancel.clone()).await {
        Ok(answer) => answer,
        Err(e) => {
            let diagnostic = D::failure(&configured, Some(&client), &api_request, &e, cancel);
            diags.push(diagnostic.await);
            return diagnostics_response(diags);
        }
    };

    let context = ReadContext {
        configured: &configured,
        client: &client,
        cancel,
    };
    let mut computed = D::computed(&api_request, &answer, &mut diags);
    computed.extend(D::follow_up(&context, &api_request, &answer).await);
    let state = state(D::Arguments::ATTRIBUTES, config, Some(computed));

    if let Some(given) = result_output_file::<D>(config) {
        // The data source's own record, else its whole state keyed by attribute name.
        let (record, outcome) = match D::result_record(&api_request, &answer) {
            Some((record, outcome)) => (record, format!(" ({outcome})")),
            None => (to_plain_json(&state), String::new()),
        };
        let written = match resolve_path(&given) {
            Ok(path) => write_off_thread(path.clone(), record)
                .await
                .map_err(|reason| (path.display().to_string(), reason)),
            Err(reason) => Err((given, reason)),
        };
        if let Err((shown, reason)) = written {
            diags.add_attribute_error(
                AttributePath::attribute(RESULT_OUTPUT_FILE),
                "Cannot Write Result File",
                format!(
                    "The read succeeded{outcome}, but writing {shown} failed: {reason}. Check \
                     that its directory can be created and written.",
                ),
            );
            return diagnostics_response(diags);
        }
    }

    ReadDataSourceResponse {
        state: Some(state),
        diagnostics: diags,
        deferred: None,
    }
}

/// The configured provider, when `request` can be read now; else the response to
/// give: a deferral while values are unknown (or the data source's error when
/// Terraform cannot defer), or an error when the provider is not configured.
fn ready<D: GaapDataSource>(
    provider: ConfigState,
    request: &ReadDataSourceRequest,
) -> Result<Arc<Configured>, ReadDataSourceResponse> {
    let config = &request.config;
    let wait = |reason: DeferredReason, what: String| {
        if request.client_capabilities.deferral_allowed {
            return ReadDataSourceResponse {
                state: Some(state(D::Arguments::ATTRIBUTES, config, None)),
                diagnostics: Diagnostics::new(),
                deferred: Some(reason),
            };
        }
        let (summary, detail) = D::cannot_read_yet(&what);
        error_response(&summary, &detail)
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
                     not called), so {} cannot be read. Fix the provider block's errors first.",
                    D::TYPE_NAME
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

/// The state: each argument as configured (null when not set), then each computed
/// attribute of the table, from `computed` (null when it has none), or unknown when
/// the read is deferred (`computed` is `None`).
pub(crate) fn state(table: &[AttrDef], config: &Value, mut computed: Option<Computed>) -> Value {
    let attributes = table.iter().map(|attr| {
        let value = match (attr.mode, computed.as_mut()) {
            (Mode::Required | Mode::Optional, _) => config.attr(attr.name).cloned(),
            (Mode::Computed, Some(values)) => values.remove(attr.name),
            (Mode::Computed, None) => Some(Value::Unknown),
        };
        (attr.name.to_owned(), value.unwrap_or(Value::Null))
    });
    Value::Object(attributes.collect::<BTreeMap<_, _>>())
}

/// The configured `result_output_file`, when the table has one and it is set.
fn result_output_file<D: GaapDataSource>(config: &Value) -> Option<String> {
    if !has_attribute(D::Arguments::ATTRIBUTES, RESULT_OUTPUT_FILE) {
        return None;
    }
    config
        .attr(RESULT_OUTPUT_FILE)
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// Writes the record on a blocking thread, so a slow disk never stalls other reads.
async fn write_off_thread(path: PathBuf, record: serde_json::Value) -> Result<(), String> {
    match tokio::task::spawn_blocking(move || write_result_file(&path, &record)).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// A response with one error.
fn error_response(summary: &str, detail: &str) -> ReadDataSourceResponse {
    let mut diagnostics = Diagnostics::new();
    diagnostics.add_error(summary, detail);
    diagnostics_response(diagnostics)
}

/// A response with these diagnostics and no state.
fn diagnostics_response(diagnostics: Diagnostics) -> ReadDataSourceResponse {
    ReadDataSourceResponse {
        diagnostics,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::decode::Kind;
    use crate::provider::test_support::{obj, s};

    const TABLE: &[AttrDef] = &[
        AttrDef::required("a", Kind::String),
        AttrDef::optional("b", Kind::String),
        AttrDef::computed("c", Kind::String),
        AttrDef::computed("d", Kind::String),
    ];

    #[test]
    fn state_echoes_arguments_and_fills_computed_attributes() {
        let config = obj(&[("a", s("x"))]);
        let computed = Computed::from([("c", s("y")), ("not_in_table", s("z"))]);
        let got = state(TABLE, &config, Some(computed));
        let want = obj(&[
            ("a", s("x")),
            ("b", Value::Null),
            ("c", s("y")),
            ("d", Value::Null),
        ]);
        assert_eq!(got, want);
        let deferred = state(TABLE, &config, None);
        assert_eq!(deferred.attr("c"), Some(&Value::Unknown));
        assert_eq!(deferred.attr("a"), Some(&s("x")));
    }
}
