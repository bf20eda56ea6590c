//! The work behind the RPCs a data-source-only provider really serves: schema,
//! metadata, provider configuration, data source validation and reads, stop.
//!
//! Each function decodes the request against the schema, calls the [`Provider`]
//! (or the [`DataSource`] registered under the request's type name) and encodes
//! the answer. Problems (unknown type names, undecodable values,
//! unencodable state) become error diagnostics, never gRPC errors.

use super::from_proto;
use super::guard::{self, Answer};
use super::msgpack;
use super::proto;
use super::to_proto;
use super::unsupported;
use super::{ConfigureRequest, DataSource, Provider, ReadDataSourceRequest, Schema};

/// What this server supports beyond the base protocol. Only
/// `get_provider_schema_optional`: the schema never changes at run time, so
/// Terraform (>= 1.6) may reuse a cached copy instead of calling GetSchema on
/// every new provider process.
pub(crate) fn server_capabilities() -> proto::ServerCapabilities {
    proto::ServerCapabilities {
        plan_destroy: false,
        get_provider_schema_optional: true,
        move_resource_state: false,
        generate_resource_config: false,
    }
}

pub(crate) fn get_schema<P: Provider>(provider: &P) -> proto::get_provider_schema::Response {
    let data_sources = provider.data_sources();
    proto::get_provider_schema::Response {
        provider: Some(to_proto::schema(provider.schema())),
        data_source_schemas: data_sources
            .schemas()
            .map(|(name, schema)| (name.clone(), to_proto::schema(schema)))
            .collect(),
        server_capabilities: Some(server_capabilities()),
        ..Default::default()
    }
}

pub(crate) fn get_metadata<P: Provider>(provider: &P) -> proto::get_metadata::Response {
    proto::get_metadata::Response {
        server_capabilities: Some(server_capabilities()),
        data_sources: provider
            .data_sources()
            .type_names()
            .map(|name| proto::get_metadata::DataSourceMetadata {
                type_name: name.clone(),
            })
            .collect(),
        ..Default::default()
    }
}

/// Validates the provider block and echoes it back unchanged as
/// `prepared_config` (Terraform >= 1.0 ignores that field; older versions use it).
pub(crate) fn prepare_provider_config<P: Provider>(
    provider: &P,
    request: proto::prepare_provider_config::Request,
) -> proto::prepare_provider_config::Response {
    let config = match provider_config(provider, request.config.as_ref()) {
        Ok(config) => config,
        Err(answer) => return answer,
    };
    let diagnostics = provider.validate_provider_config(&config);
    proto::prepare_provider_config::Response {
        prepared_config: request.config,
        diagnostics: to_proto::diagnostics(&diagnostics),
    }
}

pub(crate) async fn configure<P: Provider>(
    provider: &P,
    request: proto::configure::Request,
) -> proto::configure::Response {
    let config = match provider_config(provider, request.config.as_ref()) {
        Ok(config) => config,
        Err(answer) => return answer,
    };
    let diagnostics = provider
        .configure(ConfigureRequest {
            terraform_version: request.terraform_version,
            config,
            client_capabilities: from_proto::client_capabilities(
                request.client_capabilities.as_ref(),
            ),
        })
        .await;
    proto::configure::Response {
        diagnostics: to_proto::diagnostics(&diagnostics),
    }
}

pub(crate) fn validate_data_source_config<P: Provider>(
    provider: &P,
    request: proto::validate_data_source_config::Request,
) -> proto::validate_data_source_config::Response {
    let (data_source, _, config) =
        match data_source_config(provider, &request.type_name, request.config.as_ref()) {
            Ok(decoded) => decoded,
            Err(answer) => return answer,
        };
    let diagnostics = data_source.validate(&config);
    proto::validate_data_source_config::Response {
        diagnostics: to_proto::diagnostics(&diagnostics),
    }
}

