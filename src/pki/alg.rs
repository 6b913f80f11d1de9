//! Digest and signature algorithms and their identifiers. Computing digests (`DigestAlg::hasher`,
//! `DigestAlg::digest`) is the crypto provider's (`crate::crypto`).

use const_oid::ObjectIdentifier as Oid;
use der::asn1::{Any, Null};
use der::{Decode, Encode, Sequence};
use spki::AlgorithmIdentifierOwned;

use super::oids;

/// Message digest algorithms. SHA-1 is accepted for verification only (legacy files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DigestAlg {
    Sha1,
    #[default]
    Sha256,
    Sha384,
    Sha512,
    /// SHA-224 and the SHA-3 family: verification only (what some signers use).
    Sha224,
    Sha3_224,
    Sha3_256,
    Sha3_384,
    Sha3_512,
    /// SHAKE256 with 512 bits of output: the CMS digest of Ed448 signatures (RFC 8419).
    Shake256,
}

impl DigestAlg {
    /// Every digest kyso can compute.
    pub const ALL: [DigestAlg; 10] = [
        DigestAlg::Sha1,
        DigestAlg::Sha256,
        DigestAlg::Sha384,
        DigestAlg::Sha512,
        DigestAlg::Sha224,
        DigestAlg::Sha3_224,
        DigestAlg::Sha3_256,
        DigestAlg::Sha3_384,
        DigestAlg::Sha3_512,
        DigestAlg::Shake256,
    ];

    pub fn oid(self) -> Oid {
        match self {
            DigestAlg::Sha1 => oids::SHA1,
            DigestAlg::Sha256 => oids::SHA256,
            DigestAlg::Sha384 => oids::SHA384,
            DigestAlg::Sha512 => oids::SHA512,
            DigestAlg::Sha224 => oids::SHA224,
            DigestAlg::Sha3_224 => oids::SHA3_224,
            DigestAlg::Sha3_256 => oids::SHA3_256,
            DigestAlg::Sha3_384 => oids::SHA3_384,
            DigestAlg::Sha3_512 => oids::SHA3_512,
            DigestAlg::Shake256 => oids::SHAKE256,
        }
    }

    pub fn from_oid(oid: &Oid) -> Option<DigestAlg> {
        DigestAlg::ALL.into_iter().find(|d| &d.oid() == oid)
    }

    pub fn name(self) -> &'static str {
        match self {
            DigestAlg::Sha1 => "SHA-1",
            DigestAlg::Sha256 => "SHA-256",
            DigestAlg::Sha384 => "SHA-384",
            DigestAlg::Sha512 => "SHA-512",
            DigestAlg::Sha224 => "SHA-224",
            DigestAlg::Sha3_224 => "SHA3-224",
            DigestAlg::Sha3_256 => "SHA3-256",
            DigestAlg::Sha3_384 => "SHA3-384",
            DigestAlg::Sha3_512 => "SHA3-512",
            DigestAlg::Shake256 => "SHAKE256",
        }
    }

    pub fn output_len(self) -> usize {
        match self {
            DigestAlg::Sha1 => 20,
            DigestAlg::Sha224 | DigestAlg::Sha3_224 => 28,
            DigestAlg::Sha256 | DigestAlg::Sha3_256 => 32,
            DigestAlg::Sha384 | DigestAlg::Sha3_384 => 48,
            DigestAlg::Sha512 | DigestAlg::Sha3_512 | DigestAlg::Shake256 => 64,
        }
    }

    /// AlgorithmIdentifier with absent parameters (RFC 5754 §2: SHOULD be absent).
    pub fn algorithm_identifier(self) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned { oid: self.oid(), parameters: None }
    }
}

/// A signature scheme: the padding/algorithm family plus the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SigScheme {
    RsaPkcs1(DigestAlg),
    /// RSASSA-PSS with MGF1 over the same digest and salt length = digest length.
    RsaPss(DigestAlg),
    /// ECDSA with the signature as a DER `Ecdsa-Sig-Value` (X9.62, RFC 5753).
    Ecdsa(DigestAlg),
    /// ECDSA with the signature as r‖s, each the size of the curve order (BSI TR-03111
    /// "plain" format; XMLDSig writes ECDSA this way too).
    EcdsaPlain(DigestAlg),
    /// Pure Ed25519 (RFC 8032, RFC 8419): no pre-hash; CMS pairs it with SHA-512.
    Ed25519,
    /// Pure Ed448: no pre-hash; CMS pairs it with SHAKE256 (512-bit output).
    Ed448,
}

