//! The keys the emulator accepts: permanent key pairs from its configuration and the
//! temporary credentials it issued itself (STS `AssumeRole`, CVM metadata).
//!
//! A temporary SecretId is only valid with its own token in `X-TC-Token`; it expires
//! at its `ExpiredTime`. The store is bounded: beyond [`MAX_TEMPORARY`] live entries
//! the oldest are dropped.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use sensitive::Sensitive;

/// The root account (uin) every permanent key of the emulator belongs to.
pub const DEMO_ACCOUNT_ID: &str = "100000000001";

/// Most temporary credentials kept at once.
pub const MAX_TEMPORARY: usize = 10_000;

/// A key pair the emulator accepts. Debug output never shows the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPair {
    pub secret_id: String,
    pub secret_key: Sensitive<String>,
}

impl KeyPair {
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        KeyPair {
            secret_id: secret_id.into(),
            secret_key: Sensitive::new(secret_key.into()),
        }
    }
}

/// Temporary credentials as issued. Debug output never shows the secrets.
#[derive(Clone, PartialEq, Eq)]
pub struct TemporaryCredential {
    pub tmp_secret_id: String,
    pub tmp_secret_key: String,
    pub token: String,
    /// Unix seconds.
    pub expired_time: i64,
    /// The root account (uin) the credential acts in, and the ARN of who holds it:
    /// what `GetCallerIdentity` answers when it signs.
    pub account_id: String,
    pub arn: String,
}

impl std::fmt::Debug for TemporaryCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TemporaryCredential")
            .field("tmp_secret_id", &self.tmp_secret_id)
            .field("expired_time", &self.expired_time)
            .field("account_id", &self.account_id)
            .field("arn", &self.arn)
            .finish_non_exhaustive()
    }
}

/// What a SecretId resolves to.
pub enum Lookup {
    Permanent { secret_key: String },
    Temporary(TemporaryCredential),
    NotFound,
}

#[derive(Default)]
struct Temporary {
    by_id: HashMap<String, TemporaryCredential>,
    order: VecDeque<String>,
}

/// All accepted keys.
pub struct KeyStore {
    permanent: Vec<KeyPair>,
    temporary: Mutex<Temporary>,
}

fn random_text(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    (0..len)
        .map(|_| char::from(ALPHABET[fastrand::usize(..ALPHABET.len())]))
        .collect()
}

impl KeyStore {
    pub fn new(permanent: Vec<KeyPair>) -> Self {
        KeyStore {
            permanent,
            temporary: Mutex::new(Temporary::default()),
        }
    }

    fn temporary(&self) -> std::sync::MutexGuard<'_, Temporary> {
        // A panic while holding the lock cannot leave the maps inconsistent.
        self.temporary.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn lookup(&self, secret_id: &str) -> Lookup {
        if let Some(pair) = self.permanent.iter().find(|p| p.secret_id == secret_id) {
            return Lookup::Permanent {
                secret_key: pair.secret_key.expose().clone(),
            };
        }
        match self.temporary().by_id.get(secret_id) {
            Some(t) => Lookup::Temporary(t.clone()),
            None => Lookup::NotFound,
        }
    }

    /// Issues a fresh temporary credential valid until `expired_time` (unix seconds),
    /// in the account of the permanent keys ([`DEMO_ACCOUNT_ID`]).
    pub fn issue(&self, now: i64, expired_time: i64) -> TemporaryCredential {
        self.issue_as(
            now,
            expired_time,
            DEMO_ACCOUNT_ID,
            &format!("qcs::cam::uin/{DEMO_ACCOUNT_ID}:uin/{DEMO_ACCOUNT_ID}"),
        )
    }

    /// Issues a fresh temporary credential acting in `account_id` as `arn`.
    pub fn issue_as(
        &self,
        now: i64,
        expired_time: i64,
        account_id: &str,
        arn: &str,
    ) -> TemporaryCredential {
        let credential = TemporaryCredential {
            tmp_secret_id: format!("AKIDtmp{}", random_text(29)),
            tmp_secret_key: random_text(32),
            token: random_text(96),
            expired_time,
            account_id: account_id.to_owned(),
            arn: arn.to_owned(),
        };
        let mut t = self.temporary();
        // Drop expired and excess entries, oldest first.
        while let Some(front) = t.order.front().cloned() {
            let expired = t.by_id.get(&front).is_none_or(|c| c.expired_time <= now);
            if expired || t.order.len() >= MAX_TEMPORARY {
                t.order.pop_front();
                t.by_id.remove(&front);
            } else {
                break;
            }
        }
        t.order.push_back(credential.tmp_secret_id.clone());
        t.by_id
            .insert(credential.tmp_secret_id.clone(), credential.clone());
        credential
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Permanent and issued keys may appear in the emulator's Debug output (its
    /// config is printed); neither shows a secret key or token.
    #[test]
    fn debug_shows_no_secret() {
        let pair = format!("{:?}", KeyPair::new("AKIDvisible", "key-secret-1"));
        assert!(
            !pair.contains("key-secret-1") && pair.contains("AKIDvisible"),
            "{pair}"
        );
        let store = KeyStore::new(vec![]);
        let issued = store.issue(0, 60);
        let debug = format!("{issued:?}");
        assert!(
            !debug.contains(&issued.tmp_secret_key) && !debug.contains(&issued.token),
            "{debug}"
        );
    }

    #[test]
    fn issued_credentials_are_found_and_distinct() {
        let store = KeyStore::new(vec![KeyPair::new("AKIDa", "k")]);
        assert!(matches!(store.lookup("AKIDa"), Lookup::Permanent { .. }));
        assert!(matches!(store.lookup("AKIDb"), Lookup::NotFound));
        let a = store.issue(100, 200);
        let b = store.issue(100, 200);
        assert_ne!(a.tmp_secret_id, b.tmp_secret_id);
        assert_ne!(a.token, b.token);
        match store.lookup(&a.tmp_secret_id) {
            Lookup::Temporary(t) => assert_eq!(t, a),
            _ => panic!("issued credential not found"),
        }
        assert!(!format!("{a:?}").contains(&a.token));
        assert!(!format!("{:?}", KeyPair::new("id", "sekrit")).contains("sekrit"));
    }

    #[test]
    fn expired_entries_are_pruned_on_issue() {
        let store = KeyStore::new(vec![]);
        let old = store.issue(0, 10);
        let _new = store.issue(20, 100);
        assert!(matches!(store.lookup(&old.tmp_secret_id), Lookup::NotFound));
    }
}
