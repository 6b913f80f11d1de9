//! Checking one signature value with a public key: the one place in kyso that does it,
//! for every scheme (RSA PKCS#1 v1.5 and PSS, ECDSA on P-256/P-384/P-521 and Brainpool
//! P256r1/P384r1 in DER or plain r‖s form, Ed25519, Ed448) and digest ([`DigestAlg`]). CMS, PDF, XML, certificate and
//! CRL checks all come here. The crypto provider (`crate::crypto`) checks what its backend
//! does (AWS-LC in the default build); what it rejects is confirmed here with RustCrypto
//! before it is called bad, and RustCrypto alone does the rest.
//!
//! Public API:
//! - [`verify_message`]: a signature over a message (hashed here for the pre-hash schemes).
//! - [`verify_prehash`]: a signature over a digest computed by the caller (not EdDSA).
//! - [`verify_certificate`]: a certificate's signature with its issuer's key.
//! - [`PublicKey::from_spki`] / [`PublicKey::verify`]: a key parsed once, checked many times.
//! - [`SigCheck`]: why a check did not pass — `Bad` (proven wrong) or `Unsupported`.

use der::Encode;
use signature::Verifier;
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

/// RSA moduli accepted for verification. Keys under 2048 bits are reported weak by the
/// chain check; under 1024 they are not even tried.
const RSA_BITS: std::ops::RangeInclusive<usize> = 1024..=16384;

/// A public key ready to verify signatures.
#[derive(Clone)]
pub enum PublicKey {
    Rsa(Box<rsa::RsaPublicKey>),
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    P521(Box<p521::ecdsa::VerifyingKey>),
    Bp256(Box<ecdsa::VerifyingKey<bp256::r1::BrainpoolP256r1>>),
    Bp384(Box<ecdsa::VerifyingKey<bp384::r1::BrainpoolP384r1>>),
    Ed25519(Box<ed25519_dalek::VerifyingKey>),
    Ed448(Box<ed448_goldilocks::VerifyingKey>),
}

fn unsupported(what: impl std::fmt::Display) -> SigCheck {
    SigCheck::Unsupported(what.to_string())
}

/// One ECDSA check over a pre-computed digest, for any curve: the signature value as DER
/// `Ecdsa-Sig-Value` (`SigScheme::Ecdsa`) or as plain `r || s` (`SigScheme::EcdsaPlain`, BSI
/// TR-03111). A macro, not a generic function: the curve crates' signature types share the
/// method names, but naming them generically takes more trait bounds than the five call sites.
macro_rules! ecdsa_prehash {
    ($key:expr, $sig_ty:ty, $scheme:expr, $prehash:expr, $sig:expr) => {{
        let parsed = match $scheme {
            SigScheme::EcdsaPlain(_) => <$sig_ty>::from_slice($sig),
            _ => <$sig_ty>::from_der($sig),
        };
        $key.verify_prehash($prehash, &parsed.map_err(|_| SigCheck::Bad)?).map_err(|_| SigCheck::Bad)
    }};
}

impl PublicKey {
    /// Parse a SubjectPublicKeyInfo: RSA (also with the id-RSASSA-PSS key OID), EC on the
    /// NIST curves P-256/P-384/P-521, Ed25519, Ed448.
    /// The key in `spki`, parsed once per process (a batch checks every file's signer
    /// and the same CA keys again and again; an RSA key's set-up is a big-number
    /// division).
    pub fn from_spki(spki: &SubjectPublicKeyInfoOwned) -> Result<PublicKey, SigCheck> {
        static MEMO: crate::pki::memo::Memo<SubjectPublicKeyInfoOwned, Result<PublicKey, SigCheck>> =
            crate::pki::memo::Memo::new(1_000);
        MEMO.get_or_insert(
            crate::pki::memo::bucket_of(spki.subject_public_key.raw_bytes()),
            |k| k == spki,
            || spki.clone(),
            || PublicKey::parse_spki(spki),
        )
    }

