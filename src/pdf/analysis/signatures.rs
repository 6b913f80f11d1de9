//! Discovery of signature fields and signature dictionaries (for
//! verification), plus the form-field walk and text-string helpers shared
//! with the signing code.
//!
//! Encrypted documents: open the reader with the password; the signature
//! dictionary's texts come back decrypted, /Contents raw (it is never
//! encrypted), and /Contents spans are located in the raw file.

use std::collections::HashSet;
use std::ops::Range;

use super::mdp::{DocMdp, FieldLock, field_lock, signature_references};
use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::lexer::{Lexer, Token};
use crate::pdf::syntax::object::{Dict, ObjRef, Object};
use crate::pdf::syntax::parser::{parse_obj_header, parse_object, rfind};
use crate::pdf::syntax::reader::{Location, PdfReader};
use crate::pdf::syntax::text::decode_text_string;

/// Maximum depth of the form-field tree.
const MAX_FIELD_DEPTH: usize = 64;
/// Maximum number of field-tree nodes visited.
const MAX_FIELD_NODES: usize = 1_000_000;

/// A form field (a node of the AcroForm field tree that has a /T, or a
/// top-level entry of /Fields).
#[derive(Debug, Clone)]
pub struct FormField {
    /// Fully-qualified name (partial names joined with `.`).
    pub name: String,
    /// The field's object, when it is an indirect object (it should be).
    pub obj_ref: Option<ObjRef>,
    pub dict: Dict,
    /// Field type, inherited from ancestors when absent (`Sig`, `Tx`, ...).
    pub field_type: Option<Vec<u8>>,
    /// The value /V (unresolved), when present and not null.
    pub value: Option<Object>,
}

impl FormField {
    pub fn is_signature_field(&self) -> bool {
        self.field_type.as_deref() == Some(b"Sig")
    }

    /// A signature field with a value (i.e. signed).
    pub fn is_signed(&self) -> bool {
        self.is_signature_field() && self.value.is_some()
    }
}

/// (node, parent name, inherited field type, depth, top level)
type WalkNode = (Object, Option<String>, Option<Vec<u8>>, usize, bool);

/// All form fields of the document in tree order (loop-safe). A document
/// without /AcroForm has no fields.
pub fn form_fields(reader: &PdfReader) -> Result<Vec<FormField>> {
    let cat = reader.catalog()?;
    let af = match cat.get(b"AcroForm") {
        Some(o) => reader.get(o)?,
        None => return Ok(Vec::new()),
    };
    let af = match af.as_dict() {
        Some(d) => d.clone(),
        None => return Ok(Vec::new()),
    };
    let fields = match af.get(b"Fields") {
        Some(o) => reader.get(o)?,
        None => return Ok(Vec::new()),
    };
    let fields = match fields.as_array() {
        Some(a) => a.to_vec(),
        None => return Ok(Vec::new()),
    };
    let mut out = Vec::new();
    let mut visited: HashSet<ObjRef> = HashSet::new();
    let mut stack: Vec<WalkNode> = fields.into_iter().rev().map(|o| (o, None, None, 0, true)).collect();
    let mut nodes = 0usize;
    while let Some((node, parent, inh_ft, depth, top)) = stack.pop() {
        nodes += 1;
        if nodes > MAX_FIELD_NODES {
            return Err(PdfError::Limit { what: "too many form field nodes", offset: 0 });
        }
        if depth > MAX_FIELD_DEPTH {
            return Err(PdfError::Limit { what: "form field tree too deep", offset: 0 });
        }
        let obj_ref = node.as_reference();
        if let Some(r) = obj_ref
            && !visited.insert(r)
        {
            continue; // loop or shared node: visit once
        }
        let dict = match reader.get(&node)? {
            Object::Dict(d) => d,
            Object::Stream(s) => s.dict,
            _ => continue,
        };
        let partial = match dict.get(b"T") {
            Some(o) => reader.get(o)?.as_str_bytes().map(decode_text_string),
            None => None,
        };
        let name = match (&parent, &partial) {
            (Some(p), Some(t)) if !p.is_empty() => format!("{p}.{t}"),
            (_, Some(t)) => t.clone(),
            (Some(p), None) => p.clone(),
            (None, None) => String::new(),
        };
        let ft = match dict.get(b"FT") {
            Some(o) => match reader.get(o)? {
                Object::Name(n) => Some(n),
                _ => inh_ft.clone(),
            },
            None => inh_ft.clone(),
        };
        if partial.is_some() || top {
            let value = match dict.get(b"V") {
                None | Some(Object::Null) => None,
                Some(o @ Object::Reference(_)) => {
                    if reader.get(o)?.is_null() {
                        None
                    } else {
                        Some(o.clone())
                    }
                }
                Some(o) => Some(o.clone()),
            };
            out.push(FormField { name: name.clone(), obj_ref, dict: dict.clone(), field_type: ft.clone(), value });
        }
        if let Some(k) = dict.get(b"Kids")
            && let Some(kids) = reader.get(k)?.as_array()
        {
            for kid in kids.iter().rev() {
                // Widget kids (no /T) are not separate fields; visit
                // them anyway for nested fields below.
                stack.push((kid.clone(), Some(name.clone()), ft.clone(), depth + 1, false));
            }
        }
    }
    Ok(out)
}

