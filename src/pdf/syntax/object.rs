//! PDF object model and serialization.

use std::fmt;
use std::ops::Range;

use super::error::{PdfError, Result};

/// An indirect reference `num r#gen R`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjRef {
    pub num: u32,
    pub r#gen: u16,
}

impl ObjRef {
    pub fn new(num: u32, r#gen: u16) -> Self {
        ObjRef { num, r#gen }
    }
}

impl fmt::Display for ObjRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} R", self.num, self.r#gen)
    }
}

/// A PDF string. `bytes` are the decoded bytes; `hex` remembers whether it
/// was (or should be) written as a hex string `<...>` rather than a literal
/// string `(...)`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PdfString {
    pub bytes: Vec<u8>,
    pub hex: bool,
}

/// Where the (still encoded) bytes of a stream live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamData {
    /// Byte range into the source buffer the stream was parsed from.
    Range(Range<usize>),
    /// Owned bytes (new streams). These are the *encoded* bytes: if the
    /// dictionary has a /Filter, the data must already be filtered.
    Owned(Vec<u8>),
}

/// A stream object: dictionary plus encoded data.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    pub dict: Dict,
    pub data: StreamData,
}

impl Stream {
    /// New stream with owned, already-encoded data. /Length is set on write.
    pub fn new(dict: Dict, data: Vec<u8>) -> Self {
        Stream { dict, data: StreamData::Owned(data) }
    }

    /// The raw (encoded) bytes. `source` is the buffer a `Range` refers to.
    pub fn raw<'s>(&'s self, source: &'s [u8]) -> Result<&'s [u8]> {
        match &self.data {
            StreamData::Owned(v) => Ok(v),
            StreamData::Range(r) => source
                .get(r.clone())
                .ok_or(PdfError::Limit { what: "stream data range outside the source buffer", offset: r.start }),
        }
    }
}

/// An ordered dictionary (insertion order is kept; keys are unique).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dict {
    entries: Vec<(Vec<u8>, Object)>,
}

impl Dict {
    pub fn new() -> Self {
        Dict { entries: Vec::new() }
    }

