# Registry-docs snippet: pair it with a required_providers block naming
# registry.terraform.io/gaap-community/gaap (see examples/provider/provider.tf).
# Where can users enter GAAP for an origin in East China, and with what bandwidth?
data "gaap_access_regions" "east_china" {
  dest_region = "EastChina"

  # Optional
  ip_address_version = "IPv4"
  package_type       = "Thunder"
}

# What the API answered null is null (the list, a region's bandwidths): coalesce()
# and try() read it as "none" instead of failing the plan.
locals {
  access_regions = coalesce(data.gaap_access_regions.east_china.regions, [])
}

output "largest_bandwidth_per_access_region" {
  value = { for r in local.access_regions : r.id => try(max(r.bandwidths...), null) }
}

output "access_regions_offering_500_mbps" {
  value = [for r in local.access_regions : r.id if contains(coalesce(r.bandwidths, []), 500)]
}