/// The DocMDP permission of a certified document: catalog /Perms /DocMDP -> signature
/// dictionary -> /Reference -> DocMDP /TransformParams /P (default 2). `None` when the
/// document is not certified.
pub fn docmdp_permission(reader: &PdfReader) -> Result<Option<DocMdp>> {
    let cat = reader.catalog()?;
    let perms = match cat.get(b"Perms") {
        Some(o) => reader.get(o)?,
        None => return Ok(None),
    };
    let sig = match perms.as_dict().and_then(|d| d.get(b"DocMDP")) {
        Some(o) => reader.get(o)?,
        None => return Ok(None),
    };
    match sig.as_dict() {
        Some(d) => Ok(Some(signature_references(reader, d)?.docmdp.unwrap_or(DocMdp::FormFill))),
        None => Ok(None),
    }
}

/// What is wrong with a signature's /ByteRange or /Contents. The stable code of each is
/// [`ByteRangeProblem::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ByteRangeProblem {
    /// No /ByteRange entry.
    Missing,
    /// /ByteRange is not an array of exactly four integers.
    NotFourIntegers,
    /// One of the integers is negative.
    Negative,
    /// br[0] != 0.
    DoesNotStartAtZero,
    /// The gap br[1]..br[2] is not exactly the /Contents hex string
    /// (including `<` `>`) of this signature dictionary.
    GapIsNotContents,
    /// The position of /Contents in the file could not be determined (the
    /// signature dictionary is direct, compressed, or unparsable), so the
    /// gap cannot be checked.
    ContentsNotLocated,
    /// br[0]+br[1] or br[2]+br[3] lies beyond the end of the file.
    BeyondEof,
    /// br[0]+br[1] > br[2].
    Overlap,
    /// No /Contents entry, or it is not a string.
    ContentsMissing,
    /// /Contents is not a hex string.
    ContentsNotHex,
    /// br[1] == 0 or br[3] == 0: one of the signed ranges is empty (e.g.
    /// `/ByteRange [0 0 0 0]`, a Universal Signature Forgery variant).
    Empty,
    /// The signed bytes (br[2]+br[3], inside the file) do not end at the
    /// `%%EOF` of any revision, so no revision is covered entirely.
    NoRevisionEnd,
    /// The signed bytes end at a `%%EOF`, but the cross-reference section their last
    /// `startxref` names is not in the document's chain of revisions (a later update
    /// points its `/Prev` elsewhere, e.g. at a dormant section hidden in the signed
    /// bytes), so what is displayed does not descend from what was signed.
    NotInRevisionChain,
    /// A cross-reference entry of the signed revision points at bytes after the signed
    /// range: the object a viewer shows there was written after signing.
    XrefOutsideSignedBytes,
}

impl ByteRangeProblem {
    /// Stable code for reports.
    pub fn code(self) -> &'static str {
        match self {
            ByteRangeProblem::Missing => "BYTE_RANGE_MISSING",
            ByteRangeProblem::NotFourIntegers => "BYTE_RANGE_NOT_FOUR_INTEGERS",
            ByteRangeProblem::Negative => "BYTE_RANGE_NEGATIVE",
            ByteRangeProblem::DoesNotStartAtZero => "BYTE_RANGE_NOT_FROM_START",
            ByteRangeProblem::GapIsNotContents => "BYTE_RANGE_GAP_IS_NOT_CONTENTS",
            ByteRangeProblem::ContentsNotLocated => "CONTENTS_NOT_LOCATED",
            ByteRangeProblem::BeyondEof => "BYTE_RANGE_BEYOND_EOF",
            ByteRangeProblem::Overlap => "BYTE_RANGE_OVERLAP",
            ByteRangeProblem::ContentsMissing => "CONTENTS_MISSING",
            ByteRangeProblem::ContentsNotHex => "CONTENTS_NOT_HEX",
            ByteRangeProblem::Empty => "BYTE_RANGE_EMPTY",
            ByteRangeProblem::NoRevisionEnd => "BYTE_RANGE_NOT_AT_REVISION_END",
            ByteRangeProblem::NotInRevisionChain => "SIGNED_REVISION_NOT_IN_CHAIN",
            ByteRangeProblem::XrefOutsideSignedBytes => "XREF_OUTSIDE_SIGNED_BYTES",
        }
    }
}

