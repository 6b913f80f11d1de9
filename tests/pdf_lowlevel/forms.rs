//! Forms and signature fields after signing (security issue, items 6–9): sneaky
//! signatures counted as invisible, new fields adopting existing annotations, FieldMDP
//! locks, appearance updates that also change something else — each attack refused with
//! a finding that names its class, each legitimate neighbour valid. Files are built with
//! kyso's writer, pypdf (form filling as pypdf does it) and pyHanko, and pyHanko judges
//! them too.

use crate::common::analysis::*;
use crate::common::signing::*;
use kyso::pdf::{DocMdp, FindingCode, ObjRef, Object, PdfReader, Ruling};

fn peers() -> bool {
    have_peers(&["openssl", "pyhanko"]) && have_python_module("pypdf")
}

// ----------------------------------------------------------------------
// item 6: sneaky signatures after certification
// ----------------------------------------------------------------------

/// Certified (P=2), then a new signature field whose widget has `flags` and `rect`
/// (`RECT` is replaced by an indirect number when asked), with a white box and text
/// drawn over the page; then that field signed.
fn sneaky(flags: i64, rect: &str) -> Vec<u8> {
    let cert = signed(Some(DocMdp::FormFill));
    let f = update(&cert, |rd, up| {
        let ap = up.alloc();
        up.put(
            ap,
            stream(
                "<< /Type /XObject /Subtype /Form /BBox [0 0 420 70] /Resources << /Font << /F1 4 0 R >> >> >>",
                b"1 1 1 rg 0 0 420 70 re f BT /F1 24 Tf 12 30 Td (Pay 1000000 USD to B) Tj ET",
            ),
        );
        let rect = if rect.contains("NUM") {
            let n = up.alloc();
            up.put(n, Object::Integer(760));
            rect.replace("NUM", &format!("{} 0 R", n.num))
        } else {
            rect.to_string()
        };
        let w = up.alloc();
        up.put(
            w,
            o(&format!(
                "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sneaky) /Rect {rect} /F {flags} /P 3 0 R /AP << /N {} 0 R >> >>",
                ap.num
            )),
        );
        attach(rd, up, w, true);
    });
    let mut so = opts("Sneaky");
    so.field_name = None;
    so.existing_field = Some("Sneaky".into());
    sign_with(&f, &so)
}

fn sneaky_refused(case: &str, pdf: &[u8], pyhanko: bool, note: &str) {
    let us = compare(case, pdf, false, pyhanko, note);
    assert!(
        refused_as(us.a(), FindingCode::SignatureFieldAdded, |r| *r
            == Ruling::NotPermitted { docmdp: Some(DocMdp::FormFill) }),
        "{}",
        us.first()
    );
}

#[test]
fn attack_sneaky_signature_invisible_flag_only() {
    if peers() {
        // /F 1 (Invisible) concerns annotations without a handler: a widget is drawn.
        sneaky_refused("sneaky: /F Invisible only", &sneaky(1 | 4, "[60 690 480 760]"), false, "");
    }
}

#[test]
fn attack_sneaky_signature_toggle_no_view_only() {
    if peers() {
        // ToggleNoView without NoView hides nothing.
        sneaky_refused("sneaky: /F ToggleNoView only", &sneaky(256 | 4, "[60 690 480 760]"), false, "");
    }
}

#[test]
fn attack_sneaky_signature_no_view_but_printed() {
    if peers() {
        // NoView hides it on screen; Print still puts it on paper.
        sneaky_refused("sneaky: /F NoView + Print", &sneaky(32 | 4, "[60 690 480 760]"), false, "");
    }
}

#[test]
fn attack_sneaky_signature_five_number_rect() {
    if peers() {
        // MuPDF takes the first four numbers and draws it.
        sneaky_refused(
            "sneaky: /Rect with five numbers",
            &sneaky(4, "[60 690 480 760 0]"),
            true,
            "pyHanko reads a five-number /Rect as empty: too lenient",
        );
    }
}

