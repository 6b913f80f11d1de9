//! Enveloped XMLDSig signing (whole document, `#id`, Vietnamese e-invoice
//! profile, XAdES B-B) with the private key behind a callback.
//!
//! The output is the input bytes with the `Signature` element text spliced
//! in before the closing tag of its parent: nothing else is re-serialized.

use roxmltree::{Document, Node};

use super::c14n::{self, Algorithm, NodeSet};
use super::dsig::{
    self, DSIG_NS, IdLookup, IdRegistry, KeyType, SignatureMethod, XADES_NS, XADES_SIGNED_PROPERTIES_TYPE, XmlError,
};
use super::transforms::{self, Outcome, RefData, Transform};
use crate::pki::alg::{DigestAlg, SigScheme};

/// Signature layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Generic enveloped signature (`URI=""` or `#ref_id`).
    #[default]
    Enveloped,
    /// Vietnamese e-invoice (Circular 78/2021): signs `HDon/DLHDon[@Id]`,
    /// Signature in `HDon/DSCKS/NBan`, SigningTime object, C14N 1.0.
    EInvoice,
}

/// Signing options.
#[derive(Debug, Clone)]
pub struct XmlSignOptions {
    /// Signature algorithm (must match the signer certificate's key).
    pub method: SignatureMethod,
    /// Reference digest (SHA-1 refused).
    pub digest: DigestAlg,
    /// CanonicalizationMethod and reference C14N transform (EInvoice forces C14N 1.0).
    pub c14n: Algorithm,
    /// Sign the element with this ID instead of the whole document.
    pub ref_id: Option<String>,
    /// ID attribute names.
    pub id_attrs: Vec<String>,
    /// Element path (`/Root/Child/...`, local names) of the Signature's parent;
    /// it must exist. Default: the document element (EInvoice: `/HDon/DSCKS/NBan`).
    pub into: Option<String>,
    /// Layout profile.
    pub profile: Profile,
    /// SigningTime (RFC 3339, e.g. `2024-01-31T10:00:00+07:00`); default now in +07:00.
    pub signing_time: Option<String>,
    /// Add XAdES B-B QualifyingProperties.
    pub xades: bool,
    /// `None`: `<Signature xmlns="...">`; `Some("ds")`: `ds:`-prefixed.
    pub prefix: Option<String>,
    /// Signature `Id` (generated when `None`).
    pub signature_id: Option<String>,
}

impl Default for XmlSignOptions {
    fn default() -> Self {
        XmlSignOptions {
            method: SignatureMethod::RsaSha256,
            digest: DigestAlg::Sha256,
            c14n: Algorithm::C14n10,
            ref_id: None,
            id_attrs: dsig::default_id_attrs(),
            into: None,
            profile: Profile::Enveloped,
            signing_time: None,
            xades: false,
            prefix: None,
            signature_id: None,
        }
    }
}

impl XmlSignOptions {
    /// Defaults for the e-invoice profile.
    pub fn einvoice() -> Self {
        XmlSignOptions { profile: Profile::EInvoice, ..Self::default() }
    }
}

/// Find an element by a simple path of local names from the document element.
fn find_path<'a, 'i>(doc: &'a Document<'i>, path: &str) -> Result<Node<'a, 'i>, XmlError> {
    let steps: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let root = doc.root_element();
    let Some((first, rest)) = steps.split_first() else {
        return Err(XmlError::Options(format!("empty element path {path:?}")));
    };
    if root.tag_name().name() != *first {
        return Err(XmlError::Options(format!(
            "element path {path:?}: the document element is <{}>, not <{first}>",
            root.tag_name().name()
        )));
    }
    let mut cur = root;
    for (i, step) in rest.iter().enumerate() {
        // `name` or `name[n]` (1-based, as element_path writes it)
        let (name, index) = match step.strip_suffix(']').and_then(|s| s.split_once('[')) {
            Some((n, k)) => match k.parse::<usize>() {
                Ok(k) if k >= 1 => (n, Some(k)),
                _ => {
                    return Err(XmlError::Options(format!("element path {path:?}: bad step {step:?}")));
                }
            },
            None => (*step, None),
        };
        let mut matches: Vec<_> = dsig::child_elements(cur).filter(|c| c.tag_name().name() == name).collect();
        if let Some(k) = index {
            matches = matches.get(k - 1).copied().into_iter().collect();
        }
        cur = match matches.as_slice() {
            [one] => *one,
            [] => {
                return Err(XmlError::Options(format!(
                    "element path {path:?}: <{step}> not found under /{}",
                    steps[..=i].join("/")
                )));
            }
            _ => {
                return Err(XmlError::Options(format!(
                    "element path {path:?}: <{step}> is ambiguous ({} siblings)",
                    matches.len()
                )));
            }
        };
    }
    Ok(cur)
}