/// RSASSA-PSS-params (RFC 4055 §3.1), with every field explicit as kyso writes them.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct PssParams {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub hash: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub mask_gen: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    pub salt_len: Option<u32>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    pub trailer_field: Option<u32>,
}

/// Signature algorithm OIDs that name one scheme each (PSS has parameters and is apart).
fn scheme_oids() -> [(SigScheme, Oid); 30] {
    use DigestAlg::*;
    use SigScheme::*;
    let bsi = |n: u32| oids::BSI_ECDSA_PLAIN.push_arc(n).unwrap_or(oids::BSI_ECDSA_PLAIN);
    [
        (RsaPkcs1(Sha1), oids::SHA1_WITH_RSA),
        (RsaPkcs1(Sha224), oids::SHA224_WITH_RSA),
        (RsaPkcs1(Sha256), oids::SHA256_WITH_RSA),
        (RsaPkcs1(Sha384), oids::SHA384_WITH_RSA),
        (RsaPkcs1(Sha512), oids::SHA512_WITH_RSA),
        (RsaPkcs1(Sha3_224), oids::RSA_WITH_SHA3_224),
        (RsaPkcs1(Sha3_256), oids::RSA_WITH_SHA3_256),
        (RsaPkcs1(Sha3_384), oids::RSA_WITH_SHA3_384),
        (RsaPkcs1(Sha3_512), oids::RSA_WITH_SHA3_512),
        (Ecdsa(Sha1), oids::ECDSA_WITH_SHA1),
        (Ecdsa(Sha224), oids::ECDSA_WITH_SHA224),
        (Ecdsa(Sha256), oids::ECDSA_WITH_SHA256),
        (Ecdsa(Sha384), oids::ECDSA_WITH_SHA384),
        (Ecdsa(Sha512), oids::ECDSA_WITH_SHA512),
        (Ecdsa(Sha3_224), oids::ECDSA_WITH_SHA3_224),
        (Ecdsa(Sha3_256), oids::ECDSA_WITH_SHA3_256),
        (Ecdsa(Sha3_384), oids::ECDSA_WITH_SHA3_384),
        (Ecdsa(Sha3_512), oids::ECDSA_WITH_SHA3_512),
        (EcdsaPlain(Sha1), bsi(1)),
        (EcdsaPlain(Sha224), bsi(2)),
        (EcdsaPlain(Sha256), bsi(3)),
        (EcdsaPlain(Sha384), bsi(4)),
        (EcdsaPlain(Sha512), bsi(5)),
        (EcdsaPlain(Sha3_224), bsi(8)),
        (EcdsaPlain(Sha3_256), bsi(9)),
        (EcdsaPlain(Sha3_384), bsi(10)),
        (EcdsaPlain(Sha3_512), bsi(11)),
        (Ed25519, oids::ED25519),
        (Ed448, oids::ED448),
        // The OIW alias of sha1WithRSAEncryption: read, never written (the first entry wins).
        (RsaPkcs1(Sha1), oids::OIW_SHA1_WITH_RSA),
    ]
}

impl SigScheme {
    /// The digest the scheme hashes with (for EdDSA, the digest CMS pairs it with).
    pub fn digest(self) -> DigestAlg {
        match self {
            SigScheme::RsaPkcs1(d) | SigScheme::RsaPss(d) | SigScheme::Ecdsa(d) | SigScheme::EcdsaPlain(d) => d,
            SigScheme::Ed25519 => DigestAlg::Sha512,
            SigScheme::Ed448 => DigestAlg::Shake256,
        }
    }

    /// The same scheme with another digest (EdDSA has none to change).
    pub fn with_digest(self, d: DigestAlg) -> SigScheme {
        match self {
            SigScheme::RsaPkcs1(_) => SigScheme::RsaPkcs1(d),
            SigScheme::RsaPss(_) => SigScheme::RsaPss(d),
            SigScheme::Ecdsa(_) => SigScheme::Ecdsa(d),
            SigScheme::EcdsaPlain(_) => SigScheme::EcdsaPlain(d),
            s => s,
        }
    }

    /// Whether the signature covers the message itself rather than its digest (EdDSA).
    pub fn is_pure(self) -> bool {
        matches!(self, SigScheme::Ed25519 | SigScheme::Ed448)
    }

