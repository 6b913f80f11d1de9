//! Revision analysis against the known attacks on PDF signatures (incremental saving,
//! shadow, evil annotation, sneaky signature, signature wrapping, USF) and against
//! legitimate updates, one test per case. Every file is also validated with pyHanko and
//! the verdicts compared (`compare` prints a table row per case).

use crate::common::analysis::*;
use crate::common::signing::*;
use crate::common::*;
use kyso::pdf::{
    ByteRangeProblem, DocMdp, FindingCode, IncrementalUpdate, Location, Object, PdfReader, Ruling, Stream,
    duplicate_byte_ranges, find_signatures, fuzz_verify_path, history, judge, mdp_state, shared_signature_dictionaries,
};

fn peers() -> bool {
    have_peers(&["openssl", "pyhanko"])
}

fn has(a: &kyso::pdf::SignatureAnalysis, code: FindingCode, page: Option<usize>) -> bool {
    a.refusals().any(|(_, f, _)| f.code == code && (page.is_none() || f.page == page))
}

fn has_obj(a: &kyso::pdf::SignatureAnalysis, code: FindingCode, obj: kyso::pdf::ObjRef) -> bool {
    a.refusals().any(|(_, f, _)| f.code == code && f.object == Some(obj))
}

// ----------------------------------------------------------------------
// legitimate updates
// ----------------------------------------------------------------------

#[test]
fn legit_signed_untouched() {
    if !peers() {
        return;
    }
    let us = compare("signed, untouched", &signed(None), true, true, "");
    assert!(us.a().revisions.is_empty());
}

#[test]
fn legit_second_signature() {
    if !peers() {
        return;
    }
    let s2 = sign_with(&signed(None), &opts("Signature2"));
    let us = compare("second signature (kyso)", &s2, true, true, "");
    let a = us.a();
    assert!(allowed(a, FindingCode::SignatureFieldAdded));
    assert!(allowed(a, FindingCode::SignatureAdded));
    assert!(findings(a).iter().any(|(f, r)| f.code == FindingCode::WidgetAdded && f.page == Some(0) && r.allowed()));
    assert!(!a.trailing_bytes_after_eof);
}

fn visible_second(s: &[u8], name: &str, rect: [f64; 4]) -> Vec<u8> {
    let mut so = opts(name);
    so.appearance = Some(kyso::pdf::Appearance {
        rect,
        stream: b"0 0 1 rg 0 0 200 50 re f".to_vec(),
        resources: kyso::pdf::syntax::object::Dict::new(),
    });
    sign_with(s, &so)
}

#[test]
fn legit_third_signature_visible() {
    if !peers() {
        return;
    }
    let s2 = sign_with(&signed(None), &opts("Signature2"));
    let s3 = visible_second(&s2, "Signature3", [300.0, 100.0, 500.0, 150.0]);
    compare("third signature, visible (kyso)", &s3, true, true, "");
}

#[test]
fn legit_pyhanko_signs_on_top() {
    if !peers() {
        return;
    }
    let s2 = sign_with(&signed(None), &opts("Signature2"));
    let s4 = pyhanko_sign(&s2, "PySig", &[]);
    let us = compare("pyHanko addsig on top", &s4, true, true, "");
    assert_eq!(us.a().revisions.len(), 2);
}

fn fill(pdf: &[u8]) -> Vec<u8> {
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
}

#[test]
fn legit_form_fill_after_approval() {
    if !peers() {
        return;
    }
    let us = compare("form fill (text /V + new /AP)", &fill(&signed(None)), true, true, "");
    assert!(
        findings(us.a())
            .iter()
            .any(|(f, _)| f.code == FindingCode::FieldValueChanged && f.field.as_deref() == Some("Name"))
    );
    assert!(allowed(us.a(), FindingCode::FieldAppearanceChanged));
}

#[test]
fn legit_form_fill_under_p2() {
    if !peers() {
        return;
    }
    let us = compare("form fill under certification P=2", &fill(&signed(Some(DocMdp::FormFill))), true, true, "");
    assert!(us.a().ok());
}

