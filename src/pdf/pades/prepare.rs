//! The PDF side of PAdES / PDF signing: one incremental revision adding a
//! signature field (or filling an existing empty one) and a signature
//! dictionary with a zeroed /Contents placeholder. The CMS is produced by
//! the caller from the signed bytes and inserted with
//! [`PreparedSignature::finish`].

use std::ops::Range;

use crate::pdf::analysis::signatures::{FormField, docmdp_permission, form_fields};
use crate::pdf::appearance::Appearance;
use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::object::{Dict, ObjRef, Object, Stream};
use crate::pdf::syntax::parser::find;
use crate::pdf::syntax::reader::{PdfReader, ReadOptions};
use crate::pdf::syntax::writer::IncrementalUpdate;

/// Extra bytes reserved in /Contents on top of `SignOptions::contents_len`.
pub const CONTENTS_MARGIN: usize = 32;
/// Width of each /ByteRange placeholder number (enough for files < 10 GB).
const BR_DIGITS: usize = 10;
const BR_PLACEHOLDER: i64 = 9_999_999_999;

/// /SubFilter of the signature dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SubFilter {
    /// `/ETSI.CAdES.detached` (PAdES).
    #[default]
    EtsiCadesDetached,
    /// `/adbe.pkcs7.detached`.
    AdbePkcs7Detached,
    /// `/ETSI.RFC3161`: a document time-stamp (`/Type /DocTimeStamp`, ETSI EN 319 142-1
    /// §5.4), whose /Contents is an RFC 3161 token over the ByteRange.
    EtsiRfc3161,
}

impl SubFilter {
    pub fn name(self) -> &'static [u8] {
        match self {
            SubFilter::EtsiCadesDetached => b"ETSI.CAdES.detached",
            SubFilter::AdbePkcs7Detached => b"adbe.pkcs7.detached",
            SubFilter::EtsiRfc3161 => b"ETSI.RFC3161",
        }
    }
}

/// DocMDP permission level of a certification signature (one type for the crate).
pub use crate::pdf::analysis::mdp::DocMdp;

/// What to sign and how.
#[derive(Debug, Clone)]
pub struct SignOptions {
    /// Name of the new field; default `Signature{N}`, unique.
    pub field_name: Option<String>,
    /// Sign this existing empty signature field (fully-qualified name)
    /// instead of adding one.
    pub existing_field: Option<String>,
    pub subfilter: SubFilter,
    pub name: Option<String>,
    pub reason: Option<String>,
    pub location: Option<String>,
    pub contact_info: Option<String>,
    /// Signing time (seconds since the Unix epoch), written as /M.
    pub signing_time_unix: i64,
    /// Offset of the local time zone written in /M, in minutes east of UTC.
    pub tz_offset_minutes: i32,
    /// Make this a certification (DocMDP) signature.
    pub certify: Option<DocMdp>,
    /// Maximum DER length of the CMS.
    pub contents_len: usize,
    /// 0-based page index for the widget.
    pub page: usize,
    /// Visible appearance; `None` = invisible (`/Rect [0 0 0 0]`).
    pub appearance: Option<Appearance>,
    /// Password of an encrypted input (user or owner), used by [`prepare`]
    /// to open it; `None` tries the empty user password. The new revision
    /// is encrypted with the document's own handler (the signature
    /// /Contents stays unencrypted). Ignored by [`prepare_with_reader`].
    pub password: Option<Vec<u8>>,
}

impl Default for SignOptions {
    fn default() -> Self {
        SignOptions {
            field_name: None,
            existing_field: None,
            subfilter: SubFilter::default(),
            name: None,
            reason: None,
            location: None,
            contact_info: None,
            signing_time_unix: 0,
            tz_offset_minutes: 0,
            certify: None,
            contents_len: 8192,
            page: 0,
            appearance: None,
            password: None,
        }
    }
}

/// An incremental revision ready to be signed: the appended bytes with a
/// zeroed /Contents placeholder and the final /ByteRange already written.
#[derive(Debug, Clone)]
pub struct PreparedSignature {
    input_len: usize,
    appended: Vec<u8>,
    /// Span of the /Contents hex string (incl. `<` `>`) in `appended`.
    contents: Range<usize>,
    byte_range: [usize; 4],
    max_contents_len: usize,
    sig_dict_ref: ObjRef,
    field_name: String,
}

