//! Signing at a level (B-T, B-LT, B-LTA), document time-stamps and `kyso extend`, with
//! `kyso pki serve` on loopback as TSA, OCSP responder and CRL/caIssuers server (real
//! HTTP, no mocks). Peers: pyHanko (`sign validate`, `sign adesverify` with the test
//! root trusted and the server stopped, its certificate validator on the DSS alone), `openssl ts -verify` on the
//! signature-time-stamp token taken out of kyso's CMS, `openssl cms -verify`, pdfsig.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::peers;
use common::served::Served;
use common::{Pki, kyso, peer, run_peer};
use der::Encode;
use serde_json::Value;

/// root → ca → {tsa, lt signer: status by CRL; ol signer, revoked "gone": by OCSP,
/// with a delegated responder}, all naming the running server in their AIA/CDP.
///
/// The CRL signers are what pyHanko's AdES validation judges offline: it finds no usable
/// revocation data in OCSP answers from `kyso pki serve` — the same for pyHanko's own
/// B-LT/B-LTA files made against that server — while its certificate validator accepts
/// them from the DSS (checked on "ol").
fn lt_pki() -> (Pki, Served) {
    let pki = Pki::new();
    let served = Served::start(pki.dir.path(), &[]);
    let u = served.url.clone();
    let crl = |ca: &str, extra: &[&str]| -> Vec<String> {
        let mut v = vec![
            "--crl-url".to_string(),
            format!("{u}/crl/{ca}.crl"),
            "--ca-issuers-url".to_string(),
            format!("{u}/ca/{ca}.crt"),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let ocsp = |ca: &str, extra: &[&str]| -> Vec<String> {
        let mut v = vec!["--ocsp-url".to_string(), format!("{u}/ocsp")];
        v.extend(crl(ca, extra));
        v
    };
    let issue = |ca: &str, profile: &str, out: &str, extra: Vec<String>| {
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        pki.issue(ca, profile, out, &extra);
    };
    issue("root", "intermediate", "ca", crl("root", &["--key-type", "p256"]));
    issue("ca", "ocsp", "responder", vec!["--key-type".into(), "p256".into()]);
    issue("ca", "tsa", "tsa", crl("ca", &[]));
    issue("ca", "person", "lt", crl("ca", &["--key-type", "p256"]));
    issue("ca", "person", "ol", ocsp("ca", &["--key-type", "p256"]));
    issue("ca", "person", "gone", ocsp("ca", &["--key-type", "p256"]));
    kyso()
        .current_dir(pki.dir.path())
        .args(["cert", "revoke", "--ca", "ca", "gone.crt", "--reason", "key-compromise"])
        .assert()
        .success();
    let cas = [pki.path("root.crt"), pki.path("ca.crt")].map(|p| std::fs::read_to_string(p).unwrap()).concat();
    std::fs::write(pki.path("cas.pem"), cas).unwrap();
    std::fs::write(pki.path("in.pdf"), common::minimal_pdf("Hồ sơ lưu trữ")).unwrap();
    std::fs::write(pki.path("data.txt"), b"a contract").unwrap();
    (pki, served)
}

fn sign(d: &Path, signer: &str, input: &str, output: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    kyso()
        .current_dir(d)
        .args(["sign", input, "-o", output, "--key", &format!("{signer}.key"), "--cert", &format!("{signer}.crt")])
        .args(["--chain", "ca.crt"])
        .args(extra)
        .assert()
}

fn json_of(a: &assert_cmd::assert::Assert) -> Value {
    serde_json::from_slice(&a.get_output().stdout).unwrap_or(Value::Null)
}

/// The signature-time-stamp token of the first SignerInfo of a CMS (DER), and the
/// signature value it covers.
fn token_of(cms: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let sd = kyso::cms::parse::parse(cms).unwrap();
    let si = &sd.signers[0];
    let attr = si.unsigned_attrs.iter().find(|a| a.oid == kyso::pki::oids::ATTR_TIMESTAMP_TOKEN).expect("token");
    (attr.values.iter().next().unwrap().to_der().unwrap(), si.signature.clone())
}

fn pdf_cms(pdf: &[u8], index: usize) -> Vec<u8> {
    let reader = kyso::pdf::PdfReader::open(pdf).unwrap();
    let sigs = kyso::pdf::find_signatures(&reader).unwrap();
    sigs[index].contents.clone().unwrap()
}

#[test]
fn level_t_pades_and_cades_time_stamps_that_peers_accept() {
    let (pki, served) = lt_pki();
    let d = pki.dir.path();
    let tsa = format!("{}/tsa", served.url);
    let a =
        sign(d, "lt", "in.pdf", "t.pdf", &["--format", "json", "--level", "t", "--tsa", &tsa, "--tsa-cert", "tsa.crt"])
            .success();
    assert_eq!(json_of(&a)["signed"][0]["level"], "B-T");
    // --tsa alone means level T; CAdES detached and attached.
    sign(d, "lt", "data.txt", "data.txt.p7s", &["--tsa", &tsa]).success();
    sign(d, "lt", "data.txt", "data.txt.p7m", &["--attached", "--tsa", &tsa]).success();

    for (file, cms) in [
        ("t.pdf", pdf_cms(&std::fs::read(d.join("t.pdf")).unwrap(), 0)),
        ("data.txt.p7s", std::fs::read(d.join("data.txt.p7s")).unwrap()),
        ("data.txt.p7m", std::fs::read(d.join("data.txt.p7m")).unwrap()),
    ] {
        let (token, signature) = token_of(&cms);
        // The token covers the signature value and carries a verified TSA signature.
        let imprint = kyso::tsp::Imprint::of(kyso::pki::alg::DigestAlg::Sha256, &signature);
        let check = kyso::tsp::TokenCheck { imprint: Some(&imprint), ..Default::default() };
        let t = kyso::tsp::verify_token(&token, &check).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(t.tsa_cert, kyso::pki::load::read_certificates(&pki.path("tsa.crt")).unwrap()[0]);
        if peer("openssl") {
            std::fs::write(d.join("token.der"), &token).unwrap();
            let digest = hex::encode(&imprint.hash);
            let (ok, out) = peers::openssl_ts_verify(
                d,
                &["-in", "token.der", "-token_in", "-digest", &digest, "-CAfile", "cas.pem"],
            );
            assert!(ok && out.contains("Verification: OK"), "openssl ts -verify on {file}'s token:\n{out}");
        }
    }
    if peer("openssl") {
        let (ok, out) = peers::openssl_cms_verify_detached(
            d,
            "DER",
            "data.txt.p7s",
            "data.txt",
            &["-CAfile", "cas.pem", "-purpose", "any", "-out", "/dev/null"],
        );
        assert!(ok, "openssl cms -verify:\n{out}");
    }
    if peer("pdfsig") {
        let (_, out) = peers::pdfsig(d, &["t.pdf"]);
        assert!(out.contains("Signature is Valid."), "pdfsig:\n{out}");
    }
    if peer("pyhanko") {
        let (_, out) = peers::pyhanko_validate(d, "root.crt", "t.pdf", &[]);
        assert!(out.contains("The signature is judged VALID"), "pyHanko:\n{out}");
        assert!(out.to_lowercase().contains("timestamp"), "pyHanko reports the time-stamp:\n{out}");
        assert!(!out.contains("INVALID") && !out.contains("untrusted"), "pyHanko:\n{out}");
    }
}

#[test]
fn document_time_stamp_that_pyhanko_validates() {
    let (pki, served) = lt_pki();
    let d = pki.dir.path();
    let tsa = format!("{}/tsa", served.url);
    sign(d, "lt", "in.pdf", "b.pdf", &[]).success();
    let a = kyso().current_dir(d).args(["--format", "json", "timestamp", "b.pdf", "--tsa", &tsa]).assert().success();
    let v = json_of(&a);
    assert_eq!(v["timestamped"][0]["output"], "b.timestamped.pdf");
    let out = std::fs::read(d.join("b.timestamped.pdf")).unwrap();
    assert!(out.starts_with(&std::fs::read(d.join("b.pdf")).unwrap()), "an incremental update");
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("/Type /DocTimeStamp") && text.contains("/SubFilter /ETSI.RFC3161"));
    // Once more: refused without --force, accepted with it.
    kyso().current_dir(d).args(["timestamp", "b.pdf", "--tsa", &tsa]).assert().failure();
    // Without a TSA: a usage error.
    kyso().current_dir(d).args(["timestamp", "b.pdf", "-o", "x.pdf"]).assert().failure();
    if peer("pyhanko") {
        let (_, out) = peers::pyhanko_validate(d, "root.crt", "b.timestamped.pdf", &[]);
        assert!(out.contains("The signature is judged VALID"), "pyHanko:\n{out}");
        let py = "from pyhanko.pdf_utils.reader import PdfFileReader\n\
             from pyhanko.sign.validation import validate_pdf_timestamp\n\
             from pyhanko_certvalidator import ValidationContext\n\
             from pyhanko.keys import load_cert_from_pemder\n\
             r = PdfFileReader(open('b.timestamped.pdf', 'rb'))\n\
             ts = r.embedded_timestamp_signatures[0]\n\
             st = validate_pdf_timestamp(ts, validation_context=ValidationContext(trust_roots=[load_cert_from_pemder('root.crt')]))\n\
             print('TS', st.valid, st.intact, st.trusted, st.timestamp)\n";
        let (ok, out) = run_peer("python3", &["-c", py], d);
        assert!(ok && out.contains("TS True True True"), "pyHanko validate_pdf_timestamp:\n{out}");
    }
}

/// pyHanko's certificate validator with only the document's DSS as revocation source
/// (no fetching, revocation required): the signer's chain validates.
const DSS_ONLY: &str = "import sys, asyncio\n\
from pyhanko.pdf_utils.reader import PdfFileReader\n\
from pyhanko.sign.validation.dss import DocumentSecurityStore\n\
from pyhanko_certvalidator import CertificateValidator\n\
from pyhanko.keys import load_cert_from_pemder\n\
r = PdfFileReader(open(sys.argv[1], 'rb'))\n\
signer = r.embedded_regular_signatures[0].signer_cert\n\
vc = DocumentSecurityStore.read_dss(r).as_validation_context(\n\
    {'trust_roots': [load_cert_from_pemder('root.crt')], 'allow_fetching': False, 'revocation_mode': 'require'})\n\
asyncio.run(CertificateValidator(signer, validation_context=vc).async_validate_usage(set()))\n\
print('DSS-ONLY OK')\n";

fn adesverify(d: &Path, file: &str) -> (bool, String) {
    let (ok, out) = peers::pyhanko_adesverify(d, "root.crt", file);
    (ok && !out.contains("Validation failed"), out)
}

#[test]
fn levels_lt_and_lta_that_pyhanko_accepts_offline() {
    let (pki, mut served) = lt_pki();
    let d = pki.dir.path();
    let tsa = format!("{}/tsa", served.url);
    let a =
        sign(d, "lt", "in.pdf", "lt.pdf", &["--format", "json", "--level", "lt", "--tsa", &tsa, "--online"]).success();
    assert_eq!(json_of(&a)["signed"][0]["level"], "B-LT");
    sign(d, "lt", "in.pdf", "lta.pdf", &["--level", "lta", "--tsa", &tsa, "--online"]).success();
    sign(d, "ol", "in.pdf", "ol.pdf", &["--level", "lt", "--tsa", &tsa, "--online"]).success();
    let lt = String::from_utf8_lossy(&std::fs::read(d.join("lt.pdf")).unwrap()).into_owned();
    assert!(lt.contains("/DSS") && lt.contains("/CRLs") && lt.contains("/VRI"), "a DSS with CRLs and VRI");
    let ol = String::from_utf8_lossy(&std::fs::read(d.join("ol.pdf")).unwrap()).into_owned();
    assert!(ol.contains("/OCSPs") && ol.contains("/CRLs"), "OCSP for the signer, the root's CRL for the CA");
    let lta = String::from_utf8_lossy(&std::fs::read(d.join("lta.pdf")).unwrap()).into_owned();
    assert!(lta.contains("/DSS") && lta.contains("/ETSI.RFC3161"));
    // Revocation data is missing without --online (and the error says how to get it).
    let a = sign(d, "lt", "in.pdf", "x.pdf", &["--format", "json", "--level", "lt", "--tsa", &tsa]).failure();
    let err =
        String::from_utf8_lossy(&a.get_output().stderr).into_owned() + &String::from_utf8_lossy(&a.get_output().stdout);
    assert!(err.contains("REVOCATION_DATA") && err.contains("--online"), "{err}");
    // A revoked signer gets no long-term signature.
    let a = sign(d, "gone", "in.pdf", "x.pdf", &["--level", "lt", "--tsa", &tsa, "--online"]).failure();
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("revoked"), "{err}");
    assert!(!d.join("x.pdf").exists());
    // Level T and above need a TSA.
    sign(d, "lt", "in.pdf", "x.pdf", &["--level", "t"]).failure();

    // Peers judge without the network: everything they need is in the document.
    served.stop();
    if peer("pdfsig") {
        for f in ["lt.pdf", "lta.pdf"] {
            let (_, out) = peers::pdfsig(d, &[f]);
            assert!(out.contains("Signature is Valid."), "pdfsig on {f}:\n{out}");
        }
    }
    if peer("pyhanko") {
        // ol.pdf: OCSP for the signer (from the delegated responder); a CA-signed one is
        // in tests/ltv_online.rs.
        for f in ["lt.pdf", "lta.pdf", "ol.pdf"] {
            let (ok, out) = adesverify(d, f);
            assert!(ok, "pyHanko adesverify on {f}:\n{out}");
        }
        for f in ["lt.pdf", "ol.pdf"] {
            let (ok, out) = run_peer("python3", &["-c", DSS_ONLY, f], d);
            assert!(ok && out.contains("DSS-ONLY OK"), "pyHanko certvalidator from the DSS of {f}:\n{out}");
        }
    }
}

