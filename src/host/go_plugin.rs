//! go-plugin's own services, served beside `tfplugin5.Provider`
//! (go-plugin `grpc_server.go`, `grpc_controller.go`, `grpc_stdio.go`, `grpc_broker.go`).
//!
//! - `plugin.GRPCController/Shutdown`: Terraform calls it when done with a provider
//!   instance, then waits 2 s for the process to exit before killing it. We answer and
//!   signal the serve loop, which exits the process right after (no graceful drain: the
//!   stdio and broker streams below never end on their own).
//! - `plugin.GRPCStdio/StreamStdio`: opened once after connecting; only Go plugins forward
//!   their stdout/stderr through it. Ours stays open and sends nothing.
//! - `plugin.GRPCBroker/StartStream`: opened in the background; Terraform providers never
//!   broker connections. Accepted, incoming messages ignored.
//! - `grpc.health.v1.Health`: service `plugin` reported SERVING, as go-plugin's docs require
//!   of non-Go plugins (Terraform itself never pings).

use std::pin::Pin;

use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::watch;
use tonic::service::Routes;
use tonic::{Request, Response, Status, Streaming};

use super::go_plugin_proto::grpc_broker_server::{GrpcBroker, GrpcBrokerServer};
use super::go_plugin_proto::grpc_controller_server::{GrpcController, GrpcControllerServer};
use super::go_plugin_proto::grpc_stdio_server::{GrpcStdio, GrpcStdioServer};
use super::go_plugin_proto::{ConnInfo, Empty, StdioData};

/// The health service name go-plugin clients check (`Client.Ping`).
pub const HEALTH_SERVICE_NAME: &str = "plugin";

/// Fires once `Shutdown` has been answered.
#[derive(Debug, Clone)]
pub struct ShutdownRequested(watch::Receiver<bool>);

impl ShutdownRequested {
    /// Resolves when `Shutdown` was called (never, if the controller is gone).
    pub async fn wait(mut self) {
        if self.0.wait_for(|requested| *requested).await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// `plugin.GRPCController`.
#[derive(Debug)]
pub struct Controller {
    requested: watch::Sender<bool>,
}

impl Controller {
    /// A controller and the signal its `Shutdown` fires.
    pub fn new() -> (Self, ShutdownRequested) {
        let (tx, rx) = watch::channel(false);
        (Self { requested: tx }, ShutdownRequested(rx))
    }
}

#[tonic::async_trait]
impl GrpcController for Controller {
    async fn shutdown(&self, _request: Request<Empty>) -> Result<Response<Empty>, Status> {
        tracing::debug!("plugin shutdown requested by the client");
        self.requested.send_replace(true);
        Ok(Response::new(Empty {}))
    }
}

/// `plugin.GRPCStdio`.
#[derive(Debug, Default)]
pub struct Stdio;

/// A stream that stays open and yields nothing.
pub type SilentStream<T> = Pin<Box<dyn Stream<Item = Result<T, Status>> + Send + 'static>>;

#[tonic::async_trait]
impl GrpcStdio for Stdio {
    type StreamStdioStream = SilentStream<StdioData>;

    async fn stream_stdio(
        &self,
        _request: Request<()>,
    ) -> Result<Response<Self::StreamStdioStream>, Status> {
        Ok(Response::new(Box::pin(stream::pending())))
    }
}

/// `plugin.GRPCBroker`.
#[derive(Debug, Default)]
pub struct Broker;

#[tonic::async_trait]
impl GrpcBroker for Broker {
    type StartStreamStream = SilentStream<ConnInfo>;

    async fn start_stream(
        &self,
        request: Request<Streaming<ConnInfo>>,
    ) -> Result<Response<Self::StartStreamStream>, Status> {
        let mut incoming = request.into_inner();
        // Drain so the client's sends never block on flow control.
        tokio::spawn(async move {
            while let Some(Ok(info)) = incoming.next().await {
                tracing::debug!(
                    service_id = info.service_id,
                    "ignoring a go-plugin broker message"
                );
            }
        });
        Ok(Response::new(Box::pin(stream::pending())))
    }
}

/// Adds the controller, stdio, broker and health services to `routes`. The returned
/// signal fires when the client asked the plugin to shut down.
pub async fn add_go_plugin_services(routes: Routes) -> (Routes, ShutdownRequested) {
    let (controller, shutdown) = Controller::new();
    let (reporter, health) = tonic_health::server::health_reporter();
    reporter
        .set_service_status(HEALTH_SERVICE_NAME, tonic_health::ServingStatus::Serving)
        .await;
    let routes = routes
        .add_service(GrpcControllerServer::new(controller))
        .add_service(GrpcStdioServer::new(Stdio))
        .add_service(GrpcBrokerServer::new(Broker))
        .add_service(health);
    (routes, shutdown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn shutdown_answers_then_signals() {
        let (controller, signal) = Controller::new();
        let waiter = tokio::spawn(signal.wait());
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert!(!waiter.is_finished());
        controller.shutdown(Request::new(Empty {})).await.unwrap();
        tokio::time::timeout(Duration::from_secs(2), waiter)
            .await
            .expect("signal fires")
            .unwrap();
    }

    #[tokio::test]
    async fn stdio_stream_stays_open_and_silent() {
        let response = Stdio.stream_stdio(Request::new(())).await.unwrap();
        let mut stream = response.into_inner();
        let next = tokio::time::timeout(Duration::from_millis(50), stream.next()).await;
        assert!(next.is_err(), "stream yielded or ended: {next:?}");
    }
}