    fn parse_spki(spki: &SubjectPublicKeyInfoOwned) -> Result<PublicKey, SigCheck> {
        let oid = spki.algorithm.oid;
        let bits = spki.subject_public_key.raw_bytes();
        if oid == oids::RSA_ENCRYPTION || oid == oids::RSASSA_PSS {
            use rsa::pkcs1::der::Decode as _;
            let k = rsa::pkcs1::RsaPublicKey::<der::asn1::UintRef<'_>>::from_der(bits)
                .map_err(|e| unsupported(format!("RSA key: {e}")))?;
            let n = rsa::BoxedUint::from_be_slice_vartime(k.modulus.as_bytes());
            let e = rsa::BoxedUint::from_be_slice_vartime(k.public_exponent.as_bytes());
            let key = rsa::RsaPublicKey::new_with_size_limits(n, e, RSA_BITS)
                .map_err(|e| unsupported(format!("RSA key: {e}")))?;
            return Ok(PublicKey::Rsa(Box::new(key)));
        }
        if oid == oids::EC_PUBLIC_KEY {
            let der = spki.to_der().map_err(unsupported)?;
            let curve =
                spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<const_oid::ObjectIdentifier>().ok());
            let bad_key = |e: spki::Error| unsupported(format!("EC key: {e}"));
            return match curve {
                Some(c) if c == oids::CURVE_P256 => {
                    p256::ecdsa::VerifyingKey::from_public_key_der(&der).map(PublicKey::P256).map_err(bad_key)
                }
                Some(c) if c == oids::CURVE_P384 => {
                    p384::ecdsa::VerifyingKey::from_public_key_der(&der).map(PublicKey::P384).map_err(bad_key)
                }
                Some(c) if c == oids::CURVE_P521 => p521::ecdsa::VerifyingKey::from_public_key_der(&der)
                    .map(|k| PublicKey::P521(Box::new(k)))
                    .map_err(bad_key),
                Some(c) if c == oids::CURVE_BP256R1 => {
                    ecdsa::VerifyingKey::<bp256::r1::BrainpoolP256r1>::from_public_key_der(&der)
                        .map(|k| PublicKey::Bp256(Box::new(k)))
                        .map_err(bad_key)
                }
                Some(c) if c == oids::CURVE_BP384R1 => {
                    ecdsa::VerifyingKey::<bp384::r1::BrainpoolP384r1>::from_public_key_der(&der)
                        .map(|k| PublicKey::Bp384(Box::new(k)))
                        .map_err(bad_key)
                }
                Some(c) => Err(unsupported(format!("EC curve {c}"))),
                None => Err(unsupported("EC key without a named curve")),
            };
        }
        if oid == oids::ED25519 {
            return ed25519_dalek::VerifyingKey::try_from(bits)
                .map(|k| PublicKey::Ed25519(Box::new(k)))
                .map_err(|e| unsupported(format!("Ed25519 key: {e}")));
        }
        if oid == oids::ED448 {
            let bytes = <[u8; 57]>::try_from(bits).map_err(|_| unsupported("Ed448 key: not 57 bytes"))?;
            return ed448_goldilocks::VerifyingKey::from_bytes(&bytes)
                .map(|k| PublicKey::Ed448(Box::new(k)))
                .map_err(|e| unsupported(format!("Ed448 key: {e}")));
        }
        Err(unsupported(format!("public key algorithm {oid}")))
    }

    fn kind(&self) -> &'static str {
        match self {
            PublicKey::Rsa(_) => "RSA",
            PublicKey::P256(_) | PublicKey::P384(_) | PublicKey::P521(_) => "EC",
            PublicKey::Bp256(_) | PublicKey::Bp384(_) => "EC",
            PublicKey::Ed25519(_) => "Ed25519",
            PublicKey::Ed448(_) => "Ed448",
        }
    }

    /// Verify `sig` over `msg` with `scheme` (the digest is computed here, except for
    /// EdDSA, which signs the message itself).
    pub fn verify(&self, scheme: SigScheme, pss_salt: Option<usize>, msg: &[u8], sig: &[u8]) -> Result<(), SigCheck> {
        match (self, scheme) {
            (PublicKey::Ed25519(k), SigScheme::Ed25519) => {
                let s = ed25519_dalek::Signature::from_slice(sig).map_err(|_| SigCheck::Bad)?;
                k.verify(msg, &s).map_err(|_| SigCheck::Bad)
            }
            (PublicKey::Ed448(k), SigScheme::Ed448) => {
                let s = ed448_goldilocks::Signature::from_slice(sig).map_err(|_| SigCheck::Bad)?;
                k.verify_raw(&s, msg).map_err(|_| SigCheck::Bad)
            }
            (_, s) if s.is_pure() => Err(self.mismatch(scheme)),
            _ => self.verify_prehash(scheme, pss_salt, &scheme.digest().digest(msg), sig),
        }
    }

    fn mismatch(&self, scheme: SigScheme) -> SigCheck {
        unsupported(format!("{} with an {} key", scheme.name(), self.kind()))
    }

    /// Verify `sig` over a digest computed by the caller with `scheme.digest()`.
    pub fn verify_prehash(
        &self,
        scheme: SigScheme,
        pss_salt: Option<usize>,
        prehash: &[u8],
        sig: &[u8],
    ) -> Result<(), SigCheck> {
        if let Some((bytes, bits)) = self.backend_bytes() {
            let key = match self {
                PublicKey::Rsa(_) => crate::crypto::BackendPublicKey::Rsa { pkcs1: &bytes, bits },
                PublicKey::P256(_) => crate::crypto::BackendPublicKey::P256(&bytes),
                PublicKey::P384(_) => crate::crypto::BackendPublicKey::P384(&bytes),
                _ => crate::crypto::BackendPublicKey::P521(&bytes),
            };
            if crate::crypto::verify_prehash(key, scheme, pss_salt, prehash, sig) == crate::crypto::FastCheck::Good {
                return Ok(());
            }
        }
        self.verify_prehash_rustcrypto(scheme, pss_salt, prehash, sig)
    }

    /// The key as the backend reads it (PKCS#1 DER and modulus bits for RSA, the uncompressed
    /// point for ECDSA on the NIST curves); None for the keys only RustCrypto checks, and in
    /// the pure-Rust build.
    fn backend_bytes(&self) -> Option<(Vec<u8>, usize)> {
        if !cfg!(feature = "backend-aws-lc") {
            return None;
        }
        match self {
            PublicKey::Rsa(k) => {
                use rsa::pkcs1::EncodeRsaPublicKey;
                use rsa::traits::PublicKeyParts;
                let der = k.to_pkcs1_der().ok()?;
                Some((der.as_bytes().to_vec(), k.n().bits() as usize))
            }
            PublicKey::P256(k) => Some((k.to_sec1_point(false).as_bytes().to_vec(), 256)),
            PublicKey::P384(k) => Some((k.to_sec1_point(false).as_bytes().to_vec(), 384)),
            PublicKey::P521(k) => Some((k.to_sec1_point(false).as_bytes().to_vec(), 521)),
            _ => None,
        }
    }

    /// The RustCrypto check of every scheme (the pure-Rust build's only path).
    fn verify_prehash_rustcrypto(
        &self,
        scheme: SigScheme,
        pss_salt: Option<usize>,
        prehash: &[u8],
        sig: &[u8],
    ) -> Result<(), SigCheck> {
        match (self, scheme) {
            (PublicKey::Rsa(k), SigScheme::RsaPkcs1(d)) => {
                let padding =
                    pkcs1_padding(d).ok_or_else(|| unsupported(format!("RSA PKCS#1 v1.5 with {}", d.name())))?;
                k.verify(padding, prehash, sig).map_err(|_| SigCheck::Bad)
            }
            (PublicKey::Rsa(k), SigScheme::RsaPss(d)) => {
                verify_pss(k, d, pss_salt.unwrap_or(d.output_len()), prehash, sig)
            }
            (PublicKey::P256(k), SigScheme::Ecdsa(_) | SigScheme::EcdsaPlain(_)) => {
                ecdsa_prehash!(k, p256::ecdsa::Signature, scheme, prehash, sig)
            }
            (PublicKey::P384(k), SigScheme::Ecdsa(_) | SigScheme::EcdsaPlain(_)) => {
                ecdsa_prehash!(k, p384::ecdsa::Signature, scheme, prehash, sig)
            }
            (PublicKey::P521(k), SigScheme::Ecdsa(_) | SigScheme::EcdsaPlain(_)) => {
                ecdsa_prehash!(k, p521::ecdsa::Signature, scheme, prehash, sig)
            }
            (PublicKey::Bp256(k), SigScheme::Ecdsa(_) | SigScheme::EcdsaPlain(_)) => {
                ecdsa_prehash!(k, bp256::r1::ecdsa::Signature, scheme, prehash, sig)
            }
            (PublicKey::Bp384(k), SigScheme::Ecdsa(_) | SigScheme::EcdsaPlain(_)) => {
                ecdsa_prehash!(k, bp384::r1::ecdsa::Signature, scheme, prehash, sig)
            }
            (_, s) if s.is_pure() => Err(unsupported(format!("{} over a pre-computed digest", s.name()))),
            _ => Err(self.mismatch(scheme)),
        }
    }
}

