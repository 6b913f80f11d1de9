//! Transforms, detached references and encodings others sign with: xmlsec1 signs
//! templates with the XPath transform, XPath Filter 2.0, base64 (enveloping) and a
//! detached file reference, and a document in ISO-8859-2; kyso verifies each, and each
//! tampering is caught.

use std::process::Command;

use crate::common::{peer, pki, run};
use kyso::xml::references::RefStatus;
use kyso::xml::{VerifyConfig, verify_with};

const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
const INC: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
const RSA: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";

fn signature(refs: &str, objects: &str) -> String {
    format!(
        "<dsig:Signature xmlns:dsig=\"{DS}\"><dsig:SignedInfo><dsig:CanonicalizationMethod Algorithm=\"{INC}\"/><dsig:SignatureMethod Algorithm=\"{RSA}\"/>{refs}</dsig:SignedInfo><dsig:SignatureValue/><dsig:KeyInfo><dsig:X509Data/></dsig:KeyInfo>{objects}</dsig:Signature>"
    )
}

fn reference(uri: &str, transforms: &str) -> String {
    format!(
        "<dsig:Reference URI=\"{uri}\"><dsig:Transforms>{transforms}</dsig:Transforms><dsig:DigestMethod Algorithm=\"{SHA256}\"/><dsig:DigestValue/></dsig:Reference>"
    )
}

fn xmlsec_sign(dir: &std::path::Path, name: &str, template: &str) -> Vec<u8> {
    let p = pki();
    let tpl = dir.join(format!("{name}.tpl.xml"));
    std::fs::write(&tpl, template).unwrap();
    let out = dir.join(format!("{name}.xml"));
    let keyarg = format!("{},{}", p.path("signer.key"), p.path("signer.pem"));
    let (ok, text) = run(Command::new("xmlsec1")
        .current_dir(dir)
        .args(["--sign", "--privkey-pem", &keyarg, "--id-attr:Id", "Object", "--output"])
        .arg(&out)
        .arg(&tpl));
    assert!(ok, "xmlsec1 --sign {name}: {text}");
    std::fs::read(out).unwrap()
}

fn cfg(dir: &std::path::Path) -> VerifyConfig {
    let mut c = VerifyConfig::default();
    c.content.base_dir = Some(dir.to_path_buf());
    c
}

