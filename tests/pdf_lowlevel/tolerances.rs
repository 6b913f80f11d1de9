//! What the revision analysis tolerates because PAdES, ISO 32000 and real signers need it
//! (object freeing, private keys, DSS shapes, a signature dictionary shared by two fields,
//! linearized files, adbe.pkcs7.sha1), each next to the attack the tolerance must not let
//! through; and what it refuses about the signed revision itself (encapsulated content, a
//! signed cross-reference table pointing after the signed bytes, a signed revision left
//! out of the chain), revisions it cannot assess, its work budget, and the JSON shape.

use std::process::Command;

use crate::common::analysis::*;
use crate::common::signing::*;
use crate::common::*;
use kyso::pdf::{ByteRangeProblem, DocMdp, FindingCode, Object, PdfReader, Ruling, SignOptions, Unassessed};
use kyso::verify::{ReasonCode, Verdict, VerifyOptions};

fn peers() -> bool {
    have_peers(&["openssl", "pyhanko"])
}

/// The last `startxref` value of a file.
fn last_startxref(pdf: &[u8]) -> usize {
    let s = String::from_utf8_lossy(pdf);
    let at = s.rfind("startxref").unwrap();
    s[at + 9..].split_whitespace().next().unwrap().parse().unwrap()
}

/// Append a revision written by hand: objects, free entries, and trailer entries.
fn raw_update(pdf: &[u8], objects: &[(u32, &str)], freed: &[(u32, u16)], trailer: &str) -> Vec<u8> {
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut entries: Vec<(u32, String)> = Vec::new();
    for (num, body) in objects {
        entries.push((*num, format!("{:010} 00000 n\r\n", out.len())));
        out.extend_from_slice(format!("{num} 0 obj\n{body}\nendobj\n").as_bytes());
    }
    for (num, g) in freed {
        entries.push((*num, format!("0000000000 {:05} f\r\n", g + 1)));
    }
    entries.sort();
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f\r\n");
    for (num, line) in &entries {
        out.extend_from_slice(format!("{num} 1\n{line}").as_bytes());
    }
    let size = PdfReader::open(pdf).unwrap().max_object_number() + 1;
    let size = size.max(entries.iter().map(|e| e.0 + 1).max().unwrap_or(0));
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {size} /Root 1 0 R /Info 10 0 R /Prev {} {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            last_startxref(pdf)
        )
        .as_bytes(),
    );
    out
}

/// Verify through the library's verification path, trusting the test root.
fn verify(pdf: &[u8]) -> kyso::verify::FileReport {
    let opts = VerifyOptions {
        trust: kyso::verify::trust::TrustStore::load(&[pki().root()], &[pki().chain()], &[]).unwrap(),
        at: 1_800_000_000,
        ..Default::default()
    };
    kyso::verify::pdf::verify_bytes("test.pdf".into(), pdf, &opts)
}

fn codes(r: &kyso::verify::SignatureReport) -> Vec<ReasonCode> {
    r.reasons.iter().map(|x| x.code).collect()
}

// ----------------------------------------------------------------------
// object freeing
// ----------------------------------------------------------------------

#[test]
fn legit_unused_object_freed() {
    if !peers() {
        return;
    }
    // Object 9 (an XObject nothing uses) freed: nothing a viewer shows changes.
    let f = raw_update(&signed(None), &[], &[(9, 0)], "");
    let us = compare("unused object freed", &f, true, false, "pyHanko refuses all object freeing");
    assert!(allowed(us.a(), FindingCode::ObjectsFreed));
}

#[test]
fn attack_object_in_use_freed() {
    if !peers() {
        return;
    }
    // The page's logo XObject (11) freed: it now reads as null.
    let f = raw_update(&signed(None), &[], &[(11, 0)], "");
    let us = compare("object in use freed", &f, false, false, "");
    assert!(refused_as(us.a(), FindingCode::ObjectFreed, |r| *r == Ruling::Forbidden));
}

// ----------------------------------------------------------------------
// private keys in the page tree and the catalog
// ----------------------------------------------------------------------

