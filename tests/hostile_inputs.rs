//! Hostile inputs through the real protocol: the built binary, started
//! as Terraform starts it (go-plugin environment, AutoMTLS client certificate), receives
//! malformed, mistyped, oversized and nonsensical values on every RPC that takes one.
//!
//! What must hold, as with terraform-plugin-go: a value that does not decode is answered
//! with an error diagnostic (never a gRPC error, which Terraform shows as an opaque
//! "Plugin error"); a request that is not even a protobuf message is refused by the gRPC
//! layer with `Internal` (grpc-go answers "grpc: error unmarshalling request" with
//! `codes.Internal`, tonic "failed to decode Protobuf message" with the same code). The
//! process never panics, the connection is never dropped: afterwards a normal
//! GetProviderSchema and a valid ValidateDataSourceConfig still succeed on it.
//!
//! The second test fires 200 concurrent reads at an emulator that misbehaves in every
//! way it can, and checks that each read ends in time with the right answer or a clear
//! error, and that the emulator saw what the answers say.
#![cfg(unix)]

mod common;
#[path = "hostile_inputs/concurrent_reads.rs"]
mod concurrent_reads;
#[path = "hostile_inputs/every_rpc.rs"]
mod every_rpc;
#[path = "hostile_inputs/harness.rs"]
mod harness;
#[path = "hostile_inputs/payloads.rs"]
mod payloads;
#[path = "hostile_inputs/raw_grpc.rs"]
mod raw_grpc;
#[path = "hostile_inputs/values.rs"]
mod values;

use std::time::Duration;

use terraform_provider_gaap::protocol::wire;

/// A bound for one RPC of the hostile test (no network behind any of them but Configure
/// and ReadDataSource, which talk to a well-behaved loopback emulator).
pub(crate) const RPC_TIMEOUT: Duration = Duration::from_secs(20);

pub(crate) type Diags = Vec<wire::Diagnostic>;

pub(crate) fn has_error(diags: &Diags) -> bool {
    diags
        .iter()
        .any(|d| d.severity == wire::diagnostic::Severity::Error as i32)
}
