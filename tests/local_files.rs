//! Local files that used to hang the provider or take its memory, through the built
//! binary started as Terraform starts it (go-plugin environment, AutoMTLS):
//!
//! - a FIFO as `<shared_credentials_dir>/default.configure` hung Configure, and one as
//!   `default.credential` or `web_identity_token_file` hung the read, for ever and
//!   with the provider's one event loop, so that neither Terraform's Stop nor SIGTERM
//!   ended the process (only SIGKILL did, leaving the socket directory behind);
//! - an oversized token file was sent to STS whole (a 256 MiB file as a 1.6 GB
//!   body, twice), and inline tokens and assertions had no limit either.
//!
//! Each answer must come at once with an error naming the file and what it is (or the
//! limit), no STS call may be made (the emulator's stats), and Stop, Shutdown and
//! SIGTERM must still work.
#![cfg(unix)]

mod common;
#[allow(dead_code)] // each test binary uses a part of the values
#[path = "hostile_inputs/values.rs"]
mod values;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::plugin_client::{client_config, tls_channel, ClientIdentity, Plugin};
use gaap_emulator::{Emulator, EmulatorConfig};
use terraform_provider_gaap::host::go_plugin_proto::grpc_controller_client::GrpcControllerClient;
use terraform_provider_gaap::host::go_plugin_proto::Empty;
use terraform_provider_gaap::protocol::wire::provider_client::ProviderClient;
use terraform_provider_gaap::protocol::wire::{self, Diagnostic};
use terraform_provider_gaap::protocol::{Type, Value};
use terraform_provider_gaap::provider::PROXY_CREATE_CHECK;
use tonic::transport::Channel;
use values::{attrs, good_read, mp, object, s, schema_types};

/// Far below the 10 s bound of a local read: the refusals must come at once.
const PROMPTLY: Duration = Duration::from_secs(5);

/// A role the emulator's STS knows (any ARN shape does: no call may be made).
const ROLE: &str = "qcs::cam::uin/200000000002:roleName/gaap-reader";

fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: mkfifo(3) with a NUL-terminated path that lives across the call.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
}

/// A private socket directory parent, short enough for `sun_path`.
fn socket_parent() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("lf")
        .tempdir_in("/tmp")
        .unwrap()
}

struct Provider {
    plugin: Plugin,
    channel: Channel,
    client: ProviderClient<Channel>,
}

/// The provider, started with `env`, its socket directory under `sockets`.
async fn start(sockets: &Path, env: &[(&str, &str)]) -> Provider {
    let terraform = ClientIdentity::terraform_like();
    let sockets = sockets.to_str().unwrap();
    let mut env = env.to_vec();
    env.push(("PLUGIN_UNIX_SOCKET_DIR", sockets));
    let (plugin, handshake) = Plugin::spawn_managed("5", Some(&terraform.pem), &env);
    let config = client_config(handshake.server_cert.as_ref().unwrap(), Some(&terraform));
    let channel = tls_channel(&handshake.socket(), config).await.unwrap();
    let client = ProviderClient::new(channel.clone())
        .max_decoding_message_size(16 << 20)
        .max_encoding_message_size(16 << 20);
    Provider {
        plugin,
        channel,
        client,
    }
}

/// Awaits `rpc`, which must answer within [`PROMPTLY`].
async fn promptly<T>(
    what: &str,
    rpc: impl std::future::Future<Output = Result<tonic::Response<T>, tonic::Status>>,
) -> T {
    let started = Instant::now();
    let answer = tokio::time::timeout(PROMPTLY, rpc)
        .await
        .unwrap_or_else(|_| panic!("{what}: no answer within {PROMPTLY:?} (a hang)"))
        .unwrap_or_else(|status| panic!("{what}: gRPC error {status:?}"))
        .into_inner();
    assert!(started.elapsed() < PROMPTLY, "{what}");
    answer
}

impl Provider {
    async fn configure(&mut self, config: &Value, ty: &Type) -> Vec<Diagnostic> {
        let request = wire::configure::Request {
            terraform_version: "1.9.0".into(),
            config: Some(mp(config, ty)),
            ..Default::default()
        };
        promptly("Configure", self.client.configure(request))
            .await
            .diagnostics
    }

