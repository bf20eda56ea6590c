#!/usr/bin/env bash
# `make demo`: run `terraform plan` on examples/quickstart with the freshly built
# provider, through a temporary dev_overrides CLI config.
#
#   scripts/demo.sh --emulator   start target/debug/gaap-emulator on loopback and
#                                use it with its public demo keys (what `make demo` does)
#   scripts/demo.sh              use the real GAAP API with the credentials in the
#                                environment (TENCENTCLOUD_SECRET_ID/_KEY, or a profile,
#                                a CAM role, ...). Only read-only GAAP actions are
#                                called: CheckProxyCreate, and DescribeAccessRegionsByDestRegion
#                                and DescribeDestRegions to explain a check answering 0.
#
# Terraform: $TERRAFORM, else `terraform` on PATH, else `tofu`, else the pinned
# Terraform 1.0.3 (installed by `make install-tools`). examples/quickstart runs on
# all of them; examples/fail-early (postcondition + check block) is planned too when
# the client is Terraform >= 1.5 or OpenTofu.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-${repo_root}/target}"
bin_dir="${target_dir}/debug"
readonly PROVIDER_ADDRESS="registry.terraform.io/gaap-community/gaap"
# The emulator's documented demo pair; public, accepted only by the emulator.
readonly DEMO_SECRET_ID="AKIDEXAMPLEgaapTEST0000000000000000"
readonly DEMO_SECRET_KEY="EXAMPLEgaapSecretKeyTEST0000000000"
readonly READY_TIMEOUT_SECS=30

use_emulator=false
case "${1:-}" in
  --emulator) use_emulator=true ;;
  "") ;;
  -h | --help)
    sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "demo: unknown option $1 (use --emulator or nothing)" >&2
    exit 2
    ;;
esac

# Bold headings and Terraform's colours on a terminal only: piped to a file, the
# output is plain text.
if [[ -t 1 ]]; then
  say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
  no_color=()
else
  say() { printf '\n==> %s\n' "$*"; }
  no_color=(-no-color)
fi

tf="${TERRAFORM:-}"
if [[ -z "${tf}" ]]; then
  tf="$(command -v terraform || command -v tofu || true)"
fi
if [[ -z "${tf}" ]]; then
  say "no terraform or tofu on PATH: installing the pinned Terraform 1.0.3"
  "${repo_root}/scripts/install-terraform.sh"
  tf="${repo_root}/.tools/terraform-1.0.3/terraform"
fi

# "1.11.4" from `terraform version -json` (Terraform >= 0.13 and OpenTofu).
tf_version="$("${tf}" version -json 2>/dev/null \
  | sed -n 's/.*"terraform_version": *"\([0-9][0-9.]*\).*/\1/p' | head -n 1)"
supports_check_blocks() {
  local major minor
  IFS=. read -r major minor _ <<<"${tf_version:-0.0.0}"
  [[ "${major}" -gt 1 || ( "${major}" -eq 1 && "${minor}" -ge 5 ) ]]
}

# GAAP_DEMO_SKIP_BUILD=1 uses the binaries already in the target directory (the test
# of this script runs with the ones its own build made).
if [[ "${GAAP_DEMO_SKIP_BUILD:-}" != 1 ]]; then
  say "building the provider and the emulator"
  (cd "${repo_root}" && cargo build --workspace --bins)
fi

work="$(mktemp -d)"
emulator_pid=""
cleanup() {
  if [[ -n "${emulator_pid}" ]] && kill -0 "${emulator_pid}" 2>/dev/null; then
    kill -TERM "${emulator_pid}" 2>/dev/null || true
    wait "${emulator_pid}" 2>/dev/null || true
    echo "demo: emulator stopped"
  fi
  rm -rf "${work}"
}
trap cleanup EXIT INT TERM

if "${use_emulator}"; then
  say "starting the GAAP emulator on loopback"
  "${bin_dir}/gaap-emulator" --bind 127.0.0.1 --port 0 \
    >"${work}/emulator.out" 2>"${work}/emulator.err" &
  emulator_pid=$!
  url=""
  for _ in $(seq 1 $((READY_TIMEOUT_SECS * 10))); do
    url="$(sed -n 's/^gaap-emulator listening on \(http:[^ ]*\).*$/\1/p' "${work}/emulator.out" | head -n 1)"
    [[ -n "${url}" ]] && break
    if ! kill -0 "${emulator_pid}" 2>/dev/null; then
      echo "demo: the emulator exited:" >&2
      cat "${work}/emulator.err" >&2
      exit 1
    fi
    sleep 0.1
  done
  if [[ -z "${url}" ]]; then
    echo "demo: the emulator did not report ready within ${READY_TIMEOUT_SECS}s" >&2
    exit 1
  fi
  echo "emulator: ${url}"
  # Only the demo keys and the emulator: no real credential is used or sent.
  while IFS='=' read -r name _; do
    [[ "${name}" == TENCENTCLOUD_* ]] && unset "${name}"
  done < <(env)
  export TENCENTCLOUD_GAAP_ENDPOINT="${url}"
  export TENCENTCLOUD_SECRET_ID="${DEMO_SECRET_ID}"
  export TENCENTCLOUD_SECRET_KEY="${DEMO_SECRET_KEY}"
else
  say "using the real GAAP API with the credentials in your environment"
fi

cat >"${work}/cli.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "${PROVIDER_ADDRESS}" = "${bin_dir}"
  }
  direct {}
}
TFRC
export TF_CLI_CONFIG_FILE="${work}/cli.tfrc"
export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1

show_outputs() {
  local plan_json="$1"
  if command -v python3 >/dev/null 2>&1; then
    python3 - "${plan_json}" <<'PY'
import json, sys
outputs = json.load(open(sys.argv[1])).get("planned_values", {}).get("outputs", {})
for name in sorted(outputs):
    value = outputs[name].get("value", "(known after apply)")
    print(f"  {name} = {value}")
PY
  else
    grep -o '"[a-z_0-9]*check_flag":{[^}]*}' "${plan_json}" || true
  fi
}

# Copies, so no plan file or lock file lands in the repository.
plan_example() {
  local name="$1"
  cp -R "${repo_root}/examples/${name}" "${work}/${name}"
  say "$("${tf}" version | head -n 1): plan examples/${name}"
  "${tf}" -chdir="${work}/${name}" plan -input=false ${no_color[@]+"${no_color[@]}"} -out=demo.tfplan
  say "examples/${name}: check_flag results"
  "${tf}" -chdir="${work}/${name}" show -json demo.tfplan >"${work}/${name}.plan.json"
  show_outputs "${work}/${name}.plan.json"
}

plan_example quickstart
if supports_check_blocks; then
  plan_example fail-early
else
  say "skipping examples/fail-early: it needs Terraform >= 1.5 or OpenTofu (this is ${tf_version:-unknown})"
fi
