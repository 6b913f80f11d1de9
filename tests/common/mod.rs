//! Shared helpers for integration tests: running the binary, peer tools, a test PKI.
#![allow(dead_code)]

pub mod kyso_cmd;
pub mod pdf_check;
pub mod peers;
pub mod served;
pub mod softhsm;

use std::path::{Path, PathBuf};
use std::process::Command;

pub use kyso_cmd::Kyso;

/// The `kyso` binary with a clean, deterministic environment (English, no colour); every
/// PDF a successful run writes goes through the lopdf oracle ([`Kyso`]).
pub fn kyso() -> Kyso {
    let mut cmd = assert_cmd::Command::cargo_bin("kyso").expect("kyso binary");
    cmd.env_remove("KYSO_LANG")
        .env_remove("KYSO_KEY_PASSWORD")
        .env_remove("KYSO_CA_KEY_PASSWORD")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    Kyso::new(cmd)
}

/// Is a peer tool available? Under `CI=true` a missing peer fails the test (never a
/// silent pass); elsewhere the test is skipped with a note.
pub fn peer(name: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("peer tool `{name}` is missing under CI=true; .ci/run must install it");
        }
        eprintln!("SKIPPED: peer tool `{name}` not installed");
    }
    found
}

/// Run a peer command; return (success, stdout+stderr).
pub fn run_peer(program: &str, args: &[&str], dir: &Path) -> (bool, String) {
    let out = Command::new(program).args(args).current_dir(dir).output().expect("spawn peer");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// A test PKI made with the binary: root → inter → signer (person), in a temp dir.
pub struct Pki {
    pub dir: tempfile::TempDir,
}

pub const SIGNER_DN: &str =
    "CN=Nguyễn Văn A,UID=CCCD:001088012345,UID=MST:0100109106,O=UBND tỉnh Thái Nguyên,L=Thái Nguyên,C=VN";

impl Pki {
    pub fn new() -> Pki {
        Self::with_key_type("rsa2048")
    }

    pub fn with_key_type(key_type: &str) -> Pki {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        kyso()
            .current_dir(d)
            .args([
                "cert",
                "ca",
                "--subject",
                "CN=Kyso Test Root CA,O=Kyso,C=VN",
                "--out",
                "root",
                "--key-type",
                "p256",
            ])
            .assert()
            .success();
        kyso()
            .current_dir(d)
            .args([
                "cert",
                "issue",
                "--ca",
                "root",
                "--profile",
                "intermediate",
                "--subject",
                "CN=Kyso Test Sub CA,O=Kyso,C=VN",
                "--out",
                "inter",
                "--key-type",
                "p256",
            ])
            .assert()
            .success();
        kyso()
            .current_dir(d)
            .args([
                "cert",
                "issue",
                "--ca",
                "inter",
                "--profile",
                "person",
                "--subject",
                SIGNER_DN,
                "--email",
                "a@example.vn",
                "--out",
                "signer",
                "--key-type",
                key_type,
            ])
            .assert()
            .success();
        Pki { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn p(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }

    /// Issue another certificate from `ca` (a prefix in this PKI) with extra arguments.
    pub fn issue(&self, ca: &str, profile: &str, out: &str, extra: &[&str]) {
        kyso()
            .current_dir(self.dir.path())
            .args([
                "cert",
                "issue",
                "--ca",
                ca,
                "--profile",
                profile,
                "--subject",
                &format!("CN={out},C=VN"),
                "--out",
                out,
            ])
            .args(extra)
            .assert()
            .success();
    }
}

/// A valid PDF of `pages` pages (one content stream each) with an xref table.
pub fn pdf_with_pages(pages: usize) -> Vec<u8> {
    let mut objs: Vec<String> = vec![String::new(); 3 + 2 * pages];
    objs[0] = "<< /Type /Catalog /Pages 2 0 R >>".into();
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objs[1] = format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" "));
    objs[2] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into();
    for i in 0..pages {
        let content = format!("BT /F1 18 Tf 72 720 Td (Page {}) Tj ET", i + 1);
        objs[3 + 2 * i] = format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {} 0 R /Resources << /Font << /F1 3 0 R >> >> >>",
            5 + 2 * i
        );
        objs[4 + 2 * i] = format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len());
    }
    assemble_pdf(&objs)
}

fn assemble_pdf(objs: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1).as_bytes(),
    );
    out
}

/// A minimal, valid one-page PDF with an xref table.
pub fn minimal_pdf(text: &str) -> Vec<u8> {
    let content = format!("BT /F1 24 Tf 72 720 Td ({text}) Tj ET");
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1).as_bytes(),
    );
    out
}
