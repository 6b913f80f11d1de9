//! XMLDSig verification: every `ds:Signature` of a document, each reported
//! separately, with signature-wrapping and duplicate-ID defences.
//!
//! What is checked is what is signed: `SignedInfo` is canonicalized once,
//! the signature value is verified over those octets, and the references are
//! read from those same octets (re-parsed), never from the DOM again.
//!
//! Trust (chain building, validity period, revocation) is not decided here:
//! the report gives the certificates and which one verified.

use std::fmt;

use roxmltree::{Document, Node};

use super::c14n::{self, NodeSet};
use super::dsig::{
    self, DSIG11_NS, DigestMethod, IdLookup, IdRegistry, MAX_REFERENCES, MAX_TRANSFORMS, RefData, SignatureAlgorithm,
    Transform, XADES_NS, XmlError,
};

/// Outcome of one `Reference`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefReport {
    /// The `URI` attribute as signed.
    pub uri: String,
    /// Element path of the target (`/` for the whole document).
    pub target_path: Option<String>,
    /// The recomputed digest equals `DigestValue`.
    pub digest_ok: bool,
    /// Why the digest is not ok (or could not be computed).
    pub problem: Option<String>,
}

/// A problem that makes a signature invalid (besides digest/value failures).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlProblem {
    /// A referenced ID is carried by several elements.
    DuplicateId(String),
    /// A reference to something outside this document.
    ExternalReference(String),
    /// A same-document reference form that is not supported (XPointer other
    /// than `#xpointer(/)` / `#xpointer(id('x'))`, missing URI).
    UnsupportedReference(String),
    /// `#id` that no element carries.
    ReferenceNotFound(String),
    /// More than [`MAX_REFERENCES`] references (none processed).
    TooManyReferences(usize),
    /// More than [`MAX_TRANSFORMS`] transforms in the reference with this URI.
    TooManyTransforms(String),
    /// A transform outside the allow-list.
    UnsupportedTransform(String),
    /// A C14N/signature/digest algorithm outside the allow-list, or a key
    /// type/curve that cannot be used with it.
    UnsupportedAlgorithm(String),
    /// `KeyValue` disagrees with the certificate that verified.
    KeyValueMismatch,
    /// No `X509Certificate` in `KeyInfo`.
    NoCertificate,
    /// An `X509Certificate` that cannot be parsed.
    BadCertificate(String),
    /// Structure errors.
    Malformed(String),
    /// A reference target in an unexpected place.
    WrappingSuspected(String),
    /// XAdES SigningCertificate does not name the signer certificate, or
    /// SignedProperties is not covered by a valid reference.
    XadesMismatch(String),
}

impl fmt::Display for XmlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XmlProblem::DuplicateId(id) => write!(f, "duplicate ID {id:?}"),
            XmlProblem::ExternalReference(u) => write!(f, "external reference {u:?} refused"),
            XmlProblem::UnsupportedReference(u) => write!(f, "unsupported reference {u:?}"),
            XmlProblem::ReferenceNotFound(u) => write!(f, "reference target {u:?} not found"),
            XmlProblem::TooManyReferences(n) => {
                write!(f, "{n} references (limit {MAX_REFERENCES})")
            }
            XmlProblem::TooManyTransforms(u) => {
                write!(f, "reference {u:?} has more than {MAX_TRANSFORMS} transforms")
            }
            XmlProblem::UnsupportedTransform(u) => write!(f, "unsupported transform {u:?}"),
            XmlProblem::UnsupportedAlgorithm(u) => write!(f, "unsupported algorithm: {u}"),
            XmlProblem::KeyValueMismatch => write!(f, "KeyValue differs from the certificate key"),
            XmlProblem::NoCertificate => write!(f, "no X509Certificate in KeyInfo"),
            XmlProblem::BadCertificate(m) => write!(f, "bad certificate: {m}"),
            XmlProblem::Malformed(m) => write!(f, "malformed signature: {m}"),
            XmlProblem::WrappingSuspected(m) => write!(f, "signature wrapping suspected: {m}"),
            XmlProblem::XadesMismatch(m) => write!(f, "XAdES: {m}"),
        }
    }
}

