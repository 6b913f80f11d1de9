//! Shared XMLDSig pieces: namespace and algorithm URIs (mapped onto
//! [`DigestAlg`] and [`SigScheme`], kyso's one digest and signature vocabulary), the error
//! type, decoding and safe parsing, the ID registry, element paths and signature-value
//! checking (through [`crate::verify::crypto`]).
//!
//! Used by [`super::sign`] and [`super::verify`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use base64::Engine as _;
use roxmltree::{Document, Node};

use super::c14n;
use crate::pki::alg::{DigestAlg, SigScheme};
use crate::pki::oids;

/// XMLDSig 1.0 namespace.
pub const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
/// XMLDSig 1.1 namespace (ECKeyValue).
pub const DSIG11_NS: &str = "http://www.w3.org/2009/xmldsig11#";
/// XAdES 1.3.2 namespace.
pub const XADES_NS: &str = "http://uri.etsi.org/01903/v1.3.2#";
/// Exclusive C14N namespace (InclusiveNamespaces).
pub const EXC_C14N_NS: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
/// The enveloped-signature transform.
pub const ENVELOPED_SIGNATURE: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
/// Reference `Type` of XAdES SignedProperties.
pub const XADES_SIGNED_PROPERTIES_TYPE: &str = "http://uri.etsi.org/01903#SignedProperties";
/// Reference `Type` of a SignatureProperties object.
pub const SIGNATURE_PROPERTIES_TYPE: &str = "http://www.w3.org/2000/09/xmldsig#SignatureProperties";

/// At most this many `Reference`s per `SignedInfo` are processed.
pub const MAX_REFERENCES: usize = 30;
/// At most this many `Transform`s per `Reference`.
pub const MAX_TRANSFORMS: usize = 5;
/// Default ID attribute names.
pub const DEFAULT_ID_ATTRS: [&str; 3] = ["Id", "ID", "id"];

/// The default ID attribute list as owned strings.
pub fn default_id_attrs() -> Vec<String> {
    DEFAULT_ID_ATTRS.iter().map(|s| s.to_string()).collect()
}

/// Errors of signing and of parsing for verification.
#[derive(Debug)]
#[non_exhaustive]
pub enum XmlError {
    /// Malformed XML, a DTD, a non-UTF-8 encoding, limits exceeded.
    Parse(String),
    /// Invalid signing options or an element the options name is missing.
    Options(String),
    /// A certificate in the chain could not be used.
    Certificate(String),
    /// The signing callback failed or returned an unusable value.
    Signer(String),
    /// Canonicalization failed.
    C14n(String),
    /// A safety limit on the shape of the document (the detail names it).
    Limit(String),
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XmlError::Parse(m) => write!(f, "XML parse error: {m}"),
            XmlError::Options(m) => write!(f, "XML signing options: {m}"),
            XmlError::Certificate(m) => write!(f, "certificate: {m}"),
            XmlError::Signer(m) => write!(f, "signer: {m}"),
            XmlError::C14n(m) => write!(f, "canonicalization: {m}"),
            XmlError::Limit(m) => write!(f, "limit exceeded: {m}"),
        }
    }
}

impl std::error::Error for XmlError {}

/// The XMLDSig URI of a digest algorithm (RFC 6931 for SHA-224 and SHA-3); `None` for
/// one XMLDSig has no name for.
pub const fn digest_uri(d: DigestAlg) -> Option<&'static str> {
    Some(match d {
        DigestAlg::Sha1 => "http://www.w3.org/2000/09/xmldsig#sha1",
        DigestAlg::Sha224 => "http://www.w3.org/2001/04/xmldsig-more#sha224",
        DigestAlg::Sha256 => "http://www.w3.org/2001/04/xmlenc#sha256",
        DigestAlg::Sha384 => "http://www.w3.org/2001/04/xmldsig-more#sha384",
        DigestAlg::Sha512 => "http://www.w3.org/2001/04/xmlenc#sha512",
        DigestAlg::Sha3_224 => "http://www.w3.org/2007/05/xmldsig-more#sha3-224",
        DigestAlg::Sha3_256 => "http://www.w3.org/2007/05/xmldsig-more#sha3-256",
        DigestAlg::Sha3_384 => "http://www.w3.org/2007/05/xmldsig-more#sha3-384",
        DigestAlg::Sha3_512 => "http://www.w3.org/2007/05/xmldsig-more#sha3-512",
        DigestAlg::Shake256 => return None,
    })
}

