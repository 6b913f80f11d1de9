//! OCSP requests (RFC 6960 §4.1): building one, and reading one on the responder side.

use base64::Engine;
use der::asn1::OctetString;
use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::ext::Extension;

use super::OcspError;
use super::asn1::{OcspRequest, Request, TbsRequest};
use crate::pki::alg::DigestAlg;
use crate::pki::oids;

/// 16 random bytes (RFC 8954 allows 1 to 32; OpenSSL sends 16).
pub fn new_nonce() -> Result<Vec<u8>, OcspError> {
    let mut b = vec![0u8; 16];
    getrandom::fill(&mut b).map_err(|e| OcspError::Unsupported(format!("no randomness: {e}")))?;
    Ok(b)
}

/// The nonce extension: its value is the DER OCTET STRING of the nonce (RFC 8954).
pub fn nonce_extension(nonce: &[u8]) -> Result<Extension, OcspError> {
    Ok(Extension {
        extn_id: oids::OCSP_NONCE,
        critical: false,
        extn_value: OctetString::new(OctetString::new(nonce)?.to_der()?)?,
    })
}

/// The nonce an extension carries: the OCTET STRING's content, or (from old responders
/// that put it bare) the whole value.
pub fn nonce_value(ext: &Extension) -> Vec<u8> {
    let raw = ext.extn_value.as_bytes();
    match OctetString::from_der(raw) {
        Ok(o) => o.as_bytes().to_vec(),
        Err(_) => raw.to_vec(),
    }
}

/// A DER OCSPRequest for `cert`, unsigned, with a nonce if given.
pub fn build(
    cert: &Certificate,
    issuer: &Certificate,
    alg: DigestAlg,
    nonce: Option<&[u8]>,
) -> Result<Vec<u8>, OcspError> {
    let req = OcspRequest {
        tbs_request: TbsRequest {
            version: 0,
            requestor_name: None,
            request_list: vec![Request {
                req_cert: super::cert_id(cert, issuer, alg)?,
                single_request_extensions: None,
            }],
            request_extensions: match nonce {
                Some(n) => Some(vec![nonce_extension(n)?]),
                None => None,
            },
        },
        optional_signature: None,
    };
    Ok(req.to_der()?)
}

/// `URL/` + the URL-encoded base64 of the request (RFC 6960 A.1.1).
pub fn get_url(base: &str, req_der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(req_der);
    let enc = b64.replace('%', "%25").replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
    format!("{}/{enc}", base.trim_end_matches('/'))
}

/// Read a request (responder side).
pub fn parse(der: &[u8]) -> Result<OcspRequest, OcspError> {
    let req = OcspRequest::from_der(der)?;
    if req.tbs_request.version != 0 {
        return Err(OcspError::Unsupported(format!("request version {}", req.tbs_request.version)));
    }
    if req.tbs_request.request_list.is_empty() {
        return Err(OcspError::Malformed("the request asks about no certificate".into()));
    }
    Ok(req)
}

/// The nonce of a request, if it has one.
pub fn request_nonce(req: &OcspRequest) -> Option<&Extension> {
    req.tbs_request.request_extensions.iter().flatten().find(|e| e.extn_id == oids::OCSP_NONCE)
}
