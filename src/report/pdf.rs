//! The verification report as a PDF for the record (`kyso verify --report FILE.pdf`):
//! A4 pages, English or Vietnamese, the same content as the HTML report — it renders the
//! data model [`super::html::context`] builds — laid out line by line over as many pages
//! as it takes: the run's summary (counts, policy, trust anchors), a table of the files
//! for a batch, then per file the verdict in words, SHA-256, each signature and a
//! timeline of a PDF's revisions drawn as vector graphics (boxes and bars, as the HTML
//! report's SVG).
//!
//! Written with kyso's own PDF objects ([`crate::pdf::syntax::object`], serialised by
//! their writer, a classic cross-reference table) and the embedded font
//! ([`crate::pdf::appearance::font`]: a Liberation Serif subset with a ToUnicode map, so
//! the text — Vietnamese diacritics included — is extractable). No PDF-generation crate:
//! the report needs only text, rectangles and lines, and kyso already writes PDF objects
//! and embeds fonts for visible signatures.

use serde_json::Value;

use super::Lang;
use super::html::{Meta, context};
use crate::pdf::appearance::font::{DEFAULT_FONT, SubsetFont};
use crate::pdf::syntax::filters::flate_encode;
use crate::pdf::syntax::object::{Dict, ObjRef, Object, Stream};

/// A4 in points.
const PAGE_W: f64 = 595.28;
const PAGE_H: f64 = 841.89;
const MARGIN: f64 = 48.0;
/// Room kept at the bottom of each page for the footer.
const FOOTER: f64 = 28.0;
const LABEL_W: f64 = 150.0;
const BODY: f64 = 10.0;

type Rgb = (f64, f64, f64);
const INK: Rgb = (0.13, 0.13, 0.13);
const GREY: Rgb = (0.33, 0.33, 0.33);
const RULE: Rgb = (0.8, 0.8, 0.8);

/// Background and text colour of a verdict badge (as the HTML report's CSS classes).
fn badge_colours(class: &str) -> (Rgb, Rgb) {
    match class {
        "valid" | "passed" => (hex("#d8f0d8"), hex("#14591c")),
        "invalid" | "error" | "failed" => (hex("#f8d7d7"), hex("#8a1111")),
        _ => (hex("#fbecc8"), hex("#6b4a00")),
    }
}

/// `#rrggbb` → RGB in 0..1 (grey on anything else).
fn hex(s: &str) -> Rgb {
    let c = |i: usize| {
        s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).map(|v| f64::from(v) / 255.0).unwrap_or(0.5)
    };
    if s.len() == 7 && s.starts_with('#') { (c(1), c(3), c(5)) } else { (0.5, 0.5, 0.5) }
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

/// Every string of the model, for the font subset.
fn collect(v: &Value, out: &mut String) {
    match v {
        Value::String(t) => out.push_str(t),
        Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        Value::Object(o) => o.values().for_each(|x| collect(x, out)),
        _ => {}
    }
}

/// Pages being laid out, top to bottom.
struct Layout {
    font: SubsetFont,
    pages: Vec<String>,
    y: f64,
}

impl Layout {
    fn new(font: SubsetFont) -> Layout {
        Layout { font, pages: vec![String::new()], y: PAGE_H - MARGIN }
    }

    fn page(&mut self) -> &mut String {
        if self.pages.is_empty() {
            self.pages.push(String::new());
        }
        let n = self.pages.len() - 1;
        &mut self.pages[n]
    }

    /// Start a new page unless `h` points still fit on this one.
    fn ensure(&mut self, h: f64) {
        if self.y - h < MARGIN + FOOTER {
            self.pages.push(String::new());
            self.y = PAGE_H - MARGIN;
        }
    }

