//! `terraform-provider-gaap`: started by Terraform/OpenTofu as a go-plugin plugin.
//!
//! Without arguments it serves (after the magic cookie check); `--debug` serves for a
//! debugger with `TF_REATTACH_PROVIDERS`; `--version` and `--help` print and exit.

use std::ffi::OsString;
use std::process::ExitCode;
use std::sync::Arc;

use terraform_provider_gaap::host::ServeOptions;
use terraform_provider_gaap::logging::{LogOptions, ModuleNames};
use terraform_provider_gaap::provider::GaapProvider;
use terraform_provider_gaap::{host, logging, protocol, VERSION};
use tonic::service::Routes;

/// The executable's name: prefixes messages on stderr.
const NAME: &str = "terraform-provider-gaap";

/// The provider's full address: the key of the `--debug` reattach value, as used in
/// docs and examples.
const REGISTRY_ADDRESS: &str = "registry.terraform.io/gaap-community/gaap";

/// The provider's type name (last part of [`REGISTRY_ADDRESS`]): `TF_LOG_PROVIDER_GAAP`.
const PROVIDER_TYPE: &str = "gaap";

/// The Tencent Cloud client crate's tracing target (`tencentcloud_client`): its
/// per-attempt API call logs are the provider's own.
const CLIENT_CRATE_TARGET: &str = "tencentcloud_client";

/// Exit status for a bad command line (as most CLIs use).
const USAGE_EXIT_CODE: u8 = 2;

const USAGE: &str = "Usage: terraform-provider-gaap [--debug | --version | --help]

A Terraform/OpenTofu provider for Tencent Cloud GAAP (data source gaap_proxy_create_check).
Terraform starts it; running it by hand only makes sense with:

  --debug     serve for a debugger and print a TF_REATTACH_PROVIDERS value to use
  --version   print the version and exit
  --help      print this help and exit
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Serve,
    Debug,
    Version,
    Help,
}

fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Mode, String> {
    let args: Vec<OsString> = args.into_iter().collect();
    let Some(first) = args.first() else {
        return Ok(Mode::Serve);
    };
    let mode = match first.to_str() {
        Some("--debug") => Mode::Debug,
        Some("--version" | "-v" | "version") => Mode::Version,
        Some("--help" | "-h" | "help") => Mode::Help,
        _ => {
            return Err(format!(
                "unknown argument {:?}; allowed: --debug, --version, --help (or none)",
                first.to_string_lossy()
            ))
        }
    };
    match args.get(1) {
        None => Ok(mode),
        Some(extra) => Err(format!(
            "unexpected argument {:?} after {:?}; give at most one of --debug, --version, --help",
            extra.to_string_lossy(),
            first.to_string_lossy()
        )),
    }
}

/// How the go-plugin host names this plugin.
fn serve_options() -> ServeOptions {
    ServeOptions::new(NAME, REGISTRY_ADDRESS)
}

/// The provider's own log targets: this crate's layers (`provider` for the provider
/// itself and the binary, `provider.<layer>` for the others, e.g. `provider.host`) and
/// the Tencent Cloud client as `provider.tencentcloud`.
fn log_options() -> LogOptions {
    let this_crate = env!("CARGO_CRATE_NAME");
    let modules = ModuleNames::new()
        .with_layers(this_crate, "provider")
        .with(format!("{this_crate}::provider"), "provider")
        .with(CLIENT_CRATE_TARGET, "provider.tencentcloud");
    LogOptions::new(PROVIDER_TYPE, modules)
}

/// The tfplugin5 service over the provider.
fn provider_routes() -> Routes {
    Routes::new(protocol::server::provider_server(Arc::new(
        GaapProvider::new(),
    )))
}

fn main() -> ExitCode {
    // First of all, so a parent that dies while the provider starts is seen to be gone.
    let parent = host::parent::Parent::record();
    let mode = match parse_args(std::env::args_os().skip(1)) {
        Ok(mode) => mode,
        Err(message) => {
            eprintln!("{NAME}: {message}\n\n{USAGE}");
            return ExitCode::from(USAGE_EXIT_CODE);
        }
    };
    match mode {
        Mode::Version => {
            println!("{NAME} {VERSION}");
            ExitCode::SUCCESS
        }
        Mode::Help => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Mode::Serve | Mode::Debug => {
            logging::init(&log_options());
            // One thread: the RPCs are I/O bound (a check is an HTTPS call) and CPU work
            // per call is microseconds, so a single event loop serves Terraform's ten
            // parallel reads as well as a pool would. It leaves Terraform's parallel
            // provider processes the machine, and the provider's memory smaller: no
            // worker stacks, and without the multi-thread scheduler (whose statistics
            // call `pow`) the process no longer maps libm (0.6 MiB of RSS).
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(error) => {
                    eprintln!("{NAME}: cannot start the async runtime: {error}");
                    return ExitCode::FAILURE;
                }
            };
            let options = serve_options();
            let code = runtime.block_on(async {
                if mode == Mode::Debug {
                    host::debug::run(&options, provider_routes).await
                } else {
                    host::serve::run(&options, parent, provider_routes).await
                }
            });
            // Exit at once: open gRPC streams and runtime tasks must not delay it
            // (Terraform kills a plugin that takes over 2 s after Shutdown). The runtime
            // is not dropped, and local file reads run on detached threads, not on its
            // blocking pool: a read stuck in the kernel (a hung network filesystem) is
            // never joined.
            std::process::exit(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Mode, String> {
        parse_args(args.iter().map(OsString::from))
    }

    #[test]
    fn args_table() {
        assert_eq!(parse(&[]), Ok(Mode::Serve));
        assert_eq!(parse(&["--debug"]), Ok(Mode::Debug));
        assert_eq!(parse(&["--version"]), Ok(Mode::Version));
        assert_eq!(parse(&["-v"]), Ok(Mode::Version));
        assert_eq!(parse(&["--help"]), Ok(Mode::Help));
        assert_eq!(parse(&["-h"]), Ok(Mode::Help));
        let err = parse(&["--bogus"]).unwrap_err();
        assert!(err.contains("--bogus") && err.contains("--debug"), "{err}");
        let err = parse(&["--debug", "x"]).unwrap_err();
        assert!(err.contains("\"x\""), "{err}");
    }

    #[test]
    fn log_options_name_the_provider_and_its_parts() {
        let options = log_options();
        assert_eq!(options.level_env_vars()[0], "TF_LOG_PROVIDER_GAAP");
        let modules = &options.modules;
        let cases = [
            ("terraform_provider_gaap", "provider"),
            ("terraform_provider_gaap::provider::config", "provider"),
            (
                "terraform_provider_gaap::protocol::server",
                "provider.protocol",
            ),
            (
                "terraform_provider_gaap::tencentcloud",
                "provider.tencentcloud",
            ),
            ("tencentcloud_client", "provider.tencentcloud"),
            ("tencentcloud_client::credentials", "provider.tencentcloud"),
        ];
        for (target, want) in cases {
            assert_eq!(
                modules.own_module(target).as_deref(),
                Some(want),
                "{target}"
            );
        }
        assert!(!modules.is_own("h2::codec"));
    }

    #[test]
    fn the_debug_address_is_the_providers() {
        assert!(REGISTRY_ADDRESS.ends_with(&format!("/{PROVIDER_TYPE}")));
        assert_eq!(serve_options().name, NAME);
    }
}
