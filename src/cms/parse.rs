//! Reading a CMS SignedData for verification.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::OctetString;
use der::{Decode, Encode};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::crl::CertificateList;

use super::CmsError;
use super::ess::{SigningCertificate, SigningCertificateV2};
use super::tlv;
use crate::pki::oids;

/// One SignerInfo, with what the verifier needs.
pub struct ParsedSigner {
    pub sid: SignerIdentifier,
    pub digest_alg: AlgorithmIdentifierOwned,
    pub signature_alg: AlgorithmIdentifierOwned,
    pub signature: Vec<u8>,
    /// The signed attributes exactly as they were signed (as a DER SET OF), if present.
    pub signed_attrs_der: Option<Vec<u8>>,
    pub signed_attrs: Vec<Attribute>,
    pub has_unsigned_attrs: bool,
}

pub struct ParsedSignedData {
    pub econtent_type: const_oid::ObjectIdentifier,
    /// Encapsulated content (attached signatures); `None` for detached ones.
    pub econtent: Option<Vec<u8>>,
    pub certificates: Vec<Certificate>,
    pub crls: Vec<CertificateList>,
    pub signers: Vec<ParsedSigner>,
}

/// Parse DER (or PEM `CMS`/`PKCS7`) bytes. Accepts trailing zero padding, as PDF
/// `/Contents` strings carry.
pub fn parse(bytes: &[u8]) -> Result<ParsedSignedData, CmsError> {
    let der_owned;
    let mut der: &[u8] = bytes;
    if bytes.starts_with(b"-----BEGIN") {
        let blocks = crate::pki::load::pem_blocks(bytes).map_err(CmsError::Malformed)?;
        let block = blocks
            .into_iter()
            .find(|b| matches!(b.label.as_str(), "CMS" | "PKCS7" | "PKCS #7 SIGNED DATA"))
            .ok_or_else(|| CmsError::Malformed("no CMS/PKCS7 PEM block".into()))?;
        der_owned = block.der;
        der = &der_owned;
    }
    let (outer, _padding) = tlv::read(der).ok_or_else(|| CmsError::Malformed("not DER (truncated or BER)".into()))?;
    let der = outer.full;
    let ci = ContentInfo::from_der(der)?;
    if ci.content_type != oids::CT_SIGNED_DATA {
        return Err(CmsError::Malformed(format!("content type {} is not signedData", ci.content_type)));
    }
    let sd: SignedData = ci.content.decode_as()?;
    let raw = tlv::raw_signed_attrs(der).ok_or_else(|| CmsError::Malformed("cannot locate signer infos".into()))?;
    let econtent = match &sd.encap_content_info.econtent {
        Some(any) => Some(any.decode_as::<OctetString>()?.as_bytes().to_vec()),
        None => None,
    };
    let certificates = sd
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let crls = sd
        .crls
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|r| match r {
            cms::revocation::RevocationInfoChoice::Crl(c) => Some(c.clone()),
            cms::revocation::RevocationInfoChoice::Other(_) => None,
        })
        .collect();
    let mut signers = Vec::new();
    // der sorts SET OF on decode; match raw attrs to SignerInfos by re-encoding each
    // SignerInfo's attributes and comparing as sets is fragile, so rely on order only
    // when there is one signer (the norm) and otherwise match by content.
    for (i, si) in sd.signer_infos.0.iter().enumerate() {
        let attrs: Vec<Attribute> = si.signed_attrs.as_ref().map(|a| a.iter().cloned().collect()).unwrap_or_default();
        let signed_attrs_der = match &si.signed_attrs {
            None => None,
            Some(a) => {
                let reencoded = a.to_der()?;

                raw.iter()
                    .flatten()
                    .map(|r| tlv::as_set(r))
                    .find(|r| same_attribute_set(r, &reencoded))
                    .or_else(|| raw.get(i).copied().flatten().map(tlv::as_set))
            }
        };
        signers.push(ParsedSigner {
            sid: si.sid.clone(),
            digest_alg: si.digest_alg.clone(),
            signature_alg: si.signature_algorithm.clone(),
            signature: si.signature.as_bytes().to_vec(),
            signed_attrs_der,
            signed_attrs: attrs,
            has_unsigned_attrs: si.unsigned_attrs.is_some(),
        });
    }
    Ok(ParsedSignedData { econtent_type: sd.encap_content_info.econtent_type, econtent, certificates, crls, signers })
}

/// Two encodings of a SET OF Attribute hold the same attributes (order aside).
fn same_attribute_set(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    let sorted = |d: &[u8]| -> Option<Vec<Vec<u8>>> {
        let (t, _) = tlv::read(d)?;
        let mut items: Vec<Vec<u8>> = tlv::children(t.content)?.iter().map(|c| c.full.to_vec()).collect();
        items.sort();
        Some(items)
    };
    matches!((sorted(a), sorted(b)), (Some(x), Some(y)) if x == y)
}

impl ParsedSigner {
    /// The single value of a signed attribute, if present exactly once with one value.
    pub fn attr(&self, oid: const_oid::ObjectIdentifier) -> Result<Option<&der::asn1::Any>, CmsError> {
        let mut found = self.signed_attrs.iter().filter(|a| a.oid == oid);
        let Some(a) = found.next() else {
            return Ok(None);
        };
        if found.next().is_some() || a.values.len() != 1 {
            return Err(CmsError::Malformed(format!("attribute {oid} must occur once with one value")));
        }
        Ok(a.values.iter().next())
    }

    pub fn message_digest(&self) -> Result<Option<Vec<u8>>, CmsError> {
        Ok(match self.attr(oids::ATTR_MESSAGE_DIGEST)? {
            Some(v) => Some(v.decode_as::<OctetString>()?.as_bytes().to_vec()),
            None => None,
        })
    }

    pub fn content_type(&self) -> Result<Option<const_oid::ObjectIdentifier>, CmsError> {
        Ok(match self.attr(oids::ATTR_CONTENT_TYPE)? {
            Some(v) => Some(v.decode_as()?),
            None => None,
        })
    }

    pub fn signing_time(&self) -> Result<Option<i64>, CmsError> {
        Ok(match self.attr(oids::ATTR_SIGNING_TIME)? {
            Some(v) => Some(crate::pki::time::unix(&v.decode_as::<x509_cert::time::Time>()?)),
            None => None,
        })
    }

    pub fn signing_certificate_v2(&self) -> Result<Option<SigningCertificateV2>, CmsError> {
        Ok(match self.attr(oids::ATTR_SIGNING_CERT_V2)? {
            Some(v) => Some(v.decode_as()?),
            None => None,
        })
    }

    pub fn signing_certificate_v1(&self) -> Result<Option<SigningCertificate>, CmsError> {
        Ok(match self.attr(oids::ATTR_SIGNING_CERT)? {
            Some(v) => Some(v.decode_as()?),
            None => None,
        })
    }

    /// Does `cert` match this SignerInfo's signer identifier?
    pub fn identifies(&self, cert: &Certificate) -> bool {
        let tbs = cert.tbs_certificate();
        match &self.sid {
            SignerIdentifier::IssuerAndSerialNumber(isn) => {
                isn.serial_number == *tbs.serial_number() && isn.issuer == *tbs.issuer()
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                crate::pki::issue::subject_key_identifier(cert).is_some_and(|s| s == ski.0.as_bytes())
            }
        }
    }
}
