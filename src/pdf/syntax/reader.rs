//! Lazy PDF reader: xref chain, per-revision information, on-demand object
//! parsing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, Mutex};

use super::crypt::SecurityHandler;
use super::error::{PdfError, Result};
use super::filters;
use super::lexer::{Lexer, Token, is_regular, is_whitespace};
use super::object::{Dict, ObjRef, Object, Stream};
use super::parser::{self, find, parse_indirect, parse_obj_header, parse_object, rfind};

/// Maximum number of xref sections followed through /Prev.
pub const MAX_REVISIONS: usize = 10_000;
/// Maximum number of xref entries in one section and in all sections
/// together (the PDF implementation limit is 8,388,607 objects).
pub const MAX_XREF_ENTRIES: u64 = 8_388_608;
/// Decoded object streams kept in the cache (bytes).
const OBJSTM_CACHE_BYTES: usize = 64 << 20;
/// Maximum depth of reference chains followed while resolving one object
/// (indirect /Length, object streams, ...).
const MAX_RESOLVE_DEPTH: u32 = 32;
/// Maximum depth of the page tree.
const MAX_PAGE_TREE_DEPTH: usize = 64;
/// Default cap for decoded stream sizes.
pub const DEFAULT_MAX_DECODED: usize = 256 << 20;
/// Keys of an xref stream dictionary that are not trailer keys.
const XREF_STREAM_KEYS: [&[u8]; 8] =
    [b"Type", b"W", b"Index", b"Length", b"Filter", b"DecodeParms", b"Prev", b"XRefStm"];

/// Kind of a cross-reference section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XrefKind {
    /// Classic `xref` table + `trailer` (possibly hybrid with /XRefStm).
    Table,
    /// Cross-reference stream (`/Type /XRef`).
    Stream,
}

/// Where an xref entry says an object lives. The generation number is in
/// the accompanying [`ObjRef`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// Stored directly at this byte offset.
    InUse { offset: usize },
    /// Object number `index`-th member of object stream `stream`.
    Compressed { stream: u32, index: u32 },
    /// Free entry (`next` = next free object number).
    Free { next: u32 },
}

/// One cross-reference section (= one revision of the file).
#[derive(Debug, Clone)]
pub struct Revision {
    /// Offset of the `xref` keyword or of the xref stream object.
    pub xref_offset: usize,
    pub kind: XrefKind,
    /// The trailer dictionary (for xref streams: the stream dictionary).
    pub trailer: Dict,
    /// Offset just past the trailer dictionary / xref stream `endobj`.
    pub xref_end: usize,
    /// Offset just past the first `%%EOF` (plus one EOL: CRLF, LF or CR)
    /// after `xref_end`; `data.len()` when no `%%EOF` follows.
    pub eof_end: usize,
    /// Whether a `%%EOF` was found after the section.
    pub eof_found: bool,
    /// Hybrid files: offset of the /XRefStm stream of this section.
    pub xref_stm: Option<usize>,
    /// Entries listed by this section, in the order they appear (for
    /// hybrid sections: the table entries, then the /XRefStm entries).
    pub defined: Vec<(ObjRef, Location)>,
}

/// Options for [`PdfReader::open_with`].
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Scan the file for `N G obj` if the xref chain is broken.
    pub allow_reconstruct: bool,
    /// Cap for any decoded stream (xref streams, object streams, data).
    pub max_decoded: usize,
    /// Password for encrypted documents (user or owner password; R 6:
    /// UTF-8, R 2..4: PDFDocEncoding, a UTF-8 Latin-1 password is also
    /// tried in Latin-1). `None` tries the empty user password. Ignored
    /// for unencrypted documents.
    pub password: Option<Vec<u8>>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { allow_reconstruct: false, max_decoded: DEFAULT_MAX_DECODED, password: None }
    }
}

/// A decoded object stream.
#[derive(Debug)]
struct ObjStm {
    data: Vec<u8>,
    /// (object number, offset into `data`)
    entries: Vec<(u32, usize)>,
}

type XrefMap = HashMap<u32, (u16, Location)>;

/// Which xref sections are visible when resolving.
#[derive(Debug, Clone, Copy)]
enum Scope {
    Newest,
    UpTo(usize),
}

/// Lazy reader over a borrowed buffer.
#[derive(Debug)]
pub struct PdfReader<'a> {
    data: &'a [u8],
    header_offset: usize,
    version: String,
    startxref: usize,
    last_eof_end: Option<usize>,
    /// Oldest first.
    revisions: Vec<Revision>,
    rev_maps: Vec<XrefMap>,
    merged: XrefMap,
    trailer: Dict,
    reconstructed: bool,
    reconstruct_reason: Option<String>,
    max_decoded: usize,
    /// Keyed by (offset of the object stream, scope key).
    objstm_cache: Mutex<HashMap<(usize, usize), Arc<ObjStm>>>,
    /// Authenticated security handler of an encrypted document.
    crypt: Option<SecurityHandler>,
}

