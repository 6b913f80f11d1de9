//! Visible signature appearances (Decree 30/2020/NĐ-CP, Appendix I) checked
//! with pyHanko, pdffonts, pdftotext, pdftoppm and qpdf; find_text on the
//! Vietnamese sample and on hand-made simple-font pages.

use std::process::Command;

use crate::common::signing::*;
use crate::common::*;
use kyso::pdf::appearance::layout::{SEAL_SIZE, appearance_rect};
use kyso::pdf::{AppearanceSpec, ObjRef, Object, PdfReader, Placement, SignOptions, Step, build_appearance, find_text};

const SAMPLE: &[u8] = include_bytes!("../../fixtures/sample.pdf");
const SIGNATURE_PNG: &[u8] = include_bytes!("../../assets/images/signature.png");
const SEAL_PNG: &[u8] = include_bytes!("../../assets/images/seal.png");
/// 2026-11-22T11:19:00+07:00
const T0: i64 = 1_795_321_140;
const PEERS: &[&str] = &["openssl", "pyhanko", "qpdf", "pdffonts", "pdftotext", "pdftoppm"];

fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

/// Build the appearance for `spec` on `input` and sign with it.
fn sign_step(input: &[u8], spec: &AppearanceSpec, field: &str) -> (Vec<u8>, [f64; 4]) {
    let r = PdfReader::open(input).unwrap();
    let ap = build_appearance(&r, spec).unwrap_or_else(|e| panic!("{field}: {e}"));
    let rect = ap.rect;
    let opts = SignOptions {
        field_name: Some(field.into()),
        name: spec.signer_name.clone(),
        signing_time_unix: spec.signing_time_unix,
        tz_offset_minutes: 420,
        page: spec.page,
        appearance: Some(ap),
        ..SignOptions::default()
    };
    (sign_with(input, &opts), rect)
}

fn approve_spec() -> AppearanceSpec {
    AppearanceSpec {
        placement: Placement::Anchor { text: "Nguyễn Văn An".into(), dx: 0.0, dy: 0.0 },
        image: Some(SIGNATURE_PNG.to_vec()),
        signer_name: Some("Nguyễn Văn An".into()),
        ..AppearanceSpec::new(Step::Approve, T0)
    }
}

fn issue_spec() -> AppearanceSpec {
    AppearanceSpec {
        image: Some(SEAL_PNG.to_vec()),
        doc_number: Some("123/UBND-VP".into()),
        agency: Some("UBND TỈNH THÁI NGUYÊN".into()),
        ..approve_spec_with(Step::Issue, T0 + 600)
    }
}

fn approve_spec_with(step: Step, t: i64) -> AppearanceSpec {
    AppearanceSpec { step, signing_time_unix: t, image: None, ..approve_spec() }
}

fn copy_spec() -> AppearanceSpec {
    AppearanceSpec {
        copy_type: Some("SAO Y".into()),
        agency: Some("VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH".into()),
        ..AppearanceSpec::new(Step::Copy, T0 + 86_400)
    }
}

// --- rendering helpers ---------------------------------------------------------

struct Raster {
    w: usize,
    h: usize,
    rgb: Vec<u8>,
}

impl Raster {
    fn px(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.w + x) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }
}

/// `pdftoppm -r 72 -png` of page 1: one pixel per point.
fn render(pdf: &[u8]) -> Raster {
    let p = write_tmp("ppm", pdf);
    let prefix = tmp_path("render");
    run_ok(
        Command::new("pdftoppm").args(["-r", "72", "-png", "-singlefile", "-f", "1", "-l", "1"]).arg(&p).arg(&prefix),
    );
    let png_path = format!("{}.png", prefix.display());
    let bytes = std::fs::read(&png_path).unwrap();
    let _ = std::fs::remove_file(&p);
    let _ = std::fs::remove_file(&png_path);
    let mut d = png::Decoder::new(std::io::Cursor::new(bytes));
    d.set_transformations(png::Transformations::normalize_to_color8());
    let mut r = d.read_info().unwrap();
    let mut buf = vec![0; r.output_buffer_size().unwrap()];
    let info = r.next_frame(&mut buf).unwrap();
    let ch = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Grayscale => 1,
        c => panic!("unexpected render color type {c:?}"),
    };
    let (w, h) = (info.width as usize, info.height as usize);
    let mut rgb = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        for x in 0..w {
            let i = y * info.line_size + x * ch;
            if ch == 1 {
                rgb.extend_from_slice(&[buf[i]; 3]);
            } else {
                rgb.extend_from_slice(&buf[i..i + 3]);
            }
        }
    }
    Raster { w, h, rgb }
}

