//! Private keys: generation, PKCS#8 files (optionally password-encrypted), signing.
//!
//! Keys are parsed and stored as RustCrypto types; the private-key operation itself is the
//! crypto provider's (`crate::crypto`): AWS-LC in the default build, RustCrypto's blinded
//! path in the pure-Rust build (see `deny.toml` on RUSTSEC-2023-0071).

use der::{Decode, Encode};
use getrandom::SysRng;
use pkcs8::{DecodePrivateKey, EncodePrivateKey};
use rand_core::UnwrapErr;
use rsa::traits::PublicKeyParts;
use spki::{EncodePublicKey, SubjectPublicKeyInfoOwned};
use zeroize::Zeroizing;

use super::alg::{DigestAlg, SigScheme};
use crate::crypto::{BackendKey, SignKey};

/// Key types kyso can generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyType {
    /// RSA 2048-bit (the default; what Vietnamese CAs issue most)
    #[default]
    Rsa2048,
    /// RSA 3072-bit
    Rsa3072,
    /// RSA 4096-bit
    Rsa4096,
    /// ECDSA on NIST P-256
    P256,
    /// ECDSA on NIST P-384
    P384,
    /// ECDSA on NIST P-521
    P521,
}

/// Why a key could not be used. The caller adds the file path.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the key is encrypted and no password was given")]
    PasswordRequired,
    #[error("wrong password")]
    WrongPassword,
    #[error("{0}")]
    Malformed(String),
    #[error("unsupported key: {0}")]
    Unsupported(String),
    #[error("signing failed: {0}")]
    Sign(String),
}

/// A private key held in memory.
pub enum PrivateKey {
    Rsa(Box<BackendKey<rsa::RsaPrivateKey>>),
    P256(BackendKey<p256::SecretKey>),
    P384(BackendKey<p384::SecretKey>),
    P521(BackendKey<p521::SecretKey>),
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PrivateKey({})", self.description())
    }
}

/// Iterations of PBKDF2-HMAC-SHA256 for encrypted key files: well above OpenSSL's
/// default of 2048, still fast enough that opening a key per run is unnoticeable.
pub const PBKDF2_ITERATIONS: u32 = 100_000;

impl PrivateKey {
    pub fn generate(kind: KeyType) -> Result<PrivateKey, KeyError> {
        let rsa = |bits| {
            if let Some(der) = crate::crypto::generate_rsa_pkcs8(bits) {
                return Self::from_pkcs8_der(&der.map_err(KeyError::Sign)?);
            }
            rsa::RsaPrivateKey::new(&mut UnwrapErr(SysRng), bits)
                .map(|k| PrivateKey::Rsa(Box::new(BackendKey::new(k))))
                .map_err(|e| KeyError::Sign(e.to_string()))
        };
        match kind {
            KeyType::Rsa2048 => rsa(2048),
            KeyType::Rsa3072 => rsa(3072),
            KeyType::Rsa4096 => rsa(4096),
            KeyType::P256 => {
                use p256::elliptic_curve::Generate;
                p256::SecretKey::try_generate_from_rng(&mut SysRng)
                    .map(|k| PrivateKey::P256(BackendKey::new(k)))
                    .map_err(|e| KeyError::Sign(format!("no randomness available: {e}")))
            }
            KeyType::P384 => {
                use p384::elliptic_curve::Generate;
                p384::SecretKey::try_generate_from_rng(&mut SysRng)
                    .map(|k| PrivateKey::P384(BackendKey::new(k)))
                    .map_err(|e| KeyError::Sign(format!("no randomness available: {e}")))
            }
            KeyType::P521 => {
                use p521::elliptic_curve::Generate;
                p521::SecretKey::try_generate_from_rng(&mut SysRng)
                    .map(|k| PrivateKey::P521(BackendKey::new(k)))
                    .map_err(|e| KeyError::Sign(format!("no randomness available: {e}")))
            }
        }
    }

