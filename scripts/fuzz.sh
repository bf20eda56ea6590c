#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a bounded time, one after the other
# (`make fuzz`). Needs a nightly toolchain and cargo-fuzz; says how to get them
# and fails when either is missing. Not part of `make test` or CI.
#
# Knobs (environment):
#   FUZZ_SECONDS          time per target (default 60)
#   FUZZ_TARGETS          targets to run (default: all, in fuzz/Cargo.toml's order)
#   FUZZ_MAX_LEN          largest input in bytes (default 65536)
#   FUZZ_MALLOC_LIMIT_MB  largest single allocation (default 64: 1024 x the largest input)
#   FUZZ_RSS_LIMIT_MB     largest resident memory, sanitizer included (default 1024)
#
# The seed corpus (fuzz/corpus/<target>/) and the crash reproducers
# (fuzz/regressions/<target>/) are read, never written: what the fuzzer finds goes to
# fuzz/target/work-corpus/<target>/ (kept between runs, ignored by git) and crashes
# to fuzz/artifacts/<target>/. A crash fails the run.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz_dir="${repo_root}/fuzz"
CARGO="${CARGO:-cargo}"

FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
FUZZ_MAX_LEN="${FUZZ_MAX_LEN:-65536}"
FUZZ_MALLOC_LIMIT_MB="${FUZZ_MALLOC_LIMIT_MB:-64}"
FUZZ_RSS_LIMIT_MB="${FUZZ_RSS_LIMIT_MB:-1024}"
all_targets="$(sed -n 's/^name = "\([a-z_]*\)"$/\1/p' "${fuzz_dir}/Cargo.toml" | grep -v '^terraform' || true)"
FUZZ_TARGETS="${FUZZ_TARGETS:-${all_targets}}"

if ! "${CARGO}" +nightly --version >/dev/null 2>&1; then
  echo "make fuzz: no nightly Rust toolchain (cargo-fuzz needs one for the sanitizer)." >&2
  echo "  install it with: rustup toolchain install nightly" >&2
  exit 2
fi
if ! "${CARGO}" +nightly fuzz --version >/dev/null 2>&1; then
  echo "make fuzz: cargo-fuzz is not installed." >&2
  echo "  install it with: cargo install cargo-fuzz --locked" >&2
  exit 2
fi

cd "${repo_root}"
summary=()
for target in ${FUZZ_TARGETS}; do
  work="${fuzz_dir}/target/work-corpus/${target}"
  mkdir -p "${work}"
  corpora=("${work}" "${fuzz_dir}/corpus/${target}")
  if [ -d "${fuzz_dir}/regressions/${target}" ]; then
    corpora+=("${fuzz_dir}/regressions/${target}")
  fi
  echo "== ${target}: ${FUZZ_SECONDS} s" >&2
  log="${fuzz_dir}/target/fuzz-${target}.log"
  status=0
  "${CARGO}" +nightly fuzz run --fuzz-dir "${fuzz_dir}" "${target}" "${corpora[@]}" -- \
    -max_total_time="${FUZZ_SECONDS}" -max_len="${FUZZ_MAX_LEN}" \
    -malloc_limit_mb="${FUZZ_MALLOC_LIMIT_MB}" -rss_limit_mb="${FUZZ_RSS_LIMIT_MB}" \
    -print_final_stats=1 2>&1 | tee "${log}" >&2 || status=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "${log}" | tail -n 1)"
  summary+=("${target}: ${runs:-?} executions in ${FUZZ_SECONDS} s, exit ${status}")
  if [ "${status}" -ne 0 ]; then
    printf '%s\n' "${summary[@]}" >&2
    echo "make fuzz: ${target} failed; the reproducer is in fuzz/artifacts/${target}/" >&2
    exit 1
  fi
done
printf '%s\n' "${summary[@]}"
