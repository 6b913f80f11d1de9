//! The OCSP, CRL and time-stamp checks on crafted answers: forged (responder not
//! authorised), stale, from the future, for another certificate, tampered; TSA
//! certificates that may not time-stamp.

mod common;

use common::{Pki, kyso};
use kyso::pki::alg::DigestAlg;
use kyso::pki::cadb::CaDb;
use kyso::pki::key::PrivateKey;
use kyso::pki::load;
use kyso::pki::time::{GenTime, now_unix};
use kyso::revocation::crl::{self, CrlCheck, CrlError, CrlParams};
use kyso::revocation::ocsp::responder::{self, Authority};
use kyso::revocation::ocsp::{self, CertState, OcspCheck, OcspError};
use kyso::tsp::asn1::Accuracy;
use kyso::tsp::responder::Tsa;
use kyso::tsp::{Imprint, TokenCheck, TspError};
use x509_cert::Certificate;

fn cert(pki: &Pki, name: &str) -> Certificate {
    load::read_certificates(&pki.path(&format!("{name}.crt"))).unwrap().remove(0)
}

fn key(pki: &Pki, name: &str) -> PrivateKey {
    load::read_key(&pki.path(&format!("{name}.key")), None).unwrap()
}

fn pki() -> Pki {
    let pki = Pki::new();
    for (ca, profile, name) in
        [("inter", "ocsp", "ocsp"), ("root", "ocsp", "root-ocsp"), ("inter", "tsa", "tsa"), ("inter", "person", "bad")]
    {
        pki.issue(ca, profile, name, &["--key-type", "p256"]);
    }
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "revoke", "--ca", "inter", "bad.crt", "--reason", "superseded", "--time", "2026-01-02"])
        .assert()
        .success();
    pki
}

/// An OCSP response about `subject` (issued by inter), signed by `signer_name`.
fn response(pki: &Pki, subject: &Certificate, signer_name: &str, validity: i64, now: i64) -> Vec<u8> {
    let inter = cert(pki, "inter");
    let db = CaDb::load(&pki.path("inter.index.txt")).unwrap();
    let (scert, skey) = (cert(pki, signer_name), key(pki, signer_name));
    let auth = Authority { ca: &inter, db: &db, signer_cert: &scert, signer: &skey, validity };
    let id = ocsp::cert_id(subject, &inter, DigestAlg::Sha1).unwrap();
    responder::sign_response(&auth, vec![id], None, now).unwrap()
}

#[test]
fn ocsp_responder_must_be_authorised_by_the_ca() {
    let pki = pki();
    let (signer, inter) = (cert(&pki, "signer"), cert(&pki, "inter"));
    let now = now_unix();
    let check = OcspCheck::at(now);

    let ok = ocsp::verify(&response(&pki, &signer, "ocsp", 3600, now), &signer, &inter, &check).unwrap();
    assert_eq!(ok.state, CertState::Good);
    let by_ca = ocsp::verify(&response(&pki, &signer, "inter", 3600, now), &signer, &inter, &check).unwrap();
    assert_eq!(by_ca.responder, ocsp::ResponderKind::Ca);

    // Issued by the CA but without id-kp-OCSPSigning (the TSA).
    let e = ocsp::verify(&response(&pki, &signer, "tsa", 3600, now), &signer, &inter, &check).unwrap_err();
    assert!(matches!(&e, OcspError::NotAuthorised(d) if d.contains("OCSPSigning")), "{e}");
    // An OCSP signer of another CA (the root's).
    let e = ocsp::verify(&response(&pki, &signer, "root-ocsp", 3600, now), &signer, &inter, &check).unwrap_err();
    assert!(matches!(&e, OcspError::NotAuthorised(d) if d.contains("not issued by")), "{e}");
    // A look-alike CA: same name as the intermediate, its own key, its own "responder".
    let fake = tempfile::tempdir().unwrap();
    kyso()
        .current_dir(fake.path())
        .args(["cert", "ca", "--subject", "CN=Kyso Test Sub CA,O=Kyso,C=VN", "--out", "inter", "--key-type", "p256"])
        .assert()
        .success();
    kyso()
        .current_dir(fake.path())
        .args(["cert", "issue", "--ca", "inter", "--profile", "ocsp", "--subject", "CN=Evil OCSP,C=VN"])
        .args(["--out", "evil", "--key-type", "p256"])
        .assert()
        .success();
    let evil_cert = load::read_certificates(&fake.path().join("evil.crt")).unwrap().remove(0);
    let evil_key = load::read_key(&fake.path().join("evil.key"), None).unwrap();
    let db = CaDb::load(&pki.path("inter.index.txt")).unwrap();
    let auth = Authority { ca: &inter, db: &db, signer_cert: &evil_cert, signer: &evil_key, validity: 3600 };
    let forged =
        responder::sign_response(&auth, vec![ocsp::cert_id(&signer, &inter, DigestAlg::Sha1).unwrap()], None, now)
            .unwrap();
    let e = ocsp::verify(&forged, &signer, &inter, &check).unwrap_err();
    assert!(matches!(e, OcspError::NotAuthorised(_)), "{e}");
    // Even when the look-alike's certificate is offered as an extra certificate.
    let with_extra = OcspCheck { extra_certs: std::slice::from_ref(&evil_cert), ..OcspCheck::at(now) };
    assert!(matches!(ocsp::verify(&forged, &signer, &inter, &with_extra), Err(OcspError::NotAuthorised(_))));

    // A changed byte in the signed data.
    let mut tampered = response(&pki, &signer, "ocsp", 3600, now);
    let pos = tampered.windows(4).position(|w| w == [0x18, 0x0f, b'2', b'0']).unwrap() + 5;
    tampered[pos] ^= 0x01;
    let e = ocsp::verify(&tampered, &signer, &inter, &check).unwrap_err();
    assert!(matches!(e, OcspError::BadSignature | OcspError::Malformed(_)), "{e}");
}

