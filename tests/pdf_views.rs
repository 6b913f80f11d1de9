//! Where the PDF syntax allows two readings, kyso must judge what viewers show: one test
//! per attack class (built here: a PDF signed by kyso, then tampered by hand), each
//! refused with a reason naming the class, beside a legitimate neighbour that stays
//! valid; poppler (`pdftotext`) shows where the forged text is what a viewer displays.
//! Then the tolerances: files whose cross-reference data is broken are read as viewers
//! read them (rebuilt), their signatures still judged, and the same breakage carrying an
//! attack still fails.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{Pki, kyso, minimal_pdf, peer};
use kyso::pdf::PdfReader;
use serde_json::Value;

const ORIGINAL: &str = "Pay 100 USD to A";
const FORGED: &str = "Pay 999999 USD to B";

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(Pki::new)
}

fn tmp(tag: &str) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    pki().path(&format!("{tag}-{n}.pdf"))
}

/// `input` signed by kyso (an invisible approval signature).
fn sign(input: &[u8], extra: &[&str]) -> Vec<u8> {
    let (i, o) = (tmp("in"), tmp("signed"));
    std::fs::write(&i, input).unwrap();
    kyso()
        .args(["sign"])
        .arg(&i)
        .arg("-o")
        .arg(&o)
        .args(["--key", &pki().p("signer.key"), "--cert", &pki().p("signer.chain.pem")])
        .args(extra)
        .assert()
        .success();
    std::fs::read(&o).unwrap()
}

/// The signed one-page document every attack starts from: object 4 is the page's
/// content stream.
fn signed() -> Vec<u8> {
    static S: OnceLock<Vec<u8>> = OnceLock::new();
    S.get_or_init(|| sign(&minimal_pdf(ORIGINAL), &[])).clone()
}

/// kyso's verdict on the file and the reasons of its signatures as `CODE: message`.
fn verify(pdf: &[u8]) -> (String, Vec<String>, Value) {
    let p = tmp("verify");
    std::fs::write(&p, pdf).unwrap();
    let out =
        kyso().args(["--format", "json", "verify"]).arg(&p).args(["--trust", &pki().p("root.crt")]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["files"][0];
    let mut reasons: Vec<String> = Vec::new();
    for s in f["signatures"].as_array().into_iter().flatten() {
        for r in s["reasons"].as_array().into_iter().flatten() {
            reasons.push(format!("{}: {}", r["code"].as_str().unwrap_or(""), r["message"].as_str().unwrap_or("")));
        }
    }
    for r in f["reasons"].as_array().into_iter().flatten() {
        reasons.push(format!("{}: {}", r["code"].as_str().unwrap_or(""), r["message"].as_str().unwrap_or("")));
    }
    (f["verdict"].as_str().unwrap_or("").to_string(), reasons, v)
}

/// The text each installed viewer shows on the pages: poppler (`pdftotext`), MuPDF
/// (`mutool draw -F txt`) and PDFium (`pypdfium2`). Viewers missing here are left out
/// (under `CI=true`, `peer` fails the run instead).
fn viewers(pdf: &[u8]) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(t) = pdftotext(pdf) {
        out.push(("poppler", t));
    }
    let p = tmp("viewers");
    std::fs::write(&p, pdf).unwrap();
    if peer("mutool") {
        let o = std::process::Command::new("mutool").args(["draw", "-q", "-F", "txt", "-o", "-"]).arg(&p).output();
        if let Ok(o) = o {
            out.push(("mupdf", String::from_utf8_lossy(&o.stdout).into_owned()));
        }
    }
    if have_pypdfium2() {
        let script = "import sys, pypdfium2 as p\n\
                      d = p.PdfDocument(sys.argv[1])\n\
                      print(''.join(d[i].get_textpage().get_text_range() for i in range(len(d))))";
        // A file PDFium cannot open shows nothing.
        let o = std::process::Command::new("python3").args(["-c", script]).arg(&p).output().unwrap();
        out.push(("pdfium", String::from_utf8_lossy(&o.stdout).into_owned()));
    }
    out
}

