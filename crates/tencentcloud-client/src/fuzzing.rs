//! Entry points for the fuzz targets in the repository's `fuzz/` and for the root
//! package's `tests/fuzz_corpus.rs`, which replays their corpus on stable: one function
//! per target, each taking arbitrary bytes and calling the same parsers the client
//! uses on what a server or a file gives it. Not part of the client's API.
//!
//! Every function must return normally for every input; errors are expected answers,
//! and each one is formatted (Display and Debug) as a log line would.

use std::path::Path;

use crate::chain::assume_role::credential_from_answer;
use crate::credentials::parse_metadata_credentials;
use crate::credentials::profile::{parse_credential, parse_region};
use crate::error::ClientError;
use crate::gaap::check_proxy_create::CheckProxyCreateResponse;
use crate::response;
use crate::sts::assume_role::AssumeRoleResponse;

const ENDPOINT: &str = "https://fuzz.tencentcloudapi.com";

fn show<T: std::fmt::Debug, E: std::fmt::Debug + std::fmt::Display>(result: &Result<T, E>) {
    match result {
        Ok(value) => drop(format!("{value:?}")),
        Err(error) => drop(format!("{error} {error:?}")),
    }
}

/// Target `api_response`: the input as the body of an HTTP 200 answer, parsed as
/// `CheckProxyCreate`'s and as `AssumeRole`'s answer (or an API error envelope).
pub fn api_response(body: &[u8]) {
    let check = response::parse_with_request_id::<CheckProxyCreateResponse>(ENDPOINT, 200, body);
    show(&check);
    let sts = response::parse_with_request_id::<AssumeRoleResponse>(ENDPOINT, 200, body);
    show(&sts);
    // An error envelope is the same error whatever the action.
    if let (Err(ClientError::Api(a)), Err(ClientError::Api(b))) = (&check, &sts) {
        assert_eq!(a, b, "one error envelope parsed two ways");
    }
}

/// Target `profile_files`: the input as the text of a tccli `<profile>.credential`
/// file and of a `<profile>.configure` file.
pub fn profile_files(text: &[u8]) {
    let text = String::from_utf8_lossy(text);
    let credential = parse_credential(&text, Path::new("fuzz.credential"));
    show(&credential);
    if let Some(region) = parse_region(&text) {
        assert!(
            !region.is_empty() && region.trim() == region,
            "region {region:?} is blank or untrimmed"
        );
    }
}

/// Target `credential_answers`: the input as the CVM metadata service's answer (the
/// role's temporary keys) and as the body of an STS `AssumeRole` answer, through to
/// the temporary credential each yields.
pub fn credential_answers(body: &[u8]) {
    let text = String::from_utf8_lossy(body);
    let metadata = parse_metadata_credentials(&text);
    if let Ok(temporary) = &metadata {
        let c = &temporary.credential;
        assert!(
            !c.secret_id.is_empty()
                && !c.secret_key.expose().is_empty()
                && c.exposed_token().is_some_and(|t| !t.is_empty()),
            "the metadata answer gave an empty key"
        );
    }
    show(&metadata);
    if let Ok(answer) = response::parse::<AssumeRoleResponse>(ENDPOINT, 200, body) {
        let credential = credential_from_answer(answer);
        show(&credential);
    }
}
