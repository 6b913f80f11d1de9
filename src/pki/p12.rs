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
pub fn write_pkcs12(
    key: &PrivateKey,
    chain: &[Certificate],
    password: &[u8],
    alias: &str,
) -> Result<Vec<u8>> {
    let password = std::str::from_utf8(password).map_err(|_| Error::InvalidOption {
        option: "--password-file",
        detail: "a PKCS#12 password must be valid UTF-8".into(),
    })?;
    let crypto = |e: String| Error::Crypto(format!("PKCS#12: {e}"));
    let key_der = key.to_pkcs8_der().map_err(|e| crypto(e.to_string()))?;
    let p12_key =
        p12_keystore::PrivateKey::from_der(&key_der).map_err(|e| crypto(e.to_string()))?;
    let certs = chain
        .iter()
        .map(|c| {
            let der = c.to_der().map_err(|e| crypto(e.to_string()))?;
            P12Cert::from_der(&der).map_err(|e| crypto(e.to_string()))
        })
        .collect::<Result<Vec<_>>>()?;
    let key_id = chain
        .first()
        .map(super::info::fingerprint)
        .unwrap_or_default();
    let entry = PrivateKeyChain::new(LocalKeyId(key_id.into_bytes()), p12_key, certs);
    let mut store = KeyStore::new();
    store.add_entry(alias, KeyStoreEntry::PrivateKeyChain(entry));
    store
        .writer(password)
        .write()
        .map_err(|e| crypto(e.to_string()))
}
