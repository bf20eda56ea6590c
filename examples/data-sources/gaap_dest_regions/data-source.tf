# Registry-docs snippet: pair it with a required_providers block naming
# registry.terraform.io/gaap-community/gaap (see examples/provider/provider.tf).
# Every origin server region GAAP serves.
data "gaap_dest_regions" "all" {}

# What the API answered null is null (the list, a region's area or network types):
# coalesce() and try() read it as "none" instead of failing the plan.
locals {
  origins = coalesce(data.gaap_dest_regions.all.regions, [])
}

# The Chinese mainland's areas; elsewhere areas are continents (Asia, Europe, ...).
output "origins_in_the_chinese_mainland" {
  value = [
    for r in local.origins : r.id
    if try(contains(["NorthChina", "EastChina", "SouthChina", "SouthwestChina"], r.area), false)
  ]
}

output "origins_offering_cn2" {
  value = [for r in local.origins : r.id if contains(coalesce(r.network_types, []), "cn2")]
}
