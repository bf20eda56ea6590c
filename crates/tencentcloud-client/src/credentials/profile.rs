//! tccli's shared files: `<dir>/<profile>.credential` (JSON `secretId`, `secretKey`,
//! optional `token`, `role-arn`, `role-session-name`) and `<dir>/<profile>.configure`
//! (JSON, region at `_sys_param.region`). Default dir `~/.tccli`, profile `default`.
//! Both are read through `local_file`: regular files (symlinks followed) of at most
//! [`PROFILE_FILE_MAX_BYTES`], within its time bound.

use std::path::{Path, PathBuf};

use sensitive::Sensitive;
use serde_json::Value;

use super::env::{ENV_PROFILE, ENV_SHARED_CREDENTIALS_DIR};
use super::limits::PROFILE_FILE_MAX_BYTES;
use super::settings::CredentialSettings;
use super::source::Credential;
use super::static_keys::{check_whitespace, non_empty};
use crate::error::CredentialError;
use crate::local_file::{self, LocalFileError};

/// Profile used when neither `profile` nor `TENCENTCLOUD_PROFILE` is set.
pub const DEFAULT_PROFILE: &str = "default";
/// tccli's directory; `~` is the user's home (`HOME`, else `USERPROFILE`).
pub const DEFAULT_SHARED_CREDENTIALS_DIR: &str = "~/.tccli";

const CREDENTIAL_SUFFIX: &str = ".credential";
const CONFIGURE_SUFFIX: &str = ".configure";

/// What a profile file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProfileCredential {
    pub credential: Credential,
    /// `role-arn`: the profile asks for AssumeRole on top of its keys.
    pub role_arn: Option<String>,
    pub role_session_name: Option<String>,
}

/// The profile file the chain looks at. `path` is `None` when `~` cannot be
/// expanded (no home directory); `display` is what messages show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProfileLocation {
    pub display: String,
    pub path: Option<PathBuf>,
}

fn home_dir() -> Option<PathBuf> {
    ["HOME", "USERPROFILE"]
        .iter()
        .filter_map(std::env::var_os)
        .find(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Expands a leading `~` (alone or followed by a separator) to `home`. Other
/// paths are returned unchanged; `None` when `~` is needed but `home` is unknown.
pub(crate) fn expand_tilde(path: &Path, home: Option<&Path>) -> Option<PathBuf> {
    let Ok(rest) = path.strip_prefix("~") else {
        return Some(path.to_path_buf());
    };
    home.map(|h| h.join(rest))
}

/// The profile name, validated: it becomes part of a file name, so path
/// separators and `..` are refused.
pub(crate) fn profile_name(settings: &CredentialSettings) -> Result<&str, CredentialError> {
    let name = non_empty(&settings.profile).unwrap_or(DEFAULT_PROFILE);
    if name.contains(['/', '\\']) || name == "." || name == ".." || name.trim() != name {
        return Err(CredentialError::Invalid(format!(
            "profile {name:?} (provider attribute `profile` or {ENV_PROFILE}) is not a valid \
             profile name: it must not contain path separators, be `.` or `..`, or have \
             whitespace around it."
        )));
    }
    Ok(name)
}

fn profile_file(
    settings: &CredentialSettings,
    suffix: &str,
) -> Result<ProfileLocation, CredentialError> {
    let name = profile_name(settings)?;
    let dir = settings
        .shared_credentials_dir
        .clone()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from(DEFAULT_SHARED_CREDENTIALS_DIR));
    let file = format!("{name}{suffix}");
    Ok(match expand_tilde(&dir, home_dir().as_deref()) {
        Some(dir) => {
            let path = dir.join(file);
            ProfileLocation {
                display: path.display().to_string(),
                path: Some(path),
            }
        }
        None => ProfileLocation {
            display: format!(
                "{} (not looked at: no home directory, HOME is not set)",
                dir.join(file).display()
            ),
            path: None,
        },
    })
}

/// Where the chain looks for `<profile>.credential`.
pub(crate) fn credential_location(
    settings: &CredentialSettings,
) -> Result<ProfileLocation, CredentialError> {
    profile_file(settings, CREDENTIAL_SUFFIX)
}

/// Reads a profile credential file: `Ok(None)` when it does not exist, `Invalid`
/// naming the file when it is not a regular file of at most
/// [`PROFILE_FILE_MAX_BYTES`], cannot be read, or is not what tccli writes; `Fetch`
/// when it cannot be read in time (see `local_file`).
pub(crate) async fn load_credential(
    path: &Path,
) -> Result<Option<ProfileCredential>, CredentialError> {
    match read_profile_file(path, "shared credentials file").await? {
        Some(text) => parse_credential(&text, path).map(Some),
        None => Ok(None),
    }
}

/// The text of a profile file (`what` names its kind in messages), `None` when it
/// does not exist.
async fn read_profile_file(path: &Path, what: &str) -> Result<Option<String>, CredentialError> {
    match local_file::read_text(path, PROFILE_FILE_MAX_BYTES).await {
        Ok(text) => Ok(Some(text)),
        Err(LocalFileError::NotFound) => Ok(None),
        Err(e) => Err(e.into_credential_error(
            &format!("the {what} {}", path.display()),
            &format!(
                "tccli's profile files are small regular files (or symlinks to one); fix the \
                 file, or choose another profile (`profile` or {ENV_PROFILE}) or directory \
                 (`shared_credentials_dir` or {ENV_SHARED_CREDENTIALS_DIR})"
            ),
        )),
    }
}

fn bad_file(path: &Path, what: &str) -> CredentialError {
    CredentialError::Invalid(format!(
        "the shared credentials file {} {what}; tccli writes a JSON object with the strings \
         \"secretId\" and \"secretKey\" (and optionally \"token\", \"role-arn\", \
         \"role-session-name\"). Fix the file, choose another profile (`profile` or \
         {ENV_PROFILE}) or directory (`shared_credentials_dir` or {ENV_SHARED_CREDENTIALS_DIR}).",
        path.display()
    ))
}

/// A string field; absent, null and empty count as unset. Never echoes the value.
fn string_field(
    object: &Value,
    field: &str,
    path: &Path,
) -> Result<Option<String>, CredentialError> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(bad_file(path, &format!("has a non-string \"{field}\""))),
    }
}

