//! XAdES unsigned properties added to existing signatures (ETSI EN 319 132-1): the
//! signature time-stamp (`xades:SignatureTimeStamp`, level T) and the validation data of
//! level LT (`xades:CertificateValues` with `EncapsulatedX509Certificate`,
//! `xades:RevocationValues` with `CRLValues`/`OCSPValues`), after the time-stamp in
//! `UnsignedSignatureProperties`.
//!
//! The new elements are spliced into the original text: the rest of the file stays
//! byte-identical, and each new element declares the namespaces it uses, so it reads the
//! same whatever prefixes the signature was written with (`ds:` or a default
//! namespace). Unsigned properties are outside every reference of the signature itself,
//! so its SignedInfo and SignedProperties digests do not change. Getting the time-stamp
//! tokens and the validation data is the caller's business (`crate::extend`).

use roxmltree::Node;

use super::c14n::{self, Algorithm, NodeSet};
use super::dsig::{self, DSIG_NS, XmlError};

/// XAdES 1.4.1 namespace.
const XADES_141_NS: &str = "http://uri.etsi.org/01903/v1.4.1#";

/// What an existing signature has, as far as extending it goes.
#[derive(Debug, Clone)]
pub struct XadesState {
    /// The signature has XAdES QualifyingProperties (anything else cannot be extended).
    pub xades: bool,
    /// It has a SignatureTimeStamp.
    pub has_timestamp: bool,
    /// It has CertificateValues or RevocationValues.
    pub has_values: bool,
    /// The SignatureValue element in Exclusive C14N: what a new signature time-stamp covers.
    pub signature_value_c14n: Vec<u8>,
}

/// What to add to one signature.
#[derive(Debug, Clone, Default)]
pub struct Additions {
    /// A signature time-stamp token (DER) over [`XadesState::signature_value_c14n`].
    pub timestamp: Option<Vec<u8>>,
    /// Certificates (DER) for CertificateValues.
    pub certs: Vec<Vec<u8>>,
    /// CRLs (DER) for RevocationValues/CRLValues.
    pub crls: Vec<Vec<u8>>,
    /// OCSP responses (DER) for RevocationValues/OCSPValues.
    pub ocsps: Vec<Vec<u8>>,
}

fn is_xades(n: Node, local: &str) -> bool {
    n.is_element()
        && n.tag_name().name() == local
        && n.tag_name().namespace().is_some_and(|ns| ns == dsig::XADES_NS || ns == XADES_141_NS)
}

fn own<'a, 'i>(sig: Node<'a, 'i>) -> impl Fn(&Node<'a, 'i>) -> bool {
    move |n: &Node| n.ancestors().find(|a| dsig::is_ds(*a, "Signature")) == Some(sig)
}

/// The signature's QualifyingProperties.
fn qualifying<'a, 'i>(sig: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    sig.descendants().filter(own(sig)).find(|n| is_xades(*n, "QualifyingProperties"))
}

/// Every `Signature` of the document, in document order.
pub fn signatures(xml: &[u8]) -> Result<Vec<XadesState>, XmlError> {
    let (text, _) = dsig::xml_text(xml)?;
    let doc = dsig::parse_document(text)?;
    let mut out = Vec::new();
    for sig in doc.descendants().filter(|n| dsig::is_ds(*n, "Signature")) {
        let sv = dsig::ds_child(sig, "SignatureValue")
            .ok_or_else(|| XmlError::Parse("a Signature has no SignatureValue".into()))?;
        let signature_value_c14n = c14n::canonicalize(&NodeSet::subtree(sv), Algorithm::ExcC14n, &[])
            .map_err(|e| XmlError::C14n(e.to_string()))?;
        let mine: Vec<Node> = sig.descendants().filter(own(sig)).collect();
        out.push(XadesState {
            xades: qualifying(sig).is_some(),
            has_timestamp: mine.iter().any(|n| is_xades(*n, "SignatureTimeStamp")),
            has_values: mine.iter().any(|n| is_xades(*n, "CertificateValues") || is_xades(*n, "RevocationValues")),
            signature_value_c14n,
        });
    }
    Ok(out)
}

