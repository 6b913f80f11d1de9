//! Distinguished names in RFC 4514 text form.
//!
//! Parsing accepts `CN=Nguyễn Văn A,O=UBND tỉnh Thái Nguyên,L=Thái Nguyên,C=VN`: the
//! most specific RDN first, as RFC 4514 writes names, so the DER `RDNSequence` is the
//! reverse of the text order (the same as OpenSSL's `-nameopt RFC2253`). Values are
//! UTF-8; they are encoded as UTF8String (RFC 5280 §4.1.2.4), except `C` and
//! `serialNumber` (PrintableString) and `emailAddress`/`DC` (IA5String), as their ASN.1
//! definitions require. `UID` may repeat, as Vietnamese CAs use it: `UID=CCCD:001088012345`,
//! `UID=MST:0100109106`. Multi-valued RDNs use `+`.

use const_oid::ObjectIdentifier as Oid;
use der::asn1::{Any, Ia5StringRef, PrintableStringRef, SetOfVec, Utf8StringRef};
use der::{Decode, Encode, Tag, Tagged};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

use super::oids::*;

/// Why a DN string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DnError {
    #[error("the string is empty")]
    Empty,
    #[error("missing '=' in {0:?}")]
    MissingEquals(String),
    #[error(
        "unsupported attribute {0:?} (use C, ST, L, O, OU, CN, emailAddress, UID, organizationIdentifier, serialNumber, street, title, DC or a dotted OID)"
    )]
    UnknownAttribute(String),
    #[error("the value of {0} is empty")]
    EmptyValue(String),
    #[error("bad escape sequence in {0:?}")]
    BadEscape(String),
    #[error("a country must be a two-letter ISO 3166 code, not {0:?}")]
    BadCountry(String),
    #[error("the value of {0} must be ASCII")]
    NotAscii(String),
    #[error("the value of {attr} is longer than {max} characters")]
    TooLong { attr: String, max: usize },
    #[error("encoding error: {0}")]
    Encoding(String),
}

/// How a value of an attribute is encoded, and its RFC 5280 upper bound in characters.
#[derive(Clone, Copy)]
enum StringKind {
    Utf8,
    Printable,
    Ia5,
}

struct AttrSpec {
    names: &'static [&'static str],
    oid: Oid,
    kind: StringKind,
    max: usize,
}

const ATTRS: &[AttrSpec] = &[
    AttrSpec { names: &["CN", "commonName"], oid: AT_COMMON_NAME, kind: StringKind::Utf8, max: 64 },
    AttrSpec { names: &["C", "countryName"], oid: AT_COUNTRY, kind: StringKind::Printable, max: 2 },
    AttrSpec { names: &["ST", "S", "stateOrProvinceName"], oid: AT_STATE, kind: StringKind::Utf8, max: 128 },
    AttrSpec { names: &["L", "localityName"], oid: AT_LOCALITY, kind: StringKind::Utf8, max: 128 },
    AttrSpec { names: &["O", "organizationName"], oid: AT_ORG, kind: StringKind::Utf8, max: 64 },
    AttrSpec { names: &["OU", "organizationalUnitName"], oid: AT_ORG_UNIT, kind: StringKind::Utf8, max: 64 },
    AttrSpec { names: &["emailAddress", "E"], oid: AT_EMAIL, kind: StringKind::Ia5, max: 255 },
    AttrSpec { names: &["UID", "userId"], oid: AT_UID, kind: StringKind::Utf8, max: 256 },
    AttrSpec { names: &["organizationIdentifier"], oid: AT_ORG_IDENTIFIER, kind: StringKind::Utf8, max: 256 },
    AttrSpec { names: &["serialNumber"], oid: AT_SERIAL_NUMBER, kind: StringKind::Printable, max: 64 },
    AttrSpec { names: &["street", "streetAddress"], oid: AT_STREET, kind: StringKind::Utf8, max: 128 },
    AttrSpec { names: &["title", "T"], oid: AT_TITLE, kind: StringKind::Utf8, max: 64 },
    AttrSpec { names: &["DC", "domainComponent"], oid: AT_DC, kind: StringKind::Ia5, max: 63 },
];

fn spec_by_name(name: &str) -> Option<&'static AttrSpec> {
    ATTRS.iter().find(|s| s.names.iter().any(|n| n.eq_ignore_ascii_case(name)))
}

fn spec_by_oid(oid: &Oid) -> Option<&'static AttrSpec> {
    ATTRS.iter().find(|s| &s.oid == oid)
}

