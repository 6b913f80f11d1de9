//! Shared XMLDSig pieces: namespace and algorithm URIs, the digest and
//! signature algorithms, the error type, safe parsing, the ID registry,
//! element paths, reference transforms and signature-value checking.
//!
//! Used by [`super::sign`] and [`super::verify`].

use std::collections::HashMap;
use std::fmt;

use base64::Engine as _;
use roxmltree::{Document, Node};
use sha2::Digest as _;

use super::c14n::{self, Algorithm, NodeSet};

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
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XmlError::Parse(m) => write!(f, "XML parse error: {m}"),
            XmlError::Options(m) => write!(f, "XML signing options: {m}"),
            XmlError::Certificate(m) => write!(f, "certificate: {m}"),
            XmlError::Signer(m) => write!(f, "signer: {m}"),
            XmlError::C14n(m) => write!(f, "canonicalization: {m}"),
        }
    }
}

impl std::error::Error for XmlError {}

/// A digest algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DigestMethod {
    /// SHA-1: verification only (weak).
    Sha1,
    /// SHA-256 (default).
    #[default]
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl DigestMethod {
    /// XMLDSig URI.
    pub const fn uri(&self) -> &'static str {
        match self {
            DigestMethod::Sha1 => "http://www.w3.org/2000/09/xmldsig#sha1",
            DigestMethod::Sha256 => "http://www.w3.org/2001/04/xmlenc#sha256",
            DigestMethod::Sha384 => "http://www.w3.org/2001/04/xmldsig-more#sha384",
            DigestMethod::Sha512 => "http://www.w3.org/2001/04/xmlenc#sha512",
        }
    }

    /// The algorithm for a URI (allow-list).
    pub fn from_uri(uri: &str) -> Option<Self> {
        [Self::Sha1, Self::Sha256, Self::Sha384, Self::Sha512].into_iter().find(|d| d.uri() == uri)
    }

    /// Hash `data`.
    pub fn digest(&self, data: &[u8]) -> Vec<u8> {
        match self {
            DigestMethod::Sha1 => sha1::Sha1::digest(data).to_vec(),
            DigestMethod::Sha256 => sha2::Sha256::digest(data).to_vec(),
            DigestMethod::Sha384 => sha2::Sha384::digest(data).to_vec(),
            DigestMethod::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }

    /// SHA-1.
    pub const fn is_weak(&self) -> bool {
        matches!(self, DigestMethod::Sha1)
    }
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

/// Key/padding family of a signature algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// RSA PKCS#1 v1.5.
    Rsa,
    /// RSASSA-PSS.
    RsaPss,
    /// ECDSA.
    Ecdsa,
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
        self.algorithm().uri()
    }

    /// The algorithm for a URI (signing algorithms only; no SHA-1).
    pub fn from_uri(uri: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.uri() == uri)
    }

    /// As a verification algorithm.
    pub const fn algorithm(&self) -> SignatureAlgorithm {
        let (kind, digest) = match self {
            Self::RsaSha256 => (KeyKind::Rsa, DigestMethod::Sha256),
            Self::RsaSha384 => (KeyKind::Rsa, DigestMethod::Sha384),
            Self::RsaSha512 => (KeyKind::Rsa, DigestMethod::Sha512),
            Self::RsaPssSha256 => (KeyKind::RsaPss, DigestMethod::Sha256),
            Self::RsaPssSha384 => (KeyKind::RsaPss, DigestMethod::Sha384),
            Self::RsaPssSha512 => (KeyKind::RsaPss, DigestMethod::Sha512),
            Self::EcdsaSha256 => (KeyKind::Ecdsa, DigestMethod::Sha256),
            Self::EcdsaSha384 => (KeyKind::Ecdsa, DigestMethod::Sha384),
            Self::EcdsaSha512 => (KeyKind::Ecdsa, DigestMethod::Sha512),
        };
        SignatureAlgorithm { kind, digest }
    }
}

/// A signature algorithm accepted for verification (signing ones plus the
/// weak RSA-SHA1 / ECDSA-SHA1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SignatureAlgorithm {
    /// Key/padding family.
    pub kind: KeyKind,
    /// Hash.
    pub digest: DigestMethod,
}

