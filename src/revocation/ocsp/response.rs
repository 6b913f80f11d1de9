//! Reading and verifying OCSP responses (RFC 6960 §3.2, §4.2).

use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::ext::pkix::{ExtendedKeyUsage, KeyUsage, KeyUsages};

use super::asn1::{BasicOcspResponseRaw, CertStatus, OcspResponse, ResponderId, ResponseData, ResponseStatus};
use super::{OcspError, id_matches_issuer};
use crate::pki::alg::{DigestAlg, SigScheme, pss_salt_len};
use crate::pki::{dn, oids, time};
use crate::revocation::CLOCK_SKEW;
use crate::verify::crypto;

/// What the caller expects of a response.
#[derive(Debug, Clone)]
pub struct OcspCheck<'a> {
    /// The time the status must be fresh at (Unix seconds).
    pub at: i64,
    /// The nonce sent, if any: a response that echoes a different one is refused.
    pub nonce: Option<&'a [u8]>,
    /// Tolerated clock difference for thisUpdate and nextUpdate.
    pub skew: i64,
    /// For a response without nextUpdate: how long after thisUpdate it stays fresh
    /// (`None`: no limit — the caller judges).
    pub max_age: Option<i64>,
    /// More certificates to look for the responder's among.
    pub extra_certs: &'a [Certificate],
}

impl OcspCheck<'_> {
    pub fn at(at: i64) -> OcspCheck<'static> {
        OcspCheck { at, nonce: None, skew: CLOCK_SKEW, max_age: None, extra_certs: &[] }
    }
}

/// The certificate's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase", tag = "status")]
pub enum CertState {
    Good,
    /// Revoked at `time` (Unix seconds), with the CRLReason code when given.
    Revoked {
        time: i64,
        reason: Option<u32>,
    },
    Unknown,
}

/// Who signed the response, and so why it is authorised (RFC 6960 §4.2.2.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponderKind {
    /// The CA that issued the certificate.
    Ca,
    /// A responder certificate the CA issued with id-kp-OCSPSigning; `nocheck` when it
    /// carries id-pkix-ocsp-nocheck (its own revocation need not be checked).
    Delegated { nocheck: bool },
}

/// A response whose signature, authorisation, certID, freshness and nonce were checked.
#[derive(Debug, Clone)]
pub struct VerifiedOcsp {
    /// The OCSPResponse as received (DER), to keep as revocation evidence.
    pub der: Vec<u8>,
    pub state: CertState,
    pub produced_at: i64,
    pub this_update: i64,
    pub next_update: Option<i64>,
    pub responder: ResponderKind,
    pub responder_cert: Certificate,
    /// Certificates the response carries.
    pub certificates: Vec<Certificate>,
    /// The nonce was sent and echoed (false when none was sent or the responder did not echo it).
    pub nonce_matched: bool,
}

/// Read an OCSPResponse: the BasicOCSPResponse of a successful one (with the signed
/// bytes), or the responder's refusal.
pub fn parse(der: &[u8]) -> Result<(ResponseData, BasicParts), OcspError> {
    let resp = OcspResponse::from_der(der)?;
    if resp.response_status != ResponseStatus::Successful {
        return Err(OcspError::Status(resp.response_status.name()));
    }
    let bytes = resp.response_bytes.ok_or_else(|| OcspError::Malformed("successful but no responseBytes".into()))?;
    if bytes.response_type != oids::OCSP_BASIC {
        return Err(OcspError::Unsupported(format!("response type {}", bytes.response_type)));
    }
    let basic = BasicOcspResponseRaw::from_der(bytes.response.as_bytes())?;
    let tbs_der = basic.tbs_response_data.to_der()?;
    let data = ResponseData::from_der(&tbs_der)?;
    let parts = BasicParts {
        tbs_der,
        signature_algorithm: basic.signature_algorithm,
        signature: basic.signature.as_bytes().map(<[u8]>::to_vec).unwrap_or_default(),
        certs: basic.certs.unwrap_or_default(),
    };
    Ok((data, parts))
}

/// The signed part of a BasicOCSPResponse and what signs it.
pub struct BasicParts {
    pub tbs_der: Vec<u8>,
    pub signature_algorithm: spki::AlgorithmIdentifierOwned,
    pub signature: Vec<u8>,
    pub certs: Vec<Certificate>,
}

