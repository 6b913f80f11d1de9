//! Detached CMS signatures and the verification core, checked against OpenSSL and pyHanko.

mod common;

use std::path::Path;

use common::peers;
use common::{Pki, kyso, peer, run_peer};
use serde_json::Value;

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// Run `kyso verify` with JSON output; return (exit code, document).
fn verify_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = kyso().current_dir(dir).args(["--format", "json", "verify"]).args(args).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), v)
}

fn codes(sig: &Value) -> Vec<String> {
    sig["reasons"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap().to_string()).collect()
}

fn sign(pki: &Pki, file: &str, extra: &[&str]) {
    kyso()
        .current_dir(pki.dir.path())
        .args(["sign", file, "--key", "signer.key", "--cert", "signer.crt", "--chain", "inter.crt"])
        .args(extra)
        .assert()
        .success();
}

#[test]
fn openssl_accepts_kyso_signatures_rsa_pss_ecdsa_pem() {
    if !peer("openssl") {
        return;
    }
    for (key_type, extra) in
        [("rsa2048", vec![]), ("rsa2048", vec!["--pss"]), ("p256", vec![]), ("rsa2048", vec!["--digest", "sha512"])]
    {
        let pki = Pki::with_key_type(key_type);
        let d = pki.dir.path();
        write(d, "doc.txt", "Quyết định số 123/QĐ-UBND\n".as_bytes());
        sign(&pki, "doc.txt", &extra);
        let (ok, t) = peers::openssl_cms_verify_detached(
            d,
            "DER",
            "doc.txt.p7s",
            "doc.txt",
            &["-CAfile", "root.crt", "-purpose", "any", "-out", "/dev/null"],
        );
        assert!(ok && t.contains("Verification successful"), "{key_type} {extra:?}: {t}");
        let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt"]);
        assert_eq!(code, 0, "{v}");
        assert_eq!(v["files"][0]["verdict"], "valid");
    }
    // PEM output
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "a.bin", &[0u8, 1, 2, 3]);
    sign(&pki, "a.bin", &["--pem", "-o", "a.pem"]);
    let (ok, t) = peers::openssl_cms_verify_detached(
        d,
        "PEM",
        "a.pem",
        "a.bin",
        &["-CAfile", "root.crt", "-purpose", "any", "-out", "/dev/null"],
    );
    assert!(ok, "{t}");
    let (code, _) = verify_json(d, &["a.bin", "--signature", "a.pem", "--trust", "root.crt"]);
    assert_eq!(code, 0);
}

#[test]
fn the_signed_attributes_are_cades_b_b() {
    if !peer("openssl") {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "doc.txt", b"hello");
    sign(&pki, "doc.txt", &[]);
    let (ok, t) = run_peer("openssl", &["cms", "-cmsout", "-print", "-inform", "DER", "-in", "doc.txt.p7s"], d);
    assert!(ok, "{t}");
    for needle in
        ["contentType", "messageDigest", "signingTime", "id-smime-aa-signingCertificateV2", "sha256WithRSAEncryption"]
    {
        assert!(t.contains(needle), "missing {needle}:\n{t}");
    }
    // signer, inter and root are embedded (the cert file holds only the signer)
    assert_eq!(t.matches("subject:").count(), 2, "{t}");
}

#[test]
fn kyso_verifies_openssl_and_pyhanko_signatures() {
    if !peer("openssl") || !peer("pyhanko") {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "a.txt", b"signed by openssl");
    let (ok, t) = run_peer(
        "openssl",
        &[
            "cms",
            "-sign",
            "-binary",
            "-outform",
            "DER",
            "-in",
            "a.txt",
            "-signer",
            "signer.crt",
            "-inkey",
            "signer.key",
            "-certfile",
            "inter.crt",
            "-out",
            "a.txt.p7s",
        ],
        d,
    );
    assert!(ok, "{t}");
    let (code, v) = verify_json(d, &["a.txt", "--trust", "root.crt"]);
    assert_eq!((code, &v["files"][0]["verdict"]), (0, &Value::from("valid")), "{v}");

    write(d, "b.txt", b"signed by pyhanko");
    let (ok, t) = run_peer(
        "pyhanko",
        &[
            "sign",
            "addsig",
            "--detach",
            "pemder",
            "--key",
            "signer.key",
            "--cert",
            "signer.crt",
            "--chain",
            "inter.crt",
            "--no-pass",
            "b.txt",
            "b.txt.p7s",
        ],
        d,
    );
    assert!(ok, "{t}");
    let (code, v) = verify_json(d, &["b.txt", "--trust", "root.crt"]);
    assert_eq!((code, &v["files"][0]["verdict"]), (0, &Value::from("valid")), "{v}");
    // giving the .p7s itself works too
    let (code, _) = verify_json(d, &["b.txt.p7s", "--trust", "root.crt"]);
    assert_eq!(code, 0);
}

