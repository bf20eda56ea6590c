//! Security Token Service (STS) actions.

pub mod assume_role;