#[test]
fn xmlsec1_transforms_verify_and_tampering_is_caught() {
    if !peer("xmlsec1") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let body = "<Doc><Item>Hóa đơn 1</Item><Item>2</Item></Doc>";
    let xpath = "http://www.w3.org/TR/1999/REC-xpath-19991116";
    let f2 = "http://www.w3.org/2002/06/xmldsig-filter2";
    let cases: Vec<(&str, String)> = vec![
        (
            "xpath-not-ancestor",
            reference(
                "",
                &format!(
                    "<dsig:Transform Algorithm=\"{xpath}\"><dsig:XPath>not(ancestor-or-self::dsig:Signature)</dsig:XPath></dsig:Transform>"
                ),
            ),
        ),
        (
            "xpath-here",
            reference(
                "",
                &format!(
                    "<dsig:Transform Algorithm=\"{xpath}\"><dsig:XPath>count(ancestor-or-self::dsig:Signature | here()/ancestor::dsig:Signature[1]) &gt; count(ancestor-or-self::dsig:Signature)</dsig:XPath></dsig:Transform>"
                ),
            ),
        ),
        (
            "filter2-subtract",
            reference(
                "",
                &format!(
                    "<dsig:Transform Algorithm=\"{f2}\"><XPath xmlns=\"{f2}\" Filter=\"subtract\">/descendant::dsig:Signature</XPath></dsig:Transform>"
                ),
            ),
        ),
        (
            "filter2-here",
            reference(
                "",
                &format!(
                    "<dsig:Transform Algorithm=\"{f2}\"><XPath xmlns=\"{f2}\" Filter=\"subtract\">here()/ancestor::dsig:Signature[1]</XPath></dsig:Transform>"
                ),
            ),
        ),
        (
            "filter2-intersect-union",
            reference(
                "",
                &format!(
                    "<dsig:Transform Algorithm=\"{f2}\"><XPath xmlns=\"{f2}\" Filter=\"intersect\">//Item[1]</XPath><XPath xmlns=\"{f2}\" Filter=\"union\">//Item[2]</XPath></dsig:Transform>"
                ),
            ),
        ),
    ];
    for (name, rf) in cases {
        let doc = body.replace("</Doc>", &format!("{}</Doc>", signature(&rf, "")));
        let signed = xmlsec_sign(d, name, &doc);
        let r = verify_with(&signed, &cfg(d)).unwrap();
        let s = &r.signatures[0];
        assert!(s.is_intact(), "{name}: {:?} {:?}", s.references, s.problems);
        let bad = String::from_utf8(signed).unwrap().replace(">2<", ">3<");
        let s = &verify_with(bad.as_bytes(), &cfg(d)).unwrap().signatures[0];
        assert_eq!(s.references[0].status, RefStatus::DigestMismatch, "{name}");
    }

    // enveloping: a base64 Object
    let rf = reference("#obj", &format!("<dsig:Transform Algorithm=\"{DS}base64\"/>"));
    let doc = signature(&rf, "<dsig:Object Id=\"obj\">SMOzYSDEkcahbiAx</dsig:Object>");
    let signed = xmlsec_sign(d, "base64", &doc);
    let s = &verify_with(&signed, &cfg(d)).unwrap().signatures[0];
    assert!(s.is_intact(), "base64: {:?} {:?}", s.references, s.problems);
    let bad = String::from_utf8(signed).unwrap().replace("SMOzYSDEkcahbiAx", "SMOzYSDEkcahbiAy");
    assert_eq!(
        verify_with(bad.as_bytes(), &cfg(d)).unwrap().signatures[0].references[0].status,
        RefStatus::DigestMismatch
    );

    // detached: a file beside the signature
    std::fs::write(d.join("data.txt"), "nội dung đính kèm\n").unwrap();
    let rf = format!(
        "<dsig:Reference URI=\"data.txt\"><dsig:DigestMethod Algorithm=\"{SHA256}\"/><dsig:DigestValue/></dsig:Reference>"
    );
    let signed = xmlsec_sign(d, "detached", &signature(&rf, ""));
    let s = &verify_with(&signed, &cfg(d)).unwrap().signatures[0];
    assert!(s.is_intact(), "detached: {:?} {:?}", s.references, s.problems);
    // elsewhere: not found, unless --content says where
    let other = tempfile::tempdir().unwrap();
    let s = &verify_with(&signed, &cfg(other.path())).unwrap().signatures[0];
    assert!(matches!(s.references[0].status, RefStatus::NotFound(_)));
    let mut c = cfg(other.path());
    c.content.given = Some(d.join("data.txt"));
    assert!(verify_with(&signed, &c).unwrap().signatures[0].is_intact());
    c.content.given = Some(d.to_path_buf());
    assert!(verify_with(&signed, &c).unwrap().signatures[0].is_intact());
    // a changed file is a digest failure; a symbolic link out of the folder is not followed
    std::fs::write(d.join("data.txt"), "nội dung khác\n").unwrap();
    assert_eq!(verify_with(&signed, &cfg(d)).unwrap().signatures[0].references[0].status, RefStatus::DigestMismatch);
    #[cfg(unix)]
    {
        std::fs::write(other.path().join("data.txt"), "nội dung đính kèm\n").unwrap();
        std::fs::remove_file(d.join("data.txt")).unwrap();
        std::os::unix::fs::symlink(other.path().join("data.txt"), d.join("data.txt")).unwrap();
        let s = &verify_with(&signed, &cfg(d)).unwrap().signatures[0];
        assert!(
            matches!(&s.references[0].status, RefStatus::NotFound(m) if m.contains("outside")),
            "{:?}",
            s.references
        );
    }
}

#[test]
fn other_encodings_verify_as_utf8() {
    if !peer("xmlsec1") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let rf = reference("", &format!("<dsig:Transform Algorithm=\"{DS}enveloped-signature\"/>"));
    for (enc, text) in [("ISO-8859-2", "Zażółć gęślą jaźń"), ("windows-1258", "Hoà đơn"), ("ISO-8859-1", "Café ÿ")]
    {
        let doc = format!("<?xml version=\"1.0\" encoding=\"{enc}\"?>\n<Doc><T>{text}</T>{}</Doc>", signature(&rf, ""));
        let (bytes, _, bad) = encoding_rs::Encoding::for_label(enc.as_bytes()).unwrap().encode(&doc);
        assert!(!bad, "{enc}");
        let name = format!("enc-{enc}");
        std::fs::write(d.join(format!("{name}.tpl.xml")), &bytes).unwrap();
        let p = pki();
        let keyarg = format!("{},{}", p.path("signer.key"), p.path("signer.pem"));
        let out = d.join(format!("{name}.xml"));
        let (ok, t) = run(Command::new("xmlsec1")
            .args(["--sign", "--privkey-pem", &keyarg, "--output"])
            .arg(&out)
            .arg(d.join(format!("{name}.tpl.xml"))));
        assert!(ok, "{enc}: {t}");
        let signed = std::fs::read(&out).unwrap();
        assert!(std::str::from_utf8(&signed).is_err() || enc == "windows-1258", "{enc}: not re-encoded");
        let s = &verify_with(&signed, &VerifyConfig::default()).unwrap().signatures[0];
        assert!(s.is_intact(), "{enc}: {:?} {:?}", s.references, s.problems);
    }
}
