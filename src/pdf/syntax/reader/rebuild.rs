//! The viewer-style reconstruction of the object table (what poppler, qpdf and
//! pyHanko's non-strict reader do when the xref is broken): scan the file for every
//! `N G obj`, skipping stream data, and let the last definition of a number win;
//! members of object streams count as defined where their stream is. The table is cut
//! into revisions at each `%%EOF` (objects after the last one form a last revision
//! without `%%EOF`), so that a signature's ByteRange can still be matched to the
//! revision it covers and the later revisions compared object by object.
//!
//! Linear time: each search (`obj`, `endstream`, `trailer`, `%%EOF`) moves forward
//! through the file once, and each header's object is parsed only up to the next
//! header.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{Location, PdfReader, Revision, Scope, XREF_STREAM_KEYS, XrefKind, XrefMap};
use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::lexer::{Lexer, Token, is_regular, is_whitespace};
use crate::pdf::syntax::object::{Dict, ObjRef, Object};
use crate::pdf::syntax::parser::{find, parse_object};

/// How far a `trailer` dictionary is parsed at most.
const TRAILER_WINDOW: usize = 1 << 20;

/// What the scan found, in file order.
#[derive(Default)]
struct Scan {
    /// Object headers outside stream data: (offset, reference).
    headers: Vec<(usize, ObjRef)>,
    /// Object streams among them.
    objstms: Vec<(usize, ObjRef)>,
    /// Catalogs among them.
    catalogs: Vec<(usize, ObjRef)>,
    /// Trailer candidates with a /Root: `trailer` dictionaries and xref-stream
    /// dictionaries (offset, dictionary, kind).
    trailers: Vec<(usize, Dict, XrefKind)>,
    /// Ends of `%%EOF` markers (and their EOL) outside stream data.
    eofs: Vec<usize>,
}

/// Position of the data after the `stream` keyword ending at `p`.
fn stream_data_start(data: &[u8], mut p: usize) -> usize {
    while matches!(data.get(p), Some(b' ' | b'\t')) {
        p += 1;
    }
    match (data.get(p), data.get(p + 1)) {
        (Some(b'\r'), Some(b'\n')) => p + 2,
        (Some(b'\n' | b'\r'), _) => p + 1,
        _ => p,
    }
}

/// Forward-only search for one needle: queries come with non-decreasing `from`.
struct Cursor<'n> {
    needle: &'n [u8],
    /// The last answer and the position it was searched from.
    last: Option<(usize, Option<usize>)>,
}

impl Cursor<'_> {
    fn next(&mut self, data: &[u8], from: usize) -> Option<usize> {
        if let Some((searched, hit)) = self.last
            && searched <= from
            && hit.is_none_or(|h| h >= from)
        {
            return hit;
        }
        let hit = find(data, self.needle, from);
        self.last = Some((from, hit));
        hit
    }
}

fn inside(regions: &[Range<usize>], p: usize) -> bool {
    let i = regions.partition_point(|r| r.end <= p);
    regions.get(i).is_some_and(|r| r.contains(&p))
}

