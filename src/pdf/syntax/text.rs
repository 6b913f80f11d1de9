//! PDF text strings (ISO 32000-1 §7.9.2.2): UTF-16BE with a byte-order mark, UTF-8 with
//! one (PDF 2.0), otherwise PDFDocEncoding.

/// PDFDocEncoding code points for bytes 0x18..=0x1F and 0x80..=0xAD that
/// differ from Latin-1 (0 = undefined).
const PDFDOC_18: [u16; 8] = [0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC];
const PDFDOC_80: [u16; 32] = [
    0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212, 0x2030, 0x201E, 0x201C,
    0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142,
    0x0153, 0x0161, 0x017E, 0,
];

/// Decode a PDF text string: UTF-16BE with BOM, UTF-8 with BOM (PDF 2.0),
/// otherwise PDFDocEncoding. Invalid sequences become U+FFFD.
pub fn decode_text_string(b: &[u8]) -> String {
    if let Some(rest) = b.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| match c {
                [hi, lo] => u16::from_be_bytes([*hi, *lo]),
                _ => 0xFFFD,
            })
            .collect();
        return char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect();
    }
    if let Some(rest) = b.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    b.iter()
        .map(|&c| {
            let cp = match c {
                0x18..=0x1F => PDFDOC_18[(c - 0x18) as usize] as u32,
                0x80..=0x9F => PDFDOC_80[(c - 0x80) as usize] as u32,
                0xA0 => 0x20AC,
                0xAD => 0xFFFD,
                _ => c as u32,
            };
            char::from_u32(cp).filter(|_| cp != 0 || c == 0).unwrap_or('\u{FFFD}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings() {
        assert_eq!(decode_text_string(b"abc"), "abc");
        assert_eq!(decode_text_string(b"\xFE\xFF\x00P\x00h\x00\xEA"), "Phê");
        assert_eq!(decode_text_string(b"\xEF\xBB\xBFPh\xC3\xAA"), "Phê");
        assert_eq!(decode_text_string(b"\x80\xA0\xE9"), "•€é");
        assert_eq!(decode_text_string(b"\xFE\xFF\x00"), "\u{FFFD}");
    }
}
