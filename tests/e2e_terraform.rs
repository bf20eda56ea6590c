//! End-to-end tests: the real `terraform` (pinned 1.0.3, plus any `terraform`
//! and `tofu` on PATH) drives the provider binary built for this run through a
//! `dev_overrides` CLI config. Every command is bounded in time and followed by
//! a check that no provider process outlived it; traced commands also check that
//! Terraform never had to kill the provider.
//!
//! Run `make install-tools` once to get the pinned Terraform.

#[path = "e2e_terraform/catalogue.rs"]
mod catalogue;
#[path = "e2e_terraform/checks.rs"]
mod checks;
#[path = "e2e_terraform/demo.rs"]
mod demo;
mod e2e;
#[path = "e2e_terraform/harness.rs"]
mod harness;
#[path = "e2e_terraform/module.rs"]
mod module;
#[path = "e2e_terraform/null_answers.rs"]
mod null_answers;
#[path = "e2e_terraform/prices.rs"]
mod prices;
#[path = "e2e_terraform/schema.rs"]
mod schema;
#[path = "e2e_terraform/validate.rs"]
mod validate;
