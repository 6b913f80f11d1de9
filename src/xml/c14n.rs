//! XML canonicalization: Canonical XML 1.0, Canonical XML 1.1 and Exclusive
//! XML Canonicalization 1.0, each with or without comments, over a
//! [`roxmltree`] document.
//! One file on purpose: it is one standard family's single algorithm (the three W3C
//! canonicalizations share one node-set walk), so it stays whole past the ~1,200-line guide.
//!
//! The node-sets that can be expressed are the ones XMLDSig needs: the whole document
//! (`URI=""`), the subtree of one node (`URI="#id"`, `SignedInfo`), each minus any number
//! of excluded subtrees (the enveloped-signature transform), and, for the XPath and
//! XPath Filter 2.0 transforms, any element-granular subset (an element's attributes and
//! namespace nodes are in the set with it, text and comments with their parent): an
//! element outside the set is omitted while its descendants may still be output. See
//! [`NodeSet`].
//!
//! XMLDSig note: a `URI=""` reference is canonicalized *without* comments even
//! when a `#WithComments` algorithm is named (XMLDSig core §4.3.3.3); choosing
//! the right [`Algorithm`] for that case is the caller's job.
//!
//! Requirements on the parsed document: roxmltree's default `positions`
//! feature must be enabled (the original prefixes of element and attribute
//! names are recovered from the source text, which roxmltree does not keep
//! otherwise).
//!
//! Only `roxmltree` and `std` are used; nothing here panics on any input.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::rc::Rc;

use roxmltree::{Document, Node, NodeType, ParsingOptions};

/// Maximum element nesting depth (the document element has depth 1).
pub const MAX_DEPTH: usize = 1024;

/// Node limit used by [`parse_options`].
pub const NODES_LIMIT: u32 = 5_000_000;

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// A canonicalization algorithm, identified in XMLDSig by its URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// Canonical XML 1.0, comments omitted.
    C14n10,
    /// Canonical XML 1.0, comments kept.
    C14n10WithComments,
    /// Canonical XML 1.1, comments omitted.
    C14n11,
    /// Canonical XML 1.1, comments kept.
    C14n11WithComments,
    /// Exclusive XML Canonicalization 1.0, comments omitted.
    ExcC14n,
    /// Exclusive XML Canonicalization 1.0, comments kept.
    ExcC14nWithComments,
}

impl Algorithm {
    /// All algorithms, in declaration order.
    pub const ALL: [Algorithm; 6] = [
        Algorithm::C14n10,
        Algorithm::C14n10WithComments,
        Algorithm::C14n11,
        Algorithm::C14n11WithComments,
        Algorithm::ExcC14n,
        Algorithm::ExcC14nWithComments,
    ];

    /// The algorithm named by an XMLDSig `Algorithm` URI.
    pub fn from_uri(uri: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.uri() == uri)
    }

    /// The XMLDSig URI of this algorithm.
    pub const fn uri(&self) -> &'static str {
        match self {
            Algorithm::C14n10 => "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
            Algorithm::C14n10WithComments => "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
            Algorithm::C14n11 => "http://www.w3.org/2006/12/xml-c14n11",
            Algorithm::C14n11WithComments => "http://www.w3.org/2006/12/xml-c14n11#WithComments",
            Algorithm::ExcC14n => "http://www.w3.org/2001/10/xml-exc-c14n#",
            Algorithm::ExcC14nWithComments => "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
        }
    }

    /// Whether comment nodes are kept.
    pub const fn with_comments(&self) -> bool {
        matches!(self, Algorithm::C14n10WithComments | Algorithm::C14n11WithComments | Algorithm::ExcC14nWithComments)
    }

    /// Whether this is Exclusive XML Canonicalization.
    pub const fn is_exclusive(&self) -> bool {
        matches!(self, Algorithm::ExcC14n | Algorithm::ExcC14nWithComments)
    }

    /// Whether this is Canonical XML 1.1.
    pub const fn is_c14n11(&self) -> bool {
        matches!(self, Algorithm::C14n11 | Algorithm::C14n11WithComments)
    }

    /// The same algorithm without comments (what a `URI=""` reference uses).
    pub const fn without_comments(&self) -> Self {
        match self {
            Algorithm::C14n10 | Algorithm::C14n10WithComments => Algorithm::C14n10,
            Algorithm::C14n11 | Algorithm::C14n11WithComments => Algorithm::C14n11,
            Algorithm::ExcC14n | Algorithm::ExcC14nWithComments => Algorithm::ExcC14n,
        }
    }
}

/// Errors of canonicalization and of [`canonicalize_bytes`]' parsing.
#[derive(Debug)]
#[non_exhaustive]
pub enum C14nError {
    /// The input bytes are not UTF-8.
    Utf8(std::str::Utf8Error),
    /// The XML declaration names an encoding other than UTF-8 (or US-ASCII
    /// for pure-ASCII input).
    UnsupportedEncoding(String),
    /// The XML is malformed, has a DTD, or exceeds the parser's limits.
    Parse(roxmltree::Error),
    /// Elements are nested deeper than [`MAX_DEPTH`].
    TooDeep {
        /// The limit that was exceeded.
        limit: usize,
    },
    /// The qualified name of an element or attribute could not be recovered
    /// (e.g. the document was parsed without roxmltree's `positions` feature).
    Name(String),
}

impl fmt::Display for C14nError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            C14nError::Utf8(e) => write!(f, "XML input is not valid UTF-8: {e}"),
            C14nError::UnsupportedEncoding(enc) => {
                write!(f, "unsupported XML encoding {enc:?} (only UTF-8 is accepted)")
            }
            C14nError::Parse(e) => write!(f, "XML parse error: {e}"),
            C14nError::TooDeep { limit } => {
                write!(f, "XML elements nested deeper than {limit} levels")
            }
            C14nError::Name(what) => write!(f, "cannot recover qualified name: {what}"),
        }
    }
}

impl std::error::Error for C14nError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            C14nError::Utf8(e) => Some(e),
            C14nError::Parse(e) => Some(e),
            _ => None,
        }
    }
}

impl From<roxmltree::Error> for C14nError {
    fn from(e: roxmltree::Error) -> Self {
        C14nError::Parse(e)
    }
}

/// The document subset to canonicalize: every node of the subtree rooted at
/// `root` (the document root node or any other node), minus the subtrees
/// rooted at the excluded nodes.
///
/// Namespace declarations and (for inclusive C14N) `xml:*` attributes that
/// the apex inherits from its ancestors are rendered on the apex, as the
/// XPath node-set `(//. | //@* | //namespace::*)[ancestor-or-self::X]`
/// would have it.
#[derive(Clone, Debug)]
pub struct NodeSet<'a, 'input> {
    root: Node<'a, 'input>,
    excluded: Vec<Node<'a, 'input>>,
    /// Membership by node id (elements, text, comments, PIs); `None` = every node.
    filter: Option<Rc<Vec<bool>>>,
}