#[test]
fn legit_private_key_in_page_tree_and_catalog() {
    if !peers() {
        return;
    }
    // iText writes /ITXT into the page tree root when it saves; others add private
    // catalog entries. No viewer reads them.
    let f = update(&signed(None), |rd, up| {
        up.put(r(2), o("<< /Type /Pages /Kids [3 0 R] /Count 1 /ITXT (5.5.13) >>"));
        let mut cat = rd.catalog().unwrap();
        cat.insert("PTEX.Fullbanner", Object::string(b"This is pdfTeX".to_vec()));
        up.put(r(1), Object::Dict(cat));
    });
    let us = compare("private keys in /Pages and the catalog", &f, true, false, "pyHanko refuses any page tree change");
    assert!(allowed(us.a(), FindingCode::PrivateKeyChanged));
}

#[test]
fn attack_inherited_key_in_page_tree() {
    if !peers() {
        return;
    }
    // /Rotate on the page tree root is inherited by every page.
    let f = update(&signed(None), |_, up| {
        up.put(r(2), o("<< /Type /Pages /Kids [3 0 R] /Count 1 /Rotate 180 >>"));
    });
    let us = compare("inherited /Rotate added to /Pages", &f, false, false, "");
    assert!(refused(us.a(), FindingCode::PageTreeChanged));
}

#[test]
fn attack_private_key_changed_through_a_shared_object() {
    if !peers() {
        return;
    }
    // /Private and the page both use object 30; rewriting 30 "for the private key"
    // changes the page.
    let mut b = base_builder();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R /Private 30 0 R >>");
    b.obj(
        3,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Logo 11 0 R >> /ExtGState << /G 30 0 R >> >> /Contents 6 0 R /Annots [7 0 R 12 0 R] >>",
    );
    b.obj(30, b"<< /Type /ExtGState /CA 1 >>");
    let s = sign_with(&finish_base(b), &opts("Signature1"));
    let f = update(&s, |_, up| up.put(r(30), o("<< /Type /ExtGState /CA 0.1 >>")));
    let us = compare("private key and page share a rewritten object", &f, false, false, "");
    assert!(refused(us.a(), FindingCode::PageResourcesChanged));
    assert!(refused(us.a(), FindingCode::CatalogEntryChanged));
}

// ----------------------------------------------------------------------
// the document security store
// ----------------------------------------------------------------------

fn root_der() -> Vec<u8> {
    let out = Command::new("openssl").args(["x509", "-outform", "DER", "-in"]).arg(pki().root()).output().unwrap();
    assert!(out.status.success());
    out.stdout
}

/// A DSS as some writers draw it: indirect arrays, /VRI with /Type entries, /TU.
fn dss_variant(pdf: &[u8]) -> Vec<u8> {
    let der = root_der();
    update(pdf, |rd, up| {
        let cert = up.alloc();
        up.put(cert, stream("<<>>", &der));
        let certs = up.alloc();
        up.put(certs, Object::Array(vec![Object::Reference(cert)]));
        let vri_entry = up.alloc();
        up.put(vri_entry, o(&format!("<< /Type /VRI /Cert [{} 0 R] /TU (D:20250101000000Z) >>", cert.num)));
        let vri = up.alloc();
        up.put(vri, o(&format!("<< /Type /VRI /0123456789ABCDEF0123456789ABCDEF01234567 {} 0 R >>", vri_entry.num)));
        let dss = up.alloc();
        up.put(dss, o(&format!("<< /Type /DSS /Certs {} 0 R /VRI {} 0 R >>", certs.num, vri.num)));
        let mut cat = rd.catalog().unwrap();
        cat.insert("DSS", Object::Reference(dss));
        up.put(r(1), Object::Dict(cat));
    })
}

#[test]
fn legit_dss_with_indirect_arrays_and_vri_types() {
    if !peers() {
        return;
    }
    let f = dss_variant(&signed(Some(DocMdp::NoChanges)));
    let us = compare(
        "DSS: indirect arrays, /VRI /Type, under P=1",
        &f,
        true,
        false,
        "pyHanko rejects a /VRI dictionary with a /Type entry (ETSI draws none; real signers write it)",
    );
    assert!(allowed(us.a(), FindingCode::DssUpdated));
}