#[test]
fn extend_raises_kyso_and_pyhanko_signatures() {
    let (pki, served) = lt_pki();
    let d = pki.dir.path();
    let tsa = format!("{}/tsa", served.url);
    sign(d, "lt", "in.pdf", "t.pdf", &["--tsa", &tsa]).success();
    kyso().current_dir(d).args(["extend", "t.pdf", "--level", "lt", "--online"]).assert().success();
    kyso()
        .current_dir(d)
        .args(["extend", "t.lt.pdf", "--level", "lta", "--online", "--tsa", &tsa, "-o", "t.lta.pdf"])
        .assert()
        .success();
    // Twice more: an archive renews its LTA (the DSS is extended, nothing twice).
    kyso()
        .current_dir(d)
        .args(["extend", "t.lta.pdf", "--level", "lta", "--online", "--tsa", &tsa, "-o", "t.lta2.pdf"])
        .assert()
        .success();
    // lta without a TSA, and a document without signatures: clear errors.
    kyso().current_dir(d).args(["extend", "t.pdf", "--level", "lta", "--online", "-o", "x.pdf"]).assert().failure();
    kyso().current_dir(d).args(["extend", "in.pdf", "--level", "lt", "--online", "-o", "x.pdf"]).assert().failure();

    let pyhanko = peer("pyhanko");
    if pyhanko {
        let (ok, out) = run_peer(
            "pyhanko",
            &["sign", "addsig", "--field", "Sig1", "--use-pades", "--timestamp-url", &tsa, "pemder"]
                .iter()
                .chain(&["--key", "lt.key", "--cert", "lt.crt", "--chain", "ca.crt", "--no-pass", "in.pdf", "py.pdf"])
                .copied()
                .collect::<Vec<_>>(),
            d,
        );
        assert!(ok, "pyhanko addsig:\n{out}");
        kyso()
            .current_dir(d)
            .args(["extend", "py.pdf", "--level", "lta", "--online", "--tsa", &tsa])
            .assert()
            .success();
    }
    drop(served);
    if pyhanko {
        for f in ["t.lt.pdf", "t.lta.pdf", "t.lta2.pdf", "py.lta.pdf"] {
            let (ok, out) = adesverify(d, f);
            assert!(ok, "pyHanko adesverify on {f}:\n{out}");
        }
    }
}

