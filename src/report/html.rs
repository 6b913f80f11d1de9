//! The verification report as one self-contained HTML file (`kyso verify --report
//! FILE.html`): no script, no external request, styles inline; English or Vietnamese.
//! Per file its verdict in words, SHA-256, each signature (signer, organisation, ID and
//! tax numbers from the subject, issuer, time in Vietnam time for `vi`, chain, what it
//! covers), a timeline of a PDF's revisions as inline SVG, and the policy outcome; first
//! a summary with the trust anchors and the policy used, kyso's version and the time.
//!
//! Rendering uses the MiniJinja template `templates/report.html` (HTML auto-escaping on);
//! this module builds its context from the report data ([`context`], which the PDF
//! report [`super::pdf`] renders too, so both say the same).

use serde_json::{Value, json};

use super::Lang;
use super::messages::{note_message, policy_failure_message, reason_message, time_for_people, verdict_label};
use super::policy::policy_label;
use super::vi::tr;
use crate::verify::{FileReport, RevisionStatus, SignatureReport, Summary, Verdict};

const TEMPLATE: &str = include_str!("templates/report.html");

/// What the report says about the run besides the files.
pub struct Meta {
    /// Unix seconds.
    pub generated: i64,
    /// Subjects of the trust anchors used.
    pub anchors: Vec<String>,
    pub policy_source: Option<String>,
    /// SHA-256 (hex) of each file, in the order of the files.
    pub sha256: Vec<String>,
}

fn class(v: Verdict) -> &'static str {
    match v {
        Verdict::Valid => "valid",
        Verdict::Unsigned => "unsigned",
        Verdict::Indeterminate => "indeterminate",
        Verdict::Invalid => "invalid",
        Verdict::Error => "error",
    }
}

/// The verdict in words a clerk understands.
fn verdict_words(v: Verdict, l: Lang) -> &'static str {
    match v {
        Verdict::Valid => l.pick(
            "The signatures are intact and their certificates chain to a trusted certificate.",
            "Các chữ ký còn nguyên vẹn và chứng thư số của người ký được xác thực tới chứng thư tin cậy.",
        ),
        Verdict::Invalid => l.pick(
            "Something was proven wrong: the document or a signature was changed, or a certificate was revoked.",
            "Đã xác định có sai phạm: văn bản hoặc chữ ký đã bị thay đổi, hoặc chứng thư số đã bị thu hồi.",
        ),
        Verdict::Indeterminate => l.pick(
            "The signatures could not be confirmed; the reasons below say what is missing.",
            "Chưa thể khẳng định chữ ký hợp lệ; lý do bên dưới cho biết còn thiếu gì.",
        ),
        Verdict::Unsigned => l.pick("The document carries no signature.", "Văn bản không có chữ ký số."),
        Verdict::Error => l.pick("The file could not be read.", "Không đọc được tệp."),
    }
}

/// Attribute values of an RFC 4514 name as kyso prints it (`O=…`, `UID=…`).
fn values(name: &str, attrs: &[&str]) -> Vec<String> {
    name.split(',')
        .filter_map(|part| part.split_once('='))
        .filter(|(k, _)| attrs.iter().any(|a| a.eq_ignore_ascii_case(k.trim())))
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

fn signature(s: &SignatureReport, l: Lang) -> Value {
    let signer = s.signer.as_ref();
    let mut chain: Vec<String> = s.chain.iter().map(|c| c.subject.clone()).collect();
    if s.trusted
        && let Some(last) = chain.last_mut()
    {
        last.push_str(l.pick(" (trust anchor)", " (chứng thư tin cậy)"));
    }
    json!({
        "index": s.index,
        "verdict": verdict_label(s.verdict, l),
        "class": class(s.verdict),
        "signer": signer.map(|c| values(&c.subject, &["CN"]).join(", ")).filter(|v| !v.is_empty())
            .or_else(|| signer.map(|c| c.subject.clone())),
        "organization": signer.map(|c| values(&c.subject, &["O", "OU"]).join(", ")).filter(|v| !v.is_empty()),
        "ids": signer.map(|c| values(&c.subject, &["UID", "serialNumber", "organizationIdentifier"]).join(", "))
            .filter(|v| !v.is_empty()),
        "issuer": signer.map(|c| c.issuer.clone()),
        "time": s.signing_time.map(|t| format!(
            "{} {}", time_for_people(t, l), l.pick("(claimed by the signer, not proof of time)", "(do người ký tự khai, không phải bằng chứng thời gian)"))),
        "proven_time": s.ltv.as_ref().and_then(|t| t.proven_time.as_ref()).map(|p| format!(
            "{} ({})", time_for_people(p.time, l), tr(&p.by, l))),
        "level": s.ltv.as_ref().and_then(|t| t.level).map(|v| v.as_str()),
        "algorithm": s.algorithm.as_deref().map(|a| tr(a, l)),
        "coverage": tr(&s.coverage, l),
        "chain": chain,
        "later": s.revisions.as_ref().map(|h| super::verdict::revisions_text(h, l).lines().map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty()).collect::<Vec<_>>()).unwrap_or_default(),
        "notes": s.notes.iter().map(|n| note_message(n, l)).collect::<Vec<_>>(),
        "reasons": s.reasons.iter().map(|r| format!("{}: {}", r.code.as_str(), reason_message(r, l))).collect::<Vec<_>>(),
    })
}

