//! The TSA side of RFC 3161: a request in, a `TimeStampResp` out. Used by
//! `kyso pki serve`; the token is a CMS SignedData made by [`crate::cms::build`].

use der::asn1::{Any, BitString, Int};
use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::ext::pkix::name::GeneralName;

use super::asn1::{Accuracy, GenTime, PkiStatusInfo, TimeStampReq, TimeStampResp, TstInfo};
use crate::cms::build::{self, CmsOptions};
use crate::pki::alg::DigestAlg;
use crate::pki::oids;
use crate::pki::signer::Signer;

/// A time-stamping authority: its certificate, issuers to embed, key and policy.
pub struct Tsa {
    pub cert: Certificate,
    /// The TSA certificate's issuers, embedded after it when the request asks (certReq).
    pub chain: Vec<Certificate>,
    pub signer: Box<dyn Signer>,
    pub policy: const_oid::ObjectIdentifier,
    /// The digest of the token's own signature.
    pub digest: DigestAlg,
    pub accuracy: Accuracy,
}

/// Why a request is refused, as PKIFailureInfo bits (RFC 3161 §2.4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    BadAlg = 0,
    BadRequest = 2,
    BadDataFormat = 5,
    UnacceptedPolicy = 15,
    UnacceptedExtension = 16,
    SystemFailure = 25,
}

impl Tsa {
    /// Answer one DER request at time `now`; always a DER `TimeStampResp` (a refusal
    /// carries the reason).
    pub fn respond(&self, request_der: &[u8], now: GenTime) -> Vec<u8> {
        let (status, token) = match self.token(request_der, now) {
            Ok(t) => (PkiStatusInfo { status: 0, status_string: None, fail_info: None }, Some(t)),
            Err((failure, text)) => (rejection(failure, &text), None),
        };
        let resp = TimeStampResp { status, time_stamp_token: token };
        resp.to_der().unwrap_or_else(|_| {
            // Only a token that cannot be encoded gets here: say so without one.
            let resp = TimeStampResp { status: rejection(Failure::SystemFailure, "encoding"), time_stamp_token: None };
            resp.to_der().unwrap_or_default()
        })
    }

    fn token(&self, request_der: &[u8], now: GenTime) -> Result<Any, (Failure, String)> {
        let req = TimeStampReq::from_der(request_der)
            .map_err(|e| (Failure::BadDataFormat, format!("not a TimeStampReq: {e}")))?;
        if req.version != 1 {
            return Err((Failure::BadRequest, format!("version {}", req.version)));
        }
        let alg = &req.message_imprint.hash_algorithm;
        let digest = DigestAlg::from_oid(&alg.oid)
            .filter(|d| *d != DigestAlg::Sha1)
            .ok_or_else(|| (Failure::BadAlg, format!("hash algorithm {} is not accepted", alg.oid)))?;
        if req.message_imprint.hashed_message.as_bytes().len() != digest.output_len() {
            return Err((Failure::BadDataFormat, "the hash length does not match its algorithm".into()));
        }
        if let Some(p) = req.req_policy
            && p != self.policy
        {
            return Err((
                Failure::UnacceptedPolicy,
                format!("policy {p} is not offered; this TSA uses {}", self.policy),
            ));
        }
        if req.extensions.as_ref().is_some_and(|e| !e.is_empty()) {
            return Err((Failure::UnacceptedExtension, "no request extensions are supported".into()));
        }
        let sys = |e: String| (Failure::SystemFailure, e);
        let tst = TstInfo {
            version: 1,
            policy: self.policy,
            message_imprint: req.message_imprint.clone(),
            serial_number: random_serial().map_err(sys)?,
            gen_time: now,
            accuracy: Some(self.accuracy.clone()),
            ordering: false,
            nonce: req.nonce.clone(),
            tsa: Some(GeneralName::DirectoryName(self.cert.tbs_certificate().subject().clone())),
            extensions: None,
        };
        let tst_der = tst.to_der().map_err(|e| sys(e.to_string()))?;
        let certs: &[Certificate] = if req.cert_req { &self.chain } else { &[] };
        let opts =
            CmsOptions { digest: self.digest, scheme: self.signer.scheme(self.digest, false), signing_time: None };
        let prepared = build::prepare_encapsulated(&self.cert, certs, oids::CT_TST_INFO, &tst_der, opts)
            .map_err(|e| sys(e.to_string()))?;
        let mut token = prepared.sign(self.signer.as_ref()).map_err(|e| sys(e.to_string()))?;
        if !req.cert_req {
            token = strip_certificates(&token).map_err(sys)?;
        }
        Any::from_der(&token).map_err(|e| sys(e.to_string()))
    }
}

/// Without certReq the token carries no certificates (RFC 3161 §2.4.1).
fn strip_certificates(token: &[u8]) -> Result<Vec<u8>, String> {
    use cms::content_info::ContentInfo;
    use cms::signed_data::SignedData;
    let e = |e: der::Error| e.to_string();
    let ci = ContentInfo::from_der(token).map_err(e)?;
    let mut sd: SignedData = ci.content.decode_as().map_err(e)?;
    sd.certificates = None;
    let ci =
        ContentInfo { content_type: ci.content_type, content: Any::from_der(&sd.to_der().map_err(e)?).map_err(e)? };
    ci.to_der().map_err(e)
}

fn rejection(f: Failure, text: &str) -> PkiStatusInfo {
    let bit = f as usize;
    let mut bytes = vec![0u8; bit / 8 + 1];
    bytes[bit / 8] = 0x80 >> (bit % 8);
    PkiStatusInfo {
        status: 2,
        status_string: Some(vec![text.to_string()]),
        fail_info: BitString::new((7 - bit % 8) as u8, bytes).ok(),
    }
}

/// A positive random 128-bit serial number (unique without keeping state).
fn random_serial() -> Result<Int, String> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| format!("no randomness: {e}"))?;
    b[0] = (b[0] & 0x7f).max(1);
    Int::new(&b).map_err(|e| e.to_string())
}