    /// Build from entries; duplicate keys keep their first position and
    /// take the last value (linear time, unlike repeated `insert`).
    pub fn from_entries(entries: Vec<(Vec<u8>, Object)>) -> Self {
        if entries.len() <= 16 {
            let mut d = Dict::new();
            for (k, v) in entries {
                d.insert(k, v);
            }
            return d;
        }
        let mut pos: std::collections::HashMap<Vec<u8>, usize> =
            std::collections::HashMap::with_capacity(entries.len());
        let mut out: Vec<(Vec<u8>, Object)> = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            match pos.get(&k) {
                Some(&i) => {
                    if let Some(slot) = out.get_mut(i) {
                        slot.1 = v;
                    }
                }
                None => {
                    pos.insert(k.clone(), out.len());
                    out.push((k, v));
                }
            }
        }
        Dict { entries: out }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, key: &[u8]) -> Option<&Object> {
        self.entries.iter().find(|(k, _)| k.as_slice() == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &[u8]) -> Option<&mut Object> {
        self.entries.iter_mut().find(|(k, _)| k.as_slice() == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &[u8]) -> bool {
        self.get(key).is_some()
    }

    /// Insert or replace. A replaced key keeps its position. Returns the
    /// previous value.
    pub fn insert(&mut self, key: impl Into<Vec<u8>>, value: impl Into<Object>) -> Option<Object> {
        let key = key.into();
        let value = value.into();
        if let Some(slot) = self.get_mut(&key) {
            return Some(std::mem::replace(slot, value));
        }
        self.entries.push((key, value));
        None
    }

    /// Remove a key, keeping the order of the others.
    pub fn remove(&mut self, key: &[u8]) -> Option<Object> {
        let idx = self.entries.iter().position(|(k, _)| k.as_slice() == key)?;
        Some(self.entries.remove(idx).1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &Object)> {
        self.entries.iter().map(|(k, v)| (k.as_slice(), v))
    }

    /// Mutable access to the values, in order.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&[u8], &mut Object)> {
        self.entries.iter_mut().map(|(k, v)| (k.as_slice(), v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &[u8]> {
        self.entries.iter().map(|(k, _)| k.as_slice())
    }

    /// `/Key /Name` -> the name bytes (direct objects only).
    pub fn get_name(&self, key: &[u8]) -> Option<&[u8]> {
        self.get(key).and_then(Object::as_name)
    }

    /// `/Key 12` -> 12 (direct integers only).
    pub fn get_int(&self, key: &[u8]) -> Option<i64> {
        self.get(key).and_then(Object::as_int)
    }

    /// `/Key 3 0 R` -> the reference.
    pub fn get_ref(&self, key: &[u8]) -> Option<ObjRef> {
        self.get(key).and_then(Object::as_reference)
    }

    /// Direct sub-dictionary (also the dictionary of a direct stream).
    pub fn get_dict(&self, key: &[u8]) -> Option<&Dict> {
        self.get(key).and_then(Object::as_dict)
    }

    /// Direct array.
    pub fn get_array(&self, key: &[u8]) -> Option<&[Object]> {
        self.get(key).and_then(Object::as_array)
    }

    /// Serialize as `<< ... >>`.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        // Direct streams inside dicts are invalid PDF; they are written with
        // empty data by `Object::write_to`.
        let _ = write_dict(self, out, None);
    }
}

impl<K: Into<Vec<u8>>, V: Into<Object>> FromIterator<(K, V)> for Dict {
    fn from_iter<T: IntoIterator<Item = (K, V)>>(iter: T) -> Self {
        let mut d = Dict::new();
        for (k, v) in iter {
            d.insert(k, v);
        }
        d
    }
}

/// A PDF object.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    Null,
    Bool(bool),
    Integer(i64),
    Real(f64),
    /// Decoded name bytes (without the leading `/`, `#xx` already decoded).
    Name(Vec<u8>),
    String(PdfString),
    Array(Vec<Object>),
    Dict(Dict),
    Stream(Stream),
    Reference(ObjRef),
}

impl Object {
    pub fn name(n: impl Into<Vec<u8>>) -> Object {
        Object::Name(n.into())
    }

    /// Literal string `(...)`.
    pub fn string(bytes: impl Into<Vec<u8>>) -> Object {
        Object::String(PdfString { bytes: bytes.into(), hex: false })
    }

    /// Hex string `<...>`.
    pub fn hex_string(bytes: impl Into<Vec<u8>>) -> Object {
        Object::String(PdfString { bytes: bytes.into(), hex: true })
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Object::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Object::Integer(i) => Some(*i),
            _ => None,
        }
    }

    /// Integer or real as f64.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Object::Integer(i) => Some(*i as f64),
            Object::Real(r) => Some(*r),
            _ => None,
        }
    }

    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_string(&self) -> Option<&PdfString> {
        match self {
            Object::String(s) => Some(s),
            _ => None,
        }
    }

    /// The bytes of a string object.
    pub fn as_str_bytes(&self) -> Option<&[u8]> {
        self.as_string().map(|s| s.bytes.as_slice())
    }

    pub fn as_array(&self) -> Option<&[Object]> {
        match self {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }

    /// Dictionary, or the dictionary of a stream.
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Object::Dict(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    pub fn as_stream(&self) -> Option<&Stream> {
        match self {
            Object::Stream(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_reference(&self) -> Option<ObjRef> {
        match self {
            Object::Reference(r) => Some(*r),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Object::Null)
    }

    /// Short type name for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Object::Null => "null",
            Object::Bool(_) => "boolean",
            Object::Integer(_) => "integer",
            Object::Real(_) => "real",
            Object::Name(_) => "name",
            Object::String(_) => "string",
            Object::Array(_) => "array",
            Object::Dict(_) => "dictionary",
            Object::Stream(_) => "stream",
            Object::Reference(_) => "reference",
        }
    }

    /// Serialize in PDF syntax. A stream whose data is a `Range` into a
    /// source buffer cannot be written without that buffer: use
    /// [`Object::write_to_with_source`]; here such data is written empty.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let _ = write_object(self, out, None);
    }

    /// Serialize; `source` is the buffer that `StreamData::Range` refers to.
    /// Errors only if a stream range lies outside `source`.
    pub fn write_to_with_source(&self, out: &mut Vec<u8>, source: &[u8]) -> Result<()> {
        write_object(self, out, Some(source))
    }

    /// Serialized bytes (see [`Object::write_to`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::new();
        self.write_to(&mut v);
        v
    }
}

