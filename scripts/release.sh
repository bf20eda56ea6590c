#!/usr/bin/env bash
# Builds the provider and the emulator in release mode and writes a
# registry-shaped release to dist/:
#
#   terraform-provider-gaap_<version>_<os>_<arch>.zip   one per target, holding
#                                                       terraform-provider-gaap_v<version>[.exe]
#   terraform-provider-gaap_<version>_manifest.json     copy of terraform-registry-manifest.json
#   terraform-provider-gaap_<version>_SHA256SUMS        sha256sum of the zips and the manifest
#   terraform-provider-gaap_<version>_SHA256SUMS.sig    detached binary OpenPGP signature of the sums
#   gaap-emulator_<version>_<os>_<arch>.zip             one per target, holding gaap-emulator[.exe]
#   gaap-emulator_<version>_SHA256SUMS                  sha256sum of the emulator zips
#   gaap-emulator_<version>_SHA256SUMS.sig              its signature
#
# The provider's files are the layout the Terraform Registry, `terraform init`
# from a provider registry, and the filesystem/network mirrors expect (see README
# "Install"). The emulator's have their own SHA256SUMS: Terraform records every
# line of the provider's in users' lock files, which must list the provider only.
#
# The emulator is built in its own cargo invocation: built together, Cargo would
# unify its features into the provider's dependencies (tokio's multi-thread
# scheduler, which the provider leaves out). It uses the release profile, so it
# reuses every dependency the provider's build compiled with the same features
# and rebuilds only those that depend on tokio (47 crates): measured on 2 cores,
# 1 to 1.5 minutes after the provider's build, where a profile of its own
# (opt-level 1, no LTO, 16 codegen units) rebuilt all 129 and took 2.7 minutes.
#
# Targets: the host, plus every other installed rustup target whose linker is
# available (CARGO_TARGET_<TRIPLE>_LINKER set, or a `<arch>-linux-gnu-gcc`
# style cross compiler on PATH, which is then passed to Cargo as that variable).
# Targets without a linker are skipped with a note. (aws-lc-sys also needs a C
# cross compiler for such targets: set CC_<triple> if the build asks for it.)
#
# Signing, as HashiCorp's provider scaffolding does it:
#   gpg --batch --local-user "$GPG_FINGERPRINT" --output <sums>.sig --detach-sign <sums>
# with the keyring in GNUPGHOME (or gpg's default). Without GPG_FINGERPRINT the
# script stops, unless RELEASE_UNSIGNED=1 (`make release-unsigned`), which skips
# only the .sig.
#
# Reproducible: the zips use a fixed timestamp (SOURCE_DATE_EPOCH, by default
# the last commit's time), mode 0755 for the binary, one entry, and no extra
# attributes (zip -X), so two releases of one commit are byte-identical.
#
# Knobs (environment):
#   DIST=dir                 output folder (default dist/); this version's files in it are replaced
#   RELEASE_BINARY=path      package this already-built host binary instead of building
#                            (the tests use it to avoid a second release build)
#   RELEASE_EMULATOR_BINARY=path   the same for the emulator; set with RELEASE_BINARY
#   RELEASE_UNSIGNED=1       no .sig, no GPG_FINGERPRINT needed
#   RELEASE_SUMS_ONLY=1      build nothing: checksum (and sign) the zips already in DIST
#                            for this version, the provider's and the emulator's, e.g.
#                            gathered from one CI job per OS (.github/workflows/ci.yml)
#   GPG_FINGERPRINT, GNUPGHOME   the signing key and keyring
#   SOURCE_DATE_EPOCH        zip timestamps (seconds since 1970)
#   CARGO, CARGO_FLAGS       cargo command and extra build flags (--locked is always given)
#   CARGO_TARGET_DIR         Cargo's build folder, where the binaries are taken from (default target)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

readonly NAME="terraform-provider-gaap"
readonly TYPE="gaap"
readonly EMULATOR="gaap-emulator"
CARGO="${CARGO:-cargo}"
# Release builds are always --locked; CARGO_FLAGS may add more (and may repeat it).
CARGO_FLAGS="${CARGO_FLAGS:-}"
CARGO_FLAGS="--locked ${CARGO_FLAGS//--locked/}"
DIST="${DIST:-dist}"
RELEASE_BINARY="${RELEASE_BINARY:-}"
RELEASE_EMULATOR_BINARY="${RELEASE_EMULATOR_BINARY:-}"
RELEASE_UNSIGNED="${RELEASE_UNSIGNED:-0}"
RELEASE_SUMS_ONLY="${RELEASE_SUMS_ONLY:-0}"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"

die() {
  echo "release: $*" >&2
  exit 1
}
note() { echo "release: $*" >&2; }

for tool in zip sha256sum; do
  command -v "${tool}" >/dev/null 2>&1 || die "${tool} is required (Debian: apt-get install zip coreutils)"
done

