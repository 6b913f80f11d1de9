//! `kyso cert ...` driven through the binary and checked with OpenSSL and pyHanko.

mod common;

use common::peers;
use common::{Pki, SIGNER_DN, kyso, peer, run_peer};
use predicates::prelude::*;

#[test]
fn openssl_accepts_the_chain_strictly() {
    if !peer("openssl") {
        return;
    }
    for key_type in ["rsa2048", "p256"] {
        let pki = Pki::with_key_type(key_type);
        let (ok, text) = run_peer(
            "openssl",
            &[
                "verify",
                "-x509_strict",
                "-purpose",
                "smimesign",
                "-CAfile",
                "root.crt",
                "-untrusted",
                "inter.crt",
                "signer.crt",
            ],
            pki.dir.path(),
        );
        assert!(ok && text.contains("signer.crt: OK"), "{key_type}: {text}");
    }
}

#[test]
fn openssl_shows_the_profile_extensions_and_utf8_subject() {
    if !peer("openssl") {
        return;
    }
    let pki = Pki::new();
    pki.issue("inter", "tsa", "tsa", &[]);
    let text = |file: &str| {
        let (ok, t) = run_peer(
            "openssl",
            &["x509", "-in", file, "-noout", "-text", "-nameopt", "RFC2253,-esc_msb"],
            pki.dir.path(),
        );
        assert!(ok, "{t}");
        t
    };
    let signer = text("signer.crt");
    for needle in [
        "X509v3 Basic Constraints: critical\n                CA:FALSE",
        "X509v3 Key Usage: critical\n                Digital Signature, Non Repudiation",
        "E-mail Protection, 1.3.6.1.5.5.7.3.36",
        "X509v3 Subject Key Identifier",
        "X509v3 Authority Key Identifier",
        "email:a@example.vn",
        // the UTF-8 subject round-trips, most specific first (RFC 2253 order)
        "Subject: CN=Nguyễn Văn A,UID=CCCD:001088012345,UID=MST:0100109106,O=UBND tỉnh Thái Nguyên,L=Thái Nguyên,C=VN",
    ] {
        assert!(signer.contains(needle), "missing {needle:?} in\n{signer}");
    }
    let inter = text("inter.crt");
    assert!(inter.contains("CA:TRUE, pathlen:0"), "{inter}");
    assert!(inter.contains("Certificate Sign, CRL Sign"), "{inter}");
    let root = text("root.crt");
    assert!(root.contains("X509v3 Basic Constraints: critical\n                CA:TRUE\n"), "{root}");
    let tsa = text("tsa.crt");
    assert!(tsa.contains("X509v3 Extended Key Usage: critical\n                Time Stamping"), "{tsa}");
    assert!(tsa.contains("X509v3 Key Usage: critical\n                Digital Signature\n"), "{tsa}");
}

#[test]
fn encrypted_key_and_p12_open_with_openssl() {
    if !peer("openssl") {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("pw"), "mật khẩu đủ dài\n").unwrap();
    kyso()
        .current_dir(d)
        .args([
            "cert",
            "issue",
            "--ca",
            "inter",
            "--profile",
            "organization",
            "--subject",
            "CN=UBND tỉnh Thái Nguyên,C=VN",
        ])
        .args(["--out", "org", "--password-file", "pw", "--p12", "org.p12"])
        .assert()
        .success();
    let key = std::fs::read_to_string(d.join("org.key")).unwrap();
    assert!(key.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(d.join("org.key")).unwrap().permissions().mode() & 0o777, 0o600);
    }
    std::fs::write(d.join("pw.openssl"), "mật khẩu đủ dài").unwrap();
    let (ok, t) = run_peer("openssl", &["pkey", "-in", "org.key", "-passin", "file:pw.openssl", "-noout"], d);
    assert!(ok, "{t}");
    let (ok, t) = run_peer("openssl", &["asn1parse", "-in", "org.key"], d);
    assert!(ok && t.contains("PBES2") && t.contains("hmacWithSHA256") && t.contains("aes-256-cbc"), "{t}");
    let (ok, t) =
        run_peer("openssl", &["pkcs12", "-info", "-in", "org.p12", "-passin", "file:pw.openssl", "-nokeys"], d);
    assert!(ok && t.contains("Kyso Test Sub CA") && t.contains("Kyso Test Root CA"), "{t}");
    // kyso can use the encrypted key as a CA key too, given the password
    let (ok, _) = run_peer("openssl", &["pkey", "-in", "org.key", "-passin", "pass:wrong", "-noout"], d);
    assert!(!ok);
}

