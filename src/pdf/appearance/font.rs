//! Embedding a subset of a TrueType font as a composite font:
//! Type0 / Identity-H over a CIDFontType2 with /W widths,
//! `/CIDToGIDMap /Identity`, a FontFile2 subset and a ToUnicode CMap (so
//! the text stays searchable and copyable).
//!
//! The subset is made by the `subsetter` crate, which renumbers the kept
//! glyphs 0..n (0 = .notdef) and drops the `cmap` table; the new glyph ids
//! are used directly as CIDs (hence `/CIDToGIDMap /Identity`).
//!
//! The font object returned by [`SubsetFont::font_object`] is a direct
//! dictionary whose nested font / font-descriptor dictionaries and streams
//! are written as indirect objects by the signature writer (see
//! `sign::Appearance`).

use std::collections::{BTreeMap, HashMap};

use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::filters::flate_encode;
use crate::pdf::syntax::object::{Dict, Object, Stream};

/// Liberation Serif Regular (SIL OFL 1.1), metric-compatible with Times New
/// Roman; see `assets/fonts/README.md`.
pub const DEFAULT_FONT: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf");

/// A font subset covering a fixed set of texts.
#[derive(Debug, Clone)]
pub struct SubsetFont {
    /// char -> (CID = new glyph id, advance width in 1/1000 em).
    map: HashMap<char, (u16, f64)>,
    notdef_width: f64,
    /// Typographic ascent / descent in 1/1000 em (descent negative).
    pub ascent: f64,
    pub descent: f64,
    /// `ABCDEF+PostScriptName`.
    pub base_font: String,
    object: Object,
}

fn font_err(msg: impl Into<String>) -> PdfError {
    PdfError::Unsupported(format!("font: {}", msg.into()))
}

/// Characters that are never drawn (layout is line based).
fn skipped(c: char) -> bool {
    c.is_control()
}

impl SubsetFont {
    /// Parse `ttf` (TrueType outlines; a collection's first face) and embed
    /// the glyphs needed for every character of `texts`. Characters the font
    /// lacks are drawn as .notdef.
    pub fn new(ttf: &[u8], texts: &[&str]) -> Result<SubsetFont> {
        let face =
            ttf_parser::Face::parse(ttf, 0).map_err(|e| font_err(format!("cannot parse the TrueType font: {e}")))?;
        if face.tables().glyf.is_none() {
            return Err(font_err("only fonts with TrueType (glyf) outlines can be embedded"));
        }
        if face.permissions() == Some(ttf_parser::Permissions::Restricted) {
            return Err(font_err("the font's licence (OS/2 fsType) forbids embedding"));
        }
        if !face.is_subsetting_allowed() {
            return Err(font_err("the font's licence (OS/2 fsType) forbids subsetting"));
        }
        let upem = f64::from(face.units_per_em().max(1));
        let scale = |v: f64| (v * 1000.0 / upem).round();
        let adv = |g: ttf_parser::GlyphId| scale(f64::from(face.glyph_hor_advance(g).unwrap_or(0)));

        let mut remapper = subsetter::GlyphRemapper::new();
        let mut map: HashMap<char, (u16, f64)> = HashMap::new();
        // cid -> (width, unicode text)
        let mut cids: BTreeMap<u16, (f64, String)> = BTreeMap::new();
        let notdef_width = adv(ttf_parser::GlyphId(0));
        cids.insert(0, (notdef_width, String::new()));
        for t in texts {
            for c in t.chars().filter(|&c| !skipped(c)) {
                if map.contains_key(&c) {
                    continue;
                }
                let gid = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                let cid = remapper.remap(gid.0);
                let w = adv(gid);
                map.insert(c, (cid, w));
                let e = cids.entry(cid).or_insert((w, String::new()));
                if gid.0 != 0 && e.1.is_empty() {
                    e.1.push(c);
                }
            }
        }
        let data = std::panic::catch_unwind(|| subsetter::subset(ttf, 0, &remapper))
            .map_err(|_| font_err("the subsetter panicked on this font"))?
            .map_err(|e| font_err(format!("subsetting failed: {e}")))?;

        let ps_name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_default();
        let mut ps_name: String =
            ps_name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').take(60).collect();
        if ps_name.is_empty() {
            ps_name = "Font".into();
        }
        // Deterministic six-letter tag from the glyph set.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in ps_name
            .bytes()
            .chain(cids.keys().flat_map(|c| c.to_be_bytes()))
            .chain(remapper.remapped_gids().flat_map(|g: u16| g.to_be_bytes()))
        {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        let tag: String = (0..6).map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8)).collect();
        let base_font = format!("{tag}+{ps_name}");

