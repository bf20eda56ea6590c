# Quickstart: ask GAAP whether the acceleration connection you plan to create can
# be created, at plan time. Works with every supported client (Terraform >= 1.0,
# OpenTofu >= 1.6). `make demo` runs `terraform plan` on this folder against the
# local emulator; examples/fail-early shows how to stop a plan on a 0.

terraform {
  required_version = ">= 1.0.0"

  required_providers {
    gaap = {
      # The full address works the same in Terraform and OpenTofu.
      source = "registry.terraform.io/gaap-community/gaap"
    }
  }
}

# Credentials and endpoint come from the environment (TENCENTCLOUD_SECRET_ID,
# TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_GAAP_ENDPOINT, ...).
provider "gaap" {}

# The connection you are about to create: 10 Mbps, 20,000 concurrent connections.
data "gaap_proxy_create_check" "planned" {
  access_region      = "SouthChina"
  real_server_region = "EastChina"
  bandwidth          = 10
  concurrent         = 2
}

# A what-if: could it grow to 2 Gbps? A 0 here is an answer, not an error.
data "gaap_proxy_create_check" "what_if_2gbps" {
  access_region      = "SouthChina"
  real_server_region = "EastChina"
  bandwidth          = 2000
  concurrent         = 2
}

output "planned_check_flag" {
  description = "1: the planned connection can be created; 0: it cannot."
  value       = data.gaap_proxy_create_check.planned.check_flag
}

output "what_if_2gbps_check_flag" {
  description = "1: a 2 Gbps connection could be created; 0: it could not."
  value       = data.gaap_proxy_create_check.what_if_2gbps.check_flag
}

output "request_id" {
  description = "The API's RequestId of the planned check, for support tickets."
  value       = data.gaap_proxy_create_check.planned.request_id
}