/// Parses the JSON of a `.credential` file. Error messages never contain the
/// file's text (serde_json's syntax errors give only line and column).
pub(crate) fn parse_credential(
    text: &str,
    path: &Path,
) -> Result<ProfileCredential, CredentialError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| bad_file(path, &format!("is not valid JSON ({e})")))?;
    if !value.is_object() {
        return Err(bad_file(path, "is not a JSON object"));
    }
    let id = string_field(&value, "secretId", path)?
        .ok_or_else(|| bad_file(path, "has no \"secretId\""))?;
    let key = string_field(&value, "secretKey", path)?
        .ok_or_else(|| bad_file(path, "has no \"secretKey\""))?;
    let token = string_field(&value, "token", path)?;
    let shown = path.display();
    check_whitespace(&format!("\"secretId\" in {shown}"), &id, true)?;
    check_whitespace(&format!("\"secretKey\" in {shown}"), &key, false)?;
    if let Some(token) = &token {
        check_whitespace(&format!("\"token\" in {shown}"), token, false)?;
    }
    Ok(ProfileCredential {
        credential: Credential {
            secret_id: id,
            secret_key: key.into(),
            token: token.map(Sensitive::new),
        },
        role_arn: string_field(&value, "role-arn", path)?,
        role_session_name: string_field(&value, "role-session-name", path)?,
    })
}

/// The region of the profile's `<profile>.configure` (`_sys_param.region`), for
/// the provider to use when `region` is not configured. `Ok(None)` when the file is
/// missing or has no region (a region is optional for GAAP), or when there is no
/// home directory or the profile name is invalid (building the credential reports
/// that). A file that exists but cannot be read (not a regular file, over
/// [`PROFILE_FILE_MAX_BYTES`], unreadable, too slow) is an error, as in the official
/// provider. Reads off the caller's thread within `local_file`'s time bound; drop
/// the future to stop waiting.
pub async fn profile_region(
    settings: &CredentialSettings,
) -> Result<Option<String>, CredentialError> {
    let Ok(ProfileLocation {
        path: Some(path), ..
    }) = profile_file(settings, CONFIGURE_SUFFIX)
    else {
        return Ok(None);
    };
    let text = read_profile_file(&path, "shared configuration file").await?;
    Ok(text.as_deref().and_then(parse_region))
}

