//! XMLDSig verification: every `ds:Signature` of a document, each reported separately,
//! with signature-wrapping and duplicate-ID defences.
//!
//! What is checked is what is signed: `SignedInfo` is canonicalized once, the signature
//! value is verified over those octets, and the references are read from those same
//! octets (re-parsed), never from the DOM again.
//!
//! Verdict discipline: a problem is INVALID only when something is proven wrong (a digest
//! or signature value that does not match, a duplicate ID, wrapping, malformed
//! structure); what kyso cannot process or resolve, and its safety limits, are reported as
//! such ([`XmlProblem::Unsupported`], [`XmlProblem::NotFound`], [`XmlProblem::Limit`]), for
//! an INDETERMINATE verdict.
//!
//! Vietnamese messages (see [`super::vn`]): each signature must sign the data an
//! application reads; in a message holding several invoices each invoice's signatures
//! are verified within its own `HDon`, as the tax authority extracts them.
//!
//! Trust (chain building, validity period, revocation) is not decided here: the report
//! gives the certificates and which one verified.

use std::fmt;
use std::path::PathBuf;

use roxmltree::{Document, Node};

use super::c14n::{self, NodeSet};
use super::dsig::{self, IdRegistry, PathIndex, XADES_NS, XmlError};
use super::keyinfo;
use super::limits::{self, XmlLimits};
use super::references::{self, Checked, Content, Env, RefStatus};
use super::transforms;
use super::vn;

/// Outcome of one `Reference`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefReport {
    /// The `URI` attribute as signed.
    pub uri: String,
    /// Element path of the target (`/` for the whole document, a file path for a detached
    /// reference).
    pub target_path: Option<String>,
    /// The recomputed digest equals `DigestValue`.
    pub digest_ok: bool,
    /// How it came out.
    pub status: RefStatus,
    /// Why the digest is not ok (or could not be computed).
    pub problem: Option<String>,
    /// For a reference of a `Manifest`: the manifest's 1-based number.
    pub manifest: Option<usize>,
}

/// A problem with a signature, besides its references.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlProblem {
    /// A referenced ID is carried by several elements.
    DuplicateId(String),
    /// A URI form, transform or algorithm kyso does not process (INDETERMINATE).
    Unsupported(String),
    /// Data the signature refers to that cannot be found (INDETERMINATE).
    NotFound(String),
    /// A safety limit: the detail names it and the option that raises it (INDETERMINATE).
    Limit(String),
    /// A C14N/signature/digest algorithm outside the allow-list, or a key type/curve that
    /// cannot be used with it.
    UnsupportedAlgorithm(String),
    /// `KeyValue` disagrees with the certificate that verified.
    KeyValueMismatch,
    /// No usable `X509Certificate` in `KeyInfo`.
    NoCertificate,
    /// Structure errors.
    Malformed(String),
    /// A reference target in an unexpected place (the detail says "wrapping").
    WrappingSuspected(String),
    /// XAdES SigningCertificate does not name the signer certificate, or
    /// SignedProperties is not covered by a valid reference.
    XadesMismatch(String),
    /// Signed text that readers may read differently (split by a comment), in a profile
    /// where that matters.
    AmbiguousContent(String),
    /// An element `--require-signed` names is not covered by the signature.
    NotCovered(String),
    /// The signature value verifies with no KeyInfo certificate, and XAdES names a signing
    /// certificate that KeyInfo does not carry: the signer's key is not at hand.
    SignerCertificateMissing,
}

impl fmt::Display for XmlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XmlProblem::DuplicateId(id) => write!(f, "duplicate ID {id:?}"),
            XmlProblem::Unsupported(m) => write!(f, "unsupported: {m}"),
            XmlProblem::NotFound(m) => write!(f, "signed data not found: {m}"),
            XmlProblem::Limit(m) => write!(f, "{m}"),
            XmlProblem::UnsupportedAlgorithm(u) => write!(f, "unsupported algorithm: {u}"),
            XmlProblem::KeyValueMismatch => write!(f, "KeyValue differs from the certificate key"),
            XmlProblem::NoCertificate => write!(f, "no usable X509Certificate in KeyInfo"),
            XmlProblem::Malformed(m) => write!(f, "malformed signature: {m}"),
            XmlProblem::WrappingSuspected(m) => write!(f, "signature wrapping suspected: {m}"),
            XmlProblem::XadesMismatch(m) => write!(f, "XAdES: {m}"),
            XmlProblem::AmbiguousContent(m) => write!(f, "{m}"),
            XmlProblem::NotCovered(m) => write!(f, "{m}"),
            XmlProblem::SignerCertificateMissing => {
                write!(f, "the signing certificate XAdES names is not in KeyInfo (give it with --certs)")
            }
        }
    }
}