impl<'a, 'input> NodeSet<'a, 'input> {
    /// The whole document (comments and PIs outside the document element
    /// included; the XML declaration and DTD are never output).
    pub fn whole_document(doc: &'a Document<'input>) -> Self {
        Self::subtree(doc.root())
    }

    /// The subtree of `node` (usually an element).
    pub fn subtree(node: Node<'a, 'input>) -> Self {
        NodeSet { root: node, excluded: Vec::new(), filter: None }
    }

    /// Keeps only the nodes whose id is marked in `members` (indexed by
    /// `NodeId::get_usize`); intersected with any filter already set.
    pub fn filtered(mut self, members: Vec<bool>) -> Self {
        self.filter = Some(Rc::new(match self.filter.take() {
            None => members,
            Some(old) => {
                old.iter().zip(members.iter().chain(std::iter::repeat(&false))).map(|(a, b)| *a && *b).collect()
            }
        }));
        self
    }

    /// Whether a node (of the subtree, outside excluded subtrees) is a member.
    pub fn is_member(&self, node: Node<'a, 'input>) -> bool {
        self.filter.as_ref().is_none_or(|f| f.get(node.id().get_usize()).copied().unwrap_or(false))
    }

    /// Whether `node` (an element or other tree node of the same document) is in the
    /// set: inside the apex's subtree, outside every excluded subtree, and a member.
    pub fn contains(&self, node: Node<'a, 'input>) -> bool {
        let mut inside = false;
        for a in node.ancestors() {
            if self.excluded.contains(&a) {
                return false;
            }
            if a == self.root {
                inside = true;
                break;
            }
        }
        inside && self.is_member(node)
    }

    /// Whether a filter restricts the set beyond subtrees.
    pub fn is_filtered(&self) -> bool {
        self.filter.is_some()
    }

    /// Removes the subtree of `node` (e.g. the enveloped `Signature`).
    /// A node of another document, or outside the subtree, changes nothing.
    pub fn excluding(mut self, node: Node<'a, 'input>) -> Self {
        if !self.excluded.contains(&node) {
            self.excluded.push(node);
        }
        self
    }

    /// The apex of the subtree.
    pub fn root(&self) -> Node<'a, 'input> {
        self.root
    }

    /// The apexes of the excluded subtrees.
    pub fn excluded(&self) -> &[Node<'a, 'input>] {
        &self.excluded
    }
}

/// Parsing options for untrusted input: DTDs refused (no entity expansion
/// attacks, no external entities), node count bounded by [`NODES_LIMIT`].
pub fn parse_options<'input>() -> ParsingOptions<'input> {
    ParsingOptions { allow_dtd: false, nodes_limit: NODES_LIMIT, ..ParsingOptions::default() }
}

/// Parses `xml` with [`parse_options`] (DTD refused) and canonicalizes the
/// whole document.
pub fn canonicalize_bytes(xml: &[u8], alg: Algorithm) -> Result<Vec<u8>, C14nError> {
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
    check_declared_encoding(xml)?;
    let text = std::str::from_utf8(xml).map_err(C14nError::Utf8)?;
    let doc = Document::parse_with_options(text, parse_options())?;
    canonicalize(&NodeSet::whole_document(&doc), alg, &[])
}

/// Canonicalizes `set` with `alg`.
///
/// `inclusive_prefixes` is the Exclusive C14N `InclusiveNamespaces`
/// `PrefixList` (`#default` names the default namespace); entries may also
/// hold several whitespace-separated prefixes. It is ignored by the inclusive
/// algorithms.
pub fn canonicalize<'a, 'i: 'a>(
    set: &NodeSet<'a, 'i>,
    alg: Algorithm,
    inclusive_prefixes: &[String],
) -> Result<Vec<u8>, C14nError> {
    let mut incl_default = false;
    let mut incl: Vec<&str> = Vec::new();
    if alg.is_exclusive() {
        for p in inclusive_prefixes.iter().flat_map(|s| s.split_whitespace()) {
            if p == "#default" {
                incl_default = true;
            } else if p != "xml" && p != "xmlns" && !incl.contains(&p) {
                incl.push(p);
            }
        }
    }
    let mut c = Canonicalizer {
        alg,
        comments: alg.with_comments(),
        exclusive: alg.is_exclusive(),
        incl_default,
        incl,
        excluded: Excluded::new(set.excluded()),
        filter: set.filter.clone(),
        visible: Vec::new(),
        out_elems: Vec::new(),
        out: Vec::with_capacity(set.root().range().len()),
        rendered: HashMap::new(),
        undo: Vec::new(),
        open: Vec::new(),
        ns_buf: Vec::new(),
        attr_buf: Vec::new(),
    };
    c.run(set.root())?;
    Ok(c.out)
}

// ---------------------------------------------------------------------------

/// The excluded subtree apexes; a linear scan for a few, a hash set beyond.
enum Excluded<'a, 'i> {
    None,
    Few(Vec<Node<'a, 'i>>),
    Many(HashSet<Node<'a, 'i>>),
}

impl<'a, 'i> Excluded<'a, 'i> {
    fn new(nodes: &[Node<'a, 'i>]) -> Self {
        match nodes.len() {
            0 => Excluded::None,
            1..=8 => Excluded::Few(nodes.to_vec()),
            _ => Excluded::Many(nodes.iter().copied().collect()),
        }
    }

    /// Node equality includes the document, so nodes of another document
    /// never match.
    fn contains(&self, node: Node<'a, 'i>) -> bool {
        match self {
            Excluded::None => false,
            Excluded::Few(v) => v.contains(&node),
            Excluded::Many(h) => h.contains(&node),
        }
    }
}

struct AttrOut<'a> {
    uri: &'a str,
    local: &'a str,
    prefix: Option<&'a str>,
    value: Cow<'a, str>,
}

struct Open<'a> {
    prefix: Option<&'a str>,
    local: &'a str,
    undo_mark: usize,
}

struct Canonicalizer<'a, 'i: 'a, 'p> {
    alg: Algorithm,
    comments: bool,
    exclusive: bool,
    incl_default: bool,
    incl: Vec<&'p str>,
    excluded: Excluded<'a, 'i>,
    filter: Option<Rc<Vec<bool>>>,
    /// Per open element of the walk: was it output?
    visible: Vec<bool>,
    /// The output elements among the open ones (nearest last).
    out_elems: Vec<Node<'a, 'i>>,
    out: Vec<u8>,
    /// Namespace declarations in force among the output ancestors, by prefix
    /// ("" = default namespace; absent default = "").
    rendered: HashMap<&'a str, &'a str>,
    /// (prefix, previous value) pairs to restore when an element closes.
    undo: Vec<(&'a str, Option<&'a str>)>,
    /// Stack of open output elements.
    open: Vec<Open<'a>>,
    ns_buf: Vec<(&'a str, &'a str)>,
    attr_buf: Vec<AttrOut<'a>>,
}

