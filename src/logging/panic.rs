//! A panic hook Terraform can see.
//!
//! Terraform records plugin stderr lines starting `panic: ` (and the unprefixed lines
//! after them) even when provider logging is off, and prints them as "Stack trace from
//! the ... plugin" with "The ... plugin crashed!" (terraform `internal/logging/panic.go`).
//! Rust's default `thread 'x' panicked at` text does not match, so we write our own.

use std::backtrace::Backtrace;
use std::io::Write;
use std::panic::PanicHookInfo;

/// Installs the hook for the whole process.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let text = panic_report(info, &Backtrace::force_capture().to_string());
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
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

#[cfg(test)]
mod tests {
    use super::*;

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
