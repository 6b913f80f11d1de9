//! Hostile shapes (issue 18, item 14): nested namespace declarations, thousands of
//! Signature elements, an element with 100,000 attributes. Each is refused with
//! LIMIT_EXCEEDED or verified in linear time; this test asserts the verdicts (the time is
//! measured by scripts/bench-xml-hostile, never by a timed unit test).

use kyso::verify::{ReasonCode, Verdict, VerifyOptions};

use crate::common::{pki, rsa_opts, rsa_signer};
use kyso::xml::{SignatureMethod, XmlSignOptions, sign};

fn opts() -> VerifyOptions {
    VerifyOptions::at(1_700_000_000)
}

fn check(doc: &str) -> kyso::verify::FileReport {
    kyso::verify::xml::verify_bytes("t.xml".into(), doc.as_bytes(), &opts(), &[])
}

fn signed(doc: &str, opts: &XmlSignOptions) -> String {
    let chain = vec![pki().rsa_der.clone(), pki().inter_der.clone()];
    String::from_utf8(sign(doc.as_bytes(), opts, &chain, &mut rsa_signer(&pki().rsa_key, opts.method)).unwrap())
        .unwrap()
}

/// 8,000 nested elements each declaring a new prefix (~250 KB), signed at the top.
pub fn nested_namespaces(levels: usize) -> String {
    let mut s = String::from("<r><a Id='x'>1</a>");
    for i in 0..levels {
        s.push_str(&format!("<e{i} xmlns:p{i}='urn:p{i}'>"));
    }
    for i in (0..levels).rev() {
        s.push_str(&format!("</e{i}>"));
    }
    s.push_str("</r>");
    s
}

#[test]
fn nested_namespace_declarations_are_refused() {
    let doc = nested_namespaces(8000);
    assert!(doc.len() > 200_000);
    let r = check(&doc);
    assert_eq!(r.verdict, Verdict::Indeterminate);
    assert_eq!(r.reasons[0].code, ReasonCode::LimitExceeded, "{:?}", r.reasons);
    // the same shape, shallow enough for ordinary documents, is verified
    let ok = signed(
        &nested_namespaces(100),
        &XmlSignOptions { ref_id: Some("x".into()), ..rsa_opts(SignatureMethod::RsaSha256) },
    );
    let r = check(&ok);
    assert!(r.signatures.len() == 1 && r.verdict != Verdict::Invalid, "{:?}", r.signatures[0].reasons);
}

#[test]
fn one_element_with_many_attributes_is_refused() {
    let attrs: Vec<String> = (0..100_000).map(|i| format!("a{i}=\"1\"")).collect();
    let doc = format!("<r {}/>", attrs.join(" "));
    let r = check(&doc);
    assert_eq!(r.verdict, Verdict::Indeterminate);
    assert_eq!(r.reasons[0].code, ReasonCode::LimitExceeded);
}

#[test]
fn thousands_of_signatures() {
    // 1,000 copies of one intact signature over #x: each verified, linearly (the
    // script times 4,000)
    let one = signed(
        "<r><a Id='x'>1</a></r>",
        &XmlSignOptions { ref_id: Some("x".into()), ..rsa_opts(SignatureMethod::RsaSha256) },
    );
    let a = one.find("<Signature").unwrap();
    let b = one.find("</Signature>").unwrap() + "</Signature>".len();
    let many = format!("{}{}{}", &one[..a], one[a..b].repeat(1000), &one[b..]);
    let r = check(&many);
    assert_eq!(r.signatures.len(), 1000);
    assert!(r.signatures.iter().all(|s| s.reasons.iter().all(|x| x.code.verdict() != Verdict::Invalid)));
    assert!(r.signatures[999].coverage.starts_with("/r/a"));

    // 4,000 whole-document signatures: each would canonicalize the whole file; the
    // reference-bytes budget stops the work and says so
    let whole = signed("<r><a>1</a></r>", &rsa_opts(SignatureMethod::RsaSha256));
    let a = whole.find("<Signature").unwrap();
    let b = whole.find("</Signature>").unwrap() + "</Signature>".len();
    let many = format!("{}{}{}", &whole[..a], whole[a..b].repeat(4000), &whole[b..]);
    let r = check(&many);
    assert_eq!(r.signatures.len(), 4000);
    let limited = r
        .signatures
        .iter()
        .filter(|s| {
            s.reasons.iter().any(|x| x.code == ReasonCode::LimitExceeded && x.detail.contains("--max-reference-bytes"))
        })
        .count();
    assert!(limited > 3000, "{limited}");
    // the others are proven broken: each digests the 3,999 other signatures
    assert_eq!(r.verdict, Verdict::Invalid);
}
