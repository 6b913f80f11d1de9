//! Two views of one file, and where they disagree about what the pages show.
//!
//! A signature verifier must judge what a viewer displays, not what its own parser
//! happens to see. Where the PDF syntax allows two readings, this module computes both:
//! the xref chain ([`PdfReader::open_with`]) and a viewer-style reconstruction of the
//! whole file ([`rebuild`]: every `N G obj` in file order, the last one wins — what
//! poppler, qpdf and pyHanko's non-strict reader do when they rebuild the table, which
//! viewers do whenever the chain is broken or `startxref` is not where they look). It
//! then compares them ([`compare`]) on what the pages reach — the page tree, content
//! streams, resources, annotations and their appearances, the AcroForm and the optional
//! content configuration — and collects the ambiguities of those objects' own syntax
//! (duplicate keys, `/Length` against `endstream`, data on the `stream` line, object
//! streams listing a number twice) and of the file's structure (duplicate xref entries,
//! dormant xref sections, sections out of file order).
//!
//! What a finding means for a signature is the caller's decision (see
//! `verify::pdf_views`): the offset of each finding says whether it lies in the signed
//! bytes or was added after them.

use std::collections::{BTreeSet, HashSet};

use super::ambiguity::{Ambiguity, AmbiguityClass};
use super::error::{PdfError, Result};
use super::object::{ObjRef, Object};
use super::reader::{PdfReader, ReadOptions, Resolved, TableSource};

/// Objects visited at most per view before the comparison gives up.
pub const MAX_VIEW_OBJECTS: usize = 2_000_000;
/// Differences reported at most.
const MAX_FINDINGS: usize = 64;

/// The viewer-style reconstruction of the whole file (see the module documentation),
/// with the same password and limits as `opts`.
pub fn rebuild<'a>(data: &'a [u8], opts: &ReadOptions) -> Result<PdfReader<'a>> {
    PdfReader::open_with(data, ReadOptions { rebuild: true, allow_reconstruct: false, ..opts.clone() })
}

/// What the comparison of the two views found.
#[derive(Debug, Clone, Default)]
pub struct ViewsReport {
    /// The primary reader's table was rebuilt because its xref chain is broken (the
    /// reason); the rebuilt table is then the only view, as in viewers.
    pub rebuilt_because: Option<String>,
    /// Ambiguities that affect what the pages show (in either view), and the file's
    /// structural ambiguities. Each has the offset of the structure concerned.
    pub findings: Vec<Ambiguity>,
    /// Conditions that make some viewers rebuild the table (their effect is in
    /// `findings` when the views differ).
    pub triggers: Vec<Ambiguity>,
    /// Objects compared.
    pub compared: usize,
    /// The rebuilt view could not be made (why); the xref view stands alone.
    pub rebuild_failed: Option<String>,
    /// A limit stopped the comparison (which one).
    pub incomplete: Option<String>,
}

impl ViewsReport {
    /// No finding: both views agree on everything the pages reach.
    pub fn agree(&self) -> bool {
        self.findings.is_empty() && self.incomplete.is_none()
    }
}

/// Objects the pages reach in `reader`'s newest view, with each object's resolution.
/// The catalog itself contributes only `/Pages`, `/AcroForm` and `/OCProperties`;
/// signature dictionaries (a field's value, not something a page draws) are left out.
pub fn reached(reader: &PdfReader) -> Result<Vec<(ObjRef, Resolved)>> {
    let root = reader.trailer().get_ref(b"Root").ok_or_else(|| PdfError::Structure("trailer has no /Root".into()))?;
    let catalog = reader.resolve(root)?;
    let mut seen: HashSet<ObjRef> = HashSet::from([root]);
    let mut stack: Vec<ObjRef> = Vec::new();
    if let Some(d) = catalog.as_dict() {
        for key in [&b"Pages"[..], b"AcroForm", b"OCProperties"] {
            if let Some(o) = d.get(key) {
                refs_in(o, &mut |r| {
                    if seen.insert(r) {
                        stack.push(r);
                    }
                });
            }
        }
    }
    let mut out = Vec::new();
    while let Some(r) = stack.pop() {
        if out.len() >= MAX_VIEW_OBJECTS {
            return Err(PdfError::Limit { what: "too many objects reached from the pages", offset: 0 });
        }
        let res = match reader.resolve_noting(r) {
            Ok(res) => res,
            Err(e) => Resolved {
                object: Object::String(super::object::PdfString { bytes: e.to_string().into_bytes(), hex: false }),
                offset: reader.location(r.num).and_then(|l| match l.1 {
                    super::reader::Location::InUse { offset } => Some(offset),
                    _ => None,
                }),
                ambiguities: Vec::new(),
            },
        };
        // Signature dictionaries are values, not what a page shows (and viewers
        // validate them on their own).
        if res.object.as_dict().is_some_and(|d| d.contains_key(b"ByteRange") && d.contains_key(b"Contents")) {
            continue;
        }
        refs_in(&res.object, &mut |k| {
            if seen.insert(k) {
                stack.push(k);
            }
        });
        out.push((r, res));
    }
    Ok(out)
}

