//! Rendering verification reports: human text (en/vi) and the JSON shape every format
//! shares:
//!
//! ```json
//! {"schema": 1,
//!  "files": [{"path", "format", "verdict", "reasons": [...],
//!             "signatures": [{"index", "verdict", "reasons": [{"code", "message"}],
//!                             "signer": {"subject", "issuer", "serial", "sha256"},
//!                             "signing_time", "chain": [...], "trusted", "revocation",
//!                             "coverage", "algorithm",
//!                             "notes": [{"code", "message"}],
//!                             "revisions": null | {...},
//!                             "kind", "level", "proven_time", "validation_time",
//!                             "timestamps": [...]}]}],
//!  "summary": {"files", "valid", "invalid", "indeterminate", "unsigned", "error"}}
//! ```
//!
//! `revisions` (PDF signatures; `null` elsewhere) is the revision history: the revision
//! the signature covers and what each later revision changed (numbers are 1-based):
//!
//! ```json
//! {"signed": 2, "total": 4,
//!  "later": [{"revision": 3, "status": "allowed" | "refused" | "not_assessed",
//!             "docmdp": null | 1 | 2 | 3,
//!             "not_assessed": "why (only when not assessed)",
//!             "changes": [{"code": "SIGNATURE_ADDED", "class": "signing", "allowed": true,
//!                          "refused": {"why": "forbidden" | "not_permitted" | "field_locked",
//!                                      "docmdp": 2, "by": "Signature1"},
//!                          "page": 1, "field": "Signature2", "object": "12 0 R",
//!                          "detail": "language-neutral detail", "message": "words"}]}]}
//! ```
//!
//! `code` is a stable finding code (`kyso::pdf::FindingCode`), `class` what kind of change
//! it is (`housekeeping`, `ltv`, `signing`, `visible_signature`, `form_fill`,
//! `annotation`, `forbidden`); `refused`, `page`, `field` and `object` appear when they
//! apply.
//!
//! Long-term validation (schema 1 still: fields only added):
//!
//! - `kind`: `"signature"`, or `"document_timestamp"` for a PDF document time-stamp
//!   (`/SubFilter /ETSI.RFC3161`), whose `signer` is the TSA and whose verdict is its token's.
//! - `level`: the baseline level found — `"B-B"`, `"B-T"` (a signature time-stamp or a
//!   document time-stamp covers it), `"B-LT"` (and the file carries revocation data: DSS,
//!   CMS revocationInfoChoices, adbe-revocationInfoArchival), `"B-LTA"` (and a document
//!   time-stamp covers that); XAdES: a SignatureTimeStamp, CertificateValues and
//!   RevocationValues; `null` for document time-stamps and where not assessed.
//! - `proven_time`: `null` or `{"time", "by"}` — the earliest time a valid time-stamp
//!   proves the signature existed (genTime plus accuracy) and which time-stamp.
//! - `validation_time`: the time the signer's (a document time-stamp: the TSA's) chain
//!   was validated at: the proven time when there is one, else the validation time
//!   (`--at` or now); `null` where not assessed.
//! - `timestamps`: each time-stamp token of the signature (a document time-stamp: itself),
//!   `{"kind": "signature" | "document", "verdict", "reasons", "notes", "time", "tsa":
//!   {"subject", "issuer", "serial", "sha256"}, "chain": [subjects], "trusted",
//!   "revocation", "algorithm", "validation_time"}`.
//!
//! An edXML package (format `"edxml"`) and a zip inside one (format `"zip"`) add, only
//! when they have them (schema 1 still: fields are only added):
//!
//! - `"notes": [{"code", "message"}]`: file-level facts that do not change the verdict
//!   (NO_ENVELOPE_SIGNATURE, DOCUMENT_ID_MISMATCH, TRACE_SENDER_MISMATCH,
//!   SIGNER_NAME_MISMATCH, DUPLICATE_HEADER_FIELD, TOLERATED);
//! - `"package"`: the header — `kind` ("document" or "status"), `from` and each of `to`
//!   (`organ_id`, `organ_name`), `document_id`, `code_number`, `code_notation`, `place`,
//!   `promulgation_date`, `document_type`, `document_type_name`, `subject`,
//!   `signer_competence`, `signer_position`, `signer_full_name`, `due_date`,
//!   `steering_type`, `status_code`, `status_description`, `status_timestamp`,
//!   `response_for`, `response_for_code`, `response_for_document_id`,
//!   `business_doc_type`, `business_doc_reason`, `trace` ([{`organ_id`, `timestamp`}]),
//!   `envelope_signature` ("none", "placeholder" or "xmldsig") and `manifest`
//!   ([{`content_id`, `href`, `content_type`, `name`, `description`}]);
//! - `"attachments"`: the documents inside, each a file object of this same shape (so a
//!   zip's files and a package inside a zip nest further), with
//! - `"attachment"` on each of them: what the package declares and what the bytes are
//!   (`content_id`, `content_type`, `name`, `description`, `size`, `detected`).
//!
//! The package's `signatures` are those of a real envelope XMLDSig signature (a vendor
//! placeholder is the NO_ENVELOPE_SIGNATURE note instead).

