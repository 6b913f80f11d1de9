//! Comparing two revisions by resolved content, each object pair once.
//!
//! Two values are equal when their direct structure is equal and every pair of
//! references at the same place resolves (in the old and the new revision) to equal
//! values. References listed in the stop set (pages and the page tree for page
//! comparisons; also annotations, fields, widgets and the AcroForm for everything else)
//! are not followed when they are the same on both sides: those objects are judged by
//! their own rule.
//!
//! The walk over reference pairs is iterative (no recursion through references, so a
//! 10,000-long outline chain is no problem) and memoised per revision pair: a pair
//! found clean is never walked again, a pair found dirty keeps its difference. An object
//! the two revisions store at the same place is known byte-identical, so only its
//! references are followed.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::rc::Rc;

use super::objects::{Objects, refs_of};
use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::object::{Dict, ObjRef, Object};

/// Most inline hops through a reference on one side only (a value moved between direct
/// and indirect), beyond the parser's own nesting limit.
const MAX_INLINE_DEPTH: usize = 512;

/// Which stop set a comparison uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stop {
    /// Pages, page tree nodes and the catalog.
    Tree,
    /// [`Stop::Tree`] plus annotations, fields, widgets and the AcroForm.
    Claimed,
}

/// How two values differ.
#[derive(Debug, Clone, PartialEq)]
pub enum DiffWhat {
    Added,
    Removed,
    StreamData,
    Length(usize, usize),
    Value(String, String),
    StringValue,
    /// The reference did not resolve before and now is an object of this type.
    NewObject(&'static str),
}

impl fmt::Display for DiffWhat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiffWhat::Added => f.write_str("added"),
            DiffWhat::Removed => f.write_str("removed"),
            DiffWhat::StreamData => f.write_str("stream data"),
            DiffWhat::Length(a, b) => write!(f, "length {a} -> {b}"),
            DiffWhat::Value(a, b) => write!(f, "{a} -> {b}"),
            DiffWhat::StringValue => f.write_str("string value"),
            DiffWhat::NewObject(t) => write!(f, "null -> {t}"),
        }
    }
}

/// A difference: where (path from the compared value), in which object (new side), what.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    pub path: String,
    pub obj: Option<ObjRef>,
    pub what: DiffWhat,
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() { write!(f, "{}", self.what) } else { write!(f, "{}: {}", self.path, self.what) }
    }
}

type PairKey = (ObjRef, ObjRef, Stop);

/// One revision pair under comparison.
pub struct Pair<'o, 'r, 'a> {
    pub objs: &'o Objects<'r, 'a>,
    pub old: usize,
    pub new: usize,
    pub tree: HashSet<ObjRef>,
    pub claimed: HashSet<ObjRef>,
    clean: RefCell<HashSet<PairKey>>,
    dirty: RefCell<HashMap<PairKey, Diff>>,
}

/// A pair being walked: its objects and the reference pairs inside them.
struct Frame {
    key: PairKey,
    a: Rc<Object>,
    b: Rc<Object>,
    children: Vec<(ObjRef, ObjRef)>,
    next: usize,
}

impl<'o, 'r, 'a> Pair<'o, 'r, 'a> {
    pub fn new(
        objs: &'o Objects<'r, 'a>,
        old: usize,
        new: usize,
        tree: HashSet<ObjRef>,
        claimed: HashSet<ObjRef>,
    ) -> Self {
        Pair { objs, old, new, tree, claimed, clean: RefCell::new(HashSet::new()), dirty: RefCell::new(HashMap::new()) }
    }

    fn stops(&self, stop: Stop) -> &HashSet<ObjRef> {
        match stop {
            Stop::Tree => &self.tree,
            Stop::Claimed => &self.claimed,
        }
    }

    pub fn old_obj(&self, r: ObjRef) -> Result<Rc<Object>> {
        self.objs.resolve(r, self.old)
    }

    pub fn new_obj(&self, r: ObjRef) -> Result<Rc<Object>> {
        self.objs.resolve(r, self.new)
    }

    /// The object exists in the old revision.
    pub fn existed(&self, r: ObjRef) -> bool {
        self.objs.exists(r, self.old)
    }

    /// The new revision stores object `r` differently from the old one.
    pub fn rewritten(&self, r: ObjRef) -> bool {
        self.objs.changed(r.num, self.old, self.new)
    }