#[test]
fn ocsp_freshness_certid_and_status() {
    let pki = pki();
    let (signer, inter, bad) = (cert(&pki, "signer"), cert(&pki, "inter"), cert(&pki, "bad"));
    let now = now_unix();
    let resp = response(&pki, &signer, "ocsp", 3600, now);
    // Stale: nextUpdate past (beyond the clock skew).
    let e = ocsp::verify(&resp, &signer, &inter, &OcspCheck::at(now + 2 * 3600)).unwrap_err();
    assert!(matches!(e, OcspError::Stale { .. }), "{e}");
    assert!(e.to_string().contains("stale"), "{e}");
    // From the future.
    let e = ocsp::verify(&resp, &signer, &inter, &OcspCheck::at(now - 3600)).unwrap_err();
    assert!(matches!(e, OcspError::NotYetValid { .. }), "{e}");
    // About another certificate.
    let e = ocsp::verify(&resp, &bad, &inter, &OcspCheck::at(now)).unwrap_err();
    assert_eq!(e, OcspError::NoMatchingResponse);
    // A nonce was sent and another came back.
    let db = CaDb::load(&pki.path("inter.index.txt")).unwrap();
    let (ocert, okey) = (cert(&pki, "ocsp"), key(&pki, "ocsp"));
    let auth = Authority { ca: &inter, db: &db, signer_cert: &ocert, signer: &okey, validity: 3600 };
    let id = ocsp::cert_id(&signer, &inter, DigestAlg::Sha256).unwrap();
    let echoed = ocsp::request::nonce_extension(&[7u8; 16]).unwrap();
    let with_nonce = responder::sign_response(&auth, vec![id], Some(echoed), now).unwrap();
    let sent = [8u8; 16];
    let check = OcspCheck { nonce: Some(&sent), ..OcspCheck::at(now) };
    assert_eq!(ocsp::verify(&with_nonce, &signer, &inter, &check).unwrap_err(), OcspError::NonceMismatch);
    let same = [7u8; 16];
    let check = OcspCheck { nonce: Some(&same), ..OcspCheck::at(now) };
    assert!(ocsp::verify(&with_nonce, &signer, &inter, &check).unwrap().nonce_matched);
    // Revoked, with its time and reason from the database.
    let r = ocsp::verify(&response(&pki, &bad, "ocsp", 3600, now), &bad, &inter, &OcspCheck::at(now)).unwrap();
    let when = kyso::pki::time::parse_user_time("2026-01-02").unwrap();
    assert_eq!(r.state, CertState::Revoked { time: when, reason: Some(4) });
    // A certificate the CA never recorded (issued with --ca-cert/--ca-key): unknown.
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "issue", "--ca-cert", "inter.crt", "--ca-key", "inter.key", "--profile", "person"])
        .args(["--subject", "CN=Unrecorded,C=VN", "--out", "unrecorded", "--key-type", "p256"])
        .assert()
        .success();
    let unrecorded = cert(&pki, "unrecorded");
    let unknown =
        ocsp::verify(&response(&pki, &unrecorded, "ocsp", 3600, now), &unrecorded, &inter, &OcspCheck::at(now))
            .unwrap();
    assert_eq!(unknown.state, CertState::Unknown);
    // Asking a CA's responder about another CA's certificate: "unauthorized".
    let req = ocsp::request::build(&inter, &cert(&pki, "root"), DigestAlg::Sha1, None).unwrap();
    let answer = responder::respond(&req, &[auth], now);
    let e = ocsp::verify(&answer, &inter, &cert(&pki, "root"), &OcspCheck::at(now)).unwrap_err();
    assert_eq!(e, OcspError::Status("unauthorized"));
    assert_eq!(
        ocsp::verify(&responder::respond(b"\x30\x00", &[], now), &signer, &inter, &OcspCheck::at(now)).unwrap_err(),
        OcspError::Status("malformedRequest")
    );
}

