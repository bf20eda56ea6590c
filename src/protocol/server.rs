//! The tfplugin5 `Provider` gRPC service, for any [`Provider`].
//!
//! Every handler has the same shape: take the request, run the work inside
//! [`guard::run`] (request id, tracing span, panic guard), answer. The work for
//! the RPCs a data-source-only provider serves is in [`super::handlers`]; every
//! managed-resource, ephemeral, list and action RPC answers with an "unknown type"
//! error diagnostic from [`super::unsupported`]. No handler returns a gRPC error:
//! Terraform shows those as an opaque "Plugin error".

use std::sync::Arc;

use tonic::{Request, Response, Status};

use super::guard::{self, Answer, Subject};
use super::handlers;
use super::proto;
use super::proto::provider_server::{Provider as ProviderRpc, ProviderServer};
use super::unsupported::{self, Kind};
use super::Provider;

/// The largest gRPC message accepted or sent: 256 MiB.
///
/// tonic's default decoding limit is 4 MiB. Terraform sends whole configurations
/// and states in one message, and terraform-plugin-go serves with 256 MiB limits
/// both ways (`grpcMaxMessageSize = 256 << 20`); Terraform's client itself allows
/// up to 2 GiB, so matching the reference SDK is what keeps large inputs working
/// as they do with Go providers.
pub const MAX_MESSAGE_SIZE: usize = 256 << 20;

/// The tfplugin5 service for `provider`, with [`MAX_MESSAGE_SIZE`] limits, ready
/// to add to a tonic server.
pub fn provider_server<P: Provider>(provider: Arc<P>) -> ProviderServer<ProviderService<P>> {
    ProviderServer::new(ProviderService { provider })
        .max_decoding_message_size(MAX_MESSAGE_SIZE)
        .max_encoding_message_size(MAX_MESSAGE_SIZE)
}

/// Implements the generated tfplugin5 `Provider` trait over a [`Provider`].
/// Holds only an `Arc`, so concurrent RPCs share the provider.
pub struct ProviderService<P> {
    provider: Arc<P>,
}

impl<P: Provider> ProviderService<P> {
    /// The service without the gRPC wrapper (tests call the trait methods directly).
    pub fn new(provider: Arc<P>) -> Self {
        ProviderService { provider }
    }

    /// An "unknown type" answer for RPCs about kinds this provider does not have.
    async fn unsupported<R: Answer>(&self, rpc: &'static str, kind: Kind, type_name: &str) -> R {
        guard::run(rpc, Subject::Resource(type_name), async {
            let data_sources = self.provider.data_sources().type_names();
            R::from_diagnostics(vec![unsupported::diagnostic(kind, type_name, data_sources)])
        })
        .await
    }
}

type RpcResult<T> = Result<Response<T>, Status>;

#[tonic::async_trait]
impl<P: Provider> ProviderRpc for ProviderService<P> {
    // ---- Schemas and metadata

    async fn get_metadata(
        &self,
        _request: Request<proto::get_metadata::Request>,
    ) -> RpcResult<proto::get_metadata::Response> {
        let work = async { handlers::get_metadata(self.provider.as_ref()) };
        Ok(Response::new(
            guard::run("GetMetadata", Subject::None, work).await,
        ))
    }

    async fn get_schema(
        &self,
        _request: Request<proto::get_provider_schema::Request>,
    ) -> RpcResult<proto::get_provider_schema::Response> {
        let work = async { handlers::get_schema(self.provider.as_ref()) };
        Ok(Response::new(
            guard::run("GetSchema", Subject::None, work).await,
        ))
    }

    async fn get_resource_identity_schemas(
        &self,
        _request: Request<proto::get_resource_identity_schemas::Request>,
    ) -> RpcResult<proto::get_resource_identity_schemas::Response> {
        // No managed resources, so no identities: an empty map.
        let work = async { proto::get_resource_identity_schemas::Response::default() };
        let rpc = "GetResourceIdentitySchemas";
        Ok(Response::new(guard::run(rpc, Subject::None, work).await))
    }

    async fn get_functions(
        &self,
        _request: Request<proto::get_functions::Request>,
    ) -> RpcResult<proto::get_functions::Response> {
        let work = async { proto::get_functions::Response::default() };
        Ok(Response::new(
            guard::run("GetFunctions", Subject::None, work).await,
        ))
    }

    async fn call_function(
        &self,
        request: Request<proto::call_function::Request>,
    ) -> RpcResult<proto::call_function::Response> {
        let name = request.into_inner().name;
        let work = async {
            proto::call_function::Response {
                result: None,
                error: Some(proto::FunctionError {
                    text: format!("unknown function {name:?}: this provider has no functions"),
                    function_argument: None,
                }),
            }
        };
        Ok(Response::new(
            guard::run("CallFunction", Subject::None, work).await,
        ))
    }