#[test]
fn one_byte_changed_is_hash_failure() {
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "doc.txt", b"Amount: 1000000 VND");
    sign(&pki, "doc.txt", &[]);
    write(d, "doc.txt", b"Amount: 9000000 VND");
    let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt"]);
    assert_eq!(code, 1);
    let sig = &v["files"][0]["signatures"][0];
    assert_eq!(sig["verdict"], "invalid");
    assert_eq!(codes(sig), ["HASH_FAILURE"]);
}

#[test]
fn chains_untrusted_missing_intermediate_then_supplied() {
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "doc.txt", b"x");
    // no chain embedded: only the signer's certificate
    kyso().current_dir(d).args(["sign", "doc.txt", "--key", "signer.key", "--cert", "signer.crt"]).assert().success();
    let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt"]);
    assert_eq!(code, 1);
    assert_eq!(v["files"][0]["verdict"], "indeterminate");
    assert_eq!(codes(&v["files"][0]["signatures"][0]), ["NO_CERTIFICATE_CHAIN_FOUND"]);
    let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt", "--certs", "inter.crt"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["files"][0]["signatures"][0]["chain"].as_array().unwrap().len(), 3);
    // no anchors at all: at best indeterminate
    let (code, v) = verify_json(d, &["doc.txt", "--certs", "inter.crt"]);
    assert_eq!(code, 1);
    assert_eq!(codes(&v["files"][0]["signatures"][0]), ["NO_CERTIFICATE_CHAIN_FOUND"]);
    // an unrelated root is not trusted
    let other = Pki::new();
    let (code, v) = verify_json(d, &["doc.txt", "--trust", &other.p("root.crt"), "--certs", "inter.crt"]);
    assert_eq!(code, 1);
    assert_eq!(v["files"][0]["verdict"], "indeterminate");
    // a folder of anchors works
    std::fs::create_dir(d.join("anchors")).unwrap();
    std::fs::copy(d.join("root.crt"), d.join("anchors/root.crt")).unwrap();
    let (code, _) = verify_json(d, &["doc.txt", "--trust", "anchors", "--certs", "inter.crt"]);
    assert_eq!(code, 0);
}

#[test]
fn validity_expired_and_not_yet_valid() {
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "doc.txt", b"x");
    sign(&pki, "doc.txt", &[]);
    // the signer expires after 365 days: validate two years from now
    let later = (std::time::SystemTime::now() + std::time::Duration::from_secs(2 * 365 * 86400))
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let later = time_str(later as i64);
    let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt", "--at", &later]);
    assert_eq!(code, 1);
    assert_eq!(v["files"][0]["verdict"], "indeterminate");
    assert!(codes(&v["files"][0]["signatures"][0]).contains(&"OUT_OF_BOUNDS_NO_POE".to_string()));
    // an expired signer certificate, now (under a back-dated CA: kyso refuses to issue
    // outside the issuer's validity)
    let old_ca = [
        "cert",
        "ca",
        "--subject",
        "CN=Old Root,C=VN",
        "--out",
        "oldroot",
        "--key-type",
        "p256",
        "--not-before",
        "2025-01-01",
        "--days",
        "3650",
    ];
    kyso().current_dir(d).args(old_ca).assert().success();
    pki.issue("oldroot", "person", "old", &["--not-before", &time_str(now() - 40 * 86400)[..10], "--days", "30"]);
    write(d, "old.txt", b"x");
    kyso().current_dir(d).args(["sign", "old.txt", "--key", "old.key", "--cert", "old.chain.pem"]).assert().success();
    let (_, v) = verify_json(d, &["old.txt", "--trust", "oldroot.crt"]);
    assert_eq!(codes(&v["files"][0]["signatures"][0]), ["OUT_OF_BOUNDS_NO_POE"]);
    // a signer certificate valid only from tomorrow
    pki.issue("inter", "person", "future", &["--not-before", &time_str(now() + 86400), "--days", "30"]);
    write(d, "future.txt", b"x");
    kyso()
        .current_dir(d)
        .args(["sign", "future.txt", "--key", "future.key", "--cert", "future.chain.pem"])
        .assert()
        .success();
    let (_, v) = verify_json(d, &["future.txt", "--trust", "root.crt"]);
    assert_eq!(codes(&v["files"][0]["signatures"][0]), ["NOT_YET_VALID"]);
    assert_eq!(v["files"][0]["verdict"], "indeterminate");
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

