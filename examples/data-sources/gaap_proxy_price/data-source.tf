# Registry-docs snippet: pair it with a required_providers block naming
# registry.terraform.io/gaap-community/gaap (see examples/provider/provider.tf).
# What would a 10 Mbps, 20,000-connection GAAP connection from Guangzhou to Shanghai
# cost a day?
data "gaap_proxy_price" "example" {
  access_region      = "Guangzhou"
  real_server_region = "Shanghai"
  bandwidth          = 10
  concurrent         = 2

  # Optional
  billing_type       = "bandwidth"
  ip_address_version = "IPv4"
  network_type       = "normal"
  package_type       = "Thunder"
}

locals {
  price = data.gaap_proxy_price.example
}

# An estimate: GAAP bills the bandwidth fee on use. A price the API answered null
# is null: try() gives null instead of failing the plan.
output "daily_cost_estimate" {
  value = try(local.price.discount_daily_price + 10 * local.price.discount_bandwidth_unit_price, null)
}

output "currency" {
  value = local.price.currency
}

# The bandwidth tiers: from_mbps (exclusive) to to_mbps (inclusive, null: no bound).
output "tiers" {
  value = [
    for t in coalesce(local.price.bandwidth_price_tiers, []) :
    "${coalesce(t.from_mbps, "?")}..${t.to_mbps == null ? "" : tostring(t.to_mbps)} Mbps: ${coalesce(t.discount_unit_price, "?")} per Mbps a day"
  ]
}
