//! Revocation during verification, online and the hostile cases: `kyso verify --online`
//! fetches OCSP (AIA) then CRLs (CDP) from `kyso pki serve` and openssl's OCSP responder
//! on loopback; a responder that is closed or never answers gives INDETERMINATE
//! (TRY_LATER naming the URL) within seconds; a stale OCSP response and a forged one (a
//! responder the CA did not authorise) are not evidence — never VALID, never REVOKED.

mod common;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::served::Served;
use common::{Pki, kyso, peer, run_peer};
use serde_json::Value;

/// A child process killed when dropped (openssl's responder).
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A test PKI served on loopback: root → ica (naming the server's OCSP and CRL URLs).
fn setup() -> (Pki, Served) {
    let pki = Pki::new();
    let served = Served::start(pki.dir.path(), &[]);
    let u = served.url.clone();
    let (ocsp, crl) = (format!("{u}/ocsp"), format!("{u}/crl/root.crl"));
    pki.issue("root", "intermediate", "ica", &["--key-type", "p256", "--ocsp-url", &ocsp, "--crl-url", &crl]);
    std::fs::write(pki.path("in.pdf"), common::minimal_pdf("online revocation")).unwrap();
    (pki, served)
}

/// A signer issued by ica naming these revocation URLs.
fn signer(pki: &Pki, name: &str, ocsp: Option<&str>, crl: Option<&str>) {
    let mut args = vec!["--key-type", "p256"];
    if let Some(u) = ocsp {
        args.extend(["--ocsp-url", u]);
    }
    if let Some(u) = crl {
        args.extend(["--crl-url", u]);
    }
    pki.issue("ica", "person", name, &args);
}

/// `name` signs in.pdf (B-B) into NAME.pdf.
fn sign(pki: &Pki, name: &str) -> String {
    let out = format!("{name}.pdf");
    kyso()
        .current_dir(pki.dir.path())
        .args(["sign", "in.pdf", "-o", &out, "--key", &format!("{name}.key"), "--cert", &format!("{name}.crt")])
        .args(["--chain", "ica.crt"])
        .assert()
        .success();
    out
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

fn codes(v: &Value) -> Vec<String> {
    v["signatures"][0]["reasons"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| r["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn details(v: &Value) -> String {
    v["signatures"][0]["reasons"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| r["message"].as_str().or(r["detail"].as_str()).unwrap_or_default().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn good_is_valid_online_and_indeterminate_offline_when_required() {
    let (pki, served) = setup();
    let u = &served.url;
    signer(&pki, "good", Some(&format!("{u}/ocsp")), Some(&format!("{u}/crl/ica.crl")));
    let pdf = sign(&pki, "good");
    // Offline by default: nothing fetched, so a required status stays unknown.
    let f = verify(&pki, &pdf, &["--require-revocation"]);
    assert_eq!(f["verdict"], "indeterminate", "{f:#}");
    assert!(codes(&f).iter().all(|c| c == "TRY_LATER"), "{f:#}");
    // Without the requirement an unknown status does not change the verdict.
    assert_eq!(verify(&pki, &pdf, &[])["verdict"], "valid");
    let f = verify(&pki, &pdf, &["--online"]);
    assert_eq!(f["verdict"], "valid", "{f:#}");
    assert_eq!(f["signatures"][0]["revocation"], "good", "{f:#}");
}

#[test]
fn crl_distribution_point_when_no_ocsp_responder() {
    let (pki, served) = setup();
    let u = &served.url;
    signer(&pki, "crlonly", None, Some(&format!("{u}/crl/ica.crl")));
    let pdf = sign(&pki, "crlonly");
    let f = verify(&pki, &pdf, &["--online"]);
    assert_eq!(f["verdict"], "valid", "{f:#}");
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "revoke", "--ca", "ica", "crlonly.crt", "--reason", "key-compromise"])
        .assert()
        .success();
    // A new process: the served CRL now lists it.
    std::thread::sleep(Duration::from_secs(1));
    let f = verify(&pki, &pdf, &["--online"]);
    assert_eq!(f["verdict"], "invalid", "{f:#}");
    assert!(codes(&f).contains(&"REVOKED".to_string()), "{f:#}");
}

#[test]
fn revoked_before_signing_is_revoked_online() {
    let (pki, served) = setup();
    let u = &served.url;
    signer(&pki, "early", Some(&format!("{u}/ocsp")), Some(&format!("{u}/crl/ica.crl")));
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "revoke", "--ca", "ica", "early.crt", "--reason", "key-compromise"])
        .assert()
        .success();
    std::thread::sleep(Duration::from_secs(2));
    let pdf = sign(&pki, "early");
    let f = verify(&pki, &pdf, &["--online"]);
    assert_eq!(f["verdict"], "invalid", "{f:#}");
    assert!(codes(&f).contains(&"REVOKED".to_string()), "{f:#}");
    assert!(details(&f).contains("OCSP"), "{f:#}");
}

#[test]
fn unreachable_responders_are_indeterminate_within_seconds() {
    let (pki, _served) = setup();
    // A closed port, and a port that accepts and never answers.
    let closed = free_port();
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_port = silent.local_addr().unwrap().port();
    for (name, port) in [("closed", closed), ("silent", silent_port)] {
        let (ocsp, crl) = (format!("http://127.0.0.1:{port}/ocsp"), format!("http://127.0.0.1:{port}/ica.crl"));
        signer(&pki, name, Some(&ocsp), Some(&crl));
        let pdf = sign(&pki, name);
        let start = Instant::now();
        let f = verify(&pki, &pdf, &["--online", "--revocation-timeout", "2"]);
        let took = start.elapsed();
        assert!(took < Duration::from_secs(15), "{name}: {took:?}");
        assert_eq!(f["verdict"], "indeterminate", "{name}: {f:#}");
        assert_eq!(codes(&f), ["TRY_LATER"], "{name}: {f:#}");
        let d = details(&f);
        assert!(d.contains(&ocsp) && d.contains(&crl), "{name}: {d}");
    }
    drop(silent);
}

#[test]
fn stale_ocsp_response_is_not_evidence() {
    if !peer("openssl") {
        return;
    }
    let (pki, served) = setup();
    let u = &served.url;
    signer(&pki, "good", Some(&format!("{u}/ocsp")), None);
    let pdf = sign(&pki, "good");
    let d = pki.dir.path();
    // Fetched now (openssl as client of the served responder): nextUpdate is a day on.
    for (cert, issuer, out) in [("good.crt", "ica.crt", "good.ocsp"), ("ica.crt", "root.crt", "ica.ocsp")] {
        let url = format!("{u}/ocsp");
        let (ok, t) = run_peer(
            "openssl",
            &["ocsp", "-issuer", issuer, "-cert", cert, "-url", &url, "-respout", out, "-noverify"],
            d,
        );
        assert!(ok, "{t}");
    }
    let files = ["--ocsp-response", "good.ocsp", "--ocsp-response", "ica.ocsp", "--require-revocation"];
    let f = verify(&pki, &pdf, &files);
    assert_eq!(f["verdict"], "valid", "{f:#}");
    // Three days later the same responses are past their nextUpdate.
    let later = kyso_time(3 * 86_400);
    let mut extra = files.to_vec();
    extra.extend(["--at", &later]);
    let f = verify(&pki, &pdf, &extra);
    assert_eq!(f["verdict"], "indeterminate", "{f:#}");
    assert_eq!(codes(&f), ["TRY_LATER", "TRY_LATER"], "{f:#}");
    assert!(details(&f).contains("stale"), "{f:#}");
}

/// RFC 3339 time `secs` from now.
fn kyso_time(secs: u64) -> String {
    let t = std::time::SystemTime::now() + Duration::from_secs(secs);
    let secs = t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let out = Command::new("date").args(["-u", "-d", &format!("@{secs}"), "+%Y-%m-%dT%H:%M:%SZ"]).output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// An OCSP responder from another CA: "evil" CA → "evilocsp" with id-kp-OCSPSigning.
fn evil_responder(pki: &Pki) {
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "ca", "--subject", "CN=Evil Root,C=VN", "--out", "evil", "--key-type", "p256"])
        .assert()
        .success();
    pki.issue("evil", "ocsp", "evilocsp", &["--key-type", "p256"]);
}

#[test]
fn forged_ocsp_response_file_is_not_trusted() {
    if !peer("openssl") {
        return;
    }
    let (pki, _served) = setup();
    signer(&pki, "good", None, None);
    signer(&pki, "bad", None, None);
    let d = pki.dir.path();
    evil_responder(&pki);
    // The real state for the intermediate: the root's CRL.
    kyso().current_dir(d).args(["cert", "crl", "--ca", "root", "--out", "root.crl"]).assert().success();
    kyso()
        .current_dir(d)
        .args(["cert", "revoke", "--ca", "ica", "bad.crt", "--reason", "key-compromise"])
        .assert()
        .success();
    for name in ["good", "bad"] {
        let pdf = sign(&pki, name);
        let req = format!("{name}.req");
        let resp = format!("{name}.forged.ocsp");
        let (ok, t) = run_peer(
            "openssl",
            &["ocsp", "-issuer", "ica.crt", "-cert", &format!("{name}.crt"), "-reqout", &req, "-no_nonce"],
            d,
        );
        assert!(ok, "{t}");
        // Answered from ica's own database, signed by the stranger.
        let (ok, t) = run_peer(
            "openssl",
            &[
                "ocsp",
                "-index",
                "ica.index.txt",
                "-CA",
                "ica.crt",
                "-rsigner",
                "evilocsp.crt",
                "-rkey",
                "evilocsp.key",
                "-reqin",
                &req,
                "-respout",
                &resp,
            ],
            d,
        );
        assert!(ok, "{t}");
        let f = verify(&pki, &pdf, &["--ocsp-response", &resp, "--crl", "root.crl", "--require-revocation"]);
        assert_eq!(f["verdict"], "indeterminate", "{name}: {f:#}");
        assert_eq!(codes(&f), ["TRY_LATER"], "{name}: {f:#}");
        let dt = details(&f);
        assert!(dt.contains("not trusted") && dt.contains("did not authorise"), "{name}: {dt}");
    }
}

#[test]
fn openssl_responder_online_authorised_or_forged() {
    if !peer("openssl") {
        return;
    }
    let (pki, _served) = setup();
    let d = pki.dir.path();
    evil_responder(&pki);
    kyso().current_dir(d).args(["cert", "crl", "--ca", "root", "--out", "root.crl"]).assert().success();
    for (name, rsigner) in [("honest", "ica"), ("forged", "evilocsp")] {
        let port = free_port();
        let url = format!("http://127.0.0.1:{port}");
        signer(&pki, name, Some(&url), None);
        let pdf = sign(&pki, name);
        let child = Command::new("openssl")
            .args(["ocsp", "-index", "ica.index.txt", "-CA", "ica.crt", "-rsigner"])
            .arg(format!("{rsigner}.crt"))
            .arg("-rkey")
            .arg(format!("{rsigner}.key"))
            .args(["-port", &port.to_string(), "-nrequest", "20"])
            .current_dir(d)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl ocsp");
        let _responder = Killed(child);
        // The intermediate's status from the root's CRL; the signer's from openssl (a
        // bare connection probe would hold its one-at-a-time loop: ask until it listens).
        let start = Instant::now();
        let f = loop {
            let f = verify(&pki, &pdf, &["--online", "--crl", "root.crl"]);
            if !details(&f).contains("cannot connect") || start.elapsed() > Duration::from_secs(10) {
                break f;
            }
            std::thread::sleep(Duration::from_millis(200));
        };
        if name == "honest" {
            assert_eq!(f["verdict"], "valid", "{f:#}");
        } else {
            assert_eq!(f["verdict"], "indeterminate", "{f:#}");
            assert_eq!(codes(&f), ["TRY_LATER"], "{f:#}");
            assert!(details(&f).contains("did not authorise"), "{f:#}");
        }
    }
}

/// `kyso pki serve` signs OCSP responses with the CA's own key when the CA has no
/// delegated responder; the CA's keyUsage carries digitalSignature, so pyHanko's
/// ETSI-style validation accepts a B-LT whose DSS holds such a response for the signer
/// (the intermediate's status: the root's CRL — the installed pyHanko finds no revocation
/// information in an OCSP response the trust root signs for an intermediate).
#[test]
fn pyhanko_accepts_ca_signed_ocsp_in_a_kyso_b_lt() {
    if !peer("pyhanko") {
        return;
    }
    let (pki, served) = setup();
    let u = served.url.clone();
    let ocsp = format!("{u}/ocsp");
    let root_crl = format!("{u}/crl/root.crl");
    pki.issue("root", "intermediate", "ica2", &["--key-type", "p256", "--crl-url", &root_crl]);
    pki.issue("ica2", "tsa", "tsa", &["--crl-url", &format!("{u}/crl/ica2.crl")]);
    pki.issue("ica2", "person", "ol", &["--key-type", "p256", "--ocsp-url", &ocsp]);
    let d = pki.dir.path();
    let tsa = format!("{u}/tsa");
    kyso()
        .current_dir(d)
        .args(["sign", "in.pdf", "-o", "ol.pdf", "--key", "ol.key", "--cert", "ol.crt"])
        .args(["--chain", "ica2.crt", "--chain", "root.crt", "--level", "lt", "--tsa", &tsa, "--online"])
        .assert()
        .success();
    let pdf = String::from_utf8_lossy(&std::fs::read(d.join("ol.pdf")).unwrap()).into_owned();
    assert!(pdf.contains("/OCSPs"), "OCSP responses in the DSS");
    drop(served);
    let args = ["sign", "adesverify", "--trust", "root.crt", "--trust-replace", "--pretty-print", "ol.pdf"];
    let (ok, out) = run_peer("pyhanko", &args, d);
    assert!(ok && !out.contains("Validation failed"), "pyHanko adesverify:\n{out}");
    // And kyso, offline, requiring revocation: everything is in the file.
    let f = verify(&pki, "ol.pdf", &["--require-revocation"]);
    assert_eq!(f["verdict"], "valid", "{f:#}");
}