fn time_str(t: i64) -> String {
    let out = std::process::Command::new("date")
        .args(["-u", "-d", &format!("@{t}"), "+%Y-%m-%dT%H:%M:%SZ"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn wrong_key_usage_and_ca_as_signer() {
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "doc.txt", b"x");
    pki.issue("inter", "tsa", "tsa", &[]);
    kyso().current_dir(d).args(["sign", "doc.txt", "--key", "tsa.key", "--cert", "tsa.chain.pem"]).assert().success();
    let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt"]);
    assert_eq!(code, 1);
    let sig = &v["files"][0]["signatures"][0];
    assert_eq!(sig["verdict"], "indeterminate");
    assert_eq!(codes(sig), ["CHAIN_CONSTRAINTS_FAILURE"]);
    assert!(sig["reasons"][0]["message"].as_str().unwrap().contains("extended key usage"));

    write(d, "ca.txt", b"x");
    kyso()
        .current_dir(d)
        .args(["sign", "ca.txt", "--key", "inter.key", "--cert", "inter.chain.pem"])
        .assert()
        .success();
    let (_, v) = verify_json(d, &["ca.txt", "--trust", "root.crt"]);
    let sig = &v["files"][0]["signatures"][0];
    assert!(codes(sig).contains(&"CHAIN_CONSTRAINTS_FAILURE".to_string()), "{sig}");
    assert!(sig["reasons"].to_string().contains("is a CA certificate"), "{sig}");
}

/// Make a CRL from `inter` listing the signer with openssl's `ca -gencrl`.
fn make_crl(d: &Path, revoke_signer: bool) {
    let serial = {
        let (ok, t) = run_peer("openssl", &["x509", "-in", "signer.crt", "-noout", "-serial"], d);
        assert!(ok);
        t.trim().trim_start_matches("serial=").to_string()
    };
    let index = if revoke_signer {
        format!("R\t301231000000Z\t200101000000Z\t{serial}\tunknown\t/CN=signer\n")
    } else {
        String::new()
    };
    write(d, "index.txt", index.as_bytes());
    write(d, "crlnumber", b"01\n");
    write(
        d,
        "ca.cnf",
        b"[ca]\ndefault_ca = CA\n[CA]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\n",
    );
    let (ok, t) = run_peer(
        "openssl",
        &["ca", "-config", "ca.cnf", "-gencrl", "-keyfile", "inter.key", "-cert", "inter.crt", "-out", "inter.crl"],
        d,
    );
    assert!(ok, "{t}");
}

#[test]
fn revoked_via_crl_is_invalid_and_a_clean_crl_is_good() {
    if !peer("openssl") {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "doc.txt", b"x");
    sign(&pki, "doc.txt", &[]);
    make_crl(d, false);
    let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt", "--crl", "inter.crl"]);
    assert_eq!(code, 0, "{v}");
    // only the inter → signer link has a CRL, so the whole chain is not "good"
    assert_eq!(v["files"][0]["signatures"][0]["revocation"], "not_checked");
    make_crl(d, true);
    let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt", "--crl", "inter.crl"]);
    assert_eq!(code, 1);
    let sig = &v["files"][0]["signatures"][0];
    assert_eq!(sig["verdict"], "invalid");
    assert_eq!(codes(sig), ["REVOKED"]);
    assert_eq!(sig["revocation"], "revoked");
    // before the revocation date (2020-01-01) the certificate was not revoked — but it
    // was not yet valid either
    let (_, v) = verify_json(d, &["doc.txt", "--trust", "root.crt", "--crl", "inter.crl", "--at", "2019-06-01"]);
    assert!(!codes(&v["files"][0]["signatures"][0]).contains(&"REVOKED".to_string()));
}

#[test]
fn sha1_signature_is_weak() {
    if !peer("openssl") {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "a.txt", b"legacy");
    let (ok, t) = run_peer(
        "openssl",
        &[
            "cms",
            "-sign",
            "-binary",
            "-md",
            "sha1",
            "-outform",
            "DER",
            "-in",
            "a.txt",
            "-signer",
            "signer.crt",
            "-inkey",
            "signer.key",
            "-certfile",
            "inter.crt",
            "-out",
            "a.txt.p7s",
        ],
        d,
    );
    assert!(ok, "{t}");
    let (code, v) = verify_json(d, &["a.txt", "--trust", "root.crt"]);
    assert_eq!(code, 1);
    let sig = &v["files"][0]["signatures"][0];
    assert_eq!(sig["verdict"], "indeterminate");
    assert_eq!(codes(sig), ["WEAK_ALGORITHM"]);
}

#[test]
fn truncated_and_garbage_signatures_are_errors_not_panics() {
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "doc.txt", b"x");
    sign(&pki, "doc.txt", &[]);
    let good = std::fs::read(d.join("doc.txt.p7s")).unwrap();
    for cut in [0, 1, 2, 10, good.len() / 2, good.len() - 1] {
        write(d, "doc.txt.p7s", &good[..cut]);
        let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt"]);
        assert_eq!(code, 1);
        assert_eq!(v["files"][0]["verdict"], "error", "cut {cut}: {v}");
        assert_eq!(v["files"][0]["reasons"][0]["code"], "PARSE_FAILED");
    }
    // Flipped bytes anywhere: never a panic. Some bytes are not protected and do not
    // matter (the informational digestAlgorithms SET, the trust anchor's own signature);
    // but from the signed attributes to the end (attributes, algorithms, signature value)
    // a flip is never "valid".
    let attrs = kyso::cms::tlv::raw_signed_attrs(&good).unwrap()[0].unwrap();
    let signer_info_start = attrs.as_ptr() as usize - good.as_ptr() as usize;
    for i in (0..good.len()).step_by(7) {
        let mut bad = good.clone();
        bad[i] ^= 0x55;
        write(d, "doc.txt.p7s", &bad);
        let out = kyso()
            .current_dir(d)
            .args(["--format", "json", "verify", "doc.txt", "--trust", "root.crt"])
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "byte {i}");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        if i >= signer_info_start {
            assert_ne!(v["files"][0]["verdict"], "valid", "byte {i}");
        }
    }
    write(d, "junk.bin", b"no signature here");
    let (code, v) = verify_json(d, &["junk.bin", "missing.bin"]);
    assert_eq!(code, 1);
    assert_eq!(v["files"][0]["verdict"], "unsigned");
    assert_eq!(v["files"][1]["verdict"], "error");
    assert_eq!(v["summary"]["unsigned"], 1);
    assert_eq!(v["summary"]["error"], 1);
}

