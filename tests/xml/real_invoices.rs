//! The two real signed Vietnamese e-invoices: intact, and every one-character
//! change of the signed data or of SignedInfo detected.

use kyso::xml::{XmlProblem, verify};

#[test]
fn real_invoices_are_intact() {
    for (name, data) in crate::common::real_invoices() {
        let reports = verify(&data, &[]).unwrap();
        assert_eq!(reports.len(), 1, "{name}");
        let r = &reports[0];
        eprintln!("{name}: {r:?}");
        assert_eq!(r.signature_path, "/HDon/DSCKS/NBan/Signature");
        assert_eq!(r.method_uri, "http://www.w3.org/2000/09/xmldsig#rsa-sha1");
        assert!(r.weak_algorithm);
        assert_eq!(r.references.len(), 2);
        assert!(r.references.iter().all(|x| x.digest_ok), "{name}: {:?}", r.references);
        assert_eq!(r.references[0].target_path.as_deref(), Some("/HDon/DLHDon"));
        assert_eq!(r.references[1].target_path.as_deref(), Some("/HDon/DSCKS/NBan/Signature/Object"));
        assert!(r.signature_value_ok);
        assert_eq!(r.certificates_der.len(), 1);
        assert_eq!(r.signer_cert_der.as_ref(), Some(&r.certificates_der[0]));
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert!(r.is_intact());
    }
}

fn text_positions(s: &str, from: usize, to: usize) -> Vec<usize> {
    // byte offsets of ASCII alphanumeric characters in text content between from..to
    let b = s.as_bytes();
    let mut in_tag = false;
    let mut v = Vec::new();
    for (i, &c) in b.iter().enumerate().take(to).skip(from) {
        match c {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            c if !in_tag && c.is_ascii_alphanumeric() => v.push(i),
            _ => {}
        }
    }
    v
}

fn flip(c: u8) -> u8 {
    match c {
        b'0'..=b'8' | b'a'..=b'y' | b'A'..=b'Y' => c + 1,
        b'9' => b'0',
        b'z' => b'a',
        _ => b'A',
    }
}

#[test]
fn any_change_to_signed_data_is_a_digest_failure() {
    for (name, data) in crate::common::real_invoices() {
        let s = std::str::from_utf8(&data).unwrap();
        let from = s.find("<DLHDon").unwrap();
        let to = s.find("</DLHDon>").unwrap();
        let positions = text_positions(s, from, to);
        assert!(positions.len() > 200);
        for &i in &positions {
            let mut m = data.clone();
            m[i] = flip(m[i]);
            let r = &verify(&m, &[]).unwrap()[0];
            assert!(!r.references[0].digest_ok, "{name}: change at {i} undetected");
            assert!(r.references[1].digest_ok);
            assert!(r.signature_value_ok);
            assert!(!r.is_intact());
        }
        // also the SigningTime object (second reference)
        let st = s.find("<SigningTime>").unwrap();
        let mut m = data.clone();
        m[st + 13] = flip(m[st + 13]);
        let r = &verify(&m, &[]).unwrap()[0];
        assert!(!r.references[1].digest_ok);
        eprintln!("{name}: {} one-character changes in DLHDon detected", positions.len());
    }
}

#[test]
fn any_change_to_signed_info_is_a_signature_failure() {
    for (name, data) in crate::common::real_invoices() {
        let s = std::str::from_utf8(&data).unwrap();
        let from = s.find("<SignedInfo>").unwrap();
        let to = s.find("</SignedInfo>").unwrap();
        // characters inside the DigestValues and the Type attribute value
        let mut positions = text_positions(s, from, to);
        let ty = s.find("vninvoice.vn").unwrap();
        positions.extend(ty..ty + 12);
        for &i in &positions {
            let mut m = data.clone();
            m[i] = flip(m[i]);
            let Ok(reports) = verify(&m, &[]) else {
                continue;
            };
            let r = &reports[0];
            assert!(!r.signature_value_ok, "{name}: SignedInfo change at {i} undetected");
            assert!(!r.is_intact());
        }
    }
}