/// Pixel rectangle (x0..x1, y0..y1) of a PDF box on a page of height
/// `page_h`, grown by `grow` pixels.
fn px_box(r: [f64; 4], page_h: f64, grow: f64) -> (usize, usize, usize, usize) {
    let c = |v: f64| v.max(0.0) as usize;
    (
        c((r[0] - grow).floor()),
        c((r[2] + grow).ceil()),
        c((page_h - r[3] - grow).floor()),
        c((page_h - r[1] + grow).ceil()),
    )
}

/// Changed pixels inside `r` between two renders.
fn changed_in(a: &Raster, b: &Raster, r: [f64; 4], page_h: f64) -> Vec<[u8; 3]> {
    let (x0, x1, y0, y1) = px_box(r, page_h, 0.0);
    let mut out = Vec::new();
    for y in y0..y1.min(a.h) {
        for x in x0..x1.min(a.w) {
            if a.px(x, y) != b.px(x, y) {
                out.push(b.px(x, y));
            }
        }
    }
    out
}

fn mean(px: &[[u8; 3]]) -> [f64; 3] {
    let mut m = [0.0; 3];
    for p in px {
        for i in 0..3 {
            m[i] += f64::from(p[i]);
        }
    }
    m.map(|v| v / px.len().max(1) as f64)
}

/// Text pixels: enough really dark ones, no hue.
fn assert_dark_text(px: &[[u8; 3]], what: &str) {
    let dark = px.iter().filter(|p| p.iter().all(|&c| c < 90)).count();
    assert!(dark > 40, "{what}: only {dark} dark pixels of {}", px.len());
    let m = mean(px);
    assert!((m[0] - m[2]).abs() < 25.0 && (m[0] - m[1]).abs() < 25.0, "{what}: text is not neutral: mean {m:?}");
}

// --- structure helpers ---------------------------------------------------------

/// Widget name -> (widget ref, /AP /N ref) of every signature widget.
fn widgets(pdf: &[u8]) -> Vec<(String, ObjRef, ObjRef)> {
    let r = PdfReader::open(pdf).unwrap();
    let page = r.pages().unwrap()[0];
    let pd = r.resolve(page).unwrap();
    let annots = r.get(pd.as_dict().unwrap().get(b"Annots").unwrap()).unwrap();
    let mut out = Vec::new();
    for a in annots.as_array().unwrap() {
        let wr = a.as_reference().unwrap();
        let w = r.resolve(wr).unwrap();
        let w = w.as_dict().unwrap();
        let name = String::from_utf8_lossy(w.get(b"T").unwrap().as_str_bytes().unwrap()).to_string();
        let n = w.get_dict(b"AP").unwrap().get_ref(b"N").unwrap();
        out.push((name, wr, n));
    }
    out
}

/// Every indirect object reachable from `root` (inclusive).
fn reachable(r: &PdfReader, root: ObjRef) -> Vec<ObjRef> {
    fn walk(r: &PdfReader, o: &Object, seen: &mut Vec<ObjRef>) {
        match o {
            Object::Reference(x) if !seen.contains(x) => {
                seen.push(*x);
                walk(r, &r.resolve(*x).unwrap(), seen);
            }
            Object::Array(a) => a.iter().for_each(|o| walk(r, o, seen)),
            Object::Dict(d) => d.iter().for_each(|(_, o)| walk(r, o, seen)),
            Object::Stream(s) => s.dict.iter().for_each(|(_, o)| walk(r, o, seen)),
            _ => {}
        }
    }
    let mut seen = Vec::new();
    walk(r, &Object::Reference(root), &mut seen);
    seen
}

