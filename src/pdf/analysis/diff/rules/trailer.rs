//! Rule 12: the trailer. /Encrypt may not change; the document information dictionary
//! (/Info) may be updated or replaced (every editor's save does it); keys ISO 32000 does
//! not define for the trailer are private data no viewer reads.

use super::{Rule, Step, private_change};
use crate::pdf::analysis::diff::compare::{Pair, Stop, name_str};
use crate::pdf::analysis::diff::finding::{ChangeClass, Finding, FindingCode};
use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::object::Object;

pub struct TrailerRule;

impl Rule for TrailerRule {
    fn name(&self) -> &'static str {
        "trailer"
    }

    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()> {
        let (o, n) = (st.o, st.n);
        if o.encrypt != n.encrypt {
            st.push(Finding::forbidden(FindingCode::EncryptionChanged));
        }
        if let Some(r) = n.info
            && (Some(r) == o.info || !cx.existed(r))
            && cx.rewritten(r)
            && !cx.claimed.contains(&r)
        {
            let obj = cx.new_obj(r)?;
            if matches!(&*obj, Object::Dict(_)) {
                st.push(Finding::new(FindingCode::InfoUpdated, ChangeClass::Housekeeping).object(Some(r)));
                st.explained.insert(r);
                st.explained.extend(cx.new_subtree(&obj, &cx.claimed)?);
            }
        }
        let mut keys: Vec<Vec<u8>> = o.trailer.keys().map(<[u8]>::to_vec).collect();
        keys.extend(n.trailer.keys().filter(|k| !o.trailer.contains_key(k)).map(<[u8]>::to_vec));
        for k in keys {
            if matches!(&k[..], b"Root" | b"Info" | b"Encrypt" | b"ID") {
                continue;
            }
            let va = o.trailer.get(&k).cloned().unwrap_or(Object::Null);
            let vb = n.trailer.get(&k).cloned().unwrap_or(Object::Null);
            if let Some(d) = cx.compare(&va, &vb, Stop::Claimed, None)? {
                if !private_change(cx, &d, None) {
                    st.push(
                        Finding::forbidden(FindingCode::UnexplainedChange)
                            .object(d.obj)
                            .detail(format!("trailer /{}: {d} (an existing object rewritten)", name_str(&k))),
                    );
                    continue;
                }
                st.push(
                    Finding::new(FindingCode::PrivateKeyChanged, ChangeClass::Housekeeping)
                        .detail(format!("trailer /{}: {d}", name_str(&k))),
                );
                st.explained.extend(cx.new_subtree(&vb, &cx.claimed)?);
            }
        }
        Ok(())
    }
}