#[test]
fn json_shape_and_human_report() {
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "doc.txt", b"x");
    sign(&pki, "doc.txt", &[]);
    let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt"]);
    assert_eq!(code, 0);
    assert_eq!(v["schema"], 1);
    let f = &v["files"][0];
    for key in ["path", "format", "verdict", "signatures"] {
        assert!(f.get(key).is_some(), "file lacks {key}");
    }
    let s = &f["signatures"][0];
    for key in ["index", "verdict", "reasons", "signer", "signing_time", "chain", "coverage"] {
        assert!(s.get(key).is_some(), "signature lacks {key}");
    }
    for key in ["subject", "issuer", "serial", "sha256"] {
        assert!(s["signer"].get(key).is_some(), "signer lacks {key}");
    }
    assert_eq!(s["coverage"], "whole file");
    assert_eq!(
        v["summary"],
        serde_json::json!({"files": 1, "valid": 1, "invalid": 0, "indeterminate": 0, "unsigned": 0, "error": 0})
    );
    let out = kyso().current_dir(d).args(["--lang", "vi", "verify", "doc.txt"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("CHƯA XÁC ĐỊNH") && text.contains("người ký:") && text.contains("không dựng được chuỗi"),
        "{text}"
    );
}

#[test]
fn sign_refuses_to_overwrite_and_mismatched_keys() {
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "doc.txt", b"x");
    sign(&pki, "doc.txt", &[]);
    let before = std::fs::read(d.join("doc.txt.p7s")).unwrap();
    kyso().current_dir(d).args(["sign", "doc.txt", "--key", "signer.key", "--cert", "signer.crt"]).assert().code(2);
    assert_eq!(std::fs::read(d.join("doc.txt.p7s")).unwrap(), before);
    kyso()
        .current_dir(d)
        .args(["sign", "doc.txt", "--key", "inter.key", "--cert", "signer.crt", "-o", "x.p7s"])
        .assert()
        .code(2);
    assert!(!d.join("x.p7s").exists());
    assert_eq!(std::fs::read(d.join("doc.txt")).unwrap(), b"x", "the input is never modified");
}

// ---------------------------------------------------------------------------------------
// CMS in every form other products make (issue 12 item 2, issue 18 items 11 and 15).
// ---------------------------------------------------------------------------------------

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfo};
use der::{Decode, Encode};

fn openssl(d: &Path, args: &[&str]) -> String {
    let (ok, t) = run_peer("openssl", args, d);
    assert!(ok, "openssl {args:?}: {t}");
    t
}

fn verdicts(v: &Value) -> Vec<String> {
    v["files"][0]["signatures"].as_array().unwrap().iter().map(|s| s["verdict"].as_str().unwrap().to_string()).collect()
}

