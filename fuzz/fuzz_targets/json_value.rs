//! DynamicValue JSON decoding against the provider's schemas and synthetic ones, then the msgpack round trip.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| terraform_provider_gaap::fuzzing::json_value(data));
