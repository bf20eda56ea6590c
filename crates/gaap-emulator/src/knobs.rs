//! Fault knobs: how the emulator misbehaves on purpose.
//!
//! Set at start ([`super::EmulatorConfig::knobs`]), from Rust
//! ([`super::RunningEmulator::set_knobs`]) or over HTTP (`POST /_emulator/knobs` with
//! this struct as JSON; every field optional; the posted knobs replace the current
//! ones). Counts are consumed as requests arrive: `GET /_emulator/knobs` shows what
//! is left.
//!
//! They apply to the API (`POST /`) and the metadata paths, never to `/_emulator/*`.
//! Per request, in order: `latency_ms` (always), then the transport faults `hang`,
//! `reset`, `http_5xx`, `invalid_json` (before the signature is checked; first
//! non-zero count wins and is decremented), then, for API calls that verified,
//! `rate_limit` and `errors`.

use serde::{Deserialize, Serialize};

/// Status answered by the `http_5xx` knob when `http_5xx_status` is 0.
pub const DEFAULT_5XX_STATUS: u16 = 503;

/// An injected API error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InjectedError {
    /// The error code, e.g. `InternalError` or `RequestLimitExceeded.UinLimitExceeded`.
    pub code: String,
    /// The message; a generic one when absent.
    pub message: Option<String>,
    /// How many calls answer it; `None` means every call, for good.
    pub count: Option<u32>,
}

/// All knobs. `Default` is a well-behaved emulator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Knobs {
    /// Delay before every answer, milliseconds.
    pub latency_ms: u64,
    /// Calls per second per action (a bucket of this many calls refilled at this rate
    /// per second); beyond it the answer is `rate_limit_code`. 0: no limit.
    pub rate_limit: u32,
    /// Code for throttled calls; `RequestLimitExceeded` when absent.
    pub rate_limit_code: Option<String>,
    /// A queue of API errors: the front entry answers the next calls (`count` of them,
    /// or all of them when `count` is absent), then the next entry takes over.
    pub errors: Vec<InjectedError>,
    /// The next N requests answer an HTTP 5xx status with a non-JSON body.
    pub http_5xx: u32,
    /// That status; 0 means 503.
    pub http_5xx_status: u16,
    /// The next N requests: the connection is closed without an answer.
    pub reset: u32,
    /// The next N requests answer HTTP 200 with a truncated JSON body.
    pub invalid_json: u32,
    /// The next N requests are never answered (until the emulator shuts down).
    pub hang: u32,
    /// When set, every fault but `latency_ms` applies only to calls with this
    /// `X-TC-Action` (`metadata` for the metadata paths).
    pub only_action: Option<String>,
}

/// A transport-level fault chosen for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportFault {
    Hang,
    Reset,
    Http5xx(u16),
    InvalidJson,
}

impl TransportFault {
    /// The outcome name in the stats.
    pub fn outcome(self) -> &'static str {
        match self {
            TransportFault::Hang => "hang",
            TransportFault::Reset => "reset",
            TransportFault::Http5xx(_) => "http_5xx",
            TransportFault::InvalidJson => "invalid_json",
        }
    }
}

fn take(count: &mut u32) -> bool {
    if *count > 0 {
        *count -= 1;
        true
    } else {
        false
    }
}

impl Knobs {
    fn applies_to(&self, action: &str) -> bool {
        self.only_action.as_deref().is_none_or(|a| a == action)
    }

    /// Consumes and returns the transport fault for the next request, if any.
    pub fn take_transport_fault(&mut self, action: &str) -> Option<TransportFault> {
        if !self.applies_to(action) {
            return None;
        }
        if take(&mut self.hang) {
            Some(TransportFault::Hang)
        } else if take(&mut self.reset) {
            Some(TransportFault::Reset)
        } else if take(&mut self.http_5xx) {
            let status = match self.http_5xx_status {
                s @ 500..=599 => s,
                _ => DEFAULT_5XX_STATUS,
            };
            Some(TransportFault::Http5xx(status))
        } else if take(&mut self.invalid_json) {
            Some(TransportFault::InvalidJson)
        } else {
            None
        }
    }

    /// Consumes and returns the injected error for the next API call, if any.
    pub fn take_error(&mut self, action: &str) -> Option<InjectedError> {
        if !self.applies_to(action) {
            return None;
        }
        loop {
            let front = self.errors.first_mut()?;
            match front.count {
                None => return Some(front.clone()),
                Some(0) => {
                    self.errors.remove(0);
                }
                Some(n) => {
                    front.count = Some(n - 1);
                    let chosen = front.clone();
                    if n == 1 {
                        self.errors.remove(0);
                    }
                    return Some(chosen);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transport_faults_are_consumed_in_order() {
        let mut k = Knobs {
            hang: 1,
            reset: 1,
            http_5xx: 2,
            http_5xx_status: 502,
            invalid_json: 1,
            ..Knobs::default()
        };
        let got: Vec<_> = (0..6).map(|_| k.take_transport_fault("X")).collect();
        use TransportFault::*;
        assert_eq!(
            got,
            [
                Some(Hang),
                Some(Reset),
                Some(Http5xx(502)),
                Some(Http5xx(502)),
                Some(InvalidJson),
                None
            ]
        );
    }

    #[test]
    fn error_queue_counts_and_always() {
        let mut k: Knobs = serde_json::from_str(
            r#"{"errors":[{"code":"InternalError","count":2},{"code":"FailedOperation"}]}"#,
        )
        .unwrap();
        let codes: Vec<_> = (0..4).map(|_| k.take_error("A").map(|e| e.code)).collect();
        assert_eq!(
            codes,
            [
                Some("InternalError".into()),
                Some("InternalError".into()),
                Some("FailedOperation".into()),
                Some("FailedOperation".into())
            ]
        );
    }

    #[test]
    fn only_action_filters_and_unknown_fields_are_rejected() {
        let mut k = Knobs {
            reset: 1,
            only_action: Some("CheckProxyCreate".into()),
            ..Knobs::default()
        };
        assert_eq!(k.take_transport_fault("AssumeRole"), None);
        assert_eq!(
            k.take_transport_fault("CheckProxyCreate"),
            Some(TransportFault::Reset)
        );
        assert!(serde_json::from_str::<Knobs>(r#"{"latency":5}"#).is_err());
    }
}