fn have_pypdfium2() -> bool {
    static HAVE: OnceLock<bool> = OnceLock::new();
    *HAVE.get_or_init(|| {
        let ok = peer("python3")
            && std::process::Command::new("python3")
                .args(["-c", "import pypdfium2"])
                .output()
                .is_ok_and(|o| o.status.success());
        if !ok && std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("python module pypdfium2 is missing under CI=true; .ci/run must install it");
        }
        ok
    })
}

/// The viewers (of [`viewers`]) that show the forged text.
fn shown_forged(pdf: &[u8]) -> Vec<&'static str> {
    viewers(pdf).into_iter().filter(|(_, t)| t.contains(FORGED)).map(|(v, _)| v).collect()
}

/// The attack is not valid, and a reason names `class`.
fn assert_refused(pdf: &[u8], class: &str) -> (String, Vec<String>) {
    eprintln!("{class}: viewers showing the forged text: {:?}", shown_forged(pdf));
    let (verdict, reasons, v) = verify(pdf);
    assert_ne!(verdict, "valid", "{v:#}");
    assert!(reasons.iter().any(|r| r.contains(class)), "no reason names {class}: {reasons:#?}");
    (verdict, reasons)
}

fn assert_valid(pdf: &[u8]) -> Value {
    let (verdict, _, v) = verify(pdf);
    assert_eq!(verdict, "valid", "{v:#}");
    v
}

