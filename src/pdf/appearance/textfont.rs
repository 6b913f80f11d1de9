//! Decoding a PDF font's character codes to text and advances (for [`super::textfind`]):
//! ToUnicode CMaps (bfchar/bfrange, codespace ranges), the simple-font encodings
//! (WinAnsi / Standard / MacRoman base + /Differences, glyph names), /Widths and /W,
//! and the descriptor's ascent and descent. Broken fonts fall back, never panic.

use std::collections::HashMap;

use crate::pdf::syntax::lexer::{Lexer, Token};
use crate::pdf::syntax::object::Object;
use crate::pdf::syntax::reader::PdfReader;

#[derive(Debug, Default)]
pub(super) struct FontInfo {
    /// Type0: multi-byte codes.
    pub(super) composite: bool,
    /// Code lengths from the ToUnicode codespace ranges (composite fonts).
    pub(super) code_lens: Vec<(usize, u32, u32)>,
    pub(super) to_unicode: HashMap<u32, String>,
    /// Simple fonts: code -> char from the encoding.
    pub(super) encoding: Vec<Option<char>>,
    pub(super) widths: HashMap<u32, f64>,
    pub(super) default_width: f64,
    pub(super) ascent: f64,
    pub(super) descent: f64,
    /// Glyph space -> text space (0.001 except Type3).
    pub(super) scale: f64,
}

impl FontInfo {
    pub(super) fn fallback() -> FontInfo {
        FontInfo {
            encoding: std_table(&WIN_ANSI_HIGH),
            default_width: 500.0,
            ascent: 800.0,
            descent: -200.0,
            scale: 0.001,
            ..FontInfo::default()
        }
    }

    /// Split a string into (code, byte length).
    pub(super) fn codes(&self, s: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(s.len());
        if !self.composite {
            return s.iter().map(|&b| (u32::from(b), 1)).collect();
        }
        let mut i = 0;
        while i < s.len() {
            let mut len = 2;
            if !self.code_lens.is_empty() {
                len = self
                    .code_lens
                    .iter()
                    .find(|(n, lo, hi)| {
                        let c = code_of(s.get(i..i + n).unwrap_or(&[]), *n);
                        c.is_some_and(|c| (*lo..=*hi).contains(&c))
                    })
                    .map(|e| e.0)
                    .unwrap_or(2);
            }
            let c = code_of(s.get(i..(i + len).min(s.len())).unwrap_or(&[]), len)
                .unwrap_or_else(|| s.get(i..).unwrap_or(&[]).iter().fold(0u32, |a, &b| (a << 8) | u32::from(b)));
            out.push((c, len));
            i += len;
        }
        out
    }

    pub(super) fn text(&self, code: u32) -> String {
        if let Some(s) = self.to_unicode.get(&code) {
            return s.clone();
        }
        if self.composite {
            return "\u{FFFD}".into();
        }
        match self.encoding.get(code as usize).copied().flatten() {
            Some(c) => c.to_string(),
            None => char::from_u32(code).map(String::from).unwrap_or_default(),
        }
    }

    pub(super) fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default_width)
    }
}

fn code_of(b: &[u8], n: usize) -> Option<u32> {
    if b.len() != n || n == 0 || n > 4 {
        return None;
    }
    Some(b.iter().fold(0u32, |a, &x| (a << 8) | u32::from(x)))
}

pub(super) fn num(reader: &PdfReader, o: Option<&Object>) -> Option<f64> {
    let v = reader.get(o?).ok()?.as_f64()?;
    v.is_finite().then_some(v)
}