fn notes(sig: &Value) -> String {
    sig["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Decode a DER ContentInfo(SignedData), let `f` change it, encode it again.
fn rewrite(der: &[u8], f: impl FnOnce(&mut SignedData)) -> Vec<u8> {
    let ci = ContentInfo::from_der(der).unwrap();
    let mut sd: SignedData = ci.content.decode_as().unwrap();
    f(&mut sd);
    ContentInfo { content_type: ci.content_type, content: der::Any::encode_from(&sd).unwrap() }.to_der().unwrap()
}

/// Let `f` change the (first and only kept) SignerInfo.
fn with_first_signer(sd: &mut SignedData, f: impl FnOnce(&mut SignerInfo)) {
    let mut si = sd.signer_infos.0.iter().next().unwrap().clone();
    f(&mut si);
    sd.signer_infos.0 = der::asn1::SetOfVec::try_from(vec![si]).unwrap();
}

#[test]
fn attached_sign_verify_extract_and_openssl_agrees_p384_p521() {
    let have_openssl = peer("openssl");
    for key_type in ["rsa2048", "p384", "p521"] {
        let pki = Pki::with_key_type(key_type);
        let d = pki.dir.path();
        write(d, "report.pdf", &common::minimal_pdf("Attached"));
        sign(&pki, "report.pdf", &["--attached"]);
        assert!(d.join("report.pdf.p7m").exists());
        let (code, v) = verify_json(d, &["report.pdf.p7m", "--trust", "root.crt"]);
        assert_eq!((code, v["files"][0]["format"].as_str()), (0, Some("cms")), "{key_type}: {v}");
        assert!(v["files"][0]["signatures"][0]["coverage"].as_str().unwrap().starts_with("content embedded"));
        // --extract: atomically, never over an existing file without --force
        kyso()
            .current_dir(d)
            .args(["verify", "report.pdf.p7m", "--trust", "root.crt", "--extract", "out.pdf"])
            .assert()
            .success();
        assert_eq!(std::fs::read(d.join("out.pdf")).unwrap(), std::fs::read(d.join("report.pdf")).unwrap());
        write(d, "out.pdf", b"keep me");
        kyso().current_dir(d).args(["verify", "report.pdf.p7m", "--extract", "out.pdf"]).assert().code(2);
        assert_eq!(std::fs::read(d.join("out.pdf")).unwrap(), b"keep me");
        kyso().current_dir(d).args(["verify", "report.pdf.p7m", "--extract", "out.pdf", "--force"]).assert().code(1);
        assert_eq!(std::fs::read(d.join("out.pdf")).unwrap(), std::fs::read(d.join("report.pdf")).unwrap());
        // detached too, and openssl verifies both
        sign(&pki, "report.pdf", &["--detached", "--digest", "sha384"]);
        let (code, _) = verify_json(d, &["report.pdf", "--signature", "report.pdf.p7s", "--trust", "root.crt"]);
        assert_eq!(code, 0, "{key_type}");
        if have_openssl {
            let ca = ["-CAfile", "root.crt", "-certfile", "inter.crt", "-purpose", "any", "-out", "/dev/null"];
            let (ok, t) = peers::openssl_cms_verify_attached(d, "DER", "report.pdf.p7m", &ca);
            assert!(ok, "openssl cms -verify report.pdf.p7m: {t}");
            assert!(t.contains("Verification successful"));
            let (ok, t) = peers::openssl_cms_verify_detached(d, "DER", "report.pdf.p7s", "report.pdf", &ca);
            assert!(ok, "openssl cms -verify report.pdf.p7s: {t}");
            assert!(t.contains("Verification successful"));
        }
    }
}

#[test]
fn openssl_attached_streamed_ber_and_pem_76_columns() {
    if !peer("openssl") {
        return;
    }
    let pki = Pki::with_key_type("p384");
    let d = pki.dir.path();
    write(d, "a.txt", &b"streamed content\n".repeat(5000));
    let base = [
        "cms",
        "-sign",
        "-binary",
        "-in",
        "a.txt",
        "-signer",
        "signer.crt",
        "-inkey",
        "signer.key",
        "-certfile",
        "inter.crt",
    ];
    for (out, extra) in [
        ("nodetach.p7m", vec!["-nodetach", "-outform", "DER"]),
        ("stream.p7m", vec!["-nodetach", "-stream", "-outform", "DER"]),
        ("stream-detached.p7s", vec!["-stream", "-outform", "DER"]),
        ("pem.p7m", vec!["-nodetach", "-outform", "PEM"]),
    ] {
        let mut a = base.to_vec();
        a.extend(extra);
        a.extend(["-out", out]);
        openssl(d, &a);
    }
    let stream = std::fs::read(d.join("stream.p7m")).unwrap();
    assert_eq!(&stream[..2], &[0x30, 0x80], "openssl -stream writes indefinite lengths");
    for f in ["nodetach.p7m", "stream.p7m", "pem.p7m"] {
        let (code, v) = verify_json(d, &[f, "--trust", "root.crt"]);
        assert_eq!(code, 0, "{f}: {v}");
    }
    let (code, v) = verify_json(d, &["a.txt", "--signature", "stream-detached.p7s", "--trust", "root.crt"]);
    assert_eq!(code, 0, "{v}");
    // PEM re-wrapped at 76 columns (S/MIME tools) and with CRLF line ends
    let pem = std::fs::read_to_string(d.join("pem.p7m")).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let lines: Vec<String> = body.as_bytes().chunks(76).map(|c| String::from_utf8(c.to_vec()).unwrap()).collect();
    write(
        d,
        "pem76.p7m",
        format!("-----BEGIN PKCS7-----\r\n{}\r\n-----END PKCS7-----\r\n", lines.join("\r\n")).as_bytes(),
    );
    let (code, v) = verify_json(d, &["pem76.p7m", "--trust", "root.crt"]);
    assert_eq!(code, 0, "{v}");
}

#[test]
fn a_signature_given_for_a_file_is_checked_against_that_file() {
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "real.txt", b"Pay 1,000,000 VND");
    write(d, "forged.txt", b"Pay 9,000,000 VND");
    sign(&pki, "real.txt", &["--attached", "-o", "sig.p7s"]);
    let (code, v) = verify_json(d, &["forged.txt", "--signature", "sig.p7s", "--trust", "root.crt"]);
    assert_eq!(code, 1);
    assert_eq!(verdicts(&v), ["invalid"], "{v}");
    assert!(codes(&v["files"][0]["signatures"][0]).contains(&"HASH_FAILURE".to_string()));
    // the same through a .p7s found beside the file
    std::fs::copy(d.join("sig.p7s"), d.join("forged.txt.p7s")).unwrap();
    let (_, v) = verify_json(d, &["forged.txt", "--trust", "root.crt"]);
    assert_eq!(verdicts(&v), ["invalid"], "{v}");
    // and when the .p7s itself is named: it is the signature of the file beside it
    let (_, v) = verify_json(d, &["forged.txt.p7s", "--trust", "root.crt"]);
    assert_eq!(verdicts(&v), ["invalid"], "{v}");
    // the right file passes, saying the content is also embedded
    let (code, v) = verify_json(d, &["real.txt", "--signature", "sig.p7s", "--trust", "root.crt"]);
    assert_eq!(code, 0, "{v}");
    assert!(v["files"][0]["signatures"][0]["coverage"].as_str().unwrap().contains("also embedded"));
}

#[test]
fn trailing_bytes_and_missing_content() {
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "doc.txt", b"x");
    sign(&pki, "doc.txt", &[]);
    let good = std::fs::read(d.join("doc.txt.p7s")).unwrap();
    // a second CMS after the first: refused
    write(d, "doc.txt.p7s", &[good.clone(), good.clone()].concat());
    let (_, v) = verify_json(d, &["doc.txt", "--trust", "root.crt"]);
    assert_eq!(verdicts(&v), ["invalid"]);
    assert!(v["files"][0]["signatures"][0]["reasons"][0]["message"].as_str().unwrap().contains("after the CMS"), "{v}");
    // zero padding or a newline: a warning only
    write(d, "doc.txt.p7s", &[good.clone(), vec![0, 0, b'\n']].concat());
    let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt"]);
    assert_eq!(code, 0, "{v}");
    assert!(notes(&v["files"][0]["signatures"][0]).contains("padding"));
    // a detached signature alone: SIGNED_DATA_NOT_FOUND, indeterminate — never invalid
    write(d, "lonely.p7s", &good);
    let (_, v) = verify_json(d, &["lonely.p7s", "--trust", "root.crt"]);
    assert_eq!(verdicts(&v), ["indeterminate"]);
    assert_eq!(codes(&v["files"][0]["signatures"][0]), ["SIGNED_DATA_NOT_FOUND"]);
    // a file named .pdf that is not one is an error, not unsigned
    write(d, "x.pdf", b"not a pdf at all");
    let (_, v) = verify_json(d, &["x.pdf"]);
    assert_eq!(v["files"][0]["verdict"], "error");
    assert_eq!(v["files"][0]["reasons"][0]["code"], "PARSE_FAILED");
}

