# The module's input validations, offline (the gaap provider mocked). Each run
# expects exactly one invalid variable; nothing reaches the provider.

mock_provider "gaap" {}

variables {
  access_region      = "SouthChina"
  real_server_region = "EastChina"
  bandwidth          = 10
  concurrent         = 2
}

run "bandwidth_must_be_whole_and_at_least_one" {
  command = plan

  variables {
    bandwidth = 0.5
  }

  expect_failures = [var.bandwidth]
}

run "concurrent_must_be_at_least_one" {
  command = plan

  variables {
    concurrent = 0
  }

  expect_failures = [var.concurrent]
}

run "regions_are_ids" {
  command = plan

  variables {
    access_region = "South China"
  }

  expect_failures = [var.access_region]
}

run "network_type_is_an_enum" {
  command = plan

  variables {
    network_type = "fast"
  }

  expect_failures = [var.network_type]
}

run "ip_address_version_is_an_enum" {
  command = plan

  variables {
    ip_address_version = "ipv6"
  }

  expect_failures = [var.ip_address_version]
}

run "package_type_is_an_enum" {
  command = plan

  variables {
    package_type = "Premium"
  }

  expect_failures = [var.package_type]
}
