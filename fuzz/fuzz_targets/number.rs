//! Terraform number text: parse, print, reparse, msgpack round trip.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| terraform_provider_gaap::fuzzing::number(data));
