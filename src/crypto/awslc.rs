//! The AWS-LC backend (`aws-lc-rs`): digests, signing keys, signature checks.

use aws_lc_rs::digest;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature as sig;

use super::{BackendPublicKey, FastCheck};
use crate::pki::alg::{DigestAlg, SigScheme};

/// The AWS-LC digest for a kyso digest (SHA-3 and SHAKE stay with RustCrypto).
pub(super) fn digest_algorithm(d: DigestAlg) -> Option<&'static digest::Algorithm> {
    Some(match d {
        DigestAlg::Sha1 => &digest::SHA1_FOR_LEGACY_USE_ONLY,
        DigestAlg::Sha224 => &digest::SHA224,
        DigestAlg::Sha256 => &digest::SHA256,
        DigestAlg::Sha384 => &digest::SHA384,
        DigestAlg::Sha512 => &digest::SHA512,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Curve {
    P256,
    P384,
    P521,
}

/// A private key in AWS-LC's form. An ECDSA key pair is bound to one digest in aws-lc-rs:
/// the curve's own (P-256/SHA-256, P-384/SHA-384; P-521 gets one per SHA-2 digest).
pub(super) enum SigningKey {
    Rsa(sig::RsaKeyPair),
    Ec(Vec<(DigestAlg, sig::EcdsaKeyPair)>),
}

impl SigningKey {
    /// `curve` None: RSA.
    pub(super) fn from_pkcs8(der: &[u8], curve: Option<Curve>) -> Result<SigningKey, String> {
        use DigestAlg::*;
        let algs: &[(DigestAlg, &'static sig::EcdsaSigningAlgorithm)] = match curve {
            None => return sig::RsaKeyPair::from_pkcs8(der).map(SigningKey::Rsa).map_err(|e| e.to_string()),
            Some(Curve::P256) => &[(Sha256, &sig::ECDSA_P256_SHA256_ASN1_SIGNING)],
            Some(Curve::P384) => &[(Sha384, &sig::ECDSA_P384_SHA384_ASN1_SIGNING)],
            Some(Curve::P521) => &[
                (Sha256, &sig::ECDSA_P521_SHA256_ASN1_SIGNING),
                (Sha384, &sig::ECDSA_P521_SHA384_ASN1_SIGNING),
                (Sha512, &sig::ECDSA_P521_SHA512_ASN1_SIGNING),
            ],
        };
        let pairs = algs
            .iter()
            .map(|(d, a)| sig::EcdsaKeyPair::from_pkcs8(a, der).map(|k| (*d, k)).map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SigningKey::Ec(pairs))
    }

    /// Sign `msg`; None when this key and scheme are not done here.
    pub(super) fn sign(&self, scheme: SigScheme, msg: &[u8]) -> Option<Result<Vec<u8>, String>> {
        use DigestAlg::*;
        let rng = SystemRandom::new();
        match (self, scheme) {
            (SigningKey::Rsa(k), SigScheme::RsaPkcs1(_) | SigScheme::RsaPss(_)) => {
                let enc: &'static dyn sig::RsaEncoding = match scheme {
                    SigScheme::RsaPkcs1(Sha256) => &sig::RSA_PKCS1_SHA256,
                    SigScheme::RsaPkcs1(Sha384) => &sig::RSA_PKCS1_SHA384,
                    SigScheme::RsaPkcs1(Sha512) => &sig::RSA_PKCS1_SHA512,
                    // Salt length = digest length, as kyso writes PSS.
                    SigScheme::RsaPss(Sha256) => &sig::RSA_PSS_SHA256,
                    SigScheme::RsaPss(Sha384) => &sig::RSA_PSS_SHA384,
                    SigScheme::RsaPss(Sha512) => &sig::RSA_PSS_SHA512,
                    _ => return None,
                };
                let mut out = vec![0u8; k.public_modulus_len()];
                Some(k.sign(enc, &rng, msg, &mut out).map(|_| out).map_err(|e| e.to_string()))
            }
            (SigningKey::Ec(pairs), SigScheme::Ecdsa(d)) => {
                let (_, k) = pairs.iter().find(|(pd, _)| *pd == d)?;
                Some(k.sign(&rng, msg).map(|s| s.as_ref().to_vec()).map_err(|e| e.to_string()))
            }
            _ => None,
        }
    }
}

const RSA_BITS: std::ops::RangeInclusive<usize> = 2048..=8192;

/// See [`super::verify_prehash`].
pub(super) fn verify_prehash(
    key: BackendPublicKey<'_>,
    scheme: SigScheme,
    pss_salt: Option<usize>,
    prehash: &[u8],
    signature: &[u8],
) -> FastCheck {
    use BackendPublicKey as K;
    use DigestAlg::*;
    use SigScheme::*;
    let d = scheme.digest();
    let (alg, bytes): (&'static dyn sig::VerificationAlgorithm, &[u8]) = match (key, scheme) {
        (K::Rsa { pkcs1, bits }, RsaPkcs1(_)) if RSA_BITS.contains(&bits) => (
            match d {
                Sha1 => &sig::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
                Sha256 => &sig::RSA_PKCS1_2048_8192_SHA256,
                Sha384 => &sig::RSA_PKCS1_2048_8192_SHA384,
                Sha512 => &sig::RSA_PKCS1_2048_8192_SHA512,
                _ => return FastCheck::NotHere,
            },
            pkcs1,
        ),
        (K::Rsa { pkcs1, bits }, RsaPss(_))
            if RSA_BITS.contains(&bits) && pss_salt.is_none_or(|s| s == d.output_len()) =>
        {
            (
                match d {
                    Sha256 => &sig::RSA_PSS_2048_8192_SHA256,
                    Sha384 => &sig::RSA_PSS_2048_8192_SHA384,
                    Sha512 => &sig::RSA_PSS_2048_8192_SHA512,
                    _ => return FastCheck::NotHere,
                },
                pkcs1,
            )
        }
        (K::P256(p), Ecdsa(_)) => (
            match d {
                Sha1 => &sig::ECDSA_P256_SHA1_ASN1,
                Sha256 => &sig::ECDSA_P256_SHA256_ASN1,
                Sha384 => &sig::ECDSA_P256_SHA384_ASN1,
                Sha512 => &sig::ECDSA_P256_SHA512_ASN1,
                _ => return FastCheck::NotHere,
            },
            p,
        ),
        (K::P256(p), EcdsaPlain(Sha256)) => (&sig::ECDSA_P256_SHA256_FIXED, p),
        (K::P384(p), Ecdsa(_)) => (
            match d {
                Sha256 => &sig::ECDSA_P384_SHA256_ASN1,
                Sha384 => &sig::ECDSA_P384_SHA384_ASN1,
                Sha512 => &sig::ECDSA_P384_SHA512_ASN1,
                _ => return FastCheck::NotHere,
            },
            p,
        ),
        (K::P384(p), EcdsaPlain(Sha384)) => (&sig::ECDSA_P384_SHA384_FIXED, p),
        (K::P521(p), Ecdsa(_)) => (
            match d {
                Sha1 => &sig::ECDSA_P521_SHA1_ASN1,
                Sha224 => &sig::ECDSA_P521_SHA224_ASN1,
                Sha256 => &sig::ECDSA_P521_SHA256_ASN1,
                Sha384 => &sig::ECDSA_P521_SHA384_ASN1,
                Sha512 => &sig::ECDSA_P521_SHA512_ASN1,
                _ => return FastCheck::NotHere,
            },
            p,
        ),
        (K::P521(p), EcdsaPlain(_)) => (
            match d {
                Sha1 => &sig::ECDSA_P521_SHA1_FIXED,
                Sha224 => &sig::ECDSA_P521_SHA224_FIXED,
                Sha256 => &sig::ECDSA_P521_SHA256_FIXED,
                Sha384 => &sig::ECDSA_P521_SHA384_FIXED,
                Sha512 => &sig::ECDSA_P521_SHA512_FIXED,
                _ => return FastCheck::NotHere,
            },
            p,
        ),
        _ => return FastCheck::NotHere,
    };
    let Some(dalg) = digest_algorithm(d) else { return FastCheck::NotHere };
    let Ok(digest) = digest::Digest::import_less_safe(prehash, dalg) else { return FastCheck::NotHere };
    match sig::UnparsedPublicKey::new(alg, bytes).verify_digest(&digest, signature) {
        Ok(()) => FastCheck::Good,
        Err(_) => FastCheck::Rejected,
    }
}

/// A new RSA key of `bits` (2048, 3072, 4096), as PKCS#8 DER.
pub(super) fn generate_rsa_pkcs8(bits: usize) -> Result<zeroize::Zeroizing<Vec<u8>>, String> {
    use aws_lc_rs::encoding::AsDer;
    let size = match bits {
        2048 => KeySize::Rsa2048,
        3072 => KeySize::Rsa3072,
        4096 => KeySize::Rsa4096,
        _ => return Err(format!("RSA keys of {bits} bits are not generated")),
    };
    let kp = sig::RsaKeyPair::generate(size).map_err(|e| e.to_string())?;
    let der = kp.as_der().map_err(|e| e.to_string())?;
    Ok(zeroize::Zeroizing::new(der.as_ref().to_vec()))
}