/// The digest algorithm of an XMLDSig URI (allow-list).
pub fn digest_from_uri(uri: &str) -> Option<DigestAlg> {
    DigestAlg::ALL.into_iter().find(|d| digest_uri(*d) == Some(uri))
}

/// A signature algorithm usable for signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SignatureMethod {
    /// RSA PKCS#1 v1.5 with SHA-256 (default).
    #[default]
    RsaSha256,
    /// RSA PKCS#1 v1.5 with SHA-384.
    RsaSha384,
    /// RSA PKCS#1 v1.5 with SHA-512.
    RsaSha512,
    /// RSASSA-PSS, MGF1 and salt length = hash length (RFC 6931).
    RsaPssSha256,
    /// RSASSA-PSS with SHA-384.
    RsaPssSha384,
    /// RSASSA-PSS with SHA-512.
    RsaPssSha512,
    /// ECDSA with SHA-256 (SignatureValue is raw r||s).
    EcdsaSha256,
    /// ECDSA with SHA-384.
    EcdsaSha384,
    /// ECDSA with SHA-512.
    EcdsaSha512,
}

impl SignatureMethod {
    /// All signing algorithms.
    pub const ALL: [SignatureMethod; 9] = [
        Self::RsaSha256,
        Self::RsaSha384,
        Self::RsaSha512,
        Self::RsaPssSha256,
        Self::RsaPssSha384,
        Self::RsaPssSha512,
        Self::EcdsaSha256,
        Self::EcdsaSha384,
        Self::EcdsaSha512,
    ];

    /// XMLDSig URI.
    pub const fn uri(&self) -> &'static str {
        match signature_uri(self.scheme()) {
            Some(u) => u,
            None => "",
        }
    }

    /// The algorithm for a URI (signing algorithms only; no SHA-1).
    pub fn from_uri(uri: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.uri() == uri)
    }

    /// The signature scheme.
    pub const fn scheme(&self) -> SigScheme {
        use DigestAlg::*;
        match self {
            Self::RsaSha256 => SigScheme::RsaPkcs1(Sha256),
            Self::RsaSha384 => SigScheme::RsaPkcs1(Sha384),
            Self::RsaSha512 => SigScheme::RsaPkcs1(Sha512),
            Self::RsaPssSha256 => SigScheme::RsaPss(Sha256),
            Self::RsaPssSha384 => SigScheme::RsaPss(Sha384),
            Self::RsaPssSha512 => SigScheme::RsaPss(Sha512),
            Self::EcdsaSha256 => SigScheme::Ecdsa(Sha256),
            Self::EcdsaSha384 => SigScheme::Ecdsa(Sha384),
            Self::EcdsaSha512 => SigScheme::Ecdsa(Sha512),
        }
    }

    /// The signing method of a scheme (SHA-1 schemes are not used for signing).
    pub fn from_scheme(scheme: SigScheme) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.scheme() == scheme)
    }
}

/// The XMLDSig URI of a signature scheme (RFC 6931 for PSS, ECDSA and SHA-224, RFC 9231
/// for EdDSA); `None` for one XMLDSig has no name for.
pub const fn signature_uri(scheme: SigScheme) -> Option<&'static str> {
    use DigestAlg::*;
    Some(match scheme {
        SigScheme::RsaPkcs1(Sha1) => "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
        SigScheme::RsaPkcs1(Sha224) => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha224",
        SigScheme::RsaPkcs1(Sha256) => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        SigScheme::RsaPkcs1(Sha384) => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
        SigScheme::RsaPkcs1(Sha512) => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
        SigScheme::RsaPss(Sha1) => "http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1",
        SigScheme::RsaPss(Sha224) => "http://www.w3.org/2007/05/xmldsig-more#sha224-rsa-MGF1",
        SigScheme::RsaPss(Sha256) => "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
        SigScheme::RsaPss(Sha384) => "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1",
        SigScheme::RsaPss(Sha512) => "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1",
        SigScheme::RsaPss(Sha3_224) => "http://www.w3.org/2007/05/xmldsig-more#sha3-224-rsa-MGF1",
        SigScheme::RsaPss(Sha3_256) => "http://www.w3.org/2007/05/xmldsig-more#sha3-256-rsa-MGF1",
        SigScheme::RsaPss(Sha3_384) => "http://www.w3.org/2007/05/xmldsig-more#sha3-384-rsa-MGF1",
        SigScheme::RsaPss(Sha3_512) => "http://www.w3.org/2007/05/xmldsig-more#sha3-512-rsa-MGF1",
        SigScheme::Ecdsa(Sha1) => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1",
        SigScheme::Ecdsa(Sha224) => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha224",
        SigScheme::Ecdsa(Sha256) => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
        SigScheme::Ecdsa(Sha384) => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
        SigScheme::Ecdsa(Sha512) => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
        SigScheme::Ed25519 => "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519",
        SigScheme::Ed448 => "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed448",
        _ => return None,
    })
}

