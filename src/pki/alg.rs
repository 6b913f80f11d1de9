//! Digest and signature algorithms, their identifiers, and a streaming hasher.

use const_oid::ObjectIdentifier as Oid;
use der::asn1::{Any, Null};
use der::{Decode, Encode, Sequence};
use sha2::Digest;
use spki::AlgorithmIdentifierOwned;

use super::oids;

/// Message digest algorithms. SHA-1 is accepted for verification only (legacy files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DigestAlg {
    #[value(skip)]
    Sha1,
    #[default]
    Sha256,
    Sha384,
    Sha512,
}

impl DigestAlg {
    pub fn oid(self) -> Oid {
        match self {
            DigestAlg::Sha1 => oids::SHA1,
            DigestAlg::Sha256 => oids::SHA256,
            DigestAlg::Sha384 => oids::SHA384,
            DigestAlg::Sha512 => oids::SHA512,
        }
    }

    pub fn from_oid(oid: &Oid) -> Option<DigestAlg> {
        [DigestAlg::Sha1, DigestAlg::Sha256, DigestAlg::Sha384, DigestAlg::Sha512].into_iter().find(|d| &d.oid() == oid)
    }

    pub fn name(self) -> &'static str {
        match self {
            DigestAlg::Sha1 => "SHA-1",
            DigestAlg::Sha256 => "SHA-256",
            DigestAlg::Sha384 => "SHA-384",
            DigestAlg::Sha512 => "SHA-512",
        }
    }

    pub fn output_len(self) -> usize {
        match self {
            DigestAlg::Sha1 => 20,
            DigestAlg::Sha256 => 32,
            DigestAlg::Sha384 => 48,
            DigestAlg::Sha512 => 64,
        }
    }

    /// AlgorithmIdentifier with absent parameters (RFC 5754 §2: SHOULD be absent).
    pub fn algorithm_identifier(self) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned { oid: self.oid(), parameters: None }
    }

    pub fn hasher(self) -> Hasher {
        match self {
            DigestAlg::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
            DigestAlg::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
            DigestAlg::Sha384 => Hasher::Sha384(sha2::Sha384::new()),
            DigestAlg::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
        }
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let mut h = self.hasher();
        h.update(data);
        h.finalize()
    }
}

/// A running digest of any supported algorithm.
#[derive(Clone)]
pub enum Hasher {
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Hasher {
    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }

    pub fn finalize(self) -> Vec<u8> {
        match self {
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
        }
    }
}

/// A signature scheme: the padding/algorithm family plus the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SigScheme {
    RsaPkcs1(DigestAlg),
    /// RSASSA-PSS with MGF1 over the same digest and salt length = digest length.
    RsaPss(DigestAlg),
    Ecdsa(DigestAlg),
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

impl SigScheme {
    pub fn digest(self) -> DigestAlg {
        match self {
            SigScheme::RsaPkcs1(d) | SigScheme::RsaPss(d) | SigScheme::Ecdsa(d) => d,
        }
    }

    pub fn name(self) -> String {
        match self {
            SigScheme::RsaPkcs1(d) => format!("RSA PKCS#1 v1.5 with {}", d.name()),
            SigScheme::RsaPss(d) => format!("RSASSA-PSS with {}", d.name()),
            SigScheme::Ecdsa(d) => format!("ECDSA with {}", d.name()),
        }
    }

