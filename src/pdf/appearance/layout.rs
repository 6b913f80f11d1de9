//! Visible signature appearances following Decree 30/2020/NĐ-CP,
//! Appendix I (Vietnamese administrative documents).
//!
//! | step | default box | content |
//! |---|---|---|
//! | [`Step::Approve`] | signature block, lower right (`[x2-245, y1+150, x2-75, y1+230]` of the page box); anchored: 170×60 pt just above the anchor text (the signer's name), centred on it | the handwritten-signature image (else the signer's name and the time as text) |
//! | [`Step::Issue`] | a 110×110 pt seal (≈ 39 mm) centred on the left third of the approve box, plus a caption strip below it | the seal image; caption: `Số: <number>` and the ISO 8601 time |
//! | [`Step::Attachment`] | 200 pt wide, as tall as the lines need (39.5 pt for three), 10 pt from the top and 20 pt from the right edge of the page (inside the top margin) | `<agency>`, `Số: <number>`, `Thời gian ký: <ISO 8601 +07:00>` |
//! | [`Step::Copy`] | same | `<copy type>` (default `SAO Y`), `<agency>`, `Thời gian ký: <ISO 8601 +07:00>` |
//!
//! Text is Times-metric Liberation Serif (or the given TrueType font),
//! 10 pt black upright, shrunk only when a line would not fit, embedded as
//! a subset Type0/Identity-H font with a ToUnicode CMap. Images (PNG with
//! transparency, or JPEG) are scaled to the box keeping their aspect ratio,
//! centred.
//!
//! The returned [`Appearance`] carries the font and image objects as
//! streams / font dictionaries nested in its resources; the signature
//! writer stores them as indirect objects. Put `spec.page` into
//! `SignOptions::page` as well.

use super::font::{DEFAULT_FONT, SubsetFont};
use super::image::{ImageXObject, load_image};
use super::textfind::{find_text, page_box};
use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::object::{Dict, Object};
use crate::pdf::syntax::reader::PdfReader;

/// Appearance of a visible signature: `/Rect` on the page and the
/// content stream of the normal appearance form XObject (its /BBox is
/// `[0 0 width height]` of `rect`).
///
/// `resources` may hold `Object::Stream` values (font files, images,
/// ToUnicode CMaps, ...) and font / font-descriptor dictionaries at any
/// depth: the writer allocates each of them as an indirect object of its
/// own and puts a reference in its place (see `hoist_indirect`).
#[derive(Debug, Clone, PartialEq)]
pub struct Appearance {
    pub rect: [f64; 4],
    pub stream: Vec<u8>,
    pub resources: Dict,
}

/// Which signature of the decree's workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Ký phê duyệt: the leader's handwritten-signature image.
    Approve,
    /// Ký phát hành: the agency's seal over the left third of the leader's
    /// signature, with the document number and the issue time.
    Issue,
    /// Signature of an attachment in a separate file: number and time,
    /// top right of the first page.
    Attachment,
    /// Sao y / sao lục / trích sao: copy type, agency and time, top right.
    Copy,
}

/// Where the appearance goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// `[x1 y1 x2 y2]` in PDF points (default user space of the page).
    Rect([f64; 4]),
    /// Find `text` on the page and place the box above it (see the module
    /// docs), shifted by `dx`, `dy` points.
    Anchor { text: String, dx: f64, dy: f64 },
    /// The step's default position.
    Default,
}

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct AppearanceSpec {
    pub step: Step,
    /// 0-based page index (as `SignOptions::page`).
    pub page: usize,
    pub placement: Placement,
    /// PNG or JPEG bytes (signature for Approve, seal for Issue).
    pub image: Option<Vec<u8>>,
    /// Số, ký hiệu văn bản, e.g. `123/UBND-VP`.
    pub doc_number: Option<String>,
    /// e.g. `SAO Y`, `SAO LỤC`, `TRÍCH SAO` (Copy; default `SAO Y`).
    pub copy_type: Option<String>,
    pub agency: Option<String>,
    pub signer_name: Option<String>,
    /// Shown in Vietnam time, ISO 8601 with `+07:00`.
    pub signing_time_unix: i64,
    /// TrueType font bytes; default: the embedded Liberation Serif.
    pub font: Option<Vec<u8>>,
}