#[test]
fn pyhanko_signs_with_a_kyso_key_and_trusts_the_kyso_root() {
    if !peer("pyhanko") {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("in.pdf"), common::minimal_pdf("Hello kyso")).unwrap();
    let (ok, t) = run_peer(
        "pyhanko",
        &[
            "sign",
            "addsig",
            "--field",
            "Sig1",
            "--use-pades",
            "pemder",
            "--key",
            "signer.key",
            "--cert",
            "signer.crt",
            "--chain",
            "inter.crt",
            "--no-pass",
            "in.pdf",
            "out.pdf",
        ],
        d,
    );
    assert!(ok, "{t}");
    let (ok, t) = peers::pyhanko_validate(d, "root.crt", "out.pdf", &[]);
    assert!(
        ok && t.contains("The signature is judged VALID") && t.contains("The signer's certificate is trusted"),
        "{t}"
    );
}

#[test]
fn inspect_json_shape() {
    let pki = Pki::new();
    let out = kyso().args(["--format", "json", "cert", "inspect", &pki.p("signer.chain.pem")]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["verified"], false);
    let certs = v["files"][0]["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 3);
    let c = &certs[0];
    assert_eq!(c["subject"], SIGNER_DN);
    assert_eq!(c["issuer"], "CN=Kyso Test Sub CA,O=Kyso,C=VN");
    assert_eq!(c["key"]["algorithm"], "RSA");
    assert_eq!(c["key"]["bits"], 2048);
    assert_eq!(c["is_ca"], false);
    assert_eq!(c["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(c["serial"].as_str().unwrap().len(), 32);
    let names: Vec<&str> = c["extensions"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "basicConstraints",
            "keyUsage",
            "extendedKeyUsage",
            "subjectKeyIdentifier",
            "authorityKeyIdentifier",
            "subjectAltName"
        ]
    );
    assert_eq!(c["extensions"][1]["critical"], true);
    assert_eq!(c["extensions"][1]["value"], "digitalSignature, nonRepudiation");
    assert_eq!(certs[2]["key"]["curve"], "P-256");
    assert_eq!(certs[2]["self_issued"], true);
}

#[test]
fn inspect_human_says_it_does_not_verify_and_reads_der() {
    let pki = Pki::new();
    let pem = std::fs::read_to_string(pki.path("root.crt")).unwrap();
    let (_, der) = der::pem::decode_vec(pem.as_bytes()).unwrap();
    std::fs::write(pki.path("root.der"), der).unwrap();
    kyso()
        .args(["cert", "inspect", &pki.p("root.der")])
        .assert()
        .success()
        .stdout(predicate::str::contains("root CA (self-issued)"))
        .stdout(predicate::str::contains("does not verify"));
    kyso()
        .args(["--lang", "vi", "cert", "inspect", &pki.p("root.crt")])
        .assert()
        .success()
        .stdout(predicate::str::contains("không kiểm tra chữ ký"));
}

#[test]
fn never_overwrites_without_force() {
    let pki = Pki::new();
    let before = std::fs::read(pki.path("signer.key")).unwrap();
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "issue", "--ca", "inter", "--profile", "person", "--subject", "CN=X", "--out", "signer"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists; use --force"));
    assert_eq!(std::fs::read(pki.path("signer.key")).unwrap(), before);
    kyso()
        .current_dir(pki.dir.path())
        .args([
            "cert",
            "issue",
            "--ca",
            "inter",
            "--profile",
            "person",
            "--subject",
            "CN=X",
            "--out",
            "signer",
            "--force",
        ])
        .assert()
        .success();
    assert_ne!(std::fs::read(pki.path("signer.key")).unwrap(), before);
}

#[test]
fn clear_errors_exit_2_and_write_nothing() {
    let pki = Pki::new();
    let d = pki.dir.path();
    let fails = |args: &[&str], needle: &str| {
        let assert = kyso().current_dir(d).args(args).assert().code(2);
        let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(!d.join("new.crt").exists() && !d.join("new.key").exists());
    };
    fails(&["cert", "ca", "--subject", "CN", "--out", "new"], "invalid distinguished name");
    fails(&["cert", "ca", "--subject", "C=Vietnam", "--out", "new"], "two-letter");
    fails(
        &[
            "cert",
            "issue",
            "--ca-cert",
            "inter.crt",
            "--ca-key",
            "root.key",
            "--profile",
            "person",
            "--subject",
            "CN=A",
            "--out",
            "new",
        ],
        "does not match",
    );
    fails(
        &["cert", "issue", "--ca", "signer", "--profile", "person", "--subject", "CN=A", "--out", "new"],
        "not a CA certificate",
    );
    fails(
        &["cert", "issue", "--ca", "inter", "--profile", "intermediate", "--subject", "CN=A", "--out", "new"],
        "pathLenConstraint 0",
    );
    fails(
        &[
            "cert",
            "issue",
            "--ca",
            "inter",
            "--profile",
            "person",
            "--subject",
            "CN=A",
            "--out",
            "new",
            "--days",
            "9000",
        ],
        "outside the issuer's validity",
    );
    fails(
        &["cert", "issue", "--ca", "missing", "--profile", "person", "--subject", "CN=A", "--out", "new"],
        "cannot read",
    );
    fails(&["cert", "ca", "--subject", "CN=A", "--out", "new", "--p12", "new.p12"], "needs a password");
    // a truncated PEM certificate
    let pem = std::fs::read_to_string(d.join("inter.crt")).unwrap();
    std::fs::write(d.join("trunc.crt"), &pem[..pem.len() / 2]).unwrap();
    fails(
        &[
            "cert",
            "issue",
            "--ca-cert",
            "trunc.crt",
            "--ca-key",
            "inter.key",
            "--profile",
            "person",
            "--subject",
            "CN=A",
            "--out",
            "new",
        ],
        "truncated PEM",
    );
    // wrong password for an encrypted CA key, in Vietnamese
    std::fs::write(d.join("pw"), "right\n").unwrap();
    std::fs::write(d.join("bad"), "wrong\n").unwrap();
    kyso()
        .current_dir(d)
        .args([
            "cert",
            "issue",
            "--ca",
            "inter",
            "--profile",
            "intermediate",
            "--subject",
            "CN=Enc",
            "--out",
            "enc",
            "--password-file",
            "pw",
        ])
        .assert()
        .code(2); // pathLen 0 refuses a CA; use root instead
    kyso()
        .current_dir(d)
        .args([
            "cert",
            "issue",
            "--ca",
            "root",
            "--profile",
            "intermediate",
            "--subject",
            "CN=Enc",
            "--out",
            "enc",
            "--password-file",
            "pw",
        ])
        .assert()
        .success();
    let assert = kyso()
        .current_dir(d)
        .env("KYSO_LANG", "vi")
        .args([
            "cert",
            "issue",
            "--ca",
            "enc",
            "--ca-password-file",
            "bad",
            "--profile",
            "person",
            "--subject",
            "CN=A",
            "--out",
            "new",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(err.contains("lỗi") && err.contains("sai mật khẩu"), "{err}");
    kyso()
        .current_dir(d)
        .args(["cert", "issue", "--ca", "enc", "--profile", "person", "--subject", "CN=A", "--out", "new"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is encrypted"));
    kyso()
        .current_dir(d)
        .env("KYSO_CA_KEY_PASSWORD", "right")
        .args(["cert", "issue", "--ca", "enc", "--profile", "person", "--subject", "CN=A", "--out", "new"])
        .assert()
        .success();
}

#[test]
fn json_errors_are_structured() {
    let out = kyso().args(["--format", "json", "cert", "inspect", "/nonexistent.crt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["error"]["code"], "READ_FAILED");
    assert_eq!(v["error"]["exit_code"], 2);
}

#[test]
fn usage_errors_exit_2() {
    kyso().args(["cert", "issue", "--subject", "CN=A", "--out", "x", "--profile", "person"]).assert().code(2);
    kyso().args(["--format", "xml", "cert", "inspect", "a"]).assert().code(2);
    kyso().args(["nonsense"]).assert().code(2);
    kyso().args(["--help"]).assert().success().stdout(predicate::str::contains("Exit codes:"));
}

// ---------------------------------------------------------------------------------------
// Real Vietnamese CA certificates (../shared/interop/vn-einvoice-realworld/certs/).

mod vn {
    use std::path::{Path, PathBuf};

    use kyso::verify::chain::{self, Purpose, Request};
    use kyso::verify::trust::TrustStore;
    use kyso::verify::{NoteCode, ReasonCode};
    use x509_cert::Certificate;

    pub fn dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/interop/vn-einvoice-realworld")
    }

    pub fn load(rel: &str) -> Certificate {
        kyso::pki::load::read_certificates(&dir().join(rel)).unwrap().remove(0)
    }

    /// Every certificate file of `certs/` (not the PKCS#7 bundles), with its path.
    pub fn all() -> Vec<(String, Certificate)> {
        let mut out = Vec::new();
        for e in walkdir::WalkDir::new(dir().join("certs")).sort_by_file_name() {
            let e = e.unwrap();
            let p = e.path();
            if p.extension().is_some_and(|x| ["crt", "cer", "der"].contains(&x.to_str().unwrap())) {
                let rel = p.strip_prefix(dir()).unwrap().display().to_string();
                out.push((rel, kyso::pki::load::read_certificates(p).unwrap().remove(0)));
            }
        }
        out
    }

    pub fn self_issued(c: &Certificate) -> bool {
        kyso::pki::dn::names_match(c.tbs_certificate().subject(), c.tbs_certificate().issuer())
    }

    /// Validate `target` at `at` with the corpus's roots as anchors, everything else as helpers.
    pub fn validate(target: &Certificate, at: i64, purpose: Purpose) -> chain::ChainOutcome {
        let certs = all();
        let store = TrustStore {
            anchors: certs.iter().filter(|(_, c)| self_issued(c)).map(|(_, c)| c.clone()).collect(),
            intermediates: certs.iter().filter(|(_, c)| !self_issued(c)).map(|(_, c)| c.clone()).collect(),
            ..Default::default()
        };
        chain::validate_request(&Request { target, untrusted: &[], store: &store, at, purpose, crls: &[], ocsp: &[] })
    }

    /// Reasons that say the chain itself is wrong (not time, weak algorithms or revocation).
    pub fn structural(o: &chain::ChainOutcome) -> Vec<String> {
        o.reasons
            .iter()
            .filter(|r| {
                !matches!(r.code, ReasonCode::WeakAlgorithm | ReasonCode::OutOfBoundsNoPoe | ReasonCode::NotYetValid)
            })
            .map(|r| format!("{}: {}", r.code.as_str(), r.detail))
            .collect()
    }

    pub fn tolerated(o: &chain::ChainOutcome, needle: &str) -> bool {
        o.notes.iter().any(|n| n.code == NoteCode::Tolerated && n.detail.contains(needle))
    }

    pub fn exists() -> bool {
        let ok = Path::new(&dir()).join("CERTS.tsv").exists();
        if !ok {
            eprintln!("SKIPPED: ../shared/interop/vn-einvoice-realworld is not there");
        }
        ok
    }
}

/// Each CA certificate CERTS.tsv lists whose issuer is in the corpus chains to its root,
/// the roots given as trust anchors, with no constraint failure (issue 12).
#[test]
fn vietnamese_ca_certificates_chain_to_their_roots() {
    if !vn::exists() {
        return;
    }
    let tsv = std::fs::read_to_string(vn::dir().join("CERTS.tsv")).unwrap();
    let all = vn::all();
    let subjects: Vec<String> =
        all.iter().map(|(_, c)| kyso::pki::dn::to_string(c.tbs_certificate().subject())).collect();
    let (mut chained, mut failures) = (0, Vec::new());
    for line in tsv.lines().skip(1) {
        let file = line.split('\t').next().unwrap();
        let cert = vn::load(file);
        if vn::self_issued(&cert) {
            continue;
        }
        let issuer = kyso::pki::dn::to_string(cert.tbs_certificate().issuer());
        if !subjects.contains(&issuer) {
            continue; // its issuer is not in the corpus
        }
        // a moment when the certificate is valid
        let at = kyso::pki::time::unix(&cert.tbs_certificate().validity().not_before) + 86_400;
        let o = vn::validate(&cert, at, kyso::verify::chain::Purpose::Any);
        let bad = vn::structural(&o);
        if !o.trusted || !bad.is_empty() {
            failures.push(format!("{file}: trusted={} {bad:?}", o.trusted));
        }
        chained += 1;
    }
    assert!(chained >= 60, "only {chained} certificates checked");
    assert!(failures.is_empty(), "{} of {chained} do not chain:\n{}", failures.len(), failures.join("\n"));
}

/// Signers' certificates taken from real invoices: those whose issuer is in the corpus
/// chain, as document signers, with the Windows-CA quirks accepted and noted.
#[test]
fn vietnamese_signer_certificates_chain_with_their_quirks() {
    if !vn::exists() {
        return;
    }
    let all = vn::all();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (file, cert) in all.iter().filter(|(f, _)| f.contains("leaf_from_xml")) {
        // Only those whose issuer's certificate (with the right key) is in the corpus:
        // some were issued under CA keys the corpus does not hold.
        if vn::self_issued(cert) || !all.iter().any(|(_, i)| kyso::verify::chain::signature_ok(cert, i)) {
            continue;
        }
        let at = kyso::pki::time::unix(&cert.tbs_certificate().validity().not_before) + 86_400;
        let o = vn::validate(cert, at, kyso::verify::chain::Purpose::DocumentSigning);
        let bad = vn::structural(&o);
        if !o.trusted || !bad.is_empty() {
            failures.push(format!("{file}: trusted={} {bad:?}", o.trusted));
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} signer certificates checked");
    assert!(failures.is_empty(), "{} of {checked} do not chain:\n{}", failures.len(), failures.join("\n"));
    // The critical Microsoft application-policies extension is understood, and said so.
    let cert = vn::load("certs/leaf_from_xml/TRAN_LOI_TAI_D1E54C41250A8C9A.der");
    let at = kyso::pki::time::unix(&cert.tbs_certificate().validity().not_before) + 86_400;
    let o = vn::validate(&cert, at, kyso::verify::chain::Purpose::DocumentSigning);
    assert!(o.trusted && vn::structural(&o).is_empty(), "{:?}", o.reasons);
    assert!(vn::tolerated(&o, "Microsoft application-policies"), "{:?}", o.notes);
}

/// A self-signed certificate with a negative serial, BMPString names, the OIW sha1RSA
/// signature OID and an RSA-1024 key, trusted as its own anchor: it validates as far as
/// its structure goes; SHA-1 and the short key are WEAK_ALGORITHM, as everywhere.
#[test]
fn negative_serial_bmp_names_and_oiw_sha1_are_read() {
    if !vn::exists() {
        return;
    }
    let rel = "certs/leaf_from_xml/KHANH_THDVTCDT_TEST_CTS_HET_HAN_OZE_L_HA_AD15E26D2331528D.der";
    let cert = vn::load(rel);
    assert!(cert.tbs_certificate().serial_number().as_bytes()[0] & 0x80 != 0, "the serial is negative");
    let subject = kyso::pki::dn::to_string(cert.tbs_certificate().subject());
    assert!(subject.contains("KHÁNH THDVTCDT TEST CTS HẾT HẠN"), "{subject}");
    let store = kyso::verify::trust::TrustStore { anchors: vec![cert.clone()], ..Default::default() };
    let at = kyso::pki::time::unix(&cert.tbs_certificate().validity().not_before) + 86_400;
    let o = kyso::verify::chain::validate_request(&kyso::verify::chain::Request {
        target: &cert,
        untrusted: &[],
        store: &store,
        at,
        purpose: kyso::verify::chain::Purpose::Any,
        crls: &[],
        ocsp: &[],
    });
    assert!(o.trusted);
    let codes: Vec<_> = o.reasons.iter().map(|r| r.code).collect();
    assert_eq!(codes, [kyso::verify::ReasonCode::WeakAlgorithm], "{:?}", o.reasons);
    assert!(vn::tolerated(&o, "negative serial"), "{:?}", o.notes);
    // The OIW identifier is recognised as SHA-1 with RSA: the self-signature verifies.
    assert!(kyso::verify::chain::signature_ok(&cert, &cert));
}

// ---------------------------------------------------------------------------------------
// `kyso cert verify`, against `openssl verify` on the same inputs.

/// Exit code of `openssl verify` and of `kyso cert verify` on one case.
fn verify_both(dir: &std::path::Path, openssl: &[String], kyso_args: &[String]) -> (bool, bool, String) {
    let args: Vec<&str> = openssl.iter().map(String::as_str).collect();
    let (o_ok, o_text) = run_peer("openssl", &args, dir);
    let k = kyso().current_dir(dir).args(kyso_args).output().unwrap();
    let k_text = String::from_utf8_lossy(&k.stdout).to_string();
    (o_ok, k.status.success(), format!("openssl: {o_text}\nkyso: {k_text}"))
}

/// PKITS, every case, kyso's verdict against OpenSSL's (with `-crl_check_all
/// -extended_crl -use_deltas` where revocation is required, and the same policy inputs;
/// `-policy 2.5.29.32.0` stands for "any", which OpenSSL does not assume by itself).
/// They agree on 243 of 246; the three differences are named and explained.
#[test]
fn cert_verify_agrees_with_openssl_verify_on_pkits() {
    if !peer("openssl") {
        return;
    }
    let src = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/interop/nist-pkits");
    let Ok(text) = std::fs::read_to_string(src.join("pkits.json")) else {
        eprintln!("SKIPPED: ../shared/interop/nist-pkits is not there");
        return;
    };
    let cases: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let pem = |sub: &str, name: &str, label: &str| -> String {
        let der = std::fs::read(src.join(sub).join(name)).unwrap();
        der::pem::encode_string(label, der::pem::LineEnding::LF, &der).unwrap()
    };
    let d = tmp.path();
    std::fs::write(d.join("ta.pem"), pem("certs", "TrustAnchorRootCertificate.crt", "CERTIFICATE")).unwrap();
    // Where kyso and OpenSSL differ, and why (each is also in tests/pkits.rs):
    let known: &[(&str, &str)] = &[
        ("valid_dsa_signatures_test4", "kyso does not verify DSA"),
        ("valid_pre2000_utc_notbefore_date_test3", "the der crate reads UTCTime from 1970 only"),
        ("valid_crlissuer_test30", "OpenSSL cannot validate an indirect CRL issuer that covers itself"),
    ];
    let mut differ = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let s = |v: &serde_json::Value| {
            v.as_array()
                .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        let others = s(&case["other_certs"]);
        let mut crls = s(&case["crls"]);
        crls.push("TrustAnchorRootCRL.crl".into());
        let require = case["revocation"].as_bool() != Some(false);
        let p = &case["params"];
        let ee = case["cert"].as_str().unwrap();
        std::fs::write(d.join("ee.pem"), pem("certs", ee, "CERTIFICATE")).unwrap();
        std::fs::write(
            d.join("untrusted.pem"),
            others.iter().map(|o| pem("certs", o, "CERTIFICATE")).collect::<String>(),
        )
        .unwrap();
        std::fs::write(d.join("crls.pem"), crls.iter().map(|c| pem("crls", c, "X509 CRL")).collect::<String>())
            .unwrap();
        let mut o: Vec<String> =
            ["verify", "-attime", "1577836800", "-CAfile", "ta.pem", "-policy_check"].map(String::from).to_vec();
        let src_s = src.display().to_string();
        let mut k: Vec<String> = vec![
            "cert".into(),
            "verify".into(),
            format!("{src_s}/certs/{ee}"),
            "--trust".into(),
            format!("{src_s}/certs/TrustAnchorRootCertificate.crt"),
            "--at".into(),
            "2020-01-01".into(),
            "--purpose".into(),
            "any".into(),
        ];
        if !others.is_empty() {
            o.extend(["-untrusted".into(), "untrusted.pem".into()]);
        }
        for x in &others {
            k.extend(["--certs".into(), format!("{src_s}/certs/{x}")]);
        }
        if require {
            o.extend(["-CRLfile", "crls.pem", "-crl_check_all", "-extended_crl", "-use_deltas"].map(String::from));
            k.push("--require-revocation".into());
            for x in &crls {
                k.extend(["--crl".into(), format!("{src_s}/crls/{x}")]);
            }
        }
        let policies = s(&p["user_initial_policy_set"]);
        for pol in &policies {
            o.extend(["-policy".into(), pol.clone()]);
            k.extend(["--policy".into(), pol.clone()]);
        }
        if policies.is_empty() {
            o.extend(["-policy".into(), "2.5.29.32.0".into()]);
        }
        for (key, o_flag, k_flag) in [
            ("initial_explicit_policy", "-explicit_policy", "--explicit-policy"),
            ("initial_policy_mapping_inhibit", "-inhibit_map", "--inhibit-policy-mapping"),
            ("initial_any_policy_inhibit", "-inhibit_any", "--inhibit-any-policy"),
        ] {
            if p[key].as_bool() == Some(true) {
                o.push(o_flag.into());
                k.push(k_flag.into());
            }
        }
        o.push("ee.pem".into());
        let (o_ok, k_ok, text) = verify_both(d, &o, &k);
        let expected = case.get("error").is_none();
        if o_ok != k_ok && !known.iter().any(|(n, _)| *n == name) {
            differ.push(format!(
                "{name} (expected {}): openssl {o_ok}, kyso {k_ok}\n{text}",
                if expected { "valid" } else { "failure" }
            ));
        }
        if known.iter().any(|(n, _)| *n == name) {
            assert_ne!(o_ok, k_ok, "{name} now agrees: update the list\n{text}");
        }
    }
    assert!(differ.is_empty(), "{} case(s) differ:\n{}", differ.len(), differ.join("\n"));
}

/// kyso's own test PKI: the same verdicts as `openssl verify -purpose smimesign`.
#[test]
fn cert_verify_agrees_with_openssl_verify_on_the_test_pki() {
    if !peer("openssl") {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    // 2000-01-01 (before), now, 2100-01-01 (after)
    for (at_o, at_k) in [("946684800", "2000-01-01"), ("", ""), ("4102444800", "2100-01-01")] {
        for (untrusted, anchor) in [(true, "root.crt"), (false, "root.crt"), (true, "inter.crt"), (true, "signer.crt")]
        {
            let mut o: Vec<String> = ["verify", "-purpose", "smimesign", "-CAfile", anchor].map(String::from).to_vec();
            let mut k: Vec<String> = ["cert", "verify", "signer.crt", "--trust", anchor].map(String::from).to_vec();
            if untrusted {
                o.extend(["-untrusted".into(), "inter.crt".into()]);
                k.extend(["--certs".into(), "inter.crt".into()]);
            }
            if anchor != "root.crt" {
                o.push("-partial_chain".into()); // a non-self-signed anchor, as kyso allows
            }
            if !at_o.is_empty() {
                o.extend(["-attime".into(), at_o.into()]);
                k.extend(["--at".into(), at_k.into()]);
            }
            o.push("signer.crt".into());
            let (o_ok, k_ok, text) = verify_both(d, &o, &k);
            assert_eq!(o_ok, k_ok, "untrusted={untrusted} anchor={anchor} at={at_k:?}\n{text}");
        }
    }
}

#[test]
fn cert_verify_reports_the_chain_in_json_and_exits_as_verify_does() {
    let pki = Pki::new();
    let out = kyso()
        .current_dir(pki.dir.path())
        .args(["--format", "json", "cert", "verify", "signer.crt", "--trust", "root.crt", "--certs", "inter.crt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    let c = &v["certificates"][0];
    assert_eq!(c["verdict"], "valid");
    assert_eq!(c["purpose"], "document-signing");
    assert_eq!(c["trusted"], true);
    assert_eq!(c["chain"].as_array().unwrap().len(), 3);
    assert_eq!(c["chain"][0]["subject"], SIGNER_DN);
    assert_eq!(c["chain"][0]["revocation"]["status"], "unknown");
    assert_eq!(c["chain"][2]["revocation"]["status"], "trust_anchor");
    assert_eq!(v["summary"]["valid"], 1);
    // no anchor: indeterminate, exit 1, the reason named
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "verify", "signer.crt", "--certs", "inter.crt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("INDETERMINATE").and(predicate::str::contains("NO_CERTIFICATE_CHAIN_FOUND")));
    // revocation required and no CRL: TRY_LATER
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "verify", "signer.crt", "--trust", "root.crt", "--certs", "inter.crt", "--require-revocation"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("TRY_LATER"));
    // a CA certificate is not a document signer, but is fine for --purpose any
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "verify", "inter.crt", "--trust", "root.crt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("CHAIN_CONSTRAINTS_FAILURE"));
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "verify", "inter.crt", "--trust", "root.crt", "--purpose", "any"])
        .assert()
        .code(0);
    // Vietnamese words
    kyso()
        .current_dir(pki.dir.path())
        .args(["--lang", "vi", "cert", "verify", "signer.crt", "--trust", "root.crt", "--certs", "inter.crt"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("HỢP LỆ").and(predicate::str::contains("chứng thư tin cậy")));
    // usage errors exit 2; an unreadable file is an error verdict (exit 1)
    kyso().current_dir(pki.dir.path()).args(["cert", "verify", "signer.crt", "--at", "yesterday"]).assert().code(2);
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "verify", "signer.crt", "--policy", "not-an-oid"])
        .assert()
        .code(2);
    std::fs::write(pki.path("junk.crt"), "not a certificate").unwrap();
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "verify", "junk.crt", "--trust", "root.crt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ERROR"));
}

/// Issue 18 item 10, end to end: a CA made by OpenSSL with a critical directoryName name
/// constraint; a signature by a signer inside its subtree is valid (kyso used to refuse the
/// critical extension as unknown), one by a signer outside it is not (kyso used to ignore
/// the constraint). `openssl verify` says the same of the two certificates.
#[test]
fn name_constraints_decide_signature_verdicts_as_openssl_does() {
    if !peer("openssl") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(
        d.join("nc.cnf"),
        "[req]\ndistinguished_name=dn\n[dn]\n\
         [ext_root]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n\
         subjectKeyIdentifier=hash\nnameConstraints=critical,permitted;dirName:nc_dir,permitted;email:.mof.gov.vn\n\
         [nc_dir]\nC=VN\nO=Bo Tai chinh\n\
         [ext_leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n\
         authorityKeyIdentifier=keyid\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let (ok, text) = run_peer("openssl", args, d);
        assert!(ok, "openssl {args:?}: {text}");
    };
    for k in ["root", "inside", "outside"] {
        run(&["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", &format!("{k}.key")]);
    }
    run(&[
        "req",
        "-x509",
        "-new",
        "-key",
        "root.key",
        "-subj",
        "/C=VN/O=Bo Tai chinh/CN=Root",
        "-config",
        "nc.cnf",
        "-extensions",
        "ext_root",
        "-days",
        "30",
        "-out",
        "root.crt",
    ]);
    for (k, subj) in
        [("inside", "/C=VN/O=Bo Tai chinh/CN=Nguyen Van A"), ("outside", "/C=VN/O=Bo Cong an/CN=Nguyen Van B")]
    {
        run(&[
            "req",
            "-new",
            "-key",
            &format!("{k}.key"),
            "-subj",
            subj,
            "-config",
            "nc.cnf",
            "-out",
            &format!("{k}.csr"),
        ]);
        run(&[
            "x509",
            "-req",
            "-in",
            &format!("{k}.csr"),
            "-CA",
            "root.crt",
            "-CAkey",
            "root.key",
            "-CAcreateserial",
            "-extfile",
            "nc.cnf",
            "-extensions",
            "ext_leaf",
            "-days",
            "10",
            "-out",
            &format!("{k}.crt"),
        ]);
        std::fs::write(d.join(format!("{k}.txt")), format!("công văn {k}")).unwrap();
        kyso()
            .current_dir(d)
            .args(["sign", &format!("{k}.txt"), "--key", &format!("{k}.key"), "--cert", &format!("{k}.crt")])
            .assert()
            .success();
    }
    let (ok, text) = run_peer("openssl", &["verify", "-CAfile", "root.crt", "inside.crt"], d);
    assert!(ok, "{text}");
    let (ok, text) = run_peer("openssl", &["verify", "-CAfile", "root.crt", "outside.crt"], d);
    assert!(!ok && text.contains("subtree"), "{text}");
    kyso().current_dir(d).args(["verify", "inside.txt", "--trust", "root.crt"]).assert().code(0);
    kyso().current_dir(d).args(["verify", "outside.txt", "--trust", "root.crt"]).assert().code(1).stdout(
        predicate::str::contains("CHAIN_CONSTRAINTS_FAILURE").and(predicate::str::contains("outside the subtrees")),
    );
    kyso().current_dir(d).args(["cert", "verify", "inside.crt", "--trust", "root.crt"]).assert().code(0);
    kyso().current_dir(d).args(["cert", "verify", "outside.crt", "--trust", "root.crt"]).assert().code(1);
}
