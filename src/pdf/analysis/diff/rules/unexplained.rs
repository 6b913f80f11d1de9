//! Rule 13, last: fail closed. Every object the new revision defines must have been
//! explained by a rule, or be harmless: a new xref or object stream, a new object nothing
//! refers to, or an existing object rewritten identically. Anything else is refused.

use std::collections::HashSet;

use super::{Rule, Step};
use crate::pdf::analysis::diff::compare::{Pair, name_str};
use crate::pdf::analysis::diff::finding::{ChangeClass, Finding, FindingCode};
use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::object::{ObjRef, Object};

pub struct UnexplainedRule;

impl Rule for UnexplainedRule {
    fn name(&self) -> &'static str {
        "unexplained"
    }

    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()> {
        let refused: HashSet<ObjRef> =
            st.findings.iter().filter(|f| f.class == ChangeClass::Forbidden).filter_map(|f| f.object).collect();
        let (mut orphans, mut identical, mut streams) = (0usize, 0usize, 0usize);
        let defined = std::mem::take(&mut st.defined);
        for &r in &defined {
            if st.explained.contains(&r) || refused.contains(&r) {
                continue;
            }
            let nobj = cx.new_obj(r)?;
            let existed = cx.existed(r);
            let typ = nobj.as_dict().and_then(|d| d.get_name(b"Type")).map(<[u8]>::to_vec);
            if matches!(&*nobj, Object::Stream(_)) && matches!(typ.as_deref(), Some(b"XRef" | b"ObjStm")) {
                if existed {
                    st.push(Finding::forbidden(FindingCode::ObjectStreamOverwrite).object(Some(r)));
                } else {
                    streams += 1;
                }
                continue;
            }
            if !existed {
                if cx.objs.usages(cx.new)?.reachable.contains(&r) {
                    st.push(
                        Finding::forbidden(FindingCode::UnexplainedChange)
                            .object(Some(r))
                            .detail(format!("new {} {r} is used by the document", describe(&nobj))),
                    );
                } else {
                    orphans += 1;
                }
                continue;
            }
            if same_object(cx, &*cx.old_obj(r)?, &nobj) {
                identical += 1;
                continue;
            }
            st.push(
                Finding::forbidden(FindingCode::UnexplainedChange)
                    .object(Some(r))
                    .detail(format!("existing {} {r} rewritten", describe(&nobj))),
            );
        }
        st.defined = defined;
        if orphans + identical + streams > 0 {
            st.push(Finding::new(FindingCode::XrefHousekeeping, ChangeClass::Housekeeping).detail(format!(
                "{streams} xref/object stream(s), {orphans} unreferenced new object(s), {identical} identical rewrite(s)"
            )));
        }
        Ok(())
    }
}

/// Same direct content (references compared as references, streams by their data).
fn same_object(cx: &Pair, a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::Stream(x), Object::Stream(y)) => {
            let mut dx = x.dict.clone();
            let mut dy = y.dict.clone();
            dx.remove(b"Length");
            dy.remove(b"Length");
            let data = cx.objs.reader.data();
            dx == dy
                && (matches!((x.raw(data), y.raw(data)), (Ok(p), Ok(q)) if p == q)
                    || matches!((cx.objs.reader.stream_data(x), cx.objs.reader.stream_data(y)), (Ok(p), Ok(q)) if p == q))
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
