//! The private-key operation: RSA PKCS#1 v1.5 and PSS, ECDSA on P-256/P-384/P-521, with the
//! backend, over keys stored as RustCrypto types ([`BackendKey`] keeps the backend's form of
//! each key, made once on first use, so a batch pays for it once).

use std::ops::Deref;
#[cfg(feature = "backend-aws-lc")]
use std::sync::OnceLock;

use crate::pki::alg::{DigestAlg, SigScheme};

/// A private key as kyso stores it (a RustCrypto type), plus the backend's own form of it.
pub struct BackendKey<K> {
    key: K,
    #[cfg(feature = "backend-aws-lc")]
    fast: OnceLock<Result<super::awslc::SigningKey, String>>,
}

impl<K> BackendKey<K> {
    pub fn new(key: K) -> BackendKey<K> {
        BackendKey {
            key,
            #[cfg(feature = "backend-aws-lc")]
            fast: OnceLock::new(),
        }
    }
}

impl<K> Deref for BackendKey<K> {
    type Target = K;
    fn deref(&self) -> &K {
        &self.key
    }
}

#[cfg(feature = "backend-aws-lc")]
impl<K: pkcs8::EncodePrivateKey> BackendKey<K> {
    /// The backend's form of the key (parsed from its PKCS#8 once); Err says why it has none.
    fn fast(&self, curve: Option<super::awslc::Curve>) -> &Result<super::awslc::SigningKey, String> {
        self.fast.get_or_init(|| {
            let der = self.key.to_pkcs8_der().map_err(|e| e.to_string())?;
            super::awslc::SigningKey::from_pkcs8(der.as_bytes(), curve)
        })
    }
}

/// A signing failure, in words (the caller wraps it as `KeyError::Sign`).
pub type SignError = String;

fn err(e: impl std::fmt::Display) -> SignError {
    e.to_string()
}

/// Which private key to sign with.
#[derive(Clone, Copy)]
pub enum SignKey<'a> {
    Rsa(&'a BackendKey<rsa::RsaPrivateKey>),
    P256(&'a BackendKey<p256::SecretKey>),
    P384(&'a BackendKey<p384::SecretKey>),
    P521(&'a BackendKey<p521::SecretKey>),
}

/// Sign `msg` with `scheme` (the digest is computed here). The caller has already refused
/// digests kyso does not sign with (SHA-1, SHA-3) and key/scheme mismatches are refused here:
/// `Ok(None)`.
pub fn sign(key: SignKey<'_>, scheme: SigScheme, msg: &[u8]) -> Result<Option<Vec<u8>>, SignError> {
    #[cfg(feature = "backend-aws-lc")]
    {
        use super::awslc::Curve;
        let fast = match &key {
            SignKey::Rsa(k) => match k.fast(None) {
                Ok(f) => Some(f),
                // Never fall back to the `rsa` crate for a private-key operation here.
                Err(e) => return Err(format!("the crypto backend (AWS-LC) cannot sign with this RSA key: {e}")),
            },
            SignKey::P256(k) => k.fast(Some(Curve::P256)).as_ref().ok(),
            SignKey::P384(k) => k.fast(Some(Curve::P384)).as_ref().ok(),
            SignKey::P521(k) => k.fast(Some(Curve::P521)).as_ref().ok(),
        };
        if let Some(f) = fast
            && let Some(sig) = f.sign(scheme, msg)
        {
            return sig.map(Some);
        }
        if let SignKey::Rsa(_) = key {
            return Ok(None);
        }
    }
    rustcrypto_sign(key, scheme, msg)
}

/// The pure-Rust path: RustCrypto's blinded RSA (`try_sign_with_rng`) and RFC 6979 ECDSA.
pub(crate) fn rustcrypto_sign(key: SignKey<'_>, scheme: SigScheme, msg: &[u8]) -> Result<Option<Vec<u8>>, SignError> {
    use DigestAlg::*;
    use signature::hazmat::PrehashSigner;
    use signature::{RandomizedSigner, SignatureEncoding};
    let mut rng = getrandom::SysRng;
    let sig = match (key, scheme) {
        (SignKey::Rsa(k), SigScheme::RsaPkcs1(d)) => {
            let k = (**k).clone();
            let sig = match d {
                Sha256 => rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(k).try_sign_with_rng(&mut rng, msg),
                Sha384 => rsa::pkcs1v15::SigningKey::<sha2::Sha384>::new(k).try_sign_with_rng(&mut rng, msg),
                Sha512 => rsa::pkcs1v15::SigningKey::<sha2::Sha512>::new(k).try_sign_with_rng(&mut rng, msg),
                _ => return Ok(None),
            };
            sig.map(|s| s.to_vec()).map_err(err)?
        }
        (SignKey::Rsa(k), SigScheme::RsaPss(d)) => {
            let k = (**k).clone();
            let sig = match d {
                Sha256 => rsa::pss::SigningKey::<sha2::Sha256>::new(k).try_sign_with_rng(&mut rng, msg),
                Sha384 => rsa::pss::SigningKey::<sha2::Sha384>::new(k).try_sign_with_rng(&mut rng, msg),
                Sha512 => rsa::pss::SigningKey::<sha2::Sha512>::new(k).try_sign_with_rng(&mut rng, msg),
                _ => return Ok(None),
            };
            sig.map(|s| s.to_vec()).map_err(err)?
        }
        (SignKey::P256(k), SigScheme::Ecdsa(d)) => {
            let sig: p256::ecdsa::Signature =
                p256::ecdsa::SigningKey::from(&**k).sign_prehash(&d.digest(msg)).map_err(err)?;
            sig.to_der().as_bytes().to_vec()
        }
        (SignKey::P384(k), SigScheme::Ecdsa(d)) => {
            let sig: p384::ecdsa::Signature =
                p384::ecdsa::SigningKey::from(&**k).sign_prehash(&d.digest(msg)).map_err(err)?;
            sig.to_der().as_bytes().to_vec()
        }
        (SignKey::P521(k), SigScheme::Ecdsa(d)) => {
            let sk = p521::ecdsa::SigningKey::from_bytes(&k.to_bytes()).map_err(err)?;
            let sig: p521::ecdsa::Signature = sk.sign_prehash(&d.digest(msg)).map_err(err)?;
            sig.to_der().as_bytes().to_vec()
        }
        _ => return Ok(None),
    };
    Ok(Some(sig))
}
