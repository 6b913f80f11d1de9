//! Errors of the named trust stores, as data (words for people in `report/`).
//! Imports nothing of kyso, so the crate's `Error` can carry it without a loop.

use std::path::PathBuf;

/// What went wrong with a named trust store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustError {
    /// `@NAME` names no store.
    UnknownStore { name: String, known: Vec<String> },
    /// A store name kyso cannot use as a folder name.
    BadName { name: String },
    /// A user store with the name of a built-in one.
    Reserved { name: String },
    /// A built-in certificate's bytes differ from the pinned SHA-256: the binary was altered.
    BuiltinTampered { file: String },
    /// A built-in certificate that does not parse (cannot happen unless the binary was altered).
    BuiltinUnparsable { file: String },
    /// `kyso trust add` with a certificate that is not a CA certificate (nor a self-issued
    /// legacy root without basicConstraints).
    NotCa { path: PathBuf, subject: String },
    /// No folder for the user's config (no XDG_CONFIG_HOME, HOME or APPDATA).
    NoConfigDir,
    /// A store folder that exists but holds no certificate.
    Empty { name: String },
}

impl std::fmt::Display for TrustError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrustError::UnknownStore { name, known } => {
                let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
                write!(f, "no trust store named \"@{name}\" (known: {known}); see `kyso trust list`")
            }
            TrustError::BadName { name } => write!(
                f,
                "{name:?} is not a usable trust store name: use letters, digits, '-', '_' or '.', not starting with '.'"
            ),
            TrustError::Reserved { name } => {
                write!(f, "\"{name}\" is the name of a built-in trust store (@{name}); choose another name")
            }
            TrustError::BuiltinTampered { file } => write!(
                f,
                "the built-in certificate {file} does not match its pinned SHA-256: this kyso binary was altered; reinstall it"
            ),
            TrustError::BuiltinUnparsable { file } => {
                write!(f, "the built-in certificate {file} does not parse: this kyso binary was altered; reinstall it")
            }
            TrustError::NotCa { path, subject } => write!(
                f,
                "{}: \"{subject}\" is not a CA certificate (no basicConstraints cA=TRUE); a trust store holds CA certificates only",
                path.display()
            ),
            TrustError::NoConfigDir => {
                write!(f, "no folder for the user's trust stores: set XDG_CONFIG_HOME or HOME")
            }
            TrustError::Empty { name } => write!(f, "the trust store \"@{name}\" holds no certificate"),
        }
    }
}

impl std::error::Error for TrustError {}
