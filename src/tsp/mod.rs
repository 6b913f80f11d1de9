//! RFC 3161 time-stamping (with RFC 5816's ESSCertIDv2): requests, responses, tokens.
//!
//! - [`asn1`]: TimeStampReq, TimeStampResp, TSTInfo, Accuracy (the `der` derive).
//! - [`token`]: reading a time-stamp token (a CMS SignedData over a TSTInfo) and
//!   verifying it: message imprint, nonce, the CMS signature and its signed attributes
//!   (contentType, messageDigest, ESS signing-certificate), the TSA certificate's
//!   critical id-kp-timeStamping EKU and validity at genTime, accuracy.
//! - [`request`]: building a request and [`request::request`], the client that sends it
//!   over HTTP and returns a verified token.
//! - [`responder`]: the TSA side, as `kyso pki serve` runs it.
//! - [`client`]: [`client::TsaClient`], what signing at level T and document
//!   time-stamps ask (nonce, pinned TSA certificate, token size estimate).
//!
//! Trust in the TSA's certificate chain is the caller's decision (a verified token
//! carries the TSA certificate and the certificates it embeds).
//!
//! Owns: RFC 3161 structures and checks. May import [`crate::pki`], [`crate::cms`]
//! (build and parse), [`crate::verify::crypto`] and [`crate::http`].

pub mod asn1;
pub mod client;
pub mod request;
pub mod responder;
pub mod token;

pub use asn1::Imprint;
pub use client::TsaClient;
pub use request::{new_nonce, request};
pub use token::{TokenCheck, VerifiedToken, verify_response, verify_token};

use crate::http::HttpError;

/// Why a time-stamp could not be obtained or is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TspError {
    #[error("time-stamp service: {0}")]
    Http(#[from] HttpError),
    #[error("malformed time-stamp response or token: {0}")]
    Malformed(String),
    #[error("the time-stamp service refused the request: status {status} ({text})")]
    Rejected { status: u32, text: String },
    #[error("the time-stamp token's signer certificate is not in the token (and was not given)")]
    SignerNotFound,
    #[error("the time-stamp token's signature does not verify")]
    BadSignature,
    #[error("the time-stamp token's signed attributes are wrong: {0}")]
    SignedAttributes(String),
    #[error("the TSA certificate cannot sign time-stamps: {0}")]
    TsaCertificate(String),
    #[error("the time-stamp covers other data (message imprint mismatch)")]
    ImprintMismatch,
    #[error("the time-stamp's nonce is not the one sent")]
    NonceMismatch,
    #[error("the time-stamp's policy {found} is not the one requested ({wanted})")]
    PolicyMismatch { wanted: String, found: String },
    #[error("unsupported in a time-stamp: {0}")]
    Unsupported(String),
}

impl From<der::Error> for TspError {
    fn from(e: der::Error) -> Self {
        TspError::Malformed(e.to_string())
    }
}