# A release has both binaries: packaging one prebuilt and building the other
# would mix two builds.
if [[ "${RELEASE_SUMS_ONLY}" != "1" && -n "${RELEASE_BINARY}${RELEASE_EMULATOR_BINARY}" ]]; then
  [[ -n "${RELEASE_BINARY}" && -n "${RELEASE_EMULATOR_BINARY}" ]] \
    || die "RELEASE_BINARY and RELEASE_EMULATOR_BINARY go together: set both (the provider and the emulator to package) or neither"
fi

# Fail before a long build when the release cannot be signed.
if [[ "${RELEASE_UNSIGNED}" != "1" ]]; then
  [[ -n "${GPG_FINGERPRINT:-}" ]] || die "GPG_FINGERPRINT is not set: set it to the fingerprint of the signing key \
(in GNUPGHOME or gpg's default keyring), or run \`make release-unsigned\` (RELEASE_UNSIGNED=1) to skip only the .sig"
  command -v gpg >/dev/null 2>&1 || die "\`gpg\` is required to sign (apt-get install gnupg)"
  gpg --batch --list-secret-keys "${GPG_FINGERPRINT}" >/dev/null 2>&1 \
    || die "no secret key ${GPG_FINGERPRINT} in ${GNUPGHOME:-the default keyring}"
fi

# The version Cargo.toml declares for the provider package.
version="$("${CARGO}" pkgid --offline -p "${NAME}" | sed 's/.*[#@]//')"
semver='^[0-9]+\.[0-9]+\.[0-9]+([-+].*)?$'
[[ "${version}" =~ ${semver} ]] || die "cannot read the version from Cargo.toml (got ${version:-nothing})"

# Terraform's <os>_<arch> for a Rust target triple, or nothing if it has none.
platform_of() {
  local os arch
  case "$1" in
    *-linux-*) os=linux ;;
    *-apple-darwin) os=darwin ;;
    *-windows-*) os=windows ;;
    *-freebsd) os=freebsd ;;
    *) return 0 ;;
  esac
  case "$1" in
    x86_64-*) arch=amd64 ;;
    aarch64-*) arch=arm64 ;;
    i686-* | i586-*) arch=386 ;;
    armv7-* | arm-*) arch=arm ;;
    *) return 0 ;;
  esac
  echo "${os}_${arch}"
}

# The environment variable naming the linker Cargo uses for a target triple.
linker_var() { echo "CARGO_TARGET_$(echo "$1" | tr 'a-z-' 'A-Z_')_LINKER"; }

# Prints the linker for a non-host triple: CARGO_TARGET_<TRIPLE>_LINKER when set,
# `default` where the host's own toolchain links it (the other macOS arch on macOS,
# the other MSVC arch on Windows), else a Debian-style cross gcc found on PATH;
# fails when there is none.
linker_for() {
  local triple="$1" var candidate
  var="$(linker_var "${triple}")"
  if [[ -n "${!var:-}" ]]; then
    command -v "${!var}" >/dev/null 2>&1 && echo "${!var}"
    return
  fi
  case "${host}:${triple}" in
    *-apple-darwin:*-apple-darwin | *-windows-msvc:*-windows-msvc)
      echo default
      return
      ;;
  esac
  case "${triple}" in
    *-linux-gnu*) candidate="${triple%%-*}-linux-gnu${triple##*-linux-gnu}-gcc" ;;
    *-windows-gnu) candidate="${triple%%-*}-w64-mingw32-gcc" ;;
    *) return 1 ;;
  esac
  command -v "${candidate}" >/dev/null 2>&1 && echo "${candidate}"
}

host="$(rustc -vV | sed -n "s/^host: //p" | tr -d "\r")"
host_platform="$(platform_of "${host}")"
[[ -n "${host_platform}" ]] || die "no Terraform platform for the host target ${host}"

# (triple platform) pairs to release; the host first.
targets=("${host} ${host_platform}")
if [[ -z "${RELEASE_BINARY}" ]] && command -v rustup >/dev/null 2>&1; then
  while read -r triple; do
    [[ -z "${triple}" || "${triple}" == "${host}" ]] && continue
    platform="$(platform_of "${triple}")"
    if [[ -z "${platform}" ]]; then
      note "skipping ${triple}: no Terraform platform for it"
    elif printf '%s\n' "${targets[@]}" | grep -q " ${platform}\$"; then
      note "skipping ${triple}: ${platform} is already built from another target"
    elif ! linker_for "${triple}" >/dev/null; then
      note "skipping ${triple}: no linker for it (set $(linker_var "${triple}"))"
    else
      targets+=("${triple} ${platform}")
    fi
  done < <(rustup target list --installed)
fi

if [[ -z "${SOURCE_DATE_EPOCH:-}" ]]; then
  SOURCE_DATE_EPOCH="$(git log -1 --format=%ct 2>/dev/null || true)"
  SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-315532800}" # 1980-01-01, the zip epoch
fi
# zip stores local time; UTC makes the bytes independent of the machine's zone.
export TZ=UTC LC_ALL=C

mkdir -p "${DIST}"
DIST="$(cd "${DIST}" && pwd)"
prefix="${NAME}_${version}"
emulator_prefix="${EMULATOR}_${version}"
if [[ "${RELEASE_SUMS_ONLY}" == "1" ]]; then
  for p in "${prefix}" "${emulator_prefix}"; do
    rm -f "${DIST}/${p}_SHA256SUMS" "${DIST}/${p}_SHA256SUMS.sig"
  done
