//! Entry points for the fuzz targets in `fuzz/` and for replaying their corpus in the
//! test suite (`tests/fuzz_corpus.rs`): each must return for any input, never panic.

use crate::verify::{VerifyOptions, trust::TrustStore};

fn options() -> VerifyOptions {
    VerifyOptions { trust: TrustStore::default(), at: 1_800_000_000, pdf_password: None }
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

/// CMS parsing and verification: with content (the embedded one, else fixed bytes), with
/// none (SIGNED_DATA_NOT_FOUND), counter-signatures included.
pub fn cms_verify(data: &[u8]) {
    if let Ok(sd) = crate::cms::parse::parse(data) {
        let content = sd.econtent.clone().unwrap_or_else(|| b"x".to_vec());
        let digests: Vec<_> =
            crate::verify::cms::needed_digests(&sd).into_iter().map(|d| (d, d.digest(&content))).collect();
        let _ = crate::verify::cms::verify_signed_data_all(&sd, &digests, &options(), "");
        let _ = crate::verify::cms::verify_signed_data(&sd, &[], &options(), "");
    }
}

/// BER reading and conversion to DER. Returns the DER when the input is one BER element,
/// for the fuzz target to check that it reads back as the same DER.
pub fn ber_to_der(data: &[u8]) -> Option<Vec<u8>> {
    let (der, _) = crate::cms::ber::to_der(data).ok()?;
    let _ = crate::cms::tlv::read(data);
    Some(der.into_owned())
}
