//! BER (ITU-T X.690 §8) reading for CMS input, and its conversion to DER.
//!
//! RFC 5652 lets a SignedData be BER-encoded everywhere except the signed attributes,
//! and real signers use that: Adobe Acrobat and Windows CryptoAPI write indefinite
//! lengths, `openssl cms -stream` and Java streaming signers split the content into a
//! constructed OCTET STRING of chunks. The `der` crate reads DER only, so kyso converts
//! the input to DER first ([`to_der`]) and decodes that; the signed attributes, whose
//! exact bytes matter, are located in the original input by [`element`] and handled by
//! the parser (see `parse`).
//!
//! Written here rather than taken from a crate: the RustCrypto `der` crate is DER-only
//! by design, and the BER readers that exist (`der-parser`, `asn1-rs`, `rasn`) decode into
//! their own object models — converting between two ASN.1 models would cost more code
//! than this converter, which only has to re-frame lengths and join string chunks.
//!
//! The conversion is structural and never guesses a schema: indefinite lengths become
//! definite (minimal) ones, long-form lengths become minimal, and constructed encodings
//! of universal string types (OCTET STRING, BIT STRING, the character strings, times)
//! become primitive. Everything else is copied byte for byte. A DER input is returned
//! as is, without copying. Depth and sizes are bounded: malformed input gives an error,
//! never a panic or unbounded work.

use std::borrow::Cow;

/// Deepest nesting accepted (CMS with certificates nests about 12 levels).
pub const MAX_DEPTH: usize = 64;

/// Why BER input could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("BER: {0}")]
pub struct BerError(pub String);

fn err<T>(msg: impl Into<String>) -> Result<T, BerError> {
    Err(BerError(msg.into()))
}

/// The identifier and length octets of one element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The identifier octets (one, or more for tag numbers ≥ 31).
    pub tag_len: usize,
    /// The first identifier octet (class, constructed bit, tag number or 0x1f).
    pub first: u8,
    /// The tag number (for low tag numbers, `first & 0x1f`).
    pub number: u32,
    /// Content length; `None` for the indefinite form.
    pub len: Option<usize>,
    /// Identifier plus length octets.
    pub header_len: usize,
    /// The length was written in a longer form than needed (allowed in BER, not DER).
    pub non_minimal_len: bool,
}

impl Header {
    pub fn constructed(&self) -> bool {
        self.first & 0x20 != 0
    }
    pub fn universal(&self) -> bool {
        self.first & 0xc0 == 0
    }
}

/// Read the identifier and length octets at the start of `data`.
pub fn header(data: &[u8]) -> Result<Header, BerError> {
    let first = *data.first().ok_or_else(|| BerError("truncated (no tag)".into()))?;
    let mut pos = 1;
    let mut number = u32::from(first & 0x1f);
    if number == 0x1f {
        number = 0;
        loop {
            let b = *data.get(pos).ok_or_else(|| BerError("truncated tag".into()))?;
            pos += 1;
            if number > (u32::MAX >> 7) {
                return err("tag number too large");
            }
            number = (number << 7) | u32::from(b & 0x7f);
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let tag_len = pos;
    let l = *data.get(pos).ok_or_else(|| BerError("truncated length".into()))?;
    pos += 1;
    let (len, non_minimal_len) = if l < 0x80 {
        (Some(l as usize), false)
    } else if l == 0x80 {
        if first & 0x20 == 0 {
            return err("indefinite length on a primitive element");
        }
        (None, false)
    } else {
        let n = (l & 0x7f) as usize;
        if n > 8 || n == 0x7f {
            return err("length too long");
        }
        let bytes = data.get(pos..pos + n).ok_or_else(|| BerError("truncated length".into()))?;
        pos += n;
        let mut len: u64 = 0;
        for &b in bytes {
            len = (len << 8) | u64::from(b);
        }
        let len = usize::try_from(len).map_err(|_| BerError("length too large".into()))?;
        let minimal = len >= 0x80 && bytes.first() != Some(&0);
        (Some(len), !minimal)
    };
    Ok(Header { tag_len, first, number, len, header_len: pos, non_minimal_len })
}

/// One element found in BER input.
#[derive(Debug, Clone, Copy)]
pub struct Element<'a> {
    pub header: Header,
    /// The whole encoding: identifier, length, content and (indefinite form) end-of-contents.
    pub full: &'a [u8],
    /// The content octets (without the end-of-contents octets).
    pub content: &'a [u8],
}

/// The element at the start of `data`, and the bytes after it.
pub fn element(data: &[u8]) -> Result<(Element<'_>, &[u8]), BerError> {
    element_at(data, 0)
}

fn element_at(data: &[u8], depth: usize) -> Result<(Element<'_>, &[u8]), BerError> {
    if depth > MAX_DEPTH {
        return err(format!("nested deeper than {MAX_DEPTH} levels"));
    }
    let h = header(data)?;
    let body = &data[h.header_len..];
    match h.len {
        Some(len) => {
            let content = body.get(..len).ok_or_else(|| BerError("truncated content".into()))?;
            let end = h.header_len + len;
            Ok((Element { header: h, full: &data[..end], content }, &data[end..]))
        }
        None => {
            let mut rest = body;
            loop {
                if rest.starts_with(&[0, 0]) {
                    let content_len = body.len() - rest.len();
                    let end = h.header_len + content_len + 2;
                    let e = Element { header: h, full: &data[..end], content: &body[..content_len] };
                    return Ok((e, &data[end..]));
                }
                if rest.is_empty() {
                    return err("indefinite length without end-of-contents");
                }
                let (_, r) = element_at(rest, depth + 1)?;
                rest = r;
            }
        }
    }
}

/// The children of a constructed element's content.
pub fn children(content: &[u8]) -> Result<Vec<Element<'_>>, BerError> {
    let mut out = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let (e, r) = element_at(rest, 1)?;
        out.push(e);
        rest = r;
    }
    Ok(out)
}