/// Report on one `ds:Signature`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlSignatureReport {
    /// 0-based position among the document's signatures (document order).
    pub index: usize,
    /// Element path of the Signature, e.g. `/HDon/DSCKS/NBan/Signature`.
    pub signature_path: String,
    /// SignatureMethod `Algorithm` (as signed).
    pub method_uri: String,
    /// SHA-1 is used somewhere (signature method, a digest, XAdES CertDigest).
    pub weak_algorithm: bool,
    /// One entry per signed `Reference`, in order.
    pub references: Vec<RefReport>,
    /// SignatureValue verifies over the canonical SignedInfo with a
    /// certificate key from X509Data.
    pub signature_value_ok: bool,
    /// X509Certificate values in document order.
    pub certificates_der: Vec<Vec<u8>>,
    /// The certificate whose key verified SignatureValue.
    pub signer_cert_der: Option<Vec<u8>>,
    /// Everything else that makes the signature invalid.
    pub problems: Vec<XmlProblem>,
}

impl XmlSignatureReport {
    /// Cryptographically intact and structurally clean: signature value ok,
    /// every reference ok, no problem. (Says nothing about trust.)
    pub fn is_intact(&self) -> bool {
        self.signature_value_ok
            && !self.references.is_empty()
            && self.references.iter().all(|r| r.digest_ok)
            && self.problems.is_empty()
    }
}

/// Verify every XMLDSig `Signature` in `xml`. `id_attrs`: ID attribute names
/// (empty = `Id`, `ID`, `id`). `Err` only when the document cannot be parsed.
pub fn verify(xml: &[u8], id_attrs: &[String]) -> Result<Vec<XmlSignatureReport>, XmlError> {
    let (text, _) = dsig::xml_text(xml)?;
    let doc = dsig::parse_document(text)?;
    let ids = if id_attrs.is_empty() { dsig::default_id_attrs() } else { id_attrs.to_vec() };
    let registry = IdRegistry::build(&doc, &ids);
    let sigs: Vec<Node> = doc.descendants().filter(|n| dsig::is_ds(*n, "Signature")).collect();
    Ok(sigs.into_iter().enumerate().map(|(i, s)| verify_one(&doc, s, &registry, i)).collect())
}

struct RefOutcome<'a, 'i> {
    report: RefReport,
    target: Option<Node<'a, 'i>>,
    whole: bool,
}