/// The short name of an attribute type (`CN`, `UID`, ...) or its dotted OID.
pub fn attr_label(oid: &Oid) -> String {
    match spec_by_oid(oid) {
        Some(s) => s.names[0].to_string(),
        None => oid.to_string(),
    }
}

/// Parse an RFC 4514 string into a [`Name`].
pub fn parse(input: &str) -> Result<Name, DnError> {
    if input.trim().is_empty() {
        return Err(DnError::Empty);
    }
    let mut rdns: Vec<RelativeDistinguishedName> = Vec::new();
    for rdn_text in split_unescaped(input, b',')? {
        let mut set: Vec<AttributeTypeAndValue> = Vec::new();
        for atv_text in split_unescaped(rdn_text, b'+')? {
            set.push(parse_atv(atv_text)?);
        }
        let set = SetOfVec::try_from(set).map_err(|e| DnError::Encoding(e.to_string()))?;
        rdns.push(RelativeDistinguishedName::from(set));
    }
    rdns.reverse();
    let seq = RdnSequence::from(rdns);
    let der = seq.to_der().map_err(|e| DnError::Encoding(e.to_string()))?;
    Name::from_der(&der).map_err(|e| DnError::Encoding(e.to_string()))
}

/// Split on `sep` where it is not escaped with a backslash; a trailing separator or an
/// empty component is an error.
fn split_unescaped(s: &str, sep: u8) -> Result<Vec<&str>, DnError> {
    let bytes = s.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == sep => {
                parts.push(&s[start..i]);
                start = i + 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    parts.push(&s[start.min(s.len())..]);
    if parts.iter().any(|p| p.trim().is_empty()) {
        return Err(DnError::MissingEquals(s.to_string()));
    }
    Ok(parts)
}

fn parse_atv(text: &str) -> Result<AttributeTypeAndValue, DnError> {
    let (ty, raw_value) = text.split_once('=').ok_or_else(|| DnError::MissingEquals(text.trim().to_string()))?;
    let ty = ty.trim();
    let (oid, spec) = match spec_by_name(ty) {
        Some(spec) => (spec.oid, Some(spec)),
        None => {
            let oid = ty
                .strip_prefix("OID.")
                .unwrap_or(ty)
                .parse::<Oid>()
                .map_err(|_| DnError::UnknownAttribute(ty.to_string()))?;
            (oid, spec_by_oid(&oid))
        }
    };
    let label = spec.map(|s| s.names[0].to_string()).unwrap_or_else(|| oid.to_string());
    let raw_value = raw_value.trim_start();
    let value = if let Some(hex) = raw_value.strip_prefix('#') {
        // RFC 4514 §2.4: '#' followed by the hex BER encoding of the value.
        let der = hex::decode(hex.trim()).map_err(|_| DnError::BadEscape(text.to_string()))?;
        Any::from_der(&der).map_err(|e| DnError::Encoding(e.to_string()))?
    } else {
        let value = unescape(raw_value).ok_or_else(|| DnError::BadEscape(text.to_string()))?;
        if value.is_empty() {
            return Err(DnError::EmptyValue(label));
        }
        let (kind, max) = spec.map(|s| (s.kind, s.max)).unwrap_or((StringKind::Utf8, 256));
        if oid == AT_COUNTRY && !(value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic())) {
            return Err(DnError::BadCountry(value));
        }
        if value.chars().count() > max {
            return Err(DnError::TooLong { attr: label, max });
        }
        encode_value(&value, kind, &label)?
    };
    Ok(AttributeTypeAndValue { oid, value })
}

fn encode_value(value: &str, kind: StringKind, label: &str) -> Result<Any, DnError> {
    let enc = |e: der::Error| DnError::Encoding(e.to_string());
    match kind {
        StringKind::Utf8 => Any::encode_from(&Utf8StringRef::new(value).map_err(enc)?).map_err(enc),
        StringKind::Printable => {
            let s = PrintableStringRef::new(value).map_err(|_| DnError::NotAscii(label.to_string()))?;
            Any::encode_from(&s).map_err(enc)
        }
        StringKind::Ia5 => {
            if !value.is_ascii() {
                return Err(DnError::NotAscii(label.to_string()));
            }
            Any::encode_from(&Ia5StringRef::new(value).map_err(enc)?).map_err(enc)
        }
    }
}

/// Undo RFC 4514 escaping: `\,` and friends, and `\XX` hex pairs that form UTF-8.
/// Unescaped trailing spaces are dropped.
fn unescape(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut keep_len = 0; // length of `out` up to the last escaped or non-space byte
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            let next = *bytes.get(i + 1)?;
            if next.is_ascii_hexdigit() {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            } else {
                out.push(next);
                i += 2;
            }
            keep_len = out.len();
        } else {
            out.push(bytes[i]);
            if bytes[i] != b' ' {
                keep_len = out.len();
            }
            i += 1;
        }
    }
    out.truncate(keep_len);
    String::from_utf8(out).ok()
}

