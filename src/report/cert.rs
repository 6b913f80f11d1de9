//! Rendering certificate summaries (`cert inspect`) and certificate validation results
//! (`cert verify`) for people and scripts. The JSON of `cert verify`:
//!
//! ```json
//! {"schema": 1,
//!  "certificates": [{"path", "verdict", "reasons": [{"code", "message"}], "purpose", "at",
//!                    "trusted", "revocation", "policies": [...], "notes": [{"code", "message"}],
//!                    "chain": [{"subject", "issuer", "serial", "sha256", "not_before", "not_after",
//!                               "revocation": {"status", "source"?, "time"?, "reason"?, "detail"?}}]}],
//!  "summary": {"files", "valid", "invalid", "indeterminate", "unsigned", "error"}}
//! ```

use serde_json::{Value, json};

use super::Lang;
use super::messages::{note_message, reason_message, verdict_label};
use super::output::Output;
use super::style::Tone;
use crate::pki::info::CertInfo;
use crate::pki::time;
use crate::verify::chain::{CertReport, CertStatus};
use crate::verify::{Summary, Verdict};

/// Human text for `cert inspect`: one block per certificate, then a reminder that
/// inspecting is not verifying.
pub fn render_inspect(out: &Output, path: &str, certs: &[CertInfo]) -> String {
    let l = out.lang;
    let mut s = String::new();
    for (i, c) in certs.iter().enumerate() {
        if certs.len() > 1 {
            s.push_str(&out.paint(
                &format!("{} {}/{} — {path}\n", l.pick("Certificate", "Chứng thư"), i + 1, certs.len()),
                Tone::Strong,
            ));
        } else {
            s.push_str(&out.paint(&format!("{}: {path}\n", l.pick("Certificate", "Chứng thư")), Tone::Strong));
        }
        s.push_str(&render_cert(l, c));
        s.push('\n');
    }
    s.push_str(&out.paint(
        l.pick(
            "Note: inspecting shows what the certificate says; it does not verify its signature, chain, validity or revocation (use `kyso verify`).",
            "Lưu ý: xem chứng thư chỉ cho biết nội dung chứng thư; không kiểm tra chữ ký, chuỗi chứng thực, thời hạn hay thu hồi (hãy dùng `kyso verify`).",
        ),
        Tone::Dim,
    ));
    s.push('\n');
    s
}

/// The fields of one certificate, indented, in `lang`.
pub fn render_cert(l: Lang, c: &CertInfo) -> String {
    let mut s = String::new();
    let mut line = |label: &str, value: &str| s.push_str(&format!("  {label:<22} {value}\n"));
    line(l.pick("Subject:", "Chủ thể:"), &c.subject);
    line(l.pick("Issuer:", "Bên cấp:"), &c.issuer);
    line(l.pick("Serial:", "Số hiệu:"), &c.serial);
    line(l.pick("Valid from:", "Hiệu lực từ:"), &c.not_before);
    line(l.pick("Valid until:", "Hiệu lực đến:"), &c.not_after);
    line(l.pick("Public key:", "Khóa công khai:"), &c.key.to_string());
    line(l.pick("Signature algorithm:", "Thuật toán chữ ký:"), &c.signature_algorithm);
    let kind = match (c.is_ca, c.self_issued) {
        (true, true) => l.pick("root CA (self-issued)", "CA gốc (tự cấp)"),
        (true, false) => l.pick("subordinate CA", "CA trung gian"),
        (false, _) => l.pick("end entity", "thuê bao cuối"),
    };
    line(l.pick("Type:", "Loại:"), kind);
    line("SHA-256:", &c.sha256);
    if !c.extensions.is_empty() {
        line(l.pick("Extensions:", "Phần mở rộng:"), "");
        for e in &c.extensions {
            let crit = if e.critical { l.pick(" (critical)", " (bắt buộc)") } else { "" };
            let name = if e.name == "unknown" { e.oid.as_str() } else { e.name.as_str() };
            s.push_str(&format!("    {name}{crit}: {}\n", e.value));
        }
    }
    s
}

fn tone(v: Verdict) -> Tone {
    match v {
        Verdict::Valid => Tone::Good,
        Verdict::Indeterminate | Verdict::Unsigned => Tone::Warn,
        Verdict::Invalid | Verdict::Error => Tone::Bad,
    }
}