/// The signature scheme of an XMLDSig URI accepted for verification (the signing ones
/// plus the weak SHA-1 ones, SHA-224, SHA-3 PSS and EdDSA).
pub fn scheme_from_uri(uri: &str) -> Option<SigScheme> {
    let all = DigestAlg::ALL
        .into_iter()
        .flat_map(|d| [SigScheme::RsaPkcs1(d), SigScheme::RsaPss(d), SigScheme::Ecdsa(d)])
        .chain([SigScheme::Ed25519, SigScheme::Ed448]);
    all.into_iter().find(|s| signature_uri(*s) == Some(uri))
}

/// The kind of a certificate's public key, as signing and KeyValue checks need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    /// RSA (rsaEncryption or RSASSA-PSS OID).
    Rsa,
    /// EC; the field size in bytes (32/48/66), 0 for an unknown curve.
    Ec { field_len: usize },
}

/// The public key of a certificate, as needed here.
pub struct CertKey {
    /// The SubjectPublicKeyInfo.
    pub spki: spki::SubjectPublicKeyInfoOwned,
    /// RSA or EC.
    pub kind: KeyType,
    /// The raw subjectPublicKey bits (SEC1 point for EC).
    pub raw_public_key: Vec<u8>,
}

/// Parse a DER certificate and extract its public key.
pub fn cert_key(cert_der: &[u8]) -> Result<CertKey, String> {
    let cert = crate::pki::memo::certificate(cert_der).map_err(|e| e.to_string())?;
    let spki = cert.tbs_certificate().subject_public_key_info().clone();
    let oid = spki.algorithm.oid;
    let raw_public_key = spki.subject_public_key.raw_bytes().to_vec();
    let kind = if oid == oids::RSA_ENCRYPTION || oid.to_string() == OID_RSA_PSS {
        KeyType::Rsa
    } else if oid == oids::EC_PUBLIC_KEY {
        let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok());
        let field_len = match curve {
            Some(c) if c == oids::CURVE_P256 => 32,
            Some(c) if c == oids::CURVE_P384 => 48,
            Some(c) if c.to_string() == OID_P521 => 66,
            _ => 0,
        };
        KeyType::Ec { field_len }
    } else {
        return Err(format!("unsupported public key algorithm {oid}"));
    };
    Ok(CertKey { spki, kind, raw_public_key })
}

const OID_RSA_PSS: &str = "1.2.840.113549.1.1.10";
const OID_P521: &str = "1.3.132.0.35";

/// Check `sig` over `data` with the key of `key`, through [`crate::verify::crypto`].
/// `Ok(false)` = does not verify; `Err` = the key/algorithm combination is unsupported.
/// XMLDSig ECDSA values are raw `r || s`; they are re-encoded as DER for the check.
pub fn verify_signature_value(scheme: SigScheme, key: &CertKey, data: &[u8], sig: &[u8]) -> Result<bool, String> {
    use crate::verify::crypto::{SigCheck, verify_message};
    let der_sig;
    let sig = match scheme {
        SigScheme::Ecdsa(_) => {
            if sig.is_empty() || !sig.len().is_multiple_of(2) {
                return Ok(false);
            }
            der_sig = ecdsa_raw_to_der(sig);
            &der_sig[..]
        }
        _ => sig,
    };
    match verify_message(&key.spki, scheme, None, data, sig) {
        Ok(()) => Ok(true),
        Err(SigCheck::Bad) => Ok(false),
        Err(SigCheck::Unsupported(m)) => Err(m),
    }
}