impl<'a, 'i: 'a, 'p> Canonicalizer<'a, 'i, 'p> {
    fn run(&mut self, root: Node<'a, 'i>) -> Result<(), C14nError> {
        // Depth of the apex, and whether it lies inside an excluded subtree.
        let mut depth = 0usize;
        for anc in root.ancestors() {
            if self.excluded.contains(anc) {
                return Ok(());
            }
            if anc.is_element() {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(C14nError::TooDeep { limit: MAX_DEPTH });
                }
            }
        }
        match root.node_type() {
            NodeType::Root => {
                let mut before_root = true;
                for child in root.children() {
                    if self.excluded.contains(child) {
                        if child.is_element() {
                            before_root = false;
                        }
                        continue;
                    }
                    match child.node_type() {
                        NodeType::Element => {
                            before_root = false;
                            self.walk(child, 0)?;
                        }
                        NodeType::Comment | NodeType::PI => {
                            if self.member(child) {
                                self.top_level_misc(child, before_root);
                            }
                        }
                        // Only whitespace can occur here; it is not output.
                        NodeType::Text | NodeType::Root => {}
                    }
                }
            }
            NodeType::Element => self.walk(root, depth.saturating_sub(1))?,
            NodeType::Text => {
                if let Some(t) = root.text().filter(|_| self.member(root)) {
                    escape_text(&mut self.out, t);
                }
            }
            NodeType::Comment | NodeType::PI => {
                let at_top = root.parent().is_some_and(|p| p.is_root());
                if at_top {
                    let before_root = !root.prev_siblings().any(|n| n.is_element());
                    self.top_level_misc(root, before_root);
                } else {
                    self.misc(root);
                }
            }
        }
        Ok(())
    }

    /// A comment or PI child of the root node: separated from the document
    /// element by a line feed.
    fn top_level_misc(&mut self, node: Node<'a, 'i>, before_root: bool) {
        if node.is_comment() && !self.comments {
            return;
        }
        if !before_root {
            self.out.push(b'\n');
        }
        self.misc(node);
        if before_root {
            self.out.push(b'\n');
        }
    }

    fn misc(&mut self, node: Node<'a, 'i>) {
        match node.node_type() {
            NodeType::Comment if self.comments => {
                self.out.extend_from_slice(b"<!--");
                self.out.extend_from_slice(node.text().unwrap_or_default().as_bytes());
                self.out.extend_from_slice(b"-->");
            }
            NodeType::PI => {
                if let Some(pi) = node.pi() {
                    self.out.extend_from_slice(b"<?");
                    self.out.extend_from_slice(pi.target.as_bytes());
                    if let Some(v) = pi.value.filter(|v| !v.is_empty()) {
                        self.out.push(b' ');
                        self.out.extend_from_slice(v.as_bytes());
                    }
                    self.out.extend_from_slice(b"?>");
                }
            }
            _ => {}
        }
    }

    fn member(&self, node: Node<'a, 'i>) -> bool {
        self.filter.as_ref().is_none_or(|f| f.get(node.id().get_usize()).copied().unwrap_or(false))
    }

    /// Non-recursive pre-order walk of the subtree of the element `apex`,
    /// whose number of element ancestors is `base_depth`. Elements outside a
    /// filtered node-set are omitted while their descendants are walked.
    fn walk(&mut self, apex: Node<'a, 'i>, base_depth: usize) -> Result<(), C14nError> {
        let mut depth = base_depth;
        let mut node = apex;
        'outer: loop {
            let mut descend = false;
            if !self.excluded.contains(node) {
                match node.node_type() {
                    NodeType::Element => {
                        depth += 1;
                        if depth > MAX_DEPTH {
                            return Err(C14nError::TooDeep { limit: MAX_DEPTH });
                        }
                        let visible = self.member(node);
                        if visible {
                            // an orphan: its parent is not output (the apex, or an omitted parent)
                            let orphan = node == apex || !self.visible.last().copied().unwrap_or(false);
                            self.start_element(node, orphan)?;
                        }
                        self.visible.push(visible);
                        if node.has_children() {
                            descend = true;
                        } else {
                            self.close_element();
                            depth -= 1;
                        }
                    }
                    NodeType::Text => {
                        if let Some(t) = node.text().filter(|_| self.member(node)) {
                            escape_text(&mut self.out, t);
                        }
                    }
                    NodeType::Comment | NodeType::PI => {
                        if self.member(node) {
                            self.misc(node);
                        }
                    }
                    NodeType::Root => {}
                }
            }
            if descend {
                if let Some(child) = node.first_child() {
                    node = child;
                    continue;
                }
                self.close_element();
                depth -= 1;
            }
            loop {
                if node == apex {
                    break 'outer;
                }
                if let Some(next) = node.next_sibling() {
                    node = next;
                    continue 'outer;
                }
                match node.parent() {
                    Some(parent) => {
                        node = parent;
                        self.close_element();
                        depth = depth.saturating_sub(1);
                    }
                    None => break 'outer,
                }
            }
        }
        Ok(())
    }

    fn close_element(&mut self) {
        if self.visible.pop() == Some(true) {
            self.end_element();
        }
    }

    fn set_rendered(&mut self, prefix: &'a str, uri: &'a str) {
        let prev = self.rendered.insert(prefix, uri);
        self.undo.push((prefix, prev));
    }

    fn rendered_is(&self, prefix: &str, uri: &str) -> bool {
        match self.rendered.get(prefix) {
            Some(u) => *u == uri,
            None => prefix.is_empty() && uri.is_empty(),
        }
    }

    /// `is_apex`: the element's parent is not output (the apex of the walk, or the
    /// child of an omitted element in a filtered node-set).
    fn start_element(&mut self, node: Node<'a, 'i>, is_apex: bool) -> Result<(), C14nError> {
        let (prefix, local) = element_qname(node)?;
        let undo_mark = self.undo.len();
        self.ns_buf.clear();
        self.attr_buf.clear();

        // An element whose in-scope namespaces are exactly its parent's
        // (roxmltree shares the list then) declares nothing new: its parent,
        // an output element, has already rendered whatever applies.
        let same_ns_as_parent = !is_apex && same_namespaces_as_parent(node);

        if !self.exclusive {
            if !same_ns_as_parent {
                let mut has_default = false;
                for ns in node.namespaces() {
                    let p = ns.name().unwrap_or("");
                    let u = ns.uri();
                    has_default |= p.is_empty();
                    if !self.rendered_is(p, u) {
                        self.set_rendered(p, u);
                        self.ns_buf.push((p, u));
                    }
                }
                // No default namespace in scope while the nearest output ancestor has
                // one (possible under an omitted element): undeclare it.
                if !has_default && !self.rendered_is("", "") {
                    self.set_rendered("", "");
                    self.ns_buf.push(("", ""));
                }
            }
        } else {
            // Visibly utilized namespaces: the element's own prefix...
            let p = prefix.unwrap_or("");
            let u = node.tag_name().namespace().unwrap_or("");
            if p != "xml" && !self.rendered_is(p, u) {
                self.set_rendered(p, u);
                self.ns_buf.push((p, u));
            }
            // ... and those of its prefixed attributes.
            for attr in node.attributes() {
                let Some(u) = attr.namespace() else { continue };
                if u == XML_NS {
                    continue;
                }
                let p = attribute_prefix(node, &attr)?;
                if !self.rendered_is(p, u) {
                    self.set_rendered(p, u);
                    self.ns_buf.push((p, u));
                }
            }
            // InclusiveNamespaces PrefixList: handled as by inclusive C14N.
            if !same_ns_as_parent && (self.incl_default || !self.incl.is_empty()) {
                for ns in node.namespaces() {
                    let wanted = match ns.name() {
                        None => self.incl_default,
                        Some(n) => self.incl.contains(&n),
                    };
                    if !wanted {
                        continue;
                    }
                    let p = ns.name().unwrap_or("");
                    let u = ns.uri();
                    if !self.rendered_is(p, u) {
                        self.set_rendered(p, u);
                        self.ns_buf.push((p, u));
                    }
                }
            }
        }

        // Attributes.
        let text = node.document().input_text();
        let c14n11_fixup_base = is_apex && self.alg.is_c14n11() && has_xml_base_ancestor(node);
        for attr in node.attributes() {
            let uri = attr.namespace().unwrap_or("");
            let attr_prefix = if uri.is_empty() {
                None
            } else if uri == XML_NS {
                if c14n11_fixup_base && attr.name() == "base" {
                    continue;
                }
                Some("xml")
            } else {
                Some(attribute_prefix_in(text, node, &attr)?)
            };
            self.attr_buf.push(AttrOut {
                uri,
                local: attr.name(),
                prefix: attr_prefix,
                value: Cow::Borrowed(attr.value()),
            });
        }
        if is_apex && !self.exclusive {
            self.inherit_xml_attributes(node, c14n11_fixup_base);
        }
        self.out_elems.push(node);

        self.ns_buf.sort_unstable_by(|a, b| a.0.cmp(b.0));
        self.attr_buf.sort_unstable_by(|a, b| (a.uri, a.local).cmp(&(b.uri, b.local)));

        let out = &mut self.out;
        out.push(b'<');
        write_qname(out, prefix, local);
        for (p, u) in &self.ns_buf {
            if p.is_empty() {
                out.extend_from_slice(b" xmlns=\"");
            } else {
                out.extend_from_slice(b" xmlns:");
                out.extend_from_slice(p.as_bytes());
                out.extend_from_slice(b"=\"");
            }
            escape_attr(out, u);
            out.push(b'"');
        }
        for a in &self.attr_buf {
            out.push(b' ');
            write_qname(out, a.prefix, a.local);
            out.extend_from_slice(b"=\"");
            escape_attr(out, &a.value);
            out.push(b'"');
        }
        out.push(b'>');
        self.open.push(Open { prefix, local, undo_mark });
        Ok(())
    }

    fn end_element(&mut self) {
        let Some(open) = self.open.pop() else { return };
        self.out_elems.pop();
        self.out.extend_from_slice(b"</");
        write_qname(&mut self.out, open.prefix, open.local);
        self.out.push(b'>');
        while self.undo.len() > open.undo_mark {
            let Some((p, prev)) = self.undo.pop() else {
                break;
            };
            match prev {
                Some(u) => {
                    self.rendered.insert(p, u);
                }
                None => {
                    self.rendered.remove(p);
                }
            }
        }
    }

    /// Inclusive C14N: the apex gets the `xml:*` attributes of its (omitted)
    /// ancestors that it does not redeclare. C14N 1.0 inherits every `xml:*`
    /// attribute; C14N 1.1 inherits `xml:lang` and `xml:space` only and
    /// rewrites `xml:base` by joining the ancestors' values.
    fn inherit_xml_attributes(&mut self, apex: Node<'a, 'i>, fixup_base: bool) {
        let c14n11 = self.alg.is_c14n11();
        let own_count = self.attr_buf.len();
        // the nearest output ancestor has rendered (and so passes on) its own
        let stop = self.out_elems.last().copied();
        for anc in apex.ancestors().skip(1).take_while(|a| Some(*a) != stop) {
            for attr in anc.attributes() {
                if attr.namespace() != Some(XML_NS) {
                    continue;
                }
                let local = attr.name();
                if c14n11 && local != "lang" && local != "space" {
                    continue;
                }
                // Nearest occurrence wins; the apex's own value wins over all.
                let already = apex.attributes().any(|a| a.namespace() == Some(XML_NS) && a.name() == local)
                    || self.attr_buf[own_count..].iter().any(|a| a.local == local);
                if already {
                    continue;
                }
                self.attr_buf.push(AttrOut {
                    uri: XML_NS,
                    local,
                    prefix: Some("xml"),
                    value: Cow::Borrowed(attr.value()),
                });
            }
        }
        if fixup_base {
            // Outermost first, then the apex's own value.
            let mut bases: Vec<&str> = apex
                .ancestors()
                .take_while(|a| Some(*a) != stop)
                .filter_map(|n| n.attribute((XML_NS, "base")))
                .collect();
            bases.reverse();
            let mut acc: Option<String> = None;
            for b in bases {
                acc = Some(match acc {
                    None => b.to_string(),
                    Some(base) => join_uri(&base, b),
                });
            }
            if let Some(v) = acc {
                self.attr_buf.push(AttrOut { uri: XML_NS, local: "base", prefix: Some("xml"), value: Cow::Owned(v) });
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Names

fn same_namespaces_as_parent(node: Node<'_, '_>) -> bool {
    let Some(parent) = node.parent().filter(|p| p.is_element()) else {
        return false;
    };
    let (a, b) = (node.namespaces(), parent.namespaces());
    a.len() == b.len() && a.zip(b).all(|(x, y)| std::ptr::eq(x, y))
}

fn has_xml_base_ancestor(node: Node<'_, '_>) -> bool {
    node.ancestors().skip(1).any(|n| n.has_attribute((XML_NS, "base")))
}

fn is_name_end(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')
}

fn split_qname(qname: &str) -> (Option<&str>, &str) {
    match qname.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, qname),
    }
}

/// The element's prefix and local name as written in the source.
fn element_qname<'a, 'i: 'a>(node: Node<'a, 'i>) -> Result<(Option<&'a str>, &'a str), C14nError> {
    let local = node.tag_name().name();
    let text: &'i str = node.document().input_text();
    let range = node.range();
    if let Some(tag) = text.get(range.start..range.end)
        && let Some(rest) = tag.strip_prefix('<')
    {
        let end = rest.bytes().position(is_name_end).unwrap_or(rest.len());
        if let Some(qname) = rest.get(..end) {
            let (p, l) = split_qname(qname);
            if l == local {
                return Ok((p, local));
            }
        }
    }
    // Fallback: a prefix bound to the element's namespace.
    match node.tag_name().namespace() {
        None => Ok((None, local)),
        Some(uri) => {
            if node.default_namespace() == Some(uri) {
                return Ok((None, local));
            }
            node.namespaces()
                .find(|ns| ns.uri() == uri && ns.name().is_some())
                .and_then(|ns| ns.name())
                .map(|p| (Some(p), local))
                .ok_or_else(|| C14nError::Name(format!("element {local}")))
        }
    }
}