#[test]
fn legit_dss_arrays_appended_in_place() {
    if !peers() {
        return;
    }
    // A later LTV update appends to the existing /Certs array object in place.
    let first = dss_variant(&signed(None));
    let rd = PdfReader::open(&first).unwrap();
    let dss = rd.resolve(rd.catalog().unwrap().get_ref(b"DSS").unwrap()).unwrap();
    let certs = dss.as_dict().unwrap().get_ref(b"Certs").unwrap();
    drop(rd);
    let der = root_der();
    let f = update(&first, |rd, up| {
        let c2 = up.alloc();
        up.put(c2, stream("<< /Note (again) >>", &der));
        let mut arr = rd.resolve(certs).unwrap().as_array().unwrap().to_vec();
        arr.push(Object::Reference(c2));
        up.put(certs, Object::Array(arr));
    });
    let us = compare("DSS arrays appended in place", &f, true, false, "pyHanko rejects in-place DSS array updates");
    assert!(us.a().ok());
}

#[test]
fn attack_dss_used_to_explain_a_content_rewrite() {
    if !peers() {
        return;
    }
    // The DSS points at the page's content stream, which the update rewrites.
    let f = update(&signed(None), |rd, up| {
        up.put(r(6), stream("<<>>", b"BT /F1 24 Tf 72 720 Td (Pay 9999 USD to C) Tj ET"));
        let dss = up.alloc();
        up.put(dss, o("<< /Certs [6 0 R] >>"));
        let mut cat = rd.catalog().unwrap();
        cat.insert("DSS", Object::Reference(dss));
        up.put(r(1), Object::Dict(cat));
    });
    let us = compare("DSS pointing at a rewritten content stream", &f, false, false, "");
    assert!(refused(us.a(), FindingCode::PageContentChanged));
}

#[test]
fn attack_dss_removed() {
    if !peers() {
        return;
    }
    let with = dss_variant(&signed(None));
    let f = update(&with, |rd, up| {
        let mut cat = rd.catalog().unwrap();
        cat.remove(b"DSS");
        up.put(r(1), Object::Dict(cat));
    });
    let us = ours_at(&f, 0);
    assert!(!us.ok);
    assert!(refused(us.a(), FindingCode::CatalogEntryChanged));
}

// ----------------------------------------------------------------------
// one signature dictionary, two fields
// ----------------------------------------------------------------------

#[test]
fn legit_signature_dictionary_shared_by_two_fields() {
    if !have_peers(&["openssl"]) {
        return;
    }
    // Field "Copy" exists when signing and names the object the signature dictionary
    // will be: one signature shown in two fields. Reported as a note, not refused.
    let mut b = base_builder();
    b.obj(5, b"<< /Fields [7 0 R 20 0 R] /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 4 0 R >> >> >>");
    b.obj(20, b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Copy) /V 21 0 R /Rect [0 0 0 0] /P 3 0 R >>");
    let doc = finish_base(b);
    let s = sign_with(&doc, &opts("Signature1"));
    let rd = PdfReader::open(&s).unwrap();
    let sigs = kyso::pdf::find_signatures(&rd).unwrap();
    assert_eq!(sigs.len(), 2, "the copy field must name the signature dictionary");
    assert_eq!(sigs[0].sig_dict_ref, sigs[1].sig_dict_ref);
    let report = verify(&s);
    for sig in &report.signatures {
        assert_eq!(sig.verdict, Verdict::Valid, "{:?}", sig.reasons);
        assert!(sig.notes.iter().any(|n| n.code == kyso::verify::NoteCode::SharedSignatureDictionary));
    }
}

// ----------------------------------------------------------------------
// linearized documents (the first-page cross-reference section)
// ----------------------------------------------------------------------

#[test]
fn legit_linearized_document_signed_twice() {
    if !have_peers(&["openssl", "pyhanko", "qpdf"]) {
        return;
    }
    // The first signature of a linearized file covers both of its cross-reference
    // sections (the signed bytes' startxref names the first-page one); earlier kyso read
    // the main section alone and found no catalog.
    let lin = qpdf_convert(&base_pdf(), &["--linearize"]);
    let s1 = pyhanko_sign(&lin, "Signature1", &[]);
    let s2 = sign_with(&s1, &opts("Signature2"));
    let us = compare("linearized, pyHanko then kyso", &s2, true, true, "");
    assert!(us.a().ok());
    assert!(ours_at(&s2, 1).ok);
}

