//! Exponential backoff with jitter between retries.
//!
//! The API sends no `Retry-After`, so the wait is ours to choose: the ceiling doubles
//! from `base` on every retry up to `cap`, and jitter spreads the many reads of one
//! plan apart so they do not come back in lockstep.

use std::time::Duration;

/// First ceiling: the wait before the first retry is at most this.
pub const DEFAULT_BASE: Duration = Duration::from_millis(200);
/// Largest ceiling: no single wait is longer.
pub const DEFAULT_CAP: Duration = Duration::from_secs(5);

/// How the wait is drawn below the ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jitter {
    /// Uniform in `[0, ceiling]`: best spread, may retry at once.
    Full,
    /// Uniform in `[ceiling/2, ceiling]`: always waits a little, which is what a
    /// throttled API needs.
    Equal,
}

/// Backoff settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
    pub jitter: Jitter,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base: DEFAULT_BASE,
            cap: DEFAULT_CAP,
            jitter: Jitter::Equal,
        }
    }
}

impl Backoff {
    /// `min(cap, base * 2^retry)`; `retry` counts from 0 for the first retry.
    pub fn ceiling(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX);
        self.base.saturating_mul(factor).min(self.cap)
    }

    /// The wait before retry number `retry`, given `unit`, a random draw in `[0, 1]`
    /// (clamped; a NaN counts as 0). Pure, so bounds can be tested.
    pub fn delay_with(&self, retry: u32, unit: f64) -> Duration {
        let unit = if unit.is_nan() {
            0.0
        } else {
            unit.clamp(0.0, 1.0)
        };
        let ceiling = self.ceiling(retry);
        match self.jitter {
            Jitter::Full => ceiling.mul_f64(unit),
            Jitter::Equal => {
                let half = ceiling / 2;
                half + (ceiling - half).mul_f64(unit)
            }
        }
    }

    /// The wait before retry number `retry`, with a fresh random draw.
    pub fn delay(&self, retry: u32) -> Duration {
        self.delay_with(retry, fastrand::f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn ceiling_doubles_then_caps() {
        let b = Backoff::default();
        let got: Vec<Duration> = (0..7).map(|r| b.ceiling(r)).collect();
        assert_eq!(
            got,
            [
                ms(200),
                ms(400),
                ms(800),
                ms(1600),
                ms(3200),
                ms(5000),
                ms(5000)
            ]
        );
        assert_eq!(b.ceiling(u32::MAX), ms(5000));
    }

    #[test]
    fn full_jitter_spans_zero_to_ceiling() {
        let b = Backoff {
            jitter: Jitter::Full,
            ..Backoff::default()
        };
        assert_eq!(b.delay_with(2, 0.0), ms(0));
        assert_eq!(b.delay_with(2, 0.5), ms(400));
        assert_eq!(b.delay_with(2, 1.0), ms(800));
        assert_eq!(b.delay_with(2, 7.0), ms(800), "clamped to 1");
        assert_eq!(b.delay_with(2, f64::NAN), ms(0));
    }

    #[test]
    fn equal_jitter_spans_half_to_ceiling() {
        let b = Backoff::default();
        assert_eq!(b.delay_with(0, 0.0), ms(100));
        assert_eq!(b.delay_with(0, 1.0), ms(200));
        assert_eq!(b.delay_with(10, 0.0), ms(2500));
        assert_eq!(b.delay_with(10, 1.0), ms(5000));
        assert_eq!(b.delay_with(1, -3.0), ms(200), "clamped to 0");
    }

    #[test]
    fn random_delays_stay_in_bounds() {
        for jitter in [Jitter::Full, Jitter::Equal] {
            let b = Backoff {
                jitter,
                ..Backoff::default()
            };
            for retry in 0..8 {
                for _ in 0..200 {
                    let d = b.delay(retry);
                    assert!(d <= b.ceiling(retry), "{jitter:?} {retry} {d:?}");
                    if jitter == Jitter::Equal {
                        assert!(d >= b.ceiling(retry) / 2, "{retry} {d:?}");
                    }
                }
            }
        }
    }
}
