//! What GAAP offers, as the provider shows and uses it: the region objects of the
//! `gaap_dest_regions` and `gaap_access_regions` data sources ([`regions`]), and the
//! pure parts of an explained check: why a check answered 0 and what would answer 1
//! ([`explain`]), and "did you mean" for unknown regions ([`edit_distance`]).

pub mod edit_distance;
pub mod explain;
pub mod regions;