#[test]
fn real_invoice_wrapping_attacks() {
    let (_, data) = &crate::common::real_invoices()[1];
    let s = std::str::from_utf8(data).unwrap();
    let a = s.find("<DLHDon").unwrap();
    let b = s.find("</DLHDon>").unwrap() + "</DLHDon>".len();
    let original = &s[a..b];
    let forged = original.replacen("<SHDon>226</SHDon>", "<SHDon>999</SHDon>", 1);
    assert_ne!(forged, original);

    // 1. forged first with the same Id, original moved into the Signature's Object
    let obj_end = s.find("</Object>").unwrap();
    let attacked = format!("{}{}{}{}{}", &s[..a], forged, &s[b..obj_end], original, &s[obj_end..]);
    let r = &verify(attacked.as_bytes(), &[]).unwrap()[0];
    assert!(r.problems.iter().any(|p| matches!(p, XmlProblem::DuplicateId(_))), "{:?}", r.problems);
    assert!(!r.is_intact());

    // 2. the forged element carries no Id and follows the original: two
    // DLHDon siblings, the signed one is not "the" /HDon/DLHDon
    let forged_noid = forged.replacen(" Id=\"Id-22884\"", "", 1);
    let attacked = format!("{}{}{}{}", &s[..a], original, forged_noid, &s[b..]);
    let r = &verify(attacked.as_bytes(), &[]).unwrap()[0];
    assert!(r.references.iter().all(|x| x.digest_ok) && r.signature_value_ok, "{:?}", r.references);
    assert_eq!(r.references[0].target_path.as_deref(), Some("/HDon/DLHDon[1]"));
    assert!(r.problems.iter().any(|p| matches!(p, XmlProblem::WrappingSuspected(_))), "{:?}", r.problems);
    assert!(!r.is_intact());

    // 2b. original moved inside the Signature's Object: the enveloped
    // transform then removes it, the digest fails anyway
    let obj_end = s.find("</Object>").unwrap();
    let attacked = format!("{}{}{}{}{}", &s[..a], forged_noid, &s[b..obj_end], original, &s[obj_end..]);
    let r = &verify(attacked.as_bytes(), &[]).unwrap()[0];
    assert!(!r.references[0].digest_ok);
    assert!(!r.is_intact());

    // 3. original moved into a wrapper element elsewhere
    let attacked = format!("{}{}<Wrap>{}</Wrap>{}", &s[..a], forged_noid, original, &s[b..]);
    let r = &verify(attacked.as_bytes(), &[]).unwrap()[0];
    assert!(r.references[0].digest_ok && r.signature_value_ok);
    assert_eq!(r.references[0].target_path.as_deref(), Some("/HDon/Wrap/DLHDon"));
    assert!(r.problems.iter().any(|p| matches!(p, XmlProblem::WrappingSuspected(_))));
    assert!(!r.is_intact());
}

// ---------------------------------------------------------------------------
// The real-world Vietnamese collection (../shared/interop/vn-einvoice-realworld)

use std::path::{Path, PathBuf};

use kyso::verify::{FileReport, ReasonCode, Verdict, VerifyOptions};

fn realworld() -> PathBuf {
    crate::common::interop().join("vn-einvoice-realworld")
}

