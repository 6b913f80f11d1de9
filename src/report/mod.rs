//! Rendering for people and scripts.
//!
//! - [`Lang`] picks English or Vietnamese for every message meant for people.
//! - [`messages`] holds the translated texts (error messages, labels, verdict names).
//! - [`output`] is the only code in kyso that writes to stdout/stderr.
//! - [`cert`] and [`verdict`] render certificate summaries and verification reports;
//!   [`html`] and [`pdf`] the verification report for people as one HTML or PDF file;
//!   [`policy`] a file's verification-policy outcome; [`ci`] verification results as
//!   JUnit XML, GitHub workflow commands and JSON Lines;
//!   [`edxml`] renders edXML package headers and `kyso edxml inspect|extract`.

pub mod cert;
pub mod ci;
pub mod edxml;
pub mod html;
pub mod messages;
pub mod output;
pub mod pdf;
pub mod policy;
pub mod stream;
pub mod style;
pub mod verdict;
pub mod vi;

use serde::Serialize;

/// The version of every JSON document kyso prints (`"schema": 1`). Bumped only on an
/// incompatible change of shape; adding fields is compatible.
pub const JSON_SCHEMA: u32 = 1;

/// Language of the messages for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English
    #[default]
    En,
    /// Tiếng Việt
    Vi,
}

impl Lang {
    /// The language to use when `--lang`/`KYSO_LANG` are not given: from a POSIX
    /// locale string such as `LANG=vi_VN.UTF-8`; English otherwise.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("vi") => Lang::Vi,
            _ => Lang::En,
        }
    }

    /// Pick the text in this language. Keeps both translations side by side at the call site.
    pub fn pick<'a>(self, en: &'a str, vi: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }
}

/// Output format of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Text for people (in the chosen language).
    #[default]
    Human,
    /// One JSON document on stdout, versioned by a "schema" field.
    Json,
    /// JSON Lines: verification prints one file object per line, then a summary line
    Jsonl,
    /// JUnit XML (verification: one testcase per file), for CI test reporters
    Junit,
    /// GitHub Actions workflow commands (verification: `::error file=…::` per problem)
    Github,
}

impl Format {
    /// Formats for machines (CI): printed even with `--quiet`.
    pub fn is_machine(self) -> bool {
        matches!(self, Format::Junit | Format::Github)
    }
}

/// When to use ANSI colours on a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_detection() {
        assert_eq!(Lang::from_locale(Some("vi_VN.UTF-8")), Lang::Vi);
        assert_eq!(Lang::from_locale(Some("VI")), Lang::Vi);
        assert_eq!(Lang::from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("C")), Lang::En);
        assert_eq!(Lang::from_locale(None), Lang::En);
    }
}