impl PreparedSignature {
    /// `[0, a, b, c]`: the signed bytes are `0..a` and `b..b+c` of the
    /// final file.
    pub fn byte_range(&self) -> [usize; 4] {
        self.byte_range
    }

    /// Feed exactly the signed bytes to `f`, in order: the input, then the
    /// appended bytes without the /Contents hex string. `input` must be
    /// the buffer given to [`prepare`] (only its length is checked: on a
    /// mismatch nothing is fed, so the signature cannot verify).
    pub fn for_each_signed_chunk(&self, input: &[u8], mut f: impl FnMut(&[u8])) {
        for c in self.signed_chunks(input).into_iter().flatten() {
            if !c.is_empty() {
                f(c);
            }
        }
    }

    /// The signed bytes as three slices (input, appended head, appended
    /// tail); `None` if `input` is not the prepared input's length.
    pub fn signed_chunks<'a>(&'a self, input: &'a [u8]) -> Option<[&'a [u8]; 3]> {
        if input.len() != self.input_len {
            return None;
        }
        Some([input, self.appended.get(..self.contents.start)?, self.appended.get(self.contents.end..)?])
    }

    /// Maximum DER length that fits into the placeholder.
    pub fn max_contents_len(&self) -> usize {
        self.max_contents_len
    }

    /// The new signature dictionary.
    pub fn sig_dict_ref(&self) -> ObjRef {
        self.sig_dict_ref
    }

    /// Fully-qualified name of the signed field.
    pub fn field_name(&self) -> &str {
        &self.field_name
    }

    /// Length of the appended bytes.
    pub fn appended_len(&self) -> usize {
        self.appended.len()
    }

    /// Put the DER CMS (hex, zero-padded) into the placeholder and return
    /// the appended bytes (write them after the unchanged input).
    pub fn finish(mut self, cms_der: &[u8]) -> Result<Vec<u8>> {
        if cms_der.len() > self.max_contents_len {
            return Err(PdfError::Limit {
                what: "CMS larger than the reserved /Contents placeholder",
                offset: self.input_len + self.contents.start,
            });
        }
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let start = self.contents.start + 1;
        let slot = self
            .appended
            .get_mut(start..start + 2 * cms_der.len())
            .ok_or_else(|| PdfError::Structure("placeholder out of range".into()))?;
        for (pair, &b) in slot.chunks_mut(2).zip(cms_der) {
            pair[0] = HEX[(b >> 4) as usize];
            pair[1] = HEX[(b & 15) as usize];
        }
        Ok(self.appended)
    }
}

/// Encode a text string: plain ASCII as a literal string, anything else
/// as UTF-16BE with a BOM (written as a hex string).
pub fn encode_text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::string(s.as_bytes().to_vec())
    } else {
        let mut b = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_be_bytes());
        }
        Object::hex_string(b)
    }
}

fn not_allowed(msg: impl Into<String>) -> PdfError {
    PdfError::NotAllowed(msg.into())
}

fn as_dict(obj: Object, what: &str) -> Result<Dict> {
    match obj {
        Object::Dict(d) => Ok(d),
        o => Err(PdfError::Structure(format!("{what} is a {}, not a dictionary", o.type_name()))),
    }
}

/// Append `item` to the array stored (directly or indirectly) under
/// `key` in `dict`. Returns true if `dict` itself changed (otherwise the
/// indirect array was put into `up`).
fn append_to_array(
    reader: &PdfReader,
    up: &mut IncrementalUpdate,
    dict: &mut Dict,
    key: &[u8],
    item: Object,
    what: &str,
) -> Result<bool> {
    match dict.get(key).cloned() {
        Some(Object::Reference(r)) => match reader.resolve(r)? {
            Object::Array(mut a) => {
                a.push(item);
                up.put(r, Object::Array(a));
                Ok(false)
            }
            Object::Null => {
                dict.insert(key, Object::Array(vec![item]));
                Ok(true)
            }
            o => Err(PdfError::Structure(format!("{what} {r} is a {}, not an array", o.type_name()))),
        },
        Some(Object::Array(mut a)) => {
            a.push(item);
            dict.insert(key, Object::Array(a));
            Ok(true)
        }
        None | Some(Object::Null) => {
            dict.insert(key, Object::Array(vec![item]));
            Ok(true)
        }
        Some(o) => Err(PdfError::Structure(format!("{what} is a {}, not an array", o.type_name()))),
    }
}

