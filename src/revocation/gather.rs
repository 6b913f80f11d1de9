//! Gathering validation data for long-term signatures (PAdES/CAdES B-LT): a
//! certificate's chain up to a self-signed root, and for every certificate below the
//! root a current OCSP response or CRL proving it was not revoked — from files given by
//! the caller, or fetched over HTTP from the certificates' AIA (OCSP, caIssuers) and
//! CRL distribution points. OCSP responders' own certificates are covered too (none is
//! needed when they carry id-pkix-ocsp-nocheck).
//!
//! Every piece is verified before it is kept (issuer signature, freshness now, scope);
//! a certificate found revoked is an error: nobody should make a long-term signature
//! with a revoked key. May also import [`crate::verify::chain`] for certificate
//! signature checks.

use std::collections::HashMap;
use std::time::Duration;

use der::Encode;
use x509_cert::Certificate;

use super::crl::{self, CrlCheck, ParsedCrl};
use super::ocsp::{self, CertState, OcspCheck, ResponderKind};
use super::urls;
use crate::http::client::{self, Limits};
use crate::pki::{dn, time};

fn self_issued(c: &Certificate) -> bool {
    dn::names_match(c.tbs_certificate().issuer(), c.tbs_certificate().subject())
}

fn signed_by(cert: &Certificate, issuer: &Certificate) -> bool {
    dn::names_match(cert.tbs_certificate().issuer(), issuer.tbs_certificate().subject())
        && crate::verify::chain::signature_ok(cert, issuer)
}

/// Deepest recursion for OCSP responders whose own revocation must be shown.
const MAX_DEPTH: usize = 3;
/// Longest chain followed.
const MAX_CHAIN: usize = 8;

pub use super::error::GatherError;

/// Where revocation data may come from.
#[derive(Debug, Clone)]
pub struct Sources {
    /// Fetch from the certificates' URLs (AIA OCSP and caIssuers, CRL distribution points).
    pub online: bool,
    /// For each HTTP call.
    pub timeout: Duration,
    /// CRLs given as files (`--crl`).
    pub crls: Vec<ParsedCrl>,
    /// OCSP responses given as files (`--ocsp-response`, DER OCSPResponse).
    pub ocsp_responses: Vec<Vec<u8>>,
    /// Certificates that may complete chains (`--chain`, `--certs`).
    pub certs: Vec<Certificate>,
}

impl Default for Sources {
    fn default() -> Self {
        Sources {
            online: false,
            timeout: Duration::from_secs(10),
            crls: Vec::new(),
            ocsp_responses: Vec::new(),
            certs: Vec::new(),
        }
    }
}

/// Validation data: certificates, CRLs and OCSP responses (DER), without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    pub certs: Vec<Vec<u8>>,
    pub crls: Vec<Vec<u8>>,
    pub ocsps: Vec<Vec<u8>>,
}

fn push_unique(v: &mut Vec<Vec<u8>>, item: Vec<u8>) {
    if !v.contains(&item) {
        v.push(item);
    }
}

impl Evidence {
    pub fn add_cert(&mut self, c: &Certificate) {
        if let Ok(der) = c.to_der() {
            push_unique(&mut self.certs, der);
        }
    }

    pub fn merge(&mut self, other: &Evidence) {
        for c in &other.certs {
            push_unique(&mut self.certs, c.clone());
        }
        for c in &other.crls {
            push_unique(&mut self.crls, c.clone());
        }
        for o in &other.ocsps {
            push_unique(&mut self.ocsps, o.clone());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.certs.is_empty() && self.crls.is_empty() && self.ocsps.is_empty()
    }
}

/// Gathers evidence for several certificates, fetching each URL at most once.
pub struct Gatherer<'a> {
    sources: &'a Sources,
    /// Validation time (now, when signing).
    at: i64,
    fetched_certs: Vec<Certificate>,
    fetched_crls: HashMap<String, Result<ParsedCrl, String>>,
    /// Per certificate (DER): its whole chain's evidence, and its own revocation evidence.
    done: HashMap<Vec<u8>, Evidence>,
    revocation_done: HashMap<Vec<u8>, Evidence>,
}

fn name(c: &Certificate) -> String {
    dn::to_string(c.tbs_certificate().subject())
}

