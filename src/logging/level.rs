//! Which log level to emit, from Terraform's environment variables.
//!
//! Terraform shows provider logs at `TF_LOG_PROVIDER`, falling back to `TF_LOG`
//! (TRACE, DEBUG, INFO, WARN, ERROR, OFF; `JSON` means TRACE; anything else means
//! TRACE with a warning), and filters again on its side. terraform-plugin-log also honours
//! `TF_LOG_PROVIDER_<TYPE>` on the provider side, so that one comes first (the caller
//! names it: [`super::LogOptions::level_env_vars`]).
//! With nothing set Terraform discards provider logs; we then emit errors only, which
//! are rare, cheap, and useful to anyone running the binary by hand.

use tracing::level_filters::LevelFilter;

/// The level when no variable is set.
pub const DEFAULT_LEVEL: LevelFilter = LevelFilter::ERROR;

/// Reads the level from the first of `env_vars` that is set and not empty, through
/// `get` (the process environment in production).
pub fn level_from_env(
    env_vars: &[impl AsRef<str>],
    get: impl Fn(&str) -> Option<String>,
) -> LevelFilter {
    env_vars
        .iter()
        .filter_map(|name| get(name.as_ref()))
        .map(|value| value.trim().to_owned())
        .find(|value| !value.is_empty())
        .map(|value| parse_level(&value))
        .unwrap_or(DEFAULT_LEVEL)
}

/// One value, case-insensitively, as Terraform reads it.
pub fn parse_level(value: &str) -> LevelFilter {
    match value.to_ascii_uppercase().as_str() {
        "TRACE" | "JSON" => LevelFilter::TRACE,
        "DEBUG" => LevelFilter::DEBUG,
        "INFO" => LevelFilter::INFO,
        "WARN" => LevelFilter::WARN,
        "ERROR" => LevelFilter::ERROR,
        "OFF" => LevelFilter::OFF,
        _ => LevelFilter::TRACE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let cases = [
            ("TRACE", LevelFilter::TRACE),
            ("debug", LevelFilter::DEBUG),
            ("Info", LevelFilter::INFO),
            ("WARN", LevelFilter::WARN),
            ("error", LevelFilter::ERROR),
            ("OFF", LevelFilter::OFF),
            ("JSON", LevelFilter::TRACE),
            ("verbose", LevelFilter::TRACE),
        ];
        for (value, want) in cases {
            assert_eq!(parse_level(value), want, "{value}");
        }
    }

    const ENV_VARS: [&str; 3] = ["TF_LOG_PROVIDER_EXAMPLE", "TF_LOG_PROVIDER", "TF_LOG"];

    #[test]
    fn precedence_table() {
        let cases: &[(&[(&str, &str)], LevelFilter)] = &[
            (&[], DEFAULT_LEVEL),
            (&[("TF_LOG", "debug")], LevelFilter::DEBUG),
            (
                &[("TF_LOG", "debug"), ("TF_LOG_PROVIDER", "warn")],
                LevelFilter::WARN,
            ),
            (
                &[("TF_LOG_PROVIDER", ""), ("TF_LOG", "info")],
                LevelFilter::INFO,
            ),
            (
                &[
                    ("TF_LOG_PROVIDER_EXAMPLE", "off"),
                    ("TF_LOG_PROVIDER", "trace"),
                ],
                LevelFilter::OFF,
            ),
        ];
        for (env, want) in cases {
            let got = level_from_env(&ENV_VARS, |name| {
                env.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            });
            assert_eq!(got, *want, "{env:?}");
        }
    }
}
