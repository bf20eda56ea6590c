//! End-to-end tests of the official provider's logins with real Terraform (the
//! pinned 1.0.3): each provider block below is written as for the official
//! `tencentcloud` provider, and the emulator serves STS (OIDC, SAML, MFA, AssumeRole,
//! GetCallerIdentity) and GAAP. The stats show which STS calls were made.
//!
//! Run `make install-tools` once to get the pinned Terraform.

#[allow(dead_code)] // each test binary uses a part of the support
mod e2e;

use e2e::emulator::{self, TestEmulator};
use e2e::tools;
use e2e::Workspace;
use gaap_emulator::sts::{mint_saml_assertion, mint_web_identity_token, DEMO_MFA_TOKEN_CODE};
use gaap_emulator::Knobs;

/// A configuration with this provider block and one check.
fn main_tf(provider_block: &str) -> String {
    format!(
        r#"
terraform {{
  required_providers {{
    gaap = {{
      source = "registry.terraform.io/gaap-community/gaap"
    }}
  }}
}}

provider "gaap" {{
{provider_block}
}}

data "gaap_proxy_create_check" "c" {{
  access_region      = "SouthChina"
  real_server_region = "EastChina"
  bandwidth          = 10
  concurrent         = 2
}}

output "flag" {{
  value = data.gaap_proxy_create_check.c.check_flag
}}
"#
    )
}

/// A workspace on the pinned Terraform whose GAAP and STS are the emulator; no
/// keys unless `with_keys`, and an empty profile directory.
fn workspace(emu: &TestEmulator, provider_block: &str, with_keys: bool) -> Workspace {
    let tf = &tools::all()[0];
    let mut ws = Workspace::new(tf, &main_tf(provider_block));
    let profiles = ws.path().join("tccli");
    std::fs::create_dir_all(&profiles).unwrap();
    ws.env("TENCENTCLOUD_GAAP_ENDPOINT", &emu.url())
        .env("TENCENTCLOUD_STS_ENDPOINT", &emu.url())
        .env(
            "TENCENTCLOUD_SHARED_CREDENTIALS_DIR",
            &profiles.display().to_string(),
        );
    if with_keys {
        ws.env("TENCENTCLOUD_SECRET_ID", emulator::SECRET_ID)
            .env("TENCENTCLOUD_SECRET_KEY", emulator::SECRET_KEY);
    }
    ws
}

fn plan_ok(ws: &Workspace) {
    let out = ws.run_traced(&["plan", "-input=false"]).success();
    assert!(
        out.shown().contains("flag") || out.shown().contains("check_flag"),
        "{}",
        out.describe()
    );
}

#[test]
fn web_identity_from_a_token_file_without_any_key() {
    let emu = TestEmulator::start(Knobs::default());
    let dir = tempfile::tempdir().unwrap();
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, mint_web_identity_token("ci:deployer")).unwrap();
    let ws = workspace(
        &emu,
        &format!(
            r#"  assume_role_with_web_identity {{
    provider_id             = "OIDC"
    role_arn                = "qcs::cam::uin/200000000002:roleName/gaap-reader"
    session_name            = "ci-run"
    session_duration        = 3600
    web_identity_token_file = "{}"
  }}"#,
            token_file.display()
        ),
        false,
    );
    plan_ok(&ws);
    let stats = emu.stats();
    assert!(
        stats.count("AssumeRoleWithWebIdentity", "ok") >= 1,
        "{stats:?}"
    );
    assert!(stats.count("CheckProxyCreate", "ok") >= 1, "{stats:?}");

    // A token the identity provider never issued: the service's error, not the token.
    std::fs::write(&token_file, "eyJ.forged.token").unwrap();
    let out = ws.run_traced(&["plan", "-input=false"]).failure();
    let shown = out.shown();
    assert!(
        shown.contains("InvalidParameter.WebIdentityTokenError"),
        "{}",
        out.describe()
    );
    assert!(!shown.contains("eyJ.forged.token"), "{}", out.describe());
}

#[test]
fn saml_assertion_without_any_key() {
    let emu = TestEmulator::start(Knobs::default());
    let ws = workspace(
        &emu,
        &format!(
            r#"  assume_role_with_saml {{
    saml_assertion   = "{}"
    principal_arn    = "qcs::cam::uin/200000000002:saml-provider/corp-idp"
    role_arn         = "qcs::cam::uin/200000000002:roleName/gaap-reader"
    session_name     = "alice"
    session_duration = 3600
  }}"#,
            mint_saml_assertion("alice")
        ),
        false,
    );
    plan_ok(&ws);
    let stats = emu.stats();
    assert!(stats.count("AssumeRoleWithSAML", "ok") >= 1, "{stats:?}");
    assert!(stats.count("CheckProxyCreate", "ok") >= 1, "{stats:?}");
}