    // ---- Provider configuration

    async fn prepare_provider_config(
        &self,
        request: Request<proto::prepare_provider_config::Request>,
    ) -> RpcResult<proto::prepare_provider_config::Response> {
        let request = request.into_inner();
        let work = async { handlers::prepare_provider_config(self.provider.as_ref(), request) };
        let rpc = "PrepareProviderConfig";
        Ok(Response::new(guard::run(rpc, Subject::None, work).await))
    }

    async fn configure(
        &self,
        request: Request<proto::configure::Request>,
    ) -> RpcResult<proto::configure::Response> {
        let request = request.into_inner();
        let work = handlers::configure(self.provider.as_ref(), request);
        Ok(Response::new(
            guard::run("Configure", Subject::None, work).await,
        ))
    }

    async fn stop(
        &self,
        _request: Request<proto::stop::Request>,
    ) -> RpcResult<proto::stop::Response> {
        let work = async { handlers::stop(self.provider.as_ref()) };
        Ok(Response::new(guard::run("Stop", Subject::None, work).await))
    }

    // ---- Data sources

    async fn validate_data_source_config(
        &self,
        request: Request<proto::validate_data_source_config::Request>,
    ) -> RpcResult<proto::validate_data_source_config::Response> {
        let request = request.into_inner();
        let type_name = request.type_name.clone();
        let work = async { handlers::validate_data_source_config(self.provider.as_ref(), request) };
        let rpc = "ValidateDataSourceConfig";
        Ok(Response::new(
            guard::run(rpc, Subject::DataSource(&type_name), work).await,
        ))
    }

    async fn read_data_source(
        &self,
        request: Request<proto::read_data_source::Request>,
    ) -> RpcResult<proto::read_data_source::Response> {
        let request = request.into_inner();
        let type_name = request.type_name.clone();
        let work = handlers::read_data_source(self.provider.as_ref(), request);
        let rpc = "ReadDataSource";
        Ok(Response::new(
            guard::run(rpc, Subject::DataSource(&type_name), work).await,
        ))
    }

    // ---- Managed resources: none

    async fn validate_resource_type_config(
        &self,
        request: Request<proto::validate_resource_type_config::Request>,
    ) -> RpcResult<proto::validate_resource_type_config::Response> {
        let name = request.into_inner().type_name;
        let rpc = "ValidateResourceTypeConfig";
        Ok(Response::new(
            self.unsupported(rpc, Kind::Resource, &name).await,
        ))
    }

    async fn upgrade_resource_state(
        &self,
        request: Request<proto::upgrade_resource_state::Request>,
    ) -> RpcResult<proto::upgrade_resource_state::Response> {
        let name = request.into_inner().type_name;
        let rpc = "UpgradeResourceState";
        Ok(Response::new(
            self.unsupported(rpc, Kind::Resource, &name).await,
        ))
    }

    async fn upgrade_resource_identity(
        &self,
        request: Request<proto::upgrade_resource_identity::Request>,
    ) -> RpcResult<proto::upgrade_resource_identity::Response> {
        let name = request.into_inner().type_name;
        let rpc = "UpgradeResourceIdentity";
        Ok(Response::new(
            self.unsupported(rpc, Kind::Resource, &name).await,
        ))
    }

    async fn read_resource(
        &self,
        request: Request<proto::read_resource::Request>,
    ) -> RpcResult<proto::read_resource::Response> {
        let name = request.into_inner().type_name;
        let rpc = "ReadResource";
        Ok(Response::new(
            self.unsupported(rpc, Kind::Resource, &name).await,
        ))
    }

    async fn plan_resource_change(
        &self,
        request: Request<proto::plan_resource_change::Request>,
    ) -> RpcResult<proto::plan_resource_change::Response> {
        let name = request.into_inner().type_name;
        let rpc = "PlanResourceChange";
        Ok(Response::new(
            self.unsupported(rpc, Kind::Resource, &name).await,
        ))
    }

    async fn apply_resource_change(
        &self,
        request: Request<proto::apply_resource_change::Request>,
    ) -> RpcResult<proto::apply_resource_change::Response> {
        let name = request.into_inner().type_name;
        let rpc = "ApplyResourceChange";
        Ok(Response::new(
            self.unsupported(rpc, Kind::Resource, &name).await,
        ))
    }

    async fn import_resource_state(
        &self,
        request: Request<proto::import_resource_state::Request>,
    ) -> RpcResult<proto::import_resource_state::Response> {
        let name = request.into_inner().type_name;
        let rpc = "ImportResourceState";
        Ok(Response::new(
            self.unsupported(rpc, Kind::Resource, &name).await,
        ))
    }

