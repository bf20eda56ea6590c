//! Process tests: the built binary, started with the environment Terraform's go-plugin
//! client gives it, spoken to over its Unix socket with gRPC (AutoMTLS or plaintext).
#![cfg(unix)]

mod common;

use std::time::Duration;

use common::plugin_client::{
    client_config, plain_channel, tls_channel, tls_connect, ClientIdentity, Plugin, TIMEOUT,
};
use futures_util::StreamExt;
use terraform_provider_gaap::host::go_plugin_proto::grpc_controller_client::GrpcControllerClient;
use terraform_provider_gaap::host::go_plugin_proto::grpc_stdio_client::GrpcStdioClient;
use terraform_provider_gaap::host::go_plugin_proto::Empty;
use terraform_provider_gaap::protocol::wire::get_provider_schema;
use terraform_provider_gaap::protocol::wire::provider_client::ProviderClient;
use tonic::transport::Channel;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::HealthCheckRequest;

const DATA_SOURCE: &str = "gaap_proxy_create_check";

async fn get_schema(channel: Channel) -> Result<get_provider_schema::Response, tonic::Status> {
    let mut client = ProviderClient::new(channel);
    tokio::time::timeout(TIMEOUT, client.get_schema(get_provider_schema::Request {}))
        .await
        .map_err(|_| tonic::Status::deadline_exceeded("GetSchema timed out"))?
        .map(tonic::Response::into_inner)
}

async fn assert_schema_served(channel: Channel) {
    let schema = get_schema(channel).await.expect("GetSchema");
    assert!(schema.provider.is_some(), "provider schema must be set");
    assert!(
        schema.data_source_schemas.contains_key(DATA_SOURCE),
        "{:?}",
        schema.data_source_schemas.keys().collect::<Vec<_>>()
    );
}

/// A client with `config` cannot get the schema over the plugin's socket (the TLS
/// handshake or the first call fails), within the time limit.
async fn assert_refused(socket: &std::path::Path, config: std::sync::Arc<rustls::ClientConfig>) {
    let refused = async {
        let channel = tls_channel(socket, config)
            .await
            .map_err(|e| e.to_string())?;
        get_schema(channel).await.map_err(|e| e.to_string())
    };
    let outcome = tokio::time::timeout(TIMEOUT, refused)
        .await
        .expect("bounded");
    assert!(
        outcome.is_err(),
        "the plugin served a client it must refuse"
    );
}