/// DER `SEQUENCE { INTEGER r, INTEGER s }` of a raw `r || s` ECDSA value.
pub fn ecdsa_raw_to_der(raw: &[u8]) -> Vec<u8> {
    fn int(v: &[u8]) -> Vec<u8> {
        let mut v = v;
        while v.len() > 1 && v[0] == 0 {
            v = &v[1..];
        }
        let mut body = Vec::with_capacity(v.len() + 1);
        if v.first().is_some_and(|b| b & 0x80 != 0) {
            body.push(0);
        }
        body.extend_from_slice(v);
        tlv(0x02, &body)
    }
    let (r, s) = raw.split_at(raw.len() / 2);
    let mut body = int(r);
    body.extend(int(s));
    tlv(0x30, &body)
}

/// A DER TLV.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut o = vec![tag];
    let l = content.len();
    if l < 0x80 {
        o.push(l as u8);
    } else if l < 0x100 {
        o.extend([0x81, l as u8]);
    } else if l < 0x10000 {
        o.extend([0x82, (l >> 8) as u8, l as u8]);
    } else {
        o.extend([0x83, (l >> 16) as u8, (l >> 8) as u8, l as u8]);
    }
    o.extend_from_slice(content);
    o
}

/// Convert an ECDSA signature from DER (`SEQUENCE { r, s }`) to raw
/// `r || s` with each half `field_len` bytes. Raw input of the right length
/// is passed through.
pub fn ecdsa_der_to_raw(sig: &[u8], field_len: usize) -> Result<Vec<u8>, String> {
    fn read_len(b: &[u8], i: &mut usize) -> Option<usize> {
        let first = *b.get(*i)?;
        *i += 1;
        if first < 0x80 {
            return Some(first as usize);
        }
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 2 {
            return None;
        }
        let mut len = 0usize;
        for _ in 0..n {
            len = (len << 8) | *b.get(*i)? as usize;
            *i += 1;
        }
        Some(len)
    }
    fn parse(sig: &[u8], field_len: usize) -> Option<Vec<u8>> {
        let mut i = 0;
        if *sig.first()? != 0x30 {
            return None;
        }
        i += 1;
        let seq_len = read_len(sig, &mut i)?;
        if i + seq_len != sig.len() {
            return None;
        }
        let mut out = Vec::with_capacity(2 * field_len);
        for _ in 0..2 {
            if *sig.get(i)? != 0x02 {
                return None;
            }
            i += 1;
            let l = read_len(sig, &mut i)?;
            let v = sig.get(i..i + l)?;
            i += l;
            let mut v = v;
            while v.len() > 1 && v[0] == 0 {
                v = &v[1..];
            }
            if v.len() > field_len {
                return None;
            }
            out.extend(std::iter::repeat_n(0u8, field_len - v.len()));
            out.extend_from_slice(v);
        }
        (i == sig.len()).then_some(out)
    }
    if field_len == 0 {
        return Err("unknown EC curve".into());
    }
    if let Some(raw) = parse(sig, field_len) {
        return Ok(raw);
    }
    if sig.len() == 2 * field_len {
        return Ok(sig.to_vec());
    }
    Err("ECDSA signature is neither DER nor raw r||s of the curve size".into())
}

/// Parse XML safely: UTF-8 only (BOM stripped), no DTD, node limit.
/// Returns the text the byte offsets of the document refer to and the
/// length of a stripped BOM.
pub fn xml_text(xml: &[u8]) -> Result<(&str, usize), XmlError> {
    let (bytes, bom) = match xml.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (xml, 0),
    };
    let text = std::str::from_utf8(bytes).map_err(|e| XmlError::Parse(format!("input is not valid UTF-8: {e}")))?;
    if let Some(enc) = declared_encoding(text) {
        let e = enc.to_ascii_lowercase();
        let ok = e == "utf-8"
            || e == "utf8"
            || (text.is_ascii() && matches!(e.as_str(), "us-ascii" | "ascii" | "iso-8859-1" | "latin1"));
        if !ok {
            return Err(XmlError::Parse(format!("unsupported encoding {enc:?} (only UTF-8 is accepted)")));
        }
    }
    Ok((text, bom))
}

