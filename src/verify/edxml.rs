//! Verifying an edXML package: every attachment is decoded and verified as a file of its
//! own (PDF, signed XML, a detached `.p7s` beside its file in the same package or zip, a
//! zip's files, a package inside a zip), and the package checks are added.
//!
//! Verdicts, in the spirit of "invalid only when something is proven wrong":
//! - the package's verdict is its attachments' worst (with the order valid < unsigned <
//!   indeterminate < invalid < error), so an unsigned appendix keeps a package from being
//!   valid; a package with no signed document (a status message, an unsigned file) is
//!   `unsigned` (NO_SIGNATURE);
//! - MANIFEST_MISMATCH and CONTENT_TYPE_MISMATCH make the package (or the attachment)
//!   at least indeterminate: what a receiving system shows may not be what was verified,
//!   but nothing about a signature is proven wrong;
//! - LIMIT_EXCEEDED (indeterminate) and PARSE_FAILED (error) where a package or an
//!   attachment cannot be read in full;
//! - DocumentId, the first TraceHeader, the signers' organisation and name against the
//!   header, repeated header fields and recovered syntax are notes: a person should look,
//!   but certificates and systems spell these their own way;
//! - the envelope's `Signature`: a vendor placeholder or none is a note (no envelope
//!   signature), never a failure; an XMLDSig signature with a real value is verified like
//!   any signed XML and listed among the package's signatures.

use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use super::{FileReport, Note, NoteCode, Reason, ReasonCode, SignatureReport, Verdict, VerifyOptions};
use crate::edxml::checks::{self, Envelope};
use crate::edxml::decode::{self, DecodeError, Family};
use crate::edxml::{Attachment, AttachmentInfo, EdxmlError, Package, PackageInfo, PackageKind, Problem};

/// Largest package whose envelope XMLDSig signature is verified (the XML verifier holds
/// the whole document).
const MAX_ENVELOPE_XML: u64 = super::xml::MAX_XML_FILE;

struct Ctx<'a> {
    opts: &'a VerifyOptions,
    id_attrs: &'a [String],
    /// What is left of `max_package_size` for decoding and unpacking.
    budget: u64,
}

/// Verify the package at `path`.
pub fn verify(path: &Path, opts: &VerifyOptions, id_attrs: &[String]) -> FileReport {
    let name = path.display().to_string();
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return FileReport::failed(name, "edxml", ReasonCode::ReadFailed, e.to_string()),
    };
    verify_reader(name, &mut file, opts, id_attrs)
}

/// Verify a package from any seekable source (a file, bytes in memory).
pub fn verify_reader<R: Read + Seek>(
    name: String,
    src: &mut R,
    opts: &VerifyOptions,
    id_attrs: &[String],
) -> FileReport {
    let mut ctx = Ctx { opts, id_attrs, budget: opts.package_limits.max_package_size };
    package(name, src, &mut ctx, 0)
}

fn package<R: Read + Seek>(name: String, src: &mut R, ctx: &mut Ctx, depth: usize) -> FileReport {
    if let Err(e) = src.seek(SeekFrom::Start(0)) {
        return FileReport::failed(name, "edxml", ReasonCode::ReadFailed, e.to_string());
    }
    let pkg = match crate::edxml::parse(BufReader::with_capacity(64 << 10, &mut *src), &ctx.opts.package_limits) {
        Ok(p) => p,
        Err(EdxmlError::Io(e)) => return FileReport::failed(name, "edxml", ReasonCode::ReadFailed, e.to_string()),
        Err(e) => return FileReport::failed(name, "edxml", ReasonCode::ParseFailed, e.to_string()),
    };
    let envelope = checks::envelope(&pkg);
    let mut report = FileReport {
        path: name,
        format: "edxml",
        package: Some(Box::new(info(&pkg, &envelope))),
        ..FileReport::empty()
    };
    report.attachments = attachments(&pkg, src, ctx, depth);
    package_checks(&pkg, &mut report);
    match envelope {
        Envelope::None(d) | Envelope::Placeholder(d) => report.notes.push(Note::new(NoteCode::NoEnvelopeSignature, d)),
        Envelope::XmlDsig => report.signatures = envelope_signatures(&report.path, src, ctx),
    }
    signer_checks(&pkg, &mut report);
    finish_container(&mut report, "no attachment carries a signature");
    report
}

