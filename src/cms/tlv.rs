//! A small TLV view over DER or BER, for callers that only need an element's extent
//! (e.g. where the CMS in a PDF `/Contents` string ends and its padding starts).
//! The BER reading itself is [`super::ber`].

/// One TLV: first identifier octet, the full encoding, and the content.
#[derive(Debug, Clone, Copy)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub full: &'a [u8],
    pub content: &'a [u8],
}

/// Read the element at the start of `data` (definite or indefinite length).
pub fn read(data: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let (e, rest) = super::ber::element(data).ok()?;
    Some((Tlv { tag: e.header.first, full: e.full, content: e.content }, rest))
}

/// The children of a constructed TLV's content.
pub fn children(content: &[u8]) -> Option<Vec<Tlv<'_>>> {
    let mut out = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let (tlv, r) = read(rest)?;
        out.push(tlv);
        rest = r;
    }
    Some(out)
}

/// For each SignerInfo of a ContentInfo(SignedData) in DER or BER, the raw signed
/// attributes (the `[0] IMPLICIT` element), in order; `None` for a SignerInfo without them.
pub fn raw_signed_attrs(content_info: &[u8]) -> Option<Vec<Option<&[u8]>>> {
    let (ci, _) = read(content_info)?;
    let explicit = *children(ci.content)?.get(1)?;
    let (sd, _) = read(explicit.content)?;
    let signer_infos = *children(sd.content)?.last()?;
    let mut out = Vec::new();
    for si in children(signer_infos.content)? {
        let items = children(si.content)?;
        out.push(items.get(3).filter(|t| t.tag == 0xa0).map(|t| t.full));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_der_and_ber_extents() {
        assert!(read(&[0x30, 0x03, 0x02, 0x01]).is_none());
        assert!(read(&[]).is_none());
        let (t, rest) = read(&[0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00, 0x00]).unwrap();
        assert_eq!(t.full.len(), 7);
        assert_eq!(rest, &[0x00]);
        let (t, rest) = read(&[0x04, 0x01, 0xaa, 0xff]).unwrap();
        assert_eq!(t.content, &[0xaa]);
        assert_eq!(rest, &[0xff]);
    }
}
