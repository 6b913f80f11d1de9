//! Attached (enveloping) CAdES B-B signatures: the SignedData carries the content, as the
//! `.p7m` files agencies and e-mail clients exchange. Read back by [`super::parse`] (the
//! content is [`super::parse::ParsedSignedData::econtent`]).

use super::build::{self, CmsOptions};
use crate::error::{Error, Result};
use crate::pki::alg::DigestAlg;
use crate::pki::identity::SigningIdentity;

/// Largest content kyso puts in an attached signature: the whole SignedData is built in
/// memory. Larger files get a detached `.p7s` (streamed).
pub const MAX_ATTACHED_CONTENT: usize = 256 << 20;

/// Sign `content` and carry it in the SignedData. Returns the DER ContentInfo; with a
/// TSA, a signature time-stamp is added (CAdES B-T).
pub fn sign(
    content: Vec<u8>,
    id: &SigningIdentity,
    digest: DigestAlg,
    pss: bool,
    signing_time: i64,
    tsa: Option<&crate::tsp::TsaClient>,
) -> Result<Vec<u8>> {
    if content.len() > MAX_ATTACHED_CONTENT {
        return Err(Error::ContentTooLarge { limit: MAX_ATTACHED_CONTENT });
    }
    let content_digest = digest.digest(&content);
    let opts = CmsOptions { digest, scheme: id.signer.scheme(digest, pss), signing_time: Some(signing_time) };
    let prepared = build::prepare(&id.cert, &id.chain, &content_digest, opts)?.attach(content);
    Ok(super::timestamp::sign(&prepared, id.signer.as_ref(), tsa)?.0)
}