/// Every reference inside `o` (stream dictionaries included), without recursion
/// depth limits (an explicit stack).
fn refs_in(o: &Object, f: &mut dyn FnMut(ObjRef)) {
    let mut stack = vec![o];
    while let Some(o) = stack.pop() {
        match o {
            Object::Reference(r) => f(*r),
            Object::Array(a) => stack.extend(a.iter()),
            Object::Dict(d) => stack.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// Same object in both views: equal values, streams by dictionary and (decrypted,
/// still encoded) bytes.
fn same(a: &Object, da: &PdfReader, b: &Object, db: &PdfReader) -> bool {
    match (a, b) {
        (Object::Stream(x), Object::Stream(y)) => {
            x.dict == y.dict
                && match (da.raw_stream_data(x), db.raw_stream_data(y)) {
                    (Ok(p), Ok(q)) => p == q,
                    _ => false,
                }
        }
        _ => a == b,
    }
}

/// Compare `primary` (normally the xref chain) with `rebuilt` (the viewer-style
/// reconstruction, `None` when it could not be made or `primary` is already rebuilt)
/// on everything the pages reach, and collect the ambiguities that matter.
pub fn compare(primary: &PdfReader, rebuilt: Option<&PdfReader>) -> ViewsReport {
    let mut rep = ViewsReport {
        rebuilt_because: (primary.source() == TableSource::Rebuilt)
            .then(|| primary.reconstruct_reason().unwrap_or("the cross-reference data is broken").to_string()),
        ..ViewsReport::default()
    };
    for a in primary.ambiguities() {
        if a.class.is_trigger() {
            rep.triggers.push(a.clone());
        }
    }
    let a_view = match reached(primary) {
        Ok(v) => v,
        Err(e) => {
            rep.incomplete = Some(e.to_string());
            return rep;
        }
    };
    let a_nums: HashSet<u32> = a_view.iter().map(|(r, _)| r.num).collect();
    let mut findings: Vec<Ambiguity> = Vec::new();
    // Structural ambiguities: duplicate xref entries matter when the object is
    // reached; dormant sections, order and duplicate trailer keys always.
    for a in primary.ambiguities() {
        let relevant = match a.class {
            AmbiguityClass::DuplicateXrefEntry => a.object.is_some_and(|n| a_nums.contains(&n)),
            c => !c.is_trigger(),
        };
        if relevant {
            findings.push(a.clone());
        }
    }
    for (_, res) in &a_view {
        for x in &res.ambiguities {
            if !findings.contains(x) {
                findings.push(x.clone());
            }
        }
    }
    rep.compared = a_view.len();
    // Two readers that resolve every object alike cannot differ on what the pages
    // reach: the common case, a file whose xref chain lists exactly its objects.
    if let Some(b) = rebuilt.filter(|b| !primary.reads_as(b)) {
        match reached(b) {
            Err(e) => rep.incomplete = Some(format!("rebuilt view: {e}")),
            Ok(b_view) => {
                for (_, res) in &b_view {
                    for x in &res.ambiguities {
                        if !findings.contains(x) {
                            findings.push(x.clone());
                        }
                    }
                }
                let union: BTreeSet<ObjRef> = a_view.iter().chain(b_view.iter()).map(|(r, _)| *r).collect();
                rep.compared = union.len();
                for r in union {
                    if findings.len() >= MAX_FINDINGS {
                        break;
                    }
                    let (x, y) = match (primary.resolve_noting(r), b.resolve_noting(r)) {
                        (Ok(x), Ok(y)) => (x, y),
                        (Ok(x), Err(e)) => {
                            findings.push(differs(r, x.offset, None, &format!("the rebuilt view cannot read it: {e}")));
                            continue;
                        }
                        (Err(e), Ok(y)) => {
                            findings.push(differs(r, None, y.offset, &format!("the xref view cannot read it: {e}")));
                            continue;
                        }
                        (Err(_), Err(_)) => continue,
                    };
                    if !same(&x.object, primary, &y.object, b) {
                        let what = match (&x.object, &y.object) {
                            (Object::Null, _) => "only the rebuilt view has it".to_string(),
                            (_, Object::Null) => "only the xref view has it".to_string(),
                            _ => "the two views hold different objects".to_string(),
                        };
                        findings.push(differs(r, x.offset, y.offset, &what));
                    }
                }
            }
        }
    }
    findings.truncate(MAX_FINDINGS);
    rep.findings = findings;
    rep
}

fn differs(r: ObjRef, xref_at: Option<usize>, rebuilt_at: Option<usize>, what: &str) -> Ambiguity {
    let show = |o: Option<usize>| o.map_or("nowhere".to_string(), |o| o.to_string());
    Ambiguity::new(
        AmbiguityClass::RebuiltViewDiffers,
        rebuilt_at.or(xref_at).unwrap_or(0),
        format!(
            "object {r}, reached from the pages: {what} (xref view at {}, rebuilt view at {})",
            show(xref_at),
            show(rebuilt_at)
        ),
    )
    .with_object(r.num)
}

/// Open `data` as verification should: the xref chain, rebuilt by scanning when it is
/// broken (as viewers do), plus the viewer-style reconstruction to compare with.
/// Returns the primary reader and the comparison.
pub fn open_and_compare<'a>(data: &'a [u8], opts: &ReadOptions) -> Result<(PdfReader<'a>, ViewsReport)> {
    let mut primary =
        PdfReader::open_with(data, ReadOptions { allow_reconstruct: true, rebuild: false, ..opts.clone() })?;
    // An entry that misses its object makes viewers rebuild the table: so does kyso.
    if let Some(e) = primary.first_bad_entry()
        && let Ok(mut b) = rebuild(data, opts)
    {
        b.set_reconstruct_reason(e.to_string());
        primary = b;
    }
    let report = if primary.source() == TableSource::Rebuilt {
        compare(&primary, None)
    } else {
        match rebuild(data, opts) {
            Ok(b) => compare(&primary, Some(&b)),
            Err(e) => {
                let mut rep = compare(&primary, None);
                rep.rebuild_failed = Some(e.to_string());
                rep
            }
        }
    };
    Ok((primary, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page PDF with a classic xref table listing exactly its objects.
    fn clean(text: &str) -> Vec<u8> {
        let content = format!("BT /F1 18 Tf 72 720 Td ({text}) Tj ET");
        let objs = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_string(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        ];
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (k, o) in objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n", k + 1).bytes());
        }
        let xref = out.len();
        out.extend(b"xref\n0 5\n0000000000 65535 f \n");
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").bytes());
        }
        out.extend(format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes());
        out
    }

    #[test]
    fn a_file_whose_xref_lists_its_objects_reads_as_its_rebuilt_view() {
        let data = clean("Hello");
        let (primary, rep) = open_and_compare(&data, &ReadOptions::default()).unwrap();
        let rebuilt = rebuild(&data, &ReadOptions::default()).unwrap();
        assert!(primary.reads_as(&rebuilt));
        assert!(rep.agree(), "{:?}", rep.findings);
    }

    #[test]
    fn a_shadow_object_the_xref_does_not_list_is_still_compared_and_found() {
        // A second "4 0 obj" after %%EOF: viewers that rebuild the table show it, the
        // xref chain does not.
        let mut data = clean("Hello");
        let forged = "BT /F1 18 Tf 72 720 Td (Forged) Tj ET";
        data.extend(format!("4 0 obj\n<< /Length {} >>\nstream\n{forged}\nendstream\nendobj\n", forged.len()).bytes());
        let (primary, rep) = open_and_compare(&data, &ReadOptions::default()).unwrap();
        let rebuilt = rebuild(&data, &ReadOptions::default()).unwrap();
        assert!(!primary.reads_as(&rebuilt));
        assert!(
            rep.findings.iter().any(|f| f.class == AmbiguityClass::RebuiltViewDiffers && f.object == Some(4)),
            "{:?}",
            rep.findings
        );
    }

    #[test]
    fn readers_of_different_bytes_never_read_alike() {
        let (a, b) = (clean("Hello"), clean("Hello"));
        let (ra, rb) = (PdfReader::open(&a).unwrap(), PdfReader::open(&b).unwrap());
        assert!(ra.reads_as(&PdfReader::open(&a).unwrap()));
        assert!(!ra.reads_as(&rb), "equal contents in another buffer are not assumed alike");
    }
}