/// A parsed xref section before it becomes a [`Revision`].
struct Section {
    offset: usize,
    kind: XrefKind,
    trailer: Dict,
    end: usize,
    entries: Vec<(ObjRef, Location)>,
    xref_stm: Option<(usize, Vec<(ObjRef, Location)>)>,
}

fn xerr(offset: usize, msg: impl Into<String>) -> PdfError {
    PdfError::Xref { offset, msg: msg.into() }
}

fn eol_len(data: &[u8], p: usize) -> usize {
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

impl<'a> PdfReader<'a> {
    /// Open strictly: a broken xref chain is an error.
    pub fn open(data: &'a [u8]) -> Result<Self> {
        Self::open_with(data, ReadOptions::default())
    }

    /// Open, reconstructing the xref by scanning if the chain is broken
    /// (see [`PdfReader::reconstructed`]).
    pub fn open_lenient(data: &'a [u8]) -> Result<Self> {
        Self::open_with(data, ReadOptions { allow_reconstruct: true, ..ReadOptions::default() })
    }

    pub fn open_with(data: &'a [u8], opts: ReadOptions) -> Result<Self> {
        let head = data.get(..data.len().min(1024)).unwrap_or(&[]);
        let header_offset = find(head, b"%PDF-", 0).ok_or(PdfError::NotPdf)?;
        let version: String = data
            .get(header_offset + 5..)
            .unwrap_or(&[])
            .iter()
            .take(8)
            .take_while(|&&b| b.is_ascii_digit() || b == b'.')
            .map(|&b| b as char)
            .collect();
        let last_eof_end = rfind(data, b"%%EOF", data.len()).map(|p| p + 5 + eol_len(data, p + 5));
        let mut reader = PdfReader {
            data,
            header_offset,
            version,
            startxref: 0,
            last_eof_end,
            revisions: Vec::new(),
            rev_maps: Vec::new(),
            merged: HashMap::new(),
            trailer: Dict::new(),
            reconstructed: false,
            reconstruct_reason: None,
            max_decoded: opts.max_decoded,
            objstm_cache: Mutex::new(HashMap::new()),
            crypt: None,
        };
        match reader.load_chain() {
            Ok(()) => {}
            Err(e) if opts.allow_reconstruct => {
                reader.reconstruct_reason = Some(e.to_string());
                reader.reconstruct()?;
            }
            Err(e) => return Err(e),
        }
        if reader.is_encrypted() {
            reader.setup_encryption(opts.password.as_deref())?;
            if reader.reconstructed {
                // Again, now that object streams can be decrypted.
                reader.reconstruct()?;
            }
        }
        Ok(reader)
    }

    /// Authenticate against the trailer's /Encrypt dictionary.
    fn setup_encryption(&mut self, password: Option<&[u8]>) -> Result<()> {
        let (dict, eref) = match self.trailer.get(b"Encrypt") {
            Some(Object::Reference(r)) => {
                let r = *r;
                match self.resolve(r)? {
                    Object::Dict(d) => (d, Some(r)),
                    o => {
                        return Err(PdfError::UnsupportedEncryption(format!(
                            "/Encrypt {r} is a {}, not a dictionary",
                            o.type_name()
                        )));
                    }
                }
            }
            Some(Object::Dict(d)) => (d.clone(), None),
            Some(o) => return Err(PdfError::UnsupportedEncryption(format!("trailer /Encrypt is a {}", o.type_name()))),
            None => return Ok(()),
        };
        let id0 = self
            .trailer
            .get_array(b"ID")
            .and_then(|a| a.first())
            .and_then(Object::as_str_bytes)
            .unwrap_or(&[])
            .to_vec();
        let handler = match password {
            Some(pw) => SecurityHandler::new(&dict, eref, &id0, pw)?,
            None => match SecurityHandler::new(&dict, eref, &id0, b"") {
                Err(PdfError::WrongPassword) => return Err(PdfError::PasswordRequired),
                other => other?,
            },
        };
        self.crypt = Some(handler);
        if let Ok(mut c) = self.objstm_cache.lock() {
            c.clear();
        }
        Ok(())
    }

    /// Decrypt an object read from its xref offset (no-op for
    /// unencrypted documents).
    fn decrypt(&self, r: ObjRef, obj: &mut Object) -> Result<()> {
        match &self.crypt {
            Some(h) => h.decrypt_object(r, obj, self.data),
            None => Ok(()),
        }
    }

    // ------------------------------------------------------------------
    // xref chain
    // ------------------------------------------------------------------

    fn find_startxref(&self) -> Result<usize> {
        let data = self.data;
        let kw =
            rfind(data, b"startxref", data.len()).ok_or_else(|| xerr(data.len(), "no 'startxref' keyword found"))?;
        let mut lex = Lexer::new(data, kw + 9);
        match lex.next_token() {
            Ok(Some(Token::Integer(n))) => usize::try_from(n)
                .ok()
                .filter(|&n| n < data.len())
                .ok_or_else(|| xerr(kw, format!("startxref value {n} is outside the file"))),
            _ => Err(xerr(kw, "'startxref' is not followed by an offset")),
        }
    }

    fn load_chain(&mut self) -> Result<()> {
        let data = self.data;
        self.startxref = self.find_startxref()?;
        let mut sections: Vec<Section> = Vec::new();
        let mut visited = HashSet::new();
        let mut offset = self.startxref;
        let mut total_entries: u64 = 0;
        loop {
            if sections.len() >= MAX_REVISIONS {
                return Err(PdfError::Limit { what: "too many cross-reference sections", offset });
            }
            if !visited.insert(offset) {
                return Err(PdfError::XrefLoop { offset });
            }
            let sec = read_section(data, offset, self.max_decoded)?;
            total_entries += sec.entries.len() as u64 + sec.xref_stm.as_ref().map_or(0, |s| s.1.len() as u64);
            if total_entries > 2 * MAX_XREF_ENTRIES {
                return Err(PdfError::Limit { what: "too many cross-reference entries in total", offset });
            }
            if let Some((stm, _)) = &sec.xref_stm
                && !visited.insert(*stm)
            {
                return Err(PdfError::XrefLoop { offset: *stm });
            }
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
        sections.reverse();
        for sec in sections {
            let mut map: XrefMap = HashMap::new();
            let mut defined = sec.entries;
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
            let (eof_end, eof_found) = match eof_after(data, sec.end) {
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

    fn build_merged(&mut self) {
        let mut merged: XrefMap = HashMap::new();
        for map in self.rev_maps.iter().rev() {
            for (num, e) in map {
                merged.entry(*num).or_insert(*e);
            }
        }
        self.merged = merged;
        let mut trailer = self.revisions.last().map(|r| r.trailer.clone()).unwrap_or_default();
        for k in XREF_STREAM_KEYS {
            trailer.remove(k);
        }
        for rev in self.revisions.iter().rev().skip(1) {
            for k in [&b"Root"[..], b"Info", b"ID", b"Encrypt"] {
                if !trailer.contains_key(k)
                    && let Some(v) = rev.trailer.get(k)
                {
                    trailer.insert(k, v.clone());
                }
            }
        }
        self.trailer = trailer;
    }

    // ------------------------------------------------------------------
    // reconstruction
    // ------------------------------------------------------------------

    fn reconstruct(&mut self) -> Result<()> {
        let data = self.data;
        let mut objs: BTreeMap<u32, (u16, usize)> = BTreeMap::new();
        let mut pos = 0;
        while let Some(i) = find(data, b"obj", pos) {
            pos = i + 3;
            if data.get(i + 3).is_some_and(|&b| is_regular(b)) {
                continue;
            }
            if let Some((r, start)) = obj_header_before(data, i) {
                objs.insert(r.num, (r.r#gen, start));
            }
        }
        // Trailer candidates: `trailer` dictionaries, then xref streams.
        let mut trailer: Option<Dict> = None;
        let mut pos = 0;
        while let Some(i) = find(data, b"trailer", pos) {
            pos = i + 7;
            let mut lex = Lexer::new(data, i + 7);
            if let Ok(Object::Dict(d)) = parse_object(&mut lex)
                && d.get_ref(b"Root").is_some()
            {
                trailer = Some(d);
            }
        }
        let mut catalog: Option<ObjRef> = None;
        let mut objstms: Vec<(u32, u16, usize)> = Vec::new();
        for (&num, &(r#gen, off)) in &objs {
            let mut lex = Lexer::new(data, off);
            if parse_obj_header(&mut lex).is_err() {
                continue;
            }
            lex.skip_ws();
            if data.get(lex.pos()..lex.pos() + 2) != Some(b"<<") {
                continue;
            }
            if let Ok(Object::Dict(d)) = parse_object(&mut lex) {
                match d.get_name(b"Type") {
                    Some(b"Catalog") => catalog = Some(ObjRef::new(num, r#gen)),
                    Some(b"ObjStm") => objstms.push((num, r#gen, off)),
                    Some(b"XRef") if trailer.is_none() && d.get_ref(b"Root").is_some() => {
                        let mut d = d;
                        for k in XREF_STREAM_KEYS {
                            d.remove(k);
                        }
                        trailer = Some(d);
                    }
                    _ => {}
                }
            }
        }
        let mut trailer = trailer.unwrap_or_default();
        let root_ok = trailer.get_ref(b"Root").is_some_and(|r| objs.get(&r.num).is_some_and(|e| e.0 == r.r#gen));
        if !root_ok {
            match catalog {
                Some(c) => {
                    trailer.insert("Root", c);
                }
                None if trailer.get_ref(b"Root").is_some() => {}
                None => return Err(PdfError::Structure("xref reconstruction found no document catalog".into())),
            }
        }
        let mut defined: Vec<(ObjRef, Location)> = objs
            .iter()
            .map(|(&num, &(r#gen, off))| (ObjRef::new(num, r#gen), Location::InUse { offset: off }))
            .collect();
        let mut map: XrefMap = defined.iter().map(|(r, l)| (r.num, (r.r#gen, *l))).collect();
        self.rev_maps = vec![map.clone()];
        self.merged = map.clone();
        // Members of object streams (direct definitions win).
        for (snum, sgen, _) in objstms {
            if let Ok(os) = self.load_objstm(ObjRef::new(snum, sgen), Scope::Newest, 0) {
                for (idx, (num, _)) in os.entries.iter().enumerate() {
                    if !map.contains_key(num) {
                        let loc = Location::Compressed { stream: snum, index: idx as u32 };
                        map.insert(*num, (0, loc));
                        defined.push((ObjRef::new(*num, 0), loc));
                    }
                }
            }
        }
        let max = map.keys().max().copied().unwrap_or(0);
        trailer.insert("Size", Object::Integer(max as i64 + 1));
        let (eof_end, eof_found) = match self.last_eof_end {
            Some(e) => (e, true),
            None => (data.len(), false),
        };
        self.revisions = vec![Revision {
            xref_offset: 0,
            kind: XrefKind::Table,
            trailer,
            xref_end: 0,
            eof_end,
            eof_found,
            xref_stm: None,
            defined,
        }];
        self.rev_maps = vec![map];
        self.reconstructed = true;
        if let Ok(mut c) = self.objstm_cache.lock() {
            c.clear();
        }
        self.build_merged();
        Ok(())
    }

    // ------------------------------------------------------------------
    // accessors
    // ------------------------------------------------------------------

    /// The whole input buffer.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// Version from the `%PDF-x.y` header.
    pub fn header_version(&self) -> &str {
        &self.version
    }

    /// True if the first object after the header is a linearization
    /// parameter dictionary. In linearized files the first-page xref
    /// section (near the start of the file) is the newest in /Prev order,
    /// so it comes after the main section in [`PdfReader::revisions`].
    pub fn linearized(&self) -> bool {
        let mut lex = Lexer::new(self.data, self.header_offset + 5);
        // skip the version token and the binary comment line
        let _ = lex.next_token();
        if parse_obj_header(&mut lex).is_err() {
            return false;
        }
        match parse_object(&mut lex) {
            Ok(Object::Dict(d)) => d.contains_key(b"Linearized"),
            _ => false,
        }
    }

    /// Offset of `%PDF-` (normally 0).
    pub fn header_offset(&self) -> usize {
        self.header_offset
    }

    /// Offset the last `startxref` points to (0 if reconstructed).
    pub fn startxref(&self) -> usize {
        self.startxref
    }

    /// Offset just past the last `%%EOF` in the file (and its EOL).
    pub fn last_eof_end(&self) -> Option<usize> {
        self.last_eof_end
    }

    /// True if the xref chain was broken and the object table was rebuilt
    /// by scanning (only with [`PdfReader::open_lenient`]).
    pub fn reconstructed(&self) -> bool {
        self.reconstructed
    }

    /// Why the xref chain was rejected when [`PdfReader::reconstructed`].
    pub fn reconstruct_reason(&self) -> Option<&str> {
        self.reconstruct_reason.as_deref()
    }

    /// Revisions, oldest first (in /Prev chain order, which is file order
    /// except for linearized files whose first-page section comes last).
    pub fn revisions(&self) -> &[Revision] {
        &self.revisions
    }

    /// The newest trailer merged with /Root /Info /ID /Encrypt of older
    /// trailers when missing; xref-stream keys and /Prev removed.
    pub fn trailer(&self) -> &Dict {
        &self.trailer
    }

    pub fn is_encrypted(&self) -> bool {
        self.trailer.get(b"Encrypt").is_some_and(|o| !o.is_null())
    }

    /// The authenticated security handler of an encrypted document (the
    /// writer encrypts new objects with it).
    pub fn security_handler(&self) -> Option<&SecurityHandler> {
        self.crypt.as_ref()
    }

    /// Largest object number appearing in any xref section or implied by
    /// /Size.
    pub fn max_object_number(&self) -> u32 {
        let from_maps = self.rev_maps.iter().filter_map(|m| m.keys().max().copied()).max().unwrap_or(0);
        let from_size = self
            .revisions
            .iter()
            .filter_map(|r| r.trailer.get_int(b"Size"))
            .filter_map(|s| u32::try_from(s.saturating_sub(1)).ok())
            .max()
            .unwrap_or(0);
        from_maps.max(from_size)
    }

    /// Newest xref entry for object number `num`.
    pub fn location(&self, num: u32) -> Option<(u16, Location)> {
        self.lookup(num, Scope::Newest)
    }

    /// Xref entry for `num` as visible in revisions[0..=rev_index].
    pub fn location_in_revision(&self, num: u32, rev_index: usize) -> Option<(u16, Location)> {
        if rev_index >= self.revisions.len() {
            return None;
        }
        self.lookup(num, Scope::UpTo(rev_index))
    }

    fn lookup(&self, num: u32, scope: Scope) -> Option<(u16, Location)> {
        match scope {
            Scope::Newest => self.merged.get(&num).copied(),
            Scope::UpTo(i) => self.rev_maps.get(..=i)?.iter().rev().find_map(|m| m.get(&num).copied()),
        }
    }

    // ------------------------------------------------------------------
    // resolution
    // ------------------------------------------------------------------

    /// Resolve a reference using the newest xref. Missing or free objects
    /// (and generation mismatches) resolve to `Null`, as the spec says.
    pub fn resolve(&self, r: ObjRef) -> Result<Object> {
        self.resolve_scoped(r, Scope::Newest, 0)
    }

    /// Resolve as the xref sections of revisions[0..=rev_index] define it.
    pub fn resolve_in_revision(&self, r: ObjRef, rev_index: usize) -> Result<Object> {
        if rev_index >= self.revisions.len() {
            return Err(PdfError::Structure(format!(
                "revision index {rev_index} out of range ({} revisions)",
                self.revisions.len()
            )));
        }
        self.resolve_scoped(r, Scope::UpTo(rev_index), 0)
    }

    /// Follow one level of reference, or clone a direct object.
    pub fn get(&self, obj: &Object) -> Result<Object> {
        self.get_scoped(obj, Scope::Newest, 0)
    }

    /// Like [`PdfReader::get`] in the given revision.
    pub fn get_in_revision(&self, obj: &Object, rev_index: usize) -> Result<Object> {
        match obj {
            Object::Reference(r) => self.resolve_in_revision(*r, rev_index),
            o => Ok(o.clone()),
        }
    }

    fn get_scoped(&self, obj: &Object, scope: Scope, depth: u32) -> Result<Object> {
        match obj {
            Object::Reference(r) => self.resolve_scoped(*r, scope, depth),
            o => Ok(o.clone()),
        }
    }

    fn resolve_scoped(&self, r: ObjRef, scope: Scope, depth: u32) -> Result<Object> {
        if depth > MAX_RESOLVE_DEPTH {
            return Err(PdfError::Limit {
                what: "reference chain too deep (cyclic /Length or object streams?)",
                offset: 0,
            });
        }
        match self.lookup(r.num, scope) {
            None | Some((_, Location::Free { .. })) => Ok(Object::Null),
            Some((r#gen, Location::InUse { offset })) => {
                if r#gen != r.r#gen {
                    return Ok(Object::Null);
                }
                let mut obj = self.parse_at(r, offset, scope, depth)?.obj;
                self.decrypt(r, &mut obj)?;
                Ok(obj)
            }
            Some((_, Location::Compressed { stream, index })) => {
                if r.r#gen != 0 {
                    return Ok(Object::Null);
                }
                self.parse_compressed(r, stream, index, scope, depth)
            }
        }
    }

    fn parse_at(&self, r: ObjRef, offset: usize, scope: Scope, depth: u32) -> Result<parser::IndirectObject> {
        let data = self.data;
        if offset >= data.len() {
            return Err(PdfError::BadXrefEntry {
                num: r.num,
                generation: r.r#gen,
                offset,
                msg: "points outside the file".into(),
            });
        }
        let mut lex = Lexer::new(data, offset);
        match parse_obj_header(&mut lex) {
            Ok(found) if found == r => {}
            Ok(found) => {
                return Err(PdfError::BadXrefEntry {
                    num: r.num,
                    generation: r.r#gen,
                    offset,
                    msg: format!("points to object {} {} instead", found.num, found.r#gen),
                });
            }
            Err(_) => {
                return Err(PdfError::BadXrefEntry {
                    num: r.num,
                    generation: r.r#gen,
                    offset,
                    msg: "does not point to an 'N G obj' header".into(),
                });
            }
        }
        let mut resolver = |lr: ObjRef| -> Option<i64> {
            if lr == r {
                return None;
            }
            self.resolve_scoped(lr, scope, depth + 1).ok()?.as_int()
        };
        parse_indirect(data, offset, &mut resolver)
    }

    fn load_objstm(&self, sref: ObjRef, scope: Scope, depth: u32) -> Result<Arc<ObjStm>> {
        let offset = match self.lookup(sref.num, scope) {
            Some((_, Location::InUse { offset })) => offset,
            Some((_, Location::Compressed { .. })) => {
                return Err(PdfError::Structure(format!(
                    "object stream {} is itself stored in an object stream",
                    sref.num
                )));
            }
            _ => return Err(PdfError::Structure(format!("object stream {} does not exist", sref.num))),
        };
        // The decoded content may depend on the scope (an indirect /Length
        // can be redefined by a later revision), so the scope is part of
        // the key.
        let key = (
            offset,
            match scope {
                Scope::Newest => usize::MAX,
                Scope::UpTo(i) => i,
            },
        );
        if let Ok(c) = self.objstm_cache.lock()
            && let Some(os) = c.get(&key)
        {
            return Ok(os.clone());
        }
        let r#gen = self.lookup(sref.num, scope).map(|e| e.0).unwrap_or(0);
        let sref = ObjRef::new(sref.num, r#gen);
        let mut io = self.parse_at(sref, offset, scope, depth + 1)?;
        self.decrypt(sref, &mut io.obj)?;
        let stream = match io.obj {
            Object::Stream(s) => s,
            o => {
                return Err(PdfError::Structure(format!(
                    "object stream {} is a {}, not a stream",
                    sref.num,
                    o.type_name()
                )));
            }
        };
        if let Some(t) = stream.dict.get_name(b"Type")
            && t != b"ObjStm"
        {
            return Err(PdfError::Structure(format!(
                "object {} has /Type /{} instead of /ObjStm",
                sref.num,
                String::from_utf8_lossy(t)
            )));
        }
        let n = self.get_scoped(stream.dict.get(b"N").unwrap_or(&Object::Null), scope, depth + 1)?.as_int();
        let first = self.get_scoped(stream.dict.get(b"First").unwrap_or(&Object::Null), scope, depth + 1)?.as_int();
        let (n, first) = match (n, first) {
            (Some(n), Some(f)) if n >= 0 && f >= 0 => (n as u64, f as u64),
            _ => return Err(PdfError::Structure(format!("object stream {} lacks valid /N and /First", sref.num))),
        };
        let data = self.decode_scoped(&stream, scope, depth + 1, self.max_decoded)?;
        if first > data.len() as u64 {
            return Err(PdfError::Structure(format!(
                "object stream {}: /First {first} beyond decoded length {}",
                sref.num,
                data.len()
            )));
        }
        // Every pair needs at least 4 bytes ("1 0 "), so N is bounded by
        // the header length.
        if n.saturating_mul(4) > first + 1 {
            return Err(PdfError::Limit { what: "object stream /N larger than its header allows", offset });
        }
        let first = first as usize;
        let header = data.get(..first).unwrap_or(&[]);
        let mut lex = Lexer::new(header, 0);
        let mut entries = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let num = match lex.next_token()? {
                Some(Token::Integer(v)) => u32::try_from(v).ok(),
                _ => None,
            };
            let off = match lex.next_token()? {
                Some(Token::Integer(v)) => usize::try_from(v).ok(),
                _ => None,
            };
            match (num, off.and_then(|o| o.checked_add(first))) {
                (Some(num), Some(abs)) if abs <= data.len() => entries.push((num, abs)),
                _ => return Err(PdfError::Structure(format!("object stream {}: malformed header", sref.num))),
            }
        }
        let os = Arc::new(ObjStm { data, entries });
        if let Ok(mut c) = self.objstm_cache.lock() {
            let cached: usize = c.values().map(|o| o.data.len()).sum();
            if c.len() >= 256 || cached + os.data.len() > OBJSTM_CACHE_BYTES {
                c.clear();
            }
            c.insert(key, os.clone());
        }
        Ok(os)
    }

    fn parse_compressed(&self, r: ObjRef, stream: u32, index: u32, scope: Scope, depth: u32) -> Result<Object> {
        let os = self.load_objstm(ObjRef::new(stream, 0), scope, depth + 1)?;
        let (num, off) = os.entries.get(index as usize).copied().ok_or_else(|| PdfError::BadXrefEntry {
            num: r.num,
            generation: r.r#gen,
            offset: index as usize,
            msg: format!("has index beyond the /N of object stream {stream}"),
        })?;
        if num != r.num {
            return Err(PdfError::BadXrefEntry {
                num: r.num,
                generation: r.r#gen,
                offset: index as usize,
                msg: format!("index in object stream {stream} holds object {num} instead"),
            });
        }
        let mut lex = Lexer::new(&os.data, off);
        parse_object(&mut lex)
    }

    /// Byte range of `N G obj ... endobj` for a directly stored object
    /// (newest definition).
    pub fn object_span(&self, r: ObjRef) -> Option<Range<usize>> {
        self.span_scoped(r, Scope::Newest)
    }

    /// Like [`PdfReader::object_span`] as of revisions[0..=rev_index].
    pub fn object_span_in_revision(&self, r: ObjRef, rev_index: usize) -> Option<Range<usize>> {
        if rev_index >= self.revisions.len() {
            return None;
        }
        self.span_scoped(r, Scope::UpTo(rev_index))
    }

    fn span_scoped(&self, r: ObjRef, scope: Scope) -> Option<Range<usize>> {
        match self.lookup(r.num, scope)? {
            (r#gen, Location::InUse { offset }) if r#gen == r.r#gen => {
                self.parse_at(r, offset, scope, 0).ok().map(|io| io.span)
            }
            _ => None,
        }
    }

    // ------------------------------------------------------------------
    // streams
    // ------------------------------------------------------------------

    /// Raw (still encoded) stream bytes. For encrypted documents, streams
    /// returned by `resolve` hold already decrypted (but still encoded)
    /// data.
    pub fn raw_stream_data<'s>(&'s self, s: &'s Stream) -> Result<&'s [u8]> {
        s.raw(self.data)
    }

    /// Decoded stream data, capped at the reader's `max_decoded`. In an
    /// encrypted document, `s` must come from this reader's `resolve` (which
    /// decrypts); `/Crypt` filters are skipped here.
    pub fn stream_data(&self, s: &Stream) -> Result<Vec<u8>> {
        self.decode_scoped(s, Scope::Newest, 0, self.max_decoded)
    }

    /// Decoded stream data with an explicit cap.
    pub fn stream_data_capped(&self, s: &Stream, max_out: usize) -> Result<Vec<u8>> {
        self.decode_scoped(s, Scope::Newest, 0, max_out)
    }

    fn decode_scoped(&self, s: &Stream, scope: Scope, depth: u32, max_out: usize) -> Result<Vec<u8>> {
        if self.is_encrypted() && self.crypt.is_none() && s.dict.get_name(b"Type") != Some(b"XRef") {
            return Err(PdfError::Encrypted);
        }
        if s.dict.contains_key(b"F") {
            return Err(PdfError::Unsupported("external stream data (/F)".into()));
        }
        let raw = s.raw(self.data)?;
        let mut chain = filter_chain(&s.dict, &mut |o| self.get_scoped(o, scope, depth + 1))?;
        // Decryption (including a /Crypt filter) happened when the stream
        // was resolved.
        chain.retain(|(name, _)| name != b"Crypt");
        filters::decode(raw, &chain, max_out)
    }

    // ------------------------------------------------------------------
    // document structure
    // ------------------------------------------------------------------

    /// The document catalog (trailer /Root).
    pub fn catalog(&self) -> Result<Dict> {
        let r = self
            .trailer
            .get_ref(b"Root")
            .ok_or_else(|| PdfError::Structure("trailer has no /Root reference".into()))?;
        match self.resolve(r)? {
            Object::Dict(d) => Ok(d),
            o => Err(PdfError::Structure(format!("catalog {r} is a {}, not a dictionary", o.type_name()))),
        }
    }

    /// Page object references in document order.
    pub fn pages(&self) -> Result<Vec<ObjRef>> {
        let cat = self.catalog()?;
        let root =
            cat.get_ref(b"Pages").ok_or_else(|| PdfError::Structure("catalog /Pages is not a reference".into()))?;
        let mut out = Vec::new();
        let mut visited = HashSet::new();
        let mut stack = vec![(root, 0usize)];
        while let Some((r, depth)) = stack.pop() {
            if depth > MAX_PAGE_TREE_DEPTH {
                return Err(PdfError::Limit { what: "page tree too deep", offset: 0 });
            }
            if !visited.insert(r) {
                return Err(PdfError::Structure(format!("page tree visits object {r} twice (loop)")));
            }
            let node = self.resolve(r)?;
            let dict =
                node.as_dict().ok_or_else(|| PdfError::Structure(format!("page tree node {r} is not a dictionary")))?;
            let is_pages = match dict.get_name(b"Type") {
                Some(b"Pages") => true,
                Some(b"Page") => false,
                _ => dict.contains_key(b"Kids"),
            };
            if is_pages {
                let kids = self.get(dict.get(b"Kids").unwrap_or(&Object::Null))?;
                let kids = kids
                    .as_array()
                    .ok_or_else(|| PdfError::Structure(format!("page tree node {r} has no /Kids array")))?;
                for kid in kids.iter().rev() {
                    let k = kid
                        .as_reference()
                        .ok_or_else(|| PdfError::Structure(format!("page tree node {r} has a direct kid")))?;
                    stack.push((k, depth + 1));
                }
            } else {
                out.push(r);
            }
            if out.len() + stack.len() > 10_000_000 {
                return Err(PdfError::Limit { what: "too many pages", offset: 0 });
            }
        }
        Ok(out)
    }

    /// Check that every in-use xref entry of the newest xref points to the
    /// right object header and every compressed entry to a loadable object
    /// stream member. Use before signing to refuse damaged files.
    pub fn check_xref(&self) -> Result<()> {
        if self.reconstructed {
            return Err(PdfError::Reconstructed);
        }
        let mut nums: Vec<_> = self.merged.iter().collect();
        nums.sort_by_key(|(n, _)| **n);
        for (&num, &(r#gen, loc)) in nums {
            let r = ObjRef::new(num, r#gen);
            match loc {
                Location::InUse { offset } if num != 0 => {
                    let mut lex = Lexer::new(self.data, offset);
                    let ok = offset < self.data.len() && matches!(parse_obj_header(&mut lex), Ok(f) if f == r);
                    if !ok {
                        return Err(PdfError::BadXrefEntry {
                            num: r.num,
                            generation: r.r#gen,
                            offset,
                            msg: if offset >= self.data.len() {
                                "points outside the file".into()
                            } else {
                                "does not point to the matching 'N G obj' header".into()
                            },
                        });
                    }
                }
                Location::Compressed { stream, index } => {
                    let os = self.load_objstm(ObjRef::new(stream, 0), Scope::Newest, 0)?;
                    if os.entries.get(index as usize).map(|e| e.0) != Some(num) {
                        return Err(PdfError::BadXrefEntry {
                            num: r.num,
                            generation: r.r#gen,
                            offset: index as usize,
                            msg: format!("is not member {index} of object stream {stream}"),
                        });
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Build the filter chain of a stream dictionary.
fn filter_chain(dict: &Dict, get: &mut dyn FnMut(&Object) -> Result<Object>) -> Result<Vec<(Vec<u8>, Option<Dict>)>> {
    let f = match dict.get(b"Filter") {
        None => return Ok(Vec::new()),
        Some(o) => get(o)?,
    };
    let names: Vec<Vec<u8>> = match f {
        Object::Null => return Ok(Vec::new()),
        Object::Name(n) => vec![n],
        Object::Array(a) => {
            if a.len() > 16 {
                return Err(PdfError::Limit { what: "too many stream filters", offset: 0 });
            }
            let mut v = Vec::new();
            for item in &a {
                match get(item)? {
                    Object::Name(n) => v.push(n),
                    o => return Err(PdfError::Filter { msg: format!("/Filter entry is a {}", o.type_name()) }),
                }
            }
            v
        }
        o => return Err(PdfError::Filter { msg: format!("/Filter is a {}", o.type_name()) }),
    };
    let parms_obj = dict.get(b"DecodeParms").or_else(|| dict.get(b"DP"));
    let mut parms: Vec<Option<Dict>> = vec![None; names.len()];
    if let Some(p) = parms_obj {
        match get(p)? {
            Object::Dict(d) => {
                if let Some(slot) = parms.first_mut() {
                    *slot = Some(d);
                }
            }
            Object::Array(a) => {
                for (slot, item) in parms.iter_mut().zip(a.iter()) {
                    if let Object::Dict(d) = get(item)? {
                        *slot = Some(d);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(names.into_iter().zip(parms).collect())
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

fn read_section(data: &[u8], offset: usize, max_decoded: usize) -> Result<Section> {
    let mut lex = Lexer::new(data, offset);
    let is_table = matches!(lex.peek_token(), Ok(Some(Token::Keyword(b"xref"))));
    if is_table {
        let (trailer, entries, end) = read_table(data, offset)?;
        let xref_stm = match trailer.get(b"XRefStm") {
            Some(Object::Integer(p)) => {
                let p = usize::try_from(*p)
                    .ok()
                    .filter(|&p| p < data.len())
                    .ok_or_else(|| xerr(offset, "/XRefStm is outside the file"))?;
                if p == offset {
                    return Err(PdfError::XrefLoop { offset: p });
                }
                let (_, entries, _) = read_xref_stream(data, p, max_decoded)?;
                Some((p, entries))
            }
            _ => None,
        };
        Ok(Section { offset, kind: XrefKind::Table, trailer, end, entries, xref_stm })
    } else {
        let (trailer, entries, end) = read_xref_stream(data, offset, max_decoded)?;
        Ok(Section { offset, kind: XrefKind::Stream, trailer, end, entries, xref_stm: None })
    }
}

type SectionParts = (Dict, Vec<(ObjRef, Location)>, usize);

fn read_table(data: &[u8], offset: usize) -> Result<SectionParts> {
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
                if entries.len() as u64 + count as u64 > MAX_XREF_ENTRIES {
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
    let trailer = match parse_object(&mut lex) {
        Ok(Object::Dict(d)) => d,
        Ok(_) => return Err(xerr(tp, "trailer is not a dictionary")),
        Err(e) => return Err(xerr(tp, format!("cannot parse trailer: {e}"))),
    };
    Ok((trailer, entries, lex.pos()))
}

fn read_xref_stream(data: &[u8], offset: usize, max_decoded: usize) -> Result<SectionParts> {
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
    if total > MAX_XREF_ENTRIES {
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
    Ok((trailer, entries, io.span.end))
}
