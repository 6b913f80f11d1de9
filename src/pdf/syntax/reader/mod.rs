//! Lazy PDF reader: the object table (from the xref chain, or rebuilt by scanning as
//! viewers do), per-revision information, on-demand object parsing.
//!
//! - [`xref`]: `startxref`, the `/Prev` chain, tables and xref streams, and the checks
//!   that the chain is the one viewers read;
//! - [`rebuild`]: the viewer-style reconstruction (every `N G obj`, the last one wins),
//!   cut into revisions at each `%%EOF`;
//! - this file: opening, resolving objects (direct, in object streams, encrypted),
//!   streams and the page tree.
//!
//! Bounded work. Reading any input stays within these limits (the first three are
//! [`ReadOptions`] fields; an input beyond them is refused with [`PdfError::Limit`]):
//! decoded stream size [`DEFAULT_MAX_DECODED`] (256 MiB); xref sections followed and
//! revisions rebuilt [`MAX_REVISIONS`]; entries per section and object headers kept by a
//! scan [`MAX_XREF_ENTRIES`] (twice that over all sections); object nesting
//! [`crate::pdf::syntax::parser::MAX_DEPTH`]; reference chains followed while resolving
//! one object 32; page-tree depth 64; decoded object streams cached 64 MiB; recorded
//! ambiguities [`MAX_AMBIGUITIES`]. The rebuild scan is linear in the file size: every
//! search moves forward, and each object header is parsed only up to the next header.

mod rebuild;
mod xref;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, Mutex};

pub use self::xref::STARTXREF_WINDOW;
use self::xref::eol_len;
use super::ambiguity::{Ambiguity, AmbiguityClass};
use super::crypt::SecurityHandler;
use super::error::{PdfError, Result};
use super::filters;
use super::lexer::{Lexer, Token};
use super::object::{Dict, ObjRef, Object, Stream, StreamData};
use super::parser::{self, find, parse_indirect, parse_obj_header, parse_object, parse_object_noting, rfind};

/// Ambiguities a reader records about the file's structure (more are dropped).
pub const MAX_AMBIGUITIES: usize = 1_000;
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
/// Parsed objects kept per reader: at most this many, each at most
/// [`MAX_PARSED_KEPT_SPAN`] bytes long in the file and [`MAX_PARSED_KEPT_BYTES`] in all
/// (stream data is not copied; a parsed tree can take a few dozen times the bytes it
/// was read from, about what `views::reached` already holds for the same objects).
const MAX_PARSED_KEPT: usize = 1024;
const MAX_PARSED_KEPT_SPAN: usize = 64 << 10;
const MAX_PARSED_KEPT_BYTES: usize = 512 << 10;

/// Objects kept by (offset, reference), and the sum of their spans.
type ParsedKept = (HashMap<(usize, ObjRef), parser::IndirectObject>, usize);
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

/// Options for [`PdfReader::open_with`]. The limits bound the work of reading any
/// input (see the module documentation for all of them).
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Rebuild the table by scanning (see [`PdfReader::reconstructed`]) if the xref
    /// chain is broken.
    pub allow_reconstruct: bool,
    /// Ignore the xref chain and read the file as a viewer that rebuilds the table
    /// does: every `N G obj` in file order, the last one wins (the second view of
    /// [`crate::pdf::syntax::views`]).
    pub rebuild: bool,
    /// Cap for any decoded stream (xref streams, object streams, data).
    pub max_decoded: usize,
    /// Maximum number of xref sections followed through /Prev, and of revisions a
    /// rebuilt table is cut into.
    pub max_revisions: usize,
    /// Maximum number of xref entries in one section (twice this in all sections
    /// together), and of object headers a rebuild scan keeps.
    pub max_xref_entries: u64,
    /// Password for encrypted documents (user or owner password; R 6:
    /// UTF-8, R 2..4: PDFDocEncoding, a UTF-8 Latin-1 password is also
    /// tried in Latin-1). `None` tries the empty user password. Ignored
    /// for unencrypted documents.
    pub password: Option<Vec<u8>>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            allow_reconstruct: false,
            rebuild: false,
            max_decoded: DEFAULT_MAX_DECODED,
            max_revisions: MAX_REVISIONS,
            max_xref_entries: MAX_XREF_ENTRIES,
            password: None,
        }
    }
}

/// The limits a reader keeps from its [`ReadOptions`].
#[derive(Debug, Clone, Copy)]
struct Limits {
    max_revisions: usize,
    max_xref_entries: u64,
}

/// Where a reader's object table comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableSource {
    /// The cross-reference sections, from `startxref` through `/Prev`.
    XrefChain,
    /// A scan of the file (the chain was broken, or [`ReadOptions::rebuild`]).
    Rebuilt,
}