async fn shutdown_and_expect_exit(plugin: &mut Plugin, channel: Channel) {
    let mut controller = GrpcControllerClient::new(channel);
    let started = std::time::Instant::now();
    // The answer may or may not arrive before the process is gone; go-plugin ignores it too.
    let _ = tokio::time::timeout(TIMEOUT, controller.shutdown(Empty {})).await;
    let status = plugin.wait_exit(Duration::from_secs(2));
    assert!(
        status.success(),
        "exit status {status:?}; stderr:\n{}",
        plugin.stderr()
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn automtls_serves_the_pinned_client_only_and_exits_on_shutdown() {
    let terraform = ClientIdentity::terraform_like();
    let (mut plugin, handshake) =
        Plugin::spawn_managed("5,6", Some(&terraform.pem), &[("TF_LOG_PROVIDER", "DEBUG")]);

    let f = &handshake.fields;
    assert_eq!(
        (f[0].as_str(), f[1].as_str(), f[2].as_str(), f[4].as_str()),
        ("1", "5", "unix", "grpc")
    );
    assert!(f[5].len() > 50 && !f[5].contains('='), "{}", handshake.raw);
    let socket = handshake.socket();
    assert!(socket.exists(), "{socket:?}");
    let server_cert = handshake
        .server_cert
        .clone()
        .expect("server certificate in the handshake");

    // The right client: ALPN h2, and every service answers.
    let good = client_config(&server_cert, Some(&terraform));
    let tls = tls_connect(&socket, good.clone())
        .await
        .expect("TLS handshake");
    assert_eq!(tls.get_ref().1.alpn_protocol(), Some(&b"h2"[..]));
    drop(tls);
    let channel = tls_channel(&socket, good.clone()).await.expect("channel");
    assert_schema_served(channel.clone()).await;

    let mut health = HealthClient::new(channel.clone());
    let status = health
        .check(HealthCheckRequest {
            service: "plugin".to_owned(),
        })
        .await
        .expect("health check")
        .into_inner()
        .status;
    assert_eq!(status, ServingStatus::Serving as i32);

    let mut stdio = GrpcStdioClient::new(channel.clone());
    let mut stream = stdio
        .stream_stdio(())
        .await
        .expect("StreamStdio opens")
        .into_inner();
    let first = tokio::time::timeout(Duration::from_millis(300), stream.next()).await;
    assert!(
        first.is_err(),
        "StreamStdio must stay open and silent, got {first:?}"
    );

    // No client certificate: refused.
    assert_refused(&socket, client_config(&server_cert, None)).await;

    // Another P-521 certificate, same shape as Terraform's: refused.
    let impostor = ClientIdentity::terraform_like();
    assert_refused(&socket, client_config(&server_cert, Some(&impostor))).await;

    // The server kept serving the right client (on the old and on a new connection).
    assert_schema_served(channel.clone()).await;
    assert_schema_served(tls_channel(&socket, good).await.expect("new channel")).await;

    // SIGINT (Ctrl-C in the terminal) does not kill a managed plugin.
    plugin.signal(libc::SIGINT);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        plugin.child.try_wait().unwrap().is_none(),
        "SIGINT killed the plugin"
    );
    assert_schema_served(channel.clone()).await;

    shutdown_and_expect_exit(&mut plugin, channel).await;
    assert!(!socket.exists(), "socket left behind");
    assert!(
        !socket.parent().unwrap().exists(),
        "socket directory left behind"
    );
    assert_eq!(
        plugin.remaining_stdout(),
        Vec::<String>::new(),
        "stdout must hold one line"
    );
    // Logs: hclog JSON lines only, and the refusals are among them.
    let stderr = plugin.stderr();
    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    for line in &lines {
        assert!(
            ["trace", "debug", "info", "warn", "error"].contains(&line["@level"].as_str().unwrap())
        );
        assert_eq!(line["@timestamp"].as_str().unwrap().len(), 27, "{line}");
        assert!(
            line["@module"].as_str().unwrap().starts_with("provider"),
            "{line}"
        );
    }
    let refusals = lines
        .iter()
        .filter(|l| l["@message"].as_str().unwrap().contains("TLS handshake"))
        .count();
    assert!(refusals >= 2, "both refusals are logged:\n{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plaintext_without_client_cert() {
    let (mut plugin, handshake) = Plugin::spawn_managed("6,5", None, &[]);
    assert!(handshake.raw.ends_with("|grpc|"), "{}", handshake.raw);
    assert_eq!(handshake.fields[1], "5");
    assert!(handshake.server_cert.is_none());
    let channel = plain_channel(&handshake.socket())
        .await
        .expect("h2c channel");
    assert_schema_served(channel.clone()).await;
    shutdown_and_expect_exit(&mut plugin, channel).await;
    assert_eq!(plugin.remaining_stdout(), Vec::<String>::new());
}

#[test]
fn without_the_cookie_it_says_so_and_exits_1() {
    let mut plugin = Plugin::spawn(&[], &[("PLUGIN_PROTOCOL_VERSIONS", "5")]);
    let status = plugin.wait_exit(TIMEOUT);
    assert_eq!(status.code(), Some(1));
    assert_eq!(plugin.remaining_stdout(), Vec::<String>::new());
    assert!(
        plugin.stderr().contains(
            "This binary is a plugin. These are not meant to be executed directly.\n\
             Please execute the program that consumes these plugins, which will\n\
             load any plugins automatically\n"
        ),
        "{}",
        plugin.stderr()
    );
}

#[test]
fn version_flag() {
    let mut plugin = Plugin::spawn(&["--version"], &[]);
    assert!(plugin.wait_exit(TIMEOUT).success());
    let line = plugin.next_stdout_line().unwrap();
    assert_eq!(
        line,
        format!("terraform-provider-gaap {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_argument_exits_2() {
    let mut plugin = Plugin::spawn(&["--serve-forever"], &[]);
    assert_eq!(plugin.wait_exit(TIMEOUT).code(), Some(2));
    assert!(
        plugin.stderr().contains("--serve-forever"),
        "{}",
        plugin.stderr()
    );
    assert_eq!(plugin.remaining_stdout(), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn debug_mode_prints_reattach_config_and_stops_on_sigint() {
    let mut plugin = Plugin::spawn(&["--debug"], &[]);
    let mut config = None;
    while let Some(line) = plugin.next_stdout_line() {
        if let Some(rest) = line.trim().strip_prefix("TF_REATTACH_PROVIDERS='") {
            config = Some(rest.trim_end_matches('\'').to_owned());
            break;
        }
    }
    let config = config.expect("a TF_REATTACH_PROVIDERS line");
    let value: serde_json::Value = serde_json::from_str(&config).unwrap();
    let entry = &value["registry.terraform.io/gaap-community/gaap"];
    assert_eq!(entry["Protocol"], "grpc");
    assert_eq!(entry["ProtocolVersion"], 5);
    assert_eq!(entry["Test"], true);
    assert_eq!(entry["Pid"], plugin.child.id());
    assert_eq!(entry["Addr"]["Network"], "unix");
    let socket = std::path::PathBuf::from(entry["Addr"]["String"].as_str().unwrap());

    let channel = plain_channel(&socket).await.expect("h2c channel");
    assert_schema_served(channel).await;

    plugin.signal(libc::SIGINT);
    assert!(plugin.wait_exit(TIMEOUT).success());
    assert!(!socket.exists(), "socket left behind");
}

/// A private directory for the plugin's socket directory (`PLUGIN_UNIX_SOCKET_DIR`),
/// short enough for `sun_path`, so a test can see what the plugin leaves behind.
fn socket_parent() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("pp")
        .tempdir_in("/tmp")
        .expect("a temp dir")
}

fn entries(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .expect("read the socket parent")
        .map(|e| e.expect("an entry").path())
        .collect()
}

/// go-plugin's rule: any non-empty `PLUGIN_CLIENT_CERT` means AutoMTLS. A blank or
/// unparsable one must stop the start, never fall back to plaintext (where any local
/// process could talk to the provider), and leave no socket directory behind.
#[test]
fn a_blank_or_bad_client_cert_is_a_startup_error_not_plaintext() {
    for cert in [" ", "\n", "not a certificate"] {
        let parent = socket_parent();
        let dir = parent.path().to_str().unwrap().to_owned();
        let mut plugin = Plugin::spawn(
            &[],
            &[
                ("TF_PLUGIN_MAGIC_COOKIE", common::plugin_client::COOKIE),
                ("PLUGIN_PROTOCOL_VERSIONS", "5"),
                ("PLUGIN_CLIENT_CERT", cert),
                ("PLUGIN_UNIX_SOCKET_DIR", &dir),
            ],
        );
        let status = plugin.wait_exit(TIMEOUT);
        assert_eq!(status.code(), Some(1), "{cert:?}: {}", plugin.stderr());
        assert_eq!(plugin.remaining_stdout(), Vec::<String>::new(), "{cert:?}");
        assert!(
            plugin.stderr().contains("PLUGIN_CLIENT_CERT"),
            "{cert:?}: {}",
            plugin.stderr()
        );
        assert_eq!(entries(parent.path()), Vec::<std::path::PathBuf>::new());
    }
}

/// SIGHUP (the terminal went away) and SIGTERM after the handshake end serving and
/// remove the socket directory.
#[test]
fn sighup_and_sigterm_remove_the_socket_directory() {
    for signal in [libc::SIGHUP, libc::SIGTERM] {
        let parent = socket_parent();
        let dir = parent.path().to_str().unwrap().to_owned();
        let (mut plugin, handshake) =
            Plugin::spawn_managed("5", None, &[("PLUGIN_UNIX_SOCKET_DIR", &dir)]);
        let socket = handshake.socket();
        assert!(socket.starts_with(parent.path()), "{socket:?}");
        assert!(socket.exists(), "{socket:?}");
        plugin.signal(signal);
        plugin.wait_exit(TIMEOUT);
        assert_eq!(
            entries(parent.path()),
            Vec::<std::path::PathBuf>::new(),
            "signal {signal}"
        );
    }
}

/// A SIGTERM that arrives after the socket is bound but before the handshake line is
/// out (here: stdout is a full pipe, so writing the line blocks) still removes the
/// socket directory.
#[test]
fn sigterm_before_the_handshake_line_removes_the_socket_directory() {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::process::{Command, Stdio};

    let parent = socket_parent();
    let mut fds = [0; 2];
    // SAFETY: pipe(2) fills the two-int array it is given.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: both descriptors were just created and are owned here only.
    let (read_end, write_end) =
        unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    // Fill the pipe: non-blocking writes until it is full, then blocking again.
    // SAFETY: fcntl and write on a descriptor we own, with a valid buffer.
    unsafe {
        let flags = libc::fcntl(fds[1], libc::F_GETFL);
        libc::fcntl(fds[1], libc::F_SETFL, flags | libc::O_NONBLOCK);
        let chunk = [b'x'; 4096];
        while libc::write(fds[1], chunk.as_ptr().cast(), chunk.len()) > 0 {}
        libc::fcntl(fds[1], libc::F_SETFL, flags);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_terraform-provider-gaap"))
        .env_clear()
        .env("TF_PLUGIN_MAGIC_COOKIE", common::plugin_client::COOKIE)
        .env("PLUGIN_PROTOCOL_VERSIONS", "5")
        .env("PLUGIN_UNIX_SOCKET_DIR", parent.path())
        .stdin(Stdio::null())
        .stdout(Stdio::from(write_end))
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the provider binary");

    let start = std::time::Instant::now();
    while entries(parent.path()).is_empty() {
        assert!(start.elapsed() < TIMEOUT, "no socket directory appeared");
        std::thread::sleep(Duration::from_millis(5));
    }
    // Give the process time to reach the blocked write of its handshake line.
    std::thread::sleep(Duration::from_millis(300));
    // SAFETY: kill(2) on our own child's pid.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the provider did not exit on SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(
        entries(parent.path()),
        Vec::<std::path::PathBuf>::new(),
        "exit status {status:?}"
    );
    // The read end stays open until here: a closed pipe would end the write itself.
    drop(read_end);
}
