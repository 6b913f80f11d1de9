//! CAdES B-LT (detached .p7s, attached .p7m) and XAdES-LT, signed at that level and
//! raised by `kyso extend`, with `kyso pki serve` on loopback as TSA, OCSP responder and
//! CRL/caIssuers server (real HTTP, no mocks). Peers: `openssl cms -verify` (the
//! signature stays intact with the validation data added), `openssl ts -verify` on the
//! signature-time-stamp token, xmlsec1 and signxml on the XAdES-LT output. kyso's own
//! verification then judges the files VALID at B-LT with the server stopped, at a time
//! after every certificate has expired and with revocation data required: the proof is
//! embedded. pyHanko has no CAdES or XAdES validator, so it has no say here.

mod common;

use std::path::Path;

use common::served::Served;
use common::{Pki, kyso, peer, run_peer};
use der::Encode;
use serde_json::Value;

/// A Vietnamese e-invoice (unsigned).
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sample-einvoice.xml");

/// After every certificate of the test PKI has expired.
const FAR: &str = "2100-01-01";

/// root → ca → {tsa, "lt" signer: status by CRL; "ol" signer: by OCSP, with a
/// delegated responder}, all naming the running server in their AIA/CDP.
fn lt_pki() -> (Pki, Served) {
    let pki = Pki::new();
    let served = Served::start(pki.dir.path(), &[]);
    let u = served.url.clone();
    let crl = |ca: &str| -> Vec<String> {
        ["--crl-url", &format!("{u}/crl/{ca}.crl"), "--ca-issuers-url", &format!("{u}/ca/{ca}.crt")]
            .map(String::from)
            .to_vec()
    };
    let issue = |ca: &str, profile: &str, out: &str, mut extra: Vec<String>| {
        extra.extend(["--key-type".to_string(), "p256".to_string()]);
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        pki.issue(ca, profile, out, &extra);
    };
    issue("root", "intermediate", "ca", crl("root"));
    issue("ca", "ocsp", "responder", vec![]);
    issue("ca", "tsa", "tsa", crl("ca"));
    issue("ca", "person", "lt", crl("ca"));
    let mut ocsp = vec!["--ocsp-url".to_string(), format!("{u}/ocsp")];
    ocsp.extend(crl("ca"));
    issue("ca", "person", "ol", ocsp);
    let cas = [pki.path("root.crt"), pki.path("ca.crt")].map(|p| std::fs::read_to_string(p).unwrap()).concat();
    std::fs::write(pki.path("cas.pem"), cas).unwrap();
    std::fs::write(pki.path("data.txt"), b"a contract").unwrap();
    std::fs::write(
        pki.path("doc.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HoSo><TieuDe>Hồ sơ lưu trữ</TieuDe></HoSo>\n",
    )
    .unwrap();
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

fn extend(d: &Path, file: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    kyso().current_dir(d).args(["--format", "json", "extend", file, "--level", "lt"]).args(extra).assert()
}

fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned() + &String::from_utf8_lossy(&a.get_output().stdout)
}

/// kyso's report of `file` (JSON `files[0]`).
fn verify(d: &Path, file: &str, extra: &[&str]) -> Value {
    let out = kyso()
        .current_dir(d)
        .args(["--format", "json", "verify", file, "--trust", "root.crt"])
        .args(extra)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    v["files"][0].clone()
}

/// VALID at B-LT now and after every certificate expired, revocation data required
/// (only what the file carries: the server is stopped by then).
fn assert_lt_valid(d: &Path, file: &str, signatures: usize) {
    // A detached signature is verified with its content.
    let (target, sig): (&str, &[&str]) =
        if file.ends_with(".p7s") { ("data.txt", &["--signature", file]) } else { (file, &[]) };
    for extra in [&[][..], &["--at", FAR, "--require-revocation"][..]] {
        let f = verify(d, target, &[sig, extra].concat());
        assert_eq!(f["verdict"], "valid", "{file} {extra:?}: {f:#}");
        let sigs = f["signatures"].as_array().unwrap();
        assert_eq!(sigs.len(), signatures, "{f:#}");
        for sig in sigs {
            assert_eq!(sig["level"], "B-LT", "{file}: {sig:#}");
            assert_eq!(sig["timestamps"][0]["verdict"], "valid", "{sig:#}");
            assert!(sig["proven_time"]["time"].is_string(), "{sig:#}");
        }
    }
}

/// The signature-time-stamp token of the first SignerInfo of a CMS (DER), and the
/// signature value it covers.
fn token_of(cms: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let sd = kyso::cms::parse::parse(cms).unwrap();
    let si = &sd.signers[0];
    let attr = si.unsigned_attrs.iter().find(|a| a.oid == kyso::pki::oids::ATTR_TIMESTAMP_TOKEN).expect("token");
    (attr.values.iter().next().unwrap().to_der().unwrap(), si.signature.clone())
}

fn openssl_ts_verify(d: &Path, token: &[u8], digest: &str, what: &str) {
    std::fs::write(d.join("token.der"), token).unwrap();
    let (ok, out) = run_peer(
        "openssl",
        &["ts", "-verify", "-in", "token.der", "-token_in", "-digest", digest, "-CAfile", "cas.pem"],
        d,
    );
    assert!(ok && out.contains("Verification: OK"), "openssl ts -verify on {what}'s token:\n{out}");
}

#[test]
fn cades_lt_signed_and_extended_stays_valid_after_expiry() {
    let (pki, mut served) = lt_pki();
    let d = pki.dir.path();
    let tsa = format!("{}/tsa", served.url);
    let lt = ["--level", "lt", "--tsa", &tsa, "--online"];
    let a = sign(d, "lt", "data.txt", "lt.p7s", &[&["--format", "json"][..], &lt].concat()).success();
    let v: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(v["signed"][0]["level"], "B-LT", "{v}");
    sign(d, "ol", "data.txt", "ol.p7s", &lt).success();
    sign(d, "lt", "data.txt", "lt.p7m", &[&["--attached"][..], &lt].concat()).success();
    sign(d, "lt", "data.txt", "pem.p7s", &[&["--pem"][..], &lt].concat()).success();
    // Extend: a B-T signature; a B-B one needs --tsa for its signature time-stamp first.
    sign(d, "lt", "data.txt", "t.p7s", &["--tsa", &tsa]).success();
    sign(d, "lt", "data.txt", "t.p7m", &["--attached", "--tsa", &tsa]).success();
    sign(d, "lt", "data.txt", "b.p7s", &[]).success();
    let a = extend(d, "t.p7s", &["--online"]).success();
    let v: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(v["extended"][0]["output"], "t.lt.p7s", "{v}");
    assert_eq!(v["extended"][0]["level"], "B-LT", "{v}");
    extend(d, "t.p7m", &["--online"]).success();
    let err = stderr_of(&extend(d, "b.p7s", &["--online"]).failure());
    assert!(err.contains("--tsa"), "{err}");
    assert!(!d.join("b.lt.p7s").exists());
    extend(d, "b.p7s", &["--online", "--tsa", &tsa]).success();
    // A foreign signature: openssl's detached B-B, time-stamped and raised by kyso.
    let foreign = peer("openssl");
    if foreign {
        let (ok, out) = run_peer(
            "openssl",
            &["cms", "-sign", "-binary", "-in", "data.txt", "-signer", "lt.crt", "-inkey", "lt.key"]
                .iter()
                .chain(&["-certfile", "ca.crt", "-outform", "DER", "-out", "os.p7s"])
                .copied()
                .collect::<Vec<_>>(),
            d,
        );
        assert!(ok, "openssl cms -sign:\n{out}");
        extend(d, "os.p7s", &["--online", "--tsa", &tsa]).success();
    }
    // lta stays a PDF level.
    let a = kyso()
        .current_dir(d)
        .args(["extend", "t.p7s", "--level", "lta", "--online", "--tsa", &tsa, "-o", "x.p7s"])
        .assert()
        .failure();
    let err = stderr_of(&a);
    assert!(err.contains("lta"), "{err}");
    sign(d, "lt", "data.txt", "x.p7s", &["--level", "lta", "--tsa", &tsa, "--online"]).failure();
    // Without --online nor files there is no revocation data: a clear error.
    let err = stderr_of(&sign(d, "lt", "data.txt", "x.p7s", &["--level", "lt", "--tsa", &tsa]).failure());
    assert!(err.contains("no revocation data") && err.contains("--online"), "{err}");
    assert!(!d.join("x.p7s").exists());

    // What went in: the whole chain, CRLs (lt) or OCSP responses (ol), next to the time-stamp.
    let root = kyso::pki::load::read_certificates(&pki.path("root.crt")).unwrap().remove(0);
    for f in ["lt.p7s", "lt.p7m", "t.lt.p7s", "t.lt.p7m", "b.lt.p7s", "ol.p7s", "pem.p7s"] {
        let sd = kyso::cms::parse::parse(&std::fs::read(d.join(f)).unwrap()).unwrap();
        assert!(sd.certificates.contains(&root), "{f}: the root is embedded");
        assert!(!sd.crls.is_empty(), "{f}: CRLs embedded");
        assert_eq!(!sd.ocsp_responses.is_empty(), f == "ol.p7s", "{f}: OCSP responses for the OCSP signer only");
        assert_eq!(sd.econtent.is_some(), f.ends_with(".p7m"));
    }
    assert!(std::fs::read_to_string(d.join("pem.p7s")).unwrap().starts_with("-----BEGIN CMS-----"));

    if peer("openssl") {
        for f in ["lt.p7s", "ol.p7s", "t.lt.p7s", "b.lt.p7s", "lt.p7m", "t.lt.p7m", "os.lt.p7s"] {
            let mut args = vec!["cms", "-verify", "-binary", "-inform", "DER", "-in", f];
            if f.ends_with(".p7s") {
                args.extend(["-content", "data.txt"]);
            }
            args.extend(["-CAfile", "cas.pem", "-purpose", "any", "-out", "out.txt"]);
            let (ok, out) = run_peer("openssl", &args, d);
            assert!(ok, "openssl cms -verify {f}:\n{out}");
            assert_eq!(std::fs::read(d.join("out.txt")).unwrap(), b"a contract");
            let (token, signature) = token_of(&std::fs::read(d.join(f)).unwrap());
            let digest = hex::encode(kyso::pki::alg::DigestAlg::Sha256.digest(&signature));
            openssl_ts_verify(d, &token, &digest, f);
        }
    }

    // The proof is in the files: VALID at B-LT with the server gone, after expiry.
    served.stop();
    for f in ["lt.p7s", "ol.p7s", "lt.p7m", "t.lt.p7s", "t.lt.p7m", "b.lt.p7s", "pem.p7s"] {
        assert_lt_valid(d, f, 1);
    }
    if foreign {
        assert_lt_valid(d, "os.lt.p7s", 1);
    }
    // The B-T original has no revocation data: not provable once it is required.
    let f = verify(d, "data.txt", &["--signature", "t.p7s", "--at", FAR, "--require-revocation"]);
    assert_ne!(f["verdict"], "valid", "{f:#}");
    assert_eq!(f["signatures"][0]["level"], "B-T", "{f:#}");
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
n = len(doc.findall('.//xades:UnsignedSignatureProperties/xades:CertificateValues/xades:EncapsulatedX509Certificate', ns))\n\
r = len(doc.findall('.//xades:UnsignedSignatureProperties/xades:RevocationValues/*/*', ns))\n\
print(hashlib.sha256(etree.tostring(sv, method='c14n', exclusive=True)).hexdigest(), n, r)\n";

#[test]
fn xades_lt_signed_and_extended_stays_valid_after_expiry() {
    let (pki, mut served) = lt_pki();
    let d = pki.dir.path();
    let tsa = format!("{}/tsa", served.url);
    let lt = ["--xades", "--level", "lt", "--tsa", &tsa, "--online"];
    let a = sign(d, "lt", "doc.xml", "lt.xml", &[&["--format", "json"][..], &lt].concat()).success();
    let v: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(v["signed"][0]["level"], "B-LT", "{v}");
    sign(d, "lt", "doc.xml", "lt-ds.xml", &[&["--ds-prefix"][..], &lt].concat()).success();
    sign(d, "ol", "doc.xml", "ol.xml", &[&["--ds-prefix"][..], &lt].concat()).success();
    // Extend a XAdES-T and a XAdES B-B (which gets its SignatureTimeStamp first).
    sign(d, "lt", "doc.xml", "t.xml", &["--xades", "--ds-prefix", "--tsa", &tsa]).success();
    sign(d, "lt", "doc.xml", "b.xml", &["--xades"]).success();
    let a = extend(d, "t.xml", &["--online"]).success();
    let v: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(v["extended"][0]["output"], "t.lt.xml", "{v}");
    let err = stderr_of(&extend(d, "b.xml", &["--online"]).failure());
    assert!(err.contains("--tsa"), "{err}");
    extend(d, "b.xml", &["--online", "--tsa", &tsa]).success();
    // Plain XMLDSig has no place for unsigned properties.
    sign(d, "lt", "doc.xml", "plain.xml", &[]).success();
    let err = stderr_of(&extend(d, "plain.xml", &["--online", "--tsa", &tsa]).failure());
    assert!(err.contains("XAdES"), "{err}");
    // XAdES-LT without XAdES, and an unchanged original: clear refusals.
    sign(d, "lt", "doc.xml", "x.xml", &["--level", "lt", "--tsa", &tsa, "--online"]).failure();
    let t = std::fs::read_to_string(d.join("t.xml")).unwrap();
    let tlt = std::fs::read_to_string(d.join("t.lt.xml")).unwrap();
    let cut = t.find("</xades:UnsignedSignatureProperties>").unwrap();
    assert!(tlt.starts_with(&t[..cut]), "the extended file keeps the original bytes up to the new properties");
    assert!(tlt.contains("<xades:CertificateValues") && tlt.contains("<xades:RevocationValues"));

    // A Vietnamese e-invoice: the seller's XAdES signature in DSCKS/NBan, then raised.
    std::fs::copy(SAMPLE, d.join("hd.xml")).unwrap();
    sign(d, "lt", "hd.xml", "hd-t.xml", &["--profile", "einvoice", "--xades", "--tsa", &tsa]).success();
    sign(d, "lt", "hd.xml", "hd-lt.xml", &[&["--profile", "einvoice"][..], &lt].concat()).success();
    extend(d, "hd-t.xml", &["--online"]).success();

    let files = ["lt.xml", "lt-ds.xml", "ol.xml", "t.lt.xml", "b.lt.xml", "hd-lt.xml", "hd-t.lt.xml"];
    for f in files {
        if peer("xmlsec1") {
            let mut args = vec!["--verify", "--trusted-pem", "root.crt", "--untrusted-pem", "ca.crt"];
            if f.starts_with("hd") {
                args.extend(["--id-attr:Id", "DLHDon"]);
            }
            args.push(f);
            let (ok, out) = run_peer("xmlsec1", &args, d);
            assert!(ok, "xmlsec1 on {f}:\n{out}");
        }
        if peer("openssl") && peer("python3") {
            let (ok, out) = run_peer("python3", &["-c", XADES_T, f], d);
            assert!(ok, "{out}");
            let parts: Vec<&str> = out.split_whitespace().collect();
            assert!(parts[1].parse::<usize>().unwrap() >= 3, "{f}: signer, CA, root and TSA certificates: {out}");
            assert!(parts[2].parse::<usize>().unwrap() >= 2, "{f}: revocation values: {out}");
            openssl_ts_verify(d, &std::fs::read(d.join("xades-token.der")).unwrap(), parts[0], f);
        }
    }
    if peer("python3") {
        // signxml on the ds: prefixed outputs (XAdES: the document and SignedProperties).
        let py = "from signxml import XMLVerifier\nimport sys\n\
            XMLVerifier().verify(open(sys.argv[1],'rb').read(), ca_pem_file='root.crt', expect_references=2)\n\
            print('SIGNXML_OK')";
        for f in ["lt-ds.xml", "ol.xml", "t.lt.xml"] {
            let (ok, out) = run_peer("python3", &["-c", py, f], d);
            assert!(ok && out.contains("SIGNXML_OK"), "signxml on {f}: {out}");
        }
    }

    served.stop();
    for f in files {
        assert_lt_valid(d, f, 1);
    }
    let f = verify(d, "t.xml", &["--at", FAR, "--require-revocation"]);
    assert_ne!(f["verdict"], "valid", "{f:#}");
}
