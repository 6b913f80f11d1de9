//! The rules of the revision analysis, one per file, and the policy that runs them.
//!
//! Each rule looks at one part of the document, compares it between two consecutive
//! revisions, reports [`Finding`]s, and marks the objects of the new revision it
//! accounts for as *explained*. The last rule fails closed: every object the new
//! revision defines must have been explained, or be harmless (an identical rewrite, an
//! unreferenced new object, an xref or object stream).
//!
//! [`POLICY`] lists the rules in the order they run, and why:
//!
//! | # | rule | compares | must run after |
//! |---|---|---|---|
//! | 1 | [`xref::XrefRule`] | xref entries: objects (re)defined, freed, renumbered | — (it lists what the others must explain) |
//! | 2 | [`page_tree::PageTreeRule`] | the page list and page tree nodes | 1 |
//! | 3 | [`page_content::PageContentRule`] | each page's content, resources and /Annots | 1 (it lists added and removed annotations for 5–6) |
//! | 4 | [`form_fields::FormFieldRule`] | existing form fields and their widgets (FieldMDP-aware) | 1 |
//! | 5 | [`new_fields::NewFieldRule`] | new form fields (only signature fields; the Sneaky Signature and adoption checks) | 3 |
//! | 6 | [`new_annotations::NewAnnotationRule`] | annotations added to pages | 3, 5 (widgets of new signature fields) |
//! | 7 | [`annotations::AnnotationRule`] | existing annotations that are not widgets | 3 |
//! | 8 | [`acroform::AcroFormRule`] | the AcroForm dictionary | — |
//! | 9 | [`catalog::CatalogRule`] | catalog entries other than /AcroForm, /DSS, /Metadata | — |
//! | 10 | [`dss::DssRule`] | the document security store | — |
//! | 11 | [`metadata::MetadataRule`] | the XMP metadata stream | — |
//! | 12 | [`trailer::TrailerRule`] | trailer /Info, /Encrypt and private keys | — |
//! | 13 | [`unexplained::UnexplainedRule`] | every object defined and not explained (fail closed) | all |
//!
//! Pages and content: rules 2–3. Annotations and forms: 4–8. Catalog, DSS and metadata:
//! 9–12.

pub mod acroform;
pub mod annotations;
pub mod catalog;
pub mod dss;
pub mod form_fields;
pub mod metadata;
pub mod new_annotations;
pub mod new_fields;
pub mod page_content;
pub mod page_tree;
pub mod trailer;
pub mod unexplained;
pub mod xref;

use std::collections::{HashMap, HashSet};

use super::compare::Pair;
use super::finding::Finding;
use super::objects::Objects;
use super::snapshot::Snapshot;
use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::object::{Dict, ObjRef, Object};

/// One rule of the policy.
pub trait Rule: Sync {
    /// A short stable name (for documentation and debugging).
    fn name(&self) -> &'static str;
    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()>;
}

/// The rules, in the order they run (see the module documentation for why).
pub const POLICY: &[&dyn Rule] = &[
    &xref::XrefRule,
    &page_tree::PageTreeRule,
    &page_content::PageContentRule,
    &form_fields::FormFieldRule,
    &new_fields::NewFieldRule,
    &new_annotations::NewAnnotationRule,
    &annotations::AnnotationRule,
    &acroform::AcroFormRule,
    &catalog::CatalogRule,
    &dss::DssRule,
    &metadata::MetadataRule,
    &trailer::TrailerRule,
    &unexplained::UnexplainedRule,
];

/// What the rules share while comparing two revisions.
pub struct Step<'s> {
    pub o: &'s Snapshot,
    pub n: &'s Snapshot,
    pub findings: Vec<Finding>,
    /// Objects of the new revision accounted for by some rule.
    pub explained: HashSet<ObjRef>,
    /// Objects (re)defined in use by the new revision (set by rule 1).
    pub defined: Vec<ObjRef>,
    /// (page index, /Annots entry) added to pages present in both revisions (rule 3).
    pub added_annots: Vec<(usize, Object)>,
    /// Widgets of new signature fields -> field name (rule 5).
    pub new_sig_widgets: HashMap<ObjRef, String>,
}

impl<'s> Step<'s> {
    pub fn new(o: &'s Snapshot, n: &'s Snapshot) -> Self {
        Step {
            o,
            n,
            findings: Vec::new(),
            explained: HashSet::new(),
            defined: Vec::new(),
            added_annots: Vec::new(),
            new_sig_widgets: HashMap::new(),
        }
    }

    pub fn push(&mut self, f: Finding) {
        self.findings.push(f);
    }
}

/// Run the policy on two revisions.
pub fn run(cx: &Pair, o: &Snapshot, n: &Snapshot) -> Result<Vec<Finding>> {
    let mut st = Step::new(o, n);
    for rule in POLICY {
        rule.apply(cx, &mut st)?;
    }
    Ok(st.findings)
}

