//! The real-world corpus (issue 12, item 5): kyso — the binary, `--format json`, no trust — over
//! signed files that other products made, compared with what independent verifiers say of each.
//!
//! Corpora (each with a `reference.tsv`; see their READMEs):
//! - `realworld`: `../shared/interop/realworld/` (PAdES, XAdES/XMLDSig, CAdES from many products;
//!   pyHanko, xmlsec1 and openssl judged them);
//! - `pyhanko`: `../shared/interop/pyhanko-testdata/` (pyHanko's own PDF test files);
//! - `corpus2`: `fixtures/corpus2/` (files from other published packages, and tampered variants);
//! - `vn`: `../shared/interop/vn-einvoice-realworld/` (real Vietnamese e-invoices: every file in
//!   `valid/` not INVALID, every file in `invalid/` INVALID, with its `certs/` as trust).
//!
//! A *gap* is what the bar forbids: `false-invalid` (kyso says invalid where the reference says the
//! signature is intact), `error` (a file-level error that is not an encrypted PDF without its
//! password or key, nor a file no peer can read), `panic`, `skipped` (a file kyso did not report),
//! `count` (kyso finds a different number of PDF signatures than pyHanko), `unsupported` (a
//! signature kyso cannot process: UNSUPPORTED_ALGORITHM, SIGNED_DATA_NOT_FOUND, LIMIT_EXCEEDED;
//! document timestamps are counted apart, as `unsupported-ts`), `tampered-not-invalid` and
//! `attack-valid` (a file made to fail that does not), `vn-not-invalid`, `vn-not-valid` (a
//! signature in `valid/` that is indeterminate for a reason other than an expired or unknown
//! chain or a weak algorithm) and `cert-refused` (a certificate file of `vn/certs/` kyso cannot
//! read).
//!
//! Today kyso has many: `tests/realworld/known-gaps.tsv` lists them (file, gap, what kyso says
//! now, the issue item that covers it). The test fails on a gap that is not listed, and on a
//! listed gap that is gone (remove its line: the list only shrinks). `KYSO_REALWORLD_WRITE=1`
//! rewrites the list from what kyso does now (keeping the issue column of lines that stay).
//! The figures (per corpus and kind) go to `target/realworld/report.txt`; `scripts/corpus-report`
//! prints them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Reason codes meaning "kyso could not process this signature".
const UNSUPPORTED: [&str; 3] = ["UNSUPPORTED_ALGORITHM", "SIGNED_DATA_NOT_FOUND", "LIMIT_EXCEEDED"];
/// Indeterminate reasons a legitimate Vietnamese invoice may still have (old, expired, test CAs).
const VN_ACCEPTED: [&str; 4] =
    ["WEAK_ALGORITHM", "OUT_OF_BOUNDS_NO_POE", "NO_CERTIFICATE_CHAIN_FOUND", "NOT_YET_VALID"];

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared() -> PathBuf {
    crate_root().join("../shared/interop")
}

// ---------------------------------------------------------------- references

/// What a peer says of one signature (PDF) or of all signatures of a file (XML, CMS).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Judge {
    /// Intact (pyHanko `ok`, xmlsec1/openssl verified).
    Ok,
    /// The peer rejects it (pyHanko `broken`).
    Broken,
    /// Made to fail: a byte changed after signing (corpus2).
    Tampered,
    /// An XML signature wrapping attack file.
    Attack,
    /// The peer could not judge (`unsupp`, `unknown`, `-`).
    Unknown,
}

fn judge(s: &str) -> Judge {
    match s.trim() {
        "ok" => Judge::Ok,
        "broken" => Judge::Broken,
        "tampered" => Judge::Tampered,
        "attack" => Judge::Attack,
        _ => Judge::Unknown,
    }
}

#[derive(Debug, Clone)]
struct RefEntry {
    /// PDF: one judgement per signature in field order; XML, CMS: one for the whole file.
    judges: Vec<Judge>,
    per_signature: bool,
    /// The peer cannot open the file at all: a file-level error is the right answer.
    unreadable: bool,
}

/// `kind<TAB>name<TAB>origin<TAB>reference` (realworld, corpus2), keyed `kind/name`.
fn read_reference_4col(path: &Path) -> BTreeMap<String, RefEntry> {
    let mut out = BTreeMap::new();
    for line in std::fs::read_to_string(path).unwrap_or_default().lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 4, "{}: bad line {line:?}", path.display());
        let (kind, name, reference) = (cols[0], cols[1], cols[3]);
        out.insert(format!("{kind}/{name}"), entry(kind == "pdf", reference));
    }
    out
}

