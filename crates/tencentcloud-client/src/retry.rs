//! Which failures are retried, and how often. Pure: a table of error → rule, and a
//! small state machine that applies it over the attempts of one call.
//!
//! The policy (product contract):
//! - retried until `max_retries` runs out: `RequestLimitExceeded` and its sub-codes
//!   (throttling), transport errors, timeouts, HTTP statuses other than 200,
//!   `ServiceUnavailable`, `ResourceUnavailable` (exact code; `.AccountViolation` is an
//!   account problem, not a transient one);
//! - retried at most once: `InternalError` (the official provider does not retry it at
//!   all; one retry rides out a blip without hammering a broken backend) and
//!   `AuthFailure.SignatureExpire` (every attempt is signed afresh, so one retry fixes
//!   a signature that aged in a queue; a skewed clock fails again and is reported);
//! - retried at most once, our choice: an answer that is not a valid API response
//!   (a truncated body from a proxy or load balancer is transient; a server that is
//!   not the API answers garbage twice and is reported);
//! - nothing else: other API errors, credential, configuration and cancellation errors.

use super::error::ClientError;

/// How one kind of failure is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Retried while retries remain.
    Retry,
    /// Retried once per call; the tag names the kind for counting.
    Once(OnceKind),
    /// Reported at once.
    Never,
}

/// Failure kinds that are retried at most once per call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnceKind {
    InternalError,
    SignatureExpire,
    InvalidResponse,
}

/// The rule for an API error code.
pub fn rule_for_code(code: &str) -> Rule {
    match code {
        "RequestLimitExceeded" | "ServiceUnavailable" | "ResourceUnavailable" => Rule::Retry,
        c if c.starts_with("RequestLimitExceeded.") => Rule::Retry,
        "InternalError" => Rule::Once(OnceKind::InternalError),
        "AuthFailure.SignatureExpire" => Rule::Once(OnceKind::SignatureExpire),
        _ => Rule::Never,
    }
}

/// The rule for any failure of one attempt.
pub fn rule_for(error: &ClientError) -> Rule {
    match error {
        ClientError::Api(api) => rule_for_code(&api.code),
        ClientError::HttpStatus { .. }
        | ClientError::Transport { .. }
        | ClientError::Timeout { .. } => Rule::Retry,
        ClientError::InvalidResponse { .. } => Rule::Once(OnceKind::InvalidResponse),
        ClientError::Cancelled
        | ClientError::Credentials(_)
        | ClientError::Config(_)
        | ClientError::Retried { .. } => Rule::Never,
    }
}

/// Whether `error` is throttling (`RequestLimitExceeded` and its sub-codes).
pub fn is_throttling(error: &ClientError) -> bool {
    matches!(error, ClientError::Api(api)
        if api.code == "RequestLimitExceeded" || api.code.starts_with("RequestLimitExceeded."))
}

/// The retry state of one call: at most `max_retries` retries in all, and each
/// "once" kind at most once among them; throttling is also retried, without
/// counting, for as long as the call's throttle budget lasts (see
/// [`RetryState::should_retry_within`]).
#[derive(Debug, Clone)]
pub struct RetryState {
    max_retries: u32,
    retries: u32,
    throttle_retries: u32,
    once_used: Vec<OnceKind>,
}

impl RetryState {
    pub fn new(max_retries: u32) -> Self {
        RetryState {
            max_retries,
            retries: 0,
            throttle_retries: 0,
            once_used: Vec::new(),
        }
    }

    /// Retries granted so far, of every kind (the index of the next backoff step).
    pub fn retries(&self) -> u32 {
        self.retries + self.throttle_retries
    }

    /// [`RetryState::should_retry`], except that throttling is retried without
    /// counting against `max_retries` while `elapsed` (since the call began) is
    /// under `throttle_budget`: the official provider retries throttled reads for
    /// 3 minutes (`resource.Retry(ReadRetryTimeout, ...)`), where a count of
    /// retries with a capped backoff gives up after seconds.
    pub fn should_retry_within(
        &mut self,
        error: &ClientError,
        elapsed: std::time::Duration,
        throttle_budget: std::time::Duration,
    ) -> bool {
        if is_throttling(error) && elapsed < throttle_budget {
            self.throttle_retries = self.throttle_retries.saturating_add(1);
            return true;
        }
        self.should_retry(error)
    }

    /// Whether the attempt that just failed with `error` is followed by another.
    /// Counts the retry when it grants one.
    pub fn should_retry(&mut self, error: &ClientError) -> bool {
        if self.retries >= self.max_retries {
            return false;
        }
        let granted = match rule_for(error) {
            Rule::Retry => true,
            Rule::Once(kind) if !self.once_used.contains(&kind) => {
                self.once_used.push(kind);
                true
            }
            Rule::Once(_) | Rule::Never => false,
        };
        if granted {
            self.retries += 1;
        }
        granted
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ApiError, CredentialError};

    fn api(code: &str) -> ClientError {
        ClientError::Api(ApiError {
            code: code.to_owned(),
            message: "m".to_owned(),
            request_id: "r".to_owned(),
            http_status: 200,
        })
    }