/// A signature found in the form (a signature field with a /V).
#[derive(Debug, Clone)]
pub struct PdfSignature {
    /// Fully-qualified field name.
    pub field_name: String,
    /// The signature dictionary, when /V is a reference (it should be).
    pub sig_dict_ref: Option<ObjRef>,
    pub subfilter: Option<String>,
    pub filter: Option<String>,
    pub byte_range: Option<Vec<i64>>,
    /// Raw /Contents bytes (DER CMS, usually followed by zero padding).
    pub contents: Option<Vec<u8>>,
    /// Absolute span of the /Contents string including `<` `>`, found by
    /// parsing the signature dictionary object at its xref offset.
    pub contents_span: Option<Range<usize>>,
    /// /M as written (PDF date string).
    pub m: Option<String>,
    pub name: Option<String>,
    pub reason: Option<String>,
    pub location: Option<String>,
    pub contact_info: Option<String>,
    pub problems: Vec<ByteRangeProblem>,
    /// Index into `reader.revisions()` of the revision whose `eof_end` is
    /// where the signed bytes end (br[2]+br[3]).
    pub covered_revision: Option<usize>,
    /// The signed bytes end at the end of the file.
    pub covers_whole_file: bool,
    /// Referenced by catalog /Perms /DocMDP, or has a DocMDP /Reference.
    pub is_certification: bool,
    /// The DocMDP permission this signature sets (certification signatures, and the
    /// `/P` of a signature field's PDF 2.0 `/Lock`); the strictest when both.
    pub docmdp: Option<DocMdp>,
    /// FieldMDP locks that apply once this signature is made: the signature
    /// dictionary's FieldMDP references and the field's `/Lock`.
    pub locks: Vec<FieldLock>,
}

