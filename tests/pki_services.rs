//! The test PKI's services (`kyso pki serve`) and the RFC 3161 / OCSP / CRL clients,
//! against OpenSSL as peer on loopback: `openssl ts -verify` accepts kyso's tokens,
//! `openssl ocsp -url` its responses (POST, and GET-served ones), `openssl crl -verify`
//! its CRLs; kyso's clients accept `openssl ocsp -port` (reading kyso's own CA database)
//! and `openssl ts -reply` answers.

mod common;

use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::peers;
use common::served::Served;
use common::{Pki, kyso, peer, run_peer};
use kyso::pki::alg::DigestAlg;
use kyso::pki::load;
use kyso::revocation::crl::{self, CrlCheck};
use kyso::revocation::ocsp::{self, CertState, FetchOptions, OcspError, ResponderKind};
use kyso::tsp::{self, Imprint, TokenCheck, TspError};
use x509_cert::Certificate;

fn cert(pki: &Pki, name: &str) -> Certificate {
    load::read_certificates(&pki.path(&format!("{name}.crt"))).unwrap().remove(0)
}

/// root → inter → {tsa, ocsp responder, signer (with AIA/CDP to `url`), revoked "bad"}.
fn services_pki() -> Pki {
    let pki = Pki::new();
    pki.issue("inter", "tsa", "tsa", &[]);
    pki.issue("inter", "ocsp", "ocsp", &["--key-type", "p256"]);
    pki.issue("inter", "person", "bad", &["--key-type", "p256"]);
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "revoke", "--ca", "inter", "bad.crt", "--reason", "key-compromise"])
        .assert()
        .success();
    let cas = [pki.path("root.crt"), pki.path("inter.crt")].map(|p| std::fs::read_to_string(p).unwrap()).concat();
    std::fs::write(pki.path("cas.pem"), cas).unwrap();
    pki
}