#[test]
fn attack_linearized_document_content_changed() {
    if !have_peers(&["openssl", "pyhanko", "qpdf"]) {
        return;
    }
    let s1 = pyhanko_sign(&qpdf_convert(&base_pdf(), &["--linearize"]), "Signature1", &[]);
    let rd = PdfReader::open(&s1).unwrap();
    let page = rd.pages().unwrap()[0];
    let contents = rd.resolve(page).unwrap().as_dict().unwrap().get_ref(b"Contents").unwrap();
    drop(rd);
    let f = update(&s1, |_, up| up.put(contents, stream("<<>>", b"BT /F1 24 Tf 72 720 Td (Pay 9999) Tj ET")));
    let us = compare("linearized, content changed", &f, false, false, "");
    assert!(refused(us.a(), FindingCode::PageContentChanged));
}

// ----------------------------------------------------------------------
// the signed revision itself
// ----------------------------------------------------------------------

/// prepare, let `patch` edit the complete file (lengths unchanged) before the signed
/// bytes are hashed, then sign them with `cms`.
fn sign_custom(
    input: &[u8],
    opts: &SignOptions,
    patch: impl FnOnce(&mut Vec<u8>),
    cms: impl FnOnce(&[u8]) -> Vec<u8>,
) -> Vec<u8> {
    let prep = kyso::pdf::prepare(input, opts).unwrap();
    let br = prep.byte_range();
    let mut out = input.to_vec();
    out.extend_from_slice(&prep.finish(&[]).unwrap());
    let len = out.len();
    patch(&mut out);
    assert_eq!(out.len(), len);
    let tbs = [&out[br[0]..br[0] + br[1]], &out[br[2]..br[2] + br[3]]].concat();
    let der = cms(&tbs);
    let hex: String = der.iter().map(|b| format!("{b:02x}")).collect();
    assert!(hex.len() < br[2] - br[1] - 2, "placeholder too small");
    out[br[1] + 1..br[1] + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    out
}

fn openssl_cms_args(data: &[u8], extra: &[&str]) -> Vec<u8> {
    let p = pki();
    let inp = write_tmp("tbs", data);
    let out = tmp_path("cms");
    let st = Command::new("openssl")
        .args(["cms", "-sign", "-binary", "-outform", "DER", "-nosmimecap"])
        .args(extra)
        .arg("-in")
        .arg(&inp)
        .arg("-out")
        .arg(&out)
        .arg("-signer")
        .arg(p.signer())
        .arg("-inkey")
        .arg(p.key())
        .arg("-certfile")
        .arg(p.chain())
        .status()
        .unwrap();
    assert!(st.success());
    let der = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&inp);
    let _ = std::fs::remove_file(&out);
    der
}

#[test]
fn attack_pdf_signature_with_encapsulated_content() {
    if !have_peers(&["openssl"]) {
        return;
    }
    let mut so = opts("Signature1");
    so.contents_len = 65536;
    let f = sign_custom(&base_pdf(), &so, |_| {}, |tbs| openssl_cms_args(tbs, &["-nodetach", "-md", "sha256"]));
    let report = verify(&f);
    let sig = &report.signatures[0];
    assert_eq!(sig.verdict, Verdict::Invalid);
    assert!(
        sig.reasons.iter().any(|r| r.code == ReasonCode::FormatFailure && r.detail.contains("encapsulates content"))
    );
    // the detached neighbour
    let g = sign_custom(&base_pdf(), &so, |_| {}, |tbs| openssl_cms_args(tbs, &["-md", "sha256"]));
    assert_eq!(verify(&g).signatures[0].verdict, Verdict::Valid, "{:?}", verify(&g).signatures[0].reasons);
}

/// An adbe.pkcs7.sha1 signature: the CMS encapsulates the SHA-1 of the signed bytes
/// (`wrong` signs another digest).
fn sha1_signed(wrong: bool) -> Vec<u8> {
    use sha1::{Digest, Sha1};
    let mut so = opts("Signature1");
    so.subfilter = kyso::pdf::SubFilter::AdbePkcs7Detached;
    sign_custom(
        &base_pdf(),
        &so,
        |out| {
            let at = out.windows(19).rposition(|w| w == b"adbe.pkcs7.detached").unwrap();
            out[at..at + 19].copy_from_slice(b"adbe.pkcs7.sha1    ");
        },
        |tbs| {
            let mut d = Sha1::digest(tbs).to_vec();
            if wrong {
                d[0] ^= 1;
            }
            openssl_cms_args(&d, &["-nodetach", "-md", "sha1"])
        },
    )
}

