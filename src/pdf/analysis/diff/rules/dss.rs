//! Rule 10: the document security store (ETSI EN 319 142-1 §5.4). It may be added or
//! updated at any time (long-term validation material, even under DocMDP P=1), in any of
//! the shapes real signers write (direct or indirect arrays, /VRI entries with or without
//! /Type, /TU, /TS). It may not be removed. New objects it reaches are explained, and so
//! are objects it reached before; nothing else it points to is.

use super::{Rule, Step};
use crate::pdf::analysis::diff::compare::{Pair, Stop};
use crate::pdf::analysis::diff::finding::{ChangeClass, Finding, FindingCode};
use crate::pdf::syntax::error::Result;
use std::collections::HashSet;

use crate::pdf::analysis::diff::objects::Holder;
use crate::pdf::syntax::object::{ObjRef, Object};

pub struct DssRule;

/// An object of the signed revision's DSS rewritten in place must be used by the DSS
/// only: anything else using it (a stream's indirect /Length, a page) would change too.
fn dss_only(cx: &Pair, r: ObjRef, old_reach: &HashSet<ObjRef>, root: Option<ObjRef>) -> Result<bool> {
    let usages = cx.objs.usages(cx.old)?;
    Ok(usages.holders(r).iter().all(|h| match h {
        Holder::Object(o, k) => old_reach.contains(o) || (Some(*o) == root && k.as_slice() == b"DSS"),
        Holder::Trailer(_) => false,
    }))
}

impl Rule for DssRule {
    fn name(&self) -> &'static str {
        "dss"
    }

    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()> {
        let (o, n) = (st.o, st.n);
        let va = o.catalog.get(b"DSS").cloned().unwrap_or(Object::Null);
        let vb = n.catalog.get(b"DSS").cloned().unwrap_or(Object::Null);
        match (va.is_null(), vb.is_null()) {
            (true, true) => return Ok(()),
            (false, true) => {
                st.push(Finding::forbidden(FindingCode::CatalogEntryChanged).detail("/DSS: removed"));
                return Ok(());
            }
            _ => {}
        }
        // Always explain what the (possibly restructured) DSS reaches that is new or was
        // part of the DSS before: writers move its arrays between direct and indirect
        // objects, and append to existing arrays and /VRI dictionaries in place.
        let old_reach = cx.reach(&va, cx.old, &cx.claimed)?;
        let new_reach = cx.reach(&vb, cx.new, &cx.claimed)?;
        for r in new_reach {
            let kept = old_reach.contains(&r) && (!cx.rewritten(r) || dss_only(cx, r, &old_reach, o.root)?);
            if !cx.existed(r) || kept {
                st.explained.insert(r);
            }
        }
        if cx.compare(&va, &vb, Stop::Claimed, n.root)?.is_none() {
            return Ok(());
        }
        if cx.objs.get(&vb, cx.new)?.as_dict().is_none() {
            st.push(
                Finding::forbidden(FindingCode::MalformedStructure)
                    .object(vb.as_reference())
                    .detail("/DSS is not a dictionary"),
            );
            return Ok(());
        }
        st.push(Finding::new(FindingCode::DssUpdated, ChangeClass::Ltv).object(vb.as_reference()));
        Ok(())
    }
}
