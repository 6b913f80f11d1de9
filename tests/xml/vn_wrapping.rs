//! Signature wrapping in Vietnamese messages (issue 18, items 12 and 13), built from real
//! signed files of ../shared/interop/vn-einvoice-realworld: a forged invoice, notice,
//! registration or message data where applications read it, the signed original moved
//! into a wrapper or nested in the forgery, is refused (INVALID, a detail saying
//! "wrapping"); the untouched file beside each attack is not. Also: batch messages
//! verified per invoice, and text split by a comment.

use std::path::PathBuf;

use kyso::verify::xml::XmlOptions;
use kyso::verify::{FileReport, NoteCode, ReasonCode, Verdict, VerifyOptions};
use kyso::xml::VerifyProfile;

fn file(name: &str) -> String {
    let p: PathBuf = crate::common::interop().join("vn-einvoice-realworld").join(name);
    String::from_utf8(std::fs::read(&p).unwrap()).unwrap()
}

fn opts(profile: VerifyProfile) -> VerifyOptions {
    VerifyOptions {
        trust: Default::default(),
        at: 1_700_000_000,
        xml: XmlOptions { profile, ..XmlOptions::default() },
        ..Default::default()
    }
}

fn check(text: &str, profile: VerifyProfile) -> FileReport {
    kyso::verify::xml::verify_bytes("t.xml".into(), text.as_bytes(), &opts(profile), &[])
}

fn reasons(r: &FileReport) -> Vec<String> {
    r.signatures.iter().flat_map(|s| s.reasons.iter().map(|x| format!("{}: {}", x.code.as_str(), x.detail))).collect()
}

fn assert_wrapping(r: &FileReport, what: &str) {
    assert_eq!(r.verdict, Verdict::Invalid, "{what}: {:?}", reasons(r));
    assert!(
        reasons(r).iter().any(|x| x.starts_with("FORMAT_FAILURE") && x.contains("wrapping")),
        "{what}: {:?}",
        reasons(r)
    );
}

fn assert_not_invalid(r: &FileReport, what: &str) {
    assert!(!matches!(r.verdict, Verdict::Invalid | Verdict::Error), "{what}: {:?}", reasons(r));
    assert!(!reasons(r).iter().any(|x| x.contains("wrapping")), "{what}: {:?}", reasons(r));
}

/// The byte range of the first `<tag ...>...</tag>` (not self-closing), nesting counted.
fn element(s: &str, tag: &str) -> (usize, usize) {
    let doc = roxmltree::Document::parse(s).unwrap();
    let n = doc.descendants().find(|n| n.has_tag_name(tag)).unwrap();
    (n.range().start, n.range().end)
}

/// A forged copy of an element: no Id, one digit changed.
fn forged(original: &str) -> String {
    let no_id = regex_lite_remove_id(original);
    let i = no_id.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    let mut f = no_id.clone();
    if let Some(c) = no_id[i..].chars().next().filter(|c| c.is_ascii_digit()) {
        let d = if c == '9' { '1' } else { char::from(c as u8 + 1) };
        f.replace_range(i..i + 1, &d.to_string());
    }
    f
}

fn regex_lite_remove_id(el: &str) -> String {
    let end = el.find('>').unwrap();
    let head = &el[..end];
    let Some(k) = head.find(" Id=\"") else { return el.to_string() };
    let close = k + 5 + head[k + 5..].find('"').unwrap() + 1;
    format!("{}{}", &el[..k], &el[close..])
}

/// The three placements of the signed element next to a forged one.
fn variants(s: &str, tag: &str) -> Vec<(&'static str, String)> {
    let (a, b) = element(s, tag);
    let real = &s[a..b];
    let fake = forged(real);
    let inner_end = fake.rfind(&format!("</{tag}>")).unwrap();
    vec![
        ("forged first, signed one in a wrapper", format!("{}{fake}<Wrap>{real}</Wrap>{}", &s[..a], &s[b..])),
        ("forged first, signed one after it", format!("{}{fake}{real}{}", &s[..a], &s[b..])),
        (
            "signed one nested in the forged one",
            format!("{}{}{real}{}{}", &s[..a], &fake[..inner_end], &fake[inner_end..], &s[b..]),
        ),
    ]
}

#[test]
fn invoice_in_a_message() {
    let s = file("valid/ca2_TDiep-200_CA2_e8d07a4b.xml");
    assert_not_invalid(&check(&s, VerifyProfile::Auto), "the real message");
    for (what, attacked) in variants(&s, "DLHDon") {
        assert_wrapping(&check(&attacked, VerifyProfile::Auto), what);
        assert_wrapping(&check(&attacked, VerifyProfile::EInvoice), what);
    }
    // a forged HDon first, the signed invoice nested inside it
    let (a, b) = element(&s, "HDon");
    let real = &s[a..b];
    let (da, db) = element(real, "DLHDon");
    let fake_data = forged(&real[da..db]);
    let attacked = format!("{}<HDon>{fake_data}{real}</HDon>{}", &s[..a], &s[b..]);
    assert_wrapping(&check(&attacked, VerifyProfile::Auto), "invoice nested in a forged invoice");
    // the signed invoice moved out of DLieu into a wrapper, a forged one in its place
    let attacked =
        format!("{}<HDon>{fake_data}</HDon>{}<Wrap>{real}</Wrap>", &s[..a], &s[b..s.rfind("</TDiep>").unwrap()])
            + "</TDiep>";
    let r = check(&attacked, VerifyProfile::Auto);
    assert!(r.verdict != Verdict::Valid, "{:?}", reasons(&r));
    assert_wrapping(&r, "invoice moved out of DLieu");
}

