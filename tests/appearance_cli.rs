//! Visible signatures as Decree 30/2020/NĐ-CP prescribes, through the binary: approve,
//! issue and copy in three revisions, checked with pyHanko, pdffonts and pdftotext.
//! (Pixel checks of the rendered boxes are in tests/pdf_lowlevel/appearance.rs.)

mod common;

use common::peers;
use common::{Pki, kyso, peer, run_peer};

#[test]
fn approve_issue_copy_flow() {
    if !peer("pyhanko") || !peer("pdffonts") || !peer("pdftotext") {
        return;
    }
    let pki = Pki::new();
    let d = pki.dir.path();
    pki.issue("inter", "organization", "agency", &[]);
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::copy(format!("{root}/fixtures/sample.pdf"), d.join("in.pdf")).unwrap();
    let sig = format!("{root}/assets/images/signature.png");
    let seal = format!("{root}/assets/images/seal.png");
    let step = |input: &str, output: &str, who: &str, extra: &[&str]| {
        let (key, cert) = (format!("{who}.key"), format!("{who}.chain.pem"));
        kyso()
            .current_dir(d)
            .args(["sign", input, "-o", output, "--key", &key, "--cert", &cert])
            .args(extra)
            .assert()
            .success();
    };
    step("in.pdf", "1.pdf", "signer", &["--appearance", "approve", "--anchor", "Nguyễn Văn An", "--image", &sig]);
    step(
        "1.pdf",
        "2.pdf",
        "agency",
        &["--appearance", "issue", "--anchor", "Nguyễn Văn An", "--image", &seal, "--doc-number", "123/UBND-VP"],
    );
    step(
        "2.pdf",
        "3.pdf",
        "agency",
        &["--appearance", "copy", "--copy-type", "SAO Y", "--agency", "Sở Tư pháp tỉnh Thái Nguyên"],
    );

    let out =
        kyso().current_dir(d).args(["--format", "json", "verify", "3.pdf", "--trust", "root.crt"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{v}");
    assert_eq!(v["files"][0]["signatures"].as_array().unwrap().len(), 3);
    let (_, t) = peers::pyhanko_validate(d, "root.crt", "3.pdf", &[]);
    assert_eq!(t.matches("The signature is judged VALID").count(), 3, "{t}");
    let (_, fonts) = run_peer("pdffonts", &["3.pdf"], d);
    let embedded = fonts
        .lines()
        .filter(|l| l.contains("+LiberationSerif") && l.contains("CID TrueType") && l.contains("yes yes yes"))
        .count();
    assert!(embedded >= 2, "{fonts}");
    let (_, text) = run_peer("pdftotext", &["3.pdf", "-"], d);
    for s in ["SAO Y", "Sở Tư pháp tỉnh Thái Nguyên", "Số: 123/UBND-VP", "+07:00"] {
        assert!(text.contains(s), "{s:?} not in\n{text}");
    }
    // earlier widgets untouched: revision 2's bytes are a prefix of revision 3's file
    let (a, b) = (std::fs::read(d.join("2.pdf")).unwrap(), std::fs::read(d.join("3.pdf")).unwrap());
    assert_eq!(&b[..a.len()], &a[..]);
    // a bad --rect is a usage error
    kyso()
        .current_dir(d)
        .args([
            "sign",
            "in.pdf",
            "-o",
            "x.pdf",
            "--key",
            "signer.key",
            "--cert",
            "signer.crt",
            "--appearance",
            "copy",
            "--rect",
            "1,2",
        ])
        .assert()
        .code(2);
}