    fn text_at(&mut self, x: f64, y: f64, size: f64, c: Rgb, t: &str) {
        let hexed = hex::encode_upper(self.font.encode(t));
        let op = format!("BT /F1 {size:.1} Tf {:.3} {:.3} {:.3} rg {x:.2} {y:.2} Td <{hexed}> Tj ET\n", c.0, c.1, c.2);
        self.page().push_str(&op);
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: Option<Rgb>, stroke: Option<Rgb>) {
        let mut op = String::new();
        if let Some(f) = fill {
            op += &format!("{:.3} {:.3} {:.3} rg ", f.0, f.1, f.2);
        }
        if let Some(s) = stroke {
            op += &format!("{:.3} {:.3} {:.3} RG 0.6 w ", s.0, s.1, s.2);
        }
        let paint = match (fill.is_some(), stroke.is_some()) {
            (true, true) => "B",
            (true, false) => "f",
            (false, true) => "S",
            (false, false) => "n",
        };
        op += &format!("{x:.2} {y:.2} {w:.2} {h:.2} re {paint}\n");
        self.page().push_str(&op);
    }

    fn hline(&mut self, y: f64) {
        let op = format!(
            "{:.3} {:.3} {:.3} RG 0.5 w {MARGIN:.2} {y:.2} m {:.2} {y:.2} l S\n",
            RULE.0,
            RULE.1,
            RULE.2,
            PAGE_W - MARGIN
        );
        self.page().push_str(&op);
    }

