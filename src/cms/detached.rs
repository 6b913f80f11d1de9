//! Detached CAdES B-B signatures of any file (`FILE.p7s`).

use std::io::Read;

use super::build::{self, CmsOptions};
use crate::error::{Error, Result};
use crate::pki::alg::{DigestAlg, digest_reader};
use crate::pki::identity::SigningIdentity;

/// Sign the content read from `content` (streamed: memory does not grow with its size).
/// Returns the DER ContentInfo. One hash pass and one private-key operation; with a
/// TSA, a signature time-stamp is added (CAdES B-T).
pub fn sign(
    content: impl Read,
    id: &SigningIdentity,
    digest: DigestAlg,
    pss: bool,
    signing_time: i64,
    tsa: Option<&crate::tsp::TsaClient>,
) -> Result<Vec<u8>> {
    let digests = digest_reader(content, &[digest]).map_err(Error::ReadContent)?;
    let content_digest = &digests[0].1;
    let opts = CmsOptions { digest, scheme: id.signer.scheme(digest, pss), signing_time: Some(signing_time) };
    let prepared = build::prepare(&id.cert, &id.chain, content_digest, opts)?;
    Ok(super::timestamp::sign(&prepared, id.signer.as_ref(), tsa)?.0)
}