/// Every certificate of `certs/` (PEM, also with CRLF lines, or DER): self-signed ones
/// are anchors, the others intermediates.
fn vn_trust() -> kyso::verify::trust::TrustStore {
    use base64::Engine as _;
    use der::Decode;
    let mut store = kyso::verify::trust::TrustStore::default();
    for e in walkdir::WalkDir::new(realworld().join("certs")).into_iter().filter_map(|e| e.ok()) {
        let p = e.path();
        if !p.is_file() || !matches!(p.extension().and_then(|x| x.to_str()), Some("crt" | "der" | "cer" | "pem")) {
            continue;
        }
        let bytes = std::fs::read(p).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let ders: Vec<Vec<u8>> = if text.contains("-----BEGIN CERTIFICATE-----") {
            text.split("-----BEGIN CERTIFICATE-----")
                .skip(1)
                .filter_map(|b| b.split("-----END CERTIFICATE-----").next())
                .filter_map(|b| {
                    let clean: String = b.chars().filter(|c| !c.is_whitespace()).collect();
                    base64::engine::general_purpose::STANDARD.decode(clean).ok()
                })
                .collect()
        } else {
            vec![bytes.clone()]
        };
        for d in ders {
            if let Ok(c) = x509_cert::Certificate::from_der(&d) {
                if c.tbs_certificate().issuer() == c.tbs_certificate().subject() {
                    store.anchors.push(c);
                } else {
                    store.intermediates.push(c);
                }
            }
        }
    }
    store
}

fn verify_file(p: &Path, opts: &VerifyOptions) -> FileReport {
    kyso::verify::xml::verify(p, opts, &kyso::xml::dsig::default_id_attrs())
}

fn files_in(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(realworld().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    v.sort();
    v
}

fn summary(r: &FileReport) -> String {
    let sigs: Vec<String> = r
        .signatures
        .iter()
        .map(|s| {
            let codes: Vec<String> = s.reasons.iter().map(|x| x.code.as_str()).collect();
            format!("{:?}{:?}", s.verdict, codes)
        })
        .collect();
    format!("{:?} {}", r.verdict, sigs.join(" "))
}

#[test]
fn realworld_valid_files_are_never_invalid_and_invalid_ones_are() {
    let opts = VerifyOptions { trust: vn_trust(), at: kyso::pki::time::now_unix(), ..Default::default() };
    assert!(opts.trust.anchors.len() > 5, "the Vietnamese roots were not loaded");
    let valid = files_in("valid");
    assert!(valid.len() >= 30);
    let mut report = Vec::new();
    for f in &valid {
        let r = verify_file(f, &opts);
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        report.push(format!("valid/{name}: {}", summary(&r)));
        assert!(!matches!(r.verdict, Verdict::Invalid | Verdict::Error), "{name}: {}", summary(&r));
        for s in &r.signatures {
            // what keeps it from VALID is never a digest or a signature value
            assert!(s.reasons.iter().all(|x| x.code.verdict() != Verdict::Invalid), "{name}: {:?}", s.reasons);
        }
    }
    for f in files_in("invalid") {
        let r = verify_file(&f, &opts);
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        report.push(format!("invalid/{name}: {}", summary(&r)));
        assert_eq!(r.verdict, Verdict::Invalid, "{name}: {}", summary(&r));
    }
    eprintln!("{}", report.join("\n"));
}

#[test]
fn dotnet_enveloped_reading_is_reported_never_silent() {
    let opts = VerifyOptions::at(1_700_000_000);
    let r = verify_file(&realworld().join("valid/bk_HDon_EASYCA_4d2f2260.xml"), &opts);
    let s = &r.signatures[0];
    assert!(s.notes.iter().any(|n| n.code == kyso::verify::NoteCode::DotnetEnveloped), "{:?}", s.notes);
    assert!(s.reasons.iter().all(|x| x.code.verdict() != Verdict::Invalid), "{:?}", s.reasons);
    // the literal reading would digest nothing: changing the SigningTime is still caught
    let data = std::fs::read(realworld().join("valid/bk_HDon_EASYCA_4d2f2260.xml")).unwrap();
    let text = String::from_utf8(data).unwrap();
    let i = text.find("<SigningTime").unwrap();
    let j = i + text[i..].find('>').unwrap() + 1;
    let changed = format!("{}{}{}", &text[..j], "1", &text[j + 1..]);
    let r = kyso::verify::xml::verify_bytes(String::new(), changed.as_bytes(), &opts, &[]);
    assert_eq!(r.verdict, Verdict::Invalid);
    assert!(r.signatures[0].reasons.iter().any(|x| x.code == ReasonCode::HashFailure));
}
