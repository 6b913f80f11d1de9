//! Recognising a document's format by its content, not its name.

use std::io::Read;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    Pdf,
    Xml,
    /// A CMS signature file (DER SEQUENCE with the signedData OID, or PEM `CMS`/`PKCS7`).
    Cms,
    Other,
}

/// Look at the first bytes of a file.
pub fn sniff(path: &Path) -> std::io::Result<DocFormat> {
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)?.take(1024).read_to_end(&mut head)?;
    Ok(sniff_bytes(&head))
}

pub fn sniff_bytes(head: &[u8]) -> DocFormat {
    // ISO 32000: the header may be preceded by junk within the first 1024 bytes.
    if head.windows(5).any(|w| w == b"%PDF-") {
        return DocFormat::Pdf;
    }
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let trimmed = text.iter().position(|b| !b.is_ascii_whitespace()).map(|i| &text[i..]).unwrap_or(&[]);
    if trimmed.starts_with(b"<?xml")
        || (trimmed.starts_with(b"<") && trimmed.get(1).is_some_and(|b| b.is_ascii_alphabetic()))
    {
        return DocFormat::Xml;
    }
    const SIGNED_DATA_OID: &[u8] = &[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
    if head.first() == Some(&0x30) && head.windows(SIGNED_DATA_OID.len()).take(8).any(|w| w == SIGNED_DATA_OID) {
        return DocFormat::Cms;
    }
    if head.starts_with(b"-----BEGIN CMS-----") || head.starts_with(b"-----BEGIN PKCS7-----") {
        return DocFormat::Cms;
    }
    DocFormat::Other
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
}
