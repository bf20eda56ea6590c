# Registry-docs snippet: pair it with a required_providers block naming
# registry.terraform.io/gaap-community/gaap (see examples/provider/provider.tf).
# Can a 10 Mbps, 20,000-connection GAAP connection from South China to East China
# be created?
data "gaap_proxy_create_check" "example" {
  access_region      = "SouthChina"
  real_server_region = "EastChina"
  bandwidth          = 10
  concurrent         = 2

  # Optional
  ip_address_version = "IPv4"
  network_type       = "normal"
  package_type       = "Thunder"
}

output "can_create" {
  value = data.gaap_proxy_create_check.example.check_flag == 1
}

# Stop the plan before creating anything that would fail (terraform_data: Terraform >= 1.4).
resource "terraform_data" "gate" {
  lifecycle {
    precondition {
      condition     = data.gaap_proxy_create_check.example.check_flag == 1
      error_message = "GAAP cannot create this connection (RequestId ${data.gaap_proxy_create_check.example.request_id})."
    }
  }
}
