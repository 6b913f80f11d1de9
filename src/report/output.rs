//! The output layer: the only code in kyso that writes to stdout or stderr.
//!
//! Results go to stdout (text for people, or one JSON document with `--format json`);
//! errors and warnings go to stderr. `--quiet` silences human results and warnings but
//! never JSON (a script asked for it) and never errors.

use std::io::{IsTerminal, Write};

use serde_json::{Value, json};

use super::messages;
use super::style::{Tone, paint};
use super::{ColorChoice, Format, JSON_SCHEMA, Lang};
use crate::error::Error;

/// Where and how to print. Built once per run from the global options.
#[derive(Debug, Clone)]
pub struct Output {
    pub format: Format,
    pub lang: Lang,
    pub quiet: bool,
    color_out: bool,
    color_err: bool,
}

impl Output {
    pub fn new(format: Format, lang: Lang, quiet: bool, color: ColorChoice) -> Output {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        let auto = |tty: bool| tty && !no_color && !dumb;
        let (color_out, color_err) = match color {
            ColorChoice::Always => (true, true),
            ColorChoice::Never => (false, false),
            ColorChoice::Auto => (auto(std::io::stdout().is_terminal()), auto(std::io::stderr().is_terminal())),
        };
        Output { format, lang, quiet, color_out, color_err }
    }

    /// JSON or JSON Lines: no text for people on stdout.
    pub fn is_json(&self) -> bool {
        matches!(self.format, Format::Json | Format::Jsonl)
    }

    /// The same output without colours (for text embedded in machine formats).
    pub fn plain(&self) -> Output {
        Output { color_out: false, color_err: false, ..self.clone() }
    }

    /// Text for machines (JUnit XML, workflow commands): printed even with `--quiet`.
    pub fn machine(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        if !text.is_empty() && !text.ends_with('\n') {
            let _ = out.write_all(b"\n");
        }
    }

    pub fn paint(&self, text: &str, tone: Tone) -> String {
        paint(text, tone, self.color_out)
    }

    /// A human-readable result (already rendered in `self.lang`). Suppressed by `--quiet`.
    pub fn human(&self, text: &str) {
        if self.quiet || self.is_json() {
            return;
        }
        let mut out = std::io::stdout().lock();
        // A closed pipe (`kyso ... | head`) is not an error worth reporting.
        let _ = out.write_all(text.as_bytes());
        if !text.ends_with('\n') {
            let _ = out.write_all(b"\n");
        }
    }

    /// The JSON result document; `schema` is added here so every command is versioned alike.
    pub fn json(&self, mut doc: Value) {
        if let Value::Object(map) = &mut doc {
            map.insert("schema".into(), json!(JSON_SCHEMA));
            map.sort_keys();
        }
        let mut out = std::io::stdout().lock();
        let text = if self.format == Format::Jsonl {
            serde_json::to_string(&doc).unwrap_or_else(|_| "{}".into())
        } else {
            serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into())
        };
        let _ = writeln!(out, "{text}");
    }

    /// Emit a result: `human` text or `json` document depending on `--format`.
    pub fn result(&self, human: impl FnOnce() -> String, json: impl FnOnce() -> Value) {
        match self.format {
            Format::Human | Format::Junit | Format::Github => {
                if !self.quiet {
                    self.human(&human())
                }
            }
            Format::Json | Format::Jsonl => self.json(json()),
        }
    }

    /// A side note for people on stderr (a file written), so stdout stays the result
    /// (suppressed by `--quiet`).
    pub fn note(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr().lock(), "kyso: {text}");
        }
    }

    /// A warning for people on stderr (suppressed by `--quiet`).
    pub fn warn(&self, text: &str) {
        if self.quiet {
            return;
        }
        let label = paint(self.lang.pick("warning", "cảnh báo"), Tone::Warn, self.color_err);
        let _ = writeln!(std::io::stderr().lock(), "kyso: {label}: {text}");
    }

    /// Report an error: a one-line message in the chosen language on stderr, and with
    /// `--format json` also a JSON document on stdout so scripts see a structured result.
    pub fn error(&self, err: &Error) {
        let message = messages::error_message(err, self.lang);
        let label = paint(self.lang.pick("error", "lỗi"), Tone::Bad, self.color_err);
        let _ = writeln!(std::io::stderr().lock(), "kyso: {label}: {message}");
        if self.is_json() {
            self.json(json!({
                "error": { "code": err.code(), "message": message, "exit_code": err.exit_status().code() }
            }));
        }
        if self.format == Format::Github {
            self.machine(&format!("::error title=kyso::{}", escape_data(&message)));
        }
    }

    /// Ask for a secret on the terminal (never echoed). `None` when there is no terminal
    /// to ask on (scripts and CI never get a prompt).
    pub fn prompt_secret(&self, prompt: &str) -> Option<zeroize::Zeroizing<String>> {
        if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
            return None;
        }
        rpassword::prompt_password(format!("kyso: {prompt}: ")).ok().map(zeroize::Zeroizing::new)
    }

    /// Whether questions can be asked: stdin and stderr are a terminal.
    pub fn can_ask(&self) -> bool {
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    /// Ask for a line of text on the terminal (echoed). `None` when there is no terminal
    /// to ask on, or at the end of input.
    pub fn prompt_line(&self, prompt: &str) -> Option<String> {
        if !self.can_ask() {
            return None;
        }
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "kyso: {prompt}: ");
        let _ = err.flush();
        let mut line = String::new();
        match std::io::stdin().read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line.trim_end_matches(['\r', '\n']).to_string()),
        }
    }

    /// Text of a dialogue on the terminal (stderr, so stdout keeps the result).
    pub fn say(&self, text: &str) {
        let _ = write!(std::io::stderr().lock(), "{text}");
    }

    /// Print text produced by a generator (completions, man page) to stdout verbatim.
    pub fn raw(&self, bytes: &[u8]) {
        let _ = std::io::stdout().lock().write_all(bytes);
    }
}

