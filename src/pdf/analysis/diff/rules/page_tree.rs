//! Rule 2: the page list and the page tree nodes. Pages may not be added, removed or
//! reordered; a node may change only in keys ISO 32000 does not define (a producer's
//! private key such as iText's /ITXT, which no viewer reads).

use std::collections::HashSet;

use super::{Rule, Step, private_change};
use crate::pdf::analysis::diff::compare::{Pair, Stop};
use crate::pdf::analysis::diff::finding::{ChangeClass, Finding, FindingCode};
use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::object::{ObjRef, Object};

/// Keys of a page object (ISO 32000-2 Table 31).
pub const PAGE_KEYS: &[&[u8]] = &[
    b"Type",
    b"Parent",
    b"LastModified",
    b"Resources",
    b"MediaBox",
    b"CropBox",
    b"BleedBox",
    b"TrimBox",
    b"ArtBox",
    b"BoxColorInfo",
    b"Contents",
    b"Rotate",
    b"Group",
    b"Thumb",
    b"B",
    b"Dur",
    b"Trans",
    b"Annots",
    b"AA",
    b"Metadata",
    b"PieceInfo",
    b"StructParents",
    b"ID",
    b"PZ",
    b"SeparationInfo",
    b"Tabs",
    b"TemplateInstantiated",
    b"PresSteps",
    b"UserUnit",
    b"VP",
    b"AF",
    b"OutputIntents",
    b"DPart",
];

/// Keys a page tree node may carry: its own (Table 30) and, conservatively, every page
/// key (some are inherited).
pub fn is_standard_node_key(k: &[u8]) -> bool {
    matches!(k, b"Kids" | b"Count") || PAGE_KEYS.contains(&k)
}

pub struct PageTreeRule;

impl Rule for PageTreeRule {
    fn name(&self) -> &'static str {
        "page_tree"
    }

    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()> {
        let (o, n) = (st.o, st.n);
        let old_pages: HashSet<ObjRef> = o.pages.iter().copied().collect();
        let new_pages: HashSet<ObjRef> = n.pages.iter().copied().collect();
        let mut added = false;
        if o.pages != n.pages {
            let kept: Vec<ObjRef> = n.pages.iter().copied().filter(|p| old_pages.contains(p)).collect();
            if kept == o.pages {
                for (i, p) in n.pages.iter().enumerate().filter(|(_, p)| !old_pages.contains(p)) {
                    added = true;
                    st.push(Finding::forbidden(FindingCode::PageAdded).page(i).object(Some(*p)));
                }
            } else {
                let removed = o.pages.iter().filter(|p| !new_pages.contains(p)).count();
                st.push(
                    Finding::forbidden(FindingCode::PageTreeChanged)
                        .detail(format!("{removed} page(s) removed, or pages reordered")),
                );
            }
        }
        let old_nodes: HashSet<ObjRef> = o.nodes.iter().copied().collect();
        for &nd in &n.nodes {
            st.explained.insert(nd);
            if !old_nodes.contains(&nd) {
                if !added {
                    st.push(Finding::forbidden(FindingCode::PageTreeChanged).object(Some(nd)).detail("new node"));
                }
                continue;
            }
            let (a, b) = (cx.old_obj(nd)?, cx.new_obj(nd)?);
            let (Some(a), Some(b)) = (a.as_dict(), b.as_dict()) else {
                st.push(Finding::forbidden(FindingCode::PageTreeChanged).object(Some(nd)).detail("not a dictionary"));
                continue;
            };
            let mut exclude: Vec<&[u8]> = vec![b"Parent", b"Kids"];
            if o.pages == n.pages {
                // /Kids and /Count only matter through the page list, which is the same.
                let kids_a = cx.objs.get(a.get(b"Kids").unwrap_or(&Object::Null), cx.old)?;
                let kids_b = cx.objs.get(b.get(b"Kids").unwrap_or(&Object::Null), cx.new)?;
                if kids_a != kids_b {
                    st.push(Finding::forbidden(FindingCode::PageTreeChanged).object(Some(nd)).detail("/Kids"));
                }
            } else {
                exclude.push(b"Count");
            }
            for (k, d) in cx.compare_dicts(a, b, &exclude, Stop::Tree, Some(nd))? {
                if is_standard_node_key(&k) || !private_change(cx, &d, Some(nd)) {
                    st.push(
                        Finding::forbidden(FindingCode::PageTreeChanged)
                            .object(d.obj.or(Some(nd)))
                            .detail(format!("node {nd} {d} (inherited by its pages)")),
                    );
                } else {
                    st.push(
                        Finding::new(FindingCode::PrivateKeyChanged, ChangeClass::Housekeeping)
                            .object(Some(nd))
                            .detail(format!("page tree node {d}")),
                    );
                    let v = b.get(&k).cloned().unwrap_or(Object::Null);
                    st.explained.extend(cx.new_subtree(&v, &cx.claimed)?);
                }
            }
            if a.get(b"Parent") != b.get(b"Parent") {
                st.push(Finding::forbidden(FindingCode::PageTreeChanged).object(Some(nd)).detail("/Parent"));
            }
        }
        Ok(())
    }
}
