//! PAdES signing and basic PDF verification, checked with pyHanko, pdfsig, qpdf, openssl.

mod common;

use std::path::Path;

use common::peers;
use common::{Pki, kyso, peer, run_peer};
use serde_json::Value;

fn sign(d: &Path, input: &str, output: &str, signer: &str, extra: &[&str]) {
    let key = format!("{signer}.key");
    let cert = format!("{signer}.chain.pem");
    kyso()
        .current_dir(d)
        .args(["sign", input, "-o", output, "--key", &key, "--cert", &cert])
        .args(extra)
        .assert()
        .success();
}

fn kyso_verdicts(d: &Path, file: &str) -> (i32, Vec<String>, Value) {
    let out = kyso().current_dir(d).args(["--format", "json", "verify", file, "--trust", "root.crt"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let verdicts = v["files"][0]["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["verdict"].as_str().unwrap().to_string())
        .collect();
    (out.status.code().unwrap(), verdicts, v)
}

/// pyHanko's validation: (number of signatures judged VALID, full text).
fn pyhanko_validate(d: &Path, file: &str) -> (usize, String) {
    let (_, t) = peers::pyhanko_validate(d, "root.crt", file, &[]);
    (t.matches("The signature is judged VALID").count(), t)
}

fn peers() -> bool {
    peer("pyhanko") && peer("pdfsig") && peer("qpdf") && peer("openssl")
}

fn all_peers_accept(d: &Path, file: &str, signatures: usize) {
    let (valid, t) = pyhanko_validate(d, file);
    assert_eq!(valid, signatures, "pyHanko on {file}:\n{t}");
    assert!(t.contains("The signature covers the entire file."), "{t}");
    let (_, t) = peers::pdfsig(d, &[file]);
    assert_eq!(t.matches("Signature is Valid.").count(), signatures, "pdfsig on {file}:\n{t}");
    assert!(t.contains("Total document signed"), "{t}");
    let (ok, t) = peers::qpdf_check(d, file, &[]);
    assert!(ok && !t.contains("WARNING"), "qpdf on {file}:\n{t}");
    let (code, verdicts, v) = kyso_verdicts(d, file);
    assert_eq!((code, verdicts.len()), (0, signatures), "{v}");
    let sigs = v["files"][0]["signatures"].as_array().unwrap();
    assert_eq!(sigs.last().unwrap()["coverage"], "whole file");
    common::pdf_check::check_written_pdf(&std::fs::read(d.join(file)).unwrap(), None);
}

#[test]
fn pyhanko_pdfsig_qpdf_accept_plain_xref_stream_and_300_pages() {
    if !peers() {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("plain.pdf"), common::minimal_pdf("Hello")).unwrap();
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sample.pdf"), d.join("sample.pdf")).unwrap();
    let (ok, t) = run_peer("qpdf", &["--object-streams=generate", "plain.pdf", "xrefstream.pdf"], d);
    assert!(ok, "{t}");
    std::fs::write(d.join("pages300.pdf"), common::pdf_with_pages(300)).unwrap();
    for input in ["plain.pdf", "sample.pdf", "xrefstream.pdf", "pages300.pdf"] {
        let output = format!("signed-{input}");
        sign(d, input, &output, "signer", &["--reason", "Phê duyệt", "--location", "Thái Nguyên"]);
        all_peers_accept(d, &output, 1);
        // the output starts with the input's exact bytes
        let (a, b) = (std::fs::read(d.join(input)).unwrap(), std::fs::read(d.join(&output)).unwrap());
        assert_eq!(&b[..a.len()], &a[..], "{input}");
    }
    // adbe.pkcs7.detached too
    sign(d, "plain.pdf", "adbe.pdf", "signer", &["--subfilter", "adbe.pkcs7.detached"]);
    all_peers_accept(d, "adbe.pdf", 1);
}

#[test]
fn sequential_signatures_keep_earlier_ones_valid() {
    if !peers() {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    pki.issue("inter", "person", "b", &[]);
    pki.issue("inter", "organization", "c", &[]);
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sample.pdf"), d.join("in.pdf")).unwrap();
    sign(d, "in.pdf", "a.pdf", "signer", &["--field-name", "Lãnh đạo"]);
    sign(d, "a.pdf", "ab.pdf", "b", &[]);
    sign(d, "ab.pdf", "abc.pdf", "c", &["--reason", "Phát hành"]);
    let (valid, t) = pyhanko_validate(d, "abc.pdf");
    assert_eq!(valid, 3, "{t}");
    let (code, verdicts, v) = kyso_verdicts(d, "abc.pdf");
    assert_eq!((code, verdicts), (0, vec!["valid".to_string(); 3]), "{v}");
    let cov: Vec<&str> =
        v["files"][0]["signatures"].as_array().unwrap().iter().map(|s| s["coverage"].as_str().unwrap()).collect();
    assert_eq!(cov, ["revision 2 of 4", "revision 3 of 4", "whole file"]);
    let (_, t) = peers::pdfsig(d, &["abc.pdf"]);
    assert_eq!(t.matches("Signature is Valid.").count(), 3, "{t}");
}

#[test]
fn pyhanko_signed_then_kyso_and_kyso_verifies_pyhanko() {
    if !peers() {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("in.pdf"), common::minimal_pdf("Hello")).unwrap();
    let key_args = ["pemder", "--key", "signer.key", "--cert", "signer.crt", "--chain", "inter.crt", "--no-pass"];
    let variants: [(&str, Vec<&str>); 4] = [
        ("ph-pades.pdf", vec!["--field", "Sig1", "--use-pades"]),
        ("ph-adbe.pdf", vec!["--field", "Sig1"]),
        ("ph-visible.pdf", vec!["--field", "1/100,100,300,150/SigV", "--use-pades"]),
        ("ph-visible-adbe.pdf", vec!["--field", "1/100,100,300,150/SigV"]),
    ];
    for (out, flags) in &variants {
        let mut args = vec!["sign", "addsig"];
        args.extend(flags);
        args.extend(key_args);
        args.extend(["in.pdf", out]);
        let (ok, t) = run_peer("pyhanko", &args, d);
        assert!(ok, "{t}");
        let (code, verdicts, v) = kyso_verdicts(d, out);
        assert_eq!((code, verdicts), (0, vec!["valid".to_string()]), "{out}: {v}");
    }
    sign(d, "ph-pades.pdf", "both.pdf", "signer", &[]);
    let (valid, t) = pyhanko_validate(d, "both.pdf");
    assert_eq!(valid, 2, "{t}");
    let (code, verdicts, _) = kyso_verdicts(d, "both.pdf");
    assert_eq!((code, verdicts.len()), (0, 2));
}

#[test]
fn openssl_verifies_the_extracted_cms_over_the_byte_range() {
    if !peer("openssl") {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("in.pdf"), common::minimal_pdf("Hello")).unwrap();
    sign(d, "in.pdf", "out.pdf", "signer", &[]);
    let data = std::fs::read(d.join("out.pdf")).unwrap();
    let reader = kyso::pdf::PdfReader::open(&data).unwrap();
    let sig = kyso::pdf::find_signatures(&reader).unwrap().remove(0);
    let chunks = kyso::pdf::signed_chunks(&data, sig.byte_range.as_ref().unwrap()).unwrap();
    std::fs::write(d.join("signed.bin"), [chunks[0], chunks[1]].concat()).unwrap();
    let contents = sig.contents.unwrap();
    let der_len = {
        let (tlv, _) = kyso::cms::tlv::read(&contents).unwrap();
        tlv.full.len()
    };
    std::fs::write(d.join("contents.der"), &contents[..der_len]).unwrap();
    let (ok, t) = peers::openssl_cms_verify_detached(
        d,
        "DER",
        "contents.der",
        "signed.bin",
        &["-CAfile", "root.crt", "-purpose", "any", "-out", "/dev/null"],
    );
    assert!(ok && t.contains("Verification successful"), "{t}");
    // the CMS is PAdES: no signingTime attribute, /M carries the time
    let (_, t) = run_peer("openssl", &["cms", "-cmsout", "-print", "-inform", "DER", "-in", "contents.der"], d);
    assert!(t.contains("id-smime-aa-signingCertificateV2") && !t.contains("signingTime"), "{t}");
}

#[test]
fn tampering_after_signing_is_invalid() {
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("in.pdf"), common::minimal_pdf("Pay 100")).unwrap();
    sign(d, "in.pdf", "out.pdf", "signer", &[]);
    let mut data = std::fs::read(d.join("out.pdf")).unwrap();
    let pos = data.windows(7).position(|w| w == b"Pay 100").unwrap();
    data[pos + 4] = b'9';
    std::fs::write(d.join("bad.pdf"), &data).unwrap();
    let (code, verdicts, v) = kyso_verdicts(d, "bad.pdf");
    assert_eq!((code, verdicts), (1, vec!["invalid".to_string()]));
    assert_eq!(v["files"][0]["signatures"][0]["reasons"][0]["code"], "HASH_FAILURE");
}

#[test]
fn certification_and_bad_inputs() {
    if !peer("pyhanko") {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("in.pdf"), common::minimal_pdf("Hello")).unwrap();
    sign(d, "in.pdf", "p2.pdf", "signer", &["--certify", "form-fill"]);
    let (_, t) = pyhanko_validate(d, "p2.pdf");
    assert!(t.contains("certif") || t.contains("Certif"), "{t}");
    sign(d, "p2.pdf", "p2-signed.pdf", "signer", &[]);
    let (valid, t) = pyhanko_validate(d, "p2-signed.pdf");
    assert_eq!(valid, 2, "{t}");
    sign(d, "in.pdf", "p1.pdf", "signer", &["--certify", "no-changes"]);
    kyso()
        .current_dir(d)
        .args(["sign", "p1.pdf", "-o", "p1-signed.pdf", "--key", "signer.key", "--cert", "signer.chain.pem"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no changes"));
    assert!(!d.join("p1-signed.pdf").exists());
    // truncated and corrupt PDFs: a clear error, no output
    let good = std::fs::read(d.join("in.pdf")).unwrap();
    std::fs::write(d.join("trunc.pdf"), &good[..good.len() / 2]).unwrap();
    // startxref pointing into the middle of an object
    let mut corrupt = good.clone();
    let x = corrupt.windows(9).rposition(|w| w == b"startxref").unwrap();
    corrupt[x + 10] = b'1';
    std::fs::write(d.join("corrupt.pdf"), &corrupt).unwrap();
    for bad in ["trunc.pdf", "corrupt.pdf"] {
        let out = format!("{bad}.out");
        kyso()
            .current_dir(d)
            .args(["sign", bad, "-o", &out, "--key", "signer.key", "--cert", "signer.crt"])
            .assert()
            .code(2);
        assert!(!d.join(&out).exists(), "{bad}");
        let (code, _, v) = kyso_verdicts(d, bad);
        assert_eq!(code, 1);
        assert_ne!(v["files"][0]["verdict"], "valid");
    }
    // an unsigned PDF is "unsigned"
    let (code, verdicts, v) = kyso_verdicts(d, "in.pdf");
    assert_eq!((code, verdicts.len()), (1, 0));
    assert_eq!(v["files"][0]["verdict"], "unsigned");
}

#[test]
fn encrypted_pdfs_sign_and_verify_with_a_password() {
    if !peers() {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("plain.pdf"), common::minimal_pdf("Mật")).unwrap();
    let (ok, t) = run_peer("qpdf", &["--encrypt", "user", "owner", "256", "--", "plain.pdf", "enc.pdf"], d);
    assert!(ok, "{t}");
    std::fs::write(d.join("pw"), "user\n").unwrap();
    // without the password: a clear error, no output
    kyso()
        .current_dir(d)
        .args(["sign", "enc.pdf", "-o", "x.pdf", "--key", "signer.key", "--cert", "signer.crt"])
        .assert()
        .code(2);
    assert!(!d.join("x.pdf").exists());
    sign(d, "enc.pdf", "enc-signed.pdf", "signer", &["--pdf-password-file", "pw", "--reason", "Phê duyệt"]);
    // lopdf only: "Mật" is drawn with a standard font whose encoding has no "ậ".
    common::pdf_check::lopdf_agrees(&std::fs::read(d.join("enc-signed.pdf")).unwrap(), Some("user"));
    let (_, t) = peers::pyhanko_validate(d, "root.crt", "enc-signed.pdf", &["--password", "user"]);
    assert!(t.contains("judged VALID") && t.contains("covers the entire file"), "{t}");
    let (ok, t) = peers::qpdf_check(d, "enc-signed.pdf", &["--password=user"]);
    assert!(ok, "{t}");
    let out = kyso()
        .current_dir(d)
        .args(["--format", "json", "verify", "enc-signed.pdf", "--trust", "root.crt", "--pdf-password-file", "pw"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["verdict"], "valid", "{v}");
}

#[test]
fn content_replaced_after_signing_is_invalid_for_kyso_and_pyhanko() {
    use kyso::pdf::{Dict, IncrementalUpdate, ObjRef, Object, PdfReader, Stream};
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("in.pdf"), common::minimal_pdf("Pay 100")).unwrap();
    sign(d, "in.pdf", "signed.pdf", "signer", &[]);
    // an incremental update that replaces page 1's content stream (object 4)
    let data = std::fs::read(d.join("signed.pdf")).unwrap();
    let reader = PdfReader::open(&data).unwrap();
    let mut up = IncrementalUpdate::new(&reader);
    let content = b"BT /F1 24 Tf 72 720 Td (Pay 900) Tj ET".to_vec();
    let mut dict = Dict::new();
    dict.insert(b"Length".to_vec(), Object::Integer(content.len() as i64));
    up.put(ObjRef { num: 4, r#gen: 0 }, Object::Stream(Stream::new(dict, content)));
    let mut appended = Vec::new();
    up.write(&reader, &mut appended).unwrap();
    let attacked = [data.clone(), appended].concat();
    common::pdf_check::lopdf_agrees(&attacked, None);
    std::fs::write(d.join("attacked.pdf"), attacked).unwrap();
    let (code, verdicts, v) = kyso_verdicts(d, "attacked.pdf");
    assert_eq!((code, verdicts), (1, vec!["invalid".to_string()]), "{v}");
    let sig = &v["files"][0]["signatures"][0];
    assert_eq!(sig["reasons"][0]["code"], "MODIFIED_AFTER_SIGNING", "{sig}");
    assert_eq!(sig["coverage"], "revision 2 of 3");
    if peer("pyhanko") {
        let (valid, t) = pyhanko_validate(d, "attacked.pdf");
        assert_eq!(valid, 0, "pyHanko agrees it is not valid: {t}");
    }
    // a legitimate second signature stays valid
    sign(d, "signed.pdf", "twice.pdf", "signer", &[]);
    let (code, verdicts, _) = kyso_verdicts(d, "twice.pdf");
    assert_eq!((code, verdicts.len()), (0, 2));
}
