//! Who may have signed: `require-signer` values and how they match a signer's
//! certificate as the verification report shows it.
//!
//! A value is one of
//! - a certificate's SHA-256 fingerprint: 64 hex digits, colons and spaces allowed,
//!   optionally after `sha256:`;
//! - subject attributes, `UID=MST:0101234567` or `O=Công ty A,C=VN` (every attribute
//!   given must be in the subject), optionally after `subject:`;
//! - issuer attributes, after `issuer:`;
//! - a certificate file (PEM or DER; every certificate in it is accepted), optionally
//!   after `file:`.
//!
//! Attribute values compare as names do (RFC 5280 §7.1 as kyso applies it): case-folded,
//! inner whitespace collapsed, in Unicode NFC (some certificates spell Vietnamese
//! letters decomposed).

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::pki::info::CertInfo;

/// One accepted signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignerSpec {
    /// SHA-256 fingerprints of accepted certificates (lower-case hex); one from a
    /// fingerprint, every certificate of a file otherwise.
    Sha256 { fingerprints: Vec<String>, from: String },
    /// Attributes of the subject (or the issuer) that must all be present.
    Attributes { issuer: bool, attrs: Vec<(String, String)>, from: String },
}

impl SignerSpec {
    /// Parse a value; relative certificate files are found from `base`.
    pub fn parse(value: &str, base: &Path) -> Result<SignerSpec, String> {
        let v = value.trim();
        if v.is_empty() {
            return Err("an empty require-signer value".into());
        }
        let from = v.to_string();
        if let Some(rest) = strip_prefix_ci(v, "sha256:") {
            return fingerprint(rest)
                .map(|f| SignerSpec::Sha256 { fingerprints: vec![f], from: from.clone() })
                .ok_or_else(|| format!("{rest:?} is not a SHA-256 fingerprint (64 hex digits)"));
        }
        if let Some(f) = fingerprint(v) {
            return Ok(SignerSpec::Sha256 { fingerprints: vec![f], from });
        }
        if let Some(rest) = strip_prefix_ci(v, "subject:") {
            return Ok(SignerSpec::Attributes { issuer: false, attrs: attributes(rest)?, from });
        }
        if let Some(rest) = strip_prefix_ci(v, "issuer:") {
            return Ok(SignerSpec::Attributes { issuer: true, attrs: attributes(rest)?, from });
        }
        if let Some(rest) = strip_prefix_ci(v, "file:") {
            return cert_file(rest, base, from);
        }
        if v.contains('=') && !base.join(v).is_file() {
            return Ok(SignerSpec::Attributes { issuer: false, attrs: attributes(v)?, from });
        }
        cert_file(v, base, from)
    }

    /// Does this signer certificate match?
    pub fn matches(&self, cert: &CertInfo) -> bool {
        match self {
            SignerSpec::Sha256 { fingerprints, .. } => {
                fingerprints.iter().any(|f| f.eq_ignore_ascii_case(&cert.sha256))
            }
            SignerSpec::Attributes { issuer, attrs, .. } => {
                let name = if *issuer { &cert.issuer } else { &cert.subject };
                let have = match attributes(name) {
                    Ok(a) => a,
                    Err(_) => return false,
                };
                attrs.iter().all(|want| have.contains(want))
            }
        }
    }

    /// The value as the user wrote it.
    pub fn text(&self) -> &str {
        match self {
            SignerSpec::Sha256 { from, .. } | SignerSpec::Attributes { from, .. } => from,
        }
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len() && s.is_char_boundary(prefix.len()) && s[..prefix.len()].eq_ignore_ascii_case(prefix))
        .then(|| s[prefix.len()..].trim())
}

/// 64 hex digits (separators `:` and spaces dropped), lower case.
fn fingerprint(s: &str) -> Option<String> {
    let hex: String = s.chars().filter(|c| *c != ':' && !c.is_whitespace()).collect();
    (hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit())).then(|| hex.to_ascii_lowercase())
}

fn cert_file(path: &str, base: &Path, from: String) -> Result<SignerSpec, String> {
    let p = base.join(path);
    let certs = crate::pki::load::read_certificates(&p).map_err(|e| e.to_string())?;
    if certs.is_empty() {
        return Err(format!("{} holds no certificate", p.display()));
    }
    let fingerprints = certs.iter().map(crate::pki::info::fingerprint).collect();
    Ok(SignerSpec::Sha256 { fingerprints, from })
}

