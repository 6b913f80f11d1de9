//! The responder side of OCSP: answers from a CA's database ([`crate::pki::cadb`]), as
//! `kyso pki serve` runs it.

use der::asn1::{BitString, Null, OctetString};
use der::{Decode, Encode};
use x509_cert::Certificate;

use super::asn1::{
    BasicOcspResponse, CertStatus, OcspResponse, ResponderId, ResponseBytes, ResponseData, ResponseStatus, RevokedInfo,
    SingleResponse,
};
use super::{id_matches_issuer, request};
use crate::pki::alg::DigestAlg;
use crate::pki::cadb::{CaDb, RevocationReason};
use crate::pki::oids;
use crate::pki::signer::Signer;
use crate::pki::time::GenTime;

/// One CA this responder answers for.
pub struct Authority<'a> {
    /// The CA whose certificates are asked about.
    pub ca: &'a Certificate,
    /// What it issued and revoked.
    pub db: &'a CaDb,
    /// The signer: the CA itself, or a delegated responder (id-kp-OCSPSigning).
    pub signer_cert: &'a Certificate,
    pub signer: &'a dyn Signer,
    /// Seconds from thisUpdate to nextUpdate.
    pub validity: i64,
}

/// Answer a DER OCSPRequest at time `now` (Unix seconds); always a DER OCSPResponse.
/// A request about a CA not in `authorities` is `unauthorized` (RFC 6960 §2.3).
pub fn respond(request_der: &[u8], authorities: &[Authority], now: i64) -> Vec<u8> {
    let status_only = |s: ResponseStatus| {
        OcspResponse { response_status: s, response_bytes: None }
            .to_der()
            .unwrap_or_else(|_| vec![0x30, 0x03, 0x0a, 0x01, 0x02])
    };
    let Ok(req) = request::parse(request_der) else {
        return status_only(ResponseStatus::MalformedRequest);
    };
    let list = &req.tbs_request.request_list;
    let Some(auth) = authorities.iter().find(|a| id_matches_issuer(&list[0].req_cert, a.ca)) else {
        return status_only(ResponseStatus::Unauthorized);
    };
    if !list.iter().all(|r| id_matches_issuer(&r.req_cert, auth.ca)) {
        // One signature covers the whole response: every certificate must be this CA's.
        return status_only(ResponseStatus::Unauthorized);
    }
    let nonce = request::request_nonce(&req).cloned();
    match sign_response(auth, list.iter().map(|r| r.req_cert.clone()).collect(), nonce, now) {
        Ok(der) => der,
        Err(_) => status_only(ResponseStatus::InternalError),
    }
}

/// The status of `serial` at `now` from the database.
pub fn status_of(db: &CaDb, serial: &[u8], now: i64) -> CertStatus {
    match db.lookup(serial) {
        None => CertStatus::Unknown(Null),
        Some(e) => match e.revoked {
            Some((t, reason)) if t <= now => CertStatus::Revoked(RevokedInfo {
                revocation_time: GenTime::from_unix(t),
                revocation_reason: (reason != RevocationReason::Unspecified).then(|| reason.to_crl_reason()),
            }),
            _ => CertStatus::Good(Null),
        },
    }
}

/// Build and sign a successful response about `ids` (all of `auth`'s CA).
pub fn sign_response(
    auth: &Authority,
    ids: Vec<super::asn1::CertId>,
    nonce: Option<x509_cert::ext::Extension>,
    now: i64,
) -> Result<Vec<u8>, der::Error> {
    let responses = ids
        .into_iter()
        .map(|id| SingleResponse {
            cert_status: status_of(auth.db, id.serial_number.as_bytes(), now),
            cert_id: id,
            this_update: GenTime::from_unix(now),
            next_update: Some(GenTime::from_unix(now + auth.validity)),
            single_extensions: None,
        })
        .collect();
    let data = ResponseData {
        version: 0,
        responder_id: ResponderId::ByKey(OctetString::new(super::issuer_key_hash(auth.signer_cert, DigestAlg::Sha1))?),
        produced_at: GenTime::from_unix(now),
        responses,
        response_extensions: nonce.map(|n| vec![n]),
    };
    let tbs = data.to_der()?;
    let scheme = auth.signer.scheme(DigestAlg::Sha256, false);
    let signature = auth.signer.sign(scheme, &tbs).map_err(|_| der::Error::from(der::ErrorKind::Failed))?;
    let delegated = auth.signer_cert != auth.ca;
    let basic = BasicOcspResponse {
        tbs_response_data: ResponseData::from_der(&tbs)?,
        signature_algorithm: scheme.algorithm_identifier()?,
        signature: BitString::from_bytes(&signature)?,
        certs: delegated.then(|| vec![auth.signer_cert.clone()]),
    };
    OcspResponse {
        response_status: ResponseStatus::Successful,
        response_bytes: Some(ResponseBytes {
            response_type: oids::OCSP_BASIC,
            response: OctetString::new(basic.to_der()?)?,
        }),
    }
    .to_der()
}
