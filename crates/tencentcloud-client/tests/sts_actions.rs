//! Every STS action through the one call path against the emulator, which serves
//! them as the real service does: the login actions unsigned (`Authorization: SKIP`),
//! the others signed; invalid tokens, assertions and MFA codes refused with the
//! service's codes; `GetCallerIdentity` answering the account of the key used; and
//! the temporary credentials it issues accepted by its GAAP endpoint.

use std::sync::Arc;

use gaap_emulator::sts::{mint_saml_assertion, mint_web_identity_token, DEMO_MFA_TOKEN_CODE};
use gaap_emulator::{Emulator, EmulatorConfig, RunningEmulator, DEMO_SECRET_ID, DEMO_SECRET_KEY};
use tencentcloud_client::cancel::never;
use tencentcloud_client::credentials::{Credential, CredentialSource, StaticSource};
use tencentcloud_client::sts::assume_role::StsCredentials;
use tencentcloud_client::sts::assume_role_with_saml::AssumeRoleWithSamlRequest;
use tencentcloud_client::sts::assume_role_with_web_identity::AssumeRoleWithWebIdentityRequest;
use tencentcloud_client::sts::get_caller_identity::GetCallerIdentityRequest;
use tencentcloud_client::sts::get_session_token::GetSessionTokenRequest;
use tencentcloud_client::sts::temporary_credential::TemporaryCredentialAnswer;
use tencentcloud_client::{Action, ApiClient, AssumeRoleRequest, ClientConfig, ClientError};

mod support;

const ROLE: &str = "qcs::cam::uin/200000000002:roleName/gaap-reader";

fn client(emu: &RunningEmulator) -> ApiClient {
    ApiClient::new(
        ClientConfig::default()
            .with_endpoint("sts", emu.url())
            .with_endpoint("gaap", emu.url()),
    )
    .unwrap()
}

fn demo_keys() -> StaticSource {
    StaticSource::new(Credential {
        secret_id: DEMO_SECRET_ID.into(),
        secret_key: DEMO_SECRET_KEY.into(),
        token: None,
    })
}

fn temporary(c: StsCredentials) -> StaticSource {
    StaticSource::new(Credential {
        secret_id: c.tmp_secret_id,
        secret_key: c.tmp_secret_key,
        token: Some(c.token),
    })
}

/// A source that fails the test if read: unsigned actions must not read one.
struct Untouchable;
impl CredentialSource for Untouchable {
    fn credential(
        &self,
    ) -> tencentcloud_client::credentials::BoxFuture<
        '_,
        Result<Credential, tencentcloud_client::CredentialError>,
    > {
        panic!("an unsigned action read a credential")
    }
    fn identity(&self) -> String {
        "untouchable".into()
    }
}

fn api_code(result: Result<impl std::fmt::Debug, ClientError>) -> String {
    match result {
        Err(ClientError::Api(e)) => e.code,
        other => panic!("expected an API error, got {other:?}"),
    }
}

async fn caller_account(api: &ApiClient, source: &dyn CredentialSource) -> String {
    api.call(source, &GetCallerIdentityRequest {}, never())
        .await
        .unwrap()
        .account_id
}

async fn gaap_accepts(api: &ApiClient, source: &dyn CredentialSource) {
    api.call(source, &support::request(), never())
        .await
        .expect("GAAP accepts the temporary credential");
}

/// Logs in with `request`, sent with `signer`, and checks that the temporary
/// credential is of `account` and that GAAP accepts it.
async fn login<A>(
    api: &ApiClient,
    signer: &dyn CredentialSource,
    request: &A,
    account: &str,
) -> StaticSource
where
    A: Action<Response = TemporaryCredentialAnswer>,
{
    let answer = api.call(signer, request, never()).await.unwrap();
    let credential = temporary(answer.credentials);
    assert_eq!(caller_account(api, &credential).await, account);
    gaap_accepts(api, &credential).await;
    credential
}

fn web_identity(token: String) -> AssumeRoleWithWebIdentityRequest {
    AssumeRoleWithWebIdentityRequest {
        provider_id: "OIDC".into(),
        web_identity_token: token.into(),
        role_arn: ROLE.into(),
        role_session_name: "ci-run".into(),
        duration_seconds: 3600,
    }
}

#[tokio::test]
async fn web_identity_is_unsigned_and_checks_the_token() {
    let emu = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let api = client(&emu);
    let token = mint_web_identity_token("system:serviceaccount:ci:deployer");
    login(&api, &Untouchable, &web_identity(token), "200000000002").await;

    let mut tampered = mint_web_identity_token("a");
    tampered.push('0');
    assert_eq!(
        api_code(
            api.call(&Untouchable, &web_identity(tampered), never())
                .await
        ),
        "InvalidParameter.WebIdentityTokenError"
    );
    let stats = emu.stats();
    assert_eq!(stats.count("AssumeRoleWithWebIdentity", "ok"), 1);
    assert_eq!(
        stats.count(
            "AssumeRoleWithWebIdentity",
            "InvalidParameter.WebIdentityTokenError"
        ),
        1
    );
}

