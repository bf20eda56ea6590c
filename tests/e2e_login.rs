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