/// `file<TAB>signatures<TAB>per-signature` (pyhanko-testdata), keyed `pdf/name`.
fn read_reference_pyhanko(path: &Path) -> BTreeMap<String, RefEntry> {
    let mut out = BTreeMap::new();
    for line in std::fs::read_to_string(path).unwrap_or_default().lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "{}: bad line {line:?}", path.display());
        out.insert(format!("pdf/{}", cols[0]), entry(true, cols[2]));
    }
    out
}

fn entry(pdf: bool, reference: &str) -> RefEntry {
    let reference = reference.trim();
    let unreadable = reference == "unreadable";
    let judges = match reference {
        "none" | "unreadable" | "" => vec![],
        r => r.split(',').map(judge).collect(),
    };
    RefEntry { judges, per_signature: pdf, unreadable }
}

/// Files no peer can open (`tests/realworld/unreadable.tsv`: corpus, file, what the peers say).
fn read_unreadable() -> BTreeSet<String> {
    let path = crate_root().join("tests/realworld/unreadable.tsv");
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

// ---------------------------------------------------------------- running kyso

struct Run {
    /// The JSON file reports, keyed by path as kyso printed it.
    files: Vec<Value>,
    /// Files whose verification panicked.
    panics: Vec<PathBuf>,
}

/// `kyso --format json verify ARGS...` over whole folders in one invocation; when the run
/// crashes, each file alone, to name the ones that panic.
fn run_kyso(inputs: &[PathBuf], extra: &[String]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_kyso"))
        .env("LANG", "C")
        .env_remove("KYSO_LANG")
        .env("NO_COLOR", "1")
        .args(["--format", "json", "verify"])
        .args(inputs)
        .args(extra)
        .output()
        .expect("run kyso");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let parsed: Option<Value> = serde_json::from_slice(&out.stdout).ok();
    let crashed = stderr.contains("panicked") || out.status.code().is_none() || out.status.code() == Some(101);
    match parsed {
        Some(v) if !crashed && v.get("files").is_some() => {
            Run { files: v["files"].as_array().cloned().unwrap_or_default(), panics: vec![] }
        }
        _ => {
            assert!(
                crashed || inputs.iter().all(|i| i.is_file()),
                "kyso printed no JSON report for {inputs:?}: {stderr}"
            );
            let mut files = Vec::new();
            let mut panics = Vec::new();
            let mut all: Vec<PathBuf> = Vec::new();
            for i in inputs {
                if i.is_dir() {
                    all.extend(list_files(i));
                } else {
                    all.push(i.clone());
                }
            }
            if all.len() == 1 && inputs.len() == 1 && inputs[0].is_file() {
                panics.push(inputs[0].clone());
                return Run { files, panics };
            }
            for f in all {
                let r = run_kyso(std::slice::from_ref(&f), extra);
                files.extend(r.files);
                panics.extend(r.panics);
            }
            Run { files, panics }
        }
    }
}

fn list_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    v.sort();
    v
}

// ---------------------------------------------------------------- observations

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Gap {
    /// `corpus/kind/name`
    file: String,
    gap: &'static str,
    now: String,
}

