//! Cross-reference sections (ISO 32000-1 §7.5.4, §7.5.5, §7.5.8): finding `startxref`,
//! following `/Prev`, reading tables and xref streams — and checking that the chain is
//! the one viewers read: sections in decreasing file order (linearized files excepted),
//! each named by the `startxref` that follows it, no object listed twice in one
//! section. What does not hold is recorded as an [`Ambiguity`].

use std::collections::{HashMap, HashSet};

use super::{Location, PdfReader, Revision, XrefKind, XrefMap, filter_chain};
use crate::pdf::syntax::ambiguity::{Ambiguity, AmbiguityClass};
use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::filters;
use crate::pdf::syntax::lexer::{Lexer, Token, is_whitespace};
use crate::pdf::syntax::object::{Dict, ObjRef, Object};
use crate::pdf::syntax::parser::{find, parse_indirect, parse_object_noting, rfind};

/// Viewers look for `startxref` in the last bytes of the file: MuPDF in the last 1 KiB,
/// PDFium 4 KiB, poppler 24 KiB. Farther than this, some rebuild the table.
pub const STARTXREF_WINDOW: usize = 1024;
/// `startxref` values and `/Prev` offsets may miss their section by this many bytes
/// (whitespace, a lost EOL) and still name it.
const OFFSET_SLACK: usize = 8;

/// A parsed xref section before it becomes a [`Revision`].
pub(super) struct Section {
    pub(super) offset: usize,
    kind: XrefKind,
    trailer: Dict,
    end: usize,
    entries: Vec<(ObjRef, Location)>,
    xref_stm: Option<(usize, Vec<(ObjRef, Location)>)>,
    ambiguities: Vec<Ambiguity>,
}

pub(super) fn xerr(offset: usize, msg: impl Into<String>) -> PdfError {
    PdfError::Xref { offset, msg: msg.into() }
}

