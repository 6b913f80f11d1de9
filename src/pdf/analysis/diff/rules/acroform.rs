//! Rule 8: the AcroForm dictionary. /Fields may grow (new signature fields, judged by
//! rule 5) but keep every existing entry; /SigFlags may change; /DR /DA /Q
//! /NeedAppearances are form-filling defaults; anything else (/XFA, /CO, ...) may not
//! change.

use super::{Rule, Step};
use crate::pdf::analysis::diff::compare::{Pair, Stop, name_str};
use crate::pdf::analysis::diff::finding::{ChangeClass, Finding, FindingCode};
use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::object::Object;

pub struct AcroFormRule;

impl Rule for AcroFormRule {
    fn name(&self) -> &'static str {
        "acroform"
    }

    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()> {
        let (o, n) = (st.o, st.n);
        for (old_r, new_r) in [(o.acroform_ref, n.acroform_ref), (o.fields_array_ref, n.fields_array_ref)] {
            if let Some(r) = new_r
                && (Some(r) == old_r || !cx.existed(r))
            {
                st.explained.insert(r);
            }
        }
        let (a, b) = (&o.acroform, &n.acroform);
        for (k, d) in cx.compare_dicts(a, b, &[], Stop::Claimed, n.acroform_ref)? {
            let key = format!("/AcroForm/{}", name_str(&k));
            match &k[..] {
                b"Fields" => {
                    let old_f = cx.objs.get(a.get(b"Fields").unwrap_or(&Object::Null), cx.old)?;
                    let new_f = cx.objs.get(b.get(b"Fields").unwrap_or(&Object::Null), cx.new)?;
                    let mut rest = new_f.as_array().map(<[Object]>::to_vec).unwrap_or_default();
                    let mut kept = true;
                    for e in old_f.as_array().unwrap_or(&[]) {
                        match rest.iter().position(|x| x == e) {
                            Some(i) => {
                                rest.remove(i);
                            }
                            None => kept = false,
                        }
                    }
                    if kept {
                        st.push(
                            Finding::new(FindingCode::AcroFormUpdated, ChangeClass::Housekeeping)
                                .object(n.acroform_ref)
                                .detail(format!("/Fields grown by {}", rest.len())),
                        );
                    } else {
                        st.push(
                            Finding::forbidden(FindingCode::CatalogEntryChanged)
                                .object(n.acroform_ref)
                                .detail(format!("{key}: existing fields removed or replaced")),
                        );
                    }
                }
                b"SigFlags" => st.push(
                    Finding::new(FindingCode::AcroFormUpdated, ChangeClass::Housekeeping)
                        .object(n.acroform_ref)
                        .detail(format!("/SigFlags {}", d.what)),
                ),
                b"DR" | b"DA" | b"Q" | b"NeedAppearances" => {
                    st.push(
                        Finding::new(FindingCode::AcroFormUpdated, ChangeClass::FormFill)
                            .object(n.acroform_ref)
                            .detail(format!("/{}", name_str(&k))),
                    );
                    let v = b.get(&k).cloned().unwrap_or(Object::Null);
                    let mut stop = cx.claimed.clone();
                    stop.extend(n.acroform_ref);
                    st.explained.extend(cx.new_subtree(&v, &stop)?);
                }
                _ => st.push(
                    Finding::forbidden(FindingCode::CatalogEntryChanged)
                        .object(n.acroform_ref)
                        .detail(format!("/AcroForm{d}")),
                ),
            }
        }
        Ok(())
    }
}
