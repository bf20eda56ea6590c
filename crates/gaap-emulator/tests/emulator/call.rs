//! A signed API request every field of which a test can bend, and the small helpers
//! the tests share.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use gaap_emulator::auth::json_post_to_sign;
use gaap_emulator::{Emulator, EmulatorConfig, RunningEmulator, DEMO_SECRET_ID, DEMO_SECRET_KEY};
use serde_json::Value;
use tencentcloud_client::signer;

pub(crate) const GOOD: &str =
    r#"{"AccessRegion":"SouthChina","RealServerRegion":"EastChina","Bandwidth":10,"Concurrent":2}"#;

pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

pub(crate) fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// GET `url` and decode the answer as JSON.
pub(crate) async fn get_json(url: &str) -> Value {
    http().get(url).send().await.unwrap().json().await.unwrap()
}

/// One signed API request; every field can be bent by a test.
#[derive(Clone)]
pub(crate) struct Call {
    pub(crate) id: String,
    pub(crate) key: String,
    pub(crate) token: Option<String>,
    pub(crate) action: String,
    pub(crate) version: String,
    pub(crate) service: String,
    pub(crate) timestamp: i64,
    /// Overrides the scope date (else the timestamp's UTC date).
    pub(crate) scope_date: Option<String>,
    pub(crate) body: String,
    pub(crate) region: Option<String>,
    /// `X-TC-Language` (`None`: no header); `en-US`, as the provider sends, unless a
    /// test changes it.
    pub(crate) language: Option<String>,
}

impl Call {
    pub(crate) fn check(body: &str) -> Self {
        Call {
            id: DEMO_SECRET_ID.into(),
            key: DEMO_SECRET_KEY.into(),
            token: None,
            action: "CheckProxyCreate".into(),
            version: "2018-05-29".into(),
            service: "gaap".into(),
            timestamp: now(),
            scope_date: None,
            body: body.into(),
            region: None,
            language: Some("en-US".into()),
        }
    }

    pub(crate) fn assume_role() -> Self {
        Call {
            action: "AssumeRole".into(),
            version: "2018-08-13".into(),
            service: "sts".into(),
            ..Call::check(
                r#"{"RoleArn":"qcs::cam::uin/100000000001:roleName/gaap","RoleSessionName":"tf-test","DurationSeconds":900}"#,
            )
        }
    }

    pub(crate) fn with_temporary(mut self, creds: &Value) -> Self {
        self.id = creds["TmpSecretId"].as_str().unwrap().into();
        self.key = creds["TmpSecretKey"].as_str().unwrap().into();
        self.token = Some(creds["Token"].as_str().unwrap().into());
        self
    }

    pub(crate) fn request(&self, url: &str) -> reqwest::RequestBuilder {
        self.request_with(&http(), url)
    }

    /// [`Call::request`] on `client` (a test sending many calls shares one).
    pub(crate) fn request_with(
        &self,
        client: &reqwest::Client,
        url: &str,
    ) -> reqwest::RequestBuilder {
        let host = url.trim_start_matches("http://");
        let canonical = json_post_to_sign(host, self.body.as_bytes()).canonical_request();
        let date = self
            .scope_date
            .clone()
            .unwrap_or_else(|| signer::utc_date(self.timestamp));
        let scope = format!("{date}/{}/tc3_request", self.service);
        let to_sign = format!(
            "TC3-HMAC-SHA256\n{}\n{scope}\n{}",
            self.timestamp,
            signer::sha256_hex(canonical.as_bytes())
        );
        let keys = signer::signing_keys(&self.key, &date, &self.service);
        let sig = signer::signature(keys.secret_signing.expose(), &to_sign);
        let auth = format!(
            "TC3-HMAC-SHA256 Credential={}/{scope}, SignedHeaders=content-type;host, Signature={sig}",
            self.id
        );
        let mut b = client
            .post(format!("{url}/"))
            .header("Content-Type", "application/json")
            .header("X-TC-Action", &self.action)
            .header("X-TC-Version", &self.version)
            .header("X-TC-Timestamp", self.timestamp.to_string())
            .header("Authorization", auth)
            .body(self.body.clone());
        if let Some(l) = &self.language {
            b = b.header("X-TC-Language", l);
        }
        if let Some(t) = &self.token {
            b = b.header("X-TC-Token", t);
        }
        if let Some(r) = &self.region {
            b = b.header("X-TC-Region", r);
        }
        b
    }

    pub(crate) async fn send(&self, url: &str) -> Value {
        let r = self.request(url).send().await.unwrap();
        assert_eq!(r.status(), 200);
        r.json().await.unwrap()
    }

    /// The answer's error code, or "ok".
    pub(crate) async fn code(&self, url: &str) -> String {
        code(&self.send(url).await).to_owned()
    }
}

pub(crate) fn code(v: &Value) -> &str {
    v["Response"]["Error"]["Code"].as_str().unwrap_or("ok")
}

pub(crate) async fn start() -> RunningEmulator {
    Emulator::start(EmulatorConfig::default()).await.unwrap()
}

pub(crate) async fn start_with(config: EmulatorConfig) -> RunningEmulator {
    Emulator::start(config).await.unwrap()
}