/// A certificate's revocation status for people.
fn status_text(s: &CertStatus, l: Lang) -> String {
    match s {
        CertStatus::TrustAnchor => l.pick("trust anchor", "chứng thư tin cậy").into(),
        CertStatus::NotChecked => l.pick("revocation not checked", "chưa kiểm tra thu hồi").into(),
        CertStatus::Good { source } => format!("{} ({source})", l.pick("not revoked", "chưa bị thu hồi")),
        CertStatus::Revoked { time: t, reason, source } => {
            format!("{} {} ({reason}; {source})", l.pick("REVOKED on", "ĐÃ BỊ THU HỒI ngày"), time::rfc3339(*t))
        }
        CertStatus::OnHold { time: t, source } => {
            format!("{} {} ({source})", l.pick("on hold since", "bị tạm dừng từ"), time::rfc3339(*t))
        }
        CertStatus::Unknown { detail } => {
            format!("{}: {detail}", l.pick("revocation status unknown", "chưa rõ tình trạng thu hồi"))
        }
    }
}

fn status_json(s: &CertStatus) -> Value {
    match s {
        CertStatus::TrustAnchor => json!({"status": "trust_anchor"}),
        CertStatus::NotChecked => json!({"status": "not_checked"}),
        CertStatus::Good { source } => json!({"status": "good", "source": source}),
        CertStatus::Revoked { time: t, reason, source } => {
            json!({"status": "revoked", "time": time::rfc3339(*t), "reason": reason, "source": source})
        }
        CertStatus::OnHold { time: t, source } => {
            json!({"status": "on_hold", "time": time::rfc3339(*t), "source": source})
        }
        CertStatus::Unknown { detail } => json!({"status": "unknown", "detail": detail}),
    }
}

/// The JSON of one `cert verify` result.
pub fn verify_json(r: &CertReport, l: Lang) -> Value {
    json!({
        "path": r.path,
        "verdict": r.verdict,
        "reasons": r.reasons.iter().map(|x| json!({"code": x.code, "message": reason_message(x, l)})).collect::<Vec<_>>(),
        "purpose": r.purpose.name(),
        "at": time::rfc3339(r.at),
        "trusted": r.trusted,
        "revocation": r.revocation,
        "policies": r.policies,
        "notes": r.notes.iter().map(|n| json!({"code": n.code, "message": note_message(n, l)})).collect::<Vec<_>>(),
        "chain": r.chain.iter().map(|(c, check)| json!({
            "subject": c.subject, "issuer": c.issuer, "serial": c.serial, "sha256": c.sha256,
            "not_before": c.not_before, "not_after": c.not_after,
            "revocation": status_json(&check.revocation),
        })).collect::<Vec<_>>(),
    })
}

/// Human text of one `cert verify` result.
pub fn render_verify(out: &Output, r: &CertReport) -> String {
    let l = out.lang;
    let mut s = format!("{}: {}\n", r.path, out.paint(verdict_label(r.verdict, l), tone(r.verdict)));
    if !r.chain.is_empty() {
        s += &format!(
            "  {:<14} {}, {} {}\n",
            l.pick("checked for:", "kiểm tra cho:"),
            r.purpose.name(),
            l.pick("at", "tại"),
            time::rfc3339(r.at)
        );
        s += &format!("  {}\n", l.pick("chain:", "chuỗi chứng thực:"));
        for (i, (c, check)) in r.chain.iter().enumerate() {
            s += &format!("    {}. {}\n", i + 1, c.subject);
            s += &format!("       {}\n", status_text(&check.revocation, l));
        }
        if !r.trusted {
            s += &format!("  {}\n", l.pick("(no path to a trust anchor)", "(không tới được chứng thư tin cậy)"));
        }
        if r.trusted && !r.policies.is_empty() {
            let any = r.policies.iter().any(|p| p == "2.5.29.32.0");
            let text = if any { l.pick("any", "bất kỳ").to_string() } else { r.policies.join(", ") };
            s += &format!("  {:<14} {text}\n", l.pick("policies:", "chính sách:"));
        }
    }
    for n in &r.notes {
        s += &format!("  {} {}\n", l.pick("note:", "ghi chú:"), note_message(n, l));
    }
    for x in &r.reasons {
        s += &format!("  - {}: {}\n", x.code.as_str(), reason_message(x, l));
    }
    s
}

/// Print a `cert verify` run through the output layer.
pub fn emit_verify(out: &Output, reports: &[CertReport]) {
    let mut summary = Summary::default();
    reports.iter().for_each(|r| summary.add(r.verdict));
    out.result(
        || {
            let mut s: String = reports.iter().map(|r| render_verify(out, r)).collect::<Vec<_>>().join("\n");
            s.push('\n');
            s += &super::verdict::render_summary(out, &summary);
            s
        },
        || json!({"certificates": reports.iter().map(|r| verify_json(r, out.lang)).collect::<Vec<_>>(), "summary": summary}),
    );
}