/// Render a [`Name`] as an RFC 4514 string, most specific RDN first, UTF-8 unescaped
/// where RFC 4514 allows it.
pub fn to_string(name: &Name) -> String {
    let mut rdns: Vec<String> = name
        .iter_rdn()
        .map(|rdn| {
            rdn.iter()
                .map(|atv| format!("{}={}", attr_label(&atv.oid), escape(&value_to_string(&atv.value))))
                .collect::<Vec<_>>()
                .join("+")
        })
        .collect();
    rdns.reverse();
    rdns.join(",")
}

/// The text of a directory string value, whatever its ASN.1 string type.
pub fn value_to_string(value: &Any) -> String {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::VisibleString | Tag::NumericString => {
            String::from_utf8_lossy(bytes).into_owned()
        }
        // T61/Teletex: what legacy names hold in practice is Latin-1, or UTF-8 bytes put
        // there by CAs that never cared for the type (Vietnamese names among them).
        Tag::TeletexString => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => bytes.iter().map(|&b| b as char).collect(),
        },
        // UCS-2/UTF-16 big-endian (Windows CAs write names this way).
        Tag::BmpString => {
            let units: Vec<u16> =
                bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
            String::from_utf16_lossy(&units)
        }
        _ => match value.to_der() {
            Ok(der) => format!("#{}", hex::encode(der)),
            Err(_) => String::new(),
        },
    }
}

fn escape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let last = v.chars().count().saturating_sub(1);
    for (i, c) in v.chars().enumerate() {
        match c {
            ',' | '+' | '"' | '\\' | '<' | '>' | ';' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || i == last => out.push_str("\\ "),
            '\0' => out.push_str("\\00"),
            _ => out.push(c),
        }
    }
    out
}

/// Is `value` one of the string types of a DirectoryString (or IA5String), whose text
/// [`value_to_string`] decodes?
fn is_text(value: &Any) -> bool {
    matches!(
        value.tag(),
        Tag::Utf8String
            | Tag::PrintableString
            | Tag::Ia5String
            | Tag::VisibleString
            | Tag::NumericString
            | Tag::TeletexString
            | Tag::BmpString
    )
}

