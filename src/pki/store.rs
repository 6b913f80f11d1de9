//! Identities on disk: `PREFIX.crt`, `PREFIX.key`, `PREFIX.chain.pem` (and a `.p12`),
//! and loading a CA from them.

use std::path::{Path, PathBuf};

use der::Encode;
use x509_cert::Certificate;

use super::issue::{self, IssueRequest, Issuer, Profile};
use super::key::{self, KeyType, PrivateKey};
use super::{load, p12};
use crate::error::{Error, Result};
use crate::fsutil::{self, WriteOptions};

/// The files of one identity.
#[derive(Debug, Clone)]
pub struct IdentityFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
    pub chain: PathBuf,
    pub p12: Option<PathBuf>,
}

impl IdentityFiles {
    pub fn for_prefix(prefix: &Path, p12: Option<PathBuf>) -> IdentityFiles {
        IdentityFiles {
            cert: fsutil::with_suffix(prefix, ".crt"),
            key: fsutil::with_suffix(prefix, ".key"),
            chain: fsutil::with_suffix(prefix, ".chain.pem"),
            p12,
        }
    }

    fn all(&self) -> impl Iterator<Item = &PathBuf> {
        [&self.cert, &self.key, &self.chain].into_iter().chain(self.p12.as_ref())
    }

    /// Fail before any work when an output exists and `force` is not set.
    pub fn check(&self, force: bool) -> Result<()> {
        self.all().try_for_each(|p| fsutil::check_writable(p, force))
    }

    /// Write the certificate, the key (mode 0600, encrypted when `password` is given),
    /// the chain, and the PKCS#12 bundle if asked. Each file is written atomically.
    pub fn write(&self, key: &PrivateKey, chain: &[Certificate], password: Option<&[u8]>, force: bool) -> Result<()> {
        let leaf = chain.first().ok_or_else(|| Error::NoCertificate { path: self.cert.clone() })?;
        let p12_bytes = match &self.p12 {
            Some(_) => Some(p12::write_pkcs12(key, chain, password.ok_or(Error::P12NeedsPassword)?, "kyso")?),
            None => None,
        };
        let key_pem = key.to_pem(password).map_err(Error::encoding("the private key (PKCS#8 PEM)"))?;
        fsutil::write_atomic(&self.key, key_pem.as_bytes(), WriteOptions::SECRET.force(force))?;
        fsutil::write_atomic(&self.cert, cert_pem(leaf)?.as_bytes(), WriteOptions::PUBLIC.force(force))?;
        let chain_pem = chain.iter().map(cert_pem).collect::<Result<String>>()?;
        fsutil::write_atomic(&self.chain, chain_pem.as_bytes(), WriteOptions::PUBLIC.force(force))?;
        if let (Some(path), Some(bytes)) = (&self.p12, p12_bytes) {
            fsutil::write_atomic(path, &bytes, WriteOptions::SECRET.force(force))?;
        }
        Ok(())
    }
}

pub fn cert_pem(cert: &Certificate) -> Result<String> {
    let der = cert.to_der().map_err(Error::encoding("a certificate (DER)"))?;
    der::pem::encode_string("CERTIFICATE", der::pem::LineEnding::LF, &der)
        .map_err(Error::encoding("a certificate (PEM)"))
}

/// A CA ready to issue: its certificate, key and chain up to its root.
pub struct LoadedCa {
    pub cert: Certificate,
    pub key: PrivateKey,
    /// The CA certificate followed by its issuers (from `PREFIX.chain.pem` or the cert file).
    pub chain: Vec<Certificate>,
    pub cert_path: PathBuf,
}

impl LoadedCa {
    /// Load from explicit files. `cert_file` may hold the whole chain (CA first).
    pub fn load(cert_file: &Path, key_file: &Path, password: Option<&[u8]>) -> Result<LoadedCa> {
        let chain = load::read_certificates(cert_file)?;
        let key = load::read_key(key_file, password)?;
        let cert = chain[0].clone();
        if !key::matches_certificate(&key, &cert) {
            return Err(Error::KeyMismatch { key: key_file.to_path_buf(), cert: cert_file.to_path_buf() });
        }
        Ok(LoadedCa { cert, key, chain, cert_path: cert_file.to_path_buf() })
    }

    /// Load a CA made by kyso from its prefix (`PREFIX.crt`, `PREFIX.key`, `PREFIX.chain.pem`).
    pub fn load_prefix(prefix: &Path, password: Option<&[u8]>) -> Result<LoadedCa> {
        let files = IdentityFiles::for_prefix(prefix, None);
        let mut ca = Self::load(&files.cert, &files.key, password)?;
        if files.chain.exists() {
            let chain = load::read_certificates(&files.chain)?;
            if chain.first() == Some(&ca.cert) {
                ca.chain = chain;
            }
        }
        Ok(ca)
    }

    pub fn issuer(&self) -> Issuer<'_> {
        Issuer { cert: &self.cert, key: &self.key, path: self.cert_path.clone() }
    }
}

/// A new key and certificate; `chain` is the certificate followed by its issuers.
pub struct NewIdentity {
    pub key: PrivateKey,
    pub chain: Vec<Certificate>,
}

/// Make a key and a certificate for it, signed by `ca` (or self-signed for a root).
pub fn create(req: &IssueRequest, key_type: KeyType, ca: Option<&LoadedCa>) -> Result<NewIdentity> {
    debug_assert!(ca.is_some() || req.profile == Profile::Root);
    let key = PrivateKey::generate(key_type).map_err(|e| Error::Crypto(e.to_string()))?;
    let spki = key.public_key_info().map_err(Error::encoding("the public key (SubjectPublicKeyInfo)"))?;
    let issuer = ca.map(LoadedCa::issuer);
    let cert = issue::issue(req, &spki, issuer.as_ref(), &key)?;
    let mut chain = vec![cert];
    if let Some(ca) = ca {
        chain.extend(ca.chain.iter().cloned());
    }
    Ok(NewIdentity { key, chain })
}