#[test]
fn crl_checks() {
    let pki = pki();
    let (inter, root, bad) = (cert(&pki, "inter"), cert(&pki, "root"), cert(&pki, "bad"));
    let db = CaDb::load(&pki.path("inter.index.txt")).unwrap();
    let now = now_unix();
    let params = CrlParams { this_update: now, next_update: now + 3600, number: vec![0x80, 1] };
    let der = crl::build(&inter, &key(&pki, "inter"), &db, &params).unwrap();
    let parsed = crl::parse(&der).unwrap();
    let ok = parsed.verify(&inter, CrlCheck::at(now)).unwrap();
    assert_eq!(ok.len(), 1);
    assert_eq!(ok.number.as_deref(), Some("8001"));
    assert_eq!(ok.status(bad.tbs_certificate().serial_number().as_bytes()).unwrap().reason, Some(4));
    assert!(ok.covers(&bad));
    // PEM reads the same.
    let pem = crl::to_pem(&der).unwrap();
    assert_eq!(crl::parse(pem.as_bytes()).unwrap().der, der);
    // Stale, from the future, wrong issuer, tampered.
    assert!(matches!(parsed.verify(&inter, CrlCheck::at(now + 7200)), Err(CrlError::Stale { .. })));
    assert!(matches!(parsed.verify(&inter, CrlCheck::at(now - 7200)), Err(CrlError::NotYetValid { .. })));
    assert!(matches!(parsed.verify(&root, CrlCheck::at(now)), Err(CrlError::WrongIssuer { .. })));
    let mut bytes = der.clone();
    let n = bytes.len();
    bytes[n - 10] ^= 0xff;
    assert_eq!(crl::parse(&bytes).unwrap().verify(&inter, CrlCheck::at(now)).unwrap_err(), CrlError::BadSignature);
    // A signer's certificate may not sign CRLs (no cRLSign).
    let signed_by_leaf = crl::build(&cert(&pki, "tsa"), &key(&pki, "tsa"), &db, &params).unwrap();
    assert!(matches!(
        crl::parse(&signed_by_leaf).unwrap().verify(&cert(&pki, "tsa"), CrlCheck::at(now)),
        Err(CrlError::NotAuthorised(_))
    ));
    assert!(crl::parse(b"garbage").is_err());
}

