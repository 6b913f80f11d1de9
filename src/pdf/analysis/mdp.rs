//! Modification detection and prevention (ISO 32000-1 §12.8.2): the one DocMDP type of
//! the crate ([`DocMdp`], used by signing and by verification) and FieldMDP locks
//! ([`FieldLock`]), read from signature dictionaries (`/Reference`) and from signature
//! fields (`/Lock`).

use serde::Serialize;

use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::object::{Dict, Object};
use crate::pdf::syntax::reader::PdfReader;

use crate::pdf::syntax::text::decode_text_string;

/// Most `/Reference` entries and locked field names read from one dictionary.
const MAX_REFERENCES: usize = 64;
const MAX_LOCKED_NAMES: usize = 10_000;

/// The DocMDP permission of a certification signature (ISO 32000-1 Table 254, `/P`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocMdp {
    /// P=1: no changes except DSS and document timestamps.
    NoChanges = 1,
    /// P=2: filling in forms and signing.
    FormFill = 2,
    /// P=3: P=2 plus annotations.
    Annotate = 3,
}

impl DocMdp {
    /// `/P` as written: absent means 2 (the spec's default); a value outside 1..=3 is
    /// taken as the strictest (1), since kyso cannot know what the signer meant.
    pub fn from_p(p: Option<i64>) -> DocMdp {
        match p {
            None | Some(2) => DocMdp::FormFill,
            Some(3) => DocMdp::Annotate,
            Some(_) => DocMdp::NoChanges,
        }
    }

    /// The `/P` value.
    pub fn level(self) -> i64 {
        self as i64
    }

    /// The stricter of two permissions (`None` = not certified).
    pub fn strictest(a: Option<DocMdp>, b: Option<DocMdp>) -> Option<DocMdp> {
        match (a, b) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, None) => x,
            (None, y) => y,
        }
    }
}

/// Which fields a FieldMDP transform or a `/Lock` dictionary locks (ISO 32000-1 Table 255
/// and Table 233): once the signature is applied, these fields may not change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldLock {
    /// `/Action /All`, and any action kyso does not know (fail closed).
    All,
    /// `/Action /Include /Fields [...]`: the listed fields and their descendants.
    Include(Vec<String>),
    /// `/Action /Exclude /Fields [...]`: every field except the listed ones.
    Exclude(Vec<String>),
}

impl FieldLock {
    /// Whether the fully qualified field `name` is locked.
    pub fn locks(&self, name: &str) -> bool {
        let listed = |names: &[String]| {
            names.iter().any(|f| name == f || name.strip_prefix(f.as_str()).is_some_and(|rest| rest.starts_with('.')))
        };
        match self {
            FieldLock::All => true,
            FieldLock::Include(names) => listed(names),
            FieldLock::Exclude(names) => !listed(names),
        }
    }
}

/// What a signature dictionary's `/Reference` array says: its DocMDP permission (a
/// certification signature) and its FieldMDP locks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignatureReferences {
    pub docmdp: Option<DocMdp>,
    pub locks: Vec<FieldLock>,
}

/// Read a signature dictionary's `/Reference` entries (DocMDP and FieldMDP transforms).
pub fn signature_references(reader: &PdfReader, sig: &Dict) -> Result<SignatureReferences> {
    let mut out = SignatureReferences::default();
    let refs = match sig.get(b"Reference") {
        Some(o) => reader.get(o)?,
        None => return Ok(out),
    };
    let Some(refs) = refs.as_array() else { return Ok(out) };
    for item in refs.iter().take(MAX_REFERENCES) {
        let item = reader.get(item)?;
        let Some(d) = item.as_dict() else { continue };
        let method = match d.get(b"TransformMethod") {
            Some(o) => reader.get(o)?,
            None => continue,
        };
        let params = match d.get(b"TransformParams") {
            Some(o) => reader.get(o)?,
            None => Object::Null,
        };
        let params = params.as_dict().cloned().unwrap_or_default();
        match method.as_name() {
            Some(b"DocMDP") => {
                let p = match params.get(b"P") {
                    Some(o) => reader.get(o)?.as_int(),
                    None => None,
                };
                out.docmdp = DocMdp::strictest(out.docmdp, Some(DocMdp::from_p(p)));
            }
            Some(b"FieldMDP") => out.locks.push(lock_of(reader, &params)?),
            _ => {}
        }
    }
    Ok(out)
}

/// A signature field's `/Lock` dictionary: its FieldMDP lock, and the DocMDP
/// permission its `/P` grants (PDF 2.0), if any.
pub fn field_lock(reader: &PdfReader, field: &Dict) -> Result<(Option<FieldLock>, Option<DocMdp>)> {
    let lock = match field.get(b"Lock") {
        Some(o) => reader.get(o)?,
        None => return Ok((None, None)),
    };
    let Some(lock) = lock.as_dict() else { return Ok((None, None)) };
    let p = match lock.get(b"P") {
        Some(o) => Some(DocMdp::from_p(reader.get(o)?.as_int())),
        None => None,
    };
    let fl = if lock.contains_key(b"Action") { Some(lock_of(reader, lock)?) } else { None };
    Ok((fl, p))
}

/// `/Action` and `/Fields` of a FieldMDP transform or a lock dictionary.
fn lock_of(reader: &PdfReader, d: &Dict) -> Result<FieldLock> {
    let action = match d.get(b"Action") {
        Some(o) => reader.get(o)?,
        None => Object::Null,
    };
    let mut names = Vec::new();
    if let Some(o) = d.get(b"Fields")
        && let Some(a) = reader.get(o)?.as_array()
    {
        for n in a.iter().take(MAX_LOCKED_NAMES) {
            if let Some(s) = reader.get(n)?.as_str_bytes() {
                names.push(decode_text_string(s));
            }
        }
    }
    Ok(match action.as_name() {
        Some(b"Include") => FieldLock::Include(names),
        Some(b"Exclude") => FieldLock::Exclude(names),
        _ => FieldLock::All,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p_values() {
        assert_eq!(DocMdp::from_p(None), DocMdp::FormFill);
        assert_eq!(DocMdp::from_p(Some(1)), DocMdp::NoChanges);
        assert_eq!(DocMdp::from_p(Some(3)), DocMdp::Annotate);
        assert_eq!(DocMdp::from_p(Some(7)), DocMdp::NoChanges);
        assert_eq!(DocMdp::strictest(Some(DocMdp::Annotate), Some(DocMdp::FormFill)), Some(DocMdp::FormFill));
        assert_eq!(DocMdp::strictest(None, Some(DocMdp::Annotate)), Some(DocMdp::Annotate));
    }

    #[test]
    fn locks() {
        let inc = FieldLock::Include(vec!["A".into(), "B.c".into()]);
        assert!(inc.locks("A") && inc.locks("A.x") && inc.locks("B.c") && inc.locks("B.c.d"));
        assert!(!inc.locks("AB") && !inc.locks("B") && !inc.locks("B.cd"));
        let exc = FieldLock::Exclude(vec!["A".into()]);
        assert!(!exc.locks("A") && !exc.locks("A.b") && exc.locks("B"));
        assert!(FieldLock::All.locks("anything"));
    }
}
