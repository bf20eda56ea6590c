//! Generated code for go-plugin's own gRPC services (package `plugin`, from
//! `proto/go_plugin.proto`): `GRPCController`, `GRPCStdio` and `GRPCBroker`.
//!
//! Public so integration tests (a separate crate) can build clients for them,
//! e.g. to call `GRPCController/Shutdown` like Terraform does at the end of a run.

#![allow(clippy::all, clippy::pedantic, missing_docs, unreachable_pub)]

include!(concat!(env!("OUT_DIR"), "/plugin.rs"));
