//! edXML packages (QCVN 102:2016/BTTTT): the envelopes in which agencies exchange
//! official documents over the national and provincial document exchange axes.
//!
//! A package is an `edXML` root with an `edXMLEnvelope` (a `MessageHeader` with From/To,
//! DocumentId, Code, PromulgationInfo, DocumentType, Subject, SignerInfo…, a
//! `TraceHeaderList`, an optional `Signature`, an `edXMLManifest` of `Reference`s) and
//! `AttachmentEncoded/Attachment` elements carrying each file in base64; non-PDF files are
//! often zipped first (and the zip may hold another package). Status messages use the same
//! envelope with a `StatusCode` and no body.
//!
//! This module owns reading packages: recognition ([`sniff`]), the structure ([`parse`],
//! pass one), the attachments' bytes ([`decode`], pass two: base64, zip with limits,
//! content families), the package checks ([`checks`]) and attachment names for
//! extraction ([`names`]). Verification of the attached documents is
//! [`crate::verify::edxml`]'s (and so is `inspect`, which reports the checks); rendering
//! is [`crate::report`]'s. It may import [`crate::format`], [`crate::pki`] (names in
//! certificates), [`crate::fsutil`] and [`crate::error`] (for [`extract`]) and the `zip`
//! crate.
//!
//! Why a tokenizer of our own ([`scan`]) instead of roxmltree or quick-xml: packages met in
//! practice are often not namespace-well-formed (of the public samples, one uses an
//! undeclared `edXML:`/`xlink:` prefix and one has an unclosed element), so a strict parser
//! refuses real mail; and an attachment's base64 text can be gigabytes, which roxmltree
//! holds in memory and quick-xml buffers as one text event. The tokenizer streams text in
//! chunks, recovers from unclosed and stray end tags (each recovery is reported), and
//! never expands entities other than the five predefined ones and character references.
//!
//! Reading is in two passes so memory stays bounded: [`parse`] reads the package once,
//! keeping the header and, for each attachment, only where its base64 text lies in the
//! file; [`decode::attachment`] then decodes one attachment at a time from that range.

pub mod checks;
pub mod decode;
pub mod extract;
pub mod names;
pub mod parse;
pub mod scan;

use std::ops::Range;

use serde::Serialize;

pub use parse::parse;

/// The namespace of QCVN 102:2016.
pub const NAMESPACE: &str = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
/// The XMLDSig namespace (a real envelope signature is in it).
pub const XMLDSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";

/// Limits on what a package may make kyso read, decode and unpack. Each one reached
/// becomes a `LIMIT_EXCEEDED` reason naming the limit and the option that raises it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest decoded attachment, and largest file unpacked from a zip
    /// (`--max-attachment-size`).
    pub max_attachment_size: u64,
    /// Most bytes decoded and unpacked for one package, nested packages included
    /// (`--max-package-size`). The package file itself may be at most 4/3 of this plus
    /// 64 MiB (base64 and markup).
    pub max_package_size: u64,
    /// Most attachments in a package, and most files in one zip (`--max-attachments`).
    pub max_attachments: usize,
    /// Largest ratio of unpacked to packed size of a zip entry over 1 MiB (`--max-zip-ratio`).
    pub max_zip_ratio: u64,
    /// Deepest nesting of packages inside packages (a zip attachment holding a package).
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_attachment_size: 256 << 20,
            max_package_size: 1 << 30,
            max_attachments: 1000,
            max_zip_ratio: 200,
            max_depth: 3,
        }
    }
}

impl Limits {
    /// Most bytes of the package file read in pass one.
    pub fn read_budget(&self) -> u64 {
        self.max_package_size.saturating_mul(4) / 3 + (64 << 20)
    }
}

/// A party of the exchange (From, To, a trace entry, ResponseFor).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Organ {
    pub organ_id: String,
    pub organ_name: String,
}

/// One `TraceHeader`: who handled the package and when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Trace {
    pub organ_id: String,
    pub timestamp: String,
}

/// What the clerk needs from the `MessageHeader` (empty strings where absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Header {
    pub from: Organ,
    pub to: Vec<Organ>,
    pub document_id: String,
    pub code_number: String,
    pub code_notation: String,
    pub place: String,
    pub promulgation_date: String,
    pub document_type: String,
    pub document_type_name: String,
    pub subject: String,
    pub signer_competence: String,
    pub signer_position: String,
    pub signer_full_name: String,
    pub due_date: String,
    pub steering_type: String,
    /// Status messages: the code (01–16), its description and time.
    pub status_code: String,
    pub status_description: String,
    pub status_timestamp: String,
    /// What this package answers (ResponseFor), when given.
    pub response_for: Organ,
    pub response_for_code: String,
    pub response_for_document_id: String,
    /// `Bussiness/BussinessDocType` and its reason (new, replacement, revocation, update).
    pub business_doc_type: String,
    pub business_doc_reason: String,
    pub trace: Vec<Trace>,
}

impl Header {
    /// "7816/VPCP-TTĐT" from CodeNumber and CodeNotation.
    pub fn code(&self) -> String {
        match (self.code_number.is_empty(), self.code_notation.is_empty()) {
            (false, false) => format!("{}/{}", self.code_number, self.code_notation),
            (false, true) => self.code_number.clone(),
            (true, false) => self.code_notation.clone(),
            (true, true) => String::new(),
        }
    }
}

/// A manifest `Reference`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Reference {
    pub content_id: String,
    /// The `xlink:href` attribute (often `cid:…`).
    pub href: String,
    pub content_type: String,
    pub name: String,
    pub description: String,
}

