# terraform-provider-gaap developer commands. `make help` lists them.
#
# CARGO_FLAGS lets CI add `--locked`. `install-tools` puts the oldest supported
# Terraform (1.0.3) into .tools/; the end-to-end tests (tests/e2e_terraform.rs)
# always run against it, and also against any `terraform` and `tofu` on PATH.
#
# `release` writes the registry-shaped release to dist/ (scripts/release.sh has
# the details and knobs), and the emulator's zips with their own SHA256SUMS: it
# needs GPG_FINGERPRINT (and GNUPGHOME, or gpg's default keyring);
# `release-unsigned` skips only the signatures.
#
# `bench` (release build) also fetches HashiCorp's Go terraform-provider-null 2.1.2
# into .tools/ (scripts/fetch-null-provider.sh, sha256-checked) to measure against;
# it is not part of `test` or CI.
#
# `fuzz` runs the cargo-fuzz targets in fuzz/ (nightly toolchain and cargo-fuzz;
# scripts/fuzz.sh has the knobs); it is not part of `test` or CI.

CARGO ?= cargo
CARGO_FLAGS ?=

.DEFAULT_GOAL := help
.PHONY: help build test e2e test-install lint fmt docs demo bench fuzz mutants install-tools release release-unsigned

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-17s %s\n", $$1, $$2}'

build: ## Build the provider and the emulator (debug)
	$(CARGO) build $(CARGO_FLAGS) --workspace --bins

test: install-tools build ## Build, then run every test tier (unit, process, end-to-end with real Terraform)
	$(CARGO) test $(CARGO_FLAGS) --workspace --all-features

e2e: install-tools ## Only the end-to-end tests that drive real Terraform/OpenTofu
	$(CARGO) test $(CARGO_FLAGS) --test e2e_terraform

test-install: install-tools ## Only the install-path tests: release zips through -plugin-dir, mirrors and a registry
	@# The tests package the emulator built beside the provider: another package's binary.
	$(CARGO) build $(CARGO_FLAGS) -p gaap-emulator --bin gaap-emulator
	$(CARGO) test $(CARGO_FLAGS) --test install_paths

lint: ## rustfmt check and clippy with warnings as errors
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy $(CARGO_FLAGS) --workspace --all-targets --all-features -- -D warnings
	$(CARGO) clippy $(CARGO_FLAGS) --workspace -- -D warnings

fmt: ## Format the code
	$(CARGO) fmt --all

docs: ## Regenerate docs/ from the provider's schema, templates/ and examples/ (tests/docs.rs checks it)
	GAAP_UPDATE_DOCS=1 $(CARGO) test $(CARGO_FLAGS) --features docs --test docs -- --nocapture committed_docs_match

demo: ## Build, start the emulator, run `terraform plan` on examples/quickstart against it
	scripts/demo.sh --emulator

bench: install-tools ## Release build, then the benchmarks with their targets, alone and against HashiCorp's Go null provider (BENCHMARKS.md)
	scripts/fetch-null-provider.sh
	@# Measure the binary `make release` ships: the provider alone (without the
	@# dev-dependencies' features), copied aside before `cargo bench` rebuilds it.
	$(CARGO) build --release $(CARGO_FLAGS) -p terraform-provider-gaap --bin terraform-provider-gaap
	mkdir -p target/bench-provider
	cp target/release/terraform-provider-gaap target/bench-provider/terraform-provider-gaap
	GAAP_BENCH_PROVIDER=$(CURDIR)/target/bench-provider/terraform-provider-gaap \
		$(CARGO) bench $(CARGO_FLAGS) --features test-support --bench plugin_lifecycle --bench versus_go

mutants: ## Mutation testing of the pure cores with cargo-mutants (slow: hours on 2 cores; contributing/testing.md)
	CARGO="$(CARGO)" scripts/mutants.sh

fuzz: ## Every cargo-fuzz target for FUZZ_SECONDS (default 60) each; needs nightly and cargo-fuzz
	CARGO="$(CARGO)" scripts/fuzz.sh

install-tools: ## Install the pinned Terraform 1.0.3 into .tools/ (idempotent, sha256-checked)
	scripts/install-terraform.sh

release: ## Release builds, then dist/: provider and emulator zips, manifest, SHA256SUMS and signatures (needs GPG_FINGERPRINT)
	CARGO="$(CARGO)" CARGO_FLAGS="$(CARGO_FLAGS)" scripts/release.sh

release-unsigned: ## Like release, without the SHA256SUMS signatures (local mirrors, CI)
	CARGO="$(CARGO)" CARGO_FLAGS="$(CARGO_FLAGS)" RELEASE_UNSIGNED=1 scripts/release.sh