    /// Compare value `a` (old revision) with `b` (new revision); `cur` is the object
    /// the values sit in (new side), for the report.
    pub fn compare(&self, a: &Object, b: &Object, stop: Stop, cur: Option<ObjRef>) -> Result<Option<Diff>> {
        let mut children = Vec::new();
        if let Some(d) = self.direct(a, b, cur, &mut children, 0)? {
            return Ok(Some(d));
        }
        for (ra, rb) in children {
            if let Some(d) = self.pair(ra, rb, stop)? {
                let prefix = path_to(a, b, (ra, rb)).unwrap_or_default();
                return Ok(Some(Diff { path: format!("{prefix}{}", d.path), ..d }));
            }
        }
        Ok(None)
    }

    /// Every key of two dictionaries whose values differ (the first difference of each),
    /// skipping `exclude`.
    pub fn compare_dicts(
        &self,
        a: &Dict,
        b: &Dict,
        exclude: &[&[u8]],
        stop: Stop,
        cur: Option<ObjRef>,
    ) -> Result<Vec<(Vec<u8>, Diff)>> {
        let mut keys: Vec<&[u8]> = a.keys().collect();
        keys.extend(b.keys().filter(|k| !a.contains_key(k)));
        let mut out = Vec::new();
        for k in keys {
            if exclude.contains(&k) {
                continue;
            }
            let (va, vb) = (a.get(k).unwrap_or(&Object::Null), b.get(k).unwrap_or(&Object::Null));
            let d = match (va.is_null(), vb.is_null()) {
                (true, true) => None,
                (true, false) => Some(Diff { path: String::new(), obj: cur, what: DiffWhat::Added }),
                (false, true) => Some(Diff { path: String::new(), obj: cur, what: DiffWhat::Removed }),
                (false, false) => self.compare(va, vb, stop, cur)?,
            };
            if let Some(d) = d {
                let path = format!("/{}{}", name_str(k), d.path);
                out.push((k.to_vec(), Diff { path, ..d }));
            }
        }
        Ok(out)
    }

    /// Compare the objects behind references `ra` (old) and `rb` (new).
    fn pair(&self, ra: ObjRef, rb: ObjRef, stop: Stop) -> Result<Option<Diff>> {
        if ra == rb && self.stops(stop).contains(&ra) {
            return Ok(None);
        }
        let root = (ra, rb, stop);
        if self.clean.borrow().contains(&root) {
            return Ok(None);
        }
        if let Some(d) = self.dirty.borrow().get(&root) {
            return Ok(Some(d.clone()));
        }
        let mut visited: HashSet<PairKey> = HashSet::from([root]);
        let mut stack = match self.expand(root)? {
            Err(d) => return Ok(Some(self.remember(&[], d))),
            Ok(f) => vec![f],
        };
        while let Some(top) = stack.last_mut() {
            let Some(&(ca, cb)) = top.children.get(top.next) else {
                stack.pop();
                continue;
            };
            top.next += 1;
            let key = (ca, cb, stop);
            if (ca == cb && self.stops(stop).contains(&ca)) || self.clean.borrow().contains(&key) {
                continue;
            }
            let known = self.dirty.borrow().get(&key).cloned();
            if let Some(d) = known {
                return Ok(Some(self.remember(&stack, d)));
            }
            if !visited.insert(key) {
                continue;
            }
            match self.expand(key)? {
                Err(d) => return Ok(Some(self.remember(&stack, d))),
                Ok(f) => stack.push(f),
            }
        }
        self.clean.borrow_mut().extend(visited);
        Ok(None)
    }

    /// Record a difference found below the frames on `stack` (outermost first): every
    /// frame's pair is dirty, with the path from it. Returns the outermost's.
    fn remember(&self, stack: &[Frame], d: Diff) -> Diff {
        let mut d = d;
        let mut dirty = self.dirty.borrow_mut();
        for i in (0..stack.len()).rev() {
            let f = &stack[i];
            let prefix = f
                .children
                .get(f.next.saturating_sub(1))
                .and_then(|&child| path_to(&f.a, &f.b, child))
                .unwrap_or_default();
            d = Diff { path: format!("{prefix}{}", d.path), ..d };
            dirty.insert(f.key, d.clone());
        }
        d
    }

