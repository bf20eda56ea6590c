//! The managed-resource, ephemeral, list and action RPCs: this provider has none of
//! those, so each answers an "unknown type" error.

use tokio_stream::StreamExt;

use super::*;

#[tokio::test]
async fn resource_rpcs_answer_unknown_type() {
    let (_, svc) = serve(ReadAnswer::Nothing);
    let resource = "Unknown Resource Type";
    let ephemeral = "Unknown Ephemeral Resource Type";
    let list = "Unknown List Resource Type";
    let action = "Unknown Action Type";
    // A row per RPC: its name, the summary it must answer, and its diagnostics. The
    // request module is named as the method is; `$field` holds the type name.
    let mut answers: Vec<(&str, &str, Vec<proto::Diagnostic>)> = Vec::new();
    macro_rules! call {
        ($summary:expr, $method:ident, $field:ident) => {{
            let request = proto::$method::Request {
                $field: "test_res".to_owned(),
                ..Default::default()
            };
            let out = svc.$method(req(request)).await.answer();
            answers.push((stringify!($method), $summary, out.diagnostics));
        }};
    }
    call!(resource, validate_resource_type_config, type_name);
    call!(resource, upgrade_resource_state, type_name);
    call!(resource, upgrade_resource_identity, type_name);
    call!(resource, read_resource, type_name);
    call!(resource, plan_resource_change, type_name);
    call!(resource, apply_resource_change, type_name);
    call!(resource, import_resource_state, type_name);
    call!(resource, move_resource_state, target_type_name);
    call!(resource, generate_resource_config, type_name);
    call!(ephemeral, validate_ephemeral_resource_config, type_name);
    call!(ephemeral, open_ephemeral_resource, type_name);
    call!(ephemeral, renew_ephemeral_resource, type_name);
    call!(ephemeral, close_ephemeral_resource, type_name);
    call!(list, validate_list_resource_config, type_name);
    call!(action, plan_action, action_type);
    call!(action, validate_action_config, type_name);
    assert_eq!(answers.len(), 16);
    for (method, summary, diags) in &answers {
        let d = only_error(diags);
        assert_eq!(d.summary, *summary, "{method}");
        for named in ["\"test_res\"", "not supported", DS] {
            assert!(d.detail.contains(named), "{method}: {}", d.detail);
        }
    }
}

#[tokio::test]
async fn streaming_rpcs_send_one_event_with_the_diagnostic() {
    let (_, svc) = serve(ReadAnswer::Nothing);

    let list = svc
        .list_resource(req(proto::list_resource::Request {
            type_name: "test_list".into(),
            ..Default::default()
        }))
        .await
        .answer();
    let events: Vec<_> = list.collect().await;
    assert_eq!(events.len(), 1);
    let event = events[0].as_ref().expect("ok event");
    let d = only_error(&event.diagnostic);
    assert_eq!(d.summary, "Unknown List Resource Type");
    assert!(d.detail.contains("\"test_list\""), "{}", d.detail);

    let invoke = svc
        .invoke_action(req(proto::invoke_action::Request {
            action_type: "test_act".into(),
            ..Default::default()
        }))
        .await
        .answer();
    let events: Vec<_> = invoke.collect().await;
    assert_eq!(events.len(), 1);
    match &events[0].as_ref().expect("ok event").r#type {
        Some(proto::invoke_action::event::Type::Completed(done)) => {
            let d = only_error(&done.diagnostics);
            assert_eq!(d.summary, "Unknown Action Type");
            assert!(d.detail.contains("\"test_act\""), "{}", d.detail);
        }
        other => panic!("unexpected event {other:?}"),
    }
}
