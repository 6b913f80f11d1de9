//! Safety limits of XML verification, and a linear pre-scan that refuses documents whose
//! shape would make parsing or canonicalization slow before anything else runs.
//!
//! The parser (roxmltree) checks duplicate attributes pairwise and copies the in-scope
//! namespaces of every element that declares one; a document of nested elements each
//! declaring a new prefix, or of one element with 100,000 attributes, costs minutes. The
//! pre-scan counts that work from the tags alone, in one pass, and refuses the document
//! (LIMIT_EXCEEDED) when it exceeds [`PARSE_WORK`]; ordinary documents are orders of
//! magnitude below it. Reference processing has its own budget
//! ([`XmlLimits::reference_bytes`]): bytes canonicalized, decoded or read for the
//! references of one document, all signatures together.

use super::c14n::MAX_DEPTH;
use super::dsig::XmlError;

/// Pairwise work of the parser allowed for one document (Σ attributes² per element plus Σ
/// (namespaces in scope)² per element that declares one).
pub const PARSE_WORK: u64 = 40_000_000;
/// Default of [`XmlLimits::max_references`].
pub const DEFAULT_MAX_REFERENCES: usize = 1000;
/// At most this many `Transform`s per `Reference`.
pub const MAX_TRANSFORMS: usize = 8;
/// Fixed part of the default reference-bytes budget.
pub const REFERENCE_BYTES_BASE: u64 = 32 << 20;
/// Per document byte, in the default reference-bytes budget.
pub const REFERENCE_BYTES_FACTOR: u64 = 4;

/// Limits a verification applies; each refusal names the limit and the option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlLimits {
    /// `Reference`s per `SignedInfo` or `Manifest` (`--max-references`).
    pub max_references: usize,
    /// Bytes all references of a document may canonicalize, decode or read
    /// (`--max-reference-bytes`); `None` = 32 MiB + 4 × the document's size.
    pub reference_bytes: Option<u64>,
}

impl Default for XmlLimits {
    fn default() -> Self {
        XmlLimits { max_references: DEFAULT_MAX_REFERENCES, reference_bytes: None }
    }
}

impl XmlLimits {
    /// The reference-bytes budget for a document of `doc_len` bytes.
    pub fn reference_budget(&self, doc_len: usize) -> u64 {
        self.reference_bytes.unwrap_or_else(|| {
            REFERENCE_BYTES_BASE.saturating_add(REFERENCE_BYTES_FACTOR.saturating_mul(doc_len as u64))
        })
    }
}

/// Scan the tags of `text` and refuse shapes that would make parsing super-linear:
/// nesting deeper than [`MAX_DEPTH`], or more than [`PARSE_WORK`] pairwise work.
/// Comments, CDATA sections, PIs and attribute values are skipped; anything the scan does
/// not understand is left to the parser.
pub fn prescan(text: &str) -> Result<(), XmlError> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut depth: usize = 0;
    // per open element: namespace declarations in scope up to and including it
    let mut ns_stack: Vec<u64> = Vec::new();
    let mut work: u64 = 0;
    let find = |from: usize, pat: &[u8]| -> Option<usize> { b.get(from..)?.windows(pat.len()).position(|w| w == pat) };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = find(i + 4, b"-->").map(|p| i + 4 + p + 3).unwrap_or(b.len());
            continue;
        }
        if rest.starts_with(b"<![CDATA[") {
            i = find(i + 9, b"]]>").map(|p| i + 9 + p + 3).unwrap_or(b.len());
            continue;
        }
        if rest.starts_with(b"<?") {
            i = find(i + 2, b"?>").map(|p| i + 2 + p + 2).unwrap_or(b.len());
            continue;
        }
        if rest.starts_with(b"<!") {
            // a DTD: the parser refuses it
            return Ok(());
        }
        if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            ns_stack.pop();
            i = find(i, b">").map(|p| i + p + 1).unwrap_or(b.len());
            continue;
        }
        // a start tag: count attributes and namespace declarations
        let mut j = i + 1;
        let mut attrs: u64 = 0;
        let mut decls: u64 = 0;
        let mut self_closing = false;
        while j < b.len() {
            match b[j] {
                b'"' | b'\'' => {
                    let q = b[j];
                    j = find(j + 1, &[q]).map(|p| j + 1 + p + 1).unwrap_or(b.len());
                }
                b'=' => {
                    attrs += 1;
                    // the attribute name before '=' (skipping spaces)
                    let mut k = j;
                    while k > i && b[k - 1].is_ascii_whitespace() {
                        k -= 1;
                    }
                    let mut s = k;
                    while s > i && !b[s - 1].is_ascii_whitespace() {
                        s -= 1;
                    }
                    let name = &b[s..k];
                    if name == b"xmlns" || name.starts_with(b"xmlns:") {
                        decls += 1;
                    }
                    j += 1;
                }
                b'>' => {
                    self_closing = j > i && b[j - 1] == b'/';
                    j += 1;
                    break;
                }
                _ => j += 1,
            }
        }
        let inherited = ns_stack.last().copied().unwrap_or(0);
        work = work.saturating_add(attrs.saturating_mul(attrs));
        if decls > 0 {
            // the parser copies the inherited declarations, each checked against the copy
            let t = inherited + decls;
            work = work.saturating_add(t.saturating_mul(t));
        }
        if work > PARSE_WORK {
            return Err(XmlError::Limit(format!(
                "the document's attributes and namespace declarations would cost the parser more than {PARSE_WORK} \
                 steps (many attributes on one element, or deeply nested namespace declarations); fixed limit"
            )));
        }
        if !self_closing {
            depth += 1;
            if depth > MAX_DEPTH {
                return Err(XmlError::Limit(format!("elements nested deeper than {MAX_DEPTH} levels; fixed limit")));
            }
            ns_stack.push(inherited + decls);
        }
        i = j;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_documents_pass() {
        prescan("<?xml version='1.0'?><!-- <a> --><a xmlns='u' b='>' c=\"'\"><![CDATA[<x>]]><b/></a>").unwrap();
        let deep: String = (0..MAX_DEPTH).map(|_| "<a>").collect::<String>() + &"</a>".repeat(MAX_DEPTH);
        prescan(&deep).unwrap();
    }

    #[test]
    fn hostile_shapes_are_refused() {
        let deep: String = (0..=MAX_DEPTH).map(|_| "<a>").collect();
        assert!(matches!(prescan(&deep), Err(XmlError::Limit(_))));
        let attrs: String = format!("<r {}/>", (0..10_000).map(|i| format!("a{i}='1'")).collect::<Vec<_>>().join(" "));
        assert!(matches!(prescan(&attrs), Err(XmlError::Limit(_))));
        let ns: String = (0..200).map(|i| format!("<e xmlns:p{i}='u{i}'>")).collect();
        assert!(prescan(&ns).is_ok());
        let ns: String = (0..1000).map(|i| format!("<e xmlns:p{i}='u{i}'>")).collect();
        assert!(matches!(prescan(&ns), Err(XmlError::Limit(_))));
    }
}
