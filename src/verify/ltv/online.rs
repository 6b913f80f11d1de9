//! Revocation data a verification gets from outside the file: OCSP responses given as
//! files (`kyso verify --ocsp-response`) and, with `--online` only, OCSP responses and
//! CRLs fetched over HTTP from the certificates' AIA (OCSP) and CRL distribution points
//! — for the certificates of a validated path whose status the file's own evidence
//! leaves unknown.
//!
//! What is fetched becomes evidence like what the file carries ([`Evidence`]): OCSP
//! responses are verified (signature, responder the CA or authorised by it, certID,
//! nonce) before use, and the chain judges their freshness at the validation time. A
//! responder that cannot be reached, times out, answers an HTTP error or an untrusted
//! response gives no evidence; what happened is kept ([`Problem`]) so the TRY_LATER
//! reason can name the URL and the failure. Each call has a timeout (a few seconds) and
//! a size cap ([`crate::http::client`]); each URL is asked once per process.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use der::Decode;
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;

use super::Evidence;
use crate::revocation::{crl, ocsp, urls};
use crate::verify::chain::{CertStatus, ChainOutcome};

/// Default time allowed for each HTTP call during verification.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

type Cache = HashMap<String, Result<Vec<u8>, String>>;

/// Where revocation data beyond the file's may come from.
#[derive(Debug, Clone)]
pub struct RevocationSources {
    /// Fetch from the certificates' AIA OCSP and CRL distribution points.
    pub online: bool,
    /// For each HTTP call.
    pub timeout: Duration,
    /// OCSPResponses (DER) given as files, with their names.
    pub ocsp_files: Vec<(Vec<u8>, String)>,
    /// What was fetched (DER) or why not, per request.
    cache: Arc<Mutex<Cache>>,
}

impl Default for RevocationSources {
    fn default() -> Self {
        RevocationSources { online: false, timeout: DEFAULT_TIMEOUT, ocsp_files: Vec::new(), cache: Arc::default() }
    }
}

impl RevocationSources {
    pub fn new(online: bool, timeout: Duration, ocsp_files: Vec<(Vec<u8>, String)>) -> RevocationSources {
        RevocationSources { online, timeout, ocsp_files, ..RevocationSources::default() }
    }

    fn cached(&self, key: &str, fetch: impl FnOnce() -> Result<Vec<u8>, String>) -> Result<Vec<u8>, String> {
        if let Ok(c) = self.cache.lock()
            && let Some(r) = c.get(key)
        {
            return r.clone();
        }
        let r = fetch();
        if let Ok(mut c) = self.cache.lock() {
            c.insert(key.to_string(), r.clone());
        }
        r
    }
}

/// Why a certificate of the path (by index) got no evidence from a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub index: usize,
    pub detail: String,
}

/// Does the path need more revocation evidence (a certificate below the anchor whose
/// status is unknown)?
pub(super) fn needs_evidence(outcome: &ChainOutcome) -> bool {
    outcome.trusted
        && outcome.checks.iter().take(outcome.path.len().saturating_sub(1)).any(|c| is_unknown(&c.revocation))
}

fn is_unknown(s: &CertStatus) -> bool {
    matches!(s, CertStatus::Unknown { .. })
}

/// Fetch an OCSP response (AIA), else a CRL (CDP), for each certificate of the trusted
/// path whose revocation status is unknown, and add what verifies to `ev`. Returns what
/// went wrong, per certificate.
pub(super) fn fetch_missing(outcome: &ChainOutcome, src: &RevocationSources, ev: &mut Evidence) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !src.online || !outcome.trusted {
        return problems;
    }
    let below_anchor = outcome.path.len().saturating_sub(1);
    for (index, (cert, check)) in outcome.path.iter().zip(&outcome.checks).take(below_anchor).enumerate() {
        if !is_unknown(&check.revocation) {
            continue;
        }
        let Some(issuer) = outcome.path.get(index + 1) else { continue };
        let mut problem = |detail: String| problems.push(Problem { index, detail });
        let u = urls::of(cert);
        if u.ocsp.is_empty() && u.crl.is_empty() {
            problem("--online: the certificate names no OCSP responder (AIA) and no CRL distribution point".into());
            continue;
        }
        let mut got = false;
        for url in &u.ocsp {
            let key = format!(
                "ocsp {url} {} {}",
                hex::encode(cert.tbs_certificate().serial_number().as_bytes()),
                hex::encode(ocsp::issuer_key_hash(issuer, crate::pki::alg::DigestAlg::Sha256))
            );
            let r = src
                .cached(&key, || ocsp::fetch(url, cert, issuer, src.timeout).map(|v| v.der).map_err(|e| e.to_string()));
            match r {
                Ok(der) => {
                    if !ev.ocsp.iter().any(|(d, _)| *d == der) {
                        ev.ocsp.push((der, format!("fetched from {url}")));
                    }
                    got = true;
                    break;
                }
                Err(e) => problem(format!("--online OCSP {url}: {e}")),
            }
        }
        if got {
            continue;
        }
        for url in &u.crl {
            let r = src.cached(&format!("crl {url}"), || {
                crl::fetch(url, src.timeout).map(|p| p.der).map_err(|e| e.to_string())
            });
            match r.and_then(|der| CertificateList::from_der(&der).map_err(|e| format!("malformed CRL: {e}"))) {
                Ok(list) => {
                    if !ev.crls.contains(&list) {
                        ev.crls.push(list);
                    }
                    break;
                }
                Err(e) => problem(format!("--online CRL {url}: {e}")),
            }
        }
    }
    problems
}

/// Add to each TRY_LATER reason about a certificate of the path what was tried and
/// refused for it: OCSP responses not trusted (`rejected`: the certificate and why) and
/// fetches that failed (`problems`).
pub(super) fn explain(outcome: &mut ChainOutcome, rejected: &[(Certificate, String)], problems: &[Problem]) {
    use crate::verify::ReasonCode;
    for (index, cert) in outcome.path.iter().enumerate() {
        let mut why: Vec<&str> = rejected.iter().filter(|(c, _)| c == cert).map(|(_, w)| w.as_str()).collect();
        why.extend(problems.iter().filter(|p| p.index == index).map(|p| p.detail.as_str()));
        if why.is_empty() {
            continue;
        }
        let name = format!("\"{}\"", crate::pki::dn::to_string(cert.tbs_certificate().subject()));
        let extra = why.join("; ");
        for r in outcome.reasons.iter_mut().filter(|r| r.code == ReasonCode::TryLater && r.detail.contains(&name)) {
            if !r.detail.contains(&extra) {
                r.detail = format!("{}; {extra}", r.detail);
            }
        }
    }
}