fn info(pkg: &Package, envelope: &Envelope) -> PackageInfo {
    PackageInfo {
        kind: pkg.kind,
        header: pkg.header.clone(),
        envelope_signature: match envelope {
            Envelope::None(_) => "none",
            Envelope::Placeholder(_) => "placeholder",
            Envelope::XmlDsig => "xmldsig",
        },
        manifest: pkg.references.clone(),
    }
}

fn problem_reason(p: &Problem) -> Reason {
    match p {
        Problem::Limit(d) => Reason::new(ReasonCode::LimitExceeded, d.clone()),
        Problem::Malformed(d) => Reason::new(ReasonCode::ParseFailed, d.clone()),
    }
}

fn decode_reason(e: &DecodeError) -> (ReasonCode, String) {
    match e {
        DecodeError::Limit(d) => (ReasonCode::LimitExceeded, d.clone()),
        DecodeError::Malformed(d) => (ReasonCode::ParseFailed, d.clone()),
        DecodeError::Io(d) => (ReasonCode::ReadFailed, d.clone()),
    }
}

fn package_checks(pkg: &Package, report: &mut FileReport) {
    report.reasons.extend(pkg.problems.iter().map(problem_reason));
    report.reasons.extend(checks::manifest(pkg).into_iter().map(|d| Reason::new(ReasonCode::ManifestMismatch, d)));
    if pkg.kind == PackageKind::Document {
        if let Some(d) = checks::document_id(&pkg.header) {
            report.notes.push(Note::new(NoteCode::DocumentIdMismatch, d));
        }
        if let Some(d) = checks::trace_sender(&pkg.header) {
            report.notes.push(Note::new(NoteCode::TraceSenderMismatch, d));
        }
    }
    report.notes.extend(pkg.duplicates.iter().map(|d| Note::new(NoteCode::DuplicateHeaderField, d.clone())));
    report.notes.extend(pkg.recovered.iter().map(|d| Note::new(NoteCode::Tolerated, d.clone())));
}

/// Is attachment `i` the detached signature of another one (`X` and `X.p7s`)? Returns
/// the index of its content.
fn signature_of(names: &[String], i: usize) -> Option<usize> {
    let n = &names[i];
    let stem = n.len().checked_sub(4).filter(|&k| n.is_char_boundary(k) && n[k..].eq_ignore_ascii_case(".p7s"))?;
    names.iter().position(|c| c == &n[..stem])
}

fn attachments<R: Read + Seek>(pkg: &Package, src: &mut R, ctx: &mut Ctx, depth: usize) -> Vec<FileReport> {
    let names: Vec<String> = pkg.attachments.iter().map(|a| a.name.trim().to_string()).collect();
    let mut out = Vec::new();
    for (i, a) in pkg.attachments.iter().enumerate() {
        let shown = AttachmentInfo::display_name(a, &format!("attachment {}", i + 1));
        if let Some(content) = signature_of(&names, i) {
            // verified with its content; listed for the manifest's sake
            out.push(FileReport {
                path: shown,
                format: "cms",
                attachment: Some(Box::new(AttachmentInfo::of(a))),
                notes: vec![Note::new(
                    NoteCode::Warning,
                    format!("the signature of \"{}\", verified with it", names[content]),
                )],
                ..FileReport::empty()
            });
            continue;
        }
        let sig = (0..names.len()).find(|&j| j != i && signature_of(&names, j) == Some(i));
        out.push(attachment(a, sig.map(|j| &pkg.attachments[j]), &shown, src, ctx, depth));
    }
    // a signature attachment takes its verdict from its content
    for (i, _) in pkg.attachments.iter().enumerate() {
        if let Some(c) = signature_of(&names, i) {
            let v = out[c].verdict;
            out[i].verdict = v;
        }
    }
    out
}

