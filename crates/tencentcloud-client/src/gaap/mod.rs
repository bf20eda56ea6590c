//! GAAP (Global Application Acceleration Platform) actions, and [`GaapClient`], the
//! client the provider holds: the one call path plus the provider's credential.

pub mod check_proxy_create;
pub mod describe_access_regions_by_dest_region;
pub mod describe_dest_regions;
pub mod features;
pub mod inquiry_price_create_proxy;

use std::fmt;
use std::sync::Arc;

use crate::action::Action;
use crate::backoff::Backoff;
use crate::cancel::CancelSignal;
use crate::client::{ApiClient, ClientConfig};
use crate::credentials::CredentialSource;
use crate::error::ClientError;

use check_proxy_create::{CheckProxyCreateRequest, CheckProxyCreateResponse};
use describe_access_regions_by_dest_region::{
    DescribeAccessRegionsByDestRegionRequest, DescribeAccessRegionsByDestRegionResponse,
};
use describe_dest_regions::{DescribeDestRegionsRequest, DescribeDestRegionsResponse};
use inquiry_price_create_proxy::{InquiryPriceCreateProxyRequest, InquiryPriceCreateProxyResponse};

/// An [`ApiClient`] with the credential its GAAP calls are signed with.
pub struct GaapClient {
    api: ApiClient,
    credentials: Arc<dyn CredentialSource>,
}

impl fmt::Debug for GaapClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GaapClient")
            .field("api", &self.api)
            .field("credential", &self.credentials.identity())
            .finish()
    }
}

impl GaapClient {
    /// Checks the configuration and builds the HTTP client for the GAAP endpoint
    /// (once; connections are reused). Errors are `ClientError::Config`.
    pub fn new(
        config: ClientConfig,
        credentials: Arc<dyn CredentialSource>,
    ) -> Result<Self, ClientError> {
        let api = ApiClient::new(config)?;
        api.prepare(check_proxy_create::SERVICE)?;
        Ok(GaapClient { api, credentials })
    }

    /// Replaces the backoff between retries (tests, tuning).
    pub fn with_backoff(mut self, backoff: Backoff) -> Self {
        self.api = self.api.with_backoff(backoff);
        self
    }

    /// The call path underneath, for actions without a method here.
    pub fn api(&self) -> &ApiClient {
        &self.api
    }

    /// The credential source the calls are signed with.
    pub fn credentials(&self) -> &Arc<dyn CredentialSource> {
        &self.credentials
    }

    /// One call of a GAAP action through [`ApiClient::call`], signed with the
    /// provider's credential: rate-limited, signed afresh on every attempt, retried
    /// per the policy, cut short when `cancel` turns true. Identical calls of an
    /// action that shares them (every GAAP action here: same endpoint, region,
    /// credential identity and request) share one call in this process, and a
    /// successful answer is reused.
    pub async fn call<A: Action>(
        &self,
        request: &A,
        cancel: CancelSignal,
    ) -> Result<A::Response, ClientError> {
        self.api
            .call(self.credentials.as_ref(), request, cancel)
            .await
    }

    /// One `CheckProxyCreate` call (see [`GaapClient::call`]).
    pub async fn check_proxy_create(
        &self,
        request: &CheckProxyCreateRequest,
        cancel: CancelSignal,
    ) -> Result<CheckProxyCreateResponse, ClientError> {
        self.call(request, cancel).await
    }

    /// One `DescribeDestRegions` call (every origin region): a plan makes at most
    /// one per distinct request.
    pub async fn describe_dest_regions(
        &self,
        request: &DescribeDestRegionsRequest,
        cancel: CancelSignal,
    ) -> Result<DescribeDestRegionsResponse, ClientError> {
        self.call(request, cancel).await
    }

    /// One `DescribeAccessRegionsByDestRegion` call (the access regions offered for
    /// an origin): at most one per distinct origin and options.
    pub async fn describe_access_regions_by_dest_region(
        &self,
        request: &DescribeAccessRegionsByDestRegionRequest,
        cancel: CancelSignal,
    ) -> Result<DescribeAccessRegionsByDestRegionResponse, ClientError> {
        self.call(request, cancel).await
    }

    /// One `InquiryPriceCreateProxy` call (what a connection would cost): at most one
    /// per distinct inquiry.
    pub async fn inquiry_price_create_proxy(
        &self,
        request: &InquiryPriceCreateProxyRequest,
        cancel: CancelSignal,
    ) -> Result<InquiryPriceCreateProxyResponse, ClientError> {
        self.call(request, cancel).await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_rate_is_the_documented_limit() {
        assert_eq!(
            crate::client::DEFAULT_RATE_LIMIT,
            super::check_proxy_create::DOCUMENTED_RATE_LIMIT
        );
    }
}
