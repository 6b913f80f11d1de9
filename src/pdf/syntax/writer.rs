//! Incremental updates: append new/changed objects plus a new xref section.

use std::io::Write;
use std::ops::Range;

use super::error::{PdfError, Result};
use super::filters::flate_encode;
use super::object::{Dict, ObjRef, Object, Stream};
use super::parser::find;
use super::reader::{PdfReader, XrefKind};

/// Pending incremental update.
#[derive(Debug, Clone)]
pub struct IncrementalUpdate {
    objects: Vec<(ObjRef, Object)>,
    next_num: u32,
    trailer_overrides: Dict,
    id_second: Option<Vec<u8>>,
    compress_xref_stream: bool,
}

/// What [`IncrementalUpdate::write`] wrote. All offsets are absolute, i.e.
/// relative to the start of the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteInfo {
    /// Each written object and the range of `N G obj ... endobj`.
    pub objects: Vec<(ObjRef, Range<usize>)>,
    /// Offset of the new `xref` keyword / xref stream object (the value
    /// written after `startxref`).
    pub xref_offset: usize,
    pub xref_kind: XrefKind,
    /// The xref stream object, when `xref_kind` is `Stream`.
    pub xref_stream: Option<ObjRef>,
    /// Offset where the appended bytes start (= original length).
    pub start: usize,
    /// Total file length after appending.
    pub end: usize,
}

impl WriteInfo {
    /// Offset of the `N G obj` header of a written object.
    pub fn object_offset(&self, r: ObjRef) -> Option<usize> {
        self.object_span(r).map(|s| s.start)
    }

    /// Range of `N G obj ... endobj` of a written object.
    pub fn object_span(&self, r: ObjRef) -> Option<Range<usize>> {
        self.objects.iter().find(|(o, _)| *o == r).map(|(_, s)| s.clone())
    }

    /// Absolute offset of the first occurrence of `needle` inside written
    /// object `r`. `file` is the complete file (original + appended bytes).
    pub fn find_in_object(&self, r: ObjRef, file: &[u8], needle: &[u8]) -> Option<usize> {
        let span = self.object_span(r)?;
        let hay = file.get(span.clone())?;
        find(hay, needle, 0).map(|p| span.start + p)
    }
}

impl IncrementalUpdate {
    /// Start an update on top of `reader`'s newest revision.
    pub fn new(reader: &PdfReader<'_>) -> Self {
        let size = reader.trailer().get_int(b"Size").and_then(|s| u32::try_from(s).ok()).unwrap_or(1);
        let next = size.max(reader.max_object_number().saturating_add(1)).max(1);
        IncrementalUpdate {
            objects: Vec::new(),
            next_num: next,
            trailer_overrides: Dict::new(),
            id_second: None,
            compress_xref_stream: true,
        }
    }

    /// Allocate a fresh object number (generation 0).
    pub fn alloc(&mut self) -> ObjRef {
        let r = ObjRef::new(self.next_num, 0);
        self.next_num = self.next_num.saturating_add(1);
        r
    }

    /// Add a new object or replace an existing one (same reference). A
    /// second `put` of the same reference replaces the first.
    pub fn put(&mut self, r: ObjRef, obj: Object) {
        if let Some(slot) = self.objects.iter_mut().find(|(o, _)| *o == r) {
            slot.1 = obj;
        } else {
            if r.num >= self.next_num {
                self.next_num = r.num.saturating_add(1);
            }
            self.objects.push((r, obj));
        }
    }

    /// Object already put in this update.
    pub fn get(&self, r: ObjRef) -> Option<&Object> {
        self.objects.iter().find(|(o, _)| *o == r).map(|(_, v)| v)
    }