    pub fn name(self) -> String {
        match self {
            SigScheme::RsaPkcs1(d) => format!("RSA PKCS#1 v1.5 with {}", d.name()),
            SigScheme::RsaPss(d) => format!("RSASSA-PSS with {}", d.name()),
            SigScheme::Ecdsa(d) => format!("ECDSA with {}", d.name()),
            SigScheme::EcdsaPlain(d) => format!("ECDSA (plain r‖s) with {}", d.name()),
            SigScheme::Ed25519 => "Ed25519".to_string(),
            SigScheme::Ed448 => "Ed448".to_string(),
        }
    }

    /// The signature AlgorithmIdentifier for certificates and CMS `signatureAlgorithm`.
    pub fn algorithm_identifier(self) -> der::Result<AlgorithmIdentifierOwned> {
        let null = || Any::encode_from(&Null).ok();
        if let SigScheme::RsaPss(d) = self {
            let params = PssParams {
                hash: Some(d.algorithm_identifier()),
                mask_gen: Some(AlgorithmIdentifierOwned {
                    oid: oids::MGF1,
                    parameters: Some(Any::encode_from(&d.algorithm_identifier())?),
                }),
                salt_len: Some(d.output_len() as u32),
                trailer_field: None,
            };
            return Ok(AlgorithmIdentifierOwned {
                oid: oids::RSASSA_PSS,
                parameters: Some(Any::encode_from(&params)?),
            });
        }
        let oid = scheme_oids()
            .into_iter()
            .find(|(s, _)| *s == self)
            .map(|(_, o)| o)
            .ok_or_else(|| der::Error::from(der::ErrorKind::OidUnknown { oid: oids::RSASSA_PSS }))?;
        Ok(match self {
            // RFC 4055 §5: the parameters MUST be NULL for these.
            SigScheme::RsaPkcs1(DigestAlg::Sha1 | DigestAlg::Sha224 | DigestAlg::Sha256)
            | SigScheme::RsaPkcs1(DigestAlg::Sha384 | DigestAlg::Sha512) => {
                AlgorithmIdentifierOwned { oid, parameters: null() }
            }
            // RFC 5758 §3.2, RFC 8410 §3, NIST: parameters absent.
            _ => AlgorithmIdentifierOwned { oid, parameters: None },
        })
    }

    /// Recognise a signature AlgorithmIdentifier. For PSS, the parameters must use MGF1
    /// with the same digest (what every mainstream signer writes); the salt length is
    /// returned separately by [`pss_salt_len`].
    pub fn from_algorithm_identifier(alg: &AlgorithmIdentifierOwned) -> Option<SigScheme> {
        let o = &alg.oid;
        // PKCS#1 v1.5, ECDSA and EdDSA take no parameters: NULL (RFC 4055 §5) or absent
        // (RFC 5758 §3.2, RFC 8410; some signers write NULL). Anything else is not these
        // algorithms — and the field is outside what the signature covers, so tolerating
        // junk there would let a changed byte pass unnoticed.
        let no_params =
            alg.parameters.as_ref().is_none_or(|p| der::Tagged::tag(p) == der::Tag::Null && p.value().is_empty());
        // BSI TR-03111 plain ECDSA may name the curve as its parameter (DSS test files do).
        let bsi_curve = o.as_bytes().starts_with(oids::BSI_ECDSA_PLAIN.as_bytes())
            && alg.parameters.as_ref().is_some_and(|p| der::Tagged::tag(p) == der::Tag::ObjectIdentifier);
        if *o != oids::RSASSA_PSS && !no_params && !bsi_curve {
            return None;
        }
        if *o == oids::RSASSA_PSS {
            let params = pss_params(alg)?;
            let hash = params.hash.map(|h| DigestAlg::from_oid(&h.oid)).unwrap_or(Some(DigestAlg::Sha1))?;
            if let Some(mgf) = params.mask_gen {
                let mgf_hash = mgf.parameters.as_ref().and_then(|p| p.decode_as::<AlgorithmIdentifierOwned>().ok())?;
                if mgf.oid != oids::MGF1 || DigestAlg::from_oid(&mgf_hash.oid)? != hash {
                    return None;
                }
            } else if hash != DigestAlg::Sha1 {
                return None;
            }
            return Some(SigScheme::RsaPss(hash));
        }
        scheme_oids().into_iter().find(|(_, x)| x == o).map(|(s, _)| s)
    }
}