fn attribute_prefix<'a, 'i: 'a>(node: Node<'a, 'i>, attr: &roxmltree::Attribute<'a, 'i>) -> Result<&'a str, C14nError> {
    attribute_prefix_in(node.document().input_text(), node, attr)
}

/// The prefix of a namespaced (non-`xml:`) attribute as written in the source.
fn attribute_prefix_in<'a, 'i: 'a>(
    text: &'i str,
    node: Node<'a, 'i>,
    attr: &roxmltree::Attribute<'a, 'i>,
) -> Result<&'a str, C14nError> {
    let local = attr.name();
    let r = attr.range();
    if let Some(s) = text.get(r.start..r.end) {
        let end = s.bytes().position(|b| b == b'=' || b.is_ascii_whitespace()).unwrap_or(s.len());
        if let Some(qname) = s.get(..end)
            && let (Some(p), l) = split_qname(qname)
            && l == local
        {
            return Ok(p);
        }
    }
    let uri = attr.namespace().unwrap_or("");
    node.namespaces()
        .find(|ns| ns.uri() == uri && ns.name().is_some())
        .and_then(|ns| ns.name())
        .ok_or_else(|| C14nError::Name(format!("attribute {local}")))
}

fn write_qname(out: &mut Vec<u8>, prefix: Option<&str>, local: &str) {
    if let Some(p) = prefix {
        out.extend_from_slice(p.as_bytes());
        out.push(b':');
    }
    out.extend_from_slice(local.as_bytes());
}