/// Figures for one corpus and kind.
#[derive(Debug, Default, Clone)]
struct Figures {
    files: usize,
    file_verdicts: BTreeMap<String, usize>,
    sigs: usize,
    sig_verdicts: BTreeMap<String, usize>,
    doc_ts: usize,
    doc_ts_unsupported: usize,
    unsupported: usize,
    false_invalid: usize,
    /// Signatures the peer calls intact (the denominator of false INVALID).
    ref_ok: usize,
    errors: usize,
    encrypted: usize,
    unreadable: usize,
    /// Detached signatures whose content is not in the corpus and that the reference could
    /// not check either (SIGNED_DATA_NOT_FOUND, reference "unknown"): right, not gaps.
    content_absent: usize,
    panics: usize,
    codes: BTreeMap<String, usize>,
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn reasons(v: &Value) -> Vec<(String, String)> {
    v["reasons"].as_array().map(|a| a.iter().map(|r| (s(&r["code"]), s(&r["message"]))).collect()).unwrap_or_default()
}

/// A document timestamp (`/ETSI.RFC3161`), counted apart from signatures.
fn is_doc_timestamp(sig: &Value) -> bool {
    for key in ["kind", "type", "sub_filter", "subfilter"] {
        let v = s(&sig[key]).to_ascii_lowercase();
        if v.contains("rfc3161") || v.contains("timestamp") {
            return true;
        }
    }
    let texts = reasons(sig)
        .into_iter()
        .map(|(_, m)| m)
        .chain(sig["notes"].as_array().into_iter().flatten().map(|n| s(&n["message"])));
    texts.into_iter().any(|m| m.contains("ETSI.RFC3161"))
}

/// One signature as a short line for people: `sig 2 invalid FORMAT_FAILURE: detail`.
fn describe(i: usize, sig: &Value, codes: &[&str]) -> String {
    let rs = reasons(sig);
    let pick: Vec<&(String, String)> =
        rs.iter().filter(|(c, _)| codes.is_empty() || codes.contains(&c.as_str())).collect();
    let first = pick.first().map(|(c, m)| format!("{c}: {}", short(m))).unwrap_or_default();
    let mut more: Vec<&str> = pick.iter().skip(1).map(|(c, _)| c.as_str()).collect();
    more.dedup();
    let more = if more.is_empty() { String::new() } else { format!(" (+{})", more.join(",")) };
    format!("sig {} {} {first}{more}", i + 1, s(&sig["verdict"]))
}

/// A message cut for a table cell: no tabs, no paths of this machine, at most 110 characters.
fn short(m: &str) -> String {
    let mut m = m.replace(['\t', '\n'], " ");
    // No paths of this machine in the list: the shared folder and the crate root as relative paths.
    let root = crate_root();
    let canon = |p: PathBuf| std::fs::canonicalize(&p).unwrap_or(p).display().to_string();
    for (from, to) in [
        (format!("{}/", shared().display()), "../shared/interop/".to_string()),
        (format!("{}/", canon(shared())), "../shared/interop/".to_string()),
        (format!("{}/", root.display()), String::new()),
        (format!("{}/", canon(root.clone())), String::new()),
    ] {
        m = m.replace(&from, &to);
    }
    let m = m.strip_prefix("the signature is malformed: ").unwrap_or(&m).to_string();
    if m.chars().count() > 110 { m.chars().take(107).collect::<String>() + "..." } else { m }
}

fn invalid_codes() -> Vec<&'static str> {
    vec!["HASH_FAILURE", "SIG_CRYPTO_FAILURE", "REVOKED", "FORMAT_FAILURE", "MODIFIED_AFTER_SIGNING"]
}

/// Where an encrypted PDF cannot be opened without what the person did not give.
fn is_encrypted_without_key(file: &Value) -> bool {
    reasons(file).iter().any(|(_, m)| {
        m.contains("encrypted with a user password") || m.contains("password is needed") || m.contains("Adobe.PubSec")
    })
}

struct Corpus {
    name: &'static str,
    root: PathBuf,
    /// (kind, folder) pairs run through kyso, one invocation per folder.
    folders: Vec<(String, PathBuf)>,
    refs: BTreeMap<String, RefEntry>,
    /// Files that must not be reported (content files of detached signatures).
    content_of_detached: BTreeSet<String>,
}

/// The key (`kind/name`) for a path kyso printed, or None when it is not under the corpus.
fn key_of(root: &Path, printed: &str) -> Option<String> {
    let p = Path::new(printed);
    let rel = p.strip_prefix(root).ok()?;
    Some(rel.to_string_lossy().replace('\\', "/"))
}

fn analyse(c: &Corpus, unreadable: &BTreeSet<String>, gaps: &mut Vec<Gap>, figs: &mut BTreeMap<String, Figures>) {
    for (kind, folder) in &c.folders {
        let run = run_kyso(std::slice::from_ref(folder), &[]);
        let fig = figs.entry(format!("{}\t{}", c.name, kind)).or_default();
        let mut seen = BTreeSet::new();
        for p in &run.panics {
            let key = key_of(&c.root, &p.to_string_lossy()).unwrap_or_else(|| p.display().to_string());
            fig.panics += 1;
            seen.insert(key.clone());
            gaps.push(Gap { file: format!("{}/{key}", c.name), gap: "panic", now: "kyso panicked".into() });
        }
        for f in &run.files {
            let Some(mut key) = key_of(&c.root, &s(&f["path"])) else { continue };
            // A detached signature is reported under its content's name.
            if !c.refs.contains_key(&key) {
                for ext in [".p7s", ".sig", ".p7m"] {
                    if c.refs.contains_key(&format!("{key}{ext}")) {
                        key = format!("{key}{ext}");
                        break;
                    }
                }
            }
            seen.insert(key.clone());
            let r = c.refs.get(&key).cloned().unwrap_or(RefEntry {
                judges: vec![],
                per_signature: kind == "pdf",
                unreadable: false,
            });
            let id = format!("{}/{key}", c.name);
            observe_file(&id, f, &r, unreadable.contains(&id) || r.unreadable, fig, gaps);
        }
        // Files kyso did not report at all.
        for key in c.refs.keys().filter(|k| k.starts_with(&format!("{kind}/"))) {
            if !seen.contains(key) && !c.content_of_detached.contains(key) && c.root.join(key).is_file() {
                fig.files += 1;
                gaps.push(Gap {
                    file: format!("{}/{key}", c.name),
                    gap: "skipped",
                    now: "not in kyso's report".into(),
                });
            }
        }
    }
}

