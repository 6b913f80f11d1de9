//! Test helpers: a tiny PDF builder and wrappers around qpdf / pdfinfo.
#![allow(dead_code)]

pub mod analysis;
pub mod signing;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Builds a PDF from raw object bodies with a correct classic xref table.
pub struct Builder {
    pub buf: Vec<u8>,
    pub offsets: BTreeMap<u32, usize>,
}

impl Builder {
    pub fn new() -> Self {
        Builder { buf: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(), offsets: BTreeMap::new() }
    }

    /// `num 0 obj\n<body>\nendobj\n`
    pub fn obj(&mut self, num: u32, body: &[u8]) -> &mut Self {
        self.offsets.insert(num, self.buf.len());
        self.buf.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        self.buf.extend_from_slice(body);
        self.buf.extend_from_slice(b"\nendobj\n");
        self
    }

    /// Stream object with correct /Length; `dict_extra` goes inside `<< >>`.
    pub fn stream(&mut self, num: u32, dict_extra: &str, data: &[u8]) -> &mut Self {
        let mut body = format!("<< /Length {} {dict_extra} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.obj(num, &body)
    }

    /// Classic xref table covering 0..=max (gaps are free), trailer, EOF.
    pub fn finish(mut self, trailer_extra: &str) -> Vec<u8> {
        let max = self.offsets.keys().max().copied().unwrap_or(0);
        let xref = self.buf.len();
        self.buf.extend_from_slice(format!("xref\n0 {}\n", max + 1).as_bytes());
        for n in 0..=max {
            let line = match self.offsets.get(&n) {
                Some(off) => format!("{off:010} 00000 n\r\n"),
                None => "0000000000 65535 f\r\n".to_string(),
            };
            self.buf.extend_from_slice(line.as_bytes());
        }
        self.buf.extend_from_slice(
            format!("trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n", max + 1)
                .as_bytes(),
        );
        self.buf
    }
}

/// A small valid document with `pages` pages, an /Info dictionary and /ID.
pub fn sample_pdf(pages: u32) -> Vec<u8> {
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 10 + 2 * i)).collect();
    b.obj(2, format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" ")).as_bytes());
    b.obj(3, b"<< /Title (Sample \\(test\\)) /Producer <6B79736F> /CreationDate (D:20240101000000Z) >>");
    b.obj(4, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    for i in 0..pages {
        let page = 10 + 2 * i;
        let content = format!("BT /F1 24 Tf 72 720 Td (Page {}) Tj ET", i + 1);
        b.obj(
            page,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents {} 0 R >>",
                page + 1
            )
            .as_bytes(),
        );
        b.stream(page + 1, "", content.as_bytes());
    }
    b.finish("/Info 3 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]")
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub fn tmp_path(tag: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    std::env::temp_dir().join(format!("kyso-pdf-{}-{n}-{tag}.pdf", std::process::id()))
}

fn tool_present(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().map(|_| true).unwrap_or(false)
}

/// True if qpdf and pdfinfo are available. Under `CI=true` their absence is
/// a test failure, not a skip.
pub fn have_tools() -> bool {
    let ok = tool_present("qpdf") && tool_present("pdfinfo");
    if !ok {
        let ci = std::env::var("CI").map(|v| v == "true" || v == "1").unwrap_or(false);
        if ci {
            panic!("qpdf/pdfinfo not found on PATH but CI=true: install qpdf and poppler-utils");
        }
        eprintln!("SKIP: qpdf/pdfinfo not installed");
    }
    ok
}

/// Run qpdf with `args` on `input`, return the output file's bytes.
pub fn qpdf_convert(input: &[u8], args: &[&str]) -> Vec<u8> {
    let inp = tmp_path("in");
    let out = tmp_path("out");
    std::fs::write(&inp, input).unwrap();
    let res = Command::new("qpdf").args(args).arg(&inp).arg(&out).output().unwrap();
    let _ = std::fs::remove_file(&inp);
    assert!(
        res.status.success(),
        "qpdf {args:?} failed: {}{}",
        String::from_utf8_lossy(&res.stdout),
        String::from_utf8_lossy(&res.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    bytes
}

/// `qpdf --check`: must exit 0 with no warnings or errors.
pub fn qpdf_check(pdf: &[u8]) {
    qpdf_check_args(pdf, &[])
}

/// [`qpdf_check`] with extra options (e.g. `--password=PW`).
pub fn qpdf_check_args(pdf: &[u8], extra: &[&str]) {
    let p = tmp_path("check");
    std::fs::write(&p, pdf).unwrap();
    let res = Command::new("qpdf").arg("--check").args(extra).arg(&p).output().unwrap();
    let out = format!("{}{}", String::from_utf8_lossy(&res.stdout), String::from_utf8_lossy(&res.stderr));
    let _ = std::fs::remove_file(&p);
    assert!(
        res.status.success() && !out.contains("WARNING") && !out.contains("ERROR"),
        "qpdf --check failed (status {:?}):\n{out}",
        res.status.code()
    );
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
}

/// `pdfinfo` must open the file; returns its output.
pub fn pdfinfo(pdf: &[u8]) -> String {
    let p = tmp_path("info");
    std::fs::write(&p, pdf).unwrap();
    let res = Command::new("pdfinfo").arg(&p).output().unwrap();
    let _ = std::fs::remove_file(&p);
    let out = String::from_utf8_lossy(&res.stdout).to_string();
    let err = String::from_utf8_lossy(&res.stderr).to_string();
    assert!(res.status.success(), "pdfinfo failed: {out}{err}");
    assert!(!err.contains("Syntax Error"), "pdfinfo complained: {err}");
    out
}

pub fn hybrid_pdf() -> Vec<u8> {
    hybrid_pdf_n("1")
}

/// Hand-made hybrid-reference file: the page lives in an object stream that
/// only the /XRefStm stream lists.
pub fn hybrid_pdf_n(n: &str) -> Vec<u8> {
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    b.obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    b.stream(4, "", b"BT /F1 12 Tf 72 720 Td (hybrid) Tj ET");
    let member = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>";
    let header = b"3 0 ";
    let mut osdata = header.to_vec();
    osdata.extend_from_slice(member);
    b.stream(5, &format!("/Type /ObjStm /N {n} /First {}", header.len()), &osdata);
    // xref stream (object 6) describing object 3 (compressed) and itself.
    let off6 = b.buf.len();
    let mut rows = vec![2u8, 0, 0, 0, 5, 0]; // obj 3: type 2, stream 5, index 0
    rows.extend_from_slice(&[1, (off6 >> 24) as u8, (off6 >> 16) as u8, (off6 >> 8) as u8, off6 as u8, 0]);
    let mut body =
        format!("<< /Type /XRef /Size 7 /W [1 4 1] /Index [3 1 6 1] /Length {} >>\nstream\n", rows.len()).into_bytes();
    body.extend_from_slice(&rows);
    body.extend_from_slice(b"\nendstream");
    b.obj(6, &body);
    // Classic table listing everything but object 3 (which stays free).
    let offs = b.offsets.clone();
    let xref = b.buf.len();
    let mut t = b"xref\n0 7\n0000000000 65535 f\r\n".to_vec();
    for n in 1..=6u32 {
        match offs.get(&n) {
            Some(o) if n != 3 => t.extend_from_slice(format!("{o:010} 00000 n\r\n").as_bytes()),
            _ => t.extend_from_slice(b"0000000000 00001 f\r\n"),
        }
    }
    b.buf.extend_from_slice(&t);
    b.buf.extend_from_slice(
        format!("trailer\n<< /Size 7 /Root 1 0 R /XRefStm {off6} >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    b.buf
}
