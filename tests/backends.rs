//! The two crypto backends verify each other's signatures: the default build (AWS-LC) and
//! the pure-Rust build (`--no-default-features --features backend-rustcrypto`). `.ci/run`
//! builds the other one into its own target folder and names its binary in
//! `KYSO_OTHER_BUILD`; the test runs in both builds, so each direction is checked twice.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Pki, kyso};

const EINVOICE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sample-einvoice.xml");

/// The other build's `kyso`, or None (skipped with a note; a failure under `CI=true`).
fn other_build() -> Option<PathBuf> {
    match std::env::var_os("KYSO_OTHER_BUILD").map(PathBuf::from) {
        Some(p) if p.is_file() => Some(p),
        found => {
            assert!(
                !std::env::var("CI").is_ok_and(|v| v == "true"),
                "KYSO_OTHER_BUILD ({found:?}) must name the other backend's kyso binary under CI=true"
            );
            eprintln!("SKIPPED: set KYSO_OTHER_BUILD to the other crypto backend's kyso binary");
            None
        }
    }
}

fn run(bin: &Path, dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(bin).current_dir(dir).env("LANG", "C").env("NO_COLOR", "1").args(args).output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

fn cross_check(pki: &Pki, other: &Path, extra: &[&str]) {
    let d = pki.dir.path();
    let this = assert_cmd::cargo::cargo_bin("kyso");
    std::fs::write(d.join("doc.pdf"), common::minimal_pdf("backends")).unwrap();
    std::fs::copy(EINVOICE, d.join("hd.xml")).unwrap();
    std::fs::write(d.join("doc.txt"), "nội dung").unwrap();
    for (signer, verifier, tag) in [(&this, other, "this"), (&other.to_path_buf(), this.as_path(), "other")] {
        let key = ["--key", "signer.key", "--cert", "signer.crt", "--chain", "inter.crt"];
        for (input, output) in [("doc.pdf", "pdf"), ("hd.xml", "xml"), ("doc.txt", "p7s")] {
            let out = format!("{tag}-signed.{output}");
            let (ok, text) = run(signer, d, &[&["sign", input, "-o", &out, "--force"][..], &key, extra].concat());
            assert!(ok, "{tag} build signing {input}: {text}");
            let args: Vec<&str> = if output == "p7s" {
                vec!["verify", input, "--signature", &out, "--trust", "root.crt"]
            } else {
                vec!["verify", &out, "--trust", "root.crt"]
            };
            let (ok, text) = run(verifier, d, &args);
            assert!(ok, "{input} signed by the {tag} build, verified by the other ({extra:?}): {text}");
        }
    }
    // Both builds call a tampered document INVALID.
    let mut bad = std::fs::read(d.join("this-signed.pdf")).unwrap();
    let at = bad.windows(8).position(|w| w == b"backends").unwrap();
    bad[at] = b'B';
    std::fs::write(d.join("bad.pdf"), bad).unwrap();
    for bin in [this.as_path(), other] {
        let (ok, text) = run(bin, d, &["verify", "bad.pdf", "--trust", "root.crt"]);
        assert!(!ok && text.contains("INVALID"), "{text}");
    }
}

#[test]
fn each_build_verifies_the_others_rsa_pkcs1_and_pss_signatures() {
    let Some(other) = other_build() else { return };
    let pki = Pki::new();
    cross_check(&pki, &other, &[]);
    cross_check(&pki, &other, &["--pss", "--digest", "sha384"]);
}

#[test]
fn each_build_verifies_the_others_ecdsa_signatures() {
    let Some(other) = other_build() else { return };
    for kind in ["p256", "p384"] {
        let pki = Pki::with_key_type(kind);
        cross_check(&pki, &other, &[]);
    }
}

/// This build's own binary runs (so the test is never vacuous where the other is missing).
#[test]
fn this_build_signs_and_verifies() {
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("doc.txt"), "x").unwrap();
    kyso().current_dir(d).args(["sign", "doc.txt", "--key", "signer.key", "--cert", "signer.crt"]).assert().success();
}