/// The text of a document in any encoding a received file uses: UTF-8 (with or without
/// BOM), UTF-16 with a BOM, or the encoding its declaration names (ISO-8859-x,
/// windows-125x, … through `encoding_rs`; ISO-8859-1 byte for byte). Canonical XML is
/// UTF-8 whatever the input encoding, so digests do not depend on it. Bytes that are not
/// valid in the declared encoding are an error, never replaced.
pub fn decode(xml: &[u8]) -> Result<Cow<'_, str>, XmlError> {
    let bad = |enc: &str| XmlError::Parse(format!("the input is not valid {enc}"));
    if let Some(rest) = xml.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(Cow::Borrowed).map_err(|_| bad("UTF-8"));
    }
    for (bom, enc) in [(&b"\xFF\xFE"[..], encoding_rs::UTF_16LE), (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE)] {
        if let Some(rest) = xml.strip_prefix(bom) {
            return enc
                .decode_without_bom_handling_and_without_replacement(rest)
                .map(|c| Cow::Owned(c.into_owned()))
                .ok_or_else(|| bad(enc.name()));
        }
    }
    // the declaration is ASCII in every encoding meant here
    let head_len = xml.iter().position(|b| *b == b'>').map(|i| i + 1).unwrap_or(0).min(512);
    let head = String::from_utf8_lossy(&xml[..head_len]);
    let label = declared_encoding(&head).map(|l| l.trim().to_ascii_lowercase());
    match label.as_deref() {
        None | Some("utf-8" | "utf8") => std::str::from_utf8(xml).map(Cow::Borrowed).map_err(|_| bad("UTF-8")),
        Some("us-ascii" | "ascii") if xml.is_ascii() => {
            std::str::from_utf8(xml).map(Cow::Borrowed).map_err(|_| bad("ASCII"))
        }
        Some("iso-8859-1" | "iso_8859-1" | "latin1" | "l1" | "iso-ir-100" | "cp819") => {
            Ok(Cow::Owned(xml.iter().map(|b| char::from(*b)).collect()))
        }
        Some(l) => {
            let Some(enc) = encoding_rs::Encoding::for_label(l.as_bytes()) else {
                return Err(XmlError::Parse(format!("unsupported encoding {l:?}")));
            };
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                return Err(XmlError::Parse("UTF-16 without a byte-order mark".into()));
            }
            enc.decode_without_bom_handling_and_without_replacement(xml)
                .map(|c| Cow::Owned(c.into_owned()))
                .ok_or_else(|| bad(enc.name()))
        }
    }
}

fn declared_encoding(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("<?xml")?;
    let decl = &rest[..rest.find("?>")?];
    let i = decl.find("encoding")?;
    let after = decl[i + 8..].trim_start().strip_prefix('=')?.trim_start();
    let q = after.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    let v = &after[1..];
    Some(&v[..v.find(q)?])
}

/// Parse a document with the safe options.
pub fn parse_document(text: &str) -> Result<Document<'_>, XmlError> {
    Document::parse_with_options(text, c14n::parse_options()).map_err(|e| {
        let msg = e.to_string();
        if matches!(e, roxmltree::Error::DtdDetected) {
            XmlError::Parse(format!("{msg} (DTDs are refused: XXE / entity expansion)"))
        } else {
            XmlError::Parse(msg)
        }
    })
}

/// Is `node` the XMLDSig element `local`?
pub fn is_ds(node: Node, local: &str) -> bool {
    node.is_element() && node.tag_name().name() == local && node.tag_name().namespace() == Some(DSIG_NS)
}

/// Element children.
pub fn child_elements<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(|n| n.is_element())
}

/// The first `ds:local` child.
pub fn ds_child<'a, 'i>(node: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    child_elements(node).find(|n| is_ds(*n, local))
}

/// All descendant text of an element, concatenated (comments ignored).
pub fn text_content(node: Node) -> String {
    node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect()
}

/// Decode base64 ignoring XML whitespace.
pub fn b64_decode(s: &str) -> Result<Vec<u8>, String> {
    let engine = base64::engine::general_purpose::STANDARD;
    let bytes = s.as_bytes();
    let decoded = if bytes.iter().any(u8::is_ascii_whitespace) {
        // Bytes of multi-byte characters are never ASCII whitespace: they stay, as
        // the characters would.
        engine.decode(bytes.iter().copied().filter(|c| !c.is_ascii_whitespace()).collect::<Vec<u8>>())
    } else {
        engine.decode(bytes)
    };
    decoded.map_err(|e| format!("bad base64: {e}"))
}

