//! The ASN.1 of RFC 3161 (with RFC 5816), written with the `der` derive: RustCrypto's
//! `x509-tsp` 0.1 is built on `der` 0.7 and `cms` 0.2, not the `der` 0.8 / `cms` 0.3
//! tree kyso uses.

use const_oid::ObjectIdentifier as Oid;
use der::Sequence;
use der::asn1::{BitString, Int, OctetString};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::name::GeneralName;

pub use crate::pki::time::GenTime;

/// `MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }`
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct MessageImprint {
    pub hash_algorithm: AlgorithmIdentifierOwned,
    pub hashed_message: OctetString,
}

/// ```text
/// TimeStampReq ::= SEQUENCE {
///    version        INTEGER { v1(1) },
///    messageImprint MessageImprint,
///    reqPolicy      TSAPolicyId OPTIONAL,
///    nonce          INTEGER OPTIONAL,
///    certReq        BOOLEAN DEFAULT FALSE,
///    extensions     [0] IMPLICIT Extensions OPTIONAL }
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct TimeStampReq {
    pub version: u8,
    pub message_imprint: MessageImprint,
    #[asn1(optional = "true")]
    pub req_policy: Option<Oid>,
    #[asn1(optional = "true")]
    pub nonce: Option<Int>,
    #[asn1(default = "Default::default")]
    pub cert_req: bool,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub extensions: Option<Vec<Extension>>,
}

/// ```text
/// PKIStatusInfo ::= SEQUENCE {
///    status       PKIStatus,                 -- INTEGER
///    statusString PKIFreeText OPTIONAL,      -- SEQUENCE OF UTF8String
///    failInfo     PKIFailureInfo OPTIONAL }  -- BIT STRING
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct PkiStatusInfo {
    pub status: u32,
    #[asn1(optional = "true")]
    pub status_string: Option<Vec<String>>,
    #[asn1(optional = "true")]
    pub fail_info: Option<BitString>,
}

/// `TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }`;
/// the token (a CMS ContentInfo) is kept as its DER.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct TimeStampResp {
    pub status: PkiStatusInfo,
    #[asn1(optional = "true")]
    pub time_stamp_token: Option<der::asn1::Any>,
}

impl TimeStampResp {
    /// Decode, or `None` (for logs and reports that only peek).
    pub fn from_der_bytes(der: &[u8]) -> Option<TimeStampResp> {
        <TimeStampResp as der::Decode>::from_der(der).ok()
    }
}

/// `Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] INTEGER (1..999) OPTIONAL,
/// micros [1] INTEGER (1..999) OPTIONAL }`
#[derive(Clone, Debug, Eq, PartialEq, Sequence, Default)]
pub struct Accuracy {
    #[asn1(optional = "true")]
    pub seconds: Option<u32>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub millis: Option<u16>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub micros: Option<u16>,
}

/// ```text
/// TSTInfo ::= SEQUENCE {
///    version        INTEGER { v1(1) },
///    policy         TSAPolicyId,
///    messageImprint MessageImprint,
///    serialNumber   INTEGER,
///    genTime        GeneralizedTime,
///    accuracy       Accuracy OPTIONAL,
///    ordering       BOOLEAN DEFAULT FALSE,
///    nonce          INTEGER OPTIONAL,
///    tsa            [0] GeneralName OPTIONAL,    -- a CHOICE: explicitly tagged
///    extensions     [1] IMPLICIT Extensions OPTIONAL }
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct TstInfo {
    pub version: u8,
    pub policy: Oid,
    pub message_imprint: MessageImprint,
    pub serial_number: Int,
    pub gen_time: GenTime,
    #[asn1(optional = "true")]
    pub accuracy: Option<Accuracy>,
    #[asn1(default = "Default::default")]
    pub ordering: bool,
    #[asn1(optional = "true")]
    pub nonce: Option<Int>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub tsa: Option<GeneralName>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub extensions: Option<Vec<Extension>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::{Decode, Encode};

    #[test]
    fn request_defaults_are_omitted() {
        let req = TimeStampReq {
            version: 1,
            message_imprint: MessageImprint {
                hash_algorithm: crate::pki::alg::DigestAlg::Sha256.algorithm_identifier(),
                hashed_message: OctetString::new(vec![1; 32]).unwrap(),
            },
            req_policy: None,
            nonce: None,
            cert_req: false,
            extensions: None,
        };
        let der = req.to_der().unwrap();
        assert_eq!(TimeStampReq::from_der(&der).unwrap(), req);
        assert!(!der.windows(3).any(|w| w == [0x01, 0x01, 0x00]), "certReq FALSE must be omitted");
    }
}

/// The digest a time-stamp is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imprint {
    pub alg: crate::pki::alg::DigestAlg,
    pub hash: Vec<u8>,
}

impl Imprint {
    /// The imprint of `data` with `alg`.
    pub fn of(alg: crate::pki::alg::DigestAlg, data: &[u8]) -> Imprint {
        Imprint { alg, hash: alg.digest(data) }
    }
}
