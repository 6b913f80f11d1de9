//! Stream filters: FlateDecode (+ PNG/TIFF predictors), ASCIIHexDecode,
//! ASCII85Decode. Every decoder takes `max_out` and fails beyond it.

use std::io::Read;

use super::error::{PdfError, Result};
use super::object::{Dict, Object};

fn ferr(msg: impl Into<String>) -> PdfError {
    PdfError::Filter { msg: msg.into() }
}

fn too_big() -> PdfError {
    PdfError::Limit { what: "decoded stream larger than the configured maximum", offset: 0 }
}

/// Apply a filter chain. `filters` pairs each filter name with its
/// (already resolved) /DecodeParms dictionary, in application order.
pub fn decode(data: &[u8], filters: &[(Vec<u8>, Option<Dict>)], max_out: usize) -> Result<Vec<u8>> {
    let mut cur: Vec<u8> = data.to_vec();
    for (name, parms) in filters {
        cur = decode_one(&cur, name, parms.as_ref(), max_out)?;
    }
    Ok(cur)
}

/// Apply one filter by name (full or abbreviated).
pub fn decode_one(data: &[u8], name: &[u8], parms: Option<&Dict>, max_out: usize) -> Result<Vec<u8>> {
    match name {
        b"FlateDecode" | b"Fl" => {
            let raw = flate_decode(data, max_out)?;
            match parms {
                Some(p) => apply_predictor(raw, p, max_out),
                None => Ok(raw),
            }
        }
        b"ASCIIHexDecode" | b"AHx" => ascii_hex_decode(data, max_out),
        b"ASCII85Decode" | b"A85" => ascii85_decode(data, max_out),
        other => Err(PdfError::Unsupported(format!("stream filter /{}", String::from_utf8_lossy(other)))),
    }
}

/// zlib inflate with an output cap.
pub fn flate_decode(data: &[u8], max_out: usize) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let limit = (max_out as u64).saturating_add(1);
    flate2::read::ZlibDecoder::new(data)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| ferr(format!("FlateDecode: {e}")))?;
    if out.len() > max_out {
        return Err(too_big());
    }
    Ok(out)
}

/// zlib deflate (default compression).
pub fn flate_encode(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

fn parm_int(p: &Dict, key: &[u8], default: i64) -> i64 {
    p.get(key).and_then(Object::as_int).unwrap_or(default)
}

/// Undo a /Predictor (1, 2 = TIFF, 10..=15 = PNG).
pub fn apply_predictor(data: Vec<u8>, p: &Dict, max_out: usize) -> Result<Vec<u8>> {
    let predictor = parm_int(p, b"Predictor", 1);
    if predictor == 1 {
        return Ok(data);
    }
    let colors = parm_int(p, b"Colors", 1);
    let bpc = parm_int(p, b"BitsPerComponent", 8);
    let columns = parm_int(p, b"Columns", 1);
    if !(1..=32).contains(&colors) {
        return Err(ferr(format!("invalid /Colors {colors}")));
    }
    if ![1, 2, 4, 8, 16].contains(&bpc) {
        return Err(ferr(format!("invalid /BitsPerComponent {bpc}")));
    }
    if !(1..=(1 << 24)).contains(&columns) {
        return Err(ferr(format!("invalid /Columns {columns}")));
    }
    // All three are small positive numbers now.
    let (colors, bpc, columns) = (colors as usize, bpc as usize, columns as usize);
    let bits_per_pixel = colors * bpc;
    let bpp = bits_per_pixel.div_ceil(8).max(1);
    let row_len = (bits_per_pixel * columns).div_ceil(8);
    if row_len == 0 || row_len > max_out {
        return Err(too_big());
    }
    match predictor {
        2 => {
            if bpc != 8 {
                return Err(PdfError::Unsupported(format!("TIFF predictor with {bpc} bits per component")));
            }
            let mut out = data;
            for row in out.chunks_mut(row_len) {
                for i in bpp..row.len() {
                    row[i] = row[i].wrapping_add(row[i - bpp]);
                }
            }
            Ok(out)
        }
        10..=15 => {
            let mut out: Vec<u8> = Vec::with_capacity(data.len().min(max_out));
            // A row is never longer than the input, so a huge /Columns with
            // tiny data cannot force a huge allocation.
            let buf_len = row_len.min(data.len());
            let mut prev = vec![0u8; buf_len];
            let mut cur = vec![0u8; buf_len];
            for chunk in data.chunks(row_len + 1) {
                let (&ft, row) = match chunk.split_first() {
                    Some(x) => x,
                    None => break,
                };
                let n = row.len(); // last row may be short
                cur[..n].copy_from_slice(row);
                for i in 0..n {
                    let left = if i >= bpp { cur[i - bpp] } else { 0 };
                    let up = prev[i];
                    let ul = if i >= bpp { prev[i - bpp] } else { 0 };
                    let x = cur[i];
                    cur[i] = match ft {
                        0 => x,
                        1 => x.wrapping_add(left),
                        2 => x.wrapping_add(up),
                        3 => x.wrapping_add(((left as u16 + up as u16) / 2) as u8),
                        4 => x.wrapping_add(paeth(left, up, ul)),
                        _ => return Err(ferr(format!("invalid PNG filter type {ft}"))),
                    };
                }
                if out.len() + n > max_out {
                    return Err(too_big());
                }
                out.extend_from_slice(&cur[..n]);
                std::mem::swap(&mut prev, &mut cur);
            }
            Ok(out)
        }
        other => Err(PdfError::Unsupported(format!("predictor {other}"))),
    }
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let pa = (p - a as i16).abs();
    let pb = (p - b as i16).abs();
    let pc = (p - c as i16).abs();
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// ASCIIHexDecode (terminated by `>`; odd final digit padded with 0).
pub fn ascii_hex_decode(data: &[u8], max_out: usize) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut pending: Option<u8> = None;
    for &c in data {
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            b'>' => break,
            c if super::lexer::is_whitespace(c) => continue,
            _ => return Err(ferr("invalid character in ASCIIHexDecode data")),
        };
        match pending.take() {
            Some(h) => {
                if out.len() >= max_out {
                    return Err(too_big());
                }
                out.push(h << 4 | v)
            }
            None => pending = Some(v),
        }
    }
    if let Some(h) = pending {
        out.push(h << 4);
    }
    if out.len() > max_out {
        return Err(too_big());
    }
    Ok(out)
}