impl<'a> Gatherer<'a> {
    pub fn new(sources: &'a Sources, at: i64) -> Gatherer<'a> {
        Gatherer {
            sources,
            at,
            fetched_certs: Vec::new(),
            fetched_crls: HashMap::new(),
            done: HashMap::new(),
            revocation_done: HashMap::new(),
        }
    }

    /// The chain of `leaf` (from `pool`, the sources' certificates, or caIssuers when
    /// online) with revocation data for every certificate below the root.
    pub fn gather(&mut self, leaf: &Certificate, pool: &[Certificate]) -> Result<Evidence, GatherError> {
        self.gather_at_depth(leaf, pool, 0)
    }

    fn gather_at_depth(
        &mut self,
        leaf: &Certificate,
        pool: &[Certificate],
        depth: usize,
    ) -> Result<Evidence, GatherError> {
        let key = leaf.to_der().unwrap_or_default();
        if let Some(e) = self.done.get(&key) {
            return Ok(e.clone());
        }
        let mut ev = Evidence::default();
        let mut cert = leaf.clone();
        for _ in 0..MAX_CHAIN {
            ev.add_cert(&cert);
            if self_issued(&cert) && signed_by(&cert, &cert) {
                self.done.insert(key, ev.clone());
                return Ok(ev);
            }
            let issuer = self.issuer_of(&cert, pool)?;
            let der = cert.to_der().unwrap_or_default();
            let mine = match self.revocation_done.get(&der) {
                Some(e) => e.clone(),
                None => {
                    let mut mine = Evidence::default();
                    self.revocation(&cert, &issuer, pool, depth, &mut mine)?;
                    self.revocation_done.insert(der, mine.clone());
                    mine
                }
            };
            ev.merge(&mine);
            cert = issuer;
        }
        Err(GatherError::ChainTooLong)
    }

    fn issuer_of(&mut self, cert: &Certificate, pool: &[Certificate]) -> Result<Certificate, GatherError> {
        let known = pool.iter().chain(&self.sources.certs).chain(&self.fetched_certs).find(|c| signed_by(cert, c));
        if let Some(c) = known {
            return Ok(c.clone());
        }
        if self.sources.online {
            for url in urls::of(cert).ca_issuers {
                let Ok(reply) =
                    client::get(&url, "application/pkix-cert", Limits::SMALL.with_timeout(self.sources.timeout))
                else {
                    continue;
                };
                let Ok(found) = crate::pki::load::parse_certificates(&reply.body) else { continue };
                if let Some(c) = found.iter().find(|c| signed_by(cert, c)) {
                    self.fetched_certs.push(c.clone());
                    return Ok(c.clone());
                }
            }
        }
        Err(GatherError::IssuerNotFound {
            subject: name(cert),
            hint: if self.sources.online { "" } else { " (give it with --chain, or --online to fetch it)" },
        })
    }

    /// Proof that `cert` (issued by `issuer`) is not revoked now: an OCSP response or a
    /// CRL, given or fetched. OCSP is tried first (smaller, and what AIA names first).
    fn revocation(
        &mut self,
        cert: &Certificate,
        issuer: &Certificate,
        pool: &[Certificate],
        depth: usize,
        ev: &mut Evidence,
    ) -> Result<(), GatherError> {
        let subject = name(cert);
        let mut tried = Vec::new();
        let urls = urls::of(cert);
        let mut responses: Vec<(String, Result<ocsp::VerifiedOcsp, ocsp::OcspError>)> = self
            .sources
            .ocsp_responses
            .iter()
            .map(|der| ("--ocsp-response".to_string(), ocsp::verify(der, cert, issuer, &OcspCheck::at(self.at))))
            .filter(|(_, r)| !matches!(r, Err(ocsp::OcspError::NoMatchingResponse)))
            .collect();
        let mut candidate_crls: Vec<(String, Result<ParsedCrl, String>)> = self
            .sources
            .crls
            .iter()
            .filter(|c| c.tbs.issuer == *issuer.tbs_certificate().subject())
            .map(|c| ("--crl".to_string(), Ok(c.clone())))
            .collect();
        if self.sources.online && responses.is_empty() && candidate_crls.is_empty() {
            for url in &urls.ocsp {
                let r = ocsp::fetch(url, cert, issuer, self.sources.timeout);
                let good = r.is_ok();
                responses.push((url.clone(), r));
                if good {
                    break;
                }
            }
        }
        for (origin, r) in responses {
            match r {
                Ok(v) => match v.state {
                    CertState::Good => {
                        ev.ocsps.push(v.der.clone());
                        ev.add_cert(&v.responder_cert);
                        if let ResponderKind::Delegated { nocheck: false } = v.responder
                            && depth < MAX_DEPTH
                            && v.responder_cert != *cert
                        {
                            let mut pool2 = pool.to_vec();
                            pool2.push(issuer.clone());
                            let sub = self.gather_at_depth(&v.responder_cert, &pool2, depth + 1)?;
                            ev.merge(&sub);
                        }
                        return Ok(());
                    }
                    CertState::Revoked { time: t, .. } => {
                        return Err(GatherError::Revoked { subject, time: time::rfc3339(t), source_kind: "OCSP" });
                    }
                    CertState::Unknown => tried.push(format!("{origin}: the responder does not know it")),
                },
                Err(e) => tried.push(format!("{origin}: {e}")),
            }
        }
        if self.sources.online && candidate_crls.is_empty() {
            for url in &urls.crl {
                let r = match self.fetched_crls.get(url) {
                    Some(r) => r.clone(),
                    None => {
                        let r = crl::fetch(url, self.sources.timeout).map_err(|e| e.to_string());
                        self.fetched_crls.insert(url.clone(), r.clone());
                        r
                    }
                };
                candidate_crls.push((url.clone(), r));
            }
        }
        for (origin, r) in candidate_crls {
            let parsed = match r {
                Ok(p) => p,
                Err(e) => {
                    tried.push(format!("{origin}: {e}"));
                    continue;
                }
            };
            match parsed.verify(issuer, CrlCheck::at(self.at)) {
                Ok(v) if v.covers(cert) => {
                    if let Some(rev) = v.status(cert.tbs_certificate().serial_number().as_bytes()) {
                        return Err(GatherError::Revoked {
                            subject,
                            time: time::rfc3339(rev.time),
                            source_kind: "CRL",
                        });
                    }
                    push_unique(&mut ev.crls, v.der.clone());
                    return Ok(());
                }
                Ok(_) => tried.push(format!("{origin}: the CRL's scope leaves this certificate out")),
                Err(e) => tried.push(format!("{origin}: {e}")),
            }
        }
        Err(GatherError::NoRevocationData { subject, tried })
    }
}
