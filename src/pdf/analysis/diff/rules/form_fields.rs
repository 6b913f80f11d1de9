//! Rule 4: existing form fields and their widgets. A signed signature field and its
//! signature dictionary may not change (Acrobat's /Ff and /Type aside); an empty
//! signature field may be signed; other fields may change what a form filler changes
//! (/V /AP /AS /DA /Q /Ff and /F while visibility stays). Every finding names its field,
//! so FieldMDP locks apply when the signature is judged.
//!
//! Appearances (as pyHanko's form rules): a new appearance may use existing objects (the
//! /DR font, as Acrobat, pdf.js and pypdf do) but may not change them, except that an
//! appearance stream of a field without states may be rewritten in place (pdf.js and
//! pypdf do this) when nothing else in the signed revision refers to it; and an
//! appearance dictionary shared with another place may not be replaced.

use super::{Rule, Step, VISIBILITY_FLAGS, except, field_visible, flags, visible};
use crate::pdf::analysis::diff::compare::{Pair, Stop};
use crate::pdf::analysis::diff::finding::{ChangeClass, Finding, FindingCode};
use crate::pdf::analysis::diff::objects::Holder;
use crate::pdf::analysis::diff::snapshot::FieldNode;
use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::object::{Dict, ObjRef, Object};

/// Keys a form filler changes on a field.
const FILL_KEYS: &[&[u8]] = &[b"V", b"AP", b"AS", b"DA", b"Q", b"Ff", b"F", b"Type"];
/// Keys that may change on a signed signature field (Acrobat sets /Ff after signing).
const SIGNED_KEYS: &[&[u8]] = &[b"Ff", b"Type"];
/// Keys a form filler changes on a separate widget.
const WIDGET_FILL_KEYS: &[&[u8]] = &[b"AP", b"AS", b"F", b"Type"];

pub struct FormFieldRule;

impl Rule for FormFieldRule {
    fn name(&self) -> &'static str {
        "form_fields"
    }

    fn apply(&self, cx: &Pair, st: &mut Step) -> Result<()> {
        let (o, n) = (st.o, st.n);
        for of in &o.fields {
            st.explained.insert(of.r);
            let Some(nf) = n.field(of.r) else {
                st.push(Finding::forbidden(FindingCode::FieldRemoved).field(&of.name).object(Some(of.r)));
                continue;
            };
            compare_field(cx, st, of, nf)?;
        }
        Ok(())
    }
}

/// What changing a field means, from its state before and after.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A signed signature field: nothing may change.
    Signed,
    /// An empty signature field signed now.
    Signing,
    /// An empty signature field still empty.
    EmptySignature,
    /// Any other field: form filling.
    Fill,
}

