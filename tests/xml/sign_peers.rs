//! Signatures made here, checked by xmlsec1 and signxml (and by verify).

use std::process::Command;

use crate::common::{ec_signer, peer, pki, rsa_opts, rsa_signer, run, write_tmp};
use kyso::xml::{Profile, SignatureMethod, XmlSignOptions, sign, verify};

const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- leading comment -->
<Invoice xmlns="urn:example:invoice" xmlns:cbc="urn:example:cbc" Version="1">
  <cbc:ID>INV-001</cbc:ID>
  <Line Id="line-1"><cbc:Amount currency="VND">1000000</cbc:Amount><Note>Hàng hóa &amp; dịch vụ</Note></Line>
  <Line Id="line-2"><cbc:Amount currency="VND">250000</cbc:Amount><!-- inner comment --></Line>
  <Ext/>
</Invoice>
"#;

fn xmlsec_verify(file: &str, extra: &[&str]) -> (bool, String) {
    let p = pki();
    let mut c = Command::new("xmlsec1");
    c.arg("--verify")
        .args(["--trusted-pem", &p.path("root.pem"), "--untrusted-pem", &p.path("inter.pem")])
        .args(extra)
        .arg(file);
    run(&mut c)
}

fn self_check(out: &[u8]) {
    let reps = verify(out, &[]).unwrap();
    assert_eq!(reps.len(), 1);
    assert!(reps[0].is_intact(), "{:?} {:?}", reps[0].references, reps[0].problems);
    assert!(!reps[0].weak_algorithm);
}

fn rsa_chain() -> Vec<Vec<u8>> {
    vec![pki().rsa_der.clone(), pki().inter_der.clone()]
}

#[test]
fn einvoice_signature_accepted_by_xmlsec1() {
    if !peer("xmlsec1") {
        return;
    }
    for (name, signed) in crate::common::real_invoices() {
        let input = crate::common::unsigned_invoice(&signed);
        let opts = XmlSignOptions { profile: Profile::EInvoice, ..rsa_opts(SignatureMethod::RsaSha256) };
        let out = sign(&input, &opts, &rsa_chain(), &mut rsa_signer(&pki().rsa_key, opts.method)).unwrap();
        self_check(&out);
        let r = &verify(&out, &[]).unwrap()[0];
        assert_eq!(r.signature_path, "/HDon/DSCKS/NBan/Signature");
        assert_eq!(r.references[0].target_path.as_deref(), Some("/HDon/DLHDon"));
        let f = write_tmp(&format!("einv-{name}"), &out);
        let (ok, text) = xmlsec_verify(&f, &["--id-attr:Id", "DLHDon"]);
        eprintln!("xmlsec1 einvoice {name}: {}", text.trim());
        assert!(ok && text.contains("OK"), "{text}");
    }
}

fn sign_sample(opts: &XmlSignOptions) -> Vec<u8> {
    let p = pki();
    match opts.method {
        SignatureMethod::EcdsaSha256 | SignatureMethod::EcdsaSha384 | SignatureMethod::EcdsaSha512 => sign(
            SAMPLE.as_bytes(),
            opts,
            &[p.ec_der.clone(), p.inter_der.clone()],
            &mut ec_signer(&p.ec_key, opts.method),
        )
        .unwrap(),
        m => sign(SAMPLE.as_bytes(), opts, &rsa_chain(), &mut rsa_signer(&p.rsa_key, m)).unwrap(),
    }
}

