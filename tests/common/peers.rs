//! One helper per independent verifier the tests ask: each runs the peer in `dir` and
//! returns (exit success, stdout+stderr). Call them behind [`super::peer`] (a missing peer
//! skips the test with a note, and fails it under `CI=true`), as the tests do.
#![allow(dead_code)]

use std::path::Path;

use super::run_peer;

fn with<'a>(head: &[&'a str], extra: &[&'a str], tail: &[&'a str]) -> Vec<&'a str> {
    head.iter().chain(extra).chain(tail).copied().collect()
}

/// `openssl cms -verify -binary -inform FORM -in SIG -content CONTENT EXTRA…` (detached).
pub fn openssl_cms_verify_detached(dir: &Path, form: &str, sig: &str, content: &str, extra: &[&str]) -> (bool, String) {
    let head = ["cms", "-verify", "-binary", "-inform", form, "-in", sig, "-content", content];
    run_peer("openssl", &with(&head, extra, &[]), dir)
}

/// `openssl cms -verify -inform FORM -in SIG EXTRA…` (attached: the content is inside).
pub fn openssl_cms_verify_attached(dir: &Path, form: &str, sig: &str, extra: &[&str]) -> (bool, String) {
    run_peer("openssl", &with(&["cms", "-verify", "-inform", form, "-in", sig], extra, &[]), dir)
}

/// `openssl ts -verify ARGS…` (RFC 3161 time-stamp tokens and replies).
pub fn openssl_ts_verify(dir: &Path, args: &[&str]) -> (bool, String) {
    run_peer("openssl", &with(&["ts", "-verify"], args, &[]), dir)
}

/// `pyhanko sign validate EXTRA… --trust TRUST --trust-replace --pretty-print FILE`.
pub fn pyhanko_validate(dir: &Path, trust: &str, file: &str, extra: &[&str]) -> (bool, String) {
    let tail = ["--trust", trust, "--trust-replace", "--pretty-print", file];
    run_peer("pyhanko", &with(&["sign", "validate"], extra, &tail), dir)
}

/// `pyhanko sign adesverify --trust TRUST --trust-replace --pretty-print FILE` (AdES
/// validation, offline).
pub fn pyhanko_adesverify(dir: &Path, trust: &str, file: &str) -> (bool, String) {
    run_peer("pyhanko", &["sign", "adesverify", "--trust", trust, "--trust-replace", "--pretty-print", file], dir)
}

/// `xmlsec1 --verify ARGS…` (the file last).
pub fn xmlsec1_verify(dir: &Path, args: &[&str]) -> (bool, String) {
    run_peer("xmlsec1", &with(&["--verify"], args, &[]), dir)
}

/// `pdfsig ARGS…` (poppler's signature check; the file last).
pub fn pdfsig(dir: &Path, args: &[&str]) -> (bool, String) {
    run_peer("pdfsig", args, dir)
}

/// `qpdf --check EXTRA… FILE`.
pub fn qpdf_check(dir: &Path, file: &str, extra: &[&str]) -> (bool, String) {
    run_peer("qpdf", &with(&["--check"], extra, &[file]), dir)
}