/// The PKCS#1 v1.5 DigestInfo prefix for a digest (none for SHAKE256).
fn pkcs1_padding(d: DigestAlg) -> Option<rsa::Pkcs1v15Sign> {
    use DigestAlg::*;
    use rsa::Pkcs1v15Sign as P;
    Some(match d {
        Sha1 => P::new::<sha1::Sha1>(),
        Sha224 => P::new::<sha2::Sha224>(),
        Sha256 => P::new::<sha2::Sha256>(),
        Sha384 => P::new::<sha2::Sha384>(),
        Sha512 => P::new::<sha2::Sha512>(),
        Sha3_224 => P::new::<sha3::Sha3_224>(),
        Sha3_256 => P::new::<sha3::Sha3_256>(),
        Sha3_384 => P::new::<sha3::Sha3_384>(),
        Sha3_512 => P::new::<sha3::Sha3_512>(),
        Shake256 => return None,
    })
}

/// RSASSA-PSS with MGF1 over the same digest.
fn verify_pss(k: &rsa::RsaPublicKey, d: DigestAlg, salt: usize, prehash: &[u8], sig: &[u8]) -> Result<(), SigCheck> {
    use DigestAlg::*;
    use rsa::Pss;
    let r = match d {
        Sha1 => k.verify(Pss::<sha1::Sha1>::new_with_salt(salt), prehash, sig),
        Sha224 => k.verify(Pss::<sha2::Sha224>::new_with_salt(salt), prehash, sig),
        Sha256 => k.verify(Pss::<sha2::Sha256>::new_with_salt(salt), prehash, sig),
        Sha384 => k.verify(Pss::<sha2::Sha384>::new_with_salt(salt), prehash, sig),
        Sha512 => k.verify(Pss::<sha2::Sha512>::new_with_salt(salt), prehash, sig),
        Sha3_224 => k.verify(Pss::<sha3::Sha3_224>::new_with_salt(salt), prehash, sig),
        Sha3_256 => k.verify(Pss::<sha3::Sha3_256>::new_with_salt(salt), prehash, sig),
        Sha3_384 => k.verify(Pss::<sha3::Sha3_384>::new_with_salt(salt), prehash, sig),
        Sha3_512 => k.verify(Pss::<sha3::Sha3_512>::new_with_salt(salt), prehash, sig),
        Shake256 => return Err(unsupported("RSASSA-PSS with SHAKE256")),
    };
    r.map_err(|_| SigCheck::Bad)
}

