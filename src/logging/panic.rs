//! A panic hook Terraform can see.
//!
//! Terraform records plugin stderr lines starting `panic: ` (and the unprefixed lines
//! after them) even when provider logging is off, and prints them as "Stack trace from
//! the ... plugin" with "The ... plugin crashed!" (terraform `internal/logging/panic.go`).
//! That recorder sits on go-plugin's *Error* level, and go-plugin (v1.6, Terraform 1.11)
//! logs plain non-JSON stderr lines at Debug whatever they start with (checked with
//! Terraform 1.11.4). Rust's default `thread 'x' panicked at` text matches neither, so
//! each line of our report is written as an hclog JSON entry at `error` level, the first
//! one's `@message` starting `panic: `.

use std::backtrace::Backtrace;
use std::io::Write;
use std::panic::PanicHookInfo;

use tracing::Level;

use super::line::render;

/// Installs the hook for the whole process.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let text = panic_report(info, &Backtrace::force_capture().to_string());
        let lines = as_log_lines(&text, time::OffsetDateTime::now_utc());
        let _ = std::io::stderr().lock().write_all(lines.as_bytes());
    }));
}

/// The text written for one panic: `panic: <message>`, then where and the backtrace.
pub fn panic_report(info: &PanicHookInfo<'_>, backtrace: &str) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(non-string panic payload)");
    let location = info
        .location()
        .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
        .unwrap_or_else(|| "unknown location".to_owned());
    let thread = std::thread::current();
    let thread = thread.name().unwrap_or("unnamed");
    format_report(message, thread, &location, backtrace)
}

/// Pure formatting of [`panic_report`].
pub fn format_report(message: &str, thread: &str, location: &str, backtrace: &str) -> String {
    // Keep the first line one line, whatever the message holds.
    let first = message.replace('\n', " ");
    let mut text = format!("panic: {first}\n\nthread '{thread}' at {location}\n");
    if !backtrace.is_empty() {
        text.push('\n');
        text.push_str(backtrace.trim_end());
        text.push('\n');
    }
    text
}

/// Each line of `report` as an hclog JSON line at `error` level (module `provider`).
pub fn as_log_lines(report: &str, at: time::OffsetDateTime) -> String {
    let mut out = String::new();
    for line in report.lines() {
        out.push_str(&render(
            Level::ERROR,
            "provider",
            line,
            at,
            serde_json::Map::new(),
        ));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_lines_are_error_entries_first_starting_with_panic() {
        let report = format_report("boom", "main", "src/main.rs:1:1", "  0: frame");
        let text = as_log_lines(
            &report,
            time::macros::datetime!(2026-11-28 01:16:16.504989 UTC),
        );
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), report.lines().count());
        assert!(lines.iter().all(|l| l["@level"] == "error"));
        assert_eq!(lines[0]["@message"], "panic: boom");
        assert_eq!(lines[0]["@timestamp"], "2026-11-28T01:16:16.504989Z");
        assert_eq!(lines.last().unwrap()["@message"], "  0: frame");
    }

    #[test]
    fn report_starts_with_go_style_panic_line() {
        let text = format_report(
            "index out of\nrange",
            "tokio-runtime-worker",
            "src/x.rs:3:9",
            "  0: frame",
        );
        assert!(text.starts_with("panic: index out of range\n"), "{text}");
        assert!(text.contains("thread 'tokio-runtime-worker' at src/x.rs:3:9"));
        assert!(text.ends_with("  0: frame\n"));
    }
}