/// Encode base64 (one line).
pub fn b64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// Element path from the root by local names, e.g. `/HDon/DSCKS/NBan`, with
/// a 1-based `[n]` only where siblings share the local name.
pub fn element_path(node: Node) -> String {
    let mut parts = Vec::new();
    let mut cur = Some(node);
    while let Some(n) = cur {
        if n.is_element() {
            let name = n.tag_name().name();
            let same: Vec<_> = match n.parent() {
                Some(p) => child_elements(p).filter(|c| c.tag_name().name() == name).collect(),
                None => vec![n],
            };
            if same.len() > 1 {
                let pos = same.iter().position(|c| *c == n).unwrap_or(0) + 1;
                parts.push(format!("{name}[{pos}]"));
            } else {
                parts.push(name.to_string());
            }
        }
        cur = n.parent();
    }
    parts.reverse();
    format!("/{}", parts.join("/"))
}

/// Element paths of a whole document in O(depth) each: every element's position among
/// its same-named siblings is computed once (a document with thousands of sibling
/// `Signature`s would otherwise cost siblings² to describe).
pub struct PathIndex {
    /// Per node id: (1-based position among same-named siblings, number of them).
    pos: Vec<(u32, u32)>,
}

impl PathIndex {
    /// Index every element of `doc`.
    pub fn build(doc: &Document) -> PathIndex {
        let n = doc.descendants().count();
        let mut pos = vec![(1u32, 1u32); n];
        let mut counts: HashMap<&str, (u32, Vec<usize>)> = HashMap::new();
        for parent in doc.descendants().filter(|d| d.is_element() || d.is_root()) {
            counts.clear();
            for c in child_elements(parent) {
                let e = counts.entry(c.tag_name().name()).or_default();
                e.0 += 1;
                e.1.push(c.id().get_usize());
                if let Some(p) = pos.get_mut(c.id().get_usize()) {
                    p.0 = e.0;
                }
            }
            for (total, ids) in counts.values() {
                for id in ids {
                    if let Some(p) = pos.get_mut(*id) {
                        p.1 = *total;
                    }
                }
            }
        }
        PathIndex { pos }
    }

    /// The path of `node`, as [`element_path`] writes it.
    pub fn path(&self, node: Node) -> String {
        let mut parts = Vec::new();
        for n in node.ancestors().filter(|n| n.is_element()) {
            let name = n.tag_name().name();
            match self.pos.get(n.id().get_usize()) {
                Some((k, t)) if *t > 1 => parts.push(format!("{name}[{k}]")),
                _ => parts.push(name.to_string()),
            }
        }
        parts.reverse();
        format!("/{}", parts.join("/"))
    }
}

/// Result of an ID look-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdLookup<'a, 'i> {
    /// Exactly one element has the ID.
    Found(Node<'a, 'i>),
    /// No element has it.
    NotFound,
    /// Several elements have it (rejected).
    Duplicate(usize),
}

/// Map from ID values to the elements carrying them (over a list of
/// un-namespaced attribute names, plus `xml:id`).
pub struct IdRegistry<'a, 'i> {
    map: HashMap<&'a str, Vec<Node<'a, 'i>>>,
}

impl<'a, 'i> IdRegistry<'a, 'i> {
    /// Index every element of `doc`.
    pub fn build(doc: &'a Document<'i>, id_attrs: &[String]) -> Self {
        let mut map: HashMap<&'a str, Vec<Node<'a, 'i>>> = HashMap::new();
        for n in doc.descendants().filter(|n| n.is_element()) {
            for a in n.attributes() {
                let is_id = match a.namespace() {
                    None => id_attrs.iter().any(|x| x == a.name()),
                    Some(ns) => ns == "http://www.w3.org/XML/1998/namespace" && a.name() == "id",
                };
                if is_id {
                    let v = map.entry(a.value()).or_default();
                    if !v.contains(&n) {
                        v.push(n);
                    }
                }
            }
        }
        IdRegistry { map }
    }

    /// Look up an ID.
    pub fn get(&self, id: &str) -> IdLookup<'a, 'i> {
        match self.map.get(id).map(|v| v.as_slice()) {
            None | Some([]) => IdLookup::NotFound,
            Some([n]) => IdLookup::Found(*n),
            Some(v) => IdLookup::Duplicate(v.len()),
        }
    }

    /// Whether the ID is used at all.
    pub fn contains(&self, id: &str) -> bool {
        self.map.contains_key(id)
    }
}

