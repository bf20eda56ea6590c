//! `gaap-emulator record --out FILE`: records the catalogue of a real account (or any
//! GAAP endpoint) into a catalogue file ([`crate::catalogue_file`]) that
//! `gaap-emulator --catalogue FILE` serves.
//!
//! Calls, all through the client's one signed-call path
//! ([`GaapClient::call`] with [`Raw`] actions, so its rate limiter at the API's
//! documented 20 calls per second and its retries apply): `DescribeDestRegions` with
//! every `QualityType` of [`RECORDED_QUALITY_TYPES`], then
//! `DescribeAccessRegionsByDestRegion` for every origin (each `RegionId` answered)
//! with every combination of [`AccessOptions::recorded`]: 2 + origins × 8 calls.
//!
//! Credentials come from the environment only (`TENCENTCLOUD_SECRET_ID`,
//! `TENCENTCLOUD_SECRET_KEY`, optional `TENCENTCLOUD_SECURITY_TOKEN`): no profile, no
//! role, so what signs is exactly what the caller exported. The endpoint is
//! `TENCENTCLOUD_GAAP_ENDPOINT`, else `https://gaap.<TENCENTCLOUD_DOMAIN>`, else the
//! client's default (`https://gaap.intl.tencentcloudapi.com`), as the provider
//! resolves them; empty values count as unset.
//!
//! An API error that answers the request itself ([`answers_the_request`]: a parameter
//! or operation the API refuses for that origin) is recorded as the error it is and
//! replayed; any other failure (authentication, permission, throttling or the
//! network after the retries) stops the recording and writes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use serde_json::{Map, Value};
use time::OffsetDateTime;

use tencentcloud_client::action::{Action, Raw};
use tencentcloud_client::cancel;
use tencentcloud_client::client::OFFICIAL_THROTTLE_RETRY_BUDGET;
use tencentcloud_client::credentials::{
    Credential, StaticSource, ENV_DOMAIN, ENV_GAAP_ENDPOINT, ENV_SECRET_ID, ENV_SECRET_KEY,
    ENV_SECURITY_TOKEN,
};
use tencentcloud_client::gaap::check_proxy_create::{DOCUMENTED_RATE_LIMIT, SERVICE};
use tencentcloud_client::{
    ClientConfig, ClientError, DescribeAccessRegionsByDestRegionRequest,
    DescribeDestRegionsRequest, GaapClient,
};

use super::answers::{AccessOptions, Answer, Catalogue, DEST_REGION_SET, RECORDED_QUALITY_TYPES};
use super::catalogue_file::{self, CatalogueFile};

/// Error codes, with their sub-codes, that answer the request itself (this origin
/// does not take this option, the operation is not offered there): recorded and
/// replayed. Any other error stops the recording.
pub const RECORDED_ERROR_CODES: &[&str] = &[
    "InvalidParameter",
    "InvalidParameterValue",
    "MissingParameter",
    "UnknownParameter",
    "UnsupportedOperation",
    "FailedOperation",
    "ResourceNotFound",
];