fn observe_file(id: &str, f: &Value, r: &RefEntry, unreadable: bool, fig: &mut Figures, gaps: &mut Vec<Gap>) {
    let verdict = s(&f["verdict"]);
    fig.files += 1;
    *fig.file_verdicts.entry(verdict.clone()).or_default() += 1;
    let sigs = f["signatures"].as_array().cloned().unwrap_or_default();
    if verdict == "error" {
        let (code, msg) = reasons(f).into_iter().next().unwrap_or_default();
        *fig.codes.entry(code.clone()).or_default() += 1;
        if is_encrypted_without_key(f) {
            fig.encrypted += 1;
        } else if unreadable {
            fig.unreadable += 1;
        } else {
            fig.errors += 1;
            gaps.push(Gap { file: id.into(), gap: "error", now: format!("error {code}: {}", short(&msg)) });
        }
        return;
    }
    if r.per_signature && !r.judges.is_empty() && r.judges.len() != sigs.len() {
        gaps.push(Gap {
            file: id.into(),
            gap: "count",
            now: format!("kyso finds {} signature(s), the reference {}", sigs.len(), r.judges.len()),
        });
    }
    let mut false_invalid = Vec::new();
    let mut unsupported = Vec::new();
    let mut unsupported_ts = Vec::new();
    let mut tampered_ok = Vec::new();
    let mut attack_valid = Vec::new();
    for (i, sig) in sigs.iter().enumerate() {
        let v = s(&sig["verdict"]);
        let ts = is_doc_timestamp(sig);
        let codes: Vec<String> = reasons(sig).into_iter().map(|(c, _)| c).collect();
        fig.sigs += 1;
        *fig.sig_verdicts.entry(v.clone()).or_default() += 1;
        if v != "valid" {
            let mut uniq = codes.clone();
            uniq.sort();
            uniq.dedup();
            for c in uniq {
                *fig.codes.entry(c).or_default() += 1;
            }
        }
        let j = if r.per_signature { r.judges.get(i).copied() } else { r.judges.first().copied() };
        let unsupp = v != "valid" && codes.iter().any(|c| UNSUPPORTED.contains(&c.as_str()));
        if ts {
            fig.doc_ts += 1;
            if unsupp {
                fig.doc_ts_unsupported += 1;
                unsupported_ts.push(describe(i, sig, &UNSUPPORTED));
            }
        } else if unsupp
            && j != Some(Judge::Ok)
            && codes.iter().all(|c| c == "SIGNED_DATA_NOT_FOUND" || !UNSUPPORTED.contains(&c.as_str()))
        {
            fig.content_absent += 1;
        } else if unsupp {
            fig.unsupported += 1;
            unsupported.push(describe(i, sig, &UNSUPPORTED));
        }
        if j == Some(Judge::Ok) {
            fig.ref_ok += 1;
        }
        match (j, v.as_str()) {
            (Some(Judge::Ok), "invalid") => {
                fig.false_invalid += 1;
                false_invalid.push(describe(i, sig, &invalid_codes()));
            }
            (Some(Judge::Tampered), v) if v != "invalid" => tampered_ok.push(describe(i, sig, &[])),
            (Some(Judge::Attack), "valid") => attack_valid.push(describe(i, sig, &[])),
            _ => {}
        }
    }
    if !r.per_signature && sigs.is_empty() {
        match r.judges.first() {
            Some(Judge::Tampered) => tampered_ok.push(format!("{verdict} (no signature found)")),
            Some(Judge::Ok) => false_invalid.push(format!("{verdict} (no signature found)")),
            _ => {}
        }
    }
    for (gap, list) in [
        ("false-invalid", false_invalid),
        ("unsupported", unsupported),
        ("unsupported-ts", unsupported_ts),
        ("tampered-not-invalid", tampered_ok),
        ("attack-valid", attack_valid),
    ] {
        if !list.is_empty() {
            gaps.push(Gap { file: id.into(), gap, now: list.join(" | ") });
        }
    }
}

