//! Dereferencing and checking one `Reference`: the URI (same-document `""`, `#id`,
//! `#xpointer(/)`, `#xpointer(id('x'))`, or a detached file), the transforms, the digest.
//!
//! Detached files are looked up in the folder of the signature file, or where
//! `--content DIR|FILE` says, and never outside it: no absolute paths, no `..`, no
//! symbolic link leading out, no network. What cannot be found is
//! [`RefStatus::NotFound`] (SIGNED_DATA_NOT_FOUND), never a failure.

use std::path::{Path, PathBuf};

use roxmltree::{Document, Node};

use super::c14n::NodeSet;
use super::dsig::{self, IdLookup, IdRegistry};
use super::limits::MAX_TRANSFORMS;
use super::transforms::{self, Outcome, RefData, Transform, TransformError};
use crate::pki::alg::DigestAlg;

/// Largest detached file read into memory for transforms (hashing without transforms
/// streams any size within the byte budget).
pub const MAX_DETACHED_IN_MEMORY: u64 = 256 << 20;

/// How a reference came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefStatus {
    /// The digest matches.
    Ok,
    /// The recomputed digest differs from `DigestValue`.
    DigestMismatch,
    /// The referenced data could not be found (SIGNED_DATA_NOT_FOUND).
    NotFound(String),
    /// A URI form, transform or algorithm kyso does not process.
    Unsupported(String),
    /// A safety limit (the detail names it and its option).
    Limit(String),
    /// The reference or its data is malformed (data a transform rejects).
    Malformed(String),
    /// The referenced ID is carried by several elements (signature wrapping).
    DuplicateId(String),
}

/// Where detached references are looked for.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// `--content DIR|FILE`.
    pub given: Option<PathBuf>,
    /// The folder of the signature file.
    pub base_dir: Option<PathBuf>,
}

/// A reference's result, with what it covers for the layout checks.
pub struct Checked<'a, 'i> {
    pub uri: String,
    pub status: RefStatus,
    pub target: Option<Node<'a, 'i>>,
    /// `URI=""` or `#xpointer(/)`.
    pub whole: bool,
    /// The node-set before canonicalization (same-document references).
    pub set: Option<NodeSet<'a, 'i>>,
    /// A detached file that was read.
    pub file: Option<PathBuf>,
    pub digest: Option<DigestAlg>,
    pub outcome: Outcome,
}

/// The document-wide things a reference needs.
pub struct Env<'a, 'i, 'c> {
    pub doc: &'a Document<'i>,
    pub registry: &'c IdRegistry<'a, 'i>,
    pub content: &'c Content,
    /// The number of detached references of the signature (a single `--content FILE`
    /// serves a lone one whatever its name).
    pub detached_refs: usize,
}

fn parse_xpointer_id(frag: &str) -> Option<&str> {
    let inner = frag.strip_prefix("xpointer(id(")?.strip_suffix("))")?;
    let q = inner.chars().next()?;
    if q != '\'' && q != '"' {
        return None;
    }
    inner.strip_prefix(q)?.strip_suffix(q)
}

