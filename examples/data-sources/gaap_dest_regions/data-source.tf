# Registry-docs snippet: pair it with a required_providers block naming
# registry.terraform.io/gaap-community/gaap (see examples/provider/provider.tf).
# Every origin server region GAAP serves.
data "gaap_dest_regions" "all" {}

# The Chinese mainland's areas; elsewhere areas are continents (Asia, Europe, ...).
output "origins_in_the_chinese_mainland" {
  value = [
    for r in data.gaap_dest_regions.all.regions : r.id
    if contains(["NorthChina", "EastChina", "SouthChina", "SouthwestChina"], r.area)
  ]
}

output "origins_offering_cn2" {
  value = [for r in data.gaap_dest_regions.all.regions : r.id if contains(r.network_types, "cn2")]
}