/// The short names kyso prints, for the names users may write.
fn canonical_attr(name: &str) -> Option<&'static str> {
    const ALIASES: &[(&str, &[&str])] = &[
        ("CN", &["cn", "commonname"]),
        ("C", &["c", "countryname"]),
        ("ST", &["st", "s", "stateorprovincename"]),
        ("L", &["l", "localityname"]),
        ("O", &["o", "organizationname"]),
        ("OU", &["ou", "organizationalunitname"]),
        ("emailAddress", &["emailaddress", "e", "email"]),
        ("UID", &["uid", "userid", "0.9.2342.19200300.100.1.1"]),
        ("organizationIdentifier", &["organizationidentifier", "2.5.4.97"]),
        ("serialNumber", &["serialnumber", "2.5.4.5"]),
        ("street", &["street", "streetaddress"]),
        ("title", &["title", "t"]),
        ("DC", &["dc", "domaincomponent"]),
    ];
    let lower = name.trim().to_ascii_lowercase();
    ALIASES.iter().find(|(_, names)| names.contains(&lower.as_str())).map(|(c, _)| *c)
}

/// `A=v,B=w+C=x` (RFC 4514 as kyso prints names) into (attribute, value in match form).
pub fn attributes(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for part in split_unescaped(text) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (k, v) = part.split_once('=').ok_or_else(|| format!("{part:?} is not ATTRIBUTE=value"))?;
        let key = match canonical_attr(k) {
            Some(c) => c.to_string(),
            None if k.trim().chars().all(|c| c.is_ascii_digit() || c == '.') && !k.trim().is_empty() => {
                k.trim().to_string()
            }
            None => {
                return Err(format!(
                    "unknown attribute {:?} (use CN, O, OU, UID, C, ST, L, emailAddress, serialNumber, organizationIdentifier, title, street, DC or a dotted OID)",
                    k.trim()
                ));
            }
        };
        let value = match_form(&unescape(v));
        if value.is_empty() {
            return Err(format!("the value of {key} is empty"));
        }
        out.push((key, value));
    }
    if out.is_empty() {
        return Err(format!("{text:?} names no attribute"));
    }
    Ok(out)
}

/// Split on `,` and `+` not escaped by a backslash.
fn split_unescaped(s: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            ',' | '+' => parts.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    parts.push(cur);
    parts
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.trim().chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn match_form(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().map(|w| w.to_lowercase()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert(subject: &str, issuer: &str) -> CertInfo {
        CertInfo {
            subject: subject.into(),
            issuer: issuer.into(),
            serial: "01".into(),
            not_before: String::new(),
            not_after: String::new(),
            key: crate::pki::info::KeyInfo { algorithm: "RSA".into(), bits: 2048, curve: None },
            signature_algorithm: String::new(),
            is_ca: false,
            self_issued: false,
            sha256: "ab".repeat(32),
            extensions: vec![],
        }
    }

    #[test]
    fn attributes_match_case_and_space_insensitively() {
        let base = Path::new(".");
        let c = cert("CN=Nguyễn Văn A,UID=MST:0101234567,O=Công  ty A,C=VN", "CN=VNPT Certification Authority,O=VNPT");
        assert!(SignerSpec::parse("UID=MST:0101234567", base).unwrap().matches(&c));
        assert!(SignerSpec::parse("o=công ty a, c=vn", base).unwrap().matches(&c));
        assert!(!SignerSpec::parse("UID=MST:0109999999", base).unwrap().matches(&c));
        assert!(SignerSpec::parse("issuer:O=VNPT", base).unwrap().matches(&c));
        assert!(!SignerSpec::parse("O=VNPT", base).unwrap().matches(&c));
        // Decomposed spelling in the certificate still matches.
        let d = cert("O=Co\u{302}ng ty A", "CN=x");
        assert!(SignerSpec::parse("O=Công ty A", base).unwrap().matches(&d));
    }

    #[test]
    fn fingerprints_and_errors() {
        let base = Path::new(".");
        let c = cert("CN=a", "CN=b");
        let colons = ["AB"; 32].join(":");
        assert!(SignerSpec::parse(&colons, base).unwrap().matches(&c));
        assert!(SignerSpec::parse(&format!("sha256:{}", "ab".repeat(32)), base).unwrap().matches(&c));
        assert!(!SignerSpec::parse(&"cd".repeat(32), base).unwrap().matches(&c));
        assert!(SignerSpec::parse("sha256:abc", base).is_err());
        assert!(SignerSpec::parse("FOO=bar", base).is_err());
        assert!(SignerSpec::parse("no-such-file.pem", base).is_err());
    }
}