#[test]
fn invoice_alone() {
    let s = file("valid/ca2_HDon_CA2_28f0cb24.xml");
    assert_not_invalid(&check(&s, VerifyProfile::Auto), "the real invoice");
    for (what, attacked) in variants(&s, "DLHDon") {
        assert_wrapping(&check(&attacked, VerifyProfile::Auto), what);
    }
}

#[test]
fn tax_notice_signed_by_the_tax_authority() {
    let s = file("valid/bk_TDiep-102_VGCA-CPG2_50f25c14.xml");
    assert_not_invalid(&check(&s, VerifyProfile::Auto), "the real notice");
    for (what, attacked) in variants(&s, "DLTBao") {
        assert_wrapping(&check(&attacked, VerifyProfile::Auto), what);
    }
}

#[test]
fn registration() {
    let s = file("valid/bk_TDiep-100_EASYCA_249fcb17.xml");
    assert_not_invalid(&check(&s, VerifyProfile::Auto), "the real registration");
    for (what, attacked) in variants(&s, "DLTKhai") {
        assert_wrapping(&check(&attacked, VerifyProfile::Auto), what);
    }
}

#[test]
fn message_level_signature() {
    let s = file("valid/ca2_TDiep-206_CA2_83a33c1f.xml");
    assert_not_invalid(&check(&s, VerifyProfile::Auto), "the real TDiep 206");
    for (what, attacked) in variants(&s, "DLieu") {
        assert_wrapping(&check(&attacked, VerifyProfile::Auto), what);
    }
}

#[test]
fn batch_messages_are_verified_per_invoice() {
    let s = file("valid/ca2_TDiep-200_CA2_e8d07a4b.xml");
    let (a, b) = element(&s, "HDon");
    let invoice = &s[a..b];
    // two copies of a signed invoice (the same IDs in both, as batch messages have)
    let batch = format!("{}{invoice}{invoice}{}", &s[..a], &s[b..]);
    let r = check(&batch, VerifyProfile::Auto);
    assert_not_invalid(&r, "two invoices");
    assert_eq!(r.signatures.len(), 2);
    assert!(
        r.signatures[0].coverage.contains("within the invoice /TDiep/DLieu/HDon[1]"),
        "{}",
        r.signatures[0].coverage
    );
    assert!(
        r.signatures[1].coverage.contains("within the invoice /TDiep/DLieu/HDon[2]"),
        "{}",
        r.signatures[1].coverage
    );
    // without the profile, the document has duplicate IDs: refused
    assert_eq!(check(&batch, VerifyProfile::Generic).verdict, Verdict::Invalid);
    // an unsigned invoice in the batch is reported, never hidden behind the others
    let sa = invoice.find("<Signature").unwrap();
    let sb = invoice.find("</Signature>").unwrap() + "</Signature>".len();
    let unsigned = format!("{}{}", &invoice[..sa], &invoice[sb..]);
    let r = check(&format!("{}{invoice}{unsigned}{}", &s[..a], &s[b..]), VerifyProfile::Auto);
    assert!(r.verdict >= Verdict::Unsigned, "{:?}", reasons(&r));
    let last = r.signatures.last().unwrap();
    assert_eq!(last.verdict, Verdict::Unsigned);
    assert!(last.reasons[0].code == ReasonCode::NoSignature && last.coverage == "/TDiep/DLieu/HDon[2]");

    // an invoice signed over its whole document (URI=""), later wrapped in a message:
    // the tax authority extracts the HDon, so does kyso
    let whole = file("valid/bk_HDon_LCS-CA-G1_37a1fac4.xml");
    let body = &whole[whole.find("<HDon").unwrap()..];
    let message = format!("<TDiep><TTChung><MLTDiep>200</MLTDiep></TTChung><DLieu>{}</DLieu></TDiep>", body.trim_end());
    assert_not_invalid(&check(&message, VerifyProfile::Auto), "URI=\"\" invoice in a message");
    assert_eq!(check(&message, VerifyProfile::Generic).verdict, Verdict::Invalid);
}

#[test]
fn text_split_by_a_comment() {
    let s = file("valid/ca2_HDon_CA2_28f0cb24.xml");
    let split = s.replacen("<TgTTTBSo>10000000.000000<", "<TgTTTBSo>1<!---->0000000.000000<", 1);
    assert_ne!(split, s);
    // the digest is unchanged (comments are not signed), the reading is not
    let r = check(&split, VerifyProfile::Auto);
    assert_eq!(r.verdict, Verdict::Indeterminate, "{:?}", reasons(&r));
    assert!(reasons(&r).iter().any(|x| x.starts_with("AMBIGUOUS_CONTENT") && x.contains("\"1\"")), "{:?}", reasons(&r));
    // outside the e-invoice profiles: a warning on the signature
    let r = check(&split, VerifyProfile::Generic);
    assert!(!reasons(&r).iter().any(|x| x.starts_with("AMBIGUOUS_CONTENT")));
    assert!(r.signatures[0].notes.iter().any(|n| n.code == NoteCode::Warning && n.detail.contains("split")));
}
