//! Rendering certificate summaries for people.

use super::Lang;
use super::output::Output;
use super::style::Tone;
use crate::pki::info::CertInfo;

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