/// A PDF's revisions as boxes, each signature as a bar over the revisions it covers.
fn timeline(f: &FileReport, l: Lang) -> Value {
    let with_history: Vec<(&SignatureReport, &crate::verify::RevisionHistory)> =
        f.signatures.iter().filter_map(|s| s.revisions.as_ref().map(|h| (s, h))).collect();
    let Some(total) = with_history.iter().map(|(_, h)| h.total).max() else { return Value::Null };
    if total == 0 || total > 200 {
        return Value::Null;
    }
    let w = 90usize;
    let mut status = vec!["#e8eef8"; total];
    if let Some((_, h)) = with_history.iter().min_by_key(|(_, h)| h.signed) {
        for e in &h.later {
            if let Some(slot) = status.get_mut(e.revision.saturating_sub(1)) {
                *slot = match e.status {
                    RevisionStatus::Allowed => "#d8f0d8",
                    RevisionStatus::Refused => "#f8d7d7",
                    RevisionStatus::NotAssessed => "#fbecc8",
                };
            }
        }
    }
    let revisions: Vec<Value> = (0..total)
        .map(|i| {
            json!({"x": i * w, "w": w - 4, "tx": i * w + w / 2 - 2, "fill": status[i],
                   "label": format!("{} {}", l.pick("rev.", "pb."), i + 1)})
        })
        .collect();
    let signatures: Vec<Value> = with_history
        .iter()
        .enumerate()
        .map(|(k, (s, h))| {
            let y = 40 + k * 22;
            let fill = if s.verdict == Verdict::Valid { "#2e7d32" } else { "#c62828" };
            json!({"x": 0, "y": y, "w": h.signed * w - 4, "fill": fill, "tx": h.signed * w + 4, "ty": y + 11,
                   "label": format!("{} {}: {}", l.pick("signature", "chữ ký"), s.index, verdict_label(s.verdict, l))})
        })
        .collect();
    json!({"width": total * w + 220, "height": 44 + with_history.len() * 22, "revisions": revisions, "signatures": signatures})
}

fn file(f: &FileReport, sha256: &str, l: Lang) -> Value {
    json!({
        "path": f.path,
        "format": if f.format == "unknown" { l.pick("unknown", "không rõ định dạng") } else { f.format },
        "sha256": sha256,
        "verdict": verdict_label(f.verdict, l),
        "verdict_words": verdict_words(f.verdict, l),
        "class": class(f.verdict),
        "reasons": f.reasons.iter().map(|r| format!("{}: {}", r.code.as_str(), reason_message(r, l))).collect::<Vec<_>>(),
        "signatures": f.signatures.iter().map(|s| signature(s, l)).collect::<Vec<_>>(),
        "timeline": timeline(f, l),
        "policy": f.policy.as_ref().map(|p| json!({
            "label": policy_label(p, l),
            "class": if p.passed() { "passed" } else { "failed" },
            "failures": p.failures.iter().map(|x| format!("[{}] {}", x.rule.as_str(), policy_failure_message(x, l))).collect::<Vec<_>>(),
        })),
    })
}