/// The notes of the first signature, as `CODE: message`.
fn notes(v: &Value) -> Vec<String> {
    v["files"][0]["signatures"][0]["notes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| format!("{}: {}", n["code"].as_str().unwrap_or(""), n["message"].as_str().unwrap_or("")))
        .collect()
}

/// What poppler shows as text, or `None` when pdftotext is missing.
fn pdftotext(pdf: &[u8]) -> Option<String> {
    if !peer("pdftotext") {
        return None;
    }
    let p = tmp("text");
    std::fs::write(&p, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&p).arg("-").output().unwrap();
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn content(text: &str) -> Vec<u8> {
    let c = format!("BT /F1 24 Tf 72 720 Td ({text}) Tj ET");
    format!("<< /Length {} >>\nstream\n{c}\nendstream", c.len()).into_bytes()
}

/// The last `startxref` value and the next free object number.
fn tail_info(pdf: &[u8]) -> (usize, u32) {
    let r = PdfReader::open(pdf).unwrap();
    (r.startxref(), r.max_object_number() + 1)
}

/// Append objects (`num`, body) and an xref table whose body `rows` writes from the
/// objects' offsets; `trailer_extra` goes into the trailer, which has /Prev.
fn append(
    pdf: &[u8],
    objects: &[(u32, Vec<u8>)],
    rows: impl Fn(&[(u32, usize)]) -> String,
    trailer_extra: &str,
) -> Vec<u8> {
    let (prev, size) = tail_info(pdf);
    let mut out = pdf.to_vec();
    let mut offs = Vec::new();
    for (n, body) in objects {
        offs.push((*n, out.len()));
        out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let x = out.len();
    out.extend_from_slice(
        format!(
            "xref\n{}trailer\n<< /Size {size} /Root 1 0 R /Prev {prev} {trailer_extra} >>\nstartxref\n{x}\n%%EOF\n",
            rows(&offs)
        )
        .as_bytes(),
    );
    out
}

fn row(off: usize) -> String {
    format!("{off:010} 00000 n\r\n")
}

/// Offset of `N 0 obj` as the newest xref has it.
fn offset_of(pdf: &[u8], num: u32) -> usize {
    match PdfReader::open(pdf).unwrap().location(num) {
        Some((_, kyso::pdf::Location::InUse { offset })) => offset,
        other => panic!("object {num}: {other:?}"),
    }
}

// ----------------------------------------------------------------------------------
// The legitimate neighbours
// ----------------------------------------------------------------------------------

#[test]
fn signed_and_signed_twice_stay_valid_and_agree_with_poppler() {
    let s = signed();
    assert_valid(&s);
    let s2 = sign(&s, &["--field-name", "Second"]);
    let v = assert_valid(&s2);
    assert!(notes(&v).iter().all(|n| !n.starts_with("XREF_REBUILT")), "{v:#}");
    if let Some(t) = pdftotext(&s2) {
        assert!(t.contains(ORIGINAL) && !t.contains(FORGED), "{t}");
    }
}

// ----------------------------------------------------------------------------------
// 1. An object listed twice in one xref section
// ----------------------------------------------------------------------------------

#[test]
fn duplicate_xref_entry_is_refused_in_either_order_and_in_xref_streams() {
    let s = signed();
    let orig = offset_of(&s, 4);
    // Forged first: poppler and MuPDF take the first entry.
    let forged_first = append(&s, &[(4, content(FORGED))], |o| format!("4 1\n{}4 1\n{}", row(o[0].1), row(orig)), "");
    // Forged last: readers that keep the last entry show it.
    let forged_last = append(&s, &[(4, content(FORGED))], |o| format!("4 1\n{}4 1\n{}", row(orig), row(o[0].1)), "");
    // The viewers are the judges: poppler and MuPDF take the first entry and show the
    // forged text (PDFium takes the last one here).
    let shown = shown_forged(&forged_first);
    for v in viewers(&forged_first).iter().map(|(v, _)| *v).filter(|v| *v != "pdfium") {
        assert!(shown.contains(&v), "{v} should show the forged text; shown by {shown:?}");
    }
    let shown_last = shown_forged(&forged_last);
    if viewers(&forged_last).iter().any(|(v, _)| *v == "pdfium") {
        assert!(shown_last.contains(&"pdfium"), "PDFium should show the forged text; shown by {shown_last:?}");
    }
    assert_refused(&forged_first, "duplicate-xref-entry");
    assert_refused(&forged_last, "duplicate-xref-entry");

    // Overlapping /Index ranges of an xref stream.
    let (prev, size) = tail_info(&s);
    let mut out = s.clone();
    let forged_at = out.len();
    out.extend_from_slice(b"4 0 obj\n");
    out.extend_from_slice(&content(FORGED));
    out.extend_from_slice(b"\nendobj\n");
    let x = out.len();
    let mut rows = Vec::new();
    for off in [orig, forged_at, x] {
        rows.push(1u8);
        rows.extend_from_slice(&(off as u32).to_be_bytes());
        rows.push(0);
    }
    let num = size;
    out.extend_from_slice(
        format!(
            "{num} 0 obj\n<< /Type /XRef /Size {} /Root 1 0 R /Prev {prev} /W [1 4 1] /Index [4 1 4 1 {num} 1] /Length {} >>\nstream\n",
            num + 1,
            rows.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&rows);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{x}\n%%EOF\n").as_bytes());
    assert_refused(&out, "duplicate-xref-entry");
}

// ----------------------------------------------------------------------------------
// 2. /Length against endstream, data on the stream keyword's line
// ----------------------------------------------------------------------------------

#[test]
fn stream_length_running_past_endstream_is_refused() {
    let s = signed();
    let first = format!("BT /F1 24 Tf 72 720 Td ({ORIGINAL}) Tj ET");
    let second = format!("BT /F1 24 Tf 72 680 Td ({FORGED}) Tj ET");
    // /Length covers both parts; a comment stands before the real `endstream`, so a
    // reader that checks for `endstream` after /Length falls back to the first one.
    let data = format!("{first}\nendstream\n{second}");
    let body = format!("<< /Length {} >>\nstream\n{data}\n%junk\nendstream", data.len()).into_bytes();
    let attack = append(&s, &[(4, body)], |o| format!("4 1\n{}", row(o[0].1)), "");
    if let Some(t) = pdftotext(&attack) {
        assert!(t.contains(FORGED), "poppler reads /Length and shows the forged text: {t}");
    }
    assert_refused(&attack, "stream-length-vs-endstream");

    // Neighbour: the same stream rewritten with a /Length that ends at `endstream`
    // (an identical rewrite is allowed).
    let body = format!("<< /Length {} >>\nstream\n{first}\nendstream", first.len()).into_bytes();
    let same = append(&s, &[(4, body)], |o| format!("4 1\n{}", row(o[0].1)), "");
    assert_valid(&same);
}

#[test]
fn data_on_the_stream_keyword_line_is_refused() {
    let s = signed();
    let first = format!("BT /F1 24 Tf 72 720 Td ({ORIGINAL}) Tj ET");
    // MuPDF and kyso start the data right after `stream `; pdf.js on the next line.
    let data = format!("BT /F1 24 Tf 72 680 Td ({FORGED}) Tj ET\n{first}");
    let body = format!("<< /Length {} >>\nstream {data}\nendstream", data.len()).into_bytes();
    let attack = append(&s, &[(4, body)], |o| format!("4 1\n{}", row(o[0].1)), "");
    assert_refused(&attack, "data-on-stream-keyword-line");
}

// ----------------------------------------------------------------------------------
// 3. startxref far from the end / a comment after startxref: viewers rebuild
// ----------------------------------------------------------------------------------

#[test]
fn rebuilt_view_that_differs_is_refused() {
    let s = signed();
    // An object no xref lists, after the signed bytes, then padding that pushes
    // `startxref` out of every viewer's window: viewers rebuild and take it.
    let mut attack = s.clone();
    attack.extend_from_slice(b"4 0 obj\n");
    attack.extend_from_slice(&content(FORGED));
    attack.extend_from_slice(b"\nendobj\n");
    let mut padded = attack.clone();
    padded.extend(std::iter::repeat_n(b' ', 40 * 1024));
    padded.push(b'\n');
    // poppler finds `startxref` again within 24 KiB of the end only without padding:
    // here it rebuilds and shows the object no xref section lists.
    if let Some(t) = pdftotext(&padded) {
        assert!(t.contains(FORGED), "poppler should rebuild and show the forged text: {t}");
    }
    let (_, reasons) = assert_refused(&padded, "rebuilt-view-differs");
    assert!(reasons.iter().any(|r| r.starts_with("MODIFIED_AFTER_SIGNING")), "{reasons:#?}");

    // A comment between `startxref` and its offset (a new tail naming the signed xref).
    let (prev, _) = tail_info(&s);
    let mut commented = attack.clone();
    commented.extend_from_slice(format!("startxref\n%x\n{prev}\n%%EOF\n").as_bytes());
    if let Some(t) = pdftotext(&commented) {
        assert!(t.contains(FORGED), "poppler should rebuild and show the forged text: {t}");
    }
    assert_refused(&commented, "rebuilt-view-differs");

    // Neighbour: padding alone changes nothing a viewer shows (a warning only).
    let mut pad_only = s.clone();
    pad_only.extend(std::iter::repeat_n(b' ', 40 * 1024));
    let v = assert_valid(&pad_only);
    assert!(notes(&v).iter().any(|n| n.contains("startxref-placement")), "{v:#}");
}

// ----------------------------------------------------------------------------------
// 4. A dormant xref section inside the signed bytes
// ----------------------------------------------------------------------------------

#[test]
fn dormant_xref_section_is_refused() {
    // Before signing: a forged page content and an xref section for it after the
    // %%EOF, with no startxref — no viewer reads it, the signer sees the original.
    let doc = minimal_pdf(ORIGINAL);
    let (prev, size) = tail_info(&doc);
    let mut prepared = doc.clone();
    let forged_at = prepared.len();
    prepared.extend_from_slice(b"4 0 obj\n");
    prepared.extend_from_slice(&content(FORGED));
    prepared.extend_from_slice(b"\nendobj\n");
    let dormant = prepared.len();
    prepared.extend_from_slice(
        format!("xref\n4 1\n{}trailer\n<< /Size {size} /Root 1 0 R /Prev {prev} >>\n", row(forged_at)).as_bytes(),
    );
    let s = sign(&prepared, &[]);
    if let Some(t) = pdftotext(&s) {
        assert!(t.contains(ORIGINAL) && !t.contains(FORGED), "{t}");
    }
    // After signing: a revision that lists the signature revision's objects again
    // (the catalog with the form, the field, the signature) and whose /Prev wakes the
    // dormant section: before, kyso took the dormant section for the signed revision.
    let (_, size) = tail_info(&s);
    let rd = PdfReader::open(&s).unwrap();
    let mut rows = String::new();
    for (r, loc) in &rd.revisions().last().unwrap().defined {
        if let kyso::pdf::Location::InUse { offset } = loc {
            rows += &format!("{} 1\n{}", r.num, row(*offset));
        }
    }
    let mut attack = s.clone();
    let x = attack.len();
    attack.extend_from_slice(
        format!("xref\n{rows}trailer\n<< /Size {size} /Root 1 0 R /Prev {dormant} >>\nstartxref\n{x}\n%%EOF\n")
            .as_bytes(),
    );
    if let Some(t) = pdftotext(&attack) {
        assert!(t.contains(FORGED), "poppler follows /Prev into the dormant section: {t}");
    }
    assert_refused(&attack, "dormant-xref-section");
}

// ----------------------------------------------------------------------------------
// 5. A dictionary key given twice; an object stream holding a number twice
// ----------------------------------------------------------------------------------

#[test]
fn duplicate_dictionary_key_is_refused() {
    let s = signed();
    // kyso takes the last /Contents (the original), poppler the first (the forged).
    let page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec();
    let attack =
        append(&s, &[(6, content(FORGED)), (3, page)], |o| format!("3 1\n{}6 1\n{}", row(o[1].1), row(o[0].1)), "");
    assert_refused(&attack, "duplicate-dictionary-key");
}

#[test]
fn duplicate_object_stream_member_is_refused() {
    let s = signed();
    let (prev, size) = tail_info(&s);
    let forged = content(FORGED);
    let _ = forged;
    // An object stream holding object 3 (the page) twice: index 0 points the page at
    // a forged content 6, index 1 is the page as signed. The xref names index 1; a
    // reader that searches by number finds index 0.
    let evil_page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F1 5 0 R >> >> >>";
    let good_page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>";
    let header = format!("3 0 3 {} ", evil_page.len() + 1);
    let objs = format!("{evil_page}\n{good_page}");
    let mut out = s.clone();
    let c_at = out.len();
    out.extend_from_slice(b"6 0 obj\n");
    out.extend_from_slice(&content(FORGED));
    out.extend_from_slice(b"\nendobj\n");
    let os = size;
    let os_at = out.len();
    out.extend_from_slice(
        format!(
            "{os} 0 obj\n<< /Type /ObjStm /N 2 /First {} /Length {} >>\nstream\n{header}{objs}\nendstream\nendobj\n",
            header.len(),
            header.len() + objs.len()
        )
        .as_bytes(),
    );
    let xs = os + 1;
    let x = out.len();
    let mut rows = Vec::new();
    let mut push = |t: u8, a: u32, b: u16| {
        rows.push(t);
        rows.extend_from_slice(&a.to_be_bytes());
        rows.extend_from_slice(&b.to_be_bytes());
    };
    push(2, os, 1); // object 3: member 1 of the object stream
    push(1, c_at as u32, 0); // object 6
    push(1, os_at as u32, 0); // the object stream
    push(1, x as u32, 0); // this xref stream
    out.extend_from_slice(
        format!(
            "{xs} 0 obj\n<< /Type /XRef /Size {} /Root 1 0 R /Prev {prev} /W [1 4 2] /Index [3 1 6 1 {os} 2] /Length {} >>\nstream\n",
            xs + 1,
            rows.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&rows);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{x}\n%%EOF\n").as_bytes());
    assert_refused(&out, "duplicate-object-stream-member");
}

// ----------------------------------------------------------------------------------
// Tolerance: broken cross-reference data is read as viewers read it
// ----------------------------------------------------------------------------------

/// A later revision that only updates /Info (an allowed change), with its xref broken
/// by `breakage`; with `forge`, the same revision also replaces the page content.
fn later_revision(s: &[u8], forge: bool, breakage: &str) -> Vec<u8> {
    let info = b"<< /Title (Updated) /Producer (a sloppy tool) >>".to_vec();
    let mut objs = vec![(7000u32, info)];
    if forge {
        objs.push((4, content(FORGED)));
    }
    let good =
        append(s, &objs, |o| o.iter().map(|(n, off)| format!("{n} 1\n{}", row(*off))).collect(), "/Info 7000 0 R");
    let tail = good.windows(9).rposition(|w| w == b"startxref").unwrap();
    let x: usize = std::str::from_utf8(&good[tail + 10..]).unwrap().split_whitespace().next().unwrap().parse().unwrap();
    let mut out = good[..tail].to_vec();
    match breakage {
        "startxref-off-by-3" => out.extend_from_slice(format!("startxref\n{}\n%%EOF\n", x + 3).as_bytes()),
        "startxref-beyond-end" => out.extend_from_slice(format!("startxref\n{}\n%%EOF\n", good.len() + 500).as_bytes()),
        "prev-loop" => {
            replace_after(&mut out, s.len(), &format!("/Prev {}", tail_info(s).0), &format!("/Prev {x}"));
            out.extend_from_slice(format!("startxref\n{x}\n%%EOF\n").as_bytes());
        }
        "entry-off-by-2" => {
            let info_at = good.windows(12).rposition(|w| w == b"7000 0 obj\n<").unwrap();
            replace_after(&mut out, s.len(), &row(info_at), &row(info_at + 2));
            out.extend_from_slice(format!("startxref\n{x}\n%%EOF\n").as_bytes());
        }
        _ => unreachable!(),
    }
    out
}

/// Replace the first `from` after byte `start` by `to` (same length or not).
fn replace_after(buf: &mut Vec<u8>, start: usize, from: &str, to: &str) {
    let at = start + buf[start..].windows(from.len()).position(|w| w == from.as_bytes()).expect("pattern");
    buf.splice(at..at + from.len(), to.bytes());
}

#[test]
fn broken_xref_is_read_as_viewers_do_and_attacks_through_it_still_fail() {
    let s = signed();
    for breakage in ["startxref-off-by-3", "startxref-beyond-end", "prev-loop", "entry-off-by-2"] {
        let legit = later_revision(&s, false, breakage);
        if let Some(t) = pdftotext(&legit) {
            assert!(t.contains(ORIGINAL), "{breakage}: poppler opens it: {t}");
        }
        let v = assert_valid(&legit);
        assert!(notes(&v).iter().any(|n| n.starts_with("XREF_REBUILT")), "{breakage}: {v:#}");

        let attack = later_revision(&s, true, breakage);
        if let Some(t) = pdftotext(&attack) {
            assert!(t.contains(FORGED), "{breakage}: poppler shows the forged text: {t}");
        }
        let (verdict, reasons, v) = verify(&attack);
        assert_eq!(verdict, "invalid", "{breakage}: {v:#}");
        assert!(reasons.iter().any(|r| r.starts_with("MODIFIED_AFTER_SIGNING")), "{breakage}: {reasons:#?}");
    }
}

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/interop").join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIPPED: ../shared/interop/{rel} is not here");
        None
    }
}

#[test]
fn real_files_with_broken_xref_are_read_not_errors() {
    let Some(dir) = shared("pyhanko-testdata/pdf") else { return };
    for f in [
        "minimal-startxref-obo1.pdf",
        "minimal-startxref-obo2.pdf",
        "minimal-startxref-obo4.pdf",
        "minimal-startxref-obo5.pdf",
        "minimal-startxref-obo6.pdf",
        "minimal-startxref-hopeless.pdf",
        "minimal-startxref-hopeless3.pdf",
        "minimal-badxref.pdf",
        "broken-objstream1.pdf",
    ] {
        let data = std::fs::read(dir.join(f)).unwrap();
        let (verdict, reasons, _) = verify(&data);
        assert_eq!(verdict, "unsigned", "{f}: {reasons:?}");
    }
    let Some(dir) = shared("realworld/pdf") else { return };
    for f in [
        "dss-pades_src_test_resources_EmptyPage-corrupted.pdf",
        "dss-pades_src_test_resources_validation_pades-5-signatures-and-1-document-timestamp.pdf",
    ] {
        let data = std::fs::read(dir.join(f)).unwrap();
        let (verdict, reasons, _) = verify(&data);
        assert!(verdict == "unsigned" || verdict == "indeterminate", "{f}: {verdict} {reasons:?}");
    }
}

// ----------------------------------------------------------------------------------
// The oracles on what kyso writes
// ----------------------------------------------------------------------------------

#[test]
fn lopdf_and_poppler_agree_with_kyso_on_what_it_writes() {
    use common::pdf_check::check_written_pdf;
    let s = signed();
    check_written_pdf(&s, None);
    let s2 = sign(&s, &["--field-name", "Second"]);
    check_written_pdf(&s2, None);
    let certified = sign(&minimal_pdf(ORIGINAL), &["--certify", "form-fill"]);
    check_written_pdf(&certified, None);
    let visible = sign(&minimal_pdf(ORIGINAL), &["--appearance", "approve", "--rect", "300,100,500,160"]);
    check_written_pdf(&visible, None);
}