pub(crate) async fn read_data_source<P: Provider>(
    provider: &P,
    request: proto::read_data_source::Request,
) -> proto::read_data_source::Response {
    let (data_source, schema, config) =
        match data_source_config(provider, &request.type_name, request.config.as_ref()) {
            Ok(decoded) => decoded,
            Err(answer) => return answer,
        };
    let type_name = request.type_name;
    let response = data_source
        .read(ReadDataSourceRequest {
            config,
            client_capabilities: from_proto::client_capabilities(
                request.client_capabilities.as_ref(),
            ),
        })
        .await;

    let mut diagnostics = to_proto::diagnostics(&response.diagnostics);
    let state = match &response.state {
        // Terraform rejects a null or partly unknown state of a read that was not
        // deferred with its own, vaguer error; say plainly that it is our bug.
        Some(state)
            if response.deferred.is_none() && (state.is_null() || !state.is_wholly_known()) =>
        {
            diagnostics.push(guard::error(
                "Invalid Data Source State",
                format!(
                    "The provider produced a null or not wholly known state for {type_name} \
                     without deferring the read. This is a bug in the provider; please report \
                     it to the provider developers."
                ),
            ));
            None
        }
        Some(state) => match msgpack::encode(state, &schema.value_type()) {
            Ok(bytes) => Some(proto::DynamicValue {
                msgpack: bytes,
                json: Vec::new(),
            }),
            Err(err) => {
                diagnostics.push(guard::error(
                    "Invalid Data Source State",
                    format!(
                        "The provider produced a state for {type_name} that does not match \
                         its schema: {err}. This is a bug in the provider; please report it \
                         to the provider developers."
                    ),
                ));
                None
            }
        },
        None => {
            if !response.diagnostics.has_errors() && response.deferred.is_none() {
                diagnostics.push(guard::error(
                    "Missing Data Source State",
                    format!(
                        "The provider returned no state for {type_name} and no error. This \
                         is a bug in the provider; please report it to the provider developers."
                    ),
                ));
            }
            None
        }
    };
    proto::read_data_source::Response {
        state,
        diagnostics,
        deferred: response.deferred.map(to_proto::deferred),
    }
}

/// Stops in-flight work. Always succeeds (an empty `Error`).
pub(crate) fn stop<P: Provider>(provider: &P) -> proto::stop::Response {
    provider.stop();
    proto::stop::Response {
        error: String::new(),
    }
}

/// The data source registered as `type_name` and its schema, or an answer saying
/// there is none (naming the ones there are).
fn data_source<'p, P: Provider, R: Answer>(
    provider: &'p P,
    type_name: &str,
) -> Result<(&'p dyn DataSource, &'p Schema), R> {
    let data_sources = provider.data_sources();
    data_sources.get(type_name).ok_or_else(|| {
        R::from_diagnostics(vec![unsupported::unknown_data_source(
            type_name,
            data_sources.type_names(),
        )])
    })
}

/// The provider block, decoded against the provider schema.
fn provider_config<P: Provider, R: Answer>(
    provider: &P,
    value: Option<&proto::DynamicValue>,
) -> Result<super::Value, R> {
    decode(value, provider.schema(), "provider configuration")
}

/// A data source block, decoded against its type's schema, with the data source
/// (and the schema, for encoding the answer); an unknown type name is answered like
/// an undecodable value.
fn data_source_config<'p, P: Provider, R: Answer>(
    provider: &'p P,
    type_name: &str,
    value: Option<&proto::DynamicValue>,
) -> Result<(&'p dyn DataSource, &'p Schema, super::Value), R> {
    let (data_source, schema) = self::data_source(provider, type_name)?;
    let config = decode(value, schema, "data source configuration")?;
    Ok((data_source, schema, config))
}

/// Decodes a request value against a schema, or answers with why it could not.
fn decode<R: Answer>(
    value: Option<&proto::DynamicValue>,
    schema: &Schema,
    what: &str,
) -> Result<super::Value, R> {
    from_proto::dynamic_value(value, &schema.value_type()).map_err(|err| {
        R::from_diagnostics(vec![guard::error(
            "Unreadable Configuration",
            format!(
                "The provider could not decode the {what} Terraform sent: {err}. The provider \
                 and Terraform disagree about the schema; please report this to the provider \
                 developers."
            ),
        )])
    })
}
