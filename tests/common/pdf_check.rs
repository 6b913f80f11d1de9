//! Independent readers as oracles for every PDF the tests write:
//! - [`lopdf_agrees`]: lopdf (strict) loads the file, every object resolves, and
//!   lopdf's view of the objects the last revision defines equals kyso's reader's;
//! - [`poppler_text_agrees`]: for every page, the text poppler shows (`pdftotext`)
//!   equals the text kyso's reader resolves from the page content
//!   (`pdf::appearance::textfind`);
//! - [`check_written_pdf`]: both, for a PDF kyso wrote.
//!
//! Used from `tests/pdf_views.rs` and, through `#[path]`, from the low-level PDF tests.
#![allow(dead_code)]

use kyso::pdf::syntax::object::Object as K;
use kyso::pdf::{Location, PdfReader, ReadOptions};
use lopdf::Object as L;

/// Run both oracles on a PDF kyso wrote (`password` for encrypted ones).
pub fn check_written_pdf(pdf: &[u8], password: Option<&str>) {
    lopdf_agrees(pdf, password);
    poppler_text_agrees(pdf, password);
}

fn open<'a>(pdf: &'a [u8], password: Option<&str>) -> PdfReader<'a> {
    let ro = ReadOptions { password: password.map(|p| p.as_bytes().to_vec()), ..Default::default() };
    PdfReader::open_with(pdf, ro).expect("kyso reads what it wrote")
}

static CHECKED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many PDFs [`lopdf_agrees`] has checked in this test process.
pub fn oracle_count() -> usize {
    CHECKED.load(std::sync::atomic::Ordering::SeqCst)
}

/// lopdf loads `pdf` strictly, resolves every object, and agrees with kyso's reader on
/// every object the last revision defines.
pub fn lopdf_agrees(pdf: &[u8], password: Option<&str>) {
    lopdf_agrees_labelled(pdf, password, "<bytes>")
}

/// [`lopdf_agrees`], naming the file checked: with `KYSO_ORACLE_LOG=FILE` set, each check
/// appends one line (test, label, size) to FILE, to count the checks over a suite run.
pub fn lopdf_agrees_labelled(pdf: &[u8], password: Option<&str>, label: &str) {
    lopdf_oracle(pdf, password);
    CHECKED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    if let Some(log) = std::env::var_os("KYSO_ORACLE_LOG") {
        use std::io::Write;
        let test = std::thread::current().name().unwrap_or("?").to_string();
        let line = format!("{test}\t{label}\t{}\n", pdf.len());
        let mut f = std::fs::OpenOptions::new().create(true).append(true).open(log).expect("oracle log");
        f.write_all(line.as_bytes()).expect("oracle log");
    }
}