impl SignatureAlgorithm {
    const ALLOWED: [SignatureAlgorithm; 11] = [
        SignatureMethod::RsaSha256.algorithm(),
        SignatureMethod::RsaSha384.algorithm(),
        SignatureMethod::RsaSha512.algorithm(),
        SignatureMethod::RsaPssSha256.algorithm(),
        SignatureMethod::RsaPssSha384.algorithm(),
        SignatureMethod::RsaPssSha512.algorithm(),
        SignatureMethod::EcdsaSha256.algorithm(),
        SignatureMethod::EcdsaSha384.algorithm(),
        SignatureMethod::EcdsaSha512.algorithm(),
        SignatureAlgorithm { kind: KeyKind::Rsa, digest: DigestMethod::Sha1 },
        SignatureAlgorithm { kind: KeyKind::Ecdsa, digest: DigestMethod::Sha1 },
    ];

    /// XMLDSig URI.
    pub const fn uri(&self) -> &'static str {
        match (self.kind, self.digest) {
            (KeyKind::Rsa, DigestMethod::Sha1) => "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
            (KeyKind::Rsa, DigestMethod::Sha256) => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            (KeyKind::Rsa, DigestMethod::Sha384) => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
            (KeyKind::Rsa, DigestMethod::Sha512) => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
            (KeyKind::RsaPss, DigestMethod::Sha1) => "http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1",
            (KeyKind::RsaPss, DigestMethod::Sha256) => "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
            (KeyKind::RsaPss, DigestMethod::Sha384) => "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1",
            (KeyKind::RsaPss, DigestMethod::Sha512) => "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1",
            (KeyKind::Ecdsa, DigestMethod::Sha1) => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1",
            (KeyKind::Ecdsa, DigestMethod::Sha256) => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
            (KeyKind::Ecdsa, DigestMethod::Sha384) => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
            (KeyKind::Ecdsa, DigestMethod::Sha512) => "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
        }
    }

    /// The allow-listed algorithm for a URI.
    pub fn from_uri(uri: &str) -> Option<Self> {
        Self::ALLOWED.into_iter().find(|a| a.uri() == uri)
    }
}

const OID_RSA: &str = "1.2.840.113549.1.1.1";
const OID_RSA_PSS: &str = "1.2.840.113549.1.1.10";
const OID_EC: &str = "1.2.840.10045.2.1";
const OID_P256: &str = "1.2.840.10045.3.1.7";
const OID_P384: &str = "1.3.132.0.34";
const OID_P521: &str = "1.3.132.0.35";

/// The public key of a certificate, as needed here.
pub struct CertKey {
    /// DER SubjectPublicKeyInfo.
    pub spki_der: Vec<u8>,
    /// RSA (either OID) or EC.
    pub is_rsa: bool,
    /// For EC keys: the field size in bytes (32/48/66), 0 if unknown curve.
    pub ec_field_len: usize,
    /// Is the EC curve P-256 (the one this module can verify).
    pub is_p256: bool,
    /// The raw subjectPublicKey bits (SEC1 point for EC).
    pub raw_public_key: Vec<u8>,
}

/// Parse a DER certificate and extract its public key.
pub fn cert_key(cert_der: &[u8]) -> Result<CertKey, String> {
    use der::{Decode, Encode};
    let cert = x509_cert::Certificate::from_der(cert_der).map_err(|e| e.to_string())?;
    let spki = cert.tbs_certificate().subject_public_key_info();
    let spki_der = spki.to_der().map_err(|e| e.to_string())?;
    let oid = spki.algorithm.oid.to_string();
    let raw_public_key = spki.subject_public_key.raw_bytes().to_vec();
    if oid == OID_RSA || oid == OID_RSA_PSS {
        return Ok(CertKey { spki_der, is_rsa: true, ec_field_len: 0, is_p256: false, raw_public_key });
    }
    if oid == OID_EC {
        let curve = spki
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok())
            .map(|o| o.to_string())
            .unwrap_or_default();
        let len = match curve.as_str() {
            OID_P256 => 32,
            OID_P384 => 48,
            OID_P521 => 66,
            _ => 0,
        };
        return Ok(CertKey { spki_der, is_rsa: false, ec_field_len: len, is_p256: curve == OID_P256, raw_public_key });
    }
    Err(format!("unsupported public key algorithm {oid}"))
}