// ---------------------------------------------------------------- Vietnamese e-invoices

fn analyse_vn(root: &Path, gaps: &mut Vec<Gap>, figs: &mut BTreeMap<String, Figures>) {
    // Roots (self-signed per CERTS.tsv) are trust anchors; every certificate is a helper.
    let mut args = Vec::new();
    for line in std::fs::read_to_string(root.join("CERTS.tsv")).unwrap_or_default().lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 3 && cols[1] == cols[2] {
            args.push("--trust".to_string());
            args.push(root.join(cols[0]).display().to_string());
        }
    }
    for cert in list_files(&root.join("certs")) {
        let ok = Command::new(env!("CARGO_BIN_EXE_kyso"))
            .args(["-q", "cert", "inspect"])
            .arg(&cert)
            .output()
            .is_ok_and(|o| o.status.success());
        let key = format!("vn/{}", cert.strip_prefix(root).unwrap_or(&cert).display());
        if ok {
            args.push("--certs".to_string());
            args.push(cert.display().to_string());
        } else {
            gaps.push(Gap { file: key, gap: "cert-refused", now: "kyso cert inspect refuses it".into() });
        }
    }
    for part in ["valid", "invalid"] {
        let run = run_kyso(&[root.join(part)], &args);
        let fig = figs.entry(format!("vn\txml {part}/")).or_default();
        for p in &run.panics {
            fig.panics += 1;
            let key = format!("vn/{}", p.strip_prefix(root).unwrap_or(p).display());
            gaps.push(Gap { file: key, gap: "panic", now: "kyso panicked".into() });
        }
        for f in &run.files {
            let Some(key) = key_of(root, &s(&f["path"])) else { continue };
            let id = format!("vn/{key}");
            let verdict = s(&f["verdict"]);
            fig.files += 1;
            *fig.file_verdicts.entry(verdict.clone()).or_default() += 1;
            let sigs = f["signatures"].as_array().cloned().unwrap_or_default();
            if verdict == "error" {
                fig.errors += 1;
                let (code, msg) = reasons(f).into_iter().next().unwrap_or_default();
                *fig.codes.entry(code.clone()).or_default() += 1;
                gaps.push(Gap { file: id, gap: "error", now: format!("error {code}: {}", short(&msg)) });
                continue;
            }
            let mut false_invalid = Vec::new();
            let mut not_valid = Vec::new();
            for (i, sig) in sigs.iter().enumerate() {
                let v = s(&sig["verdict"]);
                fig.sigs += 1;
                *fig.sig_verdicts.entry(v.clone()).or_default() += 1;
                let codes: Vec<String> = reasons(sig).into_iter().map(|(c, _)| c).collect();
                if v != "valid" {
                    let mut uniq = codes.clone();
                    uniq.sort();
                    uniq.dedup();
                    for c in uniq {
                        *fig.codes.entry(c).or_default() += 1;
                    }
                }
                if v != "valid" && codes.iter().any(|c| UNSUPPORTED.contains(&c.as_str())) {
                    fig.unsupported += 1;
                }
                if part == "valid" {
                    fig.ref_ok += 1;
                    if v == "invalid" {
                        fig.false_invalid += 1;
                        false_invalid.push(describe(i, sig, &invalid_codes()));
                    } else if v == "indeterminate" {
                        let other: Vec<&str> =
                            codes.iter().map(String::as_str).filter(|c| !VN_ACCEPTED.contains(c)).collect();
                        if !other.is_empty() {
                            not_valid.push(describe(i, sig, &other));
                        }
                    }
                }
            }
            if part == "valid" {
                if !false_invalid.is_empty() {
                    gaps.push(Gap { file: id.clone(), gap: "false-invalid", now: false_invalid.join(" | ") });
                }
                if !not_valid.is_empty() {
                    gaps.push(Gap { file: id, gap: "vn-not-valid", now: not_valid.join(" | ") });
                }
            } else if verdict != "invalid" {
                let now = sigs.iter().enumerate().map(|(i, g)| describe(i, g, &[])).collect::<Vec<_>>().join(" | ");
                gaps.push(Gap { file: id, gap: "vn-not-invalid", now: format!("{verdict}: {now}") });
            }
        }
    }
}