use serde_json::{Value, json};

use super::Lang;
use super::messages::{
    finding_text, kind_text, note_message, reason_message, refusal_text, revision_status_text, timestamp_kind_text,
    verdict_label,
};
use super::output::Output;
use super::style::Tone;
use crate::pki::time;
use crate::verify::ltv::{SignatureKind, TimestampReport};
use crate::verify::{FileReport, Note, Reason, RevisionHistory, Revocation, SignatureReport, Summary, Verdict};

fn tone(v: Verdict) -> Tone {
    match v {
        Verdict::Valid => Tone::Good,
        Verdict::Indeterminate | Verdict::Unsigned => Tone::Warn,
        Verdict::Invalid | Verdict::Error => Tone::Bad,
    }
}

fn reasons_json(reasons: &[Reason], l: Lang) -> Value {
    Value::Array(reasons.iter().map(|r| json!({"code": r.code, "message": reason_message(r, l)})).collect())
}

fn notes_json(notes: &[Note], l: Lang) -> Value {
    Value::Array(notes.iter().map(|n| json!({"code": n.code, "message": note_message(n, l)})).collect())
}

/// The revision history with words for people added to each change.
fn revisions_json(h: &Option<RevisionHistory>, l: Lang) -> Value {
    let Some(h) = h else { return Value::Null };
    let mut v = serde_json::to_value(h).unwrap_or(Value::Null);
    let later = h.later.iter().zip(v.get_mut("later").and_then(Value::as_array_mut).into_iter().flatten());
    for (entry, ev) in later {
        let changes = ev.get_mut("changes").and_then(Value::as_array_mut).into_iter().flatten();
        for (c, cv) in entry.changes.iter().zip(changes) {
            if let Some(m) = cv.as_object_mut() {
                m.insert("message".into(), json!(change_message(c, l)));
            }
        }
    }
    v
}

fn change_message(c: &crate::verify::RevisionChange, l: Lang) -> String {
    let mut m = finding_text(c.code, l).to_string();
    if let Some(f) = &c.field {
        m += &format!(" \"{f}\"");
    }
    if let Some(p) = c.page {
        m += &format!(" ({} {p})", l.pick("page", "trang"));
    }
    if let Some(r) = &c.refused {
        m += &format!(": {}", refusal_text(r, l));
    }
    m
}

/// One line per later revision, for people.
pub(super) fn revisions_text(h: &RevisionHistory, l: Lang) -> String {
    const SHOWN: usize = 6;
    let mut s = String::new();
    for e in &h.later {
        let mut line = format!(
            "      {} {} {} {}: {}",
            l.pick("revision", "phiên bản"),
            e.revision,
            l.pick("of", "/"),
            h.total,
            revision_status_text(e.status, l)
        );
        if let Some(why) = &e.not_assessed {
            line += &format!(" ({})", super::vi::tr(why, l));
        }
        let mut changes: Vec<&crate::verify::RevisionChange> = e.changes.iter().filter(|c| !c.allowed).collect();
        changes.extend(e.changes.iter().filter(|c| c.allowed));
        let parts: Vec<String> = changes.iter().take(SHOWN).map(|c| change_message(c, l)).collect();
        if !parts.is_empty() {
            line += &format!(" — {}", parts.join("; "));
        }
        if changes.len() > SHOWN {
            line += &format!("; … (+{})", changes.len() - SHOWN);
        }
        s += &line;
        s.push('\n');
    }
    s
}

