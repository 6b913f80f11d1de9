//! `KeyInfo`: the certificates a signature carries, and whether what else it says about
//! the signer (`KeyValue`, `X509IssuerSerial`, `X509SubjectName`) agrees with the
//! certificate whose key verifies the signature.
//!
//! `X509SubjectName` strings are compared leniently: Vietnamese signers write
//! `OID.0.9.2342.19200300.100.1.1=MST:…` (the .NET form) where others write `UID=…`,
//! spaces after commas, any case. A string kyso cannot read is not compared (no warning),
//! because KeyInfo is usually unsigned: a contradiction is a warning, never a verdict.

use roxmltree::Node;
use x509_cert::Certificate;

use super::dsig::{self, CertKey, DSIG11_NS, KeyType};

/// Whether an identifier describes a certificate (`None`: cannot tell).
type Describes = Box<dyn Fn(&Certificate) -> Option<bool>>;

/// The certificates of `X509Data/X509Certificate`, in document order, and those that do
/// not decode (as messages).
pub fn certificates(key_info: Option<Node>) -> (Vec<Vec<u8>>, Vec<String>) {
    let mut certs = Vec::new();
    let mut bad = Vec::new();
    if let Some(ki) = key_info {
        for xd in dsig::child_elements(ki).filter(|n| dsig::is_ds(*n, "X509Data")) {
            for c in dsig::child_elements(xd).filter(|n| dsig::is_ds(*n, "X509Certificate")) {
                match dsig::b64_decode(&dsig::text_content(c)) {
                    Ok(der) if crate::pki::memo::certificate(&der).is_ok() => certs.push(der),
                    Ok(_) => bad.push("an X509Certificate is not a DER certificate".to_string()),
                    Err(e) => bad.push(format!("an X509Certificate is not base64: {e}")),
                }
            }
        }
    }
    (certs, bad)
}

/// Does every `KeyValue` agree with the key that verified?
pub fn key_value_matches(key_info: Node, key: &CertKey) -> bool {
    for kv in dsig::child_elements(key_info).filter(|n| dsig::is_ds(*n, "KeyValue")) {
        if !one_key_value_matches(kv, key) {
            return false;
        }
    }
    true
}

fn one_key_value_matches(kv: Node, key: &CertKey) -> bool {
    use rsa::traits::PublicKeyParts;
    use spki::DecodePublicKey;
    fn trim(b: &[u8]) -> &[u8] {
        let i = b.iter().position(|x| *x != 0).unwrap_or(b.len());
        &b[i..]
    }
    for v in dsig::child_elements(kv) {
        if dsig::is_ds(v, "RSAKeyValue") {
            if key.kind != KeyType::Rsa {
                return false;
            }
            let Ok(der) = der::Encode::to_der(&key.spki) else { return false };
            let Ok(pk) = rsa::RsaPublicKey::from_public_key_der(&der) else {
                return false;
            };
            let get = |name: &str| {
                dsig::ds_child(v, name).and_then(|n| dsig::b64_decode(&dsig::text_content(n)).ok()).unwrap_or_default()
            };
            let (m, e) = (get("Modulus"), get("Exponent"));
            return trim(&m) == trim(&pk.n_bytes()) && trim(&e) == trim(&pk.e_bytes());
        }
        if v.tag_name().name() == "ECKeyValue" && v.tag_name().namespace() == Some(DSIG11_NS) {
            if key.kind == KeyType::Rsa {
                return false;
            }
            let pubkey = dsig::child_elements(v)
                .find(|n| n.tag_name().name() == "PublicKey")
                .and_then(|n| dsig::b64_decode(&dsig::text_content(n)).ok())
                .unwrap_or_default();
            return pubkey == key.raw_public_key;
        }
    }
    // DSA or unknown KeyValue content: not comparable
    true
}

/// Warnings for `X509IssuerSerial`/`X509SubjectName` that contradict the verifying
/// certificate: in the verifying certificate's own `X509Data`, or naming no certificate of
/// KeyInfo at all.
pub fn identifier_warnings(key_info: Node, signer_der: &[u8], all_der: &[Vec<u8>]) -> Vec<String> {
    let Ok(signer) = crate::pki::memo::certificate(signer_der) else { return vec![] };
    let others: Vec<Certificate> = all_der.iter().filter_map(|d| crate::pki::memo::certificate(d).ok()).collect();
    let mut out = Vec::new();
    for xd in dsig::child_elements(key_info).filter(|n| dsig::is_ds(*n, "X509Data")) {
        let holds_signer = dsig::child_elements(xd)
            .filter(|n| dsig::is_ds(*n, "X509Certificate"))
            .any(|c| dsig::b64_decode(&dsig::text_content(c)).is_ok_and(|d| d == signer_der));
        for id in dsig::child_elements(xd) {
            let check: Describes = if dsig::is_ds(id, "X509SubjectName") {
                let text = dsig::text_content(id);
                Box::new(move |c: &Certificate| name_matches(&text, c.tbs_certificate().subject()))
            } else if dsig::is_ds(id, "X509IssuerSerial") {
                let issuer = dsig::ds_child(id, "X509IssuerName").map(dsig::text_content).unwrap_or_default();
                let serial = dsig::ds_child(id, "X509SerialNumber").map(dsig::text_content).unwrap_or_default();
                Box::new(move |c: &Certificate| {
                    let s = serial_matches(serial.trim(), c.tbs_certificate().serial_number().as_bytes())?;
                    Some(s && name_matches(&issuer, c.tbs_certificate().issuer()).unwrap_or(true))
                })
            } else {
                continue;
            };
            let Some(matches_signer) = check(&signer) else { continue };
            if matches_signer {
                continue;
            }
            let names_another = others.iter().any(|c| check(c) == Some(true));
            if holds_signer || !names_another {
                out.push(format!(
                    "KeyInfo {} does not describe the certificate that verifies ({})",
                    id.tag_name().name(),
                    crate::pki::dn::to_string(signer.tbs_certificate().subject())
                ));
            }
        }
    }
    out
}