#[test]
fn serve_port_zero_time_stamps_ocsp_crl_and_clean_shutdown() {
    let pki = services_pki();
    let mut served = Served::start(pki.dir.path(), &[]);
    let url = served.url.clone();
    // Issued while the server runs: the folder is read again.
    pki.issue(
        "inter",
        "person",
        "late",
        &[
            "--key-type",
            "p256",
            "--ocsp-url",
            &format!("{url}/ocsp"),
            "--crl-url",
            &format!("{url}/crl/inter.crl"),
            "--ca-issuers-url",
            &format!("{url}/ca/inter.crt"),
        ],
    );
    let (late, inter, bad, signer) = (cert(&pki, "late"), cert(&pki, "inter"), cert(&pki, "bad"), cert(&pki, "signer"));
    let urls = kyso::revocation::urls::of(&late);
    assert_eq!(urls.ocsp, [format!("{url}/ocsp")]);
    assert_eq!(urls.crl, [format!("{url}/crl/inter.crl")]);
    assert_eq!(urls.ca_issuers, [format!("{url}/ca/inter.crt")]);

    // RFC 3161 through kyso's client: verified, nonce checked.
    let imprint = Imprint::of(DigestAlg::Sha256, b"document");
    let nonce = tsp::new_nonce().unwrap();
    let token = tsp::request(&format!("{url}/tsa"), &imprint, Some(&nonce), Duration::from_secs(5)).unwrap();
    assert!((token.time() - kyso::pki::time::now_unix()).abs() < 60);
    assert_eq!(token.tsa_cert, cert(&pki, "tsa"));
    assert_eq!(token.tst_info.policy, kyso::pki::oids::TSA_TEST_POLICY);
    assert!(token.latest_time() >= token.time());
    assert!(token.certificates.contains(&inter), "certReq: the TSA's chain is embedded");
    // The same token read again, with another nonce: refused.
    let other = tsp::new_nonce().unwrap();
    let check = TokenCheck { imprint: Some(&imprint), nonce: Some(&other), ..TokenCheck::default() };
    assert_eq!(tsp::verify_token(&token.der, &check).unwrap_err(), TspError::NonceMismatch);
    let wrong = Imprint::of(DigestAlg::Sha256, b"another document");
    let check = TokenCheck { imprint: Some(&wrong), ..TokenCheck::default() };
    assert_eq!(tsp::verify_token(&token.der, &check).unwrap_err(), TspError::ImprintMismatch);

    // OCSP through kyso's client, POST and GET; the delegated responder signs.
    let good = ocsp::fetch(&urls.ocsp[0], &late, &inter, Duration::from_secs(5)).unwrap();
    assert_eq!(good.state, CertState::Good);
    assert_eq!(good.responder, ResponderKind::Delegated { nocheck: true });
    assert!(good.nonce_matched);
    assert!(good.next_update.unwrap() > good.this_update);
    let get = FetchOptions { get: true, cert_id_hash: DigestAlg::Sha256, ..FetchOptions::default() };
    let revoked = ocsp::fetch_with(&urls.ocsp[0], &bad, &inter, &get).unwrap();
    assert!(matches!(revoked.state, CertState::Revoked { reason: Some(1), .. }), "{:?}", revoked.state);
    assert_eq!(ocsp::fetch(&urls.ocsp[0], &signer, &inter, Duration::from_secs(5)).unwrap().state, CertState::Good);
    // The root answers for the intermediate itself (no delegated responder of its own).
    let root = cert(&pki, "root");
    let by_ca = ocsp::fetch(&urls.ocsp[0], &inter, &root, Duration::from_secs(5)).unwrap();
    assert_eq!((by_ca.state, by_ca.responder), (CertState::Good, ResponderKind::Ca));

    // CRL from the distribution point.
    let list = crl::fetch(&urls.crl[0], Duration::from_secs(5)).unwrap();
    let list = list.verify(&inter, CrlCheck::at(kyso::pki::time::now_unix())).unwrap();
    assert_eq!(list.status(bad.tbs_certificate().serial_number().as_bytes()).unwrap().reason, Some(1));
    assert!(list.status(late.tbs_certificate().serial_number().as_bytes()).is_none());
    assert!(list.number.is_some());
    assert!(
        kyso::http::client::get(&urls.ca_issuers[0], "*/*", kyso::http::client::Limits::SMALL).unwrap().body.len()
            > 100
    );

    // Clean shutdown on Ctrl-C, with a log line per request.
    let status = served.interrupt();
    assert!(status.success(), "{status:?}");
    std::thread::sleep(Duration::from_millis(200));
    let log = served.log.lock().unwrap().clone();
    assert!(log.contains("tsa: tsa: granted"), "{log}");
    assert!(log.contains(": revoked"), "{log}");
    assert!(log.trim_end().ends_with("Stopped."), "{log}");
}

