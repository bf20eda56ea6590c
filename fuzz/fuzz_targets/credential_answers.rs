//! CVM metadata answers and STS AssumeRole answers, through to the temporary credential.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tencentcloud_client::fuzzing::credential_answers(data));