/// Check one `Reference` (`rf` in the canonical SignedInfo, `rf_dom` the same element in
/// the signature's document). `budget`: bytes still allowed for this document.
pub fn check<'a, 'i>(
    env: &Env<'a, 'i, '_>,
    sig: Node<'a, 'i>,
    rf: Node,
    rf_dom: Option<Node<'a, 'i>>,
    budget: &mut u64,
) -> Checked<'a, 'i> {
    let uri = rf.attribute("URI");
    let mut out = Checked {
        uri: uri.unwrap_or("").to_string(),
        status: RefStatus::Ok,
        target: None,
        whole: false,
        set: None,
        file: None,
        digest: None,
        outcome: Outcome::default(),
    };
    let Some(uri) = uri else {
        out.status = RefStatus::NotFound("a Reference without URI: the application must supply the data".into());
        return out;
    };
    // transforms
    let mut list = Vec::new();
    if let Some(ts) = dsig::ds_child(rf, "Transforms") {
        let els: Vec<Node> = dsig::child_elements(ts).collect();
        let doms: Vec<Node> = rf_dom
            .and_then(|r| dsig::ds_child(r, "Transforms"))
            .map(|t| dsig::child_elements(t).collect())
            .unwrap_or_default();
        if els.len() > MAX_TRANSFORMS {
            out.status = RefStatus::Limit(format!("more than {MAX_TRANSFORMS} transforms (fixed limit)"));
            return out;
        }
        for (k, t) in els.iter().enumerate() {
            if !dsig::is_ds(*t, "Transform") {
                out.status = RefStatus::Malformed("unexpected element in Transforms".into());
                return out;
            }
            match transforms::parse(*t, doms.get(k).copied()) {
                Ok(t) => list.push(t),
                Err(u) => {
                    out.status = RefStatus::Unsupported(format!("transform {u}"));
                    return out;
                }
            }
        }
    }
    let dm_uri = dsig::ds_child(rf, "DigestMethod").and_then(|n| n.attribute("Algorithm")).unwrap_or("");
    let Some(dm) = dsig::digest_from_uri(dm_uri) else {
        out.status = RefStatus::Unsupported(format!("DigestMethod {dm_uri}"));
        return out;
    };
    out.digest = Some(dm);
    let expected = match dsig::ds_child(rf, "DigestValue")
        .ok_or_else(|| "no DigestValue".to_string())
        .and_then(|n| dsig::b64_decode(&dsig::text_content(n)))
    {
        Ok(v) => v,
        Err(e) => {
            out.status = RefStatus::Malformed(e);
            return out;
        }
    };

    // dereference
    let (data, keep_comments) = if uri.is_empty() {
        (RefData::Whole(env.doc), false)
    } else if let Some(frag) = uri.strip_prefix('#') {
        let (id, keep) = if frag == "xpointer(/)" {
            (None, true)
        } else if let Some(id) = parse_xpointer_id(frag) {
            (Some(id), true)
        } else if frag.starts_with("xpointer(") || frag.is_empty() {
            out.status = RefStatus::Unsupported(format!("XPointer {uri:?}"));
            return out;
        } else {
            (Some(frag), false)
        };
        match id {
            None => (RefData::Whole(env.doc), keep),
            Some(id) => match env.registry.get(id) {
                IdLookup::Found(n) => (RefData::Subtree(n), keep),
                IdLookup::NotFound => {
                    out.status = RefStatus::NotFound(format!(
                        "no element has the ID {id:?} (give --id-attr if the document uses another ID attribute)"
                    ));
                    return out;
                }
                IdLookup::Duplicate(k) => {
                    out.status = RefStatus::DuplicateId(format!("the ID {id:?} is carried by {k} elements"));
                    return out;
                }
            },
        }
    } else {
        return detached(env, uri, &list, dm, &expected, budget, out);
    };
    match &data {
        RefData::Whole(_) => out.whole = true,
        RefData::Subtree(n) => out.target = Some(*n),
        RefData::Octets(_) => {}
    }
    // a whole-document reference without anything removing its own Signature digests
    // its own SignatureValue: it cannot match by construction, so the signer meant some
    // other data (a detached file written with an empty URI)
    if out.whole && !list.iter().any(|t| !matches!(t, Transform::C14n(..))) {
        if let Some(f) = env.content.given.as_ref().filter(|f| f.is_file()) {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
            out.whole = false;
            return detached(env, &name, &list, dm, &expected, budget, out);
        }
        out.status = RefStatus::NotFound(
            "URI=\"\" without an enveloped-signature transform covers this Signature itself, so the signed data \
             must be another file: give it with --content FILE"
                .into(),
        );
        return out;
    }
    digest_data(data, keep_comments, &list, sig, dm, &expected, budget, &mut out);
    out
}

#[allow(clippy::too_many_arguments)]
fn digest_data<'a, 'i>(
    data: RefData<'a, 'i>,
    keep_comments: bool,
    list: &[Transform<'a, 'i>],
    sig: Node<'a, 'i>,
    dm: DigestAlg,
    expected: &[u8],
    budget: &mut u64,
    out: &mut Checked<'a, 'i>,
) {
    match transforms::reference_octets_and_set(data, keep_comments, list, sig, *budget, &mut out.outcome) {
        Ok((octets, set)) => {
            out.set = set;
            *budget = budget.saturating_sub(out.outcome.bytes);
            out.status = if dm.digest(&octets) == expected { RefStatus::Ok } else { RefStatus::DigestMismatch };
        }
        Err(e) => {
            *budget = budget.saturating_sub(out.outcome.bytes);
            out.status = match e {
                TransformError::Unsupported(m) => RefStatus::Unsupported(m),
                TransformError::Malformed(m) => RefStatus::Malformed(m),
                TransformError::Limit(m) => RefStatus::Limit(format!(
                    "{m}: the references of one document may produce at most the reference-bytes budget \
                     (raise it with --max-reference-bytes)"
                )),
            };
        }
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Resolve a detached URI to a file inside the allowed folder.
pub fn resolve(content: &Content, uri: &str, detached_refs: usize) -> Result<PathBuf, String> {
    let lower = uri.to_ascii_lowercase();
    if let Some((scheme, _)) = lower.split_once(':')
        && scheme.len() > 1
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return Err(format!(
            "{uri:?} is not fetched ({scheme}: URIs are never followed); give the content with --content"
        ));
    }
    if uri.contains('#') || uri.contains('?') {
        return Err(format!("{uri:?}: fragments and queries in detached references are not supported"));
    }
    let decoded = percent_decode(uri).ok_or_else(|| format!("{uri:?} is not a valid URI"))?;
    let rel = Path::new(&decoded);
    let bad_part =
        rel.components().any(|c| !matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir));
    if decoded.is_empty() || rel.is_absolute() || bad_part || decoded.contains('\\') || decoded.contains('\0') {
        return Err(format!("{uri:?} leaves the signature's folder; only files inside it (or --content) are read"));
    }
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let (base, file): (PathBuf, PathBuf) = match &content.given {
        Some(f) if f.is_file() => {
            let fname = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if fname == name || detached_refs == 1 {
                let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
                (if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir }, f.clone())
            } else {
                return Err(format!("{uri:?} is not the --content file {}", f.display()));
            }
        }
        Some(d) => (d.clone(), d.join(rel)),
        None => match &content.base_dir {
            Some(d) => (d.clone(), d.join(rel)),
            None => return Err(format!("{uri:?}: no folder to look in (give --content)")),
        },
    };
    let base = std::fs::canonicalize(&base).map_err(|e| format!("{}: {e}", base.display()))?;
    let real = std::fs::canonicalize(&file).map_err(|_| format!("{uri:?} was not found in {}", base.display()))?;
    if content.given.as_ref().is_none_or(|g| !g.is_file()) && !real.starts_with(&base) {
        return Err(format!("{uri:?} resolves outside {} (a symbolic link?)", base.display()));
    }
    if !real.is_file() {
        return Err(format!("{uri:?} is not a regular file"));
    }
    Ok(real)
}