/// ASCII85Decode (`z` shorthand, `~>` terminator).
pub fn ascii85_decode(data: &[u8], max_out: usize) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut group = [0u8; 5];
    let mut n = 0usize;
    let mut i = 0usize;
    while let Some(&c) = data.get(i) {
        i += 1;
        match c {
            b'~' => break,
            b'z' if n == 0 => {
                out.extend_from_slice(&[0, 0, 0, 0]);
            }
            b'!'..=b'u' => {
                group[n] = c - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |acc, &d| acc * 85 + d as u64);
                    if v > u32::MAX as u64 {
                        return Err(ferr("ASCII85 group out of range"));
                    }
                    out.extend_from_slice(&(v as u32).to_be_bytes());
                    n = 0;
                }
            }
            c if super::lexer::is_whitespace(c) => {}
            _ => return Err(ferr("invalid character in ASCII85Decode data")),
        }
        if out.len() > max_out {
            return Err(too_big());
        }
    }
    if n == 1 {
        return Err(ferr("ASCII85 final group has a single character"));
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group.iter().fold(0u64, |acc, &d| acc * 85 + d as u64);
        if v > u32::MAX as u64 {
            return Err(ferr("ASCII85 group out of range"));
        }
        out.extend_from_slice(&(v as u32).to_be_bytes()[..n - 1]);
    }
    if out.len() > max_out {
        return Err(too_big());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flate_roundtrip_and_cap() {
        let data = vec![7u8; 100_000];
        let enc = flate_encode(&data);
        assert!(enc.len() < 1000);
        assert_eq!(flate_decode(&enc, 100_000).unwrap(), data);
        assert!(matches!(flate_decode(&enc, 99_999), Err(PdfError::Limit { .. })));
        assert!(flate_decode(b"garbage", 100).is_err());
    }

    #[test]
    fn png_up_predictor() {
        // 2 rows of 3 columns, filter Up on row 2, Sub on row 1.
        let raw = [1u8, 1, 1, 1, 2, 5, 5, 5];
        let mut p = Dict::new();
        p.insert("Predictor", 12i64);
        p.insert("Columns", 3i64);
        let out = apply_predictor(raw.to_vec(), &p, 100).unwrap();
        assert_eq!(out, vec![1, 2, 3, 6, 7, 8]);
        // paeth + average
        let raw = [4u8, 1, 2, 2, 3, 1, 1, 1];
        let out = apply_predictor(raw.to_vec(), &p, 100).unwrap();
        assert_eq!(out, vec![1, 3, 5, 1, 3, 5]);
        // bad filter type
        assert!(apply_predictor(vec![9, 0, 0, 0], &p, 100).is_err());
        // cap
        assert!(apply_predictor(raw.to_vec(), &p, 4).is_err());
    }

    #[test]
    fn tiff_predictor() {
        let mut p = Dict::new();
        p.insert("Predictor", 2i64);
        p.insert("Columns", 4i64);
        let out = apply_predictor(vec![1, 1, 1, 1, 5, 0, 1, 0], &p, 100).unwrap();
        assert_eq!(out, vec![1, 2, 3, 4, 5, 5, 6, 6]);
    }

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex_decode(b"41 42\n4>", 10).unwrap(), b"AB@");
        assert_eq!(ascii85_decode(b"87cURD]i,\"Ebo7~>", 100).unwrap(), b"Hello World");
        assert_eq!(ascii85_decode(b"z~>", 100).unwrap(), vec![0; 4]);
        assert!(ascii85_decode(b"zzzz", 8).is_err());
    }
}
