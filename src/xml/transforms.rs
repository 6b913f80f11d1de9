//! Reference transforms (XMLDSig 1.1 §6.6): canonicalizations, enveloped-signature,
//! base64, the XPath transform and XPath Filter 2.0, applied in order to a node-set or to
//! octets, ending in the octets that are digested.
//!
//! What kyso cannot process is [`TransformError::Unsupported`] (an INDETERMINATE verdict,
//! never INVALID); input that cannot be processed although kyso supports the transform
//! (base64 that does not decode, octets that are not XML) is [`TransformError::Malformed`].
//!
//! The enveloped-signature transform has two readings when a reference points *inside*
//! its own Signature (the SigningTime `Object` of Vietnamese invoices made with .NET
//! `SignedXml`): literally it removes the whole node-set; .NET, which first copies the
//! referenced element into a document of its own, finds no Signature there and removes
//! nothing. kyso follows .NET and reports it ([`Outcome::dotnet_enveloped`]).

use base64::Engine as _;
use roxmltree::Node;

use super::c14n::{self, Algorithm, NodeSet};
use super::dsig::{self, ENVELOPED_SIGNATURE};
use super::xpath::{self, Predicate, XPathError};

/// The XMLDSig base64 transform.
pub const BASE64: &str = "http://www.w3.org/2000/09/xmldsig#base64";
/// The XPath transform (XPath 1.0 expression per node).
pub const XPATH: &str = "http://www.w3.org/TR/1999/REC-xpath-19991116";
/// XPath Filter 2.0.
pub const XPATH_FILTER2: &str = "http://www.w3.org/2002/06/xmldsig-filter2";

/// At most this many `XPath` elements in one Filter 2.0 transform.
pub const MAX_FILTERS: usize = 16;

/// A Filter 2.0 set operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterOp {
    Intersect,
    Subtract,
    Union,
}

/// A reference transform (allow-listed).
#[derive(Debug, Clone)]
pub enum Transform<'a, 'i> {
    /// enveloped-signature.
    Enveloped,
    /// A canonicalization with its InclusiveNamespaces PrefixList.
    C14n(Algorithm, Vec<String>),
    /// base64 decoding.
    Base64,
    /// The XPath transform: the expression, its namespace bindings and the `XPath`
    /// element of the signature's document (for `here()`).
    XPath { expr: String, ns: Vec<(String, String)>, here: Option<Node<'a, 'i>> },
    /// XPath Filter 2.0: the operations in order.
    Filter2 { filters: Vec<(FilterOp, String)>, ns: Vec<Vec<(String, String)>>, here: Vec<Option<Node<'a, 'i>>> },
}

impl Transform<'_, '_> {
    /// The Algorithm URI.
    pub fn uri(&self) -> &'static str {
        match self {
            Transform::Enveloped => ENVELOPED_SIGNATURE,
            Transform::C14n(a, _) => a.uri(),
            Transform::Base64 => BASE64,
            Transform::XPath { .. } => XPATH,
            Transform::Filter2 { .. } => XPATH_FILTER2,
        }
    }
}

/// Why a transform chain could not produce octets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransformError {
    /// A transform (or a form of it) kyso does not process.
    Unsupported(String),
    /// Input the transform cannot process.
    Malformed(String),
    /// A safety limit (the detail names it).
    Limit(String),
}

impl std::fmt::Display for TransformError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TransformError::Unsupported(m) | TransformError::Malformed(m) | TransformError::Limit(m) => f.write_str(m),
        }
    }
}

impl From<XPathError> for TransformError {
    fn from(e: XPathError) -> Self {
        match e {
            XPathError::Unsupported(m) => TransformError::Unsupported(format!("XPath: {m}")),
            XPathError::Budget => TransformError::Limit(e.to_string()),
        }
    }
}

