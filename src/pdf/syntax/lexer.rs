//! Tokenizer over a byte buffer. Never panics, never indexes out of bounds.

use std::cell::RefCell;

use super::error::{Result, syntax};
use super::object::PdfString;

/// PDF whitespace: NUL, TAB, LF, FF, CR, SP.
#[inline]
pub fn is_whitespace(b: u8) -> bool {
    CLASS[b as usize] == WHITESPACE
}

/// PDF delimiters.
#[inline]
pub fn is_delimiter(b: u8) -> bool {
    CLASS[b as usize] == DELIMITER
}

#[inline]
pub fn is_regular(b: u8) -> bool {
    CLASS[b as usize] == REGULAR
}

const REGULAR: u8 = 0;
const WHITESPACE: u8 = 1;
const DELIMITER: u8 = 2;

/// Each byte's class, looked up once per byte by the tokenizer's loops.
const CLASS: [u8; 256] = {
    let mut t = [REGULAR; 256];
    let ws = [0u8, 9, 10, 12, 13, 32];
    let mut i = 0;
    while i < ws.len() {
        t[ws[i] as usize] = WHITESPACE;
        i += 1;
    }
    let delims = *b"()<>[]{}/%";
    let mut i = 0;
    while i < delims.len() {
        t[delims[i] as usize] = DELIMITER;
        i += 1;
    }
    t
};

const fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// A token.
#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    Integer(i64),
    Real(f64),
    Name(Vec<u8>),
    String(PdfString),
    ArrayOpen,
    ArrayClose,
    DictOpen,
    DictClose,
    BraceOpen,
    BraceClose,
    /// Any other run of regular characters: `true`, `null`, `obj`, `R`,
    /// `stream`, `xref`, `n`, `f`, ...
    Keyword(&'a [u8]),
}

