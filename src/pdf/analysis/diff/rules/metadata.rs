//! Rule 11: the catalog's XMP metadata stream may be added or updated (a new stream, or
//! the old one rewritten), like any editor's save; pointing /Metadata at anything else
//! is refused. (A page that draws the stream would be caught by rule 3.)

use super::{Rule, Step};
use crate::pdf::analysis::diff::compare::{Pair, Stop};
use crate::pdf::analysis::diff::finding::{ChangeClass, Finding, FindingCode};
use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::object::Object;

pub struct MetadataRule;

impl Rule for MetadataRule {
    fn name(&self) -> &'static str {
        "metadata"
    }

    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()> {
        let (o, n) = (st.o, st.n);
        let va = o.catalog.get(b"Metadata").cloned().unwrap_or(Object::Null);
        let vb = n.catalog.get(b"Metadata").cloned().unwrap_or(Object::Null);
        if va.is_null() && vb.is_null() {
            return Ok(());
        }
        if cx.compare(&va, &vb, Stop::Claimed, n.root)?.is_none() {
            return Ok(());
        }
        let ok = match vb.as_reference() {
            Some(r) => {
                (va.as_reference() == Some(r) || !cx.existed(r))
                    && !cx.claimed.contains(&r)
                    && match &*cx.new_obj(r)? {
                        Object::Stream(s) => {
                            s.dict.get_name(b"Type") == Some(b"Metadata") || s.dict.get_name(b"Subtype") == Some(b"XML")
                        }
                        _ => false,
                    }
            }
            None => vb.is_null(),
        };
        if ok {
            st.explained.extend(vb.as_reference());
            st.push(Finding::new(FindingCode::MetadataUpdated, ChangeClass::Housekeeping).object(vb.as_reference()));
        } else {
            st.push(
                Finding::forbidden(FindingCode::MalformedStructure)
                    .object(vb.as_reference())
                    .detail("/Metadata is not a new or updated XMP metadata stream"),
            );
        }
        Ok(())
    }
}