    /// Objects in put order.
    pub fn objects(&self) -> &[(ObjRef, Object)] {
        &self.objects
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// Set (or override) a trailer entry, e.g. a new /Info reference.
    /// /Size, /Prev and xref-stream keys are always computed.
    pub fn set_trailer_entry(&mut self, key: impl Into<Vec<u8>>, value: Object) {
        self.trailer_overrides.insert(key, value);
    }

    /// Replace the second element of /ID (the first is always kept).
    pub fn set_id_second(&mut self, id: Vec<u8>) {
        self.id_second = Some(id);
    }

    /// Flate-compress an xref stream (default true).
    pub fn set_compress_xref_stream(&mut self, on: bool) {
        self.compress_xref_stream = on;
    }

    /// Write the appended bytes (only those: the caller writes the original
    /// file first, unchanged). Refuses reconstructed inputs.
    ///
    /// Encrypted documents (opened with a password that authenticated):
    /// the objects put here are plaintext (as `resolve` returns them); their
    /// strings and streams are encrypted with the document's security
    /// handler, except the /Contents of signature dictionaries, xref streams
    /// and the /Encrypt object. The trailer keeps /Encrypt and /ID.
    pub fn write(&self, reader: &PdfReader<'_>, out: &mut impl Write) -> Result<WriteInfo> {
        if reader.reconstructed() {
            return Err(PdfError::Reconstructed);
        }
        let crypt = reader.security_handler();
        if reader.is_encrypted() && crypt.is_none() {
            return Err(PdfError::Encrypted);
        }
        let data = reader.data();
        let base = data.len();
        let kind = reader
            .revisions()
            .last()
            .map(|r| r.kind)
            .ok_or_else(|| PdfError::Structure("no cross-reference section".into()))?;
        let old = reader.trailer();
        let root = self
            .trailer_overrides
            .get(b"Root")
            .or_else(|| old.get(b"Root"))
            .cloned()
            .ok_or_else(|| PdfError::Structure("trailer has no /Root".into()))?;

        let mut buf: Vec<u8> = Vec::new();
        if !matches!(data.last(), Some(b'\n' | b'\r')) {
            buf.push(b'\n');
        }
        let mut objects = Vec::with_capacity(self.objects.len() + 1);
        let mut entries: Vec<(ObjRef, usize)> = Vec::with_capacity(self.objects.len() + 1);
        for (r, obj) in &self.objects {
            if r.num == 0 {
                return Err(PdfError::Structure("object number 0 cannot be written".into()));
            }
            let start = base + buf.len();
            match crypt {
                Some(h) => write_indirect(*r, &h.encrypt_object(*r, obj, data)?, data, &mut buf)?,
                None => write_indirect(*r, obj, data, &mut buf)?,
            }
            objects.push((*r, start..base + buf.len() - 1));
            entries.push((*r, start));
        }

        let old_size = old.get_int(b"Size").and_then(|s| u32::try_from(s).ok()).unwrap_or(0);
        let max_written = self.objects.iter().map(|(r, _)| r.num).max().unwrap_or(0);
        let mut size = old_size.max(reader.max_object_number().saturating_add(1)).max(max_written.saturating_add(1));

        let mut trailer = Dict::new();
        let xref_offset;
        let mut xref_stream = None;
        match kind {
            XrefKind::Table => {
                xref_offset = base + buf.len();
                entries.sort_by_key(|(r, _)| r.num);
                buf.extend_from_slice(b"xref\n");
                for run in runs(&entries) {
                    let first = run.first().map(|(r, _)| r.num).unwrap_or(0);
                    buf.extend_from_slice(format!("{} {}\n", first, run.len()).as_bytes());
                    for (r, off) in run {
                        buf.extend_from_slice(format!("{:010} {:05} n\r\n", off, r.r#gen).as_bytes());
                    }
                }
                trailer.insert("Size", Object::Integer(size as i64));
                self.common_trailer(&mut trailer, old, root, reader.startxref());
                buf.extend_from_slice(b"trailer\n");
                trailer.write_to(&mut buf);
                buf.push(b'\n');
            }
            XrefKind::Stream => {
                let xr = ObjRef::new(size.max(self.next_num), 0);
                size = xr.num.saturating_add(1);
                xref_offset = base + buf.len();
                entries.push((xr, xref_offset));
                entries.sort_by_key(|(r, _)| r.num);
                let max_off = entries.iter().map(|(_, o)| *o).max().unwrap_or(0) as u64;
                let w2 = bytes_needed(max_off);
                let mut rows = Vec::with_capacity(entries.len() * (3 + w2));
                let mut index = Vec::new();
                for run in runs(&entries) {
                    let first = run.first().map(|(r, _)| r.num).unwrap_or(0);
                    index.push(Object::Integer(first as i64));
                    index.push(Object::Integer(run.len() as i64));
                    for (r, off) in run {
                        rows.push(1u8);
                        rows.extend_from_slice(&(*off as u64).to_be_bytes()[8 - w2..]);
                        rows.extend_from_slice(&r.r#gen.to_be_bytes());
                    }
                }
                trailer.insert("Type", Object::name("XRef"));
                trailer.insert("Size", Object::Integer(size as i64));
                trailer.insert("Index", Object::Array(index));
                trailer.insert("W", Object::Array(vec![1i64.into(), (w2 as i64).into(), 2i64.into()]));
                self.common_trailer(&mut trailer, old, root, reader.startxref());
                let payload = if self.compress_xref_stream {
                    trailer.insert("Filter", Object::name("FlateDecode"));
                    flate_encode(&rows)
                } else {
                    rows
                };
                let obj = Object::Stream(Stream::new(trailer, payload));
                let start = base + buf.len();
                write_indirect(xr, &obj, data, &mut buf)?;
                objects.push((xr, start..base + buf.len() - 1));
                xref_stream = Some(xr);
            }
        }
        buf.extend_from_slice(format!("startxref\n{xref_offset}\n%%EOF\n").as_bytes());
        out.write_all(&buf)?;
        Ok(WriteInfo { objects, xref_offset, xref_kind: kind, xref_stream, start: base, end: base + buf.len() })
    }

    fn common_trailer(&self, trailer: &mut Dict, old: &Dict, root: Object, prev: usize) {
        trailer.insert("Root", root);
        for k in [&b"Info"[..], b"Encrypt"] {
            if let Some(v) = self.trailer_overrides.get(k).or_else(|| old.get(k)) {
                trailer.insert(k, v.clone());
            }
        }
        if let Some(id) = self.trailer_overrides.get(b"ID").or_else(|| old.get(b"ID")) {
            let mut id = id.clone();
            if let (Some(second), Object::Array(a)) = (&self.id_second, &mut id)
                && a.len() == 2
            {
                a[1] = Object::hex_string(second.clone());
            }
            trailer.insert("ID", id);
        }
        for (k, v) in self.trailer_overrides.iter() {
            if !matches!(
                k,
                b"Size"
                    | b"Prev"
                    | b"Root"
                    | b"Info"
                    | b"Encrypt"
                    | b"ID"
                    | b"Type"
                    | b"W"
                    | b"Index"
                    | b"Length"
                    | b"Filter"
                    | b"DecodeParms"
                    | b"XRefStm"
            ) {
                trailer.insert(k, v.clone());
            }
        }
        trailer.insert("Prev", Object::Integer(prev as i64));
    }
}

/// `N G obj\n<object>\nendobj\n`
fn write_indirect(r: ObjRef, obj: &Object, source: &[u8], buf: &mut Vec<u8>) -> Result<()> {
    buf.extend_from_slice(format!("{} {} obj\n", r.num, r.r#gen).as_bytes());
    obj.write_to_with_source(buf, source)?;
    buf.extend_from_slice(b"\nendobj\n");
    Ok(())
}

/// Split entries sorted by object number into runs of consecutive numbers.
fn runs(entries: &[(ObjRef, usize)]) -> Vec<&[(ObjRef, usize)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=entries.len() {
        let split = i == entries.len()
            || entries.get(i).zip(entries.get(i - 1)).is_some_and(|(a, b)| a.0.num != b.0.num.saturating_add(1));
        if split {
            if let Some(run) = entries.get(start..i)
                && !run.is_empty()
            {
                out.push(run);
            }
            start = i;
        }
    }
    out
}

fn bytes_needed(v: u64) -> usize {
    let mut n = 1;
    while n < 8 && (v >> (8 * n)) != 0 {
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split() {
        let e: Vec<(ObjRef, usize)> = [1u32, 2, 3, 7, 9, 10].iter().map(|&n| (ObjRef::new(n, 0), 0)).collect();
        let r = runs(&e);
        assert_eq!(r.iter().map(|r| r.len()).collect::<Vec<_>>(), vec![3, 1, 2]);
        assert!(runs(&[]).is_empty());
    }

    #[test]
    fn bytes() {
        assert_eq!(bytes_needed(0), 1);
        assert_eq!(bytes_needed(255), 1);
        assert_eq!(bytes_needed(256), 2);
        assert_eq!(bytes_needed(u64::MAX), 8);
    }
}