fn id_of(node: Node, id_attrs: &[String]) -> Option<String> {
    id_attrs.iter().find_map(|a| node.attribute(a.as_str())).map(str::to_string)
}

/// Current time as RFC 3339 in +07:00 (Vietnam).
pub fn now_vietnam() -> String {
    crate::pki::time::rfc3339_offset(crate::pki::time::now_unix(), 7 * 60)
}

fn check_time(t: &str) -> Result<(), XmlError> {
    let b = t.as_bytes();
    let ok = b.len() >= 19
        && b[4] == b'-'
        && b[7] == b'-'
        && (b[10] == b'T' || b[10] == b't')
        && b[13] == b':'
        && b[16] == b':'
        && t.chars().all(|c| c.is_ascii_alphanumeric() || "-:+.".contains(c));
    if ok {
        Ok(())
    } else {
        Err(XmlError::Options(format!("signing_time {t:?} is not RFC 3339 (e.g. 2024-01-31T10:00:00+07:00)")))
    }
}

/// DER `IssuerSerial` (RFC 5035) of a certificate, for IssuerSerialV2.
fn issuer_serial_der(cert_der: &[u8]) -> Result<Vec<u8>, XmlError> {
    use der::{Decode, Encode};
    use dsig::tlv;
    let cert = x509_cert::Certificate::from_der(cert_der).map_err(|e| XmlError::Certificate(e.to_string()))?;
    let tbs = cert.tbs_certificate();
    let issuer = tbs.issuer().to_der().map_err(|e| XmlError::Certificate(e.to_string()))?;
    let serial = tbs.serial_number().to_der().map_err(|e| XmlError::Certificate(e.to_string()))?;
    // GeneralNames ::= SEQUENCE OF GeneralName; directoryName [4] EXPLICIT Name
    let general_names = tlv(0x30, &tlv(0xA4, &issuer));
    let mut body = general_names;
    body.extend(serial);
    Ok(tlv(0x30, &body))
}

struct Ref {
    id: Option<String>,
    uri: String,
    typ: Option<&'static str>,
    transforms: Vec<Transform<'static, 'static>>,
    target: RefTarget,
}

enum RefTarget {
    Whole,
    /// By ID in the output document.
    Id(String),
}

/// Sign `xml` (enveloped). `cert_chain_der`: signer certificate first, then
/// any intermediates (all go into X509Data). `sign_fn` receives the canonical
/// SignedInfo octets and returns the signature value for `opts.method`
/// (ECDSA: DER or raw r||s; converted to r||s). The produced signature is
/// checked against the signer certificate before returning.
#[allow(clippy::type_complexity)] // the callback type is the documented API
pub fn sign(
    xml: &[u8],
    opts: &XmlSignOptions,
    cert_chain_der: &[Vec<u8>],
    sign_fn: &mut dyn FnMut(&[u8]) -> Result<Vec<u8>, String>,
) -> Result<Vec<u8>, XmlError> {
    sign_timestamped(xml, opts, cert_chain_der, sign_fn, None)
}