#[test]
fn algorithm_quirks_are_tolerated_with_a_note_and_unknown_ones_are_unsupported() {
    let pki = Pki::with_key_type("p256");
    let d = pki.dir.path();
    write(d, "doc.txt", b"quirks");
    sign(&pki, "doc.txt", &[]);
    let good = std::fs::read(d.join("doc.txt.p7s")).unwrap();
    let oid = |s: &str| const_oid::ObjectIdentifier::new_unwrap(s);
    type Case = (&'static str, Box<dyn Fn(&mut SignerInfo)>, &'static str, &'static str);
    let cases: Vec<Case> = vec![
        (
            "ecPublicKey as signature algorithm",
            Box::new(move |si| si.signature_algorithm.oid = oid("1.2.840.10045.2.1")),
            "valid",
            "id-ecPublicKey",
        ),
        (
            "curve OID as signature algorithm",
            Box::new(move |si| si.signature_algorithm.oid = oid("1.2.840.10045.3.1.7")),
            "valid",
            "curve",
        ),
        (
            "sha256WithRSAEncryption as digest",
            Box::new(move |si| si.digest_alg.oid = oid("1.2.840.113549.1.1.11")),
            "valid",
            "digestAlgorithm",
        ),
        (
            "BSI plain ECDSA",
            Box::new(move |si| {
                let der_sig = p256::ecdsa::Signature::from_der(si.signature.as_bytes()).unwrap();
                si.signature = der::asn1::OctetString::new(der_sig.to_bytes().to_vec()).unwrap();
                si.signature_algorithm.oid = oid("0.4.0.127.0.7.1.1.4.1.3");
            }),
            "valid",
            "BSI",
        ),
        (
            "unknown digest (MD5)",
            Box::new(move |si| si.digest_alg.oid = oid("1.2.840.113549.2.5")),
            "indeterminate",
            "",
        ),
    ];
    for (name, f, want, note) in cases {
        let der = rewrite(&good, |sd| with_first_signer(sd, |si| f(si)));
        write(d, "doc.txt.p7s", &der);
        let (_, v) = verify_json(d, &["doc.txt", "--trust", "root.crt"]);
        let sig = &v["files"][0]["signatures"][0];
        assert_eq!(sig["verdict"], want, "{name}: {v}");
        assert!(notes(sig).contains(note), "{name}: {v}");
        if want == "indeterminate" {
            assert_eq!(codes(sig), ["UNSUPPORTED_ALGORITHM"], "{name}");
        }
    }
}

#[test]
fn ber_signed_attributes_verify_over_their_der_encoding() {
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "doc.txt", b"ber");
    sign(&pki, "doc.txt", &[]);
    let good = std::fs::read(d.join("doc.txt.p7s")).unwrap();
    // Reverse the order of the signed attributes in place (same length): not DER any more.
    let attrs = kyso::cms::tlv::raw_signed_attrs(&good).unwrap()[0].unwrap();
    let start = attrs.as_ptr() as usize - good.as_ptr() as usize;
    let (e, _) = kyso::cms::ber::element(attrs).unwrap();
    let header = e.full.len() - e.content.len();
    let kids = kyso::cms::ber::children(e.content).unwrap();
    let reversed: Vec<u8> = kids.iter().rev().flat_map(|k| k.full.to_vec()).collect();
    let mut bad = good.clone();
    bad[start + header..start + attrs.len()].copy_from_slice(&reversed);
    write(d, "doc.txt.p7s", &bad);
    let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt"]);
    assert_eq!(code, 0, "{v}");
    assert!(notes(&v["files"][0]["signatures"][0]).contains("RFC 5652"), "{v}");
}

