//! Rule 9: the document catalog, entry by entry (/AcroForm, /DSS and /Metadata have
//! rules 8, 10 and 11). /Extensions, /MarkInfo and /Version may change; keys ISO 32000
//! does not define are a producer's private data no viewer reads; every other entry
//! (/Pages, /OpenAction, /AA, /Names, /Perms, /OCProperties, /StructTreeRoot, ...) may
//! not change.

use super::{Rule, Step, private_change};
use crate::pdf::analysis::diff::compare::{Pair, Stop, name_str};
use crate::pdf::analysis::diff::finding::{ChangeClass, Finding, FindingCode};
use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::object::Object;

/// Catalog keys (ISO 32000-2 Table 29).
const CATALOG_KEYS: &[&[u8]] = &[
    b"Type",
    b"Version",
    b"Extensions",
    b"Pages",
    b"PageLabels",
    b"Names",
    b"Dests",
    b"ViewerPreferences",
    b"PageLayout",
    b"PageMode",
    b"Outlines",
    b"Threads",
    b"OpenAction",
    b"AA",
    b"URI",
    b"AcroForm",
    b"Metadata",
    b"StructTreeRoot",
    b"MarkInfo",
    b"Lang",
    b"SpiderInfo",
    b"OutputIntents",
    b"PieceInfo",
    b"OCProperties",
    b"Perms",
    b"Legal",
    b"Requirements",
    b"Collection",
    b"NeedsRendering",
    b"DSS",
    b"AF",
    b"DPartRoot",
];

pub struct CatalogRule;

impl Rule for CatalogRule {
    fn name(&self) -> &'static str {
        "catalog"
    }

    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()> {
        let (o, n) = (st.o, st.n);
        st.explained.extend(n.root);
        let mut keys: Vec<Vec<u8>> = o.catalog.keys().map(<[u8]>::to_vec).collect();
        keys.extend(n.catalog.keys().filter(|k| !o.catalog.contains_key(k)).map(<[u8]>::to_vec));
        for k in keys {
            if matches!(&k[..], b"AcroForm" | b"DSS" | b"Metadata") {
                continue;
            }
            let va = o.catalog.get(&k).cloned().unwrap_or(Object::Null);
            let vb = n.catalog.get(&k).cloned().unwrap_or(Object::Null);
            let key = format!("/{}", name_str(&k));
            if &k[..] == b"Pages" {
                if va != vb {
                    st.push(
                        Finding::forbidden(FindingCode::CatalogEntryChanged)
                            .detail(format!("{key}: another page tree")),
                    );
                }
                continue;
            }
            let what = match (va.is_null(), vb.is_null()) {
                (true, true) => None,
                (true, false) => Some(("added".to_string(), false)),
                (false, true) => Some(("removed".to_string(), false)),
                _ => cx
                    .compare(&va, &vb, Stop::Claimed, n.root)?
                    .map(|d| (d.to_string(), !private_change(cx, &d, n.root))),
            };
            let Some((what, deep)) = what else { continue };
            let housekeeping = matches!(&k[..], b"Extensions" | b"MarkInfo" | b"Version");
            let private = !CATALOG_KEYS.contains(&&k[..]) && !deep;
            if housekeeping || private {
                let code = if private { FindingCode::PrivateKeyChanged } else { FindingCode::CatalogHousekeeping };
                st.push(Finding::new(code, ChangeClass::Housekeeping).detail(format!("catalog {key}: {what}")));
                st.explained.extend(cx.new_subtree(&vb, &cx.claimed)?);
                if let Some(r) = vb.as_reference()
                    && va.as_reference() == Some(r)
                    && housekeeping
                {
                    st.explained.insert(r);
                }
                continue;
            }
            let hint = match &k[..] {
                b"OCProperties" => " (optional content visibility: can reveal hidden content)",
                b"OpenAction" | b"AA" => " (actions run when the document is opened)",
                b"Names" => " (JavaScript, embedded files, named destinations)",
                b"Perms" => " (signature permissions)",
                _ => "",
            };
            st.push(Finding::forbidden(FindingCode::CatalogEntryChanged).detail(format!("{key}: {what}{hint}")));
        }
        Ok(())
    }
}
