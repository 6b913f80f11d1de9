//! Reading a CMS SignedData for verification, in DER or BER, binary or PEM.
//!
//! The input is walked as BER ([`super::ber`]); each part is converted to DER and decoded
//! with the `cms`/`x509-cert` types on its own, so a certificate kyso cannot decode does
//! not hide the rest. The signed attributes are kept as they arrived, with their DER
//! re-encodings (RFC 5652 §5.4: the signature is over the DER encoding of the SET OF) for
//! the verifier to try when the arrival was not DER.

use cms::signed_data::{SignerIdentifier, SignerInfo};
use der::asn1::OctetString;
use der::{Decode, Encode};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::crl::CertificateList;

use super::CmsError;
use super::ber::{self, Element};
use super::ess::{SigningCertificate, SigningCertificateV2};
use crate::pki::oids;

/// Deepest chain of counter-signatures followed (a counter-signature of a counter-signature...).
pub const MAX_COUNTER_DEPTH: usize = 4;

/// One SignerInfo, with what the verifier needs.
#[derive(Debug, Clone)]
pub struct ParsedSigner {
    pub sid: SignerIdentifier,
    pub digest_alg: AlgorithmIdentifierOwned,
    pub signature_alg: AlgorithmIdentifierOwned,
    pub signature: Vec<u8>,
    /// The signed attributes exactly as they arrived, with the `[0]` tag replaced by the
    /// SET OF tag: the bytes a conforming signer signed when it wrote DER.
    pub signed_attrs_der: Option<Vec<u8>>,
    /// Other encodings of the same attributes to try when the arrival was not DER: the
    /// DER encoding with sorted SET OF (RFC 5652 §5.4), then definite lengths in the
    /// order received (what some signers sign). Empty when the arrival was DER.
    pub signed_attrs_alt: Vec<Vec<u8>>,
    pub signed_attrs: Vec<Attribute>,
    pub unsigned_attrs: Vec<Attribute>,
    pub has_unsigned_attrs: bool,
}

/// Bytes after the ContentInfo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Trailing {
    #[default]
    None,
    /// Only zero bytes (PDF `/Contents` padding) or whitespace (a newline added in transit).
    Padding(usize),
    /// Anything else: other data, or a second structure.
    Data(usize),
}

#[derive(Debug, Clone)]
pub struct ParsedSignedData {
    pub econtent_type: const_oid::ObjectIdentifier,
    /// Encapsulated content (attached signatures); `None` for detached ones.
    pub econtent: Option<Vec<u8>>,
    pub certificates: Vec<Certificate>,
    /// Each certificate's encoding as it arrived (the `x509-cert` re-encoding can differ
    /// from it, and ESS certificate hashes are over these bytes).
    pub certificates_der: Vec<Vec<u8>>,
    pub crls: Vec<CertificateList>,
    /// OCSPResponses (DER) carried as `[1] OtherRevocationInfoFormat` with
    /// id-ri-ocsp-response (RFC 5940) among the revocationInfoChoices.
    pub ocsp_responses: Vec<Vec<u8>>,
    pub signers: Vec<ParsedSigner>,
    /// Some part was BER rather than DER (indefinite lengths, chunked strings).
    pub ber: bool,
    /// The input was PEM or bare base64 (any line length).
    pub armored: bool,
    pub trailing: Trailing,
}

fn malformed(e: impl std::fmt::Display) -> CmsError {
    CmsError::Malformed(e.to_string())
}

/// Decode PEM (`CMS`, `PKCS7`, `PKCS #7 SIGNED DATA`; any line length, as S/MIME tools
/// write 76 columns) or bare base64. `None` when the input is not text of that kind.
fn dearmor(bytes: &[u8]) -> Option<Result<Vec<u8>, CmsError>> {
    use base64::Engine;
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)).ok()?;
    let t = text.trim_start();
    let body = if let Some(rest) = t.strip_prefix("-----BEGIN ") {
        let (label, rest) = rest.split_once("-----")?;
        if !matches!(label, "CMS" | "PKCS7" | "PKCS #7 SIGNED DATA") {
            return Some(Err(CmsError::Malformed(format!("PEM block {label:?} is not CMS"))));
        }
        let end = format!("-----END {label}-----");
        let Some((body, _)) = rest.split_once(end.as_str()) else {
            return Some(Err(CmsError::Malformed(format!("truncated PEM: no {end:?} line"))));
        };
        // RFC 7468 allows no headers, but old tools write some: skip `Key: value` lines.
        body.lines().filter(|l| !l.contains(':')).collect::<String>()
    } else {
        let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=') || c.is_ascii_whitespace();
        if t.len() < 16 || !t.starts_with("MI") || !t.chars().all(ok) {
            return None;
        }
        t.to_string()
    };
    let clean: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    Some(base64::engine::general_purpose::STANDARD.decode(clean.as_bytes()).map_err(malformed))
}

