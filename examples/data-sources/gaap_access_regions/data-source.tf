# Registry-docs snippet: pair it with a required_providers block naming
# registry.terraform.io/gaap-community/gaap (see examples/provider/provider.tf).
# Where can users enter GAAP for an origin in East China, and with what bandwidth?
data "gaap_access_regions" "east_china" {
  dest_region = "EastChina"

  # Optional
  ip_address_version = "IPv4"
  package_type       = "Thunder"
}

output "largest_bandwidth_per_access_region" {
  value = { for r in data.gaap_access_regions.east_china.regions : r.id => max(r.bandwidths...) }
}

output "access_regions_offering_500_mbps" {
  value = [for r in data.gaap_access_regions.east_china.regions : r.id if contains(r.bandwidths, 500)]
}