pub(crate) fn parse_region(text: &str) -> Option<String> {
    let value: Value = serde_json::from_str(text).ok()?;
    let region = value.get("_sys_param")?.get("region")?.as_str()?.trim();
    (!region.is_empty()).then(|| region.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invalid_message(result: Result<impl std::fmt::Debug, CredentialError>) -> String {
        match result {
            Err(CredentialError::Invalid(m)) => m,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    fn in_dir(dir: &Path, profile: Option<&str>) -> CredentialSettings {
        CredentialSettings {
            profile: profile.map(str::to_owned),
            shared_credentials_dir: Some(dir.to_path_buf()),
            ..Default::default()
        }
    }

    #[test]
    fn good_file_with_token_and_role() {
        let p = Path::new("/x/default.credential");
        let parsed = parse_credential(
            r#"{"secretId":"AKID1","secretKey":"sk","token":"tok","role-arn":"qcs::cam::uin/1:roleName/r","role-session-name":"s1","type":"x"}"#,
            p,
        )
        .unwrap();
        assert_eq!(parsed.credential.secret_id, "AKID1");
        assert_eq!(parsed.credential.secret_key.expose(), "sk");
        assert_eq!(parsed.credential.exposed_token(), Some("tok"));
        assert_eq!(
            parsed.role_arn.as_deref(),
            Some("qcs::cam::uin/1:roleName/r")
        );
        assert_eq!(parsed.role_session_name.as_deref(), Some("s1"));
    }

    #[test]
    fn empty_optional_fields_are_unset() {
        let parsed = parse_credential(
            r#"{"secretId":"AKID1","secretKey":"sk","token":"","role-arn":""}"#,
            Path::new("f"),
        )
        .unwrap();
        assert_eq!(parsed.credential.token, None);
        assert_eq!(parsed.role_arn, None);
    }

    #[test]
    fn malformed_files_name_the_file_and_hide_the_content() {
        let p = Path::new("/home/u/.tccli/default.credential");
        let m = invalid_message(parse_credential(
            r#"{"secretId":"AKID1","secretKey":"hunter2""#,
            p,
        ));
        assert!(m.contains("/home/u/.tccli/default.credential"), "{m}");
        assert!(m.contains("not valid JSON"), "{m}");
        assert!(!m.contains("hunter2"), "{m}");
        let m = invalid_message(parse_credential(r#"["a"]"#, p));
        assert!(m.contains("not a JSON object"), "{m}");
        let m = invalid_message(parse_credential(r#"{"secretId":"AKID1"}"#, p));
        assert!(m.contains("no \"secretKey\""), "{m}");
        let m = invalid_message(parse_credential(
            r#"{"secretId":1,"secretKey":"hunter2"}"#,
            p,
        ));
        assert!(m.contains("non-string \"secretId\""), "{m}");
        assert!(!m.contains("hunter2"), "{m}");
    }

    #[test]
    fn whitespace_in_file_keys_is_rejected() {
        let p = Path::new("/d/default.credential");
        let m = invalid_message(parse_credential(
            r#"{"secretId":"AKID1","secretKey":"hunter2\n"}"#,
            p,
        ));
        assert!(m.contains("\"secretKey\" in /d/default.credential"), "{m}");
        assert!(m.contains("trailing whitespace"), "{m}");
        assert!(!m.contains("hunter2"), "{m}");
        let m = invalid_message(parse_credential(
            r#"{"secretId":" AKID1","secretKey":"k"}"#,
            p,
        ));
        assert!(m.contains("\" AKID1\""), "{m}");
    }

    #[tokio::test]
    async fn missing_file_is_none_unreadable_is_invalid() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            load_credential(&dir.path().join("nope.credential"))
                .await
                .unwrap(),
            None
        );
        // A directory where the file should be is not a profile file.
        let as_dir = dir.path().join("default.credential");
        std::fs::create_dir(&as_dir).unwrap();
        let m = invalid_message(load_credential(&as_dir).await);
        assert!(
            m.contains(&format!(
                "the shared credentials file {} is a directory, not a regular file",
                as_dir.display()
            )),
            "{m}"
        );
        assert!(m.contains("shared_credentials_dir"), "{m}");
    }

    /// A FIFO used to block the read (and the provider) for ever; an oversized file
    /// to be read whole. Both are refused before any parsing, naming the limit.
    #[cfg(unix)]
    #[tokio::test]
    async fn fifos_and_oversized_profile_files_are_refused() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        for suffix in [CREDENTIAL_SUFFIX, CONFIGURE_SUFFIX] {
            let fifo = dir.path().join(format!("default{suffix}"));
            let c_path = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
            // SAFETY: mkfifo(3) with a NUL-terminated path that lives across the call.
            assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        }
        let settings = in_dir(dir.path(), None);
        let path = dir.path().join("default.credential");
        let m = invalid_message(load_credential(&path).await);
        assert!(
            m.contains("is a FIFO (named pipe), not a regular file"),
            "{m}"
        );
        let m = invalid_message(profile_region(&settings).await);
        assert!(
            m.contains("the shared configuration file") && m.contains("is a FIFO"),
            "{m}"
        );

        let big = tempfile::tempdir().unwrap();
        let text = format!(
            r#"{{"secretId":"AKID1","secretKey":"k","pad":"{}"}}"#,
            "x".repeat(PROFILE_FILE_MAX_BYTES as usize)
        );
        std::fs::write(big.path().join("default.credential"), &text).unwrap();
        std::fs::write(big.path().join("default.configure"), &text).unwrap();
        let m = invalid_message(load_credential(&big.path().join("default.credential")).await);
        assert!(m.contains("larger than the limit of 64 KiB"), "{m}");
        let m = invalid_message(profile_region(&in_dir(big.path(), None)).await);
        assert!(m.contains("larger than the limit of 64 KiB"), "{m}");
    }

    #[tokio::test]
    async fn location_uses_dir_and_profile_and_reads_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("prod.credential"),
            r#"{"secretId":"AKIDprod","secretKey":"k"}"#,
        )
        .unwrap();
        let loc = credential_location(&in_dir(dir.path(), Some("prod"))).unwrap();
        assert_eq!(
            loc.path.as_deref(),
            Some(dir.path().join("prod.credential").as_path())
        );
        let got = load_credential(loc.path.as_deref().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(got.credential.secret_id, "AKIDprod");
        let loc = credential_location(&in_dir(dir.path(), None)).unwrap();
        assert!(
            loc.display.ends_with("default.credential"),
            "{}",
            loc.display
        );
    }

    #[test]
    fn profile_names_cannot_escape_the_directory() {
        let dir = Path::new("/d");
        for bad in ["../etc/passwd", "a/b", "a\\b", "..", " default"] {
            let m = invalid_message(profile_name(&in_dir(dir, Some(bad))));
            assert!(m.contains("not a valid profile name"), "{m}");
        }
        assert_eq!(profile_name(&in_dir(dir, Some(""))).unwrap(), "default");
    }

    #[test]
    fn tilde_expands_from_home_only_at_the_start() {
        let home = Path::new("/home/u");
        assert_eq!(
            expand_tilde(Path::new("~/.tccli"), Some(home)),
            Some(PathBuf::from("/home/u/.tccli"))
        );
        assert_eq!(
            expand_tilde(Path::new("~"), Some(home)),
            Some(PathBuf::from("/home/u"))
        );
        assert_eq!(
            expand_tilde(Path::new("/a/~/b"), Some(home)),
            Some(PathBuf::from("/a/~/b"))
        );
        assert_eq!(expand_tilde(Path::new("~/.tccli"), None), None);
    }

    #[tokio::test]
    async fn region_comes_from_the_configure_file() {
        assert_eq!(
            parse_region(r#"{"_sys_param":{"region":"ap-guangzhou","output":"json"},"cvm":{}}"#),
            Some("ap-guangzhou".to_owned())
        );
        assert_eq!(parse_region(r#"{"_sys_param":{"region":""}}"#), None);
        assert_eq!(parse_region(r#"{"region":"ap-guangzhou"}"#), None);
        assert_eq!(parse_region("not json"), None);

        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("dev.configure"),
            r#"{"_sys_param":{"region":"ap-singapore"}}"#,
        )
        .unwrap();
        assert_eq!(
            profile_region(&in_dir(dir.path(), Some("dev"))).await,
            Ok(Some("ap-singapore".to_owned()))
        );
        assert_eq!(
            profile_region(&in_dir(dir.path(), Some("other"))).await,
            Ok(None)
        );
        // Not JSON, or no region: none, as before (a region is optional).
        std::fs::write(dir.path().join("junk.configure"), "not json").unwrap();
        assert_eq!(
            profile_region(&in_dir(dir.path(), Some("junk"))).await,
            Ok(None)
        );
    }
}