/// A stream of per-file results for long runs (batches): each file is printed as it
/// finishes — a line for people, an element of the `"files"` array for JSON, a line for
/// JSON Lines, the text the caller gives for JUnit and GitHub (printed even with
/// `--quiet`; empty text prints nothing) — so memory does not grow with the number of
/// files. A progress bar (files, bytes, rate, ETA) is drawn on stderr when it is a
/// terminal, for text for people only.
pub struct Stream<'a> {
    out: &'a Output,
    bar: Option<indicatif::ProgressBar>,
    state: std::sync::Mutex<(bool, u64)>, // (first JSON item written, bytes done)
    total_bytes: u64,
}

impl Output {
    /// Whether a batch shows a progress bar (which counts bytes as well as files).
    pub fn shows_progress(&self) -> bool {
        !self.quiet && self.format == Format::Human && std::io::stderr().is_terminal()
    }

    pub fn stream(&self, total_files: u64, total_bytes: u64) -> Stream<'_> {
        let show_bar = self.shows_progress();
        let bar = show_bar.then(|| {
            let bar = indicatif::ProgressBar::new(total_files);
            let style =
                indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} [{elapsed_precise}, ETA {eta}]")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        if self.format == Format::Json {
            let _ = write!(std::io::stdout().lock(), "{{\n  \"schema\": {JSON_SCHEMA},\n  \"files\": [");
        }
        Stream { out: self, bar, state: std::sync::Mutex::new((false, 0)), total_bytes }
    }
}

impl Stream<'_> {
    /// One finished file (`bytes` of input processed).
    pub fn item(&self, human: impl FnOnce() -> String, json: impl FnOnce() -> Value, bytes: u64) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.1 += bytes;
        if self.out.format == Format::Json {
            let text = serde_json::to_string_pretty(&json()).unwrap_or_else(|_| "{}".into());
            let text = text.replace('\n', "\n    ");
            let _ = write!(std::io::stdout().lock(), "{}\n    {text}", if st.0 { "," } else { "" });
            st.0 = true;
        } else if self.out.format == Format::Jsonl {
            let text = serde_json::to_string(&json()).unwrap_or_else(|_| "{}".into());
            let _ = writeln!(std::io::stdout().lock(), "{text}");
        } else if self.out.format.is_machine() {
            self.out.machine(&human());
        } else if !self.out.quiet {
            let line = human();
            match &self.bar {
                Some(bar) => bar.println(line.trim_end()),
                None => {
                    let _ = writeln!(std::io::stdout().lock(), "{}", line.trim_end());
                }
            }
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
            let secs = bar.elapsed().as_secs_f64().max(0.001);
            bar.set_message(format!(
                "{:.1}/{:.1} MB, {:.1} MB/s",
                st.1 as f64 / 1e6,
                self.total_bytes as f64 / 1e6,
                st.1 as f64 / 1e6 / secs
            ));
        }
    }

    /// End the stream with the summary.
    pub fn finish(self, human: impl FnOnce() -> String, summary: Value) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.out.format == Format::Json {
            let text = serde_json::to_string_pretty(&summary).unwrap_or_else(|_| "{}".into()).replace('\n', "\n  ");
            let _ = writeln!(std::io::stdout().lock(), "\n  ],\n  \"summary\": {text}\n}}");
        } else if self.out.format == Format::Jsonl {
            let line = json!({"schema": JSON_SCHEMA, "summary": summary});
            let _ = writeln!(std::io::stdout().lock(), "{}", serde_json::to_string(&line).unwrap_or_default());
        } else if self.out.format.is_machine() {
            self.out.machine(&human());
        } else if !self.out.quiet {
            self.out.human(&human());
        }
    }
}

/// Escape the message of a workflow command (`%`, CR, LF).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}
