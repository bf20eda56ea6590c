//! The `gaap_proxy_create_check` data source: its attribute table (`schema`), typed
//! arguments (`config`), request and computed attributes (`request`), its API
//! errors (`errors`) and the catalogue reads that explain a 0 (`explain_read`).

pub mod config;
pub mod errors;
pub mod explain_read;
pub mod request;
pub mod schema;

use std::future::Future;

use tencentcloud_client::client::CancelSignal;
use tencentcloud_client::{
    CheckProxyCreateRequest, CheckProxyCreateResponse, ClientError, GaapClient,
};

use crate::protocol::{Diagnostic, Diagnostics, Value};
use crate::provider::state::Configured;

use super::gaap_data_source::{Computed, GaapDataSource, ReadContext};
use config::ProxyCreateCheckConfig;
use explain_read::explain_zero;
use request::{check_id, computed, explained};

pub use schema::TYPE_NAME;

/// `gaap_proxy_create_check`: one `CheckProxyCreate` call; a `0` is explained from
/// the catalogue when the provider's `explain` is on.
pub struct ProxyCreateCheck;

impl GaapDataSource for ProxyCreateCheck {
    const TYPE_NAME: &'static str = TYPE_NAME;
    const DESCRIPTION: &'static str = schema::DESCRIPTION;

    type Arguments = ProxyCreateCheckConfig;
    type Request = CheckProxyCreateRequest;
    type Answer = CheckProxyCreateResponse;

    fn rules(arguments: &Self::Arguments, config: &Value, diags: &mut Diagnostics) {
        config::warnings(arguments, config, diags);
    }

    fn cannot_read_yet(what: &str) -> (String, String) {
        (
            "GAAP Check Cannot Run Yet".to_owned(),
            format!(
                "The {TYPE_NAME} data source depends on {what}, which are not known until \
                 apply. The check needs every value to call the API, and this Terraform \
                 version cannot defer it. Use values that are known at plan time, or create \
                 the resources they come from first (for example with terraform apply \
                 -target)."
            ),
        )
    }

    fn request(arguments: &Self::Arguments) -> Result<Self::Request, Diagnostics> {
        arguments.request()
    }

    fn argument_of(code: &str) -> Option<&'static str> {
        errors::argument_of(code)
    }

    fn failure<'a>(
        configured: &'a Configured,
        client: Option<&'a GaapClient>,
        request: &'a Self::Request,
        error: &'a ClientError,
        cancel: CancelSignal,
    ) -> impl Future<Output = Diagnostic> + Send + 'a {
        errors::failure(configured, client, request, error, cancel)
    }

    fn result_record(
        request: &Self::Request,
        answer: &Self::Answer,
    ) -> Option<(serde_json::Value, String)> {
        let record = serde_json::json!({
            "check_flag": answer.check_flag,
            "request_id": answer.request_id,
            "access_region": request.access_region,
        });
        let outcome = format!(
            "check_flag {}, RequestId {}",
            answer.check_flag, answer.request_id
        );
        Some((record, outcome))
    }

    fn computed(request: &Self::Request, answer: &Self::Answer, _: &mut Diagnostics) -> Computed {
        computed(&check_id(request), answer)
    }

    /// A `0` explained from the catalogue, when the provider's `explain` is on.
    async fn follow_up<'a>(
        context: &'a ReadContext<'a>,
        request: &'a Self::Request,
        answer: &'a Self::Answer,
    ) -> Computed {
        if !context.configured.settings.explain || answer.check_flag != 0 {
            return Computed::new();
        }
        explained(&explain_zero(context.client, request, context.cancel.clone()).await)
    }
}
