//! The private-key operation behind every signature format. A key file and a hardware
//! token both implement [`Signer`]; CMS, PDF and XML signing only see this trait, and a
//! batch loads the signer once and shares it.

use super::alg::{DigestAlg, SigScheme};
use super::key::{KeyError, PrivateKey};

pub trait Signer: Send + Sync {
    /// Sign `msg` (the digest is computed by the signer) with `scheme`.
    fn sign(&self, scheme: SigScheme, msg: &[u8]) -> Result<Vec<u8>, KeyError>;
    /// Upper bound (exact for RSA) of a signature's length in bytes.
    fn max_signature_len(&self) -> usize;
    /// The scheme to use for a digest; `pss` asks for RSASSA-PSS on RSA keys.
    fn scheme(&self, digest: DigestAlg, pss: bool) -> SigScheme;
    /// "RSA 2048", "ECDSA P-256", "PKCS#11 token X / key Y" — for messages.
    fn description(&self) -> String;
}

impl Signer for PrivateKey {
    fn sign(&self, scheme: SigScheme, msg: &[u8]) -> Result<Vec<u8>, KeyError> {
        PrivateKey::sign(self, scheme, msg)
    }
    fn max_signature_len(&self) -> usize {
        PrivateKey::max_signature_len(self)
    }
    fn scheme(&self, digest: DigestAlg, pss: bool) -> SigScheme {
        PrivateKey::scheme(self, digest, pss)
    }
    fn description(&self) -> String {
        PrivateKey::description(self)
    }
}

/// A key on a PKCS#11 token: the private key never leaves it; `C_Sign` does the work.
impl Signer for super::pkcs11::TokenKey {
    fn sign(&self, scheme: SigScheme, msg: &[u8]) -> Result<Vec<u8>, KeyError> {
        use super::pkcs11::Mechanism as M;
        use DigestAlg::*;
        let mech = match scheme {
            SigScheme::RsaPkcs1(Sha256) => M::RsaPkcs1Sha256,
            SigScheme::RsaPkcs1(Sha384) => M::RsaPkcs1Sha384,
            SigScheme::RsaPkcs1(Sha512) => M::RsaPkcs1Sha512,
            SigScheme::RsaPss(Sha256) => M::RsaPssSha256,
            SigScheme::RsaPss(Sha384) => M::RsaPssSha384,
            SigScheme::RsaPss(Sha512) => M::RsaPssSha512,
            SigScheme::Ecdsa(Sha256) => M::EcdsaSha256,
            SigScheme::Ecdsa(Sha384) => M::EcdsaSha384,
            SigScheme::Ecdsa(Sha512) => M::EcdsaSha512,
            _ => {
                return Err(KeyError::Unsupported("SHA-1 is not used for new signatures".into()));
            }
        };
        super::pkcs11::TokenKey::sign(self, mech, msg).map_err(|e| KeyError::Sign(e.to_string()))
    }
    fn max_signature_len(&self) -> usize {
        super::pkcs11::TokenKey::max_signature_len(self)
    }
    fn scheme(&self, digest: DigestAlg, pss: bool) -> SigScheme {
        match self.key_type() {
            super::pkcs11::KeyKind::Rsa { .. } if pss => SigScheme::RsaPss(digest),
            super::pkcs11::KeyKind::Rsa { .. } => SigScheme::RsaPkcs1(digest),
            super::pkcs11::KeyKind::EcP256 => SigScheme::Ecdsa(digest),
        }
    }
    fn description(&self) -> String {
        format!("PKCS#11 key {:?} (id {}) in slot {}", self.label(), hex::encode(self.id()), self.slot_id())
    }
}
