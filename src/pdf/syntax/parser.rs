//! Object parser on top of the lexer.

use std::ops::Range;

use super::ambiguity::{Ambiguity, AmbiguityClass};
use super::error::{PdfError, Result, syntax};
use super::lexer::{Lexer, Token, is_whitespace};
use super::object::{Dict, ObjRef, Object, Stream, StreamData};

/// Maximum nesting of arrays/dictionaries.
pub const MAX_DEPTH: usize = 256;

/// Parse one direct object at the lexer's position (no `obj`/`stream`).
pub fn parse_object(lex: &mut Lexer<'_>) -> Result<Object> {
    parse_object_noting(lex, &mut Vec::new())
}

/// [`parse_object`], recording the ambiguities met (a dictionary key given twice with
/// different values) in `notes`.
pub fn parse_object_noting(lex: &mut Lexer<'_>, notes: &mut Vec<Ambiguity>) -> Result<Object> {
    let start = lex.pos();
    match lex.next_token()? {
        Some(tok) => parse_from_token(lex, tok, start, 0, notes),
        None => Err(syntax(start, "unexpected end of data, expected an object")),
    }
}

/// The first key given twice with different values, if any (linear time).
fn duplicate_key(entries: &[(Vec<u8>, Object)]) -> Option<&[u8]> {
    if entries.len() <= 16 {
        for (i, (k, v)) in entries.iter().enumerate() {
            if entries.iter().skip(i + 1).any(|(k2, v2)| k2 == k && v2 != v) {
                return Some(k);
            }
        }
        return None;
    }
    let mut seen: std::collections::HashMap<&[u8], &Object> = std::collections::HashMap::with_capacity(entries.len());
    for (k, v) in entries {
        if let Some(prev) = seen.insert(k.as_slice(), v)
            && prev != v
        {
            return Some(k);
        }
    }
    None
}