    /// Resolve a pair: `Err` with the difference when the objects differ directly,
    /// else the frame to walk their reference pairs.
    fn expand(&self, key: PairKey) -> Result<std::result::Result<Frame, Diff>> {
        let (ra, rb, _) = key;
        let a = self.old_obj(ra)?;
        let b = self.new_obj(rb)?;
        // The same cached object: the same bytes read the same way (see `Objects`).
        let identical = ra == rb && Rc::ptr_eq(&a, &b);
        if identical {
            let mut refs = Vec::new();
            refs_of(&b, &mut refs);
            let children = refs.into_iter().map(|r| (r, r)).collect();
            return Ok(Ok(Frame { key, a, b, children, next: 0 }));
        }
        let mut children = Vec::new();
        if a.is_null() && !b.is_null() {
            let d = Diff { path: String::new(), obj: Some(rb), what: DiffWhat::NewObject(b.type_name()) };
            self.dirty.borrow_mut().insert(key, d.clone());
            return Ok(Err(d));
        }
        if let Some(d) = self.direct(&a, &b, Some(rb), &mut children, 0)? {
            self.dirty.borrow_mut().insert(key, d.clone());
            return Ok(Err(d));
        }
        Ok(Ok(Frame { key, a, b, children, next: 0 }))
    }

    /// Compare direct structures; reference pairs at the same place go to `children`.
    /// A reference on one side only is resolved and compared in place.
    fn direct(
        &self,
        a: &Object,
        b: &Object,
        cur: Option<ObjRef>,
        children: &mut Vec<(ObjRef, ObjRef)>,
        depth: usize,
    ) -> Result<Option<Diff>> {
        self.objs.tick()?;
        if depth > MAX_INLINE_DEPTH {
            return Err(PdfError::Limit { what: "object nesting too deep for the revision analysis", offset: 0 });
        }
        let leaf = |what: DiffWhat| Ok(Some(Diff { path: String::new(), obj: cur, what }));
        match (a, b) {
            (Object::Reference(ra), Object::Reference(rb)) => {
                children.push((*ra, *rb));
                Ok(None)
            }
            (Object::Reference(ra), _) => {
                let oa = self.old_obj(*ra)?;
                self.inline(&oa, b, cur, children, depth)
            }
            (_, Object::Reference(rb)) => {
                let ob = self.new_obj(*rb)?;
                self.inline(a, &ob, Some(*rb), children, depth)
            }
            (Object::Dict(da), Object::Dict(db)) => self.direct_dicts(da, db, &[], cur, children, depth),
            (Object::Stream(sa), Object::Stream(sb)) => {
                if let Some(d) = self.direct_dicts(&sa.dict, &sb.dict, &[b"Length"], cur, children, depth)? {
                    return Ok(Some(d));
                }
                let data = self.objs.reader.data();
                if sa.raw(data)? == sb.raw(data)? {
                    return Ok(None);
                }
                match (self.objs.reader.stream_data(sa), self.objs.reader.stream_data(sb)) {
                    (Ok(x), Ok(y)) if x == y => Ok(None),
                    _ => leaf(DiffWhat::StreamData),
                }
            }
            (Object::Array(xa), Object::Array(xb)) => {
                if xa.len() != xb.len() {
                    return leaf(DiffWhat::Length(xa.len(), xb.len()));
                }
                for (i, (x, y)) in xa.iter().zip(xb).enumerate() {
                    if let Some(d) = self.direct(x, y, cur, children, depth + 1)? {
                        return Ok(Some(Diff { path: format!("[{i}]{}", d.path), ..d }));
                    }
                }
                Ok(None)
            }
            (Object::Integer(_) | Object::Real(_), Object::Integer(_) | Object::Real(_)) => {
                if a.as_f64() == b.as_f64() { Ok(None) } else { leaf(DiffWhat::Value(show(a), show(b))) }
            }
            (Object::String(x), Object::String(y)) => {
                if x.bytes == y.bytes {
                    Ok(None)
                } else {
                    leaf(DiffWhat::StringValue)
                }
            }
            _ => {
                if a == b {
                    Ok(None)
                } else {
                    leaf(DiffWhat::Value(show(a), show(b)))
                }
            }
        }
    }

    /// A value moved between direct and indirect: compare in place.
    fn inline(
        &self,
        a: &Object,
        b: &Object,
        cur: Option<ObjRef>,
        children: &mut Vec<(ObjRef, ObjRef)>,
        depth: usize,
    ) -> Result<Option<Diff>> {
        self.direct(a, b, cur, children, depth + 1)
    }

