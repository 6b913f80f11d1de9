//! Helpers for the revision-analysis tests: a base document with the objects the attacks
//! need, signing and updating it, kyso's judgement of a signature, pyHanko's, and
//! predicates over findings.
#![allow(dead_code)]

use std::process::Command;

use super::signing::*;
use super::{Builder, tmp_path};
use kyso::pdf::syntax::lexer::Lexer;
use kyso::pdf::syntax::parser::parse_object;
use kyso::pdf::{
    ByteRangeProblem, DocMdp, Finding, FindingCode, IncrementalUpdate, ObjRef, Object, PdfReader, Ruling, SignOptions,
    SignatureAnalysis, Stream, duplicate_byte_ranges, find_signatures, history, judge, mdp_state,
};

pub fn o(text: &str) -> Object {
    parse_object(&mut Lexer::new(text.as_bytes(), 0)).unwrap()
}

pub fn r(n: u32) -> ObjRef {
    ObjRef::new(n, 0)
}

pub fn stream(dict: &str, data: &[u8]) -> Object {
    let d = o(dict).as_dict().unwrap().clone();
    Object::Stream(Stream::new(d, data.to_vec()))
}

pub const CONTENT: &[u8] = b"BT /F1 24 Tf 72 720 Td (Pay 100 USD to A) Tj ET q /Logo Do Q";
pub const SHADOW: &[u8] = b"q 1 1 1 rg 60 700 400 50 re f Q BT /F1 24 Tf 72 720 Td (Pay 1000000 USD to B) Tj ET";

/// One page with a font, a logo XObject, a text field (merged widget with appearance;
/// the AcroForm /DR has its font), a hidden square annotation and an unused XObject
/// (9: prepared "shadow" content).
pub fn base_pdf() -> Vec<u8> {
    finish_base(base_builder())
}