/// Verify `sig` over `msg` (hashed here with the scheme's digest; EdDSA signs `msg` itself).
pub fn verify_message(
    spki: &SubjectPublicKeyInfoOwned,
    scheme: SigScheme,
    pss_salt: Option<usize>,
    msg: &[u8],
    sig: &[u8],
) -> Result<(), SigCheck> {
    PublicKey::from_spki(spki)?.verify(scheme, pss_salt, msg, sig)
}

/// Verify `sig` over a precomputed digest (`scheme.digest()` of the message). EdDSA
/// cannot be checked this way: it is `Unsupported`.
pub fn verify_prehash(
    spki: &SubjectPublicKeyInfoOwned,
    scheme: SigScheme,
    pss_salt: Option<usize>,
    prehash: &[u8],
    sig: &[u8],
) -> Result<(), SigCheck> {
    PublicKey::from_spki(spki)?.verify_prehash(scheme, pss_salt, prehash, sig)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::key::{KeyType, PrivateKey};
    use der::Decode;

    #[test]
    fn every_generated_key_type_signs_and_verifies() {
        for (kind, schemes) in [
            (KeyType::P256, vec![SigScheme::Ecdsa(DigestAlg::Sha256), SigScheme::Ecdsa(DigestAlg::Sha512)]),
            (KeyType::P384, vec![SigScheme::Ecdsa(DigestAlg::Sha384), SigScheme::Ecdsa(DigestAlg::Sha256)]),
            (KeyType::P521, vec![SigScheme::Ecdsa(DigestAlg::Sha512), SigScheme::Ecdsa(DigestAlg::Sha256)]),
            (KeyType::Rsa2048, vec![SigScheme::RsaPkcs1(DigestAlg::Sha256), SigScheme::RsaPss(DigestAlg::Sha384)]),
        ] {
            let key = PrivateKey::generate(kind).unwrap();
            let spki = key.public_key_info().unwrap();
            for s in schemes {
                let sig = key.sign(s, b"message").unwrap();
                assert_eq!(verify_message(&spki, s, None, b"message", &sig), Ok(()), "{kind:?} {s:?}");
                assert_eq!(verify_message(&spki, s, None, b"massage", &sig), Err(SigCheck::Bad), "{kind:?} {s:?}");
            }
            assert!(matches!(
                verify_message(&spki, SigScheme::Ed25519, None, b"m", &[0; 64]),
                Err(SigCheck::Unsupported(_))
            ));
        }
    }

    /// The backend's signatures pass the RustCrypto check, and RustCrypto's signatures pass
    /// the backend's check (in the pure-Rust build both sides are RustCrypto).
    #[test]
    fn backend_and_rustcrypto_agree() {
        use crate::crypto::{FastCheck, SignKey, rustcrypto_sign};
        use DigestAlg::*;
        for (kind, schemes) in [
            (KeyType::P256, vec![SigScheme::Ecdsa(Sha256), SigScheme::Ecdsa(Sha384)]),
            (KeyType::P384, vec![SigScheme::Ecdsa(Sha384), SigScheme::Ecdsa(Sha256)]),
            (KeyType::P521, vec![SigScheme::Ecdsa(Sha512), SigScheme::Ecdsa(Sha256)]),
            (
                KeyType::Rsa2048,
                vec![
                    SigScheme::RsaPkcs1(Sha256),
                    SigScheme::RsaPkcs1(Sha512),
                    SigScheme::RsaPss(Sha256),
                    SigScheme::RsaPss(Sha384),
                ],
            ),
        ] {
            let key = PrivateKey::generate(kind).unwrap();
            let public = PublicKey::from_spki(&key.public_key_info().unwrap()).unwrap();
            let sign_key = match &key {
                PrivateKey::Rsa(k) => SignKey::Rsa(k),
                PrivateKey::P256(k) => SignKey::P256(k),
                PrivateKey::P384(k) => SignKey::P384(k),
                PrivateKey::P521(k) => SignKey::P521(k),
            };
            for s in schemes {
                let prehash = s.digest().digest(b"message");
                let by_backend = key.sign(s, b"message").unwrap();
                assert_eq!(public.verify_prehash_rustcrypto(s, None, &prehash, &by_backend), Ok(()), "{kind:?} {s:?}");
                let by_rustcrypto = rustcrypto_sign(sign_key, s, b"message").unwrap().unwrap();
                let (bytes, bits) = public.backend_bytes().unwrap_or_default();
                let fast = |sig: &[u8]| {
                    let k = match &public {
                        PublicKey::Rsa(_) => crate::crypto::BackendPublicKey::Rsa { pkcs1: &bytes, bits },
                        PublicKey::P256(_) => crate::crypto::BackendPublicKey::P256(&bytes),
                        PublicKey::P384(_) => crate::crypto::BackendPublicKey::P384(&bytes),
                        _ => crate::crypto::BackendPublicKey::P521(&bytes),
                    };
                    crate::crypto::verify_prehash(k, s, None, &prehash, sig)
                };
                let mut bad = by_rustcrypto.clone();
                let last = bad.len() - 3;
                bad[last] ^= 1;
                if cfg!(feature = "backend-aws-lc") {
                    assert_eq!(fast(&by_rustcrypto), FastCheck::Good, "{kind:?} {s:?}");
                    assert_eq!(fast(&by_backend), FastCheck::Good, "{kind:?} {s:?}");
                    assert_eq!(fast(&bad), FastCheck::Rejected, "{kind:?} {s:?}");
                } else {
                    assert_eq!(fast(&by_rustcrypto), FastCheck::NotHere);
                }
                assert_eq!(public.verify_prehash(s, None, &prehash, &by_rustcrypto), Ok(()), "{kind:?} {s:?}");
                assert_eq!(public.verify_prehash(s, None, &prehash, &bad), Err(SigCheck::Bad), "{kind:?} {s:?}");
            }
        }
    }

    #[test]
    fn plain_ecdsa_and_sha3() {
        let key = PrivateKey::generate(KeyType::P256).unwrap();
        let spki = key.public_key_info().unwrap();
        let der = key.sign(SigScheme::Ecdsa(DigestAlg::Sha256), b"m").unwrap();
        let plain = p256::ecdsa::Signature::from_der(&der).unwrap().to_bytes().to_vec();
        assert_eq!(verify_message(&spki, SigScheme::EcdsaPlain(DigestAlg::Sha256), None, b"m", &plain), Ok(()));
        assert_eq!(
            verify_message(&spki, SigScheme::EcdsaPlain(DigestAlg::Sha256), None, b"m", &der),
            Err(SigCheck::Bad)
        );
        // A SHA3-256 digest signed as a prehash verifies as ECDSA with SHA3-256.
        use signature::hazmat::PrehashSigner;
        let PrivateKey::P256(sk) = &key else { unreachable!() };
        let prehash = DigestAlg::Sha3_256.digest(b"m");
        let s: p256::ecdsa::Signature = p256::ecdsa::SigningKey::from(&**sk).sign_prehash(&prehash).unwrap();
        let sig = s.to_der().as_bytes().to_vec();
        assert_eq!(verify_message(&spki, SigScheme::Ecdsa(DigestAlg::Sha3_256), None, b"m", &sig), Ok(()));
    }

    #[test]
    fn ed25519_rfc8032_vector() {
        // RFC 8032 §7.1, TEST 2
        let pk = hex::decode("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c").unwrap();
        let sig = hex::decode(
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        )
        .unwrap();
        let mut spki_der = hex::decode("302a300506032b6570032100").unwrap();
        spki_der.extend(&pk);
        let spki = SubjectPublicKeyInfoOwned::from_der(&spki_der).unwrap();
        assert_eq!(verify_message(&spki, SigScheme::Ed25519, None, &[0x72], &sig), Ok(()));
        assert_eq!(verify_message(&spki, SigScheme::Ed25519, None, &[0x73], &sig), Err(SigCheck::Bad));
    }

    #[test]
    fn ed448_rfc8032_vector() {
        // RFC 8032 §7.4, "1 octet"
        let pk = hex::decode(
            "43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480",
        )
        .unwrap();
        let sig = hex::decode(
            "26b8f91727bd62897af15e41eb43c377efb9c610d48f2335cb0bd0087810f4352541b143c4b981b7e18f62de8ccdf633fc1bf037ab7cd779805e0dbcc0aae1cbcee1afb2e027df36bc04dcecbf154336c19f0af7e0a6472905e799f1953d2a0ff3348ab21aa4adafd1d234441cf807c03a00",
        )
        .unwrap();
        let mut spki_der = hex::decode("3043300506032b6571033a00").unwrap();
        spki_der.extend(&pk);
        let spki = SubjectPublicKeyInfoOwned::from_der(&spki_der).unwrap();
        assert_eq!(verify_message(&spki, SigScheme::Ed448, None, &[0x03], &sig), Ok(()));
        assert_eq!(verify_message(&spki, SigScheme::Ed448, None, &[0x04], &sig), Err(SigCheck::Bad));
    }
}
