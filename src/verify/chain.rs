//! RFC 5280 certification path building and validation (§6, the parts a document
//! verifier needs), from the signer's certificate to one of the user's trust anchors.
//!
//! Building: starting at the signer, look for an issuer whose subject equals the
//! certificate's issuer name (and whose key identifier matches when both are present) and
//! whose key verifies the certificate's signature, among the anchors first, then the
//! certificates embedded in the signature and those given with `--certs`. Depth-first,
//! at most [`MAX_DEPTH`] certificates, no certificate twice.
//!
//! Validation of the path found, at the validation time: validity of every certificate;
//! CA certificates must have cA=TRUE, keyCertSign (when keyUsage is present) and respect
//! pathLenConstraint; the signer must not be a CA, its keyUsage (when present) must allow
//! digitalSignature or nonRepudiation and its EKU (when present) document signing;
//! unknown critical extensions are rejected; SHA-1 signatures and RSA keys under 2048
//! bits are weak; CRLs given by the user are checked for every certificate below the anchor.

use der::Encode;
use x509_cert::Certificate;
use x509_cert::ext::pkix::{AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages};

use super::crypto;
use super::trust::TrustStore;
use super::{Reason, ReasonCode, Revocation};
use crate::pki::alg::{DigestAlg, SigScheme};
use crate::pki::info::key_info;
use crate::pki::{dn, issue, oids, time};

pub const MAX_DEPTH: usize = 10;

/// Extensions kyso understands well enough to accept when they are critical.
const KNOWN_CRITICAL: [const_oid::ObjectIdentifier; 7] = [
    oids::EXT_BASIC_CONSTRAINTS,
    oids::EXT_KEY_USAGE,
    oids::EXT_EKU,
    oids::EXT_SAN,
    oids::EXT_SKI,
    oids::EXT_AKI,
    oids::EXT_CERT_POLICIES,
];

/// EKUs that allow signing documents.
const DOCUMENT_EKUS: [const_oid::ObjectIdentifier; 5] = [
    oids::EKU_EMAIL_PROTECTION,
    oids::EKU_DOCUMENT_SIGNING,
    oids::EKU_ANY,
    oids::EKU_MS_DOCUMENT_SIGNING,
    oids::EKU_ADOBE_AUTHENTIC_DOCUMENTS,
];

pub struct ChainOutcome {
    /// Signer first. When `trusted`, the last certificate is a trust anchor; otherwise
    /// it is the best chain that could be assembled by names, for the report.
    pub path: Vec<Certificate>,
    pub trusted: bool,
    pub reasons: Vec<Reason>,
    pub revocation: Revocation,
}

fn label(c: &Certificate) -> String {
    dn::to_string(c.tbs_certificate().subject())
}

