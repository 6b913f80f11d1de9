//! Modification analysis of signed PDFs: what did the incremental
//! revisions appended after a signature change, and is each change
//! permitted by the signature (approval signature, or certification with
//! DocMDP P=1/2/3)?
//!
//! The analysis is *fail closed*: every object (re)defined by a later
//! revision must be explained by one of the allowed-change rules, anything
//! else is a disallowed change. Each later revision `k` is compared with
//! revision `k-1` (so the chain of comparisons starts at the signed
//! revision):
//!
//! * pages: the page list, the page tree nodes and every page dictionary
//!   (except `/Annots`) are compared by *resolved content* (`/Contents`,
//!   `/Resources` and everything reachable from them, fonts, XObjects...).
//!   Objects a page reaches in revision `k` that already existed in `k-1`
//!   but were not reached by that page before are reported as
//!   [`DisallowedChange::HiddenObjectRevealed`] (shadow attacks:
//!   hide / replace / hide-and-replace).
//! * annotations: existing annotations must stay (unchanged unless P=3 or a
//!   form field's value/appearance is updated); new annotations must be
//!   widgets of new signature fields (P=3: any annotation; the "Evil
//!   Annotation" attack under P=2 is a disallowed new annotation).
//! * form fields: signed signature fields and their signature dictionaries
//!   must not change; empty signature fields may be signed; non-signature
//!   fields may change `/V /AP /AS /DA /Q /Ff` (and `/F` when the hidden
//!   bits stay) unless P=1; new fields must be signature fields (after a
//!   certification only invisible ones: "Sneaky Signature"; under P=1 only
//!   invisible document timestamps); a new visible widget overlapping a
//!   signed signature's widget is disallowed.
//! * catalog: only `/AcroForm` (fields, `/SigFlags`, `/DR /DA /Q
//!   /NeedAppearances`), `/DSS`, `/Metadata`, `/Extensions`, `/MarkInfo` and
//!   `/Version` may change; `/OpenAction /Names /AA /Perms /OCProperties
//!   /Pages ...` may not.
//! * the trailer `/Info` dictionary and the XMP `/Metadata` stream may be
//!   updated; new objects nothing refers to, identical rewrites, xref and
//!   object streams are harmless ([`AllowedChange::XrefOnly`]).
//!
//! FieldMDP (`/Lock`, signature references with /TransformMethod
//! /FieldMDP) is out of scope: field locks are not enforced.
//!
//! Trailing bytes after the last `%%EOF` that form no revision are reported
//! as a warning (`trailing_bytes_after_eof`), not as a failure: viewers
//! ignore them and they change nothing that is displayed.

use std::cell::Cell;
use std::collections::{BTreeSet, HashMap, HashSet};

use super::signatures::{PdfSignature, decode_text_string, docmdp_permission, find_signatures};
use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::object::{Dict, ObjRef, Object};
use crate::pdf::syntax::reader::{Location, PdfReader};

/// Maximum nesting depth followed while comparing / walking objects.
pub const MAX_WALK_DEPTH: usize = 200;
/// Maximum number of object nodes visited for one later revision.
pub const MAX_WALK_NODES: usize = 5_000_000;
/// Maximum depth of the page tree and of the form field tree.
const MAX_TREE_DEPTH: usize = 64;
/// Annotation flags that hide an annotation: Invisible, Hidden, NoView,
/// ToggleNoView.
const HIDING_FLAGS: i64 = 1 | 2 | 32 | 256;

/// The document modification permission in force (DocMDP of the
/// certification signature).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Not certified: approval signatures only; form filling, further
    /// signatures, DSS and timestamps are allowed.
    NoCertification,
    /// P=1: no changes except DSS and document timestamps.
    NoChanges,
    /// P=2: form filling and signing.
    FormFill,
    /// P=3: P=2 plus annotations.
    Annotate,
}

impl Permission {
    fn allows_form_fill(self) -> bool {
        !matches!(self, Permission::NoChanges)
    }

    fn certified(self) -> bool {
        !matches!(self, Permission::NoCertification)
    }
}

/// A change that is permitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedChange {
    NewSignatureField {
        name: String,
    },
    SignatureValue {
        name: String,
    },
    WidgetAppearance {
        field: String,
    },
    FormFieldValue {
        field: String,
    },
    Dss,
    DocTimestamp,
    AcroFormFields,
    /// 0-based page index.
    PageAnnotsGrownByWidgets {
        page: usize,
    },
    Metadata,
    InfoDict,
    /// Only under P=3. 0-based page index.
    Annotation {
        page: usize,
    },
    /// `/Extensions`, `/MarkInfo` or `/Version` of the catalog.
    CatalogHousekeeping {
        key: String,
    },
    /// Xref / object streams, unreferenced new objects, identical
    /// rewrites of existing objects.
    XrefOnly,
}

/// A change that is not permitted (the signature's document was
/// modified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DisallowedChange {
    /// 0-based page index.
    PageContent {
        page: usize,
    },
    PageResources {
        page: usize,
    },
    PageTree,
    FontOrXObject {
        obj: ObjRef,
    },
    /// A catalog entry such as /OpenAction /Names /AA /Perms /Pages
    /// /OCProperties, or a disallowed /AcroForm or trailer entry.
    CatalogEntry {
        key: String,
    },
    NewPage,
    /// A non-widget annotation added / changed / removed (P<=2 or no
    /// certification), or an annotation removed.
    Annotation {
        page: usize,
    },
    /// A new widget overlapping a signed signature's widget, or a visible
    /// widget that belongs to no form field.
    OverlappingWidget {
        page: usize,
    },
    /// Shadow attack: an object that existed before (unused by this page /
    /// annotation) is now displayed.
    HiddenObjectRevealed {
        obj: ObjRef,
    },
    /// An existing object was redefined in a way no rule allows (signed
    /// signature field or signature dictionary changed, object freed...).
    RedefinedObject {
        obj: ObjRef,
        what: String,
    },
    /// An object changed that no rule explains.
    UnknownObjectChange {
        obj: ObjRef,
    },
    /// A form field other than a signature field was created.
    NewFormField {
        field: String,
    },
    /// A visible signature field added after a certification signature
    /// ("Sneaky Signature").
    VisibleSignatureAfterCertification {
        field: String,
    },
    /// Signing (other than an invisible document timestamp) under P=1.
    SignatureNotPermitted {
        name: String,
    },
    /// Form filling under P=1.
    FormFillNotPermitted {
        field: String,
    },
    /// A /DSS dictionary that does not have the DSS structure.
    MalformedDss,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    Allowed(AllowedChange),
    Disallowed(DisallowedChange),
}

impl ChangeKind {
    pub fn is_allowed(&self) -> bool {
        matches!(self, ChangeKind::Allowed(_))
    }
}

/// The changes one later revision made.
#[derive(Debug, Clone)]
pub struct RevisionReport {
    /// Index into `reader.revisions()`.
    pub revision: usize,
    /// (object concerned, kind, human-readable detail)
    pub changes: Vec<(Option<ObjRef>, ChangeKind, String)>,
}

impl RevisionReport {
    pub fn disallowed(&self) -> impl Iterator<Item = &(Option<ObjRef>, ChangeKind, String)> {
        self.changes.iter().filter(|c| !c.1.is_allowed())
    }
}

/// Result of [`analyze`].
#[derive(Debug, Clone)]
pub struct SignatureAnalysis {
    pub covered_revision: usize,
    pub total_revisions: usize,
    /// One report per revision after the covered one, oldest first.
    pub later: Vec<RevisionReport>,
    /// No disallowed change in any later revision.
    pub verdict_ok: bool,
    /// e.g. `MODIFIED_AFTER_SIGNING: revision 2: page 1 /Contents changed`.
    pub first_disallowed: Option<String>,
    /// Non-whitespace bytes after the last `%%EOF` (warning only).
    pub trailing_bytes_after_eof: bool,
}

impl SignatureAnalysis {
    /// All disallowed changes of all later revisions.
    pub fn disallowed(&self) -> Vec<&(Option<ObjRef>, ChangeKind, String)> {
        self.later.iter().flat_map(|r| r.disallowed()).collect()
    }
}

/// The DocMDP permission of the document: catalog /Perms /DocMDP, and any
/// signature carrying a DocMDP /Reference (the strictest one wins).
/// FieldMDP is not evaluated.
pub fn document_permission(reader: &PdfReader) -> Result<Permission> {
    let mut p = docmdp_permission(reader)?;
    for s in find_signatures(reader)? {
        if let Some(sp) = s.docmdp_p {
            p = Some(p.map_or(sp, |q| q.min(sp)));
        }
    }
    Ok(match p {
        None => Permission::NoCertification,
        Some(1) => Permission::NoChanges,
        Some(3) => Permission::Annotate,
        Some(_) => Permission::FormFill,
    })
}

/// Pairs of indices (into `sigs`) of signatures that claim the same
/// /ByteRange (a wrapping / duplication trick: one CMS shown twice).
pub fn duplicate_byte_ranges(sigs: &[PdfSignature]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, a) in sigs.iter().enumerate() {
        for (j, b) in sigs.iter().enumerate().skip(i + 1) {
            if let (Some(x), Some(y)) = (&a.byte_range, &b.byte_range)
                && x == y
            {
                out.push((i, j));
            }
        }
    }
    out
}

/// Analyse the revisions after `covered_revision` (the revision whose
/// `%%EOF` the signature's /ByteRange ends at) under `permission`.
pub fn analyze(reader: &PdfReader, covered_revision: usize, permission: Permission) -> Result<SignatureAnalysis> {
    let total = reader.revisions().len();
    if covered_revision >= total {
        return Err(PdfError::Structure(format!(
            "covered revision {covered_revision} out of range ({total} revisions)"
        )));
    }
    let mut later = Vec::new();
    let mut prev_snap: Option<Snapshot> = None;
    for k in covered_revision + 1..total {
        let cx = Cx { reader, old: k - 1, new: k, nodes: Cell::new(0), permission };
        let old_snap = match prev_snap.take() {
            Some(s) => s,
            None => cx.snapshot(k - 1)?,
        };
        let new_snap = cx.snapshot(k)?;
        let changes = cx.compare(&old_snap, &new_snap)?;
        later.push(RevisionReport { revision: k, changes });
        prev_snap = Some(new_snap);
    }
    let first_disallowed = later.iter().find_map(|r| {
        r.disallowed().next().map(|(_, kind, detail)| {
            format!("MODIFIED_AFTER_SIGNING: revision {}: {} ({})", r.revision, detail, kind_name(kind))
        })
    });
    let data = reader.data();
    let trailing_bytes_after_eof = match reader.last_eof_end() {
        Some(end) => {
            data.get(end..).is_some_and(|t| t.iter().any(|&b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0 | 12)))
        }
        None => true,
    };
    Ok(SignatureAnalysis {
        covered_revision,
        total_revisions: total,
        verdict_ok: first_disallowed.is_none(),
        first_disallowed,
        later,
        trailing_bytes_after_eof,
    })
}

