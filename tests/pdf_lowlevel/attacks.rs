//! Modification analysis (`diff.rs`) against the known attacks on PDF
//! signatures (incremental saving / shadow / evil annotation / sneaky
//! signature / signature wrapping / USF) and against legitimate updates.
//! Every file is also validated with pyHanko and the verdicts compared.

use crate::common::signing::*;
use crate::common::*;
use kyso::pdf::syntax::lexer::Lexer;
use kyso::pdf::syntax::parser::parse_object;
use kyso::pdf::{
    AllowedChange, ByteRangeProblem, ChangeKind, DisallowedChange, DocMdp, IncrementalUpdate, ObjRef, Object, PdfError,
    PdfReader, Permission, SignOptions, SignatureAnalysis, Stream, analyze, document_permission, duplicate_byte_ranges,
    find_signatures, fuzz_verify_path,
};

// ----------------------------------------------------------------------
// helpers
// ----------------------------------------------------------------------

fn o(text: &str) -> Object {
    parse_object(&mut Lexer::new(text.as_bytes(), 0)).unwrap()
}

fn r(n: u32) -> ObjRef {
    ObjRef::new(n, 0)
}

fn stream(dict: &str, data: &[u8]) -> Object {
    let d = o(dict).as_dict().unwrap().clone();
    Object::Stream(Stream::new(d, data.to_vec()))
}

const CONTENT: &[u8] = b"BT /F1 24 Tf 72 720 Td (Pay 100 USD to A) Tj ET q /Logo Do Q";
const SHADOW: &[u8] = b"q 1 1 1 rg 60 700 400 50 re f Q BT /F1 24 Tf 72 720 Td (Pay 1000000 USD to B) Tj ET";

