//! Validation data a signed file carries: certificates, CRLs and OCSP responses from a
//! PDF's Document Security Store (ISO 32000-2 §12.8.4.3: `/Certs`, `/CRLs`, `/OCSPs`
//! and each `/VRI` entry's), a CMS SignedData's certificates and revocationInfoChoices
//! (CRLs, RFC 5940 OCSP responses) and Adobe's `adbe-revocationInfoArchival` signed
//! attribute. OCSP responses are verified here (signature, responder authorised by the
//! CA or the CA itself, certID) with [`crate::revocation::ocsp::verify`] and handed to
//! chain validation as [`OcspEvidence`]; their freshness at the validation time is the
//! chain's check.

use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;

use crate::cms::parse::{ParsedSignedData, ParsedSigner};
use crate::pdf::syntax::object::Object;
use crate::pdf::syntax::reader::PdfReader;
use crate::pki::alg::DigestAlg;
use crate::pki::oids;
use crate::revocation::ocsp::{self, CertState, OcspCheck};
use crate::verify::chain::{OcspEvidence, OcspStatus};

/// Most items read from one DSS array (certificates, CRLs or OCSP responses).
pub const MAX_DSS_ITEMS: usize = 10_000;
/// Largest DSS stream read (decoded).
pub const MAX_DSS_STREAM: usize = 16 << 20;

/// Certificates and revocation data found in a file.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    pub certs: Vec<Certificate>,
    pub crls: Vec<CertificateList>,
    /// OCSPResponses (DER) and where each came from.
    pub ocsp: Vec<(Vec<u8>, String)>,
}

impl Evidence {
    /// Nothing revocation-related (certificates alone do not count).
    pub fn has_revocation_data(&self) -> bool {
        !self.crls.is_empty() || !self.ocsp.is_empty()
    }

    pub fn extend(&mut self, other: &Evidence) {
        for c in &other.certs {
            if !self.certs.contains(c) {
                self.certs.push(c.clone());
            }
        }
        for c in &other.crls {
            if !self.crls.contains(c) {
                self.crls.push(c.clone());
            }
        }
        for o in &other.ocsp {
            if !self.ocsp.iter().any(|(d, _)| *d == o.0) {
                self.ocsp.push(o.clone());
            }
        }
    }

    /// The SignedData's certificates, CRLs and OCSP responses.
    pub fn of_signed_data(sd: &ParsedSignedData, source: &str) -> Evidence {
        Evidence {
            certs: sd.certificates.clone(),
            crls: sd.crls.clone(),
            ocsp: sd.ocsp_responses.iter().map(|d| (d.clone(), source.to_string())).collect(),
        }
    }

    /// Adobe's `adbe-revocationInfoArchival` signed attribute:
    /// `SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CertificateList OPTIONAL,
    /// ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse OPTIONAL, otherRevInfo [2] ... }`.
    /// What cannot be read is skipped (it is evidence offered, not a claim signed).
    pub fn of_adobe_attribute(si: &ParsedSigner) -> Evidence {
        let mut ev = Evidence::default();
        for a in si.signed_attrs.iter().filter(|a| a.oid == oids::ATTR_ADBE_REVOCATION_INFO) {
            for v in a.values.iter() {
                let Ok(der) = v.to_der() else { continue };
                let Some((seq, _)) = crate::cms::tlv::read(&der) else { continue };
                for part in crate::cms::tlv::children(seq.content).unwrap_or_default() {
                    let Some((inner, _)) = crate::cms::tlv::read(part.content) else { continue };
                    let items = crate::cms::tlv::children(inner.content).unwrap_or_default();
                    for item in items.into_iter().take(MAX_DSS_ITEMS) {
                        match part.tag {
                            0xa0 => {
                                if let Ok(crl) = CertificateList::from_der(item.full) {
                                    ev.crls.push(crl);
                                }
                            }
                            0xa1 => ev.ocsp.push((item.full.to_vec(), "adbe-revocationInfoArchival".into())),
                            _ => {}
                        }
                    }
                }
            }
        }
        ev
    }

