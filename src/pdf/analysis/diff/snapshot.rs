//! One revision's document structure as a viewer walks it: catalog, trailer, the page
//! list and page tree, each page's annotations, and the form field tree with its widgets.
//! Built once per revision and shared by the comparisons before and after it.

use std::collections::{HashMap, HashSet};

use super::objects::Objects;
use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::object::{Dict, ObjRef, Object};
use crate::pdf::syntax::text::decode_text_string;

/// Maximum depth of the page tree and of the form field tree.
const MAX_TREE_DEPTH: usize = 64;

/// A form field node (a node with /T, or a top-level entry of /Fields).
#[derive(Debug, Clone)]
pub struct FieldNode {
    /// Fully qualified name.
    pub name: String,
    pub r: ObjRef,
    pub dict: Dict,
    /// The field object is a stream (its data is compared too).
    pub is_stream: bool,
    /// Field type, inherited.
    pub ft: Option<Vec<u8>>,
    /// Its widget annotations: kids without /T, and the field itself when merged with
    /// its widget.
    pub widgets: Vec<ObjRef>,
}

impl FieldNode {
    pub fn is_sig(&self) -> bool {
        self.ft.as_deref() == Some(b"Sig")
    }

    /// A signature field with a value.
    pub fn is_signed(&self) -> bool {
        self.is_sig() && self.dict.get(b"V").is_some_and(|v| !v.is_null())
    }
}

/// One revision, as a viewer walks it.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub rev: usize,
    pub trailer: Dict,
    pub root: Option<ObjRef>,
    pub catalog: Dict,
    pub info: Option<ObjRef>,
    pub encrypt: Option<Object>,
    pub pages: Vec<ObjRef>,
    pub nodes: Vec<ObjRef>,
    /// Per page (same order as `pages`): /Annots entries and the array's own reference.
    pub annots: Vec<(Vec<Object>, Option<ObjRef>)>,
    /// Annotation -> index of the first page listing it.
    pub annot_page: HashMap<ObjRef, usize>,
    pub fields: Vec<FieldNode>,
    pub field_index: HashMap<ObjRef, usize>,
    /// Widget -> index into `fields`.
    pub widget_owner: HashMap<ObjRef, usize>,
    pub acroform_ref: Option<ObjRef>,
    pub acroform: Dict,
    pub fields_array_ref: Option<ObjRef>,
}

impl Snapshot {
    pub fn field(&self, r: ObjRef) -> Option<&FieldNode> {
        self.field_index.get(&r).and_then(|&i| self.fields.get(i))
    }

    /// Index of the page whose /Annots lists `annot`.
    pub fn page_of(&self, annot: ObjRef) -> Option<usize> {
        self.annot_page.get(&annot).copied()
    }

    /// Build the snapshot of revision `rev`. Fails when the catalog or the page tree
    /// cannot be read.
    pub fn build(objs: &Objects, rev: usize) -> Result<Snapshot> {
        let trailer = objs.trailer(rev);
        let root = trailer.get_ref(b"Root");
        let mut s = Snapshot {
            rev,
            root,
            info: trailer.get_ref(b"Info"),
            encrypt: trailer.get(b"Encrypt").cloned(),
            trailer,
            ..Default::default()
        };
        let root =
            root.ok_or_else(|| PdfError::Structure(format!("revision {rev}: trailer has no /Root reference")))?;
        s.catalog = match &*objs.resolve(root, rev)? {
            Object::Dict(d) => d.clone(),
            o => return Err(PdfError::Structure(format!("revision {rev}: catalog {root} is a {}", o.type_name()))),
        };
        walk_pages(objs, &mut s)?;
        for i in 0..s.pages.len() {
            let p = s.pages[i];
            let d = objs.resolve(p, rev)?.as_dict().cloned().unwrap_or_default();
            let (arr_ref, entries) = match d.get(b"Annots") {
                Some(Object::Reference(r)) => (Some(*r), objs.resolve(*r, rev)?.as_array().map(<[Object]>::to_vec)),
                Some(o) => (None, o.as_array().map(<[Object]>::to_vec)),
                None => (None, None),
            };
            let entries = entries.unwrap_or_default();
            for e in &entries {
                if let Some(r) = e.as_reference() {
                    s.annot_page.entry(r).or_insert(i);
                }
            }
            s.annots.push((entries, arr_ref));
        }
        let af_obj = s.catalog.get(b"AcroForm").cloned();
        s.acroform_ref = af_obj.as_ref().and_then(Object::as_reference);
        if let Some(af) = objs.dict(af_obj.as_ref(), rev)? {
            s.acroform = af;
        }
        let fields_obj = s.acroform.get(b"Fields").cloned();
        s.fields_array_ref = fields_obj.as_ref().and_then(Object::as_reference);
        let fields = match &fields_obj {
            Some(o) => objs.get(o, rev)?.as_array().map(<[Object]>::to_vec),
            None => None,
        };
        walk_fields(objs, &mut s, fields.unwrap_or_default())?;
        Ok(s)
    }
}