#[test]
fn counter_signatures_are_verified_and_a_failed_one_is_reported() {
    let pki = Pki::new();
    let d = pki.dir.path();
    write(d, "doc.txt", b"counter-signed");
    sign(&pki, "doc.txt", &[]);
    let good = std::fs::read(d.join("doc.txt.p7s")).unwrap();
    let id = kyso::pki::identity::SigningIdentity::from_files(
        &pki.path("signer.key"),
        &pki.path("signer.crt"),
        &[pki.path("inter.crt")],
        None,
    )
    .unwrap();
    let counter = |tamper: bool| {
        rewrite(&good, |sd| {
            with_first_signer(sd, |si| {
                let parent_sig = si.signature.as_bytes().to_vec();
                let d256 = kyso::pki::alg::DigestAlg::Sha256;
                let opts = kyso::cms::build::CmsOptions {
                    digest: d256,
                    scheme: id.signer.scheme(d256, false),
                    signing_time: None,
                };
                let cms = kyso::cms::build::prepare(&id.cert, &id.chain, &d256.digest(&parent_sig), opts)
                    .unwrap()
                    .sign(id.signer.as_ref())
                    .unwrap();
                let inner: SignedData = ContentInfo::from_der(&cms).unwrap().content.decode_as().unwrap();
                let mut csi = inner.signer_infos.0.iter().next().unwrap().clone();
                if tamper {
                    let mut s = csi.signature.as_bytes().to_vec();
                    s[10] ^= 1;
                    csi.signature = der::asn1::OctetString::new(s).unwrap();
                }
                let attr = x509_cert::attr::Attribute {
                    oid: const_oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.6"),
                    values: der::asn1::SetOfVec::try_from(vec![der::Any::encode_from(&csi).unwrap()]).unwrap(),
                };
                si.unsigned_attrs = Some(der::asn1::SetOfVec::try_from(vec![attr]).unwrap());
            })
        })
    };
    write(d, "doc.txt.p7s", &counter(false));
    let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(verdicts(&v), ["valid", "valid"]);
    let sigs = &v["files"][0]["signatures"];
    assert!(sigs[1]["coverage"].as_str().unwrap().starts_with("counter-signature 1 of signature 1"), "{v}");
    assert!(notes(&sigs[0]).contains("counter-signature 1 of signature 1 by") && notes(&sigs[0]).contains(": valid"));
    write(d, "doc.txt.p7s", &counter(true));
    let (code, v) = verify_json(d, &["doc.txt", "--trust", "root.crt"]);
    assert_eq!(code, 1);
    assert_eq!(verdicts(&v), ["valid", "invalid"], "{v}");
    assert!(notes(&v["files"][0]["signatures"][0]).contains("invalid (SIG_CRYPTO_FAILURE"), "{v}");
}

fn shared(rel: &str) -> Option<std::path::PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join("interop").join(rel);
    if p.is_dir() {
        return Some(p);
    }
    assert!(std::env::var("CI").ok().as_deref() != Some("true"), "../shared/interop/{rel} is missing under CI");
    eprintln!("SKIPPED: ../shared/interop/{rel} not present");
    None
}

fn no_trust() -> kyso::verify::VerifyOptions {
    kyso::verify::VerifyOptions::at(1_700_000_000)
}

