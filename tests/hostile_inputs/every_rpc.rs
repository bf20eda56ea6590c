//! Every hostile payload and type name, sent to every RPC that takes one.

use std::time::Instant;

use gaap_emulator::{Emulator, EmulatorConfig};
use terraform_provider_gaap::protocol::wire::{self, DynamicValue};
use terraform_provider_gaap::provider::PROXY_CREATE_CHECK;

use crate::harness::{
    bounded, call, check, hostile_type_names, start_plugin, TYPE_ONLY_RPCS, VALUE_RPCS,
};
use crate::has_error;
use crate::payloads::{payloads, Expect};
use crate::raw_grpc::raw_unary;
use crate::values::{good_read, mp, n, object, raw_mp, s, schema_types};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_values_get_error_diagnostics_and_the_process_survives() {
    let started = Instant::now();
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let mut h = start_plugin().await;
    let (provider_ty, ds_ty) = schema_types();

    let good_provider = object(
        &provider_ty,
        &[
            ("endpoint", s(&emulator.url())),
            ("secret_id", s(gaap_emulator::DEMO_SECRET_ID)),
            ("secret_key", s(gaap_emulator::DEMO_SECRET_KEY)),
            ("region", s("ap-guangzhou")),
            ("request_timeout", n(5)),
            ("max_retries", n(0)),
        ],
    );
    let good_ds = good_read(&ds_ty, 10, 2);
    let mut failures = Vec::new();

    // 1. The provider block, on PrepareProviderConfig and Configure. The hostile
    //    numbers go into request_timeout, which has an upper bound: always an error.
    let provider_payloads = payloads(
        &provider_ty,
        &good_provider,
        "request_timeout",
        "endpoint",
        Expect::Error,
    );
    for p in &provider_payloads {
        for rpc in ["PrepareProviderConfig", "Configure"] {
            let outcome = call(&mut h, rpc, "", p.value.clone()).await;
            check(&mut failures, rpc, &p.name, p.expect, true, outcome);
            h.assert_alive(&p.name);
        }
    }
    // Configure for real, so that reads reach the emulator.
    let diags = call(
        &mut h,
        "Configure",
        "",
        Some(mp(&good_provider, &provider_ty)),
    )
    .await
    .expect("Configure");
    assert!(!has_error(&diags), "valid Configure: {diags:?}");

    // 2. The data source's RPCs: every payload with its own type name, and the
    //    valid configuration under hostile type names.
    let ds_payloads = payloads(
        &ds_ty,
        &good_ds,
        "bandwidth",
        "access_region",
        Expect::ErrorWhenUsed,
    );
    for p in &ds_payloads {
        for (rpc, used) in [
            ("ValidateDataSourceConfig", false),
            ("ReadDataSource", true),
        ] {
            let outcome = call(&mut h, rpc, PROXY_CREATE_CHECK, p.value.clone()).await;
            check(&mut failures, rpc, &p.name, p.expect, used, outcome);
        }
        h.assert_alive(&p.name);
    }
    for (name, type_name) in hostile_type_names() {
        for rpc in ["ValidateDataSourceConfig", "ReadDataSource"] {
            let outcome = call(&mut h, rpc, &type_name, Some(mp(&good_ds, &ds_ty))).await;
            check(&mut failures, rpc, name, Expect::Error, true, outcome);
        }
    }

    // 3. Every RPC the provider answers as unsupported: every payload, and hostile
    //    type names (including the data source's own name: it is not a resource).
    for rpc in VALUE_RPCS.iter().skip(4) {
        for p in ds_payloads.iter().chain(&provider_payloads) {
            let outcome = call(&mut h, rpc, PROXY_CREATE_CHECK, p.value.clone()).await;
            check(&mut failures, rpc, &p.name, Expect::Error, true, outcome);
        }
        for (name, type_name) in hostile_type_names() {
            let outcome = call(&mut h, rpc, &type_name, raw_mp(vec![0xc1])).await;
            check(&mut failures, rpc, name, Expect::Error, true, outcome);
        }
        h.assert_alive(rpc);
    }
    for rpc in TYPE_ONLY_RPCS {
        for (name, type_name) in hostile_type_names()
            .into_iter()
            .chain([("data source type name", PROXY_CREATE_CHECK.to_owned())])
        {
            let outcome = call(&mut h, rpc, &type_name, None).await;
            check(&mut failures, rpc, name, Expect::Error, true, outcome);
        }
        h.assert_alive(rpc);
    }

    // 4. Functions: there are none; any call is a function error, never a gRPC error.
    let functions = bounded(
        "GetFunctions",
        h.client.get_functions(wire::get_functions::Request {}),
    )
    .await
    .expect("GetFunctions");
    assert!(functions.functions.is_empty() && !has_error(&functions.diagnostics));
    let mut function_cases: Vec<(String, String, Vec<DynamicValue>)> = hostile_type_names()
        .into_iter()
        .map(|(name, t)| (name.to_owned(), t, Vec::new()))
        .collect();
    for p in &ds_payloads {
        let args = vec![p.value.clone().unwrap_or_default(); 3];
        function_cases.push((format!("arguments: {}", p.name), "parse".to_owned(), args));
    }
    function_cases.push((
        "10k arguments".into(),
        "f".into(),
        vec![DynamicValue::default(); 10_000],
    ));
    for (name, function, arguments) in function_cases {
        h.calls += 1;
        let r = bounded(
            &name,
            h.client.call_function(wire::call_function::Request {
                name: function,
                arguments,
            }),
        )
        .await;
        match r {
            Ok(r) if r.result.is_none() && r.error.as_ref().is_some_and(|e| !e.text.is_empty()) => {
            }
            other => failures.push(format!("CallFunction / {name}: {other:?}")),
        }
    }

    // 5. Requests that are not valid protobuf: a gRPC Internal status (as grpc-go),
    //    for every RPC. Valid protobuf with unknown fields: answered normally.
    let not_protobuf: Vec<(&str, Vec<u8>)> = vec![
        ("garbage bytes", vec![0xff; 16]),
        ("field 1 invalid UTF-8 string", vec![0x0a, 0x02, 0xff, 0xfe]),
        (
            "length claims 4 GiB",
            vec![0x12, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01],
        ),
        ("length past the end", vec![0x12, 0xe8, 0x07, 0x01, 0x02]),
        ("truncated varint", vec![0x08, 0xff, 0xff]),
        ("wire type 7 (invalid)", vec![0x0f]),
        ("field number 0", vec![0x02, 0x00]),
    ];
    let all_rpcs: Vec<&str> = [
        "GetMetadata",
        "GetSchema",
        "GetFunctions",
        "CallFunction",
        "Stop",
        "GetResourceIdentitySchemas",
    ]
    .into_iter()
    .chain(VALUE_RPCS.iter().copied())
    .chain(TYPE_ONLY_RPCS.iter().copied())
    .collect();
    for rpc in &all_rpcs {
        if *rpc == "Stop" {
            continue; // a valid Stop would stop the provider's in-flight work; not here
        }
        for (name, body) in &not_protobuf {
            // Messages with no string field 1 may accept the invalid-UTF-8 case as bytes
            // or an unknown field; only the structurally broken ones are always refused.
            h.calls += 1;
            match raw_unary(&h.channel, rpc, body.clone()).await {
                Err(status) if status.code() == tonic::Code::Internal => {}
                Ok(_)
                    if *name == "field 1 invalid UTF-8 string"
                        && [
                            "GetMetadata",
                            "GetSchema",
                            "GetFunctions",
                            "GetResourceIdentitySchemas",
                            "PrepareProviderConfig",
                        ]
                        .contains(rpc) => {}
                other => failures.push(format!(
                    "{rpc} / raw {name}: expected Internal, got {other:?}"
                )),
            }
        }
    }
    for rpc in [
        "GetMetadata",
        "GetSchema",
        "GetFunctions",
        "GetResourceIdentitySchemas",
    ] {
        // Field 2047, varint, and field 15, length-delimited: unknown, skipped.
        h.calls += 1;
        let body = vec![0xf8, 0x7f, 0x01, 0x7a, 0x03, b'a', b'b', b'c'];
        if let Err(status) = raw_unary(&h.channel, rpc, body).await {
            failures.push(format!("{rpc} / unknown fields: {status:?}"));
        }
    }

    // 6. Still alive, same connection: a schema and a valid validation.
    h.assert_alive("after all hostile calls");
    let schema = bounded(
        "GetSchema",
        h.client.get_schema(wire::get_provider_schema::Request {}),
    )
    .await
    .expect("GetSchema after the hostile calls");
    assert!(schema.data_source_schemas.contains_key(PROXY_CREATE_CHECK));
    let diags = call(
        &mut h,
        "ValidateDataSourceConfig",
        PROXY_CREATE_CHECK,
        Some(mp(&good_ds, &ds_ty)),
    )
    .await
    .expect("ValidateDataSourceConfig after the hostile calls");
    assert!(diags.is_empty(), "{diags:?}");
    let read = bounded(
        "ReadDataSource",
        h.client.read_data_source(wire::read_data_source::Request {
            type_name: PROXY_CREATE_CHECK.into(),
            config: Some(mp(&good_ds, &ds_ty)),
            ..Default::default()
        }),
    )
    .await
    .expect("ReadDataSource after the hostile calls");
    assert!(
        !has_error(&read.diagnostics) && read.state.is_some(),
        "{:?}",
        read.diagnostics
    );

    let stderr = h.plugin.stderr();
    let panics: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("panic: ") || l.contains("panicked"))
        .collect();
    assert!(
        panics.is_empty(),
        "panics on stderr:\n{}",
        panics.join("\n")
    );
    assert!(
        failures.is_empty(),
        "{} of {} calls misbehaved:\n{}",
        failures.len(),
        h.calls,
        failures.join("\n")
    );
    eprintln!("{} hostile calls in {:?}", h.calls, started.elapsed());
}
