//! Verifying the signatures of a PDF: every signature field, ByteRange sanity, the CMS
//! through the shared core (detached over the ByteRange; `adbe.pkcs7.sha1` over the
//! SHA-1 it encapsulates), and the revision analysis: what each later revision changed
//! and whether the signature's document permits it.

use std::path::Path;

use super::cms::{needed_digests, verify_signed_data_in};
use super::{
    FileReport, Note, NoteCode, Reason, ReasonCode, Refusal, RevisionChange, RevisionEntry, RevisionHistory,
    RevisionStatus, SignatureReport, VerifyOptions, verdict_of,
};
use crate::cms::parse;
use crate::pdf::analysis::diff::{self, History, MdpState, Ruling, SignatureAnalysis, Unassessed};
use crate::pdf::{self, PdfSignature};
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
    let duplicates = diff::duplicate_byte_ranges(&sigs);
    let shared = diff::shared_signature_dictionaries(&sigs);
    // The revision analysis, once for every signature: from the oldest signed revision.
    let analysis = sigs.iter().filter_map(|s| s.covered_revision).min().map(|base| {
        diff::mdp_state(&reader, &sigs)
            .and_then(|mdp| Ok((diff::history(&reader, base, opts.pdf_work_limit)?, mdp)))
            .map_err(|e| e.to_string())
    });
    // Long-term validation: the DSS, then the document time-stamps latest first (each a
    // proof of existence for what it covers, its own token included), then signatures.
    let evidence = super::ltv::Evidence::of_pdf(&reader);
    let mut proofs: Vec<(usize, super::ltv::ProvenTime)> = Vec::new();
    let mut order: Vec<usize> = (0..sigs.len()).collect();
    order.sort_by_key(|&i| (!is_document_timestamp(&sigs[i]), std::cmp::Reverse(sigs[i].covered_revision)));
    let mut early: Vec<Option<SignatureReport>> = vec![None; sigs.len()];
    for i in order {
        let sig = &sigs[i];
        let covering = |rev: Option<usize>| {
            let rev = rev?;
            proofs.iter().filter(|(r, _)| *r > rev).map(|(_, p)| p).min_by_key(|p| p.time).cloned()
        };
        let ctx = super::ltv::Context {
            evidence: Some(&evidence),
            later_poe: covering(sig.covered_revision),
            covering_timestamps: sigs
                .iter()
                .filter(|t| is_document_timestamp(t))
                .filter(|t| matches!((t.covered_revision, sig.covered_revision), (Some(a), Some(b)) if a > b))
                .count(),
        };
        let r = verify_signature(i + 1, sig, data, total, opts, &ctx);
        if let (Some(rev), Some(p)) =
            (sig.covered_revision, r.ltv.as_ref().filter(|l| l.kind == super::ltv::SignatureKind::DocumentTimestamp))
            && let Some(p) = &p.proven_time
        {
            proofs.push((rev, p.clone()));
        }
        early[i] = Some(r);
    }
    let reports = sigs
        .iter()
        .zip(early)
        .enumerate()
        .filter_map(|(i, (sig, r))| Some((i, sig, r?)))
        .map(|(i, sig, mut r)| {
            views.apply(sig, &mut r);
            if sig.is_certification {
                let p = sig.docmdp.map(|d| d.level()).unwrap_or(2);
                r.notes.push(Note::new(NoteCode::Certification, format!("P={p}")));
            }
            for &(a, b) in duplicates.iter().filter(|&&(a, b)| a == i || b == i) {
                let other = &sigs[if a == i { b } else { a }].field_name;
                r.reasons.push(Reason::new(
                    ReasonCode::FormatFailure,
                    format!("fields \"{}\" and \"{other}\": two signatures claim the same bytes", sig.field_name),
                ));
            }
            for &(a, b) in shared.iter().filter(|&&(a, b)| a == i || b == i) {
                let other = &sigs[if a == i { b } else { a }].field_name;
                r.notes.push(Note::new(
                    NoteCode::SharedSignatureDictionary,
                    format!("\"{}\", \"{other}\"", sig.field_name),
                ));
            }
            match (sig.covered_revision, &analysis) {
                (Some(covered), Some(Ok((history, mdp)))) => judge(history, mdp, covered, &mut r),
                (Some(_), Some(Err(e))) => {
                    r.reasons.push(Reason::new(ReasonCode::RevisionNotAssessed, format!("DocMDP permissions: {e}")))
                }
                _ => {}
            }
            // Room for checks of what viewers read (the xref view against a rebuilt one).
            r.verdict = verdict_of(&r.reasons);
            r
        })
        .collect();
    FileReport::from_signatures(name, "pdf", reports)
}

