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
pub mod error;
pub mod store;

use x509_cert::Certificate;

pub use error::TrustError;

/// What a named store is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `--trust @NAME`: trust anchors.
    Anchors,
    /// `--certs @NAME`: untrusted certificates that help build chains.
    Intermediates,
}

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