#[tokio::test]
async fn saml_is_unsigned_and_checks_the_assertion() {
    let emu = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let api = client(&emu);
    let request = |assertion: String| AssumeRoleWithSamlRequest {
        saml_assertion: assertion.into(),
        principal_arn: "qcs::cam::uin/200000000002:saml-provider/corp-idp".into(),
        role_arn: ROLE.into(),
        role_session_name: "alice".into(),
        duration_seconds: 7200,
    };
    let assertion = mint_saml_assertion("alice");
    login(&api, &Untouchable, &request(assertion), "200000000002").await;
    assert_eq!(
        api_code(
            api.call(&Untouchable, &request("PHNhbWw.00.00".into()), never())
                .await
        ),
        "InvalidParameter.ParamError"
    );
}

#[tokio::test]
async fn unsigned_skip_is_refused_for_signed_actions() {
    let emu = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let response = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("{}/", emu.url()))
        .header("Content-Type", "application/json")
        .header("X-TC-Action", "GetCallerIdentity")
        .header("X-TC-Version", "2018-08-13")
        .header("X-TC-Timestamp", "1700000000")
        .header("Authorization", "SKIP")
        .body("{}")
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body["Response"]["Error"]["Code"],
        "AuthFailure.InvalidAuthorization"
    );
}

#[tokio::test]
async fn get_session_token_checks_the_mfa_code() {
    let emu = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let api = client(&emu);
    let request = |code: &str| GetSessionTokenRequest {
        serial_number: "qcs::cam:uin/100000000001::mfa/softToken".into(),
        token_code: code.into(),
        duration_seconds: 1800,
    };
    assert_eq!(
        api_code(api.call(&demo_keys(), &request("000000"), never()).await),
        "InvalidParameter.TempCodeNotAvaliable"
    );
    let mfa = request(DEMO_MFA_TOKEN_CODE);
    let session = login(&api, &demo_keys(), &mfa, "100000000001").await;
    // A session credential cannot ask for another.
    assert_eq!(
        api_code(
            api.call(&session, &request(DEMO_MFA_TOKEN_CODE), never())
                .await
        ),
        "InvalidParameter.AccessKeyNotSupport"
    );
}

#[tokio::test]
async fn assume_role_mfa_and_caller_identity() {
    let emu = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let api = client(&emu);
    assert_eq!(caller_account(&api, &demo_keys()).await, "100000000001");
    let mut request = AssumeRoleRequest::new(ROLE, "sess", 900, None, None);
    request.source_identity = Some("100000000001".into());
    request.serial_number = Some("qcs::cam:uin/100000000001::mfa/softToken".into());
    request.token_code = Some("999999".into());
    assert_eq!(
        api_code(api.call(&demo_keys(), &request, never()).await),
        "InvalidParameter.TempCodeNotAvaliable"
    );
    request.token_code = Some(DEMO_MFA_TOKEN_CODE.into());
    let role = temporary(
        api.call(&demo_keys(), &request, never())
            .await
            .unwrap()
            .credentials,
    );
    let source: Arc<dyn CredentialSource> = Arc::new(role);
    let identity = api
        .call(source.as_ref(), &GetCallerIdentityRequest {}, never())
        .await
        .unwrap();
    assert_eq!(identity.account_id, "200000000002");
    assert_eq!(identity.kind, "AssumedRole");
    assert!(
        identity.arn.ends_with("gaap-reader/sess"),
        "{}",
        identity.arn
    );
}

// ---------- the chain's logins against the emulator ----------

use std::sync::atomic::{AtomicI64, Ordering};
use tencentcloud_client::chain::build_credential_source_with;
use tencentcloud_client::credentials::{
    Clock, CredentialSettings, LoginStep, MfaSettings, SamlSettings, SystemClock,
    WebIdentitySettings, WebIdentityToken,
};

struct ShiftedClock(AtomicI64);
impl Clock for ShiftedClock {
    fn now_unix(&self) -> i64 {
        SystemClock.now_unix() + self.0.load(Ordering::SeqCst)
    }
}

fn chain_settings(emu: &RunningEmulator, dir: &tempfile::TempDir) -> CredentialSettings {
    CredentialSettings {
        shared_credentials_dir: Some(dir.path().to_path_buf()),
        sts_endpoint: Some(emu.url()),
        ..CredentialSettings::default()
    }
}

