//! Verification policies: rules a verified file must meet beyond its signatures being
//! valid — who signed, how many, with what, when, covering what.
//!
//! Owns the rules ([`Rules`]), their sources ([`config`]: a policy file, the `[verify]`
//! table of a `kyso.toml`, per-folder `[[verify.rules]]`), signer matching ([`signer`]),
//! and judging a [`FileReport`] ([`Policy::check`]). It works on the report data only,
//! after verification: a policy never changes a signature's verdict; its outcome is a
//! field of its own ([`PolicyReport`], reason code `POLICY_FAILURE`).
//!
//! May import `crate::verify` (report types), `crate::pki` (certificates, times) and
//! `globset`; knows nothing of the command line or of output.

pub mod config;
pub mod outcome;
pub mod signer;

use std::path::{Path, PathBuf};

use crate::verify::{FileReport, NoteCode, SignatureReport, Verdict};
pub use outcome::{Failure, Level, PolicyFailure, PolicyReport, Rule};
pub use signer::SignerSpec;

/// A set of rules; `None` = not set (a later source may set it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    /// Any one of these signers (valid signatures only).
    pub require_signer: Option<Vec<SignerSpec>>,
    /// At least this many valid signatures (by required signers, when those are given).
    pub min_signatures: Option<usize>,
    pub require_level: Option<Level>,
    /// A valid signature covers the whole file (for PDFs: the last revision, nothing after).
    pub require_whole_file: Option<bool>,
    /// A valid certification (DocMDP) signature.
    pub require_certification: Option<bool>,
    /// Allowed algorithms (lower case, normalized: `sha256`, `rsa`, `rsa-pss`, `ecdsa`...).
    pub allow_algorithms: Option<Vec<String>>,
    pub min_rsa_bits: Option<u32>,
    /// Unix seconds.
    pub signed_after: Option<i64>,
    pub signed_before: Option<i64>,
}

impl Rules {
    /// These rules with every rule `top` sets replaced by `top`'s.
    pub fn overlay(&self, top: &Rules) -> Rules {
        Rules {
            require_signer: top.require_signer.clone().or_else(|| self.require_signer.clone()),
            min_signatures: top.min_signatures.or(self.min_signatures),
            require_level: top.require_level.or(self.require_level),
            require_whole_file: top.require_whole_file.or(self.require_whole_file),
            require_certification: top.require_certification.or(self.require_certification),
            allow_algorithms: top.allow_algorithms.clone().or_else(|| self.allow_algorithms.clone()),
            min_rsa_bits: top.min_rsa_bits.or(self.min_rsa_bits),
            signed_after: top.signed_after.or(self.signed_after),
            signed_before: top.signed_before.or(self.signed_before),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Rules::default()
    }

    /// The rules that are set (and not set to `false`).
    pub fn active(&self) -> Vec<Rule> {
        let mut v = Vec::new();
        let mut add = |on: bool, r: Rule| {
            if on {
                v.push(r)
            }
        };
        add(self.require_signer.as_ref().is_some_and(|s| !s.is_empty()), Rule::RequireSigner);
        add(self.min_signatures.is_some(), Rule::MinSignatures);
        add(self.require_level.is_some(), Rule::RequireLevel);
        add(self.require_whole_file == Some(true), Rule::RequireWholeFile);
        add(self.require_certification == Some(true), Rule::RequireCertification);
        add(self.allow_algorithms.is_some(), Rule::AllowAlgorithms);
        add(self.min_rsa_bits.is_some(), Rule::MinRsaBits);
        add(self.signed_after.is_some(), Rule::SignedAfter);
        add(self.signed_before.is_some(), Rule::SignedBefore);
        v
    }
}

/// Rules that apply to the files whose path matches a glob.
#[derive(Debug, Clone)]
pub struct ScopedRules {
    pub glob: String,
    pub matcher: globset::GlobMatcher,
    pub rules: Rules,
}

/// A whole policy: base rules, per-folder rules, and where it came from.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Where the policy came from (a file path, or "command line").
    pub source: String,
    pub base: Rules,
    /// Applied in order over `base` for the files they match (a later block wins).
    pub scoped: Vec<ScopedRules>,
    /// Globs match paths relative to this folder (the policy file's folder for a
    /// `kyso.toml`, the current folder otherwise).
    pub root: PathBuf,
    /// Rules given as flags: over everything else, for every file.
    pub flags: Rules,
}