#[test]
fn tsa_certificate_must_be_for_time_stamping() {
    let pki = pki();
    let make = |name: &str, chain: Vec<Certificate>| Tsa {
        cert: cert(&pki, name),
        chain,
        signer: Box::new(key(&pki, name)),
        policy: kyso::pki::oids::TSA_TEST_POLICY,
        digest: DigestAlg::Sha256,
        accuracy: Accuracy { seconds: None, millis: Some(500), micros: None },
    };
    let imprint = Imprint::of(DigestAlg::Sha256, b"data");
    let req = kyso::tsp::request::build_request(&imprint, Some(&[1, 2, 3]), None).unwrap();
    let check = TokenCheck { imprint: Some(&imprint), nonce: Some(&[1, 2, 3]), ..TokenCheck::default() };
    let now = GenTime::now();

    let good = make("tsa", vec![cert(&pki, "inter")]);
    let token = kyso::tsp::verify_response(&good.respond(&req, now), &check).unwrap();
    assert_eq!(token.gen_time, now);
    assert_eq!(token.accuracy_nanos(), Some(500_000_000));
    assert!(token.warnings.is_empty());

    // A person's certificate: no id-kp-timeStamping.
    let person = make("signer", vec![]);
    let e = kyso::tsp::verify_response(&person.respond(&req, now), &check).unwrap_err();
    assert!(matches!(&e, TspError::TsaCertificate(d) if d.contains("timeStamping")), "{e}");
    // An OCSP responder's certificate: EKU present, but not time-stamping.
    let e = kyso::tsp::verify_response(&make("ocsp", vec![]).respond(&req, now), &check).unwrap_err();
    assert!(matches!(e, TspError::TsaCertificate(_)), "{e}");
    // genTime outside the TSA certificate's validity.
    let later = GenTime::from_unix(now.unix + 400 * 86_400);
    let e = kyso::tsp::verify_response(&good.respond(&req, later), &check).unwrap_err();
    assert!(matches!(&e, TspError::TsaCertificate(d) if d.contains("valid from")), "{e}");
    // A SHA-1 imprint is refused by kyso's TSA (badAlg).
    let sha1 = Imprint::of(DigestAlg::Sha1, b"data");
    let req1 = kyso::tsp::request::build_request(&sha1, None, None).unwrap();
    let e = kyso::tsp::verify_response(&good.respond(&req1, now), &TokenCheck::default()).unwrap_err();
    assert!(matches!(&e, TspError::Rejected { text, .. } if text.contains("badAlg")), "{e}");
    // A token whose TSTInfo was changed after signing.
    let resp = good.respond(&req, now);
    let mut bad = resp.clone();
    let pos = bad.windows(3).position(|w| w == [0x02, 0x03, 0x01]).expect("the nonce 010203") + 2;
    bad[pos] = 0x09;
    let e = kyso::tsp::verify_response(&bad, &TokenCheck::default()).unwrap_err();
    assert!(matches!(&e, TspError::SignedAttributes(d) if d.contains("messageDigest")), "{e}");
}

