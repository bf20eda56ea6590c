# Offline tests of the module: the gaap provider is mocked (Terraform >= 1.7),
# so no credential, emulator or network is needed. The provider must still be
# installed (`terraform init`, or a dev_overrides CLI configuration): a mock
# takes its schema from it. See the module's README, "Testing".

mock_provider "gaap" {
  # What every check answers unless a run overrides it: a 1.
  mock_data "gaap_proxy_create_check" {
    defaults = {
      check_flag  = 1
      request_id  = "mock-request-creatable"
      reasons     = []
      suggestions = []
    }
  }
}

variables {
  access_region      = "SouthChina"
  real_server_region = "EastChina"
  bandwidth          = 10
  concurrent         = 2
}

run "a_one_is_creatable" {
  command = plan

  assert {
    condition     = output.creatable == true
    error_message = "A check answering 1 must give creatable = true."
  }
  assert {
    condition     = output.check_flag == 1
    error_message = "check_flag must be the check's answer."
  }
  assert {
    condition     = length(output.reasons) == 0 && length(output.suggestions) == 0
    error_message = "A 1 has no reasons and no suggestions."
  }
  assert {
    condition     = output.request_id == "mock-request-creatable"
    error_message = "request_id must be the check's RequestId."
  }
}

run "optional_arguments_reach_the_check" {
  command = plan

  variables {
    ip_address_version = "IPv4"
    network_type       = "cn2"
    package_type       = "Thunder"
  }

  assert {
    condition = (
      data.gaap_proxy_create_check.this.ip_address_version == "IPv4" &&
      data.gaap_proxy_create_check.this.network_type == "cn2" &&
      data.gaap_proxy_create_check.this.package_type == "Thunder" &&
      data.gaap_proxy_create_check.this.bandwidth == 10 &&
      data.gaap_proxy_create_check.this.concurrent == 2
    )
    error_message = "The module must pass every argument to gaap_proxy_create_check."
  }
}

run "a_zero_stops_the_plan" {
  command = plan

  variables {
    bandwidth = 2000
  }

  override_data {
    target = data.gaap_proxy_create_check.this
    values = {
      check_flag = 0
      request_id = "mock-request-too-big"
      reasons    = ["The bandwidth 2000 Mbps is above the largest offered at SouthChina for origin EastChina: 1000 Mbps."]
      suggestions = [
        { access_region = "SouthChina", bandwidth = 1000, concurrent = 2 },
      ]
    }
  }

  # The postcondition fails: the plan stops, with the reasons in the error.
  expect_failures = [
    data.gaap_proxy_create_check.this,
  ]
}

run "a_zero_is_reported_when_fail_on_zero_is_false" {
  command = plan

  variables {
    bandwidth    = 2000
    fail_on_zero = false
  }

  override_data {
    target = data.gaap_proxy_create_check.this
    values = {
      check_flag = 0
      request_id = "mock-request-too-big"
      reasons    = ["The bandwidth 2000 Mbps is above the largest offered at SouthChina for origin EastChina: 1000 Mbps."]
      suggestions = [
        { access_region = "SouthChina", bandwidth = 1000, concurrent = 2 },
      ]
    }
  }

  assert {
    condition     = output.creatable == false && output.check_flag == 0
    error_message = "A check answering 0 must give creatable = false."
  }
  assert {
    condition     = length(output.reasons) == 1 && strcontains(output.reasons[0], "1000 Mbps")
    error_message = "The reasons must be the check's."
  }
  assert {
    condition     = output.suggestions[0].bandwidth == 1000 && output.suggestions[0].access_region == "SouthChina"
    error_message = "The suggestions must be the check's."
  }
}

run "null_answers_still_give_lists_and_strings" {
  command = plan

  variables {
    fail_on_zero = false
  }

  override_data {
    target = data.gaap_proxy_create_check.this
    values = {
      check_flag = 0
      request_id = null
      reasons    = null
    }
  }

  # The mock answers null (a list of objects cannot be nulled by a mock, so
  # suggestions is left to the mock's default).
  assert {
    condition     = data.gaap_proxy_create_check.this.reasons == null && data.gaap_proxy_create_check.this.request_id == null
    error_message = "The mock should answer null reasons and request_id."
  }
  assert {
    condition     = output.creatable == false && length(output.reasons) == 0
    error_message = "Null reasons must be an empty list."
  }
  assert {
    condition     = output.request_id == "none"
    error_message = "A null RequestId must read \"none\"."
  }
}
