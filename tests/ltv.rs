//! Long-term validation against pyHanko as peer, with `kyso pki serve` as TSA, OCSP
//! responder and CRL server on loopback: pyHanko's PAdES B-LT and B-LTA files are valid
//! at a time after every certificate has expired (the time-stamps prove when the
//! signature existed); a signature without a time-stamp is not; tampered time-stamp
//! tokens are INVALID; revocation before the proven time is REVOKED, after it a note.

mod common;

use common::served::Served;
use common::{Pki, kyso, peer, run_peer};
use serde_json::Value;

/// Long after every certificate of the test PKI has expired.
const FAR: &str = "2100-01-01";

/// A served test PKI: root → ica (CRL and OCSP URLs of the server) → {tsa, ocsp
/// responder, signers}, every certificate naming the server's OCSP, CRL and caIssuers
/// URLs, so pyHanko can gather complete validation data.
fn setup() -> (Pki, Served) {
    let pki = Pki::new();
    let served = Served::start(pki.dir.path(), &[]);
    let u = served.url.clone();
    let root_urls = [
        "--ocsp-url".to_string(),
        format!("{u}/ocsp"),
        "--crl-url".to_string(),
        format!("{u}/crl/root.crl"),
        "--ca-issuers-url".to_string(),
        format!("{u}/ca/root.crt"),
    ];
    let mut args: Vec<&str> = vec!["--key-type", "p256"];
    args.extend(root_urls.iter().map(String::as_str));
    pki.issue("root", "intermediate", "ica", &args);
    issue_served(&pki, &served, "tsa", "tsa", "rsa2048");
    issue_served(&pki, &served, "ocsp", "ocsp", "p256");
    for name in ["lsigner", "early", "late"] {
        issue_served(&pki, &served, "person", name, "p256");
    }
    std::fs::write(pki.path("in.pdf"), common::minimal_pdf("long-term")).unwrap();
    (pki, served)
}

fn issue_served(pki: &Pki, served: &Served, profile: &str, name: &str, key: &str) {
    let u = &served.url;
    pki.issue(
        "ica",
        profile,
        name,
        &[
            "--key-type",
            key,
            "--ocsp-url",
            &format!("{u}/ocsp"),
            "--crl-url",
            &format!("{u}/crl/ica.crl"),
            "--ca-issuers-url",
            &format!("{u}/ca/ica.crt"),
        ],
    );
}

/// pyHanko signs `in.pdf` as `signer` into `out` with the extra options.
fn pyhanko_sign(pki: &Pki, signer: &str, out: &str, extra: &[&str]) {
    let mut args = vec!["sign", "addsig", "--field", "Sig1"];
    args.extend(extra);
    args.extend(["--trust", "root.crt", "--trust-replace", "pemder"]);
    let key = format!("{signer}.key");
    let crt = format!("{signer}.crt");
    args.extend(["--key", &key, "--cert", &crt, "--chain", "ica.crt", "--no-pass", "in.pdf", out]);
    let (ok, t) = run_peer("pyhanko", &args, pki.dir.path());
    assert!(ok, "pyhanko {args:?}: {t}");
}

fn verify(pki: &Pki, file: &str, extra: &[&str]) -> Value {
    let out = kyso()
        .current_dir(pki.dir.path())
        .args(["--format", "json", "verify", file, "--trust", "root.crt"])
        .args(extra)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    v["files"][0].clone()
}

fn codes(v: &Value, key: &str) -> Vec<String> {
    v[key].as_array().into_iter().flatten().map(|r| r["code"].as_str().unwrap_or_default().to_string()).collect()
}

fn tsa_url(s: &Served) -> String {
    format!("{}/tsa", s.url)
}