/// One page with a font, a logo XObject, a text field (merged widget
/// with appearance), a hidden text annotation and an unused XObject (9:
/// prepared "shadow" content).
fn base_pdf() -> Vec<u8> {
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R >>");
    b.obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    b.obj(
        3,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Logo 11 0 R >> >> /Contents 6 0 R /Annots [7 0 R 12 0 R] >>",
    );
    b.obj(4, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    b.obj(5, b"<< /Fields [7 0 R] /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 4 0 R >> >> >>");
    b.stream(6, "", CONTENT);
    b.obj(
        7,
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (Name) /V (Nguyen Van A) /Rect [72 600 300 630] /P 3 0 R /F 4 /DA (/Helv 12 Tf 0 g) /AP << /N 8 0 R >> >>",
    );
    b.stream(
        8,
        "/Type /XObject /Subtype /Form /BBox [0 0 228 30] /Resources << /Font << /Helv 4 0 R >> >>",
        b"/Tx BMC BT /Helv 12 Tf 2 10 Td (Nguyen Van A) Tj ET EMC",
    );
    b.stream(9, "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>", SHADOW);
    b.obj(10, b"<< /Title (Hop dong) /Producer (kyso test) >>");
    b.stream(11, "/Type /XObject /Subtype /Form /BBox [0 0 50 50]", b"0 0 1 rg 500 780 40 40 re f");
    b.obj(12, b"<< /Type /Annot /Subtype /Square /Rect [60 690 480 760] /F 2 /AP << /N 13 0 R >> >>");
    b.stream(
        13,
        "/Type /XObject /Subtype /Form /BBox [0 0 420 70] /Resources << /Font << /F1 4 0 R >> >>",
        b"1 1 1 rg 0 0 420 70 re f BT /F1 24 Tf 12 30 Td (Pay 1000000 USD to B) Tj ET",
    );
    b.finish("/Info 10 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]")
}

fn opts(field: &str) -> SignOptions {
    SignOptions {
        field_name: Some(field.to_string()),
        name: Some("Nguyen Van A".into()),
        reason: Some("Phê duyệt".into()),
        signing_time_unix: 1_735_700_000,
        tz_offset_minutes: 420,
        contents_len: 8192,
        ..SignOptions::default()
    }
}

fn signed(certify: Option<DocMdp>) -> Vec<u8> {
    let mut so = opts("Signature1");
    so.certify = certify;
    sign_with(&base_pdf(), &so)
}

/// Append one incremental update written by the writer.
fn update(pdf: &[u8], f: impl FnOnce(&PdfReader, &mut IncrementalUpdate)) -> Vec<u8> {
    let rd = PdfReader::open(pdf).unwrap();
    let mut up = IncrementalUpdate::new(&rd);
    f(&rd, &mut up);
    let mut out = pdf.to_vec();
    up.write(&rd, &mut out).unwrap();
    out
}

/// Our verdict on the first signature: ByteRange sane, covered revision
/// found, and no disallowed modification after it.
struct Ours {
    ok: bool,
    analysis: Option<SignatureAnalysis>,
    problems: Vec<ByteRangeProblem>,
}

fn ours(pdf: &[u8]) -> Ours {
    let rd = PdfReader::open(pdf).unwrap();
    let sigs = find_signatures(&rd).unwrap();
    let s = &sigs[0];
    let perm = document_permission(&rd).unwrap();
    let analysis = s.covered_revision.map(|c| analyze(&rd, c, perm).unwrap());
    let ok = s.problems.is_empty()
        && duplicate_byte_ranges(&sigs).is_empty()
        && analysis.as_ref().is_some_and(|a| a.verdict_ok);
    Ours { ok, analysis, problems: s.problems.clone() }
}

/// pyHanko's judgement of the first signature: "judged VALID" or not.
fn pyhanko_ok(pdf: &[u8]) -> (bool, String) {
    let report = pyhanko_validate(pdf);
    let secs = pyhanko_sections(&report);
    let ok = secs.first().is_some_and(|(_, t)| t.contains("The signature is judged VALID"));
    (ok, report)
}

/// Assert our verdict and pyHanko's; print a table row.
fn compare(case: &str, pdf: &[u8], expect_ours: bool, expect_pyhanko: bool, note: &str) -> Ours {
    let us = ours(pdf);
    let (py, report) = pyhanko_ok(pdf);
    let first = us
        .analysis
        .as_ref()
        .and_then(|a| a.first_disallowed.clone())
        .unwrap_or_else(|| format!("problems {:?}", us.problems));
    eprintln!(
        "| {case} | ours {} | pyHanko {} | {first} | {note} |",
        if us.ok { "OK" } else { "NOT OK" },
        if py { "VALID" } else { "INVALID" }
    );
    assert_eq!(us.ok, expect_ours, "{case}: ours; {first}\n{:#?}", us.analysis);
    assert_eq!(py, expect_pyhanko, "{case}: pyHanko:\n{report}");
    us
}

fn has(a: &SignatureAnalysis, pred: impl Fn(&ChangeKind) -> bool) -> bool {
    a.later.iter().flat_map(|r| &r.changes).any(|c| pred(&c.1))
}

fn dis(a: &SignatureAnalysis, pred: impl Fn(&DisallowedChange) -> bool) -> bool {
    has(a, |k| matches!(k, ChangeKind::Disallowed(d) if pred(d)))
}

fn allowed(a: &SignatureAnalysis, pred: impl Fn(&AllowedChange) -> bool) -> bool {
    has(a, |k| matches!(k, ChangeKind::Allowed(x) if pred(x)))
}

// ----------------------------------------------------------------------
// legitimate updates
// ----------------------------------------------------------------------

#[test]
fn legit_signed_untouched_and_second_signature() {
    if !have_peers(&["openssl", "pyhanko"]) {
        return;
    }
    let s1 = signed(None);
    let us = compare("signed, untouched", &s1, true, true, "");
    assert!(us.analysis.unwrap().later.is_empty());

    let s2 = sign_with(&s1, &opts("Signature2"));
    let us = compare("second signature (sign.rs)", &s2, true, true, "");
    let a = us.analysis.unwrap();
    assert!(allowed(&a, |c| matches!(c, AllowedChange::NewSignatureField { .. })));
    assert!(allowed(&a, |c| matches!(c, AllowedChange::SignatureValue { .. })));
    assert!(allowed(&a, |c| matches!(c, AllowedChange::PageAnnotsGrownByWidgets { page: 0 })));
    assert!(!a.trailing_bytes_after_eof);

    // a visible second signature, not overlapping anything signed
    let mut so = opts("Signature3");
    so.appearance = Some(kyso::pdf::Appearance {
        rect: [300.0, 100.0, 500.0, 150.0],
        stream: b"0 0 1 rg 0 0 200 50 re f".to_vec(),
        resources: kyso::pdf::syntax::object::Dict::new(),
    });
    let s3 = sign_with(&s2, &so);
    compare("third signature, visible (sign.rs)", &s3, true, true, "");

    // pyHanko signs on top of ours
    let s4 = pyhanko_sign(&s3, "PySig", &[]);
    let us = compare("pyHanko addsig on top", &s4, true, true, "");
    assert!(us.analysis.unwrap().later.len() == 3);
}

#[test]
fn legit_form_filling() {
    if !have_peers(&["openssl", "pyhanko"]) {
        return;
    }
    let fill = |pdf: &[u8]| {
        update(pdf, |_, up| {
            let ap = up.alloc();
            up.put(
                ap,
                stream(
                    "<< /Type /XObject /Subtype /Form /BBox [0 0 228 30] /Resources << /Font << /Helv 4 0 R >> >> >>",
                    b"/Tx BMC BT /Helv 12 Tf 2 10 Td (Tran Thi B) Tj ET EMC",
                ),
            );
            up.put(
                r(7),
                o(&format!("<< /Type /Annot /Subtype /Widget /FT /Tx /T (Name) /V (Tran Thi B) /Rect [72 600 300 630] /P 3 0 R /F 4 /DA (/Helv 12 Tf 0 g) /AP << /N {} 0 R >> >>", ap.num)),
            );
        })
    };
    let us = compare("form fill (text /V + new /AP)", &fill(&signed(None)), true, true, "");
    let a = us.analysis.unwrap();
    assert!(allowed(&a, |c| matches!(c, AllowedChange::FormFieldValue { field } if field == "Name")));
    assert!(allowed(&a, |c| matches!(c, AllowedChange::WidgetAppearance { .. })));

    let us = compare("form fill under certification P=2", &fill(&signed(Some(DocMdp::FormFill))), true, true, "");
    assert!(us.analysis.unwrap().verdict_ok);

    // P=1: no form filling
    let us = compare("form fill under certification P=1", &fill(&signed(Some(DocMdp::NoChanges))), false, false, "");
    assert!(dis(&us.analysis.unwrap(), |d| matches!(d, DisallowedChange::FormFillNotPermitted { .. })));
}

fn root_der() -> Vec<u8> {
    let out = std::process::Command::new("openssl")
        .args(["x509", "-outform", "DER", "-in"])
        .arg(pki().root())
        .output()
        .unwrap();
    assert!(out.status.success());
    out.stdout
}

fn add_dss(pdf: &[u8]) -> Vec<u8> {
    let der = root_der();
    update(pdf, |rd, up| {
        let cert = up.alloc();
        up.put(cert, stream("<<>>", &der));
        let dss = up.alloc();
        up.put(dss, o(&format!("<< /Certs [{} 0 R] >>", cert.num)));
        let mut cat = rd.catalog().unwrap();
        cat.insert("DSS", Object::Reference(dss));
        up.put(rd.trailer().get_ref(b"Root").unwrap(), Object::Dict(cat));
    })
}

#[test]
fn legit_dss_and_info_update() {
    if !have_peers(&["openssl", "pyhanko"]) {
        return;
    }
    let us = compare("DSS added", &add_dss(&signed(None)), true, true, "");
    assert!(allowed(&us.analysis.unwrap(), |c| *c == AllowedChange::Dss));
    // DSS is allowed even under P=1
    let us = compare("DSS added under P=1", &add_dss(&signed(Some(DocMdp::NoChanges))), true, true, "");
    assert!(us.analysis.unwrap().verdict_ok);
    // /Info updated in place
    let f = update(&signed(None), |_, up| {
        up.put(r(10), o("<< /Title (Hop dong - ban cuoi) /Producer (kyso) >>"));
    });
    let us = compare("Info dictionary updated", &f, true, true, "");
    assert!(allowed(&us.analysis.unwrap(), |c| *c == AllowedChange::InfoDict));
}

// ----------------------------------------------------------------------
// incremental saving attacks on page content
// ----------------------------------------------------------------------

#[test]
fn attack_content_replacement_new_page_font_xobject() {
    if !have_peers(&["openssl", "pyhanko"]) {
        return;
    }
    let s = signed(None);
    // page /Contents stream redefined
    let f = update(&s, |_, up| {
        up.put(r(6), stream("<<>>", b"BT /F1 24 Tf 72 720 Td (Pay 9999 USD to C) Tj ET"));
    });
    let us = compare("content stream redefined", &f, false, false, "");
    let a = us.analysis.unwrap();
    assert!(dis(&a, |d| matches!(d, DisallowedChange::PageContent { page: 0 })));
    assert!(a.first_disallowed.unwrap().starts_with("MODIFIED_AFTER_SIGNING"));

    // page dict redefined with another /Contents (new object)
    let f = update(&s, |rd, up| {
        let c = up.alloc();
        up.put(c, stream("<<>>", b"BT /F1 24 Tf 72 720 Td (Other) Tj ET"));
        let mut p = rd.resolve(r(3)).unwrap().as_dict().unwrap().clone();
        p.insert("Contents", Object::Reference(c));
        up.put(r(3), Object::Dict(p));
    });
    let us = compare("page /Contents re-pointed", &f, false, false, "");
    assert!(dis(&us.analysis.unwrap(), |d| matches!(d, DisallowedChange::PageContent { page: 0 })));

    // an added page
    let f = update(&s, |_, up| {
        let c = up.alloc();
        up.put(c, stream("<<>>", b"BT /F1 24 Tf 72 720 Td (Phu luc) Tj ET"));
        let p = up.alloc();
        up.put(
            p,
            o(&format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents {} 0 R >>", c.num)),
        );
        up.put(r(2), o(&format!("<< /Type /Pages /Kids [3 0 R {} 0 R] /Count 2 >>", p.num)));
    });
    let us = compare("page added", &f, false, false, "");
    assert!(dis(&us.analysis.unwrap(), |d| matches!(d, DisallowedChange::NewPage)));

    // font object redefined
    let f = update(&s, |_, up| {
        up.put(r(4), o("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"));
    });
    let us = compare("font redefined", &f, false, false, "");
    assert!(dis(&us.analysis.unwrap(), |d| *d == DisallowedChange::FontOrXObject { obj: r(4) }));

    // XObject stream redefined
    let f = update(&s, |_, up| {
        up.put(
            r(11),
            stream(
                "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> >>",
                SHADOW,
            ),
        );
    });
    let us = compare("XObject redefined", &f, false, false, "");
    assert!(dis(&us.analysis.unwrap(), |d| *d == DisallowedChange::FontOrXObject { obj: r(11) }));

    // catalog /OpenAction added
    let f = update(&s, |rd, up| {
        let mut cat = rd.catalog().unwrap();
        cat.insert("OpenAction", o("<< /S /JavaScript /JS (app.alert\\(1\\)) >>"));
        up.put(r(1), Object::Dict(cat));
    });
    let us = compare("catalog /OpenAction added", &f, false, false, "");
    assert!(dis(&us.analysis.unwrap(), |d| matches!(
        d,
        DisallowedChange::CatalogEntry { key } if key == "/OpenAction"
    )));

    // object freed
    let f = update(&s, |_, up| {
        up.put(r(11), Object::Null);
    });
    compare("XObject replaced by null", &f, false, false, "");
}

// ----------------------------------------------------------------------
// shadow attacks
// ----------------------------------------------------------------------

#[test]
fn attack_shadow_hide_and_replace() {
    if !have_peers(&["openssl", "pyhanko"]) {
        return;
    }
    let s = signed(None);
    // Signed revision contains object 9 (unused); the update draws it.
    let f = update(&s, |rd, up| {
        let c = up.alloc();
        up.put(c, stream("<<>>", b"q /X0 Do Q"));
        let mut p = rd.resolve(r(3)).unwrap().as_dict().unwrap().clone();
        p.insert("Resources", o("<< /Font << /F1 4 0 R >> /XObject << /Logo 11 0 R /X0 9 0 R >> >>"));
        p.insert("Contents", o(&format!("[6 0 R {} 0 R]", c.num)));
        up.put(r(3), Object::Dict(p));
    });
    let us = compare("shadow: unused XObject revealed", &f, false, false, "");
    let a = us.analysis.unwrap();
    assert!(dis(&a, |d| *d == DisallowedChange::HiddenObjectRevealed { obj: r(9) }));
    assert!(a.first_disallowed.as_deref().unwrap().contains("shadow"), "{a:?}");

    // Shadow via the hidden annotation: clear its Hidden flag.
    let f = update(&s, |_, up| {
        up.put(r(12), o("<< /Type /Annot /Subtype /Square /Rect [60 690 480 760] /F 4 /AP << /N 13 0 R >> >>"));
    });
    let us = compare("shadow: hidden annotation shown", &f, false, false, "");
    assert!(dis(&us.analysis.unwrap(), |d| *d == DisallowedChange::HiddenObjectRevealed { obj: r(12) }));

    // Shadow via optional content: an OCG that was OFF turned ON.
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R /OCProperties << /OCGs [5 0 R] /D << /OFF [5 0 R] >> >> >>");
    b.obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    b.obj(
        3,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /Properties << /oc1 5 0 R >> >> /Contents 6 0 R >>",
    );
    b.obj(4, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    b.obj(5, b"<< /Type /OCG /Name (hidden) >>");
    b.stream(
        6,
        "",
        b"BT /F1 24 Tf 72 720 Td (Pay 100 USD) Tj ET /OC /oc1 BDC BT /F1 24 Tf 72 680 Td (and the house) Tj ET EMC",
    );
    let oc_doc = b.finish("");
    let s = sign_with(&oc_doc, &opts("Signature1"));
    let f = update(&s, |rd, up| {
        let mut cat = rd.catalog().unwrap();
        cat.insert("OCProperties", o("<< /OCGs [5 0 R] /D << /ON [5 0 R] >> >>"));
        up.put(r(1), Object::Dict(cat));
    });
    let us = compare("shadow: optional content turned on", &f, false, false, "");
    assert!(dis(&us.analysis.unwrap(), |d| matches!(
        d,
        DisallowedChange::CatalogEntry { key } if key == "/OCProperties"
    )));

    // Shadow via a reference that was dangling when signed: the page's
    // /Resources named object 40 (missing: nothing drawn); the update
    // defines it.
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    b.obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    b.obj(
        3,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X9 40 0 R >> >> /Contents 6 0 R >>",
    );
    b.obj(4, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    b.stream(6, "", b"BT /F1 24 Tf 72 720 Td (Pay 100 USD) Tj ET q /X9 Do Q");
    let dangling = b.finish("");
    let s = sign_with(&dangling, &opts("Signature1"));
    let f = update(&s, |_, up| {
        up.put(
            r(40),
            stream(
                "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> >>",
                SHADOW,
            ),
        );
    });
    // pyHanko refuses to read the file in strict mode ("Object addressed
    // by Reference 40 0 not found in the current context" for the signed
    // revision), so it is INVALID there for a different reason; we compare
    // the page by resolved content and report the content change.
    let us = compare(
        "shadow: dangling reference filled",
        &f,
        false,
        false,
        "pyHanko: strict-mode read error (dangling reference), not a diff verdict",
    );
    assert!(dis(&us.analysis.unwrap(), |d| matches!(
        d,
        DisallowedChange::FontOrXObject { .. } | DisallowedChange::PageResources { .. }
    )));
}

// ----------------------------------------------------------------------
// certification attacks
// ----------------------------------------------------------------------

fn evil_annotation(pdf: &[u8]) -> Vec<u8> {
    update(pdf, |rd, up| {
        let ap = up.alloc();
        up.put(
            ap,
            stream(
                "<< /Type /XObject /Subtype /Form /BBox [0 0 420 70] /Resources << /Font << /F1 4 0 R >> >> >>",
                b"1 1 1 rg 0 0 420 70 re f BT /F1 24 Tf 12 30 Td (Pay 1000000 USD to B) Tj ET",
            ),
        );
        let a = up.alloc();
        up.put(
            a,
            o(&format!("<< /Type /Annot /Subtype /FreeText /Rect [60 690 480 760] /F 4 /DA (/F1 24 Tf 0 g) /Contents (note) /P 3 0 R /AP << /N {} 0 R >> >>", ap.num)),
        );
        let mut p = rd.resolve(r(3)).unwrap().as_dict().unwrap().clone();
        let mut annots = p.get_array(b"Annots").unwrap().to_vec();
        annots.push(Object::Reference(a));
        p.insert("Annots", Object::Array(annots));
        up.put(r(3), Object::Dict(p));
    })
}

#[test]
fn attack_evil_annotation() {
    if !have_peers(&["openssl", "pyhanko"]) {
        return;
    }
    let us = compare("Evil Annotation under P=2", &evil_annotation(&signed(Some(DocMdp::FormFill))), false, false, "");
    let a = us.analysis.unwrap();
    assert!(dis(&a, |d| matches!(d, DisallowedChange::Annotation { page: 0 })));
    assert!(a.first_disallowed.unwrap().contains("Evil Annotation"));
    // Approval signature only: annotations are modifications too.
    let us = compare("FreeText annotation, approval signature", &evil_annotation(&signed(None)), false, false, "");
    assert!(!us.ok);
    // P=3 allows annotations; pyHanko's diff policy has no annotation rule
    // (its StandardDiffPolicy "was not designed to support DocMDP level 3")
    // and rejects every new annotation, so it is too strict here.
    let us = compare(
        "FreeText annotation under P=3",
        &evil_annotation(&signed(Some(DocMdp::Annotate))),
        true,
        false,
        "pyHanko too strict: no P=3 annotation rule",
    );
    assert!(allowed(&us.analysis.unwrap(), |c| matches!(c, AllowedChange::Annotation { page: 0 })));
}

fn visible_sig_opts(name: &str, rect: [f64; 4]) -> SignOptions {
    let mut so = opts(name);
    so.appearance = Some(kyso::pdf::Appearance {
        rect,
        stream: b"1 1 1 rg 0 0 420 70 re f BT /F1 24 Tf 12 30 Td (Pay 1000000 USD to B) Tj ET".to_vec(),
        resources: o("<< /Font << /F1 4 0 R >> >>").as_dict().unwrap().clone(),
    });
    so
}

#[test]
fn attack_sneaky_signature_and_overlap() {
    if !have_peers(&["openssl", "pyhanko"]) {
        return;
    }
    // Certified P=2, then a visible signature whose appearance covers the
    // page text.
    let f = sign_with(&signed(Some(DocMdp::FormFill)), &visible_sig_opts("Signature2", [60.0, 690.0, 480.0, 760.0]));
    let us = compare("Sneaky Signature under P=2", &f, false, false, "");
    assert!(dis(&us.analysis.unwrap(), |d| matches!(d, DisallowedChange::VisibleSignatureAfterCertification { .. })));
    // Invisible second signature after certification P=2 is fine.
    let f = sign_with(&signed(Some(DocMdp::FormFill)), &opts("Signature2"));
    compare("invisible signature under P=2", &f, true, true, "");

    // Approval signatures: a visible new signature drawn over the widget
    // of the first (visible) signature.
    let first = sign_with(&base_pdf(), &visible_sig_opts("Signature1", [300.0, 100.0, 500.0, 150.0]));
    let f = sign_with(&first, &visible_sig_opts("Signature2", [350.0, 90.0, 550.0, 160.0]));
    // Decree 30/2020/NĐ-CP prescribes exactly this for issuing: the agency's seal
    // signature is drawn over the left third of the leader's signature. The overlay is
    // itself a verified signature, so kyso allows it (and reports it), as pyHanko does.
    let us = compare("new signature widget over a signed one", &f, true, true, "");
    let a = us.analysis.unwrap();
    assert!(
        a.later
            .iter()
            .flat_map(|r| r.changes.iter())
            .any(|(_, k, d)| k.is_allowed() && d.contains("overlaps the signed field"))
    );
}

// ----------------------------------------------------------------------
// signature wrapping / USF / duplicate byte ranges
// ----------------------------------------------------------------------

/// Rewrite the signature dictionary of the first signature in a new
/// revision with `edit` applied.
fn rewrite_sig_dict(pdf: &[u8], edit: impl FnOnce(&mut kyso::pdf::syntax::object::Dict)) -> Vec<u8> {
    let rd = PdfReader::open(pdf).unwrap();
    let s = &find_signatures(&rd).unwrap()[0];
    let sref = s.sig_dict_ref.unwrap();
    let mut d = rd.resolve(sref).unwrap().as_dict().unwrap().clone();
    edit(&mut d);
    update(pdf, |_, up| up.put(sref, Object::Dict(d)))
}

#[test]
fn attack_signature_wrapping_and_usf() {
    if !have_peers(&["openssl", "pyhanko"]) {
        return;
    }
    let s = signed(None);
    let rd = PdfReader::open(&s).unwrap();
    let sig = find_signatures(&rd).unwrap()[0].clone();
    let covered = sig.covered_revision.unwrap();
    let br = sig.byte_range.clone().unwrap();
    drop(rd);

    // SWA: the signature dictionary is rewritten with a /ByteRange that
    // spans the whole new file.
    let f = rewrite_sig_dict(&s, |d| {
        d.insert("ByteRange", o(&format!("[0 {} {} {}]", br[1], br[2], br[3] + 5000)));
    });
    let us = compare("SWA: signature dictionary rewritten", &f, false, false, "");
    assert!(!us.problems.is_empty(), "{:?}", us.problems);
    // Analysing from the revision that was really signed shows the rewrite.
    let rd = PdfReader::open(&f).unwrap();
    let a = analyze(&rd, covered, Permission::NoCertification).unwrap();
    assert!(dis(&a, |d| matches!(d, DisallowedChange::RedefinedObject { .. })), "{a:#?}");

    // The signed field's /V switched to a fake copy of the signature.
    let f = update(&s, |rd, up| {
        let sref = sig.sig_dict_ref.unwrap();
        let copy = rd.resolve(sref).unwrap();
        let fake = up.alloc();
        up.put(fake, copy);
        let sigs = kyso::pdf::analysis::signatures::form_fields(rd).unwrap();
        let field = sigs.iter().find(|f| f.name == "Signature1").unwrap();
        let mut fd = field.dict.clone();
        fd.insert("V", Object::Reference(fake));
        up.put(field.obj_ref.unwrap(), Object::Dict(fd));
    });
    let rd = PdfReader::open(&f).unwrap();
    let a = analyze(&rd, covered, Permission::NoCertification).unwrap();
    assert!(!a.verdict_ok);
    assert!(dis(&a, |d| matches!(d, DisallowedChange::RedefinedObject { .. })));
    let (py, _) = pyhanko_ok(&f);
    eprintln!(
        "| signed field /V re-pointed to a fake copy | ours NOT OK | pyHanko {} | | |",
        if py { "VALID" } else { "INVALID" }
    );
    assert!(!py);

    // USF variants (the signature dictionary replaced in a later revision).
    type Edit = Box<dyn Fn(&mut kyso::pdf::syntax::object::Dict)>;
    let variants: Vec<(&str, Edit, ByteRangeProblem)> = vec![
        (
            "USF: /Contents missing",
            Box::new(|d| {
                d.remove(b"Contents");
            }),
            ByteRangeProblem::ContentsMissing,
        ),
        (
            "USF: /ByteRange null",
            Box::new(|d| {
                d.insert("ByteRange", Object::Null);
            }),
            ByteRangeProblem::Missing,
        ),
        (
            "USF: /ByteRange missing",
            Box::new(|d| {
                d.remove(b"ByteRange");
            }),
            ByteRangeProblem::Missing,
        ),
        (
            "USF: /ByteRange [0 0 0 0]",
            Box::new(|d| {
                d.insert("ByteRange", o("[0 0 0 0]"));
            }),
            ByteRangeProblem::Empty,
        ),
        (
            "USF: /Contents literal string",
            Box::new(|d| {
                let c = d.get(b"Contents").unwrap().as_str_bytes().unwrap().to_vec();
                d.insert("Contents", Object::string(c));
            }),
            ByteRangeProblem::ContentsNotHex,
        ),
        (
            "USF: /Contents null",
            Box::new(|d| {
                d.insert("Contents", Object::Null);
            }),
            ByteRangeProblem::ContentsMissing,
        ),
    ];
    for (name, edit, want) in variants {
        let f = rewrite_sig_dict(&s, edit);
        let us = compare(name, &f, false, false, "");
        assert!(us.problems.contains(&want), "{name}: {:?}", us.problems);
    }

    // Two signature fields claiming the same signature dictionary / range.
    let f = update(&s, |rd, up| {
        let w = up.alloc();
        up.put(
            w,
            o(&format!(
                "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Copy) /V {} 0 R /Rect [0 0 0 0] /P 3 0 R >>",
                sig.sig_dict_ref.unwrap().num
            )),
        );
        let mut af = rd.resolve(r(5)).unwrap().as_dict().unwrap().clone();
        let mut fields = af.get_array(b"Fields").unwrap().to_vec();
        fields.push(Object::Reference(w));
        af.insert("Fields", Object::Array(fields));
        up.put(r(5), Object::Dict(af));
    });
    let rd = PdfReader::open(&f).unwrap();
    let sigs = find_signatures(&rd).unwrap();
    assert_eq!(duplicate_byte_ranges(&sigs), vec![(0, 1)]);
    let us = ours(&f);
    assert!(!us.ok);
    // the new field's /V reuses an existing object: also a disallowed change
    assert!(dis(us.analysis.as_ref().unwrap(), |d| matches!(d, DisallowedChange::RedefinedObject { .. })));
    let (py, _) = pyhanko_ok(&f);
    eprintln!(
        "| two fields share one signature | ours NOT OK | pyHanko {} | | |",
        if py { "VALID" } else { "INVALID" }
    );
    assert!(!py);
}

#[test]
fn trailing_garbage_is_a_warning() {
    if !have_peers(&["openssl", "pyhanko"]) {
        return;
    }
    let mut f = signed(None);
    f.extend_from_slice(b"\n<html>garbage after the signature</html>\n");
    let us = compare("trailing bytes after %%EOF", &f, true, true, "warning only");
    assert!(us.analysis.unwrap().trailing_bytes_after_eof);
}

// ----------------------------------------------------------------------
// robustness
// ----------------------------------------------------------------------

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn robustness_truncated_and_mutated() {
    if !have_peers(&["openssl"]) {
        return;
    }
    let s = signed(None);
    let attacked = evil_annotation(&sign_with(&s, &opts("Signature2")));
    for len in (0..attacked.len()).step_by(97) {
        fuzz_verify_path(&attacked[..len]);
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..400 {
        let mut m = attacked.clone();
        for _ in 0..1 + rng.below(8) {
            let i = rng.below(m.len());
            m[i] = match rng.below(4) {
                0 => b' ',
                1 => b'0' + rng.below(10) as u8,
                2 => b"<>[]/R"[rng.below(6)],
                _ => rng.next() as u8,
            };
        }
        fuzz_verify_path(&m);
    }
    // analyze with out-of-range revision: a clear error
    let rd = PdfReader::open(&s).unwrap();
    assert!(matches!(analyze(&rd, 99, Permission::NoCertification), Err(PdfError::Structure(_))));
}

#[test]
fn reference_loops_and_deep_nesting() {
    if !have_peers(&["openssl"]) {
        return;
    }
    let s = signed(None);
    // A resource loop (50 -> 51 -> 50) reachable from the page: finishes,
    // and is reported as a resource change.
    let f = update(&s, |rd, up| {
        up.put(r(50), o("<< /Next 51 0 R /Type /ExtGState >>"));
        up.put(r(51), o("<< /Next 50 0 R >>"));
        let mut p = rd.resolve(r(3)).unwrap().as_dict().unwrap().clone();
        p.insert("Resources", o("<< /Font << /F1 4 0 R >> /XObject << /Logo 11 0 R >> /ExtGState << /G 50 0 R >> >>"));
        up.put(r(3), Object::Dict(p));
    });
    let us = ours(&f);
    assert!(!us.ok);
    assert!(dis(&us.analysis.unwrap(), |d| matches!(d, DisallowedChange::PageResources { page: 0 })));
    // The same loop in both revisions: no difference, no hang.
    let g = update(&f, |_, up| {
        up.put(r(10), o("<< /Title (x) >>"));
    });
    let rd = PdfReader::open(&g).unwrap();
    let n = rd.revisions().len();
    let a = analyze(&rd, n - 2, Permission::NoCertification).unwrap();
    assert!(a.verdict_ok, "{a:#?}");

    // A 300-deep chain of indirect dictionaries: a clear limit error.
    let f = update(&s, |rd, up| {
        let first = 60u32;
        for i in 0..300u32 {
            up.put(r(first + i), o(&format!("<< /Next {} 0 R >>", first + i + 1)));
        }
        up.put(r(first + 300), o("<< /End true >>"));
        let mut p = rd.resolve(r(3)).unwrap().as_dict().unwrap().clone();
        p.insert("PieceInfo", Object::Reference(r(first)));
        up.put(r(3), Object::Dict(p));
    });
    let g = update(&f, |_, up| {
        up.put(r(10), o("<< /Title (y) >>"));
    });
    let rd = PdfReader::open(&g).unwrap();
    let n = rd.revisions().len();
    match analyze(&rd, n - 2, Permission::NoCertification) {
        Err(PdfError::Limit { what, .. }) => assert!(what.contains("deep"), "{what}"),
        other => panic!("expected a depth limit error, got {other:?}"),
    }
}

// ----------------------------------------------------------------------
// object streams / xref streams
// ----------------------------------------------------------------------

#[test]
fn xref_streams_legit_and_object_stream_override() {
    if !have_peers(&["openssl", "pyhanko", "qpdf"]) {
        return;
    }
    let input = qpdf_convert(&base_pdf(), &["--object-streams=generate"]);
    let s1 = sign_with(&input, &opts("Signature1"));
    compare("xref-stream file signed", &s1, true, true, "");
    let s2 = pyhanko_sign(&s1, "PySig", &[]);
    let s3 = sign_with(&s2, &opts("Signature3"));
    compare("xref-stream file: ours, pyHanko, ours", &s3, true, true, "");
    // every signature of that file is fine
    let rd = PdfReader::open(&s3).unwrap();
    let sigs = find_signatures(&rd).unwrap();
    assert_eq!(sigs.len(), 3);
    for sg in &sigs {
        let a = analyze(&rd, sg.covered_revision.unwrap(), Permission::NoCertification).unwrap();
        assert!(a.verdict_ok, "{}: {:?}", sg.field_name, a.first_disallowed);
    }

    // ours on top of a pyHanko signature
    let p1 = pyhanko_sign(&base_pdf(), "PyFirst", &[]);
    let p2 = sign_with(&p1, &opts("Signature2"));
    compare("pyHanko first, then ours", &p2, true, true, "");

    // Attack: a later revision redefines the *object stream* that holds
    // the font; the xref of that revision does not list the font, but it
    // now resolves (through the new object stream) to another font.
    let rd = PdfReader::open(&s1).unwrap();
    let page = rd.pages().unwrap()[0];
    let pd = rd.resolve(page).unwrap().as_dict().unwrap().clone();
    let font = pd.get_dict(b"Resources").and_then(|d| d.get_dict(b"Font")).and_then(|d| d.get_ref(b"F1")).unwrap();
    let Some((_, kyso::pdf::Location::Compressed { stream: osnum, .. })) = rd.location(font.num) else {
        panic!("font not in an object stream")
    };
    let Object::Stream(os) = rd.resolve(r(osnum)).unwrap() else { panic!() };
    let data = rd.stream_data(&os).unwrap();
    let at = data.windows(10).position(|w| w == b"/Helvetica").unwrap();
    let mut nd = data.clone();
    nd[at..at + 10].copy_from_slice(b"/Courier  ");
    let mut dict = os.dict.clone();
    for k in [&b"Filter"[..], b"DecodeParms", b"Length"] {
        dict.remove(k);
    }
    drop(rd);
    let f = update(&s1, |_, up| {
        up.put(r(osnum), Object::Stream(Stream::new(dict, nd)));
    });
    let us = compare("object stream holding the font overridden", &f, false, false, "");
    let a = us.analysis.unwrap();
    assert!(dis(&a, |d| *d == DisallowedChange::FontOrXObject { obj: font }));
    assert!(dis(&a, |d| matches!(d, DisallowedChange::RedefinedObject { obj, .. } if obj.num == osnum)));
}

#[test]
fn many_pages_stay_fast() {
    if !have_peers(&["openssl"]) {
        return;
    }
    // 300 pages sharing one font, signed twice, then a content change on
    // the last page.
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    b.obj(3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    let kids: Vec<String> = (0..300).map(|i| format!("{} 0 R", 10 + 2 * i)).collect();
    b.obj(2, format!("<< /Type /Pages /Kids [{}] /Count 300 >>", kids.join(" ")).as_bytes());
    for i in 0..300u32 {
        let p = 10 + 2 * i;
        b.obj(
            p,
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>", p + 1).as_bytes(),
        );
        b.stream(p + 1, "", format!("BT /F1 18 Tf 72 720 Td (Trang {}) Tj ET", i + 1).as_bytes());
    }
    let doc = b.finish("");
    let s1 = sign_with(&doc, &opts("Signature1"));
    let s2 = sign_with(&s1, &opts("Signature2"));
    let f = update(&s2, |_, up| {
        up.put(r(609), stream("<<>>", b"BT /F1 18 Tf 72 720 Td (Trang 300 - sua) Tj ET"));
    });
    let t = std::time::Instant::now();
    let rd = PdfReader::open(&f).unwrap();
    let sigs = find_signatures(&rd).unwrap();
    let a = analyze(&rd, sigs[0].covered_revision.unwrap(), Permission::NoCertification).unwrap();
    assert!(!a.verdict_ok);
    assert!(dis(&a, |d| matches!(d, DisallowedChange::PageContent { page: 299 })));
    assert!(a.later[0].disallowed().next().is_none(), "second signature is fine");
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
    eprintln!("300 pages, 2 later revisions analysed in {:?}", t.elapsed());
}