/// Parse a ContentInfo(SignedData): DER, BER, PEM or base64. Bytes after it are
/// reported in [`ParsedSignedData::trailing`], not ignored.
pub fn parse(bytes: &[u8]) -> Result<ParsedSignedData, CmsError> {
    let decoded;
    let (input, armored) = match dearmor(bytes) {
        Some(r) => {
            decoded = r?;
            (decoded.as_slice(), true)
        }
        None => (bytes, false),
    };
    let (ci, rest) = ber::element(input).map_err(malformed)?;
    let trailing = if rest.is_empty() {
        Trailing::None
    } else if rest.iter().all(|&b| b == 0 || b.is_ascii_whitespace()) {
        Trailing::Padding(rest.len())
    } else {
        Trailing::Data(rest.len())
    };
    let mut sd = parse_content_info(&ci)?;
    sd.armored = armored;
    sd.trailing = trailing;
    Ok(sd)
}

fn expect_tag(e: &Element<'_>, first: u8, what: &str) -> Result<(), CmsError> {
    if e.header.first != first || e.header.tag_len != 1 {
        return Err(CmsError::Malformed(format!("{what}: unexpected tag 0x{:02x}", e.header.first)));
    }
    Ok(())
}

fn oid_of(e: &Element<'_>) -> Result<const_oid::ObjectIdentifier, CmsError> {
    expect_tag(e, 0x06, "OBJECT IDENTIFIER")?;
    const_oid::ObjectIdentifier::from_bytes(e.content).map_err(malformed)
}

/// `e` converted to DER; notes in `ber` whether a conversion was needed.
fn der_of<'a>(e: &Element<'a>, ber: &mut bool) -> Result<std::borrow::Cow<'a, [u8]>, CmsError> {
    let (d, _) = ber::to_der(e.full).map_err(malformed)?;
    if matches!(d, std::borrow::Cow::Owned(_)) {
        *ber = true;
    }
    Ok(d)
}

/// [`der_of`] for an embedded certificate: encodings of at most
/// [`KNOWN_DER_MAX`] bytes already found to be DER are remembered by their bytes,
/// since every file of a batch carries the same certificates and looking one up costs
/// less than walking it again.
fn certificate_der_of<'a>(e: &Element<'a>, ber: &mut bool) -> Result<std::borrow::Cow<'a, [u8]>, CmsError> {
    static KNOWN_DER: crate::pki::memo::Memo<Vec<u8>, ()> = crate::pki::memo::Memo::new(1_000);
    let small = e.full.len() <= KNOWN_DER_MAX;
    if small && KNOWN_DER.get_bytes(e.full).is_some() {
        return Ok(std::borrow::Cow::Borrowed(e.full));
    }
    let d = der_of(e, ber)?;
    if small && matches!(d, std::borrow::Cow::Borrowed(_)) {
        KNOWN_DER.insert_bytes(e.full, ());
    }
    Ok(d)
}

/// Certificates longer than this are not remembered (see [`certificate_der_of`]).
const KNOWN_DER_MAX: usize = 16 << 10;