impl AppearanceSpec {
    /// A spec with default placement on the first page and nothing else.
    pub fn new(step: Step, signing_time_unix: i64) -> Self {
        AppearanceSpec {
            step,
            page: 0,
            placement: Placement::Default,
            image: None,
            doc_number: None,
            copy_type: None,
            agency: None,
            signer_name: None,
            signing_time_unix,
            font: None,
        }
    }
}

/// Text size (pt) and line spacing factor.
pub const TEXT_SIZE: f64 = 10.0;
const LEADING: f64 = 1.15;
const PAD: f64 = 2.5;
/// Ascent - descent of Liberation Serif / Times (em).
const FONT_HEIGHT: f64 = 1.107;
/// Approve box when anchored: width x height.
pub const SIGNATURE_BOX: (f64, f64) = (170.0, 60.0);
/// Seal side (110 pt ≈ 38.8 mm).
pub const SEAL_SIZE: f64 = 110.0;
/// Attachment / copy box width.
pub const TEXT_BOX_WIDTH: f64 = 200.0;
/// Distance of the default text box from the top and right page edges:
/// the box stays inside the top margin (20-25 mm in Decree 30) so it does
/// not cover the document header.
pub const TEXT_BOX_MARGINS: (f64, f64) = (10.0, 20.0);
const CAPTION_SIZE: f64 = 9.0;

/// `2026-11-22T11:19:00+07:00` (Vietnam time, ISO 8601).
pub fn vn_time(unix: i64) -> Result<String> {
    let d = crate::pki::time::pdf_date(unix, 7 * 60)
        .ok_or_else(|| PdfError::Unsupported("signing time out of range".into()))?; // D:YYYYMMDDHHmmSS+07'00'
    let g = |r: std::ops::Range<usize>| d.get(r).unwrap_or("");
    Ok(format!("{}-{}-{}T{}:{}:{}+07:00", g(2..6), g(6..8), g(8..10), g(10..12), g(12..14), g(14..16)))
}

/// The lines of text a step shows (the Issue step: its caption; the
/// Approve step: only when there is no image).
pub fn text_lines(spec: &AppearanceSpec) -> Result<Vec<String>> {
    let time = vn_time(spec.signing_time_unix)?;
    let mut l = Vec::new();
    match spec.step {
        Step::Approve => {
            if spec.image.is_none() {
                l.push(spec.signer_name.clone().unwrap_or_else(|| "Đã ký".into()));
                l.push(format!("Thời gian ký: {time}"));
            }
        }
        Step::Issue => {
            if spec.image.is_none() {
                l.extend(spec.agency.clone());
            }
            l.extend(spec.doc_number.as_ref().map(|n| format!("Số: {n}")));
            l.push(time);
        }
        Step::Attachment => {
            l.extend(spec.agency.clone());
            l.extend(spec.doc_number.as_ref().map(|n| format!("Số: {n}")));
            l.push(format!("Thời gian ký: {time}"));
        }
        Step::Copy => {
            l.push(spec.copy_type.clone().unwrap_or_else(|| "SAO Y".into()));
            l.extend(spec.agency.clone());
            l.push(format!("Thời gian ký: {time}"));
        }
    }
    Ok(l.into_iter()
        .map(|s| s.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|s| !s.trim().is_empty())
        .collect())
}

fn check_rect(r: [f64; 4]) -> Result<[f64; 4]> {
    let n = [r[0].min(r[2]), r[1].min(r[3]), r[0].max(r[2]), r[1].max(r[3])];
    if !n.iter().all(|v| v.is_finite() && v.abs() <= 14_400.0) || n[2] - n[0] < 2.0 || n[3] - n[1] < 2.0 {
        return Err(PdfError::NotAllowed(format!("appearance rectangle {r:?} is degenerate or outside ±14400 pt")));
    }
    Ok(n)
}

fn shift(r: [f64; 4], dx: f64, dy: f64) -> [f64; 4] {
    [r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy]
}

