//! Safety: duplicate IDs, external/too many references, transforms, DTDs,
//! malformed input, KeyValue, splice exactness, signer checks, fuzzing.

use crate::common::{pki, rsa_opts, rsa_signer};
use kyso::xml::references::RefStatus;
use kyso::xml::{Profile, SignatureMethod, XmlError, XmlProblem, XmlSignOptions, sign, verify};

const DOC: &str = "<?xml version=\"1.0\"?>\n<Root xmlns=\"urn:x\">\n  <Item Id=\"a\">one</Item>\n  <Item Id=\"b\">two</Item>\n  <!-- c -->\n</Root>\n";

fn chain() -> Vec<Vec<u8>> {
    vec![pki().rsa_der.clone(), pki().inter_der.clone()]
}

fn sign_doc(doc: &[u8], opts: &XmlSignOptions) -> Vec<u8> {
    sign(doc, opts, &chain(), &mut rsa_signer(&pki().rsa_key, opts.method)).unwrap()
}

fn one(data: &[u8]) -> kyso::xml::XmlSignatureReport {
    let mut v = verify(data, &[]).unwrap();
    assert_eq!(v.len(), 1);
    v.remove(0)
}

fn has(r: &kyso::xml::XmlSignatureReport, f: impl Fn(&XmlProblem) -> bool) -> bool {
    r.problems.iter().any(f)
}

#[test]
fn splice_is_byte_identical() {
    let cases: Vec<(&[u8], XmlSignOptions)> = vec![
        (DOC.as_bytes(), rsa_opts(SignatureMethod::RsaSha256)),
        (
            DOC.as_bytes(),
            XmlSignOptions { prefix: Some("ds".into()), xades: true, ..rsa_opts(SignatureMethod::RsaSha256) },
        ),
        (
            DOC.as_bytes(),
            XmlSignOptions {
                ref_id: Some("b".into()),
                into: Some("/Root/Item[2]".into()),
                ..rsa_opts(SignatureMethod::RsaSha256)
            },
        ),
        (
            b"\xEF\xBB\xBF<a xmlns:p='urn:p'  attr = 'x' >\r\n<p:b>&#65;&lt;</p:b>\r\n</a >",
            rsa_opts(SignatureMethod::RsaSha256),
        ),
    ];
    for (input, opts) in cases {
        let out = sign_doc(input, &opts);
        let s = String::from_utf8_lossy(&out);
        let start = s.find("<Signature").or_else(|| s.find("<ds:Signature")).unwrap();
        let end_tag = if s[start..].starts_with("<ds:") { "</ds:Signature>" } else { "</Signature>" };
        let end = s.find(end_tag).unwrap() + end_tag.len();
        let mut rest = out[..start].to_vec();
        rest.extend_from_slice(&out[end..]);
        assert_eq!(rest, input, "output minus Signature differs from input");
        assert!(one(&out).is_intact());
    }
}

#[test]
fn self_closing_parent_is_expanded() {
    let out = sign_doc(
        b"<a><b/><c x='1' /></a>",
        &XmlSignOptions { into: Some("/a/c".into()), ..rsa_opts(SignatureMethod::RsaSha256) },
    );
    let s = String::from_utf8(out.clone()).unwrap();
    assert!(s.starts_with("<a><b/><c x='1' ><Signature"), "{s}");
    assert!(s.ends_with("</Signature></c></a>"), "{s}");
    assert!(one(&out).is_intact());
}

#[test]
fn two_id_signatures_both_verify() {
    let o1 =
        sign_doc(DOC.as_bytes(), &XmlSignOptions { ref_id: Some("a".into()), ..rsa_opts(SignatureMethod::RsaSha256) });
    let o2 = sign_doc(
        &o1,
        &XmlSignOptions { ref_id: Some("b".into()), prefix: Some("ds".into()), ..rsa_opts(SignatureMethod::RsaSha256) },
    );
    let reps = verify(&o2, &[]).unwrap();
    assert_eq!(reps.len(), 2);
    assert!(reps.iter().all(|r| r.is_intact()), "{reps:?}");
    assert_eq!(reps[0].references[0].target_path.as_deref(), Some("/Root/Item[1]"));
    assert_eq!(reps[1].references[0].target_path.as_deref(), Some("/Root/Item[2]"));
    assert_ne!(reps[0].signature_path, reps[1].signature_path);
}

