//! Which provider binary the benchmarks measure.

use std::path::PathBuf;

/// `GAAP_BENCH_PROVIDER` when set (`make bench` sets it to the release build of the
/// provider alone, the binary `make release` ships), else the one cargo built with
/// the bench (its features unified with the dev-dependencies', so it also carries
/// the multi-thread tokio scheduler the tests use).
pub fn provider_binary() -> PathBuf {
    std::env::var_os("GAAP_BENCH_PROVIDER").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-gaap")),
        PathBuf::from,
    )
}