#[test]
fn adbe_pkcs7_sha1_verified_as_weak() {
    if !have_peers(&["openssl", "pdfsig"]) {
        return;
    }
    let f = sha1_signed(false);
    let sig = &verify(&f).signatures[0];
    assert_eq!(codes(sig), vec![ReasonCode::WeakAlgorithm], "{:?}", sig.reasons);
    assert_eq!(sig.verdict, Verdict::Indeterminate);
    // poppler verifies adbe.pkcs7.sha1 too
    assert_pdfsig_valid(&f, 1);
    let bad = sha1_signed(true);
    let sig = &verify(&bad).signatures[0];
    assert!(codes(sig).contains(&ReasonCode::HashFailure), "{:?}", sig.reasons);
    assert_eq!(sig.verdict, Verdict::Invalid);
}

#[test]
fn attack_signed_xref_entry_after_the_signed_bytes() {
    if !have_peers(&["openssl"]) {
        return;
    }
    // The signed revision's cross-reference table places page 3 after the end of the
    // signed bytes; what is written there later is what viewers show.
    let input = base_pdf();
    let plain = sign_with(&input, &opts("Signature1"));
    let rd = PdfReader::open(&plain).unwrap();
    let Some((_, kyso::pdf::Location::InUse { offset })) = rd.location(3) else { panic!() };
    drop(rd);
    let target = plain.len() + 1000;
    let f = sign_custom(
        &input,
        &opts("Signature1"),
        |out| {
            let old = format!("{offset:010} 00000 n");
            let at = out.windows(old.len()).rposition(|w| w == old.as_bytes()).unwrap();
            out[at..at + 10].copy_from_slice(format!("{target:010}").as_bytes());
        },
        openssl_cms,
    );
    assert_eq!(f.len(), plain.len());
    let mut attacked = f.clone();
    attacked.resize(target, b' ');
    attacked.extend_from_slice(
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 9 0 R >>\nendobj\n",
    );
    let us = ours(&attacked);
    assert!(us.problems.contains(&ByteRangeProblem::XrefOutsideSignedBytes), "{:?}", us.problems);
    assert_eq!(verify(&attacked).signatures[0].verdict, Verdict::Invalid);
}

#[test]
fn attack_signed_revision_left_out_of_the_chain() {
    if !have_peers(&["openssl"]) {
        return;
    }
    // A dormant cross-reference section hidden in the signed bytes (after the input's
    // %%EOF, no startxref) gives page content of the attacker's choice; a later revision
    // points its /Prev at it and lists the signature's objects again, so the revision
    // the signer saw is no longer in the chain.
    let base = base_pdf();
    let mut doc = base.clone();
    let evil = format!("6 0 obj\n<< /Length {} >>\nstream\n", SHADOW.len());
    let o6 = doc.len();
    doc.extend_from_slice(evil.as_bytes());
    doc.extend_from_slice(SHADOW);
    doc.extend_from_slice(b"\nendstream\nendobj\n");
    let dormant = doc.len();
    doc.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f\r\n6 1\n{o6:010} 00000 n\r\ntrailer\n<< /Size 14 /Root 1 0 R /Prev {} >>\n",
            last_startxref(&base)
        )
        .as_bytes(),
    );
    let s = sign_with(&doc, &opts("Signature1"));
    let rd = PdfReader::open(&s).unwrap();
    let signed_rev = rd.revisions().last().unwrap().clone();
    drop(rd);
    let mut attacked = s.clone();
    let xref = attacked.len();
    attacked.extend_from_slice(b"xref\n0 1\n0000000000 65535 f\r\n");
    for (obj, loc) in &signed_rev.defined {
        if let kyso::pdf::Location::InUse { offset } = loc {
            attacked.extend_from_slice(format!("{} 1\n{offset:010} 00000 n\r\n", obj.num).as_bytes());
        }
    }
    let size = signed_rev.trailer.get_int(b"Size").unwrap();
    attacked.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root 1 0 R /Prev {dormant} >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    let rd = PdfReader::open(&attacked).unwrap();
    assert_eq!(&*rd.stream_data(rd.resolve(r(6)).unwrap().as_stream().unwrap()).unwrap(), SHADOW);
    let us = ours(&attacked);
    // The reader does not take a section no startxref names for a revision: the signed
    // bytes then end at no revision (or, read through the chain, at one outside it).
    assert!(
        us.problems.iter().any(|p| matches!(p, ByteRangeProblem::NotInRevisionChain | ByteRangeProblem::NoRevisionEnd)),
        "{:?}",
        us.problems
    );
    assert_eq!(verify(&attacked).signatures[0].verdict, Verdict::Invalid);
}