/// The widget of `field` in `earlier`, its appearance stream and everything
/// the stream refers to are byte-for-byte the same objects in `later`.
fn assert_widget_untouched(earlier: &[u8], later: &[u8], field: &str) {
    let (_, wref, apref) = widgets(earlier).into_iter().find(|w| w.0 == field).unwrap();
    let re = PdfReader::open(earlier).unwrap();
    let rl = PdfReader::open(later).unwrap();
    let mut objs = reachable(&re, apref);
    objs.push(wref);
    assert!(objs.len() >= 2);
    for o in objs {
        let se = re.object_span(o).unwrap();
        let sl = rl.object_span(o).unwrap();
        assert_eq!(se, sl, "{field}: object {o} was rewritten");
        assert_eq!(&earlier[se.clone()], &later[sl], "{field}: object {o} differs");
    }
}

// --- the workflow --------------------------------------------------------------

#[test]
fn decree30_three_step_workflow() {
    if !have_peers(PEERS) {
        return;
    }
    // approve: the leader's signature above the name
    let (one, approve_rect) = sign_step(SAMPLE, &approve_spec(), "Approve");
    qpdf_check(&one);
    assert_pyhanko_all_valid(&one, &["Approve"]);
    // issue: the seal over the left third of it, number and time
    let (two, issue_rect) = sign_step(&one, &issue_spec(), "Issue");
    qpdf_check(&two);
    assert_pyhanko_all_valid(&two, &["Approve", "Issue"]);
    // copy: text at the top right
    let (three, copy_rect) = sign_step(&two, &copy_spec(), "Copy");
    qpdf_check(&three);
    let report = assert_pyhanko_all_valid(&three, &["Approve", "Issue", "Copy"]);
    assert_eq!(report.matches("The signature is judged VALID").count(), 3, "{report}");
    assert_eq!(PdfReader::open(&three).unwrap().revisions().len(), 4);

    if let Ok(dir) = std::env::var("APPEARANCE_OUT") {
        for (n, f) in [("approve", &one), ("issue", &two), ("copy", &three)] {
            std::fs::write(format!("{dir}/{n}.pdf"), f).unwrap();
        }
    }

    // geometry: the approve box is between the title line and the name
    let title = find_text(&PdfReader::open(SAMPLE).unwrap(), 0, "CHỦ TỊCH").unwrap().unwrap();
    let name = find_text(&PdfReader::open(SAMPLE).unwrap(), 0, "Nguyễn Văn An").unwrap().unwrap();
    assert!(approve_rect[1] >= name[3] && approve_rect[1] < name[3] + 5.0, "{approve_rect:?} {name:?}");
    assert!(approve_rect[3] <= title[1] + 2.0, "{approve_rect:?} {title:?}");
    // the seal square is centred on the left third of the approve box
    let seal_cx = (issue_rect[0] + issue_rect[2]) / 2.0;
    let third_cx = approve_rect[0] + (approve_rect[2] - approve_rect[0]) / 6.0;
    assert!((seal_cx - third_cx).abs() < 0.01);
    assert!((issue_rect[2] - issue_rect[0] - SEAL_SIZE).abs() < 0.01);
    let seal_sq = [issue_rect[0], issue_rect[3] - SEAL_SIZE, issue_rect[2], issue_rect[3]];
    let caption = [issue_rect[0], issue_rect[1], issue_rect[2], issue_rect[3] - SEAL_SIZE];
    assert!(caption[3] - caption[1] > 15.0, "caption strip {caption:?}");
    // copy box: top right of the A4 page, in the top margin
    let expect = [595.2756 - 220.0, 841.8898 - 49.5, 595.2756 - 20.0, 841.8898 - 10.0];
    assert!(copy_rect.iter().zip(expect).all(|(a, b)| (a - b).abs() < 1e-6), "{copy_rect:?}");

    // earlier widgets (and their appearance objects) are untouched
    assert_widget_untouched(&one, &three, "Approve");
    assert_widget_untouched(&two, &three, "Issue");

    // pdffonts: the embedded Liberation Serif subsets
    let p = write_tmp("fonts", &three);
    let fonts = run_ok(Command::new("pdffonts").arg(&p));
    let flat = qpdf_convert(&three, &["--flatten-annotations=all"]);
    let pf = write_tmp("flat", &flat);
    let flat_fonts = run_ok(Command::new("pdffonts").arg(&pf));
    eprintln!("pdffonts (signed):\n{fonts}\npdffonts (flattened):\n{flat_fonts}");
    let lib: Vec<&str> = fonts.lines().filter(|l| l.contains("+LiberationSerif")).collect();
    assert_eq!(lib.len(), 2, "issue caption + copy text:\n{fonts}");
    for l in &lib {
        let cols: Vec<&str> = l.split_whitespace().collect();
        assert!(l.contains("CID TrueType") && l.contains("Identity-H"), "{l}");
        assert_eq!(&cols[cols.len() - 5..cols.len() - 2], ["yes", "yes", "yes"], "emb sub uni: {l}");
        assert_eq!(cols[0].find('+'), Some(6), "{l}");
    }

    // pdftotext: the appearance text, exactly (poppler reads widget
    // appearances; the flattened file has it as page content)
    let text = run_ok(Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&p).arg("-"));
    let flat_text = run_ok(Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&pf).arg("-"));
    eprintln!("pdftotext (signed):\n{text}");
    for s in [
        "SAO Y",
        "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH",
        "Thời gian ký: 2026-11-23T11:19:00+07:00",
        "Số: 123/UBND-VP",
        "2026-11-22T11:29:00+07:00",
    ] {
        assert!(text.contains(s), "pdftotext lacks {s:?}:\n{text}");
        assert!(flat_text.contains(s), "pdftotext (flattened) lacks {s:?}:\n{flat_text}");
    }
    // our own text finder reads the flattened appearance (Type0 + ToUnicode
    // inside a form XObject)
    let fr = PdfReader::open(&flat).unwrap();
    let bb = find_text(&fr, 0, "SAO Y").unwrap().expect("SAO Y in the flattened page");
    assert!(bb[0] >= copy_rect[0] && bb[2] <= copy_rect[2] && bb[1] >= copy_rect[1] && bb[3] <= copy_rect[3], "{bb:?}");
    assert!(find_text(&fr, 0, "123/UBND-VP").unwrap().is_some());
    for f in [&p, &pf] {
        let _ = std::fs::remove_file(f);
    }

    // pixels: inside the boxes the expected colours, outside identical
    let base = render(SAMPLE);
    let r1 = render(&one);
    let r2 = render(&two);
    let r3 = render(&three);
    let page_h = 841.89;
    assert_eq!((base.w, base.h), (r3.w, r3.h));

    let blue = changed_in(&base, &r1, approve_rect, page_h);
    let m = mean(&blue);
    assert!(blue.len() > 300, "approve: {} changed pixels", blue.len());
    assert!(m[2] > m[0] + 40.0 && m[2] > m[1] + 30.0, "approve not blue: {m:?}");

    let red = changed_in(&r1, &r2, seal_sq, page_h);
    let m = mean(&red);
    assert!(red.len() > 1000, "seal: {} changed pixels", red.len());
    assert!(m[0] > m[1] + 60.0 && m[0] > m[2] + 60.0, "seal not red: {m:?}");
    assert_dark_text(&changed_in(&r1, &r2, caption, page_h), "issue caption");
    assert_dark_text(&changed_in(&r2, &r3, copy_rect, page_h), "copy text");

    let boxes = [approve_rect, issue_rect, copy_rect].map(|b| px_box(b, page_h, 1.0));
    let mut diff_outside = 0;
    for y in 0..base.h {
        for x in 0..base.w {
            let inside = boxes.iter().any(|&(x0, x1, y0, y1)| x >= x0 && x < x1 && y >= y0 && y < y1);
            if !inside && base.px(x, y) != r3.px(x, y) {
                diff_outside += 1;
            }
        }
    }
    assert_eq!(diff_outside, 0, "pixels changed outside the appearance boxes");
}

