//! The three key sources — key file, PKCS#12, PKCS#11 token (SoftHSM2) — through the CLI.

mod common;

use std::path::Path;

use common::peers;
use common::softhsm::SOFTHSM;
use common::{Pki, kyso, peer, run_peer};

fn verify_valid(d: &Path, file: &str) {
    let out = kyso().current_dir(d).args(["--format", "json", "verify", file, "--trust", "root.crt"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["verdict"], "valid", "{v}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn p12_from_kyso_and_from_openssl_default_and_legacy() {
    if !peer("openssl") {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("pw"), "mật khẩu\n").unwrap();
    std::fs::write(d.join("doc.txt"), "văn bản").unwrap();
    pki.issue("inter", "person", "clerk", &["--password-file", "pw", "--p12", "clerk.p12"]);
    kyso().current_dir(d).args(["sign", "doc.txt", "--p12", "clerk.p12", "--password-file", "pw"]).assert().success();
    verify_valid(d, "doc.txt");

    std::fs::write(d.join("pw.ossl"), "secret").unwrap();
    for (name, extra) in [("default.p12", vec![]), ("legacy.p12", vec!["-legacy"])] {
        let mut args = vec![
            "pkcs12",
            "-export",
            "-inkey",
            "signer.key",
            "-in",
            "signer.crt",
            "-certfile",
            "inter.crt",
            "-passout",
            "file:pw.ossl",
            "-out",
            name,
        ];
        args.extend(extra);
        let (ok, t) = run_peer("openssl", &args, d);
        if !ok && name == "legacy.p12" && t.contains("unsupported") {
            panic!("openssl cannot write legacy PKCS#12 here: {t}");
        }
        assert!(ok, "{t}");
        let doc = format!("{name}.txt");
        std::fs::write(d.join(&doc), name).unwrap();
        kyso().current_dir(d).env("KYSO_KEY_PASSWORD", "secret").args(["sign", &doc, "--p12", name]).assert().success();
        verify_valid(d, &doc);
    }
    // wrong password: exit 2, nothing written
    std::fs::write(d.join("x.txt"), "x").unwrap();
    kyso()
        .current_dir(d)
        .env("KYSO_KEY_PASSWORD", "wrong")
        .args(["sign", "x.txt", "--p12", "default.p12"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("wrong password"));
    assert!(!d.join("x.txt.p7s").exists());
}

/// A private SoftHSM2 token holding a kyso-issued key and certificate.
struct Token {
    conf: std::path::PathBuf,
}

fn token(pki: &Pki) -> Option<Token> {
    common::softhsm::token(pki, "kyso-token").map(|conf| Token { conf })
}

#[test]
fn pkcs11_token_lists_signs_and_fails_cleanly() {
    let pki = Pki::new();
    let Some(tok) = token(&pki) else { return };
    let d = pki.dir.path();
    let k = || {
        let mut c = kyso();
        c.current_dir(d).env("SOFTHSM2_CONF", &tok.conf);
        c
    };
    let out = k().args(["token", "list", "--pkcs11", SOFTHSM, "--pin-file", "pin"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(text.contains("kyso-token") && text.contains("private-key") && text.contains("Nguyễn Văn A"), "{text}");

    std::fs::write(d.join("doc.txt"), "ký bằng token").unwrap();
    k().args([
        "sign",
        "doc.txt",
        "--pkcs11",
        SOFTHSM,
        "--token",
        "kyso-token",
        "--key-label",
        "leader",
        "--pin-file",
        "pin",
        "--chain",
        "inter.crt",
    ])
    .assert()
    .success();
    verify_valid(d, "doc.txt");
    let (ok, t) = peers::openssl_cms_verify_detached(
        d,
        "DER",
        "doc.txt.p7s",
        "doc.txt",
        &["-CAfile", "root.crt", "-purpose", "any", "-out", "/dev/null"],
    );
    assert!(ok, "{t}");
    // PSS through the token, key chosen by id, PIN from the environment
    std::fs::write(d.join("pss.txt"), "pss").unwrap();
    k().env("KYSO_PIN", "1234")
        .args(["sign", "pss.txt", "--pkcs11", SOFTHSM, "--key-id", "01", "--pss", "--chain", "inter.crt"])
        .assert()
        .success();
    verify_valid(d, "pss.txt");

    // a PDF and an e-invoice through the token; the peers accept them
    std::fs::write(d.join("in.pdf"), common::minimal_pdf("token")).unwrap();
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sample-einvoice.xml"), d.join("hd.xml")).unwrap();
    for input in ["in.pdf", "hd.xml"] {
        k().args([
            "sign",
            input,
            "--pkcs11",
            SOFTHSM,
            "--key-label",
            "leader",
            "--pin-file",
            "pin",
            "--chain",
            "inter.crt",
        ])
        .args(if input == "hd.xml" { vec!["--profile", "einvoice"] } else { vec![] })
        .assert()
        .success();
    }
    verify_valid(d, "in.signed.pdf");
    verify_valid(d, "hd.signed.xml");
    if peer("pyhanko") {
        let (_, t) = peers::pyhanko_validate(d, "root.crt", "in.signed.pdf", &[]);
        assert!(t.contains("judged VALID"), "{t}");
    }
    if peer("xmlsec1") {
        let (ok, t) = peers::xmlsec1_verify(
            d,
            &["--trusted-pem", "root.crt", "--untrusted-pem", "inter.crt", "--id-attr:Id", "DLHDon", "hd.signed.xml"],
        );
        assert!(ok && t.contains("OK"), "{t}");
    }

    std::fs::write(d.join("x.txt"), "x").unwrap();
    k().args(["sign", "x.txt", "--pkcs11", SOFTHSM, "--key-label", "leader", "--pin-file", "badpin"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("wrong PIN"));
    k().args(["sign", "x.txt", "--pkcs11", SOFTHSM, "--key-label", "nobody", "--pin-file", "pin"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nobody"));
    k().args(["sign", "x.txt", "--pkcs11", "/nonexistent.so", "--pin-file", "pin"]).assert().code(2);
    k().args(["sign", "x.txt", "--pkcs11", SOFTHSM]).assert().code(2).stderr(predicates::str::contains("PIN"));
    assert!(!d.join("x.txt.p7s").exists());
}
