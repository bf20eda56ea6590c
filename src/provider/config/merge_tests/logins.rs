//! Logins in `Configure`: the role, SAML, OIDC, MFA and pod logins from the blocks and
//! from the environment, which steps they make and in which order, and what a half-set
//! login says.

use super::*;

#[test]
fn assume_role_block_and_env() {
    let block = obj(&[
        ("role_arn", s("arn-cfg")),
        ("session_name", s("cfg")),
        ("session_duration", Value::Null),
        ("policy", s("{}")),
        ("external_id", Value::Null),
    ]);
    let env = [
        ("TENCENTCLOUD_ASSUME_ROLE_ARN", "arn-env"),
        ("TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME", "env"),
        ("TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION", "900"),
        ("TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID", "ext"),
    ];
    let r = ok(&[("assume_role", Value::List(vec![block.clone()]))], &env)
        .credentials
        .assume_role
        .unwrap();
    assert_eq!(
        r,
        AssumeRoleSettings {
            role_arn: "arn-cfg".into(),
            session_name: "cfg".into(),
            session_duration: 900,
            policy: Some("{}".into()),
            external_id: Some("ext".into()),
            ..Default::default()
        }
    );
    // The official provider's environment path: ARN and session name log in before
    // any block (here both: the block's AssumeRole is signed by the env role).
    let both = ok(&[("assume_role", Value::List(vec![block.clone()]))], &env).credentials;
    assert!(matches!(
        both.env_login,
        Some(LoginStep::AssumeRole(ref r)) if r.role_arn == "arn-env" && r.session_name == "env"
            && r.session_duration == 900 && r.external_id.as_deref() == Some("ext")
    ));
    let c = ok(&[], &env).credentials;
    assert_eq!(c.assume_role, None);
    assert!(matches!(c.env_login, Some(LoginStep::AssumeRole(ref r)) if r.role_arn == "arn-env"));
    // An ARN without a session name is ignored, with a warning that says what is
    // missing (the official provider ignores it silently).
    let alone = ok(&[], &[("TENCENTCLOUD_ASSUME_ROLE_ARN", "a")]);
    assert_eq!(alone.credentials.env_login, None);
    assert_eq!(alone.credentials.assume_role, None);
    assert_eq!(alone.warnings.len(), 1);
    assert!(alone.warnings.0[0]
        .detail
        .contains("TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME is not"));
    // A block without a session name gets the default one.
    let block_alone = obj(&[("role_arn", s("arn-cfg"))]);
    let r = ok(&[("assume_role", Value::List(vec![block_alone]))], &[])
        .credentials
        .assume_role
        .unwrap();
    assert_eq!(r.session_duration, 7200);
    assert_eq!(r.session_name, "terraform-provider-gaap");
    assert_eq!(ok(&[], &[]).credentials.assume_role, None);
    // A block whose ARN is nowhere: an error naming the argument and the variable.
    let got = details(
        &[(
            "assume_role",
            Value::List(vec![obj(&[("session_name", s("x-y"))])]),
        )],
        &[],
    );
    assert!(
        got[0].contains("`role_arn`") && got[0].contains("TENCENTCLOUD_ASSUME_ROLE_ARN"),
        "{got:?}"
    );
    // The ARN from the environment, as the official provider's default.
    let from_env = ok(
        &[(
            "assume_role",
            Value::List(vec![obj(&[("session_name", s("x-y"))])]),
        )],
        &[("TENCENTCLOUD_ASSUME_ROLE_ARN", "arn-env")],
    )
    .credentials;
    assert_eq!(from_env.assume_role.unwrap().role_arn, "arn-env");
    assert_eq!(from_env.env_login, None);
    let got = details(
        &[],
        &[
            ("TENCENTCLOUD_ASSUME_ROLE_ARN", "a"),
            ("TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME", "sess"),
            ("TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION", "43201"),
        ],
    );
    assert!(
        got[0].contains("TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION"),
        "{got:?}"
    );
}

fn kinds(c: &CredentialSettings) -> Vec<String> {
    let name = |s: &LoginStep| match s {
        LoginStep::AssumeRole(r) => format!("AssumeRole({})", r.role_arn),
        LoginStep::WebIdentity(w) => format!("WebIdentity({}:{:?})", w.role_arn, w.token),
        LoginStep::Saml(s) => format!("Saml({})", s.role_arn),
        LoginStep::SessionToken(m) => {
            format!("SessionToken({},{})", m.serial_number, m.duration_seconds)
        }
    };
    c.env_login
        .iter()
        .map(name)
        .chain(
            c.assume_role
                .iter()
                .map(|r| format!("Block({})", r.role_arn)),
        )
        .chain(c.then.iter().map(name))
        .collect()
}