impl From<bool> for Object {
    fn from(v: bool) -> Self {
        Object::Bool(v)
    }
}
impl From<i64> for Object {
    fn from(v: i64) -> Self {
        Object::Integer(v)
    }
}
impl From<i32> for Object {
    fn from(v: i32) -> Self {
        Object::Integer(v.into())
    }
}
impl From<u32> for Object {
    fn from(v: u32) -> Self {
        Object::Integer(v.into())
    }
}
impl From<f64> for Object {
    fn from(v: f64) -> Self {
        Object::Real(v)
    }
}
impl From<Dict> for Object {
    fn from(v: Dict) -> Self {
        Object::Dict(v)
    }
}
impl From<Stream> for Object {
    fn from(v: Stream) -> Self {
        Object::Stream(v)
    }
}
impl From<ObjRef> for Object {
    fn from(v: ObjRef) -> Self {
        Object::Reference(v)
    }
}
impl From<Vec<Object>> for Object {
    fn from(v: Vec<Object>) -> Self {
        Object::Array(v)
    }
}
impl From<PdfString> for Object {
    fn from(v: PdfString) -> Self {
        Object::String(v)
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn is_regular_name_char(b: u8) -> bool {
    (0x21..=0x7e).contains(&b)
        && !matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%' | b'#')
}

/// Write `/Name` with `#xx` escapes.
pub fn write_name(name: &[u8], out: &mut Vec<u8>) {
    out.push(b'/');
    for &b in name {
        if is_regular_name_char(b) {
            out.push(b);
        } else {
            out.push(b'#');
            out.push(HEX[(b >> 4) as usize]);
            out.push(HEX[(b & 15) as usize]);
        }
    }
}

/// Write a string, literal or hex according to `s.hex`.
pub fn write_string(s: &PdfString, out: &mut Vec<u8>) {
    if s.hex {
        out.push(b'<');
        for &b in &s.bytes {
            out.push(HEX[(b >> 4) as usize]);
            out.push(HEX[(b & 15) as usize]);
        }
        out.push(b'>');
    } else {
        out.push(b'(');
        for &b in &s.bytes {
            match b {
                b'(' | b')' | b'\\' => {
                    out.push(b'\\');
                    out.push(b);
                }
                b'\r' => out.extend_from_slice(b"\\r"),
                b'\n' => out.extend_from_slice(b"\\n"),
                _ => out.push(b),
            }
        }
        out.push(b')');
    }
}

/// Write a real number without exponent notation; always contains a `.`
/// so that it parses back as a real.
pub fn write_real(v: f64, out: &mut Vec<u8>) {
    if !v.is_finite() {
        out.extend_from_slice(b"0.0");
        return;
    }
    let v = if v == 0.0 { 0.0 } else { v }; // drop the sign of -0.0
    // Rust's Display for f64 never uses exponent notation and prints the
    // shortest representation that round-trips.
    let s = format!("{v}");
    out.extend_from_slice(s.as_bytes());
    if !s.contains('.') {
        out.extend_from_slice(b".0");
    }
}

fn write_dict(d: &Dict, out: &mut Vec<u8>, source: Option<&[u8]>) -> Result<()> {
    out.extend_from_slice(b"<<");
    for (i, (k, v)) in d.entries.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        write_name(k, out);
        out.push(b' ');
        write_object(v, out, source)?;
    }
    out.extend_from_slice(b">>");
    Ok(())
}

fn write_object(obj: &Object, out: &mut Vec<u8>, source: Option<&[u8]>) -> Result<()> {
    match obj {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Bool(true) => out.extend_from_slice(b"true"),
        Object::Bool(false) => out.extend_from_slice(b"false"),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => write_real(*r, out),
        Object::Name(n) => write_name(n, out),
        Object::String(s) => write_string(s, out),
        Object::Array(a) => {
            out.push(b'[');
            for (i, o) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(o, out, source)?;
            }
            out.push(b']');
        }
        Object::Dict(d) => write_dict(d, out, source)?,
        Object::Reference(r) => {
            out.extend_from_slice(format!("{} {} R", r.num, r.r#gen).as_bytes());
        }
        Object::Stream(s) => {
            let data: &[u8] = match (&s.data, source) {
                (StreamData::Owned(v), _) => v,
                (StreamData::Range(_), Some(src)) => s.raw(src)?,
                (StreamData::Range(_), None) => &[],
            };
            let mut dict = s.dict.clone();
            dict.insert("Length", Object::Integer(data.len() as i64));
            write_dict(&dict, out, source)?;
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(data);
            out.extend_from_slice(b"\nendstream");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_escape() {
        let mut v = Vec::new();
        write_name(b"A B#(x)\xff", &mut v);
        assert_eq!(v, b"/A#20B#23#28x#29#FF");
    }

    #[test]
    fn strings() {
        assert_eq!(Object::string(b"a(b)\\\r\n".to_vec()).to_bytes(), b"(a\\(b\\)\\\\\\r\\n)");
        assert_eq!(Object::hex_string(vec![0, 0xab]).to_bytes(), b"<00AB>");
    }

    #[test]
    fn reals() {
        for (v, s) in [
            (1.0, "1.0"),
            (-0.5, "-0.5"),
            (1e20, "100000000000000000000.0"),
            (1e-7, "0.0000001"),
            (-0.0, "0.0"),
            (f64::NAN, "0.0"),
        ] {
            let mut out = Vec::new();
            write_real(v, &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), s);
        }
    }

    #[test]
    fn dict_order() {
        let mut d = Dict::new();
        d.insert("B", 1i64);
        d.insert("A", 2i64);
        d.insert("B", 3i64);
        assert_eq!(d.keys().collect::<Vec<_>>(), vec![b"B".as_ref(), b"A".as_ref()]);
        assert_eq!(d.get_int(b"B"), Some(3));
        assert_eq!(d.remove(b"B"), Some(Object::Integer(3)));
        assert_eq!(Object::Dict(d).to_bytes(), b"<</A 2>>");
    }
}