// ---------------------------------------------------------------- known gaps

#[derive(Debug, Clone)]
struct Known {
    now: String,
    issue: String,
}

fn known_gaps_path() -> PathBuf {
    crate_root().join("tests/realworld/known-gaps.tsv")
}

const KNOWN_HEADER: &str = "# Known gaps of kyso on the real-world corpora (tests/realworld.rs). One line per file and gap:\n\
# file (corpus/kind/name), gap, what kyso says now, the issue item that covers it.\n\
# The test fails on a gap not listed here and on a listed gap that is gone: remove its line.\n\
# KYSO_REALWORLD_WRITE=1 cargo test --test realworld rewrites this file from what kyso does now.\n\
# file\tgap\tkyso now\tissue\n";

fn read_known() -> BTreeMap<(String, String), Known> {
    let mut out = BTreeMap::new();
    for line in std::fs::read_to_string(known_gaps_path()).unwrap_or_default().lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 4, "known-gaps.tsv: bad line {line:?}");
        out.insert(
            (cols[0].to_string(), cols[1].to_string()),
            Known { now: cols[2].to_string(), issue: cols[3].to_string() },
        );
    }
    out
}

/// Which part of kyso (and which issue item) a gap most likely belongs to, from its words.
fn area_of(gap: &Gap) -> &'static str {
    let n = gap.now.as_str();
    let has = |w: &[&str]| w.iter().any(|x| n.contains(x));
    match gap.gap {
        "cert-refused" => return "12.4 trust",
        "unsupported-ts" => return "LTV timestamps",
        "vn-not-valid" if has(&["critical extension", "CHAIN_CONSTRAINTS"]) => return "12.4 trust",
        "count" => return "12.3 PDF reader",
        _ => {}
    }
    if has(&["no certificate in KeyInfo verifies"]) {
        "12.4 XML"
    } else if has(&["ETSI.RFC3161"]) {
        "LTV timestamps"
    } else if gap.file.contains("/cms/") || has(&["not DER", "CMS", "signed content was not found", "BER"]) {
        "12.2 CMS"
    } else if has(&["revision analysis", "MODIFIED_AFTER_SIGNING", "revision", "two signatures claim", "DocMDP"]) {
        "12.3 PDF revisions"
    } else if has(&["cross-reference", "xref", "startxref", "Encrypt", "Prev", "encrypt"]) {
        "12.3 PDF reader"
    } else if has(&["GapIsNotContents", "ByteRange", "NoRevisionEnd", "NotFourIntegers"]) {
        "12.3 PDF ByteRange"
    } else if has(&["transform", "external reference", "XPointer", "reference", "encoding", "Manifest"]) {
        "12.4 XML"
    } else if has(&["critical extension", "certificate", "PEM", "chain"]) {
        "12.4 trust"
    } else if has(&["algorithm", "digest", "signature 1.", "EC keys", "curve"]) {
        "12.2 algorithms (CMS, XML)"
    } else if gap.file.contains("/xml/") || gap.file.starts_with("vn/") {
        "12.4 XML"
    } else {
        "12 ?"
    }
}

// ---------------------------------------------------------------- report

fn pct(a: usize, b: usize) -> String {
    if b == 0 { "-".into() } else { format!("{:.1}%", 100.0 * a as f64 / b as f64) }
}

