//! Recognising a document's format by its structure, not its name, in this order: CMS
//! (a `.p7m` whose content is a PDF is a CMS file, though `%PDF-` appears in its first
//! bytes), PDF, XML.

use std::io::Read;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    Pdf,
    Xml,
    /// A CMS SignedData: a BER/DER ContentInfo with the signedData OID, or PEM/base64 of one.
    Cms,
    Other,
}

/// Look at the first bytes of a file.
pub fn sniff(path: &Path) -> std::io::Result<DocFormat> {
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)?.take(1024).read_to_end(&mut head)?;
    Ok(sniff_bytes(&head))
}

/// The DER of the signedData OID (1.2.840.113549.1.7.2).
const SIGNED_DATA_OID: &[u8] = &[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/// A ContentInfo SEQUENCE (any length form) that starts with the signedData OID.
fn is_cms(head: &[u8]) -> bool {
    match crate::cms::ber::header(head) {
        Ok(h) if h.first == 0x30 => head[h.header_len..].starts_with(SIGNED_DATA_OID),
        _ => false,
    }
}

fn is_cms_text(head: &[u8]) -> bool {
    let t = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let t = &t[t.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(t.len())..];
    if [&b"-----BEGIN CMS-----"[..], b"-----BEGIN PKCS7-----", b"-----BEGIN PKCS #7 SIGNED DATA-----"]
        .iter()
        .any(|p| t.starts_with(p))
    {
        return true;
    }
    // Bare base64 of a DER ContentInfo(SignedData) ("MII…BgkqhkiG9w0BBwKg"), as some
    // mail and e-government gateways save .p7s files.
    use base64::Engine;
    let take: Vec<u8> = t.iter().copied().filter(|b| !b.is_ascii_whitespace()).take(64).collect();
    take.starts_with(b"MI")
        && base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(&take[..take.len() / 4 * 4])
            .or_else(|_| base64::engine::general_purpose::STANDARD.decode(&take[..take.len() / 4 * 4]))
            .is_ok_and(|d| is_cms(&d))
}

pub fn sniff_bytes(head: &[u8]) -> DocFormat {
    if is_cms(head) || is_cms_text(head) {
        return DocFormat::Cms;
    }
    // ISO 32000: the header may be preceded by junk within the first 1024 bytes.
    if head.windows(5).any(|w| w == b"%PDF-") {
        return DocFormat::Pdf;
    }
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let trimmed = text.iter().position(|b| !b.is_ascii_whitespace()).map(|i| &text[i..]).unwrap_or(&[]);
    if trimmed.starts_with(b"<?xml")
        || trimmed.starts_with(b"<!--")
        || (trimmed.starts_with(b"<") && trimmed.get(1).is_some_and(|b| b.is_ascii_alphabetic()))
    {
        return DocFormat::Xml;
    }
    DocFormat::Other
}

/// The format a file's name promises (`.pdf`, `.xml`, `.p7s`, `.p7m`), for saying
/// "not a PDF" rather than "unsigned" when the content is something else.
pub fn expected_by_name(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some("PDF"),
        "xml" => Some("XML"),
        "p7s" | "p7m" | "p7b" | "p7c" | "pkcs7" => Some("CMS"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs() {
        assert_eq!(sniff_bytes(b"%PDF-1.7\n"), DocFormat::Pdf);
        assert_eq!(sniff_bytes(b"\xef\xbb\xbf<?xml version=\"1.0\"?><a/>"), DocFormat::Xml);
        assert_eq!(sniff_bytes(b"  \n<HDon>"), DocFormat::Xml);
        assert_eq!(sniff_bytes(b"hello"), DocFormat::Other);
        assert_eq!(sniff_bytes(b"<3 love"), DocFormat::Other);
    }

    #[test]
    fn cms_before_pdf() {
        // BER (indefinite) ContentInfo(SignedData) whose content starts with a PDF header.
        let mut p7m = vec![0x30, 0x80];
        p7m.extend_from_slice(SIGNED_DATA_OID);
        p7m.extend_from_slice(b"\xa0\x80\x30\x80...%PDF-1.7\n");
        assert_eq!(sniff_bytes(&p7m), DocFormat::Cms);
        let mut der = vec![0x30, 0x82, 0x01, 0x00];
        der.extend_from_slice(SIGNED_DATA_OID);
        assert_eq!(sniff_bytes(&der), DocFormat::Cms);
        assert_eq!(sniff_bytes(b"-----BEGIN PKCS7-----\nMIAG"), DocFormat::Cms);
        assert_eq!(sniff_bytes(b"MIAGCSqGSIb3DQEHAqCAMIACAQEx\n"), DocFormat::Cms);
        // another SEQUENCE (a certificate) is not CMS
        assert_eq!(sniff_bytes(&[0x30, 0x82, 0x01, 0x00, 0x30, 0x82]), DocFormat::Other);
        assert_eq!(expected_by_name(Path::new("x.PDF")), Some("PDF"));
        assert_eq!(expected_by_name(Path::new("x.docx")), None);
    }
}
