//! The service over real gRPC on loopback.

use super::*;

#[tokio::test]
async fn grpc_accepts_messages_above_tonics_default_limit() {
    use proto::provider_client::ProviderClient;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let provider = TestProvider::new(ReadAnswer::Nothing);
    let server = tonic::transport::Server::builder()
        .add_service(provider_server(Arc::clone(&provider)))
        .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener));
    let server = tokio::spawn(server);

    let mut client = ProviderClient::connect(format!("http://{addr}"))
        .await
        .unwrap();
    let schema = client
        .get_schema(proto::get_provider_schema::Request {})
        .await
        .unwrap();
    assert!(schema.into_inner().data_source_schemas.contains_key(DS));

    // 5 MiB: over tonic's 4 MiB default, under MAX_MESSAGE_SIZE. The unknown type
    // name means the bytes are never decoded as a value.
    let big = proto::validate_data_source_config::Request {
        type_name: "test_other".into(),
        config: Some(proto::DynamicValue {
            msgpack: Vec::new(),
            json: vec![b' '; 5 << 20],
        }),
    };
    let out = client.validate_data_source_config(big).await.answer();
    assert_eq!(
        only_error(&out.diagnostics).summary,
        "Unknown Data Source Type"
    );
    server.abort();
}