/// A fact about a signature that does not change its verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlNoteKind {
    /// An enveloped-signature transform read as .NET `SignedXml` reads it.
    DotnetEnveloped,
    /// A deviation kyso accepts because real signers produce it.
    Tolerated,
    /// Something a person should look at.
    Warning,
}

/// A note on a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNote {
    pub kind: XmlNoteKind,
    pub detail: String,
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
    /// One entry per signed `Reference`, in order, then those of signed Manifests.
    pub references: Vec<RefReport>,
    /// SignatureValue verifies over the canonical SignedInfo with a certificate key
    /// from X509Data.
    pub signature_value_ok: bool,
    /// X509Certificate values in document order.
    pub certificates_der: Vec<Vec<u8>>,
    /// The certificate whose key verified SignatureValue.
    pub signer_cert_der: Option<Vec<u8>>,
    /// Everything else that keeps the signature from being valid.
    pub problems: Vec<XmlProblem>,
    /// Facts that do not change the verdict.
    pub notes: Vec<XmlNote>,
    /// The claimed signing time (SigningTime property or XAdES), Unix seconds.
    pub signing_time: Option<i64>,
    /// The element the signature was verified within (an invoice of a batch message).
    pub scope: Option<String>,
    /// XAdES SignatureTimeStamp tokens (DER) and, for each, the bytes its imprint must
    /// cover: the SignatureValue element canonicalized with the time-stamp's method.
    pub signature_timestamps: Vec<(Vec<u8>, Vec<u8>)>,
    /// XAdES CertificateValues (DER certificates).
    pub certificate_values: Vec<Vec<u8>>,
    /// XAdES RevocationValues: CRLs (DER).
    pub crl_values: Vec<Vec<u8>>,
    /// XAdES RevocationValues: OCSP responses (DER).
    pub ocsp_values: Vec<Vec<u8>>,
}

impl XmlSignatureReport {
    /// Cryptographically intact and structurally clean: signature value ok, every
    /// reference ok, no problem. (Says nothing about trust.)
    pub fn is_intact(&self) -> bool {
        self.signature_value_ok
            && !self.references.is_empty()
            && self.references.iter().all(|r| r.digest_ok)
            && self.problems.is_empty()
    }
}

/// Which layout rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VerifyProfile {
    /// The Vietnamese rules when the document has the shape of a Vietnamese e-invoice or
    /// tax message.
    #[default]
    Auto,
    /// The Vietnamese e-invoice rules (`--profile einvoice`).
    EInvoice,
    /// Generic XMLDSig only.
    Generic,
}

/// What a verification is told besides the document.
#[derive(Debug, Clone, Default)]
pub struct VerifyConfig {
    /// ID attribute names (empty = `Id`, `ID`, `id`).
    pub id_attrs: Vec<String>,
    pub limits: XmlLimits,
    /// Where detached references are looked for.
    pub content: Content,
    pub profile: VerifyProfile,
    /// Simple absolute element paths (`/a/b[2]/c`) that some signature must cover.
    pub require_signed: Vec<String>,
}

impl VerifyConfig {
    /// Defaults with the signature file's folder for detached references.
    pub fn for_file(path: &std::path::Path) -> Self {
        let mut c = VerifyConfig::default();
        c.content.base_dir =
            path.parent().map(|p| if p.as_os_str().is_empty() { PathBuf::from(".") } else { p.into() });
        c
    }
}

/// The whole document's result.
#[derive(Debug, Clone, Default)]
pub struct XmlReport {
    pub signatures: Vec<XmlSignatureReport>,
    /// The Vietnamese layout rules applied.
    pub vietnamese: bool,
    /// Invoices (element paths) that no signature signs.
    pub unsigned_invoices: Vec<String>,
}

/// Verify every XMLDSig `Signature` in `xml`. `id_attrs`: ID attribute names (empty =
/// `Id`, `ID`, `id`). `Err` only when the document cannot be parsed.
pub fn verify(xml: &[u8], id_attrs: &[String]) -> Result<Vec<XmlSignatureReport>, XmlError> {
    let cfg = VerifyConfig { id_attrs: id_attrs.to_vec(), ..VerifyConfig::default() };
    verify_with(xml, &cfg).map(|r| r.signatures)
}

