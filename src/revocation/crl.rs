//! RFC 5280 CRLs: built from a kyso CA's database, read (PEM or DER, v1 or v2),
//! verified against their issuer, and fetched from a distribution point.
//!
//! The structures are written here with the `der` derive rather than taken from
//! `x509-cert`, whose `TbsCertList` requires the version field (absent in v1 CRLs) and
//! whose serial type refuses the over-long serials some CAs put in their lists; the
//! signature is checked over the `tbsCertList` bytes exactly as received.

use std::collections::HashMap;
use std::time::Duration;

use der::asn1::{AnyRef, BitString, OctetString, Uint};
use der::{Decode, Encode, Sequence};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::crl::dp::IssuingDistributionPoint;
use x509_cert::ext::pkix::{AuthorityKeyIdentifier, BasicConstraints, CrlReason, KeyUsage, KeyUsages};
use x509_cert::name::Name;
use x509_cert::time::Time;

use crate::http::client::{self, Limits};
use crate::pki::alg::{DigestAlg, SigScheme, pss_salt_len};
use crate::pki::cadb::{CaDb, RevocationReason, normalize_serial};
use crate::pki::signer::Signer;
use crate::pki::{dn, issue, oids, time};
use crate::revocation::CLOCK_SKEW;
use crate::verify::crypto;

pub use super::error::CrlError;

/// `revokedCertificates` entry.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct RevokedEntry {
    pub serial_number: der::asn1::Int,
    pub revocation_date: Time,
    #[asn1(optional = "true")]
    pub crl_entry_extensions: Option<Vec<Extension>>,
}

/// `TBSCertList` (RFC 5280 §5.1), version optional (v1).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct TbsCertList {
    #[asn1(optional = "true")]
    pub version: Option<u8>,
    pub signature: AlgorithmIdentifierOwned,
    pub issuer: Name,
    pub this_update: Time,
    #[asn1(optional = "true")]
    pub next_update: Option<Time>,
    #[asn1(optional = "true")]
    pub revoked_certificates: Option<Vec<RevokedEntry>>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub crl_extensions: Option<Vec<Extension>>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct CertListRaw<'a> {
    tbs: AnyRef<'a>,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct CertList {
    tbs: TbsCertList,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
}

/// A CRL as read, not yet verified.
#[derive(Debug, Clone)]
pub struct ParsedCrl {
    /// The CRL's DER (from PEM if it came so).
    pub der: Vec<u8>,
    pub tbs: TbsCertList,
    tbs_der: Vec<u8>,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: Vec<u8>,
}

/// Read a CRL from DER or PEM (`X509 CRL`).
pub fn parse(bytes: &[u8]) -> Result<ParsedCrl, CrlError> {
    let owned;
    let mut der = bytes;
    if bytes.starts_with(b"-----BEGIN") {
        let blocks = crate::pki::pem::pem_blocks(bytes).map_err(CrlError::Malformed)?;
        let block = blocks
            .into_iter()
            .find(|b| b.label == "X509 CRL")
            .ok_or_else(|| CrlError::Malformed("no X509 CRL block in the PEM".into()))?;
        owned = block.der;
        der = &owned;
    }
    let raw = CertListRaw::from_der(der)?;
    let tbs_der = raw.tbs.to_der()?;
    let tbs = TbsCertList::from_der(&tbs_der)?;
    if let Some(v) = tbs.version
        && v != 1
    {
        return Err(CrlError::Unsupported(format!("CRL version {}", u32::from(v) + 1)));
    }
    let signature = raw.signature.as_bytes().ok_or_else(|| CrlError::Malformed("signature has unused bits".into()))?;
    Ok(ParsedCrl {
        der: der.to_vec(),
        tbs,
        tbs_der,
        signature_algorithm: raw.signature_algorithm,
        signature: signature.to_vec(),
    })
}

/// A revoked certificate's entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Revoked {
    pub time: i64,
    /// The CRLReason code, when the entry gives one.
    pub reason: Option<u32>,
}

/// A CRL whose issuer, signature, freshness and extensions were checked.
#[derive(Debug, Clone)]
pub struct VerifiedCrl {
    pub der: Vec<u8>,
    pub this_update: i64,
    pub next_update: Option<i64>,
    /// The cRLNumber, hex.
    pub number: Option<String>,
    /// From an issuingDistributionPoint: the CRL covers only end-entity / only CA certificates.
    pub only_user_certs: bool,
    pub only_ca_certs: bool,
    revoked: HashMap<Vec<u8>, Revoked>,
}

impl VerifiedCrl {
    /// The entry for a serial number (DER content bytes of the certificate's serial).
    pub fn status(&self, serial: &[u8]) -> Option<Revoked> {
        self.revoked.get(&normalize_serial(serial)).copied()
    }

