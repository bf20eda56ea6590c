//! `--debug`: serve for a debugger-started process that Terraform attaches to.
//!
//! Like terraform-plugin-go's managed debug mode (`tf5server/server.go`, `WithManagedDebug`):
//! no cookie check, no handshake line, plaintext gRPC on a private Unix socket (TCP on
//! Windows), and a `TF_REATTACH_PROVIDERS` value printed for the user. `Test: true` tells Terraform not to
//! shut the process down after use, so it serves many commands until Ctrl-C.

use std::io::{self, Write};

use serde_json::json;
use tonic::service::Routes;

use super::go_plugin::add_go_plugin_services;
use super::handshake::{Network, APP_PROTOCOL_VERSION, RPC_PROTOCOL};
use super::listener::PluginListener;
use super::options::ServeOptions;
use super::serve::{serve_until_either, ServeError, STARTUP_FAILURE_EXIT_CODE};
use super::{incoming, signals};

/// Name of the variable Terraform reads reattach information from.
pub const REATTACH_ENV: &str = "TF_REATTACH_PROVIDERS";

/// Serves in debug mode until SIGINT/SIGTERM (or a `Shutdown` RPC); returns the exit status.
pub async fn run(options: &ServeOptions, provider_routes: impl FnOnce() -> Routes) -> i32 {
    match serve(options, provider_routes).await {
        Ok(()) => 0,
        Err(error) => {
            tracing::error!(error = %error, "the debug server failed");
            eprintln!("{}: {error}", options.name);
            STARTUP_FAILURE_EXIT_CODE
        }
    }
}

async fn serve(
    options: &ServeOptions,
    provider_routes: impl FnOnce() -> Routes,
) -> Result<(), ServeError> {
    // Before the socket directory exists, so a signal at any point removes it.
    let stop = signals::interrupt_terminate_or_hangup();
    let listener = PluginListener::bind().map_err(ServeError::Listen)?;
    let config = reattach_config(
        &options.registry_address,
        std::process::id(),
        listener.network(),
        listener.address(),
    );
    let (routes, shutdown) = add_go_plugin_services(provider_routes()).await;
    let (accept, guard) = listener.into_parts();
    print_instructions(&instructions(&config)).map_err(ServeError::Handshake)?;
    let result = serve_until_either(routes, incoming::plaintext(accept), shutdown, stop).await;
    if let Err(error) = guard.remove() {
        tracing::warn!(error = %error, "could not remove the plugin socket directory");
    }
    result
}

fn print_instructions(text: &str) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

/// The `TF_REATTACH_PROVIDERS` JSON for one provider (keys as Terraform's reattach parser
/// and terraform-plugin-go write them).
pub fn reattach_config(address: &str, pid: u32, network: Network, socket: &str) -> String {
    let mut providers = serde_json::Map::new();
    providers.insert(
        address.to_owned(),
        json!({
            "Protocol": RPC_PROTOCOL,
            "ProtocolVersion": APP_PROTOCOL_VERSION,
            "Pid": pid,
            "Test": true,
            "Addr": {"Network": network.as_str(), "String": socket},
        }),
    );
    serde_json::Value::Object(providers).to_string()
}

/// What the user is told, shaped like terraform-plugin-go's message.
pub fn instructions(config: &str) -> String {
    let mut text = String::from(
        "Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with the following:\n\n",
    );
    if cfg!(windows) {
        text.push_str(&format!(
            "\tCommand Prompt:\tset \"{REATTACH_ENV}={config}\"\n"
        ));
        text.push_str(&format!(
            "\tPowerShell:\t$env:{REATTACH_ENV}='{}'\n",
            config.replace('\'', "''")
        ));
    } else {
        text.push_str(&format!(
            "\t{REATTACH_ENV}='{}'\n",
            config.replace('\'', r#"'"'"'"#)
        ));
    }
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reattach_json_shape() {
        let config = reattach_config(
            "registry.terraform.io/acme/example",
            4242,
            Network::Unix,
            "/tmp/pluginAbC/plugin.sock",
        );
        assert_eq!(
            config,
            r#"{"registry.terraform.io/acme/example":{"Protocol":"grpc","ProtocolVersion":5,"Pid":4242,"Test":true,"Addr":{"Network":"unix","String":"/tmp/pluginAbC/plugin.sock"}}}"#
        );
    }

    #[cfg(unix)]
    #[test]
    fn instructions_quote_for_the_shell() {
        let text = instructions(r#"{"a":"it's"}"#);
        assert!(text.starts_with("Provider started. To attach Terraform CLI"));
        assert!(
            text.contains("\n\n\tTF_REATTACH_PROVIDERS='{\"a\":\"it'\"'\"'s\"}'\n\n"),
            "{text}"
        );
    }
}
