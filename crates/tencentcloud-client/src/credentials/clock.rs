//! The clock the refreshing sources and the STS signer read, injectable so tests can
//! move time without sleeping.

use std::time::{SystemTime, UNIX_EPOCH};

/// Wall-clock time in Unix seconds. Expiry times from the metadata service and STS
/// are Unix seconds too, and the TC3 signature needs the same unit.
pub trait Clock: Send + Sync {
    fn now_unix(&self) -> i64;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_unix(&self) -> i64 {
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            // A clock before 1970 is broken; signing will fail with SignatureExpire,
            // which names the cause, so do not panic here.
            Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
        }
    }
}