    /// Does this CRL's scope include `cert` (issuingDistributionPoint's only-user / only-CA)?
    pub fn covers(&self, cert: &Certificate) -> bool {
        let is_ca = matches!(cert.tbs_certificate().get_extension::<BasicConstraints>(), Ok(Some((_, bc))) if bc.ca);
        !(self.only_user_certs && is_ca || self.only_ca_certs && !is_ca)
    }

    pub fn len(&self) -> usize {
        self.revoked.len()
    }

    pub fn is_empty(&self) -> bool {
        self.revoked.is_empty()
    }
}

/// Freshness of a CRL: fresh at `at` unless its nextUpdate has passed (with skew).
#[derive(Debug, Clone, Copy)]
pub struct CrlCheck {
    pub at: i64,
    pub skew: i64,
}

impl CrlCheck {
    pub fn at(at: i64) -> CrlCheck {
        CrlCheck { at, skew: CLOCK_SKEW }
    }
}

impl ParsedCrl {
    /// Verify against its issuer's certificate.
    pub fn verify(&self, issuer: &Certificate, check: CrlCheck) -> Result<VerifiedCrl, CrlError> {
        let it = issuer.tbs_certificate();
        if self.tbs.issuer != *it.subject() {
            return Err(CrlError::WrongIssuer {
                wanted: dn::to_string(it.subject()),
                found: dn::to_string(&self.tbs.issuer),
            });
        }
        if let Ok(Some((_, ku))) = it.get_extension::<KeyUsage>()
            && !ku.0.contains(KeyUsages::CRLSign)
        {
            return Err(CrlError::NotAuthorised(dn::to_string(it.subject())));
        }
        if self.tbs.signature != self.signature_algorithm {
            return Err(CrlError::Malformed("the inner and outer signature algorithms differ".into()));
        }
        let scheme = SigScheme::from_algorithm_identifier(&self.signature_algorithm)
            .ok_or_else(|| CrlError::Unsupported(format!("signature algorithm {}", self.signature_algorithm.oid)))?;
        match crypto::verify_message(
            it.subject_public_key_info(),
            scheme,
            pss_salt_len(&self.signature_algorithm),
            &self.tbs_der,
            &self.signature,
        ) {
            Ok(()) => {}
            Err(crypto::SigCheck::Bad) => return Err(CrlError::BadSignature),
            Err(crypto::SigCheck::Unsupported(d)) => return Err(CrlError::Unsupported(d)),
        }
        let this_update = time::unix(&self.tbs.this_update);
        let next_update = self.tbs.next_update.as_ref().map(time::unix);
        if this_update > check.at + check.skew {
            return Err(CrlError::NotYetValid { this_update: time::rfc3339(this_update), at: time::rfc3339(check.at) });
        }
        if let Some(next) = next_update
            && check.at > next + check.skew
        {
            return Err(CrlError::Stale { next_update: time::rfc3339(next), at: time::rfc3339(check.at) });
        }

        self.contents(this_update, next_update)
    }

    /// The extensions and entries, interpreted (after the signature was checked).
    fn contents(&self, this_update: i64, next_update: Option<i64>) -> Result<VerifiedCrl, CrlError> {
        let mut out = VerifiedCrl {
            der: self.der.clone(),
            this_update,
            next_update,
            number: None,
            only_user_certs: false,
            only_ca_certs: false,
            revoked: HashMap::new(),
        };
        for ext in self.tbs.crl_extensions.iter().flatten() {
            let value = ext.extn_value.as_bytes();
            if ext.extn_id == oids::EXT_CRL_NUMBER {
                out.number = Some(hex::encode(normalize_serial(Uint::from_der(value)?.as_bytes())));
            } else if ext.extn_id == oids::EXT_ISSUING_DISTRIBUTION_POINT {
                let idp = IssuingDistributionPoint::from_der(value)?;
                if idp.indirect_crl || idp.only_some_reasons.is_some() || idp.only_contains_attribute_certs {
                    return Err(CrlError::Unsupported(
                        "indirect or partitioned CRLs (issuingDistributionPoint)".into(),
                    ));
                }
                out.only_user_certs = idp.only_contains_user_certs;
                out.only_ca_certs = idp.only_contains_ca_certs;
            } else if ext.extn_id == oids::EXT_DELTA_CRL_INDICATOR {
                return Err(CrlError::Unsupported("delta CRLs".into()));
            } else if ext.critical && ![oids::EXT_AKI].contains(&ext.extn_id) {
                return Err(CrlError::Unsupported(format!("critical CRL extension {}", ext.extn_id)));
            }
        }
        for entry in self.tbs.revoked_certificates.iter().flatten() {
            let mut reason = None;
            for ext in entry.crl_entry_extensions.iter().flatten() {
                if ext.extn_id == oids::EXT_CRL_REASON {
                    reason = Some(CrlReason::from_der(ext.extn_value.as_bytes())? as u32);
                } else if ext.critical {
                    return Err(CrlError::Unsupported(format!("critical CRL entry extension {}", ext.extn_id)));
                }
            }
            if reason == Some(CrlReason::RemoveFromCRL as u32) {
                continue;
            }
            let serial = normalize_serial(entry.serial_number.as_bytes());
            out.revoked.insert(serial, Revoked { time: time::unix(&entry.revocation_date), reason });
        }
        Ok(out)
    }
}

