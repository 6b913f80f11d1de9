//! Verifying the signatures of a PDF: every signature field, ByteRange sanity, the CMS
//! through the shared core, and what part of the file each signature covers.

use std::path::Path;

use super::cms::{needed_digests, verify_signed_data};
use super::{FileReport, Note, NoteCode, Reason, ReasonCode, SignatureReport, VerifyOptions, verdict_of};
use crate::cms::parse;
use crate::pdf::{self, ByteRangeProblem, PdfReader, PdfSignature};
use crate::pki::alg::DigestAlg;

/// Verify every signature in the PDF at `path`.
pub fn verify(path: &Path, opts: &VerifyOptions) -> FileReport {
    let name = path.display().to_string();
    let map = match crate::fsutil::map(path) {
        Ok(m) => m,
        Err(e) => return FileReport::failed(name, "pdf", ReasonCode::ReadFailed, e.to_string()),
    };
    verify_bytes(name, &map, opts)
}

/// Verify a PDF held in memory (or mapped).
pub fn verify_bytes(name: String, data: &[u8], opts: &VerifyOptions) -> FileReport {
    let ro = pdf::ReadOptions { password: opts.pdf_password.clone(), ..Default::default() };
    let (reader, views) = match super::pdf_views::open(data, &ro) {
        Ok(r) => r,
        Err(e) => return FileReport::failed(name, "pdf", ReasonCode::ParseFailed, e.to_string()),
    };
    let sigs = match pdf::find_signatures(&reader) {
        Ok(s) => s,
        Err(e) => return FileReport::failed(name, "pdf", ReasonCode::ParseFailed, e.to_string()),
    };
    let total = reader.revisions().len();
    let permission = pdf::analysis::diff::document_permission(&reader);
    let duplicates = pdf::analysis::diff::duplicate_byte_ranges(&sigs);
    let reports = sigs
        .iter()
        .enumerate()
        .map(|(i, sig)| {
            let mut r = verify_signature(i + 1, sig, data, total, opts);
            views.apply(sig, &mut r);
            if duplicates.iter().any(|&(a, b)| a == i || b == i) {
                r.reasons.push(Reason::new(ReasonCode::FormatFailure, "two signatures claim the same bytes"));
            }
            if let Some(rev) = sig.covered_revision {
                analyse_later_revisions(&reader, rev, &permission, &mut r);
            }
            r.verdict = verdict_of(&r.reasons);
            r
        })
        .collect();
    FileReport::from_signatures(name, "pdf", reports)
}

/// Revision analysis (incremental saving, shadow and certification attacks): every
/// change after the signed revision must be one that a signature allows.
fn analyse_later_revisions(
    reader: &PdfReader,
    covered: usize,
    permission: &pdf::Result<pdf::analysis::diff::Permission>,
    r: &mut SignatureReport,
) {
    let permission = match permission {
        Ok(p) => *p,
        Err(e) => {
            r.reasons.push(Reason::new(ReasonCode::FormatFailure, format!("DocMDP permissions: {e}")));
            return;
        }
    };
    match pdf::analysis::diff::analyze(reader, covered, permission) {
        Err(e) => r.reasons.push(Reason::new(ReasonCode::FormatFailure, format!("revision analysis failed: {e}"))),
        Ok(a) => {
            for rev in &a.later {
                let (allowed, disallowed): (Vec<_>, Vec<_>) = rev.changes.iter().partition(|(_, k, _)| k.is_allowed());
                let mut line = format!("revision {} of {}:", rev.revision + 1, a.total_revisions);
                if allowed.is_empty() && disallowed.is_empty() {
                    line += " no changes";
                }
                if !allowed.is_empty() {
                    line +=
                        &format!(" allowed: {}", allowed.iter().map(|c| c.2.as_str()).collect::<Vec<_>>().join("; "));
                }
                if !disallowed.is_empty() {
                    let d = disallowed.iter().map(|c| c.2.as_str()).collect::<Vec<_>>().join("; ");
                    line += &format!(" NOT allowed: {d}");
                }
                r.notes.push(Note::new(NoteCode::LaterRevision, line));
            }
            if !a.verdict_ok {
                let detail = a.first_disallowed.clone().unwrap_or_default();
                let detail = detail.strip_prefix("MODIFIED_AFTER_SIGNING: ").unwrap_or(&detail).to_string();
                r.reasons.push(Reason::new(ReasonCode::ModifiedAfterSigning, detail));
            }
            if a.trailing_bytes_after_eof {
                r.notes.push(Note::new(NoteCode::TrailingBytes, ""));
            }
        }
    }
}

