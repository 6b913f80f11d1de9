//! RFC 6960 OCSP: requests, verified responses, the responder side, and fetching.
//!
//! - [`asn1`]: the protocol's ASN.1 (`der` derive).
//! - [`request`]: building requests ([`request::build`]) and reading them (responder side).
//! - [`response`]: reading and verifying responses ([`response::verify`]).
//! - [`responder`]: answering requests from a CA database, as `kyso pki serve` does.
//!
//! [`fetch`] asks a responder over HTTP (POST, or GET as RFC 6960 A.1 allows) with a
//! nonce, a timeout and a size cap, and returns the verified answer.

pub mod asn1;
pub mod request;
pub mod responder;
pub mod response;

use std::time::Duration;

use der::Encode;
use der::asn1::OctetString;
use x509_cert::Certificate;

pub use response::{CertState, OcspCheck, ResponderKind, VerifiedOcsp, verify};

use crate::http::HttpError;
use crate::http::client::{self, Limits};
use crate::pki::alg::DigestAlg;

/// Why an OCSP answer could not be had or is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OcspError {
    #[error("OCSP responder: {0}")]
    Http(#[from] HttpError),
    #[error("malformed OCSP response: {0}")]
    Malformed(String),
    #[error("the OCSP responder answered \"{0}\"")]
    Status(&'static str),
    #[error("the OCSP response has no status for this certificate (certID mismatch)")]
    NoMatchingResponse,
    #[error("the OCSP response's signer certificate is not in the response")]
    ResponderNotFound,
    #[error("the OCSP response is signed by \"{0}\", which the certificate's CA did not authorise")]
    NotAuthorised(String),
    #[error("the OCSP response's signature does not verify")]
    BadSignature,
    #[error("the OCSP response is stale: its nextUpdate {next_update} is before {at}")]
    Stale { next_update: String, at: String },
    #[error("the OCSP response is from the future: thisUpdate {this_update} is after {at}")]
    NotYetValid { this_update: String, at: String },
    #[error("the OCSP response's nonce is not the one sent")]
    NonceMismatch,
    #[error("unsupported in OCSP: {0}")]
    Unsupported(String),
}

impl From<der::Error> for OcspError {
    fn from(e: der::Error) -> Self {
        OcspError::Malformed(e.to_string())
    }
}

/// The CertID of `cert` issued by `issuer` (RFC 6960 §4.1.1): hashes of the issuer's
/// name (as the certificate writes it) and of the issuer's public key, and the serial.
pub fn cert_id(cert: &Certificate, issuer: &Certificate, alg: DigestAlg) -> Result<asn1::CertId, OcspError> {
    let tbs = cert.tbs_certificate();
    Ok(asn1::CertId {
        hash_algorithm: alg.algorithm_identifier(),
        issuer_name_hash: OctetString::new(alg.digest(&tbs.issuer().to_der()?))?,
        issuer_key_hash: OctetString::new(issuer_key_hash(issuer, alg))?,
        serial_number: tbs.serial_number().clone(),
    })
}

/// The hash of a CA's public key as CertID and ResponderID byKey use it: over the value
/// of the subjectPublicKey BIT STRING.
pub fn issuer_key_hash(issuer: &Certificate, alg: DigestAlg) -> Vec<u8> {
    alg.digest(issuer.tbs_certificate().subject_public_key_info().subject_public_key.raw_bytes())
}

/// Does `id` name a certificate issued by `ca` (name and key hashes, whatever the
/// CertID's hash algorithm)?
pub fn id_matches_issuer(id: &asn1::CertId, ca: &Certificate) -> bool {
    let Some(alg) = DigestAlg::from_oid(&id.hash_algorithm.oid) else {
        return false;
    };
    let Ok(name) = ca.tbs_certificate().subject().to_der() else {
        return false;
    };
    id.issuer_name_hash.as_bytes() == alg.digest(&name) && id.issuer_key_hash.as_bytes() == issuer_key_hash(ca, alg)
}

/// How to ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchOptions {
    pub timeout: Duration,
    /// GET (RFC 6960 A.1, cacheable) instead of POST.
    pub get: bool,
    /// Send a nonce (RFC 8954) and require it back when the responder echoes one.
    pub nonce: bool,
    /// The CertID hash: SHA-1 is what every responder understands (RFC 5019 §2.1.1).
    pub cert_id_hash: DigestAlg,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions { timeout: Limits::SMALL.timeout, get: false, nonce: true, cert_id_hash: DigestAlg::Sha1 }
    }
}

/// Ask the responder at `url` about `cert` (issued by `issuer`) and return the verified
/// answer, judged fresh now. Never waits longer than `timeout`.
pub fn fetch(
    url: &str,
    cert: &Certificate,
    issuer: &Certificate,
    timeout: Duration,
) -> Result<VerifiedOcsp, OcspError> {
    fetch_with(url, cert, issuer, &FetchOptions { timeout, ..FetchOptions::default() })
}

/// [`fetch`] with every option.
pub fn fetch_with(
    url: &str,
    cert: &Certificate,
    issuer: &Certificate,
    opts: &FetchOptions,
) -> Result<VerifiedOcsp, OcspError> {
    let nonce = if opts.nonce { Some(request::new_nonce()?) } else { None };
    let req = request::build(cert, issuer, opts.cert_id_hash, nonce.as_deref())?;
    let limits = Limits::SMALL.with_timeout(opts.timeout);
    let reply = if opts.get {
        client::get(&request::get_url(url, &req), "application/ocsp-response", limits)?
    } else {
        client::post(url, "application/ocsp-request", "application/ocsp-response", &req, limits)?
    };
    let check = OcspCheck { nonce: nonce.as_deref(), ..OcspCheck::at(crate::pki::time::now_unix()) };
    verify(&reply.body, cert, issuer, &check)
}