fn lopdf_oracle(pdf: &[u8], password: Option<&str>) {
    let opts = lopdf::LoadOptions { strict: true, password: password.map(str::to_string), ..Default::default() };
    let doc = lopdf::Document::load_mem_with_options(pdf, opts).unwrap_or_else(|e| panic!("lopdf (strict): {e}"));
    for (&id, _) in doc.objects.iter() {
        doc.get_object(id).unwrap_or_else(|e| panic!("lopdf cannot resolve {id:?}: {e}"));
    }
    let rd = open(pdf, password);
    let rev = rd.revisions().last().expect("a revision");
    let mut compared = 0;
    for &(r, loc) in &rev.defined {
        if matches!(loc, Location::Free { .. }) || r.num == 0 {
            continue;
        }
        let ours = rd.resolve(r).unwrap_or_else(|e| panic!("kyso cannot resolve {r}: {e}"));
        if let K::Stream(s) = &ours
            && s.dict.get_name(b"Type") == Some(b"XRef")
        {
            continue; // lopdf keeps no xref streams among the objects
        }
        let theirs = doc.get_object((r.num, r.r#gen)).unwrap_or_else(|e| panic!("lopdf lacks {r}: {e}"));
        let raw = |s: &kyso::pdf::Stream| rd.raw_stream_data(s).map(<[u8]>::to_vec).unwrap_or_default();
        assert!(same(&ours, theirs, &raw), "object {r}: kyso {ours:?}\nlopdf {theirs:?}");
        compared += 1;
    }
    assert!(compared > 0, "the last revision defines no object");
}

fn same(k: &K, l: &L, raw: &dyn Fn(&kyso::pdf::Stream) -> Vec<u8>) -> bool {
    match (k, l) {
        (K::Null, L::Null) => true,
        (K::Bool(a), L::Boolean(b)) => a == b,
        (K::Integer(a), L::Integer(b)) => a == b,
        (K::Real(a), L::Real(b)) => (*a as f32 - *b).abs() <= 1e-3 * (1.0 + b.abs()),
        (K::Integer(a), L::Real(b)) => (*a as f32 - *b).abs() < 1e-3,
        (K::Name(a), L::Name(b)) => a == b,
        (K::String(a), L::String(b, _)) => &a.bytes == b,
        (K::Reference(a), L::Reference(b)) => (a.num, a.r#gen) == *b,
        (K::Array(a), L::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y, raw)),
        (K::Dict(a), L::Dictionary(b)) => dicts(a, b, raw),
        (K::Stream(a), L::Stream(b)) => {
            let mut da = a.dict.clone();
            da.remove(b"Length");
            let mut db = b.dict.clone();
            db.remove(b"Length");
            dicts(&da, &db, raw) && raw(a) == b.content
        }
        _ => false,
    }
}

fn dicts(a: &kyso::pdf::Dict, b: &lopdf::Dictionary, raw: &dyn Fn(&kyso::pdf::Stream) -> Vec<u8>) -> bool {
    a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_ok_and(|w| same(v, w, raw)))
}

/// For every page, the text `pdftotext` shows equals the text kyso's reader resolves
/// (compared without whitespace, which the two lay out differently). Skipped when
/// poppler is missing (a failure under `CI=true`).
pub fn poppler_text_agrees(pdf: &[u8], password: Option<&str>) {
    if !have("pdftotext") {
        return;
    }
    // pdftotext also prints annotation appearances: compare the page content alone,
    // on a copy whose pages lose their /Annots (a revision kyso appends).
    let rd = open(pdf, password);
    let page_refs = rd.pages().expect("page tree");
    let pages = page_refs.len();
    let mut copy = pdf.to_vec();
    let mut up = kyso::pdf::IncrementalUpdate::new(&rd);
    let mut stripped = false;
    for r in &page_refs {
        if let Ok(K::Dict(mut d)) = rd.resolve(*r)
            && d.remove(b"Annots").is_some()
        {
            up.put(*r, K::Dict(d));
            stripped = true;
        }
    }
    if stripped {
        up.write(&rd, &mut copy).expect("strip annotations");
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("check.pdf");
    std::fs::write(&p, &copy).unwrap();
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for page in 0..pages {
        let mut cmd = std::process::Command::new("pdftotext");
        if let Some(pw) = password {
            cmd.args(["-upw", pw]);
        }
        let n = (page + 1).to_string();
        let out = cmd.args(["-f", &n, "-l", &n]).arg(&p).arg("-").output().unwrap();
        assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
        let poppler = squash(&String::from_utf8_lossy(&out.stdout));
        let ours = kyso::pdf::appearance::textfind::page_lines(&rd, page).expect("kyso text");
        let ours = squash(&ours.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n"));
        assert_eq!(ours, poppler, "page {}: kyso's text differs from poppler's", page + 1);
    }
}

/// Is a peer installed? Missing under `CI=true` is a failure, elsewhere a skip.
fn have(tool: &str) -> bool {
    let found = std::process::Command::new(tool).arg("-v").output().is_ok();
    if !found {
        assert!(std::env::var("CI").map_or(true, |v| v != "true"), "peer `{tool}` is missing under CI=true");
        eprintln!("SKIPPED: peer tool `{tool}` not installed");
    }
    found
}