// ---------------------------------------------------------------------------
// Escaping

fn escape_text(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'\r' => b"&#xD;",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(rep);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

fn escape_attr(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'"' => b"&quot;",
            b'\t' => b"&#x9;",
            b'\n' => b"&#xA;",
            b'\r' => b"&#xD;",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(rep);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

// ---------------------------------------------------------------------------
// Encoding declaration

/// Refuses an XML declaration naming an encoding other than UTF-8, unless the
/// input is pure ASCII and the encoding is an ASCII superset we know.
fn check_declared_encoding(xml: &[u8]) -> Result<(), C14nError> {
    if !xml.starts_with(b"<?xml") {
        return Ok(());
    }
    let head = &xml[..xml.len().min(256)];
    let Some(end) = head.windows(2).position(|w| w == b"?>") else {
        return Ok(());
    };
    let decl = String::from_utf8_lossy(&head[..end]);
    let Some(pos) = decl.find("encoding") else {
        return Ok(());
    };
    let rest = decl[pos + "encoding".len()..].trim_start();
    let Some(rest) = rest.strip_prefix('=') else {
        return Ok(());
    };
    let rest = rest.trim_start();
    let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        return Ok(());
    };
    let enc = rest[1..].split(quote).next().unwrap_or_default();
    let lower = enc.to_ascii_lowercase();
    if lower == "utf-8" || lower == "utf8" {
        return Ok(());
    }
    let ascii_superset =
        matches!(lower.as_str(), "us-ascii" | "ascii" | "iso-8859-1" | "latin1" | "iso-8859-15" | "windows-1252");
    if ascii_superset && xml.is_ascii() {
        return Ok(());
    }
    Err(C14nError::UnsupportedEncoding(enc.to_string()))
}

// ---------------------------------------------------------------------------
// URI joining for the C14N 1.1 xml:base fixup

struct UriParts<'s> {
    scheme: Option<&'s str>,
    authority: Option<&'s str>,
    path: &'s str,
    query: Option<&'s str>,
    fragment: Option<&'s str>,
}

fn parse_uri(s: &str) -> UriParts<'_> {
    let (s, fragment) = match s.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (s, None),
    };
    let (s, query) = match s.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (s, None),
    };
    let mut rest = s;
    let mut scheme = None;
    if let Some(colon) = s.find(':') {
        let cand = &s[..colon];
        let mut chars = cand.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if valid {
            scheme = Some(cand);
            rest = &s[colon + 1..];
        }
    }
    let mut authority = None;
    if let Some(after) = rest.strip_prefix("//") {
        let end = after.find('/').unwrap_or(after.len());
        authority = Some(&after[..end]);
        rest = &after[end..];
    }
    UriParts { scheme, authority, path: rest, query, fragment }
}

