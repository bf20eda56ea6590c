# The provider answers `reasons` and `suggestions` as lists (empty for a 1) and
# always answers `check_flag` and `request_id`; coalesce() keeps each output a
# list, bool or string should one ever be null.

output "creatable" {
  description = "True when GAAP answered that the connection can be created (check_flag 1)."
  value       = coalesce(local.check.check_flag, 0) == 1
}

output "check_flag" {
  description = "GAAP's answer: 1, the connection can be created; 0, it cannot."
  value       = local.check.check_flag
}

output "reasons" {
  description = "Why not: one sentence per failing part, naming the argument and what is offered (empty for a 1)."
  value       = coalesce(local.check.reasons, [])
}

output "suggestions" {
  description = "Up to 3 offers near the one asked that would answer 1: objects with `access_region`, `bandwidth` and `concurrent` (empty for a 1)."
  value       = coalesce(local.check.suggestions, [])
}

output "request_id" {
  description = "The API's RequestId of the check, for support tickets (\"none\" if the API gave none)."
  value       = coalesce(local.check.request_id, "none")
}