#[test]
fn pyhanko_pades_lt_and_lta_are_valid_after_every_certificate_expired() {
    if !peer("pyhanko") {
        return;
    }
    let (pki, served) = setup();
    let tsa = tsa_url(&served);
    pyhanko_sign(&pki, "lsigner", "lt.pdf", &["--timestamp-url", &tsa, "--with-validation-info", "--use-pades"]);
    pyhanko_sign(&pki, "lsigner", "lta.pdf", &["--timestamp-url", &tsa, "--with-validation-info", "--use-pades-lta"]);
    pyhanko_sign(&pki, "lsigner", "bt.pdf", &["--timestamp-url", &tsa, "--use-pades"]);
    drop(served);

    for (file, level) in [("lt.pdf", "B-LT"), ("lta.pdf", "B-LTA"), ("bt.pdf", "B-T")] {
        for at in [None, Some(FAR)] {
            let extra: Vec<&str> = at.map(|a| vec!["--at", a]).unwrap_or_default();
            let f = verify(&pki, file, &extra);
            assert_eq!(f["verdict"], "valid", "{file} at {at:?}: {f:#}");
            let sig = &f["signatures"][0];
            assert_eq!(sig["kind"], "signature");
            assert_eq!(sig["level"], level, "{file}: {sig:#}");
            assert_eq!(sig["timestamps"][0]["kind"], "signature");
            assert_eq!(sig["timestamps"][0]["verdict"], "valid", "{sig:#}");
            assert!(sig["proven_time"]["time"].is_string(), "{sig:#}");
            if at.is_some() {
                assert!(sig["validation_time"].as_str().unwrap() < "2100", "validated at the proven time: {sig:#}");
                assert!(codes(sig, "notes").contains(&"PROVEN_TIME".to_string()), "{sig:#}");
            }
        }
    }
    // B-LTA: the document time-stamp is a report entry of its own, valid.
    let f = verify(&pki, "lta.pdf", &["--at", FAR]);
    let ts = &f["signatures"][1];
    assert_eq!(ts["kind"], "document_timestamp", "{f:#}");
    assert_eq!(ts["verdict"], "valid", "{ts:#}");
    assert_eq!(ts["timestamps"][0]["kind"], "document");
    assert!(ts["signer"]["subject"].as_str().unwrap().contains("tsa"));
    // The DSS's OCSP response was used for the signer at the proven time.
    let f = verify(&pki, "lt.pdf", &["--at", FAR, "--require-revocation"]);
    assert_eq!(f["verdict"], "valid", "{f:#}");
}

#[test]
fn expired_signer_without_time_stamp_stays_indeterminate() {
    if !peer("pyhanko") {
        return;
    }
    let (pki, _served) = setup();
    pyhanko_sign(&pki, "lsigner", "bb.pdf", &["--use-pades"]);
    let f = verify(&pki, "bb.pdf", &[]);
    assert_eq!(f["verdict"], "valid", "{f:#}");
    assert_eq!(f["signatures"][0]["level"], "B-B");
    let f = verify(&pki, "bb.pdf", &["--at", FAR]);
    assert_eq!(f["verdict"], "indeterminate", "{f:#}");
    assert!(codes(&f["signatures"][0], "reasons").contains(&"OUT_OF_BOUNDS_NO_POE".to_string()), "{f:#}");
    assert!(f["signatures"][0]["proven_time"].is_null());
}

