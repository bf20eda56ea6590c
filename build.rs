//! Generates the gRPC code for tfplugin5 and go-plugin's services.
//!
//! `protox` parses the .proto files in pure Rust (no system `protoc` needed) and
//! ships the well-known imports (`google/protobuf/*.proto`); `tonic-prost-build`
//! turns the descriptor set into prost messages plus tonic clients and servers.
//! Clients are generated too: the process tests talk to the built binary with them.

use std::error::Error;

const PROTO_DIR: &str = "proto";
const PROTOS: [&str; 2] = ["proto/tfplugin5.proto", "proto/go_plugin.proto"];

fn main() -> Result<(), Box<dyn Error>> {
    for proto in PROTOS {
        println!("cargo:rerun-if-changed={proto}");
    }
    println!("cargo:rerun-if-changed=build.rs");

    let descriptors = protox::compile(PROTOS, [PROTO_DIR])?;
    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        // BTreeMap for every proto map: schema maps then encode in name order, so
        // GetSchema answers are byte-for-byte deterministic.
        .btree_map(".")
        // google.protobuf.Timestamp (ephemeral resources' renew_at) maps to our own
        // two-field message instead of pulling in prost-types for one unused type.
        .extern_path(
            ".google.protobuf.Timestamp",
            "crate::protocol::proto::Timestamp",
        )
        .compile_fds(descriptors)?;
    Ok(())
}
