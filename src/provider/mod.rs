//! The `gaap` provider: its configuration and the `gaap_proxy_create_check` data source.
