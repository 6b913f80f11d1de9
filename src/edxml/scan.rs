//! A tolerant, streaming XML tokenizer (see the module doc of [`crate::edxml`] for why).
//!
//! It yields start tags, end tags and text in chunks of at most [`TEXT_CHUNK`] bytes,
//! skipping comments, processing instructions and document type declarations (whose
//! entities are never expanded). It does not check well-formedness: [`super::parse`] keeps
//! the element stack and decides what to tolerate. Every byte read counts against a
//! budget; a tag longer than [`MAX_TAG`] is refused.

use std::io::BufRead;

/// Largest text chunk handed out at once.
pub const TEXT_CHUNK: usize = 64 << 10;
/// Largest start or end tag (name and attributes).
pub const MAX_TAG: usize = 64 << 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A start tag (raw bytes in [`Scanner::tag`]); `empty` for `<a/>`.
    Start {
        empty: bool,
    },
    /// An end tag (name in [`Scanner::tag`]).
    End,
    /// A chunk of text in [`Scanner::text`]: raw (entities not decoded) unless `cdata`.
    Text {
        cdata: bool,
    },
    Eof,
}

#[derive(Debug)]
pub enum ScanError {
    Io(std::io::Error),
    /// The read budget is spent.
    Budget(u64),
    Malformed(String),
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanError::Io(e) => write!(f, "{e}"),
            ScanError::Budget(n) => write!(f, "more than {n} bytes"),
            ScanError::Malformed(m) => f.write_str(m),
        }
    }
}

impl From<std::io::Error> for ScanError {
    fn from(e: std::io::Error) -> ScanError {
        ScanError::Io(e)
    }
}

pub struct Scanner<R> {
    r: R,
    pos: u64,
    budget: u64,
    /// The last tag's bytes between `<` (or `</`) and `>` (without a final `/`).
    pub tag: Vec<u8>,
    /// The last text chunk.
    pub text: Vec<u8>,
    /// Offset of the `<` that opened the last tag.
    pub tag_start: u64,
    in_cdata: bool,
    /// `]` seen inside CDATA that may start its `]]>`.
    cdata_brackets: usize,
    /// A document type declaration was skipped.
    pub saw_doctype: bool,
}

impl<R: BufRead> Scanner<R> {
    pub fn new(r: R, budget: u64) -> Scanner<R> {
        Scanner {
            r,
            pos: 0,
            budget,
            tag: Vec::new(),
            text: Vec::new(),
            tag_start: 0,
            in_cdata: false,
            cdata_brackets: 0,
            saw_doctype: false,
        }
    }

    /// Bytes consumed so far.
    pub fn pos(&self) -> u64 {
        self.pos
    }

    fn consume(&mut self, n: usize) -> Result<(), ScanError> {
        self.r.consume(n);
        self.pos += n as u64;
        if self.pos > self.budget { Err(ScanError::Budget(self.budget)) } else { Ok(()) }
    }

    fn byte(&mut self) -> Result<Option<u8>, ScanError> {
        let b = match self.r.fill_buf()?.first() {
            Some(&b) => b,
            None => return Ok(None),
        };
        self.consume(1)?;
        Ok(Some(b))
    }

    fn need(&mut self, what: &str) -> Result<u8, ScanError> {
        self.byte()?.ok_or_else(|| ScanError::Malformed(format!("the file ends inside {what}")))
    }

    pub fn next_event(&mut self) -> Result<Event, ScanError> {
        if self.in_cdata {
            return self.cdata_chunk();
        }
        let buf = self.r.fill_buf()?;
        let Some(&first) = buf.first() else { return Ok(Event::Eof) };
        if first != b'<' {
            let n = memchr::memchr(b'<', buf).unwrap_or(buf.len()).min(TEXT_CHUNK);
            self.text.clear();
            self.text.extend_from_slice(&buf[..n]);
            self.consume(n)?;
            return Ok(Event::Text { cdata: false });
        }
        self.tag_start = self.pos;
        self.consume(1)?;
        match self.need("a tag")? {
            b'!' => self.declaration(),
            b'?' => {
                self.skip_until(b"?>", "a processing instruction")?;
                self.next_event()
            }
            b'/' => {
                self.read_tag(None)?;
                Ok(Event::End)
            }
            b => {
                self.read_tag(Some(b))?;
                let empty = self.tag.last() == Some(&b'/');
                if empty {
                    self.tag.pop();
                }
                Ok(Event::Start { empty })
            }
        }
    }