/// Every login the official provider knows, from the configuration or the
/// environment: which steps, in which order.
#[test]
fn login_table() {
    let web =
        |set: &[(&str, Value)]| ("assume_role_with_web_identity", Value::List(vec![obj(set)]));
    type Row<'a> = (Vec<(&'a str, Value)>, Vec<(&'a str, &'a str)>, Vec<&'a str>);
    let rows: Vec<Row> = vec![
        (
            vec![web(&[
                ("role_arn", s("r")),
                ("session_name", s("ci")),
                ("web_identity_token_file", s("/t")),
            ])],
            vec![],
            vec!["WebIdentity(r:File(\"/t\"))"],
        ),
        (
            // The token wins over the file; the rest from the environment.
            vec![web(&[
                ("web_identity_token", s("tok")),
                ("web_identity_token_file", s("/t")),
            ])],
            vec![
                ("TENCENTCLOUD_ASSUME_ROLE_ARN", "r-env"),
                ("TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME", "ci"),
            ],
            // The env path logs in too (the official provider does both).
            vec!["AssumeRole(r-env)", "WebIdentity(r-env:Inline(<redacted>))"],
        ),
        (
            vec![],
            vec![
                ("TENCENTCLOUD_ASSUME_ROLE_ARN", "r"),
                ("TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME", "ci"),
                ("TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN", "tok"),
            ],
            vec!["WebIdentity(r:Inline(<redacted>))"],
        ),
        (
            vec![],
            vec![
                ("TENCENTCLOUD_ASSUME_ROLE_ARN", "r"),
                ("TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME", "ci"),
                ("TENCENTCLOUD_ASSUME_ROLE_SAML_ASSERTION", "PHN"),
                ("TENCENTCLOUD_ASSUME_ROLE_PRINCIPAL_ARN", "p"),
            ],
            vec!["Saml(r)"],
        ),
        (
            vec![(
                "assume_role_with_saml",
                Value::List(vec![obj(&[
                    ("saml_assertion", s("PHN")),
                    ("principal_arn", s("p")),
                    ("role_arn", s("r")),
                    ("session_name", s("alice")),
                ])]),
            )],
            vec![],
            vec!["Saml(r)"],
        ),
        (
            vec![(
                "mfa_certification",
                Value::List(vec![obj(&[
                    ("serial_number", s("qcs::cam:uin/1::mfa/softToken")),
                    ("token_code", s("123456")),
                ])]),
            )],
            vec![
                ("TENCENTCLOUD_MFA_CERTIFICATION_SERIAL_NUMBER", "env-serial"),
                ("TENCENTCLOUD_MFA_CERTIFICATION_TOKEN_CODE", "654321"),
                ("TENCENTCLOUD_MFA_CERTIFICATION_DURATION_SECONDS", "900"),
            ],
            // Environment MFA first, then the block's (official order); the
            // block's duration falls back to the same variable.
            vec![
                "SessionToken(env-serial,900)",
                "SessionToken(qcs::cam:uin/1::mfa/softToken,900)",
            ],
        ),
        (
            vec![("enable_pod_oidc", Value::Bool(true))],
            vec![
                ("TKE_REGION", "ap-guangzhou"),
                ("TKE_PROVIDER_ID", "tke-oidc"),
                ("TKE_WEB_IDENTITY_TOKEN_FILE", "/var/run/tke/token"),
                ("TKE_ROLE_ARN", "r-pod"),
            ],
            vec!["WebIdentity(r-pod:File(\"/var/run/tke/token\"))"],
        ),
        (
            vec![(
                "assume_role",
                Value::List(vec![obj(&[
                    ("role_arn", s("r-block")),
                    ("serial_number", s("qcs::cam:uin/1::mfa/softToken")),
                ])]),
            )],
            vec![
                ("TENCENTCLOUD_ASSUME_ROLE_TOKEN_CODE", "123456"),
                ("TENCENTCLOUD_ASSUME_ROLE_SOURCE_IDENTITY", "100000000001"),
            ],
            vec!["Block(r-block)"],
        ),
    ];
    for (set, env, want) in rows {
        let c = ok(&set, &env).credentials;
        assert_eq!(kinds(&c), want, "{set:?} {env:?}");
    }
    let block = ok(
        &[(
            "assume_role",
            Value::List(vec![obj(&[
                ("role_arn", s("r-block")),
                ("serial_number", s("qcs::cam:uin/1::mfa/softToken")),
            ])]),
        )],
        &[
            ("TENCENTCLOUD_ASSUME_ROLE_TOKEN_CODE", "123456"),
            ("TENCENTCLOUD_ASSUME_ROLE_SOURCE_IDENTITY", "100000000001"),
        ],
    )
    .credentials
    .assume_role
    .unwrap();
    assert_eq!(block.token_code.as_deref(), Some("123456"));
    assert_eq!(block.source_identity.as_deref(), Some("100000000001"));
    assert!(!format!("{block:?}").contains("123456"));
}

/// Half-set logins: an error or a warning that names what is missing.
#[test]
fn half_set_logins_say_what_is_missing() {
    let got = details(
        &[(
            "assume_role_with_web_identity",
            Value::List(vec![obj(&[("role_arn", s("r"))])]),
        )],
        &[],
    );
    assert!(
        got.iter().any(|d| d.contains("web_identity_token_file")
            && d.contains("TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|d| d.contains("`session_name`")
                && d.contains("TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME")),
        "{got:?}"
    );
    let got = details(
        &[("enable_pod_oidc", Value::Bool(true))],
        &[("TKE_REGION", "x")],
    );
    assert!(
        got[0].contains("missing: TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN"),
        "{got:?}"
    );
    let got = details(
        &[],
        &[
            ("TENCENTCLOUD_ASSUME_ROLE_ARN", "r"),
            ("TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME", "ci"),
            ("TENCENTCLOUD_ASSUME_ROLE_SAML_ASSERTION", "PHN"),
        ],
    );
    assert!(
        got[0].contains("TENCENTCLOUD_ASSUME_ROLE_PRINCIPAL_ARN is not"),
        "{got:?}"
    );
    let warned = ok(
        &[],
        &[("TENCENTCLOUD_MFA_CERTIFICATION_SERIAL_NUMBER", "s")],
    );
    assert!(warned.credentials.then.is_empty());
    assert!(warned.warnings.0[0]
        .detail
        .contains("TENCENTCLOUD_MFA_CERTIFICATION_TOKEN_CODE is not"));
    let http = ok(&[("protocol", s("HTTP"))], &[]);
    assert!(http.warnings.0[0].detail.contains("HTTPS only"));
    assert!(ok(&[("protocol", s("HTTPS")), ("cos_domain", s("x"))], &[])
        .warnings
        .is_empty());
}