/// Whether an API error `code` is recorded rather than ending the recording.
pub fn answers_the_request(code: &str) -> bool {
    RECORDED_ERROR_CODES.iter().any(|c| {
        code == *c
            || code
                .strip_prefix(c)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// The permissions the recorder's key needs (a read-only policy).
pub const CAM_ACTIONS: &str = "gaap:DescribeDestRegions and gaap:DescribeAccessRegionsByDestRegion";

/// What the recorder signs with and where it sends, from the environment.
#[derive(Debug, Clone)]
pub struct RecordSettings {
    pub credential: Credential,
    pub client: ClientConfig,
}

/// Why a recording failed. Messages never show a secret.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("{0}")]
    Environment(String),
    #[error("the GAAP endpoint (from {ENV_GAAP_ENDPOINT}, else {ENV_DOMAIN}) is not usable: {0}")]
    Endpoint(#[source] Box<ClientError>),
    #[error("{action} {request} failed: {source}{hint}")]
    Call {
        action: &'static str,
        request: String,
        #[source]
        source: Box<ClientError>,
        hint: String,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn non_empty(lookup: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    lookup(name).filter(|v| !v.is_empty())
}

/// The credential and endpoint from the environment (`lookup` reads a variable).
pub fn settings_from_env(
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<RecordSettings, RecordError> {
    let id = non_empty(lookup, ENV_SECRET_ID);
    let key = non_empty(lookup, ENV_SECRET_KEY);
    let missing: Vec<&str> = [
        (ENV_SECRET_ID, id.is_none()),
        (ENV_SECRET_KEY, key.is_none()),
    ]
    .into_iter()
    .filter(|(_, absent)| *absent)
    .map(|(name, _)| name)
    .collect();
    let (Some(id), Some(key)) = (id, key) else {
        let verb = if missing.len() == 1 { "is" } else { "are" };
        return Err(RecordError::Environment(format!(
            "{} {verb} not set: `gaap-emulator record` signs with a key from the environment \
             only ({ENV_SECRET_ID} and {ENV_SECRET_KEY}, plus {ENV_SECURITY_TOKEN} for a \
             temporary key); it reads no profile and assumes no role. A read-only key is \
             enough: it needs {CAM_ACTIONS}.",
            missing.join(" and ")
        )));
    };
    let token = non_empty(lookup, ENV_SECURITY_TOKEN);
    for (name, value) in [
        (ENV_SECRET_ID, Some(&id)),
        (ENV_SECRET_KEY, Some(&key)),
        (ENV_SECURITY_TOKEN, token.as_ref()),
    ] {
        if value.is_some_and(|v| v.trim() != v) {
            return Err(RecordError::Environment(format!(
                "{name} has whitespace around it; remove it (the API does not trim keys)."
            )));
        }
    }
    let mut client = ClientConfig {
        rate_limit: DOCUMENTED_RATE_LIMIT,
        request_client: format!("gaap-emulator/{}", env!("CARGO_PKG_VERSION")),
        // Ride out throttling shared with other tools, as the provider does.
        throttle_retry_budget: OFFICIAL_THROTTLE_RETRY_BUDGET,
        ..ClientConfig::default()
    };
    if let Some(url) = non_empty(lookup, ENV_GAAP_ENDPOINT) {
        client = client.with_endpoint(SERVICE, url);
    } else if let Some(domain) = non_empty(lookup, ENV_DOMAIN) {
        client.domain = domain;
    }
    Ok(RecordSettings {
        credential: Credential {
            secret_id: id,
            secret_key: key.into(),
            token: token.map(Into::into),
        },
        client,
    })
}

/// One raw call: its answer without `RequestId`, or the error it answered when that
/// error [`answers_the_request`].
async fn call<A: Action + Clone>(client: &GaapClient, request: &A) -> Result<Answer, RecordError> {
    match client.call(&Raw(request.clone()), cancel::never()).await {
        Ok(mut answer) => {
            answer.shift_remove("RequestId");
            Ok(answer)
        }
        Err(ClientError::Api(api)) if answers_the_request(&api.code) => {
            let mut error = Map::new();
            error.insert("Code".into(), Value::from(api.code));
            error.insert("Message".into(), Value::from(api.message));
            let mut answer = Map::new();
            answer.insert("Error".into(), Value::Object(error));
            Ok(answer)
        }
        Err(source) => {
            let hint = match &source {
                // A missing permission (`UnauthorizedOperation`,
                // `AuthFailure.UnauthorizedOperation`), not a wrong key.
                ClientError::Api(api) if api.code.contains("UnauthorizedOperation") => {
                    format!(" (the key needs {CAM_ACTIONS})")
                }
                _ => String::new(),
            };
            Err(RecordError::Call {
                action: A::ACTION,
                request: serde_json::to_string(request).unwrap_or_default(),
                source: Box::new(source),
                hint,
            })
        }
    }
}

/// Records the catalogue, writing brief progress lines to `progress`.
pub async fn record(
    settings: RecordSettings,
    progress: &mut dyn Write,
) -> Result<CatalogueFile, RecordError> {
    let client = GaapClient::new(
        settings.client,
        Arc::new(StaticSource::new(settings.credential)),
    )
    .map_err(|e| RecordError::Endpoint(Box::new(e)))?;
    let endpoint = client
        .api()
        .endpoint(SERVICE)
        .map_err(|e| RecordError::Endpoint(Box::new(e)))?
        .display();
    let _ = writeln!(progress, "recording the GAAP catalogue from {endpoint}");

    let mut dest = BTreeMap::new();
    for quality_type in RECORDED_QUALITY_TYPES {
        let answer = call(&client, &DescribeDestRegionsRequest { quality_type }).await?;
        dest.insert(quality_type, answer);
    }
    let listed: Vec<&Value> = dest
        .values()
        .filter_map(|a: &Answer| a.get(DEST_REGION_SET))
        .filter_map(Value::as_array)
        .flatten()
        .collect();
    let origins: BTreeSet<String> = listed
        .iter()
        .filter_map(|r| r.get("RegionId").and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    let without_id = listed
        .iter()
        .filter(|r| r.get("RegionId").and_then(Value::as_str).is_none())
        .count();
    let _ = writeln!(
        progress,
        "DescribeDestRegions: {} origins{}; {} DescribeAccessRegionsByDestRegion calls follow",
        origins.len(),
        if without_id > 0 {
            format!(" ({without_id} entries without a RegionId skipped)")
        } else {
            String::new()
        },
        origins.len() * AccessOptions::recorded().len()
    );

    let mut access = BTreeMap::new();
    for (n, origin) in origins.iter().enumerate() {
        let requests: Vec<(AccessOptions, DescribeAccessRegionsByDestRegionRequest)> =
            AccessOptions::recorded()
                .into_iter()
                .map(|options| {
                    let request = DescribeAccessRegionsByDestRegionRequest {
                        dest_region: origin.clone(),
                        ip_address_version: options.ip_version.clone(),
                        package_type: options.package.clone(),
                    };
                    (options, request)
                })
                .collect();
        // The limiter paces them; at most one origin's calls are in flight.
        let answers = futures_util::future::join_all(
            requests.iter().map(|(_, request)| call(&client, request)),
        )
        .await;
        let mut by_options = BTreeMap::new();
        for ((options, _), answer) in requests.into_iter().zip(answers) {
            by_options.insert(options, answer?);
        }
        let errors = by_options
            .values()
            .filter(|a| a.contains_key("Error"))
            .count();
        let _ = writeln!(
            progress,
            "  [{}/{}] {origin}{}",
            n + 1,
            origins.len(),
            if errors > 0 {
                format!(" ({errors} answered an error, recorded)")
            } else {
                String::new()
            }
        );
        access.insert(origin.clone(), by_options);
    }
    Ok(CatalogueFile {
        endpoint,
        recorded_at: OffsetDateTime::now_utc()
            .replace_nanosecond(0)
            .unwrap_or_else(|_| OffsetDateTime::now_utc()),
        catalogue: Catalogue::from_answers(dest, access),
    })
}

/// Writes `text` to `path` atomically: a temporary file beside it, flushed to disk,
/// then renamed over `path`; on failure the temporary file is removed.
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path.file_name().ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path names no file")
    })?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temporary = dir.join(format!(
        ".{}.{}-{:08x}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        fastrand::u32(..)
    ));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// The whole command: settings from `lookup`, the recording, the file at `out`.
/// Gives the number of answers written.
pub async fn run(
    out: &Path,
    lookup: &dyn Fn(&str) -> Option<String>,
    progress: &mut dyn Write,
) -> Result<usize, RecordError> {
    let settings = settings_from_env(lookup)?;
    let file = record(settings, progress).await?;
    let count = file.catalogue.dest_answers().len()
        + file
            .catalogue
            .access_answers()
            .values()
            .map(BTreeMap::len)
            .sum::<usize>();
    write_atomically(out, &catalogue_file::render(&file)).map_err(|source| RecordError::Write {
        path: out.display().to_string(),
        source,
    })?;
    let _ = writeln!(progress, "wrote {count} answers to {}", out.display());
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    fn environment_error(vars: &[(&str, &str)]) -> String {
        match settings_from_env(&env(vars)) {
            Err(RecordError::Environment(m)) => m,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_keys_are_named() {
        let m = environment_error(&[]);
        assert!(
            m.starts_with("TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set"),
            "{m}"
        );
        assert!(m.contains("no profile") && m.contains(CAM_ACTIONS), "{m}");
        let m = environment_error(&[
            ("TENCENTCLOUD_SECRET_ID", "AKID1"),
            ("TENCENTCLOUD_SECRET_KEY", ""),
        ]);
        assert!(m.starts_with("TENCENTCLOUD_SECRET_KEY is not set"), "{m}");
        let m = environment_error(&[("TENCENTCLOUD_SECRET_KEY", "s3cret")]);
        assert!(
            m.starts_with("TENCENTCLOUD_SECRET_ID is not set") && !m.contains("s3cret"),
            "{m}"
        );
        let m = environment_error(&[
            ("TENCENTCLOUD_SECRET_ID", "AKID1"),
            ("TENCENTCLOUD_SECRET_KEY", "s3cret "),
        ]);
        assert!(
            m.contains("TENCENTCLOUD_SECRET_KEY has whitespace") && !m.contains("s3cret"),
            "{m}"
        );
    }

    #[test]
    fn endpoint_from_the_endpoint_else_the_domain_else_the_default() {
        let keys = [
            ("TENCENTCLOUD_SECRET_ID", "AKID1"),
            ("TENCENTCLOUD_SECRET_KEY", "k"),
        ];
        let url = |extra: &[(&str, &str)]| {
            let vars: Vec<(&str, &str)> = keys.iter().chain(extra).copied().collect();
            settings_from_env(&env(&vars))
                .unwrap()
                .client
                .endpoint_url("gaap")
        };
        assert_eq!(url(&[]), "https://gaap.intl.tencentcloudapi.com");
        assert_eq!(
            url(&[("TENCENTCLOUD_DOMAIN", "tencentcloudapi.com")]),
            "https://gaap.tencentcloudapi.com"
        );
        assert_eq!(
            url(&[
                ("TENCENTCLOUD_DOMAIN", "tencentcloudapi.com"),
                ("TENCENTCLOUD_GAAP_ENDPOINT", "http://127.0.0.1:9")
            ]),
            "http://127.0.0.1:9"
        );
        assert_eq!(
            url(&[
                ("TENCENTCLOUD_GAAP_ENDPOINT", ""),
                ("TENCENTCLOUD_DOMAIN", "")
            ]),
            "https://gaap.intl.tencentcloudapi.com"
        );
        let settings = settings_from_env(&env(&[
            ("TENCENTCLOUD_SECRET_ID", "AKID1"),
            ("TENCENTCLOUD_SECRET_KEY", "s3cret"),
            ("TENCENTCLOUD_SECURITY_TOKEN", "tok3n"),
        ]))
        .unwrap();
        assert_eq!(settings.client.rate_limit, 20.0);
        assert_eq!(settings.credential.exposed_token(), Some("tok3n"));
        let debug = format!("{settings:?}");
        assert!(
            !debug.contains("s3cret") && !debug.contains("tok3n"),
            "{debug}"
        );
    }

    #[test]
    fn which_errors_are_recorded() {
        for code in [
            "InvalidParameterValue",
            "InvalidParameterValue.UnknownDestRegion",
            "UnsupportedOperation",
            "FailedOperation.NotSupportOldVersionProxy",
            "ResourceNotFound",
        ] {
            assert!(answers_the_request(code), "{code}");
        }
        for code in [
            "AuthFailure.SignatureFailure",
            "UnauthorizedOperation",
            "RequestLimitExceeded",
            "InternalError",
            "InvalidParameterValueX",
            "ResourceUnavailable",
        ] {
            assert!(!answers_the_request(code), "{code}");
        }
    }

    #[test]
    fn atomic_write_replaces_and_leaves_nothing_behind() {
        let dir = std::env::temp_dir().join(format!("gaap-record-{}", fastrand::u64(..)));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("catalogue.json");
        write_atomically(&path, "one").unwrap();
        write_atomically(&path, "two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["catalogue.json"]);
        assert!(write_atomically(&dir.join("missing").join("x.json"), "x").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