fn parse_content_info(ci: &Element<'_>) -> Result<ParsedSignedData, CmsError> {
    expect_tag(ci, 0x30, "ContentInfo")?;
    let items = ber::children(ci.content).map_err(malformed)?;
    let (Some(ct), Some(explicit)) = (items.first(), items.get(1)) else {
        return Err(CmsError::Malformed("ContentInfo without content".into()));
    };
    let ct = oid_of(ct)?;
    if ct != oids::CT_SIGNED_DATA {
        return Err(CmsError::Malformed(format!("content type {ct} is not signedData")));
    }
    expect_tag(explicit, 0xa0, "ContentInfo content")?;
    let mut ber = ci.header.len.is_none() || explicit.header.len.is_none();
    let inner = ber::children(explicit.content).map_err(malformed)?;
    let [sd] = inner.as_slice() else {
        return Err(CmsError::Malformed("ContentInfo content is not one SignedData".into()));
    };
    expect_tag(sd, 0x30, "SignedData")?;
    ber |= sd.header.len.is_none();
    let items = ber::children(sd.content).map_err(malformed)?;
    // version, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls, signerInfos
    if items.len() < 4 {
        return Err(CmsError::Malformed("SignedData has too few fields".into()));
    }
    expect_tag(&items[0], 0x02, "SignedData version")?;
    expect_tag(&items[1], 0x31, "digestAlgorithms")?;
    let (econtent_type, econtent) = encap_content(&items[2], &mut ber)?;
    let signer_infos = &items[items.len() - 1];
    expect_tag(signer_infos, 0x31, "signerInfos")?;
    let mut certificates = Vec::new();
    let mut certificates_der = Vec::new();
    let mut crls = Vec::new();
    let mut ocsp_responses = Vec::new();
    for item in &items[3..items.len() - 1] {
        match item.header.first {
            0xa0 => {
                for c in ber::children(item.content).map_err(malformed)? {
                    // Other certificate formats (attribute certificates, [n] choices) are skipped.
                    let der = certificate_der_of(&c, &mut ber)?;
                    if c.header.first == 0x30
                        && let Ok(cert) = crate::pki::memo::certificate(&der)
                    {
                        certificates.push(cert);
                        certificates_der.push(der.into_owned());
                    }
                }
            }
            0xa1 => {
                for c in ber::children(item.content).map_err(malformed)? {
                    if c.header.first == 0x30
                        && let Ok(crl) = CertificateList::from_der(&der_of(&c, &mut ber)?)
                    {
                        crls.push(crl);
                    } else if c.header.first == 0xa1
                        && let Ok(parts) = ber::children(c.content)
                        && let [format, info] = parts.as_slice()
                        && const_oid::ObjectIdentifier::from_der(format.full).is_ok_and(|o| o == oids::RI_OCSP_RESPONSE)
                    {
                        ocsp_responses.push(der_of(info, &mut ber)?.into_owned());
                    }
                }
            }
            t => return Err(CmsError::Malformed(format!("SignedData: unexpected field with tag 0x{t:02x}"))),
        }
    }
    let mut signers = Vec::new();
    for si in ber::children(signer_infos.content).map_err(malformed)? {
        signers.push(parse_signer_info(&si, &mut ber)?);
    }
    Ok(ParsedSignedData {
        econtent_type,
        econtent,
        certificates,
        certificates_der,
        crls,
        ocsp_responses,
        signers,
        ber,
        armored: false,
        trailing: Trailing::None,
    })
}

/// `EncapsulatedContentInfo ::= SEQUENCE { eContentType, eContent [0] EXPLICIT OCTET STRING OPTIONAL }`.
/// PKCS #7 v1.5 allowed any type as content; then the content octets of its DER encoding
/// are what was signed (RFC 5652 §5.3).
fn encap_content(e: &Element<'_>, ber: &mut bool) -> Result<(const_oid::ObjectIdentifier, Option<Vec<u8>>), CmsError> {
    expect_tag(e, 0x30, "encapContentInfo")?;
    let items = ber::children(e.content).map_err(malformed)?;
    let ct = oid_of(items.first().ok_or_else(|| CmsError::Malformed("encapContentInfo is empty".into()))?)?;
    let content = match items.get(1) {
        None => None,
        Some(explicit) => {
            expect_tag(explicit, 0xa0, "eContent")?;
            let inner = ber::children(explicit.content).map_err(malformed)?;
            match inner.as_slice() {
                [] => None,
                [c] => {
                    let der = der_of(c, ber)?;
                    let (h, _) = ber::element(&der).map_err(malformed)?;
                    Some(h.content.to_vec())
                }
                _ => return Err(CmsError::Malformed("eContent holds more than one element".into())),
            }
        }
    };
    if items.len() > 2 {
        return Err(CmsError::Malformed("encapContentInfo has extra fields".into()));
    }
    Ok((ct, content))
}

/// Parse one SignerInfo from its encoding as found (DER or BER).
pub fn parse_signer_info(e: &Element<'_>, ber: &mut bool) -> Result<ParsedSigner, CmsError> {
    expect_tag(e, 0x30, "SignerInfo")?;
    let items = ber::children(e.content).map_err(malformed)?;
    let der = der_of(e, ber)?;
    let si = SignerInfo::from_der(&der).map_err(|e| CmsError::Malformed(format!("SignerInfo: {e}")))?;
    let (signed_attrs_der, signed_attrs_alt) = match items.get(3).filter(|t| t.header.first == 0xa0) {
        None => (None, Vec::new()),
        Some(raw) => {
            let received = as_set(raw.full);
            let alt = der_encodings(raw).map_err(malformed)?.into_iter().filter(|a| *a != received).collect();
            (Some(received), alt)
        }
    };
    let unsigned: Vec<Attribute> = si.unsigned_attrs.as_ref().map(|a| a.iter().cloned().collect()).unwrap_or_default();
    Ok(ParsedSigner {
        sid: si.sid.clone(),
        digest_alg: si.digest_alg.clone(),
        signature_alg: si.signature_algorithm.clone(),
        signature: si.signature.as_bytes().to_vec(),
        signed_attrs_der,
        signed_attrs_alt,
        signed_attrs: si.signed_attrs.as_ref().map(|a| a.iter().cloned().collect()).unwrap_or_default(),
        has_unsigned_attrs: !unsigned.is_empty(),
        unsigned_attrs: unsigned,
    })
}