/// An object with where it is defined and its own syntax's ambiguities
/// ([`PdfReader::resolve_noting`]).
#[derive(Debug, Clone)]
pub struct Resolved {
    pub object: Object,
    /// Offset of the object's header, or of the object stream holding it (`None` for
    /// a missing or free object).
    pub offset: Option<usize>,
    pub ambiguities: Vec<Ambiguity>,
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
    limits: Limits,
    /// Ambiguities of the file's structure met while opening (xref sections,
    /// trailers, `startxref`), at most [`MAX_AMBIGUITIES`].
    ambiguities: Vec<Ambiguity>,
    /// Keyed by (offset of the object stream, scope key).
    objstm_cache: Mutex<HashMap<(usize, usize), Arc<ObjStm>>>,
    /// Objects parsed at an offset, kept when the parse depended on nothing but the
    /// bytes (no indirect `/Length` was followed): verification reads the catalog, the
    /// form fields and the signature dictionaries several times. At most
    /// [`MAX_PARSED_KEPT`] entries.
    parsed: Mutex<ParsedKept>,
    /// Authenticated security handler of an encrypted document.
    crypt: Option<SecurityHandler>,
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
            limits: Limits { max_revisions: opts.max_revisions, max_xref_entries: opts.max_xref_entries },
            ambiguities: Vec::new(),
            objstm_cache: Mutex::new(HashMap::new()),
            parsed: Mutex::new((HashMap::new(), 0)),
            crypt: None,
        };
        if opts.rebuild {
            reader.reconstruct()?;
        } else {
            match reader.load_chain() {
                Ok(()) => {}
                Err(e) if opts.allow_reconstruct => {
                    reader.reconstruct_reason = Some(e.to_string());
                    reader.ambiguities.clear();
                    reader.reconstruct()?;
                }
                Err(e) => return Err(e),
            }
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

    /// Say why the table was rebuilt (for a reader opened with
    /// [`ReadOptions::rebuild`] because the chain was found wanting).
    pub fn set_reconstruct_reason(&mut self, why: String) {
        self.reconstruct_reason = Some(why);
    }

    /// Where the object table comes from.
    pub fn source(&self) -> TableSource {
        if self.reconstructed { TableSource::Rebuilt } else { TableSource::XrefChain }
    }

    /// Ambiguities of the file's structure met while opening: duplicate xref entries,
    /// duplicate trailer keys, dormant sections, sections out of file order,
    /// `startxref` placement. Objects' own ambiguities come with
    /// [`PdfReader::resolve_noting`].
    pub fn ambiguities(&self) -> &[Ambiguity] {
        &self.ambiguities
    }

    fn note(&mut self, a: Ambiguity) {
        if self.ambiguities.len() < MAX_AMBIGUITIES {
            self.ambiguities.push(a);
        }
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

    /// Resolve with the newest table, and say where the object is defined and which
    /// ambiguities its own syntax has (duplicate keys, a `/Length` that disagrees with
    /// `endstream` so that the two readings decode differently, data on the `stream`
    /// line, an object stream listing the number twice).
    pub fn resolve_noting(&self, r: ObjRef) -> Result<Resolved> {
        let none = || Resolved { object: Object::Null, offset: None, ambiguities: Vec::new() };
        match self.lookup(r.num, Scope::Newest) {
            None | Some((_, Location::Free { .. })) => Ok(none()),
            Some((g, Location::InUse { offset })) => {
                if g != r.r#gen {
                    return Ok(none());
                }
                let io = self.parse_at(r, offset, Scope::Newest, 0)?;
                let mut ambiguities = io.ambiguities;
                let mut object = io.obj;
                self.decrypt(r, &mut object)?;
                if let (Some(alt), Object::Stream(s)) = (io.length_extent, &object)
                    && self.readings_differ(r, s, alt.clone())
                {
                    ambiguities.push(
                        Ambiguity::new(
                            AmbiguityClass::StreamLength,
                            offset,
                            format!(
                                "object {r}: /Length gives bytes {}..{}, 'endstream' gives {:?}, and they decode differently",
                                alt.start, alt.end, s.data
                            ),
                        )
                        .with_object(r.num),
                    );
                }
                Ok(Resolved { object, offset: Some(offset), ambiguities })
            }
            Some((_, Location::Compressed { stream, index })) => {
                if r.r#gen != 0 {
                    return Ok(none());
                }
                let os = self.load_objstm(ObjRef::new(stream, 0), Scope::Newest, 1)?;
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
                let mut ambiguities = Vec::new();
                let object = parse_object_noting(&mut Lexer::new(&os.data, off), &mut ambiguities)?;
                let at = match self.lookup(stream, Scope::Newest) {
                    Some((_, Location::InUse { offset })) => Some(offset),
                    _ => None,
                };
                let other = os.entries.iter().enumerate().any(|(i, &(n, o))| {
                    i != index as usize
                        && n == r.num
                        && parse_object(&mut Lexer::new(&os.data, o)).ok().as_ref() != Some(&object)
                });
                if other {
                    ambiguities.push(
                        Ambiguity::new(
                            AmbiguityClass::DuplicateObjStmMember,
                            at.unwrap_or(0),
                            format!("object stream {stream} holds object {} twice, with different objects", r.num),
                        )
                        .with_object(r.num),
                    );
                }
                // Offsets inside the decoded stream mean nothing in the file.
                for a in &mut ambiguities {
                    a.offset = at.unwrap_or(0);
                    a.object = Some(r.num);
                }
                Ok(Resolved { object, offset: at, ambiguities })
            }
        }
    }

    /// Whether the `endstream`-delimited data of `s` (as resolved) and the
    /// `/Length`-delimited range `alt` give different content: raw bytes equal up to
    /// trailing whitespace, or equal once decoded, are the same content.
    fn readings_differ(&self, r: ObjRef, s: &Stream, alt: Range<usize>) -> bool {
        let mut other = Object::Stream(Stream { dict: s.dict.clone(), data: StreamData::Range(alt) });
        if self.decrypt(r, &mut other).is_err() {
            return true;
        }
        let Object::Stream(other) = other else { return true };
        let (Ok(a), Ok(b)) = (s.raw(self.data), other.raw(self.data)) else { return true };
        let trim = |x: &[u8]| x.len() - x.iter().rev().take_while(|&&c| super::lexer::is_whitespace(c)).count();
        if a.get(..trim(a)) == b.get(..trim(b)) {
            return false;
        }
        let cap = self.max_decoded.min(64 << 20);
        match (self.stream_data_capped(s, cap), self.stream_data_capped(&other, cap)) {
            (Ok(x), Ok(y)) => x != y,
            _ => true,
        }
    }

    fn parse_at(&self, r: ObjRef, offset: usize, scope: Scope, depth: u32) -> Result<parser::IndirectObject> {
        if let Ok(kept) = self.parsed.lock()
            && let Some(io) = kept.0.get(&(offset, r))
        {
            return Ok(io.clone());
        }
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
        let mut followed = false;
        let mut resolver = |lr: ObjRef| -> Option<i64> {
            followed = true;
            if lr == r {
                return None;
            }
            self.resolve_scoped(lr, scope, depth + 1).ok()?.as_int()
        };
        let io = parse_indirect(data, offset, &mut resolver)?;
        // With an indirect /Length the result depends on the scope and depth too.
        let span = io.span.len();
        if !followed
            && span <= MAX_PARSED_KEPT_SPAN
            && let Ok(mut kept) = self.parsed.lock()
            && kept.0.len() < MAX_PARSED_KEPT
            && kept.1 + span <= MAX_PARSED_KEPT_BYTES
        {
            kept.0.insert((offset, r), io.clone());
            kept.1 += span;
        }
        Ok(io)
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

    /// Whether `other` reads every object exactly as `self` does: the same bytes, the
    /// same `/Root`, the same newest table entry (generation and place) for every object
    /// in use, and neither encrypted. Resolution depends on nothing else (see
    /// [`PdfReader::resolve_noting`]), so the two readers then show the same document
    /// object for object, and comparing them object by object would find nothing.
    pub fn reads_as(&self, other: &PdfReader) -> bool {
        let in_use = |m: &XrefMap| m.values().filter(|(_, l)| !matches!(l, Location::Free { .. })).count();
        std::ptr::eq(self.data, other.data)
            && self.crypt.is_none()
            && other.crypt.is_none()
            && self.trailer.get(b"Encrypt").is_none()
            && other.trailer.get(b"Encrypt").is_none()
            && self.max_decoded == other.max_decoded
            && self.trailer.get_ref(b"Root") == other.trailer.get_ref(b"Root")
            && in_use(&self.merged) == in_use(&other.merged)
            && self.merged.iter().all(|(n, e)| matches!(e.1, Location::Free { .. }) || other.merged.get(n) == Some(e))
    }

    /// The first in-use entry of any xref section that does not point to its
    /// `N G obj` header (viewers rebuild the table when they meet one). Headers only:
    /// linear in the number of entries.
    pub fn first_bad_entry(&self) -> Option<PdfError> {
        if self.reconstructed {
            return None;
        }
        for rev in &self.revisions {
            for &(r, loc) in &rev.defined {
                if let Location::InUse { offset } = loc
                    && r.num != 0
                {
                    let mut lex = Lexer::new(self.data, offset);
                    if offset >= self.data.len() || !matches!(parse_obj_header(&mut lex), Ok(f) if f == r) {
                        return Some(PdfError::BadXrefEntry {
                            num: r.num,
                            generation: r.r#gen,
                            offset,
                            msg: "does not point to its 'N G obj' header".into(),
                        });
                    }
                }
            }
        }
        None
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
