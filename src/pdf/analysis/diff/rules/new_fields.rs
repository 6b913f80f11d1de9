//! Rule 5: form fields that did not exist before. Only signature fields may be added.
//! After a certification a new signature field must be invisible ("Sneaky Signature":
//! judged by the permission in force); visibility is decided as viewers decide it (see
//! [`super::visible`]: /F Invisible or ToggleNoView alone hide nothing, an indirect or
//! five-number /Rect still has an area). A new field may not take over an annotation or
//! widget that existed before (it would escape rules 4 and 7).

use std::collections::HashSet;

use super::form_fields::new_signature_value;
use super::{Rule, Step, area, field_visible, overlaps, rect};
use crate::pdf::analysis::diff::compare::Pair;
use crate::pdf::analysis::diff::finding::{ChangeClass, Finding, FindingCode};
use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::object::ObjRef;

pub struct NewFieldRule;

impl Rule for NewFieldRule {
    fn name(&self) -> &'static str {
        "new_fields"
    }

    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()> {
        let (o, n) = (st.o, st.n);
        // Widgets of signed signatures, by page, for the overlap report.
        let mut signed_rects: Vec<(usize, [f64; 4], String)> = Vec::new();
        for f in o.fields.iter().filter(|f| f.is_signed()) {
            for &w in &f.widgets {
                if let Some(d) = cx.old_obj(w)?.as_dict()
                    && let Some(r) = rect(cx.objs, cx.old, d)?.filter(|r| area(r) > 0.0)
                    && let Some(p) = o.page_of(w)
                {
                    signed_rects.push((p, r, f.name.clone()));
                }
            }
        }
        for nf in n.fields.iter().filter(|f| o.field(f.r).is_none()) {
            let name = nf.name.as_str();
            let mut own: Vec<ObjRef> = vec![nf.r];
            own.extend(nf.widgets.iter().copied());
            let mut adopted = false;
            for &w in &own {
                if cx.existed(w) {
                    adopted = true;
                    let what = match o.page_of(w) {
                        Some(p) => format!("{w}, an annotation of page {}", p + 1),
                        None => format!("{w}, an object of the signed revision"),
                    };
                    st.push(
                        Finding::forbidden(FindingCode::AnnotationAdopted).field(name).object(Some(w)).detail(what),
                    );
                } else {
                    st.explained.insert(w);
                }
            }
            if adopted {
                continue;
            }
            if !nf.is_sig() {
                st.push(Finding::forbidden(FindingCode::NonSignatureFieldAdded).field(name).object(Some(nf.r)));
                continue;
            }
            let shown = field_visible(cx.objs, cx.new, &nf.widgets)?;
            let value = nf.dict.get(b"V").filter(|v| !v.is_null()).cloned();
            let dts = match &value {
                Some(v) => cx.objs.get(v, cx.new)?.as_dict().and_then(|d| d.get_name(b"Type")) == Some(b"DocTimeStamp"),
                None => false,
            };
            let class = match (shown, dts) {
                (true, _) => ChangeClass::VisibleSignature,
                (false, true) => ChangeClass::Ltv,
                (false, false) => ChangeClass::Signing,
            };
            st.push(
                Finding::new(FindingCode::SignatureFieldAdded, class).field(name).object(Some(nf.r)).detail(if shown {
                    "visible"
                } else {
                    "invisible"
                }),
            );
            let mut reported = HashSet::new();
            for &w in &nf.widgets {
                st.new_sig_widgets.insert(w, nf.name.clone());
                let Some(d) = cx.new_obj(w)?.as_dict().cloned() else { continue };
                let (Some(r), Some(p)) = (rect(cx.objs, cx.new, &d)?, n.page_of(w)) else { continue };
                for (sp, sr, sname) in &signed_rects {
                    // A new signature drawn over an earlier one is what Decree 30/2020/NĐ-CP
                    // prescribes for issuing (the seal over the leader's signature). It is
                    // itself verified; reported, and judged by its own visibility class.
                    if *sp == p && overlaps(&r, sr) && reported.insert(sname.clone()) {
                        st.push(
                            Finding::new(FindingCode::SignatureOverSignature, ChangeClass::Housekeeping)
                                .page(p)
                                .object(Some(w))
                                .detail(format!("{name} over {sname}")),
                        );
                    }
                }
            }
            if let Some(v) = &value {
                new_signature_value(cx, st, name, nf.r, v, shown)?;
            }
            let stop = super::except(&cx.claimed, &own);
            for r in &own {
                let v = cx.new_obj(*r)?;
                st.explained.extend(cx.new_subtree(&v, &stop)?);
            }
        }
        Ok(())
    }
}
