//! CAdES B-LT (ETSI EN 319 122-1 §5.4 for baseline signatures): validation data in the
//! SignedData itself, outside what is signed — the chains' certificates in
//! `SignedData.certificates`, CRLs in `crls` as `RevocationInfoChoice` CRLs, and OCSP
//! responses as `other` choices with `id-ri-ocsp-response` (RFC 5940) — and the
//! signature time-stamp added to an existing SignerInfo (extending B-B to B-T).
//!
//! The SignedData is edited at the DER element level: the signed attributes, the
//! signature value and the content are copied byte for byte, so every signature stays
//! intact. BER input (indefinite lengths, chunked content) is converted to DER first;
//! its signed attributes are signed over their DER encoding anyway (RFC 5652 §5.4).

use std::borrow::Cow;

use der::{Decode, Encode};

use super::CmsError;
use super::ber::{self, Element};
use crate::pki::oids;

fn malformed(e: ber::BerError) -> CmsError {
    CmsError::Malformed(e.to_string())
}

/// The DER of a SignedData's top-level parts: `(oid, items)` where items are the
/// SignedData's fields, in order.
struct Parts<'a> {
    content_type: &'a [u8],
    items: Vec<Element<'a>>,
}

fn parts(der: &[u8]) -> Result<Parts<'_>, CmsError> {
    let (ci, rest) = ber::element(der).map_err(malformed)?;
    if !rest.is_empty() || ci.header.first != 0x30 {
        return Err(CmsError::Malformed("not one ContentInfo".into()));
    }
    let top = ber::children(ci.content).map_err(malformed)?;
    let [ct, explicit] = top.as_slice() else {
        return Err(CmsError::Malformed("ContentInfo without content".into()));
    };
    if const_oid::ObjectIdentifier::from_der(ct.full).ok() != Some(oids::CT_SIGNED_DATA)
        || explicit.header.first != 0xa0
    {
        return Err(CmsError::Malformed("the content is not a SignedData".into()));
    }
    let inner = ber::children(explicit.content).map_err(malformed)?;
    let [sd] = inner.as_slice() else {
        return Err(CmsError::Malformed("ContentInfo content is not one SignedData".into()));
    };
    if sd.header.first != 0x30 {
        return Err(CmsError::Malformed("SignedData is not a SEQUENCE".into()));
    }
    let items = ber::children(sd.content).map_err(malformed)?;
    if items.len() < 4 || items[0].header.first != 0x02 || items[items.len() - 1].header.first != 0x31 {
        return Err(CmsError::Malformed("SignedData has too few fields".into()));
    }
    Ok(Parts { content_type: ct.full, items })
}

fn assemble(content_type: &[u8], fields: &[Vec<u8>]) -> Vec<u8> {
    let sd = ber::der_tlv(&[0x30], &fields.concat());
    let explicit = ber::der_tlv(&[0xa0], &sd);
    ber::der_tlv(&[0x30], &[content_type, &explicit].concat())
}

/// Convert a whole ContentInfo to DER (borrowed when it already is).
pub fn to_der(content_info: &[u8]) -> Result<Cow<'_, [u8]>, CmsError> {
    let (der, used) = ber::to_der(content_info).map_err(malformed)?;
    if used != content_info.len() {
        return Err(CmsError::Malformed("bytes after the ContentInfo".into()));
    }
    Ok(der)
}

/// Validation data to put into a SignedData (each item DER).
#[derive(Debug, Clone, Default)]
pub struct ValidationData<'a> {
    pub certs: &'a [Vec<u8>],
    pub crls: &'a [Vec<u8>],
    pub ocsps: &'a [Vec<u8>],
}

