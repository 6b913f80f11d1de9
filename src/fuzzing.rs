//! Entry points for the fuzz targets in `fuzz/` and for replaying their corpus in the
//! test suite (`tests/fuzz_corpus.rs`): each must return for any input, never panic.

use crate::verify::{VerifyOptions, trust::TrustStore};

fn options() -> VerifyOptions {
    VerifyOptions {
        trust: TrustStore::default(),
        at: 1_800_000_000,
        pdf_password: None,
        package_limits: Default::default(),
    }
}

/// PDF: the low-level path (reader, signature discovery, revision analysis) and the
/// whole verifier.
pub fn pdf_verify(data: &[u8]) {
    crate::pdf::fuzz_verify_path(data);
    let _ = crate::verify::pdf::verify_bytes(String::new(), data, &options());
}

/// PDF: the viewer-style rebuild of the object table and its comparison with the xref
/// chain (both views over any input), then the verification that uses them.
pub fn pdf_views(data: &[u8]) {
    use crate::pdf::syntax::reader::{PdfReader, ReadOptions};
    use crate::pdf::syntax::views;
    let opts = ReadOptions::default();
    if let Ok(b) = views::rebuild(data, &opts) {
        let _ = b.pages();
        let x = PdfReader::open(data).ok();
        let _ = views::compare(&b, None);
        if let Some(x) = &x {
            let _ = views::compare(x, Some(&b));
        }
    }
    let _ = views::open_and_compare(data, &opts);
}

/// XML: parsing, C14N of the whole document, and the whole verifier.
pub fn xml_verify(data: &[u8]) {
    let _ = crate::xml::c14n::canonicalize_bytes(data, crate::xml::c14n::Algorithm::ExcC14n);
    let _ = crate::verify::xml::verify_bytes(String::new(), data, &options(), &crate::xml::dsig::default_id_attrs());
}

/// CMS parsing and verification over fixed content.
pub fn cms_verify(data: &[u8]) {
    if let Ok(sd) = crate::cms::parse::parse(data) {
        let digests: Vec<_> =
            crate::verify::cms::needed_digests(&sd).into_iter().map(|d| (d, d.digest(b"x"))).collect();
        let _ = crate::verify::cms::verify_signed_data(&sd, &digests, &options(), "");
    }
}

/// edXML: the package parser, base64 and zip decoding, the checks and the whole package
/// verifier, with small limits so one input stays cheap.
pub fn edxml_verify(data: &[u8]) {
    let mut opts = options();
    opts.package_limits = crate::edxml::Limits {
        max_attachment_size: 1 << 20,
        max_package_size: 4 << 20,
        max_attachments: 64,
        ..Default::default()
    };
    let _ = crate::edxml::sniff(data);
    let _ = crate::verify::edxml::verify_reader(String::new(), &mut std::io::Cursor::new(data), &opts, &[]);
}
