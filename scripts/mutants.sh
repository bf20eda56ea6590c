#!/usr/bin/env bash
# Mutation testing of the pure cores (`make mutants`): cargo-mutants changes one
# operator, constant or function body at a time and runs the tests; a mutant the
# tests still pass ("missed") is a behaviour nothing checks. contributing/testing.md lists
# the modules, the counts of the last full run and every survivor with its reason.
# Slow: each mutant is a rebuild and a test run (about 10-15 s each on 2 cores, 700
# mutants in all). Not part of `make test` or CI.
#
# Two sets, each tested by the tests of the package that holds it:
#   client    crates/tencentcloud-client: signer, retry policy, backoff, rate limiter,
#             endpoint checks, API error envelopes; every test of that crate.
#   provider  the root package: msgpack, numbers, validators, API-error diagnostics;
#             its library's unit tests (the process and Terraform tests are too slow
#             to run per mutant, and these modules' contracts are unit-tested).
#
# Knobs (environment):
#   MUTANTS_SETS  which sets (default: "client provider")
#   MUTANTS_ARGS  extra cargo-mutants arguments, e.g. "--iterate" (only mutants not
#                 caught last time), "--shard 1/4", "--in-place" (no copy of the tree)
#   MUTANTS_OUT   where results go (default: mutants.out/<set>/mutants.out)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO="${CARGO:-cargo}"
MUTANTS_SETS="${MUTANTS_SETS:-client provider}"
MUTANTS_OUT="${MUTANTS_OUT:-${repo_root}/mutants.out}"
read -r -a extra_args <<<"${MUTANTS_ARGS:-}"

if ! "${CARGO}" mutants --version >/dev/null 2>&1; then
  echo "make mutants: cargo-mutants is not installed." >&2
  echo "  install it with: cargo install cargo-mutants --locked" >&2
  exit 2
fi

client_files=(
  crates/tencentcloud-client/src/signer.rs
  crates/tencentcloud-client/src/retry.rs
  crates/tencentcloud-client/src/backoff.rs
  'crates/tencentcloud-client/src/rate_limit/*.rs'
  crates/tencentcloud-client/src/endpoint.rs
  crates/tencentcloud-client/src/error.rs
  crates/tencentcloud-client/src/response.rs
)
provider_files=(
  src/protocol/msgpack.rs
  'src/protocol/msgpack/*.rs'
  src/protocol/number.rs
  src/provider/validators.rs
  src/protocol/validator.rs
  src/protocol/decode/def.rs
  src/provider/data_sources/api_errors.rs
  src/provider/data_sources/credential_advice.rs
  src/provider/data_sources/proxy_create_check/errors.rs
)

status=0
for set in ${MUTANTS_SETS}; do
  args=(--profile mutants --build-timeout 600 --output "${MUTANTS_OUT}/${set}")
  case "${set}" in
    client)
      # Its tests take about 15 s; a mutant that makes them hang (a limiter that
      # never frees a place) is cut off at 60 s and counts as detected.
      args+=(--package tencentcloud-client --timeout 60)
      for f in "${client_files[@]}"; do args+=(--file "$f"); done
      test_args=()
      ;;
    provider)
      # Its unit tests take under a second.
      args+=(--package terraform-provider-gaap --timeout 30)
      for f in "${provider_files[@]}"; do args+=(--file "$f"); done
      test_args=(-- --lib)
      ;;
    *)
      echo "make mutants: unknown set ${set} (known: client provider)" >&2
      exit 2
      ;;
  esac
  mkdir -p "${MUTANTS_OUT}/${set}"
  echo "== mutants: ${set}"
  set +e
  (cd "${repo_root}" && "${CARGO}" mutants "${args[@]}" "${extra_args[@]}" "${test_args[@]}")
  code=$?
  set -e
  # cargo-mutants: 0 all caught, 2 some missed, 3 some timed out, others: no run.
  [ "${code}" -gt "${status}" ] && status="${code}"
  out="${MUTANTS_OUT}/${set}/mutants.out"
  for outcome in caught missed timeout unviable; do
    count='?'
    [ -f "${out}/${outcome}.txt" ] && count="$(wc -l <"${out}/${outcome}.txt")"
    printf '  %-9s %s\n' "${outcome}" "${count}"
  done
done
exit "${status}"
