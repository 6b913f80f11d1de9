//! Reading certificates, chains, keys and passwords from files.

use std::path::Path;

use der::Decode;
use x509_cert::Certificate;
use zeroize::Zeroizing;

use super::key::{KeyError, PrivateKey};
pub use super::pem::{PemBlock, pem_blocks};
use crate::error::{Error, Result};
use crate::fsutil;

/// Parse certificates from PEM (one or more `CERTIFICATE` blocks, or a `PKCS7` bundle) or
/// DER bytes (a certificate, or a PKCS#7/CMS "certs-only" bundle, the `.p7b`/`.p7c` that
/// CAs publish their chains in).
pub fn parse_certificates(bytes: &[u8]) -> std::result::Result<Vec<Certificate>, String> {
    let blocks = pem_blocks(bytes)?;
    if blocks.is_empty() {
        if bytes.first() != Some(&0x30) {
            return Err("neither PEM nor DER".into());
        }
        return match Certificate::from_der(bytes) {
            Ok(c) => Ok(vec![c]),
            Err(e) => pkcs7_certificates(bytes).ok_or_else(|| format!("bad DER certificate: {e}")),
        };
    }
    let mut out = Vec::new();
    for b in &blocks {
        match b.label.as_str() {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                out.push(Certificate::from_der(&b.der).map_err(|e| format!("bad certificate in PEM: {e}"))?)
            }
            "PKCS7" | "CMS" => out.extend(pkcs7_certificates(&b.der).ok_or("bad PKCS#7 certificate bundle in PEM")?),
            _ => {}
        }
    }
    Ok(out)
}

/// The certificates of a CMS SignedData (RFC 5652; a certs-only bundle has no signer).
/// BER (indefinite lengths, as some CAs publish their bundles, e.g. NEAC's on rootca.gov.vn)
/// is read through [`crate::cms::ber::to_der`].
fn pkcs7_certificates(der: &[u8]) -> Option<Vec<Certificate>> {
    let (der, _) = crate::cms::ber::to_der(der).ok()?;
    let ci = cms::content_info::ContentInfo::from_der(&der).ok()?;
    if ci.content_type != super::oids::CT_SIGNED_DATA {
        return None;
    }
    let sd = ci.content.decode_as::<cms::signed_data::SignedData>().ok()?;
    Some(
        sd.certificates
            .iter()
            .flat_map(|set| set.0.iter())
            .filter_map(|c| match c {
                cms::cert::CertificateChoices::Certificate(c) => Some(c.clone()),
                _ => None,
            })
            .collect(),
    )
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
