//! Detached CMS signatures and the verification core, checked against OpenSSL and pyHanko.

mod common;

use std::path::Path;

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
        let (ok, t) = run_peer(
            "openssl",
            &[
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-content",
                "doc.txt",
                "-in",
                "doc.txt.p7s",
                "-CAfile",
                "root.crt",
                "-purpose",
                "any",
                "-out",
                "/dev/null",
            ],
            d,
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
    let (ok, t) = run_peer(
        "openssl",
        &[
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "PEM",
            "-content",
            "a.bin",
            "-in",
            "a.pem",
            "-CAfile",
            "root.crt",
            "-purpose",
            "any",
            "-out",
            "/dev/null",
        ],
        d,
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