fn problem_text(p: &ByteRangeProblem) -> String {
    format!("{p:?}")
}

fn verify_signature(
    index: usize,
    sig: &PdfSignature,
    data: &[u8],
    total: usize,
    opts: &VerifyOptions,
) -> SignatureReport {
    let coverage = match (sig.covers_whole_file, sig.covered_revision) {
        (true, _) => "whole file".to_string(),
        (false, Some(r)) => format!("revision {} of {}", r + 1, total),
        (false, None) => "part of the file that is not a revision".to_string(),
    };
    let fail = |reasons: Vec<Reason>| SignatureReport {
        index,
        verdict: verdict_of(&reasons),
        reasons,
        signer: None,
        signing_time: crate::pki::time::parse_pdf_date(sig.m.as_deref()),
        chain: vec![],
        trusted: false,
        revocation: super::Revocation::NotChecked,
        coverage: coverage.clone(),
        algorithm: None,
        notes: vec![],
    };
    let field = &sig.field_name;
    if !sig.problems.is_empty() {
        let detail = sig.problems.iter().map(problem_text).collect::<Vec<_>>().join(", ");
        return fail(vec![Reason::new(ReasonCode::FormatFailure, format!("field \"{field}\": {detail}"))]);
    }
    match sig.subfilter.as_deref() {
        Some("adbe.pkcs7.detached") | Some("ETSI.CAdES.detached") => {}
        other => {
            return fail(vec![Reason::new(
                ReasonCode::UnsupportedAlgorithm,
                format!("field \"{field}\": /SubFilter {}", other.unwrap_or("(missing)")),
            )]);
        }
    }
    if sig.covered_revision.is_none() {
        return fail(vec![Reason::new(
            ReasonCode::FormatFailure,
            format!("field \"{field}\": the ByteRange does not end at the end of a revision"),
        )]);
    }
    let (Some(contents), Some(br)) = (&sig.contents, &sig.byte_range) else {
        return fail(vec![Reason::new(
            ReasonCode::FormatFailure,
            format!("field \"{field}\": no /Contents or /ByteRange"),
        )]);
    };
    let sd = match parse::parse(contents) {
        Ok(sd) => sd,
        Err(e) => {
            return fail(vec![Reason::new(ReasonCode::FormatFailure, format!("field \"{field}\": {e}"))]);
        }
    };
    if let Some(r) = padding_problem(contents) {
        return fail(vec![Reason::new(ReasonCode::FormatFailure, format!("field \"{field}\": {r}"))]);
    }
    let Some(chunks) = pdf::signed_chunks(data, br) else {
        return fail(vec![Reason::new(ReasonCode::FormatFailure, format!("field \"{field}\": bad ByteRange"))]);
    };
    let digests: Vec<(DigestAlg, Vec<u8>)> = needed_digests(&sd)
        .into_iter()
        .map(|d| {
            let mut h = d.hasher();
            chunks.iter().for_each(|c| h.update(c));
            (d, h.finalize())
        })
        .collect();
    let mut reports = verify_signed_data(&sd, &digests, opts, &coverage);
    if reports.len() != 1 {
        return fail(vec![Reason::new(
            ReasonCode::FormatFailure,
            format!("field \"{field}\": {} signer infos, expected one", reports.len()),
        )]);
    }
    let mut r = reports.remove(0);
    r.index = index;
    if r.signing_time.is_none() {
        r.signing_time = crate::pki::time::parse_pdf_date(sig.m.as_deref());
    }
    r
}

/// Bytes after the DER inside `/Contents` must be zero padding (anything else could be
/// smuggled data).
fn padding_problem(contents: &[u8]) -> Option<String> {
    let (_, rest) = crate::cms::tlv::read(contents)?;
    rest.iter().any(|&b| b != 0).then(|| "non-zero bytes after the CMS in /Contents".to_string())
}