fn walk_pages(objs: &Objects, s: &mut Snapshot) -> Result<()> {
    let rev = s.rev;
    let top = match s.catalog.get(b"Pages") {
        Some(Object::Reference(r)) => *r,
        _ => return Err(PdfError::Structure(format!("revision {rev}: catalog /Pages is not a reference"))),
    };
    let mut visited = HashSet::new();
    let mut stack = vec![(top, 0usize)];
    while let Some((r, depth)) = stack.pop() {
        objs.tick()?;
        if depth > MAX_TREE_DEPTH {
            return Err(PdfError::Limit { what: "page tree too deep", offset: 0 });
        }
        if !visited.insert(r) {
            return Err(PdfError::Structure(format!("revision {rev}: page tree visits {r} twice (loop)")));
        }
        let node = objs.resolve(r, rev)?;
        let Some(d) = node.as_dict() else {
            return Err(PdfError::Structure(format!("revision {rev}: page tree node {r} is not a dictionary")));
        };
        let is_pages = match d.get_name(b"Type") {
            Some(b"Pages") => true,
            Some(b"Page") => false,
            _ => d.contains_key(b"Kids"),
        };
        if !is_pages {
            s.pages.push(r);
            continue;
        }
        s.nodes.push(r);
        let kids = objs.get(d.get(b"Kids").unwrap_or(&Object::Null), rev)?;
        for kid in kids.as_array().unwrap_or(&[]).iter().rev() {
            match kid.as_reference() {
                Some(k) => stack.push((k, depth + 1)),
                None => {
                    return Err(PdfError::Structure(format!("revision {rev}: page tree node {r} has a direct kid")));
                }
            }
        }
    }
    Ok(())
}

/// (node, parent field index, inherited /FT, depth, top level)
type FieldWalkNode = (Object, Option<usize>, Option<Vec<u8>>, usize, bool);

fn walk_fields(objs: &Objects, s: &mut Snapshot, top: Vec<Object>) -> Result<()> {
    let rev = s.rev;
    let mut stack: Vec<FieldWalkNode> = top.into_iter().rev().map(|o| (o, None, None, 0, true)).collect();
    let mut visited = HashSet::new();
    while let Some((node, parent, inh_ft, depth, is_top)) = stack.pop() {
        objs.tick()?;
        if depth > MAX_TREE_DEPTH {
            return Err(PdfError::Limit { what: "form field tree too deep", offset: 0 });
        }
        let Some(r) = node.as_reference() else {
            continue; // direct field dictionaries: compared through /Fields
        };
        if !visited.insert(r) {
            continue;
        }
        let obj = objs.resolve(r, rev)?;
        let Some(d) = obj.as_dict().cloned() else { continue };
        let is_stream = matches!(&*obj, Object::Stream(_));
        let ft = match d.get(b"FT") {
            Some(o) => objs.get(o, rev)?.as_name().map(<[u8]>::to_vec),
            None => None,
        }
        .or(inh_ft);
        let idx = if d.contains_key(b"T") || is_top {
            let partial = match d.get(b"T") {
                Some(o) => objs.get(o, rev)?.as_str_bytes().map(decode_text_string),
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
                is_stream,
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
            if let Some(pi) = parent {
                if let Some(f) = s.fields.get_mut(pi) {
                    f.widgets.push(r);
                }
                s.widget_owner.insert(r, pi);
            }
            None
        };
        if let Some(k) = d.get(b"Kids")
            && let Some(kids) = objs.get(k, rev)?.as_array()
        {
            for kid in kids.iter().rev() {
                stack.push((kid.clone(), idx.or(parent), ft.clone(), depth + 1, false));
            }
        }
    }
    Ok(())
}