fn scan(data: &[u8], max_headers: u64) -> Result<Scan> {
    // Pass 1: every `N G obj` at a token boundary.
    let mut cands: Vec<(usize, ObjRef, usize)> = Vec::new();
    let mut pos = 0;
    while let Some(i) = find(data, b"obj", pos) {
        pos = i + 3;
        if data.get(i + 3).is_some_and(|&b| is_regular(b)) {
            continue;
        }
        if let Some((r, start)) = obj_header_before(data, i) {
            if cands.len() as u64 >= max_headers {
                return Err(PdfError::Limit { what: "too many object headers for a rebuild", offset: start });
            }
            cands.push((start, r, i + 3));
        }
    }
    let window_end = |k: usize| cands.get(k + 1).map_or(data.len(), |c| c.0).max(cands.get(k).map_or(0, |c| c.2));
    let mut last_of: HashMap<ObjRef, usize> = HashMap::new();
    for (k, c) in cands.iter().enumerate() {
        last_of.insert(c.1, k);
    }
    let mut lengths: HashMap<ObjRef, Option<i64>> = HashMap::new();
    let mut length_of = |r: ObjRef| -> Option<i64> {
        *lengths.entry(r).or_insert_with(|| {
            let &k = last_of.get(&r)?;
            let &(_, _, after) = cands.get(k)?;
            let window = data.get(..window_end(k))?;
            parse_object(&mut Lexer::skimming(window, after)).ok()?.as_int()
        })
    };
    // Pass 2: skip stream data, note object streams, catalogs, xref streams.
    let mut out = Scan::default();
    let mut regions: Vec<Range<usize>> = Vec::new();
    let mut skip_until = 0usize;
    let mut endstream = Cursor { needle: b"endstream", last: None };
    for (k, &(start, r, after)) in cands.iter().enumerate() {
        if start < skip_until {
            continue;
        }
        out.headers.push((start, r));
        let Some(window) = data.get(..window_end(k)) else { continue };
        // Only the dictionary's names, numbers and extent matter here: hex strings
        // (a signature's /Contents) are checked, not decoded.
        let mut lex = Lexer::skimming(window, after);
        let Ok(Object::Dict(d)) = parse_object(&mut lex) else { continue };
        match d.get_name(b"Type") {
            Some(b"Catalog") => out.catalogs.push((start, r)),
            Some(b"ObjStm") => out.objstms.push((start, r)),
            Some(b"XRef") if d.get_ref(b"Root").is_some() => {
                // A trailer keeps its strings (/ID): parsed again in full.
                if let Ok(Object::Dict(mut t)) = parse_object(&mut Lexer::new(window, after)) {
                    for key in XREF_STREAM_KEYS {
                        t.remove(key);
                    }
                    out.trailers.push((start, t, XrefKind::Stream));
                }
            }
            _ => {}
        }
        if !matches!(lex.next_token(), Ok(Some(Token::Keyword(b"stream")))) {
            continue;
        }
        let ds = stream_data_start(data, lex.pos());
        let declared = match d.get(b"Length") {
            Some(Object::Integer(n)) => Some(*n),
            Some(Object::Reference(lr)) => length_of(*lr),
            _ => None,
        };
        let by_length = declared
            .and_then(|n| usize::try_from(n).ok())
            .and_then(|n| ds.checked_add(n))
            .filter(|&e| e <= data.len())
            .and_then(|e| {
                let mut q = e;
                while data.get(q).is_some_and(|&b| is_whitespace(b)) {
                    q += 1;
                }
                (data.get(q..q + 9) == Some(b"endstream")).then_some(q + 9)
            });
        let end = match by_length {
            Some(e) => Some(e),
            None => endstream.next(data, ds).map(|e| e + 9),
        };
        if let Some(e) = end {
            skip_until = e;
            regions.push(ds..e);
        }
    }
    // `%%EOF` markers and `trailer` dictionaries outside stream data.
    let mut pos = 0;
    while let Some(i) = find(data, b"%%EOF", pos) {
        pos = i + 5;
        if !inside(&regions, i) {
            out.eofs.push(i + 5 + super::eol_len(data, i + 5));
        }
    }
    let mut pos = 0;
    while let Some(i) = find(data, b"trailer", pos) {
        pos = i + 7;
        if inside(&regions, i) {
            continue;
        }
        let next_header = cands.partition_point(|c| c.0 <= i);
        let end = cands.get(next_header).map_or(data.len(), |c| c.0).min(i.saturating_add(TRAILER_WINDOW));
        let Some(window) = data.get(..end.max(i + 7)) else { continue };
        if let Ok(Object::Dict(d)) = parse_object(&mut Lexer::new(window, i + 7))
            && d.get_ref(b"Root").is_some()
        {
            out.trailers.push((i, d, XrefKind::Table));
        }
    }
    out.trailers.sort_by_key(|t| t.0);
    Ok(out)
}