#[test]
fn unreachable_tsa_fails_fast() {
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::write(d.join("in.pdf"), common::minimal_pdf("x")).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let start = Instant::now();
    let a = kyso()
        .current_dir(d)
        .args([
            "--format",
            "json",
            "sign",
            "in.pdf",
            "-o",
            "x.pdf",
            "--key",
            "signer.key",
            "--cert",
            "signer.chain.pem",
        ])
        .args(["--tsa", &format!("http://127.0.0.1:{port}/tsa"), "--timeout", "3"])
        .assert()
        .failure();
    assert!(start.elapsed() < Duration::from_secs(20));
    let out =
        String::from_utf8_lossy(&a.get_output().stdout).into_owned() + &String::from_utf8_lossy(&a.get_output().stderr);
    assert!(out.contains("TIMESTAMP"), "{out}");
    assert!(!d.join("x.pdf").exists());
}

#[test]
fn revocation_data_from_files_and_batch_at_level_t() {
    let (pki, served) = lt_pki();
    let d = pki.dir.path();
    let tsa = format!("{}/tsa", served.url);
    // CRLs made by the CAs themselves, given as files: nothing fetched but the time-stamp.
    for ca in ["ca", "root"] {
        kyso().current_dir(d).args(["cert", "crl", "--ca", ca]).assert().success();
    }
    sign(
        d,
        "lt",
        "in.pdf",
        "files.pdf",
        &["--level", "lt", "--tsa", &tsa, "--chain", "root.crt", "--crl", "ca.crl", "--crl", "root.crl"],
    )
    .success();
    let text = String::from_utf8_lossy(&std::fs::read(d.join("files.pdf")).unwrap()).into_owned();
    assert!(text.contains("/CRLs") && !text.contains("/OCSPs"));
    // A CRL of another CA does not stand in for the missing one.
    let a =
        sign(d, "lt", "in.pdf", "x.pdf", &["--level", "lt", "--tsa", &tsa, "--chain", "root.crt", "--crl", "root.crl"])
            .failure();
    assert!(String::from_utf8_lossy(&a.get_output().stderr).contains("no revocation data for \"CN=lt"));

    // Batch signing at level T: one verified time-stamp per document.
    std::fs::create_dir(d.join("in")).unwrap();
    for i in 0..4 {
        std::fs::write(d.join(format!("in/doc{i}.pdf")), common::minimal_pdf(&format!("Văn bản {i}"))).unwrap();
    }
    kyso()
        .current_dir(d)
        .args(["batch", "sign", "in", "-o", "out", "--key", "lt.key", "--cert", "lt.crt", "--chain", "ca.crt"])
        .args(["--level", "t", "--tsa", &tsa, "--jobs", "2"])
        .assert()
        .success();
    let mut serials = std::collections::HashSet::new();
    for i in 0..4 {
        let cms = pdf_cms(&std::fs::read(d.join(format!("out/doc{i}.pdf"))).unwrap(), 0);
        let (token, signature) = token_of(&cms);
        let imprint = kyso::tsp::Imprint::of(kyso::pki::alg::DigestAlg::Sha256, &signature);
        let check = kyso::tsp::TokenCheck { imprint: Some(&imprint), ..Default::default() };
        serials.insert(kyso::tsp::verify_token(&token, &check).unwrap().serial_hex());
    }
    assert_eq!(serials.len(), 4, "one time-stamp per document");
    drop(served);
    if peer("pyhanko") {
        let (ok, out) = adesverify(d, "files.pdf");
        assert!(ok, "pyHanko adesverify on files.pdf:\n{out}");
    }
}

