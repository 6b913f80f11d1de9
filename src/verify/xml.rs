//! Verifying the XML signatures of a document with the shared core: each `Signature`
//! separately, what it signs (the element path of each reference target), the XSW
//! defences' findings, and the signer's certificate chain.

use std::path::Path;

use der::Decode;
use x509_cert::Certificate;

use super::chain;
use super::{FileReport, Reason, ReasonCode, Revocation, SignatureReport, VerifyOptions, verdict_of};
use crate::pki::info::CertInfo;
use crate::xml::{XmlProblem, XmlSignatureReport};

/// Largest XML document read (e-invoices are kilobytes; tax declarations a few MB).
pub const MAX_XML_FILE: u64 = 256 << 20;

pub fn verify(path: &Path, opts: &VerifyOptions, id_attrs: &[String]) -> FileReport {
    let name = path.display().to_string();
    let bytes = match std::fs::metadata(path).and_then(|m| {
        if m.len() > MAX_XML_FILE {
            Err(std::io::Error::other(format!("larger than {MAX_XML_FILE} bytes")))
        } else {
            std::fs::read(path)
        }
    }) {
        Ok(b) => b,
        Err(e) => return FileReport::failed(name, "xml", ReasonCode::ReadFailed, e.to_string()),
    };
    verify_bytes(name, &bytes, opts, id_attrs)
}

pub fn verify_bytes(name: String, bytes: &[u8], opts: &VerifyOptions, id_attrs: &[String]) -> FileReport {
    let reports = match crate::xml::verify(bytes, id_attrs) {
        Ok(r) => r,
        Err(e) => return FileReport::failed(name, "xml", ReasonCode::ParseFailed, e.to_string()),
    };
    let sigs = reports.iter().map(|r| signature(r, opts)).collect();
    FileReport::from_signatures(name, "xml", sigs)
}

fn problem_code(p: &XmlProblem) -> ReasonCode {
    match p {
        XmlProblem::UnsupportedAlgorithm(_) => ReasonCode::UnsupportedAlgorithm,
        XmlProblem::NoCertificate | XmlProblem::XadesMismatch(_) => ReasonCode::NoSigningCertificateFound,
        _ => ReasonCode::FormatFailure,
    }
}

fn signature(r: &XmlSignatureReport, opts: &VerifyOptions) -> SignatureReport {
    let mut reasons: Vec<Reason> = r.problems.iter().map(|p| Reason::new(problem_code(p), p.to_string())).collect();
    for rf in &r.references {
        if !rf.digest_ok {
            let target = rf.target_path.as_deref().unwrap_or(&rf.uri);
            let detail = match &rf.problem {
                Some(p) => format!("reference {:?} ({target}): {p}", rf.uri),
                None => format!("reference {:?} ({target}): the digest does not match", rf.uri),
            };
            reasons.push(Reason::new(ReasonCode::HashFailure, detail));
        }
    }
    let embedded: Vec<Certificate> = r.certificates_der.iter().filter_map(|d| Certificate::from_der(d).ok()).collect();
    let signer = r.signer_cert_der.as_ref().and_then(|d| Certificate::from_der(d).ok());
    if !r.signature_value_ok {
        if embedded.is_empty() {
            reasons.push(Reason::new(ReasonCode::NoSigningCertificateFound, "no X509Certificate in KeyInfo"));
        } else {
            reasons
                .push(Reason::new(ReasonCode::SigCryptoFailure, "no certificate in KeyInfo verifies SignatureValue"));
        }
    }
    if r.weak_algorithm {
        reasons.push(Reason::new(ReasonCode::WeakAlgorithm, "SHA-1"));
    }
    let coverage = r
        .references
        .iter()
        .map(|rf| rf.target_path.clone().unwrap_or_else(|| rf.uri.clone()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut report = SignatureReport {
        index: r.index + 1,
        verdict: super::Verdict::Valid,
        reasons: vec![],
        signer: signer.as_ref().map(CertInfo::new),
        signing_time: None,
        chain: vec![],
        trusted: false,
        revocation: Revocation::NotChecked,
        coverage: if coverage.is_empty() { r.signature_path.clone() } else { coverage },
        algorithm: Some(r.method_uri.rsplit(['#', '/']).next().unwrap_or(&r.method_uri).to_string()),
        notes: vec![],
        revisions: None,
    };
    if let Some(signer) = &signer {
        let outcome = chain::validate(signer, &embedded, &opts.trust, opts.at);
        report.chain = outcome.path.iter().map(CertInfo::new).collect();
        report.trusted = outcome.trusted;
        report.revocation = outcome.revocation;
        reasons.extend(outcome.reasons);
    }
    report.verdict = verdict_of(&reasons);
    report.reasons = reasons;
    report
}