impl Policy {
    /// The rules for one file (its report path), per-folder blocks applied.
    pub fn rules_for(&self, path: &str) -> Rules {
        let rel = relative(Path::new(path), &self.root);
        let mut rules = self.base.clone();
        for s in &self.scoped {
            if s.matcher.is_match(&rel) || s.matcher.is_match(Path::new(path)) {
                rules = rules.overlay(&s.rules);
            }
        }
        rules.overlay(&self.flags)
    }

    /// Judge a verified file; `None` when no rule applies to it.
    pub fn check(&self, file: &FileReport) -> Option<PolicyReport> {
        let rules = self.rules_for(&file.path);
        if rules.active().is_empty() {
            return None;
        }
        Some(PolicyReport { source: self.source.clone(), rules: rules.active(), failures: judge(&rules, file) })
    }

    /// Judge a file and record the outcome in its report.
    pub fn apply(&self, file: &mut FileReport) {
        file.policy = self.check(file);
    }
}

/// `path` relative to `root` when under it (both made absolute), else as given.
fn relative(path: &Path, root: &Path) -> PathBuf {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (p, r) = (abs(path), abs(root));
    p.strip_prefix(&r).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

/// The level a signature report carries (long-term validation finds it); `None` when
/// the report has none, and a `require-level` rule then fails with
/// [`Failure::LevelUnknown`] rather than guessing.
fn level_of(sig: &SignatureReport) -> Option<Level> {
    use crate::verify::ltv::Level as Found;
    sig.ltv.as_ref().and_then(|l| l.level).map(|l| match l {
        Found::B => Level::B,
        Found::T => Level::T,
        Found::Lt => Level::Lt,
        Found::Lta => Level::Lta,
    })
}

/// The time a rule about time judges, and whether it is proven: a time-stamp's proven
/// time when there is one, else the signer's claimed time.
fn time_of(sig: &SignatureReport) -> Option<(i64, bool)> {
    match sig.ltv.as_ref().and_then(|l| l.proven_time.as_ref()) {
        Some(p) => Some((p.time, true)),
        None => sig.signing_time.map(|t| (t, false)),
    }
}

/// Judge every rule of `rules` on a file. Rules about signatures look at the valid
/// ones only: an invalid or indeterminate signature already fails verification.
pub fn judge(rules: &Rules, file: &FileReport) -> Vec<PolicyFailure> {
    let valid: Vec<&SignatureReport> = file.signatures.iter().filter(|s| s.verdict == Verdict::Valid).collect();
    let mut out = Vec::new();
    let mut fail =
        |rule: Rule, signature: Option<usize>, failure: Failure| out.push(PolicyFailure { rule, signature, failure });
    let signers = rules.require_signer.as_deref().filter(|s| !s.is_empty());
    let by_required: Vec<&&SignatureReport> = valid
        .iter()
        .filter(|s| signers.is_none_or(|specs| s.signer.as_ref().is_some_and(|c| specs.iter().any(|p| p.matches(c)))))
        .collect();
    if signers.is_some() && by_required.is_empty() {
        let seen = valid.iter().filter_map(|s| s.signer.as_ref().map(|c| c.subject.clone())).collect();
        fail(Rule::RequireSigner, None, Failure::NoRequiredSigner { signers: seen });
    }
    if let Some(need) = rules.min_signatures
        && by_required.len() < need
    {
        fail(Rule::MinSignatures, None, Failure::TooFewSignatures { need, have: by_required.len() });
    }
    if rules.require_whole_file == Some(true) && !valid.iter().any(|s| covers_whole_file(file.format, s)) {
        fail(Rule::RequireWholeFile, None, Failure::NotWholeFile);
    }
    if rules.require_certification == Some(true)
        && !valid.iter().any(|s| s.notes.iter().any(|n| n.code == NoteCode::Certification))
    {
        fail(Rule::RequireCertification, None, Failure::NotCertified);
    }
    for s in &valid {
        let i = Some(s.index);
        if let Some(need) = rules.require_level {
            match level_of(s) {
                None => fail(Rule::RequireLevel, i, Failure::LevelUnknown { need }),
                Some(have) if have < need => fail(Rule::RequireLevel, i, Failure::LevelTooLow { need, have }),
                Some(_) => {}
            }
        }
        if let Some(allowed) = &rules.allow_algorithms {
            match &s.algorithm {
                None => fail(Rule::AllowAlgorithms, i, Failure::AlgorithmUnknown),
                Some(a) if !algorithm_allowed(a, allowed) => {
                    fail(Rule::AllowAlgorithms, i, Failure::AlgorithmNotAllowed { algorithm: a.clone() })
                }
                Some(_) => {}
            }
        }
        if let Some(min) = rules.min_rsa_bits
            && let Some(c) = &s.signer
            && c.key.algorithm == "RSA"
            && c.key.bits < min
        {
            fail(Rule::MinRsaBits, i, Failure::RsaTooShort { bits: c.key.bits, min });
        }
        if rules.signed_after.is_some() || rules.signed_before.is_some() {
            match time_of(s) {
                None => {
                    let rule = if rules.signed_after.is_some() { Rule::SignedAfter } else { Rule::SignedBefore };
                    fail(rule, i, Failure::NoSigningTime);
                }
                Some((t, proven)) => {
                    if let Some(bound) = rules.signed_after
                        && t < bound
                    {
                        fail(Rule::SignedAfter, i, Failure::TooEarly { time: t, bound, proven });
                    }
                    if let Some(bound) = rules.signed_before
                        && t >= bound
                    {
                        fail(Rule::SignedBefore, i, Failure::TooLate { time: t, bound, proven });
                    }
                }
            }
        }
    }
    out
}

/// Does a signature cover the whole file? PDF: its byte range runs to the end of the
/// file. A detached CMS covers the whole content file. XML: a reference to the whole
/// document (`URI=""`, shown as the root element's path, `/Name`) or the root itself.
fn covers_whole_file(format: &str, s: &SignatureReport) -> bool {
    match format {
        "pdf" | "cms" => s.coverage.starts_with("whole file"),
        "xml" | "edxml" => s.coverage.split(", ").any(|c| {
            let c = c.split(" (").next().unwrap_or(c);
            c == "/" || (c.starts_with('/') && c.matches('/').count() == 1 && !c.contains('['))
        }),
        _ => false,
    }
}

/// Words of an algorithm name, normalized (`RSA PKCS#1 v1.5 with SHA-256` → `rsa`,
/// `sha256`; `rsa-sha256` likewise; `RSASSA-PSS with SHA-384` → `rsa-pss`, `sha384`).
pub fn algorithm_words(name: &str) -> Vec<String> {
    let lower = name.to_ascii_lowercase();
    let mut words = Vec::new();
    let key = if lower.contains("pss") {
        Some("rsa-pss")
    } else if lower.contains("ecdsa") {
        Some("ecdsa")
    } else if lower.contains("ed25519") {
        Some("ed25519")
    } else if lower.contains("ed448") {
        Some("ed448")
    } else if lower.contains("rsa") {
        Some("rsa")
    } else if lower.contains("dsa") {
        Some("dsa")
    } else {
        None
    };
    words.extend(key.map(str::to_string));
    let compact: String = lower.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let digests =
        ["sha3224", "sha3256", "sha3384", "sha3512", "sha224", "sha256", "sha384", "sha512", "sha1", "shake256"];
    words.extend(digests.iter().find(|d| compact.contains(*d)).map(|d| d.to_string()));
    words
}

/// Normalize an `allow-algorithms` entry (`SHA-256` → `sha256`, `RSASSA-PSS` → `rsa-pss`).
pub fn normalize_algorithm(entry: &str) -> Option<String> {
    let lower = entry.trim().to_ascii_lowercase();
    let compact: String = lower.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let known =
        ["sha1", "sha224", "sha256", "sha384", "sha512", "sha3224", "sha3256", "sha3384", "sha3512", "shake256"];
    if known.contains(&compact.as_str()) {
        return Some(compact);
    }
    match compact.as_str() {
        "rsa" | "rsapkcs1" | "rsapkcs1v15" => Some("rsa".into()),
        "rsapss" | "rsassapss" | "pss" => Some("rsa-pss".into()),
        "ecdsa" | "ec" => Some("ecdsa".into()),
        "ed25519" => Some("ed25519".into()),
        "ed448" => Some("ed448".into()),
        _ => None,
    }
}

/// Allowed when each kind the list names (digests, key algorithms) admits the
/// signature's: `["sha256", "sha384"]` limits digests only.
fn algorithm_allowed(name: &str, allowed: &[String]) -> bool {
    let is_digest = |w: &str| w.starts_with("sha") || w.starts_with("shake");
    let words = algorithm_words(name);
    let digests: Vec<&String> = allowed.iter().filter(|a| is_digest(a)).collect();
    let keys: Vec<&String> = allowed.iter().filter(|a| !is_digest(a)).collect();
    let ok = |list: &[&String], want_digest: bool| {
        list.is_empty() || words.iter().filter(|w| is_digest(w) == want_digest).any(|w| list.contains(&w))
    };
    ok(&digests, true) && ok(&keys, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algorithm_names_normalize() {
        assert_eq!(algorithm_words("RSA PKCS#1 v1.5 with SHA-256"), ["rsa", "sha256"]);
        assert_eq!(algorithm_words("rsa-sha1"), ["rsa", "sha1"]);
        assert_eq!(algorithm_words("RSASSA-PSS with SHA-384"), ["rsa-pss", "sha384"]);
        assert_eq!(algorithm_words("ECDSA with SHA3-256"), ["ecdsa", "sha3256"]);
        assert_eq!(algorithm_words("ecdsa-sha512"), ["ecdsa", "sha512"]);
        let allow = |l: &[&str]| l.iter().map(|a| normalize_algorithm(a).unwrap()).collect::<Vec<_>>();
        assert!(algorithm_allowed("RSA PKCS#1 v1.5 with SHA-256", &allow(&["SHA-256"])));
        assert!(!algorithm_allowed("rsa-sha1", &allow(&["SHA-256", "sha384"])));
        assert!(!algorithm_allowed("ECDSA with SHA-256", &allow(&["sha256", "rsa"])));
        assert!(algorithm_allowed("ECDSA with SHA-256", &allow(&["sha256", "rsa", "ecdsa"])));
        assert!(normalize_algorithm("md5").is_none());
    }

    #[test]
    fn levels_parse() {
        assert_eq!(Level::parse("LT"), Some(Level::Lt));
        assert_eq!(Level::parse("b-lta"), Some(Level::Lta));
        assert_eq!(Level::parse("x"), None);
        assert!(Level::B < Level::Lta);
    }

    #[test]
    fn rule_names_are_pinned() {
        let names: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
        let json: Vec<String> =
            Rule::ALL.iter().map(|r| serde_json::to_value(r).unwrap().as_str().unwrap().into()).collect();
        assert_eq!(names, json);
    }
}
