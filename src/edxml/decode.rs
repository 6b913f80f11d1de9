//! Pass two: an attachment's bytes. Base64 is decoded from the range pass one found (blanks
//! and character references to blanks are skipped; anything else outside the alphabet is
//! refused with its offset); zip archives are unpacked entry by entry with limits on
//! entries, sizes and compression ratio that do not trust the archive's own figures; the
//! decoded bytes are sorted into content families to compare with the declared type.

use std::io::{BufReader, Read, Seek, SeekFrom};
use std::ops::Range;

use super::Limits;
use super::scan::{Event, ScanError, Scanner};

/// Why an attachment's bytes cannot be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A limit; the detail names it and its option.
    Limit(String),
    /// Not base64, not a zip, a damaged entry.
    Malformed(String),
    Io(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Limit(m) | DecodeError::Malformed(m) | DecodeError::Io(m) => f.write_str(m),
        }
    }
}

fn limit(max: u64) -> DecodeError {
    DecodeError::Limit(format!("larger than {max} bytes (--max-attachment-size)"))
}

/// Decode the base64 text at `range` of `src` (at most `max` bytes out).
pub fn attachment<R: Read + Seek>(src: &mut R, range: &Range<u64>, max: u64) -> Result<Vec<u8>, DecodeError> {
    src.seek(SeekFrom::Start(range.start)).map_err(|e| DecodeError::Io(e.to_string()))?;
    let len = range.end.saturating_sub(range.start);
    let mut s = Scanner::new(BufReader::with_capacity(64 << 10, src.take(len)), len);
    let mut d = Base64::new(max);
    loop {
        match s.next_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Text { cdata }) => d.push(&s.text, cdata)?,
            Ok(_) => return Err(DecodeError::Malformed("an element inside the base64 text".into())),
            Err(ScanError::Io(e)) => return Err(DecodeError::Io(e.to_string())),
            Err(e) => return Err(DecodeError::Malformed(e.to_string())),
        }
    }
    d.finish()
}

/// A streaming base64 decoder (RFC 4648 alphabet; padding optional at the end).
pub struct Base64 {
    out: Vec<u8>,
    quad: u32,
    n: u8,
    pad: u8,
    max: u64,
    offset: u64,
    entity: Option<Vec<u8>>,
}