#[test]
fn duplicate_id_is_a_problem() {
    let out =
        sign_doc(DOC.as_bytes(), &XmlSignOptions { ref_id: Some("a".into()), ..rsa_opts(SignatureMethod::RsaSha256) });
    let s = String::from_utf8(out).unwrap();
    // forged copy with the same Id placed first
    let attacked = s.replacen("<Item Id=\"a\">one</Item>", "<Item Id=\"a\">FORGED</Item><Item Id=\"a\">one</Item>", 1);
    let r = one(attacked.as_bytes());
    assert!(has(&r, |p| matches!(p, XmlProblem::DuplicateId(id) if id == "a")), "{:?}", r.problems);
    assert!(!r.is_intact());
    // the same with the other ID attribute spelling
    let attacked = s.replacen("<Item Id=\"b\">", "<Item ID=\"a\">", 1);
    assert!(has(&one(attacked.as_bytes()), |p| matches!(p, XmlProblem::DuplicateId(_))));
    // sign() refuses to reference a duplicated ID
    let dup = DOC.replace("Id=\"b\"", "Id=\"a\"");
    let e = sign(
        dup.as_bytes(),
        &XmlSignOptions { ref_id: Some("a".into()), ..rsa_opts(SignatureMethod::RsaSha256) },
        &chain(),
        &mut rsa_signer(&pki().rsa_key, SignatureMethod::RsaSha256),
    );
    assert!(matches!(e, Err(XmlError::Options(_))), "{e:?}");
}

fn signed_whole() -> String {
    String::from_utf8(sign_doc(DOC.as_bytes(), &rsa_opts(SignatureMethod::RsaSha256))).unwrap()
}

#[test]
fn external_and_unsupported_references_are_indeterminate_not_invalid() {
    let s = signed_whole();
    for (uri, check) in [
        (
            "http://example.com/doc.xml",
            (|st: &RefStatus| matches!(st, RefStatus::NotFound(_))) as fn(&RefStatus) -> bool,
        ),
        ("file:///etc/passwd", |st| matches!(st, RefStatus::NotFound(_))),
        ("../../etc/passwd", |st| matches!(st, RefStatus::NotFound(_))),
        ("doc.xml#a", |st| matches!(st, RefStatus::NotFound(_))),
        ("#xpointer(//Item)", |st| matches!(st, RefStatus::Unsupported(_))),
        ("#nope", |st| matches!(st, RefStatus::NotFound(_))),
    ] {
        let attacked = s.replacen("URI=\"\"", &format!("URI=\"{uri}\""), 1);
        let r = one(attacked.as_bytes());
        assert!(check(&r.references[0].status), "{uri}: {:?}", r.references[0]);
        assert!(!r.references[0].digest_ok);
        assert!(!r.is_intact());
    }
}

