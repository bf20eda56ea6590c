terraform {
  # Postconditions need Terraform 1.2 (OpenTofu: every release, from 1.6).
  required_version = ">= 1.2.0"

  # No provider block here: the calling module configures `gaap` (credentials,
  # endpoint) once, and this module can be called with count or for_each.
  required_providers {
    gaap = {
      # The full address works the same in Terraform and OpenTofu.
      source  = "registry.terraform.io/gaap-community/gaap"
      version = ">= 0.1.0"
    }
  }
}