/// Verify an OCSPResponse about `cert`, issued by `issuer`.
pub fn verify(
    der: &[u8],
    cert: &Certificate,
    issuer: &Certificate,
    check: &OcspCheck,
) -> Result<VerifiedOcsp, OcspError> {
    let (data, parts) = parse(der)?;
    if data.version != 0 {
        return Err(OcspError::Unsupported(format!("response version {}", data.version)));
    }

    // Who signed, and may they?
    let candidates: Vec<&Certificate> =
        std::iter::once(issuer).chain(parts.certs.iter()).chain(check.extra_certs.iter()).collect();
    let responder_cert =
        candidates.into_iter().find(|c| names_responder(&data.responder_id, c)).ok_or(OcspError::ResponderNotFound)?;
    let produced_at = data.produced_at.unix;
    let responder = authorise(responder_cert, issuer, produced_at)?;

    let scheme = SigScheme::from_algorithm_identifier(&parts.signature_algorithm)
        .ok_or_else(|| OcspError::Unsupported(format!("signature algorithm {}", parts.signature_algorithm.oid)))?;
    match crypto::verify_message(
        responder_cert.tbs_certificate().subject_public_key_info(),
        scheme,
        pss_salt_len(&parts.signature_algorithm),
        &parts.tbs_der,
        &parts.signature,
    ) {
        Ok(()) => {}
        Err(crypto::SigCheck::Bad) => return Err(OcspError::BadSignature),
        Err(crypto::SigCheck::Unsupported(d)) => return Err(OcspError::Unsupported(d)),
    }

    // The status of this certificate.
    let serial = cert.tbs_certificate().serial_number();
    let single = data
        .responses
        .iter()
        .find(|s| s.cert_id.serial_number == *serial && id_matches_issuer(&s.cert_id, issuer))
        .ok_or(OcspError::NoMatchingResponse)?;
    let state = match &single.cert_status {
        CertStatus::Good(_) => CertState::Good,
        CertStatus::Unknown(_) => CertState::Unknown,
        CertStatus::Revoked(r) => {
            CertState::Revoked { time: r.revocation_time.unix, reason: r.revocation_reason.map(|c| c as u32) }
        }
    };
    let this_update = single.this_update.unix;
    let next_update = single.next_update.map(|t| t.unix);
    if this_update > check.at + check.skew {
        return Err(OcspError::NotYetValid { this_update: time::rfc3339(this_update), at: time::rfc3339(check.at) });
    }
    let expiry = next_update.or(check.max_age.map(|m| this_update + m));
    if let Some(next) = expiry
        && check.at > next + check.skew
    {
        return Err(OcspError::Stale { next_update: time::rfc3339(next), at: time::rfc3339(check.at) });
    }

    let echoed = data
        .response_extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == oids::OCSP_NONCE)
        .map(super::request::nonce_value);
    let nonce_matched = match (check.nonce, echoed) {
        (Some(sent), Some(got)) if got == sent => true,
        (Some(_), Some(_)) => return Err(OcspError::NonceMismatch),
        _ => false,
    };

    Ok(VerifiedOcsp {
        der: crate::cms::tlv::read(der).map(|(t, _)| t.full.to_vec()).unwrap_or_else(|| der.to_vec()),
        state,
        produced_at,
        this_update,
        next_update,
        responder,
        responder_cert: responder_cert.clone(),
        certificates: parts.certs,
        nonce_matched,
    })
}

/// Does the ResponderID name this certificate?
fn names_responder(id: &ResponderId, cert: &Certificate) -> bool {
    match id {
        ResponderId::ByName(n) => n == cert.tbs_certificate().subject(),
        ResponderId::ByKey(h) => h.as_bytes() == super::issuer_key_hash(cert, DigestAlg::Sha1),
    }
}

/// RFC 6960 §4.2.2.2: the CA itself, or a certificate the CA issued with id-kp-OCSPSigning,
/// valid when the response was produced.
fn authorise(responder: &Certificate, issuer: &Certificate, produced_at: i64) -> Result<ResponderKind, OcspError> {
    let rt = responder.tbs_certificate();
    let it = issuer.tbs_certificate();
    let name = || dn::to_string(rt.subject());
    if rt.subject_public_key_info() == it.subject_public_key_info() && rt.subject() == it.subject() {
        return Ok(ResponderKind::Ca);
    }
    let issued_by_ca =
        rt.issuer() == it.subject() && crypto::verify_certificate(responder, it.subject_public_key_info()).is_ok();
    if !issued_by_ca {
        return Err(OcspError::NotAuthorised(format!("{} (not issued by the certificate's CA)", name())));
    }
    match rt.get_extension::<ExtendedKeyUsage>() {
        Ok(Some((_, eku))) if eku.0.contains(&oids::EKU_OCSP_SIGNING) => {}
        _ => return Err(OcspError::NotAuthorised(format!("{} (no id-kp-OCSPSigning)", name()))),
    }
    if let Ok(Some((_, ku))) = rt.get_extension::<KeyUsage>()
        && !ku.0.contains(KeyUsages::DigitalSignature)
        && !ku.0.contains(KeyUsages::NonRepudiation)
    {
        return Err(OcspError::NotAuthorised(format!("{} (key usage does not allow signing)", name())));
    }
    let nb = time::unix(&rt.validity().not_before);
    let na = time::unix(&rt.validity().not_after);
    if produced_at + CLOCK_SKEW < nb || produced_at > na + CLOCK_SKEW {
        return Err(OcspError::NotAuthorised(format!(
            "{} (valid {} to {}, the response was produced {})",
            name(),
            time::rfc3339(nb),
            time::rfc3339(na),
            time::rfc3339(produced_at)
        )));
    }
    let nocheck = rt.extensions().is_some_and(|exts| exts.iter().any(|e| e.extn_id == oids::OCSP_NOCHECK));
    Ok(ResponderKind::Delegated { nocheck })
}
