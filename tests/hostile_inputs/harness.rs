//! The provider process under test, one call to any RPC, and the check of its outcome.

use futures_util::StreamExt;
use terraform_provider_gaap::protocol::wire::provider_client::ProviderClient;
use terraform_provider_gaap::protocol::wire::{self, DynamicValue};
use terraform_provider_gaap::provider::PROXY_CREATE_CHECK;
use tonic::transport::Channel;

use crate::common::plugin_client::{client_config, tls_channel, ClientIdentity, Plugin};
use crate::payloads::Expect;
use crate::{has_error, Diags, RPC_TIMEOUT};

pub(crate) struct Harness {
    pub(crate) plugin: Plugin,
    pub(crate) channel: Channel,
    pub(crate) client: ProviderClient<Channel>,
    pub(crate) calls: usize,
}

pub(crate) async fn start_plugin() -> Harness {
    let terraform = ClientIdentity::terraform_like();
    let (plugin, handshake) = Plugin::spawn_managed("5", Some(&terraform.pem), &[]);
    let config = client_config(handshake.server_cert.as_ref().unwrap(), Some(&terraform));
    let channel = tls_channel(&handshake.socket(), config)
        .await
        .expect("channel");
    let client = ProviderClient::new(channel.clone())
        .max_decoding_message_size(256 << 20)
        .max_encoding_message_size(256 << 20);
    Harness {
        plugin,
        channel,
        client,
        calls: 0,
    }
}

impl Harness {
    /// Fails the test (with stderr) when the process is gone.
    pub(crate) fn assert_alive(&mut self, case: &str) {
        if let Some(status) = self.plugin.child.try_wait().unwrap() {
            panic!(
                "{case}: the provider exited ({status:?}); stderr:\n{}",
                self.plugin.stderr()
            );
        }
    }
}

/// One call's outcome: diagnostics, or the gRPC status.
pub(crate) type Outcome = Result<Diags, tonic::Status>;

pub(crate) async fn bounded<T>(
    case: &str,
    f: impl std::future::Future<Output = Result<tonic::Response<T>, tonic::Status>>,
) -> Result<T, tonic::Status> {
    tokio::time::timeout(RPC_TIMEOUT, f)
        .await
        .unwrap_or_else(|_| panic!("{case}: no answer within {RPC_TIMEOUT:?}"))
        .map(tonic::Response::into_inner)
}

/// Every RPC that carries a DynamicValue, given one.
pub(crate) const VALUE_RPCS: &[&str] = &[
    "PrepareProviderConfig",
    "Configure",
    "ValidateDataSourceConfig",
    "ReadDataSource",
    "ValidateResourceTypeConfig",
    "ReadResource",
    "PlanResourceChange",
    "ApplyResourceChange",
    "GenerateResourceConfig",
    "ValidateEphemeralResourceConfig",
    "OpenEphemeralResource",
    "ListResource",
    "ValidateListResourceConfig",
    "PlanAction",
    "InvokeAction",
    "ValidateActionConfig",
];

/// RPCs whose requests name a type but carry no DynamicValue (raw state, ids, private).
pub(crate) const TYPE_ONLY_RPCS: &[&str] = &[
    "UpgradeResourceState",
    "UpgradeResourceIdentity",
    "ImportResourceState",
    "MoveResourceState",
    "RenewEphemeralResource",
    "CloseEphemeralResource",
];

