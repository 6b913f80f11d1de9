//! Named trust stores: the user's own (`kyso trust add NAME FILE…`, a folder in the user's
//! config directory) and the built-in `@vn` (the Vietnamese national and Government CA roots
//! and the public CAs' intermediates, embedded and pinned by SHA-256).
//!
//! A store is named on the command line as `@NAME` wherever a certificate file or folder is
//! accepted for `--trust` (anchors) or `--certs` (untrusted intermediates). Nothing is trusted
//! unless asked: no store is ever used implicitly, `@vn` included.
//!
//! This module owns the stores' layout on disk ([`store`]) and the embedded store
//! ([`builtin`]). It may import `crate::config` (where the user's config folder is),
//! `crate::fsutil`, `crate::pki`; it knows nothing of the command line and never prints.

pub mod builtin;
pub mod store;

use std::path::PathBuf;

use x509_cert::Certificate;

/// What a named store is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `--trust @NAME`: trust anchors.
    Anchors,
    /// `--certs @NAME`: untrusted certificates that help build chains.
    Intermediates,
}

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

impl From<TrustError> for crate::error::Error {
    fn from(e: TrustError) -> crate::error::Error {
        crate::error::Error::Trust(e)
    }
}

/// The name in a `@NAME` argument, or `None` for a plain path.
pub fn store_name(arg: &std::path::Path) -> Option<&str> {
    arg.to_str().and_then(|s| s.strip_prefix('@'))
}

/// The certificates `@NAME` stands for in `role`: a built-in store's roots or intermediates,
/// or every certificate of a user store.
pub fn resolve(name: &str, role: Role) -> crate::error::Result<Vec<Certificate>> {
    if let Some(b) = builtin::get(name) {
        return Ok(match role {
            Role::Anchors => b.roots()?,
            Role::Intermediates => b.intermediates()?,
        });
    }
    store::valid_name(name)?;
    let dir = store::stores_dir()?;
    let path = dir.join(name);
    if !path.is_dir() {
        let mut known: Vec<String> = builtin::STORES.iter().map(|b| b.name.to_string()).collect();
        known.extend(store::list(&dir)?.into_iter().map(|s| s.name));
        return Err(TrustError::UnknownStore { name: name.to_string(), known }.into());
    }
    let certs = store::certificates(&dir, name)?;
    if certs.is_empty() {
        return Err(TrustError::Empty { name: name.to_string() }.into());
    }
    Ok(certs)
}