// ----------------------------------------------------------------------
// revisions that cannot be assessed; the work budget
// ----------------------------------------------------------------------

#[test]
fn unreadable_later_revision_is_not_valid() {
    if !have_peers(&["openssl"]) {
        return;
    }
    // A later revision whose xref entry for the content stream points at another
    // object: what viewers show is unknown, so the signature is not VALID (nor INVALID).
    let s = signed(None);
    let rd = PdfReader::open(&s).unwrap();
    let Some((_, kyso::pdf::Location::InUse { offset: o7 })) = rd.location(7) else { panic!() };
    drop(rd);
    let mut f = s.clone();
    let xref = f.len();
    f.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f\r\n6 1\n{o7:010} 00000 n\r\ntrailer\n<< /Size 20 /Root 1 0 R /Prev {} >>\nstartxref\n{xref}\n%%EOF\n",
            last_startxref(&s)
        )
        .as_bytes(),
    );
    let us = ours(&f);
    assert!(matches!(us.a().unassessed(), Some((_, Unassessed::Unreadable(_)))), "{:#?}", us.analysis);
    // Viewers (poppler, MuPDF) repair a table whose entry finds another object, reading
    // every object from the file: kyso's verification reads it the same way (a note
    // XREF_REBUILT), and the rebuilt document is the signed one. Where it cannot read a
    // revision, the signature is INDETERMINATE (REVISION_NOT_ASSESSED), never VALID.
    let sig = &verify(&f).signatures[0];
    match sig.verdict {
        Verdict::Valid => assert!(sig.notes.iter().any(|n| n.code == kyso::verify::NoteCode::XrefRebuilt), "{sig:?}"),
        _ => {
            assert_eq!(sig.verdict, Verdict::Indeterminate, "{:?}", sig.reasons);
            assert!(codes(sig).contains(&ReasonCode::RevisionNotAssessed));
        }
    }
}

#[test]
fn work_budget_gives_limit_exceeded_naming_the_option() {
    if !have_peers(&["openssl"]) {
        return;
    }
    let f = fill_twice();
    let opts = VerifyOptions {
        trust: kyso::verify::trust::TrustStore::load(&[pki().root()], &[pki().chain()], &[]).unwrap(),
        at: 1_800_000_000,
        pdf_work_limit: 50,
        ..Default::default()
    };
    let report = kyso::verify::pdf::verify_bytes("t.pdf".into(), &f, &opts);
    let sig = &report.signatures[0];
    assert_eq!(sig.verdict, Verdict::Indeterminate, "{:?}", sig.reasons);
    let r = sig.reasons.iter().find(|r| r.code == ReasonCode::LimitExceeded).unwrap();
    assert!(r.detail.contains("--pdf-work-limit"), "{}", r.detail);
    assert_eq!(verify(&f).signatures[0].verdict, Verdict::Valid);
}

/// Signed, then two form fills by kyso's writer.
fn fill_twice() -> Vec<u8> {
    let mut f = signed(None);
    for v in ["Tran Thi B", "Le Van C"] {
        f = update(&f, |_, up| {
            let ap = up.alloc();
            up.put(
                ap,
                stream(
                    "<< /Type /XObject /Subtype /Form /BBox [0 0 228 30] /Resources << /Font << /Helv 4 0 R >> >> >>",
                    format!("/Tx BMC BT /Helv 12 Tf 2 10 Td ({v}) Tj ET EMC").as_bytes(),
                ),
            );
            up.put(
                r(7),
                o(&format!("<< /Type /Annot /Subtype /Widget /FT /Tx /T (Name) /V ({v}) /Rect [72 600 300 630] /P 3 0 R /F 4 /DA (/Helv 12 Tf 0 g) /AP << /N {} 0 R >> >>", ap.num)),
            );
        });
    }
    f
}

// ----------------------------------------------------------------------
// the revision history as data
// ----------------------------------------------------------------------

