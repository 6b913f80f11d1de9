//! Building time-stamp requests and asking a TSA over HTTP (RFC 3161 §3.4).

use std::time::Duration;

use der::Encode;
use der::asn1::{Int, OctetString};

use super::TspError;
use super::asn1::{Imprint, MessageImprint, TimeStampReq};
use super::token::{TokenCheck, VerifiedToken, verify_response};
use crate::http::client::{self, Limits};

/// A random positive 64-bit nonce, as unsigned big-endian bytes with no leading zero.
pub fn new_nonce() -> Result<Vec<u8>, TspError> {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).map_err(|e| TspError::Unsupported(format!("no randomness: {e}")))?;
    b[0] = (b[0] & 0x7f).max(1);
    Ok(b.to_vec())
}

/// The DER TimeStampReq for `imprint`, asking for the TSA certificate (certReq).
pub fn build_request(
    imprint: &Imprint,
    nonce: Option<&[u8]>,
    policy: Option<const_oid::ObjectIdentifier>,
) -> Result<Vec<u8>, TspError> {
    if imprint.hash.len() != imprint.alg.output_len() {
        return Err(TspError::Malformed(format!(
            "a {} digest has {} bytes, not {}",
            imprint.alg.name(),
            imprint.alg.output_len(),
            imprint.hash.len()
        )));
    }
    let nonce = match nonce {
        Some(n) => Some(Int::new(&positive(n))?),
        None => None,
    };
    let req = TimeStampReq {
        version: 1,
        message_imprint: MessageImprint {
            hash_algorithm: imprint.alg.algorithm_identifier(),
            hashed_message: OctetString::new(imprint.hash.clone())?,
        },
        req_policy: policy,
        nonce,
        cert_req: true,
        extensions: None,
    };
    Ok(req.to_der()?)
}

/// Two's-complement bytes of an unsigned big-endian number (a leading 0 when the top bit is set).
fn positive(n: &[u8]) -> Vec<u8> {
    let start = n.iter().take_while(|&&b| b == 0).count().min(n.len().saturating_sub(1));
    let n = &n[start..];
    let mut v = Vec::with_capacity(n.len() + 1);
    if n.first().is_none_or(|b| b & 0x80 != 0) {
        v.push(0);
    }
    v.extend_from_slice(n);
    v
}

/// Ask the TSA at `url` (HTTP POST, `application/timestamp-query`) for a time-stamp of
/// `imprint`, with `nonce` if given, and return the token once verified: status granted,
/// imprint and nonce echoed, signature and TSA certificate usage checked. Never waits
/// longer than `timeout`.
pub fn request(
    url: &str,
    imprint: &Imprint,
    nonce: Option<&[u8]>,
    timeout: Duration,
) -> Result<VerifiedToken, TspError> {
    let req = build_request(imprint, nonce, None)?;
    let reply = client::post(
        url,
        "application/timestamp-query",
        "application/timestamp-reply",
        &req,
        Limits::SMALL.with_timeout(timeout),
    )?;
    let check = TokenCheck { imprint: Some(imprint), nonce, ..TokenCheck::default() };
    verify_response(&reply.body, &check)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::alg::DigestAlg;

    #[test]
    fn nonces_are_positive_integers() {
        for _ in 0..50 {
            let n = new_nonce().unwrap();
            assert_eq!(n.len(), 8);
            assert!(n[0] != 0 && n[0] < 0x80);
        }
        assert_eq!(positive(&[0x80]), vec![0, 0x80]);
        assert_eq!(positive(&[0, 0, 5]), vec![5]);
        assert_eq!(positive(&[]), vec![0]);
    }

    #[test]
    fn wrong_digest_length_is_refused() {
        let bad = Imprint { alg: DigestAlg::Sha256, hash: vec![0; 20] };
        assert!(build_request(&bad, None, None).is_err());
        let good = Imprint::of(DigestAlg::Sha256, b"x");
        assert!(build_request(&good, Some(&[1, 2]), None).is_ok());
    }
}