/// The SignatureTimeStamp token of a XAdES signature and, computed by lxml, the digest
/// of the exclusive-canonical SignatureValue it must cover.
const XADES_T: &str = "import sys, base64, hashlib\n\
from lxml import etree\n\
ns = {'ds': 'http://www.w3.org/2000/09/xmldsig#', 'xades': 'http://uri.etsi.org/01903/v1.3.2#'}\n\
doc = etree.parse(sys.argv[1])\n\
sv = doc.find('.//ds:SignatureValue', ns)\n\
ts = doc.find('.//xades:UnsignedSignatureProperties/xades:SignatureTimeStamp/xades:EncapsulatedTimeStamp', ns)\n\
open('xades-token.der', 'wb').write(base64.b64decode(ts.text))\n\
print(hashlib.sha256(etree.tostring(sv, method='c14n', exclusive=True)).hexdigest())\n";

#[test]
fn xades_t_that_xmlsec1_and_openssl_accept() {
    let (pki, served) = lt_pki();
    let d = pki.dir.path();
    let tsa = format!("{}/tsa", served.url);
    std::fs::write(
        d.join("doc.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HoSo><TieuDe>Hồ sơ</TieuDe></HoSo>\n",
    )
    .unwrap();
    sign(d, "lt", "doc.xml", "t.xml", &["--xades", "--level", "t", "--tsa", &tsa]).success();
    sign(d, "lt", "doc.xml", "t-ds.xml", &["--xades", "--ds-prefix", "--tsa", &tsa]).success();
    // Without XAdES properties there is nowhere to put the time-stamp.
    sign(d, "lt", "doc.xml", "x.xml", &["--tsa", &tsa]).failure();
    let text = std::fs::read_to_string(d.join("t.xml")).unwrap();
    assert!(text.contains("<xades:SignatureTimeStamp") && text.contains("<xades:EncapsulatedTimeStamp>"));
    let a = kyso().current_dir(d).args(["--format", "json", "verify", "t.xml", "--trust", "root.crt"]).assert();
    let v: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_ne!(v["files"][0]["signatures"][0]["verdict"], "invalid", "{v}");
    for f in ["t.xml", "t-ds.xml"] {
        if peer("xmlsec1") {
            let (ok, out) = peers::xmlsec1_verify(d, &["--trusted-pem", "root.crt", "--untrusted-pem", "ca.crt", f]);
            assert!(ok, "xmlsec1 on {f}:\n{out}");
        }
        if peer("openssl") && peer("python3") {
            let (ok, digest) = run_peer("python3", &["-c", XADES_T, f], d);
            assert!(ok, "{digest}");
            let (ok, out) = peers::openssl_ts_verify(
                d,
                &["-in", "xades-token.der", "-token_in", "-digest", digest.trim(), "-CAfile", "cas.pem"],
            );
            assert!(ok && out.contains("Verification: OK"), "openssl ts -verify on {f}'s token:\n{out}");
        }
    }
}

/// The archive case, judged by pyHanko's AdES validation at a later `--validation-time`:
/// once the signer's certificate has expired, kyso's B-LTA is still TRUSTED by pyHanko and
/// VALID for kyso with `--require-revocation`, offline — the proof of existence comes from
/// the time-stamps and the revocation data from the DSS (the test CA's CRLs made valid for
/// years, as pyHanko wants revocation data still current for the last time-stamp's TSA).
#[test]
fn lta_outlives_the_signer_certificate_for_pyhanko_and_kyso() {
    let pki = Pki::new();
    let mut served = Served::start(pki.dir.path(), &["--crl-validity", "315360000"]);
    let u = served.url.clone();
    let crl = format!("{u}/crl/root.crl");
    pki.issue("root", "tsa", "tsa", &["--crl-url", &crl]);
    pki.issue("root", "person", "short", &["--crl-url", &crl, "--days", "1", "--key-type", "p256"]);
    std::fs::write(pki.path("in.pdf"), common::minimal_pdf("Hồ sơ lưu trữ")).unwrap();
    let d = pki.dir.path();
    kyso()
        .current_dir(d)
        .args(["sign", "in.pdf", "-o", "lta.pdf", "--key", "short.key", "--cert", "short.crt", "--chain", "root.crt"])
        .args(["--level", "lta", "--tsa", &format!("{u}/tsa"), "--online"])
        .assert()
        .success();
    served.stop();
    // Ten days on: the signer's certificate (one day) has expired, the TSA's has not.
    let later = kyso::pki::time::rfc3339(kyso::pki::time::now_unix() + 10 * 86_400);
    let v = kyso()
        .current_dir(d)
        .args(["verify", "lta.pdf", "--trust", "root.crt", "--require-revocation", "--format", "json", "--at", &later])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&v.get_output().stdout).unwrap();
    assert_eq!(v["files"][0]["signatures"][0]["verdict"], "valid", "{v:#}");
    if peer("pyhanko") {
        let (ok, out) = run_peer(
            "pyhanko",
            &["sign", "adesverify", "--trust", "root.crt", "--trust-replace", "--validation-time", &later, "lta.pdf"],
            d,
        );
        assert!(
            ok && !out.contains("Validation failed") && out.contains("INTACT:TRUSTED"),
            "pyHanko at {later}:\n{out}"
        );
    }
}