/// Verify with every option. `Err` when the document cannot be parsed, or its shape
/// exceeds a parsing limit ([`XmlError::Limit`]).
pub fn verify_with(xml: &[u8], cfg: &VerifyConfig) -> Result<XmlReport, XmlError> {
    let text = dsig::decode(xml)?;
    limits::prescan(&text)?;
    let doc = dsig::parse_document(&text)?;
    let ids = if cfg.id_attrs.is_empty() { dsig::default_id_attrs() } else { cfg.id_attrs.clone() };
    let mut budget = cfg.limits.reference_budget(xml.len());

    let containers = vn::containers(&doc);
    let vietnamese = match cfg.profile {
        VerifyProfile::Generic => false,
        VerifyProfile::EInvoice => true,
        VerifyProfile::Auto => !containers.is_empty(),
    };
    // invoices of a message, verified within their own HDon
    let scopes: Vec<Node> = if vietnamese {
        containers
            .iter()
            .filter(|c| c.kind.container == "HDon" && c.in_slot && c.node != doc.root_element())
            .map(|c| c.node)
            .collect()
    } else {
        Vec::new()
    };
    let main = Scope::new(&doc, &ids, None, 0);
    let mut found: Vec<(usize, XmlSignatureReport, Coverage)> = Vec::new();
    let sigs: Vec<Node> = doc.descendants().filter(|n| dsig::is_ds(*n, "Signature")).collect();
    for s in sigs.iter().filter(|s| !scopes.iter().any(|h| s.ancestors().any(|a| a == *h))) {
        let (r, cov) = main.verify_one(*s, cfg, &containers, vietnamese, &mut budget);
        found.push((s.range().start, r, cov));
    }
    for h in &scopes {
        let sub_text = &text[h.range()];
        let path = main.paths.path(*h);
        let sub = match dsig::parse_document(sub_text) {
            Ok(d) => d,
            Err(e) => {
                // an invoice that does not stand alone (a prefix declared outside it)
                for s in sigs.iter().filter(|s| s.ancestors().any(|a| a == *h)) {
                    let (mut r, cov) = main.verify_one(*s, cfg, &containers, vietnamese, &mut budget);
                    r.notes.push(XmlNote {
                        kind: XmlNoteKind::Warning,
                        detail: format!("the invoice {path} cannot be read on its own ({e}); verified in place"),
                    });
                    found.push((s.range().start, r, cov));
                }
                continue;
            }
        };
        let sub_containers = vn::containers(&sub);
        let scope = Scope::new(&sub, &ids, Some(path.clone()), h.range().start);
        for s in sub.descendants().filter(|n| dsig::is_ds(*n, "Signature")) {
            let (mut r, cov) = scope.verify_one(s, cfg, &sub_containers, true, &mut budget);
            r.scope = Some(path.clone());
            found.push((h.range().start + s.range().start, r, cov));
        }
    }
    found.sort_by_key(|(pos, _, _)| *pos);

    // document-level: invoices nobody signs, elements --require-signed names
    let mut unsigned_invoices = Vec::new();
    if vietnamese {
        for c in containers.iter().filter(|c| c.kind.container == "HDon" && c.in_slot) {
            let path = main.paths.path(c.node);
            let related = |p: &String| {
                p == "/" || *p == path || p.starts_with(&format!("{path}/")) || path.starts_with(&format!("{p}/"))
            };
            let covered = found.iter().any(|(_, _, cov)| cov.paths.iter().any(related));
            if !covered {
                unsigned_invoices.push(path);
            }
        }
    }
    for (k, req) in cfg.require_signed.iter().enumerate() {
        let covered = find_simple_path(&doc, req).is_ok()
            && found.iter().any(|(_, r, cov)| r.is_intact() && cov.required.get(k).copied().unwrap_or(false));
        if !covered {
            let why = match find_simple_path(&doc, req) {
                Ok(_) => format!("--require-signed {req}: no intact signature covers this element"),
                Err(e) => format!("--require-signed {req}: {e}"),
            };
            for (_, r, _) in found.iter_mut() {
                r.problems.push(XmlProblem::NotCovered(why.clone()));
            }
        }
    }
    let signatures = found
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut r, _))| {
            r.index = i;
            r
        })
        .collect();
    Ok(XmlReport { signatures, vietnamese, unsigned_invoices })
}

/// What a signature covers, as element paths of the whole document (for the
/// document-level checks).
#[derive(Debug, Clone, Default)]
struct Coverage {
    /// Apexes of covered subtrees (`/` = everything).
    paths: Vec<String>,
    /// Per `--require-signed` path: covered by an intact reference of this signature.
    required: Vec<bool>,
}

/// Find the element at a simple absolute path (`/a/b[2]/c`); each step must match one
/// element.
fn find_simple_path<'a, 'i>(doc: &'a Document<'i>, path: &str) -> Result<Node<'a, 'i>, String> {
    let steps: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if !path.starts_with('/') || steps.is_empty() {
        return Err("not an absolute element path".into());
    }
    let mut cur = doc.root();
    for step in steps {
        let (name, index) = match step.strip_suffix(']').and_then(|s| s.split_once('[')) {
            Some((n, k)) => match k.parse::<usize>() {
                Ok(k) if k >= 1 => (n, Some(k)),
                _ => return Err(format!("bad step {step:?}")),
            },
            None => (step, None),
        };
        let matches: Vec<Node> = dsig::child_elements(cur).filter(|c| c.tag_name().name() == name).collect();
        cur = match (index, matches.as_slice()) {
            (Some(k), m) => *m.get(k - 1).ok_or_else(|| format!("<{step}> not found"))?,
            (None, [one]) => *one,
            (None, []) => return Err(format!("<{name}> not found")),
            (None, m) => return Err(format!("<{name}> is ambiguous ({} elements); write {name}[n]", m.len())),
        };
    }
    Ok(cur)
}

