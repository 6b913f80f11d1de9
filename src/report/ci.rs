//! Verification results in the formats CI systems read:
//!
//! - **JUnit XML** (`--format junit`): one `<testcase>` per file (`name` = the path,
//!   `classname` = `kyso.verify.<format>`), one `<failure>` per signature that is not
//!   valid, per file-level problem (unsigned, unparsable: `<error>`) and per failed
//!   policy rule (`type="POLICY_FAILURE"`); the report for people in `<system-out>`.
//!   Jenkins, GitLab and GitHub test reporters read it.
//! - **GitHub workflow commands** (`--format github`): a plain line per file and an
//!   `::error file=PATH,title=…::message` annotation per problem.
//! - **JSON Lines** (`--format jsonl`) is written by the output layer: one file object
//!   (the shape of [`super::verdict`]) per line, then `{"schema": 1, "summary": {...}}`.

use super::Lang;
use super::messages::{reason_message, verdict_label};
use super::output::{Output, escape_data};
use super::policy::policy_label;
use crate::pki::time;
use crate::verify::{FileReport, Summary, Verdict};

/// One thing wrong with a file, for CI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `<error>` (the file could not be processed) rather than `<failure>`.
    pub error: bool,
    /// A stable code: the first reason code, or POLICY_FAILURE.
    pub code: String,
    /// One line for people.
    pub message: String,
    /// Further lines (every reason).
    pub detail: String,
}

/// Every problem of a file (and of the documents inside it), in report order.
pub fn problems(f: &FileReport, l: Lang) -> Vec<Problem> {
    let mut out = Vec::new();
    collect(f, "", l, &mut out);
    if let Some(p) = &f.policy {
        for pf in &p.failures {
            out.push(Problem {
                error: false,
                code: "POLICY_FAILURE".into(),
                message: format!("[{}] {}", pf.rule.as_str(), super::messages::policy_failure_message(pf, l)),
                detail: String::new(),
            });
        }
    }
    out
}

fn collect(f: &FileReport, prefix: &str, l: Lang, out: &mut Vec<Problem>) {
    for r in &f.reasons {
        out.push(Problem {
            error: f.verdict == Verdict::Error,
            code: r.code.as_str(),
            message: format!("{prefix}{}: {}", verdict_label(f.verdict, l), reason_message(r, l)),
            detail: String::new(),
        });
    }
    for s in f.signatures.iter().filter(|s| s.verdict != Verdict::Valid) {
        let first = s.reasons.first();
        let mut message =
            format!("{prefix}{} {}: {}", l.pick("signature", "chữ ký"), s.index, verdict_label(s.verdict, l));
        if let Some(r) = first {
            message += &format!(": {}", reason_message(r, l));
        }
        let detail = s.reasons.iter().map(|r| format!("{}: {}", r.code.as_str(), reason_message(r, l))).collect();
        let detail: Vec<String> = detail;
        out.push(Problem {
            error: false,
            code: first.map(|r| r.code.as_str()).unwrap_or_else(|| verdict_label(s.verdict, Lang::En).into()),
            message,
            detail: detail.join("\n"),
        });
    }
    for a in &f.attachments {
        collect(a, &format!("{prefix}{}: ", a.path), l, out);
    }
}

/// XML text and attribute escaping.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Element text: like attributes, but line breaks kept as they are.
fn xml_text(s: &str) -> String {
    xml_escape(s).replace("&#10;", "\n")
}

/// One `<testcase>` element.
pub fn junit_testcase(out: &Output, f: &FileReport) -> String {
    let l = out.lang;
    let mut s = format!(
        "    <testcase name=\"{}\" classname=\"kyso.verify.{}\" file=\"{}\" time=\"0\">\n",
        xml_escape(&f.path),
        xml_escape(f.format),
        xml_escape(&f.path)
    );
    for p in problems(f, l) {
        let tag = if p.error { "error" } else { "failure" };
        let body = if p.detail.is_empty() { p.message.clone() } else { p.detail.clone() };
        s += &format!(
            "      <{tag} type=\"{}\" message=\"{}\">{}</{tag}>\n",
            xml_escape(&p.code),
            xml_escape(&p.message),
            xml_text(&body)
        );
    }
    let text = super::verdict::render_file(&out.plain(), f);
    s += &format!("      <system-out>{}</system-out>\n", xml_text(&text));
    s += "    </testcase>\n";
    s
}

/// The whole JUnit document around its testcases.
pub fn junit_document(cases: &[(String, bool, bool)], summary: &Summary) -> String {
    let tests = cases.len();
    let failures = cases.iter().filter(|c| c.1).count();
    let errors = cases.iter().filter(|c| c.2).count();
    let stamp = time::rfc3339(time::now_unix());
    let stamp = stamp.trim_end_matches('Z');
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s += &format!("<testsuites name=\"kyso verify\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n");
    s += &format!(
        "  <testsuite name=\"kyso verify\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\" \
         time=\"0\" timestamp=\"{stamp}\" hostname=\"localhost\">\n"
    );
    s += &format!(
        "    <properties>\n      <property name=\"kyso.version\" value=\"{}\"/>\n      \
         <property name=\"valid\" value=\"{}\"/>\n      <property name=\"policy_failed\" value=\"{}\"/>\n    </properties>\n",
        env!("CARGO_PKG_VERSION"),
        summary.valid,
        summary.policy_failed
    );
    for (c, _, _) in cases {
        s += c;
    }
    s += "  </testsuite>\n</testsuites>\n";
    s
}

/// Escape a property of a workflow command (also `:` and `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A plain line for the file, and an `::error` annotation per problem.
pub fn github_lines(out: &Output, f: &FileReport) -> String {
    let l = out.lang;
    let mut s = format!("{}: {} ({})", f.path, verdict_label(f.verdict, l), f.format);
    if let Some(p) = &f.policy {
        s += &format!(", {} {}", l.pick("policy", "chính sách"), policy_label(p, l));
    }
    s.push('\n');
    for p in problems(f, l) {
        s += &format!(
            "::error file={},title={}::{}\n",
            escape_property(&f.path),
            escape_property(&format!("kyso verify: {}", p.code)),
            escape_data(&p.message)
        );
    }
    s
}
