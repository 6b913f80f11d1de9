//! CMS `SignedData` (RFC 5652) with CAdES B-B signed attributes (ETSI EN 319 122-1).
//!
//! - [`ess`]: the ESS signing-certificate(-v2) attributes (RFC 2634, RFC 5035).
//! - [`build`]: a detached SignedData whose exact size is known before signing.
//! - [`ber`]: BER reading and conversion to DER (indefinite lengths, chunked strings).
//! - [`parse`]: a SignedData read back (DER, BER, PEM), keeping the signed-attribute
//!   bytes as they were, with their DER re-encodings.
//! - [`tlv`]: an element's extent in DER or BER input.
//! - [`attached`]: attached (enveloping) signatures that carry their content.
//! - [`timestamp`]: CAdES B-T, the signature-time-stamp unsigned attribute.
//! - [`ltv`]: CAdES B-LT, validation data added to a SignedData (and a signature
//!   time-stamp to an existing SignerInfo) without touching what is signed.

pub mod attached;
pub mod ber;
pub mod build;
pub mod detached;
pub mod ess;
pub mod ltv;
pub mod parse;
pub mod timestamp;
pub mod tlv;

/// Why a CMS structure could not be built or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CmsError {
    #[error("not a CMS SignedData: {0}")]
    Malformed(String),
    #[error("CMS encoding failed: {0}")]
    Encode(String),
    #[error("signing failed: {0}")]
    Sign(String),
}

impl From<der::Error> for CmsError {
    fn from(e: der::Error) -> Self {
        CmsError::Malformed(e.to_string())
    }
}
