//! Security Token Service (STS) actions.

pub mod assume_role;
pub mod assume_role_with_saml;
pub mod assume_role_with_web_identity;
pub mod get_caller_identity;
pub mod get_session_token;
mod secret_fields;
pub mod temporary_credential;