fn compare_field(cx: &Pair, st: &mut Step, of: &FieldNode, nf: &FieldNode) -> Result<()> {
    let name = of.name.as_str();
    let mode = match (of.is_sig(), of.is_signed(), nf.is_signed()) {
        (true, true, _) => Mode::Signed,
        (true, false, true) => Mode::Signing,
        (true, false, false) => Mode::EmptySignature,
        (false, _, _) => Mode::Fill,
    };
    let stream_changed = (of.is_stream || nf.is_stream) && cx.rewritten(of.r) && stream_data_differs(cx, of.r)?;
    if stream_changed {
        st.push(structure(mode, name, of.r, "stream data"));
    }
    let repointed = mode == Mode::Signed && of.dict.get(b"V") != nf.dict.get(b"V");
    if repointed {
        // Identity matters for a signature value (its /Contents position defines the
        // ByteRange gap): no re-pointing, even to an identical copy.
        st.push(
            Finding::forbidden(FindingCode::SignedFieldChanged)
                .field(name)
                .object(Some(of.r))
                .detail("/V re-pointed to another signature dictionary"),
        );
    }
    for (k, d) in cx.compare_dicts(&of.dict, &nf.dict, &[], Stop::Claimed, Some(of.r))? {
        let key: &[u8] = &k;
        if repointed && key == b"V" {
            continue;
        }
        let allowed = match mode {
            Mode::Signed | Mode::EmptySignature => SIGNED_KEYS.contains(&key),
            Mode::Signing | Mode::Fill => FILL_KEYS.contains(&key),
        };
        if !allowed {
            st.push(structure(mode, name, d.obj.unwrap_or(of.r), &d.to_string()));
            continue;
        }
        match key {
            b"V" if mode == Mode::Signing => {
                let v = nf.dict.get(b"V").cloned().unwrap_or(Object::Null);
                let shown = field_visible(cx.objs, cx.new, &nf.widgets)?;
                new_signature_value(cx, st, name, of.r, &v, shown)?;
            }
            b"V" => {
                st.push(
                    Finding::new(FindingCode::FieldValueChanged, ChangeClass::FormFill).field(name).object(Some(of.r)),
                );
                let v = nf.dict.get(b"V").cloned().unwrap_or(Object::Null);
                st.explained.extend(cx.new_subtree(&v, &cx.claimed)?);
            }
            b"AP" => appearance(cx, st, name, of.r, &of.dict, &nf.dict)?,
            b"F" => visibility(cx, st, name, of.r, &of.dict, &nf.dict)?,
            _ if mode == Mode::Signed || mode == Mode::EmptySignature => st.push(
                Finding::new(FindingCode::FieldEntryChanged, ChangeClass::Housekeeping)
                    .object(Some(of.r))
                    .detail(format!("{name}: {d}")),
            ),
            _ => st.push(
                Finding::new(FindingCode::FieldEntryChanged, ChangeClass::FormFill)
                    .field(name)
                    .object(Some(of.r))
                    .detail(d.to_string()),
            ),
        }
    }
    // separate widget annotations of the field
    for &w in &of.widgets {
        if w == of.r {
            continue;
        }
        st.explained.insert(w);
        let (wa, wb) = (cx.old_obj(w)?, cx.new_obj(w)?);
        let (Some(a), Some(b)) = (wa.as_dict(), wb.as_dict()) else {
            st.push(structure(mode, name, w, "widget no longer a dictionary"));
            continue;
        };
        let is_stream = matches!(&*wa, Object::Stream(_)) || matches!(&*wb, Object::Stream(_));
        if is_stream && cx.rewritten(w) && stream_data_differs(cx, w)? {
            st.push(structure(mode, name, w, "widget stream data"));
        }
        for (k, d) in cx.compare_dicts(a, b, &[], Stop::Claimed, Some(w))? {
            let key: &[u8] = &k;
            let filling = matches!(mode, Mode::Signing | Mode::Fill);
            if !filling || !WIDGET_FILL_KEYS.contains(&key) {
                st.push(structure(mode, name, w, &format!("widget {w} {d}")));
                continue;
            }
            match key {
                b"AP" => appearance(cx, st, name, w, a, b)?,
                b"F" => visibility(cx, st, name, w, a, b)?,
                _ => st.push(
                    Finding::new(FindingCode::FieldEntryChanged, ChangeClass::FormFill)
                        .field(name)
                        .object(Some(w))
                        .detail(format!("widget {w} {d}")),
                ),
            }
        }
    }
    Ok(())
}

/// A change no rule allows on this field.
fn structure(mode: Mode, field: &str, obj: ObjRef, detail: &str) -> Finding {
    let code = if mode == Mode::Signed { FindingCode::SignedFieldChanged } else { FindingCode::FieldStructureChanged };
    Finding::forbidden(code).field(field).object(Some(obj)).detail(detail)
}

/// The raw or decoded data of stream `r` differs between the revisions.
fn stream_data_differs(cx: &Pair, r: ObjRef) -> Result<bool> {
    let (a, b) = (cx.old_obj(r)?, cx.new_obj(r)?);
    let data = cx.objs.reader.data();
    Ok(match (&*a, &*b) {
        (Object::Stream(x), Object::Stream(y)) => {
            x.raw(data)? != y.raw(data)?
                && !matches!((cx.objs.reader.stream_data(x), cx.objs.reader.stream_data(y)), (Ok(p), Ok(q)) if p == q)
        }
        (Object::Stream(_), _) | (_, Object::Stream(_)) => true,
        _ => false,
    })
}

/// A signature value newly set in field `field`: it must be a new indirect dictionary.
/// An invisible document timestamp is long-term validation material; any other
/// signature is signing (and FieldMDP locks apply to it, as in pyHanko).
pub fn new_signature_value(
    cx: &Pair,
    st: &mut Step,
    field: &str,
    owner: ObjRef,
    v: &Object,
    shown: bool,
) -> Result<()> {
    let Some(r) = v.as_reference() else {
        st.push(
            Finding::forbidden(FindingCode::SignatureValueReused)
                .field(field)
                .object(Some(owner))
                .detail("/V is not an indirect reference"),
        );
        return Ok(());
    };
    if cx.existed(r) {
        st.push(
            Finding::forbidden(FindingCode::SignatureValueReused)
                .field(field)
                .object(Some(r))
                .detail(format!("/V is {r}, an object that existed before")),
        );
        return Ok(());
    }
    let sig = cx.new_obj(r)?;
    let Some(d) = sig.as_dict() else {
        st.push(
            Finding::forbidden(FindingCode::SignatureValueReused)
                .field(field)
                .object(Some(r))
                .detail(format!("/V {r} is not a dictionary")),
        );
        return Ok(());
    };
    let dts = d.get_name(b"Type") == Some(b"DocTimeStamp");
    let f = if dts && !shown {
        Finding::new(FindingCode::DocumentTimestampAdded, ChangeClass::Ltv)
    } else {
        Finding::new(FindingCode::SignatureAdded, ChangeClass::Signing)
    };
    st.push(f.field(field).object(Some(r)));
    st.explained.insert(r);
    st.explained.extend(cx.new_subtree(v, &cx.claimed)?);
    Ok(())
}