/// Parse a `Transform`/`CanonicalizationMethod` element. `dom` is the same element in
/// the signature's own document (for `here()` and for namespace prefixes that the
/// canonical SignedInfo does not declare); `Err` carries the unsupported URI or form.
pub fn parse<'a, 'i>(el: Node, dom: Option<Node<'a, 'i>>) -> Result<Transform<'a, 'i>, String> {
    let uri = el.attribute("Algorithm").unwrap_or("");
    if uri == ENVELOPED_SIGNATURE {
        return Ok(Transform::Enveloped);
    }
    if uri == BASE64 {
        return Ok(Transform::Base64);
    }
    let here_of = |i: usize, local: &str| {
        dom.and_then(|d| dsig::child_elements(d).filter(|n| n.tag_name().name() == local).nth(i))
    };
    if uri == XPATH {
        let xp: Vec<Node> = dsig::child_elements(el).filter(|n| dsig::is_ds(*n, "XPath")).collect();
        let [x] = xp.as_slice() else {
            return Err(format!("{uri} (needs exactly one ds:XPath)"));
        };
        let here = here_of(0, "XPath");
        return Ok(Transform::XPath { expr: dsig::text_content(*x), ns: bindings(*x, here), here });
    }
    if uri == XPATH_FILTER2 {
        let xs: Vec<Node> = dsig::child_elements(el)
            .filter(|n| n.tag_name().name() == "XPath" && n.tag_name().namespace() == Some(XPATH_FILTER2))
            .collect();
        if xs.is_empty() || xs.len() > MAX_FILTERS {
            return Err(format!("{uri} with {} XPath elements (1 to {MAX_FILTERS})", xs.len()));
        }
        let mut filters = Vec::new();
        let mut ns = Vec::new();
        let mut here = Vec::new();
        for (i, x) in xs.iter().enumerate() {
            let op = match x.attribute("Filter") {
                Some("intersect") => FilterOp::Intersect,
                Some("subtract") => FilterOp::Subtract,
                Some("union") => FilterOp::Union,
                other => return Err(format!("{uri} with Filter={other:?}")),
            };
            let h = here_of(i, "XPath");
            filters.push((op, dsig::text_content(*x)));
            ns.push(bindings(*x, h));
            here.push(h);
        }
        return Ok(Transform::Filter2 { filters, ns, here });
    }
    let Some(alg) = Algorithm::from_uri(uri) else {
        return Err(uri.to_string());
    };
    let mut prefixes = Vec::new();
    if alg.is_exclusive() {
        for n in dsig::child_elements(el) {
            if n.tag_name().name() == "InclusiveNamespaces" && n.tag_name().namespace() == Some(dsig::EXC_C14N_NS) {
                prefixes.extend(n.attribute("PrefixList").unwrap_or("").split_ascii_whitespace().map(str::to_string));
            }
        }
    }
    Ok(Transform::C14n(alg, prefixes))
}

/// The in-scope prefixes of an `XPath` element: the canonical SignedInfo's first, then the
/// signature document's (exclusive C14N drops declarations only the expression uses).
fn bindings(x: Node, dom: Option<Node>) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> =
        x.namespaces().filter_map(|n| n.name().map(|p| (p.to_string(), n.uri().to_string()))).collect();
    if let Some(d) = dom {
        for n in d.namespaces() {
            if let Some(p) = n.name()
                && !v.iter().any(|(q, _)| q == p)
            {
                v.push((p.to_string(), n.uri().to_string()));
            }
        }
    }
    v
}

/// What a reference URI selects before transforms.
#[derive(Debug, Clone)]
pub enum RefData<'a, 'i> {
    /// The whole document.
    Whole(&'a roxmltree::Document<'i>),
    /// An element (or the document root) and its subtree.
    Subtree(Node<'a, 'i>),
    /// Octets (a detached file).
    Octets(Vec<u8>),
}

/// Facts about how a chain was processed, for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The enveloped-signature transform was read as .NET `SignedXml` reads it (a no-op on
    /// a node-set inside its own Signature).
    pub dotnet_enveloped: bool,
    /// Bytes canonicalized or decoded (for the work budget).
    pub bytes: u64,
}

enum State<'a, 'i> {
    Set(NodeSet<'a, 'i>),
    Octets(Vec<u8>),
}

/// Apply `transforms` to `data` and return the octets to digest. `keep_comments` is false
/// for `URI=""` / `#id`. `signature` is the Signature element the enveloped transform
/// removes. `budget`: bytes this chain may still produce.
pub fn reference_octets<'a, 'i>(
    data: RefData<'a, 'i>,
    keep_comments: bool,
    transforms: &[Transform<'a, 'i>],
    signature: Node<'a, 'i>,
    budget: u64,
    outcome: &mut Outcome,
) -> Result<Vec<u8>, TransformError> {
    reference_octets_and_set(data, keep_comments, transforms, signature, budget, outcome).map(|(o, _)| o)
}

