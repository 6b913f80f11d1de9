//! Entry points for the fuzz targets in `fuzz/` and for replaying their corpus in the
//! test suite (`tests/fuzz_corpus.rs`): each must return for any input, never panic.

use crate::verify::{VerifyOptions, trust::TrustStore};

fn options() -> VerifyOptions {
    VerifyOptions { pdf_work_limit: 2_000_000, ..VerifyOptions::at(1_800_000_000) }
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
    // XAdES-LT extension: splicing unsigned properties in, and reading them back.
    if let Ok(states) = crate::xml::xades::signatures(data) {
        let add =
            crate::xml::xades::Additions { timestamp: Some(vec![0x30, 0]), certs: vec![vec![1]], ..Default::default() };
        let all: Vec<_> = states.iter().map(|s| s.xades.then(|| add.clone())).collect();
        if let Ok(out) = crate::xml::xades::add_unsigned(data, &all) {
            let _ = crate::xml::xades::signatures(&out);
        }
    }
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
    // CAdES-LT extension: validation data and an unsigned attribute spliced in, read back.
    let extra = [vec![0x30, 0x03, 0x02, 0x01, 0x01]];
    let data_in = crate::cms::ltv::ValidationData { certs: &extra, crls: &extra, ocsps: &extra };
    if let Ok(out) = crate::cms::ltv::add_validation_data(data, &data_in) {
        let _ = crate::cms::parse::parse(&out);
        let _ = crate::cms::ltv::signature_values(&out);
        let _ = crate::cms::ltv::add_unsigned_attribute(&out, 0, &[0x30, 0x00]);
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

/// BER reading and conversion to DER. Returns the DER when the input is one BER element,
/// for the fuzz target to check that it reads back as the same DER.
pub fn ber_to_der(data: &[u8]) -> Option<Vec<u8>> {
    let (der, _) = crate::cms::ber::to_der(data).ok()?;
    let _ = crate::cms::tlv::read(data);
    Some(der.into_owned())
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

/// Config files: TOML parsing, the secret and profile checks, and writing a profile back
/// (as `kyso profile add` does) over any text.
pub fn config_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = std::path::Path::new("fuzz/config.toml");
    if let Ok(f) = crate::config::parse(text, path, crate::config::Scope::User) {
        for p in f.profiles.values() {
            let _ = p.paths();
            let _ = crate::config::profile::with_profile(text, path, &p.name, &p.def, true);
        }
    }
    let def = crate::config::ProfileDef { reason: Some("Phê duyệt".into()), ..Default::default() };
    let _ = crate::config::profile::with_profile(text, path, "fuzz", &def, false);
}
