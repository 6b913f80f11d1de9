//! User trust stores on disk: `<config>/kyso/trust/NAME/`, one PEM file per certificate named
//! after its SHA-256 (`<sha256>.pem`), next to the user's `config.toml` (the same folder
//! [`crate::config::user_config_path`] finds: `$XDG_CONFIG_HOME/kyso`, else `~/.config/kyso`).
//! Every file is written atomically ([`crate::fsutil`]); a store is removed by deleting its
//! folder.

use std::path::{Path, PathBuf};

use x509_cert::Certificate;

use super::{TrustError, builtin};
use crate::error::{Error, Result};
use crate::fsutil::{self, WriteOptions};
use crate::pki::{info, load, store::cert_pem};

/// A store as `kyso trust list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreSummary {
    pub name: String,
    pub certificates: usize,
}

/// The folder that holds the user's trust stores.
pub fn stores_dir() -> std::result::Result<PathBuf, TrustError> {
    crate::config::user_config_path().and_then(|p| p.parent().map(|d| d.join("trust"))).ok_or(TrustError::NoConfigDir)
}

/// A name usable as a folder and on the command line; built-in names are reserved.
pub fn valid_name(name: &str) -> std::result::Result<(), TrustError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !ok {
        return Err(TrustError::BadName { name: name.to_string() });
    }
    Ok(())
}

fn check_user_name(name: &str) -> std::result::Result<(), TrustError> {
    valid_name(name)?;
    if builtin::get(name).is_some() {
        return Err(TrustError::Reserved { name: name.to_string() });
    }
    Ok(())
}

/// Read CA certificates from a file (PEM with one or more certificates, DER, or a PKCS#7
/// bundle); a certificate that is not a CA certificate is refused. A self-issued certificate
/// without basicConstraints (a legacy v1 root) is accepted: an anchor is an input (RFC 5280
/// §6.1.1), as `--trust` accepts it.
pub fn read_ca_certificates(path: &Path) -> Result<Vec<Certificate>> {
    let certs = load::read_certificates(path)?;
    for c in &certs {
        if !usable_in_store(c) {
            let subject = crate::pki::dn::to_string(c.tbs_certificate().subject());
            return Err(TrustError::NotCa { path: path.to_path_buf(), subject }.into());
        }
    }
    Ok(certs)
}

fn usable_in_store(c: &Certificate) -> bool {
    use x509_cert::ext::pkix::BasicConstraints;
    let tbs = c.tbs_certificate();
    let no_bc = matches!(tbs.get_extension::<BasicConstraints>(), Ok(None));
    info::is_ca(c) || (no_bc && tbs.subject() == tbs.issuer())
}

/// What `add` did with one certificate.
#[derive(Debug, Clone)]
pub struct Added {
    pub certificate: Certificate,
    /// False when the store already held it.
    pub new: bool,
}

/// Add certificates to the store `name` in `dir` (created when missing).
pub fn add(dir: &Path, name: &str, certs: &[Certificate]) -> Result<Vec<Added>> {
    check_user_name(name)?;
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder).map_err(|source| Error::Write { path: folder.clone(), source })?;
    let mut out = Vec::new();
    for c in certs {
        let file = folder.join(format!("{}.pem", info::fingerprint(c)));
        let new = !file.exists();
        if new {
            fsutil::write_atomic(&file, cert_pem(c)?.as_bytes(), WriteOptions::PUBLIC)?;
        }
        out.push(Added { certificate: c.clone(), new });
    }
    Ok(out)
}

/// The user's stores, by name.
pub fn list(dir: &Path) -> Result<Vec<StoreSummary>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let rd = std::fs::read_dir(dir).map_err(|source| Error::Read { path: dir.to_path_buf(), source })?;
    let mut out = Vec::new();
    for e in rd.filter_map(|e| e.ok()) {
        let Some(name) = e.file_name().to_str().map(str::to_string) else { continue };
        if !e.path().is_dir() || valid_name(&name).is_err() {
            continue;
        }
        out.push(StoreSummary { certificates: cert_files(&e.path())?.len(), name });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn cert_files(folder: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(folder).map_err(|source| Error::Read { path: folder.to_path_buf(), source })?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "pem"))
        .collect();
    files.sort();
    Ok(files)
}

/// Every certificate of the store `name` (empty when the store does not exist).
pub fn certificates(dir: &Path, name: &str) -> Result<Vec<Certificate>> {
    valid_name(name)?;
    let folder = dir.join(name);
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for f in cert_files(&folder)? {
        out.extend(load::read_certificates(&f)?);
    }
    Ok(out)
}

/// Does the user store exist?
pub fn exists(dir: &Path, name: &str) -> bool {
    valid_name(name).is_ok() && dir.join(name).is_dir()
}

/// Remove the store `name` and its certificates.
pub fn remove(dir: &Path, name: &str) -> Result<()> {
    check_user_name(name)?;
    let folder = dir.join(name);
    if !folder.is_dir() {
        let known = list(dir)?.into_iter().map(|s| s.name).collect();
        return Err(TrustError::UnknownStore { name: name.to_string(), known }.into());
    }
    std::fs::remove_dir_all(&folder).map_err(|source| Error::Write { path: folder, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(valid_name("partners-2026").is_ok());
        for bad in ["", ".hidden", "a/b", "..", "a b", "tên"] {
            assert!(valid_name(bad).is_err(), "{bad:?}");
        }
        assert!(matches!(check_user_name("vn"), Err(TrustError::Reserved { .. })));
    }

    #[test]
    fn add_list_remove() {
        let dir = tempfile::tempdir().unwrap();
        let root = builtin::STORES[0].roots().unwrap();
        let added = add(dir.path(), "mine", &root[..2]).unwrap();
        assert!(added.iter().all(|a| a.new));
        assert!(!add(dir.path(), "mine", &root[..1]).unwrap()[0].new);
        assert_eq!(list(dir.path()).unwrap(), vec![StoreSummary { name: "mine".into(), certificates: 2 }]);
        assert_eq!(certificates(dir.path(), "mine").unwrap().len(), 2);
        remove(dir.path(), "mine").unwrap();
        assert!(list(dir.path()).unwrap().is_empty());
        assert!(remove(dir.path(), "mine").is_err());
    }
}