#[test]
fn openssl_accepts_tokens_ocsp_responses_and_crls() {
    if !peer("openssl") {
        return;
    }
    let pki = services_pki();
    let served = Served::start(pki.dir.path(), &[]);
    let d = pki.dir.path();
    let url = served.url.clone();
    std::fs::write(d.join("data.txt"), b"hello").unwrap();

    // openssl ts -query → kyso's TSA → openssl ts -verify (with the query and with the data)
    let (ok, out) = run_peer("openssl", &["ts", "-query", "-data", "data.txt", "-sha256", "-cert", "-out", "q.tsq"], d);
    assert!(ok, "{out}");
    let q = std::fs::read(d.join("q.tsq")).unwrap();
    let reply = kyso::http::client::post(
        &format!("{url}/tsa"),
        "application/timestamp-query",
        "*/*",
        &q,
        kyso::http::client::Limits::SMALL,
    )
    .unwrap();
    assert_eq!(reply.content_type.as_deref(), Some("application/timestamp-reply"));
    std::fs::write(d.join("r.tsr"), &reply.body).unwrap();
    let (ok, out) = peers::openssl_ts_verify(d, &["-in", "r.tsr", "-queryfile", "q.tsq", "-CAfile", "cas.pem"]);
    assert!(ok && out.contains("Verification: OK"), "{out}");
    let (ok, out) = peers::openssl_ts_verify(d, &["-in", "r.tsr", "-data", "data.txt", "-CAfile", "root.crt"]);
    assert!(ok && out.contains("Verification: OK"), "{out}");
    // Without certReq the token carries no certificate; openssl needs it given.
    let (ok, out) = run_peer("openssl", &["ts", "-query", "-data", "data.txt", "-sha384", "-out", "q2.tsq"], d);
    assert!(ok, "{out}");
    let q2 = std::fs::read(d.join("q2.tsq")).unwrap();
    let reply2 = kyso::http::client::post(
        &format!("{url}/"),
        "application/timestamp-query",
        "*/*",
        &q2,
        kyso::http::client::Limits::SMALL,
    )
    .unwrap();
    std::fs::write(d.join("r2.tsr"), &reply2.body).unwrap();
    let (ok, out) = peers::openssl_ts_verify(
        d,
        &["-in", "r2.tsr", "-queryfile", "q2.tsq", "-CAfile", "cas.pem", "-untrusted", "tsa.crt"],
    );
    assert!(ok && out.contains("Verification: OK"), "{out}");

    // openssl ocsp -url (POST): good and revoked, responses verified by openssl.
    for (c, expect) in [("signer.crt", "signer.crt: good"), ("bad.crt", "bad.crt: revoked")] {
        let (ok, out) = run_peer(
            "openssl",
            &["ocsp", "-issuer", "inter.crt", "-cert", c, "-url", &format!("{url}/ocsp"), "-CAfile", "cas.pem"],
            d,
        );
        assert!(ok && out.contains("Response verify OK") && out.contains(expect), "{out}");
    }
    // GET (RFC 6960 A.1): fetched by kyso, verified by openssl.
    let signer = cert(&pki, "signer");
    let inter = cert(&pki, "inter");
    let req = ocsp::request::build(&signer, &inter, DigestAlg::Sha1, None).unwrap();
    let got = kyso::http::client::get(
        &ocsp::request::get_url(&format!("{url}/ocsp"), &req),
        "application/ocsp-response",
        kyso::http::client::Limits::SMALL,
    )
    .unwrap();
    std::fs::write(d.join("get.ocsp"), &got.body).unwrap();
    let (ok, out) = run_peer(
        "openssl",
        &["ocsp", "-respin", "get.ocsp", "-issuer", "inter.crt", "-cert", "signer.crt", "-CAfile", "cas.pem"],
        d,
    );
    assert!(ok && out.contains("Response verify OK") && out.contains("signer.crt: good"), "{out}");

    // openssl crl -verify: the served CRL and `kyso cert crl` (DER and PEM).
    let served_crl =
        kyso::http::client::get(&format!("{url}/crl/inter.crl"), "*/*", kyso::http::client::Limits::CRL).unwrap();
    std::fs::write(d.join("served.crl"), &served_crl.body).unwrap();
    kyso().current_dir(d).args(["cert", "crl", "--ca", "inter"]).assert().success();
    kyso()
        .current_dir(d)
        .args(["cert", "crl", "--ca", "root", "--out", "root.pem", "--pem", "--days", "30"])
        .assert()
        .success();
    for (file, form, ca) in
        [("served.crl", "DER", "inter.crt"), ("inter.crl", "DER", "inter.crt"), ("root.pem", "PEM", "root.crt")]
    {
        let (ok, out) =
            run_peer("openssl", &["crl", "-in", file, "-inform", form, "-CAfile", ca, "-noout", "-text"], d);
        assert!(ok && out.contains("verify OK"), "{file}: {out}");
    }
    let (_, text) = run_peer("openssl", &["crl", "-in", "inter.crl", "-inform", "DER", "-noout", "-text"], d);
    let bad_serial = hex::encode_upper(cert(&pki, "bad").tbs_certificate().serial_number().as_bytes());
    assert!(text.contains(&bad_serial) && text.contains("Key Compromise"), "{text}");
    // kyso reads openssl's view of the same CRL number sequence: 1 from the server, 2 from the CLI.
    let (_, served_text) =
        run_peer("openssl", &["crl", "-in", "served.crl", "-inform", "DER", "-noout", "-crlnumber"], d);
    let (_, cli_text) = run_peer("openssl", &["crl", "-in", "inter.crl", "-inform", "DER", "-noout", "-crlnumber"], d);
    assert_eq!((served_text.trim(), cli_text.trim()), ("crlNumber=0x01", "crlNumber=0x02"));
}