    fn direct_dicts(
        &self,
        a: &Dict,
        b: &Dict,
        exclude: &[&[u8]],
        cur: Option<ObjRef>,
        children: &mut Vec<(ObjRef, ObjRef)>,
        depth: usize,
    ) -> Result<Option<Diff>> {
        for (k, va) in a.iter() {
            if exclude.contains(&k) {
                continue;
            }
            let vb = b.get(k).unwrap_or(&Object::Null);
            let d = match (va.is_null(), vb.is_null()) {
                (true, true) => None,
                (false, true) => Some(Diff { path: String::new(), obj: cur, what: DiffWhat::Removed }),
                (true, false) => Some(Diff { path: String::new(), obj: cur, what: DiffWhat::Added }),
                _ => self.direct(va, vb, cur, children, depth + 1)?,
            };
            if let Some(d) = d {
                return Ok(Some(Diff { path: format!("/{}{}", name_str(k), d.path), ..d }));
            }
        }
        for (k, vb) in b.iter() {
            if !exclude.contains(&k) && !a.contains_key(k) && !vb.is_null() {
                return Ok(Some(Diff { path: format!("/{}", name_str(k)), obj: cur, what: DiffWhat::Added }));
            }
        }
        Ok(None)
    }

    /// Objects reachable from `root` in revision `rev`, not entering `stop`.
    pub fn reach(&self, root: &Object, rev: usize, stop: &HashSet<ObjRef>) -> Result<HashSet<ObjRef>> {
        let mut out = HashSet::new();
        let mut refs = Vec::new();
        refs_of(root, &mut refs);
        while let Some(r) = refs.pop() {
            if stop.contains(&r) || !out.insert(r) {
                continue;
            }
            let o = self.objs.resolve(r, rev)?;
            refs_of(&o, &mut refs);
        }
        Ok(out)
    }

    /// New objects (not existing in the old revision) reachable from the value `root` in
    /// the new revision, without following existing objects (other than `root` itself,
    /// which its caller judges) or `stop`.
    pub fn new_subtree(&self, root: &Object, stop: &HashSet<ObjRef>) -> Result<HashSet<ObjRef>> {
        let mut out = HashSet::new();
        let mut refs = Vec::new();
        match root {
            Object::Reference(r) if !stop.contains(r) => {
                if !self.existed(*r) {
                    out.insert(*r);
                }
                let o = self.new_obj(*r)?;
                refs_of(&o, &mut refs);
            }
            Object::Reference(_) => {}
            o => refs_of(o, &mut refs),
        }
        while let Some(r) = refs.pop() {
            if stop.contains(&r) || self.existed(r) || !out.insert(r) {
                continue;
            }
            let o = self.new_obj(r)?;
            refs_of(&o, &mut refs);
        }
        Ok(out)
    }
}

/// The path inside `a`/`b` (direct structure) where the reference pair sits.
fn path_to(a: &Object, b: &Object, target: (ObjRef, ObjRef)) -> Option<String> {
    match (a, b) {
        (Object::Reference(x), Object::Reference(y)) if (*x, *y) == target => Some(String::new()),
        (Object::Dict(da), Object::Dict(db)) => dict_path(da, db, target),
        (Object::Stream(sa), Object::Stream(sb)) => dict_path(&sa.dict, &sb.dict, target),
        (Object::Array(xa), Object::Array(xb)) => {
            xa.iter().zip(xb).enumerate().find_map(|(i, (x, y))| path_to(x, y, target).map(|p| format!("[{i}]{p}")))
        }
        _ => None,
    }
}

fn dict_path(a: &Dict, b: &Dict, target: (ObjRef, ObjRef)) -> Option<String> {
    a.iter().find_map(|(k, va)| {
        let vb = b.get(k)?;
        path_to(va, vb, target).map(|p| format!("/{}{p}", name_str(k)))
    })
}

pub fn name_str(n: &[u8]) -> String {
    String::from_utf8_lossy(n).into_owned()
}

/// A short rendering of a direct value for a report.
pub fn show(o: &Object) -> String {
    match o {
        Object::Dict(_) | Object::Stream(_) | Object::Array(_) => o.type_name().to_string(),
        _ => {
            let b = o.to_bytes();
            String::from_utf8_lossy(&b[..b.len().min(60)]).into_owned()
        }
    }
}
