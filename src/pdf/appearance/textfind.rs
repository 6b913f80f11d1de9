//! Finding text on a page (for anchored signature appearances).
//!
//! The page content stream(s) (and the form XObjects they draw, a few
//! levels deep) are interpreted for the text operators: BT/ET, Tf, Tm, Td,
//! TD, T*, Tc, Tw, Tz, TL, Ts, Tj, TJ, `'`, `"`, plus q/Q/cm for the CTM.
//! Codes become text and advances through the page fonts ([`super::textfont`]: ToUnicode
//! CMaps, simple-font encodings, widths). Vertical writing and Type3 glyph procedures are
//! approximated.
//!
//! Glyphs are joined into lines in content order when they sit on the same
//! baseline and close to each other (a gap of more than ~0.15 em inserts a
//! space), so text split across several Tj/TJ operations still matches.
//! Matching is exact on the decoded characters, then ignoring whitespace.
//! Unicode normalisation is not applied (precomposed Vietnamese text in the
//! PDF must be searched precomposed, which is what Word, LibreOffice and
//! reportlab produce).
//!
//! Broken content never panics: lexer errors skip a byte, unknown operators
//! and malformed operands are ignored, and work is bounded.

use std::collections::HashMap;
use std::rc::Rc;

use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::lexer::{Lexer, Token};
use crate::pdf::syntax::object::{Dict, Object};
use crate::pdf::syntax::reader::PdfReader;

use super::textfont::{FontInfo, load_font, num};

