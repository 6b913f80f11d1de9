//! Rule 1: the new revision's cross-reference entries. Lists the objects it (re)defines
//! for the rules after it; freeing (or renumbering with a new generation) an object that
//! existed is allowed when nothing in the document refers to it any more — nothing a
//! viewer shows changes (ISO 32000-1 §7.5.4; Acrobat and iText free objects this way) —
//! and refused when something still does (it would now read as null).

use std::collections::HashSet;

use super::{Rule, Step};
use crate::pdf::analysis::diff::compare::Pair;
use crate::pdf::analysis::diff::finding::{ChangeClass, Finding, FindingCode};
use crate::pdf::analysis::diff::objects::Stored;
use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::object::ObjRef;
use crate::pdf::syntax::reader::Location;

pub struct XrefRule;

impl Rule for XrefRule {
    fn name(&self) -> &'static str {
        "xref"
    }

    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()> {
        let Some(rev) = cx.objs.reader.revisions().get(cx.new) else { return Ok(()) };
        let mut seen = HashSet::new();
        let mut gone: Vec<(ObjRef, Option<u16>)> = Vec::new();
        for (r, loc) in &rev.defined {
            cx.objs.tick()?;
            if !seen.insert(r.num) {
                continue;
            }
            let old_gen = match cx.objs.stored(r.num, cx.old) {
                Stored::Direct { r#gen, .. } => Some(r#gen),
                Stored::Packed { .. } => Some(0),
                Stored::Absent => None,
            };
            match loc {
                Location::Free { .. } => {
                    if let Some(g) = old_gen {
                        gone.push((ObjRef::new(r.num, g), None));
                    }
                }
                _ => {
                    let new_gen = if matches!(loc, Location::Compressed { .. }) { 0 } else { r.r#gen };
                    if let Some(g) = old_gen
                        && g != new_gen
                    {
                        gone.push((ObjRef::new(r.num, g), Some(new_gen)));
                    }
                    st.defined.push(ObjRef::new(r.num, new_gen));
                }
            }
        }
        let mut quietly = 0usize;
        for (old_ref, new_gen) in gone {
            if cx.old_obj(old_ref)?.is_null() {
                continue;
            }
            if cx.objs.usages(cx.new)?.reachable.contains(&old_ref) {
                let what = match new_gen {
                    Some(g) => format!("{old_ref} replaced by generation {g} but still referenced"),
                    None => format!("{old_ref} freed but still referenced"),
                };
                st.push(Finding::forbidden(FindingCode::ObjectFreed).object(Some(old_ref)).detail(what));
            } else {
                quietly += 1;
            }
        }
        if quietly > 0 {
            st.push(
                Finding::new(FindingCode::ObjectsFreed, ChangeClass::Housekeeping)
                    .detail(format!("{quietly} object(s) no longer referenced")),
            );
        }
        Ok(())
    }
}
