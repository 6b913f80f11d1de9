//! Verification policies (`--policy`, `kyso.toml`, rule flags) and the CI formats
//! (`--format junit|github|jsonl`) on signed fixtures made with the test PKI.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Pki, kyso};
use serde_json::Value;

fn sign(d: &Path, input: &str, output: &str, signer: &str, extra: &[&str]) {
    kyso()
        .current_dir(d)
        .args([
            "sign",
            input,
            "-o",
            output,
            "--key",
            &format!("{signer}.key"),
            "--cert",
            &format!("{signer}.chain.pem"),
        ])
        .args(extra)
        .assert()
        .success();
}

/// `kyso --format json verify FILE --trust root.crt ARGS…`: (exit code, the file object).
fn verify(d: &Path, file: &str, args: &[&str]) -> (i32, Value) {
    let out = kyso()
        .current_dir(d)
        .args(["--format", "json", "verify", file, "--trust", "root.crt"])
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    (out.status.code().unwrap(), v["files"][0].clone())
}

/// The rules that failed, or `None` when no policy applied.
fn failed_rules(file: &Value) -> Option<Vec<String>> {
    let p = file.get("policy")?;
    Some(p["failures"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect())
}

/// A test PKI with a second signer, `other` (same CA, another name), and signed PDFs:
/// `one.pdf` (signer), `two.pdf` (signer then other), `cert.pdf` (certified by signer).
fn setup() -> Pki {
    let pki = Pki::new();
    let d = pki.dir.path();
    pki.issue("inter", "person", "other", &[]);
    std::fs::write(d.join("in.pdf"), common::minimal_pdf("Policy")).unwrap();
    sign(d, "in.pdf", "one.pdf", "signer", &[]);
    sign(d, "one.pdf", "two.pdf", "other", &[]);
    sign(d, "in.pdf", "cert.pdf", "signer", &["--certify", "form-fill"]);
    pki
}

#[test]
fn each_rule_passes_and_fails_on_signed_pdfs() {
    let pki = setup();
    let d = pki.dir.path();
    let (code, f) = verify(d, "one.pdf", &[]);
    assert_eq!((code, f["verdict"].as_str()), (0, Some("valid")), "{f}");
    assert!(f.get("policy").is_none(), "no rules, no policy object: {f}");
    let sha = f["signatures"][0]["signer"]["sha256"].as_str().unwrap().to_string();
    let colons =
        sha.as_bytes().chunks(2).map(|c| std::str::from_utf8(c).unwrap().to_uppercase()).collect::<Vec<_>>().join(":");

    let pass: &[&[&str]] = &[
        &["--require-signer", "UID=MST:0100109106"],
        &["--require-signer", "O=UBND tỉnh Thái Nguyên,C=VN"],
        &["--require-signer", "issuer:CN=Kyso Test Sub CA"],
        &["--require-signer", "signer.crt"],
        &["--require-signer", &sha],
        &["--require-signer", &colons],
        &["--require-signer", "UID=MST:0101234567", "--require-signer", "UID=MST:0100109106"],
        &["--min-signatures", "1"],
        &["--require-whole-file"],
        &["--allow-algorithms", "sha256,sha384", "--allow-algorithms", "rsa"],
        &["--min-rsa-bits", "2048"],
        &["--signed-after", "2020-01-01", "--signed-before", "2099-01-01T00:00:00+07:00"],
    ];
    for args in pass {
        let (code, f) = verify(d, "one.pdf", args);
        assert_eq!((code, failed_rules(&f)), (0, Some(vec![])), "{args:?}: {f}");
        assert_eq!(f["policy"]["passed"], true);
    }

    let fail: &[(&[&str], &str)] = &[
        // a wrong tax code in the subject
        (&["--require-signer", "UID=MST:0101234567"], "require-signer"),
        // signed by the wrong key
        (&["--require-signer", "other.crt"], "require-signer"),
        (&["--require-signer", "issuer:CN=Some Other CA"], "require-signer"),
        // one signature short
        (&["--min-signatures", "2"], "min-signatures"),
        (&["--require-certification"], "require-certification"),
        (&["--allow-algorithms", "sha384"], "allow-algorithms"),
        (&["--allow-algorithms", "sha256,ecdsa"], "allow-algorithms"),
        (&["--min-rsa-bits", "3072"], "min-rsa-bits"),
        (&["--signed-after", "2099-01-01"], "signed-after"),
        (&["--signed-before", "2020-01-01"], "signed-before"),
        (&["--require-level", "lt"], "require-level"),
    ];
    for (args, rule) in fail {
        let (code, f) = verify(d, "one.pdf", args);
        assert_eq!(code, 1, "{args:?}: {f}");
        assert_eq!(failed_rules(&f), Some(vec![rule.to_string()]), "{args:?}: {f}");
        // A policy never changes the cryptographic verdict.
        assert_eq!(f["verdict"], "valid", "{f}");
        let failure = &f["policy"]["failures"][0];
        assert_eq!(failure["code"], "POLICY_FAILURE");
        assert!(!failure["message"].as_str().unwrap().is_empty());
    }

    // Two signers: min-signatures counts valid signatures by the required signers.
    let (code, f) = verify(d, "two.pdf", &["--min-signatures", "2"]);
    assert_eq!((code, failed_rules(&f)), (0, Some(vec![])), "{f}");
    let (code, f) = verify(d, "two.pdf", &["--min-signatures", "2", "--require-signer", "UID=MST:0100109106"]);
    assert_eq!((code, failed_rules(&f)), (1, Some(vec!["min-signatures".to_string()])), "{f}");
    let (code, f) = verify(
        d,
        "two.pdf",
        &["--min-signatures", "2", "--require-signer", "signer.crt", "--require-signer", "other.crt"],
    );
    assert_eq!((code, failed_rules(&f)), (0, Some(vec![])), "{f}");
    // The last signature covers the whole file.
    let (code, f) = verify(d, "two.pdf", &["--require-whole-file"]);
    assert_eq!((code, failed_rules(&f)), (0, Some(vec![])), "{f}");

    // Certified.
    let (code, f) = verify(d, "cert.pdf", &["--require-certification"]);
    assert_eq!((code, failed_rules(&f)), (0, Some(vec![])), "{f}");

    // Modified after signing (an update appended): no longer covers the whole file.
    let mut bytes = std::fs::read(d.join("one.pdf")).unwrap();
    bytes.extend_from_slice(&update_info(&bytes));
    std::fs::write(d.join("updated.pdf"), &bytes).unwrap();
    let (code, f) = verify(d, "updated.pdf", &["--require-whole-file"]);
    assert_eq!(f["verdict"], "valid", "an allowed update: {f}");
    assert_eq!((code, failed_rules(&f)), (1, Some(vec!["require-whole-file".to_string()])), "{f}");

    // Human output names the rule, in both languages.
    let out = kyso()
        .current_dir(d)
        .args(["verify", "one.pdf", "--trust", "root.crt", "--min-signatures", "2"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("POLICY_FAILURE [min-signatures]") && text.contains("FAILED"), "{text}");
    let out = kyso()
        .current_dir(d)
        .args(["--lang", "vi", "verify", "one.pdf", "--trust", "root.crt", "--min-signatures", "2"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("KHÔNG ĐẠT") && text.contains("số chữ ký hợp lệ yêu cầu: 2"), "{text}");
}

/// An incremental update that rewrites the document information dictionary (allowed
/// after signing), appended to `pdf`.
fn update_info(pdf: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(pdf);
    let startxref = text.rfind("startxref").unwrap();
    let prev: usize = text[startxref + 9..].split_whitespace().next().unwrap().parse().unwrap();
    let size: usize = text
        .rfind("/Size ")
        .map(|i| text[i + 6..].split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap())
        .unwrap();
    let root = text.rfind("/Root ").map(|i| text[i + 6..].split('R').next().unwrap().trim().to_string()).unwrap();
    let off = pdf.len() + 1;
    let obj = format!("{size} 0 obj\n<< /Producer (policy test) >>\nendobj\n");
    let xref = off + obj.len();
    format!(
        "\n{obj}xref\n{size} 1\n{off:010} 00000 n \ntrailer\n<< /Size {} /Root {root} R /Info {size} 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n",
        size + 1
    )
    .into_bytes()
}

#[test]
fn policy_files_kyso_toml_and_errors() {
    let pki = setup();
    let d = pki.dir.path();
    std::fs::create_dir_all(d.join("invoices")).unwrap();
    std::fs::copy(d.join("one.pdf"), d.join("invoices/a.pdf")).unwrap();
    std::fs::write(
        d.join("kyso.toml"),
        "[sign.profiles.x]\nanything = 1\n\n[verify]\nrequire-signer = \"UID=MST:0100109106\"\n\n\
         [[verify.rules]]\nglob = \"invoices/**\"\nmin-signatures = 2\n",
    )
    .unwrap();
    // Found by walking up from the current folder; the glob is relative to its folder.
    let (code, f) = verify(d, "one.pdf", &[]);
    assert_eq!((code, failed_rules(&f)), (0, Some(vec![])), "{f}");
    assert!(f["policy"]["source"].as_str().unwrap().ends_with("kyso.toml"), "{f}");
    let (code, f) = verify(d, "invoices/a.pdf", &[]);
    assert_eq!((code, failed_rules(&f)), (1, Some(vec!["min-signatures".to_string()])), "{f}");
    std::fs::copy(d.join("root.crt"), d.join("invoices/root.crt")).unwrap();
    let (code, f) = verify(&d.join("invoices"), "a.pdf", &[]);
    assert_eq!((code, failed_rules(&f)), (1, Some(vec!["min-signatures".to_string()])), "from a subfolder: {f}");
    // Flags win over the file; --no-policy ignores it.
    let (code, f) = verify(d, "invoices/a.pdf", &["--min-signatures", "1"]);
    assert_eq!((code, failed_rules(&f)), (0, Some(vec![])), "{f}");
    let (code, f) = verify(d, "invoices/a.pdf", &["--no-policy"]);
    assert_eq!((code, f.get("policy")), (0, None), "{f}");

    // A folder, through `kyso batch verify --policy`.
    std::fs::write(d.join("strict.toml"), "[verify]\nrequire-signer = [\"other.crt\"]\n").unwrap();
    std::fs::create_dir_all(d.join("batch")).unwrap();
    std::fs::copy(d.join("one.pdf"), d.join("batch/one.pdf")).unwrap();
    std::fs::copy(d.join("two.pdf"), d.join("batch/two.pdf")).unwrap();
    let out = kyso()
        .current_dir(d)
        .args(["--format", "json", "batch", "verify", "batch", "--trust", "root.crt", "--policy", "strict.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["valid"], 2, "{v}");
    assert_eq!(v["summary"]["policy_failed"], 1, "{v}");

    // Policy errors: exit 2, with the line.
    let bad = [
        ("[verify]\nmin-signatures = 1\nrequire-signr = \"O=A\"\n", ":3:"),
        ("[verify]\n\nmin-rsa-bits = \"big\"\n", ":3:"),
        ("[verify]\nsigned-after = \"last week\"\n", ":2:"),
        ("[verify]\nrequire-signer = \"missing.crt\"\n", ":2:"),
        ("[verify]\n[[verify.rules]]\nglob = \"a/[\"\n", ":3:"),
        ("[verify\n", ":1:"),
    ];
    for (text, line) in bad {
        std::fs::write(d.join("bad.toml"), text).unwrap();
        let out = kyso().current_dir(d).args(["verify", "one.pdf", "--policy", "bad.toml"]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}: {err}");
        assert!(err.contains(&format!("bad.toml{line}")), "{text}: {err}");
    }
    let out = kyso().current_dir(d).args(["verify", "one.pdf", "--min-rsa-bits", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = kyso().current_dir(d).args(["verify", "one.pdf", "--require-level", "z"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A broken kyso.toml is an error too (a repository's policy is never skipped silently).
    std::fs::write(d.join("kyso.toml"), "[verify]\nmin-signature = 2\n").unwrap();
    let out = kyso().current_dir(d).args(["verify", "one.pdf"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
}

fn python(script: &str, input: &[u8]) -> (bool, String) {
    use std::io::Write;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// A folder with a valid, a tampered and an unsigned file.
fn ci_folder(pki: &Pki) -> &Path {
    let d = pki.dir.path();
    std::fs::create_dir_all(d.join("ci")).unwrap();
    std::fs::copy(d.join("one.pdf"), d.join("ci/good.pdf")).unwrap();
    let mut bad = std::fs::read(d.join("one.pdf")).unwrap();
    let i = bad.windows(6).position(|w| w == b"Policy").unwrap();
    bad[i] = b'p';
    std::fs::write(d.join("ci/bad.pdf"), bad).unwrap();
    std::fs::write(d.join("ci/plain.txt"), "no signature").unwrap();
    d
}

#[test]
fn junit_output_is_read_by_junit_consumers() {
    let pki = setup();
    let d = ci_folder(&pki);
    let out = kyso()
        .current_dir(d)
        .args(["--format", "junit", "batch", "verify", "ci", "--trust", "root.crt", "--min-signatures", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let xml = out.stdout;
    // The standard library's parser: the shape JUnit readers expect.
    let script = r#"
import sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
assert root.tag == 'testsuites', root.tag
suite = root.find('testsuite')
cases = suite.findall('testcase')
assert suite.get('tests') == str(len(cases)) == '3', suite.attrib
byname = {c.get('name'): c for c in cases}
good = byname['ci/good.pdf']; bad = byname['ci/bad.pdf']; plain = byname['ci/plain.txt']
assert good.find('failure') is None and good.find('error') is None
types = sorted(f.get('type') for f in bad.findall('failure'))
assert types == ['HASH_FAILURE', 'POLICY_FAILURE'], types
assert [f.get('type') for f in plain.findall('failure')] == ['NO_SIGNATURE', 'POLICY_FAILURE']
assert suite.get('failures') == '2', suite.attrib
assert 'VALID' in good.find('system-out').text
print('ok')
"#;
    let (ok, text) = python(script, &xml);
    assert!(ok, "{text}\n{}", String::from_utf8_lossy(&xml));
    // junitparser, a JUnit consumer from the registries.
    if Command::new("python3").args(["-c", "import junitparser"]).status().is_ok_and(|s| s.success()) {
        let script = r#"
import sys, tempfile
from junitparser import JUnitXml, Failure, Error
data = sys.stdin.buffer.read()
f = tempfile.NamedTemporaryFile(suffix='.xml', delete=False); f.write(data); f.close()
xml = JUnitXml.fromfile(f.name)
cases = [c for s in xml for c in s]
assert len(cases) == 3
failed = {c.name: [r.type for r in c.result if isinstance(r, Failure)] for c in cases}
assert failed['ci/good.pdf'] == [], failed
assert 'HASH_FAILURE' in failed['ci/bad.pdf'], failed
print('junitparser ok')
"#;
        let (ok, text) = python(script, &xml);
        assert!(ok, "{text}");
    } else if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("junitparser is missing under CI=true (pip install junitparser)");
    } else {
        eprintln!("SKIPPED: junitparser not installed");
    }
    // Single files too, with --quiet not silencing a machine format.
    let out = kyso()
        .current_dir(d)
        .args(["--quiet", "--format", "junit", "verify", "one.pdf", "--trust", "root.crt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let (ok, text) = python(
        "import sys, xml.etree.ElementTree as ET; r = ET.fromstring(sys.stdin.buffer.read()); assert len(r.iter('testcase').__next__().findall('failure')) == 0",
        &out.stdout,
    );
    assert!(ok, "{text}");
}

#[test]
fn github_and_jsonl_outputs() {
    let pki = setup();
    let d = ci_folder(&pki);
    let out = kyso()
        .current_dir(d)
        .args(["--format", "github", "batch", "verify", "ci", "--trust", "root.crt", "--require-signer", "other.crt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let commands: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
    // ::error file=PATH,title=TITLE::MESSAGE, properties and message escaped.
    for c in &commands {
        let rest = c.strip_prefix("::error file=").unwrap_or_else(|| panic!("{c}"));
        let (props, message) = rest.split_once("::").unwrap();
        let (file, title) = props.split_once(",title=").unwrap();
        assert!(!file.contains([',', ':', '\n']) && !title.contains([',', ':']), "{c}");
        assert!(!message.is_empty() && !message.contains('\r'), "{c}");
    }
    let for_file = |f: &str| commands.iter().filter(|c| c.starts_with(&format!("::error file={f},"))).count();
    assert_eq!(for_file("ci/good.pdf"), 1, "the policy: {text}");
    assert_eq!(for_file("ci/bad.pdf"), 2, "{text}");
    assert_eq!(for_file("ci/plain.txt"), 2, "{text}");
    assert!(text.contains("title=kyso verify%3A POLICY_FAILURE::[require-signer]"), "{text}");

    let out =
        kyso().current_dir(d).args(["--format", "jsonl", "verify", "ci", "--trust", "root.crt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    let mut paths: Vec<&str> = lines[..3].iter().map(|l| l["path"].as_str().unwrap()).collect();
    paths.sort();
    assert_eq!(paths, ["ci/bad.pdf", "ci/good.pdf", "ci/plain.txt"]);
    assert_eq!(lines[3]["summary"]["files"], 3);
    assert_eq!(lines[3]["schema"], 1);
    let out =
        kyso().current_dir(d).args(["--format", "jsonl", "verify", "one.pdf", "--trust", "root.crt"]).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
}

/// Every English text of the catalogue a report for people can contain: verdicts,
/// reasons, notes, revision findings, the labels of the text report, the fixed phrases
/// of details, policy words.
fn english_catalogue() -> Vec<String> {
    use kyso::report::Lang::En;
    use kyso::report::messages::*;
    use kyso::verify::{NoteCode, ReasonCode, Verdict};
    let mut v: Vec<String> = Vec::new();
    for verdict in [Verdict::Valid, Verdict::Unsigned, Verdict::Indeterminate, Verdict::Invalid, Verdict::Error] {
        v.push(verdict_label(verdict, En).to_string());
    }
    v.extend(ReasonCode::ALL.iter().map(|c| reason_text(*c, En).to_string()));
    use NoteCode::*;
    let notes = [
        LaterRevision,
        TrailingBytes,
        Tolerated,
        Warning,
        SharedSignatureDictionary,
        XrefRebuilt,
        DotnetEnveloped,
        CounterSignature,
        NoEnvelopeSignature,
        DocumentIdMismatch,
        TraceSenderMismatch,
        SignerOrganizationMismatch,
        SignerNameMismatch,
        DuplicateHeaderField,
        Certification,
    ];
    v.extend(notes.iter().map(|n| note_text(*n, En).to_string()));
    v.extend(kyso::pdf::FindingCode::ALL.iter().map(|c| finding_text(*c, En).to_string()));
    v.extend(kyso::report::vi::PHRASES.iter().map(|(en, _)| en.trim().to_string()));
    v.extend(
        [
            "signature ",
            "signer:",
            "issuer:",
            "serial:",
            "algorithm:",
            "claimed signing time:",
            "not proof of time",
            "chain:",
            "trust anchor",
            "revocation:",
            "not checked",
            "covers:",
            "later revisions:",
            "revision ",
            "note:",
            "file(s)",
            "policy",
            "): PASSED",
            "): FAILED",
            "(unknown)",
            "required",
            "signed at",
            "claimed time",
            "page ",
        ]
        .map(String::from),
    );
    // Words that are the same in both languages, or too short to tell.
    v.retain(|s| s.len() >= 5 && !["VALID", "ERROR", "DocMDP"].contains(&s.as_str()));
    v.sort();
    v.dedup();
    v
}

#[test]
fn vi_reports_have_no_english() {
    let pki = setup();
    let d = pki.dir.path();
    kyso().current_dir(d).args(["demo", "demo"]).assert().success();
    // A tampered copy, an allowed update after signing, a broken and an unsigned file.
    let signed = std::fs::read(d.join("demo/sample.signed.pdf")).unwrap();
    let mut tampered = signed.clone();
    tampered[3000] ^= 0x01;
    std::fs::write(d.join("demo/tampered.pdf"), tampered).unwrap();
    let mut updated = std::fs::read(d.join("one.pdf")).unwrap();
    updated.extend_from_slice(&update_info(&updated));
    std::fs::write(d.join("demo/updated.pdf"), updated).unwrap();
    std::fs::write(d.join("demo/broken.pdf"), &signed[..signed.len() / 2]).unwrap();
    std::fs::write(d.join("demo/unsigned.txt"), "không ký").unwrap();
    // Unreadable files: broken XML, a truncated detached CMS, a PDF without a catalog,
    // garbage named .p7m, an encrypted PDF (qpdf).
    std::fs::write(d.join("demo/broken.xml"), "<a><b></a>").unwrap();
    std::fs::write(d.join("demo/cut.txt"), "nội dung").unwrap();
    let p7s = std::fs::read(d.join("demo/sample.txt.p7s")).unwrap();
    std::fs::write(d.join("demo/cut.txt.p7s"), &p7s[..300]).unwrap();
    std::fs::write(d.join("demo/nocatalog.pdf"), "%PDF-1.7\n1 0 obj <<").unwrap();
    std::fs::write(d.join("demo/garbage.p7m"), "garbage").unwrap();
    let mut files = vec![
        "demo/sample.signed.pdf",
        "demo/sample-einvoice.signed.xml",
        "demo/sample.txt",
        "demo/tampered.pdf",
        "demo/updated.pdf",
        "demo/broken.pdf",
        "demo/unsigned.txt",
        "two.pdf",
        "cert.pdf",
        "demo/broken.xml",
        "demo/cut.txt",
        "demo/nocatalog.pdf",
        "demo/garbage.p7m",
    ];
    if common::peer("qpdf") {
        let (ok, text) = common::run_peer(
            "qpdf",
            &["--encrypt", "u", "o", "256", "--", "demo/sample.signed.pdf", "demo/encrypted.pdf"],
            d,
        );
        assert!(ok, "{text}");
        files.push("demo/encrypted.pdf");
    }
    let runs: [&[&str]; 4] = [
        &["--trust", "demo/root.crt"],
        &[],
        &["--trust", "demo/root.crt", "--at", "2040-01-01"],
        &[
            "--trust",
            "demo/root.crt",
            "--require-signer",
            "UID=MST:0101234567",
            "--min-signatures",
            "3",
            "--require-level",
            "lt",
            "--require-whole-file",
            "--require-certification",
            "--allow-algorithms",
            "sha384",
            "--min-rsa-bits",
            "4096",
            "--signed-after",
            "2099-01-01",
            "--signed-before",
            "2000-01-01",
        ],
    ];
    let catalogue = english_catalogue();
    for args in runs {
        let out = kyso().current_dir(d).args(["--lang", "vi", "verify"]).args(&files).args(args).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        // Names from certificates and documents are data, not messages: leave them out.
        let messages: String = text
            .lines()
            .map(|l| match l.split_once(':') {
                Some((k, _)) if ["người ký", "bên cấp", "chuỗi chứng thực", "số hiệu"].contains(&k.trim()) => {
                    ""
                }
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let leaks: Vec<&String> = catalogue.iter().filter(|e| messages.contains(e.as_str())).collect();
        assert!(leaks.is_empty(), "English in the Vietnamese report ({args:?}): {leaks:?}\n{text}");
        // The parsers' own messages (not in the catalogue) come out in Vietnamese too.
        let mut unreadable = vec![
            "lỗi phân tích XML: cần 'b' (thẻ đóng), không phải 'a' tại 1:7",
            "không phải CMS SignedData: BER: nội dung bị cắt cụt",
            "cấu trúc tài liệu không hợp lệ: dựng lại bảng xref không tìm thấy danh mục tài liệu",
            "không phân tích được tệp: không phải tệp CMS",
        ];
        if files.contains(&"demo/encrypted.pdf") {
            unreadable.push("tài liệu được mã hóa bằng mật khẩu người dùng: cần mật khẩu để mở");
        }
        for w in unreadable {
            assert!(text.contains(w), "{w} not in\n{text}");
        }
        assert!(text.contains("tệp:") || text.contains(" tệp: "), "{text}");
    }
}

#[test]
fn html_report_is_self_contained_in_both_languages() {
    let pki = setup();
    let d = pki.dir.path();
    let mut bad = std::fs::read(d.join("two.pdf")).unwrap();
    let i = bad.windows(6).position(|w| w == b"Policy").unwrap();
    bad[i] = b'p';
    std::fs::write(d.join("bad.pdf"), bad).unwrap();
    for (lang, words) in [
        ("en", ["VALID", "INVALID", "Signature verification report"]),
        ("vi", ["HỢP LỆ", "KHÔNG HỢP LỆ", "Báo cáo kiểm tra chữ ký số"]),
    ] {
        let report = format!("report-{lang}.html");
        kyso()
            .current_dir(d)
            .args(["--lang", lang, "verify", "two.pdf", "bad.pdf", "--trust", "root.crt", "--report", &report])
            .args(["--require-signer", "UID=MST:0100109106"])
            .assert()
            .code(1);
        let html = std::fs::read_to_string(d.join(&report)).unwrap();
        for w in words {
            assert!(html.contains(w), "{lang}: {w}");
        }
        // Readable offline: nothing fetched, nothing run.
        for bad in ["<script", "<link", "<img", "src=", "url(", "@import", "https://"] {
            assert!(!html.contains(bad), "{lang}: {bad}");
        }
        assert!(html.contains(&format!("<html lang=\"{lang}\">")));
        // The timeline of the revisions, and the file's SHA-256.
        assert!(html.contains("<svg") && html.matches("<rect").count() >= 4, "{lang}");
        use sha2::Digest;
        let sha = hex::encode(sha2::Sha256::digest(std::fs::read(d.join("two.pdf")).unwrap()));
        assert!(html.contains(&sha), "{lang}");
        // Well-formed enough for a strict parser: every element closed in order.
        let script = r#"
import sys
from html.parser import HTMLParser
VOID = {'meta', 'br', 'hr', 'img', 'input', 'link', 'rect'}
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.stack = []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID: self.stack.append(tag)
    def handle_startendtag(self, tag, attrs): pass
    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()
p = P(); p.feed(sys.stdin.read()); p.close()
assert p.stack == [], p.stack
"#;
        let (ok, text) = python(script, html.as_bytes());
        assert!(ok, "{lang}: {text}");
        if lang == "vi" {
            let leaks: Vec<String> =
                english_catalogue().into_iter().filter(|e| e.len() > 8 && html.contains(e.as_str())).collect();
            assert!(leaks.is_empty(), "{leaks:?}");
        }
    }
    // An existing report is kept unless --force; only HTML or PDF is written.
    kyso().current_dir(d).args(["verify", "two.pdf", "--report", "report-en.html"]).assert().code(2);
    kyso().current_dir(d).args(["verify", "two.pdf", "--report", "report-en.html", "--force"]).assert().code(1);
    kyso().current_dir(d).args(["verify", "two.pdf", "--report", "report.txt"]).assert().code(2);
}