pub(crate) async fn call(
    h: &mut Harness,
    rpc: &str,
    type_name: &str,
    v: Option<DynamicValue>,
) -> Outcome {
    let c = &mut h.client;
    let t = type_name.to_owned();
    h.calls += 1;
    let case = format!("{rpc}({type_name:.40})");
    let case = case.as_str();
    use wire::*;
    Ok(match rpc {
        "PrepareProviderConfig" => {
            bounded(
                case,
                c.prepare_provider_config(prepare_provider_config::Request { config: v }),
            )
            .await?
            .diagnostics
        }
        "Configure" => {
            bounded(
                case,
                c.configure(configure::Request {
                    terraform_version: "1.9.0".into(),
                    config: v,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "ValidateDataSourceConfig" => {
            bounded(
                case,
                c.validate_data_source_config(validate_data_source_config::Request {
                    type_name: t,
                    config: v,
                }),
            )
            .await?
            .diagnostics
        }
        "ReadDataSource" => {
            let r = bounded(
                case,
                c.read_data_source(read_data_source::Request {
                    type_name: t,
                    config: v.clone(),
                    provider_meta: v,
                    ..Default::default()
                }),
            )
            .await?;
            if has_error(&r.diagnostics) {
                assert!(r.state.is_none(), "{case}: state with an error");
            }
            r.diagnostics
        }
        "ValidateResourceTypeConfig" => {
            bounded(
                case,
                c.validate_resource_type_config(validate_resource_type_config::Request {
                    type_name: t,
                    config: v,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "ReadResource" => {
            bounded(
                case,
                c.read_resource(read_resource::Request {
                    type_name: t,
                    current_state: v.clone(),
                    provider_meta: v,
                    private: vec![0xff; 64],
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "PlanResourceChange" => {
            bounded(
                case,
                c.plan_resource_change(plan_resource_change::Request {
                    type_name: t,
                    prior_state: v.clone(),
                    proposed_new_state: v.clone(),
                    config: v.clone(),
                    provider_meta: v,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "ApplyResourceChange" => {
            bounded(
                case,
                c.apply_resource_change(apply_resource_change::Request {
                    type_name: t,
                    prior_state: v.clone(),
                    planned_state: v.clone(),
                    config: v.clone(),
                    provider_meta: v,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "GenerateResourceConfig" => {
            bounded(
                case,
                c.generate_resource_config(generate_resource_config::Request {
                    type_name: t,
                    state: v,
                }),
            )
            .await?
            .diagnostics
        }
        "ValidateEphemeralResourceConfig" => {
            bounded(
                case,
                c.validate_ephemeral_resource_config(validate_ephemeral_resource_config::Request {
                    type_name: t,
                    config: v,
                }),
            )
            .await?
            .diagnostics
        }
        "OpenEphemeralResource" => {
            bounded(
                case,
                c.open_ephemeral_resource(open_ephemeral_resource::Request {
                    type_name: t,
                    config: v,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "ValidateListResourceConfig" => {
            bounded(
                case,
                c.validate_list_resource_config(validate_list_resource_config::Request {
                    type_name: t,
                    config: v.clone(),
                    include_resource_object: v.clone(),
                    limit: v,
                }),
            )
            .await?
            .diagnostics
        }
        "ListResource" => {
            let stream = bounded(
                case,
                c.list_resource(list_resource::Request {
                    type_name: t,
                    config: v,
                    ..Default::default()
                }),
            )
            .await?;
            diagnostics_of_stream(case, stream, |event| event.diagnostic).await?
        }
        "PlanAction" => {
            bounded(
                case,
                c.plan_action(plan_action::Request {
                    action_type: t,
                    config: v,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "InvokeAction" => {
            let stream = bounded(
                case,
                c.invoke_action(invoke_action::Request {
                    action_type: t,
                    config: v,
                    ..Default::default()
                }),
            )
            .await?;
            diagnostics_of_stream(case, stream, |event| match event.r#type {
                Some(invoke_action::event::Type::Completed(done)) => done.diagnostics,
                _ => Vec::new(),
            })
            .await?
        }
        "ValidateActionConfig" => {
            bounded(
                case,
                c.validate_action_config(validate_action_config::Request {
                    type_name: t,
                    config: v,
                }),
            )
            .await?
            .diagnostics
        }
        "UpgradeResourceState" => {
            let raw = RawState {
                json: b"{\"a\":[[[[".to_vec(),
                flatmap: [("\u{0}".to_owned(), "x".repeat(1000))].into(),
            };
            bounded(
                case,
                c.upgrade_resource_state(upgrade_resource_state::Request {
                    type_name: t,
                    version: i64::MIN,
                    raw_state: Some(raw),
                }),
            )
            .await?
            .diagnostics
        }
        "UpgradeResourceIdentity" => {
            let raw = RawState {
                json: vec![0xff, 0xfe],
                flatmap: Default::default(),
            };
            bounded(
                case,
                c.upgrade_resource_identity(upgrade_resource_identity::Request {
                    type_name: t,
                    version: -1,
                    raw_identity: Some(raw),
                }),
            )
            .await?
            .diagnostics
        }
        "ImportResourceState" => {
            bounded(
                case,
                c.import_resource_state(import_resource_state::Request {
                    type_name: t,
                    id: "\u{0}".repeat(10_000),
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "MoveResourceState" => {
            let raw = RawState {
                json: b"not json".to_vec(),
                flatmap: Default::default(),
            };
            bounded(
                case,
                c.move_resource_state(move_resource_state::Request {
                    source_type_name: t.clone(),
                    target_type_name: t,
                    source_state: Some(raw),
                    source_schema_version: i64::MAX,
                    ..Default::default()
                }),
            )
            .await?
            .diagnostics
        }
        "RenewEphemeralResource" => {
            bounded(
                case,
                c.renew_ephemeral_resource(renew_ephemeral_resource::Request {
                    type_name: t,
                    private: Some(vec![0xc1; 100]),
                }),
            )
            .await?
            .diagnostics
        }
        "CloseEphemeralResource" => {
            bounded(
                case,
                c.close_ephemeral_resource(close_ephemeral_resource::Request {
                    type_name: t,
                    private: None,
                }),
            )
            .await?
            .diagnostics
        }
        other => panic!("no call for {other}"),
    })
}

/// Every diagnostic of a streamed answer's events, each event within [`RPC_TIMEOUT`].
async fn diagnostics_of_stream<T>(
    case: &str,
    mut stream: tonic::Streaming<T>,
    diagnostics: impl Fn(T) -> Diags,
) -> Outcome {
    let mut diags = Vec::new();
    while let Some(event) = tokio::time::timeout(RPC_TIMEOUT, stream.next())
        .await
        .unwrap_or_else(|_| panic!("{case}: the stream did not end within {RPC_TIMEOUT:?}"))
    {
        diags.extend(diagnostics(event?));
    }
    Ok(diags)
}

/// Type names sent to every RPC besides the real data source's.
pub(crate) fn hostile_type_names() -> Vec<(&'static str, String)> {
    vec![
        ("empty type name", String::new()),
        ("unknown type name", "gaap_no_such_thing".to_owned()),
        ("other provider's type", "aws_instance".to_owned()),
        (
            "NUL and emoji type name",
            "gaap_\u{0}\u{1F4A5}\u{202E}".to_owned(),
        ),
        ("64 KiB type name", "g".repeat(64 << 10)),
        ("near-miss type name", format!("{PROXY_CREATE_CHECK} ")),
    ]
}

/// Records a failure unless `outcome` is what `expect` asks (with `used`: the value is
/// acted on, not only validated). No diagnostic may report a provider bug (a caught panic).
pub(crate) fn check(
    failures: &mut Vec<String>,
    rpc: &str,
    case: &str,
    expect: Expect,
    used: bool,
    outcome: Outcome,
) {
    let diags = match outcome {
        Ok(diags) => diags,
        Err(status) => {
            failures.push(format!("{rpc} / {case}: gRPC error {status:?}"));
            return;
        }
    };
    if let Some(bug) = diags
        .iter()
        .find(|d| d.summary.contains("Bug") || d.detail.contains("panic"))
    {
        failures.push(format!("{rpc} / {case}: {} — {}", bug.summary, bug.detail));
        return;
    }
    let must_error = match expect {
        Expect::Error => true,
        Expect::Answer => false,
        Expect::ErrorWhenUsed => used,
    };
    if must_error && !has_error(&diags) {
        failures.push(format!("{rpc} / {case}: no error diagnostic: {diags:?}"));
    }
    if let Some(empty) = diags.iter().find(|d| d.summary.trim().is_empty()) {
        failures.push(format!(
            "{rpc} / {case}: a diagnostic without a summary: {empty:?}"
        ));
    }
}
