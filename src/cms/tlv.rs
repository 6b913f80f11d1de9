//! A minimal DER TLV walker. `der` re-sorts SET OF on decoding, so re-encoding parsed
//! signed attributes could differ from what was signed; the verifier takes the original
//! bytes from the input with this walker instead.

/// One TLV: tag byte, the full encoding, and the content.
#[derive(Debug, Clone, Copy)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub full: &'a [u8],
    pub content: &'a [u8],
}

/// Read the TLV at the start of `data` (definite lengths only, single-byte tags).
pub fn read(data: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let tag = *data.first()?;
    if tag & 0x1f == 0x1f {
        return None; // multi-byte tags do not occur in the structures walked here
    }
    let first = *data.get(1)? as usize;
    let (len, header) = if first < 0x80 {
        (first, 2)
    } else {
        let n = first & 0x7f;
        if n == 0 || n > 4 {
            return None; // indefinite (BER) or absurd length
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | *data.get(2 + i)? as usize;
        }
        (len, 2 + n)
    };
    let end = header.checked_add(len)?;
    let full = data.get(..end)?;
    Some((Tlv { tag, full, content: &full[header..] }, &data[end..]))
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

/// For each SignerInfo of a DER ContentInfo(SignedData), the raw signed attributes
/// (the `[0] IMPLICIT` element), in order; `None` for a SignerInfo without them.
pub fn raw_signed_attrs(content_info: &[u8]) -> Option<Vec<Option<&[u8]>>> {
    let (ci, _) = read(content_info)?;
    let ci_items = children(ci.content)?;
    let explicit = ci_items.get(1)?; // [0] EXPLICIT
    let (sd, _) = read(explicit.content)?;
    let sd_items = children(sd.content)?;
    let signer_infos = sd_items.iter().rev().find(|t| t.tag == 0x31)?;
    let mut out = Vec::new();
    for si in children(signer_infos.content)? {
        let items = children(si.content)?;
        // version, sid, digestAlgorithm, then [0] signedAttrs if present
        out.push(items.get(3).filter(|t| t.tag == 0xa0).map(|t| t.full));
    }
    Some(out)
}

/// The DER to sign or verify: the signed attributes with their `[0]` tag replaced by
/// the universal SET OF tag (RFC 5652 §5.4).
pub fn as_set(raw_attrs: &[u8]) -> Vec<u8> {
    let mut v = raw_attrs.to_vec();
    if let Some(t) = v.first_mut() {
        *t = 0x31;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_truncation_and_indefinite_lengths() {
        assert!(read(&[0x30, 0x03, 0x02, 0x01]).is_none());
        assert!(read(&[0x30, 0x80, 0x00, 0x00]).is_none());
        assert!(read(&[]).is_none());
        let (t, rest) = read(&[0x04, 0x01, 0xaa, 0xff]).unwrap();
        assert_eq!(t.content, &[0xaa]);
        assert_eq!(rest, &[0xff]);
        assert!(raw_signed_attrs(b"garbage").is_none());
    }
}
