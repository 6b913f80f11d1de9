//! Rendering edXML packages: the header a clerk needs (in verification reports and
//! `kyso edxml inspect`), an attachment's declared facts, and `kyso edxml extract`'s list.

use serde_json::{Value, json};

use super::Lang;
use super::messages::{note_message, reason_message};
use super::output::Output;
use crate::edxml::extract::Extracted;
use crate::edxml::{AttachmentInfo, PackageInfo, PackageKind};
use crate::verify::edxml::Inspection;
use crate::verify::{Note, Reason};

fn row(label: &str, value: &str) -> String {
    format!("  {label:<22} {value}\n")
}

fn organ(id: &str, name: &str) -> String {
    match (name.is_empty(), id.is_empty()) {
        (false, false) => format!("{name} ({id})"),
        (false, true) => name.to_string(),
        (true, _) => id.to_string(),
    }
}

fn join_nonempty(parts: &[&str], sep: &str) -> String {
    parts.iter().filter(|p| !p.trim().is_empty()).copied().collect::<Vec<_>>().join(sep)
}

/// The header lines of a package.
pub fn render_header(p: &PackageInfo, l: Lang) -> String {
    let h = &p.header;
    let mut s = String::new();
    s += &row(l.pick("from:", "nơi gửi:"), &organ(&h.from.organ_id, &h.from.organ_name));
    if !h.to.is_empty() {
        let to: Vec<String> = h.to.iter().map(|t| organ(&t.organ_id, &t.organ_name)).collect();
        s += &row(l.pick("to:", "nơi nhận:"), &to.join("; "));
    }
    if p.kind == PackageKind::Status {
        let status = join_nonempty(&[&h.status_code, &h.status_description], " — ");
        s += &row(l.pick("status:", "trạng thái:"), &status);
        if !h.status_timestamp.is_empty() {
            s += &row(l.pick("time:", "thời điểm:"), &h.status_timestamp);
        }
        if !h.response_for_document_id.is_empty() || !h.response_for_code.is_empty() {
            let about = join_nonempty(&[&h.response_for_code, &h.response_for_document_id], ", ");
            s += &row(l.pick("about document:", "về văn bản:"), &about);
        }
        return s;
    }
    let code = h.code();
    let kind = if h.document_type_name.is_empty() { h.document_type.clone() } else { h.document_type_name.clone() };
    let mut doc = code;
    if !h.promulgation_date.is_empty() {
        doc += &format!(" {} {}", l.pick("of", "ngày"), h.promulgation_date);
    }
    if !h.place.is_empty() {
        doc += &format!(", {}", h.place);
    }
    if !kind.is_empty() {
        doc += &format!(" ({kind})");
    }
    s += &row(l.pick("document:", "văn bản:"), doc.trim());
    if !h.subject.is_empty() {
        s += &row(l.pick("subject:", "trích yếu:"), &h.subject);
    }
    let signer = join_nonempty(&[&h.signer_competence, &h.signer_position, &h.signer_full_name], ", ");
    if !signer.is_empty() {
        s += &row(l.pick("signed by (declared):", "người ký (khai báo):"), &signer);
    }
    if !h.document_id.is_empty() {
        s += &row("DocumentId:", &h.document_id);
    }
    if !h.due_date.is_empty() {
        s += &row(l.pick("reply by:", "hạn trả lời:"), &h.due_date);
    }
    if !h.business_doc_reason.is_empty() || !h.business_doc_type.is_empty() {
        s += &row(
            l.pick("business:", "nghiệp vụ:"),
            &join_nonempty(&[&h.business_doc_type, &h.business_doc_reason], " — "),
        );
    }
    s
}

/// What the package declares about an attached document.
pub fn render_attachment_info(a: &AttachmentInfo, l: Lang) -> String {
    let mut facts = Vec::new();
    if !a.content_type.is_empty() {
        facts.push(format!("{} {}", l.pick("declared", "khai báo"), a.content_type));
    }
    if let Some(d) = a.detected {
        facts.push(format!("{} {d}", l.pick("content:", "nội dung:")));
    }
    if let Some(n) = a.size {
        facts.push(format!("{n} {}", l.pick("bytes", "byte")));
    }
    if !a.content_id.is_empty() {
        facts.push(format!("ContentId {}", a.content_id));
    }
    if facts.is_empty() { String::new() } else { row(l.pick("attachment:", "tệp đính kèm:"), &facts.join(", ")) }
}