/// The real-world CMS corpus (EU DSS test files, `openssl cms -verify` as the reference):
/// no false INVALID, at most 2 % unsupported, no file-level error on a file openssl reads.
#[test]
fn realworld_cms_corpus_no_false_invalid() {
    let Some(root) = shared("realworld") else { return };
    let reference = std::fs::read_to_string(root.join("reference.tsv")).unwrap();
    let (mut files, mut unsupported, mut false_invalid) = (0, 0, vec![]);
    for line in reference.lines().filter(|l| l.starts_with("cms\t")) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (name, verdict) = (cols[1], cols[3]);
        let path = root.join("cms").join(name);
        let r = kyso::verify::verify_path(&path, None, &no_trust(), &[]);
        files += 1;
        if r.signatures
            .iter()
            .any(|s| s.reasons.iter().any(|x| x.code == kyso::verify::ReasonCode::UnsupportedAlgorithm))
        {
            unsupported += 1;
        }
        if verdict == "ok" && matches!(r.verdict, kyso::verify::Verdict::Invalid | kyso::verify::Verdict::Error) {
            false_invalid.push(format!(
                "{name}: {:?} {:?}",
                r.reasons,
                r.signatures.iter().map(|s| &s.reasons).collect::<Vec<_>>()
            ));
        }
    }
    eprintln!("{files} CMS files: {unsupported} unsupported, {} false INVALID", false_invalid.len());
    assert!(files >= 50, "{files}");
    assert!(false_invalid.is_empty(), "false INVALID/error on intact signatures:\n{}", false_invalid.join("\n"));
    assert!(unsupported * 50 <= files, "{unsupported} of {files} unsupported");
}

/// The CMS inside real PDFs (DSS and pyHanko test files): BER, Ed448, SKI signer
/// identifiers, no signed attributes, old signing-certificate attributes — each parses,
/// and where pyHanko calls the signature intact the CMS check finds nothing wrong.
#[test]
fn cms_inside_real_pdfs_parses_and_verifies() {
    use kyso::verify::ReasonCode as C;
    let mut checked = 0;
    let mut problems = vec![];
    for (dir, tsv) in [("realworld", "realworld/reference.tsv"), ("pyhanko-testdata", "pyhanko-testdata/reference.tsv")]
    {
        let Some(root) = shared(dir) else { return };
        let reference = std::fs::read_to_string(root.join("..").join(tsv)).unwrap();
        for line in reference.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (name, refs) = if dir == "realworld" {
                if cols[0] != "pdf" {
                    continue;
                }
                (cols[1], cols[3])
            } else {
                (cols[0], cols.get(2).copied().unwrap_or(""))
            };
            let refs: Vec<&str> = refs.split([',', ' ']).filter(|s| !s.is_empty()).collect();
            let Ok(data) = std::fs::read(root.join("pdf").join(name)) else { continue };
            let Ok(reader) = kyso::pdf::PdfReader::open_with(&data, Default::default()) else { continue };
            let Ok(sigs) = kyso::pdf::find_signatures(&reader) else { continue };
            for (i, sig) in sigs.iter().enumerate() {
                // pyHanko cannot check Brainpool keys ("broken"); the signature is intact.
                let intact = refs.get(i) == Some(&"ok") || name.contains("PLAIN-ECDSA_TeleSec");
                let (Some(contents), Some(br)) = (&sig.contents, &sig.byte_range) else { continue };
                if !matches!(sig.subfilter.as_deref(), Some("adbe.pkcs7.detached" | "ETSI.CAdES.detached")) {
                    continue;
                }
                let sd = match kyso::cms::parse::parse(contents) {
                    Ok(sd) => sd,
                    Err(e) => {
                        if intact {
                            problems.push(format!("{name} #{i}: {e}"));
                        }
                        continue;
                    }
                };
                let Some(chunks) = kyso::pdf::signed_chunks(&data, br) else { continue };
                let digests: Vec<_> = kyso::verify::cms::needed_digests(&sd)
                    .into_iter()
                    .map(|d| {
                        let mut h = d.hasher();
                        chunks.iter().for_each(|c| h.update(c));
                        (d, h.finalize())
                    })
                    .collect();
                checked += 1;
                for r in kyso::verify::cms::verify_signed_data(&sd, &digests, &no_trust(), "") {
                    let bad: Vec<_> = r
                        .reasons
                        .iter()
                        .filter(|x| {
                            matches!(
                                x.code,
                                C::HashFailure
                                    | C::SigCryptoFailure
                                    | C::FormatFailure
                                    | C::UnsupportedAlgorithm
                                    | C::NoSigningCertificateFound
                            )
                        })
                        .collect();
                    if intact && !bad.is_empty() {
                        problems.push(format!("{dir}/{name} #{i}: {bad:?}"));
                    }
                }
            }
        }
    }
    eprintln!("CMS of {checked} PDF signatures checked");
    assert!(checked >= 20, "only {checked} PDF signatures checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
