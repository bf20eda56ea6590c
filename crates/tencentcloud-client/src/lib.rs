//! The Tencent Cloud API 3.0 client: one signed-call path for every action
//! ([`client::ApiClient::call`]), the actions (`gaap`, `sts`), credentials and the
//! chain that picks them.
//!
//! Layers (a module imports only from layers below it; the re-exports here are for
//! other crates):
//! 1. `signer`, `error`, `backoff`, `cancel`, `endpoint`, `response`, `retry`,
//!    `rate_limit`, `single_flight`, `transport`, `action`, `local_file` (every read
//!    of a local file);
//! 2. the action definitions `gaap::check_proxy_create`, `gaap::describe_*`,
//!    `gaap::inquiry_price_create_proxy`, `gaap::features`, `sts::assume_role` (request
//!    and answer types, constants) and `credentials` (settings and the sources that
//!    call no API);
//! 3. `client`, the call path;
//! 4. `gaap` (`GaapClient`) and `chain` (the AssumeRole source, which calls STS
//!    through `client`, and the credential chain).
//!
//! `fuzzing` (hidden) holds the entry functions of the repository's fuzz targets.

pub mod action;
pub mod backoff;
pub mod cancel;
pub mod chain;
pub mod client;
pub mod credentials;
pub mod endpoint;
pub mod error;
#[doc(hidden)]
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
pub mod gaap;
pub mod local_file;
pub mod rate_limit;
pub mod response;
pub mod retry;
pub mod signer;
pub mod single_flight;
pub mod sts;
pub mod transport;

pub use action::{Action, RateLimit};
pub use client::{ApiClient, CancelSignal, ClientConfig};
pub use error::{ApiError, Attempts, ClientError, CredentialError};
pub use gaap::check_proxy_create::{CheckProxyCreateRequest, CheckProxyCreateResponse};
pub use gaap::describe_access_regions_by_dest_region::{
    AccessRegionDetail, DescribeAccessRegionsByDestRegionRequest,
    DescribeAccessRegionsByDestRegionResponse,
};
pub use gaap::describe_dest_regions::{
    DescribeDestRegionsRequest, DescribeDestRegionsResponse, RegionDetail,
};
pub use gaap::features::Features;
pub use gaap::inquiry_price_create_proxy::{
    BandwidthPriceGradient, InquiryPriceCreateProxyRequest, InquiryPriceCreateProxyResponse,
};
pub use gaap::GaapClient;
/// The wrapper of every secret field (keys, tokens, MFA codes) in this crate's types.
pub use sensitive::Sensitive;
pub use sts::assume_role::{AssumeRoleRequest, AssumeRoleResponse};

/// This crate's version (the workspace's).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