#[test]
fn mfa_certification_gets_a_session_token() {
    let emu = TestEmulator::start(Knobs::default());
    let block = |code: &str| {
        format!(
            r#"  mfa_certification {{
    serial_number    = "qcs::cam:uin/100000000001::mfa/softToken"
    token_code       = "{code}"
    duration_seconds = 1800
  }}"#
        )
    };
    plan_ok(&workspace(&emu, &block(DEMO_MFA_TOKEN_CODE), true));
    let stats = emu.stats();
    assert!(stats.count("GetSessionToken", "ok") >= 1, "{stats:?}");
    assert!(stats.count("CheckProxyCreate", "ok") >= 1, "{stats:?}");

    let out = workspace(&emu, &block("424242"), true)
        .run_traced(&["plan", "-input=false"])
        .failure();
    let shown = out.shown();
    assert!(
        shown.contains("InvalidParameter.TempCodeNotAvaliable"),
        "{}",
        out.describe()
    );
    assert!(!shown.contains("424242"), "{}", out.describe());
}

#[test]
fn assume_role_is_chained_on_top_of_the_profiles_role() {
    let emu = TestEmulator::start(Knobs::default());
    let ws = workspace(
        &emu,
        r#"  assume_role {
    role_arn     = "qcs::cam::uin/300000000003:roleName/gaap-target"
    session_name = "tf-chained"
  }"#,
        false,
    );
    ws.write(
        "tccli/default.credential",
        &format!(
            r#"{{"secretId":"{}","secretKey":"{}","role-arn":"qcs::cam::uin/200000000002:roleName/jump","role-session-name":"profile-role"}}"#,
            emulator::SECRET_ID,
            emulator::SECRET_KEY
        ),
    );
    plan_ok(&ws);
    let stats = emu.stats();
    // The profile's role, then the block's role signed by it.
    assert!(stats.count("AssumeRole", "ok") >= 2, "{stats:?}");
    assert!(stats.count("CheckProxyCreate", "ok") >= 1, "{stats:?}");
}