#[test]
fn revoke_and_crl_from_the_command_line() {
    let pki = Pki::new();
    let d = pki.dir.path();
    pki.issue("inter", "person", "a", &["--key-type", "p256"]);
    // Recorded by its CA; the root recorded the intermediate.
    let inter_db = std::fs::read_to_string(pki.path("inter.index.txt")).unwrap();
    assert_eq!(inter_db.lines().count(), 2, "{inter_db}");
    assert!(inter_db.lines().all(|l| l.starts_with("V\t")));
    assert_eq!(std::fs::read_to_string(pki.path("root.index.txt")).unwrap().lines().count(), 1);
    assert_eq!(std::fs::read_to_string(pki.path("inter.index.txt.attr")).unwrap(), "unique_subject = no\n");

    // Not issued by this CA / in the future / unknown serial: refused, nothing changed.
    kyso()
        .current_dir(d)
        .args(["cert", "revoke", "--ca", "root", "a.crt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("was not issued by"));
    kyso()
        .current_dir(d)
        .args(["cert", "revoke", "--ca", "inter", "a.crt", "--time", "2999-01-01"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("future"));
    kyso()
        .current_dir(d)
        .args(["cert", "revoke", "--ca", "inter", "--serial", "0badc0de"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not in this CA's database"));
    assert_eq!(std::fs::read_to_string(pki.path("inter.index.txt")).unwrap(), inter_db);

    // By serial, with a reason and a time; JSON for scripts; again: the first revocation stands.
    let a = cert(&pki, "a");
    let serial = hex::encode(a.tbs_certificate().serial_number().as_bytes());
    let out = kyso()
        .current_dir(d)
        .args(["--format", "json", "cert", "revoke", "--ca", "inter", "--serial", &serial])
        .args(["--reason", "ca-compromise", "--time", "2026-03-01T08:00:00+07:00"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["revoked"]["reason"], "cACompromise");
    assert_eq!(v["revoked"]["time"], "2026-03-01T01:00:00Z");
    assert_eq!(v["revoked"]["already_revoked"], false);
    kyso()
        .current_dir(d)
        .args(["cert", "revoke", "--ca", "inter", "a.crt", "--reason", "superseded"])
        .assert()
        .success()
        .stdout(predicates::str::contains("already revoked"));
    let line = std::fs::read_to_string(pki.path("inter.index.txt")).unwrap();
    assert!(line.contains("R\t") && line.contains("260301010000Z,CACompromise"), "{line}");

    // The CRL: PREFIX.crl replaced freely, another file only with --force.
    kyso().current_dir(d).args(["cert", "crl", "--ca", "inter"]).assert().success();
    kyso().current_dir(d).args(["cert", "crl", "--ca", "inter"]).assert().success();
    let list = crl::parse(&std::fs::read(pki.path("inter.crl")).unwrap()).unwrap();
    let list = list.verify(&cert(&pki, "inter"), CrlCheck::at(now_unix())).unwrap();
    assert_eq!(list.number.as_deref(), Some("02"));
    assert_eq!(list.status(a.tbs_certificate().serial_number().as_bytes()).unwrap().reason, Some(2));
    std::fs::write(pki.path("other.crl"), b"keep").unwrap();
    kyso().current_dir(d).args(["cert", "crl", "--ca", "inter", "-o", "other.crl"]).assert().code(2);
    assert_eq!(std::fs::read(pki.path("other.crl")).unwrap(), b"keep");
    kyso().current_dir(d).args(["cert", "crl", "--ca", "inter", "-o", "other.crl", "--force"]).assert().success();
}

#[test]
fn openssl_ca_reads_the_kyso_database_and_kyso_reads_its_crls() {
    if !common::peer("openssl") {
        return;
    }
    let pki = pki();
    let d = pki.dir.path();
    let inter = cert(&pki, "inter");
    // v2 with reason codes, from kyso's own index.
    std::fs::write(
        d.join("ca.cnf"),
        "[ ca ]\ndefault_ca = c\n[ c ]\ndatabase = ./inter.index.txt\ncertificate = ./inter.crt\n\
         private_key = ./inter.key\ndefault_md = sha256\ndefault_crl_days = 7\n",
    )
    .unwrap();
    let (ok, out) = common::run_peer("openssl", &["ca", "-gencrl", "-config", "ca.cnf", "-out", "v2.pem"], d);
    assert!(ok, "{out}");
    let list = crl::parse(&std::fs::read(d.join("v2.pem")).unwrap()).unwrap();
    let list = list.verify(&inter, CrlCheck::at(now_unix())).unwrap();
    let bad = cert(&pki, "bad");
    let when = kyso::pki::time::parse_user_time("2026-01-02").unwrap();
    assert_eq!(
        list.status(bad.tbs_certificate().serial_number().as_bytes()),
        Some(crl::Revoked { time: when, reason: Some(4) })
    );
    // v1 (no version field, no extensions): an entry without a reason.
    std::fs::write(d.join("v1.index.txt"), "R\t301231000000Z\t260102000000Z\t05\tunknown\tCN=X\n").unwrap();
    let cnf = std::fs::read_to_string(d.join("ca.cnf")).unwrap().replace("inter.index.txt", "v1.index.txt");
    std::fs::write(d.join("v1.cnf"), cnf).unwrap();
    let (ok, out) = common::run_peer("openssl", &["ca", "-gencrl", "-config", "v1.cnf", "-out", "v1.pem"], d);
    assert!(ok, "{out}");
    let v1 = crl::parse(&std::fs::read(d.join("v1.pem")).unwrap()).unwrap();
    assert_eq!(v1.tbs.version, None);
    let v1 = v1.verify(&inter, CrlCheck::at(now_unix())).unwrap();
    assert_eq!(v1.status(&[5]), Some(crl::Revoked { time: when, reason: None }));
    assert_eq!(v1.number, None);
}