#[test]
fn attack_form_fill_under_p1() {
    if !peers() {
        return;
    }
    let us = compare("form fill under certification P=1", &fill(&signed(Some(DocMdp::NoChanges))), false, false, "");
    assert!(refused_as(us.a(), FindingCode::FieldValueChanged, |r| *r
        == Ruling::NotPermitted { docmdp: Some(DocMdp::NoChanges) }));
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

pub fn add_dss(pdf: &[u8]) -> Vec<u8> {
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
fn legit_dss_added() {
    if !peers() {
        return;
    }
    let us = compare("DSS added", &add_dss(&signed(None)), true, true, "");
    assert!(allowed(us.a(), FindingCode::DssUpdated));
}

#[test]
fn legit_dss_added_under_p1() {
    if !peers() {
        return;
    }
    let us = compare("DSS added under P=1", &add_dss(&signed(Some(DocMdp::NoChanges))), true, true, "");
    assert!(us.a().ok());
}

#[test]
fn legit_info_updated() {
    if !peers() {
        return;
    }
    let f = update(&signed(None), |_, up| {
        up.put(r(10), o("<< /Title (Hop dong - ban cuoi) /Producer (kyso) >>"));
    });
    let us = compare("Info dictionary updated", &f, true, true, "");
    assert!(allowed(us.a(), FindingCode::InfoUpdated));
}

// ----------------------------------------------------------------------
// incremental saving attacks on page content
// ----------------------------------------------------------------------

#[test]
fn attack_content_stream_redefined() {
    if !peers() {
        return;
    }
    let f = update(&signed(None), |_, up| {
        up.put(r(6), stream("<<>>", b"BT /F1 24 Tf 72 720 Td (Pay 9999 USD to C) Tj ET"));
    });
    let us = compare("content stream redefined", &f, false, false, "");
    assert!(has(us.a(), FindingCode::PageContentChanged, Some(0)));
    assert!(refused_as(us.a(), FindingCode::PageContentChanged, |r| *r == Ruling::Forbidden));
}

#[test]
fn attack_page_contents_repointed() {
    if !peers() {
        return;
    }
    let f = update(&signed(None), |rd, up| {
        let c = up.alloc();
        up.put(c, stream("<<>>", b"BT /F1 24 Tf 72 720 Td (Other) Tj ET"));
        up.put(
            r(3),
            page3(rd, |p| {
                p.insert("Contents", Object::Reference(c));
            }),
        );
    });
    let us = compare("page /Contents re-pointed", &f, false, false, "");
    assert!(has(us.a(), FindingCode::PageContentChanged, Some(0)));
}

#[test]
fn attack_page_added() {
    if !peers() {
        return;
    }
    let f = update(&signed(None), |_, up| {
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
    assert!(has(us.a(), FindingCode::PageAdded, Some(1)));
}

#[test]
fn attack_font_redefined() {
    if !peers() {
        return;
    }
    let f = update(&signed(None), |_, up| {
        up.put(r(4), o("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"));
    });
    let us = compare("font redefined", &f, false, false, "");
    assert!(has_obj(us.a(), FindingCode::FontOrXObjectChanged, r(4)));
}

#[test]
fn attack_xobject_redefined() {
    if !peers() {
        return;
    }
    let f = update(&signed(None), |_, up| {
        up.put(
            r(11),
            stream(
                "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> >>",
                SHADOW,
            ),
        );
    });
    let us = compare("XObject redefined", &f, false, false, "");
    assert!(has_obj(us.a(), FindingCode::FontOrXObjectChanged, r(11)));
}

#[test]
fn attack_open_action_added() {
    if !peers() {
        return;
    }
    let f = update(&signed(None), |rd, up| {
        let mut cat = rd.catalog().unwrap();
        cat.insert("OpenAction", o("<< /S /JavaScript /JS (app.alert\\(1\\)) >>"));
        up.put(r(1), Object::Dict(cat));
    });
    let us = compare("catalog /OpenAction added", &f, false, false, "");
    assert!(
        us.a()
            .refusals()
            .any(|(_, f, _)| f.code == FindingCode::CatalogEntryChanged && f.detail.starts_with("/OpenAction"))
    );
}

#[test]
fn attack_xobject_replaced_by_null() {
    if !peers() {
        return;
    }
    let f = update(&signed(None), |_, up| {
        up.put(r(11), Object::Null);
    });
    compare("XObject replaced by null", &f, false, false, "");
}

// ----------------------------------------------------------------------
// shadow attacks
// ----------------------------------------------------------------------

#[test]
fn attack_shadow_unused_xobject_revealed() {
    if !peers() {
        return;
    }
    // The signed revision contains object 9 (unused); the update draws it.
    let f = update(&signed(None), |rd, up| {
        let c = up.alloc();
        up.put(c, stream("<<>>", b"q /X0 Do Q"));
        up.put(
            r(3),
            page3(rd, |p| {
                p.insert("Resources", o("<< /Font << /F1 4 0 R >> /XObject << /Logo 11 0 R /X0 9 0 R >> >>"));
                p.insert("Contents", o(&format!("[6 0 R {} 0 R]", c.num)));
            }),
        );
    });
    let us = compare("shadow: unused XObject revealed", &f, false, false, "");
    assert!(has_obj(us.a(), FindingCode::HiddenContentRevealed, r(9)));
}

#[test]
fn attack_shadow_hidden_annotation_shown() {
    if !peers() {
        return;
    }
    let f = update(&signed(None), |_, up| {
        up.put(r(12), o("<< /Type /Annot /Subtype /Square /Rect [60 690 480 760] /F 4 /AP << /N 13 0 R >> >>"));
    });
    let us = compare("shadow: hidden annotation shown", &f, false, false, "");
    assert!(has_obj(us.a(), FindingCode::HiddenContentRevealed, r(12)));
}

#[test]
fn attack_shadow_optional_content_turned_on() {
    if !peers() {
        return;
    }
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
    let s = sign_with(&b.finish(""), &opts("Signature1"));
    let f = update(&s, |rd, up| {
        let mut cat = rd.catalog().unwrap();
        cat.insert("OCProperties", o("<< /OCGs [5 0 R] /D << /ON [5 0 R] >> >>"));
        up.put(r(1), Object::Dict(cat));
    });
    let us = compare("shadow: optional content turned on", &f, false, false, "");
    assert!(
        us.a()
            .refusals()
            .any(|(_, f, _)| f.code == FindingCode::CatalogEntryChanged && f.detail.starts_with("/OCProperties"))
    );
}

#[test]
fn attack_shadow_dangling_reference_filled() {
    if !peers() {
        return;
    }
    // The page's /Resources named object 40 (missing: nothing drawn); the update defines it.
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    b.obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    b.obj(
        3,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /X9 40 0 R >> >> /Contents 6 0 R >>",
    );
    b.obj(4, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    b.stream(6, "", b"BT /F1 24 Tf 72 720 Td (Pay 100 USD) Tj ET q /X9 Do Q");
    let s = sign_with(&b.finish(""), &opts("Signature1"));
    let f = update(&s, |_, up| {
        up.put(
            r(40),
            stream(
                "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> >>",
                SHADOW,
            ),
        );
    });
    // pyHanko refuses to read the signed revision in strict mode (dangling reference), so
    // it is INVALID there for another reason; kyso compares the page by resolved content.
    let us = compare("shadow: dangling reference filled", &f, false, false, "pyHanko: strict-mode read error");
    assert!(
        has(us.a(), FindingCode::FontOrXObjectChanged, None) || has(us.a(), FindingCode::PageResourcesChanged, None)
    );
}

// ----------------------------------------------------------------------
// certification attacks
// ----------------------------------------------------------------------

pub fn evil_annotation(pdf: &[u8]) -> Vec<u8> {
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
        attach(rd, up, a, false);
    })
}

#[test]
fn attack_evil_annotation_under_p2() {
    if !peers() {
        return;
    }
    let us = compare("Evil Annotation under P=2", &evil_annotation(&signed(Some(DocMdp::FormFill))), false, false, "");
    assert!(us.a().refusals().any(|(_, f, r)| f.code == FindingCode::AnnotationAdded
        && f.page == Some(0)
        && f.detail.contains("visible, with an appearance stream")
        && *r == Ruling::NotPermitted { docmdp: Some(DocMdp::FormFill) }));
}

#[test]
fn attack_annotation_after_approval_signature() {
    if !peers() {
        return;
    }
    let us = compare("FreeText annotation, approval signature", &evil_annotation(&signed(None)), false, false, "");
    assert!(refused_as(us.a(), FindingCode::AnnotationAdded, |r| *r == Ruling::NotPermitted { docmdp: None }));
}

#[test]
fn legit_annotation_under_p3() {
    if !peers() {
        return;
    }
    // pyHanko's diff policy has no annotation rule (its StandardDiffPolicy "was not
    // designed to support DocMDP level 3") and rejects every new annotation.
    let us = compare(
        "FreeText annotation under P=3",
        &evil_annotation(&signed(Some(DocMdp::Annotate))),
        true,
        false,
        "pyHanko too strict: no P=3 annotation rule",
    );
    assert!(allowed(us.a(), FindingCode::AnnotationAdded));
}

pub fn visible_sig_opts(name: &str, rect: [f64; 4]) -> kyso::pdf::SignOptions {
    let mut so = opts(name);
    so.appearance = Some(kyso::pdf::Appearance {
        rect,
        stream: b"1 1 1 rg 0 0 420 70 re f BT /F1 24 Tf 12 30 Td (Pay 1000000 USD to B) Tj ET".to_vec(),
        resources: o("<< /Font << /F1 4 0 R >> >>").as_dict().unwrap().clone(),
    });
    so
}

#[test]
fn attack_sneaky_signature_under_p2() {
    if !peers() {
        return;
    }
    let f = sign_with(&signed(Some(DocMdp::FormFill)), &visible_sig_opts("Signature2", [60.0, 690.0, 480.0, 760.0]));
    let us = compare("Sneaky Signature under P=2", &f, false, false, "");
    assert!(refused_as(us.a(), FindingCode::SignatureFieldAdded, |r| *r
        == Ruling::NotPermitted { docmdp: Some(DocMdp::FormFill) }));
}

#[test]
fn legit_invisible_signature_under_p2() {
    if !peers() {
        return;
    }
    let f = sign_with(&signed(Some(DocMdp::FormFill)), &opts("Signature2"));
    compare("invisible signature under P=2", &f, true, true, "");
}

#[test]
fn legit_signature_over_signature() {
    if !peers() {
        return;
    }
    // Decree 30/2020/NĐ-CP prescribes exactly this for issuing: the agency's seal signature
    // is drawn over the left third of the leader's. The overlay is itself a verified
    // signature, so it is allowed (and reported), as pyHanko does.
    let first = sign_with(&base_pdf(), &visible_sig_opts("Signature1", [300.0, 100.0, 500.0, 150.0]));
    let f = sign_with(&first, &visible_sig_opts("Signature2", [350.0, 90.0, 550.0, 160.0]));
    let us = compare("new signature widget over a signed one", &f, true, true, "");
    assert!(allowed(us.a(), FindingCode::SignatureOverSignature));
}

// ----------------------------------------------------------------------
// signature wrapping / USF / duplicate byte ranges
// ----------------------------------------------------------------------

/// Rewrite the first signature's dictionary in a new revision with `edit` applied.
fn rewrite_sig_dict(pdf: &[u8], edit: impl FnOnce(&mut kyso::pdf::syntax::object::Dict)) -> Vec<u8> {
    let rd = PdfReader::open(pdf).unwrap();
    let sref = find_signatures(&rd).unwrap()[0].sig_dict_ref.unwrap();
    let mut d = rd.resolve(sref).unwrap().as_dict().unwrap().clone();
    edit(&mut d);
    update(pdf, |_, up| up.put(sref, Object::Dict(d)))
}

/// The analysis from the revision the first signature of `signed_pdf` really covers.
fn analysis_from_signed(signed_pdf: &[u8], attacked: &[u8]) -> kyso::pdf::SignatureAnalysis {
    let covered = find_signatures(&PdfReader::open(signed_pdf).unwrap()).unwrap()[0].covered_revision.unwrap();
    let rd = PdfReader::open(attacked).unwrap();
    let sigs = find_signatures(&rd).unwrap();
    let h = history(&rd, covered, kyso::pdf::analysis::diff::DEFAULT_WORK_LIMIT).unwrap();
    judge(&h, covered, &mdp_state(&rd, &sigs).unwrap())
}

#[test]
fn attack_swa_signature_dictionary_rewritten() {
    if !peers() {
        return;
    }
    let s = signed(None);
    let br = find_signatures(&PdfReader::open(&s).unwrap()).unwrap()[0].byte_range.clone().unwrap();
    // SWA: the signature dictionary rewritten with a /ByteRange spanning the new file.
    let f = rewrite_sig_dict(&s, |d| {
        d.insert("ByteRange", o(&format!("[0 {} {} {}]", br[1], br[2], br[3] + 5000)));
    });
    let us = compare("SWA: signature dictionary rewritten", &f, false, false, "");
    assert!(!us.problems.is_empty(), "{:?}", us.problems);
    // Analysing from the revision that was really signed shows the rewrite.
    assert!(refused(&analysis_from_signed(&s, &f), FindingCode::SignedFieldChanged));
}

#[test]
fn attack_signed_field_repointed_to_copy() {
    if !peers() {
        return;
    }
    let s = signed(None);
    let f = update(&s, |rd, up| {
        let sref = find_signatures(rd).unwrap()[0].sig_dict_ref.unwrap();
        let fake = up.alloc();
        up.put(fake, rd.resolve(sref).unwrap());
        let fields = kyso::pdf::analysis::signatures::form_fields(rd).unwrap();
        let field = fields.iter().find(|f| f.name == "Signature1").unwrap();
        let mut fd = field.dict.clone();
        fd.insert("V", Object::Reference(fake));
        up.put(field.obj_ref.unwrap(), Object::Dict(fd));
    });
    let a = analysis_from_signed(&s, &f);
    assert!(!a.ok());
    assert!(refused(&a, FindingCode::SignedFieldChanged));
    let (py, _) = pyhanko_ok(&f);
    eprintln!(
        "| signed field /V re-pointed to a fake copy | ours NOT OK | pyHanko {} | | |",
        if py { "VALID" } else { "INVALID" }
    );
    assert!(!py);
}

fn usf(name: &str, edit: impl FnOnce(&mut kyso::pdf::syntax::object::Dict), want: ByteRangeProblem) {
    let f = rewrite_sig_dict(&signed(None), edit);
    let us = compare(name, &f, false, false, "");
    assert!(us.problems.contains(&want), "{name}: {:?}", us.problems);
}

#[test]
fn attack_usf_contents_missing() {
    if peers() {
        usf("USF: /Contents missing", |d| drop(d.remove(b"Contents")), ByteRangeProblem::ContentsMissing);
    }
}

#[test]
fn attack_usf_byte_range_null() {
    if peers() {
        usf("USF: /ByteRange null", |d| drop(d.insert("ByteRange", Object::Null)), ByteRangeProblem::Missing);
    }
}

#[test]
fn attack_usf_byte_range_missing() {
    if peers() {
        usf("USF: /ByteRange missing", |d| drop(d.remove(b"ByteRange")), ByteRangeProblem::Missing);
    }
}

#[test]
fn attack_usf_byte_range_zeros() {
    if peers() {
        usf("USF: /ByteRange [0 0 0 0]", |d| drop(d.insert("ByteRange", o("[0 0 0 0]"))), ByteRangeProblem::Empty);
    }
}

#[test]
fn attack_usf_contents_literal_string() {
    if peers() {
        usf(
            "USF: /Contents literal string",
            |d| {
                let c = d.get(b"Contents").unwrap().as_str_bytes().unwrap().to_vec();
                d.insert("Contents", Object::string(c));
            },
            ByteRangeProblem::ContentsNotHex,
        );
    }
}

#[test]
fn attack_usf_contents_null() {
    if peers() {
        usf("USF: /Contents null", |d| drop(d.insert("Contents", Object::Null)), ByteRangeProblem::ContentsMissing);
    }
}

#[test]
fn attack_second_field_added_sharing_the_signature() {
    if !peers() {
        return;
    }
    let s = signed(None);
    let sref = find_signatures(&PdfReader::open(&s).unwrap()).unwrap()[0].sig_dict_ref.unwrap();
    // A later revision adds a field whose /V is the signed signature dictionary.
    let f = update(&s, |rd, up| {
        let w = up.alloc();
        up.put(
            w,
            o(&format!(
                "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Copy) /V {} 0 R /Rect [0 0 0 0] /P 3 0 R >>",
                sref.num
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
    assert_eq!(shared_signature_dictionaries(&sigs), vec![(0, 1)]);
    assert!(duplicate_byte_ranges(&sigs).is_empty());
    let us = ours(&f);
    assert!(!us.ok);
    // the new field's /V reuses an existing object: a refused change
    assert!(refused(us.a(), FindingCode::SignatureValueReused));
    let (py, _) = pyhanko_ok(&f);
    eprintln!(
        "| later field sharing the signature | ours NOT OK | pyHanko {} | | |",
        if py { "VALID" } else { "INVALID" }
    );
    assert!(!py);
}

#[test]
fn trailing_garbage_is_a_note() {
    if !peers() {
        return;
    }
    let mut f = signed(None);
    f.extend_from_slice(b"\n<html>garbage after the signature</html>\n");
    let us = compare("trailing bytes after %%EOF", &f, true, true, "a note only");
    assert!(us.a().trailing_bytes_after_eof);
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

/// Signed twice, then an evil annotation: the file the robustness tests cut and mutate.
fn twice_signed_attacked() -> Vec<u8> {
    evil_annotation(&sign_with(&signed(None), &opts("Signature2")))
}

#[test]
fn robustness_truncated() {
    if !have_peers(&["openssl"]) {
        return;
    }
    let attacked = twice_signed_attacked();
    for len in (0..attacked.len()).step_by(97) {
        fuzz_verify_path(&attacked[..len]);
    }
}

#[test]
fn robustness_mutated() {
    if !have_peers(&["openssl"]) {
        return;
    }
    let attacked = twice_signed_attacked();
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
}

#[test]
fn robustness_revision_out_of_range_is_an_error() {
    if !have_peers(&["openssl"]) {
        return;
    }
    let s = signed(None);
    let rd = PdfReader::open(&s).unwrap();
    assert!(matches!(history(&rd, 99, 1000), Err(kyso::pdf::PdfError::Structure(_))));
}

/// A resource loop (50 -> 51 -> 50) reachable from the page, added after signing.
fn with_reference_loop() -> Vec<u8> {
    update(&signed(None), |rd, up| {
        up.put(r(50), o("<< /Next 51 0 R /Type /ExtGState >>"));
        up.put(r(51), o("<< /Next 50 0 R >>"));
        up.put(
            r(3),
            page3(rd, |p| {
                p.insert(
                    "Resources",
                    o("<< /Font << /F1 4 0 R >> /XObject << /Logo 11 0 R >> /ExtGState << /G 50 0 R >> >>"),
                );
            }),
        );
    })
}

#[test]
fn reference_loop_in_resources() {
    if !have_peers(&["openssl"]) {
        return;
    }
    // The comparison finishes, and reports a resource change.
    let us = ours(&with_reference_loop());
    assert!(!us.ok);
    assert!(has(us.a(), FindingCode::PageResourcesChanged, Some(0)));
}

#[test]
fn reference_loop_in_both_revisions_is_no_difference() {
    if !have_peers(&["openssl"]) {
        return;
    }
    // The same loop in both revisions: no difference, no hang.
    let g = update(&with_reference_loop(), |_, up| up.put(r(10), o("<< /Title (x) >>")));
    let rd = PdfReader::open(&g).unwrap();
    let n = rd.revisions().len();
    let h = history(&rd, n - 2, 100_000).unwrap();
    assert!(judge(&h, n - 2, &Default::default()).ok(), "{h:#?}");
}

/// A signed file with a 5,000-long chain of indirect dictionaries (a long outline, say)
/// the page reaches, objects 60..=5060.
fn with_long_chain() -> Vec<u8> {
    update(&signed(None), |rd, up| {
        let first = 60u32;
        for i in 0..5000u32 {
            up.put(r(first + i), o(&format!("<< /Next {} 0 R >>", first + i + 1)));
        }
        up.put(r(first + 5000), o("<< /End true >>"));
        up.put(
            r(3),
            page3(rd, |p| {
                p.insert("PieceInfo", Object::Reference(r(first)));
            }),
        );
    })
}

#[test]
fn long_reference_chain_is_walked_without_recursion() {
    if !have_peers(&["openssl"]) {
        return;
    }
    // The comparison walks the chain iteratively, each pair once.
    let f = with_long_chain();
    let g = update(&f, |_, up| up.put(r(10), o("<< /Title (y) >>")));
    let rd = PdfReader::open(&g).unwrap();
    let n = rd.revisions().len();
    let h = history(&rd, n - 2, 1_000_000).unwrap();
    let a = judge(&h, n - 2, &Default::default());
    assert!(a.ok(), "{a:#?}");
}

#[test]
fn long_reference_chain_changed_at_its_end_is_found() {
    if !have_peers(&["openssl"]) {
        return;
    }
    let f = with_long_chain();
    let n = PdfReader::open(&f).unwrap().revisions().len() + 1;
    let g = update(&f, |_, up| up.put(r(5060), o("<< /End false >>")));
    let rd = PdfReader::open(&g).unwrap();
    let h = history(&rd, n - 2, 1_000_000).unwrap();
    let a = judge(&h, n - 2, &Default::default());
    assert!(has(&a, FindingCode::PageContentChanged, Some(0)), "{a:#?}");
}

// ----------------------------------------------------------------------
// object streams / xref streams
// ----------------------------------------------------------------------

#[test]
fn legit_xref_stream_files_signed_by_kyso_and_pyhanko() {
    if !have_peers(&["openssl", "pyhanko", "qpdf"]) {
        return;
    }
    let input = qpdf_convert(&base_pdf(), &["--object-streams=generate"]);
    let s1 = sign_with(&input, &opts("Signature1"));
    compare("xref-stream file signed", &s1, true, true, "");
    let s3 = sign_with(&pyhanko_sign(&s1, "PySig", &[]), &opts("Signature3"));
    compare("xref-stream file: kyso, pyHanko, kyso", &s3, true, true, "");
    for i in 0..3 {
        assert!(ours_at(&s3, i).ok, "signature {i}: {}", ours_at(&s3, i).first());
    }
}

#[test]
fn legit_pyhanko_first_then_kyso() {
    if !have_peers(&["openssl", "pyhanko", "qpdf"]) {
        return;
    }
    let p2 = sign_with(&pyhanko_sign(&base_pdf(), "PyFirst", &[]), &opts("Signature2"));
    compare("pyHanko first, then kyso", &p2, true, true, "");
}

#[test]
fn attack_object_stream_holding_the_font_overridden() {
    if !have_peers(&["openssl", "pyhanko", "qpdf"]) {
        return;
    }
    let s1 = sign_with(&qpdf_convert(&base_pdf(), &["--object-streams=generate"]), &opts("Signature1"));
    // A later revision redefines the *object stream* that holds the font; its xref does
    // not list the font, which now resolves (through the new object stream) to another.
    let rd = PdfReader::open(&s1).unwrap();
    let pd = rd.resolve(rd.pages().unwrap()[0]).unwrap().as_dict().unwrap().clone();
    let font = pd.get_dict(b"Resources").and_then(|d| d.get_dict(b"Font")).and_then(|d| d.get_ref(b"F1")).unwrap();
    let Some((_, Location::Compressed { stream: osnum, .. })) = rd.location(font.num) else {
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
    let f = update(&s1, |_, up: &mut IncrementalUpdate| up.put(r(osnum), Object::Stream(Stream::new(dict, nd))));
    let us = compare("object stream holding the font overridden", &f, false, false, "");
    assert!(has_obj(us.a(), FindingCode::FontOrXObjectChanged, font));
    assert!(
        us.a()
            .refusals()
            .any(|(_, f, _)| f.code == FindingCode::ObjectStreamOverwrite && f.object.is_some_and(|o| o.num == osnum))
    );
}

#[test]
fn many_pages_stay_fast() {
    if !have_peers(&["openssl"]) {
        return;
    }
    // 300 pages sharing one font, signed twice, then a content change on the last page.
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
    let s2 = sign_with(&sign_with(&b.finish(""), &opts("Signature1")), &opts("Signature2"));
    let f = update(&s2, |_, up| {
        up.put(r(609), stream("<<>>", b"BT /F1 18 Tf 72 720 Td (Trang 300 - sua) Tj ET"));
    });
    let us = ours(&f);
    assert!(!us.ok);
    assert!(has(us.a(), FindingCode::PageContentChanged, Some(299)));
    assert!(us.a().revisions[0].allowed(), "the second signature is fine");
}