/// Flip one byte near the end of the `n`-th time-stamp token found in the PDF's
/// `/Contents` strings (inside the TSA's signature value): the PDF signature's own
/// bytes stay intact.
fn tamper_token(pdf: &[u8], which: usize) -> Vec<u8> {
    let mut out = pdf.to_vec();
    let mut found = 0;
    let mut pos = 0;
    while let Some(i) = find(&out[pos..], b"/Contents <").map(|i| i + pos) {
        let start = i + b"/Contents <".len();
        let end = start + find(&out[start..], b">").unwrap();
        let der = hex::decode(&out[start..end]).unwrap();
        let sd = kyso::cms::parse::parse(&der).unwrap();
        let mut tokens: Vec<Vec<u8>> =
            sd.signers.iter().flat_map(kyso::verify::ltv::signature_timestamp_tokens).collect();
        if sd.econtent_type == kyso::pki::oids::CT_TST_INFO {
            tokens.push(kyso::cms::tlv::read(&der).unwrap().0.full.to_vec());
        }
        for t in tokens {
            if found == which {
                let at = find(&der, &t).unwrap() + t.len() - 5;
                let hex_at = start + 2 * at;
                out[hex_at] = if out[hex_at] == b'0' { b'1' } else { b'0' };
                return out;
            }
            found += 1;
        }
        pos = end;
    }
    panic!("no time-stamp token {which}");
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn tampered_time_stamp_tokens_are_invalid() {
    if !peer("pyhanko") {
        return;
    }
    let (pki, served) = setup();
    let tsa = tsa_url(&served);
    pyhanko_sign(&pki, "lsigner", "lta.pdf", &["--timestamp-url", &tsa, "--with-validation-info", "--use-pades-lta"]);
    pyhanko_sign(&pki, "lsigner", "lt.pdf", &["--timestamp-url", &tsa, "--with-validation-info", "--use-pades"]);
    drop(served);
    // The signature time-stamp: the token is INVALID, the signature no longer proven in
    // time, so INDETERMINATE once its certificate has expired.
    let lt = std::fs::read(pki.path("lt.pdf")).unwrap();
    std::fs::write(pki.path("t1.pdf"), tamper_token(&lt, 0)).unwrap();
    let f = verify(&pki, "t1.pdf", &["--at", FAR]);
    let sig = &f["signatures"][0];
    assert_eq!(sig["timestamps"][0]["verdict"], "invalid", "{sig:#}");
    assert!(codes(sig, "reasons").contains(&"OUT_OF_BOUNDS_NO_POE".to_string()), "{f:#}");
    assert_eq!(verify(&pki, "t1.pdf", &[])["verdict"], "valid", "the signature itself is intact");
    // B-LTA: the document time-stamp covers the signature's /Contents, so tampering with
    // the signature time-stamp breaks the document time-stamp's imprint too.
    let lta = std::fs::read(pki.path("lta.pdf")).unwrap();
    std::fs::write(pki.path("t2.pdf"), tamper_token(&lta, 0)).unwrap();
    let f = verify(&pki, "t2.pdf", &[]);
    assert_eq!(f["signatures"][0]["timestamps"][0]["verdict"], "invalid", "{f:#}");
    assert_eq!(f["signatures"][1]["verdict"], "invalid", "{f:#}");
    assert!(codes(&f["signatures"][1], "reasons").contains(&"HASH_FAILURE".to_string()), "{f:#}");
    // The document time-stamp's own token: its entry is INVALID.
    std::fs::write(pki.path("t3.pdf"), tamper_token(&lta, 1)).unwrap();
    let f = verify(&pki, "t3.pdf", &[]);
    assert_eq!(f["signatures"][1]["kind"], "document_timestamp");
    assert_eq!(f["signatures"][1]["verdict"], "invalid", "{f:#}");
    assert!(codes(&f["signatures"][1], "reasons").contains(&"SIG_CRYPTO_FAILURE".to_string()), "{f:#}");
    assert_eq!(f["signatures"][0]["verdict"], "valid", "{f:#}");
    assert_eq!(f["verdict"], "invalid");
}

#[test]
fn revoked_before_the_proven_time_is_invalid_after_it_a_note() {
    if !peer("pyhanko") {
        return;
    }
    let (pki, served) = setup();
    let tsa = tsa_url(&served);
    let d = pki.dir.path();
    // "early" is revoked before it signs; "late" after its signature was time-stamped.
    kyso()
        .current_dir(d)
        .args(["cert", "revoke", "--ca", "ica", "early.crt", "--reason", "key-compromise"])
        .assert()
        .success();
    std::thread::sleep(std::time::Duration::from_secs(2));
    pyhanko_sign(&pki, "early", "early.pdf", &["--timestamp-url", &tsa, "--use-pades"]);
    pyhanko_sign(&pki, "late", "late.pdf", &["--timestamp-url", &tsa, "--use-pades"]);
    drop(served);
    std::thread::sleep(std::time::Duration::from_secs(3));
    kyso()
        .current_dir(d)
        .args(["cert", "revoke", "--ca", "ica", "late.crt", "--reason", "key-compromise"])
        .assert()
        .success();
    kyso().current_dir(d).args(["cert", "crl", "--ca", "ica", "--out", "ica.crl"]).assert().success();

    let f = verify(&pki, "early.pdf", &["--crl", "ica.crl"]);
    assert_eq!(f["verdict"], "invalid", "{f:#}");
    assert!(codes(&f["signatures"][0], "reasons").contains(&"REVOKED".to_string()), "{f:#}");

    for at in [None, Some(FAR)] {
        let mut extra = vec!["--crl", "ica.crl"];
        extra.extend(at.map(|a| vec!["--at", a]).unwrap_or_default());
        let f = verify(&pki, "late.pdf", &extra);
        assert_eq!(f["verdict"], "valid", "{f:#}");
        assert!(codes(&f["signatures"][0], "notes").contains(&"REVOKED_AFTER_PROVEN_TIME".to_string()), "{f:#}");
    }
    // Without the time-stamp's proof the same revocation would count: a B-B signature
    // by "late" made now is REVOKED.
    pyhanko_sign(&pki, "late", "late-bb.pdf", &["--use-pades"]);
    let f = verify(&pki, "late-bb.pdf", &["--crl", "ica.crl"]);
    assert_eq!(f["verdict"], "invalid", "{f:#}");
}
