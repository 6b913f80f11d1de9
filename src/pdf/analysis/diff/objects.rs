//! Objects as each revision sees them, parsed once: the analysis resolves an object
//! through [`Objects`], which caches it by where it is stored (so the same bytes are
//! parsed once however many revisions see them), counts every step against one global
//! work budget, and builds per revision the index of who refers to what ([`Usages`]).

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::object::{Dict, ObjRef, Object};
use crate::pdf::syntax::reader::{Location, PdfReader};

/// Default global work budget of one document's revision analysis, in object visits
/// (each resolution, comparison step and graph step counts one). Raised per run with
/// `kyso verify --pdf-work-limit N` ([`crate::verify::VerifyOptions::pdf_work_limit`]).
pub const DEFAULT_WORK_LIMIT: u64 = 20_000_000;

/// The `what` of the [`PdfError::Limit`] raised when the budget is spent.
pub const WORK_LIMIT: &str = "revision analysis work budget (--pdf-work-limit)";

/// Trailer keys that describe the cross-reference section, not the document.
const XREF_KEYS: [&[u8]; 9] =
    [b"Type", b"W", b"Index", b"Length", b"Filter", b"DecodeParms", b"Prev", b"XRefStm", b"Size"];

/// Where an object's bytes are, in one revision's view: two views that agree on this
/// see the same object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stored {
    Absent,
    Direct {
        r#gen: u16,
        offset: usize,
    },
    /// In an object stream (its own location included: rewriting the stream rewrites
    /// every object in it).
    Packed {
        stream: u32,
        index: u32,
        container: Option<(u16, usize)>,
    },
}

/// An object, where it is stored, and where its indirect /Length is stored.
type CacheKey = (ObjRef, Stored, Option<Stored>);

/// Who holds a reference: the trailer or an indirect object (with the first key under
/// which the reference sits, empty inside arrays).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Holder {
    Trailer(Vec<u8>),
    Object(ObjRef, Vec<u8>),
}

/// Every object reachable from a revision's trailer, and who refers to each.
#[derive(Debug, Default)]
pub struct Usages {
    pub reachable: HashSet<ObjRef>,
    holders: HashMap<ObjRef, Vec<Holder>>,
}