else
  rm -f "${DIST}/${prefix}"_* "${DIST}/${emulator_prefix}"_*
fi
staging="$(mktemp -d)"
trap 'rm -rf "${staging}"' EXIT

if [[ "${RELEASE_SUMS_ONLY}" == "1" ]]; then
  targets=()
  for p in "${prefix}" "${emulator_prefix}"; do
    compgen -G "${DIST}/${p}_*.zip" >/dev/null || die "RELEASE_SUMS_ONLY=1 but no ${p}_*.zip in ${DIST}"
    note "checksumming the zips already in ${DIST}: $(cd "${DIST}" && echo "${p}"_*.zip)"
  done
fi

# Checks that a host binary reports `<name> <version>` for --version.
check_version() {
  local binary="$1" name="$2" reported
  reported="$("${binary}" --version)"
  [[ "${reported}" == "${name} ${version}" ]] \
    || die "${binary} --version says \"${reported}\", expected \"${name} ${version}\""
}

# Zips one executable as `member` into `zip_path`, reproducibly.
zip_one() {
  local binary="$1" member="$2" zip_path="$3" dir
  dir="$(mktemp -d "${staging}/zip.XXXXXX")"
  cp "${binary}" "${dir}/${member}"
  chmod 0755 "${dir}/${member}"
  touch -d "@${SOURCE_DATE_EPOCH}" "${dir}/${member}"
  (cd "${dir}" && zip -q -X "${zip_path}" "${member}")
  touch -d "@${SOURCE_DATE_EPOCH}" "${zip_path}"
  note "wrote ${zip_path}"
}

for entry in "${targets[@]}"; do
  triple="${entry% *}"
  platform="${entry#* }"
  exe=""
  [[ "${platform}" == windows_* ]] && exe=".exe"

  if [[ -n "${RELEASE_BINARY}" ]]; then
    binary="${RELEASE_BINARY}"
    emulator_binary="${RELEASE_EMULATOR_BINARY}"
    [[ -x "${binary}" ]] || die "RELEASE_BINARY ${binary} is not an executable file"
    [[ -x "${emulator_binary}" ]] || die "RELEASE_EMULATOR_BINARY ${emulator_binary} is not an executable file"
  else
    target_args=()
    linker_env=()
    out="${TARGET_DIR}/release"
    if [[ "${triple}" != "${host}" ]]; then
      target_args=(--target "${triple}")
      linker="$(linker_for "${triple}")"
      [[ "${linker}" == default ]] || linker_env=("$(linker_var "${triple}")=${linker}")
      out="${TARGET_DIR}/${triple}/release"
    fi
    binary="${out}/${NAME}${exe}"
    emulator_binary="${out}/${EMULATOR}${exe}"
    note "building ${NAME} for ${triple} (${platform})"
    # shellcheck disable=SC2086
    env "${linker_env[@]}" "${CARGO}" build --release ${CARGO_FLAGS} -p "${NAME}" --bin "${NAME}" "${target_args[@]}"
    # Its own invocation, so that its features do not reach the provider (see the top).
    note "building ${EMULATOR} for ${triple} (${platform})"
    # shellcheck disable=SC2086
    env "${linker_env[@]}" "${CARGO}" build --release ${CARGO_FLAGS} -p "${EMULATOR}" --bin "${EMULATOR}" "${target_args[@]}"
  fi

  # The binaries must report the version they are released as (host binaries
  # only: others cannot run here).
  if [[ "${triple}" == "${host}" ]]; then
    check_version "${binary}" "${NAME}"
    check_version "${emulator_binary}" "${EMULATOR}"
  fi

  zip_one "${binary}" "${NAME}_v${version}${exe}" "${DIST}/${prefix}_${platform}.zip"
  zip_one "${emulator_binary}" "${EMULATOR}${exe}" "${DIST}/${emulator_prefix}_${platform}.zip"
done

cp terraform-registry-manifest.json "${DIST}/${prefix}_manifest.json"

# Each SHA256SUMS lists its own files only: the provider's are recorded in
# users' lock files.
(
  cd "${DIST}"
  sha256sum "${prefix}"_*.zip "${prefix}_manifest.json" >"${prefix}_SHA256SUMS"
  sha256sum "${emulator_prefix}"_*.zip >"${emulator_prefix}_SHA256SUMS"
)
for p in "${prefix}" "${emulator_prefix}"; do
  note "wrote ${DIST}/${p}_SHA256SUMS"
  if [[ "${RELEASE_UNSIGNED}" == "1" ]]; then
    note "unsigned release (RELEASE_UNSIGNED=1): no ${p}_SHA256SUMS.sig"
  else
    gpg --batch --yes --local-user "${GPG_FINGERPRINT}" \
      --output "${DIST}/${p}_SHA256SUMS.sig" --detach-sign "${DIST}/${p}_SHA256SUMS"
    note "wrote ${DIST}/${p}_SHA256SUMS.sig"
  fi
done

echo "${DIST}"