fn decode_one<R: Read + Seek>(a: &Attachment, src: &mut R, ctx: &mut Ctx) -> Result<Vec<u8>, (ReasonCode, String)> {
    if let Some(p) = &a.problem {
        let r = problem_reason(p);
        return Err((r.code, r.detail));
    }
    let Some(range) = &a.encoded else {
        return Err((ReasonCode::ParseFailed, "the attachment has no ContentTransferEncoded".into()));
    };
    let limits = &ctx.opts.package_limits;
    let max = limits.max_attachment_size.min(ctx.budget);
    let bytes = decode::attachment(src, range, max).map_err(|e| {
        let (code, mut d) = decode_reason(&e);
        if matches!(e, DecodeError::Limit(_)) && max < limits.max_attachment_size {
            d = "the package's attachments are larger than --max-package-size in all".into();
        }
        (code, d)
    })?;
    ctx.budget = ctx.budget.saturating_sub(bytes.len() as u64);
    Ok(bytes)
}

fn attachment<R: Read + Seek>(
    a: &Attachment,
    sig: Option<&Attachment>,
    shown: &str,
    src: &mut R,
    ctx: &mut Ctx,
    depth: usize,
) -> FileReport {
    let mut info = AttachmentInfo::of(a);
    let bytes = match decode_one(a, src, ctx) {
        Ok(b) => b,
        Err((code, d)) => {
            let mut r = FileReport::failed(shown.to_string(), "unknown", code, d);
            r.attachment = Some(Box::new(info));
            return r;
        }
    };
    let family = Family::of(&bytes);
    info.size = Some(bytes.len() as u64);
    info.detected = Some(family.name());
    let mut r = match sig {
        Some(s) => match decode_one(s, src, ctx) {
            Ok(sig_bytes) => {
                let mut r = super::detached::verify_bytes(shown.to_string(), &bytes, &sig_bytes, ctx.opts);
                for s in &mut r.signatures {
                    s.coverage = format!("{} (signature in \"{}\")", s.coverage, s_name(a));
                }
                r
            }
            Err((code, d)) => FileReport::failed(shown.to_string(), "cms", code, format!("its signature: {d}")),
        },
        None => document(shown.to_string(), &bytes, ctx, depth),
    };
    if let Some(allowed) = decode::declared_families(&a.content_type)
        && !allowed.contains(&family)
    {
        r.reasons.push(Reason::new(
            ReasonCode::ContentTypeMismatch,
            format!("declared {}, but the bytes are {}", a.content_type.trim(), family.name()),
        ));
    }
    r.attachment = Some(Box::new(info));
    r.verdict = r.verdict.max(super::verdict_of(&r.reasons));
    r
}

fn s_name(a: &Attachment) -> String {
    format!("{}.p7s", a.name.trim())
}

/// Verify one document's bytes as if it were a file of its own.
fn document(name: String, bytes: &[u8], ctx: &mut Ctx, depth: usize) -> FileReport {
    match Family::of(bytes) {
        Family::Xml if crate::edxml::sniff(&bytes[..bytes.len().min(4096)]) => {
            if depth + 1 > ctx.opts.package_limits.max_depth {
                return FileReport::failed(
                    name,
                    "edxml",
                    ReasonCode::LimitExceeded,
                    format!("packages nested deeper than {}", ctx.opts.package_limits.max_depth),
                );
            }
            package(name, &mut Cursor::new(bytes), ctx, depth + 1)
        }
        Family::Pdf => super::pdf::verify_bytes(name, bytes, ctx.opts),
        Family::Xml => super::xml::verify_bytes(name, bytes, ctx.opts, ctx.id_attrs),
        Family::Zip => zip(name, bytes, ctx, depth),
        Family::Cms => super::detached::verify_bytes(name, &[], bytes, ctx.opts).with_lone_signature(),
        Family::Compound | Family::Other => FileReport::from_signatures(name, "unknown", vec![]),
    }
}