fn check_field_name(name: &str) -> Result<()> {
    if name.is_empty() || name.contains('.') {
        return Err(not_allowed(format!(
            "invalid signature field name '{name}' (must be non-empty and contain no '.')"
        )));
    }
    Ok(())
}

/// Prepare one incremental revision that signs `input` (opened strictly,
/// with `opts.password` if it is encrypted).
pub fn prepare(input: &[u8], opts: &SignOptions) -> Result<PreparedSignature> {
    let reader =
        PdfReader::open_with(input, ReadOptions { password: opts.password.clone(), ..ReadOptions::default() })?;
    prepare_with_reader(&reader, opts)
}

/// Like [`prepare`] on an already opened reader (`reader.data()` is the
/// input; an encrypted document must have been opened with a password that
/// authenticated). When only the user password authenticated, the /P
/// permissions are honoured: a new signature field needs bits 4 and 6
/// (modify + annotations/forms), signing an existing empty field bit 6 or 9.
pub fn prepare_with_reader(reader: &PdfReader, opts: &SignOptions) -> Result<PreparedSignature> {
    let input = reader.data();
    if reader.reconstructed() {
        return Err(PdfError::Reconstructed);
    }
    if reader.is_encrypted() {
        let h = reader.security_handler().ok_or(PdfError::Encrypted)?;
        let ok = if opts.existing_field.is_some() {
            h.permits(6) || (h.revision() >= 3 && h.permits(9))
        } else {
            h.permits(4) && h.permits(6)
        };
        if !ok {
            return Err(not_allowed(format!(
                "the document's permissions (/P {}) do not allow {} with the user password; use the owner password",
                h.permissions(),
                if opts.existing_field.is_some() { "filling in signature fields" } else { "adding a signature field" }
            )));
        }
    }
    reader.check_xref()?;
    let root_ref = reader
        .trailer()
        .get_ref(b"Root")
        .ok_or_else(|| PdfError::Structure("trailer has no /Root reference".into()))?;
    let mut catalog = reader.catalog()?;
    let docmdp = docmdp_permission(reader)?;
    if docmdp == Some(DocMdp::NoChanges) {
        return Err(not_allowed(
            "the document is certified with 'no changes allowed' (DocMDP P=1); it cannot be signed again",
        ));
    }
    let fields = form_fields(reader)?;
    let has_signatures = fields.iter().any(FormField::is_signed);
    if opts.certify.is_some() && (has_signatures || docmdp.is_some()) {
        return Err(not_allowed("a certification signature must be the first signature of the document"));
    }
    if opts.contents_len == 0 || opts.contents_len > 1 << 24 {
        return Err(PdfError::Unsupported(format!("contents_len {} (must be 1..=16 MiB)", opts.contents_len)));
    }
    let m = crate::pki::time::pdf_date(opts.signing_time_unix, opts.tz_offset_minutes)
        .ok_or_else(|| PdfError::Unsupported("signing time or time zone out of range".into()))?;

    let mut up = IncrementalUpdate::new(reader);
    let sig_ref = up.alloc();
    let max_contents_len = opts.contents_len + CONTENTS_MARGIN;

    // --- signature dictionary -------------------------------------------
    let doc_ts = opts.subfilter == SubFilter::EtsiRfc3161;
    if doc_ts && opts.certify.is_some() {
        return Err(not_allowed("a document time-stamp cannot certify a document"));
    }
    let mut sig = Dict::new();
    sig.insert("Type", Object::name(if doc_ts { "DocTimeStamp" } else { "Sig" }));
    sig.insert("Filter", Object::name("Adobe.PPKLite"));
    sig.insert("SubFilter", Object::name(opts.subfilter.name()));
    sig.insert(
        "ByteRange",
        Object::Array(vec![
            Object::Integer(0),
            Object::Integer(BR_PLACEHOLDER),
            Object::Integer(BR_PLACEHOLDER),
            Object::Integer(BR_PLACEHOLDER),
        ]),
    );
    sig.insert("Contents", Object::hex_string(vec![0u8; max_contents_len]));
    // A document time-stamp's time is its token's; /M and the signer's texts are left out.
    if !doc_ts {
        sig.insert("M", Object::string(m.into_bytes()));
    }
    for (k, v) in [
        (&b"Name"[..], &opts.name),
        (b"Reason", &opts.reason),
        (b"Location", &opts.location),
        (b"ContactInfo", &opts.contact_info),
    ] {
        if let Some(v) = v.as_ref().filter(|_| !doc_ts) {
            sig.insert(k, encode_text_string(v));
        }
    }
    if let Some(p) = opts.certify {
        let mut tp = Dict::new();
        tp.insert("Type", Object::name("TransformParams"));
        tp.insert("P", Object::Integer(p.level()));
        tp.insert("V", Object::name("1.2"));
        let mut sr = Dict::new();
        sr.insert("Type", Object::name("SigRef"));
        sr.insert("TransformMethod", Object::name("DocMDP"));
        sr.insert("TransformParams", Object::Dict(tp));
        sig.insert("Reference", Object::Array(vec![Object::Dict(sr)]));
    }
    up.put(sig_ref, Object::Dict(sig));

    let mut catalog_dirty = false;
    let field_name;
    // The new field to append to /Fields, if any.
    let mut new_field: Option<ObjRef> = None;

    if let Some(existing) = &opts.existing_field {
        let f = fields
            .iter()
            .find(|f| &f.name == existing)
            .ok_or_else(|| not_allowed(format!("signature field '{existing}' does not exist")))?;
        if !f.is_signature_field() {
            return Err(not_allowed(format!("field '{existing}' is not a signature field")));
        }
        if f.is_signed() {
            return Err(not_allowed(format!("signature field '{existing}' is already signed")));
        }
        let fref =
            f.obj_ref.ok_or_else(|| PdfError::Structure(format!("field '{existing}' is not an indirect object")))?;
        let mut fd = f.dict.clone();
        fd.insert("V", Object::Reference(sig_ref));
        if let Some(ap) = &opts.appearance {
            if fd.get_name(b"Subtype") != Some(b"Widget") {
                return Err(PdfError::Unsupported("appearance for a signature field whose widgets are /Kids".into()));
            }
            let apref = put_appearance(&mut up, ap);
            fd.insert("Rect", rect_obj(&ap.rect));
            let mut apd = Dict::new();
            apd.insert("N", Object::Reference(apref));
            fd.insert("AP", Object::Dict(apd));
        }
        up.put(fref, Object::Dict(fd));
        field_name = existing.clone();
    } else {
        let name = match &opts.field_name {
            Some(n) => {
                check_field_name(n)?;
                if fields.iter().any(|f| &f.name == n) {
                    return Err(not_allowed(format!(
                        "a field named '{n}' already exists (use existing_field to sign an empty one)"
                    )));
                }
                n.clone()
            }
            None => (1..)
                .map(|i| format!("Signature{i}"))
                .find(|n| !fields.iter().any(|f| &f.name == n))
                .unwrap_or_else(|| "Signature".into()),
        };
        let pages = reader.pages()?;
        let page_ref = *pages.get(opts.page).ok_or_else(|| {
            PdfError::Structure(format!("page index {} out of range (document has {} pages)", opts.page, pages.len()))
        })?;
        let mut page = as_dict(reader.resolve(page_ref)?, "page")?;
        let widget_ref = up.alloc();
        let mut w = Dict::new();
        w.insert("Type", Object::name("Annot"));
        w.insert("Subtype", Object::name("Widget"));
        w.insert("FT", Object::name("Sig"));
        w.insert("T", encode_text_string(&name));
        w.insert("V", Object::Reference(sig_ref));
        w.insert("F", Object::Integer(132));
        match &opts.appearance {
            None => w.insert("Rect", rect_obj(&[0.0; 4])),
            Some(ap) => {
                let apref = put_appearance(&mut up, ap);
                w.insert("Rect", rect_obj(&ap.rect));
                let mut apd = Dict::new();
                apd.insert("N", Object::Reference(apref));
                w.insert("AP", Object::Dict(apd))
            }
        };
        w.insert("P", Object::Reference(page_ref));
        up.put(widget_ref, Object::Dict(w));
        if append_to_array(reader, &mut up, &mut page, b"Annots", Object::Reference(widget_ref), "page /Annots")? {
            up.put(page_ref, Object::Dict(page));
        }
        new_field = Some(widget_ref);
        field_name = name;
    }

    // --- AcroForm --------------------------------------------------------
    // /SigFlags is only set while the document has no signatures yet:
    // changing it later is a modification earlier signatures forbid.
    let want_sigflags = !has_signatures;
    let update_af = |af: &mut Dict, up: &mut IncrementalUpdate| -> Result<bool> {
        let mut changed = false;
        if let Some(fr) = new_field {
            changed |= append_to_array(reader, up, af, b"Fields", Object::Reference(fr), "AcroForm /Fields")?;
        }
        if want_sigflags && af.get_int(b"SigFlags") != Some(3) {
            af.insert("SigFlags", Object::Integer(3));
            changed = true;
        }
        Ok(changed)
    };
    match catalog.get(b"AcroForm").cloned() {
        Some(Object::Reference(r)) => match reader.resolve(r)? {
            Object::Dict(mut af) => {
                if update_af(&mut af, &mut up)? {
                    up.put(r, Object::Dict(af));
                }
            }
            Object::Null => {
                let mut af = Dict::new();
                update_af(&mut af, &mut up)?;
                af.insert("SigFlags", Object::Integer(3));
                up.put(r, Object::Dict(af));
            }
            o => return Err(PdfError::Structure(format!("/AcroForm {r} is a {}", o.type_name()))),
        },
        Some(Object::Dict(mut af)) => {
            if update_af(&mut af, &mut up)? {
                catalog.insert("AcroForm", Object::Dict(af));
                catalog_dirty = true;
            }
        }
        None | Some(Object::Null) => {
            let mut af = Dict::new();
            update_af(&mut af, &mut up)?;
            af.insert("SigFlags", Object::Integer(3));
            let afref = up.alloc();
            up.put(afref, Object::Dict(af));
            catalog.insert("AcroForm", Object::Reference(afref));
            catalog_dirty = true;
        }
        Some(o) => return Err(PdfError::Structure(format!("catalog /AcroForm is a {}", o.type_name()))),
    }

    // --- certification: catalog /Perms /DocMDP ----------------------------
    if opts.certify.is_some() {
        match catalog.get(b"Perms").cloned() {
            Some(Object::Reference(r)) => {
                let mut perms = match reader.resolve(r)? {
                    Object::Null => Dict::new(),
                    o => as_dict(o, "catalog /Perms")?,
                };
                perms.insert("DocMDP", Object::Reference(sig_ref));
                up.put(r, Object::Dict(perms));
            }
            Some(Object::Dict(mut perms)) => {
                perms.insert("DocMDP", Object::Reference(sig_ref));
                catalog.insert("Perms", Object::Dict(perms));
                catalog_dirty = true;
            }
            _ => {
                let mut perms = Dict::new();
                perms.insert("DocMDP", Object::Reference(sig_ref));
                catalog.insert("Perms", Object::Dict(perms));
                catalog_dirty = true;
            }
        }
    }
    if catalog_dirty {
        up.put(root_ref, Object::Dict(catalog));
    }

    // --- write and patch /ByteRange ------------------------------------------
    let mut appended = Vec::new();
    let info = up.write(reader, &mut appended)?;
    let base = input.len();
    let span =
        info.object_span(sig_ref).ok_or_else(|| PdfError::Structure("signature dictionary not written".into()))?;
    let rel = span.start.saturating_sub(base)..span.end.saturating_sub(base);
    let obj_bytes = appended.get(rel.clone()).ok_or_else(|| PdfError::Structure("signature dictionary span".into()))?;
    let br_key = find(obj_bytes, b"/ByteRange [", 0)
        .ok_or_else(|| PdfError::Structure("/ByteRange placeholder not found".into()))?;
    let br_open = rel.start + br_key + b"/ByteRange ".len();
    let br_close = rel.start
        + find(obj_bytes, b"]", br_key)
            .ok_or_else(|| PdfError::Structure("/ByteRange placeholder not closed".into()))?;
    let c_key = find(obj_bytes, b"/Contents <", br_key)
        .ok_or_else(|| PdfError::Structure("/Contents placeholder not found".into()))?;
    let c_start = rel.start + c_key + b"/Contents ".len();
    let c_end = c_start + 2 * max_contents_len + 2;
    let ok = appended.get(c_start) == Some(&b'<')
        && appended.get(c_end - 1) == Some(&b'>')
        && appended.get(c_start + 1..c_end - 1).is_some_and(|h| h.iter().all(|&b| b == b'0'));
    if !ok {
        return Err(PdfError::Structure("/Contents placeholder is not where expected".into()));
    }
    let total = base + appended.len();
    let byte_range = [0, base + c_start, base + c_end, total - (base + c_end)];
    let text = format!("[0 {} {} {}", byte_range[1], byte_range[2], byte_range[3]);
    let width = br_close - br_open; // "[0 9999999999 9999999999 9999999999"
    debug_assert_eq!(width, 3 + 3 * (BR_DIGITS + 1) - 1);
    if text.len() > width {
        return Err(PdfError::Limit { what: "file too large for the /ByteRange placeholder", offset: total });
    }
    let slot =
        appended.get_mut(br_open..br_close).ok_or_else(|| PdfError::Structure("/ByteRange placeholder span".into()))?;
    slot.fill(b' ');
    slot[..text.len()].copy_from_slice(text.as_bytes());

    Ok(PreparedSignature {
        input_len: base,
        appended,
        contents: c_start..c_end,
        byte_range,
        max_contents_len,
        sig_dict_ref: sig_ref,
        field_name,
    })
}