impl Usages {
    /// The places that refer to `r` (each once).
    pub fn holders(&self, r: ObjRef) -> &[Holder] {
        self.holders.get(&r).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The objects of every revision, resolved through one cache and one budget.
pub struct Objects<'r, 'a> {
    pub reader: &'r PdfReader<'a>,
    used: Cell<u64>,
    limit: u64,
    /// Keyed by where the object is stored and, for a stream whose /Length is indirect
    /// (or an object in such an object stream), where that length is stored: the same
    /// bytes parse differently when only the length object is redefined.
    cache: RefCell<HashMap<CacheKey, Rc<Object>>>,
    /// The indirect /Length a stream stored at a place depends on.
    length_of: RefCell<HashMap<(ObjRef, Stored), ObjRef>>,
    usages: RefCell<HashMap<usize, Rc<Usages>>>,
    null: Rc<Object>,
}

impl<'r, 'a> Objects<'r, 'a> {
    pub fn new(reader: &'r PdfReader<'a>, limit: u64) -> Self {
        Objects {
            reader,
            used: Cell::new(0),
            limit,
            cache: RefCell::new(HashMap::new()),
            length_of: RefCell::new(HashMap::new()),
            usages: RefCell::new(HashMap::new()),
            null: Rc::new(Object::Null),
        }
    }

    /// Count one unit of work; fails once the budget is spent.
    pub fn tick(&self) -> Result<()> {
        let n = self.used.get() + 1;
        self.used.set(n);
        if n > self.limit { Err(PdfError::Limit { what: WORK_LIMIT, offset: 0 }) } else { Ok(()) }
    }

    /// Work done so far.
    pub fn used(&self) -> u64 {
        self.used.get()
    }

    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Where object `num` is stored in revision `rev`'s view.
    pub fn stored(&self, num: u32, rev: usize) -> Stored {
        match self.reader.location_in_revision(num, rev) {
            None | Some((_, Location::Free { .. })) => Stored::Absent,
            Some((r#gen, Location::InUse { offset })) => Stored::Direct { r#gen, offset },
            Some((_, Location::Compressed { stream, index })) => {
                let container = match self.reader.location_in_revision(stream, rev) {
                    Some((g, Location::InUse { offset })) => Some((g, offset)),
                    _ => None,
                };
                Stored::Packed { stream, index, container }
            }
        }
    }

    /// The object exists (is in use with this generation) in `rev`.
    pub fn exists(&self, r: ObjRef, rev: usize) -> bool {
        match self.stored(r.num, rev) {
            Stored::Direct { r#gen, .. } => r#gen == r.r#gen,
            Stored::Packed { .. } => r.r#gen == 0,
            Stored::Absent => false,
        }
    }

    /// The two revisions see different bytes for object `num`.
    pub fn changed(&self, num: u32, old: usize, new: usize) -> bool {
        self.stored(num, old) != self.stored(num, new)
    }

    /// Resolve `r` as revision `rev` sees it (null when absent or freed). Two revisions
    /// get the same `Rc` exactly when they read the same bytes the same way.
    pub fn resolve(&self, r: ObjRef, rev: usize) -> Result<Rc<Object>> {
        self.tick()?;
        let at = self.stored(r.num, rev);
        let present = match at {
            Stored::Absent => false,
            Stored::Direct { r#gen, .. } => r#gen == r.r#gen,
            Stored::Packed { .. } => r.r#gen == 0,
        };
        if !present {
            return Ok(self.null.clone());
        }
        // What the parse depends on besides the object's own bytes: its indirect
        // /Length, or its object stream's.
        let holder = match at {
            Stored::Packed { stream, container: Some((g, _)), .. } => {
                let c = ObjRef::new(stream, g);
                self.resolve(c, rev)?;
                Some((c, self.stored(stream, rev)))
            }
            _ => None,
        };
        let dep_of = |key: (ObjRef, Stored)| self.length_of.borrow().get(&key).map(|l| self.stored(l.num, rev));
        let dep = dep_of(holder.unwrap_or((r, at)));
        if let Some(o) = self.cache.borrow().get(&(r, at, dep)) {
            return Ok(o.clone());
        }
        let o = Rc::new(self.reader.resolve_in_revision(r, rev)?);
        if holder.is_none()
            && let Object::Stream(s) = &*o
            && let Some(Object::Reference(l)) = s.dict.get(b"Length")
        {
            self.length_of.borrow_mut().insert((r, at), *l);
        }
        let dep = dep_of(holder.unwrap_or((r, at)));
        self.cache.borrow_mut().insert((r, at, dep), o.clone());
        Ok(o)
    }

    /// Follow one reference, or clone a direct object.
    pub fn get(&self, o: &Object, rev: usize) -> Result<Rc<Object>> {
        match o {
            Object::Reference(r) => self.resolve(*r, rev),
            o => Ok(Rc::new(o.clone())),
        }
    }

    /// A dictionary (or a stream's dictionary) behind `o`, if it is one.
    pub fn dict(&self, o: Option<&Object>, rev: usize) -> Result<Option<Dict>> {
        Ok(match o {
            Some(o) => self.get(o, rev)?.as_dict().cloned(),
            None => None,
        })
    }

    /// The trailer as revision `rev`'s view has it: its own section's document keys,
    /// with /Root, /Info, /ID and /Encrypt inherited from older sections when missing.
    pub fn trailer(&self, rev: usize) -> Dict {
        let revs = self.reader.revisions();
        let mut t = revs.get(rev).map(|r| r.trailer.clone()).unwrap_or_default();
        for k in XREF_KEYS {
            t.remove(k);
        }
        for older in revs.get(..rev).unwrap_or(&[]).iter().rev() {
            for k in [&b"Root"[..], b"Info", b"ID", b"Encrypt"] {
                if !t.contains_key(k)
                    && let Some(v) = older.trailer.get(k)
                {
                    t.insert(k, v.clone());
                }
            }
        }
        t
    }

    /// Who refers to what in revision `rev` (built once per revision; the two most
    /// recent are kept).
    pub fn usages(&self, rev: usize) -> Result<Rc<Usages>> {
        if let Some(u) = self.usages.borrow().get(&rev) {
            return Ok(u.clone());
        }
        let mut u = Usages::default();
        let mut stack: Vec<(Rc<Object>, Option<ObjRef>)> = vec![(Rc::new(Object::Dict(self.trailer(rev))), None)];
        let mut refs = Vec::new();
        while let Some((obj, holder)) = stack.pop() {
            self.tick()?;
            refs.clear();
            refs_with_keys(&obj, &mut refs);
            for (key, r) in refs.drain(..) {
                let h = match holder {
                    Some(h) => Holder::Object(h, key),
                    None => Holder::Trailer(key),
                };
                let list = u.holders.entry(r).or_default();
                if !list.contains(&h) {
                    list.push(h);
                }
                if u.reachable.insert(r) {
                    stack.push((self.resolve(r, rev)?, Some(r)));
                }
            }
        }
        let u = Rc::new(u);
        let mut cache = self.usages.borrow_mut();
        cache.retain(|k, _| k + 1 >= rev);
        cache.insert(rev, u.clone());
        Ok(u)
    }
}

/// Every reference inside `o`'s direct structure, with the first key it sits under.
pub fn refs_with_keys(o: &Object, out: &mut Vec<(Vec<u8>, ObjRef)>) {
    fn walk(o: &Object, key: &[u8], out: &mut Vec<(Vec<u8>, ObjRef)>) {
        match o {
            Object::Reference(r) => out.push((key.to_vec(), *r)),
            Object::Array(a) => a.iter().for_each(|x| walk(x, key, out)),
            Object::Dict(d) => d.iter().for_each(|(_, v)| walk(v, key, out)),
            Object::Stream(s) => s.dict.iter().for_each(|(_, v)| walk(v, key, out)),
            _ => {}
        }
    }
    match o {
        Object::Dict(d) => d.iter().for_each(|(k, v)| walk(v, k, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(k, v)| walk(v, k, out)),
        o => walk(o, b"", out),
    }
}

/// Every reference inside `o`'s direct structure.
pub fn refs_of(o: &Object, out: &mut Vec<ObjRef>) {
    match o {
        Object::Reference(r) => out.push(*r),
        Object::Array(a) => a.iter().for_each(|x| refs_of(x, out)),
        Object::Dict(d) => d.iter().for_each(|(_, v)| refs_of(v, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, v)| refs_of(v, out)),
        _ => {}
    }
}
