//! ValidateDataSourceConfig and ReadDataSource: routing by type name, unknown
//! types, panics and concurrent calls. What a read answers is in `read`.

use super::*;

#[tokio::test]
async fn unknown_data_source_type_is_a_diagnostic() {
    let (provider, svc) = serve(ReadAnswer::Nothing);
    let validation = validate(&svc, "test_other", None).await;
    let read = read(&svc, "test_other", None).await;
    let answers = [
        ("ValidateDataSourceConfig", &validation.diagnostics),
        ("ReadDataSource", &read.diagnostics),
    ];
    for (rpc, diags) in answers {
        let d = only_error(diags);
        assert_eq!(d.summary, "Unknown Data Source Type", "{rpc}");
        for named in ["\"test_other\"", DS, DS2] {
            assert!(d.detail.contains(named), "{rpc}: {}", d.detail);
        }
    }
    assert!(read.state.is_none());
    assert!(provider.validated_names().is_empty());
    assert!(provider.record.reads.lock().unwrap().is_empty());
}

#[tokio::test]
async fn validate_data_source_config_calls_provider() {
    let (provider, svc) = serve(ReadAnswer::Nothing);
    let out = validate(&svc, DS, None).await;
    assert_eq!(
        *provider.record.validated_data_sources.lock().unwrap(),
        [(DS.to_owned(), Value::Null)]
    );
    assert_eq!(out.diagnostics.len(), 1);
    let steps = &out.diagnostics[0].attribute.as_ref().expect("path").steps;
    assert_eq!(
        steps[0].selector,
        Some(proto::attribute_path::step::Selector::AttributeName(
            "name".into()
        ))
    );
}

#[tokio::test]
async fn validate_decodes_msgpack_with_unknowns() {
    let (provider, svc) = serve(ReadAnswer::Nothing);
    // {"flag": <unknown>, "name": "n"}
    let bytes = [
        0x82, 0xa4, b'f', b'l', b'a', b'g', 0xd4, 0x00, 0x00, 0xa4, b'n', b'a', b'm', b'e', 0xa1,
        b'n',
    ];
    validate(&svc, DS, msgpack_value(&bytes)).await;
    let calls = provider.record.validated_data_sources.lock().unwrap();
    assert_eq!(calls[0].1, thing(Value::String("n".into()), Value::Unknown));
}

#[tokio::test]
async fn requests_are_routed_by_type_name() {
    let (provider, svc) = serve(ReadAnswer::Deferred);
    // DS2's schema has only "name": a config with "flag" would not decode for it, so
    // decoding against the right schema is part of the routing.
    let name_only = [0x81, 0xa4, b'n', b'a', b'm', b'e', 0xa1, b'b'];
    for (type_name, config) in [(DS2, msgpack_value(&name_only)), (DS, None), (DS2, None)] {
        let out = validate(&svc, type_name, config.clone()).await;
        assert_eq!(out.diagnostics.len(), 1, "{type_name}: the warning only");
        let out = read(&svc, type_name, config).await;
        assert!(out.deferred.is_some(), "{type_name}");
    }
    assert_eq!(provider.validated_names(), [DS2, DS, DS2]);
    let reads = provider.record.reads.lock().unwrap();
    let read: Vec<&str> = reads.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(read, [DS2, DS, DS2]);
    let mut attrs = BTreeMap::new();
    attrs.insert("name".to_owned(), Value::String("b".into()));
    assert_eq!(reads[0].1.config, Value::Object(attrs));
}

#[tokio::test]
async fn panicking_provider_answers_provider_bug() {
    let (provider, svc) = serve(ReadAnswer::Panic);
    provider
        .record
        .panic_in_validate
        .store(true, Ordering::SeqCst);
    let validation = validate(&svc, DS, None).await;
    let read = read(&svc, DS, None).await;
    let answers = [
        (
            "ValidateDataSourceConfig",
            &validation.diagnostics,
            "validation exploded",
        ),
        ("ReadDataSource", &read.diagnostics, "read exploded"),
    ];
    for (rpc, diags, message) in answers {
        let d = only_error(diags);
        assert_eq!(d.summary, "Provider Bug", "{rpc}");
        assert!(d.detail.contains(message), "{rpc}: {}", d.detail);
    }
    assert!(read.state.is_none());

    // The service keeps working after a panic.
    let schema = svc.get_schema(req(Default::default())).await.answer();
    assert!(schema.provider.is_some());
}

#[tokio::test]
async fn concurrent_calls_share_one_provider() {
    let (provider, svc) = serve(ReadAnswer::Deferred);
    let svc = Arc::new(svc);
    let mut tasks = Vec::new();
    for i in 0..16 {
        let svc = Arc::clone(&svc);
        tasks.push(tokio::spawn(async move {
            (i, read(&svc, DS, None).await.deferred.is_some())
        }));
    }
    for task in tasks {
        let (i, deferred) = task.await.expect("task");
        assert!(deferred, "call {i}");
    }
    assert_eq!(provider.record.reads.lock().unwrap().len(), 16);
}
