//! Rule 3: every page present in both revisions, by resolved content (everything its
//! /Contents and /Resources reach, fonts, XObjects...). Any change is refused, except
//! in keys ISO 32000 does not define for a page (private keys no viewer reads). An
//! existing object the page did not use before and uses now is reported as a shadow
//! attack. Lists the annotations added to and removed from each page for rules 6–7.

use super::page_tree::PAGE_KEYS;
use super::{Rule, Step, private_change};
use crate::pdf::analysis::diff::compare::{Pair, Stop};
use crate::pdf::analysis::diff::finding::{ChangeClass, Finding, FindingCode};
use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::object::{Dict, ObjRef, Object};

pub struct PageContentRule;

impl Rule for PageContentRule {
    fn name(&self) -> &'static str {
        "page_content"
    }

    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()> {
        let (o, n) = (st.o, st.n);
        let old_index: std::collections::HashMap<ObjRef, usize> =
            o.pages.iter().enumerate().map(|(i, p)| (*p, i)).collect();
        for (ni, &p) in n.pages.iter().enumerate() {
            let Some(&oi) = old_index.get(&p) else {
                // A new page (refused by rule 2): what it brings is part of it.
                st.explained.insert(p);
                let v = cx.new_obj(p)?;
                st.explained.extend(cx.new_subtree(&v, &cx.claimed)?);
                continue;
            };
            st.explained.insert(p);
            let (a, b) = (cx.old_obj(p)?, cx.new_obj(p)?);
            let (Some(a), Some(b)) = (a.as_dict(), b.as_dict()) else {
                st.push(
                    Finding::forbidden(FindingCode::PageContentChanged)
                        .page(ni)
                        .object(Some(p))
                        .detail("no longer a dictionary"),
                );
                continue;
            };
            let mut content_changed = false;
            for (k, d) in cx.compare_dicts(a, b, &[b"Annots", b"Parent"], Stop::Tree, Some(p))? {
                if !PAGE_KEYS.contains(&&k[..]) && private_change(cx, &d, Some(p)) {
                    st.push(
                        Finding::new(FindingCode::PrivateKeyChanged, ChangeClass::Housekeeping)
                            .page(ni)
                            .object(Some(p))
                            .detail(format!("page {d}")),
                    );
                    let v = b.get(&k).cloned().unwrap_or(Object::Null);
                    st.explained.extend(cx.new_subtree(&v, &cx.claimed)?);
                    continue;
                }
                content_changed = true;
                let code = match d.obj {
                    Some(obj) if obj != p && is_font_or_xobject(cx, obj, &d.path)? => FindingCode::FontOrXObjectChanged,
                    _ if k == b"Resources" => FindingCode::PageResourcesChanged,
                    _ => FindingCode::PageContentChanged,
                };
                st.push(Finding::forbidden(code).page(ni).object(d.obj).detail(d.to_string()));
            }
            if content_changed {
                reveals(cx, st, ni, a, b)?;
            }
            if a.get(b"Parent") != b.get(b"Parent") {
                st.push(Finding::forbidden(FindingCode::PageTreeChanged).page(ni).object(Some(p)).detail("/Parent"));
            }
            // /Annots: kept entries, removed ones, added ones.
            let (old_entries, old_arr) = o.annots.get(oi).cloned().unwrap_or_default();
            let (new_entries, new_arr) = n.annots.get(ni).cloned().unwrap_or_default();
            if let Some(r) = new_arr
                && (Some(r) == old_arr || !cx.existed(r))
            {
                st.explained.insert(r);
            }
            let mut remaining = new_entries;
            for e in &old_entries {
                match remaining.iter().position(|x| x == e) {
                    Some(i) => {
                        remaining.remove(i);
                    }
                    None => {
                        st.push(Finding::forbidden(FindingCode::AnnotationRemoved).page(ni).object(e.as_reference()))
                    }
                }
            }
            st.added_annots.extend(remaining.into_iter().map(|e| (ni, e)));
        }
        Ok(())
    }
}

/// Shadow attacks: objects that existed (not null) before, that the page did not reach
/// then and reaches now.
fn reveals(cx: &Pair, st: &mut Step, page: usize, a: &Dict, b: &Dict) -> Result<()> {
    let strip = |d: &Dict| {
        let mut d = d.clone();
        d.remove(b"Annots");
        d.remove(b"Parent");
        Object::Dict(d)
    };
    let reach_old = cx.reach(&strip(a), cx.old, &cx.tree)?;
    let reach_new = cx.reach(&strip(b), cx.new, &cx.tree)?;
    let mut revealed: Vec<ObjRef> = Vec::new();
    for &r in reach_new.difference(&reach_old) {
        if cx.existed(r) && !cx.old_obj(r)?.is_null() {
            revealed.push(r);
        }
    }
    revealed.sort();
    for r in revealed {
        st.push(
            Finding::forbidden(FindingCode::HiddenContentRevealed)
                .page(page)
                .object(Some(r))
                .detail(format!("{r} existed, unused by this page, and is now part of it")),
        );
    }
    Ok(())
}

fn is_font_or_xobject(cx: &Pair, r: ObjRef, path: &str) -> Result<bool> {
    if path.contains("/Font/") || path.contains("/XObject/") {
        return Ok(true);
    }
    Ok(cx.new_obj(r)?.as_dict().and_then(|d| d.get_name(b"Type")).is_some_and(|t| t == b"Font" || t == b"XObject"))
}