fn b64_elements(out: &mut String, name: &str, items: &[Vec<u8>]) {
    for i in items {
        out.push_str(&format!("<xades:{name}>{}</xades:{name}>", dsig::b64(i)));
    }
}

/// The XML of the new unsigned signature properties, each declaring `xades:` as `ns`.
fn properties_xml(a: &Additions, ns: &str, ts_id: &str) -> String {
    let mut s = String::new();
    if let Some(token) = &a.timestamp {
        s += &format!(
            concat!(
                "<xades:SignatureTimeStamp xmlns:xades=\"{ns}\" Id=\"{id}\">",
                "<ds:CanonicalizationMethod xmlns:ds=\"{ds}\" Algorithm=\"{c}\"/>",
                "<xades:EncapsulatedTimeStamp>{t}</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>"
            ),
            ns = ns,
            id = ts_id,
            ds = DSIG_NS,
            c = Algorithm::ExcC14n.uri(),
            t = dsig::b64(token),
        );
    }
    if !a.certs.is_empty() {
        s += &format!("<xades:CertificateValues xmlns:xades=\"{ns}\">");
        b64_elements(&mut s, "EncapsulatedX509Certificate", &a.certs);
        s += "</xades:CertificateValues>";
    }
    if !a.crls.is_empty() || !a.ocsps.is_empty() {
        s += &format!("<xades:RevocationValues xmlns:xades=\"{ns}\">");
        if !a.crls.is_empty() {
            s += "<xades:CRLValues>";
            b64_elements(&mut s, "EncapsulatedCRLValue", &a.crls);
            s += "</xades:CRLValues>";
        }
        if !a.ocsps.is_empty() {
            s += "<xades:OCSPValues>";
            b64_elements(&mut s, "EncapsulatedOCSPValue", &a.ocsps);
            s += "</xades:OCSPValues>";
        }
        s += "</xades:RevocationValues>";
    }
    s
}

/// Where content goes at the end of `node`: (byte offset, text to put before the new
/// content, text after it) — a self-closing element is opened and closed.
fn end_of(text: &str, node: Node) -> Result<(usize, usize, String, String), XmlError> {
    let r = node.range();
    let slice = &text[r.clone()];
    if slice.ends_with("/>") {
        let name: String = slice[1..].chars().take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>').collect();
        // replace the "/>" with ">" … "</name>"
        return Ok((r.end - 2, r.end, ">".into(), format!("</{name}>")));
    }
    let at = slice.rfind("</").ok_or_else(|| XmlError::Parse("an element's end tag was not found".into()))?;
    Ok((r.start + at, r.start + at, String::new(), String::new()))
}

