//! Revocation: RFC 6960 OCSP and RFC 5280 CRLs — building them for a CA made by kyso,
//! reading and verifying them, and fetching them over HTTP.
//!
//! - [`ocsp`]: requests, responses (verified: responder authorised by the CA or the CA
//!   itself, certID match, thisUpdate/nextUpdate freshness, nonce), the responder side,
//!   and [`ocsp::fetch`].
//! - [`crl`]: CRLs built from the CA database ([`crate::pki::cadb`]), parsed, verified
//!   (issuer, signature, cRLSign, freshness, critical extensions) and fetched from a CDP.
//! - [`gather`]: a certificate's chain and current revocation data for long-term
//!   signatures (B-LT), from files or fetched from AIA/CDP.
//! - [`urls`]: the AIA (OCSP, caIssuers) and CRL distribution point URLs a certificate names.
//!
//! Owns: revocation data and its checks; what a revocation status means for a signature
//! (proof of existence, validation time) is the validation layer's. May import
//! [`crate::pki`], [`crate::verify::crypto`] and [`crate::http`].

pub mod crl;
pub mod error;
pub mod gather;
pub mod ocsp;
pub mod urls;

/// Tolerated clock difference between this machine and a responder or CRL issuer.
pub const CLOCK_SKEW: i64 = 300;
