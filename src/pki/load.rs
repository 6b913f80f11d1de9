//! Reading certificates, chains, keys and passwords from files.

use std::path::Path;

use der::Decode;
use x509_cert::Certificate;
use zeroize::Zeroizing;

use super::key::{KeyError, PrivateKey};
pub use super::pem::{PemBlock, pem_blocks};
use crate::error::{Error, Result};
use crate::fsutil;

/// Parse certificates from PEM (one or more `CERTIFICATE` blocks) or DER bytes.
pub fn parse_certificates(bytes: &[u8]) -> std::result::Result<Vec<Certificate>, String> {
    let blocks = pem_blocks(bytes)?;
    if blocks.is_empty() {
        if bytes.first() != Some(&0x30) {
            return Err("neither PEM nor DER".into());
        }
        return Certificate::from_der(bytes).map(|c| vec![c]).map_err(|e| format!("bad DER certificate: {e}"));
    }
    blocks
        .iter()
        .filter(|b| b.label == "CERTIFICATE" || b.label == "X509 CERTIFICATE" || b.label == "TRUSTED CERTIFICATE")
        .map(|b| Certificate::from_der(&b.der).map_err(|e| format!("bad certificate in PEM: {e}")))
        .collect()
}

/// Read one or more certificates from a file; at least one must be there.
pub fn read_certificates(path: &Path) -> Result<Vec<Certificate>> {
    let bytes = fsutil::read(path)?;
    let certs =
        parse_certificates(&bytes).map_err(|detail| Error::BadCertificate { path: path.to_path_buf(), detail })?;
    if certs.is_empty() {
        return Err(Error::NoCertificate { path: path.to_path_buf() });
    }
    Ok(certs)
}

/// Read a private key file, decrypting it with `password` when it is encrypted.
pub fn read_key(path: &Path, password: Option<&[u8]>) -> Result<PrivateKey> {
    let bytes = Zeroizing::new(fsutil::read(path)?);
    PrivateKey::from_bytes(&bytes, password).map_err(|e| key_error(path, e))
}

/// Attach a path to a [`KeyError`].
pub fn key_error(path: &Path, e: KeyError) -> Error {
    let path = path.to_path_buf();
    match e {
        KeyError::PasswordRequired => Error::PasswordRequired { path },
        KeyError::WrongPassword => Error::WrongPassword { path },
        other => Error::BadKey { path, detail: other.to_string() },
    }
}

/// A password from a file (first line, without its line ending) or an environment
/// variable. Never from the command line, where other users could read it.
pub fn password(file: Option<&Path>, env_var: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
    if let Some(path) = file {
        let bytes = Zeroizing::new(fsutil::read(path)?);
        let line = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        return Ok(Some(Zeroizing::new(line.to_vec())));
    }
    Ok(std::env::var_os(env_var).filter(|v| !v.is_empty()).map(|v| Zeroizing::new(v.into_encoded_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_pem_is_an_error() {
        let err = pem_blocks(b"-----BEGIN CERTIFICATE-----\nMIIB").err().unwrap();
        assert!(err.contains("truncated"), "{err}");
        assert!(parse_certificates(b"hello").is_err());
        assert!(parse_certificates(&[0x30, 0x82, 0xff]).is_err());
        assert!(pem_blocks(b"no pem here").unwrap().is_empty());
    }
}