/// Tokenizer with a cursor.
#[derive(Debug, Clone)]
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    /// Hex strings are checked but not decoded (their bytes come out empty).
    skim: bool,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8], pos: usize) -> Self {
        Lexer { data, pos, skim: false }
    }

    /// A lexer for callers that need an object's structure and extent but not the
    /// bytes of its hex strings (a signature's `/Contents` is thousands of digits):
    /// hex strings end, and fail, exactly where [`Lexer::new`]'s do, with empty bytes.
    pub fn skimming(data: &'a [u8], pos: usize) -> Self {
        Lexer { data, pos, skim: true }
    }

    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn set_pos(&mut self, pos: usize) {
        self.pos = pos;
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.data.len()
    }

    fn peek_byte(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    /// Skip whitespace and `%` comments.
    pub fn skip_ws(&mut self) {
        while let Some(b) = self.peek_byte() {
            if is_whitespace(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek_byte() {
                    if c == b'\r' || c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Next token, `None` at end of input.
    pub fn next_token(&mut self) -> Result<Option<Token<'a>>> {
        self.skip_ws();
        let start = self.pos;
        let b = match self.peek_byte() {
            Some(b) => b,
            None => return Ok(None),
        };
        let tok = match b {
            b'(' => {
                self.pos += 1;
                Token::String(PdfString { bytes: self.literal_string(start)?, hex: false })
            }
            b'<' => {
                if self.data.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    Token::DictOpen
                } else {
                    self.pos += 1;
                    Token::String(PdfString { bytes: self.hex_string(start)?, hex: true })
                }
            }
            b'>' => {
                if self.data.get(self.pos + 1) == Some(&b'>') {
                    self.pos += 2;
                    Token::DictClose
                } else {
                    return Err(syntax(start, "unexpected '>'"));
                }
            }
            b'[' => {
                self.pos += 1;
                Token::ArrayOpen
            }
            b']' => {
                self.pos += 1;
                Token::ArrayClose
            }
            b'{' => {
                self.pos += 1;
                Token::BraceOpen
            }
            b'}' => {
                self.pos += 1;
                Token::BraceClose
            }
            b'/' => {
                self.pos += 1;
                Token::Name(self.name())
            }
            b')' => return Err(syntax(start, "unexpected ')'")),
            _ => {
                while let Some(c) = self.peek_byte() {
                    if !is_regular(c) {
                        break;
                    }
                    self.pos += 1;
                }
                let word = self.data.get(start..self.pos).unwrap_or(&[]);
                if word.is_empty() {
                    // Unreachable in practice (b is regular), but never loop.
                    self.pos += 1;
                    return Err(syntax(start, "unexpected byte"));
                }
                if matches!(word.first(), Some(b'0'..=b'9' | b'+' | b'-' | b'.')) {
                    parse_number(word).ok_or_else(|| syntax(start, "malformed number"))?
                } else {
                    Token::Keyword(word)
                }
            }
        };
        Ok(Some(tok))
    }

    /// Peek at the next token without consuming it.
    pub fn peek_token(&mut self) -> Result<Option<Token<'a>>> {
        let save = self.pos;
        let t = self.next_token();
        self.pos = save;
        t
    }

    fn name(&mut self) -> Vec<u8> {
        // Most names have no `#xx` escape: copy the run of regular bytes at once.
        let rest = self.data.get(self.pos..).unwrap_or(&[]);
        let run = rest.iter().position(|&c| !is_regular(c)).unwrap_or(rest.len());
        if let Some(word) = rest.get(..run)
            && !word.contains(&b'#')
        {
            self.pos += run;
            return word.to_vec();
        }
        let mut out = Vec::new();
        while let Some(c) = self.peek_byte() {
            if !is_regular(c) {
                break;
            }
            if c == b'#' {
                let h1 = self.data.get(self.pos + 1).and_then(|&x| hex_val(x));
                let h2 = self.data.get(self.pos + 2).and_then(|&x| hex_val(x));
                if let (Some(a), Some(b)) = (h1, h2) {
                    out.push(a * 16 + b);
                    self.pos += 3;
                    continue;
                }
            }
            out.push(c);
            self.pos += 1;
        }
        out
    }

    /// After the opening `(`.
    fn literal_string(&mut self, start: usize) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        loop {
            let c = match self.peek_byte() {
                Some(c) => c,
                None => return Err(syntax(start, "unterminated literal string")),
            };
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(out);
                    }
                    out.push(c);
                }
                b'\r' => {
                    // Unescaped EOL (CR or CRLF) is read as LF.
                    if self.peek_byte() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                b'\\' => {
                    let e = match self.peek_byte() {
                        Some(e) => e,
                        None => return Err(syntax(start, "unterminated literal string")),
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v: u32 = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.peek_byte() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        b'\r' => {
                            // line continuation
                            if self.peek_byte() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        // \( \) \\ and unknown escapes: the backslash is ignored
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
    }

    /// A hex string's bytes, after the opening `<`. A signature's `/Contents` is one
    /// of these, thousands of digits long and read several times per verification, so
    /// pairs of digits are decoded from a table in one pass into an output sized once;
    /// whitespace, an odd count or a bad character falls to the byte-at-a-time loop,
    /// which reports the same errors. A skimming lexer only checks the digits.
    fn hex_string(&mut self, start: usize) -> Result<Vec<u8>> {
        let rest = self.data.get(self.pos..).unwrap_or(&[]);
        let Some(len) = memchr::memchr(b'>', rest) else {
            self.pos = self.data.len();
            return Err(syntax(start, "unterminated hex string"));
        };
        let body = &rest[..len];
        if self.skim {
            if !is_remembered(body)
                && !only_hex_digits(body)
                && let Some(k) = body.iter().position(|&c| hex_val(c).is_none() && !is_whitespace(c))
            {
                return Err(syntax(self.pos + k, "invalid character in hex string"));
            }
            self.pos += len + 1;
            return Ok(Vec::new());
        }
        if let Some(out) = remembered(body).or_else(|| hex_digits(body).inspect(|out| remember(body, out))) {
            self.pos += len + 1;
            return Ok(out);
        }
        let mut out = Vec::with_capacity(body.len() / 2 + 1);
        let mut pending: Option<u8> = None;
        for (k, &c) in body.iter().enumerate() {
            if is_whitespace(c) {
                continue;
            }
            let v = hex_val(c).ok_or_else(|| syntax(self.pos + k, "invalid character in hex string"))?;
            match pending.take() {
                Some(h) => out.push((h << 4) | v),
                None => pending = Some(v),
            }
        }
        if let Some(h) = pending {
            out.push(h << 4);
        }
        self.pos += len + 1;
        Ok(out)
    }
}

thread_local! {
    /// The last long hex string decoded on this thread: its digits and its bytes.
    static LAST_HEX: RefCell<(Vec<u8>, Vec<u8>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// Hex strings this long are remembered. Verifying a signature reads its `/Contents`
/// several times (both views of the file, the form fields, the signature itself), and
/// comparing the digits with the last string's costs a fraction of decoding them again.
const REMEMBERED_HEX: std::ops::Range<usize> = 1024..(1 << 20);

/// The bytes of `body` when it is the remembered string, digit for digit.
fn remembered(body: &[u8]) -> Option<Vec<u8>> {
    if !REMEMBERED_HEX.contains(&body.len()) {
        return None;
    }
    LAST_HEX.try_with(|c| c.try_borrow().ok().filter(|c| c.0 == body).map(|c| c.1.clone())).ok().flatten()
}

fn is_remembered(body: &[u8]) -> bool {
    REMEMBERED_HEX.contains(&body.len())
        && LAST_HEX.try_with(|c| c.try_borrow().is_ok_and(|c| c.0 == body)).unwrap_or(false)
}

/// Remember `body`, only digits, and its bytes `out`.
fn remember(body: &[u8], out: &[u8]) {
    if REMEMBERED_HEX.contains(&body.len()) {
        let _ = LAST_HEX.try_with(|c| {
            if let Ok(mut c) = c.try_borrow_mut() {
                c.0.clear();
                c.0.extend_from_slice(body);
                c.1.clear();
                c.1.extend_from_slice(out);
            }
        });
    }
}

/// `body` decoded when it is an even number of hex digits and nothing else (the
/// common case, and the fast one: eight digits at a time); `None` otherwise.
fn hex_digits(body: &[u8]) -> Option<Vec<u8>> {
    if !body.len().is_multiple_of(2) {
        return None;
    }
    let mut out = vec![0u8; body.len() / 2];
    let whole = body.len() / 8;
    let (out_words, out_tail) = out.split_at_mut(whole * 4);
    for (o, w) in out_words.chunks_exact_mut(4).zip(body.chunks_exact(8)) {
        let w = <[u8; 8]>::try_from(w).ok()?;
        o.copy_from_slice(&hex8(u64::from_le_bytes(w))?.to_le_bytes());
    }
    for (o, p) in out_tail.iter_mut().zip(body.get(whole * 8..)?.chunks_exact(2)) {
        let (h, l) = (HEX[p[0] as usize], HEX[p[1] as usize]);
        if (h | l) & 0x80 != 0 {
            return None;
        }
        *o = (h << 4) | l;
    }
    Some(out)
}

/// Whether `body` is hex digits and nothing else (what a skimming lexer checks
/// first; whitespace sends it to the byte-at-a-time check).
fn only_hex_digits(body: &[u8]) -> bool {
    let mut words = body.chunks_exact(8);
    words.all(|w| <[u8; 8]>::try_from(w).ok().and_then(|w| hex8(u64::from_le_bytes(w))).is_some())
        && words.remainder().iter().all(|&c| HEX[c as usize] != 0xFF)
}

/// Eight hex digits, as the bytes of a little-endian word, decoded to four bytes
/// (SWAR: every byte lane at once, no lane can carry into the next since all are
/// below 0x80); `None` when any of the eight is not a hex digit.
fn hex8(x: u64) -> Option<u32> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    const CASE: u64 = ONES * 0x20;
    const LOW: u64 = ONES * 0x0F;
    if x & HIGH != 0 {
        return None;
    }
    // Bit 7 of a lane is set when the byte is in '0'..='9', or (lower-cased) 'a'..='f'.
    let digit = (x + ONES * (0x80 - 0x30)) & !(x + ONES * (0x80 - 0x3A));
    let y = x | CASE;
    let letter = (y + ONES * (0x80 - 0x61)) & !(y + ONES * (0x80 - 0x67));
    if (digit | letter) & HIGH != HIGH {
        return None;
    }
    let nibbles = (x & LOW) + ((letter & HIGH) >> 7) * 9;
    // Pairs of nibbles to bytes, one per 16-bit lane, then the four lanes packed.
    const EVEN: u64 = 0x00FF_00FF_00FF_00FF;
    let t = ((nibbles & EVEN) << 4) | ((nibbles >> 8) & EVEN);
    let t = (t | (t >> 8)) & 0x0000_FFFF_0000_FFFF;
    Some(((t | (t >> 16)) & 0xFFFF_FFFF) as u32)
}

/// Hex digit values; 0xFF for anything else.
const HEX: [u8; 256] = {
    let mut t = [0xFF; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(v) = hex_val(i as u8) {
            t[i] = v;
        }
        i += 1;
    }
    t
};

/// Parse a numeric token: `[+-]?digits[.digits]`, `.5`, `5.`.
fn parse_number(word: &[u8]) -> Option<Token<'static>> {
    let (neg, rest) = match word.first() {
        Some(b'-') => (true, word.get(1..)?),
        Some(b'+') => (false, word.get(1..)?),
        _ => (false, word),
    };
    let mut dot = false;
    let mut digits = 0usize;
    for &c in rest {
        match c {
            b'0'..=b'9' => digits += 1,
            b'.' if !dot => dot = true,
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    if !dot {
        let mut v: i64 = 0;
        let mut overflow = false;
        for &c in rest {
            match v.checked_mul(10).and_then(|x| x.checked_add((c - b'0') as i64)) {
                Some(x) => v = x,
                None => {
                    overflow = true;
                    break;
                }
            }
        }
        if !overflow {
            return Some(Token::Integer(if neg { -v } else { v }));
        }
    }
    let s = std::str::from_utf8(rest).ok()?;
    let s = if s.starts_with('.') {
        format!("0{s}")
    } else if s.ends_with('.') {
        format!("{s}0")
    } else {
        s.to_string()
    };
    let v: f64 = s.parse().ok()?;
    Some(Token::Real(if neg { -v } else { v }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &[u8]) -> Vec<Token<'_>> {
        let mut l = Lexer::new(s, 0);
        let mut v = Vec::new();
        while let Some(t) = l.next_token().unwrap() {
            v.push(t);
        }
        v
    }

    #[test]
    fn basic() {
        let t = toks(b"%c\n 12 -3 +4 .5 -.5 5. /A#20b <</x>> [ ] obj R");
        assert_eq!(t[0], Token::Integer(12));
        assert_eq!(t[1], Token::Integer(-3));
        assert_eq!(t[2], Token::Integer(4));
        assert_eq!(t[3], Token::Real(0.5));
        assert_eq!(t[4], Token::Real(-0.5));
        assert_eq!(t[5], Token::Real(5.0));
        assert_eq!(t[6], Token::Name(b"A b".to_vec()));
        assert_eq!(t[7], Token::DictOpen);
        assert_eq!(t[9], Token::DictClose);
        assert_eq!(t[12], Token::Keyword(b"obj"));
    }

    #[test]
    fn strings() {
        let t = toks(b"(a(b)c\\)\\061\\0612\\7777\\\r\nx\ry) <41 4 2\n> <414>");
        let s = |b: &[u8]| Token::String(PdfString { bytes: b.to_vec(), hex: false });
        assert_eq!(t[0], s(b"a(b)c)112\xff7x\ny"));
        assert_eq!(t[1], Token::String(PdfString { bytes: b"AB".to_vec(), hex: true }));
        assert_eq!(t[2], Token::String(PdfString { bytes: b"A@".to_vec(), hex: true }));
    }

    #[test]
    fn errors() {
        for bad in [&b"(abc"[..], b"<12", b"<1x>", b">", b")", b"1.2.3", b"--", b"(\\"] {
            let mut l = Lexer::new(bad, 0);
            let mut r = Ok(None);
            for _ in 0..5 {
                r = l.next_token();
                if r.is_err() {
                    break;
                }
            }
            assert!(r.is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn byte_classes_are_the_spec_s() {
        for b in 0..=255u8 {
            let ws = matches!(b, 0 | 9 | 10 | 12 | 13 | 32);
            let delim = matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%');
            assert_eq!((is_whitespace(b), is_delimiter(b), is_regular(b)), (ws, delim, !ws && !delim), "{b}");
        }
    }

    #[test]
    fn big_int_becomes_real() {
        assert_eq!(toks(b"99999999999999999999"), vec![Token::Real(99999999999999999999.0)]);
    }

    /// The reference reading of a hex string: byte at a time, whitespace skipped, a
    /// lone last digit followed by 0; the error offset of the first bad byte.
    fn hex_reference(body: &[u8]) -> std::result::Result<Vec<u8>, usize> {
        let mut out = Vec::new();
        let mut pending = None;
        for (k, &c) in body.iter().enumerate() {
            if is_whitespace(c) {
                continue;
            }
            let v = hex_val(c).ok_or(k)?;
            match pending.take() {
                Some(h) => out.push((h << 4) | v),
                None => pending = Some(v),
            }
        }
        if let Some(h) = pending {
            out.push(h << 4);
        }
        Ok(out)
    }

    #[test]
    fn hex_strings_read_alike_by_every_path() {
        // Every byte value at every place of short and word-sized strings, plus
        // random mixes of digits (both cases), whitespace and other bytes.
        let mut cases: Vec<Vec<u8>> = Vec::new();
        for len in [1usize, 2, 7, 8, 9, 16, 17, 18] {
            for at in 0..len {
                for b in 0..=255u8 {
                    // `>` ends the string; `<<` opens a dictionary.
                    if b == b'>' || (b == b'<' && at == 0) {
                        continue;
                    }
                    let mut v: Vec<u8> = b"0123456789abcdefABCDEF".iter().cycle().take(len).copied().collect();
                    v[at] = b;
                    cases.push(v);
                }
            }
        }
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let alphabet = b"0123456789abcdefABCDEF \n\t\rgG/:@`<";
        for _ in 0..5000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 40) as usize;
            let mut v: Vec<u8> =
                (0..len).map(|i| alphabet[((seed >> (i % 50)) as usize + i * 7) % alphabet.len()]).collect();
            if v.first() == Some(&b'<') {
                v[0] = b'0';
            }
            cases.push(v);
        }
        for body in cases {
            let mut text = b"<".to_vec();
            text.extend_from_slice(&body);
            text.push(b'>');
            let want = hex_reference(&body);
            for skim in [false, true] {
                let mut l = if skim { Lexer::skimming(&text, 0) } else { Lexer::new(&text, 0) };
                match (l.next_token(), &want) {
                    (Ok(Some(Token::String(s))), Ok(w)) => {
                        assert!(s.hex);
                        assert_eq!(s.bytes, if skim { Vec::new() } else { w.clone() }, "{body:?}");
                        assert_eq!(l.pos(), text.len());
                    }
                    (Err(e), Err(k)) => {
                        assert_eq!(e.to_string(), syntax(1 + k, "invalid character in hex string").to_string())
                    }
                    (got, want) => panic!("{body:?} (skim {skim}): {got:?} against {want:?}"),
                }
            }
        }
    }

    #[test]
    fn a_remembered_hex_string_is_only_used_for_the_same_digits() {
        let digits: Vec<u8> = b"0123456789abcdefABCDEF".iter().cycle().take(4096).copied().collect();
        let read = |body: &[u8], skim: bool| {
            let text = [&b"<"[..], body, b">"].concat();
            let mut l = if skim { Lexer::skimming(&text, 0) } else { Lexer::new(&text, 0) };
            l.next_token().map(|t| match t {
                Some(Token::String(s)) => s.bytes,
                other => panic!("{other:?}"),
            })
        };
        let want = hex_reference(&digits).unwrap();
        assert_eq!(read(&digits, false).unwrap(), want);
        assert_eq!(read(&digits, false).unwrap(), want, "read again, from memory");
        let mut other = digits.clone();
        other[4000] = b'0';
        assert_eq!(read(&other, false).unwrap(), hex_reference(&other).unwrap(), "one digit differs");
        assert_eq!(read(&digits, false).unwrap(), want);
        let mut bad = digits.clone();
        bad[4001] = b'x';
        assert!(read(&bad, true).is_err(), "a skim of a string like the remembered one still checks it");
        assert!(read(&bad, false).is_err());
        assert_eq!(read(&digits, true).unwrap(), Vec::<u8>::new());
    }
}
