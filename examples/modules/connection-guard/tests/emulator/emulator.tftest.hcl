# The module against the real provider and gaap-emulator, not a mock. Not run
# by a plain `terraform test` (it reads only tests/*.tftest.hcl): start the
# emulator, point the provider at it, then
#
#   gaap-emulator --port 8787 &
#   export TENCENTCLOUD_GAAP_ENDPOINT=http://127.0.0.1:8787
#   export TENCENTCLOUD_SECRET_ID=AKIDEXAMPLEgaapTEST0000000000000000
#   export TENCENTCLOUD_SECRET_KEY=EXAMPLEgaapSecretKeyTEST0000000000
#   terraform test -test-directory=tests/emulator
#
# The emulator's built-in catalogue offers 10 to 1000 Mbps from SouthChina to
# EastChina, so 10 Mbps answers 1 and 2000 Mbps answers 0.

variables {
  access_region      = "SouthChina"
  real_server_region = "EastChina"
  bandwidth          = 10
  concurrent         = 2
}

run "the_emulator_answers_one" {
  command = plan

  assert {
    condition     = output.creatable && output.check_flag == 1 && length(output.reasons) == 0
    error_message = "SouthChina to EastChina at 10 Mbps must be creatable."
  }
  assert {
    condition     = output.request_id != "none"
    error_message = "The emulator answers a RequestId."
  }
}

run "the_emulator_answers_zero_and_the_plan_stops" {
  command = plan

  variables {
    bandwidth = 2000
  }

  expect_failures = [
    data.gaap_proxy_create_check.this,
  ]
}

run "the_emulator_explains_a_zero" {
  command = plan

  variables {
    bandwidth    = 2000
    fail_on_zero = false
  }

  assert {
    condition     = !output.creatable && output.check_flag == 0
    error_message = "2000 Mbps must not be creatable."
  }
  assert {
    condition     = anytrue([for r in output.reasons : strcontains(r, "1000 Mbps")])
    error_message = "The reasons must name the largest bandwidth offered."
  }
  assert {
    condition     = length(output.suggestions) > 0 && output.suggestions[0].bandwidth == 1000
    error_message = "The first suggestion must be the largest bandwidth offered."
  }
}