/// Find all signed signature fields (AcroForm /Fields walked recursively,
/// /FT inherited, loop-safe), in field-tree order.
pub fn find_signatures(reader: &PdfReader) -> Result<Vec<PdfSignature>> {
    let data = reader.data();
    let fields = form_fields(reader)?;
    let docmdp_ref = docmdp_sig_ref(reader);
    let mut out = Vec::new();
    for f in fields.iter().filter(|f| f.is_signed()) {
        let v = match &f.value {
            Some(v) => v,
            None => continue,
        };
        let sig_dict_ref = v.as_reference();
        let sig = match reader.get(v)? {
            Object::Dict(d) => d,
            Object::Stream(s) => s.dict,
            _ => continue,
        };
        let name_of = |k: &[u8]| -> Result<Option<String>> {
            Ok(match sig.get(k) {
                Some(o) => reader.get(o)?.as_name().map(|n| String::from_utf8_lossy(n).into_owned()),
                None => None,
            })
        };
        let text_of = |k: &[u8]| -> Result<Option<String>> {
            Ok(match sig.get(k) {
                Some(o) => reader.get(o)?.as_str_bytes().map(decode_text_string),
                None => None,
            })
        };
        let mut problems = Vec::new();
        let byte_range: Option<Vec<i64>> = match sig.get(b"ByteRange") {
            None | Some(Object::Null) => {
                problems.push(ByteRangeProblem::Missing);
                None
            }
            Some(o) => {
                let arr = reader.get(o)?;
                match arr.as_array() {
                    Some(a) => {
                        let ints: Vec<i64> = a.iter().filter_map(Object::as_int).collect();
                        if ints.len() != a.len() || ints.len() != 4 {
                            problems.push(ByteRangeProblem::NotFourIntegers);
                        }
                        Some(ints)
                    }
                    None => {
                        problems.push(ByteRangeProblem::NotFourIntegers);
                        None
                    }
                }
            }
        };
        let contents_obj = match sig.get(b"Contents") {
            Some(o) => reader.get(o)?,
            None => Object::Null,
        };
        let contents = match contents_obj.as_string() {
            Some(s) => {
                if !s.hex {
                    problems.push(ByteRangeProblem::ContentsNotHex);
                }
                Some(s.bytes.clone())
            }
            None => {
                problems.push(ByteRangeProblem::ContentsMissing);
                None
            }
        };
        let contents_span = match (sig_dict_ref, &contents) {
            (Some(r), Some(_)) => locate_contents(reader, r),
            _ => None,
        };
        if let Some(span) = &contents_span
            && data.get(span.start) != Some(&b'<')
            && !problems.contains(&ByteRangeProblem::ContentsNotHex)
        {
            problems.push(ByteRangeProblem::ContentsNotHex);
        }
        let mut covered_revision = None;
        let mut covers_whole_file = false;
        if let Some(br) = byte_range.as_deref().filter(|b| b.len() == 4) {
            let (a, b, c, d) = (br[0], br[1], br[2], br[3]);
            if br.iter().any(|&x| x < 0) {
                problems.push(ByteRangeProblem::Negative);
            } else {
                if a != 0 {
                    problems.push(ByteRangeProblem::DoesNotStartAtZero);
                }
                if b == 0 || d == 0 {
                    problems.push(ByteRangeProblem::Empty);
                }
                let len = data.len() as i128;
                let (a, b, c, d) = (a as i128, b as i128, c as i128, d as i128);
                if a + b > c {
                    problems.push(ByteRangeProblem::Overlap);
                }
                if a + b > len || c + d > len {
                    problems.push(ByteRangeProblem::BeyondEof);
                }
                match &contents_span {
                    Some(span) if a + b != span.start as i128 || c != span.end as i128 => {
                        problems.push(ByteRangeProblem::GapIsNotContents)
                    }
                    None if contents.is_some() => problems.push(ByteRangeProblem::ContentsNotLocated),
                    _ => {}
                }
                let end = c + d;
                if end <= len {
                    let end = end as usize;
                    covers_whole_file = end == data.len();
                    match signed_revision(reader, end) {
                        Ok(rev) => covered_revision = Some(rev),
                        Err(p) => problems.push(p),
                    }
                }
            }
        }
        let refs = signature_references(reader, &sig)?;
        let (lock, lock_p) = field_lock(reader, &f.dict)?;
        let by_perms = sig_dict_ref.is_some() && sig_dict_ref == docmdp_ref;
        let is_certification = by_perms || refs.docmdp.is_some();
        let own_docmdp = if is_certification { Some(refs.docmdp.unwrap_or(DocMdp::FormFill)) } else { None };
        let mut locks = refs.locks;
        locks.extend(lock);
        out.push(PdfSignature {
            field_name: f.name.clone(),
            sig_dict_ref,
            subfilter: name_of(b"SubFilter")?,
            filter: name_of(b"Filter")?,
            byte_range,
            contents,
            contents_span,
            m: text_of(b"M")?,
            name: text_of(b"Name")?,
            reason: text_of(b"Reason")?,
            location: text_of(b"Location")?,
            contact_info: text_of(b"ContactInfo")?,
            problems,
            covered_revision,
            covers_whole_file,
            is_certification,
            docmdp: DocMdp::strictest(own_docmdp, lock_p),
            locks,
        });
    }
    Ok(out)
}

/// The reference catalog /Perms /DocMDP points to.
fn docmdp_sig_ref(reader: &PdfReader) -> Option<ObjRef> {
    let cat = reader.catalog().ok()?;
    let perms = reader.get(cat.get(b"Perms")?).ok()?;
    perms.as_dict()?.get_ref(b"DocMDP")
}

/// Index of the revision whose `%%EOF` ends at `end` (exactly at
/// `eof_end`, or just before its end-of-line).
fn revision_ending_at(reader: &PdfReader, end: usize) -> Option<usize> {
    let data = reader.data();
    reader.revisions().iter().position(|rev| {
        rev.eof_found
            && (rev.eof_end == end
                || (end < rev.eof_end
                    && end >= 5
                    && data.get(end - 5..end) == Some(b"%%EOF")
                    && data.get(end..rev.eof_end).is_some_and(|t| t.iter().all(|&b| b == b'\r' || b == b'\n'))))
    })
}