    /// Break `t` into lines no wider than `width` at `size` (words longer than a line
    /// — hashes, names without spaces — are broken between characters).
    fn wrap(&self, t: &str, size: f64, width: f64) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in t.split(' ') {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if self.font.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if self.font.width(&line, size) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// A paragraph across the text width, from `indent`.
    fn para(&mut self, t: &str, size: f64, indent: f64, c: Rgb) {
        let lead = size * 1.3;
        for line in self.wrap(t, size, PAGE_W - 2.0 * MARGIN - indent) {
            self.ensure(lead);
            self.y -= lead;
            let y = self.y + size * 0.25;
            self.text_at(MARGIN + indent, y, size, c, &line);
        }
    }

    fn heading(&mut self, t: &str, size: f64, space: f64) {
        self.ensure(space + size * 3.0);
        self.y -= space;
        self.para(t, size, 0.0, INK);
        self.y -= 2.0;
        let y = self.y;
        self.hline(y);
        self.y -= 4.0;
    }

    /// A verdict badge followed by words, on one or more lines.
    fn badge(&mut self, label: &str, class: &str, size: f64, after: &str) {
        let (bg, fg) = badge_colours(class);
        let lead = size * 1.5;
        self.ensure(lead + 2.0);
        self.y -= lead;
        let w = self.font.width(label, size) + 8.0;
        let y = self.y;
        self.rect(MARGIN, y - size * 0.1, w, size * 1.35, Some(bg), None);
        self.text_at(MARGIN + 4.0, y + size * 0.2, size, fg, label);
        if !after.is_empty() {
            let avail = PAGE_W - 2.0 * MARGIN - w - 8.0;
            let lines = self.wrap(after, BODY, avail);
            let mut first = true;
            for line in lines {
                if first {
                    self.text_at(MARGIN + w + 8.0, y + size * 0.2, BODY, INK, &line);
                    first = false;
                } else {
                    self.ensure(BODY * 1.3);
                    self.y -= BODY * 1.3;
                    let yy = self.y + BODY * 0.25;
                    self.text_at(MARGIN + w + 8.0, yy, BODY, INK, &line);
                }
            }
        }
        self.y -= 4.0;
    }

    /// A table row: the label on the left, the values (one bullet each when several)
    /// on the right, wrapped; a rule below.
    fn row(&mut self, label: &str, values: &[String]) {
        let lead = BODY * 1.3;
        let value_x = MARGIN + LABEL_W + 6.0;
        let value_w = PAGE_W - MARGIN - value_x;
        let labels = self.wrap(label, BODY, LABEL_W - 4.0);
        let mut lines: Vec<(f64, String)> = Vec::new();
        for v in values {
            if values.len() > 1 {
                for (i, l) in self.wrap(v, BODY, value_w - 10.0).into_iter().enumerate() {
                    lines.push((10.0, if i == 0 { format!("• {l}") } else { l }));
                }
            } else {
                lines.extend(self.wrap(v, BODY, value_w).into_iter().map(|l| (0.0, l)));
            }
        }
        let n = labels.len().max(lines.len()).max(1);
        // Keep short rows together.
        self.ensure(lead * n.min(8) as f64 + 4.0);
        for i in 0..n {
            self.ensure(lead);
            self.y -= lead;
            let y = self.y + BODY * 0.25;
            if let Some(l) = labels.get(i) {
                self.text_at(MARGIN, y, BODY, GREY, l);
            }
            if let Some((indent, l)) = lines.get(i) {
                let x = value_x + if l.starts_with('•') { 0.0 } else { *indent };
                self.text_at(x, y, BODY, INK, l);
            }
        }
        self.y -= 3.0;
        let y = self.y;
        self.hline(y);
    }

    /// The revisions as boxes, each signature as a bar over the revisions it covers:
    /// the HTML report's SVG, scaled to the text width.
    fn timeline(&mut self, tl: &Value) {
        let width = tl["width"].as_f64().unwrap_or(0.0);
        let height = tl["height"].as_f64().unwrap_or(0.0);
        if width <= 0.0 || height <= 0.0 {
            return;
        }
        let k = ((PAGE_W - 2.0 * MARGIN) / width).min(1.0);
        self.ensure(height * k + 12.0);
        self.y -= 6.0;
        let top = self.y;
        let px = |x: f64| MARGIN + x * k;
        let py = |y: f64| top - y * k;
        for r in tl["revisions"].as_array().into_iter().flatten() {
            let (x, w) = (r["x"].as_f64().unwrap_or(0.0), r["w"].as_f64().unwrap_or(0.0));
            self.rect(px(x), py(30.0), w * k, 26.0 * k, Some(hex(s(&r["fill"]))), Some(GREY));
            let label = s(&r["label"]);
            let size = 12.0 * k;
            let tx = px(r["tx"].as_f64().unwrap_or(0.0)) - self.font.width(label, size) / 2.0;
            self.text_at(tx, py(22.0), size, INK, label);
        }
        for b in tl["signatures"].as_array().into_iter().flatten() {
            let (x, y, w) =
                (b["x"].as_f64().unwrap_or(0.0), b["y"].as_f64().unwrap_or(0.0), b["w"].as_f64().unwrap_or(0.0));
            self.rect(px(x), py(y + 14.0), w * k, 14.0 * k, Some(hex(s(&b["fill"]))), None);
            let (tx, ty) = (b["tx"].as_f64().unwrap_or(0.0), b["ty"].as_f64().unwrap_or(0.0));
            self.text_at(px(tx), py(ty), 11.0 * k, INK, s(&b["label"]));
        }
        self.y = top - height * k - 6.0;
    }
}

/// Lay out the report's pages.
fn lay_out(ctx: &Value, font: SubsetFont) -> Vec<String> {
    let t = &ctx["t"];
    let mut p = Layout::new(font);
    p.heading(s(&t["title"]), 18.0, 0.0);
    p.para(&format!("{}: {} · kyso {}", s(&t["generated"]), s(&ctx["generated"]), s(&ctx["version"])), BODY, 0.0, GREY);
    p.y -= 6.0;
    let summary = &ctx["summary"];
    for key in ["files", "valid", "invalid", "indeterminate", "unsigned", "error"] {
        p.row(s(&t[key]), &[summary[key].as_u64().unwrap_or(0).to_string()]);
    }
    if let Some(src) = ctx["policy_source"].as_str() {
        let failed = summary["policy_failed"].as_u64().unwrap_or(0);
        p.row(s(&t["policy"]), &[format!("{src} — {}: {failed}", s(&t["policy_failed"]))]);
    }
    let anchors = strings(&ctx["anchors"]);
    if anchors.is_empty() {
        p.row(s(&t["anchors"]), &[s(&t["no_anchors"]).to_string()]);
    } else {
        p.row(s(&t["anchors"]), &anchors);
    }
    let files = ctx["files"].as_array().map(Vec::as_slice).unwrap_or_default();
    if files.len() > 1 {
        p.heading(s(&t["summary"]), 14.0, 16.0);
        for f in files {
            let mut v = s(&f["verdict"]).to_string();
            if !f["policy"].is_null() {
                v += &format!(" · {}: {}", s(&t["policy"]), s(&f["policy"]["label"]));
            }
            p.row(s(&f["path"]), &[v]);
        }
    }
    for f in files {
        p.heading(s(&f["path"]), 14.0, 18.0);
        p.badge(s(&f["verdict"]), s(&f["class"]), 11.0, s(&f["verdict_words"]));
        p.row(s(&t["format"]), &[s(&f["format"]).to_string()]);
        p.row("SHA-256", &[s(&f["sha256"]).to_string()]);
        let reasons = strings(&f["reasons"]);
        if !reasons.is_empty() {
            p.row(s(&t["reasons"]), &reasons);
        }
        if !f["timeline"].is_null() {
            // The caption stays with its picture.
            let k = ((PAGE_W - 2.0 * MARGIN) / f["timeline"]["width"].as_f64().unwrap_or(1.0)).min(1.0);
            p.ensure(f["timeline"]["height"].as_f64().unwrap_or(0.0) * k + 40.0);
            p.y -= 6.0;
            p.para(s(&t["history"]), BODY, 0.0, GREY);
            p.timeline(&f["timeline"]);
        }
        for sig in f["signatures"].as_array().into_iter().flatten() {
            p.ensure(80.0);
            p.y -= 8.0;
            let head = format!("{} {}:", s(&t["signature"]), sig["index"]);
            let lead = 12.0 * 1.5;
            p.ensure(lead);
            p.y -= lead;
            let y = p.y + 3.0;
            p.text_at(MARGIN, y, 12.0, INK, &head);
            let w = p.font.width(&head, 12.0) + 6.0;
            let (bg, fg) = badge_colours(s(&sig["class"]));
            let label = s(&sig["verdict"]);
            let bw = p.font.width(label, 11.0) + 8.0;
            p.rect(MARGIN + w, y - 2.5, bw, 15.0, Some(bg), None);
            p.text_at(MARGIN + w + 4.0, y + 0.5, 11.0, fg, label);
            p.y -= 2.0;
            for (key, field) in [
                ("signer", "signer"),
                ("organization", "organization"),
                ("ids", "ids"),
                ("issuer", "issuer"),
                ("time", "time"),
                ("proven_time", "proven_time"),
                ("level", "level"),
                ("algorithm", "algorithm"),
                ("covers", "coverage"),
            ] {
                if let Some(v) = sig[field].as_str() {
                    p.row(s(&t[key]), &[v.to_string()]);
                }
            }
            for (key, field) in [("chain", "chain"), ("later", "later"), ("notes", "notes"), ("reasons", "reasons")] {
                let v = strings(&sig[field]);
                if !v.is_empty() {
                    p.row(s(&t[key]), &v);
                }
            }
        }
        if let Some(pol) = f["policy"].as_object() {
            p.y -= 8.0;
            p.badge(s(&pol["label"]), s(&pol["class"]), 11.0, s(&t["policy"]));
            let failures = strings(&pol["failures"]);
            if !failures.is_empty() {
                p.row(s(&t["reasons"]), &failures);
            }
        }
    }
    p.y -= 14.0;
    p.para(s(&t["footer"]), 9.0, 0.0, GREY);
    // Footers: kyso's version and the page number.
    let total = p.pages.len();
    let version = format!("kyso {}", s(&ctx["version"]));
    for i in 0..total {
        let number = format!("{} {}/{}", s(&t["page"]), i + 1, total);
        let w = p.font.width(&number, 8.0);
        let mut ops = String::new();
        for (x, text) in [(MARGIN, version.as_str()), (PAGE_W - MARGIN - w, number.as_str())] {
            ops += &format!(
                "BT /F1 8.0 Tf {:.3} {:.3} {:.3} rg {x:.2} {:.2} Td <{}> Tj ET\n",
                GREY.0,
                GREY.1,
                GREY.2,
                MARGIN - 14.0,
                hex::encode_upper(p.font.encode(text))
            );
        }
        if let Some(page) = p.pages.get_mut(i) {
            page.push_str(&ops);
        }
    }
    p.pages
}

/// A text string for the document information dictionary (UTF-16BE with a BOM).
fn text_string(t: &str) -> Object {
    let mut b = vec![0xFE, 0xFF];
    b.extend(t.encode_utf16().flat_map(u16::to_be_bytes));
    Object::hex_string(b)
}

/// The objects of a new document, numbered from 1.
struct Objects(Vec<Object>);

impl Objects {
    fn add(&mut self, o: Object) -> ObjRef {
        self.0.push(o);
        ObjRef::new(self.0.len() as u32, 0)
    }

