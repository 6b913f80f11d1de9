//! `kyso demo` — the newcomer's first command — works, twice in a row.

mod common;

use common::kyso;
use predicates::prelude::*;

#[test]
fn demo_runs_and_reruns() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("kyso-demo");
    for _ in 0..2 {
        kyso()
            .args(["demo", demo.to_str().unwrap()])
            .assert()
            .success()
            .stdout(predicate::str::contains("VALID"))
            .stdout(predicate::str::contains("Nguyễn Văn An"));
    }
    for f in ["root.crt", "inter.crt", "leader.key", "agency.chain.pem", "sample.txt", "sample.txt.p7s"] {
        assert!(demo.join(f).exists(), "{f}");
    }
    let out = kyso().args(["--format", "json", "demo", demo.to_str().unwrap()]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verification"]["summary"]["valid"], 3);
    assert_eq!(v["verification"]["files"][1]["signatures"].as_array().unwrap().len(), 2);
    // The lopdf oracle ran on what the three runs wrote (at least the signed PDF of each).
    let checked = common::pdf_check::oracle_count();
    assert!(checked >= 3, "the lopdf oracle checked {checked} PDFs, expected one per run at least");
}