#[test]
fn attachment_and_defaults_with_jpeg() {
    if !have_peers(&["openssl", "pyhanko", "qpdf", "pdftotext", "pdftoppm"]) {
        return;
    }
    // attachment step (text, default placement) on a simple generated file
    let input = sample_pdf(2);
    let spec = AppearanceSpec {
        page: 1,
        doc_number: Some("45/QĐ-UBND".into()),
        agency: Some("ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN".into()),
        ..AppearanceSpec::new(Step::Attachment, T0)
    };
    let (one, rect) = sign_step(&input, &spec, "Attachment");
    assert_eq!(rect, [392.0, 742.5, 592.0, 782.0]);
    // approve with a JPEG and default placement, issue derived from it
    let jpeg = tiny_jpeg();
    let a = AppearanceSpec { image: Some(jpeg), ..AppearanceSpec::new(Step::Approve, T0) };
    let r = PdfReader::open(&one).unwrap();
    assert_eq!(appearance_rect(&r, &a).unwrap(), [367.0, 150.0, 537.0, 230.0]);
    let (two, _) = sign_step(&one, &a, "Approve");
    let s = AppearanceSpec { image: Some(SEAL_PNG.to_vec()), ..AppearanceSpec::new(Step::Issue, T0) };
    let (three, seal) = sign_step(&two, &s, "Issue");
    // time-only caption below the seal square
    assert!((seal[0] + seal[2]) / 2.0 - (367.0 + 170.0 / 6.0) < 0.01);
    qpdf_check(&three);
    assert_pyhanko_all_valid(&three, &["Attachment", "Approve", "Issue"]);
    // the JPEG (gray 128) is drawn as an 80x80 square centred in the box
    let px = render(&three);
    assert_eq!(px.px(367 + 85, 792 - 190), [128, 128, 128]);
    assert_eq!(px.px(367 + 85 - 38, 792 - 190 + 38), [128, 128, 128]);
    assert_eq!(px.px(367 + 85 - 43, 792 - 190), [255, 255, 255]);
    let flat = qpdf_convert(&three, &["--flatten-annotations=all"]);
    let pf = write_tmp("flat", &flat);
    let text = run_ok(Command::new("pdftotext").args(["-enc", "UTF-8", "-f", "2", "-l", "2"]).arg(&pf).arg("-"));
    let _ = std::fs::remove_file(&pf);
    for s in ["ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", "Số: 45/QĐ-UBND", "Thời gian ký: 2026-11-22T11:19:00+07:00"]
    {
        assert!(text.contains(s), "pdftotext lacks {s:?}:\n{text}");
    }
}