fn detached<'a, 'i>(
    env: &Env<'a, 'i, '_>,
    uri: &str,
    list: &[Transform<'a, 'i>],
    dm: DigestAlg,
    expected: &[u8],
    budget: &mut u64,
    mut out: Checked<'a, 'i>,
) -> Checked<'a, 'i> {
    let path = match resolve(env.content, uri, env.detached_refs) {
        Ok(p) => p,
        Err(m) => {
            out.status = RefStatus::NotFound(m);
            return out;
        }
    };
    let len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    if len > *budget {
        out.status = RefStatus::Limit(format!(
            "{uri:?} is {len} bytes, over the reference-bytes budget left ({budget} bytes; raise it with --max-reference-bytes)"
        ));
        return out;
    }
    out.file = Some(path.clone());
    *budget -= len;
    if list.is_empty() {
        // stream the file
        let read = std::fs::File::open(&path).and_then(|f| crate::pki::alg::digest_reader(f, &[dm]));
        match read {
            Ok(d) => {
                let ok = d.first().is_some_and(|(_, v)| v.as_slice() == expected);
                out.status = if ok { RefStatus::Ok } else { RefStatus::DigestMismatch };
            }
            Err(e) => out.status = RefStatus::NotFound(format!("{}: {e}", path.display())),
        }
        return out;
    }
    if len > MAX_DETACHED_IN_MEMORY {
        out.status = RefStatus::Limit(format!(
            "{uri:?} needs transforms and is larger than {MAX_DETACHED_IN_MEMORY} bytes (fixed limit)"
        ));
        return out;
    }
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            out.status = RefStatus::NotFound(format!("{}: {e}", path.display()));
            return out;
        }
    };
    // the enveloped transform has no meaning for another document
    if list.iter().any(|t| matches!(t, Transform::Enveloped)) {
        out.status = RefStatus::Unsupported("enveloped-signature transform on a detached file".into());
        return out;
    }
    let sig = env.doc.root();
    digest_data(RefData::Octets(bytes), false, list, sig, dm, expected, budget, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_stays_inside() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a b.txt"), "x").unwrap();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/c.txt"), "y").unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "s").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path().join("secret"), d.join("link")).unwrap();
        let c = Content { given: None, base_dir: Some(d.to_path_buf()) };
        assert!(resolve(&c, "a%20b.txt", 1).is_ok());
        assert!(resolve(&c, "./sub/c.txt", 1).is_ok());
        for bad in
            ["../x", "/etc/passwd", "http://example.org/a", "file:///etc/passwd", "sub/../a b.txt", "nope.txt", "sub"]
        {
            assert!(resolve(&c, bad, 1).is_err(), "{bad}");
        }
        #[cfg(unix)]
        assert!(resolve(&c, "link", 1).unwrap_err().contains("outside"));
        let f = Content { given: Some(d.join("sub/c.txt")), base_dir: None };
        assert!(resolve(&f, "c.txt", 2).is_ok());
        assert!(resolve(&f, "other.txt", 1).is_ok());
        assert!(resolve(&f, "other.txt", 2).is_err());
    }
}