/// Height of a box holding `n` lines at `size` (rounded up to 0.5 pt).
fn text_height(n: usize, size: f64) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let h = size * FONT_HEIGHT + (n - 1) as f64 * LEADING * size + 2.0 * PAD;
    (h * 2.0).ceil() / 2.0
}

/// Height of the Issue caption strip for `n` lines.
fn caption_height(n: usize) -> f64 {
    text_height(n, CAPTION_SIZE)
}

/// The widget rectangle for `spec` on its page.
pub fn appearance_rect(reader: &PdfReader, spec: &AppearanceSpec) -> Result<[f64; 4]> {
    let pb = page_box(reader, spec.page)?;
    let n = text_lines(spec)?.len();
    let text_h = text_height(n.max(1), TEXT_SIZE);
    let (sw, sh) = SIGNATURE_BOX;
    // The approve box the Issue step derives its seal from, and the anchor.
    let (approve, anchor) = match &spec.placement {
        Placement::Rect(r) => return check_rect(*r),
        Placement::Default => ([pb[2] - 75.0 - sw, pb[1] + 150.0, pb[2] - 75.0, pb[1] + 230.0], None),
        Placement::Anchor { text, dx, dy } => {
            let bb = find_text(reader, spec.page, text)?.ok_or_else(|| {
                PdfError::NotAllowed(format!("anchor text '{text}' not found on page {}", spec.page + 1))
            })?;
            let cx = (bb[0] + bb[2]) / 2.0;
            let b = bb[3] + 2.0;
            (shift([cx - sw / 2.0, b, cx + sw / 2.0, b + sh], *dx, *dy), Some(shift(bb, *dx, *dy)))
        }
    };
    let r = match spec.step {
        Step::Approve => approve,
        Step::Issue => {
            let cx = approve[0] + (approve[2] - approve[0]) / 6.0;
            let cy = (approve[1] + approve[3]) / 2.0;
            let h = SEAL_SIZE / 2.0;
            let cap = if spec.image.is_some() { caption_height(n) } else { 0.0 };
            [cx - h, cy - h - cap, cx + h, cy + h]
        }
        Step::Attachment | Step::Copy => match anchor {
            Some(bb) => [bb[0], bb[3] + 2.0, bb[0] + TEXT_BOX_WIDTH, bb[3] + 2.0 + text_h],
            None => {
                let (top, right) = TEXT_BOX_MARGINS;
                [pb[2] - right - TEXT_BOX_WIDTH, pb[3] - top - text_h, pb[2] - right, pb[3] - top]
            }
        },
    };
    check_rect(r)
}

fn f(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() { "0".into() } else { s.into() }
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
}

/// Draw `lines` black in `area` (`[x y w h]` in form space), vertically
/// centred, at `max_size` or smaller so that every line fits.
fn draw_text(font: &SubsetFont, lines: &[String], area: [f64; 4], max_size: f64, align: Align, out: &mut String) {
    if lines.is_empty() {
        return;
    }
    let [x, y, w, h] = area;
    let n = lines.len() as f64;
    let (asc, desc) = (font.ascent / 1000.0, font.descent / 1000.0);
    let mut size = max_size;
    let avail_w = (w - 2.0 * PAD).max(1.0);
    for l in lines {
        let lw = font.width(l, 1.0);
        if lw > 0.0 {
            size = size.min(avail_w / lw);
        }
    }
    let block = |s: f64| s * (asc - desc) + (n - 1.0) * LEADING * s;
    if block(1.0) > 0.0 {
        size = size.min(((h - 2.0 * PAD).max(1.0)) / block(1.0));
    }
    size = size.max(1.0);
    let top = y + (h + block(size)) / 2.0 - size * asc;
    for (i, l) in lines.iter().enumerate() {
        let lw = font.width(l, size);
        let lx = match align {
            Align::Left => x + PAD,
            Align::Center => x + (w - lw) / 2.0,
        };
        let ly = top - i as f64 * LEADING * size;
        let hex: String = font.encode(l).iter().map(|b| format!("{b:02X}")).collect();
        out.push_str(&format!("BT /F1 {} Tf 0 g {} {} Td <{hex}> Tj ET\n", f(size), f(lx), f(ly)));
    }
}

