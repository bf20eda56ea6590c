//! PrepareProviderConfig, ConfigureProvider and StopProvider.

use super::*;

#[tokio::test]
async fn prepare_provider_config_validates_and_echoes() {
    let (provider, svc) = serve(ReadAnswer::Nothing);
    let out = svc
        .prepare_provider_config(req(proto::prepare_provider_config::Request {
            config: None,
        }))
        .await
        .answer();
    assert_eq!(*provider.validated_provider.lock().unwrap(), [Value::Null]);
    assert!(out.prepared_config.is_none());
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].severity, PSeverity::Warning as i32);
    assert!(out.diagnostics[0].attribute.is_some());
}

#[tokio::test]
async fn prepare_echoes_json_config_bytes() {
    let (provider, svc) = serve(ReadAnswer::Nothing);
    let config = Some(proto::DynamicValue {
        msgpack: Vec::new(),
        json: br#"{"region":"example-region-1"}"#.to_vec(),
    });
    let out = svc
        .prepare_provider_config(req(proto::prepare_provider_config::Request {
            config: config.clone(),
        }))
        .await
        .answer();
    assert_eq!(out.prepared_config, config);
    let mut attrs = BTreeMap::new();
    attrs.insert(
        "region".to_owned(),
        Value::String("example-region-1".into()),
    );
    assert_eq!(
        *provider.validated_provider.lock().unwrap(),
        [Value::Object(attrs)]
    );
}

#[tokio::test]
async fn configure_passes_version_and_capabilities() {
    let (provider, svc) = serve(ReadAnswer::Nothing);
    let out = svc
        .configure(req(proto::configure::Request {
            terraform_version: "1.11.4".into(),
            config: None,
            client_capabilities: Some(proto::ClientCapabilities {
                deferral_allowed: true,
                write_only_attributes_allowed: false,
            }),
        }))
        .await
        .answer();
    assert!(out.diagnostics.is_empty());
    let calls = provider.configured.lock().unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].terraform_version, "1.11.4");
    assert_eq!(calls[0].config, Value::Null);
    assert_eq!(
        calls[0].client_capabilities,
        ClientCapabilities {
            deferral_allowed: true,
            write_only_attributes_allowed: false
        }
    );
}

#[tokio::test]
async fn undecodable_config_is_a_diagnostic() {
    let (provider, svc) = serve(ReadAnswer::Nothing);
    let garbage = msgpack_value(&[0xc1]);
    let validation = validate(&svc, DS, garbage.clone()).await;
    let prepare = svc
        .prepare_provider_config(req(proto::prepare_provider_config::Request {
            config: garbage.clone(),
        }))
        .await
        .answer();
    let configure = svc
        .configure(req(proto::configure::Request {
            config: garbage,
            ..Default::default()
        }))
        .await
        .answer();
    let answers = [
        ("ValidateDataSourceConfig", &validation.diagnostics),
        ("PrepareProviderConfig", &prepare.diagnostics),
        ("ConfigureProvider", &configure.diagnostics),
    ];
    for (rpc, diags) in answers {
        assert_eq!(
            only_error(diags).summary,
            "Unreadable Configuration",
            "{rpc}"
        );
    }
    assert!(provider.validated_names().is_empty());
    assert!(provider.validated_provider.lock().unwrap().is_empty());
    assert!(provider.configured.lock().unwrap().is_empty());
}

#[tokio::test]
async fn stop_stops_the_provider() {
    let (provider, svc) = serve(ReadAnswer::Nothing);
    let out = svc.stop(req(Default::default())).await.answer();
    assert_eq!(out.error, "");
    assert!(provider.stopped.load(Ordering::SeqCst));
}