/// An `Attachment` as found in pass one: its fields and where its base64 text lies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attachment {
    pub content_id: String,
    pub content_type: String,
    pub name: String,
    pub description: String,
    /// Byte range of the `ContentTransferEncoded` element's content in the package.
    pub encoded: Option<Range<u64>>,
    /// Upper bound of the decoded size (non-blank characters × 3/4).
    pub decoded_estimate: u64,
    /// Why the attachment cannot be decoded, found in pass one (elements inside the
    /// base64, two ContentTransferEncoded, the package ending inside it, a limit).
    pub problem: Option<Problem>,
}

/// The envelope's `Signature` element, as found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvelopeSignature {
    /// A `Signature` element was found (any namespace) in the envelope.
    pub present: bool,
    /// An (empty or not) `DigitalSignature` element was found.
    pub digital_signature_element: bool,
    /// The namespace of the `Signature` element (None: none, or an undeclared prefix).
    pub namespace: Option<String>,
    pub signature_value: String,
    pub digest_value: String,
    pub certificate: String,
    pub method: String,
    /// How many `Signature` elements the envelope has.
    pub count: usize,
}

/// Kinds of package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PackageKind {
    /// A document with its attachments.
    Document,
    /// A status message (StatusCode 01–16, no attachments).
    Status,
}

/// A problem found while reading a package, with the reason it becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A limit stopped reading; the rest of the package was not looked at.
    Limit(String),
    /// The package is malformed beyond the recoveries kyso makes.
    Malformed(String),
}

/// A package as read in pass one.
#[derive(Debug, Clone)]
pub struct Package {
    pub kind: PackageKind,
    pub header: Header,
    pub signature: EnvelopeSignature,
    /// Was an `edXMLManifest` element found?
    pub has_manifest: bool,
    pub references: Vec<Reference>,
    pub attachments: Vec<Attachment>,
    /// Recoveries made (undeclared prefixes, unclosed or stray end tags): tolerated.
    pub recovered: Vec<String>,
    /// Header fields given twice with different values (the first is kept).
    pub duplicates: Vec<String>,
    pub problems: Vec<Problem>,
    /// Bytes of the package read in pass one.
    pub bytes_read: u64,
}

/// What a verification report shows about a package (the header a clerk needs, the
/// manifest, the envelope signature's kind).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageInfo {
    pub kind: PackageKind,
    #[serde(flatten)]
    pub header: Header,
    /// "none", "placeholder" or "xmldsig".
    pub envelope_signature: &'static str,
    pub manifest: Vec<Reference>,
}

/// What a package declares about one attached document, and what its bytes are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AttachmentInfo {
    pub content_id: String,
    pub content_type: String,
    pub name: String,
    pub description: String,
    /// Decoded size in bytes (absent when it could not be decoded).
    pub size: Option<u64>,
    /// What the bytes are: "PDF", "XML", "zip", "Office (compound file)", "CMS signature", "other".
    pub detected: Option<&'static str>,
}

impl AttachmentInfo {
    pub fn of(a: &Attachment) -> AttachmentInfo {
        AttachmentInfo {
            content_id: a.content_id.clone(),
            content_type: a.content_type.clone(),
            name: a.name.clone(),
            description: a.description.clone(),
            size: None,
            detected: None,
        }
    }

    /// The name to show: AttachmentName, else ContentId, else `fallback`.
    pub fn display_name(a: &Attachment, fallback: &str) -> String {
        [&a.name, &a.content_id].iter().map(|s| s.trim()).find(|s| !s.is_empty()).unwrap_or(fallback).to_string()
    }
}

/// Why a file is not read as a package at all.
#[derive(Debug, thiserror::Error)]
pub enum EdxmlError {
    #[error("not an edXML package: {0}")]
    NotAPackage(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Is this the head of an edXML package (the first element is `edXML` or
/// `edXMLEnvelope`, with any prefix, or is in the QCVN 102 namespace)?
pub fn sniff(head: &[u8]) -> bool {
    parse::root_is_package(head)
}

/// Parse a size as given on the command line: `1048576`, `64K`, `256M`, `2G` (powers of 1024).
pub fn parse_size(s: &str) -> Option<u64> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().last()? {
        (i, 'k' | 'K') => (&t[..i], 1u64 << 10),
        (i, 'm' | 'M') => (&t[..i], 1 << 20),
        (i, 'g' | 'G') => (&t[..i], 1 << 30),
        _ => (t, 1),
    };
    num.trim().parse::<u64>().ok()?.checked_mul(mult)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1048576"), Some(1 << 20));
        assert_eq!(parse_size("64K"), Some(64 << 10));
        assert_eq!(parse_size("256m"), Some(256 << 20));
        assert_eq!(parse_size("2G"), Some(2 << 30));
        assert_eq!(parse_size("x"), None);
        assert_eq!(parse_size(""), None);
    }

    #[test]
    fn sniffs_packages() {
        assert!(sniff(b"<?xml version=\"1.0\"?>\n<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">"));
        assert!(sniff(b"\xef\xbb\xbf<!-- c --><edXML:edXMLEnvelope xmlns:edXML=\"x\">"));
        assert!(sniff(b"<p:Root xmlns:p=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">"));
        assert!(!sniff(b"<?xml version=\"1.0\"?><HDon><DLHDon/></HDon>"));
        assert!(!sniff(b"%PDF-1.7"));
    }
}