    fn reserve(&mut self) -> ObjRef {
        self.add(Object::Null)
    }

    fn set(&mut self, r: ObjRef, o: Object) {
        if let Some(slot) = self.0.get_mut(r.num as usize - 1) {
            *slot = o;
        }
    }

    /// Streams and font dictionaries nested in `o` become indirect objects.
    fn hoist(&mut self, o: Object, depth: usize) -> Object {
        match o {
            Object::Array(a) => Object::Array(a.into_iter().map(|x| self.hoist(x, depth + 1)).collect()),
            Object::Dict(mut d) => {
                for (_, v) in d.iter_mut() {
                    let x = std::mem::replace(v, Object::Null);
                    *v = self.hoist(x, depth + 1);
                }
                if depth > 0 && matches!(d.get_name(b"Type"), Some(b"Font" | b"FontDescriptor")) {
                    Object::Reference(self.add(Object::Dict(d)))
                } else {
                    Object::Dict(d)
                }
            }
            Object::Stream(mut st) => {
                for (_, v) in st.dict.iter_mut() {
                    let x = std::mem::replace(v, Object::Null);
                    *v = self.hoist(x, depth + 1);
                }
                Object::Reference(self.add(Object::Stream(st)))
            }
            o => o,
        }
    }

    /// `%PDF-1.7`, the objects, a cross-reference table and the trailer.
    fn write(&self, root: ObjRef, info: ObjRef) -> Vec<u8> {
        use sha2::Digest;
        let mut out: Vec<u8> = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::with_capacity(self.0.len());
        for (i, o) in self.0.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            o.write_to(&mut out);
            out.extend_from_slice(b"\nendobj\n");
        }
        let id = sha2::Sha256::digest(&out)[..16].to_vec();
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f\r\n", self.0.len() + 1).as_bytes());
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n\r\n").as_bytes());
        }
        let mut trailer = Dict::new();
        trailer.insert("Size", Object::Integer(self.0.len() as i64 + 1));
        trailer.insert("Root", Object::Reference(root));
        trailer.insert("Info", Object::Reference(info));
        trailer.insert("ID", Object::Array(vec![Object::hex_string(id.clone()), Object::hex_string(id)]));
        out.extend_from_slice(b"trailer\n");
        trailer.write_to(&mut out);
        out.extend_from_slice(format!("\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        out
    }
}

/// Render the report as PDF bytes. `Err` says why the font could not be embedded (a
/// bug, not bad input: the font is kyso's own).
pub fn render(files: &[crate::verify::FileReport], meta: &Meta, l: Lang) -> Result<Vec<u8>, String> {
    let ctx = context(files, meta, l);
    let mut all = String::from(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~•·—…→",
    );
    collect(&ctx, &mut all);
    let font = SubsetFont::new(DEFAULT_FONT, &[&all]).map_err(|e| e.to_string())?;
    let font_object = font.font_object();
    let pages = lay_out(&ctx, font);

    let mut objs = Objects(Vec::new());
    let catalog = objs.reserve();
    let tree = objs.reserve();
    let mut info = Dict::new();
    info.insert("Title", text_string(s(&ctx["t"]["title"])));
    info.insert("Producer", text_string(&format!("kyso {}", env!("CARGO_PKG_VERSION"))));
    if let Some(d) = crate::pki::time::pdf_date(meta.generated, 0) {
        info.insert("CreationDate", Object::string(d.into_bytes()));
    }
    let info = objs.add(Object::Dict(info));
    let font_ref = match objs.hoist(font_object, 1) {
        Object::Reference(r) => r,
        other => objs.add(other),
    };
    let mut fonts = Dict::new();
    fonts.insert("F1", Object::Reference(font_ref));
    let mut resources = Dict::new();
    resources.insert("Font", Object::Dict(fonts));
    let mut kids = Vec::with_capacity(pages.len());
    for content in &pages {
        let mut sd = Dict::new();
        sd.insert("Filter", Object::name("FlateDecode"));
        let contents = objs.add(Object::Stream(Stream::new(sd, flate_encode(content.as_bytes()))));
        let mut page = Dict::new();
        page.insert("Type", Object::name("Page"));
        page.insert("Parent", Object::Reference(tree));
        page.insert(
            "MediaBox",
            Object::Array(vec![0i64.into(), 0i64.into(), Object::Real(PAGE_W), Object::Real(PAGE_H)]),
        );
        page.insert("Resources", Object::Dict(resources.clone()));
        page.insert("Contents", Object::Reference(contents));
        kids.push(Object::Reference(objs.add(Object::Dict(page))));
    }
    let mut pages_dict = Dict::new();
    pages_dict.insert("Type", Object::name("Pages"));
    pages_dict.insert("Count", Object::Integer(kids.len() as i64));
    pages_dict.insert("Kids", Object::Array(kids));
    objs.set(tree, Object::Dict(pages_dict));
    let mut cat = Dict::new();
    cat.insert("Type", Object::name("Catalog"));
    cat.insert("Pages", Object::Reference(tree));
    cat.insert("Lang", Object::string(l.pick("en", "vi").as_bytes().to_vec()));
    objs.set(catalog, Object::Dict(cat));
    Ok(objs.write(catalog, info))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_long_words_and_colours() {
        let font = SubsetFont::new(DEFAULT_FONT, &["abc Nguyễn 0123456789abcdef"]).unwrap();
        let p = Layout::new(font);
        let lines = p.wrap(&"0123456789abcdef".repeat(8), BODY, 100.0);
        assert!(lines.len() > 3, "{lines:?}");
        assert!(lines.iter().all(|l| p.font.width(l, BODY) <= 100.0));
        assert_eq!(lines.concat(), "0123456789abcdef".repeat(8));
        assert_eq!(p.wrap("", BODY, 100.0), vec![String::new()]);
        assert_eq!(hex("#ff0000"), (1.0, 0.0, 0.0));
        assert_eq!(hex("red"), (0.5, 0.5, 0.5));
    }

    #[test]
    fn empty_report_is_a_pdf() {
        let meta = Meta { generated: 1_764_460_800, anchors: vec![], policy_source: None, sha256: vec![] };
        let pdf = render(&[], &meta, Lang::Vi).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.7"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        let r = crate::pdf::syntax::reader::PdfReader::open(&pdf).unwrap();
        assert!(!r.reconstructed());
    }
}
