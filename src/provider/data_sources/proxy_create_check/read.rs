//! `ReadDataSource` for `gaap_proxy_create_check`: one `CheckProxyCreate` call, or a
//! deferral (or an explanation) while values are unknown.

use std::path::PathBuf;

use crate::protocol::{
    AttributePath, DeferredReason, Diagnostics, ReadDataSourceRequest, ReadDataSourceResponse,
    Value,
};
use crate::provider::state::ConfigState;
use crate::provider::unknowns::{join_paths, unknown_paths};
use tencentcloud_client::client::CancelSignal;
use tencentcloud_client::credentials::CredentialError;
use tencentcloud_client::ClientError;

use super::api_diagnostics::client_error_diagnostic;
use super::config::decode;
use super::explain_read::{did_you_mean_hint, explain_zero};
use super::request::{check_id, deferred_state, state};
use super::result_file::{write_result_file, ResultRecord};
use super::schema::attr as a;
use crate::provider::catalogue::explain::Explanation;
use crate::provider::data_sources::common::{call_context, diagnostics_response, error_response};

/// `ReadDataSource`: one `CheckProxyCreate` call, or a deferral while values are unknown.
pub(crate) async fn read(
    provider: ConfigState,
    request: &ReadDataSourceRequest,
    cancel: CancelSignal,
) -> ReadDataSourceResponse {
    let config = &request.config;
    let deferral_allowed = request.client_capabilities.deferral_allowed;
    let configured = match provider {
        ConfigState::Ready(c) => c,
        ConfigState::Unknown(paths) => {
            return wait_for_unknowns(
                config,
                deferral_allowed,
                DeferredReason::ProviderConfigUnknown,
                &format!("the provider configuration values {}", join_paths(&paths)),
            );
        }
        ConfigState::NotConfigured | ConfigState::Failed => {
            return error_response(
                "Provider Not Configured",
                "The gaap provider has no usable configuration (Configure failed or was not \
                 called), so the check cannot run. Fix the provider block's errors first.",
            );
        }
    };

    let unknown = unknown_paths(config);
    if !unknown.is_empty() {
        return wait_for_unknowns(
            config,
            deferral_allowed,
            DeferredReason::ResourceConfigUnknown,
            &format!("the arguments {}", join_paths(&unknown)),
        );
    }

    let decoded = decode(config);
    let mut diags = decoded.diagnostics;
    let Some(arguments) = decoded.value else {
        return diagnostics_response(diags);
    };
    let api_request = match arguments.request() {
        Ok(r) => r,
        Err(errors) => {
            diags.extend(errors);
            return diagnostics_response(diags);
        }
    };

    let ctx = call_context(&configured);
    let explain = configured.settings.explain;
    let client = if *cancel.borrow() {
        Err(ClientError::Cancelled)
    } else {
        configured.client()
    };
    let answer = match &client {
        Ok(client) => {
            client
                .check_proxy_create(&api_request, cancel.clone())
                .await
        }
        Err(e) => Err(e.clone()),
    };
    let answer = match answer {
        Ok(answer) => answer,
        Err(e) => {
            let mut diagnostic = client_error_diagnostic(&e, &ctx);
            if let (true, Ok(client), ClientError::Api(api)) = (explain, &client, &e) {
                if let Some(hint) =
                    did_you_mean_hint(client, &api_request, &api.code, cancel.clone()).await
                {
                    diagnostic.detail.push_str("\n\n");
                    diagnostic.detail.push_str(&hint);
                }
            }
            if matches!(e, ClientError::Credentials(CredentialError::NotFound(_)))
                && !configured.claim_credentials_help()
            {
                diagnostic.detail = "No Tencent Cloud credentials found; another \
                    gaap_proxy_create_check error lists every way to provide them."
                    .to_owned();
            }
            diags.push(diagnostic);
            return diagnostics_response(diags);
        }
    };

    if let Some(path) = arguments.result_output_file.known() {
        let path = PathBuf::from(path);
        let record_flag = answer.check_flag;
        let request_id = answer.request_id.clone();
        let access_region = api_request.access_region.clone();
        let target = path.clone();
        let written = tokio::task::spawn_blocking(move || {
            write_result_file(
                &target,
                &ResultRecord {
                    check_flag: record_flag,
                    request_id: &request_id,
                    access_region: &access_region,
                },
            )
        })
        .await;
        let failure = match written {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(e) => Some(e.to_string()),
        };
        if let Some(reason) = failure {
            diags.add_attribute_error(
                AttributePath::attribute(a::RESULT_OUTPUT_FILE),
                "Cannot Write Result File",
                format!(
                    "The check succeeded (check_flag {}, RequestId {}), but writing {} failed: \
                     {reason}. Check that the directory exists and is writable.",
                    answer.check_flag,
                    answer.request_id,
                    path.display()
                ),
            );
            return diagnostics_response(diags);
        }
    }

    let explanation = match (&client, answer.check_flag) {
        (Ok(client), 0) if explain => explain_zero(client, &api_request, cancel).await,
        _ => Explanation::default(),
    };
    let id = check_id(&api_request);
    ReadDataSourceResponse {
        state: Some(state(config, &id, &answer, &explanation)),
        diagnostics: diags,
        deferred: None,
    }
}

fn wait_for_unknowns(
    config: &Value,
    deferral_allowed: bool,
    reason: DeferredReason,
    what: &str,
) -> ReadDataSourceResponse {
    if deferral_allowed {
        return ReadDataSourceResponse {
            state: Some(deferred_state(config)),
            diagnostics: Diagnostics::new(),
            deferred: Some(reason),
        };
    }
    error_response(
        "GAAP Check Cannot Run Yet",
        &format!(
            "The gaap_proxy_create_check data source depends on {what}, which are not known \
             until apply. The check needs every value to call the API, and this Terraform \
             version cannot defer it. Use values that are known at plan time, or create the \
             resources they come from first (for example with terraform apply -target)."
        ),
    )
}