    async fn move_resource_state(
        &self,
        request: Request<proto::move_resource_state::Request>,
    ) -> RpcResult<proto::move_resource_state::Response> {
        // The target is the type that would have to exist here.
        let name = request.into_inner().target_type_name;
        let rpc = "MoveResourceState";
        Ok(Response::new(
            self.unsupported(rpc, Kind::Resource, &name).await,
        ))
    }

    async fn generate_resource_config(
        &self,
        request: Request<proto::generate_resource_config::Request>,
    ) -> RpcResult<proto::generate_resource_config::Response> {
        let name = request.into_inner().type_name;
        let rpc = "GenerateResourceConfig";
        Ok(Response::new(
            self.unsupported(rpc, Kind::Resource, &name).await,
        ))
    }

    // ---- Ephemeral resources: none

    async fn validate_ephemeral_resource_config(
        &self,
        request: Request<proto::validate_ephemeral_resource_config::Request>,
    ) -> RpcResult<proto::validate_ephemeral_resource_config::Response> {
        let name = request.into_inner().type_name;
        let rpc = "ValidateEphemeralResourceConfig";
        Ok(Response::new(
            self.unsupported(rpc, Kind::EphemeralResource, &name).await,
        ))
    }

    async fn open_ephemeral_resource(
        &self,
        request: Request<proto::open_ephemeral_resource::Request>,
    ) -> RpcResult<proto::open_ephemeral_resource::Response> {
        let name = request.into_inner().type_name;
        let rpc = "OpenEphemeralResource";
        Ok(Response::new(
            self.unsupported(rpc, Kind::EphemeralResource, &name).await,
        ))
    }

    async fn renew_ephemeral_resource(
        &self,
        request: Request<proto::renew_ephemeral_resource::Request>,
    ) -> RpcResult<proto::renew_ephemeral_resource::Response> {
        let name = request.into_inner().type_name;
        let rpc = "RenewEphemeralResource";
        Ok(Response::new(
            self.unsupported(rpc, Kind::EphemeralResource, &name).await,
        ))
    }

    async fn close_ephemeral_resource(
        &self,
        request: Request<proto::close_ephemeral_resource::Request>,
    ) -> RpcResult<proto::close_ephemeral_resource::Response> {
        let name = request.into_inner().type_name;
        let rpc = "CloseEphemeralResource";
        Ok(Response::new(
            self.unsupported(rpc, Kind::EphemeralResource, &name).await,
        ))
    }

    // ---- List resources: none (the stream carries one event with the diagnostic)

    type ListResourceStream = tokio_stream::Once<Result<proto::list_resource::Event, Status>>;

    async fn list_resource(
        &self,
        request: Request<proto::list_resource::Request>,
    ) -> RpcResult<Self::ListResourceStream> {
        let name = request.into_inner().type_name;
        let event = self
            .unsupported("ListResource", Kind::ListResource, &name)
            .await;
        Ok(Response::new(tokio_stream::once(Ok(event))))
    }

    async fn validate_list_resource_config(
        &self,
        request: Request<proto::validate_list_resource_config::Request>,
    ) -> RpcResult<proto::validate_list_resource_config::Response> {
        let name = request.into_inner().type_name;
        let rpc = "ValidateListResourceConfig";
        Ok(Response::new(
            self.unsupported(rpc, Kind::ListResource, &name).await,
        ))
    }

    // ---- Actions: none (InvokeAction's stream carries one Completed event)

    async fn plan_action(
        &self,
        request: Request<proto::plan_action::Request>,
    ) -> RpcResult<proto::plan_action::Response> {
        let name = request.into_inner().action_type;
        Ok(Response::new(
            self.unsupported("PlanAction", Kind::Action, &name).await,
        ))
    }

    type InvokeActionStream = tokio_stream::Once<Result<proto::invoke_action::Event, Status>>;

    async fn invoke_action(
        &self,
        request: Request<proto::invoke_action::Request>,
    ) -> RpcResult<Self::InvokeActionStream> {
        let name = request.into_inner().action_type;
        let event = self.unsupported("InvokeAction", Kind::Action, &name).await;
        Ok(Response::new(tokio_stream::once(Ok(event))))
    }

    async fn validate_action_config(
        &self,
        request: Request<proto::validate_action_config::Request>,
    ) -> RpcResult<proto::validate_action_config::Response> {
        let name = request.into_inner().type_name;
        let rpc = "ValidateActionConfig";
        Ok(Response::new(
            self.unsupported(rpc, Kind::Action, &name).await,
        ))
    }
}

#[cfg(test)]
#[path = "server_tests/mod.rs"]
mod tests;