fn parse_from_token(
    lex: &mut Lexer<'_>,
    tok: Token<'_>,
    start: usize,
    depth: usize,
    notes: &mut Vec<Ambiguity>,
) -> Result<Object> {
    Ok(match tok {
        Token::Integer(n) => {
            // Lookahead for `n g R`.
            let save = lex.pos();
            if let Ok(Some(Token::Integer(g))) = lex.next_token()
                && let Ok(Some(Token::Keyword(b"R"))) = lex.next_token()
            {
                return Ok(match (u32::try_from(n), u16::try_from(g)) {
                    (Ok(num), Ok(r#gen)) => Object::Reference(ObjRef { num, r#gen }),
                    _ => Object::Null, // invalid reference: treated as null
                });
            }
            lex.set_pos(save);
            Object::Integer(n)
        }
        Token::Real(r) => Object::Real(r),
        Token::Name(n) => Object::Name(n),
        Token::String(s) => Object::String(s),
        Token::Keyword(b"true") => Object::Bool(true),
        Token::Keyword(b"false") => Object::Bool(false),
        Token::Keyword(b"null") => Object::Null,
        Token::Keyword(k) => return Err(syntax(start, format!("unexpected keyword '{}'", String::from_utf8_lossy(k)))),
        Token::ArrayOpen => {
            if depth >= MAX_DEPTH {
                return Err(PdfError::Limit { what: "object nesting too deep", offset: start });
            }
            let mut items = Vec::new();
            loop {
                let p = lex.pos();
                match lex.next_token()? {
                    Some(Token::ArrayClose) => break,
                    Some(t) => items.push(parse_from_token(lex, t, p, depth + 1, notes)?),
                    None => return Err(syntax(start, "unterminated array")),
                }
            }
            Object::Array(items)
        }
        Token::DictOpen => {
            if depth >= MAX_DEPTH {
                return Err(PdfError::Limit { what: "object nesting too deep", offset: start });
            }
            let mut entries = Vec::new();
            loop {
                let p = lex.pos();
                match lex.next_token()? {
                    Some(Token::DictClose) => break,
                    Some(Token::Name(k)) => {
                        let vp = lex.pos();
                        match lex.next_token()? {
                            Some(Token::DictClose) => {
                                return Err(syntax(vp, "dictionary key without value"));
                            }
                            Some(t) => {
                                let v = parse_from_token(lex, t, vp, depth + 1, notes)?;
                                entries.push((k, v));
                            }
                            None => return Err(syntax(start, "unterminated dictionary")),
                        }
                    }
                    Some(_) => return Err(syntax(p, "dictionary key is not a name")),
                    None => return Err(syntax(start, "unterminated dictionary")),
                }
            }
            if let Some(k) = duplicate_key(&entries) {
                notes.push(Ambiguity::new(
                    AmbiguityClass::DuplicateKey,
                    start,
                    format!("dictionary gives /{} twice with different values", String::from_utf8_lossy(k)),
                ));
            }
            Object::Dict(Dict::from_entries(entries))
        }
        Token::ArrayClose | Token::DictClose | Token::BraceOpen | Token::BraceClose => {
            return Err(syntax(start, "unexpected delimiter"));
        }
    })
}

/// An indirect object `num r#gen obj ... endobj` parsed from a buffer.
#[derive(Debug, Clone, PartialEq)]
pub struct IndirectObject {
    pub r: ObjRef,
    pub obj: Object,
    /// Byte range from the object number to just past `endobj` (or past
    /// the object / `endstream` when `endobj` is missing).
    pub span: Range<usize>,
    /// True when a stream's /Length was missing or wrong and the data end
    /// was found by scanning for `endstream`.
    pub length_fallback: bool,
    /// When the data end was found by scanning although `/Length` named an
    /// end inside the file: the range `/Length` gives (what poppler and
    /// MuPDF read).
    pub length_extent: Option<Range<usize>>,
    /// Ambiguities met while parsing this object: duplicate keys, data on
    /// the `stream` keyword's line. (A `/Length` that disagrees with
    /// `endstream` is `length_extent`: whether it matters depends on the
    /// decoded data.)
    pub ambiguities: Vec<Ambiguity>,
}

/// Parse `N G obj`; returns the reference and leaves the lexer after `obj`.
pub fn parse_obj_header(lex: &mut Lexer<'_>) -> Result<ObjRef> {
    lex.skip_ws();
    let start = lex.pos();
    let num = match lex.next_token()? {
        Some(Token::Integer(n)) => u32::try_from(n).ok(),
        _ => None,
    };
    let r#gen = match lex.next_token()? {
        Some(Token::Integer(g)) => u16::try_from(g).ok(),
        _ => None,
    };
    let kw = lex.next_token()?;
    match (num, r#gen, kw) {
        (Some(num), Some(r#gen), Some(Token::Keyword(b"obj"))) => Ok(ObjRef { num, r#gen }),
        _ => Err(syntax(start, "expected 'N G obj'")),
    }
}

/// Find `needle` in `hay` starting at `from`.
pub fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| from + p)
}

/// Find the last occurrence of `needle` in `hay[..end]`.
pub fn rfind(hay: &[u8], needle: &[u8], end: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    memchr::memmem::rfind(hay.get(..end.min(hay.len()))?, needle)
}

/// Parse an indirect object at `offset`. `resolve_length` is called for an
/// indirect `/Length` and returns its integer value if it can.
pub fn parse_indirect(
    data: &[u8],
    offset: usize,
    resolve_length: &mut dyn FnMut(ObjRef) -> Option<i64>,
) -> Result<IndirectObject> {
    let mut lex = Lexer::new(data, offset);
    lex.skip_ws();
    let start = lex.pos();
    let r = parse_obj_header(&mut lex)?;
    let mut ambiguities = Vec::new();
    let obj = parse_object_noting(&mut lex, &mut ambiguities)?;
    let mut length_fallback = false;
    let mut length_extent = None;
    let after_obj = lex.pos();
    let obj = match obj {
        Object::Dict(dict) => {
            let mut l2 = lex.clone();
            match l2.next_token() {
                Ok(Some(Token::Keyword(b"stream"))) => {
                    let ext = stream_extent(data, l2.pos(), &dict, resolve_length)?;
                    let range = ext.data;
                    length_fallback = ext.fallback;
                    length_extent = ext.by_length;
                    if ext.keyword_line_data {
                        ambiguities.push(Ambiguity::new(
                            AmbiguityClass::StreamKeywordLine,
                            start,
                            format!("object {r}: data on the 'stream' keyword's line"),
                        ));
                    }
                    let end = ext.end;
                    lex.set_pos(end);
                    Object::Stream(Stream { dict, data: StreamData::Range(range) })
                }
                _ => Object::Dict(dict),
            }
        }
        o => o,
    };
    let mut l3 = lex.clone();
    let end = match l3.next_token() {
        Ok(Some(Token::Keyword(b"endobj"))) => l3.pos(),
        _ => lex.pos().max(after_obj),
    };
    Ok(IndirectObject { r, obj, span: start..end, length_fallback, length_extent, ambiguities })
}

/// Where a stream's data lies.
struct StreamExtent {
    data: Range<usize>,
    /// Just past `endstream`.
    end: usize,
    /// Found by scanning for `endstream`.
    fallback: bool,
    /// The range `/Length` names, when it is inside the file and differs
    /// from `data` (which was then found by scanning).
    by_length: Option<Range<usize>>,
    /// Bytes other than spaces and tabs between `stream` and its EOL.
    keyword_line_data: bool,
}

/// Given the position just after the `stream` keyword, compute the data
/// range and the position just after `endstream`.
fn stream_extent(
    data: &[u8],
    after_kw: usize,
    dict: &Dict,
    resolve_length: &mut dyn FnMut(ObjRef) -> Option<i64>,
) -> Result<StreamExtent> {
    // EOL after `stream`: CRLF or LF (tolerate lone CR and stray spaces).
    let mut p = after_kw;
    while matches!(data.get(p), Some(b' ' | b'\t')) {
        p += 1;
    }
    let keyword_line_data = match (data.get(p), data.get(p + 1)) {
        (Some(b'\r'), Some(b'\n')) => {
            p += 2;
            false
        }
        (Some(b'\n'), _) | (Some(b'\r'), _) => {
            p += 1;
            false
        }
        (None, _) => false,
        _ => true,
    };
    let start = p;
    let declared = match dict.get(b"Length") {
        Some(Object::Integer(n)) => Some(*n),
        Some(Object::Reference(r)) => resolve_length(*r),
        _ => None,
    };
    let mut by_length = None;
    if let Some(len) = declared.and_then(|l| usize::try_from(l).ok())
        && let Some(end) = start.checked_add(len).filter(|&e| e <= data.len())
    {
        let mut q = end;
        while data.get(q).is_some_and(|&b| is_whitespace(b)) {
            q += 1;
        }
        if data.get(q..q + 9) == Some(b"endstream") {
            return Ok(StreamExtent {
                data: start..end,
                end: q + 9,
                fallback: false,
                by_length: None,
                keyword_line_data,
            });
        }
        by_length = Some(start..end);
    }
    // Fallback: scan for `endstream`.
    let es = find(data, b"endstream", start).ok_or_else(|| syntax(start, "stream without 'endstream'"))?;
    let mut end = es;
    if end > start && data.get(end - 1) == Some(&b'\n') {
        end -= 1;
        if end > start && data.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
    } else if end > start && data.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    let by_length = by_length.filter(|r| *r != (start..end));
    Ok(StreamExtent { data: start..end, end: es + 9, fallback: true, by_length, keyword_line_data })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &[u8]) -> Result<Object> {
        parse_object(&mut Lexer::new(s, 0))
    }

    #[test]
    fn objects() {
        let o = parse(b"<</A [1 0 R 2 3.5 (x) <00> /N true null] /B <<>> /C 4 5 R>>").unwrap();
        let d = o.as_dict().unwrap();
        let a = d.get_array(b"A").unwrap();
        assert_eq!(a[0], Object::Reference(ObjRef::new(1, 0)));
        assert_eq!(a[1], Object::Integer(2));
        assert_eq!(a[2], Object::Real(3.5));
        assert_eq!(a.len(), 8);
        assert_eq!(d.get_ref(b"C"), Some(ObjRef::new(4, 5)));
        assert!(d.get_dict(b"B").unwrap().is_empty());
        // round trip
        let bytes = o.to_bytes();
        assert_eq!(parse(&bytes).unwrap(), o);
    }

    #[test]
    fn deep_nesting_errors() {
        let s = vec![b'['; 100_000];
        assert!(matches!(parse(&s), Err(PdfError::Limit { .. })));
        let mut s = b"<</A ".repeat(1000);
        s.extend(b">>".repeat(1000));
        assert!(parse(&s).is_err());
    }

    #[test]
    fn indirect_stream() {
        let src = b"7 0 obj\n<</Length 5>>stream\r\nhello\nendstream\nendobj\n";
        let io = parse_indirect(src, 0, &mut |_| None).unwrap();
        assert_eq!(io.r, ObjRef::new(7, 0));
        let s = io.obj.as_stream().unwrap();
        assert_eq!(s.raw(src).unwrap(), b"hello");
        assert_eq!(&src[io.span.clone()], &src[..src.len() - 1]);
        assert!(!io.length_fallback);

        // wrong and huge lengths fall back to scanning
        for l in [b"3".as_ref(), b"999999999", b"-4", b"8 0 R"] {
            let mut src = b"7 0 obj\n<</Length ".to_vec();
            src.extend_from_slice(l);
            src.extend_from_slice(b">>stream\nhello\r\nendstream endobj");
            let io = parse_indirect(&src, 0, &mut |_| Some(2)).unwrap();
            assert_eq!(io.obj.as_stream().unwrap().raw(&src).unwrap(), b"hello");
            assert!(io.length_fallback);
            assert_eq!(io.span.end, src.len());
        }
        // indirect length resolved
        let src = b"7 0 obj <</Length 8 0 R>> stream\nhello\nendstream endobj";
        let io = parse_indirect(src, 0, &mut |r| (r.num == 8).then_some(5)).unwrap();
        assert!(!io.length_fallback);
        assert_eq!(io.obj.as_stream().unwrap().raw(src).unwrap(), b"hello");
    }

    #[test]
    fn find_helpers() {
        assert_eq!(find(b"abcabc", b"bc", 0), Some(1));
        assert_eq!(find(b"abcabc", b"bc", 2), Some(4));
        assert_eq!(find(b"abc", b"bc", 10), None);
        assert_eq!(rfind(b"abcabc", b"bc", 6), Some(4));
        assert_eq!(rfind(b"abcabc", b"bc", 4), Some(1));
        assert_eq!(rfind(b"ab", b"abc", 2), None);
    }
}