impl PdfReader<'_> {
    /// Rebuild the object table by scanning (see the module documentation).
    pub(super) fn reconstruct(&mut self) -> Result<()> {
        let data = self.data;
        let scan = scan(data, self.limits.max_xref_entries)?;
        let mut bounds = scan.eofs.clone();
        bounds.dedup();
        let after_last = bounds.last().copied().unwrap_or(0);
        let trailing = bounds.is_empty()
            || scan.headers.last().is_some_and(|h| h.0 >= after_last)
            || scan.trailers.last().is_some_and(|t| t.0 >= after_last);
        if trailing {
            bounds.push(data.len());
        }
        if bounds.len() > self.limits.max_revisions {
            return Err(PdfError::Limit { what: "too many revisions (%%EOF markers) for a rebuild", offset: 0 });
        }
        let mut events: Vec<(usize, ObjRef, Location)> =
            scan.headers.iter().map(|&(p, r)| (p, r, Location::InUse { offset: p })).collect();
        self.install(&bounds, trailing, &events, &scan);
        // Object stream members, defined where their stream is.
        let seg_of = |p: usize| bounds.partition_point(|&b| b <= p).min(bounds.len().saturating_sub(1));
        let mut members = Vec::new();
        for &(p, sref) in &scan.objstms {
            let seg = seg_of(p);
            if self.lookup(sref.num, Scope::UpTo(seg)) != Some((sref.r#gen, Location::InUse { offset: p })) {
                continue;
            }
            let Ok(os) = self.load_objstm(sref, Scope::UpTo(seg), 0) else { continue };
            let mut seen = HashSet::new();
            for (idx, &(num, _)) in os.entries.iter().enumerate() {
                if num == sref.num || !seen.insert(num) {
                    continue;
                }
                members.push((p, ObjRef::new(num, 0), Location::Compressed { stream: sref.num, index: idx as u32 }));
            }
            if (events.len() + members.len()) as u64 > 2 * self.limits.max_xref_entries {
                return Err(PdfError::Limit { what: "too many objects for a rebuild", offset: p });
            }
        }
        if !members.is_empty() {
            events.extend(members);
            events.sort_by_key(|e| e.0);
            self.install(&bounds, trailing, &events, &scan);
        }
        if self.trailer.get_ref(b"Root").is_none() {
            return Err(PdfError::Structure("xref reconstruction found no document catalog".into()));
        }
        Ok(())
    }

    /// Cut `events` (sorted by offset) into revisions at `bounds` and install them.
    fn install(&mut self, bounds: &[usize], trailing: bool, events: &[(usize, ObjRef, Location)], scan: &Scan) {
        self.revisions.clear();
        self.rev_maps.clear();
        if let Ok(mut c) = self.objstm_cache.lock() {
            c.clear();
        }
        let mut ev = events.iter().peekable();
        let mut tr = scan.trailers.iter().peekable();
        let mut seg_start = 0;
        for (i, &b) in bounds.iter().enumerate() {
            let mut map: XrefMap = HashMap::new();
            let mut order: Vec<u32> = Vec::new();
            while let Some(&(_, r, loc)) = ev.next_if(|e| e.0 < b) {
                if map.insert(r.num, (r.r#gen, loc)).is_none() {
                    order.push(r.num);
                }
            }
            let (mut trailer, mut kind, mut xoff) = (Dict::new(), XrefKind::Table, seg_start);
            while let Some((p, d, k)) = tr.next_if(|t| t.0 < b) {
                (trailer, kind, xoff) = (d.clone(), *k, *p);
            }
            let defined = order.iter().filter_map(|n| map.get(n).map(|&(g, l)| (ObjRef::new(*n, g), l))).collect();
            let eof_found = !(trailing && i + 1 == bounds.len());
            self.revisions.push(Revision {
                xref_offset: xoff,
                kind,
                trailer,
                xref_end: b,
                eof_end: b,
                eof_found,
                xref_stm: None,
                defined,
            });
            self.rev_maps.push(map);
            seg_start = b;
        }
        // A /Root that names nothing in its revision: the last catalog before its end.
        let mut root: Option<ObjRef> = None;
        for i in 0..self.revisions.len() {
            if let Some(r) = self.revisions.get(i).and_then(|rev| rev.trailer.get_ref(b"Root")) {
                root = Some(r);
            }
            let ok = root.is_some_and(|r| self.lookup(r.num, Scope::UpTo(i)).is_some_and(|e| e.0 == r.r#gen));
            if ok {
                continue;
            }
            let end = bounds.get(i).copied().unwrap_or(0);
            let cat = scan.catalogs.iter().rev().find(|&&(p, c)| {
                p < end && self.lookup(c.num, Scope::UpTo(i)) == Some((c.r#gen, Location::InUse { offset: p }))
            });
            if let Some(&(_, c)) = cat
                && let Some(rev) = self.revisions.get_mut(i)
            {
                rev.trailer.insert("Root", c);
                root = Some(c);
            }
        }
        self.reconstructed = true;
        self.startxref = 0;
        self.build_merged();
        let max = self.merged.keys().max().copied().unwrap_or(0);
        self.trailer.insert("Size", Object::Integer(max as i64 + 1));
    }
}

/// Given the offset of `obj` in `data`, walk back over `N G ` and return
/// the reference and the offset of N.
fn obj_header_before(data: &[u8], obj_kw: usize) -> Option<(ObjRef, usize)> {
    let mut j = obj_kw;
    let skip_ws = |j: &mut usize| {
        let e = *j;
        while *j > 0 && data.get(*j - 1).is_some_and(|&b| is_whitespace(b)) {
            *j -= 1;
        }
        *j < e
    };
    let digits = |j: &mut usize| {
        let e = *j;
        while *j > 0 && e - *j < 10 && data.get(*j - 1).is_some_and(|b| b.is_ascii_digit()) {
            *j -= 1;
        }
        (*j < e).then(|| data.get(*j..e))?
    };
    if !skip_ws(&mut j) {
        return None;
    }
    let r#gen = digits(&mut j)?;
    if !skip_ws(&mut j) {
        return None;
    }
    let num = digits(&mut j)?;
    if j > 0 && data.get(j - 1).is_some_and(|&b| is_regular(b)) {
        return None;
    }
    let num: u32 = std::str::from_utf8(num).ok()?.parse().ok()?;
    let r#gen: u16 = std::str::from_utf8(r#gen).ok()?.parse().ok()?;
    Some((ObjRef::new(num, r#gen), j))
}
