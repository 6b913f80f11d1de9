//! The package checks: manifest against attachments, the declared identity of the
//! document (DocumentId, the first trace entry), the envelope signature's kind, and the
//! names in signers' certificates against the header. Each finding is a stable code with a
//! language-neutral detail; which findings change a verdict is decided in
//! [`crate::verify::edxml`].

use sha2::Digest;

use super::{Header, Package, PackageKind, XMLDSIG_NS};

/// A `cid:` reference or ContentId, compared without the scheme, brackets and case.
pub fn normalize_id(id: &str) -> String {
    let t = id.trim();
    let t = t.get(..4).filter(|p| p.eq_ignore_ascii_case("cid:")).map_or(t, |_| &t[4..]);
    t.trim().trim_start_matches('<').trim_end_matches('>').trim().to_ascii_lowercase()
}

/// Every manifest reference has exactly one attachment and the reverse; where both give
/// a name or a content type, they agree. Each finding is one line of detail.
pub fn manifest(pkg: &Package) -> Vec<String> {
    let mut out = Vec::new();
    if pkg.kind == PackageKind::Status && pkg.references.is_empty() && pkg.attachments.is_empty() {
        return out;
    }
    if !pkg.has_manifest && !pkg.attachments.is_empty() {
        out.push("the package has attachments but no edXMLManifest".into());
    }
    let ref_ids: Vec<String> = pkg
        .references
        .iter()
        .map(|r| normalize_id(if r.content_id.trim().is_empty() { &r.href } else { &r.content_id }))
        .collect();
    let att_ids: Vec<String> = pkg.attachments.iter().map(|a| normalize_id(&a.content_id)).collect();
    for (what, ids) in [("manifest references", &ref_ids), ("attachments", &att_ids)] {
        let mut seen: Vec<&String> = Vec::new();
        let mut reported: Vec<&String> = Vec::new();
        for id in ids {
            if id.is_empty() {
                out.push(format!("one of the {what} has no ContentId"));
            } else if !seen.contains(&id) {
                seen.push(id);
            } else if !reported.contains(&id) {
                out.push(format!("two {what} have the ContentId \"{id}\""));
                reported.push(id);
            }
        }
    }
    for (r, id) in pkg.references.iter().zip(&ref_ids) {
        if id.is_empty() {
            continue;
        }
        match pkg.attachments.iter().zip(&att_ids).find(|(_, a)| *a == id) {
            None => out.push(format!("the manifest lists \"{id}\" ({}) but no attachment has it", r.name)),
            Some((a, _)) => {
                if !r.name.is_empty() && !a.name.is_empty() && r.name != a.name {
                    out.push(format!(
                        "\"{id}\" is named {:?} in the manifest and {:?} in the attachment",
                        r.name, a.name
                    ));
                }
                let (rt, at) = (r.content_type.trim(), a.content_type.trim());
                if !rt.is_empty() && !at.is_empty() && !rt.eq_ignore_ascii_case(at) {
                    out.push(format!("\"{id}\" is declared {rt} in the manifest and {at} in the attachment"));
                }
            }
        }
    }
    for (a, id) in pkg.attachments.iter().zip(&att_ids) {
        if !id.is_empty() && !ref_ids.contains(id) {
            out.push(format!("the attachment \"{id}\" ({}) is not in the manifest", a.name));
        }
    }
    out
}

/// A date as (year, month, day) from `YYYY/MM/DD`, `YYYY-MM-DD` or `DD/MM/YYYY`.
fn date(s: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<u32> = s.trim().split(['/', '-', '.']).map(|p| p.trim().parse().ok()).collect::<Option<_>>()?;
    match parts[..] {
        [y, m, d] if y > 31 => Some((y, m, d)),
        [d, m, y] if y > 31 => Some((y, m, d)),
        _ => None,
    }
}

fn same_date(a: &str, b: &str) -> bool {
    match (date(a), date(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a.trim() == b.trim(),
    }
}

/// QCVN 102: `DocumentId` is "OrganId,YYYY/MM/DD,CodeNumber/CodeNotation" of the sender.
pub fn document_id(h: &Header) -> Option<String> {
    if h.document_id.is_empty() {
        return Some("the package has no DocumentId".into());
    }
    let parts: Vec<&str> = h.document_id.splitn(3, ',').map(str::trim).collect();
    let [organ, day, code] = parts[..] else {
        return Some(format!("DocumentId {:?} is not \"OrganId,YYYY/MM/DD,Number/Notation\"", h.document_id));
    };
    let mut diffs = Vec::new();
    if organ != h.from.organ_id.trim() {
        diffs.push(format!("organ {organ:?} is not From/OrganId {:?}", h.from.organ_id));
    }
    if !same_date(day, &h.promulgation_date) {
        diffs.push(format!("date {day:?} is not PromulgationDate {:?}", h.promulgation_date));
    }
    if code != h.code() {
        diffs.push(format!("code {code:?} is not {:?}", h.code()));
    }
    (!diffs.is_empty()).then(|| format!("DocumentId {:?}: {}", h.document_id, diffs.join("; ")))
}

/// The first `TraceHeader` is the sender.
pub fn trace_sender(h: &Header) -> Option<String> {
    match h.trace.first() {
        None => Some("the package has no TraceHeader".into()),
        Some(t) if t.organ_id.trim() != h.from.organ_id.trim() => Some(format!(
            "the first TraceHeader is {:?}, the sender (From/OrganId) is {:?}",
            t.organ_id, h.from.organ_id
        )),
        Some(_) => None,
    }
}

/// What the envelope's `Signature` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Envelope {
    /// No signature element, or an empty one: the detail says which.
    None(String),
    /// A vendor placeholder that proves nothing; the detail says how it was recognised.
    Placeholder(String),
    /// An XMLDSig signature with a real value: to be verified.
    XmlDsig,
}

