//! A tracing-subscriber [`Layer`] that writes hclog JSON lines (see [`super::line`]).
//!
//! Span fields (e.g. `tf_rpc`, `tf_req_id` set on an RPC's span) are copied into every
//! event inside the span, outermost span first, then the event's own fields.

use std::io::Write;

use serde_json::{Map, Value};
use tracing::field::{Field, Visit};
use tracing::level_filters::LevelFilter;
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

use super::line::render;
use super::modules::ModuleNames;

/// Where finished lines go.
pub trait LineSink: Send + Sync + 'static {
    /// Writes `line` (which ends with `\n`) in one piece.
    fn write_line(&self, line: &[u8]);
}

/// The process's stderr, which go-plugin's client reads line by line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stderr;

impl LineSink for Stderr {
    fn write_line(&self, line: &[u8]) {
        // Nothing sensible to do if stderr is gone.
        let _ = std::io::stderr().lock().write_all(line);
    }
}

/// The layer. Events of other crates (h2, hyper, tonic...) are emitted only at WARN and
/// above: below that they are transport noise.
#[derive(Debug)]
pub struct HclogLayer<S: LineSink = Stderr> {
    level: LevelFilter,
    modules: ModuleNames,
    sink: S,
}

impl<S: LineSink> HclogLayer<S> {
    /// A layer emitting the provider's own events (as `modules` lists them) at `level`
    /// and above to `sink`.
    pub fn new(level: LevelFilter, modules: ModuleNames, sink: S) -> Self {
        Self {
            level,
            modules,
            sink,
        }
    }

    fn wants(&self, metadata: &Metadata<'_>) -> bool {
        let own = self.modules.is_own(metadata.target());
        let ceiling = if own {
            self.level
        } else {
            self.level.min(LevelFilter::WARN)
        };
        metadata.level() <= &ceiling
    }
}

/// Fields recorded on a span, kept in its extensions.
struct SpanFields(Map<String, Value>);

impl<S, Sink> Layer<S> for HclogLayer<Sink>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    Sink: LineSink,
{
    fn enabled(&self, metadata: &Metadata<'_>, _ctx: Context<'_, S>) -> bool {
        // The provider's own spans are always wanted: their fields (tf_rpc, tf_req_id)
        // decorate enabled events. Other crates' spans would only cost time, since
        // their events are shown from WARN up and carry no fields we use.
        let own_span = metadata.is_span() && self.modules.is_own(metadata.target());
        own_span || self.wants(metadata)
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(self.level)
    }

    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut visitor = JsonVisitor::default();
        attrs.record(&mut visitor);
        span.extensions_mut().insert(SpanFields(visitor.fields));
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut visitor = JsonVisitor::default();
        values.record(&mut visitor);
        let mut extensions = span.extensions_mut();
        match extensions.get_mut::<SpanFields>() {
            Some(existing) => existing.0.extend(visitor.fields),
            None => extensions.insert(SpanFields(visitor.fields)),
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        if !self.wants(event.metadata()) {
            return;
        }
        let mut fields = Map::new();
        if let Some(scope) = ctx.event_scope(event) {
            for span in scope.from_root() {
                if let Some(span_fields) = span.extensions().get::<SpanFields>() {
                    fields.extend(span_fields.0.clone());
                }
            }
        }
        let mut visitor = JsonVisitor::default();
        event.record(&mut visitor);
        fields.extend(visitor.fields);
        let message = visitor.message.unwrap_or_default();
        let module = self.modules.module_for_target(event.metadata().target());
        let mut line = render(
            *event.metadata().level(),
            &module,
            &message,
            time::OffsetDateTime::now_utc(),
            fields,
        );
        line.push('\n');
        self.sink.write_line(line.as_bytes());
    }
}

/// Collects fields as JSON values; `message` is kept apart.
#[derive(Default)]
struct JsonVisitor {
    message: Option<String>,
    fields: Map<String, Value>,
}

impl JsonVisitor {
    fn put(&mut self, field: &Field, value: Value) {
        if field.name() == "message" {
            self.message = Some(match value {
                Value::String(s) => s,
                other => other.to_string(),
            });
        } else {
            self.fields.insert(field.name().to_owned(), value);
        }
    }
}

impl Visit for JsonVisitor {
    fn record_f64(&mut self, field: &Field, value: f64) {
        let value = serde_json::Number::from_f64(value)
            .map(Value::Number)
            .unwrap_or_else(|| Value::from(value.to_string()));
        self.put(field, value);
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.put(field, Value::from(value));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.put(field, Value::from(value));
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.put(field, Value::from(value));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.put(field, Value::from(value));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.put(field, Value::from(format!("{value:?}")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logging::MemorySink;
    use tracing_subscriber::layer::SubscriberExt;

    fn capture(level: LevelFilter, f: impl FnOnce()) -> Vec<Value> {
        let sink = MemorySink::default();
        // This crate's layers, under whatever name it is built.
        let modules = ModuleNames::new().with_layers(env!("CARGO_CRATE_NAME"), "provider");
        let subscriber =
            tracing_subscriber::registry().with(HclogLayer::new(level, modules, sink.clone()));
        tracing::subscriber::with_default(subscriber, f);
        sink.contents()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn event_with_span_fields() {
        let lines = capture(LevelFilter::DEBUG, || {
            let span = tracing::info_span!(
                "rpc",
                tf_rpc = "ReadDataSource",
                tf_req_id = tracing::field::Empty
            );
            span.record("tf_req_id", "8c3a");
            let _guard = span.enter();
            tracing::debug!(attempt = 2, ok = true, what = %"display", "calling {}", "DescribeThings");
            tracing::trace!("filtered out");
        });
        assert_eq!(lines.len(), 1, "{lines:?}");
        let line = &lines[0];
        assert_eq!(line["@level"], "debug");
        assert_eq!(line["@message"], "calling DescribeThings");
        assert_eq!(line["@module"], "provider.logging");
        assert_eq!(line["tf_rpc"], "ReadDataSource");
        assert_eq!(line["tf_req_id"], "8c3a");
        assert_eq!(line["attempt"], 2);
        assert_eq!(line["ok"], true);
        assert_eq!(line["what"], "display");
        let ts = line["@timestamp"].as_str().unwrap();
        assert_eq!(ts.len(), "2026-11-28T01:16:16.504989Z".len(), "{ts}");
        assert!(ts.ends_with('Z'));
    }

    #[test]
    fn foreign_targets_only_from_warn() {
        let lines = capture(LevelFilter::TRACE, || {
            tracing::debug!(target: "h2::codec", "frame");
            tracing::warn!(target: "h2::codec", "bad frame");
            tracing::trace!("own trace");
        });
        let messages: Vec<_> = lines
            .iter()
            .map(|l| l["@message"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(messages, ["bad frame", "own trace"]);
        assert_eq!(lines[0]["@module"], "provider.h2");
    }

    #[test]
    fn off_emits_nothing() {
        let lines = capture(LevelFilter::OFF, || tracing::error!("boom"));
        assert!(lines.is_empty());
    }
}
