//! `kyso sign`/`kyso verify` on XML through the binary, checked with xmlsec1 and signxml,
//! and the real e-invoices of ../shared/interop/vn-einvoice.

mod common;

use std::path::{Path, PathBuf};

use common::peers;
use common::{Pki, kyso, peer, run_peer};
use serde_json::Value;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sample-einvoice.xml");

fn invoices() -> Vec<PathBuf> {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/interop/vn-einvoice");
    let dir = if local.is_dir() { local } else { PathBuf::from("/work/shared/interop/vn-einvoice") };
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    v.sort();
    assert_eq!(v.len(), 2);
    v
}

fn verify_json(d: &Path, args: &[&str]) -> (i32, Value) {
    let out = kyso().current_dir(d).args(["--format", "json", "verify"]).args(args).output().unwrap();
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap())
}

fn codes(v: &Value) -> Vec<String> {
    v["reasons"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap().to_string()).collect()
}

fn sign(d: &Path, input: &str, output: &str, extra: &[&str]) {
    kyso()
        .current_dir(d)
        .args(["sign", input, "-o", output, "--key", "signer.key", "--cert", "signer.crt", "--chain", "inter.crt"])
        .args(extra)
        .assert()
        .success();
}

fn xmlsec_ok(d: &Path, file: &str, extra: &[&str]) {
    let mut args = vec!["--trusted-pem", "root.crt", "--untrusted-pem", "inter.crt"];
    args.extend(extra);
    args.push(file);
    let (ok, t) = peers::xmlsec1_verify(d, &args);
    assert!(ok && t.contains("OK"), "xmlsec1 on {file}: {t}");
}

#[test]
fn xmlsec1_and_signxml_accept_kyso_signatures() {
    if !peer("xmlsec1") || !peer("python3") {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::copy(SAMPLE, d.join("hd.xml")).unwrap();
    sign(d, "hd.xml", "einvoice.xml", &["--profile", "einvoice"]);
    xmlsec_ok(d, "einvoice.xml", &["--id-attr:Id", "DLHDon"]);
    sign(d, "hd.xml", "whole.xml", &[]);
    xmlsec_ok(d, "whole.xml", &[]);
    sign(d, "hd.xml", "whole-ds.xml", &["--ds-prefix", "--c14n", "exc"]);
    xmlsec_ok(d, "whole-ds.xml", &[]);
    sign(d, "hd.xml", "xades.xml", &["--xades", "--ds-prefix"]);
    xmlsec_ok(d, "xades.xml", &[]);
    sign(d, "hd.xml", "byid.xml", &["--ref-id", "DLHDon-000123"]);
    xmlsec_ok(d, "byid.xml", &["--id-attr:Id", "DLHDon"]);
    // the rest of the file is byte-identical: only the Signature was spliced in
    let (a, b) =
        (std::fs::read_to_string(d.join("hd.xml")).unwrap(), std::fs::read_to_string(d.join("whole.xml")).unwrap());
    let (start, end) = (b.find("<Signature").unwrap(), b.find("</Signature>").unwrap() + "</Signature>".len());
    assert_eq!(format!("{}{}", &b[..start], &b[end..]), a);
    // signxml (ds: prefixed output only: lxml's C14N bug with default-namespace Signature)
    let py = "from signxml import XMLVerifier\nimport sys\nXMLVerifier().verify(open(sys.argv[1],'rb').read(), ca_pem_file='root.crt')\nprint('SIGNXML_OK')";
    let (ok, t) = run_peer("python3", &["-c", py, "whole-ds.xml"], d);
    assert!(ok && t.contains("SIGNXML_OK"), "signxml: {t}");
    for f in ["einvoice.xml", "whole.xml", "whole-ds.xml", "xades.xml", "byid.xml"] {
        let (code, v) = verify_json(d, &[f, "--trust", "root.crt"]);
        assert_eq!((code, &v["files"][0]["verdict"]), (0, &Value::from("valid")), "{f}: {v}");
    }
    let (_, v) = verify_json(d, &["einvoice.xml", "--trust", "root.crt"]);
    assert_eq!(v["files"][0]["signatures"][0]["coverage"], "/HDon/DLHDon, /HDon/DSCKS/NBan/Signature/Object");
}

#[test]
fn kyso_verifies_signxml_output() {
    if !peer("python3") {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::copy(SAMPLE, d.join("hd.xml")).unwrap();
    let py = "from signxml import XMLSigner, methods\nfrom lxml import etree\n\
root = etree.parse('hd.xml').getroot()\n\
s = XMLSigner(method=methods.enveloped, signature_algorithm='rsa-sha256', digest_algorithm='sha256')\n\
signed = s.sign(root, key=open('signer.key','rb').read(), cert=[open('signer.crt').read(), open('inter.crt').read()])\n\
open('signxml.xml','wb').write(etree.tostring(signed))\nprint('SIGNED')";
    let (ok, t) = run_peer("python3", &["-c", py], d);
    assert!(ok && t.contains("SIGNED"), "{t}");
    let (code, v) = verify_json(d, &["signxml.xml", "--trust", "root.crt"]);
    assert_eq!(code, 0, "{v}");
}

#[test]
fn real_invoices_are_intact_but_untrusted_and_any_change_is_invalid() {
    let dir = tempfile::tempdir().unwrap();
    for inv in invoices() {
        let (code, v) = verify_json(dir.path(), &[inv.to_str().unwrap()]);
        assert_eq!(code, 1);
        let f = &v["files"][0];
        assert_eq!(f["verdict"], "indeterminate", "{v}");
        let sig = &f["signatures"][0];
        let c = codes(sig);
        assert!(c.contains(&"NO_CERTIFICATE_CHAIN_FOUND".into()) && c.contains(&"WEAK_ALGORITHM".into()), "{c:?}");
        assert!(!c.iter().any(|x| x == "HASH_FAILURE" || x == "SIG_CRYPTO_FAILURE" || x == "FORMAT_FAILURE"), "{c:?}");
        // one character changed inside the signed invoice data
        let text = std::fs::read_to_string(&inv).unwrap();
        let pos = text.find("<SHDon>").unwrap() + "<SHDon>".len();
        let mut bytes = text.into_bytes();
        bytes[pos] = if bytes[pos] == b'9' { b'8' } else { b'9' };
        let tampered = dir.path().join("tampered.xml");
        std::fs::write(&tampered, bytes).unwrap();
        let (code, v) = verify_json(dir.path(), &["tampered.xml"]);
        assert_eq!(code, 1);
        assert_eq!(v["files"][0]["verdict"], "invalid", "{v}");
        assert!(codes(&v["files"][0]["signatures"][0]).contains(&"HASH_FAILURE".into()));
    }
}

#[test]
fn malformed_xml_and_dtd_are_errors() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("bad.xml"), "<HDon><DLHDon></HDon>").unwrap();
    std::fs::write(
        d.path().join("xxe.xml"),
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>",
    )
    .unwrap();
    std::fs::write(d.path().join("plain.xml"), "<a>unsigned</a>").unwrap();
    let (code, v) = verify_json(d.path(), &["bad.xml", "xxe.xml", "plain.xml"]);
    assert_eq!(code, 1);
    assert_eq!(v["files"][0]["verdict"], "error");
    assert_eq!(v["files"][1]["verdict"], "error");
    assert_eq!(v["files"][2]["verdict"], "unsigned");
    let pki = Pki::new();
    std::fs::write(pki.path("bad.xml"), "<HDon><DLHDon></HDon>").unwrap();
    kyso()
        .current_dir(pki.dir.path())
        .args(["sign", "bad.xml", "--key", "signer.key", "--cert", "signer.crt"])
        .assert()
        .code(2);
    assert!(!pki.path("bad.signed.xml").exists());
    // einvoice profile on a document without the layout: clear error
    std::fs::write(pki.path("other.xml"), "<a><b Id=\"x\">1</b></a>").unwrap();
    kyso()
        .current_dir(pki.dir.path())
        .args(["sign", "other.xml", "--profile", "einvoice", "--key", "signer.key", "--cert", "signer.crt"])
        .assert()
        .code(2);
}