        let ascent = scale(f64::from(face.ascender()));
        let descent = scale(f64::from(face.descender()));
        let bbox = face.global_bounding_box();
        let cap = face.capital_height().map(|c| scale(f64::from(c))).unwrap_or(ascent);

        // --- PDF objects ---------------------------------------------------
        let num = |v: f64| Object::Integer(v as i64);
        let mut fontfile = Dict::new();
        fontfile.insert("Length1", Object::Integer(data.len() as i64));
        fontfile.insert("Filter", Object::name("FlateDecode"));
        let fontfile = Stream::new(fontfile, flate_encode(&data));

        let mut fd = Dict::new();
        fd.insert("Type", Object::name("FontDescriptor"));
        fd.insert("FontName", Object::name(base_font.as_bytes()));
        // Serif (2) + Symbolic (4): the subset has no standard charset.
        fd.insert("Flags", Object::Integer(6));
        fd.insert(
            "FontBBox",
            Object::Array(vec![
                num(scale(f64::from(bbox.x_min))),
                num(scale(f64::from(bbox.y_min))),
                num(scale(f64::from(bbox.x_max))),
                num(scale(f64::from(bbox.y_max))),
            ]),
        );
        let italic = f64::from(face.italic_angle());
        fd.insert("ItalicAngle", if italic.fract() == 0.0 { num(italic) } else { Object::Real(italic) });
        fd.insert("Ascent", num(ascent));
        fd.insert("Descent", num(descent));
        fd.insert("CapHeight", num(cap));
        fd.insert("StemV", Object::Integer(80));
        fd.insert("FontFile2", Object::Stream(fontfile));

        let mut sysinfo = Dict::new();
        sysinfo.insert("Registry", Object::string(b"Adobe".to_vec()));
        sysinfo.insert("Ordering", Object::string(b"Identity".to_vec()));
        sysinfo.insert("Supplement", Object::Integer(0));

        // CIDs are 0..n without gaps: one `0 [w0 w1 ...]` run.
        let widths: Vec<Object> = cids.values().map(|(w, _)| num(*w)).collect();
        let mut cid_font = Dict::new();
        cid_font.insert("Type", Object::name("Font"));
        cid_font.insert("Subtype", Object::name("CIDFontType2"));
        cid_font.insert("BaseFont", Object::name(base_font.as_bytes()));
        cid_font.insert("CIDSystemInfo", Object::Dict(sysinfo));
        cid_font.insert("FontDescriptor", Object::Dict(fd));
        cid_font.insert("DW", num(notdef_width));
        cid_font.insert("W", Object::Array(vec![Object::Integer(0), Object::Array(widths)]));
        cid_font.insert("CIDToGIDMap", Object::name("Identity"));

        let mut tu = Dict::new();
        tu.insert("Filter", Object::name("FlateDecode"));
        let cmap = to_unicode_cmap(cids.iter().map(|(c, (_, s))| (*c, s.as_str())));
        let tu = Stream::new(tu, flate_encode(&cmap));

