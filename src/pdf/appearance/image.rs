//! Image XObjects for signature appearances: PNG (decoded with `png`,
//! palette / 16-bit / low bit depths normalised to 8-bit gray or RGB,
//! alpha written as an /SMask, both re-encoded with Flate) and JPEG
//! (passed through as /DCTDecode; size and components from the SOF
//! marker).

use std::io::Cursor;

use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::filters::flate_encode;
use crate::pdf::syntax::object::{Dict, Object, Stream};

/// Largest accepted width or height in pixels.
pub const MAX_DIMENSION: u32 = 10_000;
/// Largest accepted decoded size in bytes.
const MAX_DECODED: usize = 128 << 20;

/// An image XObject ready to be put into a resources dictionary.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageXObject {
    pub width: u32,
    pub height: u32,
    /// True if the image carries an /SMask (transparency).
    pub has_alpha: bool,
    /// The `/Subtype /Image` stream (its /SMask, if any, nested as a stream).
    pub object: Object,
}

fn img_err(msg: impl Into<String>) -> PdfError {
    PdfError::Unsupported(format!("image: {}", msg.into()))
}

/// Load a PNG or JPEG (detected from the signature bytes).
pub fn load_image(bytes: &[u8]) -> Result<ImageXObject> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        load_png(bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        load_jpeg(bytes)
    } else {
        Err(img_err("not a PNG or JPEG file"))
    }
}

fn image_dict(w: u32, h: u32, cs: &str, filter: &str) -> Dict {
    let mut d = Dict::new();
    d.insert("Type", Object::name("XObject"));
    d.insert("Subtype", Object::name("Image"));
    d.insert("Width", Object::Integer(i64::from(w)));
    d.insert("Height", Object::Integer(i64::from(h)));
    d.insert("ColorSpace", Object::name(cs));
    d.insert("BitsPerComponent", Object::Integer(8));
    d.insert("Filter", Object::name(filter));
    d
}

fn check_dims(w: u32, h: u32) -> Result<()> {
    if w == 0 || h == 0 || w > MAX_DIMENSION || h > MAX_DIMENSION {
        return Err(img_err(format!("{w}x{h} pixels (must be 1..={MAX_DIMENSION} each way)")));
    }
    Ok(())
}

/// PNG -> Flate RGB/gray image (+ Flate gray /SMask when there is a
/// non-opaque alpha channel or tRNS transparency).
pub fn load_png(bytes: &[u8]) -> Result<ImageXObject> {
    let mut dec = png::Decoder::new_with_limits(Cursor::new(bytes), png::Limits { bytes: MAX_DECODED });
    dec.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = dec.read_info().map_err(|e| img_err(format!("PNG: {e}")))?;
    let (w, h) = reader.info().size();
    check_dims(w, h)?;
    let size = reader.output_buffer_size().filter(|&s| s <= MAX_DECODED).ok_or_else(|| img_err("PNG too large"))?;
    let mut buf = vec![0u8; size];
    let info = reader.next_frame(&mut buf).map_err(|e| img_err(format!("PNG: {e}")))?;
    if info.bit_depth != png::BitDepth::Eight {
        return Err(img_err(format!("PNG bit depth {:?}", info.bit_depth)));
    }
    let (channels, color) = match info.color_type {
        png::ColorType::Grayscale => (1, 1),
        png::ColorType::GrayscaleAlpha => (2, 1),
        png::ColorType::Rgb => (3, 3),
        png::ColorType::Rgba => (4, 3),
        png::ColorType::Indexed => return Err(img_err("PNG palette was not expanded")),
    };
    let npx = (w as usize) * (h as usize);
    let line = info.line_size;
    let mut colors = Vec::with_capacity(npx * color);
    let mut alpha = Vec::with_capacity(if channels > color { npx } else { 0 });
    for y in 0..h as usize {
        let row = buf.get(y * line..y * line + (w as usize) * channels).ok_or_else(|| img_err("PNG: short frame"))?;
        for px in row.chunks_exact(channels) {
            colors.extend_from_slice(&px[..color]);
            if channels > color {
                alpha.push(px[color]);
            }
        }
    }
    let cs = if color == 3 { "DeviceRGB" } else { "DeviceGray" };
    let mut d = image_dict(w, h, cs, "FlateDecode");
    let has_alpha = alpha.iter().any(|&a| a != 255);
    if has_alpha {
        let sm = image_dict(w, h, "DeviceGray", "FlateDecode");
        d.insert("SMask", Object::Stream(Stream::new(sm, flate_encode(&alpha))));
    }
    Ok(ImageXObject { width: w, height: h, has_alpha, object: Object::Stream(Stream::new(d, flate_encode(&colors))) })
}

