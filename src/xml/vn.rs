//! Vietnamese e-invoice and tax-message layouts (Circular 78/2021, Decree 123/2020): the
//! document types kyso knows, where each is read by applications, and which element each
//! signature must sign — so that a signature over an element an application does not
//! read (signature wrapping) is refused.
//!
//! A *container* is found by shape at any depth: an element with a known name (`HDon`,
//! `TBao`, `TKhai`, `BTHDLieu`, `TDiep`, …) that has its data child (`DLHDon`, `DLTBao`,
//! …). A container is *in its slot* when no known container encloses it, or when it is a
//! child of the single `DLieu` of a `TDiep` that is itself in its slot — where the tax
//! authority's and the invoicing products' readers look. Every signature inside a
//! container must sign that container's unique data child (or the whole container), and
//! every one of its references must resolve to the data child, an allowed sibling
//! (`MCCQT`, `STBao`, …), the container, the whole document, or an element of the
//! signature itself (its SigningTime `Object`).

use roxmltree::Node;

use super::dsig;

/// One document type.
#[derive(Debug)]
pub struct DocType {
    /// The container element.
    pub container: &'static str,
    /// Its data child: what applications read and signatures must sign.
    pub data: &'static str,
    /// Other direct children a signature may also reference.
    pub extra: &'static [&'static str],
    /// What it is, for reports.
    pub what: &'static str,
}

/// The document types kyso knows (LAYOUTS.md of the real-world corpus).
pub const TYPES: &[DocType] = &[
    DocType { container: "HDon", data: "DLHDon", extra: &["MCCQT", "DLQRCode"], what: "invoice" },
    DocType { container: "TBao", data: "DLTBao", extra: &["STBao"], what: "tax notice" },
    DocType { container: "TKhai", data: "DLTKhai", extra: &[], what: "registration" },
    DocType { container: "BTHDLieu", data: "DLBTHop", extra: &[], what: "summary table" },
    DocType { container: "BKe", data: "NDBKe", extra: &[], what: "list of invoices" },
    DocType { container: "TDiep", data: "DLieu", extra: &["TTChung"], what: "message" },
];

/// A container found in a document.
#[derive(Debug, Clone, Copy)]
pub struct Container<'a, 'i> {
    pub node: Node<'a, 'i>,
    pub kind: &'static DocType,
    /// Where applications read it (see the module doc).
    pub in_slot: bool,
}

impl<'a, 'i> Container<'a, 'i> {
    /// The data children (exactly one in a well-formed document).
    pub fn data(&self) -> Vec<Node<'a, 'i>> {
        dsig::child_elements(self.node).filter(|c| c.tag_name().name() == self.kind.data).collect()
    }
}

fn doc_type(n: Node) -> Option<&'static DocType> {
    if !n.is_element() {
        return None;
    }
    let t = TYPES.iter().find(|t| t.container == n.tag_name().name())?;
    dsig::child_elements(n).any(|c| c.tag_name().name() == t.data).then_some(t)
}

/// The containers of a document, in document order.
pub fn containers<'a, 'i>(doc: &'a roxmltree::Document<'i>) -> Vec<Container<'a, 'i>> {
    let mut out: Vec<Container> = Vec::new();
    for n in doc.descendants() {
        let Some(kind) = doc_type(n) else { continue };
        let enclosing = n.ancestors().skip(1).find(|a| doc_type(*a).is_some());
        let in_slot = match enclosing {
            None => true,
            Some(outer) => {
                let outer_ok = out.iter().find(|c| c.node == outer).is_some_and(|c| c.in_slot);
                let parent = n.parent();
                let dlieu_ok = parent.is_some_and(|p| {
                    p.tag_name().name() == "DLieu"
                        && p.parent() == Some(outer)
                        && outer.tag_name().name() == "TDiep"
                        && dsig::child_elements(outer).filter(|c| c.tag_name().name() == "DLieu").count() == 1
                });
                outer_ok && dlieu_ok && kind.container != "TDiep"
            }
        };
        out.push(Container { node: n, kind, in_slot });
    }
    out
}

/// The container a signature belongs to: its nearest enclosing container.
pub fn container_of<'a, 'i>(cs: &[Container<'a, 'i>], sig: Node<'a, 'i>) -> Option<Container<'a, 'i>> {
    sig.ancestors().skip(1).find_map(|a| cs.iter().find(|c| c.node == a).copied())
}

/// What one reference of a signature resolved to.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a, 'i> {
    /// `None` = the whole document.
    pub node: Option<Node<'a, 'i>>,
    /// The digest matched.
    pub ok: bool,
}