    /// Parse a PKCS#8 `PrivateKeyInfo` (DER).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<PrivateKey, KeyError> {
        let info = pkcs8::PrivateKeyInfoRef::from_der(der).map_err(|e| KeyError::Malformed(e.to_string()))?;
        let oid = info.algorithm.oid;
        if oid == super::oids::RSA_ENCRYPTION {
            let key = rsa::RsaPrivateKey::from_pkcs8_der(der).map_err(|e| KeyError::Malformed(e.to_string()))?;
            Ok(PrivateKey::Rsa(Box::new(BackendKey::new(key))))
        } else if oid == super::oids::EC_PUBLIC_KEY {
            p256::SecretKey::from_pkcs8_der(der)
                .map(|k| PrivateKey::P256(BackendKey::new(k)))
                .or_else(|_| p384::SecretKey::from_pkcs8_der(der).map(|k| PrivateKey::P384(BackendKey::new(k))))
                .or_else(|_| p521::SecretKey::from_pkcs8_der(der).map(|k| PrivateKey::P521(BackendKey::new(k))))
                .map_err(|_| KeyError::Unsupported("EC keys must be on P-256, P-384 or P-521".into()))
        } else {
            Err(KeyError::Unsupported(format!("key algorithm {oid}")))
        }
    }

    /// Parse a key from file contents: PEM (`PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`,
    /// `RSA PRIVATE KEY`, `EC PRIVATE KEY`) or DER (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1).
    pub fn from_bytes(bytes: &[u8], password: Option<&[u8]>) -> Result<PrivateKey, KeyError> {
        let blocks = super::pem::pem_blocks(bytes).map_err(KeyError::Malformed)?;
        if blocks.is_empty() {
            return Self::from_der_any(bytes, password);
        }
        let block = blocks
            .iter()
            .find(|b| b.label.ends_with("PRIVATE KEY"))
            .ok_or_else(|| KeyError::Malformed("no PRIVATE KEY block in the PEM file".into()))?;
        if block.encrypted_legacy {
            return Err(KeyError::Unsupported(
                "legacy encrypted PEM (Proc-Type: 4,ENCRYPTED); convert it with `openssl pkcs8 -topk8`".into(),
            ));
        }
        match block.label.as_str() {
            "PRIVATE KEY" => Self::from_pkcs8_der(&block.der),
            "ENCRYPTED PRIVATE KEY" => Self::from_encrypted_der(&block.der, password),
            "RSA PRIVATE KEY" => Self::from_pkcs1_der(&block.der),
            "EC PRIVATE KEY" => Self::from_sec1_der(&block.der),
            other => Err(KeyError::Unsupported(format!("PEM block {other:?}"))),
        }
    }

    fn from_der_any(der: &[u8], password: Option<&[u8]>) -> Result<PrivateKey, KeyError> {
        if pkcs8::EncryptedPrivateKeyInfoRef::from_der(der).is_ok() {
            return Self::from_encrypted_der(der, password);
        }
        Self::from_pkcs8_der(der)
            .or_else(|_| Self::from_pkcs1_der(der))
            .or_else(|_| Self::from_sec1_der(der))
            .map_err(|_| KeyError::Malformed("not a PEM or DER private key".into()))
    }

    fn from_encrypted_der(der: &[u8], password: Option<&[u8]>) -> Result<PrivateKey, KeyError> {
        let password = password.ok_or(KeyError::PasswordRequired)?;
        let info = pkcs8::EncryptedPrivateKeyInfoRef::from_der(der).map_err(|e| KeyError::Malformed(e.to_string()))?;
        // A wrong password shows up as a padding or decoding failure of the plaintext.
        let plain = info.decrypt(password).map_err(|_| KeyError::WrongPassword)?;
        Self::from_pkcs8_der(plain.as_bytes()).map_err(|e| match e {
            KeyError::Malformed(_) => KeyError::WrongPassword,
            other => other,
        })
    }

    fn from_pkcs1_der(der: &[u8]) -> Result<PrivateKey, KeyError> {
        use rsa::pkcs1::DecodeRsaPrivateKey;
        rsa::RsaPrivateKey::from_pkcs1_der(der)
            .map(|k| PrivateKey::Rsa(Box::new(BackendKey::new(k))))
            .map_err(|e| KeyError::Malformed(e.to_string()))
    }

    fn from_sec1_der(der: &[u8]) -> Result<PrivateKey, KeyError> {
        p256::SecretKey::from_sec1_der(der)
            .map(|k| PrivateKey::P256(BackendKey::new(k)))
            .or_else(|_| p384::SecretKey::from_sec1_der(der).map(|k| PrivateKey::P384(BackendKey::new(k))))
            .or_else(|_| p521::SecretKey::from_sec1_der(der).map(|k| PrivateKey::P521(BackendKey::new(k))))
            .map_err(|e| KeyError::Malformed(e.to_string()))
    }

    /// PKCS#8 DER, zeroized when dropped.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        let doc = match self {
            PrivateKey::Rsa(k) => k.to_pkcs8_der(),
            PrivateKey::P256(k) => k.to_pkcs8_der(),
            PrivateKey::P384(k) => k.to_pkcs8_der(),
            PrivateKey::P521(k) => k.to_pkcs8_der(),
        }
        .map_err(|e| KeyError::Malformed(e.to_string()))?;
        Ok(Zeroizing::new(doc.as_bytes().to_vec()))
    }

    /// PEM text: `PRIVATE KEY`, or `ENCRYPTED PRIVATE KEY` (PBES2, PBKDF2-HMAC-SHA256,
    /// AES-256-CBC: read by OpenSSL 3, Java and .NET) when a password is given.
    pub fn to_pem(&self, password: Option<&[u8]>) -> Result<Zeroizing<String>, KeyError> {
        let der = self.to_pkcs8_der()?;
        let (label, bytes) = match password {
            None => ("PRIVATE KEY", der),
            Some(pw) => {
                let mut salt = [0u8; 16];
                let mut iv = [0u8; 16];
                fill_random(&mut salt)?;
                fill_random(&mut iv)?;
                let params =
                    pkcs8::pkcs5::pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(PBKDF2_ITERATIONS, &salt, iv)
                        .map_err(|e| KeyError::Malformed(e.to_string()))?;
                let info = pkcs8::PrivateKeyInfoRef::from_der(&der).map_err(|e| KeyError::Malformed(e.to_string()))?;
                let enc = info.encrypt_with_params(params, pw).map_err(|e| KeyError::Malformed(e.to_string()))?;
                ("ENCRYPTED PRIVATE KEY", Zeroizing::new(enc.as_bytes().to_vec()))
            }
        };
        let pem = der::pem::encode_string(label, der::pem::LineEnding::LF, &bytes)
            .map_err(|e| KeyError::Malformed(e.to_string()))?;
        Ok(Zeroizing::new(pem))
    }

    /// The public key as a SubjectPublicKeyInfo.
    pub fn public_key_info(&self) -> Result<SubjectPublicKeyInfoOwned, KeyError> {
        let doc = match self {
            PrivateKey::Rsa(k) => k.to_public_key().to_public_key_der(),
            PrivateKey::P256(k) => k.public_key().to_public_key_der(),
            PrivateKey::P384(k) => k.public_key().to_public_key_der(),
            PrivateKey::P521(k) => k.public_key().to_public_key_der(),
        }
        .map_err(|e| KeyError::Malformed(e.to_string()))?;
        SubjectPublicKeyInfoOwned::from_der(doc.as_bytes()).map_err(|e| KeyError::Malformed(e.to_string()))
    }

    pub fn description(&self) -> String {
        match self {
            PrivateKey::Rsa(k) => format!("RSA {}", k.size() * 8),
            PrivateKey::P256(_) => "ECDSA P-256".to_string(),
            PrivateKey::P384(_) => "ECDSA P-384".to_string(),
            PrivateKey::P521(_) => "ECDSA P-521".to_string(),
        }
    }

    /// The signature scheme kyso uses with this key for a digest (`pss` selects RSASSA-PSS).
    pub fn scheme(&self, digest: DigestAlg, pss: bool) -> SigScheme {
        match self {
            PrivateKey::Rsa(_) if pss => SigScheme::RsaPss(digest),
            PrivateKey::Rsa(_) => SigScheme::RsaPkcs1(digest),
            PrivateKey::P256(_) | PrivateKey::P384(_) | PrivateKey::P521(_) => SigScheme::Ecdsa(digest),
        }
    }

    /// The largest signature this key can produce: exact for RSA (the modulus size),
    /// an upper bound for ECDSA (DER `Ecdsa-Sig-Value` of two integers one byte longer
    /// than the curve order).
    pub fn max_signature_len(&self) -> usize {
        match self {
            PrivateKey::Rsa(k) => k.size(),
            PrivateKey::P256(_) => 72,
            PrivateKey::P384(_) => 104,
            PrivateKey::P521(_) => 141,
        }
    }

    /// Sign `msg` (the digest is computed here) with the crypto provider. SHA-1 is refused:
    /// kyso never signs with it.
    pub fn sign(&self, scheme: SigScheme, msg: &[u8]) -> Result<Vec<u8>, KeyError> {
        use DigestAlg::*;
        if scheme.digest() == Sha1 {
            return Err(KeyError::Unsupported("SHA-1 is not used for new signatures".into()));
        }
        if !matches!(scheme.digest(), Sha256 | Sha384 | Sha512) {
            return Err(KeyError::Unsupported(format!("kyso does not sign with {}", scheme.digest().name())));
        }
        let key = match self {
            PrivateKey::Rsa(k) => SignKey::Rsa(k),
            PrivateKey::P256(k) => SignKey::P256(k),
            PrivateKey::P384(k) => SignKey::P384(k),
            PrivateKey::P521(k) => SignKey::P521(k),
        };
        crate::crypto::sign(key, scheme, msg)
            .map_err(KeyError::Sign)?
            .ok_or_else(|| KeyError::Unsupported(format!("{} cannot sign with {}", self.description(), scheme.name())))
    }
}

