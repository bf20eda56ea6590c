//! `PrepareProviderConfig`: offline checks of the `provider "gaap"` block.

use crate::protocol::{AttributePath, Diagnostics, Value};
use crate::provider::defaults;
use crate::provider::schema::provider_attr as a;
use crate::provider::validators::{validate, Check};

const MAX_SESSION_DURATION: i64 = defaults::MAX_SESSION_DURATION as i64;
/// Upper bound of `max_retries`: beyond this a plan would spin for hours on a dead API.
pub const MAX_RETRIES_LIMIT: i64 = 100;

/// Checks of the top-level attributes.
pub const ATTRIBUTE_CHECKS: &[(&str, &[Check])] = &[
    (a::SECRET_ID, &[Check::NoSurroundingWhitespace]),
    (a::SECRET_KEY, &[Check::NoSurroundingWhitespace]),
    (a::SECURITY_TOKEN, &[Check::NoSurroundingWhitespace]),
    (a::REGION, &[Check::RegionNameOrEmpty]),
    (a::DOMAIN, &[Check::DomainName]),
    (a::ENDPOINT, &[Check::ApiUrl]),
    (a::PROFILE, &[Check::NonEmpty]),
    (a::SHARED_CREDENTIALS_DIR, &[Check::NonEmpty]),
    (a::REQUEST_TIMEOUT, &[Check::Positive]),
    (
        a::MAX_RETRIES,
        &[Check::WholeInRange {
            min: 0,
            max: Some(MAX_RETRIES_LIMIT),
        }],
    ),
    (a::RATE_LIMIT, &[Check::Positive]),
];

/// Checks inside the `assume_role` block.
pub const ASSUME_ROLE_CHECKS: &[(&str, &[Check])] = &[
    (a::ROLE_ARN, &[Check::NonEmpty]),
    (a::SESSION_NAME, &[Check::SessionName]),
    (
        a::SESSION_DURATION,
        &[Check::WholeInRange {
            min: 0,
            max: Some(MAX_SESSION_DURATION),
        }],
    ),
];

/// One error per invalid attribute, on its path (`assume_role[0].session_duration`).
/// Null and unknown values are skipped. Whether a key pair is complete is decided in
/// `Configure`, where the environment variables are merged in.
pub fn validate_config(config: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for (name, checks) in ATTRIBUTE_CHECKS {
        let value = config.attr(name).unwrap_or(&Value::Null);
        validate(&mut diags, &AttributePath::attribute(name), value, checks);
    }
    if let Some(blocks) = config.attr(a::ASSUME_ROLE).and_then(Value::as_list) {
        for (index, block) in blocks.iter().enumerate() {
            let base = AttributePath::attribute(a::ASSUME_ROLE).index(index as i64);
            for (name, checks) in ASSUME_ROLE_CHECKS {
                let value = block.attr(name).unwrap_or(&Value::Null);
                validate(&mut diags, &base.clone().attr(name), value, checks);
            }
        }
    }
    diags
}