/// `xml` with `additions[i]` (when `Some`) added to signature number `i` (document
/// order, as [`signatures`] lists them).
pub fn add_unsigned(xml: &[u8], additions: &[Option<Additions>]) -> Result<Vec<u8>, XmlError> {
    let (text, bom) = dsig::xml_text(xml)?;
    let doc = dsig::parse_document(text)?;
    let sigs: Vec<Node> = doc.descendants().filter(|n| dsig::is_ds(*n, "Signature")).collect();
    if additions.len() > sigs.len() {
        return Err(XmlError::Options("more additions than signatures".into()));
    }
    // (start, end, replacement), applied from the end of the text
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (k, (sig, add)) in sigs.iter().zip(additions).enumerate() {
        let Some(add) = add else { continue };
        let qp = qualifying(*sig)
            .ok_or_else(|| XmlError::Options(format!("signature {} is not XAdES: it cannot be extended", k + 1)))?;
        let ns = qp.tag_name().namespace().unwrap_or(dsig::XADES_NS).to_string();
        let ts_id = format!("{}-SignatureTimeStamp-{}", sig.attribute("Id").unwrap_or("kyso"), k + 1);
        let props = properties_xml(add, &ns, &ts_id);
        if props.is_empty() {
            continue;
        }
        let usp = qp.descendants().filter(own(*sig)).find(|n| is_xades(*n, "UnsignedSignatureProperties"));
        let (start, end, open, close, body) = match usp {
            Some(usp) => {
                let (s, e, o, c) = end_of(text, usp)?;
                (s, e, o, c, props)
            }
            None => match qp.descendants().filter(own(*sig)).find(|n| is_xades(*n, "UnsignedProperties")) {
                Some(up) => {
                    let (s, e, o, c) = end_of(text, up)?;
                    let body = format!(
                        "<xades:UnsignedSignatureProperties xmlns:xades=\"{ns}\">{props}</xades:UnsignedSignatureProperties>"
                    );
                    (s, e, o, c, body)
                }
                None => {
                    let (s, e, o, c) = end_of(text, qp)?;
                    let body = format!(
                        concat!(
                            "<xades:UnsignedProperties xmlns:xades=\"{ns}\"><xades:UnsignedSignatureProperties>",
                            "{props}</xades:UnsignedSignatureProperties></xades:UnsignedProperties>"
                        ),
                        ns = ns,
                        props = props
                    );
                    (s, e, o, c, body)
                }
            },
        };
        edits.push((start, end, format!("{open}{body}{close}")));
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, replacement) in edits {
        out.replace_range(start..end, &replacement);
    }
    let mut bytes = Vec::with_capacity(out.len() + bom);
    bytes.extend_from_slice(&xml[..bom]);
    bytes.extend_from_slice(out.as_bytes());
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = concat!(
        "<r><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"s\"><SignedInfo/>",
        "<SignatureValue>AA==</SignatureValue><Object><xades:QualifyingProperties ",
        "xmlns:xades=\"http://uri.etsi.org/01903/v1.3.2#\" Target=\"#s\"><xades:SignedProperties/>",
        "</xades:QualifyingProperties></Object></Signature></r>"
    );

    #[test]
    fn adds_unsigned_properties() {
        let s = signatures(XML.as_bytes()).unwrap();
        assert_eq!(s.len(), 1);
        assert!(s[0].xades && !s[0].has_timestamp && !s[0].has_values);
        let add = Additions { timestamp: Some(vec![1, 2]), certs: vec![vec![3]], crls: vec![], ocsps: vec![vec![4]] };
        let out = add_unsigned(XML.as_bytes(), &[Some(add)]).unwrap();
        let s2 = signatures(&out).unwrap();
        assert!(s2[0].has_timestamp && s2[0].has_values);
        assert_eq!(s2[0].signature_value_c14n, s[0].signature_value_c14n);
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(&XML[..XML.find("</xades:QualifyingProperties>").unwrap()]));
        // again: values go into the existing UnsignedSignatureProperties
        let add = Additions { crls: vec![vec![5]], ..Default::default() };
        let out = add_unsigned(text.as_bytes(), &[Some(add)]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap().matches("UnsignedSignatureProperties>").count(), 2);
    }

    #[test]
    fn self_closing_and_not_xades() {
        let xml = XML.replace("<xades:SignedProperties/>", "<xades:SignedProperties/><xades:UnsignedProperties/>");
        let add = Additions { certs: vec![vec![3]], ..Default::default() };
        let out = add_unsigned(xml.as_bytes(), &[Some(add.clone())]).unwrap();
        assert!(signatures(&out).unwrap()[0].has_values);
        let plain = "<r><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignatureValue>AA==</SignatureValue></Signature></r>";
        assert!(!signatures(plain.as_bytes()).unwrap()[0].xades);
        assert!(add_unsigned(plain.as_bytes(), &[Some(add)]).is_err());
    }
}