    #[test]
    fn throttling_is_retried_for_the_budget_then_counted() {
        use std::time::Duration;
        let budget = Duration::from_secs(180);
        let mut state = RetryState::new(1);
        for i in 0..50 {
            assert!(state.should_retry_within(
                &api("RequestLimitExceeded.UinLimitExceeded"),
                Duration::from_secs(i),
                budget
            ));
        }
        assert_eq!(state.retries(), 50);
        // Other errors still count against max_retries.
        assert!(state.should_retry_within(&api("ServiceUnavailable"), Duration::ZERO, budget));
        assert!(!state.should_retry_within(&api("ServiceUnavailable"), Duration::ZERO, budget));
        // Past the budget, throttling counts too (and max_retries is spent).
        assert!(!state.should_retry_within(&api("RequestLimitExceeded"), budget, budget));
        // A zero budget is the plain max_retries rule.
        let mut plain = RetryState::new(1);
        assert!(plain.should_retry_within(
            &api("RequestLimitExceeded"),
            Duration::ZERO,
            Duration::ZERO
        ));
        assert!(!plain.should_retry_within(
            &api("RequestLimitExceeded"),
            Duration::ZERO,
            Duration::ZERO
        ));
    }

    #[test]
    fn code_table() {
        use OnceKind::*;
        let table = [
            ("RequestLimitExceeded", Rule::Retry),
            ("RequestLimitExceeded.UinLimitExceeded", Rule::Retry),
            ("RequestLimitExceeded.IPLimitExceeded", Rule::Retry),
            (
                "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
                Rule::Retry,
            ),
            ("ServiceUnavailable", Rule::Retry),
            ("ResourceUnavailable", Rule::Retry),
            ("ResourceUnavailable.AccountViolation", Rule::Never),
            ("InternalError", Rule::Once(InternalError)),
            ("AuthFailure.SignatureExpire", Rule::Once(SignatureExpire)),
            ("AuthFailure", Rule::Never),
            ("AuthFailure.SignatureFailure", Rule::Never),
            ("AuthFailure.SecretIdNotFound", Rule::Never),
            ("AuthFailure.TokenFailure", Rule::Never),
            ("AuthFailure.UnauthorizedOperation", Rule::Never),
            ("FailedOperation", Rule::Never),
            ("FailedOperation.UserNotConfirmProtocol", Rule::Never),
            ("InvalidParameter", Rule::Never),
            ("InvalidParameterValue.InvalidBandwidth", Rule::Never),
            ("InvalidParameterValue.UnknownAccessRegion", Rule::Never),
            ("MissingParameter", Rule::Never),
            ("UnknownParameter", Rule::Never),
            ("InvalidAction", Rule::Never),
            ("LimitExceeded", Rule::Never),
            ("UnsupportedOperation", Rule::Never),
            ("RequestLimitExceededX", Rule::Never),
            ("requestlimitexceeded", Rule::Never),
            ("", Rule::Never),
        ];
        for (code, rule) in table {
            assert_eq!(rule_for_code(code), rule, "{code}");
            assert_eq!(rule_for(&api(code)), rule, "{code}");
        }
    }

    #[test]
    fn error_kind_table() {
        let e = "http://127.0.0.1:1".to_owned();
        let table = [
            (
                ClientError::HttpStatus {
                    status: 502,
                    endpoint: e.clone(),
                },
                Rule::Retry,
            ),
            (
                ClientError::Transport {
                    endpoint: e.clone(),
                    reason: "reset".into(),
                },
                Rule::Retry,
            ),
            (
                ClientError::Timeout {
                    endpoint: e.clone(),
                    seconds: 1.0,
                },
                Rule::Retry,
            ),
            (
                ClientError::InvalidResponse {
                    endpoint: e.clone(),
                    reason: "x".into(),
                    request_id: String::new(),
                },
                Rule::Once(OnceKind::InvalidResponse),
            ),
            (ClientError::Cancelled, Rule::Never),
            (
                ClientError::Credentials(CredentialError::NotFound("none".into())),
                Rule::Never,
            ),
            (ClientError::Config("bad".into()), Rule::Never),
        ];
        for (error, rule) in table {
            assert_eq!(rule_for(&error), rule, "{error}");
        }
    }

    #[test]
    fn retryable_until_max_retries() {
        let mut s = RetryState::new(3);
        let throttled = api("RequestLimitExceeded");
        assert!(s.should_retry(&throttled));
        assert!(s.should_retry(&throttled));
        assert!(s.should_retry(&throttled));
        assert!(!s.should_retry(&throttled));
        assert_eq!(s.retries(), 3);
    }

    #[test]
    fn zero_retries_means_one_attempt() {
        let mut s = RetryState::new(0);
        assert!(!s.should_retry(&api("RequestLimitExceeded")));
        assert_eq!(s.retries(), 0);
    }

    #[test]
    fn once_kinds_are_retried_once_each() {
        let mut s = RetryState::new(10);
        assert!(s.should_retry(&api("InternalError")));
        assert!(!s.should_retry(&api("InternalError")));
        // A different once-kind still has its own retry.
        assert!(s.should_retry(&api("AuthFailure.SignatureExpire")));
        assert!(!s.should_retry(&api("AuthFailure.SignatureExpire")));
        // And throttling is unaffected by the once-kinds.
        assert!(s.should_retry(&api("RequestLimitExceeded")));
        assert!(!s.should_retry(&api("InternalError")));
        assert_eq!(s.retries(), 3);
    }

    #[test]
    fn never_kinds_do_not_consume_retries() {
        let mut s = RetryState::new(1);
        assert!(!s.should_retry(&api("InvalidParameter")));
        assert_eq!(s.retries(), 0);
        assert!(s.should_retry(&api("ServiceUnavailable")));
        assert!(!s.should_retry(&api("ServiceUnavailable")));
    }
}