#[test]
fn json_carries_the_revision_history() {
    if !have_peers(&["openssl"]) {
        return;
    }
    let f = update(&fill_twice(), |_, up| up.put(r(6), stream("<<>>", b"BT /F1 24 Tf 72 720 Td (Pay 9) Tj ET")));
    let report = verify(&f);
    let sig = &report.signatures[0];
    assert_eq!(sig.verdict, Verdict::Invalid);
    let v = kyso::report::verdict::signature_json(sig, kyso::report::Lang::Vi);
    let h = &v["revisions"];
    assert_eq!(h["signed"], 2, "{h}");
    assert_eq!(h["total"], 5);
    let later = h["later"].as_array().unwrap();
    assert_eq!(later.len(), 3);
    assert_eq!(later[0]["revision"], 3);
    assert_eq!(later[0]["status"], "allowed");
    assert!(later[0]["changes"].as_array().unwrap().iter().any(|c| c["code"] == "FIELD_VALUE_CHANGED"
        && c["field"] == "Name"
        && c["class"] == "form_fill"
        && c["allowed"] == true
        && c["message"].as_str().unwrap().contains("điền")));
    assert_eq!(later[2]["status"], "refused");
    let refused: Vec<&serde_json::Value> =
        later[2]["changes"].as_array().unwrap().iter().filter(|c| c["allowed"] == false).collect();
    assert!(
        refused
            .iter()
            .any(|c| c["code"] == "PAGE_CONTENT_CHANGED" && c["page"] == 1 && c["refused"]["why"] == "forbidden"),
        "{h}"
    );
    // the reason names the revision and the finding code
    let reason = sig.reasons.iter().find(|r| r.code == ReasonCode::ModifiedAfterSigning).unwrap();
    assert!(reason.detail.starts_with("revision 5 of 5: PAGE_CONTENT_CHANGED page 1"), "{}", reason.detail);
    // not a PDF signature: null
    let mut other = sig.clone();
    other.revisions = None;
    assert!(kyso::report::verdict::signature_json(&other, kyso::report::Lang::En)["revisions"].is_null());
}

#[test]
fn attack_indirect_length_redefined_behind_the_dss() {
    if !have_peers(&["openssl"]) {
        return;
    }
    // The page content stream's /Length is object 30, which the signed revision's DSS
    // also lists; a later "DSS update" redefines 30 so that the stream would run into the
    // content operators hidden in object 31 right after it.
    let shown = b"BT /F1 24 Tf 72 720 Td (Pay 100 USD to A) Tj ET";
    let hidden = b" BT /F1 24 Tf 72 680 Td (and the house) Tj ET ";
    let mut b = base_builder();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R /DSS << /Certs [30 0 R] >> >>");
    let mut body = b"<< /Length 30 0 R >>\nstream\n".to_vec();
    body.extend_from_slice(shown);
    body.extend_from_slice(b"\nendstream");
    b.obj(6, &body);
    b.obj(31, &[b"(".as_slice(), hidden, b")"].concat());
    b.obj(30, shown.len().to_string().as_bytes());
    let s = sign_with(&finish_base(b), &opts("Signature1"));
    let rd = PdfReader::open(&s).unwrap();
    let Some((_, kyso::pdf::Location::InUse { offset: o6 })) = rd.location(6) else { panic!() };
    let Some((_, kyso::pdf::Location::InUse { offset: o31 })) = rd.location(31) else { panic!() };
    drop(rd);
    let start = o6 + s[o6..].windows(7).position(|w| w == b"stream\n").unwrap() + 7;
    let new_len = o31 + "31 0 obj\n(".len() + hidden.len() - start;
    // Unchecked: the attack's point is a /Length running past `endstream`, which lopdf's
    // strict mode rightly refuses (kyso's writer wrote one integer object).
    let f = update_unchecked(&s, |_, up| up.put(r(30), Object::Integer(new_len as i64)));
    // kyso's reader keeps the bytes up to `endstream`; a viewer that trusts /Length reads
    // on. Either way the length object's rewrite is refused, not explained by the DSS.
    let us = ours(&f);
    assert!(!us.ok);
    assert!(
        us.a().refusals().any(|(_, f, _)| (f.code == FindingCode::UnexplainedChange && f.object == Some(r(30)))
            || f.code == FindingCode::PageContentChanged),
        "{}",
        us.first()
    );
}
