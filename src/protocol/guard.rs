//! The skeleton every tfplugin5 handler runs in: a request id, a tracing span with
//! the stable keys (`tf_rpc`, `tf_req_id`, `tf_data_source_type`/`tf_resource_type`),
//! timing, and a panic guard that turns a panic into an error diagnostic.
//!
//! A panic must not reach tonic: it would drop the connection and Terraform would
//! show an opaque "Plugin did not respond". A diagnostic tells the user what happened.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Instant;

use futures_util::FutureExt;
use tracing::Instrument;

use super::proto;

/// What an RPC is about, for the span's type field.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Subject<'a> {
    None,
    DataSource(&'a str),
    /// Any other named type (managed, ephemeral, list resource or action).
    Resource(&'a str),
}

/// Runs one handler: opens the span, awaits `work`, and answers with
/// [`provider_bug`] when it panics.
pub(crate) async fn run<R, F>(rpc: &'static str, subject: Subject<'_>, work: F) -> R
where
    R: Answer,
    F: Future<Output = R>,
{
    let req_id = uuid::Uuid::new_v4();
    let span = match subject {
        // At ERROR level, so the request fields are there at every log level (a span
        // below the configured level would not exist, and a panic's error line would
        // lose them).
        Subject::None => tracing::error_span!("tfplugin5", tf_rpc = rpc, tf_req_id = %req_id),
        Subject::DataSource(name) => tracing::error_span!(
            "tfplugin5",
            tf_rpc = rpc,
            tf_req_id = %req_id,
            tf_data_source_type = name
        ),
        Subject::Resource(name) => tracing::error_span!(
            "tfplugin5",
            tf_rpc = rpc,
            tf_req_id = %req_id,
            tf_resource_type = name
        ),
    };
    async move {
        tracing::debug!("Received request");
        let started = Instant::now();
        let answer = match AssertUnwindSafe(work).catch_unwind().await {
            Ok(answer) => answer,
            Err(payload) => {
                let message = panic_message(payload.as_ref());
                tracing::error!(panic = %message, "Provider panicked while serving the request");
                R::from_diagnostics(vec![provider_bug(rpc, &message)])
            }
        };
        let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        tracing::debug!(tf_req_duration_ms = elapsed_ms, "Served request");
        answer
    }
    .instrument(span)
    .await
}

/// The diagnostic for a panic inside a handler.
pub(crate) fn provider_bug(rpc: &str, message: &str) -> proto::Diagnostic {
    error(
        "Provider Bug",
        format!(
            "The provider failed unexpectedly while handling {rpc}: {message}\n\n\
             This is a bug in the provider, not in your configuration. Please report it \
             to the provider developers, with the provider logs (TF_LOG_PROVIDER=DEBUG) \
             if you can."
        ),
    )
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "panic with a non-text payload".to_owned()
    }
}

/// A response that can carry diagnostics alone: what a handler answers when it
/// cannot do its work (panic, unknown type, undecodable input).
pub(crate) trait Answer {
    fn from_diagnostics(diagnostics: Vec<proto::Diagnostic>) -> Self;
}

macro_rules! answer_with_diagnostics_field {
    ($($ty:path),* $(,)?) => {
        $(impl Answer for $ty {
            // Some responses have only `diagnostics`; the update is for the others.
            #[allow(clippy::needless_update)]
            fn from_diagnostics(diagnostics: Vec<proto::Diagnostic>) -> Self {
                Self { diagnostics, ..Default::default() }
            }
        })*
    };
}

