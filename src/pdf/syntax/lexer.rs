//! Tokenizer over a byte buffer. Never panics, never indexes out of bounds.

use super::error::{Result, syntax};
use super::object::PdfString;

/// PDF whitespace: NUL, TAB, LF, FF, CR, SP.
pub fn is_whitespace(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

/// PDF delimiters.
pub fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

pub fn is_regular(b: u8) -> bool {
    !is_whitespace(b) && !is_delimiter(b)
}

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
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8], pos: usize) -> Self {
        Lexer { data, pos }
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

    /// A hex string's bytes, after the opening `<`. A signature's `/Contents` is one of these, thousands of
    /// digits long and read several times per verification, so pairs of digits are
    /// decoded from a table and the output is sized once; whitespace or a bad
    /// character falls to the byte-at-a-time loop, which reports the same errors.
    fn hex_string(&mut self, start: usize) -> Result<Vec<u8>> {
        let rest = self.data.get(self.pos..).unwrap_or(&[]);
        let Some(len) = memchr::memchr(b'>', rest) else {
            self.pos = self.data.len();
            return Err(syntax(start, "unterminated hex string"));
        };
        let body = &rest[..len];
        let mut out = Vec::with_capacity(body.len() / 2 + 1);
        let pairs = body.chunks_exact(2).take_while(|p| (HEX[p[0] as usize] | HEX[p[1] as usize]) & 0x80 == 0).count();
        let i = 2 * pairs;
        out.extend(body[..i].chunks_exact(2).map(|p| (HEX[p[0] as usize] << 4) | HEX[p[1] as usize]));
        let mut pending: Option<u8> = None;
        for (k, &c) in body.iter().enumerate().skip(i) {
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
    fn big_int_becomes_real() {
        assert_eq!(toks(b"99999999999999999999"), vec![Token::Real(99999999999999999999.0)]);
    }
}