/// Universal types whose constructed form is a sequence of chunks to join.
fn is_string_type(number: u32) -> bool {
    matches!(number, 3 | 4 | 7 | 12 | 18..=30)
}

/// Convert the element at the start of `data` to DER. Returns the DER (borrowed when
/// the input already was DER) and how many input bytes the element took.
pub fn to_der(data: &[u8]) -> Result<(Cow<'_, [u8]>, usize), BerError> {
    let (e, _) = element(data)?;
    let used = e.full.len();
    if is_der(&e, 0)? {
        return Ok((Cow::Borrowed(e.full), used));
    }
    let mut out = Vec::with_capacity(used);
    convert(&e, 0, &mut out)?;
    Ok((Cow::Owned(out), used))
}

/// Whether an element is already DER as far as framing goes (definite, minimal lengths;
/// no constructed strings). Values inside primitives are not judged here.
fn is_der(e: &Element<'_>, depth: usize) -> Result<bool, BerError> {
    if depth > MAX_DEPTH {
        return err(format!("nested deeper than {MAX_DEPTH} levels"));
    }
    let h = e.header;
    if h.len.is_none() || h.non_minimal_len {
        return Ok(false);
    }
    if !h.constructed() {
        return Ok(true);
    }
    if h.universal() && is_string_type(h.number) {
        return Ok(false);
    }
    let mut rest = e.content;
    while !rest.is_empty() {
        let (c, r) = element_at(rest, depth + 1)?;
        if !is_der(&c, depth + 1)? {
            return Ok(false);
        }
        rest = r;
    }
    Ok(true)
}

fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// A DER element from its identifier octets and content.
pub fn der_tlv(tag: &[u8], content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + tag.len() + 9);
    push_tlv(&mut out, tag, content);
    out
}

/// Write the DER identifier, length and content.
fn push_tlv(out: &mut Vec<u8>, tag: &[u8], content: &[u8]) {
    out.extend_from_slice(tag);
    push_len(out, content.len());
    out.extend_from_slice(content);
}

fn convert(e: &Element<'_>, depth: usize, out: &mut Vec<u8>) -> Result<(), BerError> {
    if depth > MAX_DEPTH {
        return err(format!("nested deeper than {MAX_DEPTH} levels"));
    }
    let h = e.header;
    let tag = &e.full[..h.tag_len];
    if !h.constructed() {
        push_tlv(out, tag, e.content);
        return Ok(());
    }
    if h.universal() && is_string_type(h.number) {
        let mut joined = Vec::new();
        let mut unused = 0u8;
        join_chunks(e, h.number, depth, &mut joined, &mut unused)?;
        let mut prim = tag.to_vec();
        prim[0] &= !0x20;
        if h.number == 3 {
            let mut content = Vec::with_capacity(joined.len() + 1);
            content.push(unused);
            content.extend_from_slice(&joined);
            push_tlv(out, &prim, &content);
        } else {
            push_tlv(out, &prim, &joined);
        }
        return Ok(());
    }
    if h.len.is_some() && !h.non_minimal_len && is_der(e, depth)? {
        out.extend_from_slice(e.full);
        return Ok(());
    }
    let mut content = Vec::with_capacity(e.content.len());
    let mut rest = e.content;
    while !rest.is_empty() {
        let (c, r) = element_at(rest, depth + 1)?;
        convert(&c, depth + 1, &mut content)?;
        rest = r;
    }
    push_tlv(out, tag, &content);
    Ok(())
}

