//! Size limits of the credential inputs, checked before any network call: a file is
//! read no further than its limit (`local_file`), and a value given inline or by
//! environment variable is refused when it is over. Without them a 1 GiB profile file
//! took the provider to 1 GB of memory, and a 256 MiB token file went to STS as a
//! 1.6 GB request body (twice, with the retry).
//!
//! Each limit is far above what the input really is, so no real input is refused:
//! tccli writes profile files of a few hundred bytes, an OIDC token (a JWT, TKE's
//! projected service account token included) is 1 to 4 KiB, a base64 SAML assertion
//! 5 to 50 KiB. AWS STS documents 20,000 and 100,000 characters for the same two
//! inputs.

use crate::error::CredentialError;
use crate::local_file::describe_limit;

/// Largest tccli profile file read: `<profile>.credential` and `<profile>.configure`.
pub const PROFILE_FILE_MAX_BYTES: u64 = 64 * 1024;
/// Largest OIDC token: in `web_identity_token_file` (or `TKE_WEB_IDENTITY_TOKEN_FILE`),
/// and given inline (`web_identity_token` or its environment variable).
pub const WEB_IDENTITY_TOKEN_MAX_BYTES: u64 = 64 * 1024;
/// Largest SAML assertion (`saml_assertion` or its environment variable).
pub const SAML_ASSERTION_MAX_BYTES: u64 = 256 * 1024;

/// Refuses `value`, described by `what` ("the OIDC token (`web_identity_token` ...)"),
/// when it is longer than `limit` bytes. The message gives sizes, never the value.
pub(crate) fn check_size(what: &str, value: &str, limit: u64) -> Result<(), CredentialError> {
    let size = value.len() as u64;
    if size <= limit {
        return Ok(());
    }
    Err(CredentialError::Invalid(format!(
        "{what} is {size} bytes, larger than the limit of {}",
        describe_limit(limit)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_up_to_the_limit_pass_longer_ones_are_refused_unshown() {
        assert_eq!(check_size("the token", "abcd", 4), Ok(()));
        let Err(CredentialError::Invalid(message)) = check_size("the token", "abcde", 4) else {
            panic!("a value over the limit passed");
        };
        assert_eq!(
            message,
            "the token is 5 bytes, larger than the limit of 4 bytes"
        );
    }
}
