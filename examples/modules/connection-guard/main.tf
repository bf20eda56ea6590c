# A GAAP connection guard: asks GAAP whether a connection can be created and,
# unless `fail_on_zero = false`, stops the plan before anything is created when
# it cannot, with GAAP's reasons in the error.

data "gaap_proxy_create_check" "this" {
  access_region      = var.access_region
  real_server_region = var.real_server_region
  bandwidth          = var.bandwidth
  concurrent         = var.concurrent
  ip_address_version = var.ip_address_version
  network_type       = var.network_type
  package_type       = var.package_type

  lifecycle {
    # Terraform >= 1.2. Stops the plan, and with it every resource that depends
    # on this module, when GAAP answers 0.
    postcondition {
      condition     = !var.fail_on_zero || self.check_flag == 1
      error_message = "GAAP cannot create a ${var.bandwidth} Mbps connection from ${var.access_region} to ${var.real_server_region} (concurrent ${var.concurrent}): ${join(" ", coalesce(self.reasons, []))} (RequestId ${coalesce(self.request_id, "none")}; set fail_on_zero = false to plan on and read the creatable output instead)."
    }
  }
}

locals {
  check = data.gaap_proxy_create_check.this
}