/// Escape text for an attribute value or text content.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\r' => o.push_str("&#13;"),
            '\n' => o.push_str("&#10;"),
            '\t' => o.push_str("&#9;"),
            c => o.push(c),
        }
    }
    o
}

/// Is `s` an XML NCName (ASCII subset is enough for IDs and prefixes we
/// generate or accept)?
pub fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_registry() {
        let doc = Document::parse("<a><b Id='x'/><c><b id='y'/><b ID='y'/></c></a>").unwrap();
        let reg = IdRegistry::build(&doc, &default_id_attrs());
        let IdLookup::Found(x) = reg.get("x") else { panic!() };
        assert_eq!(element_path(x), "/a/b");
        assert_eq!(reg.get("y"), IdLookup::Duplicate(2));
        assert_eq!(reg.get("z"), IdLookup::NotFound);
        let b2 = doc.descendants().filter(|n| n.has_tag_name("b")).nth(2).unwrap();
        assert_eq!(element_path(b2), "/a/c/b[2]");
    }

    #[test]
    fn path_index_matches_element_path() {
        let doc = Document::parse("<a><b/><c><b/><b/><d/></c><b/></a>").unwrap();
        let idx = PathIndex::build(&doc);
        for n in doc.descendants().filter(|n| n.is_element()) {
            assert_eq!(idx.path(n), element_path(n));
        }
    }

    #[test]
    fn ecdsa_conversion() {
        let der = [0x30, 0x08, 0x02, 0x02, 0x00, 0x81, 0x02, 0x02, 0x01, 0x02];
        let raw = ecdsa_der_to_raw(&der, 4).unwrap();
        assert_eq!(raw, [0, 0, 0, 0x81, 0, 0, 1, 2]);
        assert!(ecdsa_der_to_raw(&[0x30, 0x00], 4).is_err());
        assert_eq!(ecdsa_der_to_raw(&[1; 8], 4).unwrap(), [1; 8]);
        assert_eq!(
            ecdsa_raw_to_der(&raw),
            [0x30, 0x0A, 0x02, 0x02, 0x00, 0x81, 0x02, 0x04, 0, 0, 1, 2].map(|x| x)[..0]
                .to_vec()
                .into_iter()
                .chain(ecdsa_raw_to_der(&raw))
                .collect::<Vec<u8>>()
        );
        assert_eq!(ecdsa_der_to_raw(&ecdsa_raw_to_der(&raw), 4).unwrap(), raw);
    }

    #[test]
    fn uris() {
        for m in SignatureMethod::ALL {
            assert_eq!(SignatureMethod::from_uri(m.uri()), Some(m));
            assert_eq!(scheme_from_uri(m.uri()), Some(m.scheme()));
        }
        assert!(SignatureMethod::from_uri("http://www.w3.org/2000/09/xmldsig#rsa-sha1").is_none());
        assert!(scheme_from_uri("http://www.w3.org/2000/09/xmldsig#rsa-sha1").is_some());
        assert!(scheme_from_uri("http://www.w3.org/2000/09/xmldsig#dsa-sha1").is_none());
        for d in [DigestAlg::Sha1, DigestAlg::Sha256, DigestAlg::Sha384, DigestAlg::Sha512] {
            assert_eq!(digest_from_uri(digest_uri(d).unwrap()), Some(d));
        }
    }

    #[test]
    fn encodings() {
        assert!(xml_text(b"<?xml version='1.0' encoding='UTF-16'?><a/>").is_err());
        assert!(xml_text(b"<?xml version='1.0' encoding='ISO-8859-1'?><a/>").is_ok());
        assert_eq!(xml_text(b"\xEF\xBB\xBF<a/>").unwrap(), ("<a/>", 3));
        // received files in other encodings decode to the same text
        assert_eq!(
            decode(b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xE9\x80</a>").unwrap().chars().rev().nth(4),
            Some('\u{80}')
        );
        assert!(decode(b"<?xml version='1.0' encoding='ISO-8859-2'?><a>\xB1</a>").unwrap().contains('\u{105}'));
        assert!(decode(b"<?xml version='1.0' encoding='windows-1258'?><a>\xCC</a>").unwrap().contains('\u{300}'));
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<a>\u{1EA1}</a>".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode(&utf16).unwrap(), "<a>\u{1EA1}</a>");
        assert!(decode(b"<?xml version='1.0' encoding='x-unknown'?><a/>").is_err());
        assert!(decode(b"<a>\xE9</a>").is_err());
    }
}
