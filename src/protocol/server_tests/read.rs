//! What ReadDataSource answers for each thing a data source's read can return.

use super::*;

/// `thing("x", true)` as Terraform encodes it: fixmap(2) "flag" true "name" "x",
/// keys sorted as Terraform writes them.
const X_TRUE_MSGPACK: [u8; 14] = [
    0x82, 0xa4, b'f', b'l', b'a', b'g', 0xc3, 0xa4, b'n', b'a', b'm', b'e', 0xa1, b'x',
];

/// Reads [`DS`] from a provider answering `answer`, and checks that the answer is
/// the single error `summary`, its detail holding `detail`, and no state.
async fn assert_read_fails(case: &str, answer: ReadAnswer, summary: &str, detail: &str) {
    let (_, svc) = serve(answer);
    let out = read(&svc, DS, None).await;
    let error = only_error(&out.diagnostics);
    assert_eq!(error.summary, summary, "{case}");
    assert!(error.detail.contains(detail), "{case}: {}", error.detail);
    assert!(out.state.is_none(), "{case}");
}

#[tokio::test]
async fn read_without_state_or_error_is_flagged() {
    assert_read_fails(
        "neither state nor error",
        ReadAnswer::Nothing,
        "Missing Data Source State",
        "",
    )
    .await;
}

#[tokio::test]
async fn read_reports_state_that_does_not_fit_the_schema() {
    let string_for_bool = thing(Value::String("x".into()), Value::String("yes".into()));
    assert_read_fails(
        "a string where the schema says bool",
        ReadAnswer::State(string_for_bool),
        "Invalid Data Source State",
        "",
    )
    .await;
}

#[tokio::test]
async fn read_reports_null_or_unknown_state_that_was_not_deferred() {
    let cases = [
        ("null state", Value::Null),
        (
            "unknown attribute",
            thing(Value::String("x".into()), Value::Unknown),
        ),
    ];
    for (case, state) in cases {
        assert_read_fails(
            case,
            ReadAnswer::State(state),
            "Invalid Data Source State",
            "not wholly known",
        )
        .await;
    }
}

#[tokio::test]
async fn read_maps_deferral_and_capabilities() {
    let (provider, svc) = serve(ReadAnswer::Deferred);
    let out = svc
        .read_data_source(req(proto::read_data_source::Request {
            type_name: DS.into(),
            config: None,
            provider_meta: None,
            client_capabilities: Some(proto::ClientCapabilities {
                deferral_allowed: true,
                write_only_attributes_allowed: true,
            }),
        }))
        .await
        .answer();
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(
        out.deferred.map(|d| d.reason),
        Some(proto::deferred::Reason::ProviderConfigUnknown as i32)
    );
    let reads = provider.record.reads.lock().unwrap();
    assert_eq!(reads[0].0, DS);
    assert!(reads[0].1.client_capabilities.deferral_allowed);
    assert!(reads[0].1.client_capabilities.write_only_attributes_allowed);
}

#[tokio::test]
async fn read_encodes_state_as_msgpack() {
    let state = thing(Value::String("x".into()), Value::Bool(true));
    let (_, svc) = serve(ReadAnswer::State(state));
    let out = read(&svc, DS, None).await;
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let state = out.state.expect("state");
    assert!(state.json.is_empty());
    assert_eq!(state.msgpack, X_TRUE_MSGPACK);
}

#[test]
fn golden_state_bytes_decode_back() {
    // Ties the golden bytes above to the codec in both directions.
    assert_eq!(
        msgpack::decode(&X_TRUE_MSGPACK, &thing_schema().value_type()),
        Ok(thing(Value::String("x".into()), Value::Bool(true)))
    );
}