    /// One check; its diagnostics (an error leaves no state).
    async fn read(&mut self) -> Vec<Diagnostic> {
        let (_, ds) = schema_types();
        let request = wire::read_data_source::Request {
            type_name: PROXY_CREATE_CHECK.into(),
            config: Some(mp(&good_read(&ds, 10, 2), &ds)),
            ..Default::default()
        };
        let answer = promptly("ReadDataSource", self.client.read_data_source(request)).await;
        if !answer.diagnostics.is_empty() {
            assert!(answer.state.is_none(), "a state with an error");
        }
        answer.diagnostics
    }

    /// The process exits, within a short bound, after `end`.
    fn wait_exit(&mut self, what: &str) {
        let started = Instant::now();
        self.plugin.wait_exit(Duration::from_secs(3));
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{what}: {:?}",
            started.elapsed()
        );
    }
}

/// The one error among `diags`, as "summary: detail".
fn the_error(diags: &[Diagnostic]) -> String {
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == wire::diagnostic::Severity::Error as i32)
        .map(|d| format!("{}: {}", d.summary, d.detail))
        .collect();
    assert_eq!(errors.len(), 1, "{diags:?}");
    errors[0].clone()
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect()
}

/// The provider block with `set`, every other attribute null and no block.
fn provider_config(set: &[(&str, Value)]) -> (Value, Type) {
    let (ty, _) = schema_types();
    (object(&ty, set), ty)
}

/// A one-element list block `name` of the provider block, with `set`.
fn block(name: &str, set: &[(&str, Value)]) -> (String, Value) {
    let (ty, _) = schema_types();
    let Type::List(element) = &attrs(&ty)[name] else {
        panic!("{name} is not a list block");
    };
    (name.to_owned(), Value::List(vec![object(element, set)]))
}