#[test]
fn limits_on_references_and_transforms() {
    let s = signed_whole();
    let a = s.find("<Reference").unwrap();
    let b = s.find("</Reference>").unwrap() + "</Reference>".len();
    let reference = &s[a..b];
    let max = kyso::xml::limits::DEFAULT_MAX_REFERENCES;
    let many = format!("{}{}{}", &s[..a], reference.repeat(max + 1), &s[b..]);
    let r = one(many.as_bytes());
    assert!(has(&r, |p| matches!(p, XmlProblem::Limit(m) if m.contains("--max-references"))), "{:?}", r.problems);
    assert!(r.references.is_empty() && !r.is_intact());
    // real files carry hundreds of references: each is checked
    let thirty = format!("{}{}{}", &s[..a], reference.repeat(300), &s[b..]);
    let r = one(thirty.as_bytes());
    assert_eq!(r.references.len(), 300);
    assert!(r.references.iter().all(|x| x.digest_ok) && !r.signature_value_ok);

    let t = "<Transform Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>";
    let nine = s.replacen("<Transforms>", &format!("<Transforms>{}", t.repeat(7)), 1);
    let r = one(nine.as_bytes());
    assert!(matches!(&r.references[0].status, RefStatus::Limit(_)), "{:?}", r.references);

    for alg in [
        "http://www.w3.org/TR/1999/REC-xslt-19991116",
        "http://www.w3.org/TR/1999/REC-xpath-19991116",
        "http://www.w3.org/2002/06/xmldsig-filter2",
    ] {
        let x = s.replacen("<Transforms>", &format!("<Transforms><Transform Algorithm=\"{alg}\"/>"), 1);
        let r = one(x.as_bytes());
        assert!(matches!(&r.references[0].status, RefStatus::Unsupported(u) if u.contains(alg)), "{:?}", r.references);
    }
    // base64 of text that is not base64: the data is wrong, not unsupported
    let x = s.replacen(
        "<Transforms>",
        "<Transforms><Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#base64\"/>",
        1,
    );
    assert!(matches!(&one(x.as_bytes()).references[0].status, RefStatus::Malformed(_)));
    // algorithms outside the allow-list
    let md5 = s.replacen("http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2001/04/xmldsig-more#md5", 1);
    assert!(matches!(&one(md5.as_bytes()).references[0].status, RefStatus::Unsupported(_)));
    let hmac = s.replacen(
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        "http://www.w3.org/2000/09/xmldsig#hmac-sha1",
        1,
    );
    let r = one(hmac.as_bytes());
    assert!(has(&r, |p| matches!(p, XmlProblem::UnsupportedAlgorithm(_))) && !r.signature_value_ok);
}

#[test]
fn dtd_and_malformed_input_are_parse_errors() {
    let xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
    let laughs = "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><r>&b;</r>";
    for bad in [xxe, laughs, "<a><b></a>", "", "not xml", "<a xmlns:p='u'><q:b/></a>"] {
        let e = verify(bad.as_bytes(), &[]);
        assert!(matches!(e, Err(XmlError::Parse(_))), "{bad}: {e:?}");
        let e = sign(
            bad.as_bytes(),
            &rsa_opts(SignatureMethod::RsaSha256),
            &chain(),
            &mut rsa_signer(&pki().rsa_key, SignatureMethod::RsaSha256),
        );
        assert!(matches!(e, Err(XmlError::Parse(_))), "{bad}: {e:?}");
    }
    let e = verify(xxe.as_bytes(), &[]).unwrap_err().to_string();
    assert!(e.contains("DTD"), "{e}");
    assert!(matches!(verify(b"<a>\xff</a>", &[]), Err(XmlError::Parse(_))));
    // a document without signatures is not an error
    assert!(verify(b"<a/>", &[]).unwrap().is_empty());
}

#[test]
fn key_value_must_match_the_certificate() {
    use base64::Engine;
    use rsa::traits::PublicKeyParts;
    let s = signed_whole();
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let pk = pki().rsa_key.to_public_key();
    let kv = |n: &[u8]| {
        format!(
            "<KeyValue><RSAKeyValue><Modulus>{}</Modulus><Exponent>{}</Exponent></RSAKeyValue></KeyValue>",
            b64(n),
            b64(&pk.e_bytes())
        )
    };
    let good = s.replacen("<KeyInfo>", &format!("<KeyInfo>{}", kv(&pk.n_bytes())), 1);
    assert!(one(good.as_bytes()).is_intact());
    let other = pki().root_signer_key.to_public_key();
    let bad = s.replacen("<KeyInfo>", &format!("<KeyInfo>{}", kv(&other.n_bytes())), 1);
    let r = one(bad.as_bytes());
    assert!(r.signature_value_ok && has(&r, |p| *p == XmlProblem::KeyValueMismatch) && !r.is_intact());
}