fn report(figs: &BTreeMap<String, Figures>, gaps: &[Gap]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "kyso on real-world corpora (no trust given; vn: its certs/ as trust). Signatures exclude nothing;\n\
         'unsupp' counts signatures kyso cannot process ({}), document timestamps apart ('ts').\n",
        UNSUPPORTED.join(", ")
    );
    let _ = writeln!(
        out,
        "{:<26} {:>5} {:>5} {:>16} {:>5} {:>13} {:>12} {:>7} {:>5} {:>5} {:>5}  top reason codes (non-valid signatures, file errors)",
        "corpus / kind",
        "files",
        "sigs",
        "v/ind/inv/err",
        "uns.",
        "false INVALID",
        "unsupp",
        "ts uns.",
        "errs",
        "encr",
        "unrd"
    );
    let mut total = Figures::default();
    for (k, f) in figs {
        let (corpus, kind) = k.split_once('\t').unwrap_or((k, ""));
        let file_v = {
            let g = |x: &str| f.file_verdicts.get(x).copied().unwrap_or(0);
            format!("{}/{}/{}/{}", g("valid"), g("indeterminate"), g("invalid"), g("error"))
        };
        let unsigned = f.file_verdicts.get("unsigned").copied().unwrap_or(0);
        let non_ts = f.sigs - f.doc_ts;
        let mut top: Vec<(&String, &usize)> = f.codes.iter().collect();
        top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let top = top.iter().take(5).map(|(c, n)| format!("{c} {n}")).collect::<Vec<_>>().join(", ");
        let _ = writeln!(
            out,
            "{:<26} {:>5} {:>5} {:>16} {:>5} {:>13} {:>12} {:>7} {:>5} {:>5} {:>5}  {}",
            format!("{corpus} {kind}"),
            f.files,
            f.sigs,
            file_v,
            unsigned,
            format!("{} of {}", f.false_invalid, f.ref_ok),
            format!("{} {}", f.unsupported, pct(f.unsupported, non_ts)),
            format!("{}/{}", f.doc_ts_unsupported, f.doc_ts),
            f.errors,
            f.encrypted,
            f.unreadable,
            top
        );
        total.files += f.files;
        total.sigs += f.sigs;
        total.doc_ts += f.doc_ts;
        total.doc_ts_unsupported += f.doc_ts_unsupported;
        total.unsupported += f.unsupported;
        total.false_invalid += f.false_invalid;
        total.ref_ok += f.ref_ok;
        total.errors += f.errors;
        total.encrypted += f.encrypted;
        total.unreadable += f.unreadable;
        total.content_absent += f.content_absent;
        total.panics += f.panics;
    }
    let _ = writeln!(
        out,
        "{:<26} {:>5} {:>5} {:>16} {:>5} {:>13} {:>12} {:>7} {:>5} {:>5} {:>5}",
        "all",
        total.files,
        total.sigs,
        "",
        "",
        format!("{} of {}", total.false_invalid, total.ref_ok),
        format!("{} {}", total.unsupported, pct(total.unsupported, total.sigs - total.doc_ts)),
        format!("{}/{}", total.doc_ts_unsupported, total.doc_ts),
        total.errors,
        total.encrypted,
        total.unreadable
    );
    let _ = writeln!(
        out,
        "\ncolumns: files; signatures; file verdicts valid/indeterminate/invalid/error; unsigned files; \
         signatures kyso calls INVALID that the reference calls intact, of those it calls intact; \
         signatures kyso cannot process (share of non-timestamp signatures); unsupported document \
         timestamps of all; file-level errors that are gaps; encrypted PDFs without password or key; \
         files no peer can read (errors that are right). Panics: {}. Detached signatures whose \
         content is not in the corpus, which the reference could not check either \
         (SIGNED_DATA_NOT_FOUND, right, not counted as unsupported): {}.",
        total.panics, total.content_absent
    );
    // Gaps by area.
    let mut by_area: BTreeMap<&str, BTreeMap<&str, Vec<&Gap>>> = BTreeMap::new();
    for g in gaps {
        by_area.entry(area_of(g)).or_default().entry(g.gap).or_default().push(g);
    }
    let _ = writeln!(out, "\nGaps by the part of kyso most likely responsible (from the words of kyso's reasons):");
    for (area, kinds) in &by_area {
        let n: usize = kinds.values().map(Vec::len).sum();
        let _ = writeln!(out, "\n  {area}: {n}");
        for (kind, list) in kinds {
            let _ = writeln!(out, "    {kind} ({}):", list.len());
            for g in list.iter().take(6) {
                let _ = writeln!(out, "      {}  — {}", g.file, short(&g.now));
            }
            if list.len() > 6 {
                let _ = writeln!(out, "      … and {} more", list.len() - 6);
            }
        }
    }
    out
}

// ---------------------------------------------------------------- the test

