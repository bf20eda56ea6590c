//! `terraform-provider-gaap`: started by Terraform/OpenTofu as a go-plugin plugin.
//!
//! Without arguments it serves (after the magic cookie check); `--debug` serves for a
//! debugger with `TF_REATTACH_PROVIDERS`; `--version` and `--help` print and exit.

use std::ffi::OsString;
use std::process::ExitCode;
use std::sync::Arc;

use terraform_provider_gaap::provider::GaapProvider;
use terraform_provider_gaap::{host, logging, protocol, VERSION};
use tonic::service::Routes;

/// Exit status for a bad command line (as most CLIs use).
const USAGE_EXIT_CODE: u8 = 2;

/// Tokio workers: RPCs are few and I/O bound; two threads are plenty and leave
/// Terraform's parallel provider processes their share of the machine.
const WORKER_THREADS: usize = 2;

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

/// The tfplugin5 service over the provider.
fn provider_routes() -> Routes {
    Routes::new(protocol::server::provider_server(Arc::new(
        GaapProvider::new(),
    )))
}

fn main() -> ExitCode {
    let mode = match parse_args(std::env::args_os().skip(1)) {
        Ok(mode) => mode,
        Err(message) => {
            eprintln!("terraform-provider-gaap: {message}\n\n{USAGE}");
            return ExitCode::from(USAGE_EXIT_CODE);
        }
    };
    match mode {
        Mode::Version => {
            println!("terraform-provider-gaap {VERSION}");
            ExitCode::SUCCESS
        }
        Mode::Help => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Mode::Serve | Mode::Debug => {
            logging::init();
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(WORKER_THREADS)
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(error) => {
                    eprintln!("terraform-provider-gaap: cannot start the async runtime: {error}");
                    return ExitCode::FAILURE;
                }
            };
            let code = runtime.block_on(async {
                if mode == Mode::Debug {
                    host::debug::run(provider_routes).await
                } else {
                    host::serve::run(provider_routes).await
                }
            });
            // Exit at once: open gRPC streams and runtime tasks must not delay it
            // (Terraform kills a plugin that takes over 2 s after Shutdown).
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
}
