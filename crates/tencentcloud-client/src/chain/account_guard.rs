//! The account guards (`allowed_account_ids`, `forbidden_account_ids`) as a
//! credential source wrapping the chain's: before it hands out its first credential
//! it asks STS `GetCallerIdentity`, signed with that credential, which account it
//! belongs to, once for the life of the source (one provider process), and refuses
//! every credential of an account that is not allowed. So no API call is ever signed
//! for the wrong account, as in the official provider's `verifyAccountIDAllowed`.

use std::sync::Arc;

use tokio::sync::OnceCell;

use crate::cancel::never;
use crate::client::ClientConfig;
use crate::credentials::{BoxFuture, Clock, Credential, CredentialSource, StaticSource};
use crate::error::{ClientError, CredentialError};
use crate::sts::get_caller_identity::GetCallerIdentityRequest;

use super::assume_role::Sts;

/// Which accounts may sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountRule {
    Allowed(Vec<String>),
    Forbidden(Vec<String>),
}

impl AccountRule {
    /// The rule of the settings; `None` when both lists are empty.
    pub fn from_lists(allowed: &[String], forbidden: &[String]) -> Option<AccountRule> {
        if !allowed.is_empty() {
            Some(AccountRule::Allowed(allowed.to_vec()))
        } else if !forbidden.is_empty() {
            Some(AccountRule::Forbidden(forbidden.to_vec()))
        } else {
            None
        }
    }

    /// `Err` with the one message naming the account when it may not sign.
    pub fn check(&self, account: &str) -> Result<(), String> {
        match self {
            AccountRule::Allowed(ids) if !ids.iter().any(|id| id == account) => Err(format!(
                "Tencent Cloud account {account} is not allowed: the credential belongs to \
                 account {account}, and `allowed_account_ids` lists only {}. No API call was \
                 made with it.",
                ids.join(", ")
            )),
            AccountRule::Forbidden(ids) if ids.iter().any(|id| id == account) => Err(format!(
                "Tencent Cloud account {account} is not allowed: the credential belongs to \
                 account {account}, which `forbidden_account_ids` lists. No API call was made \
                 with it."
            )),
            _ => Ok(()),
        }
    }
}

/// Wraps a source with the account check.
pub struct AccountGuardSource {
    inner: Arc<dyn CredentialSource>,
    rule: AccountRule,
    sts: Sts,
    /// The check's outcome, decided once (a failed `GetCallerIdentity` decides
    /// nothing: the next credential request asks again).
    verdict: OnceCell<Result<(), String>>,
}

impl AccountGuardSource {
    pub fn new(
        inner: Arc<dyn CredentialSource>,
        rule: AccountRule,
        sts_endpoint: Option<&str>,
        api: &ClientConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CredentialError> {
        let sts = Sts::new(sts_endpoint, api, clock)?;
        Ok(AccountGuardSource {
            inner,
            rule,
            sts,
            verdict: OnceCell::new(),
        })
    }

    async fn check(&self, credential: &Credential) -> Result<Result<(), String>, CredentialError> {
        let signer = StaticSource::new(credential.clone());
        let identity = self
            .sts
            .api
            .call(&signer, &GetCallerIdentityRequest {}, never())
            .await
            .map_err(|error| {
                let context = format!(
                    "checking the account guards: STS GetCallerIdentity at {} failed",
                    self.sts.endpoint
                );
                let (last, attempts) = error.into_last();
                let context = match attempts {
                    Some(attempts) => format!("{context} ({attempts})"),
                    None => context,
                };
                match last {
                    ClientError::Api(error) => CredentialError::Api { context, error },
                    other => CredentialError::Fetch(format!("{context}: {other}")),
                }
            })?;
        Ok(self.rule.check(&identity.account_id))
    }

    async fn guarded(&self) -> Result<Credential, CredentialError> {
        let credential = self.inner.credential().await?;
        let verdict = self
            .verdict
            .get_or_try_init(|| async { self.check(&credential).await })
            .await?;
        match verdict {
            Ok(()) => Ok(credential),
            Err(message) => Err(CredentialError::Invalid(message.clone())),
        }
    }
}

impl CredentialSource for AccountGuardSource {
    fn credential(&self) -> BoxFuture<'_, Result<Credential, CredentialError>> {
        Box::pin(self.guarded())
    }

    /// The inner identity and the rule: answers shared between identical calls
    /// (`Action::SHARE_IDENTICAL`) are never shared across different guards.
    fn identity(&self) -> String {
        let rule = match &self.rule {
            AccountRule::Allowed(ids) => format!("allowed={}", ids.join(",")),
            AccountRule::Forbidden(ids) => format!("forbidden={}", ids.join(",")),
        };
        format!("{}|{rule}", self.inner.identity())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert_eq!(AccountRule::from_lists(&[], &[]), None);
        let allowed = AccountRule::from_lists(&["1".into()], &[]).unwrap();
        assert!(allowed.check("1").is_ok());
        let e = allowed.check("2").unwrap_err();
        assert!(
            e.contains("account 2") && e.contains("allowed_account_ids"),
            "{e}"
        );
        let forbidden = AccountRule::from_lists(&[], &["2".into()]).unwrap();
        assert!(forbidden.check("1").is_ok());
        assert!(forbidden
            .check("2")
            .unwrap_err()
            .contains("forbidden_account_ids"));
    }
}
