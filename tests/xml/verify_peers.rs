//! Files signed by xmlsec1 and by signxml, checked by `verify`.

use std::process::Command;

use crate::common::{peer, pki, run, write_tmp};
use kyso::xml::verify;

const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:example:invoice" xmlns:cbc="urn:example:cbc">
  <cbc:ID>INV-9</cbc:ID>
  <Line Id="line-1"><cbc:Amount currency="VND">1000</cbc:Amount><!-- c --></Line>
  <Note>Tiền hàng &amp; thuế</Note>
</Invoice>
"#;

fn template(uri: &str, c14n: &str, method: &str, prefix: &str) -> String {
    let p = if prefix.is_empty() { String::new() } else { format!("{prefix}:") };
    let xmlns = if prefix.is_empty() {
        "xmlns=\"http://www.w3.org/2000/09/xmldsig#\"".to_string()
    } else {
        format!("xmlns:{prefix}=\"http://www.w3.org/2000/09/xmldsig#\"")
    };
    let sig = format!(
        "<{p}Signature {xmlns}><{p}SignedInfo><{p}CanonicalizationMethod Algorithm=\"{c14n}\"/><{p}SignatureMethod Algorithm=\"{method}\"/><{p}Reference URI=\"{uri}\"><{p}Transforms><{p}Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><{p}Transform Algorithm=\"{c14n}\"/></{p}Transforms><{p}DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><{p}DigestValue></{p}DigestValue></{p}Reference></{p}SignedInfo><{p}SignatureValue/><{p}KeyInfo><{p}X509Data/></{p}KeyInfo></{p}Signature>"
    );
    // inside the referenced element for #line-1, else at the end of the root
    if uri.is_empty() || uri == "#xpointer(/)" {
        DOC.replace("</Invoice>", &format!("{sig}\n</Invoice>"))
    } else {
        DOC.replace("<!-- c --></Line>", &format!("<!-- c -->{sig}</Line>"))
    }
}

#[test]
fn xmlsec1_signed_files_verify() {
    if !peer("xmlsec1") {
        return;
    }
    let p = pki();
    let inc = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    let exc = "http://www.w3.org/2001/10/xml-exc-c14n#";
    let c11 = "http://www.w3.org/2006/12/xml-c14n11";
    let inc_wc = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
    let rsa = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    let rsa1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    let ec = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    let cases = [
        ("whole-inc", "", inc, rsa, "", "signer"),
        ("whole-exc-ds", "", exc, rsa, "ds", "signer"),
        ("whole-c14n11", "", c11, rsa, "", "signer"),
        ("whole-withcomments", "", inc_wc, rsa, "ds", "signer"),
        ("id-inc", "#line-1", inc, rsa, "", "signer"),
        ("id-exc-ds", "#line-1", exc, rsa, "ds", "signer"),
        ("whole-ecdsa", "", exc, ec, "", "ec"),
        ("whole-rsa-sha1", "", inc, rsa1, "", "signer"),
        ("xpointer-root-wc", "#xpointer(/)", inc_wc, rsa, "", "signer"),
        ("xpointer-id-wc", "#xpointer(id('line-1'))", inc_wc, rsa, "ds", "signer"),
    ];
    for (name, uri, c14n, method, prefix, key) in cases {
        let tpl = write_tmp(&format!("tpl-{name}.xml"), template(uri, c14n, method, prefix).as_bytes());
        let out = p.path(&format!("xmlsec-signed-{name}.xml"));
        let keyarg = format!("{},{}", p.path(&format!("{key}.key")), p.path(&format!("{key}.pem")));
        let (ok, text) = run(Command::new("xmlsec1").args([
            "--sign",
            "--privkey-pem",
            &keyarg,
            "--id-attr:Id",
            "urn:example:invoice:Line",
            "--output",
            &out,
            &tpl,
        ]));
        assert!(ok, "xmlsec1 --sign {name}: {text}");
        let data = std::fs::read(&out).unwrap();
        let reps = verify(&data, &[]).unwrap();
        assert_eq!(reps.len(), 1);
        let r = &reps[0];
        eprintln!(
            "xmlsec1-signed {name}: refs {:?} sig_ok {} problems {:?}",
            r.references.iter().map(|x| (x.target_path.clone(), x.digest_ok)).collect::<Vec<_>>(),
            r.signature_value_ok,
            r.problems
        );
        assert!(r.is_intact(), "{name}: {:?} {:?}", r.references, r.problems);
        assert_eq!(r.weak_algorithm, method == rsa1);
        assert_eq!(r.certificates_der.len(), 1);
        // tamper: the amount
        let bad = String::from_utf8(data.clone()).unwrap().replace(">1000<", ">9000<");
        let r = &verify(bad.as_bytes(), &[]).unwrap()[0];
        assert!(!r.references[0].digest_ok && !r.is_intact(), "{name}");
        // URI="" / #id digest without comments: a comment splitting the text
        // changes nothing that is signed (the text is still "1000")
        let commented = String::from_utf8(data).unwrap().replace(">1000<", ">10<!-- x -->00<");
        let r = &verify(commented.as_bytes(), &[]).unwrap()[0];
        // ... except for XPointer references with a #WithComments C14N, where comments are signed
        assert_eq!(r.references[0].digest_ok, !name.ends_with("-wc"), "{name}");
    }
}