/// Wrapping findings for a signature of container `c` whose references resolved to
/// `targets`; `root` is the document element (the whole document is fine when `c` is
/// the document element).
pub fn wrapping<'a, 'i>(
    c: &Container<'a, 'i>,
    sig: Node<'a, 'i>,
    targets: &[Target<'a, 'i>],
    paths: &dyn Fn(Node) -> String,
) -> Vec<String> {
    let mut out = Vec::new();
    let what = c.kind.what;
    let cpath = paths(c.node);
    if !c.in_slot {
        out.push(format!(
            "wrapping: the {what} {cpath} is not where applications read it (a {} inside another document's data)",
            c.kind.container
        ));
        return out;
    }
    let data = c.data();
    if data.len() != 1 {
        out.push(format!(
            "wrapping: the {what} {cpath} has {} {} elements; applications read one",
            data.len(),
            c.kind.data
        ));
        return out;
    }
    let data = data[0];
    let root = c.node.document().root_element();
    let signs_data = targets.iter().any(|t| match t.node {
        None => root == c.node || c.node.ancestors().any(|a| a == root),
        Some(n) => n == data || n == c.node,
    });
    if !signs_data {
        out.push(format!("wrapping: the signature does not sign {}, the data of the {what} {cpath}", paths(data)));
    }
    for t in targets {
        let Some(n) = t.node else {
            // the whole document: covers the container wherever it is
            continue;
        };
        let own = n.ancestors().any(|a| a == sig);
        let allowed = n == data
            || n == c.node
            || own
            || (n.parent() == Some(c.node) && c.kind.extra.contains(&n.tag_name().name()));
        if !allowed {
            out.push(format!(
                "wrapping: a reference of the signature of the {what} {cpath} resolves to {}, which applications do not read as its data",
                paths(n)
            ));
        }
    }
    out
}

/// Text split by a comment or processing instruction inside `root` (`16<!---->50000`):
/// readers that take the first text node see part of the value. Returns
/// (element, what such a reader sees, the whole text), at most `max` of them.
pub fn split_texts<'a, 'i>(
    root: Node<'a, 'i>,
    skip: Option<Node<'a, 'i>>,
    max: usize,
) -> Vec<(Node<'a, 'i>, String, String)> {
    let mut out = Vec::new();
    let meaningful = |n: Node| n.is_text() && n.text().is_some_and(|t| !t.trim().is_empty());
    for n in root.descendants() {
        if out.len() >= max {
            break;
        }
        if !(n.is_comment() || n.is_pi()) {
            continue;
        }
        if skip.is_some_and(|s| n.ancestors().any(|a| a == s)) {
            continue;
        }
        let before = n.prev_siblings().skip(1).find(|s| s.is_text() || s.is_element());
        let after = n.next_siblings().skip(1).find(|s| s.is_text() || s.is_element());
        if before.is_some_and(meaningful) && after.is_some_and(meaningful) {
            let Some(parent) = n.parent() else { continue };
            if out.iter().any(|(p, _, _)| *p == parent) {
                continue;
            }
            let first = parent.children().find(|c| c.is_text()).and_then(|c| c.text()).unwrap_or("").trim().to_string();
            let all: String = parent.children().filter(|c| c.is_text()).filter_map(|c| c.text()).collect();
            out.push((parent, first, all.trim().to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use roxmltree::Document;

    #[test]
    fn slots() {
        let d = Document::parse(
            "<TDiep><TTChung/><DLieu><HDon><DLHDon/></HDon><HDon><DLHDon/><X><HDon><DLHDon/></HDon></X></HDon></DLieu></TDiep>",
        )
        .unwrap();
        let cs = containers(&d);
        let slots: Vec<(&str, bool)> = cs.iter().map(|c| (c.kind.container, c.in_slot)).collect();
        assert_eq!(slots, [("TDiep", true), ("HDon", true), ("HDon", true), ("HDon", false)]);
        let d = Document::parse("<TDiep><DLieu><HDon><DLHDon/></HDon></DLieu><DLieu/></TDiep>").unwrap();
        assert!(!containers(&d)[1].in_slot);
    }

    #[test]
    fn split_text() {
        let d = Document::parse("<a><b>16<!---->50000</b><c>1<!--x-->\n</c><d>x<?p?>y</d></a>").unwrap();
        let v = split_texts(d.root_element(), None, 10);
        let found: Vec<(&str, &str, &str)> =
            v.iter().map(|(n, f, a)| (n.tag_name().name(), f.as_str(), a.as_str())).collect();
        assert_eq!(found, [("b", "16", "1650000"), ("d", "x", "xy")]);
    }
}