/// (element id, what a first-text-node reader sees, the whole text).
type SplitTexts = Vec<(usize, String, String)>;

/// A document (or an invoice extracted from a message) being verified.
struct Scope<'a, 'i> {
    doc: &'a Document<'i>,
    /// Split texts found under a subtree apex (by node id).
    split_cache: std::cell::RefCell<std::collections::HashMap<usize, SplitTexts>>,
    registry: IdRegistry<'a, 'i>,
    paths: PathIndex,
    /// The path of this document's root element in the whole document.
    prefix: Option<String>,
}

impl<'a, 'i> Scope<'a, 'i> {
    fn new(doc: &'a Document<'i>, ids: &[String], prefix: Option<String>, _offset: usize) -> Self {
        Scope {
            doc,
            split_cache: Default::default(),
            registry: IdRegistry::build(doc, ids),
            paths: PathIndex::build(doc),
            prefix,
        }
    }

    /// The element at a whole-document path, if it lies in this scope.
    fn find(&self, path: &str) -> Option<Node<'a, 'i>> {
        match &self.prefix {
            None => find_simple_path(self.doc, path).ok(),
            Some(root) => {
                let rest = path.strip_prefix(root.as_str())?;
                if !(rest.is_empty() || rest.starts_with('/')) {
                    return None;
                }
                let own = self.paths.path(self.doc.root_element());
                find_simple_path(self.doc, &format!("{own}{rest}")).ok()
            }
        }
    }

    /// The path of a node in the whole document.
    fn path(&self, n: Node) -> String {
        let p = self.paths.path(n);
        match &self.prefix {
            None => p,
            Some(root) => {
                let own = self.paths.path(self.doc.root_element());
                format!("{root}{}", &p[own.len().min(p.len())..])
            }
        }
    }

