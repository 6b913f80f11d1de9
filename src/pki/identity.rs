//! A signing identity: the private-key operation plus the signer's certificate and chain,
//! loaded once per process and shared by every document a run signs.

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
}

impl SigningIdentity {
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
            return Err(Error::KeyMismatch {
                key: key_file.to_path_buf(),
                cert: cert_file.to_path_buf(),
            });
        }
        let mut chain = certs;
        for f in chain_files {
            for c in load::read_certificates(f)? {
                if c != cert && !chain.contains(&c) {
                    chain.push(c);
                }
            }
        }
        Ok(SigningIdentity {
            signer: Box::new(key),
            cert,
            chain,
        })
    }
}