#[test]
fn signxml_signed_files_verify() {
    if !peer("signxml") {
        return;
    }
    let p = pki();
    let script = r#"
import sys
from lxml import etree
from signxml import XMLSigner, methods, SignatureMethod, DigestAlgorithm, CanonicalizationMethod
doc, out, key, cert, inter, c14n, alg = sys.argv[1:8]
root = etree.fromstring(open(doc,'rb').read())
certs = [open(cert).read(), open(inter).read()]
signer = XMLSigner(method=methods.enveloped, signature_algorithm=SignatureMethod[alg], digest_algorithm=DigestAlgorithm.SHA256, c14n_algorithm=CanonicalizationMethod(c14n))
signed = signer.sign(root, key=open(key,'rb').read(), cert=certs)
open(out,'wb').write(etree.tostring(signed, xml_declaration=True, encoding='UTF-8'))
print('signed', out)
"#;
    let docf = write_tmp("signxml-input.xml", DOC.as_bytes());
    let cases = [
        ("inc", "http://www.w3.org/TR/2001/REC-xml-c14n-20010315", "RSA_SHA256", "signer"),
        ("exc", "http://www.w3.org/2001/10/xml-exc-c14n#", "RSA_SHA256", "signer"),
        ("c14n11", "http://www.w3.org/2006/12/xml-c14n11", "RSA_SHA512", "signer"),
        // signxml keeps comments for URI="" with a #WithComments transform,
        // against XMLDSig 4.3.3.3 (xmlsec1 rejects its output as well): not intact
        ("exc-wc", "http://www.w3.org/2001/10/xml-exc-c14n#WithComments", "RSA_SHA256", "signer"),
        ("pss", "http://www.w3.org/2001/10/xml-exc-c14n#", "SHA256_RSA_MGF1", "signer"),
        ("ecdsa", "http://www.w3.org/2001/10/xml-exc-c14n#", "ECDSA_SHA256", "ec"),
    ];
    for (name, c14n, alg, key) in cases {
        let out = p.path(&format!("signxml-signed-{name}.xml"));
        let (ok, text) = run(Command::new("python3").args([
            "-c",
            script,
            &docf,
            &out,
            &p.path(&format!("{key}.key")),
            &p.path(&format!("{key}.pem")),
            &p.path("inter.pem"),
            c14n,
            alg,
        ]));
        assert!(ok, "signxml sign {name}: {text}");
        let data = std::fs::read(&out).unwrap();
        let reps = verify(&data, &[]).unwrap();
        let r = &reps[0];
        eprintln!(
            "signxml-signed {name}: method {} refs ok {} sig_ok {} certs {} problems {:?}",
            r.method_uri,
            r.references.iter().all(|x| x.digest_ok),
            r.signature_value_ok,
            r.certificates_der.len(),
            r.problems
        );
        if name == "exc-wc" {
            assert!(r.signature_value_ok && !r.references[0].digest_ok);
            let (ok, text) = run(Command::new("xmlsec1").args([
                "--verify",
                "--trusted-pem",
                &p.path("root.pem"),
                "--untrusted-pem",
                &p.path("inter.pem"),
                &out,
            ]));
            eprintln!(
                "xmlsec1 on signxml {name}: ok={ok} {}",
                text.lines().find(|l| l.contains("References")).unwrap_or("")
            );
            assert!(!ok, "xmlsec1 and verify disagree on {name}");
            continue;
        }
        assert!(r.is_intact(), "{name}: {:?} {:?}", r.references, r.problems);
        assert_eq!(r.certificates_der.len(), 2);
        let bad = String::from_utf8(data).unwrap().replace("INV-9", "INV-8");
        assert!(!verify(bad.as_bytes(), &[]).unwrap()[0].is_intact());
    }
}