fn verify_one<'a, 'i>(
    doc: &'a Document<'i>,
    sig: Node<'a, 'i>,
    registry: &IdRegistry<'a, 'i>,
    index: usize,
) -> XmlSignatureReport {
    let mut r = XmlSignatureReport {
        index,
        signature_path: dsig::element_path(sig),
        method_uri: String::new(),
        weak_algorithm: false,
        references: Vec::new(),
        signature_value_ok: false,
        certificates_der: Vec::new(),
        signer_cert_der: None,
        problems: Vec::new(),
    };
    let kids: Vec<Node> = dsig::child_elements(sig).collect();
    let Some(si) = kids.first().copied().filter(|n| dsig::is_ds(*n, "SignedInfo")) else {
        r.problems.push(XmlProblem::Malformed("SignedInfo is not the first child".into()));
        return r;
    };
    let Some(sv) = kids.get(1).copied().filter(|n| dsig::is_ds(*n, "SignatureValue")) else {
        r.problems.push(XmlProblem::Malformed("SignatureValue does not follow SignedInfo".into()));
        return r;
    };
    let key_info = kids.iter().skip(2).copied().find(|n| dsig::is_ds(*n, "KeyInfo"));

    // certificates
    if let Some(ki) = key_info {
        for xd in dsig::child_elements(ki).filter(|n| dsig::is_ds(*n, "X509Data")) {
            for c in dsig::child_elements(xd).filter(|n| dsig::is_ds(*n, "X509Certificate")) {
                match dsig::b64_decode(&dsig::text_content(c)) {
                    Ok(der) => r.certificates_der.push(der),
                    Err(e) => r.problems.push(XmlProblem::BadCertificate(e)),
                }
            }
        }
    }
    if r.certificates_der.is_empty() {
        r.problems.push(XmlProblem::NoCertificate);
    }

    // canonical SignedInfo
    let Some(cm) = dsig::child_elements(si).next().filter(|n| dsig::is_ds(*n, "CanonicalizationMethod")) else {
        r.problems.push(XmlProblem::Malformed("CanonicalizationMethod is not the first child of SignedInfo".into()));
        return r;
    };
    let (c14n_alg, prefixes) = match dsig::parse_transform(cm) {
        Ok(Transform::C14n(a, p)) => (a, p),
        Ok(Transform::Enveloped) | Err(_) => {
            r.problems.push(XmlProblem::UnsupportedAlgorithm(format!(
                "CanonicalizationMethod {}",
                cm.attribute("Algorithm").unwrap_or("")
            )));
            return r;
        }
    };
    let si_bytes = match c14n::canonicalize(&NodeSet::subtree(si), c14n_alg, &prefixes) {
        Ok(b) => b,
        Err(e) => {
            r.problems.push(XmlProblem::Malformed(format!("SignedInfo: {e}")));
            return r;
        }
    };
    let si_text = match std::str::from_utf8(&si_bytes) {
        Ok(t) => t,
        Err(e) => {
            r.problems.push(XmlProblem::Malformed(format!("SignedInfo: {e}")));
            return r;
        }
    };
    // the SAME octets that are verified are what the references come from
    let si_doc = match dsig::parse_document(si_text) {
        Ok(d) => d,
        Err(e) => {
            r.problems.push(XmlProblem::Malformed(format!("canonical SignedInfo: {e}")));
            return r;
        }
    };
    let si2 = si_doc.root_element();
    let si2_kids: Vec<Node> = dsig::child_elements(si2).collect();
    let ok_shape = dsig::is_ds(si2, "SignedInfo")
        && si2_kids.len() >= 2
        && dsig::is_ds(si2_kids[0], "CanonicalizationMethod")
        && si2_kids[0].attribute("Algorithm") == Some(c14n_alg.uri())
        && dsig::is_ds(si2_kids[1], "SignatureMethod")
        && si2_kids[2..].iter().all(|n| dsig::is_ds(*n, "Reference"));
    if !ok_shape {
        r.problems.push(XmlProblem::Malformed(
            "SignedInfo must be CanonicalizationMethod, SignatureMethod, Reference+".into(),
        ));
        return r;
    }
    r.method_uri = si2_kids[1].attribute("Algorithm").unwrap_or("").to_string();
    let alg = SignatureAlgorithm::from_uri(&r.method_uri);
    match alg {
        Some(a) => r.weak_algorithm |= a.digest.is_weak(),
        None => r.problems.push(XmlProblem::UnsupportedAlgorithm(format!("SignatureMethod {}", r.method_uri))),
    }

    // signature value, with each certificate in turn
    let mut signer_key = None;
    if let Some(alg) = alg {
        match dsig::b64_decode(&dsig::text_content(sv)) {
            Err(e) => r.problems.push(XmlProblem::Malformed(format!("SignatureValue: {e}"))),
            Ok(sig_bytes) => {
                let mut key_problem = None;
                for der in &r.certificates_der {
                    let key = match dsig::cert_key(der) {
                        Ok(k) => k,
                        Err(e) => {
                            r.problems.push(XmlProblem::BadCertificate(e));
                            continue;
                        }
                    };
                    match dsig::verify_signature_value(alg, &key, &si_bytes, &sig_bytes) {
                        Ok(true) => {
                            r.signature_value_ok = true;
                            r.signer_cert_der = Some(der.clone());
                            signer_key = Some(key);
                            break;
                        }
                        Ok(false) => {}
                        Err(e) => key_problem = Some(e),
                    }
                }
                if !r.signature_value_ok
                    && let Some(e) = key_problem
                {
                    r.problems.push(XmlProblem::UnsupportedAlgorithm(e));
                }
            }
        }
    }

    // KeyValue must agree with the verifying certificate
    if let (Some(ki), Some(key)) = (key_info, &signer_key) {
        for kv in dsig::child_elements(ki).filter(|n| dsig::is_ds(*n, "KeyValue")) {
            if !key_value_matches(kv, key) {
                r.problems.push(XmlProblem::KeyValueMismatch);
            }
        }
    }

    // references
    let refs = &si2_kids[2..];
    if refs.is_empty() {
        r.problems.push(XmlProblem::Malformed("no Reference".into()));
    }
    let mut outcomes = Vec::new();
    if refs.len() > MAX_REFERENCES {
        r.problems.push(XmlProblem::TooManyReferences(refs.len()));
        for rf in refs {
            r.references.push(RefReport {
                uri: rf.attribute("URI").unwrap_or("").to_string(),
                target_path: None,
                digest_ok: false,
                problem: Some("not processed: too many references".into()),
            });
        }
    } else {
        for rf in refs {
            let o = check_reference(doc, sig, registry, *rf, &mut r);
            outcomes.push(o);
        }
    }

    // wrapping heuristics
    for o in &outcomes {
        if let Some(t) = o.target {
            wrapping_checks(doc, sig, t, &o.report.uri, &mut r.problems);
        }
    }
    let root = doc.root_element();
    if root.tag_name().name() == "HDon" && r.signature_path.starts_with("/HDon/DSCKS/") {
        let covered = outcomes.iter().any(|o| {
            o.whole
                || o.target
                    .is_some_and(|t| t == root || (dsig::element_path(t) == "/HDon/DLHDon" && t.parent() == Some(root)))
        });
        if !covered {
            r.problems
                .push(XmlProblem::WrappingSuspected("e-invoice signature does not reference /HDon/DLHDon".into()));
        }
    }

    // XAdES: SignedProperties must be signed and name the signer certificate
    xades_checks(sig, &outcomes, &mut r);

    r.references = if r.references.is_empty() {
        outcomes.into_iter().map(|o| o.report).collect()
    } else {
        std::mem::take(&mut r.references)
    };
    r
}