fn lines(reasons: &[Reason], notes: &[Note], l: Lang, indent: &str) -> String {
    let mut s = String::new();
    for r in reasons {
        s += &format!("{indent}- {}: {}\n", r.code.as_str(), reason_message(r, l));
    }
    for n in notes {
        s += &format!("{indent}{} {}\n", l.pick("note:", "ghi chú:"), note_message(n, l));
    }
    s
}

fn reasons_json(reasons: &[Reason], l: Lang) -> Value {
    Value::Array(reasons.iter().map(|r| json!({"code": r.code, "message": reason_message(r, l)})).collect())
}

/// `kyso edxml inspect`.
pub fn emit_inspection(out: &Output, i: &Inspection) {
    let l = out.lang;
    out.result(
        || {
            let kind = match i.package.kind {
                PackageKind::Document => l.pick("document package", "gói tin văn bản"),
                PackageKind::Status => l.pick("status message", "gói tin trạng thái"),
            };
            let mut s = format!("{}: {kind} (edXML)\n", i.path);
            s += &render_header(&i.package, l);
            s += &row(
                l.pick("envelope signature:", "chữ ký bao ngoài:"),
                match i.package.envelope_signature {
                    "xmldsig" => l.pick("XMLDSig (checked by `kyso verify`)", "XMLDSig (kiểm tra bằng `kyso verify`)"),
                    "placeholder" => l.pick("none (a vendor placeholder)", "không có (giá trị mẫu của phần mềm)"),
                    _ => l.pick("none", "không có"),
                },
            );
            for (n, r) in i.package.manifest.iter().enumerate() {
                let id = if r.content_id.is_empty() { &r.href } else { &r.content_id };
                let what = join_nonempty(&[&r.name, &r.content_type, id], ", ");
                s += &row(&format!("{} {}:", l.pick("manifest", "danh mục"), n + 1), &what);
            }
            s += &lines(&i.reasons, &i.notes, l, "  ");
            for (n, a) in i.attachments.iter().enumerate() {
                let name = if a.info.name.is_empty() { a.info.content_id.as_str() } else { a.info.name.as_str() };
                s += &format!("  {} {}: {name}\n", l.pick("attachment", "tệp đính kèm"), n + 1);
                for line in render_attachment_info(&a.info, l).lines() {
                    s += &format!("  {line}\n");
                }
                for f in &a.files {
                    let size = f.size.map(|z| format!(", {z} {}", l.pick("bytes", "byte"))).unwrap_or_default();
                    let det = f.detected.unwrap_or("?");
                    s += &format!("      {} {} ({det}{size})\n", l.pick("in the zip:", "trong tệp zip:"), f.name);
                }
                s += &lines(&a.reasons, &[], l, "    ");
            }
            s
        },
        || {
            json!({
                "path": i.path,
                "package": i.package,
                "reasons": reasons_json(&i.reasons, l),
                "notes": i.notes.iter().map(|n| json!({"code": n.code, "message": note_message(n, l)})).collect::<Vec<_>>(),
                "attachments": i.attachments.iter().map(|a| {
                    let mut v = serde_json::to_value(&a.info).unwrap_or(Value::Null);
                    if let Value::Object(m) = &mut v {
                        m.insert("reasons".into(), reasons_json(&a.reasons, l));
                        m.insert("files".into(), serde_json::to_value(&a.files).unwrap_or(Value::Null));
                    }
                    v
                }).collect::<Vec<_>>(),
            })
        },
    );
}

/// `kyso edxml extract`.
pub fn emit_extracted(out: &Output, files: &[Extracted]) {
    let l = out.lang;
    out.result(
        || {
            let mut s = String::new();
            for f in files {
                match (&f.path, &f.problem) {
                    (Some(p), _) => {
                        let size = f.size.unwrap_or(0);
                        s += &format!(
                            "{} {} ({size} {})\n",
                            l.pick("wrote", "đã ghi"),
                            p.display(),
                            l.pick("bytes", "byte")
                        );
                    }
                    (None, Some(p)) if f.name.is_empty() => s += &format!("{} {p}\n", l.pick("stopped:", "dừng:")),
                    (None, Some(p)) => s += &format!("{} {:?}: {p}\n", l.pick("NOT written", "KHÔNG ghi"), f.name),
                    (None, None) => {}
                }
            }
            s
        },
        || json!({ "files": files }),
    );
}