/// A valid baseline JPEG made by hand: 8x8 gray, every sample 128 (one
/// DC-only block; one-code Huffman tables, all-ones quantisation).
fn tiny_jpeg() -> Vec<u8> {
    let mut j = vec![0xFF, 0xD8, 0xFF, 0xDB, 0, 67, 0];
    j.extend_from_slice(&[1; 64]);
    j.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0]);
    for class in [0x00, 0x10] {
        j.extend_from_slice(&[0xFF, 0xC4, 0, 20, class, 1]);
        j.extend_from_slice(&[0; 16]);
    }
    j.extend_from_slice(&[0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0, 0x3F, 0xFF, 0xD9]);
    j
}

// --- find_text ----------------------------------------------------------------

#[test]
fn find_text_on_vietnamese_sample() {
    let r = PdfReader::open(SAMPLE).unwrap();
    let bb = find_text(&r, 0, "CHỦ TỊCH").unwrap().expect("CHỦ TỊCH");
    // drawn centred at x = 435.276 (w - 160), baseline 489.89, DejaVu Sans Bold 11
    assert!((bb[0] - 405.82).abs() < 0.5, "{bb:?}");
    assert!(((bb[0] + bb[2]) / 2.0 - 435.276).abs() < 0.5, "{bb:?}");
    assert!(bb[1] > 484.0 && bb[1] < 489.0, "{bb:?}");
    assert!(bb[3] > 497.0 && bb[3] < 503.0, "{bb:?}");
    let name = find_text(&r, 0, "Nguyễn Văn An").unwrap().expect("name");
    assert!((name[0] - 387.70).abs() < 0.5 && name[1] < 415.89 && name[3] > 415.89 + 7.0, "{name:?}");
    assert!(find_text(&r, 0, "Số: 123/UBND-VP").unwrap().is_some());
    // part of a line, and whitespace-insensitive matching
    let part = find_text(&r, 0, "123/UBND").unwrap().unwrap();
    assert!(part[0] > 106.0);
    assert!(find_text(&r, 0, "CHỦTỊCH").unwrap().is_some());
    assert!(find_text(&r, 0, "Không có trong văn bản").unwrap().is_none());
    assert!(find_text(&r, 0, "  ").unwrap().is_none());
    assert!(find_text(&r, 1, "CHỦ TỊCH").is_err());
}