fn pss_params(alg: &AlgorithmIdentifierOwned) -> Option<PssParams> {
    match &alg.parameters {
        None => Some(PssParams { hash: None, mask_gen: None, salt_len: None, trailer_field: None }),
        Some(p) => PssParams::from_der(&p.to_der().ok()?).ok(),
    }
}

/// The PSS salt length declared in the AlgorithmIdentifier (default 20, RFC 4055).
pub fn pss_salt_len(alg: &AlgorithmIdentifierOwned) -> Option<usize> {
    pss_params(alg).map(|p| p.salt_len.unwrap_or(20) as usize)
}

/// A readable name of a signature algorithm identifier.
pub fn signature_alg_name(alg: &AlgorithmIdentifierOwned) -> String {
    match SigScheme::from_algorithm_identifier(alg) {
        Some(s) => s.name(),
        None => alg.oid.to_string(),
    }
}

/// Digest everything `reader` yields with each algorithm in one pass, in 1 MiB chunks:
/// memory stays bounded whatever the size of the input.
pub fn digest_reader(mut reader: impl std::io::Read, algs: &[DigestAlg]) -> std::io::Result<Vec<(DigestAlg, Vec<u8>)>> {
    let mut hashers: Vec<(DigestAlg, _)> = Vec::new();
    for &a in algs {
        if !hashers.iter().any(|(d, _)| *d == a) {
            hashers.push((a, a.hasher()));
        }
    }
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        for (_, h) in hashers.iter_mut() {
            h.update(&buf[..n]);
        }
    }
    Ok(hashers.into_iter().map(|(a, h)| (a, h.finalize())).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_round_trip() {
        for d in [DigestAlg::Sha1, DigestAlg::Sha256, DigestAlg::Sha384, DigestAlg::Sha512] {
            for s in [SigScheme::RsaPkcs1(d), SigScheme::RsaPss(d), SigScheme::Ecdsa(d), SigScheme::EcdsaPlain(d)] {
                let id = s.algorithm_identifier().unwrap();
                assert_eq!(SigScheme::from_algorithm_identifier(&id), Some(s));
            }
        }
        for s in [SigScheme::Ed25519, SigScheme::Ed448, SigScheme::Ecdsa(DigestAlg::Sha3_256)] {
            assert_eq!(SigScheme::from_algorithm_identifier(&s.algorithm_identifier().unwrap()), Some(s));
        }
        let oiw = AlgorithmIdentifierOwned { oid: oids::OIW_SHA1_WITH_RSA, parameters: None };
        assert_eq!(SigScheme::from_algorithm_identifier(&oiw), Some(SigScheme::RsaPkcs1(DigestAlg::Sha1)));
        let bsi = AlgorithmIdentifierOwned { oid: Oid::new_unwrap("0.4.0.127.0.7.1.1.4.1.3"), parameters: None };
        assert_eq!(SigScheme::from_algorithm_identifier(&bsi), Some(SigScheme::EcdsaPlain(DigestAlg::Sha256)));
        let id = SigScheme::RsaPss(DigestAlg::Sha256).algorithm_identifier().unwrap();
        assert_eq!(pss_salt_len(&id), Some(32));
        // PKCS#1 v1.5 and ECDSA: NULL or absent parameters only.
        let mut rsa = SigScheme::RsaPkcs1(DigestAlg::Sha256).algorithm_identifier().unwrap();
        rsa.parameters = None;
        assert!(SigScheme::from_algorithm_identifier(&rsa).is_some());
        let mut ec = SigScheme::Ecdsa(DigestAlg::Sha256).algorithm_identifier().unwrap();
        ec.parameters = Some(Any::encode_from(&Null).unwrap());
        assert!(SigScheme::from_algorithm_identifier(&ec).is_some());
        rsa.parameters =
            Some(Any::new(der::Tag::Application { constructed: false, number: 16u32.into() }, []).unwrap());
        assert_eq!(SigScheme::from_algorithm_identifier(&rsa), None);
        rsa.parameters = Some(Any::new(der::Tag::Null, [0x55]).unwrap());
        assert_eq!(SigScheme::from_algorithm_identifier(&rsa), None);
    }

    #[test]
    fn streaming_equals_one_shot() {
        let mut h = DigestAlg::Sha256.hasher();
        h.update(b"ab");
        h.update(b"c");
        assert_eq!(h.finalize(), DigestAlg::Sha256.digest(b"abc"));
        assert_eq!(
            hex::encode(DigestAlg::Sha256.digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
