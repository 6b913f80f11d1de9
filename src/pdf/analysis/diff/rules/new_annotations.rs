//! Rule 6: annotations added to a page. Widgets of new signature fields are expected; a
//! new widget for an existing field, a widget that moved between pages, or a widget of
//! no field is refused; any other new annotation is an annotation change (DocMDP P=3
//! only: under P=2 a FreeText drawn over the page is the "Evil Annotation" attack).

use super::{Rule, Step, except, visible};
use crate::pdf::analysis::diff::compare::{Pair, name_str};
use crate::pdf::analysis::diff::finding::{ChangeClass, Finding, FindingCode};
use crate::pdf::syntax::error::Result;

pub struct NewAnnotationRule;

impl Rule for NewAnnotationRule {
    fn name(&self) -> &'static str {
        "new_annotations"
    }

    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()> {
        let (o, n) = (st.o, st.n);
        let added = std::mem::take(&mut st.added_annots);
        for (page, e) in &added {
            let page = *page;
            let r = e.as_reference();
            if let Some(r) = r {
                if let Some(name) = st.new_sig_widgets.get(&r) {
                    let f = Finding::new(FindingCode::WidgetAdded, ChangeClass::Housekeeping)
                        .page(page)
                        .object(Some(r))
                        .detail(name.clone());
                    st.push(f);
                    continue;
                }
                if let Some(&fi) = n.widget_owner.get(&r) {
                    let Some(field) = n.fields.get(fi) else { continue };
                    if o.page_of(r).is_some() {
                        st.push(
                            Finding::forbidden(FindingCode::FieldStructureChanged)
                                .page(page)
                                .field(&field.name)
                                .object(Some(r))
                                .detail(format!("widget {r} moved to page {}", page + 1)),
                        );
                    } else if o.field(field.r).is_some() {
                        st.push(
                            Finding::forbidden(FindingCode::FieldStructureChanged)
                                .page(page)
                                .field(&field.name)
                                .object(Some(r))
                                .detail(format!("new widget {r}")),
                        );
                    }
                    // Widgets of new fields that are not signature fields: refused by rule 5.
                    continue;
                }
            }
            let d = cx.objs.get(e, cx.new)?.as_dict().cloned().unwrap_or_default();
            let subtype = d.get_name(b"Subtype").map(name_str).unwrap_or_else(|| "?".into());
            let shown = visible(cx.objs, cx.new, &d)?;
            if subtype == "Widget" {
                st.push(Finding::forbidden(FindingCode::WidgetWithoutField).page(page).object(r).detail(if shown {
                    "visible"
                } else {
                    "invisible"
                }));
                continue;
            }
            let drawn = if shown && d.contains_key(b"AP") { ", visible, with an appearance stream" } else { "" };
            st.push(
                Finding::new(FindingCode::AnnotationAdded, ChangeClass::Annotation)
                    .page(page)
                    .object(r)
                    .detail(format!("/{subtype}{drawn}")),
            );
            if let Some(r) = r {
                st.explained.insert(r);
                let v = cx.new_obj(r)?;
                st.explained.extend(cx.new_subtree(&v, &except(&cx.claimed, &[r]))?);
            }
        }
        st.added_annots = added;
        Ok(())
    }
}
