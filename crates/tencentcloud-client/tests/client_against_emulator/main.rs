//! The project's own Tencent Cloud code against the emulator, both real:
//! - the credential chain (STS AssumeRole, CVM role) gets credentials the emulator
//!   issued, and they sign a `CheckProxyCreate` the emulator accepts; AssumeRole goes
//!   through the same call path as GAAP: its API errors are typed, its throttling is
//!   retried;
//! - the `GaapClient`, one table row per fault knob: throttling absorbed, HTTP 5xx and
//!   connection resets retried, invalid JSON retried once, a hang cut by the
//!   per-attempt timeout, non-retryable errors sent once, `InternalError` retried once,
//!   retries bounded by `max_retries`; the client's rate limit keeping under the
//!   emulator's; cancellation cutting a hanging call short; the catalogue actions; the
//!   price inquiry. The emulator's stats count the calls that really reached it.
//!
//! The client's rate limiter and its single-flight cache are process-wide: every check
//! asks with its own `GroupId` so no answer is shared between checks, and the test
//! that lowers the rate runs alone (a write lock on [`harness::CLIENT_RATE`]; the
//! others hold read locks). One test binary, one module a concept.

mod cancel;
mod catalogue;
mod credential_chain;
mod faults;
mod harness;
mod price;
mod rate_limit;