/// Verification path for fuzzing: open, find signatures, analyse each.
/// Never panics; all errors are swallowed.
pub fn fuzz_verify_path(data: &[u8]) {
    for lenient in [false, true] {
        let reader = if lenient { PdfReader::open_lenient(data) } else { PdfReader::open(data) };
        let Ok(reader) = reader else { continue };
        let perm = document_permission(&reader).unwrap_or(Permission::NoChanges);
        if let Ok(sigs) = find_signatures(&reader) {
            let _ = duplicate_byte_ranges(&sigs);
            for s in sigs.iter().take(16) {
                if let Some(c) = s.covered_revision {
                    let _ = analyze(&reader, c, perm);
                }
            }
        }
        for c in 0..reader.revisions().len().min(4) {
            let _ = analyze(&reader, c, Permission::Annotate);
        }
    }
}

fn kind_name(k: &ChangeKind) -> String {
    match k {
        ChangeKind::Allowed(a) => format!("{a:?}"),
        ChangeKind::Disallowed(d) => format!("{d:?}"),
    }
}

// ----------------------------------------------------------------------
// snapshots of one revision
// ----------------------------------------------------------------------

/// A form field node (node with /T, or top-level entry of /Fields).
#[derive(Debug, Clone)]
struct FieldNode {
    name: String,
    r: ObjRef,
    dict: Dict,
    ft: Option<Vec<u8>>,
    /// Separate widget annotation objects (kids without /T); plus the
    /// field itself when it is merged with its widget.
    widgets: Vec<ObjRef>,
}

impl FieldNode {
    fn is_sig(&self) -> bool {
        self.ft.as_deref() == Some(b"Sig")
    }
}

#[derive(Debug, Default)]
struct Snapshot {
    root: Option<ObjRef>,
    catalog: Dict,
    info: Option<ObjRef>,
    encrypt: Option<Object>,
    pages: Vec<ObjRef>,
    nodes: Vec<ObjRef>,
    /// Per page (same order as `pages`): /Annots entries and the array's
    /// own reference when indirect.
    annots: Vec<(Vec<Object>, Option<ObjRef>)>,
    fields: Vec<FieldNode>,
    field_index: HashMap<ObjRef, usize>,
    /// widget ref -> index into `fields`
    widget_owner: HashMap<ObjRef, usize>,
    acroform_ref: Option<ObjRef>,
    acroform: Dict,
    fields_array_ref: Option<ObjRef>,
}

impl Snapshot {
    fn field(&self, r: ObjRef) -> Option<&FieldNode> {
        self.field_index.get(&r).and_then(|&i| self.fields.get(i))
    }

    fn is_signed_sig(&self, f: &FieldNode) -> bool {
        f.is_sig() && f.dict.get(b"V").is_some_and(|v| !v.is_null())
    }
}

/// A difference found by the deep comparison.
#[derive(Debug, Clone)]
struct Diff {
    /// Path from the compared root, e.g. `/Resources/Font/F1`.
    path: String,
    /// Innermost indirect object (new side) containing the difference.
    obj: Option<ObjRef>,
    what: String,
}

/// (node, parent field index, inherited /FT, depth, top level)
type FieldWalkNode = (Object, Option<usize>, Option<Vec<u8>>, usize, bool);

type Changes = Vec<(Option<ObjRef>, ChangeKind, String)>;

/// State shared by the rules while comparing two revisions.
struct Step<'s> {
    o: &'s Snapshot,
    n: &'s Snapshot,
    ch: Changes,
    /// Objects of the new revision accounted for by some rule.
    explained: HashSet<ObjRef>,
    /// Pages, page tree nodes and catalog: compared by their own rules.
    tree: HashSet<ObjRef>,
    /// `tree` plus annotations, fields, widgets and the AcroForm.
    claimed: HashSet<ObjRef>,
    fields_all: HashSet<ObjRef>,
    /// Everything the pages of the new revision reach.
    content_reach: HashSet<ObjRef>,
    /// Objects (re)defined (in use) by the new revision.
    defined: Vec<ObjRef>,
    /// (page index, /Annots entry) added to pages present in both.
    added_annots: Vec<(usize, Object)>,
    /// old annotation -> page index
    old_annot_pos: HashMap<ObjRef, usize>,
    /// widgets of new signature fields -> field name
    new_sig_widgets: HashMap<ObjRef, String>,
}

struct Cx<'r, 'a> {
    reader: &'r PdfReader<'a>,
    old: usize,
    new: usize,
    nodes: Cell<usize>,
    permission: Permission,
}

fn name_str(n: &[u8]) -> String {
    String::from_utf8_lossy(n).into_owned()
}

fn rect_of(o: Option<&Object>) -> Option<[f64; 4]> {
    let a = o?.as_array()?;
    if a.len() != 4 {
        return None;
    }
    let v: Vec<f64> = a.iter().filter_map(Object::as_f64).collect();
    if v.len() != 4 || v.iter().any(|x| !x.is_finite()) {
        return None;
    }
    Some([v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])])
}

fn area(r: &[f64; 4]) -> f64 {
    (r[2] - r[0]) * (r[3] - r[1])
}