#[test]
fn require_signed_and_keyinfo_warnings() {
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("order.xml"), "<Order><Head Id=\"h\">A</Head><Body>100</Body></Order>").unwrap();
    sign(d, "order.xml", "signed.xml", &["--ref-id", "h"]);
    let trust = ["--trust", "root.crt", "--certs", "inter.crt"];
    let (code, v) = verify_json(d, &[&["signed.xml", "--require-signed", "/Order/Head"][..], &trust].concat());
    assert_eq!(code, 0, "{v}");
    // the body is not signed: a script that demands it gets invalid
    let (code, v) = verify_json(d, &[&["signed.xml", "--require-signed", "/Order/Body"][..], &trust].concat());
    assert_eq!(code, 1);
    let sig = &v["files"][0]["signatures"][0];
    assert_eq!(sig["verdict"], "invalid", "{v}");
    assert!(codes(sig).contains(&"FORMAT_FAILURE".to_string()), "{v}");
    // a path that is not absolute is a usage error
    let out = kyso().current_dir(d).args(["verify", "signed.xml", "--require-signed", "Body"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));

    // an X509SubjectName naming someone else is a warning, not a verdict
    let text = std::fs::read_to_string(d.join("signed.xml")).unwrap();
    let other = text.replacen(
        "<X509Certificate>",
        "<X509SubjectName>CN=Someone Else,C=VN</X509SubjectName><X509Certificate>",
        1,
    );
    std::fs::write(d.join("other.xml"), other).unwrap();
    let (code, v) = verify_json(d, &[&["other.xml"][..], &trust].concat());
    assert_eq!(code, 0, "{v}");
    let notes = v["files"][0]["signatures"][0]["notes"].to_string();
    assert!(notes.contains("X509SubjectName") && notes.contains("WARNING"), "{v}");
}

#[test]
fn limits_name_their_option() {
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::copy(SAMPLE, d.join("hd.xml")).unwrap();
    sign(d, "hd.xml", "einvoice.xml", &["--profile", "einvoice"]);
    let trust = ["--trust", "root.crt", "--certs", "inter.crt"];
    let (code, v) = verify_json(d, &[&["einvoice.xml"][..], &trust].concat());
    assert_eq!(code, 0, "{v}");
    let (_, v) = verify_json(d, &[&["einvoice.xml", "--max-references", "1"][..], &trust].concat());
    let sig = &v["files"][0]["signatures"][0];
    assert_eq!(sig["verdict"], "indeterminate", "{v}");
    assert!(sig["reasons"].to_string().contains("--max-references"), "{v}");
    let (_, v) = verify_json(d, &[&["einvoice.xml", "--max-reference-bytes", "3"][..], &trust].concat());
    let sig = &v["files"][0]["signatures"][0];
    assert_eq!(sig["verdict"], "indeterminate", "{v}");
    assert!(sig["reasons"].to_string().contains("--max-reference-bytes"), "{v}");
}
