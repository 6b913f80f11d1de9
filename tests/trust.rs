//! Named trust stores (`kyso trust`, `--trust @NAME`, `--certs @NAME`) and the built-in `@vn`:
//! a round trip in a private config folder, verification through a store, clear errors, the
//! README's fingerprints against the embedded certificates, and real Vietnamese invoices
//! chaining to the built-in roots.

mod common;

use std::path::{Path, PathBuf};

use common::{Pki, kyso};
use serde_json::Value;
use sha2::Digest;

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// `kyso` with the user's config folder (and so the trust stores) in `cfg`.
fn kyso_in(cfg: &Path) -> common::Kyso {
    let mut c = kyso();
    c.env("XDG_CONFIG_HOME", cfg);
    c
}

#[test]
fn add_list_show_remove_round_trip() {
    let pki = Pki::new();
    let cfg = tempfile::tempdir().unwrap();
    let root_fp = fingerprint_of(&pki.path("root.crt"));
    let inter_fp = fingerprint_of(&pki.path("inter.crt"));

    // Two CA certificates in one PEM file (inter.chain.pem holds the sub CA and the root).
    let out = kyso_in(cfg.path()).args(["trust", "add", "partners", &pki.p("inter.chain.pem")]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("CN=Kyso Test Root CA") && text.contains("CN=Kyso Test Sub CA"), "{text}");
    assert!(text.contains(&root_fp) && text.contains(&inter_fp), "each added certificate's SHA-256: {text}");
    assert!(cfg.path().join("kyso/trust/partners").join(format!("{root_fp}.pem")).is_file());

    // Adding again changes nothing; JSON says so.
    let out = kyso_in(cfg.path())
        .args(["--format", "json", "trust", "add", "partners", &pki.p("root.crt")])
        .output()
        .unwrap();
    assert_eq!(json(&out)["added"][0]["new"], false);

    let out = kyso_in(cfg.path()).args(["--format", "json", "trust", "list"]).output().unwrap();
    let v = json(&out);
    let stores = v["stores"].as_array().unwrap();
    assert!(stores.iter().any(|s| s["name"] == "vn" && s["builtin"] == true));
    assert!(stores.iter().any(|s| s["name"] == "partners" && s["certificates"] == 2), "{v}");

    let out = kyso_in(cfg.path()).args(["trust", "show", "partners"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for want in ["CN=Kyso Test Root CA", "issuer:", "valid:", &root_fp, &inter_fp] {
        assert!(text.contains(want), "show lacks {want}: {text}");
    }

    kyso_in(cfg.path()).args(["trust", "remove", "@partners"]).assert().success();
    assert!(!cfg.path().join("kyso/trust/partners").exists());
    let out = kyso_in(cfg.path()).args(["trust", "remove", "partners"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// NEAC publishes some bundles as BER (indefinite lengths): `kyso trust add` reads them.
#[test]
fn neac_bundles_as_published_are_read() {
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/interop/vn-einvoice-realworld/certs/neac_raw");
    if !raw.is_dir() {
        eprintln!("SKIPPED: {} is not there", raw.display());
        return;
    }
    let cfg = tempfile::tempdir().unwrap();
    // vnrca-rs.p7b starts 30 80: BER; BkavCA_RS.p7b is DER.
    for f in ["vnrca-rs.p7b", "VNPAY-CA_RS.p7b", "BkavCA_RS.p7b"] {
        let out =
            kyso_in(cfg.path()).args(["--format", "json", "trust", "add", "neac"]).arg(raw.join(f)).output().unwrap();
        assert!(out.status.success(), "{f}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let out = kyso_in(cfg.path()).args(["trust", "show", "neac"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    // The 2025 RS root, and the MIC-era national root BkavCA RS chains to.
    assert!(text.contains("12afeba2545f6fc0f31ec130f31bf2d16184a2b5b7cebcb43cfd1ba35dd4ea46"), "{text}");
    assert!(text.contains("bac8bf609ab420a8ee1780d74f4de5c7f7184959d2a7375b0a75e4c29f0908e7"), "{text}");
}

#[test]
fn refusals_are_clear() {
    let pki = Pki::new();
    let cfg = tempfile::tempdir().unwrap();
    let fail = |args: &[&str], want: &str| {
        let out = kyso_in(cfg.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
    };
    fail(&["trust", "add", "vn", &pki.p("root.crt")], "built-in trust store");
    fail(&["trust", "remove", "vn"], "built-in trust store");
    fail(&["trust", "add", "mine", &pki.p("signer.crt")], "is not a CA certificate");
    fail(&["trust", "add", "mine", &pki.p("signer.key")], "no certificate found");
    fail(&["trust", "add", "../up", &pki.p("root.crt")], "not a usable trust store name");
    // Nothing was written by the refused adds (a non-CA among CAs refuses the whole command).
    fail(&["trust", "add", "mine", &pki.p("root.crt"), &pki.p("signer.crt")], "is not a CA certificate");
    assert!(!cfg.path().join("kyso/trust/mine").exists());
    fail(&["verify", &pki.p("root.crt"), "--trust", "@nope"], "no trust store named \"@nope\"");
    fail(&["verify", &pki.p("root.crt"), "--certs", "@nope"], "see `kyso trust list`");
    fail(&["cert", "verify", &pki.p("signer.crt"), "--trust", "@nope"], "no trust store named");
    // In Vietnamese too.
    let out =
        kyso_in(cfg.path()).args(["--lang", "vi", "verify", &pki.p("root.crt"), "--trust", "@nope"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("không có kho tin cậy nào tên \"@nope\""));
}

fn fingerprint_of(path: &Path) -> String {
    let pem = std::fs::read_to_string(path).unwrap();
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    use base64::Engine;
    let der = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
    hex::encode(sha2::Sha256::digest(der))
}

fn pdf_verdict(cfg: &Path, d: &Path, file: &str, extra: &[&str]) -> String {
    let out = kyso_in(cfg).current_dir(d).args(["--format", "json", "verify", file]).args(extra).output().unwrap();
    json(&out)["files"][0]["signatures"][0]["verdict"].as_str().unwrap().to_string()
}

#[test]
fn trust_and_certs_at_name_verify_a_kyso_signed_pdf() {
    let pki = Pki::new();
    let d = pki.dir.path();
    let cfg = tempfile::tempdir().unwrap();
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sample.pdf"), d.join("in.pdf")).unwrap();
    // Signed with the signer's certificate only: the sub CA must come from --certs.
    kyso()
        .current_dir(d)
        .args(["sign", "in.pdf", "-o", "signed.pdf", "--key", "signer.key", "--cert", "signer.crt"])
        .assert()
        .success();
    kyso_in(cfg.path()).args(["trust", "add", "ours", &pki.p("root.crt")]).assert().success();
    kyso_in(cfg.path()).args(["trust", "add", "subs", &pki.p("inter.crt")]).assert().success();

    assert_eq!(pdf_verdict(cfg.path(), d, "signed.pdf", &[]), "indeterminate");
    assert_eq!(pdf_verdict(cfg.path(), d, "signed.pdf", &["--trust", "@ours"]), "indeterminate");
    assert_eq!(pdf_verdict(cfg.path(), d, "signed.pdf", &["--trust", "@ours", "--certs", "@subs"]), "valid");
    // The same with files, and mixed: a store and a file.
    assert_eq!(pdf_verdict(cfg.path(), d, "signed.pdf", &["--trust", "root.crt", "--certs", "@subs"]), "valid");
    // @vn does not anchor a test PKI, and is not used unless asked.
    assert_eq!(pdf_verdict(cfg.path(), d, "signed.pdf", &["--trust", "@vn", "--certs", "@subs"]), "indeterminate");
    // Batch verify and cert verify take @NAME too.
    let out = kyso_in(cfg.path())
        .current_dir(d)
        .args(["--format", "json", "batch", "verify", ".", "--trust", "@ours", "--certs", "@subs"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"valid\""), "{}", String::from_utf8_lossy(&out.stdout));
    kyso_in(cfg.path())
        .current_dir(d)
        .args(["cert", "verify", "signer.crt", "--trust", "@ours", "--certs", "@subs"])
        .assert()
        .success();
    kyso_in(cfg.path()).current_dir(d).args(["cert", "verify", "signer.crt", "--trust", "@ours"]).assert().failure();
}

/// The built-in certificates: (roots|certs, file, SHA-256) of every embedded file.
fn embedded() -> Vec<(String, PathBuf, String)> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/trust/vn");
    let mut out = Vec::new();
    for kind in ["roots", "certs"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(base.join(kind)).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files {
            let sha = hex::encode(sha2::Sha256::digest(std::fs::read(&f).unwrap()));
            out.push((kind.to_string(), f, sha));
        }
    }
    out
}

/// The fingerprints in README's "Trust stores" tables: (table, sha256) with table "roots" or "certs".
fn readme_pins() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme.split("## Trust stores").nth(1).expect("README has a \"Trust stores\" section");
    let section = section.split("\n## ").next().unwrap();
    let mut table = String::new();
    let mut out = Vec::new();
    for line in section.lines() {
        if line.starts_with("**Trust anchors") {
            table = "roots".into();
        } else if line.starts_with("**Intermediates") {
            table = "certs".into();
        } else if line.starts_with("| ") && !table.is_empty() {
            for cell in line.split('|') {
                let c = cell.trim().trim_matches('`');
                if c.len() == 64 && c.chars().all(|x| x.is_ascii_hexdigit()) {
                    out.push((table.clone(), c.to_ascii_lowercase()));
                }
            }
        }
    }
    out
}

#[test]
fn readme_pins_every_builtin_certificate() {
    let files = embedded();
    let mut pins = readme_pins();
    let mut from_files: Vec<(String, String)> = files.iter().map(|(k, _, s)| (k.clone(), s.clone())).collect();
    pins.sort();
    from_files.sort();
    assert_eq!(pins, from_files, "README's Trust stores tables and assets/trust/vn/ differ");
    // And the binary shows the same fingerprints (the source pins them).
    let out = kyso().args(["--format", "json", "trust", "show", "vn"]).output().unwrap();
    let v = json(&out);
    let shown = |k: &str| -> Vec<String> {
        let mut s: Vec<String> =
            v[k].as_array().unwrap().iter().map(|c| c["sha256"].as_str().unwrap().to_string()).collect();
        s.sort();
        s
    };
    let want = |k: &str| -> Vec<String> {
        let mut s: Vec<String> = files.iter().filter(|(x, _, _)| x == k).map(|(_, _, s)| s.clone()).collect();
        s.sort();
        s
    };
    assert_eq!(shown("roots"), want("roots"));
    assert_eq!(shown("intermediates"), want("certs"));
    // The file name carries the start of the fingerprint.
    for (_, f, sha) in &files {
        let stem = f.file_stem().unwrap().to_str().unwrap();
        assert!(stem.ends_with(&sha[..8]), "{}", f.display());
    }
}

/// Verify every file of the real corpus's `valid/` with `--trust @vn --certs @vn` (at `at`, or
/// now): every SHA-256 signature under a certificate valid at that time must chain to a built-in
/// root. Returns (files with such a signature anchored, files VALID, (file, issuer) of such
/// signatures not anchored).
fn realworld_at(dir: &Path, at: Option<&str>) -> (Vec<String>, Vec<String>, Vec<(String, String)>) {
    let roots: Vec<String> = embedded().into_iter().filter(|(k, _, _)| k == "roots").map(|(_, _, s)| s).collect();
    let now = match at {
        Some(t) => t.to_string(),
        None => now_rfc3339(),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut anchored = Vec::new();
    let mut valid = Vec::new();
    let mut unanchored = Vec::new();
    for f in &files {
        let mut cmd = kyso();
        cmd.args(["--format", "json", "verify"]).arg(f).args(["--trust", "@vn", "--certs", "@vn"]);
        if let Some(t) = at {
            cmd.args(["--at", t]);
        }
        let v = json(&cmd.output().unwrap());
        let file = &v["files"][0];
        let name = f.file_name().unwrap().to_str().unwrap().to_string();
        let mut all_current_sha256 = true;
        for s in file["signatures"].as_array().unwrap() {
            let alg = s["algorithm"].as_str().unwrap_or("");
            let chain = s["chain"].as_array().cloned().unwrap_or_default();
            let leaf_current = chain.first().is_some_and(|c| {
                c["not_before"].as_str().unwrap() <= now.as_str() && now.as_str() <= c["not_after"].as_str().unwrap()
            });
            if !(alg.ends_with("sha256") && leaf_current) {
                all_current_sha256 = false;
                continue;
            }
            if s["trusted"] != true {
                unanchored.push((name.clone(), s["signer"]["issuer"].as_str().unwrap_or("").to_string()));
                continue;
            }
            let anchor = chain.last().unwrap()["sha256"].as_str().unwrap();
            assert!(roots.iter().any(|r| r == anchor), "{name}: anchored at {anchor}, not a built-in root");
            let codes: Vec<&str> = s["reasons"].as_array().unwrap().iter().filter_map(|r| r["code"].as_str()).collect();
            assert!(!codes.contains(&"NO_CERTIFICATE_CHAIN_FOUND"), "{name}: {codes:?}");
            if anchored.last() != Some(&name) {
                anchored.push(name.clone());
            }
        }
        if file["verdict"] == "valid" {
            assert!(all_current_sha256, "{name} is VALID with an old algorithm or a certificate not valid then");
            valid.push(name);
        }
    }
    eprintln!("at {now}: anchored {anchored:?}\nVALID {valid:?}\nnot anchored {unanchored:?}");
    (anchored, valid, unanchored)
}

/// Real invoices and tax-authority messages chain to the built-in roots, today and at a fixed
/// time (so the test keeps proving something after the certificates expire).
#[test]
fn real_invoices_chain_to_the_builtin_roots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/interop/vn-einvoice-realworld/valid");
    if !dir.is_dir() {
        eprintln!("SKIPPED: {} is not there", dir.display());
        return;
    }
    // Today: whatever is signed with SHA-256 under a current certificate anchors (checked inside).
    let (anchored, valid, unanchored) = realworld_at(&dir, None);
    assert!(unanchored.is_empty(), "{unanchored:?}");
    for a in &anchored {
        assert!(valid.contains(a), "{a} anchors but is not VALID");
    }
    // On 30 November 2026: CA2 and CA2 RS (Vietnam National Root CA) and the tax authority's
    // "CA phục vụ các cơ quan Nhà nước G2" (RootCA chuyên dùng Chính phủ G2).
    let (anchored, valid, unanchored) = realworld_at(&dir, Some("2026-11-30T00:00:00Z"));
    assert!(unanchored.is_empty(), "{unanchored:?}");
    let want = [
        "ca2_TDiep-204_VGCA-CPG2_a8162c06.xml",
        "ca2_TDiep-206_CA2-RS_0e65ef2a.xml",
        "ca2_TDiep-206_CA2-RS_70717273.xml",
        "ca2_TDiep-206_CA2_83a33c1f.xml",
        "ca2_TDiep-301_VGCA-CPG2_tbss-216.xml",
    ];
    assert_eq!(anchored, want);
    assert_eq!(valid, want);
    // In 2023, when more of the corpus's certificates were current, more files anchor — the
    // Government CA G2 messages of BKSOFT, FastCA, CA2's older certificates. What does not is
    // a test CA's (CYBERLOTUS-CA) and a CA whose certificate the corpus lacks (SAFE-CA 2020).
    let (anchored, _, unanchored) = realworld_at(&dir, Some("2023-06-01T00:00:00Z"));
    assert!(anchored.len() > want.len(), "{anchored:?}");
    for (file, issuer) in &unanchored {
        assert!(
            issuer == "CN=CYBERLOTUS-CA" || issuer.starts_with("CN=SAFE-CA SHA-256 2020,"),
            "{file}: a SHA-256 signature under {issuer} does not anchor"
        );
    }

    // Without --trust @vn the same files are not trusted: @vn is never implicit.
    let f = dir.join("ca2_TDiep-206_CA2-RS_70717273.xml");
    let v = json(&kyso().args(["--format", "json", "verify"]).arg(&f).args(["--certs", "@vn"]).output().unwrap());
    assert_eq!(v["files"][0]["signatures"][0]["trusted"], false);
    assert_ne!(v["files"][0]["verdict"], "valid");
}

/// Now as RFC 3339 UTC (seconds), comparable as a string with the JSON's times.
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    kyso::pki::time::rfc3339(secs)
}
