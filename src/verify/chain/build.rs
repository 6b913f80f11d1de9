//! Path building: from a certificate up to a trust anchor, through the certificates the
//! caller offers (embedded in the signature, `--certs`). Issuers are found by name
//! (RFC 5280 §7.1 matching) and, when both sides carry them, key identifiers; an issuer
//! counts only once its key verifies the certificate's signature. Depth-first over every
//! candidate (cross certificates, renewed CA keys, two CAs of one name), at most
//! [`MAX_DEPTH`] certificates and [`MAX_PATHS`] complete paths, no certificate twice.

use der::{Decode, Encode};
use spki::SubjectPublicKeyInfoOwned;
use x509_cert::Certificate;
use x509_cert::ext::pkix::AuthorityKeyIdentifier;

use super::super::trust::TrustStore;
use crate::pki::alg::{DigestAlg, SigScheme};
use crate::pki::memo::Memo;
use crate::pki::{dn, issue, oids};
use crate::verify::crypto::{self, SigCheck};

pub const MAX_DEPTH: usize = 10;
/// Complete candidate paths validated before giving up on finding a valid one.
pub const MAX_PATHS: usize = 8;

/// Could `issuer` have issued `cert`, judging by names and key identifiers?
pub fn names_chain(cert: &Certificate, issuer: &Certificate) -> bool {
    if !dn::names_match(cert.tbs_certificate().issuer(), issuer.tbs_certificate().subject()) {
        return false;
    }
    let aki = cert
        .tbs_certificate()
        .get_extension::<AuthorityKeyIdentifier>()
        .ok()
        .flatten()
        .and_then(|(_, a)| a.key_identifier.map(|k| k.as_bytes().to_vec()));
    match (aki, issue::subject_key_identifier(issuer)) {
        (Some(a), Some(s)) => a == s,
        _ => true,
    }
}

/// Is the certificate self-issued (issuer and subject names match)?
pub fn self_issued(cert: &Certificate) -> bool {
    dn::names_match(cert.tbs_certificate().issuer(), cert.tbs_certificate().subject())
}

/// The outcome of checking a certificate's signature with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigOutcome {
    Good,
    Bad,
    /// The algorithm or key type is one kyso does not verify.
    Unsupported,
}

pub fn signed_by(cert: &Certificate, issuer: &Certificate) -> bool {
    names_chain(cert, issuer) && signature_verifies(cert, issuer) == SigOutcome::Good
}

/// The scheme of a certificate signature, including the OIW `sha1RSA` identifier old
/// Windows CAs write (1.3.14.3.2.29), which means RSA PKCS#1 v1.5 with SHA-1.
pub fn cert_scheme(cert: &Certificate) -> Option<SigScheme> {
    let alg = cert.signature_algorithm();
    SigScheme::from_algorithm_identifier(alg)
        .or_else(|| (alg.oid == oids::SHA1_WITH_RSA_OIW).then_some(SigScheme::RsaPkcs1(DigestAlg::Sha1)))
}

/// The DER of the TBSCertificate as it was signed. x509-cert re-encodes validity times
/// before 2050 as UTCTime (RFC 5280's rule for issuers); a certificate whose issuer wrote
/// a GeneralizedTime there (PKITS 4.2.4, real old CAs) was signed over those bytes, so
/// they are put back.
fn tbs_der(cert: &Certificate) -> der::Result<Vec<u8>> {
    let tbs = cert.tbs_certificate();
    let full = tbs.to_der()?;
    let v = tbs.validity();
    let adjusted = v.to_der()?;
    let mut raw_inner = v.not_before.to_der()?;
    raw_inner.extend(v.not_after.to_der()?);
    let raw = der::asn1::Any::new(der::Tag::Sequence, raw_inner)?.to_der()?;
    if raw == adjusted {
        return Ok(full);
    }
    let contents = der::asn1::AnyRef::from_der(&full)?.value().to_vec();
    let Some(pos) = contents.windows(adjusted.len()).position(|w| w == adjusted.as_slice()) else {
        return Ok(full);
    };
    let mut patched = contents[..pos].to_vec();
    patched.extend(&raw);
    patched.extend(&contents[pos + adjusted.len()..]);
    der::asn1::Any::new(der::Tag::Sequence, patched)?.to_der()
}

/// Whether `issuer`'s key verifies `cert`'s signature, remembered per process: a batch
/// sees the same CA certificates in every file, and the answer depends only on the
/// certificate and the issuer's key (compared whole, see [`crate::pki::memo`]).
pub fn signature_verifies(cert: &Certificate, issuer: &Certificate) -> SigOutcome {
    static MEMO: Memo<(Certificate, SubjectPublicKeyInfoOwned), SigOutcome> = Memo::new(10_000);
    let spki = issuer.tbs_certificate().subject_public_key_info();
    MEMO.get_or_insert(
        crate::pki::memo::bucket_of(cert.signature().raw_bytes()),
        |(c, k)| c == cert && k == spki,
        || (cert.clone(), spki.clone()),
        || check_signature(cert, issuer),
    )
}

