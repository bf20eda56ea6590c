# Budget guard: among the access regions GAAP offers for your origin at the
# bandwidth you need, pick the cheapest one whose connection can be created, and
# stop the plan (a postcondition: Terraform >= 1.2, OpenTofu >= 1.6) when its daily
# cost is over your budget.
#
# The daily cost is an estimate: the base price per day plus the bandwidth cap times
# the bandwidth price per Mbps per day, both discounted, in the price's currency.
# GAAP bills the bandwidth fee on use, so a connection that runs below its cap, or
# not all day, costs less; cn2 bandwidth and traffic billing are not counted here.

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
  default     = "Hongkong"
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

variable "daily_budget" {
  description = "The most the connection may cost a day, in the currency GAAP prices it in (gaap_proxy_price's currency)."
  type        = number
  default     = 1500
}

# What GAAP offers for the origin.
data "gaap_access_regions" "offered" {
  dest_region = var.real_server_region
}

locals {
  # Access regions offering the bandwidth. A list the API answered null is null:
  # coalesce() reads it as "nothing offered".
  candidates = toset([
    for r in coalesce(data.gaap_access_regions.offered.regions, []) : r.id
    if contains(coalesce(r.bandwidths, []), var.bandwidth)
  ])
}

# Can each candidate be created with this concurrency, and what would it cost?
# Identical reads share one API call, and both data sources run at the API's rate.
data "gaap_proxy_create_check" "candidate" {
  for_each = local.candidates

  access_region      = each.key
  real_server_region = var.real_server_region
  bandwidth          = var.bandwidth
  concurrent         = var.concurrent
}

data "gaap_proxy_price" "candidate" {
  for_each = local.candidates

  access_region      = each.key
  real_server_region = var.real_server_region
  bandwidth          = var.bandwidth
  concurrent         = var.concurrent
}

locals {
  # The estimated daily cost of each candidate GAAP can create. A price the API
  # answered null makes the sum fail: try() leaves that candidate out.
  costs = {
    for id in local.candidates : id => try(
      data.gaap_proxy_price.candidate[id].discount_daily_price + var.bandwidth * data.gaap_proxy_price.candidate[id].discount_bandwidth_unit_price,
      null,
    )
    if data.gaap_proxy_create_check.candidate[id].check_flag == 1
  }
  priced   = { for id, cost in local.costs : id => cost if cost != null }
  cheapest = length(local.priced) > 0 ? min(values(local.priced)...) : null

  # The cheapest; on a tie, the lowest region id (sort() orders the ids).
  access_region = length(local.priced) > 0 ? [
    for id in sort(keys(local.priced)) : id if local.priced[id] == local.cheapest
  ][0] : "none"
}

# The chosen connection's price, read again (the same call: it is shared), guarded.
data "gaap_proxy_price" "chosen" {
  access_region      = local.access_region
  real_server_region = var.real_server_region
  bandwidth          = var.bandwidth
  concurrent         = var.concurrent

  lifecycle {
    precondition {
      condition     = length(local.priced) > 0
      error_message = "No access region offers ${var.bandwidth} Mbps and concurrency ${var.concurrent} for origin ${var.real_server_region} with a known price."
    }
    postcondition {
      condition     = try(self.discount_daily_price + var.bandwidth * self.discount_bandwidth_unit_price <= var.daily_budget, false)
      error_message = "The cheapest connection to ${var.real_server_region}, from ${local.access_region}, costs about ${try(self.discount_daily_price + var.bandwidth * self.discount_bandwidth_unit_price, "an unknown amount")} ${coalesce(self.currency, "(no currency)")} a day (a base price of ${coalesce(self.discount_daily_price, "?")} plus ${var.bandwidth} Mbps at ${coalesce(self.discount_bandwidth_unit_price, "?")} per Mbps), over the daily budget of ${var.daily_budget}."
    }
  }
}

output "access_region" {
  description = "The cheapest access region whose connection GAAP can create."
  value       = local.access_region
}

output "daily_cost" {
  description = "Its estimated daily cost: base price plus bandwidth times the bandwidth price, discounted."
  value       = local.cheapest
}

output "currency" {
  description = "The currency of the prices."
  value       = data.gaap_proxy_price.chosen.currency
}

output "within_budget" {
  description = "Whether the daily cost is within daily_budget: true whenever the plan gets here, since the postcondition stops it otherwise."
  value       = try(local.cheapest <= var.daily_budget, false)
}
