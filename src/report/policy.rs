//! Rendering a file's verification-policy outcome (`crate::policy::PolicyReport`), for
//! people and as the JSON `policy` object of a file:
//!
//! ```json
//! "policy": {"source": "kyso.toml", "passed": false, "rules": ["require-signer", ...],
//!            "failures": [{"code": "POLICY_FAILURE", "rule": "require-signer",
//!                          "signature": null | 1, "failure": {"kind": "no_required_signer", ...},
//!                          "message": "words"}]}
//! ```

use serde_json::{Value, json};

use super::Lang;
use super::messages::{policy_failure_message, reason_text};
use super::output::Output;
use super::style::Tone;
use crate::policy::PolicyReport;
use crate::verify::ReasonCode;

pub fn policy_json(p: &PolicyReport, l: Lang) -> Value {
    json!({
        "source": p.source,
        "passed": p.passed(),
        "rules": p.rules,
        "failures": p.failures.iter().map(|f| json!({
            "code": ReasonCode::PolicyFailure,
            "rule": f.rule,
            "signature": f.signature,
            "failure": f.failure,
            "message": policy_failure_message(f, l),
        })).collect::<Vec<_>>(),
    })
}

/// The verdict word of a policy outcome.
pub fn policy_label(p: &PolicyReport, l: Lang) -> &'static str {
    if p.passed() { l.pick("PASSED", "ĐẠT") } else { l.pick("FAILED", "KHÔNG ĐẠT") }
}

/// `  policy (kyso.toml): FAILED` and one line per failed rule.
pub fn render_policy(out: &Output, p: &PolicyReport) -> String {
    let l = out.lang;
    let tone = if p.passed() { Tone::Good } else { Tone::Bad };
    let mut s = format!(
        "  {} ({}): {}\n",
        l.pick("policy", "chính sách kiểm tra"),
        p.source.replace("command line", l.pick("command line", "dòng lệnh")),
        out.paint(policy_label(p, l), tone)
    );
    if !p.passed() {
        s += &format!("    {}\n", reason_text(ReasonCode::PolicyFailure, l));
    }
    for f in &p.failures {
        s += &format!("    - POLICY_FAILURE [{}]: {}\n", f.rule.as_str(), policy_failure_message(f, l));
    }
    s
}