fn key_value_matches(kv: Node, key: &dsig::CertKey) -> bool {
    use rsa::traits::PublicKeyParts;
    use spki::DecodePublicKey;
    fn trim(b: &[u8]) -> &[u8] {
        let i = b.iter().position(|x| *x != 0).unwrap_or(b.len());
        &b[i..]
    }
    for v in dsig::child_elements(kv) {
        if dsig::is_ds(v, "RSAKeyValue") {
            if !key.is_rsa {
                return false;
            }
            let Ok(pk) = rsa::RsaPublicKey::from_public_key_der(&key.spki_der) else {
                return false;
            };
            let get = |name: &str| {
                dsig::ds_child(v, name).and_then(|n| dsig::b64_decode(&dsig::text_content(n)).ok()).unwrap_or_default()
            };
            let (m, e) = (get("Modulus"), get("Exponent"));
            return trim(&m) == trim(&pk.n_bytes()) && trim(&e) == trim(&pk.e_bytes());
        }
        if v.tag_name().name() == "ECKeyValue" && v.tag_name().namespace() == Some(DSIG11_NS) {
            if key.is_rsa {
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

fn parse_xpointer_id(frag: &str) -> Option<&str> {
    let inner = frag.strip_prefix("xpointer(id(")?.strip_suffix("))")?;
    let q = inner.chars().next()?;
    if q != '\'' && q != '"' {
        return None;
    }
    inner.strip_prefix(q)?.strip_suffix(q)
}

fn check_reference<'a, 'i>(
    doc: &'a Document<'i>,
    sig: Node<'a, 'i>,
    registry: &IdRegistry<'a, 'i>,
    rf: Node,
    r: &mut XmlSignatureReport,
) -> RefOutcome<'a, 'i> {
    let uri_attr = rf.attribute("URI");
    let mut out = RefOutcome {
        report: RefReport {
            uri: uri_attr.unwrap_or("").to_string(),
            target_path: None,
            digest_ok: false,
            problem: None,
        },
        target: None,
        whole: false,
    };
    let fail = |out: &mut RefOutcome, msg: String| out.report.problem = Some(msg);
    let Some(uri) = uri_attr else {
        r.problems.push(XmlProblem::UnsupportedReference("(no URI attribute)".into()));
        fail(&mut out, "Reference without URI".into());
        return out;
    };

    // transforms
    let mut transforms = Vec::new();
    if let Some(ts) = dsig::ds_child(rf, "Transforms") {
        let list: Vec<Node> = dsig::child_elements(ts).collect();
        if list.len() > MAX_TRANSFORMS {
            r.problems.push(XmlProblem::TooManyTransforms(uri.to_string()));
            fail(&mut out, "too many transforms".into());
            return out;
        }
        for t in list {
            if !dsig::is_ds(t, "Transform") {
                r.problems.push(XmlProblem::Malformed("unexpected element in Transforms".into()));
                fail(&mut out, "malformed Transforms".into());
                return out;
            }
            match dsig::parse_transform(t) {
                Ok(t) => transforms.push(t),
                Err(u) => {
                    r.problems.push(XmlProblem::UnsupportedTransform(u.clone()));
                    fail(&mut out, format!("unsupported transform {u}"));
                    return out;
                }
            }
        }
    }
    let dm_uri = dsig::ds_child(rf, "DigestMethod").and_then(|n| n.attribute("Algorithm")).unwrap_or("");
    let Some(dm) = DigestMethod::from_uri(dm_uri) else {
        r.problems.push(XmlProblem::UnsupportedAlgorithm(format!("DigestMethod {dm_uri}")));
        fail(&mut out, format!("unsupported digest {dm_uri}"));
        return out;
    };
    r.weak_algorithm |= dm.is_weak();
    let expected = match dsig::ds_child(rf, "DigestValue")
        .ok_or_else(|| "no DigestValue".to_string())
        .and_then(|n| dsig::b64_decode(&dsig::text_content(n)))
    {
        Ok(v) => v,
        Err(e) => {
            r.problems.push(XmlProblem::Malformed(format!("Reference {uri:?}: {e}")));
            fail(&mut out, e);
            return out;
        }
    };

    // dereference (same document only)
    let (data, keep_comments) = if uri.is_empty() {
        (Some(RefData::Whole(doc)), false)
    } else if let Some(frag) = uri.strip_prefix('#') {
        let (id, keep) = if frag == "xpointer(/)" {
            (None, true)
        } else if let Some(id) = parse_xpointer_id(frag) {
            (Some(id), true)
        } else if frag.starts_with("xpointer(") || frag.is_empty() {
            r.problems.push(XmlProblem::UnsupportedReference(uri.to_string()));
            fail(&mut out, "unsupported XPointer".into());
            return out;
        } else {
            (Some(frag), false)
        };
        match id {
            None => (Some(RefData::Whole(doc)), keep),
            Some(id) => match registry.get(id) {
                IdLookup::Found(n) => (Some(RefData::Subtree(n)), keep),
                IdLookup::NotFound => {
                    r.problems.push(XmlProblem::ReferenceNotFound(uri.to_string()));
                    fail(&mut out, format!("no element with ID {id:?}"));
                    (None, keep)
                }
                IdLookup::Duplicate(k) => {
                    r.problems.push(XmlProblem::DuplicateId(id.to_string()));
                    fail(&mut out, format!("ID {id:?} is carried by {k} elements"));
                    (None, keep)
                }
            },
        }
    } else {
        r.problems.push(XmlProblem::ExternalReference(uri.to_string()));
        fail(&mut out, "external reference refused".into());
        (None, false)
    };
    let Some(data) = data else {
        return out;
    };
    match data {
        RefData::Whole(_) => {
            out.whole = true;
            out.report.target_path = Some("/".into());
        }
        RefData::Subtree(n) => {
            out.target = Some(n);
            out.report.target_path = Some(dsig::element_path(n));
        }
    }
    match dsig::reference_octets(data, keep_comments, &transforms, sig) {
        Ok(octets) => {
            out.report.digest_ok = dm.digest(&octets) == expected;
            if !out.report.digest_ok {
                out.report.problem = Some("digest mismatch".into());
            }
        }
        Err(e) => {
            r.problems.push(XmlProblem::Malformed(format!("Reference {uri:?}: {e}")));
            out.report.problem = Some(e);
        }
    }
    out
}

fn wrapping_checks(doc: &Document, sig: Node, target: Node, uri: &str, problems: &mut Vec<XmlProblem>) {
    let path = dsig::element_path(target);
    // inside a Signature?
    if let Some(owner) = target.ancestors().find(|a| dsig::is_ds(*a, "Signature")) {
        if owner != sig {
            problems.push(XmlProblem::WrappingSuspected(format!(
                "reference {uri:?} targets {path}, inside another Signature"
            )));
        } else {
            let in_allowed = target
                .ancestors()
                .take_while(|a| *a != sig)
                .any(|a| a.parent() == Some(sig) && (dsig::is_ds(a, "Object") || dsig::is_ds(a, "KeyInfo")));
            if !in_allowed {
                problems.push(XmlProblem::WrappingSuspected(format!(
                    "reference {uri:?} targets {path}, part of the Signature itself"
                )));
            }
        }
    }
    // e-invoice: the invoice data lives at /HDon/DLHDon and nowhere else
    let root = doc.root_element();
    if root.tag_name().name() == "HDon"
        && target.tag_name().name() == "DLHDon"
        && !(path == "/HDon/DLHDon" && target.parent() == Some(root))
    {
        problems
            .push(XmlProblem::WrappingSuspected(format!("reference {uri:?} targets {path}, expected /HDon/DLHDon")));
    }
}

fn xades_checks(sig: Node, outcomes: &[RefOutcome], r: &mut XmlSignatureReport) {
    let is_x = |n: Node, local: &str| {
        n.is_element() && n.tag_name().name() == local && n.tag_name().namespace() == Some(XADES_NS)
    };
    for sp in sig.descendants().filter(|n| is_x(*n, "SignedProperties")) {
        let signed = outcomes.iter().any(|o| o.report.digest_ok && o.target == Some(sp));
        if !signed {
            r.problems.push(XmlProblem::XadesMismatch("SignedProperties is not covered by a valid reference".into()));
        }
        let mut any = false;
        let mut matched = false;
        for cd in sp.descendants().filter(|n| is_x(*n, "CertDigest")) {
            any = true;
            let dm = dsig::ds_child(cd, "DigestMethod")
                .and_then(|n| n.attribute("Algorithm"))
                .and_then(DigestMethod::from_uri);
            let dv = dsig::ds_child(cd, "DigestValue").and_then(|n| dsig::b64_decode(&dsig::text_content(n)).ok());
            if let (Some(dm), Some(dv), Some(cert)) = (dm, dv, &r.signer_cert_der) {
                r.weak_algorithm |= dm.is_weak();
                if dm.digest(cert) == dv {
                    matched = true;
                }
            }
        }
        if any && r.signer_cert_der.is_some() && !matched {
            r.problems
                .push(XmlProblem::XadesMismatch("SigningCertificate does not match the signer certificate".into()));
        }
    }
}