const MAX_TOKENS: usize = 5_000_000;
const MAX_GLYPHS: usize = 1_000_000;
const MAX_FORM_DEPTH: usize = 4;
const MAX_CONTENT: usize = 64 << 20;

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b` (row-vector convention of the PDF spec: `a × b`).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// One shown glyph in user space of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Unicode text of the glyph (may be empty or several chars).
    pub text: String,
    /// Bounding box `[x1 y1 x2 y2]` (approximate: advance x ascent/descent).
    pub bbox: [f64; 4],
    /// Baseline start and end point (after the advance).
    pub start: (f64, f64),
    pub end: (f64, f64),
    /// Effective font size in user space.
    pub size: f64,
}

/// A run of glyphs on one line, with the text as decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub text: String,
    /// For each char of `text`: the glyph it came from (`None` for a
    /// space inserted for a gap).
    pub char_glyphs: Vec<Option<usize>>,
    pub glyphs: Vec<Glyph>,
}

impl TextLine {
    fn bbox_of(&self, chars: std::ops::Range<usize>) -> Option<[f64; 4]> {
        let mut bb: Option<[f64; 4]> = None;
        for gi in self.char_glyphs.get(chars)?.iter().flatten() {
            let g = self.glyphs.get(*gi)?;
            bb = Some(match bb {
                None => g.bbox,
                Some(b) => [b[0].min(g.bbox[0]), b[1].min(g.bbox[1]), b[2].max(g.bbox[2]), b[3].max(g.bbox[3])],
            });
        }
        bb
    }
}

/// Bounding box `[x1 y1 x2 y2]` (default user space of the page) of the
/// first occurrence of `needle` on page `page` (0-based), or `None`.
pub fn find_text(reader: &PdfReader, page: usize, needle: &str) -> Result<Option<[f64; 4]>> {
    let needle: Vec<char> = needle.chars().collect();
    if needle.iter().all(|c| c.is_whitespace()) {
        return Ok(None);
    }
    let lines = page_lines(reader, page)?;
    // exact, then ignoring whitespace
    for pass in 0..2 {
        let keep = |c: &char| pass == 0 || !c.is_whitespace();
        let n: Vec<char> = needle.iter().copied().filter(keep).collect();
        for line in &lines {
            let idx: Vec<(usize, char)> = line.text.chars().enumerate().filter(|(_, c)| keep(c)).collect();
            if idx.len() < n.len() {
                continue;
            }
            for s in 0..=idx.len() - n.len() {
                if idx[s..s + n.len()].iter().map(|x| x.1).eq(n.iter().copied()) {
                    let from = idx[s].0;
                    let to = idx[s + n.len() - 1].0 + 1;
                    if let Some(bb) = line.bbox_of(from..to) {
                        return Ok(Some(bb));
                    }
                }
            }
        }
    }
    Ok(None)
}

/// The text lines of page `page` (0-based), in content order.
pub fn page_lines(reader: &PdfReader, page: usize) -> Result<Vec<TextLine>> {
    Ok(join_lines(page_glyphs(reader, page)?))
}

/// The page dictionary with inherited /Resources, /MediaBox, /CropBox,
/// /Rotate filled in.
pub fn page_dict(reader: &PdfReader, page: usize) -> Result<Dict> {
    let pages = reader.pages()?;
    let r = *pages.get(page).ok_or_else(|| {
        PdfError::Structure(format!("page index {page} out of range (document has {} pages)", pages.len()))
    })?;
    let mut d = match reader.resolve(r)? {
        Object::Dict(d) => d,
        o => return Err(PdfError::Structure(format!("page {r} is a {}", o.type_name()))),
    };
    let mut parent = d.get(b"Parent").cloned();
    for _ in 0..64 {
        let p = match parent.take() {
            Some(p @ Object::Reference(_)) => reader.get(&p)?,
            _ => break,
        };
        let Some(pd) = p.as_dict() else { break };
        for k in [&b"Resources"[..], b"MediaBox", b"CropBox", b"Rotate"] {
            if !d.contains_key(k)
                && let Some(v) = pd.get(k)
            {
                d.insert(k, v.clone());
            }
        }
        parent = pd.get(b"Parent").cloned();
    }
    Ok(d)
}

/// The visible page box (CropBox, else MediaBox, else US Letter) as
/// `[x1 y1 x2 y2]`, normalised.
pub fn page_box(reader: &PdfReader, page: usize) -> Result<[f64; 4]> {
    let d = page_dict(reader, page)?;
    let get_box = |k: &[u8]| -> Option<[f64; 4]> {
        let o = reader.get(d.get(k)?).ok()?;
        let a = o.as_array()?;
        if a.len() != 4 {
            return None;
        }
        let mut v = [0.0; 4];
        for (slot, o) in v.iter_mut().zip(a) {
            *slot = reader.get(o).ok()?.as_f64()?;
        }
        let b = [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])];
        (b.iter().all(|x| x.is_finite()) && b[2] - b[0] > 1.0 && b[3] - b[1] > 1.0).then_some(b)
    };
    Ok(get_box(b"CropBox").or_else(|| get_box(b"MediaBox")).unwrap_or([0.0, 0.0, 612.0, 792.0]))
}

/// Every glyph shown on the page, in content order.
pub fn page_glyphs(reader: &PdfReader, page: usize) -> Result<Vec<Glyph>> {
    let d = page_dict(reader, page)?;
    let resources = match d.get(b"Resources") {
        Some(o) => reader.get(o)?.as_dict().cloned().unwrap_or_default(),
        None => Dict::new(),
    };
    let mut content = Vec::new();
    let c = match d.get(b"Contents") {
        Some(o) => reader.get(o)?,
        None => Object::Null,
    };
    let parts: Vec<Object> = match c {
        Object::Array(a) => a,
        o => vec![o],
    };
    for p in parts.iter().take(10_000) {
        // A broken part is skipped (as viewers do).
        if let Ok(Object::Stream(s)) = reader.get(p)
            && let Ok(data) = reader.stream_data_capped(&s, MAX_CONTENT)
        {
            if content.len() + data.len() > MAX_CONTENT {
                break;
            }
            content.extend_from_slice(&data);
            content.push(b'\n');
        }
    }
    let mut it = Interp { reader, glyphs: Vec::new(), tokens: 0, font_cache: HashMap::new() };
    it.run(&content, &resources, IDENTITY, 0);
    Ok(it.glyphs)
}

// ---------------------------------------------------------------------------
// interpreter
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Operand {
    Num(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Operand>),
    Other,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<FontInfo>>,
    size: f64,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    rise: f64,
}

struct Interp<'r, 'a> {
    reader: &'r PdfReader<'a>,
    glyphs: Vec<Glyph>,
    tokens: usize,
    /// Indirect fonts by object number (direct font dictionaries, rare,
    /// are parsed at each Tf).
    font_cache: HashMap<(u32, u16), Rc<FontInfo>>,
}

impl Interp<'_, '_> {
    fn font(&mut self, resources: &Dict, name: &[u8]) -> Rc<FontInfo> {
        let fonts = resources
            .get(b"Font")
            .and_then(|o| self.reader.get(o).ok())
            .and_then(|o| o.as_dict().cloned())
            .unwrap_or_default();
        let entry = fonts.get(name).cloned().unwrap_or(Object::Null);
        let key = entry.as_reference().map(|r| (r.num, r.r#gen));
        if let Some(f) = key.and_then(|k| self.font_cache.get(&k)) {
            return f.clone();
        }
        let f = Rc::new(load_font(self.reader, &entry));
        if let Some(k) = key
            && self.font_cache.len() < 10_000
        {
            self.font_cache.insert(k, f.clone());
        }
        f
    }

    fn run(&mut self, content: &[u8], resources: &Dict, ctm: Matrix, depth: usize) {
        let mut lex = Lexer::new(content, 0);
        let mut ops: Vec<Operand> = Vec::new();
        let mut gs = GState { ctm, font: None, size: 0.0, tc: 0.0, tw: 0.0, th: 1.0, tl: 0.0, rise: 0.0 };
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        loop {
            self.tokens += 1;
            if self.tokens > MAX_TOKENS || self.glyphs.len() > MAX_GLYPHS {
                return;
            }
            let pos = lex.pos();
            let tok = match lex.next_token() {
                Ok(Some(t)) => t,
                Ok(None) => return,
                Err(_) => {
                    lex.set_pos(pos.max(lex.pos()) + 1);
                    ops.clear();
                    continue;
                }
            };
            let op = match tok {
                Token::Keyword(k) => k,
                t => {
                    let o = self.operand(&mut lex, t, 0);
                    if ops.len() < 64 {
                        ops.push(o);
                    }
                    continue;
                }
            };
            let n = |i: usize| -> Option<f64> {
                match ops.get(i) {
                    Some(Operand::Num(v)) => Some(*v),
                    _ => None,
                }
            };
            let nums = |k: usize| -> Option<Vec<f64>> {
                if ops.len() < k {
                    return None;
                }
                let v: Vec<f64> = ops[ops.len() - k..]
                    .iter()
                    .filter_map(|o| match o {
                        Operand::Num(v) => Some(*v),
                        _ => None,
                    })
                    .collect();
                (v.len() == k).then_some(v)
            };
            match op {
                b"q" if stack.len() < 256 => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                b"cm" => {
                    if let Some(v) = nums(6) {
                        let m = [v[0], v[1], v[2], v[3], v[4], v[5]];
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    if let (Some(Operand::Name(name)), Some(size)) = (ops.first(), n(1)) {
                        gs.font = Some(self.font(resources, name));
                        gs.size = size;
                    }
                }
                b"Tc" => gs.tc = n(0).unwrap_or(gs.tc),
                b"Tw" => gs.tw = n(0).unwrap_or(gs.tw),
                b"Tz" => gs.th = n(0).map(|v| v / 100.0).unwrap_or(gs.th),
                b"TL" => gs.tl = n(0).unwrap_or(gs.tl),
                b"Ts" => gs.rise = n(0).unwrap_or(gs.rise),
                b"Td" | b"TD" => {
                    if let Some(v) = nums(2) {
                        if op == b"TD" {
                            gs.tl = -v[1];
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, v[0], v[1]], &tlm);
                        tm = tlm;
                    }
                }
                b"Tm" => {
                    if let Some(v) = nums(6) {
                        tlm = [v[0], v[1], v[2], v[3], v[4], v[5]];
                        tm = tlm;
                    }
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op == b"\""
                        && let (Some(aw), Some(ac)) = (n(0), n(1))
                    {
                        gs.tw = aw;
                        gs.tc = ac;
                    }
                    if op != b"Tj" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                        tm = tlm;
                    }
                    if let Some(Operand::Str(s)) = ops.last() {
                        let s = s.clone();
                        self.show(&s, &gs, &mut tm);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(a)) = ops.last() {
                        let a = a.clone();
                        for item in a {
                            match item {
                                Operand::Str(s) => self.show(&s, &gs, &mut tm),
                                Operand::Num(v) => {
                                    let tx = -v / 1000.0 * gs.size * gs.th;
                                    if tx.is_finite() {
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(Operand::Name(name)) = ops.first() {
                        self.form(resources, name, &gs, depth);
                    }
                }
                b"BI" => skip_inline_image(&mut lex),
                _ => {}
            }
            ops.clear();
        }
    }

    fn operand(&mut self, lex: &mut Lexer<'_>, t: Token<'_>, depth: usize) -> Operand {
        match t {
            Token::Integer(i) => Operand::Num(i as f64),
            Token::Real(r) if r.is_finite() => Operand::Num(r),
            Token::Name(n) => Operand::Name(n),
            Token::String(s) => Operand::Str(s.bytes),
            Token::ArrayOpen => {
                let mut items = Vec::new();
                loop {
                    self.tokens += 1;
                    if self.tokens > MAX_TOKENS || depth > 32 {
                        return Operand::Other;
                    }
                    match lex.next_token() {
                        Ok(Some(Token::ArrayClose)) | Ok(None) => break,
                        Ok(Some(Token::Keyword(_))) | Err(_) => return Operand::Other,
                        Ok(Some(t)) => {
                            let o = self.operand(lex, t, depth + 1);
                            if items.len() < 100_000 {
                                items.push(o);
                            }
                        }
                    }
                }
                Operand::Array(items)
            }
            Token::DictOpen => {
                let mut level = 1usize;
                while level > 0 {
                    self.tokens += 1;
                    if self.tokens > MAX_TOKENS {
                        break;
                    }
                    match lex.next_token() {
                        Ok(Some(Token::DictOpen)) => level += 1,
                        Ok(Some(Token::DictClose)) => level -= 1,
                        Ok(None) | Err(_) => break,
                        _ => {}
                    }
                }
                Operand::Other
            }
            _ => Operand::Other,
        }
    }

    fn form(&mut self, resources: &Dict, name: &[u8], gs: &GState, depth: usize) {
        let reader = self.reader;
        let Some(xo) = resources
            .get(b"XObject")
            .and_then(|o| reader.get(o).ok())
            .and_then(|o| o.as_dict().and_then(|d| d.get(name).cloned()))
        else {
            return;
        };
        let Ok(Object::Stream(s)) = reader.get(&xo) else {
            return;
        };
        if s.dict.get_name(b"Subtype") != Some(b"Form") {
            return;
        }
        let Ok(data) = reader.stream_data_capped(&s, MAX_CONTENT) else {
            return;
        };
        let mut m = IDENTITY;
        if let Some(a) =
            s.dict.get(b"Matrix").and_then(|o| reader.get(o).ok()).and_then(|o| o.as_array().map(<[Object]>::to_vec))
        {
            let v: Vec<f64> = a.iter().filter_map(|o| num(reader, Some(o))).collect();
            if v.len() == 6 {
                m = [v[0], v[1], v[2], v[3], v[4], v[5]];
            }
        }
        let res = s
            .dict
            .get(b"Resources")
            .and_then(|o| reader.get(o).ok())
            .and_then(|o| o.as_dict().cloned())
            .unwrap_or_else(|| resources.clone());
        self.run(&data, &res, mul(&m, &gs.ctm), depth + 1);
    }

    fn show(&mut self, s: &[u8], gs: &GState, tm: &mut Matrix) {
        let fallback;
        let font: &FontInfo = match &gs.font {
            Some(f) => f,
            None => {
                fallback = FontInfo::fallback();
                &fallback
            }
        };
        let size = gs.size;
        for (code, len) in font.codes(s) {
            if self.glyphs.len() > MAX_GLYPHS {
                return;
            }
            let w0 = font.width(code) * font.scale;
            let mut adv = w0 * size + gs.tc;
            if len == 1 && code == 32 {
                adv += gs.tw;
            }
            adv *= gs.th;
            let trm = mul(tm, &gs.ctm);
            let lo = font.descent * font.scale * size + gs.rise;
            let hi = font.ascent * font.scale * size + gs.rise;
            let wx = w0 * size * gs.th;
            let corners = [apply(&trm, 0.0, lo), apply(&trm, wx, lo), apply(&trm, 0.0, hi), apply(&trm, wx, hi)];
            let mut bb = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
            for (x, y) in corners {
                bb = [bb[0].min(x), bb[1].min(y), bb[2].max(x), bb[3].max(y)];
            }
            let start = apply(&trm, 0.0, gs.rise);
            let end = apply(&trm, adv, gs.rise);
            // effective size: the unit vertical of text space, scaled
            let eff = size.abs() * (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            if bb.iter().all(|v| v.is_finite()) && start.0.is_finite() && end.0.is_finite() {
                self.glyphs.push(Glyph { text: font.text(code), bbox: bb, start, end, size: eff });
            }
            if adv.is_finite() {
                *tm = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], tm);
            }
        }
    }
}

fn skip_inline_image(lex: &mut Lexer<'_>) {
    // Skip the dictionary up to `ID`, then the data up to `EI` delimited by
    // whitespace.
    let data = lex.data();
    let mut guard = 0;
    loop {
        guard += 1;
        if guard > 10_000 {
            return;
        }
        let pos = lex.pos();
        match lex.next_token() {
            Ok(Some(Token::Keyword(b"ID"))) => break,
            Ok(None) => return,
            Ok(Some(_)) => {}
            Err(_) => lex.set_pos(pos.max(lex.pos()) + 1),
        }
    }
    let mut i = lex.pos() + 1;
    while i + 1 < data.len() {
        if data[i] == b'E'
            && data[i + 1] == b'I'
            && data.get(i.wrapping_sub(1)).is_some_and(|b| b.is_ascii_whitespace())
            && data.get(i + 2).is_none_or(|b| b.is_ascii_whitespace())
        {
            lex.set_pos(i + 2);
            return;
        }
        i += 1;
    }
    lex.set_pos(data.len());
}

/// Join glyphs into lines (content order, same baseline, close together).
pub fn join_lines(glyphs: Vec<Glyph>) -> Vec<TextLine> {
    let mut lines: Vec<TextLine> = Vec::new();
    let mut cur: Option<TextLine> = None;
    for g in glyphs {
        let joins = cur.as_ref().and_then(|l| l.glyphs.last()).is_some_and(|last| {
            let size = last.size.max(g.size).max(0.1);
            let dy = (g.start.1 - last.end.1).abs();
            let dx = g.start.0 - last.end.0;
            dy < 0.3 * size && dx > -0.5 * size && dx < 3.0 * size
        });
        if !joins {
            if let Some(l) = cur.take() {
                lines.push(l);
            }
            cur = Some(TextLine { text: String::new(), char_glyphs: Vec::new(), glyphs: Vec::new() });
        }
        let Some(l) = cur.as_mut() else { continue };
        if let Some(last) = l.glyphs.last() {
            let size = last.size.max(g.size).max(0.1);
            let gap = g.start.0 - last.end.0;
            let spaced = l.text.ends_with(char::is_whitespace) || g.text.starts_with(char::is_whitespace);
            if gap > 0.15 * size && !spaced {
                l.text.push(' ');
                l.char_glyphs.push(None);
            }
        }
        let gi = l.glyphs.len();
        for c in g.text.chars() {
            l.text.push(c);
            l.char_glyphs.push(Some(gi));
        }
        l.glyphs.push(g);
    }
    if let Some(l) = cur {
        lines.push(l);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices() {
        let a = [2.0, 0.0, 0.0, 2.0, 10.0, 20.0];
        let b = [1.0, 0.0, 0.0, 1.0, 5.0, 5.0];
        assert_eq!(apply(&mul(&a, &b), 1.0, 1.0), (17.0, 27.0));
    }
}
