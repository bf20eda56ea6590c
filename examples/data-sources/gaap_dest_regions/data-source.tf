# Registry-docs snippet: pair it with a required_providers block naming
# registry.terraform.io/gaap-community/gaap (see examples/provider/provider.tf).
# Every origin server region GAAP serves.
data "gaap_dest_regions" "all" {}

output "origins_in_the_chinese_mainland" {
  value = [for r in data.gaap_dest_regions.all.regions : r.id if r.area == "ChinaMainland"]
}

output "origins_offering_cn2" {
  value = [for r in data.gaap_dest_regions.all.regions : r.id if contains(r.network_types, "cn2")]
}
