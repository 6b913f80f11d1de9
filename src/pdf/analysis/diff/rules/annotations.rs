//! Rule 7: annotations of the signed revision that are not widgets. Any change is an
//! annotation change (DocMDP P=3 only); showing one that was hidden is reported as
//! revealed hidden content (same class: under P=3 annotations may be redrawn anyway).

use super::{Rule, Step, VISIBILITY_FLAGS, except, flags, visible};
use crate::pdf::analysis::diff::compare::{Pair, Stop};
use crate::pdf::analysis::diff::finding::{ChangeClass, Finding, FindingCode};
use crate::pdf::analysis::diff::snapshot::Snapshot;
use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::object::ObjRef;

pub struct AnnotationRule;

impl Rule for AnnotationRule {
    fn name(&self) -> &'static str {
        "annotations"
    }

    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()> {
        let (o, n) = (st.o, st.n);
        let mut old: Vec<(ObjRef, usize)> = o.annot_page.iter().map(|(r, p)| (*r, *p)).collect();
        old.sort();
        for (a, page) in old {
            let is_field = |s: &Snapshot| s.widget_owner.contains_key(&a) || s.field_index.contains_key(&a);
            if is_field(o) || is_field(n) {
                continue; // widgets: judged with their field
            }
            st.explained.insert(a);
            let (oa, na) = (cx.old_obj(a)?, cx.new_obj(a)?);
            let stop = except(&cx.claimed, &[a]);
            let Some(d) = cx.compare(&oa, &na, Stop::Claimed, Some(a))? else { continue };
            let revealed = match (oa.as_dict(), na.as_dict()) {
                (Some(x), Some(y)) => {
                    (flags(cx.objs, cx.old, x)? ^ flags(cx.objs, cx.new, y)?) & VISIBILITY_FLAGS != 0
                        && !visible(cx.objs, cx.old, x)?
                        && visible(cx.objs, cx.new, y)?
                }
                _ => false,
            };
            let code = if revealed { FindingCode::HiddenContentRevealed } else { FindingCode::AnnotationChanged };
            st.push(Finding::new(code, ChangeClass::Annotation).page(page).object(Some(a)).detail(d.to_string()));
            st.explained.extend(cx.new_subtree(&na, &stop)?);
        }
        Ok(())
    }
}