#[test]
fn signer_is_the_certificate_that_verifies() {
    // X509Data lists the intermediate first: the signer is still found
    let p = pki();
    let out = sign(
        DOC.as_bytes(),
        &rsa_opts(SignatureMethod::RsaSha256),
        &chain(),
        &mut rsa_signer(&p.rsa_key, SignatureMethod::RsaSha256),
    )
    .unwrap();
    let s = String::from_utf8(out).unwrap();
    let certs: Vec<&str> = s.split("<X509Certificate>").skip(1).map(|c| &c[..c.find('<').unwrap()]).collect();
    let swapped = s.replacen(certs[0], "TMP", 1).replacen(certs[1], certs[0], 1).replacen("TMP", certs[1], 1);
    let r = one(swapped.as_bytes());
    assert!(r.is_intact());
    assert_eq!(r.certificates_der[1], p.rsa_der);
    assert_eq!(r.signer_cert_der.as_ref(), Some(&p.rsa_der));
    // no certificate at all
    let a = s.find("<KeyInfo>").unwrap();
    let b = s.find("</KeyInfo>").unwrap() + 10;
    let nocert = format!("{}{}", &s[..a], &s[b..]);
    let r = one(nocert.as_bytes());
    assert!(!r.signature_value_ok && has(&r, |p| *p == XmlProblem::NoCertificate));
    // only a foreign certificate
    let foreign = s
        .replacen(certs[0], &base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &p.root_signer_der), 1)
        .replacen(certs[1], "", 1);
    let r = one(foreign.as_bytes());
    assert!(!r.signature_value_ok && r.signer_cert_der.is_none());
}

#[test]
fn signing_errors_are_clear() {
    let p = pki();
    let mut good = rsa_signer(&p.rsa_key, SignatureMethod::RsaSha256);
    // wrong key behind the callback
    let e = sign(
        DOC.as_bytes(),
        &rsa_opts(SignatureMethod::RsaSha256),
        &chain(),
        &mut rsa_signer(&p.root_signer_key, SignatureMethod::RsaSha256),
    );
    assert!(matches!(e, Err(XmlError::Signer(_))), "{e:?}");
    // callback error passes through
    let e = sign(DOC.as_bytes(), &rsa_opts(SignatureMethod::RsaSha256), &chain(), &mut |_: &[u8]| {
        Err("token removed".to_string())
    });
    assert!(matches!(&e, Err(XmlError::Signer(m)) if m == "token removed"), "{e:?}");
    // SHA-1 refused, method/key mismatch, no certificate, bad into path
    let e = sign(
        DOC.as_bytes(),
        &XmlSignOptions { digest: kyso::pki::alg::DigestAlg::Sha1, ..rsa_opts(SignatureMethod::RsaSha256) },
        &chain(),
        &mut good,
    );
    assert!(matches!(e, Err(XmlError::Options(_))), "{e:?}");
    let e = sign(DOC.as_bytes(), &rsa_opts(SignatureMethod::EcdsaSha256), &chain(), &mut good);
    assert!(matches!(e, Err(XmlError::Options(_))), "{e:?}");
    let e = sign(DOC.as_bytes(), &rsa_opts(SignatureMethod::RsaSha256), &[], &mut good);
    assert!(matches!(e, Err(XmlError::Options(_))), "{e:?}");
    let e = sign(
        DOC.as_bytes(),
        &XmlSignOptions { into: Some("/Root/Missing".into()), ..rsa_opts(SignatureMethod::RsaSha256) },
        &chain(),
        &mut good,
    );
    let msg = e.unwrap_err().to_string();
    assert!(msg.contains("Missing") && msg.contains("not found"), "{msg}");
    // e-invoice: NBan missing, DLHDon without Id, not an invoice
    let einv = XmlSignOptions { profile: Profile::EInvoice, ..rsa_opts(SignatureMethod::RsaSha256) };
    let e = sign(b"<HDon><DLHDon Id=\"x\"/><DSCKS/></HDon>", &einv, &chain(), &mut good).unwrap_err().to_string();
    assert!(e.contains("NBan") && e.contains("not found"), "{e}");
    let e = sign(b"<HDon><DLHDon/><DSCKS><NBan/></DSCKS></HDon>", &einv, &chain(), &mut good).unwrap_err().to_string();
    assert!(e.contains("no ID attribute"), "{e}");
    let e = sign(DOC.as_bytes(), &einv, &chain(), &mut good).unwrap_err().to_string();
    assert!(e.contains("HDon"), "{e}");
    // a minimal invoice works, self-closing NBan included
    let out = sign(
        b"<HDon><DLHDon Id=\"x\"><SHDon>1</SHDon></DLHDon><DSCKS><NBan/></DSCKS></HDon>",
        &einv,
        &chain(),
        &mut good,
    )
    .unwrap();
    assert!(one(&out).is_intact());
    // bad signing time
    let e = sign(
        DOC.as_bytes(),
        &XmlSignOptions { signing_time: Some("yesterday".into()), xades: true, ..rsa_opts(SignatureMethod::RsaSha256) },
        &chain(),
        &mut good,
    );
    assert!(matches!(e, Err(XmlError::Options(_))), "{e:?}");
}