fn with(config: (Value, Type), extra: (String, Value)) -> (Value, Type) {
    let (Value::Object(mut attributes), ty) = config else {
        panic!("not an object");
    };
    attributes.insert(extra.0, extra.1);
    (Value::Object(attributes), ty)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fifo_configure_file_is_a_configure_error_and_sigterm_still_ends_the_provider() {
    let profiles = tempfile::tempdir().unwrap();
    let fifo = profiles.path().join("default.configure");
    mkfifo(&fifo);
    let sockets = socket_parent();
    let dir = profiles.path().to_str().unwrap();
    let mut p = start(
        sockets.path(),
        &[("TENCENTCLOUD_SHARED_CREDENTIALS_DIR", dir)],
    )
    .await;
    let (config, ty) = provider_config(&[]);
    let error = the_error(&p.configure(&config, &ty).await);
    let want = format!(
        "{} is a FIFO (named pipe), not a regular file",
        fifo.display()
    );
    assert!(error.contains(&want), "{error}");
    assert!(error.contains("TENCENTCLOUD_REGION"), "{error}");
    let error = the_error(&p.read().await);
    assert!(error.contains("Provider Not Configured"), "{error}");

    // The event loop is free: SIGTERM ends the process and removes its socket directory.
    p.plugin.signal(libc::SIGTERM);
    p.wait_exit("SIGTERM");
    assert_eq!(entries(sockets.path()), Vec::<PathBuf>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifo_credential_and_token_files_fail_the_read_and_stop_still_answers() {
    let profiles = tempfile::tempdir().unwrap();
    let credential = profiles.path().join("default.credential");
    mkfifo(&credential);
    let tokens = tempfile::tempdir().unwrap();
    let token = tokens.path().join("token");
    mkfifo(&token);
    let sockets = socket_parent();
    let dir = profiles.path().to_str().unwrap();
    let mut p = start(
        sockets.path(),
        &[("TENCENTCLOUD_SHARED_CREDENTIALS_DIR", dir)],
    )
    .await;

    // The profile's keys, from a FIFO.
    let (config, ty) = provider_config(&[("region", s("ap-guangzhou"))]);
    assert_eq!(p.configure(&config, &ty).await, Vec::new());
    let error = the_error(&p.read().await);
    let want = format!(
        "{} is a FIFO (named pipe), not a regular file",
        credential.display()
    );
    assert!(error.contains(&want), "{error}");

    // An OIDC login whose token file is a FIFO (a second provider instance, as
    // Terraform starts one per configuration; no profile file there).
    let no_profile = tokens.path().to_str().unwrap();
    let mut p2 = start(
        sockets.path(),
        &[("TENCENTCLOUD_SHARED_CREDENTIALS_DIR", no_profile)],
    )
    .await;
    let (config, ty) = with(
        provider_config(&[("region", s("ap-guangzhou"))]),
        block(
            "assume_role_with_web_identity",
            &[
                ("web_identity_token_file", s(token.to_str().unwrap())),
                ("role_arn", s(ROLE)),
                ("session_name", s("ci")),
            ],
        ),
    );
    assert_eq!(p2.configure(&config, &ty).await, Vec::new());
    let error = the_error(&p2.read().await);
    let want = format!(
        "web_identity_token_file {} is a FIFO (named pipe), not a regular file",
        token.display()
    );
    assert!(error.contains(&want), "{error}");

    // Stop is answered and Shutdown ends both processes.
    for p in [&mut p, &mut p2] {
        let stop = p.client.stop(wire::stop::Request {});
        assert_eq!(promptly("Stop", stop).await.error, "");
        let mut controller = GrpcControllerClient::new(p.channel.clone());
        let _ = tokio::time::timeout(PROMPTLY, controller.shutdown(Empty {})).await;
        p.wait_exit("Shutdown");
    }
    assert_eq!(entries(sockets.path()), Vec::<PathBuf>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_tokens_and_assertions_are_refused_before_any_sts_call() {
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let url = emulator.url();
    let profiles = tempfile::tempdir().unwrap();
    let dir = profiles.path().to_str().unwrap();
    // 256 MiB, sparse: the file the attack sent to STS as a 1.6 GB body.
    let token = profiles.path().join("token");
    std::fs::File::create(&token)
        .unwrap()
        .set_len(256 << 20)
        .unwrap();
    let sockets = socket_parent();
    let env = [
        ("TENCENTCLOUD_SHARED_CREDENTIALS_DIR", dir),
        ("TENCENTCLOUD_STS_ENDPOINT", url.as_str()),
        ("TENCENTCLOUD_GAAP_ENDPOINT", url.as_str()),
    ];
    let login = |name: &str, set: &[(&str, Value)]| {
        let mut set = set.to_vec();
        set.extend([("role_arn", s(ROLE)), ("session_name", s("ci"))]);
        with(
            provider_config(&[("region", s("ap-guangzhou"))]),
            block(name, &set),
        )
    };
    let oversized_inline_token = "e".repeat(64 * 1024 + 1);
    let oversized_assertion = "P".repeat(256 * 1024 + 1);
    let cases = [
        (
            "a 256 MiB token file",
            login(
                "assume_role_with_web_identity",
                &[("web_identity_token_file", s(token.to_str().unwrap()))],
            ),
            format!(
                "web_identity_token_file {} is larger than the limit of 64 KiB (65536 bytes)",
                token.display()
            ),
        ),
        (
            "an inline token of 64 KiB and a byte",
            login(
                "assume_role_with_web_identity",
                &[("web_identity_token", s(&oversized_inline_token))],
            ),
            "the OIDC token (`web_identity_token` or TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN) \
             is 65537 bytes, larger than the limit of 64 KiB (65536 bytes)"
                .to_owned(),
        ),
        (
            "a SAML assertion of 256 KiB and a byte",
            login(
                "assume_role_with_saml",
                &[
                    ("saml_assertion", s(&oversized_assertion)),
                    (
                        "principal_arn",
                        s("qcs::cam::uin/200000000002:saml-provider/corp-idp"),
                    ),
                ],
            ),
            "is 262145 bytes, larger than the limit of 256 KiB (262144 bytes)".to_owned(),
        ),
    ];
    for (case, (config, ty), want) in cases {
        let mut p = start(sockets.path(), &env).await;
        assert_eq!(p.configure(&config, &ty).await, Vec::new(), "{case}");
        let error = the_error(&p.read().await);
        assert!(error.contains(&want), "{case}: {error}");
        assert!(
            !error.contains("eee") && !error.contains("PPP"),
            "{case}: {error}"
        );
        p.plugin.signal(libc::SIGTERM);
        p.wait_exit(case);
    }
    let stats = emulator.stats();
    for action in [
        "AssumeRoleWithWebIdentity",
        "AssumeRoleWithSAML",
        "CheckProxyCreate",
    ] {
        assert_eq!(stats.total(action), 0, "{action}: {stats:?}");
    }
    emulator.shutdown().await;
}