trait LoneSignature {
    fn with_lone_signature(self) -> FileReport;
}

impl LoneSignature for FileReport {
    /// A `.p7s` without its content beside it: the signatures over nothing are not
    /// failures of the signer.
    fn with_lone_signature(mut self) -> FileReport {
        if self.signatures.iter().any(|s| s.coverage == "whole file") {
            self.signatures.clear();
            self.reasons = vec![Reason::new(ReasonCode::SignedDataNotFound, "a detached signature without its file")];
            self.verdict = Verdict::Indeterminate;
        }
        self
    }
}

fn is_office(bytes: &[u8]) -> bool {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return false };
    archive
        .file_names()
        .flatten()
        .any(|n| n == "[Content_Types].xml" || n == "mimetype" || n == "META-INF/manifest.xml")
}

fn zip(name: String, bytes: &[u8], ctx: &mut Ctx, depth: usize) -> FileReport {
    let too_many = decode::declared_entries(bytes).is_some_and(|n| n > ctx.opts.package_limits.max_attachments as u64);
    if !too_many && is_office(bytes) {
        // an Office document (OOXML, ODF) is a zip of its own parts: a document here
        return FileReport::from_signatures(name, "unknown", vec![]);
    }
    let limits = ctx.opts.package_limits;
    let entries = match decode::unzip(bytes, &limits, &mut ctx.budget) {
        Ok(e) => e,
        Err(e) => {
            let (code, d) = decode_reason(&e);
            return FileReport::failed(name, "zip", code, d);
        }
    };
    let names: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
    let mut report = FileReport { path: name, format: "zip", ..FileReport::empty() };
    for (i, e) in entries.iter().enumerate() {
        let mut r = match (&e.bytes, signature_of(&names, i)) {
            (Err(err), _) => {
                let (code, d) = decode_reason(err);
                FileReport::failed(e.name.clone(), "unknown", code, d)
            }
            (Ok(_), Some(c)) => FileReport {
                path: e.name.clone(),
                format: "cms",
                notes: vec![Note::new(
                    NoteCode::Warning,
                    format!("the signature of \"{}\", verified with it", names[c]),
                )],
                ..FileReport::empty()
            },
            (Ok(b), None) => {
                let sig = (0..names.len()).find(|&j| j != i && signature_of(&names, j) == Some(i));
                match sig.map(|j| &entries[j].bytes) {
                    Some(Ok(s)) => super::detached::verify_bytes(e.name.clone(), b, s, ctx.opts),
                    Some(Err(err)) => {
                        FileReport::failed(e.name.clone(), "cms", decode_reason(err).0, "its signature cannot be read")
                    }
                    None => document(e.name.clone(), b, ctx, depth),
                }
            }
        };
        if let Ok(b) = &e.bytes {
            r.attachment = Some(Box::new(AttachmentInfo {
                name: e.name.clone(),
                size: Some(b.len() as u64),
                detected: Some(Family::of(b).name()),
                ..Default::default()
            }));
        }
        report.attachments.push(r);
    }
    for (i, e) in entries.iter().enumerate() {
        if let Some(c) = signature_of(&names, i)
            && e.bytes.is_ok()
        {
            report.attachments[i].verdict = report.attachments[c].verdict;
        }
    }
    finish_container(&mut report, "no file in the zip carries a signature");
    report
}

/// A container's verdict: its parts' worst (signatures of its own and attached
/// documents), with its own reasons; unsigned when nothing inside is signed.
fn finish_container(report: &mut FileReport, unsigned_detail: &str) {
    let parts: Vec<Verdict> =
        report.signatures.iter().map(|s| s.verdict).chain(report.attachments.iter().map(|a| a.verdict)).collect();
    if parts.iter().all(|v| *v == Verdict::Unsigned) {
        report.reasons.push(Reason::new(ReasonCode::NoSignature, unsigned_detail));
    }
    let worst = parts.into_iter().max().unwrap_or(Verdict::Unsigned);
    report.verdict = worst.max(super::verdict_of(&report.reasons));
}