/// The chunks of a constructed string, joined (X.690 §8.7.3, §8.6.3: each chunk has the
/// string's universal type; for BIT STRING only the last may have unused bits).
fn join_chunks(e: &Element<'_>, number: u32, depth: usize, out: &mut Vec<u8>, unused: &mut u8) -> Result<(), BerError> {
    if depth > MAX_DEPTH {
        return err(format!("nested deeper than {MAX_DEPTH} levels"));
    }
    let mut rest = e.content;
    while !rest.is_empty() {
        let (c, r) = element_at(rest, depth + 1)?;
        if !c.header.universal() || c.header.number != number {
            return err("a chunk of a constructed string has another type");
        }
        if *unused != 0 {
            return err("a BIT STRING chunk with unused bits is not the last");
        }
        if c.header.constructed() {
            join_chunks(&c, number, depth + 1, out, unused)?;
        } else if number == 3 {
            let (&u, bits) = c.content.split_first().ok_or_else(|| BerError("empty BIT STRING chunk".into()))?;
            if u > 7 {
                return err("BIT STRING with more than 7 unused bits");
            }
            out.extend_from_slice(bits);
            *unused = u;
        } else {
            out.extend_from_slice(c.content);
        }
        rest = r;
    }
    Ok(())
}

/// DER of a SET OF whose elements are given (each already DER): sorted by their
/// encodings, as X.690 §11.6 requires.
pub fn der_set_of(tag: u8, mut items: Vec<Vec<u8>>) -> Vec<u8> {
    items.sort();
    let content: Vec<u8> = items.concat();
    let mut out = Vec::with_capacity(content.len() + 6);
    push_tlv(&mut out, &[tag], &content);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_is_borrowed() {
        let der = [0x30, 0x03, 0x02, 0x01, 0x05];
        let (out, used) = to_der(&der).unwrap();
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(used, 5);
    }

    #[test]
    fn indefinite_and_chunks() {
        // SEQUENCE (indefinite) { OCTET STRING constructed (indefinite) { "ab", "c" }, INTEGER 5 }
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00, 0x00, 0x02, 0x01, 0x05, 0x00, 0x00,
            0xff,
        ];
        let (out, used) = to_der(&ber).unwrap();
        assert_eq!(used, ber.len() - 1);
        assert_eq!(&out[..], &[0x30, 0x08, 0x04, 0x03, b'a', b'b', b'c', 0x02, 0x01, 0x05]);
    }

    #[test]
    fn long_lengths_and_bit_strings() {
        // OCTET STRING with a non-minimal length, BIT STRING in two chunks.
        let ber =
            [0x30, 0x81, 0x0e, 0x04, 0x81, 0x01, 0xaa, 0x23, 0x08, 0x03, 0x02, 0x00, 0x01, 0x03, 0x02, 0x04, 0xf0];
        let (out, _) = to_der(&ber).unwrap();
        assert_eq!(&out[..], &[0x30, 0x08, 0x04, 0x01, 0xaa, 0x03, 0x03, 0x04, 0x01, 0xf0]);
    }

    #[test]
    fn refuses_malformed() {
        assert!(to_der(&[0x30, 0x80, 0x02, 0x01]).is_err());
        assert!(to_der(&[0x04, 0x80, 0x00, 0x00]).is_err());
        assert!(to_der(&[0x30, 0x89, 0, 0, 0, 0, 0, 0, 0, 0, 1]).is_err());
        assert!(to_der(&[]).is_err());
        // a chunk of another type inside a constructed OCTET STRING
        assert!(to_der(&[0x24, 0x03, 0x02, 0x01, 0x00]).is_err());
        let mut deep = [0x30, 0x80].repeat(MAX_DEPTH + 2);
        deep.extend(vec![0x00; 2 * (MAX_DEPTH + 2)]);
        assert!(to_der(&deep).is_err());
    }

    #[test]
    fn set_of_is_sorted() {
        assert_eq!(
            der_set_of(0x31, vec![vec![0x02, 0x01, 0x07], vec![0x02, 0x01, 0x03]]),
            vec![0x31, 0x06, 0x02, 0x01, 0x03, 0x02, 0x01, 0x07]
        );
    }
}