fn check_signature(cert: &Certificate, issuer: &Certificate) -> SigOutcome {
    let spki = issuer.tbs_certificate().subject_public_key_info();
    match cert_scheme(cert) {
        None => SigOutcome::Unsupported,
        Some(scheme) => {
            let alg = cert.signature_algorithm();
            let checked = match (tbs_der(cert), cert.signature().as_bytes()) {
                (Ok(tbs), Some(sig)) => {
                    crypto::verify_message(spki, scheme, crate::pki::alg::pss_salt_len(alg), &tbs, sig)
                }
                _ => Err(SigCheck::Bad),
            };
            match checked {
                Ok(()) => SigOutcome::Good,
                Err(SigCheck::Bad) => SigOutcome::Bad,
                Err(SigCheck::Unsupported(_)) => SigOutcome::Unsupported,
            }
        }
    }
}

/// What building found when it found no path: per certificate that names an issuer,
/// why that issuer was not taken.
#[derive(Default, Debug)]
pub struct Diagnostics {
    /// (certificate, candidate issuer, outcome) for signatures that did not verify.
    pub rejected: Vec<(String, Certificate, SigOutcome)>,
    /// Issuer candidates looked at; the search stops at [`MAX_STEPS`].
    pub steps: usize,
}

/// Bound on the work of one search, whatever certificates an attacker embeds.
pub const MAX_STEPS: usize = 2_000;

/// Every path from `target` to an anchor of `store` (or to `only_anchor`), signer first,
/// in the order a depth-first search finds them; at most [`MAX_PATHS`].
pub fn candidates(
    target: &Certificate,
    pool: &[&Certificate],
    store: &TrustStore,
    only_anchor: Option<&Certificate>,
    diag: &mut Diagnostics,
) -> Vec<Vec<Certificate>> {
    // The search keeps references; only the paths found are copied out.
    let mut out: Vec<Vec<&Certificate>> = Vec::new();
    let mut path = vec![target];
    walk(&mut path, pool, store, only_anchor, diag, &mut out);
    out.into_iter().map(|p| p.into_iter().cloned().collect()).collect()
}

fn is_anchor(store: &TrustStore, only: Option<&Certificate>, c: &Certificate) -> bool {
    match only {
        Some(a) => a == c,
        None => store.is_anchor(c),
    }
}

fn walk<'a>(
    path: &mut Vec<&'a Certificate>,
    pool: &[&'a Certificate],
    store: &'a TrustStore,
    only_anchor: Option<&'a Certificate>,
    diag: &mut Diagnostics,
    out: &mut Vec<Vec<&'a Certificate>>,
) {
    if out.len() >= MAX_PATHS {
        return;
    }
    let Some(&current) = path.last() else { return };
    if is_anchor(store, only_anchor, current) {
        out.push(path.clone());
        return;
    }
    if path.len() >= MAX_DEPTH {
        return;
    }
    // Anchors first (shortest paths), then the untrusted pool.
    let anchors: Vec<&Certificate> = match only_anchor {
        Some(a) => vec![a],
        None => store.anchors.iter().collect(),
    };
    for cand in anchors.into_iter().chain(pool.iter().copied()) {
        if out.len() >= MAX_PATHS || diag.steps >= MAX_STEPS {
            return;
        }
        diag.steps += 1;
        if path.iter().any(|&p| std::ptr::eq(p, cand) || p == cand) || !names_chain(current, cand) {
            continue;
        }
        match signature_verifies(current, cand) {
            SigOutcome::Good => {
                path.push(cand);
                walk(path, pool, store, only_anchor, diag, out);
                path.pop();
            }
            other => diag.rejected.push((super::label(current), cand.clone(), other)),
        }
    }
}

/// Follow issuer names as far as they go (for reporting an untrusted chain).
pub fn best_effort(target: &Certificate, pool: &[&Certificate], store: &TrustStore) -> Vec<Certificate> {
    let mut path = vec![target.clone()];
    while path.len() < MAX_DEPTH {
        let Some(current) = path.last() else { break };
        if self_issued(current) {
            break;
        }
        let next = pool
            .iter()
            .copied()
            .chain(store.anchors.iter())
            .find(|c| names_chain(current, c) && !path.contains(c))
            .cloned();
        match next {
            Some(n) => path.push(n),
            None => break,
        }
    }
    path
}
