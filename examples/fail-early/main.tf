# Fail early: stop a plan before anything is created when GAAP says the
# connection cannot be created (`postcondition`, Terraform >= 1.2), and warn
# without stopping for a what-if (`check` block, Terraform >= 1.5, OpenTofu >= 1.6).
# `make demo` plans this folder too when the Terraform it uses is new enough.

terraform {
  required_version = ">= 1.5.0"

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

variable "access_region" {
  description = "Where users connect (GAAP access region)."
  type        = string
  default     = "SouthChina"
}

variable "real_server_region" {
  description = "Where the origin servers are."
  type        = string
  default     = "EastChina"
}

variable "bandwidth" {
  description = "Bandwidth cap, Mbps."
  type        = number
  default     = 10
}

variable "concurrent" {
  description = "Concurrent connections, in units of 10,000."
  type        = number
  default     = 2
}

# The connection you are about to create. If GAAP says it cannot be created,
# the plan stops here, before any resource is touched, and the error says why
# (`reasons`, read from GAAP's catalogue) and what would work (`suggestions`).
data "gaap_proxy_create_check" "planned" {
  access_region      = var.access_region
  real_server_region = var.real_server_region
  bandwidth          = var.bandwidth
  concurrent         = var.concurrent

  lifecycle {
    postcondition {
      condition     = self.check_flag == 1
      error_message = "GAAP cannot create a ${var.bandwidth} Mbps connection from ${var.access_region} to ${var.real_server_region} (RequestId ${self.request_id}): ${join(" ", self.reasons)}"
    }
  }
}

# A what-if: could we grow to 2 Gbps later? A 0 here is an answer, not an error.
data "gaap_proxy_create_check" "what_if_2gbps" {
  access_region      = var.access_region
  real_server_region = var.real_server_region
  bandwidth          = 2000
  concurrent         = var.concurrent
}

# A soft check: a warning in the plan, which still goes on.
check "room_to_grow" {
  assert {
    condition     = data.gaap_proxy_create_check.what_if_2gbps.check_flag == 1
    error_message = "A 2 Gbps connection from ${var.access_region} to ${var.real_server_region} cannot be created right now: ${join(" ", data.gaap_proxy_create_check.what_if_2gbps.reasons)}"
  }
}

output "planned_check_flag" {
  description = "1: the planned connection can be created."
  value       = data.gaap_proxy_create_check.planned.check_flag
}

output "what_if_2gbps_check_flag" {
  description = "1: a 2 Gbps connection could be created; 0: it could not."
  value       = data.gaap_proxy_create_check.what_if_2gbps.check_flag
}

output "what_if_2gbps_suggestions" {
  description = "Offers close to the what-if that GAAP would accept."
  value       = data.gaap_proxy_create_check.what_if_2gbps.suggestions
}

output "request_id" {
  description = "The API's RequestId of the planned check, for support tickets."
  value       = data.gaap_proxy_create_check.planned.request_id
}