/// Frame header of a JPEG: (width, height, components, Adobe APP14 seen).
pub fn jpeg_info(bytes: &[u8]) -> Result<(u32, u32, u8, bool)> {
    let bad = || img_err("JPEG: no frame header (SOF) found");
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(img_err("not a JPEG file"));
    }
    let mut adobe = false;
    let mut i = 2usize;
    loop {
        // Skip fill bytes up to the marker.
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if bytes.get(i) != Some(&0xFF) {
            return Err(bad());
        }
        let marker = *bytes.get(i + 1).ok_or_else(bad)?;
        i += 2;
        match marker {
            0xD8 | 0x01 | 0xD0..=0xD7 => continue,
            0xD9 | 0xDA => return Err(bad()),
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(i).ok_or_else(bad)?, *bytes.get(i + 1).ok_or_else(bad)?]));
        if len < 2 {
            return Err(bad());
        }
        let seg = bytes.get(i + 2..i + len).ok_or_else(bad)?;
        if marker == 0xEE && seg.starts_with(b"Adobe") {
            adobe = true;
        }
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            if seg.len() < 6 {
                return Err(bad());
            }
            let h = u32::from(u16::from_be_bytes([seg[1], seg[2]]));
            let w = u32::from(u16::from_be_bytes([seg[3], seg[4]]));
            return Ok((w, h, seg[5], adobe));
        }
        i += len;
    }
}

