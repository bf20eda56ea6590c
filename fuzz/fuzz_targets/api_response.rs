//! API 3.0 response and error envelopes (CheckProxyCreate and AssumeRole answers).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tencentcloud_client::fuzzing::api_response(data));
