//! PKCS#12 bundles (`.p12`/`.pfx`): a key with its certificate chain.
//!
//! Written with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and an HMAC-SHA256 MAC, which
//! OpenSSL 3 reads by default (`openssl pkcs12 -info`), as do Java and .NET.

use der::Encode;
use p12_keystore::{Certificate as P12Cert, KeyStore, KeyStoreEntry, LocalKeyId, PrivateKeyChain};
use x509_cert::Certificate;

use super::key::PrivateKey;
use crate::error::{Error, Result};

/// Serialize `key` and `chain` (the key's certificate first, then its issuers).
pub fn write_pkcs12(key: &PrivateKey, chain: &[Certificate], password: &[u8], alias: &str) -> Result<Vec<u8>> {
    let password = std::str::from_utf8(password).map_err(|_| Error::InvalidOption {
        option: "--password-file",
        detail: "a PKCS#12 password must be valid UTF-8".into(),
    })?;
    let crypto = |e: String| Error::Crypto(format!("PKCS#12: {e}"));
    let key_der = key.to_pkcs8_der().map_err(|e| crypto(e.to_string()))?;
    let p12_key = p12_keystore::PrivateKey::from_der(&key_der).map_err(|e| crypto(e.to_string()))?;
    let certs = chain
        .iter()
        .map(|c| {
            let der = c.to_der().map_err(|e| crypto(e.to_string()))?;
            P12Cert::from_der(&der).map_err(|e| crypto(e.to_string()))
        })
        .collect::<Result<Vec<_>>>()?;
    let key_id = chain.first().map(super::info::fingerprint).unwrap_or_default();
    let entry = PrivateKeyChain::new(LocalKeyId(key_id.into_bytes()), p12_key, certs);
    let mut store = KeyStore::new();
    store.add_entry(alias, KeyStoreEntry::PrivateKeyChain(entry));
    store.writer(password).write().map_err(|e| crypto(e.to_string()))
}

/// Read a PKCS#12 file: the private key and its certificate chain (key's certificate
/// first). Reads OpenSSL 3's default (PBES2/AES-256, SHA-256 MAC) and the legacy
/// 3DES/RC2/SHA-1 files older tools and Windows export.
pub fn read_pkcs12(
    bytes: &[u8],
    password: &[u8],
) -> std::result::Result<(PrivateKey, Vec<Certificate>), super::key::KeyError> {
    use super::key::KeyError;
    use der::Decode;
    let password = std::str::from_utf8(password).map_err(|_| KeyError::WrongPassword)?;
    let store = KeyStore::from_pkcs12(bytes, password, p12_keystore::Pkcs12ImportPolicy::Relaxed).map_err(|e| {
        let text = e.to_string();
        if text.to_ascii_lowercase().contains("mac") || text.to_ascii_lowercase().contains("password") {
            KeyError::WrongPassword
        } else {
            KeyError::Malformed(format!("PKCS#12: {text}"))
        }
    })?;
    let (_, chain) =
        store.private_key_chain().ok_or_else(|| KeyError::Malformed("the PKCS#12 file holds no private key".into()))?;
    let key = PrivateKey::from_pkcs8_der(chain.key().as_der())?;
    let certs = chain
        .certs()
        .iter()
        .map(|c| Certificate::from_der(c.as_der()).map_err(|e| KeyError::Malformed(e.to_string())))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok((key, certs))
}