#[test]
fn attack_sneaky_signature_indirect_number_in_rect() {
    if peers() {
        // Viewers resolve the indirect number and draw it.
        sneaky_refused("sneaky: /Rect with an indirect number", &sneaky(4, "[60 690 480 NUM]"), false, "");
    }
}

#[test]
fn legit_invisible_signature_zero_rect_after_certification() {
    if peers() {
        let us =
            compare("signature field with an empty /Rect after certification", &sneaky(4, "[0 0 0 0]"), true, true, "");
        assert!(allowed(us.a(), FindingCode::SignatureFieldAdded));
    }
}

#[test]
fn legit_invisible_signature_hidden_flag_after_certification() {
    if peers() {
        // Hidden (/F 2) hides it in every viewer; pyHanko ignores /F and looks at /Rect only.
        let us = compare(
            "hidden signature field after certification",
            &sneaky(2, "[60 690 480 760]"),
            true,
            false,
            "pyHanko ignores /F: too strict",
        );
        assert!(allowed(us.a(), FindingCode::SignatureFieldAdded));
    }
}

// ----------------------------------------------------------------------
// item 7: a new signature field adopting an existing annotation
// ----------------------------------------------------------------------

/// A new signature field whose /Kids take `kid` (an existing annotation), rewritten as
/// its widget with `widget` as the new dictionary.
fn adopt(kid: ObjRef, widget: &str) -> Vec<u8> {
    update(&signed(None), |rd, up| {
        let fld = up.alloc();
        up.put(fld, o(&format!("<< /FT /Sig /T (Sneaky) /Kids [{} 0 R] >>", kid.num)));
        up.put(kid, o(&widget.replace("PARENT", &format!("{} 0 R", fld.num))));
        let mut af = rd.resolve(r(5)).unwrap().as_dict().unwrap().clone();
        let mut f = af.get_array(b"Fields").unwrap().to_vec();
        f.push(Object::Reference(fld));
        af.insert("Fields", Object::Array(f));
        up.put(r(5), Object::Dict(af));
    })
}

#[test]
fn attack_new_field_adopts_hidden_annotation_and_shows_it() {
    if !peers() {
        return;
    }
    // Annotation 12 (hidden, "Pay 1000000 USD to B") becomes the widget of a new
    // signature field, and visible.
    let f = adopt(
        r(12),
        "<< /Type /Annot /Subtype /Widget /Parent PARENT /Rect [60 690 480 760] /F 4 /P 3 0 R /AP << /N 13 0 R >> >>",
    );
    let us = compare("new field adopts a hidden annotation", &f, false, false, "");
    assert!(refused_as(us.a(), FindingCode::AnnotationAdopted, |r| *r == Ruling::Forbidden));
}

#[test]
fn attack_new_field_adopts_annotation_unchanged() {
    if !peers() {
        return;
    }
    // Even left as it was (only /Parent added), the annotation would escape the rule that
    // compares existing annotations.
    let f = adopt(
        r(12),
        "<< /Type /Annot /Subtype /Square /Parent PARENT /Rect [60 690 480 760] /F 2 /AP << /N 13 0 R >> >>",
    );
    let us = compare("new field adopts an annotation (kept hidden)", &f, false, false, "");
    assert!(refused(us.a(), FindingCode::AnnotationAdopted));
}

#[test]
fn legit_second_visible_signature_by_pyhanko() {
    if peers() {
        let f = pyhanko_sign(&signed(None), "1/300,100,500,150/Second", &[]);
        let us = compare("second visible signature, new widget (pyHanko)", &f, true, true, "");
        assert!(allowed(us.a(), FindingCode::SignatureFieldAdded));
    }
}

// ----------------------------------------------------------------------
// item 8: FieldMDP locks
// ----------------------------------------------------------------------

