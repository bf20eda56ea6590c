//! The `gaap_proxy_price` data source: what a connection would cost
//! (`InquiryPriceCreateProxy`). Its attribute table (`schema`) reuses the check's
//! connection arguments; its request and `id` are here; its computed attributes, the
//! prices as answered, in `prices`. API errors are the check's: the same codes on the
//! same arguments, with "did you mean" for an unknown region.

pub mod prices;
pub mod schema;

use tencentcloud_client::client::CancelSignal;
use tencentcloud_client::gaap::inquiry_price_create_proxy::{
    BILLING_BY_BANDWIDTH as API_BY_BANDWIDTH, BILLING_BY_TRAFFIC as API_BY_TRAFFIC,
};
use tencentcloud_client::{
    Action, CheckProxyCreateRequest, ClientError, GaapClient, InquiryPriceCreateProxyRequest,
    InquiryPriceCreateProxyResponse,
};

use crate::protocol::decode::typed_block;
use crate::protocol::{Diagnostic, Diagnostics, Value};
use crate::provider::state::Configured;

use super::gaap_data_source::{Computed, GaapDataSource};
use super::proxy_create_check::config::undocumented_network_type;
use super::proxy_create_check::errors;
use super::proxy_create_check::request::Connection;
use schema::*;

typed_block! {
    /// The arguments, typed.
    pub struct ProxyPriceConfig in ATTRIBUTES {
        access_region: String = ACCESS_REGION,
        real_server_region: String = REAL_SERVER_REGION,
        bandwidth: u64 = BANDWIDTH,
        concurrent: u64 = CONCURRENT,
        ip_address_version: String = IP_ADDRESS_VERSION,
        network_type: String = NETWORK_TYPE,
        package_type: String = PACKAGE_TYPE,
        billing_type: String = BILLING_TYPE,
        result_output_file: String = RESULT_OUTPUT_FILE_ARGUMENT,
    }
}

/// The API's `BillingType` of a `billing_type` value (validated: one of
/// [`BILLING_TYPES`]).
fn api_billing_type(billing_type: &str) -> i64 {
    if billing_type == BILLING_BY_TRAFFIC {
        API_BY_TRAFFIC
    } else {
        API_BY_BANDWIDTH
    }
}

/// The `billing_type` of the API's `BillingType` (unset: the API's default).
fn billing_type_name(billing_type: Option<i64>) -> &'static str {
    match billing_type {
        Some(API_BY_TRAFFIC) => BILLING_BY_TRAFFIC,
        _ => BILLING_BY_BANDWIDTH,
    }
}

/// The `id`: the regions, then each argument that changes the price as
/// `name=value`, comma-separated, `billing_type` always (its effective value), the
/// optional ones when set. Region names hold no commas (validated).
pub fn id(request: &InquiryPriceCreateProxyRequest) -> String {
    let mut id = format!(
        "{},{},{}={},{}={},{}={}",
        request.access_region,
        request.real_server_region,
        BANDWIDTH.name,
        request.bandwidth,
        CONCURRENT.name,
        request.concurrent,
        BILLING_TYPE.name,
        billing_type_name(request.billing_type),
    );
    let options = [
        (IP_ADDRESS_VERSION.name, &request.ip_address_version),
        (NETWORK_TYPE.name, &request.network_type),
        (PACKAGE_TYPE.name, &request.package_type),
    ];
    for (name, value) in options {
        if let Some(value) = value {
            id.push_str(&format!(",{name}={value}"));
        }
    }
    id
}

/// The inquiry in the check's shape, for the catalogue's "did you mean" on an
/// unknown region (which reads the regions, IP version and package).
fn as_check(request: &InquiryPriceCreateProxyRequest) -> CheckProxyCreateRequest {
    CheckProxyCreateRequest {
        access_region: request.access_region.clone(),
        real_server_region: request.real_server_region.clone(),
        bandwidth: request.bandwidth,
        concurrent: request.concurrent,
        group_id: None,
        ip_address_version: request.ip_address_version.clone(),
        network_type: request.network_type.clone(),
        package_type: request.package_type.clone(),
        http3_supported: None,
    }
}

/// `gaap_proxy_price`.
pub struct ProxyPrice;

impl GaapDataSource for ProxyPrice {
    const TYPE_NAME: &'static str = TYPE_NAME;
    const DESCRIPTION: &'static str = DESCRIPTION;

    type Arguments = ProxyPriceConfig;
    type Request = InquiryPriceCreateProxyRequest;
    type Answer = InquiryPriceCreateProxyResponse;

    fn rules(arguments: &Self::Arguments, _: &Value, diags: &mut Diagnostics) {
        undocumented_network_type(
            &arguments.network_type,
            InquiryPriceCreateProxyRequest::ACTION,
            "the API may refuse it",
            diags,
        );
    }

    fn request(arguments: &Self::Arguments) -> Result<Self::Request, Diagnostics> {
        let Connection {
            access_region,
            real_server_region,
            bandwidth,
            concurrent,
        } = Connection::required(
            &arguments.access_region,
            &arguments.real_server_region,
            &arguments.bandwidth,
            &arguments.concurrent,
        )?;
        Ok(InquiryPriceCreateProxyRequest {
            access_region,
            real_server_region,
            bandwidth,
            concurrent,
            billing_type: arguments.billing_type.known().map(|b| api_billing_type(b)),
            ip_address_version: arguments.ip_address_version.known().cloned(),
            network_type: arguments.network_type.known().cloned(),
            package_type: arguments.package_type.known().cloned(),
        })
    }

    fn argument_of(code: &str) -> Option<&'static str> {
        errors::argument_of(code)
    }

    /// The check's failure: the error on its argument, "did you mean" for a region.
    async fn failure<'a>(
        configured: &'a Configured,
        client: Option<&'a GaapClient>,
        request: &'a Self::Request,
        error: &'a ClientError,
        cancel: CancelSignal,
    ) -> Diagnostic {
        let connection = as_check(request);
        errors::failure_of::<InquiryPriceCreateProxyRequest>(
            configured,
            client,
            &connection,
            error,
            cancel,
        )
        .await
    }

    fn computed(
        request: &Self::Request,
        answer: &Self::Answer,
        diags: &mut Diagnostics,
    ) -> Computed {
        prices::computed(id(request), request, answer, diags)
    }
}

#[cfg(test)]
mod tests;