/// The revision a viewer reads from the signed bytes alone (`data[..end]`): the signed
/// bytes must end at a revision's `%%EOF`, and the cross-reference section their last
/// `startxref` names must be in the document's chain (for a linearized file this is the
/// first-page section, whose `/Prev` is the main one, so both are part of the signed
/// revision). No cross-reference entry of the signed sections may point after `end`.
fn signed_revision(reader: &PdfReader, end: usize) -> std::result::Result<usize, ByteRangeProblem> {
    let by_eof = revision_ending_at(reader, end).ok_or(ByteRangeProblem::NoRevisionEnd)?;
    if reader.reconstructed() {
        // One synthetic revision: there is no chain to follow.
        return Ok(by_eof);
    }
    let data = reader.data();
    let signed = data.get(..end).unwrap_or(data);
    let at = rfind(signed, b"startxref", signed.len()).ok_or(ByteRangeProblem::NoRevisionEnd)?;
    let mut lex = Lexer::new(signed, at + 9);
    let offset = match lex.next_token() {
        Ok(Some(Token::Integer(n))) => usize::try_from(n).map_err(|_| ByteRangeProblem::NotInRevisionChain)?,
        _ => return Err(ByteRangeProblem::NoRevisionEnd),
    };
    let revs = reader.revisions();
    let rev = revs.iter().position(|r| r.xref_offset == offset).ok_or(ByteRangeProblem::NotInRevisionChain)?;
    // Newest signed section first: an entry overridden by a newer signed one does not
    // matter.
    let mut seen = HashSet::new();
    for r in revs.iter().take(rev + 1).rev() {
        if r.xref_end > end {
            return Err(ByteRangeProblem::NotInRevisionChain);
        }
        for (obj, loc) in &r.defined {
            if !seen.insert(obj.num) {
                continue;
            }
            let offset = match *loc {
                Location::InUse { offset } => Some(offset),
                Location::Compressed { stream, .. } => match reader.location_in_revision(stream, rev) {
                    Some((_, Location::InUse { offset })) => Some(offset),
                    _ => None,
                },
                Location::Free { .. } => None,
            };
            if offset.is_some_and(|o| o >= end && o < data.len()) {
                return Err(ByteRangeProblem::XrefOutsideSignedBytes);
            }
        }
    }
    Ok(rev)
}

/// Absolute span of the (last) /Contents value of the dictionary of
/// object `r`, parsed at its xref offset. `None` if the object is not
/// stored directly or cannot be parsed.
fn locate_contents(reader: &PdfReader, r: ObjRef) -> Option<Range<usize>> {
    let offset = match reader.location(r.num)? {
        (r#gen, Location::InUse { offset }) if r#gen == r.r#gen => offset,
        _ => return None,
    };
    let data = reader.data();
    // Only the span of /Contents is wanted: its digits are checked, not decoded.
    let mut lex = Lexer::skimming(data, offset);
    if parse_obj_header(&mut lex).ok()? != r {
        return None;
    }
    match lex.next_token().ok()? {
        Some(Token::DictOpen) => {}
        _ => return None,
    }
    let mut found = None;
    loop {
        match lex.next_token().ok()? {
            Some(Token::DictClose) => break,
            Some(Token::Name(k)) => {
                lex.skip_ws();
                let start = lex.pos();
                let v = parse_object(&mut lex).ok()?;
                if k == b"Contents" {
                    found = match v {
                        Object::String(_) => Some(start..lex.pos()),
                        _ => None,
                    };
                }
            }
            _ => return None,
        }
    }
    found
}

/// The two signed chunks described by a /ByteRange, if it is four
/// non-negative integers inside `data` with the first range before the
/// second.
pub fn signed_chunks<'a>(data: &'a [u8], byte_range: &[i64]) -> Option<[&'a [u8]; 2]> {
    if byte_range.len() != 4 {
        return None;
    }
    let v: Vec<usize> = byte_range.iter().map(|&x| usize::try_from(x).ok()).collect::<Option<Vec<_>>>()?;
    let (a, b, c, d) = (v[0], v[1], v[2], v[3]);
    let e1 = a.checked_add(b)?;
    let e2 = c.checked_add(d)?;
    if e1 > c {
        return None;
    }
    Some([data.get(a..e1)?, data.get(c..e2)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks() {
        let d = b"0123456789";
        assert_eq!(signed_chunks(d, &[0, 2, 5, 5]), Some([&b"01"[..], &b"56789"[..]]));
        assert_eq!(signed_chunks(d, &[0, 2, 5, 6]), None);
        assert_eq!(signed_chunks(d, &[0, 6, 5, 1]), None);
        assert_eq!(signed_chunks(d, &[0, -1, 5, 1]), None);
        assert_eq!(signed_chunks(d, &[0, 1, 5]), None);
        assert_eq!(signed_chunks(d, &[0, i64::MAX, 5, 1]), None);
    }
}