/// The form of an attribute value that name matching compares (RFC 5280 §7.1 with the
/// RFC 4518 preparation that matters in practice): text of any string type, case-folded,
/// inner whitespace collapsed to one space, leading and trailing spaces removed. Values
/// that are not text compare by their DER encoding.
pub fn match_form(value: &Any) -> String {
    if !is_text(value) {
        return value.to_der().map(|d| format!("#{}", hex::encode(d))).unwrap_or_default();
    }
    let text = value_to_string(value);
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// One RDN in match form: its (type, value) pairs, sorted (an RDN is a set).
fn rdn_match_form(rdn: &RelativeDistinguishedName) -> Vec<(Oid, String)> {
    let mut v: Vec<(Oid, String)> = rdn.iter().map(|atv| (atv.oid, match_form(&atv.value))).collect();
    v.sort();
    v
}

/// Do two names match (RFC 5280 §7.1): the same RDNs in the same order, each RDN the same
/// set of attributes, values compared in [`match_form`]. This is how issuer names chain
/// to subject names, whatever string types and letter cases the two certificates chose.
pub fn names_match(a: &Name, b: &Name) -> bool {
    a == b
        || (a.len() == b.len()
            && a.iter_rdn().zip(b.iter_rdn()).all(|(x, y)| x == y || rdn_match_form(x) == rdn_match_form(y)))
}

/// Is `name` within the subtree `base` (its RDNs start with all of `base`'s)? RFC 5280
/// §4.2.1.10 directoryName constraints.
pub fn within_subtree(name: &Name, base: &Name) -> bool {
    base.len() <= name.len()
        && name.iter_rdn().zip(base.iter_rdn()).all(|(x, y)| rdn_match_form(x) == rdn_match_form(y))
}

/// All values of an attribute in a name (e.g. every `UID`), in DER order.
pub fn values_of(name: &Name, oid: Oid) -> Vec<String> {
    name.iter().filter(|atv| atv.oid == oid).map(|atv| value_to_string(&atv.value)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_subject_round_trips() {
        let s = "CN=Nguyễn Văn A,O=UBND tỉnh Thái Nguyên,L=Thái Nguyên,C=VN";
        let name = parse(s).unwrap();
        assert_eq!(to_string(&name), s);
        // DER order is C first
        let first = name.iter().next().unwrap();
        assert_eq!(first.oid, AT_COUNTRY);
        assert_eq!(first.value.tag(), Tag::PrintableString);
        let cn = name.iter().last().unwrap();
        assert_eq!(cn.value.tag(), Tag::Utf8String);
    }

    #[test]
    fn several_uids_and_org_identifier() {
        let name = parse("CN=A,UID=CCCD:001088012345,UID=MST:0100109106,organizationIdentifier=VN:MST-0100109106,C=VN")
            .unwrap();
        assert_eq!(values_of(&name, AT_UID), vec!["MST:0100109106", "CCCD:001088012345"]);
        assert_eq!(values_of(&name, AT_ORG_IDENTIFIER), vec!["VN:MST-0100109106"]);
    }

    #[test]
    fn escapes() {
        let name = parse(r"CN=Công ty A\, B,O=X\+Y,emailAddress=a@b.vn").unwrap();
        assert_eq!(values_of(&name, AT_COMMON_NAME), vec!["Công ty A, B"]);
        assert_eq!(to_string(&name), r"CN=Công ty A\, B,O=X\+Y,emailAddress=a@b.vn");
        let name = parse(r"CN=\C4\90\E1\BB\97").unwrap();
        assert_eq!(values_of(&name, AT_COMMON_NAME), vec!["Đỗ"]);
        let name = parse("CN=A+OU=B").unwrap();
        assert_eq!(name.iter_rdn().count(), 1);
    }

    #[test]
    fn names_match_across_string_types_case_and_spaces() {
        // CN as PrintableString "Good CA" (RFC 4514 hex form), O as UTF8String
        let printable = parse("CN=#1307476f6f64204341,O=Test Certificates,C=US").unwrap();
        // the same name with UTF8String values, other letter case and doubled spaces
        let utf8 = parse("CN=good  ca,O=TEST Certificates,C=US").unwrap();
        assert_ne!(printable, utf8);
        assert!(names_match(&printable, &utf8));
        assert!(!names_match(&printable, &parse("CN=Good CA,O=Other,C=US").unwrap()));
        // order of RDNs matters, order inside a multi-valued RDN does not
        assert!(!names_match(&parse("O=A,CN=B").unwrap(), &parse("CN=B,O=A").unwrap()));
        assert!(names_match(&parse("CN=B+O=A").unwrap(), &parse("O=A+CN=B").unwrap()));
        assert!(within_subtree(
            &parse("CN=x,O=Test Certificates,C=US").unwrap(),
            &parse("o=test certificates,C=US").unwrap()
        ));
        assert!(!within_subtree(
            &parse("O=Test Certificates,C=US").unwrap(),
            &parse("CN=x,O=Test Certificates,C=US").unwrap()
        ));
    }

    #[test]
    fn bmp_and_t61_values_decode() {
        let bmp = Any::new(Tag::BmpString, vec![0x00, 0x4B, 0x1E, 0xBF]).unwrap();
        assert_eq!(value_to_string(&bmp), "Kế");
        let t61_utf8 = Any::new(Tag::TeletexString, "Hà Nội".as_bytes().to_vec()).unwrap();
        assert_eq!(value_to_string(&t61_utf8), "Hà Nội");
        let t61_latin1 = Any::new(Tag::TeletexString, vec![b'M', 0xFC, b'n']).unwrap();
        assert_eq!(value_to_string(&t61_latin1), "Mün");
        assert_eq!(match_form(&bmp), "kế");
    }

    #[test]
    fn rejects_bad_names() {
        assert_eq!(parse(""), Err(DnError::Empty));
        assert!(matches!(parse("CN"), Err(DnError::MissingEquals(_))));
        assert!(matches!(parse("XX=1"), Err(DnError::UnknownAttribute(_))));
        assert!(matches!(parse("CN="), Err(DnError::EmptyValue(_))));
        assert!(matches!(parse("C=Viet Nam"), Err(DnError::BadCountry(_))));
        assert!(matches!(parse("emailAddress=nguyễn@a.vn"), Err(DnError::NotAscii(_))));
        assert!(matches!(parse("CN=A,,O=B"), Err(DnError::MissingEquals(_))));
        assert!(matches!(parse(r"CN=A\"), Err(DnError::BadEscape(_))));
        assert!(matches!(parse(&format!("CN={}", "a".repeat(65))), Err(DnError::TooLong { .. })));
        assert!(parse("2.5.4.3=Dotted").is_ok());
    }
}