/// [`reference_octets`], with the node-set of the signature's document that was turned
/// into octets (what the reference covers there), if any.
pub fn reference_octets_and_set<'a, 'i>(
    data: RefData<'a, 'i>,
    keep_comments: bool,
    transforms: &[Transform<'a, 'i>],
    signature: Node<'a, 'i>,
    budget: u64,
    outcome: &mut Outcome,
) -> Result<(Vec<u8>, Option<NodeSet<'a, 'i>>), TransformError> {
    let state = match data {
        RefData::Whole(d) => State::Set(NodeSet::whole_document(d)),
        RefData::Subtree(n) => State::Set(NodeSet::subtree(n)),
        RefData::Octets(b) => State::Octets(b),
    };
    let mut last = None;
    let out = run(state, keep_comments, transforms, Some(signature), budget, outcome, &mut last)?;
    Ok((out, last))
}

fn charge(outcome: &mut Outcome, n: usize, budget: u64) -> Result<(), TransformError> {
    outcome.bytes += n as u64;
    if outcome.bytes > budget {
        return Err(TransformError::Limit(format!("the reference's transforms produce more than {budget} bytes")));
    }
    Ok(())
}

fn run<'a, 'i>(
    mut state: State<'a, 'i>,
    keep_comments: bool,
    transforms: &[Transform<'a, 'i>],
    signature: Option<Node<'a, 'i>>,
    budget: u64,
    outcome: &mut Outcome,
    last: &mut Option<NodeSet<'a, 'i>>,
) -> Result<Vec<u8>, TransformError> {
    let canon = |s: &NodeSet<'a, 'i>, alg: Algorithm, prefixes: &[String], outcome: &mut Outcome| {
        // the work is charged before it is done: the source text the walk covers
        charge(outcome, s.root().range().len(), budget)?;
        let out = c14n::canonicalize(s, alg, prefixes).map_err(|e| match e {
            c14n::C14nError::TooDeep { .. } => TransformError::Limit(e.to_string()),
            other => TransformError::Malformed(other.to_string()),
        })?;
        Ok::<_, TransformError>(out)
    };
    for (k, t) in transforms.iter().enumerate() {
        state = match (t, state) {
            (Transform::Enveloped, State::Set(s)) => {
                let Some(sig) = signature else {
                    return Err(TransformError::Unsupported("enveloped-signature on a detached document".into()));
                };
                let root = s.root();
                if root != sig && root.ancestors().any(|a| a == sig) {
                    // inside its own Signature: .NET SignedXml removes nothing
                    outcome.dotnet_enveloped = true;
                    State::Set(s)
                } else {
                    State::Set(s.excluding(sig))
                }
            }
            (Transform::C14n(alg, prefixes), State::Set(s)) => {
                let alg = if keep_comments { *alg } else { alg.without_comments() };
                let o = canon(&s, alg, prefixes, outcome)?;
                *last = Some(s);
                State::Octets(o)
            }
            (Transform::Base64, State::Set(s)) => {
                let o = base64_of_set(&s, budget, outcome)?;
                *last = Some(s);
                State::Octets(o)
            }
            (Transform::Base64, State::Octets(b)) => {
                let text = String::from_utf8_lossy(&b);
                let out =
                    dsig::b64_decode(&text).map_err(|e| TransformError::Malformed(format!("base64 transform: {e}")))?;
                charge(outcome, out.len(), budget)?;
                State::Octets(out)
            }
            (Transform::XPath { expr, ns, here }, State::Set(s)) => {
                charge(outcome, s.root().document().input_text().len(), budget)?;
                let resolve = |p: &str| ns.iter().find(|(q, _)| q == p).map(|(_, u)| u.clone());
                // here() belongs to the signature's document only
                let here = here.filter(|h| std::ptr::eq(h.document(), s.root().document()));
                let pred = Predicate::compile(expr, &resolve, here)?;
                let members = pred.evaluate(s.root())?;
                State::Set(s.filtered(members))
            }
            (Transform::Filter2 { filters, ns, here }, State::Set(s)) => {
                charge(outcome, s.root().document().input_text().len(), budget)?;
                let members = filter2(&s, filters, ns, here)?;
                State::Set(s.filtered(members))
            }
            (_, State::Octets(b)) => {
                // octets to a node-set: parse them (XMLDSig §4.3.3.2)
                let text = std::str::from_utf8(&b)
                    .map_err(|e| TransformError::Malformed(format!("{} on octets that are not UTF-8: {e}", t.uri())))?;
                let doc = dsig::parse_document(text)
                    .map_err(|e| TransformError::Malformed(format!("{} on octets that are not XML: {e}", t.uri())))?;
                let set = State::Set(NodeSet::whole_document(&doc));
                return run(set, keep_comments, &transforms[k..], None, budget, outcome, &mut None);
            }
        };
    }
    match state {
        State::Set(s) => {
            let alg = if keep_comments { Algorithm::C14n10WithComments } else { Algorithm::C14n10 };
            let o = canon(&s, alg, &[], outcome);
            *last = Some(s);
            o
        }
        State::Octets(b) => Ok(b),
    }
}