/// Check `sig` over `data` with the key of `key`. `Ok(false)` = does not
/// verify; `Err` = the key/algorithm combination is unsupported.
pub fn verify_signature_value(alg: SignatureAlgorithm, key: &CertKey, data: &[u8], sig: &[u8]) -> Result<bool, String> {
    use signature::Verifier;
    use spki::DecodePublicKey;
    match alg.kind {
        KeyKind::Rsa | KeyKind::RsaPss => {
            if !key.is_rsa {
                return Err("RSA signature method with a non-RSA key".into());
            }
            let pk =
                rsa::RsaPublicKey::from_public_key_der(&key.spki_der).map_err(|e| format!("RSA public key: {e}"))?;
            if alg.kind == KeyKind::Rsa {
                let Ok(s) = rsa::pkcs1v15::Signature::try_from(sig) else {
                    return Ok(false);
                };
                let ok = match alg.digest {
                    DigestMethod::Sha1 => rsa::pkcs1v15::VerifyingKey::<sha1::Sha1>::new(pk).verify(data, &s).is_ok(),
                    DigestMethod::Sha256 => {
                        rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(pk).verify(data, &s).is_ok()
                    }
                    DigestMethod::Sha384 => {
                        rsa::pkcs1v15::VerifyingKey::<sha2::Sha384>::new(pk).verify(data, &s).is_ok()
                    }
                    DigestMethod::Sha512 => {
                        rsa::pkcs1v15::VerifyingKey::<sha2::Sha512>::new(pk).verify(data, &s).is_ok()
                    }
                };
                Ok(ok)
            } else {
                let Ok(s) = rsa::pss::Signature::try_from(sig) else {
                    return Ok(false);
                };
                let ok = match alg.digest {
                    DigestMethod::Sha1 => {
                        rsa::pss::VerifyingKey::<sha1::Sha1>::new_with_auto_salt_len(pk).verify(data, &s).is_ok()
                    }
                    DigestMethod::Sha256 => {
                        rsa::pss::VerifyingKey::<sha2::Sha256>::new_with_auto_salt_len(pk).verify(data, &s).is_ok()
                    }
                    DigestMethod::Sha384 => {
                        rsa::pss::VerifyingKey::<sha2::Sha384>::new_with_auto_salt_len(pk).verify(data, &s).is_ok()
                    }
                    DigestMethod::Sha512 => {
                        rsa::pss::VerifyingKey::<sha2::Sha512>::new_with_auto_salt_len(pk).verify(data, &s).is_ok()
                    }
                };
                Ok(ok)
            }
        }
        KeyKind::Ecdsa => {
            use signature::hazmat::PrehashVerifier;
            if key.is_rsa {
                return Err("ECDSA signature method with an RSA key".into());
            }
            if !key.is_p256 {
                return Err("only the P-256 curve is supported for ECDSA".into());
            }
            let vk = p256::ecdsa::VerifyingKey::from_public_key_der(&key.spki_der)
                .map_err(|e| format!("EC public key: {e}"))?;
            let Ok(s) = p256::ecdsa::Signature::from_slice(sig) else {
                return Ok(false);
            };
            let h = alg.digest.digest(data);
            Ok(vk.verify_prehash(&h, &s).is_ok())
        }
    }
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
    let clean: String = s.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(clean).map_err(|e| format!("bad base64: {e}"))
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

/// A reference transform (allow-listed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transform {
    /// enveloped-signature.
    Enveloped,
    /// A canonicalization with its InclusiveNamespaces PrefixList.
    C14n(Algorithm, Vec<String>),
}

/// What a reference URI selects before transforms.
#[derive(Debug, Clone, Copy)]
pub enum RefData<'a, 'i> {
    /// The whole document.
    Whole(&'a Document<'i>),
    /// An element and its subtree.
    Subtree(Node<'a, 'i>),
}