pub(super) fn load_font(reader: &PdfReader, font: &Object) -> FontInfo {
    let mut fi = FontInfo::fallback();
    let Ok(fo) = reader.get(font) else { return fi };
    let Some(fd) = fo.as_dict() else { return fi };
    let subtype = fd.get_name(b"Subtype").unwrap_or(b"");
    fi.composite = subtype == b"Type0";
    if subtype == b"Type3"
        && let Ok(m) = reader.get(fd.get(b"FontMatrix").unwrap_or(&Object::Null))
        && let Some(a) = m.as_array().and_then(|a| a.first()).and_then(Object::as_f64)
        && a.is_finite()
        && a.abs() < 10.0
        && a != 0.0
    {
        fi.scale = a.abs();
    }
    // widths
    let mut descriptor_holder = fd.clone();
    if fi.composite {
        fi.default_width = 1000.0;
        let desc = reader
            .get(fd.get(b"DescendantFonts").unwrap_or(&Object::Null))
            .ok()
            .and_then(|a| a.as_array().and_then(|a| a.first().cloned()))
            .and_then(|d| reader.get(&d).ok())
            .and_then(|d| d.as_dict().cloned());
        if let Some(cd) = desc {
            if let Some(dw) = num(reader, cd.get(b"DW")) {
                fi.default_width = dw;
            }
            if let Ok(w) = reader.get(cd.get(b"W").unwrap_or(&Object::Null)) {
                parse_w(reader, w.as_array().unwrap_or(&[]), &mut fi.widths);
            }
            descriptor_holder = cd;
        }
    } else {
        let first = num(reader, fd.get(b"FirstChar")).unwrap_or(0.0);
        if let Ok(w) = reader.get(fd.get(b"Widths").unwrap_or(&Object::Null)) {
            for (i, o) in w.as_array().unwrap_or(&[]).iter().take(65_536).enumerate() {
                if let Some(v) = num(reader, Some(o)) {
                    let code = first + i as f64;
                    if (0.0..65_536.0).contains(&code) {
                        fi.widths.insert(code as u32, v);
                    }
                }
            }
        }
        // encoding
        let enc = reader.get(fd.get(b"Encoding").unwrap_or(&Object::Null)).unwrap_or(Object::Null);
        let (base, diffs) = match &enc {
            Object::Name(n) => (Some(n.clone()), None),
            o => match o.as_dict() {
                Some(d) => (
                    d.get_name(b"BaseEncoding").map(<[u8]>::to_vec),
                    reader.get(d.get(b"Differences").unwrap_or(&Object::Null)).ok(),
                ),
                None => (None, None),
            },
        };
        fi.encoding = match base.as_deref() {
            Some(b"StandardEncoding") => std_table(&STANDARD_HIGH),
            Some(b"MacRomanEncoding") => std_table(&MAC_ROMAN_HIGH),
            _ => std_table(&WIN_ANSI_HIGH),
        };
        if base.as_deref() == Some(b"StandardEncoding") {
            fi.encoding[0x27] = Some('\u{2019}');
            fi.encoding[0x60] = Some('\u{2018}');
        }
        if let Some(Object::Array(a)) = diffs {
            let mut code: Option<usize> = None;
            for o in a.iter().take(100_000) {
                match o {
                    Object::Integer(i) => code = usize::try_from(*i).ok(),
                    Object::Name(n) => {
                        if let Some(c) = code {
                            if let Some(slot) = fi.encoding.get_mut(c) {
                                *slot = glyph_name_char(n);
                            }
                            code = Some(c + 1);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    if let Some(desc) = reader
        .get(descriptor_holder.get(b"FontDescriptor").unwrap_or(&Object::Null))
        .ok()
        .and_then(|d| d.as_dict().cloned())
    {
        if !fi.composite
            && let Some(mw) = num(reader, desc.get(b"MissingWidth"))
        {
            fi.default_width = mw;
        }
        if let Some(a) = num(reader, desc.get(b"Ascent")).filter(|a| *a > 100.0 && *a < 2000.0) {
            fi.ascent = a;
        }
        if let Some(d) = num(reader, desc.get(b"Descent")).filter(|d| *d < 0.0 && *d > -1000.0) {
            fi.descent = d;
        }
    }
    // ToUnicode
    if let Ok(Object::Stream(s)) = reader.get(fd.get(b"ToUnicode").unwrap_or(&Object::Null))
        && let Ok(data) = reader.stream_data_capped(&s, 4 << 20)
    {
        let (map, lens) = parse_cmap(&data);
        fi.to_unicode = map;
        if fi.composite {
            fi.code_lens = lens;
        }
    }
    fi
}

fn parse_w(reader: &PdfReader, w: &[Object], out: &mut HashMap<u32, f64>) {
    let mut i = 0;
    let mut budget = 200_000usize;
    while i < w.len() && budget > 0 {
        let Some(first) = num(reader, w.get(i)).filter(|v| *v >= 0.0 && *v < 4.0e9) else {
            break;
        };
        let first = first as u32;
        match w.get(i + 1).and_then(|o| reader.get(o).ok()) {
            Some(Object::Array(ws)) => {
                for (k, o) in ws.iter().enumerate() {
                    if budget == 0 {
                        break;
                    }
                    budget -= 1;
                    if let Some(v) = num(reader, Some(o)) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = o.as_f64().unwrap_or(-1.0);
                let Some(v) = num(reader, w.get(i + 2)) else {
                    break;
                };
                if last >= f64::from(first) && last < 4.0e9 {
                    let mut c = first;
                    while c <= last as u32 && budget > 0 {
                        out.insert(c, v);
                        budget -= 1;
                        c = c.saturating_add(1);
                        if c == u32::MAX {
                            break;
                        }
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
}

fn utf16be(b: &[u8]) -> String {
    let units: Vec<u16> = b.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
    char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect()
}

/// ToUnicode CMap: code -> text, and the codespace ranges as
/// (byte length, lo, hi).
/// Code -> text of a ToUnicode CMap.
pub type UnicodeMap = HashMap<u32, String>;
/// Codespace ranges: (byte length, lo, hi).
pub type CodeSpaces = Vec<(usize, u32, u32)>;

pub fn parse_cmap(data: &[u8]) -> (UnicodeMap, CodeSpaces) {
    let mut map = HashMap::new();
    let mut lens = Vec::new();
    let mut lex = Lexer::new(data, 0);
    let mut mode = 0u8; // 1 codespace, 2 bfchar, 3 bfrange
    let mut ops: Vec<Token> = Vec::new();
    let mut guard = 0usize;
    loop {
        guard += 1;
        if guard > 2_000_000 {
            break;
        }
        let pos = lex.pos();
        let tok = match lex.next_token() {
            Ok(Some(t)) => t,
            Ok(None) => break,
            Err(_) => {
                lex.set_pos(pos.max(lex.pos()) + 1);
                continue;
            }
        };
        match tok {
            Token::Keyword(k) => {
                match k {
                    b"begincodespacerange" => mode = 1,
                    b"beginbfchar" => mode = 2,
                    b"beginbfrange" => mode = 3,
                    b"endcodespacerange" | b"endbfchar" | b"endbfrange" => mode = 0,
                    _ => {}
                }
                ops.clear();
            }
            Token::ArrayOpen if mode == 3 => {
                // <lo> <hi> [<d0> <d1> ...]
                let mut arr = Vec::new();
                loop {
                    match lex.next_token() {
                        Ok(Some(Token::String(s))) => arr.push(s.bytes),
                        Ok(Some(Token::ArrayClose)) | Ok(None) | Err(_) => break,
                        Ok(Some(_)) => {}
                    }
                    if arr.len() > 65_536 {
                        break;
                    }
                }
                if let [Token::String(lo), Token::String(hi)] = ops.as_slice()
                    && let (Some(l), Some(h)) = (code_of(&lo.bytes, lo.bytes.len()), code_of(&hi.bytes, hi.bytes.len()))
                {
                    for (k, d) in arr.iter().enumerate() {
                        let c = l.saturating_add(k as u32);
                        if c > h {
                            break;
                        }
                        map.insert(c, utf16be(d));
                    }
                }
                ops.clear();
            }
            t => {
                ops.push(t);
                match (mode, ops.as_slice()) {
                    (1, [Token::String(lo), Token::String(hi)]) => {
                        let n = lo.bytes.len();
                        if let (Some(l), Some(h)) = (code_of(&lo.bytes, n), code_of(&hi.bytes, n)) {
                            lens.push((n, l, h));
                        }
                        ops.clear();
                    }
                    (2, [Token::String(src), Token::String(dst)]) => {
                        if let Some(c) = code_of(&src.bytes, src.bytes.len()) {
                            map.insert(c, utf16be(&dst.bytes));
                        }
                        ops.clear();
                    }
                    (2, [_, _]) => ops.clear(),
                    (3, [Token::String(lo), Token::String(hi), Token::String(dst)]) => {
                        let n = lo.bytes.len();
                        if let (Some(l), Some(h)) = (code_of(&lo.bytes, n), code_of(&hi.bytes, n)) {
                            let base = dst.bytes.clone();
                            let count = h.saturating_sub(l).min(65_535);
                            for k in 0..=count {
                                let mut d = base.clone();
                                // increment the last byte(s) of the destination
                                let mut carry = k;
                                for b in d.iter_mut().rev() {
                                    let v = u32::from(*b) + (carry & 0xFF);
                                    *b = (v & 0xFF) as u8;
                                    carry = (carry >> 8) + (v >> 8);
                                    if carry == 0 {
                                        break;
                                    }
                                }
                                map.insert(l + k, utf16be(&d));
                            }
                        }
                        ops.clear();
                    }
                    (3, [_, _, _]) => ops.clear(),
                    (_, o) if o.len() > 3 => ops.clear(),
                    _ => {}
                }
            }
        }
    }
    (map, lens)
}

fn std_table(high: &[(u8, char)]) -> Vec<Option<char>> {
    let mut t: Vec<Option<char>> = (0u32..256)
        .map(|c| match c {
            0x20..=0x7E | 0xA0..=0xFF => char::from_u32(c),
            _ => None,
        })
        .collect();
    for &(c, ch) in high {
        t[c as usize] = Some(ch);
    }
    t
}

const WIN_ANSI_HIGH: [(u8, char); 27] = [
    (0x80, '€'),
    (0x82, '‚'),
    (0x83, 'ƒ'),
    (0x84, '„'),
    (0x85, '…'),
    (0x86, '†'),
    (0x87, '‡'),
    (0x88, 'ˆ'),
    (0x89, '‰'),
    (0x8A, 'Š'),
    (0x8B, '‹'),
    (0x8C, 'Œ'),
    (0x8E, 'Ž'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x98, '˜'),
    (0x99, '™'),
    (0x9A, 'š'),
    (0x9B, '›'),
    (0x9C, 'œ'),
    (0x9E, 'ž'),
    (0x9F, 'Ÿ'),
];
/// StandardEncoding's upper half differs from Latin-1; the common
/// punctuation is mapped, letters with diacritics do not exist there.
const STANDARD_HIGH: [(u8, char); 8] =
    [(0xA1, '¡'), (0xA2, '¢'), (0xA3, '£'), (0xA9, '\''), (0xAA, '“'), (0xB1, '–'), (0xBA, '”'), (0xD0, '—')];
const MAC_ROMAN_HIGH: [(u8, char); 16] = [
    (0x80, 'Ä'),
    (0x81, 'Å'),
    (0x82, 'Ç'),
    (0x83, 'É'),
    (0x84, 'Ñ'),
    (0x85, 'Ö'),
    (0x86, 'Ü'),
    (0x87, 'á'),
    (0x88, 'à'),
    (0x89, 'â'),
    (0x8A, 'ä'),
    (0x8B, 'ã'),
    (0x8E, 'é'),
    (0x8F, 'è'),
    (0xD2, '“'),
    (0xD3, '”'),
];

/// Glyph name -> char: `uniXXXX`, `uXXXX[XX]`, single letters, digits,
/// common punctuation and the Latin-1 / Vietnamese letters.
pub fn glyph_name_char(n: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(n).ok()?;
    let s = s.split('.').next().unwrap_or(s);
    let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    if let Some(h) = s.strip_prefix("uni")
        && h.len() >= 4
    {
        return hex(&h[..4]);
    }
    if let Some(h) = s.strip_prefix('u')
        && (4..=6).contains(&h.len())
        && h.chars().all(|c| c.is_ascii_hexdigit())
    {
        return hex(h);
    }
    let mut cs = s.chars();
    if let (Some(c), None) = (cs.next(), cs.next())
        && c.is_ascii_alphabetic()
    {
        return Some(c);
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("exclam", '!'),
        ("quotedbl", '"'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("percent", '%'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("quoteright", '’'),
        ("quoteleft", '‘'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '−'),
        ("period", '.'),
        ("slash", '/'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("less", '<'),
        ("equal", '='),
        ("greater", '>'),
        ("question", '?'),
        ("at", '@'),
        ("bracketleft", '['),
        ("backslash", '\\'),
        ("bracketright", ']'),
        ("asciicircum", '^'),
        ("underscore", '_'),
        ("grave", '`'),
        ("braceleft", '{'),
        ("bar", '|'),
        ("braceright", '}'),
        ("asciitilde", '~'),
        ("endash", '–'),
        ("emdash", '—'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("bullet", '•'),
        ("ellipsis", '…'),
        ("degree", '°'),
        ("section", '§'),
        ("paragraph", '¶'),
        ("nbspace", '\u{A0}'),
        ("Dcroat", 'Đ'),
        ("dcroat", 'đ'),
        ("Ohorn", 'Ơ'),
        ("ohorn", 'ơ'),
        ("Uhorn", 'Ư'),
        ("uhorn", 'ư'),
        ("Abreve", 'Ă'),
        ("abreve", 'ă'),
        ("Itilde", 'Ĩ'),
        ("itilde", 'ĩ'),
        ("Utilde", 'Ũ'),
        ("utilde", 'ũ'),
        ("Eth", 'Ð'),
        ("eth", 'ð'),
        ("germandbls", 'ß'),
        ("AE", 'Æ'),
        ("ae", 'æ'),
        ("Oslash", 'Ø'),
        ("oslash", 'ø'),
        ("Thorn", 'Þ'),
        ("thorn", 'þ'),
        ("fi", '\u{FB01}'),
        ("fl", '\u{FB02}'),
    ];
    if let Some(&(_, c)) = NAMES.iter().find(|(k, _)| *k == s) {
        return Some(c);
    }
    // Latin-1 letters: base letter + accent name.
    const ACCENTS: &[(&str, [char; 2], &str)] = &[
        ("grave", ['\u{0300}', ' '], "AEIOUaeiou"),
        ("acute", ['\u{0301}', ' '], "AEIOUYaeiouy"),
        ("circumflex", ['\u{0302}', ' '], "AEIOUaeiou"),
        ("tilde", ['\u{0303}', ' '], "ANOano"),
        ("dieresis", ['\u{0308}', ' '], "AEIOUaeiouy"),
        ("ring", ['\u{030A}', ' '], "Aa"),
        ("cedilla", ['\u{0327}', ' '], "Cc"),
    ];
    let mut chars = s.chars();
    let base = chars.next()?;
    let rest = chars.as_str();
    for (name, _, bases) in ACCENTS {
        if rest == *name && bases.contains(base) {
            return latin1_compose(base, name);
        }
    }
    None
}

fn latin1_compose(base: char, accent: &str) -> Option<char> {
    let table: &[(char, &str)] = match accent {
        "grave" => &[
            ('A', "À"),
            ('E', "È"),
            ('I', "Ì"),
            ('O', "Ò"),
            ('U', "Ù"),
            ('a', "à"),
            ('e', "è"),
            ('i', "ì"),
            ('o', "ò"),
            ('u', "ù"),
        ],
        "acute" => &[
            ('A', "Á"),
            ('E', "É"),
            ('I', "Í"),
            ('O', "Ó"),
            ('U', "Ú"),
            ('Y', "Ý"),
            ('a', "á"),
            ('e', "é"),
            ('i', "í"),
            ('o', "ó"),
            ('u', "ú"),
            ('y', "ý"),
        ],
        "circumflex" => &[
            ('A', "Â"),
            ('E', "Ê"),
            ('I', "Î"),
            ('O', "Ô"),
            ('U', "Û"),
            ('a', "â"),
            ('e', "ê"),
            ('i', "î"),
            ('o', "ô"),
            ('u', "û"),
        ],
        "tilde" => &[('A', "Ã"), ('N', "Ñ"), ('O', "Õ"), ('a', "ã"), ('n', "ñ"), ('o', "õ")],
        "dieresis" => &[
            ('A', "Ä"),
            ('E', "Ë"),
            ('I', "Ï"),
            ('O', "Ö"),
            ('U', "Ü"),
            ('a', "ä"),
            ('e', "ë"),
            ('i', "ï"),
            ('o', "ö"),
            ('u', "ü"),
            ('y', "ÿ"),
        ],
        "ring" => &[('A', "Å"), ('a', "å")],
        "cedilla" => &[('C', "Ç"), ('c', "ç")],
        _ => &[],
    };
    table.iter().find(|(b, _)| *b == base).and_then(|(_, s)| s.chars().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_parsing() {
        let cm = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0041> <0004> <00660069> endbfchar
            2 beginbfrange <0010> <0012> <1EA0> <0020> <0021> [<0078> <D83DDE00>] endbfrange
            endcmap";
        let (m, lens) = parse_cmap(cm);
        assert_eq!(lens, vec![(2, 0, 0xFFFF)]);
        assert_eq!(m[&3], "A");
        assert_eq!(m[&4], "fi");
        assert_eq!(m[&0x11], "\u{1EA1}");
        assert_eq!(m[&0x12], "\u{1EA2}");
        assert_eq!(m[&0x21], "\u{1F600}");
        // garbage never panics
        let (m, _) = parse_cmap(b"beginbfrange <00> <FF> <FFFF> ) ( <0> [ endbfrange <");
        assert!(m.len() <= 256);
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_char(b"A"), Some('A'));
        assert_eq!(glyph_name_char(b"uni1EC5"), Some('ễ'));
        assert_eq!(glyph_name_char(b"u1EC5"), Some('ễ'));
        assert_eq!(glyph_name_char(b"eacute"), Some('é'));
        assert_eq!(glyph_name_char(b"dcroat"), Some('đ'));
        assert_eq!(glyph_name_char(b"zero.alt"), Some('0'));
        assert_eq!(glyph_name_char(b"xyzzy"), None);
    }
}