fn fill_random(buf: &mut [u8]) -> Result<(), KeyError> {
    getrandom::fill(buf).map_err(|e| KeyError::Sign(format!("no randomness available: {e}")))
}

/// True when the key's public half is the certificate's public key.
pub fn matches_certificate(key: &PrivateKey, cert: &x509_cert::Certificate) -> bool {
    let spki = cert.tbs_certificate().subject_public_key_info();
    match (key.public_key_info(), spki.to_der()) {
        (Ok(k), Ok(c)) => k.to_der().is_ok_and(|k| k == c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p256_round_trip_and_encryption() {
        let key = PrivateKey::generate(KeyType::P256).unwrap();
        let pem = key.to_pem(Some("mật khẩu".as_bytes())).unwrap();
        assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assert!(matches!(PrivateKey::from_bytes(pem.as_bytes(), None), Err(KeyError::PasswordRequired)));
        assert!(matches!(PrivateKey::from_bytes(pem.as_bytes(), Some(b"wrong")), Err(KeyError::WrongPassword)));
        let back = PrivateKey::from_bytes(pem.as_bytes(), Some("mật khẩu".as_bytes())).unwrap();
        assert_eq!(back.public_key_info().unwrap(), key.public_key_info().unwrap());
        let sig = key.sign(SigScheme::Ecdsa(DigestAlg::Sha384), b"hello").unwrap();
        assert!(sig.len() <= key.max_signature_len());
    }

    #[test]
    fn refuses_sha1_and_garbage() {
        let key = PrivateKey::generate(KeyType::P256).unwrap();
        assert!(key.sign(SigScheme::Ecdsa(DigestAlg::Sha1), b"x").is_err());
        assert!(PrivateKey::from_bytes(b"garbage", None).is_err());
        assert!(PrivateKey::from_bytes(b"-----BEGIN PRIVATE KEY-----\nAAAA", None).is_err());
    }
}