/// The revision analysis for one signature: refusals become MODIFIED_AFTER_SIGNING,
/// revisions left unassessed LIMIT_EXCEEDED or REVISION_NOT_ASSESSED, and the whole
/// history goes into the report as data.
fn judge(history: &History, mdp: &MdpState, covered: usize, r: &mut SignatureReport) {
    let a = diff::judge(history, covered, mdp);
    if let Some((rev, finding, ruling)) = a.refusals().next() {
        let mut detail = format!("revision {} of {}: {}", rev + 1, a.total_revisions, finding.code.as_str());
        let subject = subject(finding.page, finding.field.as_deref());
        if !subject.is_empty() {
            detail += &format!(" {subject}");
        }
        if !finding.detail.is_empty() {
            detail += &format!(" {}", finding.detail);
        }
        detail += &format!(" [{}]", ruling_text(ruling));
        let more = a.refusals().count() - 1;
        if more > 0 {
            detail += &format!(" (+{more})");
        }
        r.reasons.push(Reason::new(ReasonCode::ModifiedAfterSigning, detail));
    } else if let Some((rev, u)) = a.unassessed() {
        let reason = match u {
            Unassessed::Limit { what } if *what == diff::WORK_LIMIT => Reason::new(
                ReasonCode::LimitExceeded,
                format!(
                    "revision {} of {}: {what}, {} object visits; raise it with --pdf-work-limit",
                    rev + 1,
                    a.total_revisions,
                    history.work_limit
                ),
            ),
            Unassessed::Limit { what } => {
                Reason::new(ReasonCode::LimitExceeded, format!("revision {} of {}: {what}", rev + 1, a.total_revisions))
            }
            Unassessed::Unreadable(e) => Reason::new(
                ReasonCode::RevisionNotAssessed,
                format!("revision {} of {}: {e}", rev + 1, a.total_revisions),
            ),
        };
        r.reasons.push(reason);
    }
    if a.trailing_bytes_after_eof {
        r.notes.push(Note::new(NoteCode::TrailingBytes, ""));
    }
    r.revisions = Some(history_of(&a));
}

/// The report's view of the analysis (1-based revision and page numbers).
fn history_of(a: &SignatureAnalysis) -> RevisionHistory {
    let later = a
        .revisions
        .iter()
        .map(|rv| {
            let (status, changes, not_assessed) = match &rv.outcome {
                Err(u) => (RevisionStatus::NotAssessed, Vec::new(), Some(unassessed_text(u))),
                Ok(findings) => {
                    let changes: Vec<RevisionChange> = findings
                        .iter()
                        .map(|(f, ruling)| RevisionChange {
                            code: f.code,
                            class: f.class,
                            allowed: ruling.allowed(),
                            refused: refusal(ruling),
                            page: f.page.map(|p| p + 1),
                            field: f.field.clone(),
                            object: f.object.map(|o| o.to_string()),
                            detail: f.detail.clone(),
                        })
                        .collect();
                    let status = if rv.allowed() { RevisionStatus::Allowed } else { RevisionStatus::Refused };
                    (status, changes, None)
                }
            };
            RevisionEntry {
                revision: rv.revision + 1,
                status,
                docmdp: rv.docmdp.map(|d| d.level()),
                changes,
                not_assessed,
            }
        })
        .collect();
    RevisionHistory { signed: a.covered_revision + 1, total: a.total_revisions, later }
}

fn refusal(r: &Ruling) -> Option<Refusal> {
    match r {
        Ruling::Allowed => None,
        Ruling::Forbidden => Some(Refusal::Forbidden),
        Ruling::NotPermitted { docmdp } => Some(Refusal::NotPermitted { docmdp: docmdp.map(|d| d.level()) }),
        Ruling::Locked { by } => Some(Refusal::FieldLocked { by: by.clone() }),
    }
}

fn ruling_text(r: &Ruling) -> String {
    match r {
        Ruling::Allowed => "allowed".into(),
        Ruling::Forbidden => "never allowed".into(),
        Ruling::NotPermitted { docmdp: Some(d) } => format!("DocMDP P={}", d.level()),
        Ruling::NotPermitted { docmdp: None } => "approval signatures only".into(),
        Ruling::Locked { by } => format!("FieldMDP lock of \"{by}\""),
    }
}

fn unassessed_text(u: &Unassessed) -> String {
    match u {
        Unassessed::Limit { what } => (*what).to_string(),
        Unassessed::Unreadable(e) => e.clone(),
    }
}

fn subject(page: Option<usize>, field: Option<&str>) -> String {
    match (page, field) {
        (Some(p), Some(f)) => format!("page {} field \"{f}\"", p + 1),
        (Some(p), None) => format!("page {}", p + 1),
        (None, Some(f)) => format!("field \"{f}\""),
        (None, None) => String::new(),
    }
}