/// The signed attributes `[0] IMPLICIT` element as the SET OF the signature covers.
fn as_set(raw_attrs: &[u8]) -> Vec<u8> {
    let mut v = raw_attrs.to_vec();
    if let Some(t) = v.first_mut() {
        *t = 0x31;
    }
    v
}

/// DER encodings of received signed attributes: sorted SET OF (the DER rule, also for
/// each attribute's values), then definite lengths in the order received.
fn der_encodings(raw: &Element<'_>) -> Result<Vec<Vec<u8>>, ber::BerError> {
    let (definite, _) = ber::to_der(raw.full)?;
    let definite = as_set(&definite);
    let (set, _) = ber::element(&definite)?;
    let mut attrs = Vec::new();
    for a in ber::children(set.content)? {
        let parts = ber::children(a.content)?;
        match parts.as_slice() {
            [oid, values] if values.header.first == 0x31 => {
                let vals: Vec<Vec<u8>> = ber::children(values.content)?.iter().map(|v| v.full.to_vec()).collect();
                let mut content = oid.full.to_vec();
                content.extend(ber::der_set_of(0x31, vals));
                attrs.push(ber::der_tlv(&[0x30], &content));
            }
            _ => attrs.push(a.full.to_vec()),
        }
    }
    let sorted = ber::der_set_of(0x31, attrs);
    Ok(if sorted == definite { vec![sorted] } else { vec![sorted, definite] })
}

impl ParsedSignedData {
    /// The encoding of `cert` as it arrived in this SignedData, else its DER re-encoding.
    pub fn original_der(&self, cert: &Certificate) -> Vec<u8> {
        match self.certificates.iter().position(|c| c == cert).and_then(|i| self.certificates_der.get(i)) {
            Some(d) => d.clone(),
            None => cert.to_der().unwrap_or_default(),
        }
    }
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

    /// The counter-signatures (RFC 5652 §11.4) in the unsigned attributes, each parsed
    /// on its own: one that cannot be read is an error in its place, not a lost one.
    pub fn counter_signatures(&self) -> Vec<Result<ParsedSigner, CmsError>> {
        let mut out = Vec::new();
        for a in self.unsigned_attrs.iter().filter(|a| a.oid == oids::ATTR_COUNTER_SIGNATURE) {
            for v in a.values.iter() {
                let parsed = v.to_der().map_err(malformed).and_then(|der| {
                    let (e, _) = ber::element(&der).map_err(malformed)?;
                    parse_signer_info(&e, &mut false)
                });
                out.push(parsed);
            }
        }
        out
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
                    || sha1_key_id(cert).is_some_and(|s| s == ski.0.as_bytes())
            }
        }
    }
}

/// RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits, for certificates
/// without a subjectKeyIdentifier extension.
fn sha1_key_id(cert: &Certificate) -> Option<Vec<u8>> {
    let bits = cert.tbs_certificate().subject_public_key_info().subject_public_key.raw_bytes();
    Some(crate::pki::alg::DigestAlg::Sha1.digest(bits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dearmors_any_line_length() {
        assert!(dearmor(b"\x30\x03").is_none());
        let pem = "-----BEGIN PKCS7-----\nMIAGCSqGSIb3DQEHAqCAMIACAQEx\nADAL\nBgkqhkiG9w0BBwEAAKCAAAAAMQAAAAAAAA==\n-----END PKCS7-----\n";
        let der = dearmor(pem.as_bytes()).unwrap().unwrap();
        assert_eq!(der[0], 0x30);
        assert!(dearmor(b"-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n").unwrap().is_err());
    }

    #[test]
    fn sorts_signed_attributes() {
        // [0] { attr(2.5.4.6, {PrintableString "b", "a"}), attr(2.5.4.3, {"x"}) }
        let raw = [
            0xa0, 0x1b, 0x30, 0x0d, 0x06, 0x03, 0x55, 0x04, 0x06, 0x31, 0x06, 0x13, 0x01, b'b', 0x13, 0x01, b'a', 0x30,
            0x0a, 0x06, 0x03, 0x55, 0x04, 0x03, 0x31, 0x03, 0x13, 0x01, b'x',
        ];
        let (e, _) = ber::element(&raw).unwrap();
        let encs = der_encodings(&e).unwrap();
        assert_eq!(encs.len(), 2);
        let (set, _) = ber::element(&encs[0]).unwrap();
        let items = ber::children(set.content).unwrap();
        assert_eq!(items[0].full[0..3], [0x30, 0x0a, 0x06]);
        assert_eq!(&items[1].full[7..], &[0x31, 0x06, 0x13, 0x01, b'a', 0x13, 0x01, b'b']);
    }
}