    /// After `<!`: a comment, CDATA, or a declaration (DOCTYPE).
    fn declaration(&mut self) -> Result<Event, ScanError> {
        let b = self.need("a declaration")?;
        if b == b'-' {
            if self.need("a comment")? != b'-' {
                return Err(ScanError::Malformed("\"<!-\" that opens no comment".into()));
            }
            self.skip_until(b"-->", "a comment")?;
            return self.next_event();
        }
        if b == b'[' {
            let mut word = [0u8; 6];
            for w in &mut word {
                *w = self.need("a CDATA section")?;
            }
            if &word != b"CDATA[" {
                return Err(ScanError::Malformed("\"<![\" that opens no CDATA section".into()));
            }
            self.in_cdata = true;
            return self.cdata_chunk();
        }
        // <!DOCTYPE ...> with an optional internal subset in brackets.
        self.saw_doctype = true;
        let (mut depth, mut quote) = (0usize, None::<u8>);
        let mut c = b;
        loop {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(c),
                (None, b'[') => depth += 1,
                (None, b']') => depth = depth.saturating_sub(1),
                (None, b'>') if depth == 0 => return self.next_event(),
                _ => {}
            }
            c = self.need("a document type declaration")?;
        }
    }

    /// Skip up to and including `end` (none of whose proper prefixes is also a suffix
    /// except by repetition of its first byte, as in `-->`, `?>`, `]]>`).
    fn skip_until(&mut self, end: &[u8], what: &str) -> Result<(), ScanError> {
        let mut matched = 0;
        loop {
            let buf = self.r.fill_buf()?;
            if buf.is_empty() {
                return Err(ScanError::Malformed(format!("the file ends inside {what}")));
            }
            let mut used = 0;
            let mut done = false;
            for &b in buf {
                used += 1;
                matched = step(end, matched, b);
                if matched == end.len() {
                    done = true;
                    break;
                }
            }
            self.consume(used)?;
            if done {
                return Ok(());
            }
        }
    }

    fn cdata_chunk(&mut self) -> Result<Event, ScanError> {
        self.text.clear();
        loop {
            let buf = self.r.fill_buf()?;
            if buf.is_empty() {
                return Err(ScanError::Malformed("the file ends inside a CDATA section".into()));
            }
            let mut used = 0;
            let mut done = false;
            for &b in buf {
                used += 1;
                match b {
                    b']' if self.cdata_brackets < 2 => self.cdata_brackets += 1,
                    b']' => self.text.push(b']'),
                    b'>' if self.cdata_brackets == 2 => {
                        done = true;
                        break;
                    }
                    _ => {
                        self.text.extend(std::iter::repeat_n(b']', self.cdata_brackets));
                        self.cdata_brackets = 0;
                        self.text.push(b);
                    }
                }
                if self.text.len() >= TEXT_CHUNK {
                    break;
                }
            }
            self.consume(used)?;
            if done {
                self.in_cdata = false;
                self.cdata_brackets = 0;
                return Ok(Event::Text { cdata: true });
            }
            if self.text.len() >= TEXT_CHUNK {
                return Ok(Event::Text { cdata: true });
            }
        }
    }

    /// Read a tag's bytes up to `>` outside quotes into `self.tag`.
    fn read_tag(&mut self, first: Option<u8>) -> Result<(), ScanError> {
        self.tag.clear();
        self.tag.extend(first);
        let mut quote = None::<u8>;
        loop {
            let b = self.need("a tag")?;
            match (quote, b) {
                (Some(q), b) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'>') => return Ok(()),
                (None, b'<') => return Err(ScanError::Malformed("\"<\" inside a tag".into())),
                _ => {}
            }
            if self.tag.len() >= MAX_TAG {
                return Err(ScanError::Malformed(format!("a tag longer than {MAX_TAG} bytes")));
            }
            self.tag.push(b);
        }
    }
}

/// Advance a match of `end` by byte `b` (terminators whose only self-overlap is a run of
/// their first byte: `-->`, `?>`, `]]>`).
fn step(end: &[u8], matched: usize, b: u8) -> usize {
    if b == end[matched] {
        matched + 1
    } else if matched > 0 && b == end[0] && end[..matched].iter().all(|&c| c == end[0]) {
        matched
    } else if b == end[0] {
        1
    } else {
        0
    }
}