fn overlaps(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Visible: non-empty /Rect and none of the hiding flags.
fn annot_visible(d: &Dict) -> bool {
    let hidden = d.get_int(b"F").unwrap_or(0) & HIDING_FLAGS != 0;
    !hidden && rect_of(d.get(b"Rect")).is_some_and(|r| area(&r) > 0.0)
}

impl Cx<'_, '_> {
    fn tick(&self, depth: usize) -> Result<()> {
        let n = self.nodes.get() + 1;
        self.nodes.set(n);
        if n > MAX_WALK_NODES {
            return Err(PdfError::Limit { what: "modification analysis visited too many objects", offset: 0 });
        }
        if depth > MAX_WALK_DEPTH {
            return Err(PdfError::Limit { what: "object nesting too deep for modification analysis", offset: 0 });
        }
        Ok(())
    }

    fn resolve(&self, r: ObjRef, rev: usize) -> Result<Object> {
        self.reader.resolve_in_revision(r, rev)
    }

    fn get(&self, o: &Object, rev: usize) -> Result<Object> {
        self.reader.get_in_revision(o, rev)
    }

    /// The object exists (is in use with this generation) in `rev`.
    fn exists(&self, r: ObjRef, rev: usize) -> bool {
        match self.reader.location_in_revision(r.num, rev) {
            Some((g, Location::InUse { .. })) => g == r.r#gen,
            Some((_, Location::Compressed { .. })) => r.r#gen == 0,
            _ => false,
        }
    }

    fn get_dict(&self, o: Option<&Object>, rev: usize) -> Result<Option<Dict>> {
        Ok(match o {
            Some(o) => self.get(o, rev)?.as_dict().cloned(),
            None => None,
        })
    }

    // ------------------------------------------------------------------
    // snapshot
    // ------------------------------------------------------------------

    fn snapshot(&self, rev: usize) -> Result<Snapshot> {
        let revs = self.reader.revisions();
        let mut root = None;
        let mut info = None;
        let mut encrypt = None;
        for r in revs.get(..=rev).unwrap_or(&[]).iter().rev() {
            if root.is_none() {
                root = r.trailer.get_ref(b"Root");
            }
            if info.is_none() {
                info = r.trailer.get_ref(b"Info");
            }
            if encrypt.is_none() {
                encrypt = r.trailer.get(b"Encrypt").cloned();
            }
        }
        let mut s = Snapshot { root, info, encrypt, ..Default::default() };
        let root =
            root.ok_or_else(|| PdfError::Structure(format!("revision {rev}: trailer has no /Root reference")))?;
        s.catalog = match self.resolve(root, rev)? {
            Object::Dict(d) => d,
            o => return Err(PdfError::Structure(format!("revision {rev}: catalog {root} is a {}", o.type_name()))),
        };
        self.walk_pages(&mut s, rev)?;
        // /Annots of every page
        for &p in &s.pages {
            let d = self.resolve(p, rev)?;
            let d = d.as_dict().cloned().unwrap_or_default();
            let (arr_ref, entries) = match d.get(b"Annots") {
                Some(Object::Reference(r)) => (Some(*r), self.resolve(*r, rev)?.as_array().map(<[Object]>::to_vec)),
                Some(o) => (None, o.as_array().map(<[Object]>::to_vec)),
                None => (None, None),
            };
            s.annots.push((entries.unwrap_or_default(), arr_ref));
        }
        // AcroForm and fields
        let af_obj = s.catalog.get(b"AcroForm").cloned();
        s.acroform_ref = af_obj.as_ref().and_then(Object::as_reference);
        if let Some(af) = self.get_dict(af_obj.as_ref(), rev)? {
            s.acroform = af;
        }
        let fields_obj = s.acroform.get(b"Fields").cloned();
        s.fields_array_ref = fields_obj.as_ref().and_then(Object::as_reference);
        let fields = match &fields_obj {
            Some(o) => self.get(o, rev)?.as_array().map(<[Object]>::to_vec),
            None => None,
        };
        self.walk_fields(&mut s, fields.unwrap_or_default(), rev)?;
        Ok(s)
    }

    fn walk_pages(&self, s: &mut Snapshot, rev: usize) -> Result<()> {
        let top = match s.catalog.get(b"Pages") {
            Some(Object::Reference(r)) => *r,
            _ => return Err(PdfError::Structure(format!("revision {rev}: catalog /Pages is not a reference"))),
        };
        let mut visited = HashSet::new();
        let mut stack = vec![(top, 0usize)];
        while let Some((r, depth)) = stack.pop() {
            self.tick(0)?;
            if depth > MAX_TREE_DEPTH {
                return Err(PdfError::Limit { what: "page tree too deep", offset: 0 });
            }
            if !visited.insert(r) {
                return Err(PdfError::Structure(format!("revision {rev}: page tree visits {r} twice (loop)")));
            }
            let node = self.resolve(r, rev)?;
            let Some(d) = node.as_dict() else {
                return Err(PdfError::Structure(format!("revision {rev}: page tree node {r} is not a dictionary")));
            };
            let is_pages = match d.get_name(b"Type") {
                Some(b"Pages") => true,
                Some(b"Page") => false,
                _ => d.contains_key(b"Kids"),
            };
            if is_pages {
                s.nodes.push(r);
                let kids = self.get(d.get(b"Kids").unwrap_or(&Object::Null), rev)?;
                let kids = kids.as_array().unwrap_or(&[]);
                for kid in kids.iter().rev() {
                    match kid.as_reference() {
                        Some(k) => stack.push((k, depth + 1)),
                        None => {
                            return Err(PdfError::Structure(format!(
                                "revision {rev}: page tree node {r} has a direct kid"
                            )));
                        }
                    }
                }
            } else {
                s.pages.push(r);
            }
        }
        Ok(())
    }

    fn walk_fields(&self, s: &mut Snapshot, top: Vec<Object>, rev: usize) -> Result<()> {
        // (node, parent field index, inherited FT, depth, top level)
        let mut stack: Vec<FieldWalkNode> = top.into_iter().rev().map(|o| (o, None, None, 0, true)).collect();
        let mut visited = HashSet::new();
        while let Some((node, parent, inh_ft, depth, is_top)) = stack.pop() {
            self.tick(0)?;
            if depth > MAX_TREE_DEPTH {
                return Err(PdfError::Limit { what: "form field tree too deep", offset: 0 });
            }
            let Some(r) = node.as_reference() else {
                continue; // direct field dicts: compared via /Fields
            };
            if !visited.insert(r) {
                continue;
            }
            let Some(d) = self.resolve(r, rev)?.as_dict().cloned() else {
                continue;
            };
            let ft = match d.get(b"FT") {
                Some(o) => self.get(o, rev)?.as_name().map(<[u8]>::to_vec),
                None => None,
            }
            .or(inh_ft);
            let has_t = d.contains_key(b"T");
            let idx = if has_t || is_top {
                let partial = match d.get(b"T") {
                    Some(o) => self.get(o, rev)?.as_str_bytes().map(decode_text_string),
                    None => None,
                };
                let pname = parent.and_then(|i| s.fields.get(i)).map(|f| f.name.clone());
                let name = match (pname, partial) {
                    (Some(p), Some(t)) if !p.is_empty() => format!("{p}.{t}"),
                    (_, Some(t)) => t,
                    (Some(p), None) => p,
                    (None, None) => String::new(),
                };
                let is_widget = d.get_name(b"Subtype") == Some(b"Widget");
                s.fields.push(FieldNode {
                    name,
                    r,
                    dict: d.clone(),
                    ft: ft.clone(),
                    widgets: if is_widget { vec![r] } else { Vec::new() },
                });
                let i = s.fields.len() - 1;
                s.field_index.insert(r, i);
                if is_widget {
                    s.widget_owner.insert(r, i);
                }
                Some(i)
            } else {
                // a widget kid of `parent`
                if let Some(pi) = parent {
                    if let Some(f) = s.fields.get_mut(pi) {
                        f.widgets.push(r);
                    }
                    s.widget_owner.insert(r, pi);
                }
                None
            };
            if let Some(k) = d.get(b"Kids")
                && let Some(kids) = self.get(k, rev)?.as_array()
            {
                for kid in kids.iter().rev() {
                    stack.push((kid.clone(), idx.or(parent), ft.clone(), depth + 1, false));
                }
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------------
    // deep comparison and reachability
    // ------------------------------------------------------------------

    /// Compare `a` (as of the old revision) with `b` (new revision) by
    /// resolved content. References in `stop` that are equal on both sides
    /// are not followed (those objects are judged by their own rule).
    fn diff(
        &self,
        a: &Object,
        b: &Object,
        stop: &HashSet<ObjRef>,
        memo: &mut HashSet<(ObjRef, ObjRef)>,
        cur: Option<ObjRef>,
        depth: usize,
    ) -> Result<Option<Diff>> {
        self.tick(depth)?;
        let leaf = |what: String| Ok(Some(Diff { path: String::new(), obj: cur, what }));
        match (a, b) {
            (Object::Reference(ra), Object::Reference(rb)) => {
                if ra == rb && stop.contains(ra) {
                    return Ok(None);
                }
                if !memo.insert((*ra, *rb)) {
                    return Ok(None);
                }
                let oa = self.resolve(*ra, self.old)?;
                let ob = self.resolve(*rb, self.new)?;
                if oa.is_null() && !ob.is_null() {
                    return Ok(Some(Diff {
                        path: String::new(),
                        obj: Some(*rb),
                        what: format!("{rb} did not exist before and is now a {}", ob.type_name()),
                    }));
                }
                self.diff(&oa, &ob, stop, memo, Some(*rb), depth + 1)
            }
            (Object::Reference(ra), _) => {
                let oa = self.resolve(*ra, self.old)?;
                self.diff(&oa, b, stop, memo, cur, depth + 1)
            }
            (_, Object::Reference(rb)) => {
                let ob = self.resolve(*rb, self.new)?;
                self.diff(a, &ob, stop, memo, Some(*rb), depth + 1)
            }
            (Object::Dict(da), Object::Dict(db)) => {
                Ok(self.diff_dicts(da, db, &[], stop, memo, cur, depth)?.into_iter().next().map(|(_, d)| d))
            }
            (Object::Stream(sa), Object::Stream(sb)) => {
                if let Some((_, d)) =
                    self.diff_dicts(&sa.dict, &sb.dict, &[b"Length"], stop, memo, cur, depth)?.into_iter().next()
                {
                    return Ok(Some(d));
                }
                let data = self.reader.data();
                let (ra, rb) = (sa.raw(data)?, sb.raw(data)?);
                if ra == rb {
                    return Ok(None);
                }
                let da = self.reader.stream_data(sa);
                let db = self.reader.stream_data(sb);
                match (da, db) {
                    (Ok(x), Ok(y)) if x == y => Ok(None),
                    _ => leaf("stream data differs".into()),
                }
            }
            (Object::Array(xa), Object::Array(xb)) => {
                if xa.len() != xb.len() {
                    return leaf(format!("array length {} -> {}", xa.len(), xb.len()));
                }
                for (i, (x, y)) in xa.iter().zip(xb).enumerate() {
                    if let Some(mut d) = self.diff(x, y, stop, memo, cur, depth + 1)? {
                        d.path = format!("[{i}]{}", d.path);
                        return Ok(Some(d));
                    }
                }
                Ok(None)
            }
            (Object::Integer(_) | Object::Real(_), Object::Integer(_) | Object::Real(_)) => {
                if a.as_f64() == b.as_f64() { Ok(None) } else { leaf(format!("{} -> {}", show(a), show(b))) }
            }
            (Object::String(x), Object::String(y)) => {
                if x.bytes == y.bytes {
                    Ok(None)
                } else {
                    leaf("string value changed".into())
                }
            }
            _ => {
                if a == b {
                    Ok(None)
                } else {
                    leaf(format!("{} -> {}", show(a), show(b)))
                }
            }
        }
    }

    /// All differing keys (first difference of each), skipping `exclude`.
    #[allow(clippy::too_many_arguments)]
    fn diff_dicts(
        &self,
        a: &Dict,
        b: &Dict,
        exclude: &[&[u8]],
        stop: &HashSet<ObjRef>,
        memo: &mut HashSet<(ObjRef, ObjRef)>,
        cur: Option<ObjRef>,
        depth: usize,
    ) -> Result<Vec<(Vec<u8>, Diff)>> {
        let mut keys: Vec<&[u8]> = a.keys().collect();
        for k in b.keys() {
            if !a.contains_key(k) {
                keys.push(k);
            }
        }
        let mut out = Vec::new();
        for k in keys {
            if exclude.contains(&k) {
                continue;
            }
            let (va, vb) = (a.get(k).unwrap_or(&Object::Null), b.get(k).unwrap_or(&Object::Null));
            let d = match (va.is_null(), vb.is_null()) {
                (true, true) => None,
                (true, false) => Some(Diff { path: String::new(), obj: cur, what: "entry added".into() }),
                (false, true) => Some(Diff { path: String::new(), obj: cur, what: "entry removed".into() }),
                (false, false) => self.diff(va, vb, stop, memo, cur, depth + 1)?,
            };
            if let Some(mut d) = d {
                d.path = format!("/{}{}", name_str(k), d.path);
                out.push((k.to_vec(), d));
            }
        }
        Ok(out)
    }

    /// References reachable from `root` in `rev` (not following `stop`).
    fn reach(&self, root: &Object, rev: usize, stop: &HashSet<ObjRef>, out: &mut HashSet<ObjRef>) -> Result<()> {
        let mut stack: Vec<(Object, usize)> = vec![(root.clone(), 0)];
        while let Some((o, depth)) = stack.pop() {
            self.tick(depth)?;
            match o {
                Object::Reference(r) => {
                    if stop.contains(&r) || !out.insert(r) {
                        continue;
                    }
                    let v = self.resolve(r, rev)?;
                    stack.push((v, depth + 1));
                }
                Object::Array(a) => stack.extend(a.into_iter().map(|x| (x, depth + 1))),
                Object::Dict(d) => {
                    stack.extend(d.iter().map(|(_, v)| (v.clone(), depth + 1)));
                }
                Object::Stream(s) => {
                    stack.extend(s.dict.iter().map(|(_, v)| (v.clone(), depth + 1)));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// New objects (not existing in the old revision) reachable from `root`
    /// in the new revision, without following old objects or `stop`.
    fn new_subtree(&self, root: &Object, stop: &HashSet<ObjRef>) -> Result<HashSet<ObjRef>> {
        let mut out = HashSet::new();
        let mut stack: Vec<(Object, usize)> = vec![(root.clone(), 0)];
        while let Some((o, depth)) = stack.pop() {
            self.tick(depth)?;
            match o {
                Object::Reference(r) => {
                    if stop.contains(&r) || self.exists(r, self.old) || !out.insert(r) {
                        continue;
                    }
                    stack.push((self.resolve(r, self.new)?, depth + 1));
                }
                Object::Array(a) => stack.extend(a.into_iter().map(|x| (x, depth + 1))),
                Object::Dict(d) => stack.extend(d.iter().map(|(_, v)| (v.clone(), depth + 1))),
                Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| (v.clone(), depth + 1))),
                _ => {}
            }
        }
        Ok(out)
    }

    fn is_font_or_xobject(&self, r: ObjRef, path: &str) -> bool {
        if path.contains("/Font/") || path.contains("/XObject/") {
            return true;
        }
        match self.resolve(r, self.new) {
            Ok(o) => o.as_dict().and_then(|d| d.get_name(b"Type")).is_some_and(|t| t == b"Font" || t == b"XObject"),
            Err(_) => false,
        }
    }

    // ------------------------------------------------------------------
    // comparison of two snapshots
    // ------------------------------------------------------------------

    fn compare(&self, o: &Snapshot, n: &Snapshot) -> Result<Changes> {
        // structural objects judged by their own rules
        let mut tree: HashSet<ObjRef> = HashSet::new();
        tree.extend(o.pages.iter().chain(&n.pages).chain(&o.nodes).chain(&n.nodes));
        tree.extend(o.root.iter().chain(&n.root));
        let mut annots_all: HashSet<ObjRef> = HashSet::new();
        for (entries, _) in o.annots.iter().chain(&n.annots) {
            annots_all.extend(entries.iter().filter_map(Object::as_reference));
        }
        let mut fields_all: HashSet<ObjRef> = HashSet::new();
        for s in [o, n] {
            fields_all.extend(s.fields.iter().map(|f| f.r));
            fields_all.extend(s.widget_owner.keys());
        }
        let mut claimed: HashSet<ObjRef> = tree.clone();
        claimed.extend(&annots_all);
        claimed.extend(&fields_all);
        claimed.extend(o.acroform_ref.iter().chain(&n.acroform_ref));
        let mut st = Step {
            o,
            n,
            ch: Vec::new(),
            explained: HashSet::new(),
            tree,
            claimed,
            fields_all,
            content_reach: HashSet::new(),
            defined: Vec::new(),
            added_annots: Vec::new(),
            old_annot_pos: HashMap::new(),
            new_sig_widgets: HashMap::new(),
        };
        self.step_xref(&mut st)?;
        self.step_page_tree(&mut st)?;
        self.step_pages(&mut st)?;
        self.step_fields(&mut st)?;
        self.step_new_annots(&mut st)?;
        self.step_old_annots(&mut st)?;
        self.compare_acroform(o, n, &st.claimed, &mut st.ch, &mut st.explained)?;
        self.step_catalog(&mut st)?;
        self.step_info(&mut st)?;
        self.step_fail_closed(&mut st)?;
        let mut ch = st.ch;
        // disallowed first (stable within each class)
        ch.sort_by_key(|c| c.1.is_allowed());
        Ok(ch)
    }

    /// Freed objects, generation changes, trailer /Encrypt.
    fn step_xref(&self, st: &mut Step) -> Result<()> {
        let Step { o, n, ch, defined, .. } = st;
        // --- xref-level: freed objects and generation changes ----------
        let rev = self.reader.revisions().get(self.new).ok_or_else(|| PdfError::Structure("revision index".into()))?;
        for (r, loc) in &rev.defined {
            let old_loc = self.reader.location_in_revision(r.num, self.old);
            let old_exists = match old_loc {
                Some((g, Location::InUse { .. })) => Some(g),
                Some((_, Location::Compressed { .. })) => Some(0),
                _ => None,
            };
            match loc {
                Location::Free { .. } => {
                    if let Some(g) = old_exists {
                        let old_ref = ObjRef::new(r.num, g);
                        if !self.resolve(old_ref, self.old)?.is_null() {
                            ch.push((
                                Some(old_ref),
                                ChangeKind::Disallowed(DisallowedChange::RedefinedObject {
                                    obj: old_ref,
                                    what: "freed".into(),
                                }),
                                format!("existing object {old_ref} was deleted (freed)"),
                            ));
                        }
                    }
                }
                _ => {
                    let r#gen = if matches!(loc, Location::Compressed { .. }) { 0 } else { r.r#gen };
                    if let Some(g) = old_exists
                        && g != r#gen
                    {
                        let old_ref = ObjRef::new(r.num, g);
                        ch.push((
                            Some(old_ref),
                            ChangeKind::Disallowed(DisallowedChange::RedefinedObject {
                                obj: old_ref,
                                what: "generation changed".into(),
                            }),
                            format!("object {old_ref} replaced by generation {gen}"),
                        ));
                    }
                    defined.push(ObjRef::new(r.num, r#gen));
                }
            }
        }
        if o.encrypt != n.encrypt {
            ch.push((
                None,
                ChangeKind::Disallowed(DisallowedChange::CatalogEntry { key: "trailer /Encrypt".into() }),
                "trailer /Encrypt changed".into(),
            ));
        }

        Ok(())
    }

    /// The page list and the page tree nodes.
    fn step_page_tree(&self, st: &mut Step) -> Result<()> {
        let Step { o, n, ch, explained, tree, .. } = st;
        // --- page tree and pages ----------------------------------------
        let old_pages: HashSet<ObjRef> = o.pages.iter().copied().collect();
        if o.pages != n.pages {
            let kept: Vec<ObjRef> = n.pages.iter().copied().filter(|p| old_pages.contains(p)).collect();
            if kept == o.pages {
                for (i, p) in n.pages.iter().enumerate() {
                    if !old_pages.contains(p) {
                        ch.push((
                            Some(*p),
                            ChangeKind::Disallowed(DisallowedChange::NewPage),
                            format!("page {} ({p}) added", i + 1),
                        ));
                        explained.insert(*p);
                    }
                }
            } else {
                ch.push((
                    None,
                    ChangeKind::Disallowed(DisallowedChange::PageTree),
                    "pages removed or reordered".into(),
                ));
            }
        }
        let old_nodes: HashSet<ObjRef> = o.nodes.iter().copied().collect();
        for &nd in &n.nodes {
            explained.insert(nd);
            if !old_nodes.contains(&nd) {
                if !ch.iter().any(|c| c.1 == ChangeKind::Disallowed(DisallowedChange::NewPage)) {
                    ch.push((
                        Some(nd),
                        ChangeKind::Disallowed(DisallowedChange::PageTree),
                        format!("new page tree node {nd}"),
                    ));
                }
                continue;
            }
            let a = self.resolve(nd, self.old)?;
            let b = self.resolve(nd, self.new)?;
            let (Some(a), Some(b)) = (a.as_dict(), b.as_dict()) else {
                continue;
            };
            let mut memo = HashSet::new();
            let mut excl: Vec<&[u8]> = vec![b"Parent"];
            if o.pages == n.pages {
                // /Kids and /Count only matter through the page list.
                let kids_a = self.get(a.get(b"Kids").unwrap_or(&Object::Null), self.old)?;
                let kids_b = self.get(b.get(b"Kids").unwrap_or(&Object::Null), self.new)?;
                if kids_a != kids_b {
                    ch.push((
                        Some(nd),
                        ChangeKind::Disallowed(DisallowedChange::PageTree),
                        format!("page tree node {nd}: /Kids changed"),
                    ));
                }
                excl.push(b"Kids");
            } else {
                excl.extend([&b"Kids"[..], b"Count"]);
            }
            for (k, d) in self.diff_dicts(a, b, &excl, tree, &mut memo, Some(nd), 0)? {
                ch.push((
                    d.obj,
                    ChangeKind::Disallowed(DisallowedChange::PageTree),
                    format!(
                        "page tree node {nd}: /{}{} ({}) (inherited by its pages)",
                        name_str(&k),
                        d.path.strip_prefix(&format!("/{}", name_str(&k))).unwrap_or(""),
                        d.what
                    ),
                ));
            }
            if a.get(b"Parent") != b.get(b"Parent") {
                ch.push((
                    Some(nd),
                    ChangeKind::Disallowed(DisallowedChange::PageTree),
                    format!("page tree node {nd}: /Parent changed"),
                ));
            }
        }

        Ok(())
    }

    /// Every page present in both revisions (content, resources, shadow reveals, /Annots).
    fn step_pages(&self, st: &mut Step) -> Result<()> {
        let Step { o, n, ch, explained, tree, claimed, content_reach, added_annots, old_annot_pos, .. } = st;
        // pages present in both revisions
        let new_pages: HashSet<ObjRef> = n.pages.iter().copied().collect();
        for (pi, (entries, _)) in o.annots.iter().enumerate() {
            for e in entries {
                if let Some(r) = e.as_reference() {
                    old_annot_pos.entry(r).or_insert(pi);
                }
            }
        }
        let old_index: HashMap<ObjRef, usize> = o.pages.iter().enumerate().map(|(i, p)| (*p, i)).collect();
        for (ni, &p) in n.pages.iter().enumerate() {
            let Some(&oi) = old_index.get(&p) else {
                // a new page: everything it reaches is part of it
                let mut r = HashSet::new();
                self.reach(&Object::Reference(p), self.new, tree, &mut r)?;
                content_reach.extend(&r);
                explained.extend(self.new_subtree(&Object::Reference(p), claimed)?);
                continue;
            };
            explained.insert(p);
            let a = self.resolve(p, self.old)?;
            let b = self.resolve(p, self.new)?;
            let (a, b) = match (a.as_dict(), b.as_dict()) {
                (Some(a), Some(b)) => (a.clone(), b.clone()),
                _ => {
                    ch.push((
                        Some(p),
                        ChangeKind::Disallowed(DisallowedChange::PageContent { page: ni }),
                        format!("page {} ({p}) is no longer a dictionary", ni + 1),
                    ));
                    continue;
                }
            };
            // reachability (shadow attacks)
            let mut ra = a.clone();
            let mut rb = b.clone();
            for k in [&b"Annots"[..], b"Parent"] {
                ra.remove(k);
                rb.remove(k);
            }
            let mut reach_old = HashSet::new();
            let mut reach_new = HashSet::new();
            self.reach(&Object::Dict(ra), self.old, tree, &mut reach_old)?;
            self.reach(&Object::Dict(rb), self.new, tree, &mut reach_new)?;
            let revealed: BTreeSet<ObjRef> = reach_new
                .iter()
                .copied()
                .filter(|r| !reach_old.contains(r) && self.exists(*r, self.old))
                .filter(|r| !self.resolve(*r, self.old).map(|x| x.is_null()).unwrap_or(true))
                .collect();
            for r in revealed {
                ch.push((
                    Some(r),
                    ChangeKind::Disallowed(DisallowedChange::HiddenObjectRevealed { obj: r }),
                    format!(
                        "page {}: object {r}, present but not used by this page before, is now part of its content (shadow attack)",
                        ni + 1
                    ),
                ));
            }
            content_reach.extend(&reach_new);
            let mut memo = HashSet::new();
            for (k, d) in self.diff_dicts(&a, &b, &[b"Annots", b"Parent"], tree, &mut memo, Some(p), 0)? {
                let kind = match d.obj {
                    Some(obj) if obj != p && self.is_font_or_xobject(obj, &d.path) => {
                        DisallowedChange::FontOrXObject { obj }
                    }
                    _ if k == b"Resources" => DisallowedChange::PageResources { page: ni },
                    _ => DisallowedChange::PageContent { page: ni },
                };
                ch.push((
                    d.obj,
                    ChangeKind::Disallowed(kind),
                    format!("page {} {} changed ({})", ni + 1, d.path, d.what),
                ));
            }
            if a.get(b"Parent") != b.get(b"Parent") {
                ch.push((
                    Some(p),
                    ChangeKind::Disallowed(DisallowedChange::PageTree),
                    format!("page {}: /Parent changed", ni + 1),
                ));
            }
            // /Annots
            let (old_entries, old_arr) = o.annots.get(oi).cloned().unwrap_or_default();
            let (new_entries, new_arr) = n.annots.get(ni).cloned().unwrap_or_default();
            if let Some(r) = new_arr
                && (Some(r) == old_arr || !self.exists(r, self.old))
            {
                explained.insert(r);
            }
            let mut remaining = new_entries.clone();
            for e in &old_entries {
                match remaining.iter().position(|x| x == e) {
                    Some(i) => {
                        remaining.remove(i);
                    }
                    None => ch.push((
                        e.as_reference(),
                        ChangeKind::Disallowed(DisallowedChange::Annotation { page: ni }),
                        format!("page {}: annotation {} removed", ni + 1, show(e)),
                    )),
                }
            }
            added_annots.extend(remaining.into_iter().map(|e| (ni, e)));
        }
        for &p in &o.pages {
            if !new_pages.contains(&p) {
                ch.push((Some(p), ChangeKind::Disallowed(DisallowedChange::PageTree), format!("page {p} removed")));
            }
        }

        Ok(())
    }

    /// Existing and new form fields.
    fn step_fields(&self, st: &mut Step) -> Result<()> {
        let Step { o, n, ch, explained, claimed, new_sig_widgets, .. } = st;
        let perm = self.permission;
        // --- form fields ---------------------------------------------------
        let mut old_signed_rects: Vec<(ObjRef, [f64; 4], String)> = Vec::new();
        for f in &o.fields {
            if o.is_signed_sig(f) {
                for &w in &f.widgets {
                    let d = self.resolve(w, self.old)?;
                    if let Some(d) = d.as_dict()
                        && let Some(r) = rect_of(d.get(b"Rect")).filter(|r| area(r) > 0.0)
                    {
                        let page = d.get_ref(b"P").or_else(|| page_of(o, w));
                        if let Some(pg) = page {
                            old_signed_rects.push((pg, r, f.name.clone()));
                        }
                    }
                }
            }
        }
        // existing fields (compare_field stops at every other claimed object)
        for of in &o.fields {
            explained.insert(of.r);
            let Some(nf) = n.field(of.r) else {
                ch.push((
                    Some(of.r),
                    ChangeKind::Disallowed(DisallowedChange::RedefinedObject {
                        obj: of.r,
                        what: "form field removed".into(),
                    }),
                    format!("form field '{}' removed from the form", of.name),
                ));
                continue;
            };
            self.compare_field(o, n, of, nf, claimed, ch, explained)?;
        }
        for nf in &n.fields {
            if o.field(nf.r).is_some() {
                continue;
            }
            explained.insert(nf.r);
            explained.extend(nf.widgets.iter().copied());
            if !nf.is_sig() {
                ch.push((
                    Some(nf.r),
                    ChangeKind::Disallowed(DisallowedChange::NewFormField { field: nf.name.clone() }),
                    format!("new non-signature form field '{}'", nf.name),
                ));
                continue;
            }
            let mut visible = false;
            let mut widget_rects = Vec::new();
            for &w in &nf.widgets {
                let d = self.resolve(w, self.new)?;
                if let Some(d) = d.as_dict()
                    && annot_visible(d)
                {
                    visible = true;
                    if let Some(r) = rect_of(d.get(b"Rect")) {
                        let page = d.get_ref(b"P").or_else(|| page_of(n, w));
                        widget_rects.push((page, r));
                    }
                }
                new_sig_widgets.insert(w, nf.name.clone());
            }
            let value = match nf.dict.get(b"V") {
                Some(v) if !v.is_null() => Some(v.clone()),
                _ => None,
            };
            let is_dts = match &value {
                Some(v) => self.get(v, self.new)?.as_dict().and_then(|d| d.get_name(b"Type")) == Some(b"DocTimeStamp"),
                None => false,
            };
            let kind = if perm == Permission::NoChanges && (visible || !is_dts) {
                ChangeKind::Disallowed(DisallowedChange::SignatureNotPermitted { name: nf.name.clone() })
            } else if perm.certified() && visible {
                ChangeKind::Disallowed(DisallowedChange::VisibleSignatureAfterCertification { field: nf.name.clone() })
            } else {
                ChangeKind::Allowed(AllowedChange::NewSignatureField { name: nf.name.clone() })
            };
            ch.push((
                Some(nf.r),
                kind,
                format!("new {} signature field '{}'", if visible { "visible" } else { "invisible" }, nf.name),
            ));
            for (page, r) in &widget_rects {
                for (pg, sr, sname) in &old_signed_rects {
                    if Some(*pg) == *page && overlaps(r, sr) {
                        let pi = n.pages.iter().position(|x| x == pg).unwrap_or(0);
                        // A new signature drawn over an earlier one is what Decree 30/2020/NĐ-CP
                        // prescribes for issuing (the seal over the leader's signature). The
                        // overlay is itself signed and verified, so it is allowed and reported;
                        // after certification, visible new signatures are refused above.
                        ch.push((
                            Some(nf.r),
                            ChangeKind::Allowed(AllowedChange::WidgetAppearance { field: nf.name.clone() }),
                            format!(
                                "widget of new signature field '{}' overlaps the signed field '{sname}' on page {} (a signature over a signature, as in the issuing step)",
                                nf.name,
                                pi + 1
                            ),
                        ));
                    }
                }
            }
            if let Some(v) = &value {
                self.check_new_sig_value(nf, v, is_dts, claimed, ch, explained)?;
            }
            let mut stop = claimed.clone();
            stop.remove(&nf.r);
            for w in &nf.widgets {
                stop.remove(w);
            }
            explained.extend(self.new_subtree(&Object::Reference(nf.r), &stop)?);
        }

        Ok(())
    }

    /// Annotations added to pages.
    fn step_new_annots(&self, st: &mut Step) -> Result<()> {
        let Step { o, n, ch, explained, claimed, added_annots, old_annot_pos, new_sig_widgets, .. } = st;
        let perm = self.permission;
        // --- new annotations -------------------------------------------------
        for (pi, e) in added_annots.iter() {
            let pi = *pi;
            let r = e.as_reference();
            if let Some(r) = r {
                if let Some(name) = new_sig_widgets.get(&r) {
                    ch.push((
                        Some(r),
                        ChangeKind::Allowed(AllowedChange::PageAnnotsGrownByWidgets { page: pi }),
                        format!("page {}: widget of new signature field '{name}' added", pi + 1),
                    ));
                    continue;
                }
                if let Some(&fi) = n.widget_owner.get(&r) {
                    let fname = n.fields.get(fi).map(|f| f.name.clone()).unwrap_or_default();
                    if old_annot_pos.contains_key(&r) {
                        // moved between pages
                        ch.push((
                            Some(r),
                            ChangeKind::Disallowed(DisallowedChange::Annotation { page: pi }),
                            format!("page {}: widget of field '{fname}' moved here", pi + 1),
                        ));
                    } else if o.field(n.fields.get(fi).map(|f| f.r).unwrap_or(r)).is_some() {
                        ch.push((
                            Some(r),
                            ChangeKind::Disallowed(DisallowedChange::Annotation { page: pi }),
                            format!("page {}: new widget for existing field '{fname}'", pi + 1),
                        ));
                    }
                    // widgets of new non-signature fields: reported as NewFormField
                    continue;
                }
            }
            let d = self.get(e, self.new)?.as_dict().cloned().unwrap_or_default();
            let subtype = d.get_name(b"Subtype").map(name_str).unwrap_or_else(|| "?".into());
            let visible = annot_visible(&d);
            let has_ap = d.contains_key(b"AP");
            if subtype == "Widget" {
                let kind = if visible {
                    DisallowedChange::OverlappingWidget { page: pi }
                } else {
                    DisallowedChange::Annotation { page: pi }
                };
                ch.push((
                    r,
                    ChangeKind::Disallowed(kind),
                    format!(
                        "page {}: {} widget annotation that belongs to no form field added",
                        pi + 1,
                        if visible { "visible" } else { "invisible" }
                    ),
                ));
                continue;
            }
            let detail = format!(
                "page {}: new /{subtype} annotation{}",
                pi + 1,
                if visible && has_ap { " with a visible appearance stream drawn over the page" } else { "" }
            );
            if perm == Permission::Annotate {
                ch.push((r, ChangeKind::Allowed(AllowedChange::Annotation { page: pi }), detail));
                if let Some(r) = r {
                    explained.insert(r);
                    let mut stop = claimed.clone();
                    stop.remove(&r);
                    explained.extend(self.new_subtree(&Object::Reference(r), &stop)?);
                }
            } else {
                let why = if visible && has_ap {
                    " (Evil Annotation: annotations are not permitted by this signature)"
                } else {
                    " (annotations are not permitted by this signature)"
                };
                ch.push((
                    r,
                    ChangeKind::Disallowed(DisallowedChange::Annotation { page: pi }),
                    format!("{detail}{why}"),
                ));
            }
        }

        Ok(())
    }

    /// Existing annotations that are not widgets.
    fn step_old_annots(&self, st: &mut Step) -> Result<()> {
        let Step { ch, explained, claimed, fields_all, old_annot_pos, .. } = st;
        let perm = self.permission;
        // --- existing non-widget annotations ------------------------------
        let mut old_annots: Vec<(ObjRef, usize)> = old_annot_pos.iter().map(|(r, p)| (*r, *p)).collect();
        old_annots.sort();
        for (a, pi) in old_annots {
            if fields_all.contains(&a) {
                continue; // widgets: judged with their field
            }
            explained.insert(a);
            let oa = self.resolve(a, self.old)?;
            let na = self.resolve(a, self.new)?;
            let mut stop = claimed.clone();
            stop.remove(&a);
            let mut memo = HashSet::new();
            let Some(d) = self.diff(&oa, &na, &stop, &mut memo, Some(a), 0)? else {
                continue;
            };
            let detail = format!("page {}: annotation {a} {} changed ({})", pi + 1, d.path, d.what);
            if perm == Permission::Annotate {
                ch.push((Some(a), ChangeKind::Allowed(AllowedChange::Annotation { page: pi }), detail));
                explained.extend(self.new_subtree(&na, &stop)?);
            } else {
                let unhidden = match (oa.as_dict(), na.as_dict()) {
                    (Some(x), Some(y)) => {
                        x.get_int(b"F").unwrap_or(0) & HIDING_FLAGS != 0
                            && y.get_int(b"F").unwrap_or(0) & HIDING_FLAGS == 0
                    }
                    _ => false,
                };
                let kind = if unhidden {
                    DisallowedChange::HiddenObjectRevealed { obj: a }
                } else {
                    DisallowedChange::Annotation { page: pi }
                };
                ch.push((Some(a), ChangeKind::Disallowed(kind), detail));
            }
        }

        Ok(())
    }

    /// Catalog entries.
    fn step_catalog(&self, st: &mut Step) -> Result<()> {
        let Step { o, n, ch, explained, claimed, content_reach, .. } = st;
        // --- catalog -------------------------------------------------------------
        if let Some(r) = n.root {
            explained.insert(r);
        }
        let mut keys: Vec<Vec<u8>> = o.catalog.keys().map(<[u8]>::to_vec).collect();
        for k in n.catalog.keys() {
            if !o.catalog.contains_key(k) {
                keys.push(k.to_vec());
            }
        }
        for k in keys {
            let va = o.catalog.get(&k).cloned().unwrap_or(Object::Null);
            let vb = n.catalog.get(&k).cloned().unwrap_or(Object::Null);
            match &k[..] {
                b"AcroForm" => {}
                b"Pages" => {
                    if va != vb {
                        ch.push((
                            None,
                            ChangeKind::Disallowed(DisallowedChange::CatalogEntry { key: "/Pages".into() }),
                            "catalog /Pages replaced by another page tree".into(),
                        ));
                    }
                }
                b"DSS" => self.compare_dss(&va, &vb, claimed, ch, explained)?,
                b"Metadata" => self.compare_metadata(&va, &vb, claimed, content_reach, ch, explained)?,
                _ => {
                    let mut memo = HashSet::new();
                    let d = match (va.is_null(), vb.is_null()) {
                        (true, true) => None,
                        (true, false) => Some("entry added".to_string()),
                        (false, true) => Some("entry removed".to_string()),
                        _ => self
                            .diff(&va, &vb, claimed, &mut memo, n.root, 0)?
                            .map(|d| format!("{} {}", d.path, d.what)),
                    };
                    let Some(what) = d else { continue };
                    let key = format!("/{}", name_str(&k));
                    if matches!(&k[..], b"Extensions" | b"MarkInfo" | b"Version") {
                        ch.push((
                            None,
                            ChangeKind::Allowed(AllowedChange::CatalogHousekeeping { key: key.clone() }),
                            format!("catalog {key} changed"),
                        ));
                        explained.extend(self.new_subtree(&vb, claimed)?);
                        if let Some(r) = vb.as_reference()
                            && va.as_reference() == Some(r)
                        {
                            explained.insert(r);
                        }
                        continue;
                    }
                    let hint = match &k[..] {
                        b"OCProperties" => " (optional content visibility: can reveal hidden content)",
                        b"OpenAction" | b"AA" => " (actions run when the document is opened)",
                        b"Names" => " (JavaScript / embedded files / named destinations)",
                        b"Perms" => " (signature permissions)",
                        _ => "",
                    };
                    ch.push((
                        None,
                        ChangeKind::Disallowed(DisallowedChange::CatalogEntry { key: key.clone() }),
                        format!("catalog {key} changed: {what}{hint}"),
                    ));
                }
            }
        }

        Ok(())
    }

    /// The trailer /Info dictionary.
    fn step_info(&self, st: &mut Step) -> Result<()> {
        let Step { o, n, ch, explained, claimed, content_reach, defined, .. } = st;
        // --- /Info -----------------------------------------------------------------
        if let Some(r) = n.info {
            let redefined = defined.contains(&r);
            if redefined && (Some(r) == o.info || !self.exists(r, self.old)) {
                let obj = self.resolve(r, self.new)?;
                if matches!(obj, Object::Dict(_)) && !claimed.contains(&r) && !content_reach.contains(&r) {
                    ch.push((
                        Some(r),
                        ChangeKind::Allowed(AllowedChange::InfoDict),
                        "document information dictionary updated".into(),
                    ));
                    explained.insert(r);
                    explained.extend(self.new_subtree(&obj, claimed)?);
                }
            }
        }

        Ok(())
    }

    /// Every (re)defined object must be explained.
    fn step_fail_closed(&self, st: &mut Step) -> Result<()> {
        let Step { n, ch, explained, defined, .. } = st;
        // --- fail closed: every (re)defined object must be explained --------
        let reported: HashSet<ObjRef> = ch.iter().filter_map(|c| c.0).collect();
        let mut orphans = 0usize;
        let mut identical = 0usize;
        let mut streams = 0usize;
        let mut global: Option<HashSet<ObjRef>> = None;
        for r in defined.iter().copied() {
            if explained.contains(&r) || reported.contains(&r) {
                continue;
            }
            let nobj = self.resolve(r, self.new)?;
            let existed = self.exists(r, self.old);
            let typ = nobj.as_dict().and_then(|d| d.get_name(b"Type")).map(<[u8]>::to_vec);
            if matches!(nobj, Object::Stream(_)) && matches!(typ.as_deref(), Some(b"XRef") | Some(b"ObjStm")) {
                if existed {
                    ch.push((
                        Some(r),
                        ChangeKind::Disallowed(DisallowedChange::RedefinedObject {
                            obj: r,
                            what: "existing object overwritten by an xref/object stream".into(),
                        }),
                        format!("existing object {r} overwritten by an xref or object stream"),
                    ));
                } else {
                    streams += 1;
                }
                continue;
            }
            if !existed {
                if global.is_none() {
                    let mut g = HashSet::new();
                    let mut t = Dict::new();
                    if let Some(x) = n.root {
                        t.insert("Root", Object::Reference(x));
                    }
                    if let Some(x) = n.info {
                        t.insert("Info", Object::Reference(x));
                    }
                    if let Some(x) = &n.encrypt {
                        t.insert("Encrypt", x.clone());
                    }
                    self.reach(&Object::Dict(t), self.new, &HashSet::new(), &mut g)?;
                    global = Some(g);
                }
                if global.as_ref().is_some_and(|g| g.contains(&r)) {
                    ch.push((
                        Some(r),
                        ChangeKind::Disallowed(DisallowedChange::UnknownObjectChange { obj: r }),
                        format!("new object {r} is used by the document but is not part of any permitted change"),
                    ));
                } else {
                    orphans += 1;
                }
                continue;
            }
            let oobj = self.resolve(r, self.old)?;
            if same_object(self.reader.data(), &oobj, &nobj) {
                identical += 1;
                continue;
            }
            ch.push((
                Some(r),
                ChangeKind::Disallowed(DisallowedChange::UnknownObjectChange { obj: r }),
                format!("existing object {r} ({}) was redefined", describe(&nobj)),
            ));
        }
        if orphans + identical + streams > 0 {
            ch.push((
                None,
                ChangeKind::Allowed(AllowedChange::XrefOnly),
                format!(
                    "{streams} xref/object stream(s), {orphans} unreferenced new object(s), {identical} identical rewrite(s)"
                ),
            ));
        }
        // disallowed first (stable within each class)
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn compare_field(
        &self,
        o: &Snapshot,
        n: &Snapshot,
        of: &FieldNode,
        nf: &FieldNode,
        claimed: &HashSet<ObjRef>,
        ch: &mut Changes,
        explained: &mut HashSet<ObjRef>,
    ) -> Result<()> {
        let perm = self.permission;
        let old_signed = o.is_signed_sig(of);
        let new_signed = n.is_signed_sig(nf);
        let mut stop = claimed.clone();
        stop.remove(&of.r);
        // Which keys may change, and what changing the value means.
        let (allowed, value_change): (&[&[u8]], bool) = if of.is_sig() {
            if old_signed {
                (&[], false)
            } else if new_signed {
                (&[b"V", b"AP", b"AS", b"F"], true)
            } else {
                (&[], false)
            }
        } else if perm.allows_form_fill() {
            (&[b"V", b"AP", b"AS", b"DA", b"Q", b"Ff", b"F"], true)
        } else {
            (&[], false)
        };
        if old_signed && of.dict.get(b"V") != nf.dict.get(b"V") {
            // Identity matters for a signature value (its /Contents
            // position defines the ByteRange gap): no re-pointing, even
            // to an identical copy.
            ch.push((
                Some(of.r),
                ChangeKind::Disallowed(DisallowedChange::RedefinedObject {
                    obj: of.r,
                    what: format!("signed signature field '{}' re-pointed", of.name),
                }),
                format!("signed signature field '{}': /V now points to another signature dictionary", of.name),
            ));
        }
        let mut memo = HashSet::new();
        let mut diffs = self.diff_dicts(&of.dict, &nf.dict, &[], &stop, &mut memo, Some(of.r), 0)?;
        if !diffs.is_empty() {
            // the field's /Kids must stay exactly the same list
            if let Some(i) = diffs.iter().position(|(k, _)| k == b"Kids") {
                let (_, d) = diffs.remove(i);
                ch.push((
                    Some(of.r),
                    ChangeKind::Disallowed(DisallowedChange::RedefinedObject {
                        obj: of.r,
                        what: "field /Kids changed".into(),
                    }),
                    format!("form field '{}': /Kids changed ({})", of.name, d.what),
                ));
            }
        }
        for (k, d) in diffs {
            let kstr = name_str(&k);
            if !allowed.contains(&&k[..]) {
                let (kind, what) = if old_signed {
                    (
                        DisallowedChange::RedefinedObject {
                            obj: d.obj.unwrap_or(of.r),
                            what: format!("signed signature field '{}' changed", of.name),
                        },
                        format!("signed signature field '{}' changed: {} {}", of.name, d.path, d.what),
                    )
                } else if value_change || !of.is_sig() {
                    if !perm.allows_form_fill() && matches!(&k[..], b"V" | b"AP" | b"AS") {
                        (
                            DisallowedChange::FormFillNotPermitted { field: of.name.clone() },
                            format!("form field '{}' {} changed under DocMDP P=1", of.name, d.path),
                        )
                    } else {
                        (
                            DisallowedChange::RedefinedObject {
                                obj: of.r,
                                what: format!("form field /{kstr} changed"),
                            },
                            format!("form field '{}': {} changed ({})", of.name, d.path, d.what),
                        )
                    }
                } else {
                    (
                        DisallowedChange::RedefinedObject { obj: of.r, what: format!("form field /{kstr} changed") },
                        format!("form field '{}': {} changed ({})", of.name, d.path, d.what),
                    )
                };
                ch.push((Some(of.r), ChangeKind::Disallowed(kind), what));
                continue;
            }
            match &k[..] {
                b"V" if of.is_sig() => {
                    if perm == Permission::NoChanges {
                        let is_dts = self
                            .get(nf.dict.get(b"V").unwrap_or(&Object::Null), self.new)?
                            .as_dict()
                            .and_then(|x| x.get_name(b"Type"))
                            == Some(b"DocTimeStamp");
                        let visible = self.field_visible(nf)?;
                        if visible || !is_dts {
                            ch.push((
                                Some(of.r),
                                ChangeKind::Disallowed(DisallowedChange::SignatureNotPermitted {
                                    name: of.name.clone(),
                                }),
                                format!("signature field '{}' signed under DocMDP P=1", of.name),
                            ));
                            continue;
                        }
                    }
                    let v = nf.dict.get(b"V").cloned().unwrap_or(Object::Null);
                    let is_dts =
                        self.get(&v, self.new)?.as_dict().and_then(|x| x.get_name(b"Type")) == Some(b"DocTimeStamp");
                    self.check_new_sig_value(nf, &v, is_dts, claimed, ch, explained)?;
                }
                b"V" => {
                    ch.push((
                        Some(of.r),
                        ChangeKind::Allowed(AllowedChange::FormFieldValue { field: of.name.clone() }),
                        format!("form field '{}' value changed", of.name),
                    ));
                    explained.extend(self.new_subtree(nf.dict.get(b"V").unwrap_or(&Object::Null), &stop)?);
                }
                b"AP" => self.check_ap(of, &of.dict, &nf.dict, of.r, &stop, ch, explained)?,
                b"F" => self.check_flags(of, &of.dict, &nf.dict, of.r, ch),
                _ => ch.push((
                    Some(of.r),
                    ChangeKind::Allowed(AllowedChange::FormFieldValue { field: of.name.clone() }),
                    format!("form field '{}': {} changed", of.name, d.path),
                )),
            }
        }
        // separate widget annotations of this field
        let widget_allowed: &[&[u8]] = if value_change { &[b"AP", b"AS", b"F"] } else { &[] };
        for &w in &of.widgets {
            if w == of.r {
                continue;
            }
            explained.insert(w);
            let a = self.resolve(w, self.old)?;
            let b = self.resolve(w, self.new)?;
            let (Some(a), Some(b)) = (a.as_dict(), b.as_dict()) else {
                ch.push((
                    Some(w),
                    ChangeKind::Disallowed(DisallowedChange::RedefinedObject {
                        obj: w,
                        what: "widget is no longer a dictionary".into(),
                    }),
                    format!("widget {w} of field '{}' is no longer a dictionary", of.name),
                ));
                continue;
            };
            let mut wstop = claimed.clone();
            wstop.remove(&w);
            let mut memo = HashSet::new();
            for (k, d) in self.diff_dicts(a, b, &[], &wstop, &mut memo, Some(w), 0)? {
                if !widget_allowed.contains(&&k[..]) {
                    ch.push((
                        Some(w),
                        ChangeKind::Disallowed(DisallowedChange::RedefinedObject {
                            obj: w,
                            what: format!("widget /{} changed", name_str(&k)),
                        }),
                        format!("widget {w} of field '{}': {} changed ({})", of.name, d.path, d.what),
                    ));
                    continue;
                }
                match &k[..] {
                    b"AP" => self.check_ap(of, a, b, w, &wstop, ch, explained)?,
                    b"F" => self.check_flags(of, a, b, w, ch),
                    _ => ch.push((
                        Some(w),
                        ChangeKind::Allowed(AllowedChange::WidgetAppearance { field: of.name.clone() }),
                        format!("widget {w} of field '{}': {} changed", of.name, d.path),
                    )),
                }
            }
        }
        Ok(())
    }

    fn field_visible(&self, f: &FieldNode) -> Result<bool> {
        for &w in &f.widgets {
            if let Some(d) = self.resolve(w, self.new)?.as_dict()
                && annot_visible(d)
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// A signature value newly set: must be a new indirect dictionary.
    fn check_new_sig_value(
        &self,
        f: &FieldNode,
        v: &Object,
        is_dts: bool,
        claimed: &HashSet<ObjRef>,
        ch: &mut Changes,
        explained: &mut HashSet<ObjRef>,
    ) -> Result<()> {
        let Some(r) = v.as_reference() else {
            ch.push((
                Some(f.r),
                ChangeKind::Disallowed(DisallowedChange::RedefinedObject {
                    obj: f.r,
                    what: "signature value is not an indirect dictionary".into(),
                }),
                format!("signature field '{}': /V is not an indirect reference", f.name),
            ));
            return Ok(());
        };
        if self.exists(r, self.old) {
            ch.push((
                Some(r),
                ChangeKind::Disallowed(DisallowedChange::RedefinedObject {
                    obj: r,
                    what: "signature value reuses an existing object".into(),
                }),
                format!("signature field '{}': /V points to existing object {r}", f.name),
            ));
            return Ok(());
        }
        let (kind, what) = if is_dts {
            (AllowedChange::DocTimestamp, "document timestamp")
        } else {
            (AllowedChange::SignatureValue { name: f.name.clone() }, "signature")
        };
        ch.push((Some(r), ChangeKind::Allowed(kind), format!("{what} added in field '{}'", f.name)));
        explained.insert(r);
        explained.extend(self.new_subtree(v, claimed)?);
        Ok(())
    }

    /// An allowed /AP change: new objects are explained; objects that
    /// existed before but were not part of the old appearance are
    /// revealed hidden content.
    #[allow(clippy::too_many_arguments)]
    fn check_ap(
        &self,
        f: &FieldNode,
        a: &Dict,
        b: &Dict,
        owner: ObjRef,
        stop: &HashSet<ObjRef>,
        ch: &mut Changes,
        explained: &mut HashSet<ObjRef>,
    ) -> Result<()> {
        let ap_new = b.get(b"AP").cloned().unwrap_or(Object::Null);
        let ap_old = a.get(b"AP").cloned().unwrap_or(Object::Null);
        let mut reach_old = HashSet::new();
        let mut reach_new = HashSet::new();
        self.reach(&ap_old, self.old, stop, &mut reach_old)?;
        self.reach(&ap_new, self.new, stop, &mut reach_new)?;
        let mut revealed: Vec<ObjRef> =
            reach_new.iter().copied().filter(|r| !reach_old.contains(r) && self.exists(*r, self.old)).collect();
        revealed.sort();
        if let Some(r) = ap_new.as_reference()
            && Some(r) == ap_old.as_reference()
        {
            explained.insert(r); // the indirect /AP dict itself, rewritten
        }
        if !self.permission.allows_form_fill() {
            ch.push((
                Some(owner),
                ChangeKind::Disallowed(DisallowedChange::FormFillNotPermitted { field: f.name.clone() }),
                format!("appearance of field '{}' changed under DocMDP P=1", f.name),
            ));
            return Ok(());
        }
        for r in &revealed {
            ch.push((
                Some(*r),
                ChangeKind::Disallowed(DisallowedChange::HiddenObjectRevealed { obj: *r }),
                format!(
                    "appearance of field '{}' now uses object {r} that existed before (appearance streams must be new objects)",
                    f.name
                ),
            ));
        }
        ch.push((
            Some(owner),
            ChangeKind::Allowed(AllowedChange::WidgetAppearance { field: f.name.clone() }),
            format!("appearance of field '{}' updated", f.name),
        ));
        explained.extend(self.new_subtree(&ap_new, stop)?);
        Ok(())
    }

    fn check_flags(&self, f: &FieldNode, a: &Dict, b: &Dict, owner: ObjRef, ch: &mut Changes) {
        let fa = a.get_int(b"F").unwrap_or(0);
        let fb = b.get_int(b"F").unwrap_or(0);
        if fa & HIDING_FLAGS != fb & HIDING_FLAGS {
            let kind = if fb & HIDING_FLAGS == 0 {
                DisallowedChange::HiddenObjectRevealed { obj: owner }
            } else {
                DisallowedChange::RedefinedObject { obj: owner, what: "annotation hidden".into() }
            };
            ch.push((
                Some(owner),
                ChangeKind::Disallowed(kind),
                format!("field '{}': annotation flags /F {fa} -> {fb} change its visibility", f.name),
            ));
        } else {
            ch.push((
                Some(owner),
                ChangeKind::Allowed(AllowedChange::FormFieldValue { field: f.name.clone() }),
                format!("field '{}': annotation flags /F {fa} -> {fb}", f.name),
            ));
        }
    }

    fn compare_acroform(
        &self,
        o: &Snapshot,
        n: &Snapshot,
        claimed: &HashSet<ObjRef>,
        ch: &mut Changes,
        explained: &mut HashSet<ObjRef>,
    ) -> Result<()> {
        let perm = self.permission;
        if let Some(r) = n.acroform_ref
            && (Some(r) == o.acroform_ref || !self.exists(r, self.old))
        {
            explained.insert(r);
        }
        if let Some(r) = n.fields_array_ref
            && (Some(r) == o.fields_array_ref || !self.exists(r, self.old))
        {
            explained.insert(r);
        }
        let (a, b) = (&o.acroform, &n.acroform);
        let mut memo = HashSet::new();
        for (k, d) in self.diff_dicts(a, b, &[], claimed, &mut memo, n.acroform_ref, 0)? {
            let key = format!("AcroForm /{}", name_str(&k));
            match &k[..] {
                b"Fields" => {
                    let old_f = self
                        .get(a.get(b"Fields").unwrap_or(&Object::Null), self.old)?
                        .as_array()
                        .map(<[Object]>::to_vec)
                        .unwrap_or_default();
                    let new_f = self
                        .get(b.get(b"Fields").unwrap_or(&Object::Null), self.new)?
                        .as_array()
                        .map(<[Object]>::to_vec)
                        .unwrap_or_default();
                    let mut rest = new_f.clone();
                    let mut ok = true;
                    for e in &old_f {
                        match rest.iter().position(|x| x == e) {
                            Some(i) => {
                                rest.remove(i);
                            }
                            None => ok = false,
                        }
                    }
                    if ok {
                        ch.push((
                            n.acroform_ref,
                            ChangeKind::Allowed(AllowedChange::AcroFormFields),
                            format!("AcroForm /Fields grown by {} field(s)", rest.len()),
                        ));
                    } else {
                        ch.push((
                            n.acroform_ref,
                            ChangeKind::Disallowed(DisallowedChange::CatalogEntry { key }),
                            "AcroForm /Fields: existing fields removed or replaced".into(),
                        ));
                    }
                }
                b"SigFlags" => ch.push((
                    n.acroform_ref,
                    ChangeKind::Allowed(AllowedChange::AcroFormFields),
                    format!("AcroForm /SigFlags changed ({})", d.what),
                )),
                b"DR" | b"DA" | b"Q" | b"NeedAppearances" if perm.allows_form_fill() => {
                    ch.push((
                        n.acroform_ref,
                        ChangeKind::Allowed(AllowedChange::AcroFormFields),
                        format!("{key} changed"),
                    ));
                    let mut stop = claimed.clone();
                    stop.extend(n.acroform_ref);
                    explained.extend(self.new_subtree(b.get(&k).unwrap_or(&Object::Null), &stop)?);
                }
                _ => ch.push((
                    n.acroform_ref,
                    ChangeKind::Disallowed(DisallowedChange::CatalogEntry { key: key.clone() }),
                    format!("{key} changed: {} {}", d.path, d.what),
                )),
            }
        }
        Ok(())
    }

    fn compare_dss(
        &self,
        va: &Object,
        vb: &Object,
        claimed: &HashSet<ObjRef>,
        ch: &mut Changes,
        explained: &mut HashSet<ObjRef>,
    ) -> Result<()> {
        let mut memo = HashSet::new();
        if self.diff(va, vb, claimed, &mut memo, None, 0)?.is_none() {
            // unchanged content; a rewritten-but-identical DSS object is fine
            if let Some(r) = vb.as_reference() {
                explained.insert(r);
            }
            return Ok(());
        }
        let mut problems = Vec::new();
        let dss = self.get(vb, self.new)?;
        match dss.as_dict() {
            None => problems.push("not a dictionary".to_string()),
            Some(d) => {
                for (k, v) in d.iter() {
                    match k {
                        b"Type" => {}
                        b"Certs" | b"CRLs" | b"OCSPs" => {
                            if let Err(e) = self.check_stream_array(v) {
                                problems.push(format!("/{}: {e}", name_str(k)));
                            }
                        }
                        b"VRI" => match self.get(v, self.new)?.as_dict() {
                            None => problems.push("/VRI is not a dictionary".into()),
                            Some(vri) => {
                                for (vk, vv) in vri.iter().take(100_000) {
                                    match self.get(vv, self.new)?.as_dict() {
                                        None => problems.push(format!("/VRI /{} is not a dictionary", name_str(vk))),
                                        Some(e) => {
                                            for (ek, ev) in e.iter() {
                                                match ek {
                                                    b"Cert" | b"CRL" | b"OCSP" => {
                                                        if let Err(x) = self.check_stream_array(ev) {
                                                            problems.push(format!("/VRI /{}: {x}", name_str(ek)));
                                                        }
                                                    }
                                                    b"Type" | b"TU" | b"TS" => {}
                                                    _ => problems
                                                        .push(format!("unexpected /VRI entry /{}", name_str(ek))),
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        },
                        _ => problems.push(format!("unexpected entry /{}", name_str(k))),
                    }
                }
            }
        }
        if !problems.is_empty() {
            ch.push((
                vb.as_reference(),
                ChangeKind::Disallowed(DisallowedChange::MalformedDss),
                format!("catalog /DSS is not a document security store: {}", problems.join("; ")),
            ));
            return Ok(());
        }
        let mut old_reach = HashSet::new();
        self.reach(va, self.old, claimed, &mut old_reach)?;
        let mut new_reach = HashSet::new();
        self.reach(vb, self.new, claimed, &mut new_reach)?;
        for r in new_reach {
            if old_reach.contains(&r) || !self.exists(r, self.old) {
                explained.insert(r);
            }
        }
        ch.push((
            vb.as_reference(),
            ChangeKind::Allowed(AllowedChange::Dss),
            "document security store (/DSS) added or updated".into(),
        ));
        Ok(())
    }

    fn check_stream_array(&self, v: &Object) -> std::result::Result<(), String> {
        let arr = self.get(v, self.new).map_err(|e| e.to_string())?;
        let arr = arr.as_array().ok_or("not an array")?;
        for e in arr {
            let r = e.as_reference().ok_or("entry is not an indirect reference")?;
            match self.resolve(r, self.new) {
                Ok(Object::Stream(_)) => {}
                Ok(o) => return Err(format!("{r} is a {}, not a stream", o.type_name())),
                Err(e) => return Err(e.to_string()),
            }
        }
        Ok(())
    }

    fn compare_metadata(
        &self,
        va: &Object,
        vb: &Object,
        claimed: &HashSet<ObjRef>,
        content_reach: &HashSet<ObjRef>,
        ch: &mut Changes,
        explained: &mut HashSet<ObjRef>,
    ) -> Result<()> {
        let mut memo = HashSet::new();
        if self.diff(va, vb, claimed, &mut memo, None, 0)?.is_none() {
            return Ok(());
        }
        let ok_ref = match vb.as_reference() {
            Some(r) => {
                (va.as_reference() == Some(r) || !self.exists(r, self.old))
                    && !claimed.contains(&r)
                    && !content_reach.contains(&r)
                    && match self.resolve(r, self.new)? {
                        Object::Stream(s) => {
                            s.dict.get_name(b"Type") == Some(b"Metadata") || s.dict.get_name(b"Subtype") == Some(b"XML")
                        }
                        _ => false,
                    }
            }
            None => vb.is_null(),
        };
        if ok_ref {
            if let Some(r) = vb.as_reference() {
                explained.insert(r);
            }
            ch.push((vb.as_reference(), ChangeKind::Allowed(AllowedChange::Metadata), "XMP metadata updated".into()));
        } else {
            ch.push((
                vb.as_reference(),
                ChangeKind::Disallowed(DisallowedChange::CatalogEntry { key: "/Metadata".into() }),
                "catalog /Metadata changed to something that is not a new or updated XMP metadata stream".into(),
            ));
        }
        Ok(())
    }
}

/// Page (in snapshot `s`) whose /Annots lists `w`.
fn page_of(s: &Snapshot, w: ObjRef) -> Option<ObjRef> {
    s.annots
        .iter()
        .position(|(e, _)| e.iter().any(|x| x.as_reference() == Some(w)))
        .and_then(|i| s.pages.get(i).copied())
}

/// Same direct content (references compared as references, streams by
/// their raw bytes).
fn same_object(data: &[u8], a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::Stream(x), Object::Stream(y)) => {
            let mut dx = x.dict.clone();
            let mut dy = y.dict.clone();
            dx.remove(b"Length");
            dy.remove(b"Length");
            dx == dy && matches!((x.raw(data), y.raw(data)), (Ok(p), Ok(q)) if p == q)
        }
        _ => a == b,
    }
}

fn describe(o: &Object) -> String {
    match o.as_dict() {
        Some(d) => match (d.get_name(b"Type"), d.get_name(b"Subtype")) {
            (Some(t), Some(s)) => format!("/{} /{}", name_str(t), name_str(s)),
            (Some(t), None) => format!("/{}", name_str(t)),
            (None, Some(s)) => format!("/{}", name_str(s)),
            _ => o.type_name().to_string(),
        },
        None => o.type_name().to_string(),
    }
}

fn show(o: &Object) -> String {
    match o {
        Object::Dict(_) | Object::Stream(_) | Object::Array(_) => o.type_name().to_string(),
        _ => {
            let b = o.to_bytes();

            String::from_utf8_lossy(&b[..b.len().min(60)]).into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rects() {
        let r = rect_of(Some(&Object::Array(vec![
            Object::Integer(10),
            Object::Integer(20),
            Object::Integer(0),
            Object::Real(5.0),
        ])))
        .unwrap();
        assert_eq!(r, [0.0, 5.0, 10.0, 20.0]);
        assert!(overlaps(&r, &[9.0, 19.0, 30.0, 30.0]));
        assert!(!overlaps(&r, &[10.0, 0.0, 30.0, 30.0]));
        assert!(rect_of(Some(&Object::Array(vec![Object::Integer(1)]))).is_none());
    }
}
