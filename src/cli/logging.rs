//! The log's two shapes: lines for a person at a terminal, or one JSON object a line for
//! a force's log stack. Both carry the same fields, so the privacy rules hold for both.

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::{EnvFilter, Layer};

/// Log level unless `CONFIDE_LOG` says otherwise. actix-server's start-up line is
/// dropped because it is the only one that would print a network address.
pub const DEFAULT_LOG_FILTER: &str = "info,actix_server=warn";

/// How each log line is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Plain text, one event a line.
    Text,
    /// One JSON object a line: `timestamp`, `level`, `target` and the event's own fields.
    Json,
}

/// One formatting layer writing to `writer`; colour only when writing text to a terminal.
pub fn layer<S, W>(format: LogFormat, writer: W, ansi: bool) -> Box<dyn Layer<S> + Send + Sync>
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let fmt = tracing_subscriber::fmt::layer().with_writer(writer);
    match format {
        LogFormat::Text => fmt.with_ansi(ansi).boxed(),
        // Fields at the top level, as log stacks index them; spans are not used for
        // anything a line needs.
        LogFormat::Json => fmt
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .boxed(),
    }
}

/// The process's logger: `CONFIDE_LOG`'s filter (or the default) and the chosen format,
/// to standard error.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_env("CONFIDE_LOG")
        .unwrap_or_else(|_| EnvFilter::new(DEFAULT_LOG_FILTER));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(layer(format, std::io::stderr, ansi))
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Lines(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Lines {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| std::io::ErrorKind::Other)?
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn json_lines_are_one_object_each_with_the_fields_at_the_top() {
        let lines = Lines::default();
        let writer = lines.clone();
        let subscriber = tracing_subscriber::registry().with(layer(
            LogFormat::Json,
            move || writer.clone(),
            false,
        ));
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(route = "/s/{school}/report", status = 200u16, "request");
        });
        let text = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
        let line: serde_json::Value = serde_json::from_str(text.trim_end()).unwrap();
        assert_eq!(line["level"], "INFO");
        assert_eq!(line["route"], "/s/{school}/report");
        assert_eq!(line["status"], 200);
        assert_eq!(line["message"], "request");
        assert!(line["timestamp"].is_string());
    }
}
