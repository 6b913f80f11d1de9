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

/// CMS parsing and verification over fixed content.
pub fn cms_verify(data: &[u8]) {
    if let Ok(sd) = crate::cms::parse::parse(data) {
        let digests: Vec<_> =
            crate::verify::cms::needed_digests(&sd).into_iter().map(|d| (d, d.digest(b"x"))).collect();
        let _ = crate::verify::cms::verify_signed_data(&sd, &digests, &options(), "");
    }
}

/// Certificate path validation over certificates and CRLs decoded from `data` (DER,
/// back to back): the first certificate is the target, the last the anchor, the others
/// helpers; revocation required, then an explicit policy required.
pub fn chain_validate(data: &[u8]) {
    use der::Decode;
    let mut certs = Vec::new();
    let mut crls = Vec::new();
    let mut rest = data;
    while !rest.is_empty() && certs.len() + crls.len() < 16 {
        let Ok(tlv) = der::asn1::AnyRef::from_der_partial(rest) else { break };
        let (any, tail) = tlv;
        let len = rest.len() - tail.len();
        let bytes = &rest[..len];
        if let Ok(c) = x509_cert::Certificate::from_der(bytes) {
            certs.push(c);
        } else if let Ok(c) = x509_cert::crl::CertificateList::from_der(bytes) {
            crls.push(c);
        }
        let _ = any;
        rest = tail;
    }
    let Some(target) = certs.first() else { return };
    let anchor = certs.last().cloned().into_iter().collect();
    let mut store = TrustStore { anchors: anchor, intermediates: certs[1..].to_vec(), crls, ..Default::default() };
    store.settings.require_revocation = true;
    for purpose in [crate::verify::chain::Purpose::DocumentSigning, crate::verify::chain::Purpose::Any] {
        let _ = crate::verify::chain::validate_request(&crate::verify::chain::Request {
            target,
            untrusted: &[],
            store: &store,
            at: 1_600_000_000,
            purpose,
            crls: &[],
            ocsp: &[],
        });
        store.settings.policy.explicit = true;
    }
}

/// RFC 3161: the bytes as a TimeStampResp, as a bare token, and as a request (what the
/// TSA of `kyso pki serve` reads).
pub fn tsp_response(data: &[u8]) {
    let check = crate::tsp::TokenCheck::default();
    let _ = crate::tsp::verify_response(data, &check);
    let _ = crate::tsp::verify_token(data, &check);
    let _ = <crate::tsp::asn1::TimeStampReq as der::Decode>::from_der(data);
}

/// RFC 6960: the bytes as an OCSPResponse (verified against the certificates it carries)
/// and as an OCSPRequest (what the responder of `kyso pki serve` reads).
pub fn ocsp_response(data: &[u8]) {
    use crate::revocation::ocsp;
    if let Ok((_, parts)) = ocsp::response::parse(data)
        && let Some(c) = parts.certs.first()
    {
        let _ = ocsp::verify(data, c, c, &ocsp::OcspCheck::at(1_800_000_000));
    }
    let _ = ocsp::request::parse(data);
}

/// RFC 5280 CRLs (DER or PEM): parsing, and the extensions and entries as verification reads them.
pub fn crl_parse(data: &[u8]) {
    if let Ok(c) = crate::revocation::crl::parse(data) {
        crate::revocation::crl::fuzz_contents(&c);
    }
}
