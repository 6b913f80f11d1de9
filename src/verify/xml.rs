//! Verifying the XML signatures of a document with the shared core: each `Signature`
//! separately, what it signs (the element path of each reference target), the XSW
//! defences' findings, and the signer's certificate chain.
//!
//! Verdict rule: INVALID only for a proven failure (a digest or signature value that does
//! not match, a duplicate ID, wrapping, malformed structure); what kyso cannot process or
//! resolve, and its safety limits, are INDETERMINATE with UNSUPPORTED_ALGORITHM,
//! SIGNED_DATA_NOT_FOUND or LIMIT_EXCEEDED.

use std::path::{Path, PathBuf};

use der::Decode;
use x509_cert::Certificate;

use super::{
    FileReport, Note, NoteCode, Reason, ReasonCode, Revocation, SignatureReport, Verdict, VerifyOptions, verdict_of,
};
use crate::pki::info::CertInfo;
use crate::pki::memo;
use crate::xml::limits::XmlLimits;
use crate::xml::references::{Content, RefStatus};
use crate::xml::verify::{XmlNoteKind, XmlReport};
use crate::xml::{VerifyConfig, VerifyProfile, XmlError, XmlProblem, XmlSignatureReport};

/// Largest XML document read (e-invoices are kilobytes; tax declarations a few MB).
pub const MAX_XML_FILE: u64 = 256 << 20;

/// The XML-specific verification options (`kyso verify` flags).
#[derive(Debug, Clone, Default)]
pub struct XmlOptions {
    /// `--content DIR|FILE`: where detached references are looked for (default: the
    /// signature file's folder).
    pub content: Option<PathBuf>,
    pub limits: XmlLimits,
    pub profile: VerifyProfile,
    /// `--require-signed PATH`.
    pub require_signed: Vec<String>,
}

impl XmlOptions {
    fn config(&self, file: Option<&Path>, id_attrs: &[String]) -> VerifyConfig {
        VerifyConfig {
            id_attrs: id_attrs.to_vec(),
            limits: self.limits.clone(),
            content: Content {
                given: self.content.clone(),
                base_dir: file
                    .and_then(|f| f.parent())
                    .map(|p| if p.as_os_str().is_empty() { PathBuf::from(".") } else { p.to_path_buf() }),
            },
            profile: self.profile,
            require_signed: self.require_signed.clone(),
        }
    }
}

pub fn verify(path: &Path, opts: &VerifyOptions, id_attrs: &[String]) -> FileReport {
    // Mapped when large: the size limit is then checked before anything is read.
    match crate::fsutil::map(path) {
        Ok(bytes) => verify_read(path, &bytes, opts, id_attrs),
        Err(e) => FileReport::failed(path.display().to_string(), "xml", ReasonCode::ReadFailed, super::read_detail(e)),
    }
}

/// Like [`verify`], for a file already read (`bytes` are the contents of `path`).
pub fn verify_read(path: &Path, bytes: &[u8], opts: &VerifyOptions, id_attrs: &[String]) -> FileReport {
    let name = path.display().to_string();
    if bytes.len() as u64 > MAX_XML_FILE {
        return FileReport::failed(name, "xml", ReasonCode::ReadFailed, format!("larger than {MAX_XML_FILE} bytes"));
    }
    let cfg = opts.xml.config(Some(path), id_attrs);
    verify_config(name, bytes, opts, &cfg)
}

pub fn verify_bytes(name: String, bytes: &[u8], opts: &VerifyOptions, id_attrs: &[String]) -> FileReport {
    let cfg = opts.xml.config(None, id_attrs);
    verify_config(name, bytes, opts, &cfg)
}

fn verify_config(name: String, bytes: &[u8], opts: &VerifyOptions, cfg: &VerifyConfig) -> FileReport {
    let report: XmlReport = match crate::xml::verify_with(bytes, cfg) {
        Ok(r) => r,
        Err(XmlError::Limit(m)) => return FileReport::failed(name, "xml", ReasonCode::LimitExceeded, m),
        Err(e) => return FileReport::failed(name, "xml", ReasonCode::ParseFailed, e.to_string()),
    };
    let mut sigs: Vec<SignatureReport> = report.signatures.iter().map(|r| signature(r, opts)).collect();
    if !sigs.is_empty() {
        for path in &report.unsigned_invoices {
            sigs.push(SignatureReport {
                index: sigs.len() + 1,
                verdict: Verdict::Unsigned,
                reasons: vec![Reason::new(
                    ReasonCode::NoSignature,
                    format!("the invoice {path} carries no signature over its data (DLHDon)"),
                )],
                signer: None,
                signing_time: None,
                chain: vec![],
                trusted: false,
                revocation: Revocation::NotChecked,
                coverage: path.clone(),
                algorithm: None,
                notes: vec![],
                revisions: None,
                ltv: None,
            });
        }
    }
    FileReport::from_signatures(name, "xml", sigs)
}