/// RFC 3986 §5.2 `remove_dot_segments`, modified as C14N 1.1 requires for
/// relative paths: `..` segments that cannot be resolved are kept.
fn remove_dot_segments(path: &str) -> String {
    let absolute = path.starts_with('/');
    let body = if absolute { &path[1..] } else { path };
    let segs: Vec<&str> = body.split('/').collect();
    let n = segs.len();
    let mut out: Vec<&str> = Vec::new();
    for (i, seg) in segs.into_iter().enumerate() {
        let last = i + 1 == n;
        match seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.last().is_some_and(|s| *s != "..") {
                    out.pop();
                } else if !absolute {
                    out.push("..");
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if absolute { format!("/{joined}") } else { joined }
}

/// Resolves `reference` against `base` (RFC 3986 §5.2.2), where `base` may
/// itself be relative, as C14N 1.1's `join-URI-References` does.
fn join_uri(base: &str, reference: &str) -> String {
    let r = parse_uri(reference);
    let b = parse_uri(base);
    let (scheme, authority, path, query);
    if r.scheme.is_some() {
        scheme = r.scheme;
        authority = r.authority;
        path = remove_dot_segments(r.path);
        query = r.query;
    } else {
        scheme = b.scheme;
        if r.authority.is_some() {
            authority = r.authority;
            path = remove_dot_segments(r.path);
            query = r.query;
        } else {
            authority = b.authority;
            if r.path.is_empty() {
                path = b.path.to_string();
                query = r.query.or(b.query);
            } else {
                query = r.query;
                if r.path.starts_with('/') {
                    path = remove_dot_segments(r.path);
                } else {
                    let merged = if b.authority.is_some() && b.path.is_empty() {
                        format!("/{}", r.path)
                    } else {
                        // A base ending in a "." or ".." segment names a
                        // directory.
                        let last_seg = b.path.rsplit('/').next().unwrap_or_default();
                        if last_seg == "." || last_seg == ".." {
                            format!("{}/{}", b.path, r.path)
                        } else {
                            match b.path.rfind('/') {
                                Some(i) => format!("{}{}", &b.path[..=i], r.path),
                                None => r.path.to_string(),
                            }
                        }
                    };
                    path = remove_dot_segments(&merged);
                }
            }
        }
    }
    let mut s = String::new();
    if let Some(sc) = scheme {
        s.push_str(sc);
        s.push(':');
    }
    if let Some(a) = authority {
        s.push_str("//");
        s.push_str(a);
    }
    s.push_str(&path);
    if let Some(q) = query {
        s.push('?');
        s.push_str(q);
    }
    if let Some(f) = r.fragment {
        s.push('#');
        s.push_str(f);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(xml: &str, alg: Algorithm) -> String {
        let out = canonicalize_bytes(xml.as_bytes(), alg).expect("canonicalize");
        String::from_utf8(out).expect("utf8")
    }

    fn element<'a, 'i>(doc: &'a Document<'i>, local: &str) -> Node<'a, 'i> {
        doc.descendants().find(|n| n.is_element() && n.tag_name().name() == local).expect("element")
    }

    fn sub(xml: &str, local: &str, alg: Algorithm, prefixes: &[&str]) -> String {
        let doc = Document::parse_with_options(xml, parse_options()).expect("parse");
        let prefixes: Vec<String> = prefixes.iter().map(|s| s.to_string()).collect();
        let set = NodeSet::subtree(element(&doc, local));
        String::from_utf8(canonicalize(&set, alg, &prefixes).expect("c14n")).expect("utf8")
    }

    #[test]
    fn algorithm_uris_round_trip() {
        for alg in Algorithm::ALL {
            assert_eq!(Algorithm::from_uri(alg.uri()), Some(alg));
            assert!(!alg.without_comments().with_comments());
        }
        assert_eq!(Algorithm::from_uri("http://www.w3.org/2006/12/xml-c14n11#"), None);
        assert_eq!(Algorithm::from_uri("http://www.w3.org/2001/10/xml-exc-c14n#"), Some(Algorithm::ExcC14n));
    }

    #[test]
    fn enveloped_signature_excluded() {
        let xml = "<Invoice xmlns=\"urn:inv\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n  \
                   <ID>1</ID><!-- note -->\n  <ds:Signature Id=\"s\"><ds:SignedInfo/></ds:Signature>\n</Invoice>";
        let doc = Document::parse(xml).expect("parse");
        let sig = element(&doc, "Signature");
        let set = NodeSet::whole_document(&doc).excluding(sig);
        let want = "<Invoice xmlns=\"urn:inv\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n  \
                    <ID>1</ID>\n  \n</Invoice>";
        assert_eq!(canonicalize(&set, Algorithm::C14n10, &[]).expect("c14n"), want.as_bytes());
        assert_eq!(canonicalize(&set, Algorithm::C14n11, &[]).expect("c14n"), want.as_bytes());
        // Exclusive: the ds namespace is not used outside the removed Signature.
        assert_eq!(
            String::from_utf8(canonicalize(&set, Algorithm::ExcC14n, &[]).expect("c14n")).expect("utf8"),
            want.replace(" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"", "")
        );
        let with = canonicalize(&set, Algorithm::C14n10WithComments, &[]).expect("c14n");
        assert_eq!(String::from_utf8(with).expect("utf8"), want.replace("<ID>1</ID>", "<ID>1</ID><!-- note -->"));
        // Subtree of the Signature's SignedInfo: inclusive inherits the
        // default and ds namespaces.
        let si = NodeSet::subtree(element(&doc, "SignedInfo"));
        assert_eq!(
            canonicalize(&si, Algorithm::C14n10, &[]).expect("c14n"),
            b"<ds:SignedInfo xmlns=\"urn:inv\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"></ds:SignedInfo>"
        );
        assert_eq!(
            canonicalize(&si, Algorithm::ExcC14n, &[]).expect("c14n"),
            b"<ds:SignedInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"></ds:SignedInfo>"
        );
    }

    #[test]
    fn excluding_apex_or_ancestor_gives_nothing_and_foreign_nodes_nothing_removed() {
        let xml = "<a><b><c/></b></a>";
        let doc = Document::parse(xml).expect("parse");
        let other = Document::parse(xml).expect("parse");
        let b = element(&doc, "b");
        let c = element(&doc, "c");
        assert!(canonicalize(&NodeSet::subtree(c).excluding(b), Algorithm::C14n10, &[]).expect("c14n").is_empty());
        assert!(canonicalize(&NodeSet::subtree(b).excluding(b), Algorithm::C14n10, &[]).expect("c14n").is_empty());
        let set = NodeSet::whole_document(&doc).excluding(element(&other, "b"));
        assert_eq!(canonicalize(&set, Algorithm::C14n10, &[]).expect("c14n"), b"<a><b><c></c></b></a>");
        // Many exclusions (hash-set path).
        let mut set = NodeSet::whole_document(&doc);
        for n in other.descendants().chain(std::iter::once(c)) {
            set = set.excluding(n);
        }
        assert_eq!(canonicalize(&set, Algorithm::C14n10, &[]).expect("c14n"), b"<a><b></b></a>");
    }

    const ID_DOC: &str = "<root xmlns=\"urn:r\" xmlns:a=\"urn:a\" xmlns:unused=\"urn:u\" xml:lang=\"fr\" \
                          xml:id=\"r1\"><a:item Id=\"x1\" attr=\"v\"><child/></a:item></root>";

    #[test]
    fn id_subtree_inclusive_inherits_namespaces_and_xml_attributes() {
        assert_eq!(
            sub(ID_DOC, "item", Algorithm::C14n10, &[]),
            "<a:item xmlns=\"urn:r\" xmlns:a=\"urn:a\" xmlns:unused=\"urn:u\" Id=\"x1\" attr=\"v\" \
             xml:id=\"r1\" xml:lang=\"fr\"><child></child></a:item>"
        );
        // C14N 1.1 does not inherit xml:id.
        assert_eq!(
            sub(ID_DOC, "item", Algorithm::C14n11, &[]),
            "<a:item xmlns=\"urn:r\" xmlns:a=\"urn:a\" xmlns:unused=\"urn:u\" Id=\"x1\" attr=\"v\" \
             xml:lang=\"fr\"><child></child></a:item>"
        );
    }

    #[test]
    fn id_subtree_exclusive_and_prefix_list() {
        assert_eq!(
            sub(ID_DOC, "item", Algorithm::ExcC14n, &[]),
            "<a:item xmlns:a=\"urn:a\" Id=\"x1\" attr=\"v\"><child xmlns=\"urn:r\"></child></a:item>"
        );
        assert_eq!(
            sub(ID_DOC, "item", Algorithm::ExcC14nWithComments, &["unused"]),
            "<a:item xmlns:a=\"urn:a\" xmlns:unused=\"urn:u\" Id=\"x1\" attr=\"v\">\
             <child xmlns=\"urn:r\"></child></a:item>"
        );
        assert_eq!(
            sub(ID_DOC, "item", Algorithm::ExcC14n, &["#default unused", "nope"]),
            "<a:item xmlns=\"urn:r\" xmlns:a=\"urn:a\" xmlns:unused=\"urn:u\" Id=\"x1\" attr=\"v\">\
             <child></child></a:item>"
        );
        // The prefix list is ignored by inclusive C14N.
        assert_eq!(sub(ID_DOC, "item", Algorithm::C14n11, &["#default"]), sub(ID_DOC, "item", Algorithm::C14n11, &[]));
    }

    #[test]
    fn default_namespace_undeclaration() {
        let xml = "<a xmlns=\"urn:u\"><b xmlns=\"\"><c/></b></a>";
        for alg in [Algorithm::C14n10, Algorithm::C14n11, Algorithm::ExcC14n] {
            assert_eq!(whole(xml, alg), "<a xmlns=\"urn:u\"><b xmlns=\"\"><c></c></b></a>");
            assert_eq!(sub(xml, "b", alg, &[]), "<b><c></c></b>");
        }
        // Superfluous xmlns="" (no default in scope) is dropped.
        assert_eq!(whole("<r><e xmlns=\"\"/></r>", Algorithm::C14n10), "<r><e></e></r>");
        // Exclusive: xmlns="" only where the empty default is used again.
        let xml = "<a xmlns=\"urn:u\"><p:b xmlns:p=\"urn:p\" xmlns=\"\"><c/></p:b></a>";
        assert_eq!(
            whole(xml, Algorithm::ExcC14n),
            "<a xmlns=\"urn:u\"><p:b xmlns:p=\"urn:p\"><c xmlns=\"\"></c></p:b></a>"
        );
        assert_eq!(
            whole(xml, Algorithm::C14n10),
            "<a xmlns=\"urn:u\"><p:b xmlns=\"\" xmlns:p=\"urn:p\"><c></c></p:b></a>"
        );
        assert_eq!(sub(xml, "b", Algorithm::ExcC14n, &["#default"]), "<p:b xmlns:p=\"urn:p\"><c></c></p:b>");
    }

    #[test]
    fn superfluous_declarations_removed() {
        let xml = "<a xmlns:p=\"urn:p\"><p:b xmlns:p=\"urn:p\"><p:c xmlns:p=\"urn:q\"/></p:b></a>";
        assert_eq!(whole(xml, Algorithm::C14n10), "<a xmlns:p=\"urn:p\"><p:b><p:c xmlns:p=\"urn:q\"></p:c></p:b></a>");
        assert_eq!(whole(xml, Algorithm::ExcC14n), "<a><p:b xmlns:p=\"urn:p\"><p:c xmlns:p=\"urn:q\"></p:c></p:b></a>");
    }

    #[test]
    fn attribute_and_namespace_ordering() {
        let xml = "<e xmlns:z=\"http://a\" xmlns:a=\"http://z\" a:x=\"1\" z:y=\"2\" b=\"3\" a=\"4\" \
                   xml:lang=\"en\" xmlns=\"urn:d\"/>";
        assert_eq!(
            whole(xml, Algorithm::C14n10),
            "<e xmlns=\"urn:d\" xmlns:a=\"http://z\" xmlns:z=\"http://a\" a=\"4\" b=\"3\" z:y=\"2\" \
             xml:lang=\"en\" a:x=\"1\"></e>"
        );
        assert_eq!(
            whole(xml, Algorithm::ExcC14n),
            "<e xmlns=\"urn:d\" xmlns:a=\"http://z\" xmlns:z=\"http://a\" a=\"4\" b=\"3\" z:y=\"2\" \
             xml:lang=\"en\" a:x=\"1\"></e>"
        );
    }

    #[test]
    fn same_uri_under_two_prefixes_keeps_source_prefixes() {
        let xml = "<r xmlns=\"urn:u\" xmlns:p=\"urn:u\"><p:e p:a=\"1\"/><e/></r>";
        assert_eq!(
            whole(xml, Algorithm::C14n10),
            "<r xmlns=\"urn:u\" xmlns:p=\"urn:u\"><p:e p:a=\"1\"></p:e><e></e></r>"
        );
        assert_eq!(
            whole(xml, Algorithm::ExcC14n),
            "<r xmlns=\"urn:u\"><p:e xmlns:p=\"urn:u\" p:a=\"1\"></p:e><e></e></r>"
        );
    }

    #[test]
    fn attribute_escaping() {
        let xml = "<e a=\"&#xD;&#x9;&#xA;x\" b=\"tab\tnl\nend\" c='q\"&amp;&lt;>' d=\"&#13;&#10;\"/>";
        assert_eq!(
            whole(xml, Algorithm::C14n10),
            "<e a=\"&#xD;&#x9;&#xA;x\" b=\"tab nl end\" c=\"q&quot;&amp;&lt;>\" d=\"&#xD;&#xA;\"></e>"
        );
    }

    #[test]
    fn text_escaping() {
        let xml = "<e>a &gt; b &amp; c &lt; d \"q\" 'a'&#13;x\r\ny\t<![CDATA[<&>]]></e>";
        assert_eq!(whole(xml, Algorithm::C14n10), "<e>a &gt; b &amp; c &lt; d \"q\" 'a'&#xD;x\ny\t&lt;&amp;&gt;</e>");
    }

    #[test]
    fn comments_and_pis_outside_document_element() {
        let xml = "<?xml version=\"1.0\"?>\n<?p1 d?>\n<!--c1-->\n<r><!--in--><?p2?></r>\n<!--c2-->\n<?p3 x ?>";
        assert_eq!(whole(xml, Algorithm::C14n10), "<?p1 d?>\n<r><?p2?></r>\n<?p3 x ?>");
        assert_eq!(
            whole(xml, Algorithm::C14n10WithComments),
            "<?p1 d?>\n<!--c1-->\n<r><!--in--><?p2?></r>\n<!--c2-->\n<?p3 x ?>"
        );
        assert_eq!(whole(xml, Algorithm::ExcC14nWithComments), whole(xml, Algorithm::C14n11WithComments));
        // The subtree of a top-level comment keeps its line break.
        let doc = Document::parse(xml).expect("parse");
        let c2 = doc.root().children().find(|n| n.is_comment() && n.text() == Some("c2")).expect("c2");
        assert_eq!(
            canonicalize(&NodeSet::subtree(c2), Algorithm::C14n10WithComments, &[]).expect("c14n"),
            b"\n<!--c2-->"
        );
        assert!(canonicalize(&NodeSet::subtree(c2), Algorithm::C14n10, &[]).expect("c14n").is_empty());
    }

    #[test]
    fn c14n11_xml_base_fixup_on_apex() {
        let xml = "<a xml:base=\"http://e.org/x/\"><b xml:base=\"y/\"><c xml:base=\"z\"/><d/></b></a>";
        assert_eq!(sub(xml, "c", Algorithm::C14n11, &[]), "<c xml:base=\"http://e.org/x/y/z\"></c>");
        assert_eq!(sub(xml, "d", Algorithm::C14n11, &[]), "<d xml:base=\"http://e.org/x/y/\"></d>");
        // C14N 1.0 inherits the nearest value verbatim; the own one wins.
        assert_eq!(sub(xml, "c", Algorithm::C14n10, &[]), "<c xml:base=\"z\"></c>");
        assert_eq!(sub(xml, "d", Algorithm::C14n10, &[]), "<d xml:base=\"y/\"></d>");
        // Exclusive C14N inherits nothing.
        assert_eq!(sub(xml, "d", Algorithm::ExcC14n, &[]), "<d></d>");
    }

    #[test]
    fn element_from_internal_entity() {
        let xml = "<!DOCTYPE d [<!ENTITY e '<x:b xmlns:x=\"urn:x\" x:a=\"1\"/>'>]><d>&e;</d>";
        let opt = ParsingOptions { allow_dtd: true, ..parse_options() };
        let doc = Document::parse_with_options(xml, opt).expect("parse");
        assert_eq!(
            canonicalize(&NodeSet::whole_document(&doc), Algorithm::ExcC14n, &[]).expect("c14n"),
            b"<d><x:b xmlns:x=\"urn:x\" x:a=\"1\"></x:b></d>"
        );
    }

    #[test]
    fn depth_limit() {
        let nested = |n: usize| "<a>".repeat(n) + &"</a>".repeat(n);
        assert!(canonicalize_bytes(nested(MAX_DEPTH).as_bytes(), Algorithm::C14n10).is_ok());
        let deep = nested(MAX_DEPTH + 1);
        assert!(matches!(
            canonicalize_bytes(deep.as_bytes(), Algorithm::C14n10),
            Err(C14nError::TooDeep { limit: MAX_DEPTH })
        ));
        // Also when the apex itself is too deep.
        let deeper = nested(5 * MAX_DEPTH);
        let doc = Document::parse(&deeper).expect("parse");
        let last = doc.descendants().nth(5 * MAX_DEPTH).expect("deepest element");
        assert!(matches!(
            canonicalize(&NodeSet::subtree(last), Algorithm::ExcC14n, &[]),
            Err(C14nError::TooDeep { .. })
        ));
    }

    #[test]
    fn dtd_refused_by_canonicalize_bytes() {
        for xml in [
            "<!DOCTYPE d [<!ENTITY e 'x'>]><d>&e;</d>",
            "<!DOCTYPE d [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><d>&e;</d>",
            "<!DOCTYPE d SYSTEM 'http://example.org/d.dtd'><d/>",
        ] {
            let err = canonicalize_bytes(xml.as_bytes(), Algorithm::C14n10).expect_err("DTD");
            assert!(matches!(err, C14nError::Parse(_)), "{err}");
        }
    }

    #[test]
    fn malformed_input_is_an_error() {
        let cases: [&[u8]; 7] = [
            b"",
            b"<a><b></a>",
            b"<a>",
            b"text",
            b"<a xmlns:p=\"u\"><q:b/></a>",
            b"\xff\xfe<\x00a\x00/\x00>\x00",
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xe9</a>",
        ];
        for xml in cases {
            let err = canonicalize_bytes(xml, Algorithm::C14n11).expect_err("malformed");
            assert!(!err.to_string().is_empty());
        }
        // A declared single-byte encoding is fine for pure ASCII; a BOM is skipped.
        assert_eq!(
            whole("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>&#233;</a>", Algorithm::C14n10),
            "<a>\u{e9}</a>"
        );
        let with_bom = b"\xEF\xBB\xBF<a/>";
        assert_eq!(canonicalize_bytes(with_bom, Algorithm::C14n10).expect("bom"), b"<a></a>");
    }

    #[test]
    fn truncated_inputs_never_panic() {
        let xml = "<?xml version=\"1.0\"?><!--c--><r xmlns=\"urn:r\" xmlns:p=\"urn:p\" xml:lang=\"en\">\
                   <p:e p:a=\"1&amp;2\" b='x'>t&lt;<![CDATA[c]]><?pi d?></p:e><f xmlns=\"\"/></r><!--e-->";
        let bytes = xml.as_bytes();
        for end in 0..=bytes.len() {
            for alg in [Algorithm::C14n10WithComments, Algorithm::ExcC14n] {
                let _ = canonicalize_bytes(&bytes[..end], alg);
            }
        }
    }

    #[test]
    fn join_uri_cases() {
        let abs = "http://xmlbase.example.org/xmlbase0/";
        assert_eq!(join_uri(abs, "/xmlbase1/"), "http://xmlbase.example.org/xmlbase1/");
        assert_eq!(join_uri("../bar/", "foo"), "../bar/foo");
        assert_eq!(join_uri("bar/", "foo"), "bar/foo");
        assert_eq!(join_uri(&join_uri("..", ".."), "x"), "../../x");
        assert_eq!(join_uri("http://a/b/c/d;p?q", "../../g"), "http://a/g");
        assert_eq!(join_uri("http://a/b/c/d;p?q", "g?y#s"), "http://a/b/c/g?y#s");
        assert_eq!(join_uri("http://a/b/c/d;p?q", "http://x/./y"), "http://x/y");
        assert_eq!(join_uri("http://a", "g"), "http://a/g");
        assert_eq!(join_uri("http://a/b/", "../../.."), "http://a/");
    }
}