pub fn signature_json(s: &SignatureReport, l: Lang) -> Value {
    json!({
        "index": s.index,
        "verdict": s.verdict,
        "reasons": reasons_json(&s.reasons, l),
        "signer": s.signer.as_ref().map(|c| json!({
            "subject": c.subject, "issuer": c.issuer, "serial": c.serial, "sha256": c.sha256,
        })),
        "signing_time": s.signing_time.map(time::rfc3339),
        "chain": s.chain.iter().map(|c| json!({
            "subject": c.subject, "issuer": c.issuer, "serial": c.serial, "sha256": c.sha256,
            "not_before": c.not_before, "not_after": c.not_after,
        })).collect::<Vec<_>>(),
        "trusted": s.trusted,
        "revocation": s.revocation,
        "coverage": s.coverage,
        "algorithm": s.algorithm,
        "notes": notes_json(&s.notes, l),
        "revisions": revisions_json(&s.revisions, l),
        "kind": s.ltv.as_ref().map_or(SignatureKind::Signature, |t| t.kind),
        "level": s.ltv.as_ref().and_then(|t| t.level),
        "proven_time": s.ltv.as_ref().and_then(|t| t.proven_time.as_ref()).map(|p| json!({
            "time": time::rfc3339(p.time), "by": p.by,
        })),
        "validation_time": s.ltv.as_ref().map(|t| time::rfc3339(t.validation_time)),
        "timestamps": s.ltv.as_ref().map(|t| t.timestamps.iter().map(|ts| timestamp_json(ts, l)).collect::<Vec<_>>())
            .unwrap_or_default(),
    })
}

fn timestamp_json(t: &TimestampReport, l: Lang) -> Value {
    json!({
        "kind": t.kind,
        "verdict": t.verdict,
        "reasons": reasons_json(&t.reasons, l),
        "notes": notes_json(&t.notes, l),
        "time": t.time.map(time::rfc3339),
        "tsa": t.tsa.as_ref().map(|c| json!({
            "subject": c.subject, "issuer": c.issuer, "serial": c.serial, "sha256": c.sha256,
        })),
        "chain": t.chain.iter().map(|c| c.subject.clone()).collect::<Vec<_>>(),
        "trusted": t.trusted,
        "revocation": t.revocation,
        "algorithm": t.algorithm,
        "validation_time": t.validation_time.map(time::rfc3339),
    })
}

pub fn file_json(f: &FileReport, l: Lang) -> Value {
    let mut v = json!({
        "path": f.path,
        "format": f.format,
        "verdict": f.verdict,
        "reasons": reasons_json(&f.reasons, l),
        "signatures": f.signatures.iter().map(|s| signature_json(s, l)).collect::<Vec<_>>(),
    });
    if let Value::Object(m) = &mut v {
        if !f.notes.is_empty() {
            m.insert("notes".into(), notes_json(&f.notes, l));
        }
        if let Some(p) = &f.package {
            m.insert("package".into(), serde_json::to_value(p).unwrap_or(Value::Null));
        }
        if let Some(a) = &f.attachment {
            m.insert("attachment".into(), serde_json::to_value(a).unwrap_or(Value::Null));
        }
        if !f.attachments.is_empty() {
            m.insert("attachments".into(), Value::Array(f.attachments.iter().map(|a| file_json(a, l)).collect()));
        }
        if let Some(p) = &f.policy {
            m.insert("policy".into(), super::policy::policy_json(p, l));
        }
    }
    v
}

pub fn report_json(files: &[FileReport], l: Lang) -> Value {
    json!({
        "files": files.iter().map(|f| file_json(f, l)).collect::<Vec<_>>(),
        "summary": Summary::of(files),
    })
}

