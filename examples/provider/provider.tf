terraform {
  required_providers {
    gaap = {
      source = "registry.terraform.io/gaap-community/gaap"
    }
  }
}

# Every argument is optional and falls back to its environment variable, so the
# usual setup is an empty block plus TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY.
provider "gaap" {}

# Everything spelled out (the names match the official tencentcloud provider).
provider "gaap" {
  alias = "explicit"

  secret_id      = var.secret_id  # TENCENTCLOUD_SECRET_ID
  secret_key     = var.secret_key # TENCENTCLOUD_SECRET_KEY (sensitive)
  security_token = null           # TENCENTCLOUD_SECURITY_TOKEN, temporary credentials only
  region         = "ap-guangzhou" # optional for GAAP

  # China site instead of the international one (intl.tencentcloudapi.com).
  domain = "tencentcloudapi.com"

  request_timeout = 30 # seconds per attempt
  max_retries     = 5
  rate_limit      = 20 # CheckProxyCreate calls per second, the API's limit

  assume_role {
    role_arn         = "qcs::cam::uin/100000000001:roleName/gaap-readonly"
    session_name     = "terraform"
    session_duration = 3600
  }
}

variable "secret_id" {
  type    = string
  default = null
}

variable "secret_key" {
  type      = string
  default   = null
  sensitive = true
}