/// `content_info` (a ContentInfo(SignedData), DER or BER) with `data` added to its
/// `certificates` and `crls` (what is there already is kept; nothing is added twice).
/// The SignedData version becomes 5 when an `other` revocation choice is present (RFC
/// 5652 §5.1). Returns DER.
pub fn add_validation_data(content_info: &[u8], data: &ValidationData<'_>) -> Result<Vec<u8>, CmsError> {
    let der = to_der(content_info)?;
    let p = parts(&der)?;
    let n = p.items.len();
    let mut certs: Vec<Vec<u8>> = Vec::new();
    let mut revocation: Vec<Vec<u8>> = Vec::new();
    for item in &p.items[3..n - 1] {
        match item.header.first {
            0xa0 => certs.extend(ber::children(item.content).map_err(malformed)?.iter().map(|c| c.full.to_vec())),
            0xa1 => revocation.extend(ber::children(item.content).map_err(malformed)?.iter().map(|c| c.full.to_vec())),
            t => return Err(CmsError::Malformed(format!("SignedData: unexpected field with tag 0x{t:02x}"))),
        }
    }
    for c in data.certs {
        if !certs.contains(c) {
            certs.push(c.clone());
        }
    }
    for c in data.crls {
        if !revocation.contains(c) {
            revocation.push(c.clone());
        }
    }
    let ocsp_oid = oids::RI_OCSP_RESPONSE.to_der().map_err(|e| CmsError::Encode(e.to_string()))?;
    for o in data.ocsps {
        let other = ber::der_tlv(&[0xa1], &[ocsp_oid.as_slice(), o].concat());
        if !revocation.contains(&other) {
            revocation.push(other);
        }
    }
    let has_other = revocation.iter().any(|r| r.first() == Some(&0xa1));
    let version_item = &p.items[0];
    let old_version = match version_item.content {
        [v] => *v,
        _ => return Err(CmsError::Malformed("SignedData version out of range".into())),
    };
    let version = if has_other { old_version.max(5) } else { old_version };
    let mut fields = vec![ber::der_tlv(&[0x02], &[version]), p.items[1].full.to_vec(), p.items[2].full.to_vec()];
    if !certs.is_empty() {
        fields.push(ber::der_set_of(0xa0, certs));
    }
    if !revocation.is_empty() {
        fields.push(ber::der_set_of(0xa1, revocation));
    }
    fields.push(p.items[n - 1].full.to_vec());
    Ok(assemble(p.content_type, &fields))
}

/// The signature values of the SignerInfos of `content_info`, in order.
pub fn signature_values(content_info: &[u8]) -> Result<Vec<Vec<u8>>, CmsError> {
    let der = to_der(content_info)?;
    let p = parts(&der)?;
    let sis = ber::children(p.items[p.items.len() - 1].content).map_err(malformed)?;
    let mut out = Vec::new();
    for si in sis {
        let fields = ber::children(si.content).map_err(malformed)?;
        // version, sid, digestAlgorithm, [0] signedAttrs?, signatureAlgorithm, signature, [1] unsignedAttrs?
        let sig = fields
            .iter()
            .skip(3)
            .find(|f| f.header.first == 0x04)
            .ok_or_else(|| CmsError::Malformed("SignerInfo without a signature value".into()))?;
        out.push(sig.content.to_vec());
    }
    Ok(out)
}

/// `content_info` with `attribute` (an unsigned attribute's DER, e.g. a signature
/// time-stamp) added to the unsigned attributes of SignerInfo number `index`. Returns DER.
pub fn add_unsigned_attribute(content_info: &[u8], index: usize, attribute: &[u8]) -> Result<Vec<u8>, CmsError> {
    let der = to_der(content_info)?;
    let p = parts(&der)?;
    let n = p.items.len();
    let sis = ber::children(p.items[n - 1].content).map_err(malformed)?;
    if index >= sis.len() {
        return Err(CmsError::Malformed(format!("no SignerInfo number {}", index + 1)));
    }
    let mut signer_infos = Vec::with_capacity(sis.len());
    for (i, si) in sis.iter().enumerate() {
        if i != index {
            signer_infos.push(si.full.to_vec());
            continue;
        }
        let fields = ber::children(si.content).map_err(malformed)?;
        let mut out: Vec<Vec<u8>> = Vec::with_capacity(fields.len() + 1);
        let mut unsigned: Vec<Vec<u8>> = Vec::new();
        for f in &fields {
            if f.header.first == 0xa1 {
                unsigned.extend(ber::children(f.content).map_err(malformed)?.iter().map(|c| c.full.to_vec()));
            } else {
                out.push(f.full.to_vec());
            }
        }
        unsigned.push(attribute.to_vec());
        out.push(ber::der_set_of(0xa1, unsigned));
        signer_infos.push(ber::der_tlv(&[0x30], &out.concat()));
    }
    let mut fields: Vec<Vec<u8>> = p.items[..n - 1].iter().map(|e| e.full.to_vec()).collect();
    fields.push(ber::der_set_of(0x31, signer_infos));
    Ok(assemble(p.content_type, &fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error() {
        assert!(add_validation_data(b"", &ValidationData::default()).is_err());
        assert!(add_validation_data(&[0x30, 0x03, 0x02, 0x01, 0x01], &ValidationData::default()).is_err());
        assert!(add_unsigned_attribute(&[0x30, 0x00], 0, &[0x30, 0x00]).is_err());
        assert!(signature_values(&[0x31, 0x00]).is_err());
    }
}