/// A free loopback port (bound and released; a race with another process is unlikely).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn kyso_accepts_openssl_ocsp_responder_reading_kyso_database() {
    if !peer("openssl") {
        return;
    }
    let pki = services_pki();
    let d = pki.dir.path();
    let port = free_port();
    let mut responder = Command::new("openssl")
        .args(["ocsp", "-port", &port.to_string(), "-index", "inter.index.txt", "-CA", "inter.crt"])
        .args(["-rsigner", "ocsp.crt", "-rkey", "ocsp.key", "-nmin", "10"])
        .current_dir(d)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let (signer, bad, inter) = (cert(&pki, "signer"), cert(&pki, "bad"), cert(&pki, "inter"));
    let start = Instant::now();
    let good = loop {
        match ocsp::fetch(&url, &signer, &inter, Duration::from_secs(3)) {
            Ok(r) => break r,
            Err(OcspError::Http(_)) if start.elapsed() < Duration::from_secs(10) => {
                std::thread::sleep(Duration::from_millis(100))
            }
            Err(e) => panic!("{e}"),
        }
    };
    assert_eq!(good.state, CertState::Good);
    assert_eq!(good.responder, ResponderKind::Delegated { nocheck: true });
    assert!(good.nonce_matched, "openssl echoes the nonce");
    let revoked = ocsp::fetch(&url, &bad, &inter, Duration::from_secs(3)).unwrap();
    let when =
        kyso::pki::cadb::CaDb::load(&pki.path("inter.index.txt")).unwrap().entries.iter().find_map(|e| e.revoked);
    assert_eq!(revoked.state, CertState::Revoked { time: when.unwrap().0, reason: Some(1) });
    let _ = responder.kill();
    let _ = responder.wait();
}

#[test]
fn kyso_accepts_openssl_ts_reply_answers() {
    if !peer("openssl") {
        return;
    }
    let pki = services_pki();
    let d = pki.dir.path().to_path_buf();
    std::fs::write(d.join("tsaserial"), "01\n").unwrap();
    for (name, ess) in [("ts-v2.cnf", "sha256"), ("ts-v1.cnf", "sha1")] {
        std::fs::write(
            d.join(name),
            format!(
                "[ tsa ]\ndefault_tsa = tsa1\n[ tsa1 ]\nserial = {d}/tsaserial\nsigner_cert = {d}/tsa.crt\n\
                 certs = {d}/inter.crt\nsigner_key = {d}/tsa.key\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\n\
                 other_policies = 1.2.3.4.5\ndigests = sha256, sha384, sha512\n\
                 accuracy = secs:1, millisecs:500, microsecs:100\nclock_precision_digits = 3\nordering = yes\n\
                 tsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = {ess}\n",
                d = d.display()
            ),
        )
        .unwrap();
    }
    // A loopback TSA whose answers come from `openssl ts -reply`, driven by kyso's own server.
    let server = kyso::http::server::Server::bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let url = format!("http://{}", server.local_addr());
    let stop = std::sync::atomic::AtomicBool::new(false);
    let config = Mutex::new("ts-v2.cnf");
    std::thread::scope(|s| {
        s.spawn(|| {
            let handle = |r: &kyso::http::server::Request| {
                let dir = tempfile::tempdir_in(&d).unwrap();
                std::fs::write(dir.path().join("q.tsq"), &r.body).unwrap();
                let cnf = d.join(*config.lock().unwrap());
                let out = Command::new("openssl")
                    .args(["ts", "-reply", "-config"])
                    .arg(&cnf)
                    .args(["-queryfile", "q.tsq", "-out", "r.tsr"])
                    .current_dir(dir.path())
                    .output()
                    .unwrap();
                assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                let body = std::fs::read(dir.path().join("r.tsr")).unwrap();
                (kyso::http::server::Response::ok("application/timestamp-reply", body), ())
            };
            server.serve(1, &stop, &handle, &|_, _, _| {});
        });
        for cnf in ["ts-v2.cnf", "ts-v1.cnf"] {
            *config.lock().unwrap() = cnf;
            let imprint = Imprint::of(DigestAlg::Sha384, cnf.as_bytes());
            let nonce = tsp::new_nonce().unwrap();
            let token = tsp::request(&url, &imprint, Some(&nonce), Duration::from_secs(5)).unwrap();
            assert_eq!(token.tsa_cert, cert(&pki, "tsa"), "{cnf}");
            assert_eq!(token.accuracy_nanos(), Some(1_500_100_000), "{cnf}");
            assert!(token.tst_info.ordering);
            assert!(token.latest_time() > token.time());
        }
        // openssl refuses a policy it does not offer; kyso reports the refusal.
        let imprint = Imprint::of(DigestAlg::Sha256, b"x");
        let req =
            tsp::request::build_request(&imprint, None, Some(const_oid::ObjectIdentifier::new_unwrap("1.2.3.4.9")))
                .unwrap();
        let reply = kyso::http::client::post(
            &url,
            "application/timestamp-query",
            "*/*",
            &req,
            kyso::http::client::Limits::SMALL,
        )
        .unwrap();
        let err = tsp::verify_response(&reply.body, &TokenCheck::default()).unwrap_err();
        assert!(matches!(&err, TspError::Rejected { status: 2, text } if text.contains("unacceptedPolicy")), "{err}");
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
    });
}