fn words(l: Lang) -> Value {
    json!({
        "title": l.pick("Signature verification report", "Báo cáo kiểm tra chữ ký số"),
        "generated": l.pick("Verified at", "Thời điểm kiểm tra"),
        "files": l.pick("Files", "Số tệp"),
        "valid": l.pick("Valid", "Hợp lệ"),
        "invalid": l.pick("Invalid", "Không hợp lệ"),
        "indeterminate": l.pick("Indeterminate", "Chưa xác định"),
        "unsigned": l.pick("Unsigned", "Không có chữ ký"),
        "error": l.pick("Unreadable", "Lỗi đọc tệp"),
        "policy": l.pick("Verification policy", "Chính sách kiểm tra"),
        "policy_failed": l.pick("files failing it", "số tệp không đạt"),
        "anchors": l.pick("Trust anchors", "Chứng thư tin cậy"),
        "no_anchors": l.pick("none given: no signature can be confirmed", "không có: không chữ ký nào có thể được khẳng định"),
        "summary": l.pick("Summary", "Tóm tắt"),
        "file": l.pick("File", "Tệp"),
        "verdict": l.pick("Verdict", "Kết luận"),
        "format": l.pick("Format", "Định dạng"),
        "reasons": l.pick("Reasons", "Lý do"),
        "history": l.pick("Document history: revisions and what each signature covers", "Lịch sử văn bản: các phiên bản và phạm vi của từng chữ ký"),
        "signature": l.pick("Signature", "Chữ ký"),
        "signer": l.pick("Signer", "Người ký"),
        "organization": l.pick("Organisation", "Cơ quan, tổ chức"),
        "ids": l.pick("ID and tax numbers", "Số định danh, mã số thuế"),
        "issuer": l.pick("Issued by", "Tổ chức cấp chứng thư"),
        "time": l.pick("Signing time", "Thời điểm ký"),
        "proven_time": l.pick("Proven time (time-stamp)", "Thời điểm đã chứng minh (dấu thời gian)"),
        "level": l.pick("Level", "Mức chữ ký"),
        "later": l.pick("Later revisions", "Các phiên bản sau"),
        "version": l.pick("kyso version", "Phiên bản kyso"),
        "page": l.pick("page", "trang"),
        "algorithm": l.pick("Algorithm", "Thuật toán"),
        "covers": l.pick("Covers", "Phạm vi ký"),
        "chain": l.pick("Certificate chain", "Chuỗi chứng thực"),
        "notes": l.pick("Notes", "Ghi chú"),
        "footer": l.pick(
            "Made by kyso. The SHA-256 of each file lets anyone check later that this report is about the same file.",
            "Báo cáo do kyso lập. Giá trị SHA-256 của từng tệp cho phép kiểm tra lại sau này rằng báo cáo nói về đúng tệp đó.",
        ),
    })
}

/// The report's data model, shared by the HTML template and the PDF report
/// ([`super::pdf`]): labels (`t`), the run (`generated`, `version`, `summary`, `anchors`,
/// `policy_source`) and per file its verdict, signatures, timeline and policy outcome,
/// every text already in the language `l`.
pub fn context(files: &[FileReport], meta: &Meta, l: Lang) -> Value {
    json!({
        "lang": match l { Lang::En => "en", Lang::Vi => "vi" },
        "t": words(l),
        "generated": time_for_people(meta.generated, l),
        "version": env!("CARGO_PKG_VERSION"),
        "summary": Summary::of(files),
        "anchors": meta.anchors,
        "policy_source": meta.policy_source.as_deref().map(|s| s.replace("command line", l.pick("command line", "dòng lệnh"))),
        "files": files.iter().enumerate()
            .map(|(i, f)| file(f, meta.sha256.get(i).map(String::as_str).unwrap_or(""), l))
            .collect::<Vec<_>>(),
    })
}

/// Render the report. `Err` carries the template engine's message (a bug, not bad input).
pub fn render(files: &[FileReport], meta: &Meta, l: Lang) -> Result<String, String> {
    let mut env = minijinja::Environment::new();
    env.add_template("report.html", TEMPLATE).map_err(|e| e.to_string())?;
    let ctx = context(files, meta, l);
    env.get_template("report.html").and_then(|t| t.render(ctx)).map_err(|e| e.to_string())
}