pub(super) fn eol_len(data: &[u8], p: usize) -> usize {
    match (data.get(p), data.get(p + 1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (Some(b'\r' | b'\n'), _) => 1,
        _ => 0,
    }
}

/// Offset just past the first `%%EOF` at or after `from` (and its EOL).
fn eof_after(data: &[u8], from: usize) -> Option<usize> {
    find(data, b"%%EOF", from).map(|p| p + 5 + eol_len(data, p + 5))
}

/// Skip PDF whitespace from `p`.
fn skip_white(data: &[u8], mut p: usize) -> usize {
    while data.get(p).is_some_and(|&b| is_whitespace(b)) {
        p += 1;
    }
    p
}

/// The offset after `startxref` at `kw`: digits after whitespace only (as viewers read
/// it), else through the lexer (skipping comments) with `comment` set.
fn startxref_value(data: &[u8], kw: usize) -> (Option<i64>, bool) {
    let p = skip_white(data, kw + 9);
    let digits: &[u8] = data.get(p..).map_or(&[], |t| {
        let n = t.iter().take(20).take_while(|b| b.is_ascii_digit()).count();
        &t[..n]
    });
    if !digits.is_empty() {
        return (std::str::from_utf8(digits).ok().and_then(|s| s.parse().ok()), false);
    }
    let mut lex = Lexer::new(data, kw + 9);
    match lex.next_token() {
        Ok(Some(Token::Integer(n))) => (Some(n), true),
        _ => (None, false),
    }
}

/// Drop repeated object numbers from one part of a section, keeping the first entry
/// (as poppler and MuPDF do); repeated numbers with different entries are recorded.
fn first_wins(
    entries: Vec<(ObjRef, Location)>,
    offset: usize,
    what: &str,
    amb: &mut Vec<Ambiguity>,
) -> Vec<(ObjRef, Location)> {
    let mut seen: HashMap<u32, (ObjRef, Location)> = HashMap::with_capacity(entries.len());
    let mut out = Vec::with_capacity(entries.len());
    let mut reported = 0usize;
    for (r, loc) in entries {
        match seen.get(&r.num) {
            None => {
                seen.insert(r.num, (r, loc));
                out.push((r, loc));
            }
            Some(&(r0, l0)) => {
                let both_free = matches!((l0, loc), (Location::Free { .. }, Location::Free { .. }));
                if (r0, l0) != (r, loc) && !both_free && reported < 16 {
                    reported += 1;
                    amb.push(
                        Ambiguity::new(
                            AmbiguityClass::DuplicateXrefEntry,
                            offset,
                            format!("{what} lists object {} twice: {l0:?} and {loc:?}", r.num),
                        )
                        .with_object(r.num),
                    );
                }
            }
        }
    }
    out
}

impl PdfReader<'_> {
    pub(super) fn find_startxref(&mut self) -> Result<usize> {
        let data = self.data;
        let kw =
            rfind(data, b"startxref", data.len()).ok_or_else(|| xerr(data.len(), "no 'startxref' keyword found"))?;
        if data.len() - kw > STARTXREF_WINDOW {
            self.note(Ambiguity::new(
                AmbiguityClass::StartxrefPlacement,
                kw,
                format!("the last 'startxref' is {} bytes before the end of the file", data.len() - kw),
            ));
        }
        match startxref_value(data, kw) {
            (Some(n), comment) => {
                if comment {
                    self.note(Ambiguity::new(
                        AmbiguityClass::StartxrefPlacement,
                        kw,
                        "a comment stands between 'startxref' and its offset",
                    ));
                }
                usize::try_from(n)
                    .ok()
                    .filter(|&n| n < data.len())
                    .ok_or_else(|| xerr(kw, format!("startxref value {n} is outside the file")))
            }
            (None, _) => Err(xerr(kw, "'startxref' is not followed by an offset")),
        }
    }

    pub(super) fn load_chain(&mut self) -> Result<()> {
        let data = self.data;
        self.startxref = self.find_startxref()?;
        let mut sections: Vec<Section> = Vec::new();
        let mut visited = HashSet::new();
        let mut offset = self.startxref;
        let mut total_entries: u64 = 0;
        loop {
            if sections.len() >= self.limits.max_revisions {
                return Err(PdfError::Limit { what: "too many cross-reference sections", offset });
            }
            if !visited.insert(offset) {
                return Err(PdfError::XrefLoop { offset });
            }
            let sec = read_section(data, offset, self.max_decoded, self.limits.max_xref_entries)?;
            total_entries += sec.entries.len() as u64 + sec.xref_stm.as_ref().map_or(0, |s| s.1.len() as u64);
            if total_entries > 2 * self.limits.max_xref_entries {
                return Err(PdfError::Limit { what: "too many cross-reference entries in total", offset });
            }
            // Hybrid files often name the same /XRefStm from several sections (it
            // is read, never followed): only the /Prev chain can loop.
            let prev = match sec.trailer.get(b"Prev") {
                None => None,
                Some(Object::Integer(p)) => Some(
                    usize::try_from(*p)
                        .ok()
                        .filter(|&p| p < data.len())
                        .ok_or_else(|| xerr(offset, format!("/Prev {p} is outside the file")))?,
                ),
                Some(_) => return Err(xerr(offset, "/Prev is not an integer")),
            };
            sections.push(sec);
            match prev {
                Some(p) => offset = p,
                None => break,
            }
        }
        // Newest first here.
        let closures = self.check_order_and_closure(&sections);
        sections.reverse();
        for (sec, closure) in sections.into_iter().zip(closures.into_iter().rev()) {
            let mut amb = sec.ambiguities;
            let mut map: XrefMap = HashMap::new();
            let mut defined = first_wins(sec.entries, sec.offset, "xref section", &mut amb);
            // Precedence inside a hybrid section: table in-use entries, then
            // /XRefStm entries, then table free entries.
            for (r, loc) in &defined {
                if matches!(loc, Location::Free { .. }) {
                    map.insert(r.num, (r.r#gen, *loc));
                }
            }
            let mut xref_stm = None;
            if let Some((stm_off, entries)) = sec.xref_stm {
                xref_stm = Some(stm_off);
                let entries = first_wins(entries, stm_off, "/XRefStm stream", &mut amb);
                for (r, loc) in &entries {
                    map.insert(r.num, (r.r#gen, *loc));
                }
                for (r, loc) in &defined {
                    if !matches!(loc, Location::Free { .. }) {
                        map.insert(r.num, (r.r#gen, *loc));
                    }
                }
                defined.extend(entries);
            } else {
                for (r, loc) in &defined {
                    if !matches!(loc, Location::Free { .. }) {
                        map.insert(r.num, (r.r#gen, *loc));
                    }
                }
            }
            for a in amb {
                self.note(a);
            }
            let (eof_end, eof_found) = match closure {
                Some(e) => (e, true),
                None => (data.len(), false),
            };
            self.revisions.push(Revision {
                xref_offset: sec.offset,
                kind: sec.kind,
                trailer: sec.trailer,
                xref_end: sec.end,
                eof_end,
                eof_found,
                xref_stm,
                defined,
            });
            self.rev_maps.push(map);
        }
        self.build_merged();
        Ok(())
    }

    /// For each section (newest first), the end of the `%%EOF` that closes it: the one
    /// after the `startxref` that names the section. A section no `startxref` names
    /// (a dormant section) gets `None`; the `/Prev` chain must go backwards in the
    /// file. Linearized files: the first-page section (near the start, `/Prev` forward
    /// to the main section) is closed by the first `%%EOF` after it, and the main
    /// section by the `startxref` naming the first-page section.
    fn check_order_and_closure(&mut self, sections: &[Section]) -> Vec<Option<usize>> {
        let data = self.data;
        let linearized = self.linearized();
        let norm = |p: usize| skip_white(data, p);
        let names = |value: usize, target: usize| norm(value).abs_diff(norm(target)) <= OFFSET_SLACK;
        let mut out = Vec::with_capacity(sections.len());
        let mut forward_links = 0usize;
        let mut amb = Vec::new();
        for (i, sec) in sections.iter().enumerate() {
            // The section whose /Prev leads here (newer in the chain).
            let newer = i.checked_sub(1).and_then(|j| sections.get(j));
            let older = sections.get(i + 1);
            let first_page = linearized && older.is_some_and(|o| o.offset > sec.offset);
            if let Some(o) = older
                && o.offset >= sec.offset
            {
                forward_links += 1;
                if !linearized || forward_links > 1 {
                    amb.push(Ambiguity::new(
                        AmbiguityClass::RevisionOrder,
                        sec.offset,
                        format!("/Prev of the xref section at {} points forward to {}", sec.offset, o.offset),
                    ));
                }
            } else if let Some(o) = older
                && o.end > sec.offset
            {
                amb.push(Ambiguity::new(
                    AmbiguityClass::RevisionOrder,
                    sec.offset,
                    format!("xref section at {} overlaps the older one at {}", sec.offset, o.offset),
                ));
            }
            if first_page {
                out.push(eof_after(data, sec.end));
                continue;
            }
            let sx = find(data, b"startxref", sec.end);
            let value = sx.and_then(|kw| startxref_value(data, kw).0).and_then(|v| usize::try_from(v).ok());
            let named = value.is_some_and(|v| {
                names(v, sec.offset) || newer.is_some_and(|n| linearized && n.offset < sec.offset && names(v, n.offset))
            });
            if named && let Some(kw) = sx {
                out.push(eof_after(data, kw));
            } else {
                amb.push(Ambiguity::new(
                    AmbiguityClass::DormantXrefSection,
                    sec.offset,
                    format!(
                        "the xref section at {} is not named by the 'startxref' after it ({})",
                        sec.offset,
                        value.map_or("none".to_string(), |v| v.to_string())
                    ),
                ));
                out.push(None);
            }
        }
        for a in amb {
            self.note(a);
        }
        out
    }
}

fn read_section(data: &[u8], offset: usize, max_decoded: usize, max_entries: u64) -> Result<Section> {
    let mut lex = Lexer::new(data, offset);
    let is_table = matches!(lex.peek_token(), Ok(Some(Token::Keyword(b"xref"))));
    if is_table {
        let (trailer, entries, end, ambiguities) = read_table(data, offset, max_entries)?;
        let xref_stm = match trailer.get(b"XRefStm") {
            Some(Object::Integer(p)) => {
                let p = usize::try_from(*p)
                    .ok()
                    .filter(|&p| p < data.len())
                    .ok_or_else(|| xerr(offset, "/XRefStm is outside the file"))?;
                if p == offset {
                    return Err(PdfError::XrefLoop { offset: p });
                }
                let (_, entries, _, _) = read_xref_stream(data, p, max_decoded, max_entries)?;
                Some((p, entries))
            }
            _ => None,
        };
        Ok(Section { offset, kind: XrefKind::Table, trailer, end, entries, xref_stm, ambiguities })
    } else {
        let (trailer, entries, end, ambiguities) = read_xref_stream(data, offset, max_decoded, max_entries)?;
        Ok(Section { offset, kind: XrefKind::Stream, trailer, end, entries, xref_stm: None, ambiguities })
    }
}

type SectionParts = (Dict, Vec<(ObjRef, Location)>, usize, Vec<Ambiguity>);

fn read_table(data: &[u8], offset: usize, max_entries: u64) -> Result<SectionParts> {
    let mut lex = Lexer::new(data, offset);
    match lex.next_token() {
        Ok(Some(Token::Keyword(b"xref"))) => {}
        _ => return Err(xerr(offset, "expected 'xref'")),
    }
    let mut entries = Vec::new();
    let int = |lex: &mut Lexer<'_>| -> Result<i64> {
        let p = lex.pos();
        match lex.next_token() {
            Ok(Some(Token::Integer(v))) => Ok(v),
            _ => Err(xerr(p, "expected an integer in xref table")),
        }
    };
    loop {
        let p = lex.pos();
        match lex.next_token() {
            Ok(Some(Token::Keyword(b"trailer"))) => break,
            Ok(Some(Token::Integer(start))) => {
                let count = int(&mut lex)?;
                if start < 0 || count < 0 || start.saturating_add(count) > u32::MAX as i64 + 1 {
                    return Err(xerr(p, format!("invalid subsection header {start} {count}")));
                }
                if entries.len() as u64 + count as u64 > max_entries {
                    return Err(PdfError::Limit { what: "too many entries in one xref table", offset: p });
                }
                for i in 0..count {
                    let ep = lex.pos();
                    let off = int(&mut lex)?;
                    let r#gen = int(&mut lex)?;
                    let kw = lex.next_token();
                    let num = (start + i) as u32;
                    let r#gen = u16::try_from(r#gen).map_err(|_| xerr(ep, format!("generation {gen} out of range")))?;
                    let loc = match kw {
                        Ok(Some(Token::Keyword(b"n"))) => Location::InUse {
                            offset: usize::try_from(off).map_err(|_| xerr(ep, format!("negative offset {off}")))?,
                        },
                        Ok(Some(Token::Keyword(b"f"))) => Location::Free { next: u32::try_from(off).unwrap_or(0) },
                        _ => return Err(xerr(ep, "xref entry type is neither 'n' nor 'f'")),
                    };
                    entries.push((ObjRef::new(num, r#gen), loc));
                }
            }
            _ => return Err(xerr(p, "expected subsection header or 'trailer'")),
        }
    }
    let tp = lex.pos();
    let mut amb = Vec::new();
    let trailer = match parse_object_noting(&mut lex, &mut amb) {
        Ok(Object::Dict(d)) => d,
        Ok(_) => return Err(xerr(tp, "trailer is not a dictionary")),
        Err(e) => return Err(xerr(tp, format!("cannot parse trailer: {e}"))),
    };
    Ok((trailer, entries, lex.pos(), amb))
}

fn read_xref_stream(data: &[u8], offset: usize, max_decoded: usize, max_entries: u64) -> Result<SectionParts> {
    let io = parse_indirect(data, offset, &mut |_| None)
        .map_err(|e| xerr(offset, format!("expected an xref stream object: {e}")))?;
    let stream = match io.obj {
        Object::Stream(s) => s,
        o => return Err(xerr(offset, format!("xref object is a {}, not a stream", o.type_name()))),
    };
    let dict = &stream.dict;
    if dict.get_name(b"Type") != Some(b"XRef") {
        return Err(xerr(offset, "stream is not /Type /XRef"));
    }
    let w: Vec<usize> = match dict.get_array(b"W") {
        Some(a) if a.len() == 3 => a
            .iter()
            .map(|o| o.as_int().filter(|v| (0..=8).contains(v)).map(|v| v as usize))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| xerr(offset, "invalid /W"))?,
        _ => return Err(xerr(offset, "missing or invalid /W")),
    };
    let width: usize = w.iter().sum();
    if width == 0 {
        return Err(xerr(offset, "/W entries sum to zero"));
    }
    let size = dict
        .get_int(b"Size")
        .filter(|&s| s >= 0 && s <= u32::MAX as i64)
        .ok_or_else(|| xerr(offset, "missing or invalid /Size"))?;
    let index: Vec<(i64, i64)> = match dict.get(b"Index") {
        None => vec![(0, size)],
        Some(Object::Array(a)) if a.len() % 2 == 0 => {
            let ints: Option<Vec<i64>> = a.iter().map(Object::as_int).collect();
            let ints = ints.ok_or_else(|| xerr(offset, "invalid /Index"))?;
            ints.chunks(2).map(|c| (c[0], c[1])).collect()
        }
        _ => return Err(xerr(offset, "invalid /Index")),
    };
    let chain = filter_chain(dict, &mut |o| match o {
        Object::Reference(_) => Ok(Object::Null),
        o => Ok(o.clone()),
    })?;
    let raw = stream.raw(data)?;
    let decoded = filters::decode(raw, &chain, max_decoded)
        .map_err(|e| xerr(offset, format!("cannot decode xref stream: {e}")))?;
    let mut total: u64 = 0;
    for &(start, count) in &index {
        if start < 0 || count < 0 || start.saturating_add(count) > u32::MAX as i64 + 1 {
            return Err(xerr(offset, format!("invalid /Index pair {start} {count}")));
        }
        total += count as u64;
    }
    if total > max_entries {
        return Err(PdfError::Limit { what: "too many entries in one xref stream", offset });
    }
    if total.saturating_mul(width as u64) > decoded.len() as u64 {
        return Err(xerr(
            offset,
            format!(
                "xref stream data too short: {} entries of {width} bytes need more than {} bytes",
                total,
                decoded.len()
            ),
        ));
    }
    let field = |bytes: &[u8], default: u64| -> u64 {
        if bytes.is_empty() { default } else { bytes.iter().fold(0u64, |acc, &b| (acc << 8) | b as u64) }
    };
    let mut entries = Vec::with_capacity(total as usize);
    let mut pos = 0usize;
    for (start, count) in index {
        for i in 0..count {
            let rec = decoded.get(pos..pos + width).unwrap_or(&[]);
            pos += width;
            let (a, rest) = rec.split_at(w[0].min(rec.len()));
            let (b, c) = rest.split_at(w[1].min(rest.len()));
            let t = field(a, 1);
            let f2 = field(b, 0);
            let f3 = field(c, 0);
            let num = (start + i) as u32;
            let bad = |what: &str| xerr(offset, format!("xref stream entry for object {num}: {what}"));
            let (r#gen, loc) = match t {
                0 => (u16::try_from(f3).unwrap_or(u16::MAX), Location::Free { next: u32::try_from(f2).unwrap_or(0) }),
                1 => (
                    u16::try_from(f3).map_err(|_| bad("generation out of range"))?,
                    Location::InUse { offset: usize::try_from(f2).map_err(|_| bad("offset out of range"))? },
                ),
                2 => (
                    0,
                    Location::Compressed {
                        stream: u32::try_from(f2).map_err(|_| bad("stream number out of range"))?,
                        index: u32::try_from(f3).map_err(|_| bad("index out of range"))?,
                    },
                ),
                _ => continue, // unknown types are references to null
            };
            entries.push((ObjRef::new(num, r#gen), loc));
        }
    }
    let mut trailer = stream.dict.clone();
    trailer.remove(b"Length");
    Ok((trailer, entries, io.span.end, io.ambiguities))
}