/// Could `issuer` have issued `cert`, judging by names and key identifiers?
fn names_chain(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate().issuer() != issuer.tbs_certificate().subject() {
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

fn signed_by(cert: &Certificate, issuer: &Certificate) -> bool {
    names_chain(cert, issuer) && signature_verifies(cert, issuer)
}

/// Whether `issuer`'s key verifies `cert`'s signature, remembered per process: a batch
/// sees the same CA certificates in every file, and the answer depends only on the two
/// DER encodings (the key is the SHA-256 of both).
fn signature_verifies(cert: &Certificate, issuer: &Certificate) -> bool {
    use sha2::Digest;
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static MEMO: OnceLock<Mutex<HashMap<[u8; 32], bool>>> = OnceLock::new();
    let mut h = sha2::Sha256::new();
    h.update(cert.to_der().unwrap_or_default());
    h.update(issuer.tbs_certificate().subject_public_key_info().to_der().unwrap_or_default());
    let key: [u8; 32] = h.finalize().into();
    let memo = MEMO.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(&ok) = memo.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return ok;
    }
    let ok = crypto::verify_certificate(cert, issuer.tbs_certificate().subject_public_key_info()).is_ok();
    let mut m = memo.lock().unwrap_or_else(|e| e.into_inner());
    if m.len() > 10_000 {
        m.clear(); // bounded: a batch rarely sees more than a handful of CAs
    }
    m.insert(key, ok);
    ok
}

/// Build a path from `signer` to an anchor of `store`, using `embedded` and the
/// store's intermediates as untrusted helpers; then validate it at `at`.
pub fn validate(signer: &Certificate, embedded: &[Certificate], store: &TrustStore, at: i64) -> ChainOutcome {
    let mut pool: Vec<&Certificate> = embedded.iter().chain(store.intermediates.iter()).collect();
    pool.dedup();
    let mut path = vec![signer.clone()];
    let trusted = build(&mut path, &pool, store);
    if !trusted {
        let mut best = vec![signer.clone()];
        best_effort(&mut best, &pool, store);
        let mut reasons = vec![Reason::new(
            ReasonCode::NoCertificateChainFound,
            match best.last() {
                Some(top) if top.tbs_certificate().subject() == top.tbs_certificate().issuer() => {
                    format!("the chain ends at the self-signed \"{}\", which is not a trust anchor", label(top))
                }
                Some(top) => format!(
                    "the chain ends at \"{}\"; its issuer \"{}\" was not found",
                    label(top),
                    dn::to_string(top.tbs_certificate().issuer())
                ),
                None => String::new(),
            },
        )];
        // Still report what is wrong with the certificates themselves.
        reasons.extend(check_path(&best, false, at));
        return ChainOutcome { path: best, trusted: false, reasons, revocation: Revocation::NotChecked };
    }
    let mut reasons = check_path(&path, true, at);
    let revocation = check_revocation(&path, store, at, &mut reasons);
    ChainOutcome { path, trusted: true, reasons, revocation }
}

fn build(path: &mut Vec<Certificate>, pool: &[&Certificate], store: &TrustStore) -> bool {
    let Some(current) = path.last().cloned() else {
        return false;
    };
    if store.is_anchor(&current) {
        return true;
    }
    if path.len() >= MAX_DEPTH {
        return false;
    }
    if let Some(anchor) = store.anchors.iter().find(|a| signed_by(&current, a)) {
        path.push(anchor.clone());
        return true;
    }
    for cand in pool {
        if path.contains(cand) {
            continue;
        }
        if signed_by(&current, cand) {
            path.push((*cand).clone());
            if build(path, pool, store) {
                return true;
            }
            path.pop();
        }
    }
    false
}

/// Follow issuer names as far as they go (for reporting an untrusted chain).
fn best_effort(path: &mut Vec<Certificate>, pool: &[&Certificate], store: &TrustStore) {
    while path.len() < MAX_DEPTH {
        let Some(current) = path.last() else { return };
        if current.tbs_certificate().issuer() == current.tbs_certificate().subject() {
            return;
        }
        let next = pool
            .iter()
            .copied()
            .chain(store.anchors.iter())
            .find(|c| names_chain(current, c) && !path.contains(c))
            .cloned();
        match next {
            Some(n) => path.push(n),
            None => return,
        }
    }
}

/// Checks on the certificates of a path (signer first; last is the anchor if `anchored`).
fn check_path(path: &[Certificate], anchored: bool, at: i64) -> Vec<Reason> {
    let mut reasons = Vec::new();
    for (i, cert) in path.iter().enumerate() {
        let tbs = cert.tbs_certificate();
        let name = label(cert);
        let nb = time::unix(&tbs.validity().not_before);
        let na = time::unix(&tbs.validity().not_after);
        if at < nb {
            reasons
                .push(Reason::new(ReasonCode::NotYetValid, format!("\"{name}\" is valid from {}", time::rfc3339(nb))));
        }
        if at > na {
            reasons.push(Reason::new(
                ReasonCode::OutOfBoundsNoPoe,
                format!("\"{name}\" expired on {}", time::rfc3339(na)),
            ));
        }
        let bc = tbs.get_extension::<BasicConstraints>();
        let ku = tbs.get_extension::<KeyUsage>();
        let eku = tbs.get_extension::<ExtendedKeyUsage>();
        if bc.is_err() || ku.is_err() || eku.is_err() {
            reasons.push(Reason::new(
                ReasonCode::CertificateChainGeneralFailure,
                format!("\"{name}\" has a malformed extension"),
            ));
            continue;
        }
        let bc = bc.ok().flatten().map(|(_, b)| b);
        let ku = ku.ok().flatten().map(|(_, k)| k);
        let is_ca = bc.as_ref().is_some_and(|b| b.ca);
        if i == 0 {
            if is_ca {
                reasons.push(Reason::new(
                    ReasonCode::ChainConstraintsFailure,
                    format!("\"{name}\" is a CA certificate, not a document signer's"),
                ));
            }
            if let Some(ku) = &ku
                && !ku.0.contains(KeyUsages::DigitalSignature)
                && !ku.0.contains(KeyUsages::NonRepudiation)
            {
                reasons.push(Reason::new(
                    ReasonCode::ChainConstraintsFailure,
                    format!("the key usage of \"{name}\" allows neither digitalSignature nor nonRepudiation"),
                ));
            }
            if let Ok(Some((_, eku))) = tbs.get_extension::<ExtendedKeyUsage>()
                && !eku.0.iter().any(|o| DOCUMENT_EKUS.contains(o))
            {
                reasons.push(Reason::new(
                    ReasonCode::ChainConstraintsFailure,
                    format!("the extended key usage of \"{name}\" does not allow document signing"),
                ));
            }
        } else {
            if !is_ca {
                reasons.push(Reason::new(
                    ReasonCode::ChainConstraintsFailure,
                    format!("\"{name}\" issued a certificate but is not a CA (basicConstraints)"),
                ));
            }
            if ku.as_ref().is_some_and(|k| !k.0.contains(KeyUsages::KeyCertSign)) {
                reasons.push(Reason::new(
                    ReasonCode::ChainConstraintsFailure,
                    format!("the key usage of \"{name}\" does not allow keyCertSign"),
                ));
            }
            // Intermediate CAs below this one (self-issued ones do not count, RFC 5280 §6.1.4).
            let below =
                path[1..i].iter().filter(|c| c.tbs_certificate().subject() != c.tbs_certificate().issuer()).count();
            if let Some(limit) = bc.as_ref().and_then(|b| b.path_len_constraint)
                && below > usize::from(limit)
            {
                reasons.push(Reason::new(
                    ReasonCode::ChainConstraintsFailure,
                    format!("\"{name}\" allows {limit} intermediate CA(s) below it, the chain has {below}"),
                ));
            }
        }
        for ext in tbs.extensions().map(|e| e.as_slice()).unwrap_or(&[]) {
            if ext.critical && !KNOWN_CRITICAL.contains(&ext.extn_id) {
                reasons.push(Reason::new(
                    ReasonCode::ChainConstraintsFailure,
                    format!("\"{name}\" has an unknown critical extension {}", ext.extn_id),
                ));
            }
        }
        let key = key_info(tbs.subject_public_key_info());
        if key.algorithm == "RSA" && key.bits < 2048 {
            reasons.push(Reason::new(
                ReasonCode::WeakAlgorithm,
                format!("\"{name}\" has an RSA key of {} bits", key.bits),
            ));
        }
        // The anchor's own signature proves nothing, so its algorithm does not matter.
        let is_anchor = anchored && i == path.len() - 1;
        if !is_anchor {
            let scheme = SigScheme::from_algorithm_identifier(cert.signature_algorithm());
            if scheme.is_some_and(|s| s.digest() == DigestAlg::Sha1) {
                reasons.push(Reason::new(ReasonCode::WeakAlgorithm, format!("\"{name}\" is signed with SHA-1")));
            }
        }
    }
    reasons
}

/// CRLs: a certificate listed with a revocation date at or before `at` is revoked.
fn check_revocation(path: &[Certificate], store: &TrustStore, at: i64, reasons: &mut Vec<Reason>) -> Revocation {
    let mut all_checked = true;
    let mut revoked = false;
    for pair in path.windows(2) {
        let (cert, issuer) = (&pair[0], &pair[1]);
        let tbs = cert.tbs_certificate();
        let crls: Vec<_> = store
            .crls
            .iter()
            .filter(|crl| crl.tbs_cert_list.issuer == *tbs.issuer() && crl_signed_by(crl, issuer))
            .collect();
        if crls.is_empty() {
            all_checked = false;
            continue;
        }
        for crl in crls {
            for entry in crl.tbs_cert_list.revoked_certificates.iter().flatten() {
                if entry.serial_number == *tbs.serial_number() {
                    let when = time::unix(&entry.revocation_date);
                    if when <= at {
                        revoked = true;
                        reasons.push(Reason::new(
                            ReasonCode::Revoked,
                            format!("\"{}\" was revoked on {}", label(cert), time::rfc3339(when)),
                        ));
                    }
                }
            }
        }
    }
    match (revoked, all_checked) {
        (true, _) => Revocation::Revoked,
        (false, true) => Revocation::Good,
        (false, false) => Revocation::NotChecked,
    }
}

fn crl_signed_by(crl: &x509_cert::crl::CertificateList, issuer: &Certificate) -> bool {
    let Some(scheme) = SigScheme::from_algorithm_identifier(&crl.signature_algorithm) else {
        return false;
    };
    let Ok(tbs) = crl.tbs_cert_list.to_der() else {
        return false;
    };
    let Some(sig) = crl.signature.as_bytes() else {
        return false;
    };
    crypto::verify_message(
        issuer.tbs_certificate().subject_public_key_info(),
        scheme,
        crate::pki::alg::pss_salt_len(&crl.signature_algorithm),
        &tbs,
        sig,
    )
    .is_ok()
}