/// Scale `im` into `area` (`[x y w h]`) keeping the aspect ratio, centred.
fn draw_image(im: &ImageXObject, area: [f64; 4], out: &mut String) {
    let [x, y, w, h] = area;
    let (iw, ih) = (f64::from(im.width), f64::from(im.height));
    let s = (w / iw).min(h / ih);
    let (dw, dh) = (iw * s, ih * s);
    out.push_str(&format!(
        "q {} 0 0 {} {} {} cm /Im1 Do Q\n",
        f(dw),
        f(dh),
        f(x + (w - dw) / 2.0),
        f(y + (h - dh) / 2.0)
    ));
}

/// Build the widget rectangle and normal appearance for `spec`.
pub fn build_appearance(reader: &PdfReader, spec: &AppearanceSpec) -> Result<Appearance> {
    let rect = appearance_rect(reader, spec)?;
    let lines = text_lines(spec)?;
    let (w, h) = (rect[2] - rect[0], rect[3] - rect[1]);
    let image = match (&spec.image, spec.step) {
        (Some(b), Step::Approve | Step::Issue) => Some(load_image(b)?),
        _ => None,
    };
    let font = if lines.is_empty() {
        None
    } else {
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        Some(SubsetFont::new(spec.font.as_deref().unwrap_or(DEFAULT_FONT), &refs)?)
    };
    let mut content = String::from("q\n");
    match (&image, &font) {
        (Some(im), _) => {
            let cap = if spec.step == Step::Issue { caption_height(lines.len()).min(h / 2.0) } else { 0.0 };
            draw_image(im, [0.0, cap, w, h - cap], &mut content);
            if let Some(fo) = &font
                && cap > 0.0
            {
                draw_text(fo, &lines, [0.0, 0.0, w, cap], CAPTION_SIZE, Align::Center, &mut content);
            }
        }
        (None, Some(fo)) => {
            let align = match spec.step {
                Step::Attachment | Step::Copy => Align::Left,
                _ => Align::Center,
            };
            draw_text(fo, &lines, [0.0, 0.0, w, h], TEXT_SIZE, align, &mut content);
        }
        (None, None) => {}
    }
    content.push_str("Q\n");
    let mut resources = Dict::new();
    if let Some(fo) = &font
        && content.contains("/F1 ")
    {
        let mut fonts = Dict::new();
        fonts.insert("F1", fo.font_object());
        resources.insert("Font", Object::Dict(fonts));
    }
    if let Some(im) = image {
        let mut xo = Dict::new();
        xo.insert("Im1", im.object);
        resources.insert("XObject", Object::Dict(xo));
    }
    Ok(Appearance { rect, stream: content.into_bytes(), resources })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_format() {
        // 2026-11-22T04:19:00Z
        assert_eq!(vn_time(1_795_321_140).unwrap(), "2026-11-22T11:19:00+07:00");
        assert_eq!(vn_time(0).unwrap(), "1970-01-01T07:00:00+07:00");
        assert!(vn_time(i64::MAX).is_err());
    }

    #[test]
    fn lines_per_step() {
        let mut s = AppearanceSpec::new(Step::Copy, 0);
        s.agency = Some("UBND TỈNH THÁI NGUYÊN".into());
        assert_eq!(
            text_lines(&s).unwrap(),
            ["SAO Y", "UBND TỈNH THÁI NGUYÊN", "Thời gian ký: 1970-01-01T07:00:00+07:00"]
        );
        s.step = Step::Attachment;
        s.doc_number = Some("12/QĐ-UBND".into());
        assert_eq!(text_lines(&s).unwrap()[1], "Số: 12/QĐ-UBND");
        s.step = Step::Approve;
        s.image = Some(vec![]);
        assert!(text_lines(&s).unwrap().is_empty());
        s.step = Step::Issue;
        assert_eq!(text_lines(&s).unwrap(), ["Số: 12/QĐ-UBND", "1970-01-01T07:00:00+07:00"]);
    }

    #[test]
    fn number_format() {
        assert_eq!(f(1.0), "1");
        assert_eq!(f(-0.0001), "0");
        assert_eq!(f(12.3456), "12.346");
        assert_eq!(f(-2.5), "-2.5");
    }
}
