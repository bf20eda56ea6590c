//! The call path (`ApiClient::call`, through `GaapClient` for GAAP) against a scripted
//! HTTP server on 127.0.0.1 (see `support`): headers, body and signature of every
//! request (GAAP and STS), retries, timeouts, cancellation, sharing.
//!
//! One test binary, one module a concept, so the crate links it once.

#[path = "../support/mod.rs"]
mod support;

mod cancellation;
mod configuration;
mod failures;
mod headers;
mod sharing;
mod sts;
mod throttle_budget;
