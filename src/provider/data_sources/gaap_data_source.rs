//! [`GaapDataSource`]: what one GAAP data source is: its attribute table (through its
//! typed arguments), its request (an API action) and its state. Everything else (decoding,
//! unknown values and deferral, the client, errors as diagnostics,
//! `result_output_file`) is the shared read in `read.rs`, and `registered.rs` makes it
//! a protocol data source, so adding a data source is one implementation of this trait
//! plus one line in the provider's list.

use std::collections::BTreeMap;
use std::future::Future;

use tencentcloud_client::client::CancelSignal;
use tencentcloud_client::{Action, ClientError, GaapClient};

use crate::protocol::decode::{schema_attributes, AttrDef, Kind, TypedBlock};
use crate::protocol::{Diagnostic, Diagnostics, Schema, Value};
use crate::provider::catalogue::regions::RegionList;
use crate::provider::schema::markdown_block;
use crate::provider::state::Configured;

use super::api_errors::{action_error_diagnostic, CallContext};

/// The computed attributes of a read, by name; any the table has that are missing
/// are null in state.
pub type Computed = BTreeMap<&'static str, Value>;

/// What a data source's read has at hand after its call: the configured provider and
/// its client, and Terraform's stop signal.
pub struct ReadContext<'a> {
    pub configured: &'a Configured,
    pub client: &'a GaapClient,
    pub cancel: CancelSignal,
}

impl ReadContext<'_> {
    /// How hard the client tries, for advice in error messages.
    pub fn call_context(&self) -> CallContext {
        call_context(self.configured)
    }
}

/// How hard the client of `configured` tries, for advice in error messages.
pub fn call_context(configured: &Configured) -> CallContext {
    let c = &configured.settings.client;
    CallContext {
        max_retries: c.max_retries,
        rate_limit: c.rate_limit,
        request_timeout_seconds: c.request_timeout.as_secs_f64(),
        attempts: None,
    }
}

/// The diagnostic for a failed call of action `A`: the error explained, API errors
/// on the argument `argument_of` names for their code.
pub fn explained_error<A: Action>(
    configured: &Configured,
    error: &ClientError,
    argument_of: fn(&str) -> Option<&'static str>,
) -> Diagnostic {
    action_error_diagnostic(A::ACTION, error, &call_context(configured), argument_of)
}

/// One GAAP data source. Its arguments' struct carries its attribute table
/// ([`TypedBlock::ATTRIBUTES`]), computed attributes included; its request is an API
/// action, sent through the client's one call path.
pub trait GaapDataSource: Send + Sync + 'static {
    /// The full type name (`gaap_...`).
    const TYPE_NAME: &'static str;
    /// The schema's description, in markdown.
    const DESCRIPTION: &'static str;

    type Arguments: TypedBlock + Send + Sync;
    /// The API action a read calls, through the client's one call path.
    type Request: Action<Response = Self::Answer> + Send + Sync;
    type Answer: Send + Sync;

    /// Rules that span arguments (conflicts, deprecation warnings), at validate time
    /// and before each read.
    fn rules(arguments: &Self::Arguments, config: &Value, diags: &mut Diagnostics) {
        let _ = (arguments, config, diags);
    }

    /// The error when values are unknown and Terraform cannot defer the read:
    /// (summary, detail), `what` naming the unknown values.
    fn cannot_read_yet(what: &str) -> (String, String) {
        (
            "GAAP Data Source Cannot Be Read Yet".to_owned(),
            format!(
                "The {} data source depends on {what}, which are not known until apply, and \
                 this Terraform version cannot defer it. Use values that are known at plan \
                 time, or create the resources they come from first.",
                Self::TYPE_NAME
            ),
        )
    }

    /// The API request, from wholly known, valid arguments; diagnostics when a
    /// required one is null.
    fn request(arguments: &Self::Arguments) -> Result<Self::Request, Diagnostics>;

    /// The computed attributes of a successful read, from its answer; warnings about
    /// the answer (entries it had to leave out) go to `diags`.
    fn computed(
        request: &Self::Request,
        answer: &Self::Answer,
        diags: &mut Diagnostics,
    ) -> Computed;

    /// Computed attributes that need more calls (the check's explanation of a `0`),
    /// replacing those of [`GaapDataSource::computed`]; none by default.
    fn follow_up<'a>(
        context: &'a ReadContext<'a>,
        request: &'a Self::Request,
        answer: &'a Self::Answer,
    ) -> impl Future<Output = Computed> + Send + 'a {
        let _ = (context, request, answer);
        std::future::ready(Computed::new())
    }

    /// The argument an API error code of the action belongs to, if any.
    fn argument_of(code: &str) -> Option<&'static str> {
        let _ = code;
        None
    }

    /// The diagnostic for a failed call; `client` is `None` when no client could be
    /// built. By default the error explained, on the argument it belongs to.
    fn failure<'a>(
        configured: &'a Configured,
        client: Option<&'a GaapClient>,
        request: &'a Self::Request,
        error: &'a ClientError,
        cancel: CancelSignal,
    ) -> impl Future<Output = Diagnostic> + Send + 'a {
        let _ = (client, request, cancel);
        let diagnostic = explained_error::<Self::Request>(configured, error, Self::argument_of);
        std::future::ready(diagnostic)
    }

    /// What `result_output_file` receives instead of the whole state keyed by
    /// attribute name (the default), as JSON, and a few words on the answer for the
    /// error when it cannot be written. The check keeps the record its users know.
    fn result_record(
        request: &Self::Request,
        answer: &Self::Answer,
    ) -> Option<(serde_json::Value, String)> {
        let _ = (request, answer);
        None
    }
}

/// Every data source's `id`: derived from its arguments only.
pub const ID: AttrDef = AttrDef::computed("id", Kind::String)
    .text("Derived from the arguments only, so it is the same on every plan.");

/// The computed attributes of a data source that lists region objects: its `regions`
/// attribute, from the answer's region `set`, and its `id`.
pub fn listing<T>(
    list: &RegionList<T>,
    set: Option<&[T]>,
    id: String,
    diags: &mut Diagnostics,
) -> Computed {
    Computed::from([
        (list.attribute.name, list.values(set, diags)),
        (ID.name, Value::String(id)),
    ])
}

/// The schema of `D`: its table, in order, under its description.
pub fn schema_of<D: GaapDataSource>() -> Schema {
    Schema {
        version: 0,
        block: markdown_block(D::DESCRIPTION, schema_attributes(D::Arguments::ATTRIBUTES)),
    }
}

/// Decodes `config` as `D`'s arguments and runs its rules.
pub fn decode<D: GaapDataSource>(config: &Value) -> crate::protocol::decode::Decoded<D::Arguments> {
    D::Arguments::decode_with(config, D::rules)
}
