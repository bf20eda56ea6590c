# Nearest access region: pick, from what GAAP offers for your origin region, the
# access region nearest to your users that offers the bandwidth and concurrency you
# need, then guard the plan with gaap_proxy_create_check (a postcondition printing
# the check's reasons: Terraform >= 1.2, OpenTofu >= 1.6).

terraform {
  required_version = ">= 1.2.0"

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

variable "real_server_region" {
  description = "Where the origin servers are (an id of gaap_dest_regions)."
  type        = string
  default     = "EastChina"
}

variable "preferred_access_regions" {
  description = "Access regions nearest to your users, nearest first."
  type        = list(string)
  default     = ["Chongqing", "Guangzhou", "Chengdu"]
}

variable "users_area" {
  description = "The area your users are in (a region's `area`, such as SouthwestChina or Asia), used when no preferred region fits."
  type        = string
  default     = "SouthwestChina"
}

variable "bandwidth" {
  description = "Bandwidth cap, Mbps."
  type        = number
  default     = 500
}

variable "concurrent" {
  description = "Concurrent connections, in units of 10,000."
  type        = number
  default     = 50
}

# What GAAP offers for the origin: each access region with its selectable
# bandwidths and concurrencies.
data "gaap_access_regions" "offered" {
  dest_region = var.real_server_region
}

locals {
  # Access regions offering exactly the bandwidth and concurrency asked for. Any value
  # the API answered null is null here (the list itself, or a region's bandwidths):
  # coalesce() reads it as "nothing offered".
  fitting = [
    for r in coalesce(data.gaap_access_regions.offered.regions, []) : r
    if contains(coalesce(r.bandwidths, []), var.bandwidth) && contains(coalesce(r.concurrents, []), var.concurrent)
  ]
  fitting_ids = [for r in local.fitting : r.id]

  # Nearest first: the preferred regions that fit, in order; then those in the users'
  # area; then any.
  ranked = concat(
    [for id in var.preferred_access_regions : id if contains(local.fitting_ids, id)],
    [for r in local.fitting : r.id if r.area == var.users_area],
    local.fitting_ids,
  )
  access_region = length(local.ranked) > 0 ? local.ranked[0] : "none"
}

# Guard: GAAP itself must agree. A 0 stops the plan, saying why.
data "gaap_proxy_create_check" "chosen" {
  access_region      = local.access_region
  real_server_region = var.real_server_region
  bandwidth          = var.bandwidth
  concurrent         = var.concurrent

  lifecycle {
    precondition {
      condition     = length(local.ranked) > 0
      error_message = "No access region offers ${var.bandwidth} Mbps and ${var.concurrent} (x10,000 connections) for origin ${var.real_server_region}."
    }
    postcondition {
      condition     = self.check_flag == 1
      error_message = "GAAP cannot create a connection from ${local.access_region} to ${var.real_server_region}: ${join(" ", self.reasons)}"
    }
  }
}

output "access_region" {
  description = "The nearest access region offering the bandwidth and concurrency."
  value       = local.access_region
}

output "check_flag" {
  description = "1: GAAP can create the connection from the chosen access region."
  value       = data.gaap_proxy_create_check.chosen.check_flag
}
