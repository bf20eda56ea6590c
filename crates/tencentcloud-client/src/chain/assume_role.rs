//! STS `AssumeRole` on top of a base credential, as a [`Fetcher`]: each fetch is one
//! call of the `AssumeRole` action through the one call path
//! ([`ApiClient::call`]), signed with the base credential, so it has the headers,
//! signature, rate limit, retries, size cap, typed errors and per-attempt log of any
//! other action. Wrap it in a [`RefreshingSource`](crate::credentials::RefreshingSource)
//! to cache and refresh the result.

use std::sync::Arc;

use sensitive::Sensitive;

use crate::action::Action;
use crate::cancel::never;
use crate::client::{ApiClient, ClientConfig};
use crate::credentials::{
    identity_digest, normalize_assume_role, AssumeRoleSettings, BoxFuture, Clock, Credential,
    CredentialSource, Fetcher, TemporaryCredential, ENV_STS_ENDPOINT,
};
use crate::endpoint::Endpoint;
use crate::error::{ClientError, CredentialError};
use crate::sts::assume_role::{
    AssumeRoleRequest, DEFAULT_STS_ENDPOINT, REGION as STS_REGION, SERVICE as STS_SERVICE,
};
use crate::sts::temporary_credential::TemporaryCredentialAnswer;

/// The root domain of STS's public endpoint (`https://sts.tencentcloudapi.com`),
/// used whatever domain GAAP is reached at: STS answers there for every site.
const STS_DOMAIN: &str = "tencentcloudapi.com";

/// Checks an STS endpoint override (`TENCENTCLOUD_STS_ENDPOINT`): https, plain http
/// only to loopback, root path.
pub(crate) fn check_sts_endpoint(raw: &str) -> Result<Endpoint, CredentialError> {
    Endpoint::parse_for(ENV_STS_ENDPOINT, raw, DEFAULT_STS_ENDPOINT).map_err(|e| match e {
        ClientError::Config(message) => CredentialError::Invalid(message),
        other => CredentialError::Invalid(other.to_string()),
    })
}

/// STS as the chain's fetchers and account guard reach it.
pub(crate) struct Sts {
    /// The client STS calls are made with.
    pub(crate) api: ApiClient,
    /// `scheme://host[:port]` of STS, for messages.
    pub(crate) endpoint: String,
}

impl Sts {
    /// `sts_endpoint` (default [`DEFAULT_STS_ENDPOINT`]; plain http only for
    /// loopback), region `ap-guangzhou`, `api`'s call settings (timeout, retries,
    /// backoff, `X-TC-RequestClient`), timestamps from `clock`.
    pub(crate) fn new(
        sts_endpoint: Option<&str>,
        api: &ClientConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Sts, CredentialError> {
        let url = sts_endpoint
            .filter(|e| !e.is_empty())
            .unwrap_or(DEFAULT_STS_ENDPOINT);
        let endpoint = check_sts_endpoint(url)?.display();
        let config = ClientConfig {
            domain: STS_DOMAIN.to_owned(),
            endpoints: [(STS_SERVICE.to_owned(), url.to_owned())].into(),
            region: Some(STS_REGION.to_owned()),
            ..api.clone()
        };
        let api = ApiClient::new(config)
            .map_err(|e| CredentialError::Invalid(format!("cannot set up STS calls: {e}")))?
            .with_clock(clock);
        Ok(Sts { api, endpoint })
    }

    /// One login call (`AssumeRole` or a federated login) with `base`: its temporary
    /// credential, or an error that begins with `context`. Every login fetcher
    /// reports failures alike, so they share this.
    pub(crate) async fn login<A>(
        &self,
        base: &dyn CredentialSource,
        request: &A,
        context: String,
    ) -> Result<TemporaryCredential, CredentialError>
    where
        A: Action<Response = TemporaryCredentialAnswer>,
    {
        // No stop signal of its own: the GAAP call this fetch serves races its own
        // cancellation and drops this future when it fires.
        let answer = self
            .api
            .call(base, request, never())
            .await
            .map_err(|error| {
                let (last, attempts) = error.into_last();
                let context = match attempts {
                    Some(attempts) => format!("{context} ({attempts})"),
                    None => context.clone(),
                };
                match last {
                    ClientError::Api(error) => CredentialError::Api { context, error },
                    // The base credential's own failure, as it was.
                    ClientError::Credentials(inner) => inner,
                    other => CredentialError::Fetch(format!("{context}: {other}")),
                }
            })?;
        credential_from_answer(answer).map_err(|request_id| {
            CredentialError::Fetch(format!(
                "{context}: the answer has an empty Credentials.TmpSecretId, TmpSecretKey \
                 or Token (RequestId: {request_id})"
            ))
        })
    }
}

/// Calls `AssumeRole` with the base credential.
pub struct AssumeRoleFetcher {
    settings: AssumeRoleSettings,
    base: Arc<dyn CredentialSource>,
    sts: Sts,
}

impl std::fmt::Debug for AssumeRoleFetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AssumeRoleFetcher")
            .field("role_arn", &self.settings.role_arn)
            .field("session_name", &self.settings.session_name)
            .field("endpoint", &self.sts.endpoint)
            .field("base", &self.base.identity())
            .finish()
    }
}

