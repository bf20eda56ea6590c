//! GetProviderSchema, GetMetadata and the RPCs whose answers are always empty.

use super::*;

#[tokio::test]
async fn get_schema_reports_provider_and_data_sources_only() {
    let (_, svc) = serve(ReadAnswer::Nothing);
    let out = svc.get_schema(req(Default::default())).await.answer();
    let provider_block = out.provider.and_then(|s| s.block).expect("provider block");
    assert_eq!(provider_block.attributes[0].name, "region");
    assert_eq!(
        out.data_source_schemas.keys().collect::<Vec<_>>(),
        vec![DS2, DS]
    );
    let ds = out.data_source_schemas[DS].block.as_ref().expect("block");
    assert_eq!(ds.attributes.len(), 2);
    let empty = [
        ("resource schemas", out.resource_schemas.is_empty()),
        (
            "ephemeral schemas",
            out.ephemeral_resource_schemas.is_empty(),
        ),
        ("list schemas", out.list_resource_schemas.is_empty()),
        ("action schemas", out.action_schemas.is_empty()),
        ("functions", out.functions.is_empty()),
        ("provider meta", out.provider_meta.is_none()),
        ("diagnostics", out.diagnostics.is_empty()),
    ];
    for (what, is_empty) in empty {
        assert!(is_empty, "{what} should be empty");
    }
    let caps = out.server_capabilities.expect("capabilities");
    assert!(caps.get_provider_schema_optional);
    assert!(!caps.plan_destroy && !caps.move_resource_state && !caps.generate_resource_config);
}

#[tokio::test]
async fn get_schema_bytes_are_deterministic() {
    use prost::Message;
    let (_, svc) = serve(ReadAnswer::Nothing);
    let mut encodings = Vec::new();
    for _ in 0..3 {
        let out = svc.get_schema(req(Default::default())).await.unwrap();
        encodings.push(out.into_inner().encode_to_vec());
    }
    assert!(encodings.windows(2).all(|w| w[0] == w[1]));
}

#[tokio::test]
async fn get_metadata_lists_data_sources() {
    let (_, svc) = serve(ReadAnswer::Nothing);
    let out = svc.get_metadata(req(Default::default())).await.answer();
    let names: Vec<_> = out
        .data_sources
        .iter()
        .map(|d| d.type_name.as_str())
        .collect();
    assert_eq!(names, [DS2, DS]);
    assert!(out.resources.is_empty() && out.functions.is_empty());
    assert!(
        out.server_capabilities
            .unwrap()
            .get_provider_schema_optional
    );
}

#[tokio::test]
async fn identities_and_functions_are_empty() {
    let (_, svc) = serve(ReadAnswer::Nothing);
    let ids = svc
        .get_resource_identity_schemas(req(Default::default()))
        .await
        .answer();
    assert!(ids.identity_schemas.is_empty() && ids.diagnostics.is_empty());
    let fns = svc.get_functions(req(Default::default())).await.answer();
    assert!(fns.functions.is_empty() && fns.diagnostics.is_empty());

    let call = svc
        .call_function(req(proto::call_function::Request {
            name: "upper".into(),
            arguments: Vec::new(),
        }))
        .await
        .answer();
    assert!(call.result.is_none());
    let text = call.error.expect("function error").text;
    assert!(text.contains("\"upper\""), "{text}");
    assert!(text.contains("this provider has no functions"), "{text}");
}
