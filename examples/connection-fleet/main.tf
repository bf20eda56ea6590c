# Connection fleet: many GAAP connections from one map. The connection-guard
# module (../modules/connection-guard), called with for_each, asks GAAP about
# each one; the official Tencent Cloud provider's tencentcloud_gaap_proxy
# creates only those GAAP answered 1 for, and a check block warns about the
# others. Creating a connection is billed: README.md says how to run this, and
# why CI does not.

terraform {
  # check blocks: Terraform >= 1.5 (OpenTofu >= 1.6); optional() object attributes: >= 1.3.
  required_version = ">= 1.5.0"

  required_providers {
    gaap = {
      source = "registry.terraform.io/gaap-community/gaap"
    }
    tencentcloud = {
      source = "tencentcloudstack/tencentcloud"
    }
  }
}

# Both read credentials from the environment (TENCENTCLOUD_SECRET_ID,
# TENCENTCLOUD_SECRET_KEY, ...): the argument names are the same.
provider "gaap" {}
provider "tencentcloud" {}

variable "fleet" {
  description = "Tag value (`fleet`) that marks this fleet's connections, so a connection it created is kept even when GAAP would not create it again today."
  type        = string
  default     = "gaap-fleet-example"
}

variable "connections" {
  description = "The connections, by name (the proxy's name: at most 30 characters). `network_type` is optional (`normal`, `cn2`, `triple`); `project_id` defaults to 0, the default project."
  type = map(object({
    access_region      = string
    real_server_region = string
    bandwidth          = number
    concurrent         = number
    network_type       = optional(string)
    project_id         = optional(number, 0)
  }))
  default = {
    "south-to-east" = {
      access_region      = "SouthChina"
      real_server_region = "EastChina"
      bandwidth          = 10
      concurrent         = 2
    }
    "hongkong-to-north" = {
      access_region      = "Hongkong"
      real_server_region = "NorthChina"
      bandwidth          = 100
      concurrent         = 10
      network_type       = "normal"
    }
    # More than GAAP offers there: checked, answered 0, not created, warned about.
    "south-to-east-2g" = {
      access_region      = "SouthChina"
      real_server_region = "EastChina"
      bandwidth          = 2000
      concurrent         = 2
    }
  }

  validation {
    condition     = alltrue([for name in keys(var.connections) : length(name) >= 1 && length(name) <= 30])
    error_message = "Each connection name is its proxy's name: 1 to 30 characters."
  }
}

variable "fail_on_zero" {
  description = "True: a connection GAAP cannot create stops the whole plan. False (the default): it is left out and the `skipped_connections` check warns."
  type        = bool
  default     = false
}

# One check per connection. The module has no provider block of its own, so it
# can be called with for_each; it uses the gaap provider configured above.
module "guard" {
  source   = "../modules/connection-guard"
  for_each = var.connections

  access_region      = each.value.access_region
  real_server_region = each.value.real_server_region
  bandwidth          = each.value.bandwidth
  concurrent         = each.value.concurrent
  network_type       = each.value.network_type
  fail_on_zero       = var.fail_on_zero

  # ip_address_version and package_type stay null: tencentcloud_gaap_proxy has
  # no such arguments, so the check asks about what the resource creates.
}

# The connections this fleet created earlier. The check says whether a new
# connection can be created today; an existing one whose check turns to 0
# (capacity sold out, say) must not fall out of the for_each below, which
# would destroy it.
data "tencentcloud_gaap_proxies" "fleet" {
  tags = {
    fleet = var.fleet
  }
}

locals {
  existing = toset([for p in coalesce(data.tencentcloud_gaap_proxies.fleet.proxies, []) : p.name])

  # Created: what GAAP can create now, and what already exists.
  managed = {
    for name, c in var.connections : name => c
    if module.guard[name].creatable || contains(local.existing, name)
  }

  # Left out, with GAAP's reasons.
  skipped = {
    for name, c in var.connections : name => module.guard[name].reasons
    if !contains(keys(local.managed), name)
  }
}

resource "tencentcloud_gaap_proxy" "this" {
  # Known at plan time: the checks are data sources read during the plan (their
  # arguments here are all known then).
  for_each = local.managed

  name              = each.key
  access_region     = each.value.access_region
  realserver_region = each.value.real_server_region
  bandwidth         = each.value.bandwidth
  concurrent        = each.value.concurrent
  network_type      = each.value.network_type
  project_id        = each.value.project_id

  tags = {
    fleet = var.fleet
  }
}

# A warning, not an error: the plan goes on with the connections that can be created.
check "skipped_connections" {
  assert {
    condition     = length(local.skipped) == 0
    error_message = "Not created, GAAP cannot create them now: ${join("; ", [for name, reasons in local.skipped : "${name}: ${join(" ", reasons)}"])}"
  }
}

output "proxies" {
  description = "The connections created (or kept), by name: id, access domain and IP."
  value = {
    for name, p in tencentcloud_gaap_proxy.this : name => {
      id     = p.id
      domain = p.domain
      ip     = p.ip
    }
  }
}

output "skipped" {
  description = "The connections left out, by name, with GAAP's reasons."
  value       = local.skipped
}

output "suggestions" {
  description = "For each connection left out, offers nearby that GAAP would accept."
  value       = { for name, _ in local.skipped : name => module.guard[name].suggestions }
}