/// An appearance change on `owner` (a field merged with its widget, or a widget).
pub fn appearance(cx: &Pair, st: &mut Step, field: &str, owner: ObjRef, a: &Dict, b: &Dict) -> Result<()> {
    let ap_old = a.get(b"AP").cloned().unwrap_or(Object::Null);
    let ap_new = b.get(b"AP").cloned().unwrap_or(Object::Null);
    let stop = except(&cx.claimed, &[owner]);
    // An indirect appearance dictionary used elsewhere in the signed revision: updating
    // this field's appearance would change (or unlink) the other use.
    if let Some(r) = ap_old.as_reference() {
        let usages = cx.objs.usages(cx.old)?;
        let expected = Holder::Object(owner, b"AP".to_vec());
        if usages.holders(r).iter().any(|h| *h != expected) {
            st.push(shared(field, r, usages.holders(r), "appearance dictionary"));
            st.explained.extend(cx.new_subtree(&ap_new, &stop)?);
            return Ok(());
        }
        if ap_new.as_reference() == Some(r) {
            st.explained.insert(r);
        }
    }
    // Appearance streams rewritten in place.
    let old_ap = cx.objs.get(&ap_old, cx.old)?;
    let new_ap = cx.objs.get(&ap_new, cx.new)?;
    if let (Some(oa), Some(na)) = (old_ap.as_dict(), new_ap.as_dict()) {
        for key in [&b"N"[..], b"R", b"D"] {
            let (Some(s), Some(t)) =
                (oa.get(key).and_then(Object::as_reference), na.get(key).and_then(Object::as_reference))
            else {
                continue;
            };
            if s != t || !cx.rewritten(s) {
                continue;
            }
            let holder = match ap_old.as_reference() {
                Some(apr) => Holder::Object(apr, key.to_vec()),
                None => Holder::Object(owner, b"AP".to_vec()),
            };
            let usages = cx.objs.usages(cx.old)?;
            let stateless = !a.contains_key(b"AS");
            if !stateless || usages.holders(s).iter().any(|h| *h != holder) {
                st.push(shared(field, s, usages.holders(s), "appearance stream rewritten in place"));
                st.explained.extend(cx.new_subtree(&ap_new, &stop)?);
                return Ok(());
            }
            st.explained.insert(s);
            let stream = cx.new_obj(s)?;
            st.explained.extend(cx.new_subtree(&stream, &stop)?);
        }
    }
    st.push(Finding::new(FindingCode::FieldAppearanceChanged, ChangeClass::FormFill).field(field).object(Some(owner)));
    st.explained.extend(cx.new_subtree(&ap_new, &stop)?);
    Ok(())
}

fn shared(field: &str, r: ObjRef, holders: &[Holder], what: &str) -> Finding {
    let places: Vec<String> = holders
        .iter()
        .map(|h| match h {
            Holder::Trailer(k) => format!("trailer /{}", String::from_utf8_lossy(k)),
            Holder::Object(o, k) => format!("{o} /{}", String::from_utf8_lossy(k)),
        })
        .collect();
    Finding::forbidden(FindingCode::AppearanceShared)
        .field(field)
        .object(Some(r))
        .detail(format!("{what} {r}, used by {}", places.join(", ")))
}

/// An /F change: allowed while what it shows stays shown and what it hides stays hidden.
pub fn visibility(cx: &Pair, st: &mut Step, field: &str, owner: ObjRef, a: &Dict, b: &Dict) -> Result<()> {
    let fa = flags(cx.objs, cx.old, a)?;
    let fb = flags(cx.objs, cx.new, b)?;
    if (fa ^ fb) & VISIBILITY_FLAGS == 0 {
        st.push(
            Finding::new(FindingCode::FieldEntryChanged, ChangeClass::FormFill)
                .field(field)
                .object(Some(owner))
                .detail(format!("/F {fa} -> {fb}")),
        );
        return Ok(());
    }
    let was = visible(cx.objs, cx.old, a)?;
    let is = visible(cx.objs, cx.new, b)?;
    let code = if !was && is { FindingCode::HiddenContentRevealed } else { FindingCode::VisibilityChanged };
    st.push(Finding::forbidden(code).field(field).object(Some(owner)).detail(format!("/F {fa} -> {fb}")));
    Ok(())
}