fn simple_font_pdf(content: &str) -> Vec<u8> {
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    b.obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /X1 7 0 R >> >> >>");
    b.obj(3, b"<< /Type /Page /Parent 2 0 R /Contents [4 0 R 8 0 R] >>");
    b.stream(4, "", content.as_bytes());
    let widths = vec!["500"; 224].join(" ");
    b.obj(
        5,
        format!("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 255 /Widths [{widths}] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 /Adieresis /uni1EC5] >> >>").as_bytes(),
    );
    // no /Widths: standard 14 font, 500/1000 assumed
    b.obj(6, b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>");
    b.stream(
        7,
        "/Type /XObject /Subtype /Form /BBox [0 0 500 500] /Matrix [1 0 0 1 300 0]",
        b"BT /F2 10 Tf 0 50 Td (In a form) Tj ET",
    );
    b.stream(8, "", b"q 1 0 0 1 0 0 cm /X1 Do Q");
    b.finish("")
}

#[test]
fn find_text_simple_fonts() {
    let pdf = simple_font_pdf(
        "BT /F1 12 Tf 1 0 0 1 100 700 Tm (Hel) Tj [(lo) -250 (W) 20 (orld)] TJ 14 TL T* (second) Tj (line) ' ET\n\
         q 2 0 0 2 0 0 cm BT /F1 10 Tf 50 100 Td (Big) Tj ET Q\n\
         BI /W 2 /H 2 /BPC 8 /CS /G ID \x00EI(Tj)\n EI\n\
         BT /F1 10 Tf 100 300 Td (\\200rger \\201) Tj ET",
    );
    let r = PdfReader::open(&pdf).unwrap();
    let bb = find_text(&r, 0, "Hello World").unwrap().expect("Hello World");
    // 500/1000 widths at 12 pt: 6 pt per glyph, TJ -250 = +3 pt, 20 = -0.24 pt
    let expect = [100.0, 700.0 - 2.4, 100.0 + 5.0 * 6.0 + 3.0 + 6.0 - 0.24 + 4.0 * 6.0, 700.0 + 9.6];
    for i in 0..4 {
        assert!((bb[i] - expect[i]).abs() < 1e-6, "{bb:?} vs {expect:?}");
    }
    // T* and ' move to the next lines (TL 14)
    let s = find_text(&r, 0, "second").unwrap().unwrap();
    assert!((s[1] - (686.0 - 2.4)).abs() < 1e-6, "{s:?}");
    let l = find_text(&r, 0, "line").unwrap().unwrap();
    assert!((l[0] - 100.0).abs() < 1e-6 && (l[1] - (672.0 - 2.4)).abs() < 1e-6, "{l:?}");
    assert!(find_text(&r, 0, "secondline").unwrap().is_none());
    // the CTM scales
    let big = find_text(&r, 0, "Big").unwrap().unwrap();
    assert_eq!(big, [100.0, 196.0, 130.0, 216.0]);
    // /Differences
    let d = find_text(&r, 0, "Ärger ễ").unwrap().unwrap();
    assert_eq!(d[0], 100.0);
    // form XObject with its /Matrix, font without /Widths
    let f = find_text(&r, 0, "In a form").unwrap().unwrap();
    assert_eq!(f[0], 300.0);
    assert!((f[2] - 345.0).abs() < 1e-6, "{f:?}");
    // the inline image data was skipped, not read as text
    assert!(find_text(&r, 0, "EI").unwrap().is_none());
}

// --- robustness ----------------------------------------------------------------

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() as usize) % n.max(1)
    }
}