#[test]
fn unreachable_services_fail_fast_with_a_clear_error() {
    let pki = Pki::new();
    let (signer, inter) = (cert(&pki, "signer"), cert(&pki, "inter"));
    // Nothing listens: refused at once.
    let closed = format!("http://127.0.0.1:{}/ocsp", free_port());
    let e = ocsp::fetch(&closed, &signer, &inter, Duration::from_secs(3)).unwrap_err();
    assert!(matches!(e, OcspError::Http(kyso::http::HttpError::Connect { .. })), "{e}");
    assert!(e.to_string().contains(&closed), "{e}");
    // Accepts and never answers: a timeout, not a hang.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", silent.local_addr().unwrap());
    let start = Instant::now();
    let e = ocsp::fetch(&url, &signer, &inter, Duration::from_secs(2)).unwrap_err();
    assert!(matches!(e, OcspError::Http(kyso::http::HttpError::Timeout { secs: 2, .. })), "{e}");
    let e = tsp::request(&url, &Imprint::of(DigestAlg::Sha256, b"x"), None, Duration::from_secs(2)).unwrap_err();
    assert!(matches!(e, TspError::Http(kyso::http::HttpError::Timeout { .. })), "{e}");
    let e = crl::fetch(&url, Duration::from_secs(2)).unwrap_err();
    assert!(matches!(e, crl::CrlError::Http(kyso::http::HttpError::Timeout { .. })), "{e}");
    assert!(start.elapsed() < Duration::from_secs(12), "{:?}", start.elapsed());
    assert!(e.to_string().contains("no answer within 2 s"), "{e}");
    drop(silent);
}

#[test]
fn serve_refuses_non_loopback_and_folders_without_a_ca() {
    let pki = Pki::new();
    kyso()
        .args(["pki", "serve", &pki.p(""), "--listen", "0.0.0.0:0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a loopback address"));
    let empty = tempfile::tempdir().unwrap();
    kyso()
        .args(["pki", "serve"])
        .arg(empty.path())
        .args(["--listen", "127.0.0.1:0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no CA certificate"));
    kyso()
        .args(["--format", "json", "pki", "serve", &pki.p(""), "--listen", "10.0.0.1:80"])
        .assert()
        .code(2)
        .stdout(predicates::str::contains("\"NOT_LOOPBACK\""));
}
