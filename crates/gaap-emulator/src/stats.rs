//! Calls counted per action and outcome, served at `GET /_emulator/stats` as
//! `{"CheckProxyCreate":{"ok":3,"RequestLimitExceeded":1}}`.
//!
//! The action is the `X-TC-Action` header (`(none)` when absent, `metadata` for the
//! metadata paths); the outcome is `ok`, the error code answered, or the transport
//! fault (`hang`, `reset`, `http_5xx`, `invalid_json`). At most [`MAX_ACTIONS`]
//! distinct actions are kept; the rest count under `(other)`.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// Distinct action names kept.
pub const MAX_ACTIONS: usize = 64;

/// A snapshot of the counters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Stats(pub BTreeMap<String, BTreeMap<String, u64>>);

impl Stats {
    /// Calls of `action` that ended in `outcome`.
    pub fn count(&self, action: &str, outcome: &str) -> u64 {
        self.0
            .get(action)
            .and_then(|m| m.get(outcome))
            .copied()
            .unwrap_or(0)
    }

    /// All calls of `action`.
    pub fn total(&self, action: &str) -> u64 {
        self.0.get(action).map(|m| m.values().sum()).unwrap_or(0)
    }
}

/// The live counters.
#[derive(Default)]
pub struct Recorder(Mutex<Stats>);

impl Recorder {
    fn lock(&self) -> std::sync::MutexGuard<'_, Stats> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn record(&self, action: &str, outcome: &str) {
        let mut s = self.lock();
        let key = if s.0.contains_key(action) || s.0.len() < MAX_ACTIONS {
            action
        } else {
            "(other)"
        };
        *s.0.entry(key.to_owned())
            .or_default()
            .entry(outcome.to_owned())
            .or_default() += 1;
    }

    pub fn snapshot(&self) -> Stats {
        self.lock().clone()
    }

    pub fn clear(&self) {
        self.lock().0.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_bounds() {
        let r = Recorder::default();
        r.record("CheckProxyCreate", "ok");
        r.record("CheckProxyCreate", "ok");
        r.record("CheckProxyCreate", "RequestLimitExceeded");
        let s = r.snapshot();
        assert_eq!(s.count("CheckProxyCreate", "ok"), 2);
        assert_eq!(s.total("CheckProxyCreate"), 3);
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"CheckProxyCreate":{"RequestLimitExceeded":1,"ok":2}}"#
        );
        for i in 0..100 {
            r.record(&format!("A{i}"), "ok");
        }
        assert_eq!(r.snapshot().0.len(), MAX_ACTIONS + 1);
        r.clear();
        assert_eq!(r.snapshot(), Stats::default());
    }
}