#[test]
fn broken_content_never_panics() {
    let vocab = [
        "BT",
        "ET",
        "/F1",
        "/F2",
        "/F9",
        "12",
        "-3.5",
        "1e308",
        "-1e308",
        "0",
        "Tf",
        "Td",
        "TD",
        "Tm",
        "T*",
        "Tj",
        "TJ",
        "'",
        "\"",
        "(He)",
        "(l\\)lo)",
        "<00410042>",
        "<4",
        "[",
        "]",
        "<<",
        ">>",
        "cm",
        "q",
        "Q",
        "Do",
        "/X1",
        "BI",
        "ID",
        "EI",
        "Tz",
        "TL",
        "Tc",
        "Tw",
        "Ts",
        "(",
        ")",
        "%",
        "\n",
        "/Name",
        "true",
        "null",
        "99999999999999999999",
        ".",
        "-",
        "{",
        "}",
    ];
    let mut rng = Rng(7);
    let seal = SEAL_PNG.to_vec();
    for round in 0..400 {
        let n = rng.below(60);
        let mut content = String::new();
        for _ in 0..n {
            content.push_str(vocab[rng.below(vocab.len())]);
            content.push(' ');
        }
        let pdf = simple_font_pdf(&content);
        let r = PdfReader::open(&pdf).unwrap();
        let _ = find_text(&r, 0, "He");
        let _ = find_text(&r, 0, "l)lo");
        let spec = AppearanceSpec {
            placement: Placement::Anchor { text: "He".into(), dx: 0.0, dy: 0.0 },
            image: (round % 3 == 0).then(|| seal.clone()),
            ..AppearanceSpec::new([Step::Approve, Step::Issue, Step::Attachment, Step::Copy][round % 4], T0)
        };
        let _ = build_appearance(&r, &spec);
    }
    // the sample with its content stream bytes flipped (decoded: rewrite it
    // uncompressed through qpdf-free means: the raw stream is Flate, so
    // corrupting it exercises the decoder error path as well)
    let r = PdfReader::open(SAMPLE).unwrap();
    let page = r.resolve(r.pages().unwrap()[0]).unwrap();
    let cref = page.as_dict().unwrap().get_ref(b"Contents").unwrap();
    let span = r.object_span(cref).unwrap();
    for i in 0..300 {
        let mut bad = SAMPLE.to_vec();
        for _ in 0..1 + i % 4 {
            let k = span.start + 60 + rng.below(span.len() - 80);
            bad[k] = rng.next() as u8;
        }
        if let Ok(r) = PdfReader::open(&bad) {
            let _ = find_text(&r, 0, "CHỦ TỊCH");
            let _ = build_appearance(&r, &approve_spec());
        }
    }
    // broken fonts / images are errors, not panics
    let r = PdfReader::open(SAMPLE).unwrap();
    let mut spec = copy_spec();
    spec.font = Some(b"\x00\x01\x00\x00garbage".to_vec());
    assert!(build_appearance(&r, &spec).is_err());
    let mut spec = approve_spec();
    spec.image = Some(b"\x89PNG\r\n\x1a\nbroken".to_vec());
    assert!(build_appearance(&r, &spec).is_err());
    spec.placement = Placement::Rect([f64::NAN, 0.0, 1.0, 1.0]);
    assert!(build_appearance(&r, &spec).is_err());
    spec.placement = Placement::Anchor { text: "không có".into(), dx: 0.0, dy: 0.0 };
    assert!(build_appearance(&r, &spec).is_err());
}
