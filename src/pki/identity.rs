//! A signing identity: the private-key operation plus the signer's certificate and chain,
//! loaded once per process and shared by every document a run signs. Three sources: a
//! key file with a certificate file, a PKCS#12 bundle, or a key on a PKCS#11 token.

use std::path::{Path, PathBuf};

use x509_cert::Certificate;

use super::key::{self, PrivateKey};
use super::load;
use super::signer::Signer;
use crate::error::{Error, Result};

pub struct SigningIdentity {
    pub signer: Box<dyn Signer>,
    pub cert: Certificate,
    /// Issuers to embed (without the signer's certificate).
    pub chain: Vec<Certificate>,
    /// Work that depends only on the identity and the signing options, done once per
    /// run rather than once per document (see [`SigningIdentity::once_per_options`]).
    memo: std::sync::Mutex<Vec<(String, usize)>>,
}

impl SigningIdentity {
    pub fn new(signer: Box<dyn Signer>, cert: Certificate, chain: Vec<Certificate>) -> Self {
        SigningIdentity { signer, cert, chain, memo: Default::default() }
    }

    /// A size computed once per run for each set of signing options `key` names (e.g. the
    /// exact DER length of this identity's CMS, which sizes a PDF's `/Contents`
    /// placeholder): a batch of ten thousand documents builds the size template once.
    pub fn once_per_options(&self, key: String, compute: impl FnOnce() -> Result<usize>) -> Result<usize> {
        if let Some(&(_, v)) = self.memo.lock().unwrap_or_else(|e| e.into_inner()).iter().find(|(k, _)| *k == key) {
            return Ok(v);
        }
        let v = compute()?;
        self.memo.lock().unwrap_or_else(|e| e.into_inner()).push((key, v));
        Ok(v)
    }

    /// From a key file, a certificate file (which may also hold the chain, signer first)
    /// and extra chain files.
    pub fn from_files(
        key_file: &Path,
        cert_file: &Path,
        chain_files: &[PathBuf],
        password: Option<&[u8]>,
    ) -> Result<Self> {
        let key: PrivateKey = load::read_key(key_file, password)?;
        let mut certs = load::read_certificates(cert_file)?;
        let cert = certs.remove(0);
        if !key::matches_certificate(&key, &cert) {
            return Err(Error::KeyMismatch { key: key_file.to_path_buf(), cert: cert_file.to_path_buf() });
        }
        let chain = extend_chain(&cert, certs, chain_files)?;
        Ok(SigningIdentity::new(Box::new(key), cert, chain))
    }

    /// From a PKCS#12 file; `cert_file` overrides the certificates inside it.
    pub fn from_p12(
        p12: &Path,
        cert_file: Option<&Path>,
        chain_files: &[PathBuf],
        password: Option<&[u8]>,
    ) -> Result<Self> {
        let bytes = zeroize::Zeroizing::new(crate::fsutil::read(p12)?);
        let password = password.ok_or_else(|| Error::PasswordRequired { path: p12.to_path_buf() })?;
        let (key, mut certs) = super::p12::read_pkcs12(&bytes, password).map_err(|e| load::key_error(p12, e))?;
        if let Some(f) = cert_file {
            certs = load::read_certificates(f)?;
        }
        // The key's certificate first, whatever order the bundle used.
        let pos = certs.iter().position(|c| key::matches_certificate(&key, c)).ok_or_else(|| Error::KeyMismatch {
            key: p12.to_path_buf(),
            cert: cert_file.unwrap_or(p12).to_path_buf(),
        })?;
        let cert = certs.remove(pos);
        let chain = extend_chain(&cert, certs, chain_files)?;
        Ok(SigningIdentity::new(Box::new(key), cert, chain))
    }

    /// From a key on a PKCS#11 token; the certificate comes from the token unless given.
    pub fn from_token(tk: super::pkcs11::TokenKey, cert_file: Option<&Path>, chain_files: &[PathBuf]) -> Result<Self> {
        use der::Decode;
        let mut certs = match cert_file {
            Some(f) => load::read_certificates(f)?,
            None => {
                let der = tk.require_certificate_der().map_err(Error::Token)?;
                vec![
                    Certificate::from_der(&der)
                        .map_err(|e| Error::BadCertificate { path: PathBuf::from("<token>"), detail: e.to_string() })?,
                ]
            }
        };
        let cert = certs.remove(0);
        let chain = extend_chain(&cert, certs, chain_files)?;
        Ok(SigningIdentity::new(Box::new(tk), cert, chain))
    }
}

/// The chain certificates plus those in `chain_files`, without duplicates or the signer.
fn extend_chain(cert: &Certificate, mut chain: Vec<Certificate>, chain_files: &[PathBuf]) -> Result<Vec<Certificate>> {
    for f in chain_files {
        for c in load::read_certificates(f)? {
            if !chain.contains(&c) {
                chain.push(c);
            }
        }
    }
    chain.retain(|c| c != cert);
    Ok(chain)
}