answer_with_diagnostics_field!(
    proto::get_metadata::Response,
    proto::get_provider_schema::Response,
    proto::prepare_provider_config::Response,
    proto::validate_resource_type_config::Response,
    proto::validate_data_source_config::Response,
    proto::upgrade_resource_state::Response,
    proto::get_resource_identity_schemas::Response,
    proto::upgrade_resource_identity::Response,
    proto::configure::Response,
    proto::read_resource::Response,
    proto::plan_resource_change::Response,
    proto::apply_resource_change::Response,
    proto::import_resource_state::Response,
    proto::move_resource_state::Response,
    proto::read_data_source::Response,
    proto::generate_resource_config::Response,
    proto::validate_ephemeral_resource_config::Response,
    proto::open_ephemeral_resource::Response,
    proto::renew_ephemeral_resource::Response,
    proto::close_ephemeral_resource::Response,
    proto::validate_list_resource_config::Response,
    proto::get_functions::Response,
    proto::plan_action::Response,
    proto::validate_action_config::Response,
);

impl Answer for proto::list_resource::Event {
    fn from_diagnostics(diagnostic: Vec<proto::Diagnostic>) -> Self {
        Self {
            diagnostic,
            ..Default::default()
        }
    }
}

impl Answer for proto::invoke_action::Event {
    fn from_diagnostics(diagnostics: Vec<proto::Diagnostic>) -> Self {
        use proto::invoke_action::event::{Completed, Type};
        Self {
            r#type: Some(Type::Completed(Completed { diagnostics })),
        }
    }
}

/// Functions report failures as a `FunctionError` text, not diagnostics.
impl Answer for proto::call_function::Response {
    fn from_diagnostics(diagnostics: Vec<proto::Diagnostic>) -> Self {
        Self {
            result: None,
            error: Some(proto::FunctionError {
                text: diagnostics_text(&diagnostics),
                function_argument: None,
            }),
        }
    }
}

/// `Stop` reports failure as its `Error` string.
impl Answer for proto::stop::Response {
    fn from_diagnostics(diagnostics: Vec<proto::Diagnostic>) -> Self {
        Self {
            error: diagnostics_text(&diagnostics),
        }
    }
}

fn diagnostics_text(diagnostics: &[proto::Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.summary, d.detail))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Shorthand for an error diagnostic without an attribute path.
pub(crate) fn error(summary: &str, detail: String) -> proto::Diagnostic {
    super::to_proto::diagnostic(&super::Diagnostic::error(summary, detail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn panics_become_provider_bug_diagnostics() {
        let answer: proto::configure::Response =
            run("Configure", Subject::None, async { panic!("boom {}", 42) }).await;
        assert_eq!(answer.diagnostics.len(), 1);
        let d = &answer.diagnostics[0];
        assert_eq!(d.severity, proto::diagnostic::Severity::Error as i32);
        assert_eq!(d.summary, "Provider Bug");
        assert!(d.detail.contains("Configure"), "{}", d.detail);
        assert!(d.detail.contains("boom 42"), "{}", d.detail);
        assert!(d.detail.contains("bug in the provider"), "{}", d.detail);
        assert!(d.detail.contains("report"), "{}", d.detail);
    }

    #[tokio::test]
    async fn normal_answers_pass_through() {
        let answer = run("Stop", Subject::DataSource("x"), async {
            proto::stop::Response {
                error: "kept".into(),
            }
        })
        .await;
        assert_eq!(answer.error, "kept");
    }

    #[test]
    fn special_answers_carry_the_text() {
        let diag = error("Nope", "not here".into());
        let call = proto::call_function::Response::from_diagnostics(vec![diag.clone()]);
        assert_eq!(call.error.map(|e| e.text), Some("Nope: not here".into()));
        let stop = proto::stop::Response::from_diagnostics(vec![diag.clone()]);
        assert_eq!(stop.error, "Nope: not here");
        let event = proto::invoke_action::Event::from_diagnostics(vec![diag.clone()]);
        match event.r#type {
            Some(proto::invoke_action::event::Type::Completed(c)) => {
                assert_eq!(c.diagnostics, vec![diag.clone()])
            }
            other => panic!("unexpected {other:?}"),
        }
        let list = proto::list_resource::Event::from_diagnostics(vec![diag.clone()]);
        assert_eq!(list.diagnostic, vec![diag]);
    }
}