fn value(b: u8) -> Option<u32> {
    Some(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

impl Base64 {
    pub fn new(max: u64) -> Base64 {
        Base64 { out: Vec::new(), quad: 0, n: 0, pad: 0, max, offset: 0, entity: None }
    }

    fn garbage(&self, b: u8) -> DecodeError {
        let shown = if b.is_ascii_graphic() { format!("{:?}", b as char) } else { format!("byte 0x{b:02x}") };
        DecodeError::Malformed(format!("not base64: {shown} at character {} of the attachment's text", self.offset))
    }

    /// Feed a chunk of text (`cdata`: no entities to decode).
    pub fn push(&mut self, chunk: &[u8], cdata: bool) -> Result<(), DecodeError> {
        for &b in chunk {
            self.offset += 1;
            if let Some(e) = &mut self.entity {
                if b != b';' {
                    e.push(b);
                    if e.len() > 8 {
                        return Err(self.garbage(b'&'));
                    }
                    continue;
                }
                let name = String::from_utf8_lossy(e).into_owned();
                self.entity = None;
                match super::scan::entity(&name) {
                    Some(' ' | '\t' | '\r' | '\n') => continue,
                    _ => {
                        return Err(DecodeError::Malformed(format!(
                            "not base64: \"&{name};\" in the attachment's text"
                        )));
                    }
                }
            }
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => {}
                b'&' if !cdata => self.entity = Some(Vec::new()),
                b'=' => {
                    if self.n < 2 || self.pad >= 2 {
                        return Err(self.garbage(b));
                    }
                    self.pad += 1;
                }
                _ => {
                    let Some(v) = value(b) else { return Err(self.garbage(b)) };
                    if self.pad > 0 {
                        return Err(DecodeError::Malformed(format!(
                            "not base64: data after the padding at character {}",
                            self.offset
                        )));
                    }
                    self.quad = (self.quad << 6) | v;
                    self.n += 1;
                    if self.n == 4 {
                        let q = self.quad;
                        self.out.extend_from_slice(&[(q >> 16) as u8, (q >> 8) as u8, q as u8]);
                        self.n = 0;
                        self.quad = 0;
                        if self.out.len() as u64 > self.max {
                            return Err(limit(self.max));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<Vec<u8>, DecodeError> {
        if self.entity.is_some() {
            return Err(DecodeError::Malformed("not base64: an unfinished \"&\" reference".into()));
        }
        let q = self.quad;
        match self.n {
            0 => {}
            2 => self.out.push((q >> 4) as u8),
            3 => self.out.extend_from_slice(&[(q >> 10) as u8, (q >> 2) as u8]),
            _ => return Err(DecodeError::Malformed("not base64: the text ends in the middle of a group".into())),
        }
        if self.pad > 0 && self.pad as usize + self.n as usize != 4 {
            return Err(DecodeError::Malformed("not base64: wrong padding".into()));
        }
        if self.out.len() as u64 > self.max {
            return Err(limit(self.max));
        }
        Ok(self.out)
    }
}

/// What the bytes are, as far as the declared content type can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Pdf,
    Xml,
    Zip,
    /// Microsoft compound file (.doc, .xls, .ppt).
    Compound,
    Cms,
    Other,
}

impl Family {
    pub fn of(bytes: &[u8]) -> Family {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            return Family::Zip;
        }
        if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
            return Family::Compound;
        }
        match crate::format::sniff_bytes(&bytes[..bytes.len().min(1024)]) {
            crate::format::DocFormat::Pdf => Family::Pdf,
            crate::format::DocFormat::Xml => Family::Xml,
            crate::format::DocFormat::Cms => Family::Cms,
            crate::format::DocFormat::Other => Family::Other,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Family::Pdf => "PDF",
            Family::Xml => "XML",
            Family::Zip => "zip",
            Family::Compound => "Office (compound file)",
            Family::Cms => "CMS signature",
            Family::Other => "other",
        }
    }
}

/// The families a declared content type allows (None: the type says nothing checkable,
/// such as `application/octet-stream` or an image type).
pub fn declared_families(content_type: &str) -> Option<&'static [Family]> {
    let t = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    Some(match t.as_str() {
        "application/pdf" | "application/x-pdf" => &[Family::Pdf],
        "application/zip" | "application/x-zip-compressed" | "application/x-zip" => &[Family::Zip],
        "application/pkcs7-signature" | "application/x-pkcs7-signature" | "application/pkcs7-mime" => &[Family::Cms],
        "text/xml" | "application/xml" => &[Family::Xml],
        t if t.ends_with("+xml") => &[Family::Xml],
        // senders label .docx as msword and the reverse: either Office container fits
        "application/msword" | "application/vnd.ms-excel" | "application/vnd.ms-powerpoint" => {
            &[Family::Compound, Family::Zip]
        }
        t if t.starts_with("application/vnd.openxmlformats-officedocument.")
            || t.starts_with("application/vnd.oasis.opendocument.")
            || t.starts_with("application/vnd.ms-") =>
        {
            &[Family::Zip, Family::Compound]
        }
        _ => return None,
    })
}

/// One file unpacked from a zip.
#[derive(Debug, Clone)]
pub struct ZipEntry {
    pub name: String,
    pub bytes: Result<Vec<u8>, DecodeError>,
}

/// The number of entries an archive's end record declares (zip64 included), read before
/// the `zip` crate allocates its directory.
pub fn declared_entries(bytes: &[u8]) -> Option<u64> {
    let tail_start = bytes.len().saturating_sub(65_557);
    let tail = &bytes[tail_start..];
    let eocd = memchr::memmem::rfind(tail, b"PK\x05\x06")? + tail_start;
    let count = u16::from_le_bytes([*bytes.get(eocd + 10)?, *bytes.get(eocd + 11)?]) as u64;
    if count != 0xffff {
        return Some(count);
    }
    let loc = eocd.checked_sub(20)?;
    if bytes.get(loc..loc + 4)? != b"PK\x06\x07" {
        return Some(count);
    }
    let off = u64::from_le_bytes(bytes.get(loc + 8..loc + 16)?.try_into().ok()?) as usize;
    let n = bytes.get(off.checked_add(32)?..off.checked_add(40)?)?;
    Some(u64::from_le_bytes(n.try_into().ok()?))
}

/// Unpack a zip. `budget` is what is left of the package's size limit and shrinks by
/// what is unpacked. An error here concerns the whole archive; each entry carries its own.
pub fn unzip(bytes: &[u8], limits: &Limits, budget: &mut u64) -> Result<Vec<ZipEntry>, DecodeError> {
    if let Some(n) = declared_entries(bytes)
        && n > limits.max_attachments as u64
    {
        return Err(DecodeError::Limit(format!(
            "the zip declares {n} files, more than {} (--max-attachments)",
            limits.max_attachments
        )));
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DecodeError::Malformed(format!("not a readable zip: {e}")))?;
    if archive.len() > limits.max_attachments {
        return Err(DecodeError::Limit(format!(
            "the zip holds {} files, more than {} (--max-attachments)",
            archive.len(),
            limits.max_attachments
        )));
    }
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut file = match archive.by_index(i) {
            Ok(f) => f,
            Err(e) => {
                out.push(ZipEntry {
                    name: format!("entry {}", i + 1),
                    bytes: Err(DecodeError::Malformed(e.to_string())),
                });
                continue;
            }
        };
        let name = file.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("entry {}", i + 1));
        if file.is_dir() {
            continue;
        }
        let max = limits.max_attachment_size.min(*budget);
        let packed = file.compressed_size();
        let ratio_cap = packed.saturating_mul(limits.max_zip_ratio).max(1 << 20);
        let cap = max.min(ratio_cap);
        if file.size() > cap {
            let why = if file.size() > max {
                if max < limits.max_attachment_size {
                    format!("unpacks to {} bytes, over what is left of --max-package-size", file.size())
                } else {
                    format!("unpacks to {} bytes, more than {max} (--max-attachment-size)", file.size())
                }
            } else {
                format!("compression ratio over {} (--max-zip-ratio): a zip bomb?", limits.max_zip_ratio)
            };
            out.push(ZipEntry { name, bytes: Err(DecodeError::Limit(why)) });
            continue;
        }
        let mut data = Vec::new();
        let read = (&mut file).take(cap + 1).read_to_end(&mut data);
        let bytes = match read {
            Err(e) => Err(DecodeError::Malformed(format!("damaged entry: {e}"))),
            Ok(_) if data.len() as u64 > cap => Err(DecodeError::Limit(format!(
                "unpacks to more than its header says and more than {cap} bytes (--max-zip-ratio, --max-attachment-size)"
            ))),
            Ok(_) => {
                *budget = budget.saturating_sub(data.len() as u64);
                Ok(data)
            }
        };
        out.push(ZipEntry { name, bytes });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> Result<Vec<u8>, DecodeError> {
        let mut d = Base64::new(1 << 20);
        d.push(s.as_bytes(), false)?;
        d.finish()
    }

    #[test]
    fn base64() {
        assert_eq!(b64("QUJD\r\n RA==").unwrap(), b"ABCD");
        assert_eq!(b64("QUJDRA").unwrap(), b"ABCD");
        assert_eq!(b64("QUJD&#13;&#xA;RA==").unwrap(), b"ABCD");
        assert_eq!(b64("").unwrap(), b"");
        for bad in ["QUJD*RA==", "QQ==QUJD", "Q", "QUJDRA=", "QU&amp;JD", "QUJD&#x41;", "${__StringFromFile(x)}"] {
            assert!(matches!(b64(bad), Err(DecodeError::Malformed(_))), "{bad}");
        }
        let mut d = Base64::new(3);
        d.push(b"QUJDRA==", false).unwrap();
        assert!(matches!(d.finish(), Err(DecodeError::Limit(_))));
        let mut d = Base64::new(3);
        assert!(matches!(d.push(b"QUJDQUJD", false), Err(DecodeError::Limit(_))));
    }

    #[test]
    fn families() {
        assert_eq!(Family::of(b"%PDF-1.4"), Family::Pdf);
        assert_eq!(Family::of(b"PK\x03\x04..."), Family::Zip);
        assert_eq!(declared_families("application/pdf"), Some(&[Family::Pdf][..]));
        assert_eq!(declared_families("Application/ZIP; x=y"), Some(&[Family::Zip][..]));
        assert!(declared_families("application/msword").unwrap().contains(&Family::Zip));
        assert_eq!(declared_families("application/octet-stream"), None);
    }
}