#[test]
fn account_guards_allow_or_stop_before_any_gaap_call() {
    let emu = TestEmulator::start(Knobs::default());
    plan_ok(&workspace(
        &emu,
        r#"  allowed_account_ids = ["100000000001"]"#,
        true,
    ));
    let stats = emu.stats();
    assert!(stats.count("GetCallerIdentity", "ok") >= 1, "{stats:?}");
    assert!(stats.count("CheckProxyCreate", "ok") >= 1, "{stats:?}");

    emu.reset();
    let out = workspace(&emu, r#"  forbidden_account_ids = ["100000000001"]"#, true)
        .run_traced(&["plan", "-input=false"])
        .failure();
    assert!(
        out.shown().contains("account 100000000001 is not allowed"),
        "{}",
        out.describe()
    );
    let stats = emu.stats();
    assert_eq!(stats.total("CheckProxyCreate"), 0, "{stats:?}");

    // Both lists: a validate-time error, no call at all.
    emu.reset();
    let out = workspace(
        &emu,
        r#"  allowed_account_ids   = ["1"]
  forbidden_account_ids = ["2"]"#,
        true,
    )
    .run(&["validate"])
    .failure();
    assert!(out.shown().contains("not both"), "{}", out.describe());
    assert_eq!(emu.stats().total("GetCallerIdentity"), 0);
}

#[test]
fn official_precedence_cam_role_over_keys_and_env_role_needs_a_session_name() {
    let emu = TestEmulator::start(Knobs::default());
    // cam_role_name with static keys: the official provider uses the CVM role.
    let mut ws = workspace(
        &emu,
        &format!(r#"  cam_role_name = "{}""#, emulator::CAM_ROLE),
        true,
    );
    ws.env("TENCENTCLOUD_METADATA_ENDPOINT", &emu.url());
    plan_ok(&ws);
    let stats = emu.stats();
    assert!(stats.count("metadata", "ok") >= 1, "{stats:?}");
    assert!(stats.count("CheckProxyCreate", "ok") >= 1, "{stats:?}");

    // An env role ARN without a session name: ignored (as the official provider
    // does), with a warning that names the missing variable.
    emu.reset();
    let mut ws = workspace(&emu, "", true);
    ws.env(
        "TENCENTCLOUD_ASSUME_ROLE_ARN",
        "qcs::cam::uin/200000000002:roleName/gaap-reader",
    );
    let out = ws.run_traced(&["plan", "-input=false"]).success();
    assert!(
        out.shown().contains("Role From The Environment Ignored"),
        "{}",
        out.describe()
    );
    let stats = emu.stats();
    assert_eq!(stats.total("AssumeRole"), 0, "{stats:?}");
    assert!(stats.count("CheckProxyCreate", "ok") >= 1, "{stats:?}");
}

/// What the user was shown, on one line: Terraform wraps a diagnostic's lines and
/// frames them with `│`.
fn flat(out: &e2e::workspace::Outcome) -> String {
    out.shown()
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn mkfifo(path: &std::path::Path) {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: mkfifo(3) with a NUL-terminated path that lives across the call.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
}

/// A FIFO as a profile file or a token file used to hang `terraform plan` for ever
/// (the provider's event loop blocked in `open`; Ctrl-C and SIGTERM did not end it).
/// Each is now an error naming the file, at once, and no STS or GAAP call is made.
#[test]
fn fifo_profile_and_token_files_are_errors_not_hangs() {
    let emu = TestEmulator::start(Knobs::default());
    let bound = std::time::Duration::from_secs(60);
    let oidc = |token_file: &str| {
        format!(
            r#"  assume_role_with_web_identity {{
    role_arn                = "qcs::cam::uin/200000000002:roleName/gaap-reader"
    session_name            = "ci-run"
    web_identity_token_file = "{token_file}"
  }}"#
        )
    };
    let tokens = tempfile::tempdir().unwrap();
    let token = tokens.path().join("token");
    mkfifo(&token);
    let cases = [
        (
            "default.credential",
            String::new(),
            "shared credentials file",
        ),
        (
            "default.configure",
            String::new(),
            "shared configuration file",
        ),
        (
            "",
            oidc(&token.display().to_string()),
            "web_identity_token_file",
        ),
    ];
    for (profile_file, block, what) in cases {
        let mut ws = workspace(&emu, &block, false);
        ws.timeout(bound);
        let fifo = match profile_file {
            "" => token.clone(),
            name => ws.path().join("tccli").join(name),
        };
        if !profile_file.is_empty() {
            mkfifo(&fifo);
        }
        let started = std::time::Instant::now();
        let out = ws.run_traced(&["plan", "-input=false"]).failure();
        let shown = flat(&out);
        assert!(
            shown.contains(&format!("{what} {}", fifo.display())) && shown.contains("is a FIFO"),
            "{}",
            out.describe()
        );
        assert!(
            started.elapsed() < bound / 2,
            "{what}: {:?}",
            started.elapsed()
        );
    }
    let stats = emu.stats();
    assert_eq!(stats.total("AssumeRoleWithWebIdentity"), 0, "{stats:?}");
    assert_eq!(stats.total("CheckProxyCreate"), 0, "{stats:?}");
}

/// A 256 MiB token file went to STS as a 1.6 GB request body, twice; it is now
/// refused with the limit before any call.
#[test]
fn an_oversized_token_file_is_refused_before_any_sts_call() {
    let emu = TestEmulator::start(Knobs::default());
    let dir = tempfile::tempdir().unwrap();
    let token_file = dir.path().join("token");
    // Sparse: no disk is used.
    std::fs::File::create(&token_file)
        .unwrap()
        .set_len(256 << 20)
        .unwrap();
    let ws = workspace(
        &emu,
        &format!(
            r#"  assume_role_with_web_identity {{
    role_arn                = "qcs::cam::uin/200000000002:roleName/gaap-reader"
    session_name            = "ci-run"
    web_identity_token_file = "{}"
  }}"#,
            token_file.display()
        ),
        false,
    );
    let out = ws.run_traced(&["plan", "-input=false"]).failure();
    assert!(
        flat(&out).contains("is larger than the limit of 64 KiB (65536 bytes)"),
        "{}",
        out.describe()
    );
    let stats = emu.stats();
    assert_eq!(stats.total("AssumeRoleWithWebIdentity"), 0, "{stats:?}");
    assert_eq!(stats.total("CheckProxyCreate"), 0, "{stats:?}");
}