fn problem_code(p: &XmlProblem) -> ReasonCode {
    match p {
        XmlProblem::UnsupportedAlgorithm(_) | XmlProblem::Unsupported(_) => ReasonCode::UnsupportedAlgorithm,
        XmlProblem::NotFound(_) => ReasonCode::SignedDataNotFound,
        XmlProblem::Limit(_) => ReasonCode::LimitExceeded,
        XmlProblem::AmbiguousContent(_) => ReasonCode::AmbiguousContent,
        XmlProblem::NoCertificate | XmlProblem::XadesMismatch(_) | XmlProblem::SignerCertificateMissing => {
            ReasonCode::NoSigningCertificateFound
        }
        _ => ReasonCode::FormatFailure,
    }
}

fn signature(r: &XmlSignatureReport, opts: &VerifyOptions) -> SignatureReport {
    let mut reasons: Vec<Reason> = r.problems.iter().map(|p| Reason::new(problem_code(p), p.to_string())).collect();
    for rf in &r.references {
        let target = rf.target_path.as_deref().unwrap_or(&rf.uri);
        let which = match rf.manifest {
            Some(m) => format!("Manifest {m} reference {:?} ({target})", rf.uri),
            None => format!("reference {:?} ({target})", rf.uri),
        };
        let (code, detail) = match &rf.status {
            // reported once as the signature's duplicate-ID problem
            RefStatus::Ok | RefStatus::DuplicateId(_) => continue,
            RefStatus::DigestMismatch => (ReasonCode::HashFailure, "the digest does not match".to_string()),
            RefStatus::NotFound(m) => (ReasonCode::SignedDataNotFound, m.clone()),
            RefStatus::Unsupported(m) => (ReasonCode::UnsupportedAlgorithm, m.clone()),
            RefStatus::Limit(m) => (ReasonCode::LimitExceeded, m.clone()),
            RefStatus::Malformed(m) => (ReasonCode::FormatFailure, m.clone()),
        };
        reasons.push(Reason::new(code, format!("{which}: {detail}")));
    }
    let embedded: Vec<Certificate> = r.certificates_der.iter().filter_map(|d| memo::certificate(d).ok()).collect();
    let signer = r.signer_cert_der.as_ref().and_then(|d| memo::certificate(d).ok());
    let unsupported_key = r
        .problems
        .iter()
        .any(|p| matches!(p, XmlProblem::UnsupportedAlgorithm(_) | XmlProblem::SignerCertificateMissing));
    if !r.signature_value_ok && !unsupported_key && !r.method_uri.is_empty() {
        if embedded.is_empty() {
            if !r.problems.contains(&XmlProblem::NoCertificate) {
                reasons.push(Reason::new(ReasonCode::NoSigningCertificateFound, "no X509Certificate in KeyInfo"));
            }
        } else {
            reasons
                .push(Reason::new(ReasonCode::SigCryptoFailure, "no certificate in KeyInfo verifies SignatureValue"));
        }
    }
    if r.weak_algorithm {
        reasons.push(Reason::new(ReasonCode::WeakAlgorithm, "SHA-1"));
    }
    let mut coverage = r
        .references
        .iter()
        .filter(|rf| rf.manifest.is_none())
        .map(|rf| rf.target_path.clone().unwrap_or_else(|| rf.uri.clone()))
        .collect::<Vec<_>>()
        .join(", ");
    if coverage.is_empty() {
        coverage = r.signature_path.clone();
    }
    if let Some(scope) = &r.scope {
        coverage.push_str(&format!(" (verified within the invoice {scope}, as the tax authority extracts it)"));
    }
    let notes = r
        .notes
        .iter()
        .map(|n| {
            let code = match n.kind {
                XmlNoteKind::DotnetEnveloped => NoteCode::DotnetEnveloped,
                XmlNoteKind::Tolerated => NoteCode::Tolerated,
                XmlNoteKind::Warning => NoteCode::Warning,
            };
            Note::new(code, n.detail.clone())
        })
        .collect();
    let mut report = SignatureReport {
        index: r.index + 1,
        verdict: Verdict::Valid,
        reasons: vec![],
        signer: signer.as_ref().map(CertInfo::new),
        signing_time: r.signing_time,
        chain: vec![],
        trusted: false,
        revocation: Revocation::NotChecked,
        coverage,
        algorithm: Some(r.method_uri.rsplit(['#', '/']).next().unwrap_or(&r.method_uri).to_string()),
        notes,
        revisions: None,
        ltv: None,
    };
    if let Some(signer) = &signer {
        // XAdES: signature time-stamps as proof of existence, CertificateValues and
        // RevocationValues as validation data.
        let ev = crate::verify::ltv::Evidence {
            certs: r.certificate_values.iter().filter_map(|d| memo::certificate(d).ok()).collect(),
            crls: r.crl_values.iter().filter_map(|d| x509_cert::crl::CertificateList::from_der(d).ok()).collect(),
            ocsp: r.ocsp_values.iter().map(|d| (d.clone(), "XAdES RevocationValues".to_string())).collect(),
        };
        let ctx = crate::verify::ltv::Context::default();
        crate::verify::ltv::chain_with_poe(signer, &embedded, ev, &r.signature_timestamps, opts, &ctx, &mut report);
        reasons.append(&mut report.reasons);
    }
    report.verdict = verdict_of(&reasons);
    report.reasons = reasons;
    report
}