impl AssumeRoleFetcher {
    /// `sts_endpoint` overrides [`DEFAULT_STS_ENDPOINT`] (plain http only for
    /// loopback). `api` gives the call settings (timeout, retries, backoff,
    /// `X-TC-RequestClient`); its domain, endpoints and region are not used: STS is
    /// reached at its own endpoint with region `ap-guangzhou`. `clock` timestamps
    /// (so signs) the calls.
    pub fn new(
        settings: AssumeRoleSettings,
        base: Arc<dyn CredentialSource>,
        sts_endpoint: Option<&str>,
        api: &ClientConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CredentialError> {
        let settings = normalize_assume_role(settings)?;
        let sts = Sts::new(sts_endpoint, api, clock)?;
        Ok(AssumeRoleFetcher {
            settings,
            base,
            sts,
        })
    }

    fn request(&self) -> AssumeRoleRequest {
        let s = &self.settings;
        let mut request = AssumeRoleRequest::new(
            &s.role_arn,
            &s.session_name,
            s.session_duration,
            s.policy.as_deref(),
            s.external_id.as_deref(),
        );
        request.source_identity = s.source_identity.clone();
        request.serial_number = s.serial_number.clone();
        request.token_code = s.token_code.clone().map(Sensitive::new);
        request
    }

    async fn fetch_once(&self) -> Result<TemporaryCredential, CredentialError> {
        let context = format!(
            "STS AssumeRole of role {} at {} failed",
            self.settings.role_arn, self.sts.endpoint
        );
        self.sts
            .login(self.base.as_ref(), &self.request(), context)
            .await
    }
}

/// The temporary credential of a successful login answer, or the answer's RequestId
/// when its secret id, key or token is empty.
pub(crate) fn credential_from_answer(
    answer: TemporaryCredentialAnswer,
) -> Result<TemporaryCredential, String> {
    let c = answer.credentials;
    if c.tmp_secret_id.is_empty()
        || c.tmp_secret_key.expose().is_empty()
        || c.token.expose().is_empty()
    {
        return Err(answer.request_id);
    }
    Ok(TemporaryCredential {
        credential: Credential {
            secret_id: c.tmp_secret_id,
            secret_key: c.tmp_secret_key,
            token: Some(c.token),
        },
        expires_at: answer.expired_time,
    })
}

impl Fetcher for AssumeRoleFetcher {
    fn fetch(&self) -> BoxFuture<'_, Result<TemporaryCredential, CredentialError>> {
        Box::pin(self.fetch_once())
    }

    /// `role:<arn>/<session>#<digest>@<base identity>`; the digest covers the STS
    /// endpoint, the session duration, the policy and the external id: each makes a
    /// different credential (a test STS is not the real one), and the external id is
    /// not shown.
    fn identity(&self) -> String {
        let s = &self.settings;
        let duration = s.session_duration.to_string();
        let digest = identity_digest(&[
            &self.sts.endpoint,
            &duration,
            s.policy.as_deref().unwrap_or(""),
            s.external_id.as_deref().unwrap_or(""),
        ]);
        format!(
            "role:{}/{}#{digest}@{}",
            s.role_arn,
            s.session_name,
            self.base.identity()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::{StaticSource, SystemClock};

    fn fetcher(sts: Option<&str>) -> Result<AssumeRoleFetcher, CredentialError> {
        AssumeRoleFetcher::new(
            AssumeRoleSettings {
                role_arn: "qcs::cam::uin/1:roleName/r".into(),
                session_name: String::new(),
                session_duration: 0,
                policy: None,
                external_id: Some("secret-ext".into()),
                ..Default::default()
            },
            Arc::new(StaticSource::new(Credential {
                secret_id: "AKIDbase".into(),
                secret_key: "basekey".into(),
                token: None,
            })),
            sts,
            &ClientConfig::default(),
            Arc::new(SystemClock),
        )
    }

    #[test]
    fn sts_endpoint_defaults_and_is_checked() {
        let f = fetcher(None).unwrap();
        assert_eq!(f.sts.endpoint, "https://sts.tencentcloudapi.com");
        assert_eq!(
            f.sts.api.endpoint("sts").unwrap().display(),
            "https://sts.tencentcloudapi.com"
        );
        assert_eq!(f.sts.api.config().region.as_deref(), Some("ap-guangzhou"));
        let debug = format!("{f:?}");
        assert!(
            !debug.contains("basekey") && !debug.contains("secret-ext"),
            "{debug}"
        );
        for (bad, why) in [
            ("http://sts.example.com", "only for loopback"),
            ("https://sts.example.com/v3", "path"),
            ("https://u:pw@sts.example.com", "credentials"),
        ] {
            match fetcher(Some(bad)) {
                Err(CredentialError::Invalid(m)) => {
                    assert!(m.contains(ENV_STS_ENDPOINT) && m.contains(why), "{m}");
                    assert!(!m.contains("pw@"), "{m}");
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn identity_hides_the_external_id() {
        let identity = fetcher(None).unwrap().identity();
        assert!(
            identity.starts_with("role:qcs::cam::uin/1:roleName/r/terraform-provider-gaap#"),
            "{identity}"
        );
        assert!(identity.contains("@static:AKIDbase#"), "{identity}");
        assert!(!identity.contains("secret-ext"), "{identity}");
    }

    /// Two roles that differ only by the STS they are assumed at are different
    /// credentials (a test STS and the real one): their identities differ.
    #[test]
    fn identity_covers_the_sts_endpoint() {
        let a = fetcher(Some("http://127.0.0.1:1")).unwrap().identity();
        let b = fetcher(Some("http://127.0.0.1:2")).unwrap().identity();
        let default = fetcher(None).unwrap().identity();
        assert_ne!(a, b);
        assert_ne!(a, default);
        assert_eq!(a, fetcher(Some("http://127.0.0.1:1")).unwrap().identity());
    }
}