/// One block per file, one sub-block per signature.
pub fn render_file(out: &Output, f: &FileReport) -> String {
    let l = out.lang;
    let format = if f.format == "unknown" { l.pick("unknown", "không rõ định dạng") } else { f.format };
    let mut s = format!("{}: {} ({format})\n", f.path, out.paint(verdict_label(f.verdict, l), tone(f.verdict)));
    if let Some(a) = &f.attachment {
        s += &super::edxml::render_attachment_info(a, l);
    }
    if let Some(p) = &f.package {
        s += &super::edxml::render_header(p, l);
    }
    for r in &f.reasons {
        s += &format!("  - {}: {}\n", r.code.as_str(), reason_message(r, l));
    }
    for n in &f.notes {
        s += &format!("  {} {}\n", l.pick("note:", "ghi chú:"), note_message(n, l));
    }
    for sig in &f.signatures {
        s += &format!(
            "  {} {}: {}\n",
            kind_text(sig.ltv.as_ref().map_or(SignatureKind::Signature, |t| t.kind), l),
            sig.index,
            out.paint(verdict_label(sig.verdict, l), tone(sig.verdict))
        );
        let row = |label: &str, value: &str| format!("    {label:<24} {value}\n");
        if let Some(c) = &sig.signer {
            s += &row(l.pick("signer:", "người ký:"), &c.subject);
            s += &row(l.pick("issuer:", "bên cấp:"), &c.issuer);
            s += &row(l.pick("serial:", "số hiệu:"), &c.serial);
        }
        if let Some(alg) = &sig.algorithm {
            s += &row(l.pick("algorithm:", "thuật toán:"), &super::vi::tr(alg, l));
        }
        if let Some(t) = sig.signing_time {
            s += &row(
                l.pick("claimed signing time:", "thời điểm ký (tự khai):"),
                &format!(
                    "{} {}",
                    super::messages::time_for_people(t, l),
                    l.pick("(not proof of time)", "(không phải bằng chứng thời gian)")
                ),
            );
        }
        if !sig.chain.is_empty() {
            let mut names: Vec<String> = sig.chain.iter().map(|c| c.subject.clone()).collect();
            if sig.trusted
                && let Some(last) = names.last_mut()
            {
                last.push_str(l.pick(" (trust anchor)", " (chứng thư tin cậy)"));
            }
            s += &row(l.pick("chain:", "chuỗi chứng thực:"), &names.join(" → "));
        }
        let rev = match sig.revocation {
            Revocation::Good => l.pick("not revoked (CRL checked)", "chưa bị thu hồi (đã kiểm tra CRL)"),
            Revocation::Revoked => l.pick("REVOKED", "ĐÃ BỊ THU HỒI"),
            Revocation::NotChecked => l.pick("not checked (no usable CRL)", "chưa kiểm tra (không có CRL dùng được)"),
        };
        s += &row(l.pick("revocation:", "thu hồi:"), rev);
        s += &row(l.pick("covers:", "phạm vi ký:"), &super::vi::tr(&sig.coverage, l));
        if let Some(t) = &sig.ltv {
            if let Some(level) = t.level {
                s += &row(l.pick("level:", "mức:"), level.as_str());
            }
            if let Some(p) = &t.proven_time {
                s += &row(
                    l.pick("proven time:", "thời điểm chứng minh:"),
                    &format!("{} ({})", time::rfc3339(p.time), p.by),
                );
            }
            for ts in t.timestamps.iter().filter(|_| t.kind == SignatureKind::Signature) {
                let mut v = verdict_label(ts.verdict, l).to_string();
                if let Some(when) = ts.time {
                    v += &format!(", {}", time::rfc3339(when));
                }
                if let Some(tsa) = &ts.tsa {
                    v += &format!(", TSA {}", tsa.subject);
                }
                s += &row(&format!("{}:", timestamp_kind_text(ts.kind, l)), &v);
            }
        }
        if let Some(h) = sig.revisions.as_ref().filter(|h| !h.later.is_empty()) {
            s += &row(l.pick("later revisions:", "các phiên bản sau:"), &h.later.len().to_string());
            s += &revisions_text(h, l);
        }
        for n in &sig.notes {
            s += &format!("    {} {}\n", l.pick("note:", "ghi chú:"), note_message(n, l));
        }
        for r in &sig.reasons {
            s += &format!("    - {}: {}\n", r.code.as_str(), reason_message(r, l));
        }
    }
    if let Some(p) = &f.policy {
        s += &super::policy::render_policy(out, p);
    }
    for a in &f.attachments {
        for line in render_file(out, a).lines() {
            s += &format!("    {line}\n");
        }
    }
    s
}

pub fn render_summary(out: &Output, summary: &Summary) -> String {
    let l = out.lang;
    let mut s = format!(
        "{} {}: {} {}, {} {}, {} {}, {} {}, {} {}\n",
        summary.files,
        l.pick("file(s)", "tệp"),
        summary.valid,
        l.pick("valid", "hợp lệ"),
        summary.invalid,
        l.pick("invalid", "không hợp lệ"),
        summary.indeterminate,
        l.pick("indeterminate", "chưa xác định"),
        summary.unsigned,
        l.pick("unsigned", "không có chữ ký"),
        summary.error,
        l.pick("error", "lỗi"),
    );
    if summary.policy_failed > 0 {
        s = format!(
            "{}; {} {}\n",
            s.trim_end(),
            summary.policy_failed,
            l.pick("failed the policy", "không đạt chính sách kiểm tra")
        );
    }
    s
}