        let mut font = Dict::new();
        font.insert("Type", Object::name("Font"));
        font.insert("Subtype", Object::name("Type0"));
        font.insert("BaseFont", Object::name(base_font.as_bytes()));
        font.insert("Encoding", Object::name("Identity-H"));
        font.insert("DescendantFonts", Object::Array(vec![Object::Dict(cid_font)]));
        font.insert("ToUnicode", Object::Stream(tu));

        Ok(SubsetFont { map, notdef_width, ascent, descent, base_font, object: Object::Dict(font) })
    }

    /// The Type0 font dictionary (with nested dictionaries and streams).
    pub fn font_object(&self) -> Object {
        self.object.clone()
    }

    /// Bytes of a PDF string showing `s` (2-byte CIDs, Identity-H).
    pub fn encode(&self, s: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(s.len() * 2);
        for c in s.chars().filter(|&c| !skipped(c)) {
            let cid = self.map.get(&c).map(|e| e.0).unwrap_or(0);
            out.extend_from_slice(&cid.to_be_bytes());
        }
        out
    }

    /// Advance width of `s` at `size` points.
    pub fn width(&self, s: &str, size: f64) -> f64 {
        s.chars()
            .filter(|&c| !skipped(c))
            .map(|c| self.map.get(&c).map(|e| e.1).unwrap_or(self.notdef_width))
            .sum::<f64>()
            * size
            / 1000.0
    }

    /// True if every (non-control) character of `s` has a glyph.
    pub fn covers(&self, s: &str) -> bool {
        s.chars().filter(|&c| !skipped(c)).all(|c| self.map.get(&c).is_some_and(|e| e.0 != 0))
    }
}

/// A ToUnicode CMap for 2-byte codes.
pub fn to_unicode_cmap<'a>(entries: impl Iterator<Item = (u16, &'a str)>) -> Vec<u8> {
    let mut items: Vec<(u16, String)> = Vec::new();
    for (cid, s) in entries {
        if s.is_empty() {
            continue;
        }
        let mut hex = String::new();
        for u in s.encode_utf16() {
            hex.push_str(&format!("{u:04X}"));
        }
        items.push((cid, hex));
    }
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in items.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (cid, hex) in chunk {
            out.push_str(&format!("<{cid:04X}> <{hex}>\n"));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_default_font() {
        let t = "Nguyễn Văn An – CHỦ TỊCH 2026-11-22T11:19:00+07:00";
        let f = SubsetFont::new(DEFAULT_FONT, &[t]).unwrap();
        assert!(f.covers(t));
        assert!(f.base_font.ends_with("+LiberationSerif"), "{}", f.base_font);
        assert_eq!(f.base_font.find('+'), Some(6));
        let enc = f.encode("AA");
        assert_eq!(enc.len(), 4);
        assert_eq!(enc[..2], enc[2..]);
        assert_ne!(enc[..2], [0, 0]);
        // Times metrics: 'A' is 722/1000 em.
        assert!((f.width("A", 10.0) - 7.22).abs() < 0.01);
        assert!(f.ascent > 800.0 && f.descent < -150.0);
        let d = f.font_object();
        let d = d.as_dict().unwrap();
        assert_eq!(d.get_name(b"Subtype"), Some(&b"Type0"[..]));
        assert!(!f.covers("\u{4E2D}"));
    }

    #[test]
    fn bad_fonts() {
        assert!(SubsetFont::new(b"not a font", &["a"]).is_err());
        assert!(SubsetFont::new(&DEFAULT_FONT[..1000], &["a"]).is_err());
    }

    #[test]
    fn cmap_text() {
        let c = to_unicode_cmap([(1u16, "A"), (2, "ễ"), (3, "\u{1F600}"), (4, "")].into_iter());
        let s = String::from_utf8(c).unwrap();
        assert!(s.contains("3 beginbfchar"));
        assert!(s.contains("<0002> <1EC5>"));
        assert!(s.contains("<0003> <D83DDE00>"));
    }
}