    /// The PDF's DSS (in the latest revision's catalog), its `/VRI` entries included.
    /// A DSS that cannot be read gives no evidence (the verdicts then say what is missing).
    pub fn of_pdf(reader: &PdfReader) -> Evidence {
        let mut ev = Evidence::default();
        let Ok(catalog) = reader.catalog() else { return ev };
        let Some(dss) = catalog.get(b"DSS").and_then(|o| reader.get(o).ok()) else { return ev };
        let Some(dss) = dss.as_dict() else { return ev };
        let mut dicts = vec![dss.clone()];
        if let Some(vri) = dss.get(b"VRI").and_then(|o| reader.get(o).ok())
            && let Some(vri) = vri.as_dict()
        {
            for (_, entry) in vri.iter().take(MAX_DSS_ITEMS) {
                if let Ok(Object::Dict(d)) = reader.get(entry) {
                    dicts.push(d);
                }
            }
        }
        for d in &dicts {
            for (key, kind) in [
                (&b"Certs"[..], 0),
                (&b"Cert"[..], 0),
                (&b"CRLs"[..], 1),
                (&b"CRL"[..], 1),
                (&b"OCSPs"[..], 2),
                (&b"OCSP"[..], 2),
            ] {
                let Some(arr) = d.get(key).and_then(|o| reader.get(o).ok()) else { continue };
                let Some(arr) = arr.as_array() else { continue };
                for item in arr.iter().take(MAX_DSS_ITEMS) {
                    let Ok(obj) = reader.get(item) else { continue };
                    let Some(stream) = obj.as_stream() else { continue };
                    let Ok(bytes) = reader.stream_data_capped(stream, MAX_DSS_STREAM) else { continue };
                    match kind {
                        0 => {
                            if let Ok(c) = Certificate::from_der(&bytes)
                                && !ev.certs.contains(&c)
                            {
                                ev.certs.push(c);
                            }
                        }
                        1 => {
                            if let Ok(c) = CertificateList::from_der(&bytes)
                                && !ev.crls.contains(&c)
                            {
                                ev.crls.push(c);
                            }
                        }
                        _ => {
                            if !ev.ocsp.iter().any(|(o, _)| *o == bytes) {
                                ev.ocsp.push((bytes, "DSS".into()));
                            }
                        }
                    }
                }
            }
        }
        ev
    }

    /// Every certificate the OCSP responses carry (responders, sometimes issuers).
    pub fn ocsp_certificates(&self) -> Vec<Certificate> {
        let mut out = Vec::new();
        for (der, _) in &self.ocsp {
            if let Ok((_, parts)) = ocsp::response::parse(der) {
                out.extend(parts.certs);
            }
        }
        out
    }

    /// The OCSP answers about certificates of `pool` (with their issuers in `pool`) whose
    /// signature verifies and whose responder is the issuing CA or a responder it
    /// authorised (id-kp-OCSPSigning). Unusable responses are left out.
    pub fn ocsp_evidence(&self, pool: &[Certificate]) -> Vec<OcspEvidence> {
        self.ocsp_checked(pool).0
    }

    /// [`Evidence::ocsp_evidence`], and the responses about a certificate of `pool` that
    /// were refused (forged: a responder neither the CA nor authorised by it, a bad
    /// signature...): the certificate and why, to name in the verdict.
    pub fn ocsp_checked(&self, pool: &[Certificate]) -> (Vec<OcspEvidence>, Vec<(Certificate, String)>) {
        let mut out = Vec::new();
        let mut rejected = Vec::new();
        for (der, source) in &self.ocsp {
            let Ok((data, _)) = ocsp::response::parse(der) else { continue };
            for single in data.responses.iter().take(MAX_DSS_ITEMS) {
                let id = &single.cert_id;
                let Some(hash) = DigestAlg::from_oid(&id.hash_algorithm.oid) else { continue };
                let Some(issuer) = pool.iter().find(|c| ocsp::id_matches_issuer(id, c)) else { continue };
                let Some(cert) = pool.iter().find(|c| {
                    c.tbs_certificate().serial_number() == &id.serial_number
                        && c.tbs_certificate().issuer() == issuer.tbs_certificate().subject()
                }) else {
                    continue;
                };
                // Freshness is judged by chain validation at its own time: here only
                // that the response is what it says it is.
                let check = OcspCheck { at: single.this_update.unix, extra_certs: pool, ..OcspCheck::at(0) };
                let v = match ocsp::verify(der, cert, issuer, &check) {
                    Ok(v) => v,
                    Err(e) => {
                        rejected.push((cert.clone(), format!("{source}: OCSP response not trusted ({e})")));
                        continue;
                    }
                };
                let status = match v.state {
                    CertState::Good => OcspStatus::Good,
                    CertState::Revoked { time, reason } => {
                        OcspStatus::Revoked(time, reason.and_then(|r| u8::try_from(r).ok()))
                    }
                    CertState::Unknown => OcspStatus::Unknown,
                };
                out.push(OcspEvidence {
                    hash,
                    issuer_name_hash: id.issuer_name_hash.as_bytes().to_vec(),
                    issuer_key_hash: id.issuer_key_hash.as_bytes().to_vec(),
                    serial: id.serial_number.as_bytes().to_vec(),
                    status,
                    this_update: v.this_update,
                    next_update: v.next_update,
                    responder: v.responder_cert,
                    source: source.clone(),
                });
            }
        }
        (out, rejected)
    }
}