/// The element name of a tag's bytes (up to blank, `/`).
pub fn tag_name(tag: &[u8]) -> &[u8] {
    let end = tag.iter().position(|b| b.is_ascii_whitespace() || *b == b'/').unwrap_or(tag.len());
    &tag[..end]
}

/// The attributes of a start tag: (qualified name, decoded value). Malformed pairs are
/// skipped.
pub fn attributes(tag: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut i = tag_name(tag).len();
    let n = tag.len();
    while i < n {
        while i < n && (tag[i].is_ascii_whitespace() || tag[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < n && tag[i] != b'=' && !tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = String::from_utf8_lossy(&tag[start..i]).into_owned();
        while i < n && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= n || tag[i] != b'=' {
            continue;
        }
        i += 1;
        while i < n && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let Some(&q) = tag.get(i).filter(|q| **q == b'"' || **q == b'\'') else {
            while i < n && !tag[i].is_ascii_whitespace() {
                i += 1;
            }
            continue;
        };
        i += 1;
        let vstart = i;
        while i < n && tag[i] != q {
            i += 1;
        }
        let value = unescape(&tag[vstart..i.min(n)]);
        i += 1;
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}

/// Decode the predefined entities and character references; anything else is kept as
/// written. Invalid UTF-8 becomes U+FFFD.
pub fn unescape(raw: &[u8]) -> String {
    let s = String::from_utf8_lossy(raw);
    if !s.contains('&') {
        return s.into_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest: &str = &s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity or character reference (without `&` and `;`) stands for.
pub fn entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(input: &[u8]) -> Vec<String> {
        let mut s = Scanner::new(std::io::BufReader::with_capacity(7, input), u64::MAX);
        let mut v = Vec::new();
        loop {
            match s.next_event() {
                Ok(Event::Eof) => break,
                Ok(Event::Start { empty }) => {
                    v.push(format!("S{}{}", String::from_utf8_lossy(&s.tag), if empty { "/" } else { "" }))
                }
                Ok(Event::End) => v.push(format!("E{}", String::from_utf8_lossy(&s.tag))),
                Ok(Event::Text { cdata }) => {
                    let t = String::from_utf8_lossy(&s.text).into_owned();
                    match (cdata, v.last_mut()) {
                        (false, Some(last)) if last.starts_with('T') => last.push_str(&t),
                        (true, Some(last)) if last.starts_with('C') => last.push_str(&t),
                        _ => v.push(format!("{}{t}", if cdata { "C" } else { "T" })),
                    }
                }
                Err(e) => {
                    v.push(format!("!{e}"));
                    break;
                }
            }
        }
        v
    }

    #[test]
    fn tokens() {
        let e = events(
            b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY x '>'>]><a b='1>2'><!-- -- > --->t&amp;<![CDATA[x]]]>y]]><c/></a>",
        );
        assert_eq!(e, ["Sa b='1>2'", "Tt&amp;", "Cx]", "Ty]]>", "Sc/", "Ea"]);
    }

    #[test]
    fn cdata_brackets() {
        assert_eq!(events(b"<![CDATA[]]]]>"), ["C]]"]);
        assert_eq!(events(b"<![CDATA[a]b]]c]]>"), ["Ca]b]]c"]);
    }

    #[test]
    fn truncated_inputs_are_errors() {
        for input in [&b"<a"[..], b"<!-- x", b"<![CDATA[x", b"<?pi", b"<!DOCTYPE [", b"<a b='>"] {
            let e = events(input);
            assert!(e.last().unwrap().starts_with('!'), "{input:?}: {e:?}");
        }
    }

    #[test]
    fn budget() {
        let mut s = Scanner::new(&b"<a>0123456789</a>"[..], 8);
        let mut r = Ok(Event::Eof);
        for _ in 0..5 {
            r = s.next_event();
            if r.is_err() {
                break;
            }
        }
        assert!(matches!(r, Err(ScanError::Budget(8))));
    }

    #[test]
    fn attributes_and_entities() {
        let a = attributes(b"r xmlns:x=\"u\" x:href = 'cid:1&amp;2' bad junk=q");
        let want: Vec<(String, String)> = vec![("xmlns:x".into(), "u".into()), ("x:href".into(), "cid:1&2".into())];
        assert_eq!(a, want);
        assert_eq!(unescape(b"a&lt;b&#x1EA1;&#7841;&bogus;&"), "a<bạạ&bogus;&");
    }
}
