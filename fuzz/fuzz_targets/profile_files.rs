//! tccli profile files: `.credential` and `.configure` JSON.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tencentcloud_client::fuzzing::profile_files(data));