/// The stop set of everything judged by its own rule: page tree, annotations, fields,
/// widgets and the AcroForm, in both revisions. Streams are never in it: an object a
/// page draws is always compared as content.
pub fn claimed(objs: &Objects, o: &Snapshot, n: &Snapshot) -> Result<(HashSet<ObjRef>, HashSet<ObjRef>)> {
    let mut tree: HashSet<ObjRef> = HashSet::new();
    tree.extend(o.pages.iter().chain(&n.pages).chain(&o.nodes).chain(&n.nodes));
    tree.extend(o.root.iter().chain(&n.root));
    let mut claimed = tree.clone();
    for s in [o, n] {
        for (entries, _) in &s.annots {
            claimed.extend(entries.iter().filter_map(Object::as_reference));
        }
        claimed.extend(s.fields.iter().map(|f| f.r));
        claimed.extend(s.widget_owner.keys());
        claimed.extend(s.acroform_ref);
    }
    let mut streams = Vec::new();
    for &r in &claimed {
        if !tree.contains(&r)
            && (matches!(&*objs.resolve(r, o.rev)?, Object::Stream(_))
                || matches!(&*objs.resolve(r, n.rev)?, Object::Stream(_)))
        {
            streams.push(r);
        }
    }
    for r in streams {
        claimed.remove(&r);
    }
    Ok((tree, claimed))
}

/// A difference in a key no viewer reads is private data only when it is made in the
/// container itself or in new objects: a difference inside an existing object rewritten
/// in place is a side effect of rewriting an object used elsewhere (pyHanko's "not all
/// paths" case), and is refused.
pub fn private_change(cx: &Pair, d: &super::compare::Diff, container: Option<ObjRef>) -> bool {
    d.obj.is_none_or(|r| Some(r) == container || !cx.existed(r))
}

/// `claimed` without some objects (a rule following the objects it judges itself).
pub fn except(stop: &HashSet<ObjRef>, own: &[ObjRef]) -> HashSet<ObjRef> {
    let mut s = stop.clone();
    for r in own {
        s.remove(r);
    }
    s
}

// ----------------------------------------------------------------------
// visibility (ISO 32000-1 §12.5.3, and what viewers do)
// ----------------------------------------------------------------------

/// Annotation flags (Table 165).
const HIDDEN: i64 = 2;
const PRINT: i64 = 4;
const NO_VIEW: i64 = 32;
const TOGGLE_NO_VIEW: i64 = 256;
/// Flags whose change changes whether an annotation is shown or printed.
pub const VISIBILITY_FLAGS: i64 = 1 | HIDDEN | PRINT | NO_VIEW | TOGGLE_NO_VIEW;

/// /F as viewers read it: an integer (indirect allowed), anything else 0.
pub fn flags(objs: &Objects, rev: usize, d: &Dict) -> Result<i64> {
    Ok(match d.get(b"F") {
        Some(o) => objs.get(o, rev)?.as_int().unwrap_or(0),
        None => 0,
    })
}

/// /Rect as the most permissive viewer reads it (MuPDF: the first four entries, each
/// resolved, anything not a number as 0), normalised.
pub fn rect(objs: &Objects, rev: usize, d: &Dict) -> Result<Option<[f64; 4]>> {
    let Some(o) = d.get(b"Rect") else { return Ok(None) };
    let arr = objs.get(o, rev)?;
    let Some(a) = arr.as_array() else { return Ok(None) };
    let mut v = [0.0f64; 4];
    for (i, slot) in v.iter_mut().enumerate() {
        if let Some(x) = a.get(i) {
            *slot = objs.get(x, rev)?.as_f64().filter(|f| f.is_finite()).unwrap_or(0.0);
        }
    }
    Ok(Some([v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])]))
}

pub fn area(r: &[f64; 4]) -> f64 {
    (r[2] - r[0]) * (r[3] - r[1])
}

pub fn overlaps(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Whether a standard annotation (a widget, a FreeText...) can be seen on screen or on
/// paper. Hidden hides it everywhere; NoView hides it on screen unless ToggleNoView
/// shows it on hover, and Print still prints it; Invisible (bit 1) concerns only
/// annotations without a handler, never widgets. A rectangle without area shows nothing.
pub fn visible(objs: &Objects, rev: usize, d: &Dict) -> Result<bool> {
    let f = flags(objs, rev, d)?;
    if f & HIDDEN != 0 || (f & NO_VIEW != 0 && f & (TOGGLE_NO_VIEW | PRINT) == 0) {
        return Ok(false);
    }
    Ok(rect(objs, rev, d)?.is_some_and(|r| area(&r) > 0.0))
}

/// Whether a field shows anywhere: any of its widgets visible.
pub fn field_visible(objs: &Objects, rev: usize, widgets: &[ObjRef]) -> Result<bool> {
    for &w in widgets {
        if let Some(d) = objs.resolve(w, rev)?.as_dict()
            && visible(objs, rev, d)?
        {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rects_overlap() {
        assert!(overlaps(&[0.0, 5.0, 10.0, 20.0], &[9.0, 19.0, 30.0, 30.0]));
        assert!(!overlaps(&[0.0, 5.0, 10.0, 20.0], &[10.0, 0.0, 30.0, 30.0]));
        assert_eq!(area(&[0.0, 0.0, 2.0, 3.0]), 6.0);
    }

    #[test]
    fn the_policy_ends_failing_closed() {
        assert_eq!(POLICY.first().map(|r| r.name()), Some("xref"));
        assert_eq!(POLICY.last().map(|r| r.name()), Some("unexplained"));
        assert_eq!(POLICY.len(), 13);
    }
}
