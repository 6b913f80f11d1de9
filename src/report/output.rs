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

    /// Plain output for tests and library users: English, human, no colour.
    pub fn plain() -> Output {
        Output { format: Format::Human, lang: Lang::En, quiet: false, color_out: false, color_err: false }
    }

    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    /// Whether stdout text may carry colour.
    pub fn color(&self) -> bool {
        self.color_out
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
        let text = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
        let _ = writeln!(out, "{text}");
    }

    /// Emit a result: `human` text or `json` document depending on `--format`.
    pub fn result(&self, human: impl FnOnce() -> String, json: impl FnOnce() -> Value) {
        match self.format {
            Format::Human => {
                if !self.quiet {
                    self.human(&human())
                }
            }
            Format::Json => self.json(json()),
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
    }

    /// Print a usage error from the argument parser (clap renders its own text).
    pub fn usage(&self, text: &str) {
        let _ = write!(std::io::stderr().lock(), "{text}");
    }

    /// Ask for a secret on the terminal (never echoed). `None` when there is no terminal
    /// to ask on (scripts and CI never get a prompt).
    pub fn prompt_secret(&self, prompt: &str) -> Option<zeroize::Zeroizing<String>> {
        if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
            return None;
        }
        rpassword::prompt_password(format!("kyso: {prompt}: ")).ok().map(zeroize::Zeroizing::new)
    }

    /// Print text produced by a generator (completions, man page) to stdout verbatim.
    pub fn raw(&self, bytes: &[u8]) {
        let _ = std::io::stdout().lock().write_all(bytes);
    }
}