fn corpora() -> Vec<Corpus> {
    let mut out = Vec::new();
    let rw = shared().join("realworld");
    if rw.is_dir() {
        out.push(Corpus {
            name: "realworld",
            folders: ["cms", "pdf", "xml"].iter().map(|k| (k.to_string(), rw.join(k))).collect(),
            refs: read_reference_4col(&rw.join("reference.tsv")),
            root: rw,
            content_of_detached: BTreeSet::new(),
        });
    }
    let ph = shared().join("pyhanko-testdata");
    if ph.is_dir() {
        let mut refs = read_reference_pyhanko(&ph.join("reference.tsv"));
        // Files not in pyHanko's reference carry no signature: known, with nothing to judge.
        for f in list_files(&ph.join("pdf")) {
            let key = format!("pdf/{}", f.file_name().unwrap_or_default().to_string_lossy());
            refs.entry(key).or_insert(RefEntry { judges: vec![], per_signature: true, unreadable: false });
        }
        out.push(Corpus {
            name: "pyhanko",
            folders: vec![("pdf".into(), ph.join("pdf"))],
            refs,
            root: ph,
            content_of_detached: BTreeSet::new(),
        });
    }
    let c2 = crate_root().join("fixtures/corpus2");
    let refs = read_reference_4col(&c2.join("reference.tsv"));
    let kinds: BTreeSet<String> = refs.keys().filter_map(|k| k.split('/').next().map(str::to_string)).collect();
    // Content files beside detached signatures are reported under the content's name.
    let content_of_detached = refs
        .keys()
        .filter_map(|k| k.strip_suffix(".p7s").or_else(|| k.strip_suffix(".sig")).map(str::to_string))
        .collect();
    out.push(Corpus {
        name: "corpus2",
        folders: kinds.into_iter().map(|k| (k.clone(), c2.join(&k))).collect(),
        refs,
        root: c2,
        content_of_detached,
    });
    out
}

#[test]
fn realworld_corpora() {
    let needed = ["realworld", "pyhanko-testdata", "vn-einvoice-realworld"];
    for n in needed {
        if !shared().join(n).is_dir() {
            assert!(
                std::env::var("CI").map(|v| v != "true").unwrap_or(true),
                "../shared/interop/{n} is missing under CI=true"
            );
            eprintln!("SKIPPED part: ../shared/interop/{n} is not here");
        }
    }
    let unreadable = read_unreadable();
    let mut gaps = Vec::new();
    let mut figs = BTreeMap::new();
    for c in corpora() {
        analyse(&c, &unreadable, &mut gaps, &mut figs);
    }
    let vn = shared().join("vn-einvoice-realworld");
    if vn.is_dir() {
        analyse_vn(&vn, &mut gaps, &mut figs);
    }
    gaps.sort();

    let text = report(&figs, &gaps);
    let out_dir = crate_root().join("target/realworld");
    let _ = std::fs::create_dir_all(&out_dir);
    let _ = std::fs::write(out_dir.join("report.txt"), &text);
    println!("{text}");

    let known = read_known();
    let observed: BTreeMap<(String, String), &Gap> =
        gaps.iter().map(|g| ((g.file.clone(), g.gap.to_string()), g)).collect();
    if std::env::var("KYSO_REALWORLD_WRITE").is_ok_and(|v| v == "1") {
        let mut t = KNOWN_HEADER.to_string();
        for ((file, gap), g) in &observed {
            let issue = known.get(&(file.clone(), gap.clone())).map(|k| k.issue.clone());
            let issue = issue.unwrap_or_else(|| area_of(g).to_string());
            let _ = writeln!(t, "{file}\t{gap}\t{}\t{issue}", short(&g.now).replace('\t', " "));
        }
        assert!(!t.contains(&crate_root().display().to_string()), "a path of this machine in the list");
        std::fs::write(known_gaps_path(), t).expect("write known-gaps.tsv");
        eprintln!("known-gaps.tsv rewritten: {} gaps", observed.len());
        return;
    }
    let new: Vec<&&Gap> = observed.iter().filter(|(k, _)| !known.contains_key(*k)).map(|(_, g)| g).collect();
    let gone: Vec<(&(String, String), &Known)> = known.iter().filter(|(k, _)| !observed.contains_key(*k)).collect();
    let mut msg = String::new();
    if !new.is_empty() {
        let _ = writeln!(msg, "{} new gap(s) — kyso got worse here, or the list misses them:", new.len());
        for g in &new {
            let _ = writeln!(msg, "  {}\t{}\t{}", g.file, g.gap, short(&g.now));
        }
    }
    if !gone.is_empty() {
        let _ = writeln!(
            msg,
            "{} listed gap(s) are gone — progress! remove these lines from tests/realworld/known-gaps.tsv:",
            gone.len()
        );
        for ((file, gap), k) in &gone {
            let _ = writeln!(msg, "  {file}\t{gap}\t(was: {}; {})", k.now, k.issue);
        }
    }
    assert!(msg.is_empty(), "{msg}\n(KYSO_REALWORLD_WRITE=1 rewrites the list from what kyso does now)");
}