fn rect_obj(r: &[f64; 4]) -> Object {
    Object::Array(
        r.iter()
            .map(|&v| if v.fract() == 0.0 && v.abs() < 1e15 { Object::Integer(v as i64) } else { Object::Real(v) })
            .collect(),
    )
}

fn put_appearance(up: &mut IncrementalUpdate, ap: &Appearance) -> ObjRef {
    let r = up.alloc();
    let w = (ap.rect[2] - ap.rect[0]).abs();
    let h = (ap.rect[3] - ap.rect[1]).abs();
    let mut d = Dict::new();
    d.insert("Type", Object::name("XObject"));
    d.insert("Subtype", Object::name("Form"));
    d.insert("BBox", rect_obj(&[0.0, 0.0, w, h]));
    let resources = hoist_indirect(up, Object::Dict(ap.resources.clone()), 0);
    d.insert("Resources", resources);
    up.put(r, Object::Stream(Stream::new(d, ap.stream.clone())));
    r
}

/// Write streams (which cannot be direct objects) and dictionaries with
/// `/Type /Font` or `/Type /FontDescriptor` (which should be indirect)
/// nested in `obj` as new indirect objects, innermost first, and replace
/// them with references. The top-level object itself stays direct.
fn hoist_indirect(up: &mut IncrementalUpdate, obj: Object, depth: usize) -> Object {
    if depth > 32 {
        return obj;
    }
    let hoist_values = |d: &mut Dict, up: &mut IncrementalUpdate| {
        for (_, v) in d.iter_mut() {
            let o = std::mem::replace(v, Object::Null);
            *v = hoist_indirect(up, o, depth + 1);
        }
    };
    match obj {
        Object::Array(a) => Object::Array(a.into_iter().map(|o| hoist_indirect(up, o, depth + 1)).collect()),
        Object::Dict(mut d) => {
            hoist_values(&mut d, up);
            let indirect = matches!(d.get_name(b"Type"), Some(b"Font" | b"FontDescriptor"));
            if depth > 0 && indirect {
                let r = up.alloc();
                up.put(r, Object::Dict(d));
                Object::Reference(r)
            } else {
                Object::Dict(d)
            }
        }
        Object::Stream(mut s) => {
            hoist_values(&mut s.dict, up);
            let r = up.alloc();
            up.put(r, Object::Stream(s));
            Object::Reference(r)
        }
        o => o,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text() {
        assert_eq!(encode_text_string("abc"), Object::string(b"abc".to_vec()));
        let o = encode_text_string("Phê");
        assert_eq!(o.as_str_bytes().unwrap(), &[0xFE, 0xFF, 0, b'P', 0, b'h', 0, 0xEA]);
        assert_eq!(crate::pdf::syntax::text::decode_text_string(o.as_str_bytes().unwrap()), "Phê");
    }
}
