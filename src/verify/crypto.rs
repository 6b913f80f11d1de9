//! Checking one signature value with a public key.

use der::Encode;
use signature::hazmat::PrehashVerifier;
use spki::{DecodePublicKey, SubjectPublicKeyInfoOwned};

use crate::pki::alg::{DigestAlg, SigScheme};
use crate::pki::oids;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigCheck {
    /// The signature does not verify with this key.
    Bad,
    /// The key type or algorithm is not supported.
    Unsupported(String),
}

/// Verify `sig` over `msg` (hashed here with the scheme's digest).
pub fn verify_message(
    spki: &SubjectPublicKeyInfoOwned,
    scheme: SigScheme,
    pss_salt: Option<usize>,
    msg: &[u8],
    sig: &[u8],
) -> Result<(), SigCheck> {
    verify_prehash(spki, scheme, pss_salt, &scheme.digest().digest(msg), sig)
}

/// Verify `sig` over a precomputed digest.
pub fn verify_prehash(
    spki: &SubjectPublicKeyInfoOwned,
    scheme: SigScheme,
    pss_salt: Option<usize>,
    prehash: &[u8],
    sig: &[u8],
) -> Result<(), SigCheck> {
    use DigestAlg::*;
    let spki_der = spki.to_der().map_err(|e| SigCheck::Unsupported(e.to_string()))?;
    let bad = |_| SigCheck::Bad;
    match scheme {
        SigScheme::RsaPkcs1(d) | SigScheme::RsaPss(d) => {
            if spki.algorithm.oid != oids::RSA_ENCRYPTION {
                return Err(SigCheck::Unsupported(format!("{} with a non-RSA key", scheme.name())));
            }
            let key = rsa::RsaPublicKey::from_public_key_der(&spki_der)
                .map_err(|e| SigCheck::Unsupported(format!("RSA key: {e}")))?;
            if let SigScheme::RsaPss(_) = scheme {
                let s = rsa::pss::Signature::try_from(sig).map_err(bad)?;
                let salt = pss_salt.unwrap_or(d.output_len());
                return match d {
                    Sha1 => {
                        rsa::pss::VerifyingKey::<sha1::Sha1>::new_with_salt_len(key, salt).verify_prehash(prehash, &s)
                    }
                    Sha256 => {
                        rsa::pss::VerifyingKey::<sha2::Sha256>::new_with_salt_len(key, salt).verify_prehash(prehash, &s)
                    }
                    Sha384 => {
                        rsa::pss::VerifyingKey::<sha2::Sha384>::new_with_salt_len(key, salt).verify_prehash(prehash, &s)
                    }
                    Sha512 => {
                        rsa::pss::VerifyingKey::<sha2::Sha512>::new_with_salt_len(key, salt).verify_prehash(prehash, &s)
                    }
                }
                .map_err(bad);
            }
            let s = rsa::pkcs1v15::Signature::try_from(sig).map_err(bad)?;
            match d {
                Sha1 => rsa::pkcs1v15::VerifyingKey::<sha1::Sha1>::new(key).verify_prehash(prehash, &s),
                Sha256 => rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key).verify_prehash(prehash, &s),
                Sha384 => rsa::pkcs1v15::VerifyingKey::<sha2::Sha384>::new(key).verify_prehash(prehash, &s),
                Sha512 => rsa::pkcs1v15::VerifyingKey::<sha2::Sha512>::new(key).verify_prehash(prehash, &s),
            }
            .map_err(bad)
        }
        SigScheme::Ecdsa(_) => {
            if spki.algorithm.oid != oids::EC_PUBLIC_KEY {
                return Err(SigCheck::Unsupported("ECDSA with a non-EC key".into()));
            }
            let key = p256::ecdsa::VerifyingKey::from_public_key_der(&spki_der)
                .map_err(|_| SigCheck::Unsupported("only P-256 EC keys are supported".into()))?;
            let s = p256::ecdsa::Signature::from_der(sig).map_err(bad)?;
            key.verify_prehash(prehash, &s).map_err(bad)
        }
    }
}

/// Verify that `issuer_spki` signed `cert`.
pub fn verify_certificate(
    cert: &x509_cert::Certificate,
    issuer_spki: &SubjectPublicKeyInfoOwned,
) -> Result<(), SigCheck> {
    let alg = cert.signature_algorithm();
    let scheme = SigScheme::from_algorithm_identifier(alg)
        .ok_or_else(|| SigCheck::Unsupported(format!("certificate signature algorithm {}", alg.oid)))?;
    let tbs = cert.tbs_certificate().to_der().map_err(|e| SigCheck::Unsupported(e.to_string()))?;
    let sig = cert.signature().as_bytes().ok_or(SigCheck::Bad)?;
    verify_message(issuer_spki, scheme, crate::pki::alg::pss_salt_len(alg), &tbs, sig)
}
