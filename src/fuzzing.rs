//! Entry points for the fuzz targets in `fuzz/` and for replaying their corpus in the
//! test suite (`tests/fuzz_corpus.rs`): each must return for any input, never panic.

use crate::verify::{VerifyOptions, trust::TrustStore};

fn options() -> VerifyOptions {
    VerifyOptions { trust: TrustStore::default(), at: 1_800_000_000, pdf_password: None, xml: Default::default() }
}

/// PDF: the low-level path (reader, signature discovery, revision analysis) and the
/// whole verifier.
pub fn pdf_verify(data: &[u8]) {
    crate::pdf::fuzz_verify_path(data);
    let _ = crate::verify::pdf::verify_bytes(String::new(), data, &options());
}

/// XML: parsing, C14N of the whole document, and the whole verifier.
pub fn xml_verify(data: &[u8]) {
    let _ = crate::xml::c14n::canonicalize_bytes(data, crate::xml::c14n::Algorithm::ExcC14n);
    let _ = crate::verify::xml::verify_bytes(String::new(), data, &options(), &crate::xml::dsig::default_id_attrs());
}

/// XPath: an expression (the bytes up to the first NUL) evaluated as a Filter 2.0
/// node-set and compiled and run as an XPath-transform predicate, over the XML after the
/// NUL (or a fixed document).
pub fn xml_xpath(data: &[u8]) {
    const DOC: &str = "<r xmlns:ds='http://www.w3.org/2000/09/xmldsig#'><a Id='x'>1<!--c-->2</a><ds:Signature><ds:XPath/></ds:Signature><b c='d'/></r>";
    let (expr, rest) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    let Ok(expr) = std::str::from_utf8(expr) else { return };
    let text = std::str::from_utf8(rest).ok().filter(|t| !t.is_empty()).unwrap_or(DOC);
    let Ok(doc) = crate::xml::dsig::parse_document(text) else { return };
    let resolve = |p: &str| match p {
        "ds" | "dsig" => Some(crate::xml::dsig::DSIG_NS.to_string()),
        _ => None,
    };
    let here = doc.descendants().find(|n| n.tag_name().name() == "XPath");
    let _ = crate::xml::xpath::eval_node_set(expr, &resolve, doc.root(), here);
    if let Ok(p) = crate::xml::xpath::Predicate::compile(expr, &resolve, here)
        && let Ok(members) = p.evaluate(doc.root())
    {
        let set = crate::xml::c14n::NodeSet::whole_document(&doc).filtered(members);
        let _ = crate::xml::c14n::canonicalize(&set, crate::xml::c14n::Algorithm::C14n10, &[]);
        let _ = crate::xml::c14n::canonicalize(&set, crate::xml::c14n::Algorithm::ExcC14n, &[]);
    }
}

/// Decoding (encodings), the shape pre-scan, and the base64 transform on arbitrary bytes.
pub fn xml_decode(data: &[u8]) {
    if let Ok(text) = crate::xml::dsig::decode(data) {
        let _ = crate::xml::limits::prescan(&text);
    }
    let _ = crate::xml::dsig::b64_decode(&String::from_utf8_lossy(data));
    let wrapped = format!("<o>{}</o>", String::from_utf8_lossy(data).replace(['<', '&'], ""));
    if let Ok(doc) = crate::xml::dsig::parse_document(&wrapped) {
        let root = doc.root_element();
        let mut o = crate::xml::transforms::Outcome::default();
        let _ = crate::xml::transforms::reference_octets(
            crate::xml::transforms::RefData::Subtree(root),
            false,
            &[
                crate::xml::transforms::Transform::Base64,
                crate::xml::transforms::Transform::C14n(crate::xml::c14n::Algorithm::C14n10, vec![]),
            ],
            root,
            1 << 24,
            &mut o,
        );
    }
}

/// The Vietnamese e-invoice profile: layouts, per-invoice extraction, required coverage.
pub fn xml_einvoice(data: &[u8]) {
    let mut opts = options();
    opts.xml.profile = crate::xml::VerifyProfile::EInvoice;
    opts.xml.require_signed = vec!["/TDiep/DLieu/HDon/DLHDon".into(), "/HDon/DLHDon".into()];
    let _ = crate::verify::xml::verify_bytes(String::new(), data, &opts, &crate::xml::dsig::default_id_attrs());
}

/// CMS parsing and verification over fixed content.
pub fn cms_verify(data: &[u8]) {
    if let Ok(sd) = crate::cms::parse::parse(data) {
        let digests: Vec<_> =
            crate::verify::cms::needed_digests(&sd).into_iter().map(|d| (d, d.digest(b"x"))).collect();
        let _ = crate::verify::cms::verify_signed_data(&sd, &digests, &options(), "");
    }
}
