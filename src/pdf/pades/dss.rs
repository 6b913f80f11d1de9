//! The Document Security Store (ETSI EN 319 142-1 §5.4.2, ISO 32000-2 §12.8.4.3): the
//! catalog's `/DSS` with the certificates, CRLs and OCSP responses that validate the
//! document's signatures, as streams in `/Certs`, `/CRLs` and `/OCSPs`, and per
//! signature a `/VRI` entry keyed by the upper-case hex SHA-1 of its `/Contents`.
//!
//! Written as one incremental revision; an existing DSS is kept and extended (no item
//! twice: existing streams are compared by their decoded bytes).

use std::collections::HashMap;

use sha1::Digest;

use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::object::{Dict, ObjRef, Object, Stream};
use crate::pdf::syntax::reader::PdfReader;
use crate::pdf::syntax::writer::IncrementalUpdate;
use crate::revocation::gather::Evidence;

/// Largest existing DSS item read back for comparison.
const MAX_ITEM: usize = 64 << 20;

/// One signature's validation data, for its `/VRI` entry.
#[derive(Debug, Clone)]
pub struct VriEntry {
    /// The signature's `/Contents` bytes (as in the file, padding included).
    pub contents: Vec<u8>,
    pub evidence: Evidence,
}

/// The VRI key of a signature: upper-case hex SHA-1 of its `/Contents` bytes.
pub fn vri_key(contents: &[u8]) -> String {
    hex::encode_upper(sha1::Sha1::digest(contents))
}

/// The three item arrays of a DSS (and of a VRI entry).
const KINDS: [(&[u8], &[u8]); 3] = [(b"Certs", b"Cert"), (b"CRLs", b"CRL"), (b"OCSPs", b"OCSP")];

fn items(ev: &Evidence, kind: usize) -> &[Vec<u8>] {
    match kind {
        0 => &ev.certs,
        1 => &ev.crls,
        _ => &ev.ocsps,
    }
}

fn resolve_dict(reader: &PdfReader, o: Option<&Object>) -> Result<Option<Dict>> {
    Ok(match o {
        None => None,
        Some(o) => match reader.get(o)? {
            Object::Dict(d) => Some(d),
            Object::Null => None,
            other => {
                return Err(PdfError::Structure(format!("/DSS entry is a {}, not a dictionary", other.type_name())));
            }
        },
    })
}

/// Append a revision adding `all` to the document's DSS, with a VRI entry per
/// signature. Returns the bytes to append to `reader.data()`.
pub fn append_dss(reader: &PdfReader, all: &Evidence, vri: &[VriEntry]) -> Result<Vec<u8>> {
    reader.check_xref()?;
    let root_ref = reader
        .trailer()
        .get_ref(b"Root")
        .ok_or_else(|| PdfError::Structure("trailer has no /Root reference".into()))?;
    let mut catalog = reader.catalog()?;
    let dss_ref = catalog.get(b"DSS").and_then(Object::as_reference);
    let mut dss = resolve_dict(reader, catalog.get(b"DSS"))?.unwrap_or_default();
    let mut up = IncrementalUpdate::new(reader);

    // Existing items, by their bytes.
    let mut known: [HashMap<Vec<u8>, ObjRef>; 3] = Default::default();
    let mut arrays: [Vec<Object>; 3] = Default::default();
    for (k, (key, _)) in KINDS.iter().enumerate() {
        let Some(o) = dss.get(key) else { continue };
        let arr = match reader.get(o)? {
            Object::Array(a) => a,
            _ => continue,
        };
        for item in arr {
            if let Some(r) = item.as_reference()
                && let Ok(Object::Stream(s)) = reader.resolve(r)
                && let Ok(data) = reader.stream_data_capped(&s, MAX_ITEM)
            {
                known[k].insert(data, r);
            }
            arrays[k].push(item);
        }
    }
    let mut refer = |up: &mut IncrementalUpdate, k: usize, der: &[u8], arrays: &mut [Vec<Object>; 3]| -> ObjRef {
        if let Some(r) = known[k].get(der) {
            return *r;
        }
        let r = up.alloc();
        up.put(r, Object::Stream(Stream::new(Dict::new(), der.to_vec())));
        known[k].insert(der.to_vec(), r);
        arrays[k].push(Object::Reference(r));
        r
    };
    for k in 0..3 {
        for der in items(all, k) {
            refer(&mut up, k, der, &mut arrays);
        }
    }
    let mut vri_dict = resolve_dict(reader, dss.get(b"VRI"))?.unwrap_or_default();
    for entry in vri {
        let mut d = Dict::new();
        for (k, (_, key)) in KINDS.iter().enumerate() {
            let refs: Vec<Object> = items(&entry.evidence, k)
                .iter()
                .map(|der| Object::Reference(refer(&mut up, k, der, &mut arrays)))
                .collect();
            if !refs.is_empty() {
                d.insert(*key, Object::Array(refs));
            }
        }
        vri_dict.insert(vri_key(&entry.contents).into_bytes(), Object::Dict(d));
    }
    for (k, (key, _)) in KINDS.iter().enumerate() {
        if !arrays[k].is_empty() {
            dss.insert(*key, Object::Array(std::mem::take(&mut arrays[k])));
        }
    }
    if !vri_dict.is_empty() {
        dss.insert("VRI", Object::Dict(vri_dict));
    }
    dss.insert("Type", Object::name("DSS"));
    match dss_ref {
        Some(r) => up.put(r, Object::Dict(dss)),
        None => {
            let r = up.alloc();
            up.put(r, Object::Dict(dss));
            catalog.insert("DSS", Object::Reference(r));
            up.put(root_ref, Object::Dict(catalog));
        }
    }
    let mut appended = Vec::new();
    up.write(reader, &mut appended)?;
    Ok(appended)
}