/// SHA-256 of the placeholder values (blanks removed) a vendor SDK writes into every
/// package: the SignatureValue, and the DigestValues of its two sample layouts.
const PLACEHOLDER_SHA256: [&str; 3] = [
    "8c88b59e6ceda796cd17b7d3cf98fd8fd9b84e07bbc16529c92c23c62fc4feaa",
    "d503153dd1f20333d3f3cfed342b6589b86ad7bf082be428907a68978f090f1d",
    "2236a9064d0d2b8c126ac6de7d64ccd41b263b157a136a6991a6f6016c17b0ae",
];

fn sha256_hex(s: &str) -> String {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    hex::encode(sha2::Sha256::digest(compact.as_bytes()))
}

/// Is this a known placeholder value?
pub fn is_placeholder_value(v: &str) -> bool {
    PLACEHOLDER_SHA256.contains(&sha256_hex(v).as_str())
}

pub fn envelope(pkg: &Package) -> Envelope {
    let s = &pkg.signature;
    if !s.present {
        return Envelope::None(if s.digital_signature_element {
            "an empty DigitalSignature element".into()
        } else {
            "no Signature element".into()
        });
    }
    if s.namespace.as_deref() != Some(XMLDSIG_NS) {
        return Envelope::Placeholder(format!(
            "a Signature element outside the XMLDSig namespace ({})",
            s.namespace.as_deref().unwrap_or("no namespace")
        ));
    }
    if s.signature_value.trim().is_empty() {
        return Envelope::Placeholder("an XMLDSig Signature with an empty SignatureValue".into());
    }
    if is_placeholder_value(&s.signature_value) || is_placeholder_value(&s.digest_value) {
        return Envelope::Placeholder("the sample SignatureValue of a vendor SDK, found in many packages".into());
    }
    if !s.certificate.trim().is_empty() {
        use base64::Engine;
        let compact: String = s.certificate.chars().filter(|c| !c.is_whitespace()).collect();
        let der = base64::engine::general_purpose::STANDARD.decode(compact.as_bytes()).ok();
        let ok = der.is_some_and(|d| <x509_cert::Certificate as der::Decode>::from_der(&d).is_ok());
        if !ok {
            return Envelope::Placeholder("an XMLDSig Signature whose X509Certificate is not a certificate".into());
        }
    }
    Envelope::XmlDsig
}

/// Fold a name for comparison: lower case, Vietnamese diacritics and đ removed,
/// punctuation to blanks, blanks collapsed ("Sở Tư pháp" ≈ "SO TU PHAP").
pub fn fold(s: &str) -> String {
    const FROM: &str = "àÀáÁảẢãÃạẠăĂằẰắẮẳẲẵẴặẶâÂầẦấẤẩẨẫẪậẬèÈéÉẻẺẽẼẹẸêÊềỀếẾểỂễỄệỆìÌíÍỉỈĩĨịỊòÒóÓỏỎõÕọỌôÔồỒốỐổỔỗỖộỘơƠờỜớỚởỞỡỠợỢùÙúÚủỦũŨụỤưƯừỪứỨửỬữỮựỰỳỲýÝỷỶỹỸỵỴđĐ";
    const TO: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiioooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyydd";
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue; // combining marks of decomposed text
        }
        let c = match FROM.chars().position(|f| f == c) {
            Some(i) => TO.as_bytes()[i] as char,
            None => c,
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

/// Do two names agree once folded (equal, or one contains the other as whole words)?
pub fn names_agree(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let padded = |s: &str| format!(" {s} ");
    a == b || padded(&a).contains(&padded(&b)) || padded(&b).contains(&padded(&a))
}

/// The O and CN values of a certificate subject as kyso prints it (RFC 4514).
pub fn subject_names(subject: &str) -> (Vec<String>, Vec<String>) {
    use crate::pki::{dn, oids};
    match dn::parse(subject) {
        Ok(name) => (dn::values_of(&name, oids::AT_ORG), dn::values_of(&name, oids::AT_COMMON_NAME)),
        Err(_) => (vec![], vec![]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("Sở Tư pháp - Hà Nội"), "so tu phap ha noi");
        assert_eq!(fold("Đỗ Tiến Thắng"), "do tien thang");
        assert_eq!(fold("Đo\u{302}\u{303} Tie\u{302}\u{301}n"), "do tien");
        assert!(names_agree("UBND tỉnh Thái Nguyên", "ubnd tinh thai nguyen"));
        assert!(names_agree("Sở Tư pháp", "Sở Tư pháp tỉnh Thái Nguyên"));
        assert!(!names_agree("Sở Tư pháp", "Sở Tài chính"));
        assert!(!names_agree("", "x"));
    }

    #[test]
    fn ids_and_dates() {
        assert_eq!(normalize_id(" cid:<ABC-1> "), "abc-1");
        assert_eq!(normalize_id("CID:x"), "x");
        assert_eq!(date("2018/09/28"), Some((2018, 9, 28)));
        assert_eq!(date("16/09/2020"), Some((2020, 9, 16)));
        assert!(same_date("2020/06/02", "02/06/2020"));
    }

    #[test]
    fn placeholders_are_known_by_hash() {
        assert!(is_placeholder_value("FwgIqsSYJshUS2+wlOM61L+q7Aw="));
        assert!(is_placeholder_value("PrlYKdD8sksgnxFvUVtPIQ0pAqM=\n"));
        assert!(!is_placeholder_value("AAAA"));
    }
}
