//! Which signature scheme a CMS SignerInfo names, with the quirks of real signers
//! (a key algorithm or a curve where a signature algorithm belongs, OIW sha1RSA, BSI plain
//! ECDSA) read as what they mean and noted as tolerated.

use super::{Note, NoteCode};
use crate::cms::parse::ParsedSigner;
use crate::pki::alg::{DigestAlg, SigScheme};
use crate::pki::oids;

/// The signature scheme of a SignerInfo. CMS often names only the key algorithm
/// (`rsaEncryption`, RFC 3370), leaving the hash to `digestAlgorithm`.
pub fn signer_scheme(si: &ParsedSigner, digest: DigestAlg) -> Option<SigScheme> {
    signer_scheme_noted(si, digest).map(|(s, _)| s)
}

pub(crate) fn signer_scheme_noted(si: &ParsedSigner, digest: DigestAlg) -> Option<(SigScheme, Option<Note>)> {
    let oid = si.signature_alg.oid;
    let tolerated = |what: &str| Some(Note::new(NoteCode::Tolerated, what.to_string()));
    if oid == oids::RSA_ENCRYPTION {
        Some((SigScheme::RsaPkcs1(digest), None))
    } else if oid == oids::EC_PUBLIC_KEY {
        let n = tolerated("signatureAlgorithm is id-ecPublicKey, read as ECDSA with the digestAlgorithm");
        Some((SigScheme::Ecdsa(digest), n))
    } else if [oids::CURVE_P256, oids::CURVE_P384, oids::CURVE_P521].contains(&oid) {
        let n = tolerated(&format!("signatureAlgorithm is the curve {oid}, read as ECDSA with the digestAlgorithm"));
        Some((SigScheme::Ecdsa(digest), n))
    } else {
        let s = SigScheme::from_algorithm_identifier(&si.signature_alg)?;
        let note = if oid == oids::OIW_SHA1_WITH_RSA {
            tolerated("signatureAlgorithm is the OIW sha1RSA OID 1.3.14.3.2.29 (old Windows CryptoAPI)")
        } else if oid.as_bytes().starts_with(oids::BSI_ECDSA_PLAIN.as_bytes()) {
            tolerated("ECDSA signature in the BSI TR-03111 plain (r‖s) format")
        } else {
            None
        };
        Some((s, note))
    }
}