#[test]
fn whole_document_and_id_signatures_accepted_by_xmlsec1() {
    if !peer("xmlsec1") {
        return;
    }
    use kyso::xml::c14n::Algorithm;
    let cases: Vec<(&str, XmlSignOptions, Vec<&str>)> = vec![
        ("default-ns", rsa_opts(SignatureMethod::RsaSha256), vec![]),
        ("ds-prefix", XmlSignOptions { prefix: Some("ds".into()), ..rsa_opts(SignatureMethod::RsaSha256) }, vec![]),
        (
            "rsa-sha512-exc",
            XmlSignOptions {
                c14n: Algorithm::ExcC14n,
                digest: kyso::pki::alg::DigestAlg::Sha512,
                ..rsa_opts(SignatureMethod::RsaSha512)
            },
            vec![],
        ),
        (
            "rsa-sha384-c14n11",
            XmlSignOptions {
                c14n: Algorithm::C14n11,
                digest: kyso::pki::alg::DigestAlg::Sha384,
                ..rsa_opts(SignatureMethod::RsaSha384)
            },
            vec![],
        ),
        (
            "id-ref",
            XmlSignOptions { ref_id: Some("line-2".into()), ..rsa_opts(SignatureMethod::RsaSha256) },
            vec!["--id-attr:Id", "urn:example:invoice:Line"],
        ),
        (
            "id-ref-into",
            XmlSignOptions {
                ref_id: Some("line-1".into()),
                into: Some("/Invoice/Line[1]".into()),
                prefix: Some("ds".into()),
                ..rsa_opts(SignatureMethod::RsaSha256)
            },
            vec!["--id-attr:Id", "urn:example:invoice:Line"],
        ),
        (
            "into-empty",
            XmlSignOptions { into: Some("/Invoice/Ext".into()), ..rsa_opts(SignatureMethod::RsaSha256) },
            vec![],
        ),
        ("ecdsa-p256", rsa_opts(SignatureMethod::EcdsaSha256), vec![]),
        (
            "ecdsa-p256-sha384",
            XmlSignOptions { prefix: Some("ds".into()), ..rsa_opts(SignatureMethod::EcdsaSha384) },
            vec![],
        ),
        ("xades", XmlSignOptions { xades: true, ..rsa_opts(SignatureMethod::RsaSha256) }, vec![]),
        (
            "xades-ds",
            XmlSignOptions { xades: true, prefix: Some("ds".into()), ..rsa_opts(SignatureMethod::RsaSha256) },
            vec![],
        ),
    ];
    let mut failures = Vec::new();
    for (name, opts, extra) in cases {
        let out = sign_sample(&opts);
        self_check(&out);
        let f = write_tmp(&format!("sample-{name}.xml"), &out);
        let (ok, text) = xmlsec_verify(&f, &extra);
        eprintln!("xmlsec1 {name}: ok={ok} {}", text.trim().replace('\n', " | "));
        if !(ok && text.contains("OK")) {
            failures.push(name);
        }
    }
    assert!(failures.is_empty(), "xmlsec1 rejected: {failures:?}");
}

fn signxml_verify(file: &str, ca: &str, xades: bool) -> (bool, String) {
    let script = if xades {
        "import sys\nfrom signxml.xades import XAdESVerifier\nr = XAdESVerifier().verify(open(sys.argv[1],'rb').read(), ca_pem_file=sys.argv[2], expect_references=2)\nprint('signxml OK', len(r))"
    } else {
        "import sys\nfrom signxml import XMLVerifier\nr = XMLVerifier().verify(open(sys.argv[1],'rb').read(), ca_pem_file=sys.argv[2])\nprint('signxml OK', r.signature_xml.tag)"
    };
    run(Command::new("python3").args(["-c", script, file, ca]))
}

#[test]
fn ds_prefixed_signatures_accepted_by_signxml() {
    if !peer("signxml") {
        return;
    }
    let p = pki();
    let ds = |m| XmlSignOptions { prefix: Some("ds".into()), ..rsa_opts(m) };
    let mut failures = Vec::new();
    let cases: Vec<(&str, XmlSignOptions, bool)> = vec![
        ("rsa-sha256", ds(SignatureMethod::RsaSha256), false),
        (
            "rsa-sha512",
            XmlSignOptions { digest: kyso::pki::alg::DigestAlg::Sha512, ..ds(SignatureMethod::RsaSha512) },
            false,
        ),
        ("rsa-pss-sha256", ds(SignatureMethod::RsaPssSha256), false),
        ("rsa-pss-sha512", ds(SignatureMethod::RsaPssSha512), false),
        ("ecdsa-sha256", ds(SignatureMethod::EcdsaSha256), false),
        ("ecdsa-sha512", ds(SignatureMethod::EcdsaSha512), false),
        (
            "exc-c14n",
            XmlSignOptions { c14n: kyso::xml::c14n::Algorithm::ExcC14n, ..ds(SignatureMethod::RsaSha256) },
            false,
        ),
        ("xades", XmlSignOptions { xades: true, ..ds(SignatureMethod::RsaSha256) }, true),
    ];
    for (name, opts, xades) in cases {
        let out = sign_sample(&opts);
        self_check(&out);
        let f = write_tmp(&format!("signxml-{name}.xml"), &out);
        let (ok, text) = signxml_verify(&f, &p.path("root.pem"), xades);
        eprintln!("signxml {name}: ok={ok} {}", text.trim().lines().last().unwrap_or(""));
        if !ok {
            eprintln!("{text}");
            failures.push(name);
        }
    }
    // signed directly by a root-issued signer, no intermediate in X509Data
    let opts = ds(SignatureMethod::RsaSha256);
    let out = sign(
        SAMPLE.as_bytes(),
        &opts,
        std::slice::from_ref(&p.root_signer_der),
        &mut rsa_signer(&p.root_signer_key, opts.method),
    )
    .unwrap();
    self_check(&out);
    let f = write_tmp("signxml-root-issued.xml", &out);
    let (ok, text) = signxml_verify(&f, &p.path("root.pem"), false);
    eprintln!("signxml root-issued: ok={ok} {}", text.trim().lines().last().unwrap_or(""));
    if !ok {
        failures.push("root-issued");
    }
    assert!(failures.is_empty(), "signxml rejected: {failures:?}");
}
