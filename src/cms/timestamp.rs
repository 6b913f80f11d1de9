//! CAdES B-T (ETSI EN 319 122-1 §5.3): the signature-time-stamp, an unsigned attribute
//! (`id-aa-signatureTimeStampToken`, RFC 3161 Appendix A) holding an RFC 3161 token over
//! the SignerInfo's signature value. The token comes from a [`TsaClient`].

use der::asn1::Any;
use der::{Decode, Tag};
use x509_cert::attr::Attribute;

use super::CmsError;
use super::build::{Prepared, attribute};
use crate::error::{Error, Result};
use crate::pki::oids;
use crate::pki::signer::Signer;
use crate::tsp::{Imprint, TsaClient, VerifiedToken};

/// The unsigned attribute carrying `token_der` (a DER ContentInfo).
pub fn signature_time_stamp(token_der: &[u8]) -> std::result::Result<Attribute, CmsError> {
    attribute(oids::ATTR_TIMESTAMP_TOKEN, Any::from_der(token_der)?)
}

/// The exact DER length of `prepared` signed with a `sig_len`-byte signature and, with a
/// TSA, a signature time-stamp of the size that TSA's tokens have (asked once).
pub fn reserve(prepared: &Prepared, sig_len: usize, tsa: Option<&TsaClient>) -> Result<usize> {
    let cms = Error::Cms;
    let Some(tsa) = tsa else {
        return prepared.encoded_len(sig_len).map_err(cms);
    };
    let size = tsa.size_estimate(prepared.digest()).map_err(Error::Tsp)?;
    let placeholder = Any::new(Tag::Sequence, vec![0u8; size]).map_err(|e| cms(e.into()))?;
    let attr = attribute(oids::ATTR_TIMESTAMP_TOKEN, placeholder).map_err(cms)?;
    prepared.encoded_len_with(sig_len, &[attr]).map_err(cms)
}

/// Sign (one private-key operation) and, with a TSA, add the signature time-stamp over
/// the signature value. Returns the DER ContentInfo and the token, if any.
pub fn sign(
    prepared: &Prepared,
    signer: &dyn Signer,
    tsa: Option<&TsaClient>,
) -> Result<(Vec<u8>, Option<VerifiedToken>)> {
    let cms = Error::Cms;
    let sig = prepared.signature(signer).map_err(cms)?;
    let Some(tsa) = tsa else {
        return Ok((prepared.assemble(&sig).map_err(cms)?, None));
    };
    let token = tsa.stamp(&Imprint::of(prepared.digest(), &sig)).map_err(Error::Tsp)?;
    let attr = signature_time_stamp(&token.der).map_err(cms)?;
    Ok((prepared.assemble_with(&sig, &[attr]).map_err(cms)?, Some(token)))
}