#[tokio::test]
async fn web_identity_token_file_is_read_again_on_every_refresh() {
    let emu = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, mint_web_identity_token("pod-1")).unwrap();
    let clock = Arc::new(ShiftedClock(AtomicI64::new(0)));
    let source = build_credential_source_with(
        CredentialSettings {
            then: vec![LoginStep::WebIdentity(WebIdentitySettings {
                provider_id: String::new(),
                token: WebIdentityToken::File(token_file.clone()),
                role_arn: ROLE.into(),
                session_name: "ci".into(),
                session_duration: 900,
            })],
            ..chain_settings(&emu, &dir)
        },
        &ClientConfig::default(),
        clock.clone(),
    )
    .await
    .unwrap();
    assert!(
        source.identity().starts_with("oidc:"),
        "{}",
        source.identity()
    );
    let first = source.credential().await.unwrap();
    let api = client(&emu);
    gaap_accepts(&api, &StaticSource::new(first.clone())).await;

    // The token rotated to one the IdP never issued: the next refresh reads it and
    // fails with the service's answer.
    std::fs::write(&token_file, "eyJ.rotated.bad").unwrap();
    clock.0.store(1000, Ordering::SeqCst);
    let error = source.credential().await.unwrap_err().to_string();
    assert!(
        error.contains("InvalidParameter.WebIdentityTokenError") && !error.contains("rotated"),
        "{error}"
    );
    // Rotated again, to a good one: the refresh uses it.
    std::fs::write(
        &token_file,
        format!(
            r#"{{"web_identity_token":"{}"}}"#,
            mint_web_identity_token("pod-2")
        ),
    )
    .unwrap();
    let second = source.credential().await.unwrap();
    assert_ne!(first.secret_id, second.secret_id);
    assert_eq!(emu.stats().count("AssumeRoleWithWebIdentity", "ok"), 2);
}

#[tokio::test]
async fn saml_and_mfa_logins_through_the_chain() {
    let emu = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let api = client(&emu);
    let saml = build_credential_source_with(
        CredentialSettings {
            then: vec![LoginStep::Saml(SamlSettings {
                saml_assertion: mint_saml_assertion("alice"),
                principal_arn: "qcs::cam::uin/200000000002:saml-provider/corp".into(),
                role_arn: ROLE.into(),
                session_name: "alice".into(),
                session_duration: 0,
            })],
            ..chain_settings(&emu, &dir)
        },
        &ClientConfig::default(),
        Arc::new(SystemClock),
    )
    .await
    .unwrap();
    assert_eq!(caller_account(&api, saml.as_ref()).await, "200000000002");
    assert!(!format!("{:?}", saml.identity()).contains("PHNhbWw"));

    let mfa = async |code: &str| {
        build_credential_source_with(
            CredentialSettings {
                secret_id: Some(DEMO_SECRET_ID.into()),
                secret_key: Some(DEMO_SECRET_KEY.into()),
                then: vec![LoginStep::SessionToken(MfaSettings {
                    serial_number: "qcs::cam:uin/100000000001::mfa/softToken".into(),
                    token_code: code.into(),
                    duration_seconds: 0,
                })],
                ..chain_settings(&emu, &dir)
            },
            &ClientConfig::default(),
            Arc::new(SystemClock),
        )
        .await
        .unwrap()
    };
    let session = mfa(DEMO_MFA_TOKEN_CODE).await;
    let c = session.credential().await.unwrap();
    assert!(c.token.is_some() && c.secret_id != DEMO_SECRET_ID);
    gaap_accepts(&api, session.as_ref()).await;
    let error = mfa("424242")
        .await
        .credential()
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("GetSessionToken") && error.contains("TempCodeNotAvaliable"),
        "{error}"
    );
    assert!(!error.contains("424242"), "{error}");
}

#[tokio::test]
async fn account_guards_ask_once_and_stop_the_wrong_account_before_any_call() {
    let emu = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let api = client(&emu);
    let guarded = async |allowed: &[&str], forbidden: &[&str]| {
        build_credential_source_with(
            CredentialSettings {
                secret_id: Some(DEMO_SECRET_ID.into()),
                secret_key: Some(DEMO_SECRET_KEY.into()),
                allowed_account_ids: allowed.iter().map(|s| s.to_string()).collect(),
                forbidden_account_ids: forbidden.iter().map(|s| s.to_string()).collect(),
                ..chain_settings(&emu, &dir)
            },
            &ClientConfig::default(),
            Arc::new(SystemClock),
        )
        .await
        .unwrap()
    };
    let allowed = guarded(&["100000000001", "300000000003"], &[]).await;
    gaap_accepts(&api, allowed.as_ref()).await;
    allowed.credential().await.unwrap();
    allowed.credential().await.unwrap();
    assert_eq!(emu.stats().total("GetCallerIdentity"), 1);
    assert_eq!(emu.stats().count("CheckProxyCreate", "ok"), 1);

    emu.reset();
    for source in [
        guarded(&["200000000002"], &[]).await,
        guarded(&[], &["100000000001"]).await,
    ] {
        for _ in 0..2 {
            let error = api
                .call(source.as_ref(), &support::request(), never())
                .await
                .unwrap_err()
                .to_string();
            assert!(
                error.contains("account 100000000001 is not allowed"),
                "{error}"
            );
        }
    }
    let stats = emu.stats();
    assert_eq!(stats.total("GetCallerIdentity"), 2, "{stats:?}");
    assert_eq!(stats.total("CheckProxyCreate"), 0, "{stats:?}");
}