/// JPEG passthrough as /DCTDecode.
pub fn load_jpeg(bytes: &[u8]) -> Result<ImageXObject> {
    let (w, h, comps, adobe) = jpeg_info(bytes)?;
    check_dims(w, h)?;
    let cs = match comps {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        4 => "DeviceCMYK",
        n => return Err(img_err(format!("JPEG with {n} components"))),
    };
    let mut d = image_dict(w, h, cs, "DCTDecode");
    if comps == 4 && adobe {
        // Adobe CMYK JPEGs are stored inverted.
        d.insert("Decode", Object::Array((0..4).flat_map(|_| [1i64.into(), 0i64.into()]).collect()));
    }
    Ok(ImageXObject { width: w, height: h, has_alpha: false, object: Object::Stream(Stream::new(d, bytes.to_vec())) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode_png(
        w: u32,
        h: u32,
        ct: png::ColorType,
        depth: png::BitDepth,
        data: &[u8],
        palette: Option<(&[u8], &[u8])>,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut e = png::Encoder::new(&mut out, w, h);
            e.set_color(ct);
            e.set_depth(depth);
            if let Some((p, t)) = palette {
                e.set_palette(p.to_vec());
                if !t.is_empty() {
                    e.set_trns(t.to_vec());
                }
            }
            let mut wr = e.write_header().unwrap();
            wr.write_image_data(data).unwrap();
        }
        out
    }

    fn stream(o: &Object) -> &Stream {
        o.as_stream().unwrap()
    }

    #[test]
    fn png_rgba_has_smask() {
        let data = [255, 0, 0, 0, 0, 0, 255, 255, 0, 255, 0, 128, 1, 2, 3, 4];
        let p = encode_png(2, 2, png::ColorType::Rgba, png::BitDepth::Eight, &data, None);
        let im = load_png(&p).unwrap();
        assert_eq!((im.width, im.height, im.has_alpha), (2, 2, true));
        let s = stream(&im.object);
        assert_eq!(s.dict.get_name(b"ColorSpace"), Some(&b"DeviceRGB"[..]));
        let raw = s.raw(&[]).unwrap();
        let dec = crate::pdf::syntax::filters::flate_decode(raw, 1 << 20).unwrap();
        assert_eq!(dec, [255, 0, 0, 0, 0, 255, 0, 255, 0, 1, 2, 3]);
        let sm = stream(s.dict.get(b"SMask").unwrap());
        let a = crate::pdf::syntax::filters::flate_decode(sm.raw(&[]).unwrap(), 1 << 20).unwrap();
        assert_eq!(a, [0, 255, 128, 4]);
    }

    #[test]
    fn png_gray_opaque_and_palette() {
        let p = encode_png(3, 1, png::ColorType::Grayscale, png::BitDepth::Eight, &[0, 128, 255], None);
        let im = load_png(&p).unwrap();
        assert!(!im.has_alpha);
        let s = stream(&im.object);
        assert_eq!(s.dict.get_name(b"ColorSpace"), Some(&b"DeviceGray"[..]));
        assert!(s.dict.get(b"SMask").is_none());
        // 2-bit palette with a transparent entry
        let pal = [255, 0, 0, 0, 0, 255];
        let p = encode_png(4, 1, png::ColorType::Indexed, png::BitDepth::Two, &[0b0001_0001], Some((&pal, &[0, 255])));
        let im = load_png(&p).unwrap();
        assert!(im.has_alpha);
        let s = stream(&im.object);
        let dec = crate::pdf::syntax::filters::flate_decode(s.raw(&[]).unwrap(), 1 << 20).unwrap();
        assert_eq!(dec, [255, 0, 0, 0, 0, 255, 255, 0, 0, 0, 0, 255]);
        // 16-bit gray is stripped to 8 bits
        let p = encode_png(1, 1, png::ColorType::Grayscale, png::BitDepth::Sixteen, &[0xAB, 0xCD], None);
        let im = load_png(&p).unwrap();
        let dec = crate::pdf::syntax::filters::flate_decode(stream(&im.object).raw(&[]).unwrap(), 16).unwrap();
        assert_eq!(dec, [0xAB]);
    }

    #[test]
    fn jpeg_header() {
        // SOI, APP0 (len 4), SOF0 (8 bit, 30 x 20, 3 comps)
        let mut j = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 17, 8, 0, 20, 0, 30, 3];
        j.extend_from_slice(&[1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
        assert_eq!(jpeg_info(&j).unwrap(), (30, 20, 3, false));
        let im = load_image(&j).unwrap();
        let s = stream(&im.object);
        assert_eq!(s.dict.get_name(b"Filter"), Some(&b"DCTDecode"[..]));
        assert_eq!(s.raw(&[]).unwrap(), &j[..]);
        assert!(jpeg_info(&j[..12]).is_err());
        assert!(load_image(b"GIF89a").is_err());
    }

    #[test]
    fn garbage_never_panics() {
        let p = encode_png(5, 5, png::ColorType::Rgb, png::BitDepth::Eight, &[7u8; 75], None);
        let mut seed = 12345u64;
        for i in 0..2000 {
            let mut v = if i % 2 == 0 { p.clone() } else { vec![0xFF, 0xD8, 0xFF, 0xC0, 0, 3, 0xFF] };
            for _ in 0..3 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let idx = (seed >> 33) as usize % v.len();
                v[idx] = (seed >> 20) as u8;
            }
            v.truncate(v.len() - (seed as usize % 4).min(v.len()));
            let _ = load_image(&v);
        }
    }
}