/// Apply the transforms to the referenced data and return the octets to
/// digest. `keep_comments` is false for `URI=""` / `#id`. `signature` is the
/// Signature element the enveloped transform removes.
pub fn reference_octets(
    data: RefData<'_, '_>,
    keep_comments: bool,
    transforms: &[Transform],
    signature: Node<'_, '_>,
) -> Result<Vec<u8>, String> {
    enum State<'a, 'i> {
        Set(NodeSet<'a, 'i>),
        Octets(Vec<u8>),
    }
    let mut state = State::Set(match data {
        RefData::Whole(d) => NodeSet::whole_document(d),
        RefData::Subtree(n) => NodeSet::subtree(n),
    });
    for t in transforms {
        state = match (t, state) {
            (Transform::Enveloped, State::Set(s)) => State::Set(s.excluding(signature)),
            (Transform::Enveloped, State::Octets(_)) => {
                return Err("enveloped-signature transform applied to octets".into());
            }
            (Transform::C14n(alg, prefixes), State::Set(s)) => {
                let alg = if keep_comments { *alg } else { alg.without_comments() };
                State::Octets(c14n::canonicalize(&s, alg, prefixes).map_err(|e| e.to_string())?)
            }
            (Transform::C14n(alg, prefixes), State::Octets(b)) => {
                let text = std::str::from_utf8(&b).map_err(|e| e.to_string())?;
                let doc = parse_document(text).map_err(|e| e.to_string())?;
                let s = NodeSet::whole_document(&doc);
                State::Octets(c14n::canonicalize(&s, *alg, prefixes).map_err(|e| e.to_string())?)
            }
        };
    }
    match state {
        State::Set(s) => c14n::canonicalize(&s, Algorithm::C14n10, &[]).map_err(|e| e.to_string()),
        State::Octets(b) => Ok(b),
    }
}

/// Parse a `Transform`/`CanonicalizationMethod` element into a transform.
pub fn parse_transform(el: Node) -> Result<Transform, String> {
    let uri = el.attribute("Algorithm").unwrap_or("");
    if uri == ENVELOPED_SIGNATURE {
        return Ok(Transform::Enveloped);
    }
    let Some(alg) = Algorithm::from_uri(uri) else {
        return Err(uri.to_string());
    };
    let mut prefixes = Vec::new();
    if alg.is_exclusive() {
        for n in child_elements(el) {
            if n.tag_name().name() == "InclusiveNamespaces" && n.tag_name().namespace() == Some(EXC_C14N_NS) {
                prefixes.extend(n.attribute("PrefixList").unwrap_or("").split_ascii_whitespace().map(str::to_string));
            }
        }
    }
    Ok(Transform::C14n(alg, prefixes))
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
    fn ecdsa_conversion() {
        let der = [0x30, 0x08, 0x02, 0x02, 0x00, 0x81, 0x02, 0x02, 0x01, 0x02];
        let raw = ecdsa_der_to_raw(&der, 4).unwrap();
        assert_eq!(raw, [0, 0, 0, 0x81, 0, 0, 1, 2]);
        assert!(ecdsa_der_to_raw(&[0x30, 0x00], 4).is_err());
        assert_eq!(ecdsa_der_to_raw(&[1; 8], 4).unwrap(), [1; 8]);
    }

    #[test]
    fn uris() {
        for m in SignatureMethod::ALL {
            assert_eq!(SignatureMethod::from_uri(m.uri()), Some(m));
            assert_eq!(SignatureAlgorithm::from_uri(m.uri()), Some(m.algorithm()));
        }
        assert!(SignatureMethod::from_uri("http://www.w3.org/2000/09/xmldsig#rsa-sha1").is_none());
        assert!(SignatureAlgorithm::from_uri("http://www.w3.org/2000/09/xmldsig#rsa-sha1").is_some());
        assert!(SignatureAlgorithm::from_uri("http://www.w3.org/2000/09/xmldsig#dsa-sha1").is_none());
    }

    #[test]
    fn encodings() {
        assert!(xml_text(b"<?xml version='1.0' encoding='UTF-16'?><a/>").is_err());
        assert!(xml_text(b"<?xml version='1.0' encoding='ISO-8859-1'?><a/>").is_ok());
        assert_eq!(xml_text(b"\xEF\xBB\xBF<a/>").unwrap(), ("<a/>", 3));
    }
}