/// The base document with an empty signature field "Approver" carrying `lock`, signed
/// by kyso (which reads the lock from the field) or pyHanko (which also records it as a
/// FieldMDP reference in the signature dictionary).
fn locked(lock: &str, by_pyhanko: bool) -> Vec<u8> {
    let mut b = base_builder();
    b.obj(
        3,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Logo 11 0 R >> >> /Contents 6 0 R /Annots [7 0 R 12 0 R 20 0 R] >>",
    );
    b.obj(5, b"<< /Fields [7 0 R 20 0 R] /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 4 0 R >> >> >>");
    b.obj(
        20,
        format!(
            "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Approver) /Rect [0 0 0 0] /P 3 0 R /F 4 /Lock {lock} >>"
        )
        .as_bytes(),
    );
    let doc = finish_base(b);
    if by_pyhanko {
        return pyhanko_sign(&doc, "Approver", &[]);
    }
    let mut so = opts("Approver");
    so.field_name = None;
    so.existing_field = Some("Approver".into());
    sign_with(&doc, &so)
}

fn locked_fill_refused(case: &str, lock: &str, by_pyhanko: bool) {
    let f = pypdf_fill(&locked(lock, by_pyhanko), "Name", "Tran Thi B");
    // pyHanko reads locks from the signature dictionary's FieldMDP reference, which
    // kyso's signer does not write: on kyso-signed files pyHanko sees no lock.
    let note = if by_pyhanko { "" } else { "pyHanko sees no FieldMDP reference in a kyso signature" };
    let us = compare(case, &f, false, !by_pyhanko, note);
    assert!(
        refused_as(us.a(), FindingCode::FieldValueChanged, |r| *r == Ruling::Locked { by: "Approver".into() }),
        "{}",
        us.first()
    );
}

#[test]
fn attack_fill_field_locked_by_include() {
    if peers() {
        locked_fill_refused(
            "FieldMDP Include [Name], Name filled",
            "<< /Type /SigFieldLock /Action /Include /Fields [(Name)] >>",
            false,
        );
    }
}

#[test]
fn attack_fill_field_locked_by_all() {
    if peers() {
        locked_fill_refused("FieldMDP All, Name filled", "<< /Type /SigFieldLock /Action /All >>", false);
    }
}

#[test]
fn attack_fill_field_locked_recorded_by_pyhanko() {
    if peers() {
        locked_fill_refused(
            "FieldMDP Include [Name] (pyHanko signer), Name filled",
            "<< /Type /SigFieldLock /Action /Include /Fields [(Name)] >>",
            true,
        );
    }
}

#[test]
fn attack_fill_field_locked_by_exclude_of_another() {
    if peers() {
        locked_fill_refused(
            "FieldMDP Exclude [Other], Name filled",
            "<< /Type /SigFieldLock /Action /Exclude /Fields [(Other)] >>",
            false,
        );
    }
}

#[test]
fn legit_fill_field_excluded_from_the_lock() {
    if peers() {
        let f = pypdf_fill(
            &locked("<< /Type /SigFieldLock /Action /Exclude /Fields [(Name)] >>", true),
            "Name",
            "Tran Thi B",
        );
        let us = compare("FieldMDP Exclude [Name], Name filled", &f, true, true, "");
        assert!(allowed(us.a(), FindingCode::FieldValueChanged));
    }
}

#[test]
fn legit_fill_field_not_included_in_the_lock() {
    if peers() {
        let f = pypdf_fill(
            &locked("<< /Type /SigFieldLock /Action /Include /Fields [(Other)] >>", true),
            "Name",
            "Tran Thi B",
        );
        compare("FieldMDP Include [Other], Name filled", &f, true, true, "");
    }
}

// ----------------------------------------------------------------------
// item 9: appearance updates that also change something else
// ----------------------------------------------------------------------

