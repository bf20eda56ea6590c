# The connection to check. Each validation repeats, offline, what the provider's
# own plan-time validation checks, so a wrong value is reported on the module's
# input (`var.bandwidth`) where the caller set it. Values are checked as the
# provider checks them: what GAAP offers (which regions, which bandwidths) is
# the API's answer, not a validation.

variable "access_region" {
  description = "GAAP access region, where users connect (for example `SouthChina`; `gaap_access_regions` lists those offered for an origin)."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]+$", var.access_region))
    error_message = "The access_region must be a GAAP region id: letters, digits, _ and - only (for example SouthChina)."
  }
}

variable "real_server_region" {
  description = "GAAP origin region, where the real servers are (for example `EastChina`; `gaap_dest_regions` lists them)."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]+$", var.real_server_region))
    error_message = "The real_server_region must be a GAAP region id: letters, digits, _ and - only (for example EastChina)."
  }
}

variable "bandwidth" {
  description = "Bandwidth cap of the connection, in Mbps: a whole number of at least 1."
  type        = number
  nullable    = false

  validation {
    condition     = var.bandwidth >= 1 && floor(var.bandwidth) == var.bandwidth
    error_message = "The bandwidth must be a whole number of Mbps, at least 1."
  }
}

variable "concurrent" {
  description = "Concurrent connections, in units of 10,000: a whole number of at least 1 (2 means 20,000)."
  type        = number
  nullable    = false

  validation {
    condition     = var.concurrent >= 1 && floor(var.concurrent) == var.concurrent
    error_message = "The concurrent must be a whole number of at least 1 (units of 10,000 connections)."
  }
}

variable "ip_address_version" {
  description = "`IPv4` or `IPv6`; null (the default) leaves it to the API (IPv4)."
  type        = string
  default     = null

  validation {
    condition     = contains(["IPv4", "IPv6"], coalesce(var.ip_address_version, "IPv4"))
    error_message = "The ip_address_version must be IPv4 or IPv6 (or null)."
  }
}

variable "network_type" {
  description = "`normal` or `cn2`; `triple` and `secure_eip` are passed on and the provider warns about them. Null (the default) leaves it to the API."
  type        = string
  default     = null

  validation {
    condition     = contains(["normal", "cn2", "triple", "secure_eip"], coalesce(var.network_type, "normal"))
    error_message = "The network_type must be normal or cn2 (triple and secure_eip are accepted with a warning), or null."
  }
}

variable "package_type" {
  description = "`Thunder`, `Accelerator` or `CrossBorder`; null (the default) leaves it to the API."
  type        = string
  default     = null

  validation {
    condition     = contains(["Thunder", "Accelerator", "CrossBorder"], coalesce(var.package_type, "Thunder"))
    error_message = "The package_type must be Thunder, Accelerator or CrossBorder (or null)."
  }
}

variable "fail_on_zero" {
  description = "True (the default): a check answering 0 stops the plan with the reasons (a postcondition). False: a 0 is only reported, in the `creatable` and `reasons` outputs, for the caller to act on (for example to skip the connection, or to warn in a `check` block)."
  type        = bool
  default     = true
  nullable    = false
}
