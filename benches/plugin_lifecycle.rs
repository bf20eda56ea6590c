//! `make bench`: what users feel of the provider's speed and size, measured on the
//! release build, each against a target. Exits non-zero when a target is missed.
//!
//! - startup: spawn with Terraform's environment (AutoMTLS, P-521 client cert) until
//!   the handshake line is read; Terraform starts 3-4 provider processes per command.
//! - lifecycle: spawn, TLS connect, GetSchema, Shutdown, process gone; what one of
//!   those processes costs Terraform end to end.
//! - peak RSS of a provider process after GetSchema.
//! - size of the release binary.
//! - signing and msgpack decoding throughput (in process).

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "support/measured.rs"]
mod measured;

use std::time::{Duration, Instant};

use common::plugin_client::{client_config, tls_channel, ClientIdentity, Plugin};
use tencentcloud_client::signer::{self, RequestToSign, SignedHeader};
use terraform_provider_gaap::host::go_plugin_proto::grpc_controller_client::GrpcControllerClient;
use terraform_provider_gaap::host::go_plugin_proto::Empty;
use terraform_provider_gaap::protocol::msgpack;
use terraform_provider_gaap::protocol::wire::get_provider_schema;
use terraform_provider_gaap::protocol::wire::provider_client::ProviderClient;
use terraform_provider_gaap::provider::provider_schemas;

const RUNS: usize = 25;

/// Which side of its target a measurement must stay on.
#[derive(Clone, Copy)]
enum Goal {
    AtMost,
    AtLeast,
}

struct Outcome {
    name: &'static str,
    value: f64,
    unit: &'static str,
    goal: Goal,
    target: f64,
}

impl Outcome {
    fn met(&self) -> bool {
        match self.goal {
            Goal::AtMost => self.value <= self.target,
            Goal::AtLeast => self.value >= self.target,
        }
    }
}

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    let index = ((samples.len() - 1) as f64 * p).round() as usize;
    samples[index]
}

fn peak_rss_kib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One provider process as Terraform uses it; returns (startup, lifecycle, peak RSS KiB).
async fn one_lifecycle(identity: &ClientIdentity) -> (f64, f64, Option<f64>) {
    let start = Instant::now();
    let (mut plugin, handshake) = Plugin::spawn_managed_binary(
        &measured::provider_binary(),
        "5,6",
        Some(&identity.pem),
        &[],
    );
    let startup = start.elapsed().as_secs_f64() * 1000.0;
    let cert = handshake.server_cert.clone().expect("server certificate");
    let channel = tls_channel(&handshake.socket(), client_config(&cert, Some(identity)))
        .await
        .expect("TLS channel");
    ProviderClient::new(channel.clone())
        .get_schema(get_provider_schema::Request {})
        .await
        .expect("GetSchema");
    let rss = peak_rss_kib(plugin.child.id());
    let _ = GrpcControllerClient::new(channel).shutdown(Empty {}).await;
    let status = plugin.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "provider exit status {status}");
    (startup, start.elapsed().as_secs_f64() * 1000.0, rss)
}

fn throughput(mut op: impl FnMut(), seconds: f64) -> f64 {
    let start = Instant::now();
    let mut count = 0u64;
    while start.elapsed().as_secs_f64() < seconds {
        for _ in 0..100 {
            op();
        }
        count += 100;
    }
    count as f64 / start.elapsed().as_secs_f64()
}

fn signing_rate() -> f64 {
    let body = br#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2}"#;
    throughput(
        || {
            let request = RequestToSign {
                method: "POST",
                query: "",
                headers: vec![
                    SignedHeader::new("content-type", "application/json"),
                    SignedHeader::new("host", "gaap.intl.tencentcloudapi.com"),
                ],
                payload: body,
            };
            let signed = signer::sign("AKIDEXAMPLE", "secret", "gaap", 1_700_000_000, &request);
            std::hint::black_box(signed);
        },
        1.0,
    )
}

fn decode_rate() -> f64 {
    use terraform_provider_gaap::protocol::{Number, Type, Value};
    let schema = provider_schemas();
    let ty = schema.data_sources["gaap_proxy_create_check"].value_type();
    let mut attrs = std::collections::BTreeMap::new();
    let Type::Object(fields) = &ty else {
        unreachable!("a block's value type is an object")
    };
    for name in fields.keys() {
        attrs.insert(name.clone(), Value::Null);
    }
    attrs.insert("access_region".into(), Value::String("SouthChina".into()));
    attrs.insert(
        "real_server_region".into(),
        Value::String("EastChina".into()),
    );
    attrs.insert("bandwidth".into(), Value::Number(Number::from_i64(10)));
    attrs.insert("concurrent".into(), Value::Number(Number::from_i64(2)));
    let bytes = msgpack::encode(&Value::Object(attrs), &ty).expect("encode");
    throughput(
        || {
            std::hint::black_box(msgpack::decode(&bytes, &ty).expect("decode"));
        },
        1.0,
    )
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for a list; there are no unit tests here.
    }
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let identity = ClientIdentity::terraform_like();
    let (mut startups, mut lifecycles, mut rss) = (Vec::new(), Vec::new(), Vec::new());
    runtime.block_on(async {
        one_lifecycle(&identity).await; // warm the page cache
        for _ in 0..RUNS {
            let (startup, lifecycle, peak) = one_lifecycle(&identity).await;
            startups.push(startup);
            lifecycles.push(lifecycle);
            rss.extend(peak);
        }
    });
    let binary = std::fs::metadata(measured::provider_binary())
        .map(|m| m.len() as f64 / (1024.0 * 1024.0))
        .unwrap_or(f64::NAN);

    use Goal::{AtLeast, AtMost};
    let outcomes = [
        Outcome {
            name: "startup to handshake, p50",
            value: percentile(&mut startups, 0.5),
            unit: "ms",
            goal: AtMost,
            target: 50.0,
        },
        Outcome {
            name: "startup to handshake, p95",
            value: percentile(&mut startups, 0.95),
            unit: "ms",
            goal: AtMost,
            target: 100.0,
        },
        Outcome {
            name: "spawn+TLS+GetSchema+Shutdown, p50",
            value: percentile(&mut lifecycles, 0.5),
            unit: "ms",
            goal: AtMost,
            target: 150.0,
        },
        Outcome {
            name: "peak RSS after GetSchema, max",
            value: rss.iter().cloned().fold(0.0, f64::max) / 1024.0,
            unit: "MiB",
            goal: AtMost,
            target: 40.0,
        },
        Outcome {
            name: "release binary size",
            value: binary,
            unit: "MiB",
            goal: AtMost,
            target: 20.0,
        },
        Outcome {
            name: "TC3 signatures",
            value: signing_rate(),
            unit: "/s",
            goal: AtLeast,
            target: 50_000.0,
        },
        Outcome {
            name: "config msgpack decodes",
            value: decode_rate(),
            unit: "/s",
            goal: AtLeast,
            target: 100_000.0,
        },
    ];
    let mut missed = 0;
    println!(
        "{:<38} {:>12} {:>14}  result",
        "benchmark", "value", "target"
    );
    for o in &outcomes {
        missed += usize::from(!o.met());
        let bound = match o.goal {
            AtMost => "<=",
            AtLeast => ">=",
        };
        println!(
            "{:<38} {:>9.1} {:<3} {bound} {:>9.1} {:<3} {}",
            o.name,
            o.value,
            o.unit,
            o.target,
            o.unit,
            if o.met() { "ok" } else { "MISSED" }
        );
    }
    if missed > 0 {
        eprintln!("{missed} benchmark target(s) missed");
        std::process::exit(1);
    }
}