/// Compare a decimal serial with a certificate's DER serial, read as signed or unsigned
/// (negative serials are written both ways). `None` when the text is not a number.
fn serial_matches(text: &str, der: &[u8]) -> Option<bool> {
    let (neg, digits) = match text.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) || digits.len() > 200 {
        return None;
    }
    // decimal to big-endian magnitude
    let mut mag: Vec<u8> = vec![0];
    for c in digits.bytes() {
        let mut carry = u32::from(c - b'0');
        for byte in mag.iter_mut().rev() {
            let v = u32::from(*byte) * 10 + carry;
            *byte = (v & 0xff) as u8;
            carry = v >> 8;
        }
        while carry > 0 {
            mag.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let strip = |b: &[u8]| -> Vec<u8> {
        let i = b.iter().position(|x| *x != 0).unwrap_or(b.len());
        b[i..].to_vec()
    };
    let unsigned = strip(der);
    if !neg {
        return Some(strip(&mag) == unsigned);
    }
    // negative: two's complement of the magnitude, at the DER length
    let len = der.len();
    if mag.len() > len + 1 {
        return Some(false);
    }
    let mut m = vec![0u8; len.saturating_sub(mag.len())];
    m.extend_from_slice(&mag[mag.len().saturating_sub(len)..]);
    let mut twos: Vec<u8> = m.iter().map(|b| !b).collect();
    for byte in twos.iter_mut().rev() {
        let (v, o) = byte.overflowing_add(1);
        *byte = v;
        if !o {
            break;
        }
    }
    Some(twos == der)
}

fn attr_oid(label: &str) -> Option<String> {
    let l = label.trim();
    let up = l.to_ascii_uppercase();
    let known = match up.as_str() {
        "CN" => "2.5.4.3",
        "SN" | "SURNAME" => "2.5.4.4",
        "SERIALNUMBER" => "2.5.4.5",
        "C" => "2.5.4.6",
        "L" => "2.5.4.7",
        "S" | "ST" => "2.5.4.8",
        "STREET" => "2.5.4.9",
        "O" => "2.5.4.10",
        "OU" => "2.5.4.11",
        "T" | "TITLE" => "2.5.4.12",
        "G" | "GIVENNAME" => "2.5.4.42",
        "E" | "EMAIL" | "EMAILADDRESS" => "1.2.840.113549.1.9.1",
        "UID" | "USERID" => "0.9.2342.19200300.100.1.1",
        "DC" => "0.9.2342.19200300.100.1.25",
        "ORGANIZATIONIDENTIFIER" => "2.5.4.97",
        _ => "",
    };
    if !known.is_empty() {
        return Some(known.to_string());
    }
    let dotted = up.strip_prefix("OID.").unwrap_or(&up);
    (dotted.split('.').count() > 1 && dotted.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
        .then(|| dotted.to_string())
}

fn norm(v: &str) -> String {
    let v = v.trim();
    let v = v.strip_prefix('"').and_then(|x| x.strip_suffix('"')).unwrap_or(v);
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Split on `sep` outside quotes and backslash escapes.
fn split_dn(s: &str, seps: &[char]) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let (mut quoted, mut escaped) = (false, false);
    for c in s.chars() {
        if escaped {
            cur.push(c);
            escaped = false;
        } else if c == '\\' {
            cur.push(c);
            escaped = true;
        } else if c == '"' {
            cur.push(c);
            quoted = !quoted;
        } else if !quoted && seps.contains(&c) {
            parts.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    parts.push(cur);
    parts
}

/// Whether a DN string names `name` (as multisets of type and value). `None` when the
/// string cannot be read.
fn name_matches(text: &str, name: &x509_cert::name::Name) -> Option<bool> {
    if text.trim().is_empty() {
        return None;
    }
    let mut a: Vec<(String, String)> = Vec::new();
    for part in split_dn(text, &[',', ';', '+']) {
        if part.trim().is_empty() {
            continue;
        }
        let (k, v) = part.split_once('=')?;
        a.push((attr_oid(k)?, norm(v)));
    }
    let mut b: Vec<(String, String)> =
        name.iter().map(|atv| (atv.oid.to_string(), norm(&crate::pki::dn::value_to_string(&atv.value)))).collect();
    a.sort();
    b.sort();
    Some(a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials() {
        assert_eq!(serial_matches("256", &[0x01, 0x00]), Some(true));
        assert_eq!(serial_matches("255", &[0x00, 0xff]), Some(true));
        assert_eq!(serial_matches("-1", &[0xff]), Some(true));
        assert_eq!(serial_matches("-256", &[0xff, 0x00]), Some(true));
        assert_eq!(serial_matches("12", &[0x0d]), Some(false));
        assert_eq!(serial_matches("x", &[0x0d]), None);
    }

    #[test]
    fn names() {
        let n = crate::pki::dn::parse("CN=Công ty A,UID=MST:0103930279-999,O=Công ty A,C=VN").unwrap();
        assert_eq!(
            name_matches("CN=Công ty A, O=Công ty A, OID.0.9.2342.19200300.100.1.1=MST:0103930279-999, C=VN", &n),
            Some(true)
        );
        assert_eq!(name_matches("C=VN,O=Công ty A,UID=MST:0103930279-999,CN=CÔNG TY A", &n), Some(true));
        assert_eq!(name_matches("CN=Công ty B, O=Công ty A, UID=MST:0103930279-999, C=VN", &n), Some(false));
        assert_eq!(name_matches("XYZ=1", &n), None);
    }
}