    fn verify_one(
        &self,
        sig: Node<'a, 'i>,
        cfg: &VerifyConfig,
        containers: &[vn::Container<'a, 'i>],
        vietnamese: bool,
        budget: &mut u64,
    ) -> (XmlSignatureReport, Coverage) {
        let mut r = XmlSignatureReport {
            index: 0,
            signature_path: self.path(sig),
            method_uri: String::new(),
            weak_algorithm: false,
            references: Vec::new(),
            signature_value_ok: false,
            certificates_der: Vec::new(),
            signer_cert_der: None,
            problems: Vec::new(),
            notes: Vec::new(),
            signing_time: None,
            scope: None,
            signature_timestamps: Vec::new(),
            certificate_values: Vec::new(),
            crl_values: Vec::new(),
            ocsp_values: Vec::new(),
        };
        let mut cov = Coverage::default();
        let kids: Vec<Node> = dsig::child_elements(sig).collect();
        let Some(si) = kids.first().copied().filter(|n| dsig::is_ds(*n, "SignedInfo")) else {
            r.problems.push(XmlProblem::Malformed("SignedInfo is not the first child".into()));
            return (r, cov);
        };
        let Some(sv) = kids.get(1).copied().filter(|n| dsig::is_ds(*n, "SignatureValue")) else {
            r.problems.push(XmlProblem::Malformed("SignatureValue does not follow SignedInfo".into()));
            return (r, cov);
        };
        let key_info = kids.iter().skip(2).copied().find(|n| dsig::is_ds(*n, "KeyInfo"));
        let (certs, bad_certs) = keyinfo::certificates(key_info);
        r.certificates_der = certs;

        // canonical SignedInfo
        let Some(cm) = dsig::child_elements(si).next().filter(|n| dsig::is_ds(*n, "CanonicalizationMethod")) else {
            r.problems
                .push(XmlProblem::Malformed("CanonicalizationMethod is not the first child of SignedInfo".into()));
            return (r, cov);
        };
        let (c14n_alg, prefixes) = match transforms::parse(cm, None) {
            Ok(transforms::Transform::C14n(a, p)) => (a, p),
            _ => {
                r.problems.push(XmlProblem::UnsupportedAlgorithm(format!(
                    "CanonicalizationMethod {}",
                    cm.attribute("Algorithm").unwrap_or("")
                )));
                return (r, cov);
            }
        };
        let si_bytes = match c14n::canonicalize(&NodeSet::subtree(si), c14n_alg, &prefixes) {
            Ok(b) => b,
            Err(e) => {
                r.problems.push(XmlProblem::Malformed(format!("SignedInfo: {e}")));
                return (r, cov);
            }
        };
        let si_text = match std::str::from_utf8(&si_bytes) {
            Ok(t) => t,
            Err(e) => {
                r.problems.push(XmlProblem::Malformed(format!("SignedInfo: {e}")));
                return (r, cov);
            }
        };
        // the SAME octets that are verified are what the references come from
        let si_doc = match dsig::parse_document(si_text) {
            Ok(d) => d,
            Err(e) => {
                r.problems.push(XmlProblem::Malformed(format!("canonical SignedInfo: {e}")));
                return (r, cov);
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
            return (r, cov);
        }
        r.method_uri = si2_kids[1].attribute("Algorithm").unwrap_or("").to_string();
        let scheme = dsig::scheme_from_uri(&r.method_uri);
        match scheme {
            Some(s) => r.weak_algorithm |= s.digest() == crate::pki::alg::DigestAlg::Sha1,
            None => r.problems.push(XmlProblem::UnsupportedAlgorithm(format!("SignatureMethod {}", r.method_uri))),
        }

        // signature value, with each certificate in turn
        let mut signer_key = None;
        if let Some(scheme) = scheme {
            match dsig::b64_decode(&dsig::text_content(sv)) {
                Err(e) => r.problems.push(XmlProblem::Malformed(format!("SignatureValue: {e}"))),
                Ok(sig_bytes) => {
                    let mut key_problem = None;
                    for der in &r.certificates_der {
                        let key = match dsig::cert_key(der) {
                            Ok(k) => k,
                            Err(e) => {
                                key_problem = Some(e);
                                continue;
                            }
                        };
                        match dsig::verify_signature_value(scheme, &key, &si_bytes, &sig_bytes) {
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
        if r.certificates_der.is_empty() {
            r.problems.push(XmlProblem::NoCertificate);
        }
        for b in bad_certs {
            r.notes.push(XmlNote { kind: XmlNoteKind::Warning, detail: b });
        }

        // KeyValue and the other identifiers must agree with the verifying certificate
        if let (Some(ki), Some(key), Some(signer)) = (key_info, &signer_key, &r.signer_cert_der) {
            if !keyinfo::key_value_matches(ki, key) {
                r.problems.push(XmlProblem::KeyValueMismatch);
            }
            for w in keyinfo::identifier_warnings(ki, signer, &r.certificates_der) {
                r.notes.push(XmlNote { kind: XmlNoteKind::Warning, detail: w });
            }
        }

        // references (the DOM's SignedInfo gives here() and missing prefixes)
        let refs = &si2_kids[2..];
        let dom_refs: Vec<Node> = dsig::child_elements(si).skip(2).collect();
        if refs.is_empty() {
            r.problems.push(XmlProblem::Malformed("no Reference".into()));
        }
        let mut checked: Vec<Checked> = Vec::new();
        if refs.len() > cfg.limits.max_references {
            r.problems.push(XmlProblem::Limit(format!(
                "{} references, more than the limit of {} (raise it with --max-references)",
                refs.len(),
                cfg.limits.max_references
            )));
        } else {
            let detached_refs = refs
                .iter()
                .filter(|rf| rf.attribute("URI").is_some_and(|u| !u.is_empty() && !u.starts_with('#')))
                .count();
            let env = Env { doc: self.doc, registry: &self.registry, content: &cfg.content, detached_refs };
            for (k, rf) in refs.iter().enumerate() {
                checked.push(references::check(&env, sig, *rf, dom_refs.get(k).copied(), budget));
            }
        }
        for c in &checked {
            r.references.push(self.ref_report(c, None));
            if let RefStatus::DuplicateId(_) = c.status {
                let id = c.uri.trim_start_matches('#').to_string();
                if !r.problems.contains(&XmlProblem::DuplicateId(id.clone())) {
                    r.problems.push(XmlProblem::DuplicateId(id));
                }
            }
            if c.outcome.dotnet_enveloped {
                r.notes.push(XmlNote {
                    kind: XmlNoteKind::DotnetEnveloped,
                    detail: format!(
                        "reference {:?} points inside its own Signature and carries an enveloped-signature \
                         transform: verified as .NET SignedXml does (the transform removes nothing), as invoices \
                         from .NET-based products (BKSOFT, SoftDreams EasyInvoice, MISA meInvoice, SmartSign) need; \
                         a literal XMLDSig reading (xmlsec1) digests nothing there",
                        c.uri
                    ),
                });
            }
            if let Some(d) = c.digest {
                r.weak_algorithm |= d == crate::pki::alg::DigestAlg::Sha1;
            }
            match (&c.set, c.whole) {
                (Some(s), _) => cov.paths.push(if s.root().is_root() { "/".into() } else { self.path(s.root()) }),
                (None, true) => cov.paths.push("/".into()),
                _ => {}
            }
        }
        cov.required = cfg
            .require_signed
            .iter()
            .map(|p| {
                self.find(p).is_some_and(|el| {
                    checked.iter().any(|c| c.status == RefStatus::Ok && c.set.as_ref().is_some_and(|s| s.contains(el)))
                })
            })
            .collect();

        // manifests covered by a valid reference: their references are checked too
        self.manifests(sig, &checked, cfg, budget, &mut r);

        // wrapping
        for c in &checked {
            if let Some(t) = c.target {
                self.wrapping_checks(sig, t, &c.uri, &mut r.problems);
            }
        }
        if vietnamese && let Some(container) = vn::container_of(containers, sig) {
            let targets: Vec<vn::Target> = checked
                .iter()
                .filter(|c| c.status == RefStatus::Ok || c.status == RefStatus::DigestMismatch)
                .map(|c| vn::Target { node: if c.whole { None } else { c.target }, ok: c.status == RefStatus::Ok })
                .collect();
            // what a reference kyso could not resolve signs is unknown: not "unsigned"
            let complete = !checked.is_empty()
                && checked.iter().all(|c| matches!(c.status, RefStatus::Ok | RefStatus::DigestMismatch));
            for w in vn::wrapping(&container, sig, &targets, &|n| self.path(n)) {
                if complete || !w.contains("does not sign") {
                    r.problems.push(XmlProblem::WrappingSuspected(w));
                }
            }
            if !complete {
                cov.paths.push(self.path(container.node));
            }
        }
        // text split by a comment in what is signed (each subtree scanned once per document)
        for c in checked.iter().filter(|c| c.status == RefStatus::Ok) {
            let root = if c.whole { Some(self.doc.root()) } else { c.target };
            let Some(root) = root else { continue };
            let found = {
                let mut cache = self.split_cache.borrow_mut();
                cache
                    .entry(root.id().get_usize())
                    .or_insert_with(|| {
                        vn::split_texts(root, None, 5).into_iter().map(|(n, a, b)| (n.id().get_usize(), a, b)).collect()
                    })
                    .clone()
            };
            for (id, first, all) in found {
                let Some(el) = self.doc.get_node(roxmltree::NodeId::new(id as u32)) else { continue };
                if el.ancestors().any(|a| a == sig) {
                    continue;
                }
                let detail = format!(
                    "the text of {} is split by a comment or processing instruction: readers that take the first \
                     text node see {first:?}, the signature covers {all:?}",
                    self.path(el)
                );
                if vietnamese {
                    r.problems.push(XmlProblem::AmbiguousContent(detail));
                } else {
                    r.notes.push(XmlNote { kind: XmlNoteKind::Warning, detail });
                }
            }
        }

        // XAdES: SignedProperties must be signed and name the signer certificate
        xades_checks(sig, &checked, &mut r);
        xades_long_term(sig, sv, &mut r);
        r.signing_time = signing_time(sig, vietnamese, &mut r.notes);
        (r, cov)
    }

    fn ref_report(&self, c: &Checked, manifest: Option<usize>) -> RefReport {
        let target_path = if c.whole {
            Some("/".into())
        } else if let Some(t) = c.target {
            Some(self.path(t))
        } else {
            c.file.as_ref().map(|f| f.display().to_string())
        };
        let problem = match &c.status {
            RefStatus::Ok => None,
            RefStatus::DigestMismatch => Some("digest mismatch".to_string()),
            RefStatus::NotFound(m)
            | RefStatus::Unsupported(m)
            | RefStatus::Limit(m)
            | RefStatus::Malformed(m)
            | RefStatus::DuplicateId(m) => Some(m.clone()),
        };
        RefReport {
            uri: c.uri.clone(),
            target_path,
            digest_ok: c.status == RefStatus::Ok,
            status: c.status.clone(),
            problem,
            manifest,
        }
    }

    fn manifests(
        &self,
        sig: Node<'a, 'i>,
        checked: &[Checked<'a, 'i>],
        cfg: &VerifyConfig,
        budget: &mut u64,
        r: &mut XmlSignatureReport,
    ) {
        let mut seen: Vec<Node> = Vec::new();
        for c in checked.iter().filter(|c| c.status == RefStatus::Ok) {
            let Some(t) = c.target else { continue };
            for m in t.descendants().filter(|n| dsig::is_ds(*n, "Manifest")) {
                if seen.contains(&m) {
                    continue;
                }
                seen.push(m);
                let refs: Vec<Node> = dsig::child_elements(m).filter(|n| dsig::is_ds(*n, "Reference")).collect();
                let number = seen.len();
                if refs.len() > cfg.limits.max_references {
                    r.problems.push(XmlProblem::Limit(format!(
                        "Manifest {number} has {} references, more than the limit of {} (raise it with --max-references)",
                        refs.len(),
                        cfg.limits.max_references
                    )));
                    continue;
                }
                let detached_refs = refs
                    .iter()
                    .filter(|rf| rf.attribute("URI").is_some_and(|u| !u.is_empty() && !u.starts_with('#')))
                    .count();
                let env = Env { doc: self.doc, registry: &self.registry, content: &cfg.content, detached_refs };
                for rf in refs {
                    let mc = references::check(&env, sig, rf, Some(rf), budget);
                    let rep = self.ref_report(&mc, Some(number));
                    match &mc.status {
                        RefStatus::Ok | RefStatus::DigestMismatch => r.references.push(rep),
                        // XMLDSig §5.1: resolving manifest references is the application's
                        // choice; what kyso cannot resolve is reported, not judged
                        other => r.notes.push(XmlNote {
                            kind: XmlNoteKind::Warning,
                            detail: format!(
                                "Manifest {number} reference {:?} not checked: {}",
                                mc.uri,
                                match other {
                                    RefStatus::NotFound(m)
                                    | RefStatus::Unsupported(m)
                                    | RefStatus::Limit(m)
                                    | RefStatus::Malformed(m)
                                    | RefStatus::DuplicateId(m) => m.as_str(),
                                    _ => "",
                                }
                            ),
                        }),
                    }
                }
            }
        }
    }

    fn wrapping_checks(&self, sig: Node, target: Node, uri: &str, problems: &mut Vec<XmlProblem>) {
        let path = self.path(target);
        if let Some(owner) = target.ancestors().find(|a| dsig::is_ds(*a, "Signature")) {
            // a XAdES counter-signature, nested in the signature it countersigns, signs
            // that signature's SignatureValue
            let countersigns = owner != sig
                && dsig::is_ds(target, "SignatureValue")
                && target.parent() == Some(owner)
                && sig.ancestors().any(|a| a == owner);
            if countersigns {
                return;
            }
            if owner != sig {
                problems.push(XmlProblem::WrappingSuspected(format!(
                    "wrapping: reference {uri:?} targets {path}, inside another Signature"
                )));
            } else {
                let in_allowed = target
                    .ancestors()
                    .take_while(|a| *a != sig)
                    .any(|a| a.parent() == Some(sig) && (dsig::is_ds(a, "Object") || dsig::is_ds(a, "KeyInfo")));
                if !in_allowed {
                    problems.push(XmlProblem::WrappingSuspected(format!(
                        "wrapping: reference {uri:?} targets {path}, part of the Signature itself"
                    )));
                }
            }
        }
    }
}

fn xades_checks(sig: Node, checked: &[Checked], r: &mut XmlSignatureReport) {
    let is_x = |n: Node, local: &str| {
        n.is_element()
            && n.tag_name().name() == local
            && n.tag_name().namespace().is_some_and(|ns| ns == XADES_NS || ns == XADES_141_NS || ns == XADES_111_NS)
    };
    // this signature's own (a counter-signature nested in it has its own)
    let own = |n: &Node| n.ancestors().find(|a| dsig::is_ds(*a, "Signature")) == Some(sig);
    for sp in sig.descendants().filter(|n| is_x(*n, "SignedProperties") && own(n)) {
        let covers = |o: &Checked| o.target == Some(sp) || o.set.as_ref().is_some_and(|s| s.contains(sp));
        let signed = checked.iter().any(|o| o.status == RefStatus::Ok && covers(o));
        // a reference kyso could not process may be the one: that is not a mismatch
        let pending = checked.iter().any(|o| {
            !matches!(
                o.status,
                RefStatus::Ok | RefStatus::DigestMismatch | RefStatus::Malformed(_) | RefStatus::DuplicateId(_)
            ) && (o.target == Some(sp) || o.target.is_none())
        });
        if !signed && !pending {
            r.problems.push(XmlProblem::XadesMismatch("SignedProperties is not covered by a valid reference".into()));
        }
        let mut any = false;
        let mut matched = false;
        let mut names_a_keyinfo_cert = false;
        for cd in sp.descendants().filter(|n| is_x(*n, "CertDigest")) {
            any = true;
            // ds: children in XAdES 1.3.2, the XAdES namespace's own in 1.1.1
            let child = |local: &str| dsig::child_elements(cd).find(|n| n.tag_name().name() == local);
            let dm = child("DigestMethod").and_then(|n| n.attribute("Algorithm")).and_then(dsig::digest_from_uri);
            let dv = child("DigestValue").and_then(|n| dsig::b64_decode(&dsig::text_content(n)).ok());
            if let (Some(dm), Some(dv)) = (dm, dv) {
                r.weak_algorithm |= dm == crate::pki::alg::DigestAlg::Sha1;
                if let Some(cert) = &r.signer_cert_der
                    && dm.digest(cert) == dv
                {
                    matched = true;
                }
                names_a_keyinfo_cert |= r.certificates_der.iter().any(|c| dm.digest(c) == dv);
            }
        }
        if any && r.signer_cert_der.is_some() && !matched {
            r.problems
                .push(XmlProblem::XadesMismatch("SigningCertificate does not match the signer certificate".into()));
        }
        if any && !r.signature_value_ok && !names_a_keyinfo_cert && !r.certificates_der.is_empty() {
            r.problems.push(XmlProblem::SignerCertificateMissing);
        }
    }
}

/// Most XAdES time-stamps and validation values read from one signature.
const MAX_XADES_VALUES: usize = 1_000;

/// XAdES unsigned properties for long-term validation: SignatureTimeStamp tokens with
/// the canonical SignatureValue they cover (ETSI EN 319 132-1 §5.3), and the
/// CertificateValues and RevocationValues. What cannot be read is left out (a
/// time-stamp that is missing proves nothing, which the verdict then says).
fn xades_long_term(sig: Node, sv: Node, r: &mut XmlSignatureReport) {
    let is_x = |n: Node, local: &str| {
        n.is_element()
            && n.tag_name().name() == local
            && n.tag_name().namespace().is_some_and(|ns| ns == XADES_NS || ns == XADES_141_NS || ns == XADES_111_NS)
    };
    let own = |n: &Node| n.ancestors().find(|a| dsig::is_ds(*a, "Signature")) == Some(sig);
    let b64 = |n: Node| dsig::b64_decode(&dsig::text_content(n)).ok();
    for ts in sig.descendants().filter(|n| is_x(*n, "SignatureTimeStamp") && own(n)).take(MAX_XADES_VALUES) {
        let alg = dsig::child_elements(ts)
            .find(|n| dsig::is_ds(*n, "CanonicalizationMethod"))
            .and_then(|n| n.attribute("Algorithm"))
            .map_or(Some(c14n::Algorithm::C14n10), c14n::Algorithm::from_uri);
        let token = dsig::child_elements(ts).find(|n| is_x(*n, "EncapsulatedTimeStamp")).and_then(b64);
        if let (Some(alg), Some(token)) = (alg, token)
            && let Ok(bytes) = c14n::canonicalize(&NodeSet::subtree(sv), alg, &[])
        {
            r.signature_timestamps.push((token, bytes));
        }
    }
    for n in sig.descendants().filter(|n| own(n)).take(100_000) {
        let list = if is_x(n, "EncapsulatedX509Certificate") {
            &mut r.certificate_values
        } else if is_x(n, "EncapsulatedCRLValue") {
            &mut r.crl_values
        } else if is_x(n, "EncapsulatedOCSPValue") {
            &mut r.ocsp_values
        } else {
            continue;
        };
        if list.len() < MAX_XADES_VALUES
            && let Some(der) = b64(n)
        {
            list.push(der);
        }
    }
}

/// XAdES 1.4.1 namespace (its elements live in 1.3.2 but some write them here).
const XADES_141_NS: &str = "http://uri.etsi.org/01903/v1.4.1#";
/// XAdES 1.1.1 namespace.
const XADES_111_NS: &str = "http://uri.etsi.org/01903/v1.1.1#";

/// The claimed signing time: XAdES SigningTime, else a SigningTime element of the
/// signature's own Objects (the Vietnamese SignatureProperty). A time without a zone is
/// read as Vietnam time (+07:00) in the Vietnamese profile, else as UTC, with a note.
fn signing_time(sig: Node, vietnamese: bool, notes: &mut Vec<XmlNote>) -> Option<i64> {
    let el = sig.descendants().find(|n| {
        n.is_element()
            && n.tag_name().name() == "SigningTime"
            && n.tag_name().namespace() != Some(dsig::DSIG_NS)
            && n.ancestors().any(|a| dsig::is_ds(a, "Object"))
    })?;
    let text = dsig::text_content(el);
    let t = text.trim();
    if let Some(v) = crate::pki::time::parse_user_time(t) {
        return Some(v);
    }
    let (offset, zone) = if vietnamese { ("+07:00", "Vietnam time (+07:00)") } else { ("Z", "UTC") };
    let v = crate::pki::time::parse_user_time(&format!("{t}{offset}"))?;
    notes.push(XmlNote {
        kind: XmlNoteKind::Tolerated,
        detail: format!("SigningTime {t:?} has no time zone; read as {zone}"),
    });
    Some(v)
}