#[test]
fn einvoice_profile_checks() {
    let (_, signed) = &crate::common::real_invoices()[0];
    let input = crate::common::unsigned_invoice(signed);
    let einv = XmlSignOptions { profile: Profile::EInvoice, ..rsa_opts(SignatureMethod::RsaSha256) };
    let out = sign(&input, &einv, &chain(), &mut rsa_signer(&pki().rsa_key, SignatureMethod::RsaSha256)).unwrap();
    let r = one(&out);
    assert!(r.is_intact());
    assert_eq!(r.references.len(), 2);
    assert_eq!(r.references[1].target_path.as_deref(), Some("/HDon/DSCKS/NBan/Signature/Object"));
    let s = String::from_utf8(out).unwrap();
    assert!(s.contains("<SigningTime>2024-05-01T09:30:00+07:00</SigningTime>"));
    // a generic #id signature put into NBan that signs something else than DLHDon
    let other = sign(
        &input,
        &XmlSignOptions { ref_id: None, into: Some("/HDon/DSCKS/NBan".into()), ..rsa_opts(SignatureMethod::RsaSha256) },
        &chain(),
        &mut rsa_signer(&pki().rsa_key, SignatureMethod::RsaSha256),
    )
    .unwrap();
    assert!(one(&other).is_intact(), "URI=\"\" covers DLHDon");
}

/// xorshift64*
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_mutations_never_panic() {
    let (_, real) = &crate::common::real_invoices()[1];
    let ours = sign_doc(
        DOC.as_bytes(),
        &XmlSignOptions { xades: true, prefix: Some("ds".into()), ..rsa_opts(SignatureMethod::RsaSha256) },
    );
    let pieces: &[&[u8]] = &[
        b"<",
        b">",
        b"/",
        b"\"",
        b"&",
        b"&amp;",
        b"<!--",
        b"-->",
        b"<![CDATA[",
        b"]]>",
        b"xmlns=\"\"",
        b"xmlns:ds=\"urn:x\"",
        b" Id=\"Id-22884\"",
        b"#",
        b"\xc3",
        b"\x00",
        b"<!DOCTYPE a>",
        b"=",
        b"ds:",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut parsed, mut intact) = (0, 0);
    let n = 3000;
    for i in 0..n {
        let base: &[u8] = if i % 2 == 0 { real } else { &ours };
        let mut m = base.to_vec();
        for _ in 0..1 + rng.below(4) {
            let pos = rng.below(m.len());
            match rng.below(5) {
                0 => m[pos] = rng.next() as u8,
                1 => {
                    m.remove(pos);
                }
                2 => {
                    let p = pieces[rng.below(pieces.len())];
                    m.splice(pos..pos, p.iter().copied());
                }
                3 => {
                    let len = rng.below(64).min(m.len() - pos);
                    m.drain(pos..pos + len);
                }
                _ => {
                    // duplicate a random slice elsewhere
                    let len = rng.below(200).min(m.len() - pos);
                    let chunk = m[pos..pos + len].to_vec();
                    let at = rng.below(m.len());
                    m.splice(at..at, chunk);
                }
            }
        }
        if let Ok(reps) = verify(&m, &[]) {
            parsed += 1;
            intact += reps.iter().filter(|r| r.is_intact()).count();
        }
    }
    eprintln!("{n} mutations: {parsed} parsed, {intact} signatures still intact");
}