    /// The signature AlgorithmIdentifier for certificates and CMS `signatureAlgorithm`.
    pub fn algorithm_identifier(self) -> der::Result<AlgorithmIdentifierOwned> {
        let null = || Any::encode_from(&Null).ok();
        Ok(match self {
            SigScheme::RsaPkcs1(d) => {
                let oid = match d {
                    DigestAlg::Sha1 => oids::SHA1_WITH_RSA,
                    DigestAlg::Sha256 => oids::SHA256_WITH_RSA,
                    DigestAlg::Sha384 => oids::SHA384_WITH_RSA,
                    DigestAlg::Sha512 => oids::SHA512_WITH_RSA,
                };
                // RFC 4055 §5: the parameters MUST be NULL for these.
                AlgorithmIdentifierOwned { oid, parameters: null() }
            }
            SigScheme::RsaPss(d) => {
                let params = PssParams {
                    hash: Some(d.algorithm_identifier()),
                    mask_gen: Some(AlgorithmIdentifierOwned {
                        oid: oids::MGF1,
                        parameters: Some(Any::encode_from(&d.algorithm_identifier())?),
                    }),
                    salt_len: Some(d.output_len() as u32),
                    trailer_field: None,
                };
                AlgorithmIdentifierOwned { oid: oids::RSASSA_PSS, parameters: Some(Any::encode_from(&params)?) }
            }
            SigScheme::Ecdsa(d) => {
                let oid = match d {
                    DigestAlg::Sha1 => oids::ECDSA_WITH_SHA1,
                    DigestAlg::Sha256 => oids::ECDSA_WITH_SHA256,
                    DigestAlg::Sha384 => oids::ECDSA_WITH_SHA384,
                    DigestAlg::Sha512 => oids::ECDSA_WITH_SHA512,
                };
                // RFC 5758 §3.2: parameters absent.
                AlgorithmIdentifierOwned { oid, parameters: None }
            }
        })
    }

    /// Recognise a signature AlgorithmIdentifier. For PSS, the parameters must use MGF1
    /// with the same digest (what every mainstream signer writes); the salt length is
    /// returned separately by [`pss_salt_len`].
    pub fn from_algorithm_identifier(alg: &AlgorithmIdentifierOwned) -> Option<SigScheme> {
        use DigestAlg::*;
        let o = &alg.oid;
        // PKCS#1 v1.5 and ECDSA take no parameters: NULL (RFC 4055 §5) or absent (RFC 5758
        // §3.2; some signers write NULL). Anything else is not these algorithms — and the
        // field is outside what the signature covers, so tolerating junk there would let
        // a changed byte pass unnoticed.
        let no_params =
            alg.parameters.as_ref().is_none_or(|p| der::Tagged::tag(p) == der::Tag::Null && p.value().is_empty());
        if *o != oids::RSASSA_PSS && !no_params {
            return None;
        }
        let scheme = if *o == oids::SHA1_WITH_RSA {
            SigScheme::RsaPkcs1(Sha1)
        } else if *o == oids::SHA256_WITH_RSA {
            SigScheme::RsaPkcs1(Sha256)
        } else if *o == oids::SHA384_WITH_RSA {
            SigScheme::RsaPkcs1(Sha384)
        } else if *o == oids::SHA512_WITH_RSA {
            SigScheme::RsaPkcs1(Sha512)
        } else if *o == oids::ECDSA_WITH_SHA1 {
            SigScheme::Ecdsa(Sha1)
        } else if *o == oids::ECDSA_WITH_SHA256 {
            SigScheme::Ecdsa(Sha256)
        } else if *o == oids::ECDSA_WITH_SHA384 {
            SigScheme::Ecdsa(Sha384)
        } else if *o == oids::ECDSA_WITH_SHA512 {
            SigScheme::Ecdsa(Sha512)
        } else if *o == oids::RSASSA_PSS {
            let params = pss_params(alg)?;
            let hash = params.hash.map(|h| DigestAlg::from_oid(&h.oid)).unwrap_or(Some(Sha1))?;
            if let Some(mgf) = params.mask_gen {
                let mgf_hash = mgf.parameters.as_ref().and_then(|p| p.decode_as::<AlgorithmIdentifierOwned>().ok())?;
                if mgf.oid != oids::MGF1 || DigestAlg::from_oid(&mgf_hash.oid)? != hash {
                    return None;
                }
            } else if hash != Sha1 {
                return None;
            }
            SigScheme::RsaPss(hash)
        } else {
            return None;
        };
        Some(scheme)
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
    let mut hashers: Vec<(DigestAlg, Hasher)> = Vec::new();
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
            for s in [SigScheme::RsaPkcs1(d), SigScheme::RsaPss(d), SigScheme::Ecdsa(d)] {
                let id = s.algorithm_identifier().unwrap();
                assert_eq!(SigScheme::from_algorithm_identifier(&id), Some(s));
            }
        }
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