/// [`sign`] at XAdES level T (ETSI EN 319 132-1 §5.3, with `opts.xades`): `ts_fn`
/// receives the exclusive-canonical `ds:SignatureValue` element and returns an RFC 3161
/// token (DER) over it, which goes into `xades:UnsignedProperties/
/// UnsignedSignatureProperties/SignatureTimeStamp`.
#[allow(clippy::type_complexity)] // the callback types are the documented API
pub fn sign_timestamped(
    xml: &[u8],
    opts: &XmlSignOptions,
    cert_chain_der: &[Vec<u8>],
    sign_fn: &mut dyn FnMut(&[u8]) -> Result<Vec<u8>, String>,
    ts_fn: Option<&mut dyn FnMut(&[u8]) -> Result<Vec<u8>, String>>,
) -> Result<Vec<u8>, XmlError> {
    if ts_fn.is_some() && !opts.xades {
        return Err(XmlError::Options("a signature time-stamp needs XAdES properties (--xades)".into()));
    }
    // --- options and certificate
    if opts.digest == DigestAlg::Sha1 {
        return Err(XmlError::Options("SHA-1 digests are not used for signing".into()));
    }
    let Some(signer_der) = cert_chain_der.first() else {
        return Err(XmlError::Options("no signer certificate given".into()));
    };
    let key = dsig::cert_key(signer_der).map_err(|e| XmlError::Certificate(format!("signer certificate: {e}")))?;
    let scheme = opts.method.scheme();
    match (scheme, key.kind) {
        (SigScheme::RsaPkcs1(_) | SigScheme::RsaPss(_), KeyType::Ec { .. }) => {
            return Err(XmlError::Options(format!(
                "{:?} needs an RSA key, the signer certificate has an EC key",
                opts.method
            )));
        }
        (SigScheme::Ecdsa(_), KeyType::Rsa) => {
            return Err(XmlError::Options(format!(
                "{:?} needs an EC key, the signer certificate has an RSA key",
                opts.method
            )));
        }
        _ => {}
    }
    for (i, c) in cert_chain_der.iter().enumerate().skip(1) {
        dsig::cert_key(c).map_err(|e| XmlError::Certificate(format!("certificate {i}: {e}")))?;
    }
    let p = match &opts.prefix {
        None => String::new(),
        Some(pre) if pre.is_empty() => String::new(),
        Some(pre) => {
            if !dsig::is_ncname(pre) || pre.contains('.') || pre.to_ascii_lowercase().starts_with("xml") {
                return Err(XmlError::Options(format!("invalid namespace prefix {pre:?}")));
            }
            format!("{pre}:")
        }
    };
    let id_attrs = if opts.id_attrs.is_empty() { dsig::default_id_attrs() } else { opts.id_attrs.clone() };
    let einvoice = opts.profile == Profile::EInvoice;
    let c14n_alg = if einvoice { Algorithm::C14n10 } else { opts.c14n };

    // --- parse the input
    let (text, bom) = dsig::xml_text(xml)?;
    let doc = dsig::parse_document(text)?;
    let registry = IdRegistry::build(&doc, &id_attrs);

    // parent of the Signature and the main reference
    let (parent, main_target): (Node, Option<Node>) = if einvoice {
        let root = doc.root_element();
        if root.tag_name().name() != "HDon" {
            return Err(XmlError::Options(format!(
                "e-invoice profile: the document element is <{}>, not <HDon>",
                root.tag_name().name()
            )));
        }
        let dl = find_path(&doc, "/HDon/DLHDon")?;
        let parent = find_path(&doc, opts.into.as_deref().unwrap_or("/HDon/DSCKS/NBan"))?;
        (parent, Some(dl))
    } else {
        let parent = match &opts.into {
            Some(path) => find_path(&doc, path)?,
            None => doc.root_element(),
        };
        let target = match &opts.ref_id {
            None => None,
            Some(id) => match registry.get(id) {
                IdLookup::Found(n) => Some(n),
                IdLookup::NotFound => {
                    return Err(XmlError::Options(format!("no element has the ID {id:?}")));
                }
                IdLookup::Duplicate(k) => {
                    return Err(XmlError::Options(format!("the ID {id:?} is carried by {k} elements")));
                }
            },
        };
        (parent, target)
    };
    let main_id = match main_target {
        None => None,
        Some(n) => {
            let id = id_of(n, &id_attrs).ok_or_else(|| {
                XmlError::Options(format!("{} has no ID attribute ({})", dsig::element_path(n), id_attrs.join("/")))
            })?;
            if let IdLookup::Duplicate(k) = registry.get(&id) {
                return Err(XmlError::Options(format!("the ID {id:?} is carried by {k} elements")));
            }
            if !dsig::is_ncname(&id) {
                return Err(XmlError::Options(format!("ID {id:?} is not an XML name")));
            }
            Some(id)
        }
    };
    let enveloped = match main_target {
        None => true,
        // the real e-invoices carry the (no-op) enveloped transform: mirror them
        Some(_) if einvoice => true,
        Some(t) => parent.ancestors().any(|a| a == t),
    };

    // --- IDs (deterministic from the input, checked against the document)
    let seed = DigestAlg::Sha256.digest(xml);
    let suffix: String = seed[..6].iter().map(|b| format!("{b:02x}")).collect();
    let fresh = |base: &str| -> String {
        let mut cand = format!("{base}-{suffix}");
        let mut k = 1;
        while registry.contains(&cand) {
            cand = format!("{base}-{suffix}-{k}");
            k += 1;
        }
        cand
    };
    let sig_id = match &opts.signature_id {
        Some(id) => {
            if !dsig::is_ncname(id) || registry.contains(id) {
                return Err(XmlError::Options(format!("signature_id {id:?} is not an XML name or already used")));
            }
            id.clone()
        }
        None => fresh("Signature"),
    };
    let time = match &opts.signing_time {
        Some(t) => {
            check_time(t)?;
            t.clone()
        }
        None => now_vietnam(),
    };

    // --- references
    let mut refs = Vec::new();
    let mut main_transforms = Vec::new();
    if enveloped {
        main_transforms.push(Transform::Enveloped);
    }
    main_transforms.push(Transform::C14n(c14n_alg, vec![]));
    let ref0_id = opts.xades.then(|| format!("{sig_id}-ref0"));
    refs.push(Ref {
        id: ref0_id.clone(),
        uri: main_id.as_ref().map(|i| format!("#{i}")).unwrap_or_default(),
        typ: None,
        transforms: main_transforms,
        target: match &main_id {
            Some(i) => RefTarget::Id(i.clone()),
            None => RefTarget::Whole,
        },
    });
    let mut objects = String::new();
    if einvoice {
        let obj_id = fresh("SigningTime");
        objects.push_str(&format!(
            "<{p}Object Id=\"{obj_id}\"><{p}SignatureProperties><{p}SignatureProperty Target=\"#{sig_id}\"><{p}SigningTime>{}</{p}SigningTime></{p}SignatureProperty></{p}SignatureProperties></{p}Object>",
            dsig::escape(&time)
        ));
        refs.push(Ref {
            id: None,
            uri: format!("#{obj_id}"),
            typ: Some(dsig::SIGNATURE_PROPERTIES_TYPE),
            transforms: vec![Transform::C14n(Algorithm::C14n10, vec![])],
            target: RefTarget::Id(obj_id),
        });
    }
    if opts.xades {
        let sp_id = fresh("SignedProperties");
        let cert_digest = DigestAlg::Sha256.digest(signer_der);
        let issuer_serial = issuer_serial_der(signer_der)?;
        let ref0 = ref0_id.clone().unwrap_or_default();
        objects.push_str(&format!(
            concat!(
                "<{p}Object><xades:QualifyingProperties xmlns:xades=\"{xns}\" Target=\"#{sig}\">",
                "<xades:SignedProperties Id=\"{sp}\"><xades:SignedSignatureProperties>",
                "<xades:SigningTime>{time}</xades:SigningTime>",
                "<xades:SigningCertificateV2><xades:Cert><xades:CertDigest>",
                "<{p}DigestMethod Algorithm=\"{dm}\"/><{p}DigestValue>{dv}</{p}DigestValue>",
                "</xades:CertDigest><xades:IssuerSerialV2>{is}</xades:IssuerSerialV2></xades:Cert>",
                "</xades:SigningCertificateV2></xades:SignedSignatureProperties>",
                "<xades:SignedDataObjectProperties><xades:DataObjectFormat ObjectReference=\"#{r0}\">",
                "<xades:MimeType>text/xml</xades:MimeType></xades:DataObjectFormat>",
                "</xades:SignedDataObjectProperties></xades:SignedProperties>",
                "</xades:QualifyingProperties></{p}Object>"
            ),
            p = p,
            xns = XADES_NS,
            sig = sig_id,
            sp = sp_id,
            time = dsig::escape(&time),
            dm = dsig::digest_uri(DigestAlg::Sha256).unwrap_or_default(),
            dv = dsig::b64(&cert_digest),
            is = dsig::b64(&issuer_serial),
            r0 = ref0,
        ));
        refs.push(Ref {
            id: None,
            uri: format!("#{sp_id}"),
            typ: Some(XADES_SIGNED_PROPERTIES_TYPE),
            transforms: vec![Transform::C14n(Algorithm::ExcC14n, vec![])],
            target: RefTarget::Id(sp_id),
        });
    }

    // --- the Signature text with placeholders
    let ph_digest = |i: usize| format!("KYSO-DIGEST-PLACEHOLDER-{suffix}-{i}");
    let ph_sigval = format!("KYSO-SIGNATURE-VALUE-PLACEHOLDER-{suffix}");
    let xmlns = if p.is_empty() {
        format!("xmlns=\"{DSIG_NS}\"")
    } else {
        format!("xmlns:{}=\"{DSIG_NS}\"", &p[..p.len() - 1])
    };
    let mut s = format!(
        "<{p}Signature {xmlns} Id=\"{sig_id}\"><{p}SignedInfo><{p}CanonicalizationMethod Algorithm=\"{}\"/><{p}SignatureMethod Algorithm=\"{}\"/>",
        c14n_alg.uri(),
        opts.method.uri()
    );
    for (i, r) in refs.iter().enumerate() {
        s.push_str(&format!("<{p}Reference"));
        if let Some(id) = &r.id {
            s.push_str(&format!(" Id=\"{id}\""));
        }
        s.push_str(&format!(" URI=\"{}\"", dsig::escape(&r.uri)));
        if let Some(t) = r.typ {
            s.push_str(&format!(" Type=\"{t}\""));
        }
        s.push_str(&format!("><{p}Transforms>"));
        for t in &r.transforms {
            let uri = t.uri();
            s.push_str(&format!("<{p}Transform Algorithm=\"{uri}\"/>"));
        }
        s.push_str(&format!(
            "</{p}Transforms><{p}DigestMethod Algorithm=\"{}\"/><{p}DigestValue>{}</{p}DigestValue></{p}Reference>",
            dsig::digest_uri(opts.digest).unwrap_or_default(),
            ph_digest(i)
        ));
    }
    s.push_str(&format!("</{p}SignedInfo><{p}SignatureValue>{ph_sigval}</{p}SignatureValue><{p}KeyInfo><{p}X509Data>"));
    for c in cert_chain_der {
        s.push_str(&format!("<{p}X509Certificate>{}</{p}X509Certificate>", dsig::b64(c)));
    }
    s.push_str(&format!("</{p}X509Data></{p}KeyInfo>"));
    s.push_str(&objects);
    s.push_str(&format!("</{p}Signature>"));

    // --- splice point (offsets in `text`)
    let range = parent.range();
    let elem_src = &text[range.clone()];
    let (before, after_open, close): (usize, &str, String) = if elem_src.ends_with("/>") {
        // <X .../> becomes <X ...>SIG</X>
        let qname_end = elem_src[1..]
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .map(|i| i + 1)
            .unwrap_or(elem_src.len());
        let qname = &elem_src[1..qname_end];
        (range.end - 2, ">", format!("</{qname}>"))
    } else {
        let lt = elem_src.rfind("</").ok_or_else(|| XmlError::Parse("closing tag not found".into()))?;
        (range.start + lt, "", String::new())
    };
    let splice = |sig_text: &str| -> String {
        let mut o = String::with_capacity(text.len() + sig_text.len() + 16);
        o.push_str(&text[..before]);
        o.push_str(after_open);
        o.push_str(sig_text);
        o.push_str(&close);
        o.push_str(&text[if close.is_empty() { before } else { range.end }..]);
        o
    };
    let sig_start = before + after_open.len();

    // --- parse the document as it will be, compute the digests
    let out1 = splice(&s);
    let doc1 = dsig::parse_document(&out1)?;
    let sig_node = doc1
        .descendants()
        .find(|n| dsig::is_ds(*n, "Signature") && n.range().start == sig_start)
        .ok_or_else(|| XmlError::Parse("inserted Signature not found after splicing".into()))?;
    let reg1 = IdRegistry::build(&doc1, &id_attrs);
    let mut digests = Vec::new();
    for r in &refs {
        let data = match &r.target {
            RefTarget::Whole => RefData::Whole(&doc1),
            RefTarget::Id(id) => match reg1.get(id) {
                IdLookup::Found(n) => RefData::Subtree(n),
                _ => {
                    return Err(XmlError::Options(format!("ID {id:?} is not unique after inserting the Signature")));
                }
            },
        };
        let octets =
            transforms::reference_octets(data, false, &r.transforms, sig_node, u64::MAX, &mut Outcome::default())
                .map_err(|e| XmlError::C14n(e.to_string()))?;
        digests.push(dsig::b64(&opts.digest.digest(&octets)));
    }

    // --- canonical SignedInfo (in its real context), placeholders filled
    let si = dsig::ds_child(sig_node, "SignedInfo").ok_or_else(|| XmlError::Parse("SignedInfo not found".into()))?;
    let si_c14n =
        c14n::canonicalize(&NodeSet::subtree(si), c14n_alg, &[]).map_err(|e| XmlError::C14n(e.to_string()))?;
    let mut si_text = String::from_utf8(si_c14n).map_err(|e| XmlError::C14n(e.to_string()))?;
    for (i, d) in digests.iter().enumerate() {
        let ph = ph_digest(i);
        if si_text.matches(&ph).count() != 1 || s.matches(&ph).count() != 1 {
            return Err(XmlError::C14n("digest placeholder collision".into()));
        }
        si_text = si_text.replace(&ph, d);
        s = s.replace(&ph, d);
    }

    // --- sign and check
    let raw = sign_fn(si_text.as_bytes()).map_err(XmlError::Signer)?;
    let sig_value = match (scheme, key.kind) {
        (SigScheme::Ecdsa(_), KeyType::Ec { field_len }) => {
            dsig::ecdsa_der_to_raw(&raw, field_len).map_err(XmlError::Signer)?
        }
        _ => raw,
    };
    match dsig::verify_signature_value(scheme, &key, si_text.as_bytes(), &sig_value) {
        Ok(true) => {}
        Ok(false) => {
            return Err(XmlError::Signer(
                "the signature value does not verify with the signer certificate's key (wrong key or algorithm?)"
                    .into(),
            ));
        }
        // cannot check (e.g. an EC curve other than P-256): trust the signer
        Err(_) if matches!(scheme, SigScheme::Ecdsa(_)) => {}
        Err(e) => return Err(XmlError::Signer(e)),
    }
    s = s.replace(&ph_sigval, &dsig::b64(&sig_value));

    if let Some(ts_fn) = ts_fn {
        // The time-stamp covers the SignatureValue element, canonicalized in its context.
        let out2 = splice(&s);
        let doc2 = dsig::parse_document(&out2)?;
        let sv = doc2
            .descendants()
            .find(|n| dsig::is_ds(*n, "Signature") && n.range().start == sig_start)
            .and_then(|n| dsig::ds_child(n, "SignatureValue"))
            .ok_or_else(|| XmlError::Parse("SignatureValue not found after splicing".into()))?;
        let sv_c14n = c14n::canonicalize(&NodeSet::subtree(sv), Algorithm::ExcC14n, &[])
            .map_err(|e| XmlError::C14n(e.to_string()))?;
        let token = ts_fn(&sv_c14n).map_err(XmlError::Signer)?;
        let unsigned = format!(
            concat!(
                "<xades:UnsignedProperties><xades:UnsignedSignatureProperties>",
                "<xades:SignatureTimeStamp Id=\"{id}\"><{p}CanonicalizationMethod Algorithm=\"{c}\"/>",
                "<xades:EncapsulatedTimeStamp>{t}</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>",
                "</xades:UnsignedSignatureProperties></xades:UnsignedProperties>"
            ),
            id = fresh("SignatureTimeStamp"),
            p = p,
            c = Algorithm::ExcC14n.uri(),
            t = dsig::b64(&token),
        );
        let close = "</xades:QualifyingProperties>";
        if s.matches(close).count() != 1 {
            return Err(XmlError::Parse("QualifyingProperties not found once".into()));
        }
        s = s.replace(close, &(unsigned + close));
    }

    let out = splice(&s);
    let mut bytes = Vec::with_capacity(out.len() + bom);
    bytes.extend_from_slice(&xml[..bom]);
    bytes.extend_from_slice(out.as_bytes());
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_format() {
        let t = now_vietnam();
        assert!(check_time(&t).is_ok(), "{t}");
        assert!(t.ends_with("+07:00"));
        assert!(check_time("2024-01-31").is_err());
        assert!(check_time("2024-01-31T10:00:00<x").is_err());
    }

    #[test]
    fn paths() {
        let doc = Document::parse("<a><b/><c/><c/></a>").unwrap();
        assert!(find_path(&doc, "/a/b").is_ok());
        assert!(matches!(find_path(&doc, "/a/c"), Err(XmlError::Options(_))));
        assert!(find_path(&doc, "/a/c[2]").is_ok());
        assert!(find_path(&doc, "/a/c[3]").is_err());
        assert!(matches!(find_path(&doc, "/a/d"), Err(XmlError::Options(_))));
        assert!(matches!(find_path(&doc, "/x"), Err(XmlError::Options(_))));
    }
}