/// For the fuzz target: interpret a CRL's contents as if its signature had verified.
#[doc(hidden)]
pub fn fuzz_contents(crl: &ParsedCrl) {
    let _ = crl.contents(0, None);
}

/// Download a CRL from a distribution point URL (DER or PEM), not yet verified.
pub fn fetch(url: &str, timeout: Duration) -> Result<ParsedCrl, CrlError> {
    let reply = client::get(url, "application/pkix-crl", Limits::CRL.with_timeout(timeout))?;
    parse(&reply.body)
}

/// What a new CRL says about time and order.
#[derive(Debug, Clone)]
pub struct CrlParams {
    pub this_update: i64,
    pub next_update: i64,
    /// cRLNumber as an unsigned big-endian integer (at most 20 octets).
    pub number: Vec<u8>,
}

/// A DER v2 CRL of `ca`'s revoked certificates (those revoked at or before thisUpdate),
/// with authorityKeyIdentifier and cRLNumber, signed by `signer` (the CA's key).
pub fn build(ca: &Certificate, signer: &dyn Signer, db: &CaDb, p: &CrlParams) -> Result<Vec<u8>, CrlError> {
    let enc = |e: der::Error| CrlError::Malformed(e.to_string());
    let t = |secs: i64| time::to_x509(secs).ok_or_else(|| CrlError::Malformed(format!("time {secs} out of range")));
    let mut entries = Vec::new();
    for e in &db.entries {
        let Some((when, reason)) = e.revoked else { continue };
        if when > p.this_update {
            continue;
        }
        let exts = if reason == RevocationReason::Unspecified {
            None // RFC 5280 §5.3.1: SHOULD be absent rather than unspecified
        } else {
            Some(vec![Extension {
                extn_id: oids::EXT_CRL_REASON,
                critical: false,
                extn_value: OctetString::new(reason.to_crl_reason().to_der().map_err(enc)?).map_err(enc)?,
            }])
        };
        entries.push(RevokedEntry {
            serial_number: der::asn1::Int::new(&positive(&e.serial)).map_err(enc)?,
            revocation_date: t(when)?,
            crl_entry_extensions: exts,
        });
    }
    let key_id = issue::subject_key_identifier(ca)
        .unwrap_or_else(|| issue::key_identifier(ca.tbs_certificate().subject_public_key_info()));
    let aki = AuthorityKeyIdentifier {
        key_identifier: Some(OctetString::new(key_id).map_err(enc)?),
        authority_cert_issuer: None,
        authority_cert_serial_number: None,
    };
    let extensions = vec![
        Extension {
            extn_id: oids::EXT_AKI,
            critical: false,
            extn_value: OctetString::new(aki.to_der().map_err(enc)?).map_err(enc)?,
        },
        Extension {
            extn_id: oids::EXT_CRL_NUMBER,
            critical: false,
            extn_value: OctetString::new(Uint::new(&p.number).map_err(enc)?.to_der().map_err(enc)?).map_err(enc)?,
        },
    ];
    let scheme = signer.scheme(DigestAlg::Sha256, false);
    let alg = scheme.algorithm_identifier().map_err(enc)?;
    let tbs = TbsCertList {
        version: Some(1),
        signature: alg.clone(),
        issuer: ca.tbs_certificate().subject().clone(),
        this_update: t(p.this_update)?,
        next_update: Some(t(p.next_update)?),
        revoked_certificates: (!entries.is_empty()).then_some(entries),
        crl_extensions: Some(extensions),
    };
    let tbs_der = tbs.to_der().map_err(enc)?;
    let sig = signer.sign(scheme, &tbs_der).map_err(|e| CrlError::Malformed(format!("signing: {e}")))?;
    CertList { tbs, signature_algorithm: alg, signature: BitString::from_bytes(&sig).map_err(enc)? }
        .to_der()
        .map_err(enc)
}

/// Two's-complement bytes of an unsigned big-endian number.
fn positive(n: &[u8]) -> Vec<u8> {
    let n = normalize_serial(n);
    if n[0] & 0x80 != 0 { [&[0u8][..], &n].concat() } else { n }
}

/// PEM armour (`X509 CRL`).
pub fn to_pem(der: &[u8]) -> Result<String, CrlError> {
    der::pem::encode_string("X509 CRL", der::pem::LineEnding::LF, der).map_err(|e| CrlError::Malformed(e.to_string()))
}