fn is_document_timestamp(sig: &PdfSignature) -> bool {
    sig.subfilter.as_deref() == Some("ETSI.RFC3161")
}

fn verify_signature(
    index: usize,
    sig: &PdfSignature,
    data: &[u8],
    total: usize,
    opts: &VerifyOptions,
    ctx: &super::ltv::Context,
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
        revisions: None,
        ltv: None,
    };
    let field = &sig.field_name;
    if !sig.problems.is_empty() {
        let detail = sig.problems.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ");
        return fail(vec![Reason::new(ReasonCode::FormatFailure, format!("field \"{field}\": {detail}"))]);
    }
    let sha1_subfilter = match sig.subfilter.as_deref() {
        Some("adbe.pkcs7.detached") | Some("ETSI.CAdES.detached") | Some("ETSI.RFC3161") => false,
        Some("adbe.pkcs7.sha1") => true,
        other => {
            return fail(vec![Reason::new(
                ReasonCode::UnsupportedAlgorithm,
                format!("field \"{field}\": /SubFilter {}", other.unwrap_or("(missing)")),
            )]);
        }
    };
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
    // Bytes after the CMS lie in the gap the signature does not cover and no viewer shows
    // them: a note, not a verdict (DSS's DSS-2155 carries base64 text there; DSS and
    // pyHanko accept it).
    let padding_note =
        padding_problem(contents).map(|r| Note::new(NoteCode::Tolerated, format!("field \"{field}\": {r}")));
    let Some(chunks) = pdf::signed_chunks(data, br) else {
        return fail(vec![Reason::new(ReasonCode::FormatFailure, format!("field \"{field}\": bad ByteRange"))]);
    };
    if is_document_timestamp(sig) {
        return super::ltv::document_timestamp(index, contents, &chunks, &coverage, field, opts, ctx);
    }
    let mut extra = Vec::new();
    // What the signers sign: the ByteRange itself (detached), or, for adbe.pkcs7.sha1,
    // the SHA-1 of the ByteRange carried as the encapsulated content.
    let content: Vec<u8> = if sha1_subfilter {
        let mut h = DigestAlg::Sha1.hasher();
        chunks.iter().for_each(|c| h.update(c));
        let doc_sha1 = h.finalize();
        match &sd.econtent {
            Some(e) if *e == doc_sha1 => {}
            Some(_) => extra.push(Reason::new(
                ReasonCode::HashFailure,
                format!("field \"{field}\": the SHA-1 in the signature is not the SHA-1 of the signed bytes"),
            )),
            None => {
                return fail(vec![Reason::new(
                    ReasonCode::FormatFailure,
                    format!("field \"{field}\": adbe.pkcs7.sha1 without encapsulated content"),
                )]);
            }
        }
        extra.push(Reason::new(ReasonCode::WeakAlgorithm, "adbe.pkcs7.sha1: the document is hashed with SHA-1"));
        doc_sha1
    } else {
        if sd.econtent.is_some() {
            // ISO 32000-1 §12.8.3.3: the PDF signature is detached over its ByteRange;
            // an encapsulated content is something else being signed.
            return fail(vec![Reason::new(
                ReasonCode::FormatFailure,
                format!("field \"{field}\": the CMS encapsulates content; a PDF signature must be detached"),
            )]);
        }
        Vec::new()
    };
    let digests: Vec<(DigestAlg, Vec<u8>)> = needed_digests(&sd)
        .into_iter()
        .map(|d| {
            let mut h = d.hasher();
            if sha1_subfilter {
                h.update(&content);
            } else {
                chunks.iter().for_each(|c| h.update(c));
            }
            (d, h.finalize())
        })
        .collect();
    let mut reports = verify_signed_data_in(&sd, &digests, opts, &coverage, ctx);
    if reports.len() != 1 {
        return fail(vec![Reason::new(
            ReasonCode::FormatFailure,
            format!("field \"{field}\": {} signer infos, expected one", reports.len()),
        )]);
    }
    let mut r = reports.remove(0);
    r.index = index;
    r.notes.extend(padding_note);
    if r.signing_time.is_none() {
        r.signing_time = crate::pki::time::parse_pdf_date(sig.m.as_deref());
    }
    for e in extra {
        if !r.reasons.iter().any(|x| x.code == e.code) {
            r.reasons.push(e);
        }
    }
    r.verdict = verdict_of(&r.reasons);
    r
}

/// Bytes after the CMS inside `/Contents` other than zero padding.
fn padding_problem(contents: &[u8]) -> Option<String> {
    // BER: Adobe and Windows CryptoAPI write indefinite lengths.
    let (_, rest) = crate::cms::ber::element(contents).ok()?;
    rest.iter().any(|&b| b != 0).then(|| "non-zero bytes after the CMS in /Contents".to_string())
}