fn envelope_signatures<R: Read + Seek>(name: &str, src: &mut R, ctx: &mut Ctx) -> Vec<SignatureReport> {
    let fail = |code: ReasonCode, detail: String| {
        vec![SignatureReport {
            index: 1,
            verdict: code.verdict(),
            reasons: vec![Reason::new(code, detail)],
            signer: None,
            signing_time: None,
            chain: vec![],
            trusted: false,
            revocation: super::Revocation::NotChecked,
            coverage: "the envelope".into(),
            algorithm: None,
            notes: vec![],
            revisions: None,
            ltv: None,
        }]
    };
    let mut bytes = Vec::new();
    let read = src.seek(SeekFrom::Start(0)).and_then(|_| src.take(MAX_ENVELOPE_XML + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return fail(ReasonCode::ReadFailed, e.to_string());
    }
    if bytes.len() as u64 > MAX_ENVELOPE_XML {
        return fail(
            ReasonCode::LimitExceeded,
            format!("the envelope signature of a package over {MAX_ENVELOPE_XML} bytes is not checked"),
        );
    }
    let r = super::xml::verify_bytes(name.to_string(), &bytes, ctx.opts, ctx.id_attrs);
    if r.signatures.is_empty() {
        let detail = r.reasons.first().map(|x| x.detail.clone()).unwrap_or_default();
        // an XMLDSig signature cannot be valid over a document that is not XML
        return fail(
            ReasonCode::FormatFailure,
            format!(
                "the envelope's XMLDSig signature cannot be checked: the package is not well-formed XML ({detail})"
            ),
        );
    }
    r.signatures
}

/// Every signature of the documents directly in this package (zip files included, other
/// packages not).
fn signatures_mut(reports: &mut [FileReport]) -> Vec<&mut SignatureReport> {
    let mut out = Vec::new();
    for r in reports {
        if r.format == "edxml" {
            continue;
        }
        out.extend(r.signatures.iter_mut());
        out.extend(signatures_mut(&mut r.attachments));
    }
    out
}

fn signer_checks(pkg: &Package, report: &mut FileReport) {
    let h = &pkg.header;
    let mut cns_seen: Vec<String> = Vec::new();
    let mut any_signer = false;
    let mut name_found = false;
    for s in signatures_mut(&mut report.attachments) {
        let Some(signer) = &s.signer else { continue };
        any_signer = true;
        let (orgs, cns) = checks::subject_names(&signer.subject);
        let named = !(orgs.is_empty() && cns.is_empty());
        if named && !h.from.organ_name.trim().is_empty() {
            let agrees = orgs.iter().chain(&cns).any(|n| checks::names_agree(n, &h.from.organ_name));
            if !agrees {
                let org = if orgs.is_empty() { "(none)".to_string() } else { orgs.join(", ") };
                s.notes.push(Note::new(
                    NoteCode::SignerOrganizationMismatch,
                    format!("certificate O={org}; the package's sender (From/OrganName) is {:?}", h.from.organ_name),
                ));
            }
        }
        if cns.iter().any(|c| checks::names_agree(c, &h.signer_full_name)) {
            name_found = true;
        }
        cns_seen.extend(cns);
    }
    if any_signer && !h.signer_full_name.trim().is_empty() && !name_found {
        cns_seen.dedup();
        report.notes.push(Note::new(
            NoteCode::SignerNameMismatch,
            format!("SignerInfo/FullName is {:?}; the certificates name {}", h.signer_full_name, cns_seen.join(", ")),
        ));
    }
}

/// What `kyso edxml inspect` shows: the package as declared, its checks, and each
/// attachment decoded (size, what the bytes are, a zip's files) but not verified.
#[derive(Debug, Clone)]
pub struct Inspection {
    pub path: String,
    pub package: PackageInfo,
    /// Package problems and MANIFEST_MISMATCH.
    pub reasons: Vec<Reason>,
    pub notes: Vec<Note>,
    pub attachments: Vec<InspectedAttachment>,
}

#[derive(Debug, Clone)]
pub struct InspectedAttachment {
    pub info: AttachmentInfo,
    /// Why it cannot be decoded, or CONTENT_TYPE_MISMATCH.
    pub reasons: Vec<Reason>,
    /// A zip's files (name, size, what they are).
    pub files: Vec<AttachmentInfo>,
}

/// Inspect the package at `path` (no signature is verified).
pub fn inspect(path: &Path, limits: &crate::edxml::Limits) -> crate::Result<Inspection> {
    let read_err = |source| crate::Error::Read { path: path.to_path_buf(), source };
    let mut file = std::fs::File::open(path).map_err(read_err)?;
    let pkg = crate::edxml::parse(BufReader::with_capacity(64 << 10, &mut file), limits).map_err(|e| match e {
        EdxmlError::Io(source) => read_err(source),
        other => crate::Error::Unsupported { path: path.to_path_buf(), detail: other.to_string() },
    })?;
    let envelope = checks::envelope(&pkg);
    let mut report = FileReport::empty();
    package_checks(&pkg, &mut report);
    if let Envelope::None(d) | Envelope::Placeholder(d) = &envelope {
        report.notes.push(Note::new(NoteCode::NoEnvelopeSignature, d.clone()));
    }
    let mut budget = limits.max_package_size;
    let mut attachments = Vec::new();
    for a in &pkg.attachments {
        let mut info = AttachmentInfo::of(a);
        let mut reasons = Vec::new();
        let mut files = Vec::new();
        let decoded = match (&a.problem, &a.encoded) {
            (Some(p), _) => Err(problem_reason(p)),
            (None, None) => Err(Reason::new(ReasonCode::ParseFailed, "the attachment has no ContentTransferEncoded")),
            (None, Some(range)) => decode::attachment(&mut file, range, limits.max_attachment_size.min(budget))
                .map_err(|e| {
                    let (code, d) = decode_reason(&e);
                    Reason::new(code, d)
                }),
        };
        match decoded {
            Err(r) => reasons.push(r),
            Ok(bytes) => {
                budget = budget.saturating_sub(bytes.len() as u64);
                let family = Family::of(&bytes);
                info.size = Some(bytes.len() as u64);
                info.detected = Some(family.name());
                if let Some(allowed) = decode::declared_families(&a.content_type)
                    && !allowed.contains(&family)
                {
                    reasons.push(Reason::new(
                        ReasonCode::ContentTypeMismatch,
                        format!("declared {}, but the bytes are {}", a.content_type.trim(), family.name()),
                    ));
                }
                if family == Family::Zip {
                    let mut zip_budget = budget;
                    match decode::unzip(&bytes, limits, &mut zip_budget) {
                        Ok(entries) => {
                            for e in entries {
                                let mut f = AttachmentInfo { name: e.name.clone(), ..Default::default() };
                                match &e.bytes {
                                    Ok(b) => {
                                        f.size = Some(b.len() as u64);
                                        f.detected = Some(Family::of(b).name());
                                    }
                                    Err(err) => {
                                        let (code, d) = decode_reason(err);
                                        reasons.push(Reason::new(code, format!("{}: {d}", e.name)));
                                    }
                                }
                                files.push(f);
                            }
                        }
                        Err(e) => {
                            let (code, d) = decode_reason(&e);
                            reasons.push(Reason::new(code, d));
                        }
                    }
                }
            }
        }
        attachments.push(InspectedAttachment { info, reasons, files });
    }
    Ok(Inspection {
        path: path.display().to_string(),
        package: info(&pkg, &envelope),
        reasons: report.reasons,
        notes: report.notes,
        attachments,
    })
}
