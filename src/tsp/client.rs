//! A time-stamping client for signing: one TSA URL, its optional pinned certificates,
//! a timeout, and a size estimate of its tokens (so that a PDF's `/Contents`
//! placeholder can be sized before the token exists).

use std::sync::OnceLock;
use std::time::Duration;

use x509_cert::Certificate;

use super::TspError;
use super::asn1::Imprint;
use super::request::{build_request, new_nonce};
use super::token::{TokenCheck, VerifiedToken, verify_response};
use crate::http::client::{self, Limits};
use crate::pki::alg::DigestAlg;

/// Extra room for a token's size varying between two requests (serial number, genTime
/// fraction, nonce length).
pub const TOKEN_SIZE_MARGIN: usize = 256;

/// A TSA to ask for time-stamps.
#[derive(Debug)]
pub struct TsaClient {
    pub url: String,
    /// `--tsa-cert`: the TSA's certificate(s). When given, a token must be signed by one
    /// of them (a pin); they also serve tokens that do not embed the TSA certificate.
    pub certs: Vec<Certificate>,
    pub timeout: Duration,
    /// The size of a token from this TSA, learnt from the first one asked for.
    estimate: OnceLock<usize>,
}

impl TsaClient {
    pub fn new(url: impl Into<String>, certs: Vec<Certificate>, timeout: Duration) -> TsaClient {
        TsaClient { url: url.into(), certs, timeout, estimate: OnceLock::new() }
    }

    /// Ask for a time-stamp of `imprint` with a fresh nonce; the token is verified
    /// (status, imprint, nonce, signature, signed attributes, TSA certificate usage) and,
    /// with pinned certificates, signed by one of them.
    pub fn stamp(&self, imprint: &Imprint) -> Result<VerifiedToken, TspError> {
        let nonce = new_nonce()?;
        let req = build_request(imprint, Some(&nonce), None)?;
        let reply = client::post(
            &self.url,
            "application/timestamp-query",
            "application/timestamp-reply",
            &req,
            Limits::SMALL.with_timeout(self.timeout),
        )?;
        let check =
            TokenCheck { imprint: Some(imprint), nonce: Some(&nonce), extra_certs: &self.certs, ..Default::default() };
        let token = verify_response(&reply.body, &check)?;
        if !self.certs.is_empty() && !self.certs.contains(&token.tsa_cert) {
            return Err(TspError::TsaCertificate(
                "the token is signed by a certificate other than the one given with --tsa-cert".into(),
            ));
        }
        let _ = self.estimate.set(token.der.len());
        Ok(token)
    }

    /// The DER size to reserve for one token with `alg` imprints: learnt from a token
    /// already received, or from a throw-away request (a digest of nothing) the first
    /// time; plus [`TOKEN_SIZE_MARGIN`].
    pub fn size_estimate(&self, alg: DigestAlg) -> Result<usize, TspError> {
        if let Some(n) = self.estimate.get() {
            return Ok(n + TOKEN_SIZE_MARGIN);
        }
        let t = self.stamp(&Imprint::of(alg, b""))?;
        Ok(t.der.len() + TOKEN_SIZE_MARGIN)
    }
}
