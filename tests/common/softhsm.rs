//! A private SoftHSM2 token for the tests that sign through PKCS#11.
#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use super::{Pki, peer};

/// The SoftHSM2 PKCS#11 module.
pub const SOFTHSM: &str = "/usr/lib/softhsm/libsofthsm2.so";

/// A private SoftHSM2 token labelled `label` (user PIN 1234) in the PKI's folder, holding
/// the test PKI's signer key and certificate (id 01, label "leader"); writes the PIN
/// files `pin` (1234, mode 0600) and `badpin` (9999). Returns its `SOFTHSM2_CONF`, or
/// `None` (skipped) without softhsm2-util / pkcs11-tool / openssl.
pub fn token(pki: &Pki, label: &str) -> Option<PathBuf> {
    if !peer("softhsm2-util") || !peer("pkcs11-tool") || !peer("openssl") {
        return None;
    }
    let d = pki.dir.path();
    std::fs::create_dir_all(d.join("tokens")).unwrap();
    let conf = d.join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            d.join("tokens").display()
        ),
    )
    .unwrap();
    let run = |prog: &str, args: &[&str]| {
        let out =
            std::process::Command::new(prog).args(args).current_dir(d).env("SOFTHSM2_CONF", &conf).output().unwrap();
        assert!(out.status.success(), "{prog} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    run("softhsm2-util", &["--init-token", "--free", "--label", label, "--so-pin", "0000", "--pin", "1234"]);
    run("openssl", &["pkey", "-in", "signer.key", "-outform", "DER", "-out", "signer.key.der"]);
    run("openssl", &["x509", "-in", "signer.crt", "-outform", "DER", "-out", "signer.crt.der"]);
    let base = ["--module", SOFTHSM, "--token-label", label, "--login", "--pin", "1234"];
    for (file, ty) in [("signer.key.der", "privkey"), ("signer.crt.der", "cert")] {
        let mut a = base.to_vec();
        a.extend(["--write-object", file, "--type", ty, "--id", "01", "--label", "leader"]);
        run("pkcs11-tool", &a);
    }
    std::fs::write(d.join("pin"), "1234\n").unwrap();
    std::fs::set_permissions(d.join("pin"), std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::write(d.join("badpin"), "9999\n").unwrap();
    Some(conf)
}