/// The base64 transform on a node-set: the text nodes of the set, in document order
/// (XMLDSig §6.6.2: `self::text()`, then the string value), decoded.
fn base64_of_set(s: &NodeSet, budget: u64, outcome: &mut Outcome) -> Result<Vec<u8>, TransformError> {
    charge(outcome, s.root().range().len(), budget)?;
    let mut text = String::new();
    let root = s.root();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if s.excluded().contains(&n) {
            continue;
        }
        if n.is_text() && s.is_member(n) {
            text.push_str(n.text().unwrap_or_default());
            if text.len() as u64 > budget {
                return Err(TransformError::Limit(format!("base64 input larger than {budget} bytes")));
            }
        }
        // children in reverse so that they pop in document order
        let kids: Vec<Node> = n.children().collect();
        stack.extend(kids.into_iter().rev());
    }
    let out = base64::engine::general_purpose::STANDARD
        .decode(text.chars().filter(|c| !c.is_ascii_whitespace()).collect::<String>())
        .map_err(|e| TransformError::Malformed(format!("base64 transform: {e}")))?;
    charge(outcome, out.len(), budget)?;
    Ok(out)
}

/// XPath Filter 2.0 (§3.4): starting from the whole document, each filter intersects,
/// subtracts or unites the subtrees of the nodes its expression selects; the result is
/// intersected with the input (by the caller's [`NodeSet::filtered`]).
fn filter2<'a, 'i>(
    s: &NodeSet<'a, 'i>,
    filters: &[(FilterOp, String)],
    ns: &[Vec<(String, String)>],
    here: &[Option<Node<'a, 'i>>],
) -> Result<Vec<bool>, TransformError> {
    let doc = s.root().document();
    let n = doc.descendants().count();
    let mut sets: Vec<Vec<bool>> = Vec::with_capacity(filters.len());
    for (i, (_, expr)) in filters.iter().enumerate() {
        let bind = ns.get(i).cloned().unwrap_or_default();
        let resolve = |p: &str| bind.iter().find(|(q, _)| q == p).map(|(_, u)| u.clone());
        let h = here.get(i).copied().flatten().filter(|h| std::ptr::eq(h.document(), doc));
        let nodes = xpath::eval_node_set(expr, &resolve, doc.root(), h)?;
        let mut marks = vec![false; n];
        for node in nodes {
            if let Some(m) = marks.get_mut(node.id().get_usize()) {
                *m = true;
            }
        }
        sets.push(marks);
    }
    // subtree expansion: a node is in S_i when an ancestor-or-self is selected
    for node in doc.descendants() {
        if let Some(p) = node.parent() {
            let (id, pid) = (node.id().get_usize(), p.id().get_usize());
            for m in sets.iter_mut() {
                if m.get(pid).copied().unwrap_or(false)
                    && let Some(x) = m.get_mut(id)
                {
                    *x = true;
                }
            }
        }
    }
    let mut out = vec![true; n];
    for (k, (op, _)) in filters.iter().enumerate() {
        let m = &sets[k];
        for (o, v) in out.iter_mut().zip(m.iter()) {
            *o = match op {
                FilterOp::Intersect => *o && *v,
                FilterOp::Subtract => *o && !*v,
                FilterOp::Union => *o || *v,
            };
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use roxmltree::Document;

    const DOC: &str = "<r xmlns:ds='http://www.w3.org/2000/09/xmldsig#'><a>1<!--c--></a><ds:Signature><ds:SignedInfo><ds:Reference><ds:Transforms><ds:Transform Algorithm='x'><ds:XPath>not(ancestor-or-self::ds:Signature)</ds:XPath></ds:Transform></ds:Transforms></ds:Reference></ds:SignedInfo><ds:Object Id='o'>aGVs\n bG8=</ds:Object></ds:Signature><b/></r>";

    fn octets(doc: &Document, transforms: &[Transform], data: RefData) -> Result<Vec<u8>, TransformError> {
        let sig = doc.descendants().find(|n| n.tag_name().name() == "Signature").unwrap();
        reference_octets(data, false, transforms, sig, 1 << 20, &mut Outcome::default())
    }

    #[test]
    fn xpath_forms_equal_enveloped() {
        let doc = Document::parse(DOC).unwrap();
        let here = doc.descendants().find(|n| n.tag_name().name() == "XPath").unwrap();
        let ds = vec![("ds".to_string(), dsig::DSIG_NS.to_string())];
        let c14n = Transform::C14n(Algorithm::C14n10, vec![]);
        let env = octets(&doc, &[Transform::Enveloped, c14n.clone()], RefData::Whole(&doc)).unwrap();
        assert_eq!(env, b"<r xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><a>1</a><b></b></r>");
        let xp =
            Transform::XPath { expr: "not(ancestor-or-self::ds:Signature)".into(), ns: ds.clone(), here: Some(here) };
        assert_eq!(octets(&doc, &[xp, c14n.clone()], RefData::Whole(&doc)).unwrap(), env);
        let xp2 = Transform::XPath {
            expr: "count(ancestor-or-self::ds:Signature | here()/ancestor::ds:Signature[1]) > count(ancestor-or-self::ds:Signature)".into(),
            ns: ds.clone(),
            here: Some(here),
        };
        assert_eq!(octets(&doc, &[xp2, c14n.clone()], RefData::Whole(&doc)).unwrap(), env);
        let f2 = Transform::Filter2 {
            filters: vec![(FilterOp::Subtract, "/descendant::ds:Signature".into())],
            ns: vec![ds.clone()],
            here: vec![Some(here)],
        };
        assert_eq!(octets(&doc, &[f2, c14n.clone()], RefData::Whole(&doc)).unwrap(), env);
        let f2h = Transform::Filter2 {
            filters: vec![(FilterOp::Subtract, "here()/ancestor::ds:Signature[1]".into())],
            ns: vec![ds.clone()],
            here: vec![Some(here)],
        };
        assert_eq!(octets(&doc, &[f2h, c14n.clone()], RefData::Whole(&doc)).unwrap(), env);
        // intersect then union: the Object comes back under an omitted Signature
        let f3 = Transform::Filter2 {
            filters: vec![
                (FilterOp::Intersect, "/".into()),
                (FilterOp::Subtract, "//ds:Signature".into()),
                (FilterOp::Union, "//ds:Object".into()),
            ],
            ns: vec![ds.clone(), ds.clone(), ds],
            here: vec![None, None, None],
        };
        assert_eq!(
            octets(&doc, &[f3], RefData::Whole(&doc)).unwrap(),
            b"<r xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><a>1</a><ds:Object Id=\"o\">aGVs\n bG8=</ds:Object><b></b></r>"
        );
    }

    #[test]
    fn base64_and_dotnet_enveloped() {
        let doc = Document::parse(DOC).unwrap();
        let obj = doc.descendants().find(|n| n.tag_name().name() == "Object").unwrap();
        assert_eq!(octets(&doc, &[Transform::Base64], RefData::Subtree(obj)).unwrap(), b"hello");
        let sig = doc.descendants().find(|n| n.tag_name().name() == "Signature").unwrap();
        let mut o = Outcome::default();
        let out =
            reference_octets(RefData::Subtree(obj), false, &[Transform::Enveloped], sig, 1 << 20, &mut o).unwrap();
        assert!(o.dotnet_enveloped);
        assert!(out.starts_with(b"<ds:Object"));
        let bad = Document::parse("<r><o>!!!</o></r>").unwrap();
        let o2 = bad.descendants().find(|n| n.has_tag_name("o")).unwrap();
        assert!(matches!(octets(&doc, &[Transform::Base64], RefData::Subtree(o2)), Err(TransformError::Malformed(_))));
        // octets through base64 then C14N (re-parsed)
        let b64 = base64::engine::general_purpose::STANDARD.encode("<x  a='1'/>");
        let text = format!("<r><o>{b64}</o></r>");
        let d2 = Document::parse(&text).unwrap();
        let o3 = d2.descendants().find(|n| n.has_tag_name("o")).unwrap();
        let out = octets(&doc, &[Transform::Base64, Transform::C14n(Algorithm::C14n10, vec![])], RefData::Subtree(o3))
            .unwrap();
        assert_eq!(out, b"<x a=\"1\"></x>");
    }

    #[test]
    fn budget_is_a_limit() {
        let doc = Document::parse(DOC).unwrap();
        let sig = doc.descendants().find(|n| n.tag_name().name() == "Signature").unwrap();
        let r = reference_octets(RefData::Whole(&doc), false, &[], sig, 10, &mut Outcome::default());
        assert!(matches!(r, Err(TransformError::Limit(_))));
    }
}
