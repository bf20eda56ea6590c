//! Generated tfplugin5 protobuf messages and gRPC service (from `proto/tfplugin5.proto`).
//!
//! Only the protocol layer uses these types; the rest of the crate works with the
//! types in [`crate::protocol`]. With the `test-support` feature the module is
//! re-exported as `crate::protocol::wire` (hidden from docs) because integration tests
//! under `tests/` are a separate crate and need the generated *client* to talk to the
//! built provider binary over gRPC. It is not a supported API.

// Generated code: the client half and the messages of RPCs this provider does not
// serve are unused without that feature.
#![allow(
    clippy::all,
    clippy::pedantic,
    missing_docs,
    unreachable_pub,
    dead_code
)]

include!(concat!(env!("OUT_DIR"), "/tfplugin5.rs"));

/// `google.protobuf.Timestamp`, declared here so the generated code does not need
/// `prost-types` (tfplugin5 uses it only for ephemeral resources' `renew_at`).
/// Wire layout per the well-known type: seconds since the Unix epoch, then nanos.
#[derive(Clone, Copy, PartialEq, Eq, Hash, ::prost::Message)]
pub struct Timestamp {
    #[prost(int64, tag = "1")]
    pub seconds: i64,
    #[prost(int32, tag = "2")]
    pub nanos: i32,
}