/// The objects of [`base_pdf`], for a test to override or extend (an object written
/// again replaces the earlier one in the xref table).
pub fn base_builder() -> Builder {
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R >>");
    b.obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    b.obj(
        3,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Logo 11 0 R >> >> /Contents 6 0 R /Annots [7 0 R 12 0 R] >>",
    );
    b.obj(4, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
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
    b
}

pub fn finish_base(b: Builder) -> Vec<u8> {
    b.finish("/Info 10 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]")
}

pub fn opts(field: &str) -> SignOptions {
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

pub fn signed(certify: Option<DocMdp>) -> Vec<u8> {
    let mut so = opts("Signature1");
    so.certify = certify;
    sign_with(&base_pdf(), &so)
}

/// Append one incremental update written by kyso's writer (checked by the lopdf oracle).
pub fn update(pdf: &[u8], f: impl FnOnce(&PdfReader, &mut IncrementalUpdate)) -> Vec<u8> {
    let out = update_unchecked(pdf, f);
    crate::pdf_check::lopdf_agrees(&out, None);
    out
}

/// [`update`] without the lopdf oracle: only for attacks whose point is a file an honest
/// strict parser refuses (say so at the call).
pub fn update_unchecked(pdf: &[u8], f: impl FnOnce(&PdfReader, &mut IncrementalUpdate)) -> Vec<u8> {
    let rd = PdfReader::open(pdf).unwrap();
    let mut up = IncrementalUpdate::new(&rd);
    f(&rd, &mut up);
    let mut out = pdf.to_vec();
    up.write(&rd, &mut out).unwrap();
    out
}

/// The page dictionary of object 3 with `edit` applied.
pub fn page3(rd: &PdfReader, edit: impl FnOnce(&mut kyso::pdf::Dict)) -> Object {
    let mut p = rd.resolve(r(3)).unwrap().as_dict().unwrap().clone();
    edit(&mut p);
    Object::Dict(p)
}

/// Add `annot` to page 3's /Annots and, when `field`, to AcroForm 5's /Fields.
pub fn attach(rd: &PdfReader, up: &mut IncrementalUpdate, annot: ObjRef, field: bool) {
    let p = page3(rd, |p| {
        let mut a = p.get_array(b"Annots").unwrap().to_vec();
        a.push(Object::Reference(annot));
        p.insert("Annots", Object::Array(a));
    });
    up.put(r(3), p);
    if field {
        let mut af = rd.resolve(r(5)).unwrap().as_dict().unwrap().clone();
        let mut f = af.get_array(b"Fields").unwrap().to_vec();
        f.push(Object::Reference(annot));
        af.insert("Fields", Object::Array(f));
        up.put(r(5), Object::Dict(af));
    }
}

/// kyso's judgement of one signature: ByteRange sane, covered revision found, no
/// duplicate, and no refused or unassessed later revision.
pub struct Ours {
    pub ok: bool,
    pub analysis: Option<SignatureAnalysis>,
    pub problems: Vec<ByteRangeProblem>,
}

impl Ours {
    pub fn a(&self) -> &SignatureAnalysis {
        self.analysis.as_ref().expect("no covered revision")
    }

    /// The first refused finding, for messages.
    pub fn first(&self) -> String {
        match self.analysis.as_ref().and_then(|a| a.refusals().next()) {
            Some((rev, f, ruling)) => format!("rev {rev}: {} {} [{ruling:?}]", f.code.as_str(), f.detail),
            None => format!("problems {:?}", self.problems),
        }
    }
}

pub fn ours_at(pdf: &[u8], index: usize) -> Ours {
    let rd = PdfReader::open(pdf).unwrap();
    let sigs = find_signatures(&rd).unwrap();
    let s = &sigs[index];
    let mdp = mdp_state(&rd, &sigs).unwrap();
    let analysis = s.covered_revision.map(|c| {
        let h = history(&rd, c, kyso::pdf::analysis::diff::DEFAULT_WORK_LIMIT).unwrap();
        judge(&h, c, &mdp)
    });
    let ok = s.problems.is_empty()
        && duplicate_byte_ranges(&sigs).is_empty()
        && analysis.as_ref().is_some_and(SignatureAnalysis::ok);
    Ours { ok, analysis, problems: s.problems.clone() }
}

pub fn ours(pdf: &[u8]) -> Ours {
    ours_at(pdf, 0)
}

/// pyHanko's judgement of the first signature: "judged VALID" or not.
pub fn pyhanko_ok(pdf: &[u8]) -> (bool, String) {
    let report = pyhanko_validate(pdf);
    let secs = pyhanko_sections(&report);
    let ok = secs.first().is_some_and(|(_, t)| t.contains("The signature is judged VALID"));
    (ok, report)
}

/// Assert kyso's verdict on the first signature and pyHanko's; print a table row.
pub fn compare(case: &str, pdf: &[u8], expect_ours: bool, expect_pyhanko: bool, note: &str) -> Ours {
    let us = ours(pdf);
    let (py, report) = pyhanko_ok(pdf);
    eprintln!(
        "| {case} | ours {} | pyHanko {} | {} | {note} |",
        if us.ok { "OK" } else { "NOT OK" },
        if py { "VALID" } else { "INVALID" },
        us.first()
    );
    assert_eq!(us.ok, expect_ours, "{case}: ours; {}\n{:#?}", us.first(), us.analysis);
    assert_eq!(py, expect_pyhanko, "{case}: pyHanko:\n{report}");
    us
}

/// A finding with this code, refused.
pub fn refused(a: &SignatureAnalysis, code: FindingCode) -> bool {
    a.refusals().any(|(_, f, _)| f.code == code)
}

/// A finding with this code, refused with this ruling.
pub fn refused_as(a: &SignatureAnalysis, code: FindingCode, pred: impl Fn(&Ruling) -> bool) -> bool {
    a.refusals().any(|(_, f, r)| f.code == code && pred(r))
}

/// A finding with this code, allowed.
pub fn allowed(a: &SignatureAnalysis, code: FindingCode) -> bool {
    findings(a).iter().any(|(f, r)| f.code == code && r.allowed())
}

/// Every (finding, ruling) of every later revision.
pub fn findings(a: &SignatureAnalysis) -> Vec<(Finding, Ruling)> {
    a.revisions.iter().filter_map(|r| r.outcome.as_ref().ok()).flatten().cloned().collect()
}

/// Run a python3 script with arguments; panics on failure; returns stdout+stderr.
pub fn python(script: &str, args: &[&str]) -> String {
    let out = Command::new("python3").arg("-c").arg(script).args(args).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "python3 failed:\n{text}");
    text
}

/// Whether a python module is importable (a peer); under CI=true a missing one panics.
pub fn have_python_module(m: &str) -> bool {
    let ok = Command::new("python3").args(["-c", &format!("import {m}")]).output().is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
            panic!("python module {m} not installed but CI=true");
        }
        eprintln!("SKIP: python module {m} not installed");
    }
    ok
}

/// Fill text field `name` with `value` in an incremental update written by pypdf, which
/// generates the appearance from the field's /DA and the AcroForm /DR font and rewrites
/// the old appearance stream in place.
pub fn pypdf_fill(pdf: &[u8], name: &str, value: &str) -> Vec<u8> {
    let inp = write_tmp("pypdf-in", pdf);
    let out = tmp_path("pypdf-out");
    let script = [
        "import sys",
        "from pypdf import PdfWriter",
        "w = PdfWriter(sys.argv[1], incremental=True)",
        "w.update_page_form_field_values(w.pages[0], {sys.argv[3]: sys.argv[4]}, auto_regenerate=False)",
        "w.write(sys.argv[2])",
    ]
    .join("\n");
    python(&script, &[inp.to_str().unwrap(), out.to_str().unwrap(), name, value]);
    let bytes = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&inp);
    let _ = std::fs::remove_file(&out);
    assert!(bytes.starts_with(pdf), "pypdf did not write an incremental update");
    bytes
}
