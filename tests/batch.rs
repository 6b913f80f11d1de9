//! `kyso batch sign|verify` on real folders: per-file outcomes, exit codes, manifests,
//! resume after SIGKILL, and peers on a sample of the outputs.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::peers;
use common::{Pki, kyso, peer};
use serde_json::Value;

const EINVOICE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sample-einvoice.xml");

/// SHA-256 of every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let data = std::fs::read(e.path()).unwrap_or_default();
            (rel, kyso::pki::alg::DigestAlg::Sha256.digest(&data).iter().map(|b| format!("{b:02x}")).collect())
        })
        .collect()
}

fn signer_args() -> [&'static str; 6] {
    ["--key", "signer.key", "--cert", "signer.crt", "--chain", "inter.crt"]
}

#[test]
fn mixed_folder_outcomes_manifest_and_peers() {
    let pki = Pki::new();
    let d = pki.dir.path();
    let input = d.join("in");
    std::fs::create_dir_all(input.join("sub/deeper")).unwrap();
    std::fs::write(input.join("a.pdf"), common::minimal_pdf("A")).unwrap();
    std::fs::write(input.join("sub/b.pdf"), common::pdf_with_pages(3)).unwrap();
    std::fs::copy(EINVOICE, input.join("sub/deeper/hd.xml")).unwrap();
    std::fs::write(input.join("corrupt.pdf"), &common::minimal_pdf("C")[..200]).unwrap();
    std::fs::write(input.join("notes.txt"), "ghi chú").unwrap();
    std::fs::write(input.join(".hidden.pdf"), common::minimal_pdf("H")).unwrap();
    std::fs::write(input.join("locked.pdf"), common::minimal_pdf("L")).unwrap();
    let locked = input.join("locked.pdf");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    // as root (CI), permissions do not stop reading: then the file simply signs
    let unreadable = std::fs::read(&locked).is_err();
    let before = tree(&input);

    let out = kyso()
        .current_dir(d)
        .args(["--format", "json", "batch", "sign", "in", "-o", "out", "--report", "manifest.json"])
        .args(signer_args())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    assert_eq!(v["schema"], 1);
    let status: BTreeMap<String, String> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["input"].as_str().unwrap().to_string(), f["status"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(status["in/a.pdf"], "signed");
    assert_eq!(status["in/sub/b.pdf"], "signed");
    assert_eq!(status["in/sub/deeper/hd.xml"], "signed");
    assert_eq!(status["in/corrupt.pdf"], "failed");
    assert_eq!(status["in/notes.txt"], "skipped");
    assert_eq!(status["in/locked.pdf"], if unreadable { "failed" } else { "signed" });
    assert!(!status.contains_key("in/.hidden.pdf"), "hidden files are left out");
    let failed = if unreadable { 2 } else { 1 };
    assert_eq!(v["summary"]["failed"], failed);
    assert_eq!(tree(&input), before, "IN_DIR is never written");
    assert!(!d.join("out/corrupt.pdf").exists(), "no partial output for a failed file");

    // the manifest's hashes match the files
    let m: Value = serde_json::from_slice(&std::fs::read(d.join("manifest.json")).unwrap()).unwrap();
    assert!(!d.join("manifest.json.journal").exists());
    let outs = tree(&d.join("out"));
    for f in m["files"].as_array().unwrap().iter().filter(|f| f["status"] == "signed") {
        let rel = f["output"].as_str().unwrap().strip_prefix("out/").unwrap();
        assert_eq!(f["output_sha256"].as_str().unwrap(), outs[rel]);
        let input_rel = f["input"].as_str().unwrap().strip_prefix("in/").unwrap();
        assert_eq!(f["input_sha256"].as_str().unwrap(), before[input_rel]);
    }
    // every output verifies
    let out = kyso()
        .current_dir(d)
        .args(["--format", "json", "batch", "verify", "out", "--trust", "root.crt"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{v}");
    assert_eq!(v["summary"]["valid"], v["summary"]["files"]);
    // a sample with the peers
    if peer("pyhanko") {
        let (_, t) = peers::pyhanko_validate(d, "root.crt", "out/sub/b.pdf", &[]);
        assert!(t.contains("judged VALID"), "{t}");
    }
    if peer("xmlsec1") {
        let (ok, t) = peers::xmlsec1_verify(
            d,
            &["--trusted-pem", "root.crt", "--untrusted-pem", "inter.crt", "out/sub/deeper/hd.xml"],
        );
        assert!(ok, "{t}");
    }
    // --others p7s: the content is copied beside its signature; CSV manifest
    let out = kyso()
        .current_dir(d)
        .args(["batch", "sign", "in", "-o", "out2", "--others", "p7s", "--include", "*.txt", "--report", "m.csv"])
        .args(signer_args())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(d.join("out2/notes.txt").exists() && d.join("out2/notes.txt.p7s").exists());
    let csv = std::fs::read_to_string(d.join("m.csv")).unwrap();
    assert!(csv.starts_with("input,output,status,reason,format,input_sha256,output_sha256,signer,time\n"), "{csv}");
    assert!(csv.contains("in/notes.txt,out2/notes.txt.p7s,signed"), "{csv}");
    let out = kyso().current_dir(d).args(["verify", "out2", "--trust", "root.crt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    // refuses an output folder inside the input folder
    kyso().current_dir(d).args(["batch", "sign", "in", "-o", "in/signed"]).args(signer_args()).assert().code(2);
}

#[test]
fn resume_after_sigkill_completes_without_resigning() {
    let pki = Pki::new();
    let d = pki.dir.path();
    let input = d.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..120 {
        std::fs::write(input.join(format!("doc{i:03}.pdf")), common::pdf_with_pages(20)).unwrap();
    }
    let bin = assert_cmd::cargo::cargo_bin("kyso");
    let mut child = std::process::Command::new(&bin)
        .current_dir(d)
        // Small sync windows (a test hook of debug builds): files reach the journal only
        // after the sync covering them, and the default window may outlast this batch.
        .env("KYSO_TEST_SYNC_EVERY", "4")
        .args(["-q", "batch", "sign", "in", "-o", "out", "--jobs", "1", "--report", "manifest.json"])
        .args(signer_args())
        .spawn()
        .unwrap();
    // wait until some files are done, then SIGKILL (no chance to clean up)
    let journal = d.join("manifest.json.journal");
    let start = std::time::Instant::now();
    loop {
        let lines = std::fs::read_to_string(&journal).map(|s| s.lines().count()).unwrap_or(0);
        if lines >= 10 || start.elapsed().as_secs() > 60 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    let _ = child.wait();
    let done_before = std::fs::read_to_string(&journal).unwrap().lines().count();
    assert!(done_before < 120, "the batch finished before it could be killed");
    let first = tree(&d.join("out"));

    let out = kyso()
        .current_dir(d)
        .args(["--format", "json", "batch", "sign", "in", "-o", "out", "--report", "manifest.json", "--resume"])
        .args(signer_args())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let skipped = v["summary"]["skipped"].as_u64().unwrap();
    assert!(skipped as usize >= done_before, "skipped {skipped}, done before {done_before}");
    assert_eq!(v["summary"]["signed"].as_u64().unwrap() + skipped, 120);
    let after = tree(&d.join("out"));
    assert_eq!(
        after.len(),
        120,
        "no temporary files left: {:?}",
        after.keys().filter(|k| !k.ends_with(".pdf")).collect::<Vec<_>>()
    );
    // finished files were not re-signed
    for (k, h) in &first {
        if k.ends_with(".pdf")
            && v["files"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["output"] == format!("out/{k}") && f["status"] == "skipped")
        {
            assert_eq!(&after[k], h, "{k} was re-signed");
        }
    }
    let out = kyso().current_dir(d).args(["-q", "verify", "out", "--trust", "root.crt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let m: Value = serde_json::from_slice(&std::fs::read(d.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["files"].as_array().unwrap().len(), 120);
}

/// A power cut mid-batch, simulated by a test hook of debug builds: when the 30th file is
/// done, every output written since the last sync is torn (emptied or cut in half, as
/// unsynced data is after a power loss) and the process ends at once. The journal never lists
/// a torn output as done, and `--resume` signs the torn ones again: nothing is lost.
#[test]
fn simulated_power_loss_loses_nothing_after_resume() {
    let pki = Pki::new();
    let d = pki.dir.path();
    let input = d.join("in");
    std::fs::create_dir_all(input.join("hd")).unwrap();
    for i in 0..50 {
        std::fs::write(input.join(format!("doc{i:03}.pdf")), common::pdf_with_pages(2)).unwrap();
    }
    for i in 0..10 {
        std::fs::copy(EINVOICE, input.join(format!("hd/hd{i:02}.xml"))).unwrap();
    }
    let out = kyso()
        .current_dir(d)
        .env("KYSO_TEST_SYNC_EVERY", "8")
        .env("KYSO_TEST_POWER_CUT_AFTER", "30")
        .args(["-q", "batch", "sign", "in", "-o", "out", "--jobs", "2", "--report", "manifest.json"])
        .args(signer_args())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(137), "the hook did not cut: {}", String::from_utf8_lossy(&out.stderr));
    // What the journal lists as done verifies, every one of them.
    let journal = std::fs::read_to_string(d.join("manifest.json.journal")).unwrap_or_default();
    let done: Vec<Value> = journal.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(done.len() >= 8 && done.len() < 30, "{} journaled (windows of 8 expected)", done.len());
    let proof = d.join("journaled");
    for o in &done {
        assert_eq!(o["status"], "signed");
        let rel = o["output"].as_str().unwrap().strip_prefix("out/").unwrap();
        std::fs::create_dir_all(proof.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(d.join("out").join(rel), proof.join(rel)).unwrap();
    }
    let v = kyso().current_dir(d).args(["-q", "verify", "journaled", "--trust", "root.crt"]).output().unwrap();
    assert_eq!(v.status.code(), Some(0), "a journaled output is torn: {}", String::from_utf8_lossy(&v.stdout));
    // The cut tore what was not yet synced.
    let torn = walkdir::WalkDir::new(d.join("out"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.metadata().unwrap().len() < 400)
        .count();
    assert!(torn > 0, "the simulated power cut tore nothing");

    let out = kyso()
        .current_dir(d)
        .args(["--format", "json", "batch", "sign", "in", "-o", "out", "--report", "manifest.json", "--resume"])
        .args(signer_args())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["signed"].as_u64().unwrap() + v["summary"]["skipped"].as_u64().unwrap(), 60);
    assert!(v["summary"]["signed"].as_u64().unwrap() >= torn as u64);
    let out = kyso().current_dir(d).args(["-q", "verify", "out", "--trust", "root.crt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(tree(&d.join("out")).len(), 60, "no temporary files left");
    let m: Value = serde_json::from_slice(&std::fs::read(d.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["files"].as_array().unwrap().len(), 60);
}

#[test]
fn batch_verify_reports_tampered_files_and_goes_on() {
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::create_dir_all(d.join("in")).unwrap();
    for i in 0..5 {
        std::fs::write(d.join(format!("in/{i}.pdf")), common::minimal_pdf(&format!("Doc {i}"))).unwrap();
    }
    kyso().current_dir(d).args(["-q", "batch", "sign", "in", "-o", "out"]).args(signer_args()).assert().success();
    let p = d.join("out/3.pdf");
    let mut data = std::fs::read(&p).unwrap();
    let pos = data.windows(5).position(|w| w == b"Doc 3").unwrap();
    data[pos + 4] = b'9';
    std::fs::write(&p, data).unwrap();
    std::fs::write(d.join("out/garbage.pdf"), "%PDF-1.7 not really").unwrap();
    let out = kyso()
        .current_dir(d)
        .args(["--format", "json", "batch", "verify", "out", "--trust", "root.crt", "--jobs", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["summary"],
        serde_json::json!({"files": 6, "valid": 4, "invalid": 1, "indeterminate": 0, "unsigned": 0, "error": 1})
    );
}