#[test]
fn legit_pypdf_fill_rewrites_appearance_in_place_with_dr_font() {
    if !peers() {
        return;
    }
    // pypdf writes the new appearance into the old stream object (8 0 R), with the
    // AcroForm /DR font (4 0 R), as Acrobat and pdf.js do.
    let f = pypdf_fill(&signed(None), "Name", "Tran Thi B");
    let rd = PdfReader::open(&f).unwrap();
    let last = rd.revisions().last().unwrap();
    assert!(last.defined.iter().any(|(o, _)| o.num == 8), "pypdf rewrote another object");
    let us = compare("pypdf fill: appearance rewritten in place, /DR font", &f, true, true, "");
    assert!(allowed(us.a(), FindingCode::FieldAppearanceChanged));
}

#[test]
fn legit_pypdf_fill_under_certification() {
    if peers() {
        let f = pypdf_fill(&signed(Some(DocMdp::FormFill)), "Name", "Tran Thi B");
        compare("pypdf fill under certification P=2", &f, true, true, "");
    }
}

#[test]
fn attack_appearance_stream_also_drawn_by_the_page() {
    if !peers() {
        return;
    }
    // The field's appearance stream 8 is also an XObject the page draws: rewriting it in
    // place (as pypdf does) changes the page.
    let mut b = base_builder();
    b.obj(
        3,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Logo 11 0 R /Stamp 8 0 R >> >> /Contents 6 0 R /Annots [7 0 R 12 0 R] >>",
    );
    b.stream(6, "", b"BT /F1 24 Tf 72 720 Td (Pay 100 USD to A) Tj ET q 1 0 0 1 72 500 cm /Stamp Do Q");
    let s = sign_with(&finish_base(b), &opts("Signature1"));
    let f = pypdf_fill(&s, "Name", "Tran Thi B");
    let us = compare("appearance stream shared with page content, rewritten", &f, false, false, "");
    assert!(refused(us.a(), FindingCode::AppearanceShared), "{}", us.first());
    assert!(refused(us.a(), FindingCode::FontOrXObjectChanged), "{}", us.first());
}

#[test]
fn attack_appearance_dictionary_shared_with_another_widget() {
    if !peers() {
        return;
    }
    // Two text fields share one indirect appearance dictionary (22 0 R); filling one
    // replaces its /AP: the signed revision drew both from the same object.
    let mut b = base_builder();
    b.obj(
        3,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Logo 11 0 R >> >> /Contents 6 0 R /Annots [7 0 R 12 0 R 21 0 R] >>",
    );
    b.obj(5, b"<< /Fields [7 0 R 21 0 R] /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 4 0 R >> >> >>");
    b.obj(
        7,
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (Name) /V (Nguyen Van A) /Rect [72 600 300 630] /P 3 0 R /F 4 /DA (/Helv 12 Tf 0 g) /AP 22 0 R >>",
    );
    b.obj(
        21,
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (Copy) /V (Nguyen Van A) /Rect [72 560 300 590] /P 3 0 R /F 4 /DA (/Helv 12 Tf 0 g) /AP 22 0 R >>",
    );
    b.obj(22, b"<< /N 8 0 R >>");
    let s = sign_with(&finish_base(b), &opts("Signature1"));
    let f = update(&s, |_, up| {
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
    });
    let us = compare("appearance dictionary shared by two widgets, replaced", &f, false, false, "");
    assert!(refused_as(us.a(), FindingCode::AppearanceShared, |r| *r == Ruling::Forbidden));
}

#[test]
fn attack_fill_that_also_rewrites_the_dr_font() {
    if !peers() {
        return;
    }
    // A form fill whose update also rewrites the /DR font, which the page uses too.
    let f = update(&pypdf_fill(&signed(None), "Name", "Tran Thi B"), |_, up| {
        up.put(r(4), o("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"));
    });
    let us = compare("form fill plus the /DR font rewritten", &f, false, false, "");
    assert!(refused(us.a(), FindingCode::FontOrXObjectChanged));
}
