//! Signing test helpers: a throw-away PKI made with openssl, CMS via
//! `openssl cms`, and wrappers around pyHanko / pdfsig.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use kyso::pdf::{SignOptions, prepare};
use sha2::{Digest, Sha256};

use super::tmp_path;

fn ci() -> bool {
    std::env::var("CI").map(|v| v == "true" || v == "1").unwrap_or(false)
}

fn present(tool: &str, arg: &str) -> bool {
    Command::new(tool).arg(arg).output().map(|_| true).unwrap_or(false)
}

/// True if all the peers are installed; under CI=true a missing peer
/// panics, otherwise the test is skipped with a note.
pub fn have_peers(tools: &[&str]) -> bool {
    let missing: Vec<&str> = tools
        .iter()
        .copied()
        .filter(|t| {
            let arg = match *t {
                "openssl" => "version",
                "pyhanko" => "--version",
                _ => "-v",
            };
            !present(t, arg)
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    if ci() {
        panic!("peers {missing:?} not found on PATH but CI=true");
    }
    eprintln!("SKIP: peers {missing:?} not installed");
    false
}

pub const ALL_PEERS: &[&str] = &["openssl", "pyhanko", "pdfsig", "qpdf"];

pub struct Pki {
    pub dir: PathBuf,
}

impl Pki {
    pub fn root(&self) -> PathBuf {
        self.dir.join("root.pem")
    }
    pub fn signer(&self) -> PathBuf {
        self.dir.join("signer.pem")
    }
    pub fn key(&self) -> PathBuf {
        self.dir.join("signer.key")
    }
    pub fn chain(&self) -> PathBuf {
        self.dir.join("int.pem")
    }
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

/// Root CA -> intermediate -> signer (RSA 2048), created once per process.
pub fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("kyso-pdf-pki-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("ca.ext"),
            "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n\
             subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("signer.ext"),
            "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n\
             extendedKeyUsage=emailProtection\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
        )
        .unwrap();
        let o = |args: &[&str]| {
            run(Command::new("openssl").current_dir(&dir).args(args));
        };
        o(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "root.key",
            "-out",
            "root.pem",
            "-days",
            "3650",
            "-subj",
            "/CN=Kyso Test Root",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
        o(&[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "int.key",
            "-out",
            "int.csr",
            "-subj",
            "/CN=Kyso Test Intermediate",
        ]);
        o(&[
            "x509",
            "-req",
            "-in",
            "int.csr",
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-CAcreateserial",
            "-out",
            "int.pem",
            "-days",
            "3650",
            "-extfile",
            "ca.ext",
        ]);
        o(&[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "signer.key",
            "-out",
            "signer.csr",
            "-subj",
            "/CN=Nguyen Van A/O=Kyso Test",
        ]);
        o(&[
            "x509",
            "-req",
            "-in",
            "signer.csr",
            "-CA",
            "int.pem",
            "-CAkey",
            "int.key",
            "-CAcreateserial",
            "-out",
            "signer.pem",
            "-days",
            "3650",
            "-extfile",
            "signer.ext",
        ]);
        Pki { dir }
    })
}

/// Detached CAdES CMS over `data` made by `openssl cms`.
pub fn openssl_cms(data: &[u8]) -> Vec<u8> {
    let p = pki();
    let inp = tmp_path("tbs");
    let out = tmp_path("cms");
    std::fs::write(&inp, data).unwrap();
    run(Command::new("openssl").args([
        "cms".as_ref(),
        "-sign".as_ref(),
        "-binary".as_ref(),
        "-outform".as_ref(),
        "DER".as_ref(),
        "-cades".as_ref(),
        "-nosmimecap".as_ref(),
        "-md".as_ref(),
        "sha256".as_ref(),
        "-in".as_ref(),
        inp.as_os_str(),
        "-out".as_ref(),
        out.as_os_str(),
        "-signer".as_ref(),
        p.signer().as_os_str(),
        "-inkey".as_ref(),
        p.key().as_os_str(),
        "-certfile".as_ref(),
        p.chain().as_os_str(),
    ]));
    let der = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&inp);
    let _ = std::fs::remove_file(&out);
    der
}

/// prepare + openssl CMS + finish; returns the complete signed file. Also
/// checks that the fed chunks equal what the /ByteRange describes.
pub fn sign_with(input: &[u8], opts: &SignOptions) -> Vec<u8> {
    let prep = prepare(input, opts).unwrap_or_else(|e| panic!("prepare failed: {e}"));
    let mut tbs = Vec::new();
    let mut hasher = Sha256::new();
    prep.for_each_signed_chunk(input, |c| {
        tbs.extend_from_slice(c);
        hasher.update(c);
    });
    let digest_streamed = hasher.finalize();
    let br = prep.byte_range();
    let der = openssl_cms(&tbs);
    assert!(der.len() <= prep.max_contents_len());
    let appended = prep.finish(&der).unwrap();
    let mut out = input.to_vec();
    out.extend_from_slice(&appended);
    assert_eq!(br[2] + br[3], out.len());
    let mut h = Sha256::new();
    h.update(&out[br[0]..br[0] + br[1]]);
    h.update(&out[br[2]..br[2] + br[3]]);
    assert_eq!(h.finalize(), digest_streamed, "signed chunks differ from /ByteRange");
    assert_eq!(out[br[1]], b'<');
    assert_eq!(out[br[2] - 1], b'>');
    let pw = opts.password.as_deref().map(|p| String::from_utf8_lossy(p).into_owned());
    // lopdf only: several inputs here draw text with fonts their pages do not
    // declare, which poppler leaves out (the text differential runs in tests/pdf.rs
    // and tests/pdf_views.rs on well-formed documents).
    crate::pdf_check::lopdf_agrees(&out, pw.as_deref());
    out
}

pub fn write_tmp(tag: &str, data: &[u8]) -> PathBuf {
    let p = tmp_path(tag);
    std::fs::write(&p, data).unwrap();
    p
}

/// `pyhanko sign validate --pretty-print`; returns the output (exit status
/// is not checked: callers look at the text).
pub fn pyhanko_validate(pdf: &[u8]) -> String {
    pyhanko_validate_args(pdf, &[])
}

/// [`pyhanko_validate`] with extra options (e.g. `--password PW`).
pub fn pyhanko_validate_args(pdf: &[u8], extra: &[&str]) -> String {
    let p = write_tmp("val", pdf);
    let out = Command::new("pyhanko")
        .args(["sign", "validate"])
        .args(extra)
        .arg("--trust")
        .arg(pki().root())
        .args(["--trust-replace", "--pretty-print"])
        .arg(&p)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&p);
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// Split pyHanko's pretty-printed report into per-field sections.
pub fn pyhanko_sections(report: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let lines: Vec<&str> = report.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if l.starts_with("Field ") && i > 0 && lines[i - 1].starts_with("====") {
            let name = l.split_once(": ").map(|x| x.1).unwrap_or("").to_string();
            out.push((name, String::new()));
        } else if let Some(last) = out.last_mut() {
            last.1.push_str(l);
            last.1.push('\n');
        }
        i += 1;
    }
    out
}

/// pyHanko must judge every signature valid and trusted; the newest one
/// must cover the whole file, the others only allowed modifications.
/// Returns the report.
pub fn assert_pyhanko_all_valid(pdf: &[u8], expected_fields: &[&str]) -> String {
    assert_pyhanko_all_valid_args(pdf, expected_fields, &[])
}

/// [`assert_pyhanko_all_valid`] with extra `validate` options.
pub fn assert_pyhanko_all_valid_args(pdf: &[u8], expected_fields: &[&str], extra: &[&str]) -> String {
    let report = pyhanko_validate_args(pdf, extra);
    let secs = pyhanko_sections(&report);
    let names: Vec<&str> = secs.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, expected_fields, "pyHanko report:\n{report}");
    for (i, (name, text)) in secs.iter().enumerate() {
        assert!(text.contains("The signature is judged VALID"), "pyHanko: {name} not valid:\n{report}");
        assert!(
            text.contains("The signature is cryptographically sound")
                && text.contains("The signer's certificate is trusted"),
            "pyHanko: {name}:\n{report}"
        );
        if i + 1 == secs.len() {
            assert!(text.contains("The signature covers the entire file"), "pyHanko: {name}:\n{report}");
        } else {
            assert!(
                text.contains("The signature does not cover the entire file")
                    && text.contains("appear to be compatible with the current document modification policy"),
                "pyHanko: {name}:\n{report}"
            );
        }
    }
    report
}

/// `pdfsig FILE`: every signature valid, the newest "Total document signed".
pub fn assert_pdfsig_valid(pdf: &[u8], count: usize) -> String {
    assert_pdfsig_valid_args(pdf, count, &[])
}

/// [`assert_pdfsig_valid`] with extra options (e.g. `-upw PW`).
pub fn assert_pdfsig_valid_args(pdf: &[u8], count: usize, extra: &[&str]) -> String {
    let p = write_tmp("pdfsig", pdf);
    let out = Command::new("pdfsig").args(extra).arg(&p).output().unwrap();
    let _ = std::fs::remove_file(&p);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(text.matches("Signature Validation: Signature is Valid.").count(), count, "pdfsig:\n{text}");
    let last = text.rsplit("Signature #").next().unwrap_or_default().to_string();
    assert!(last.contains("Total document signed"), "pdfsig:\n{text}");
    text
}

/// pyHanko `addsig` (pemder signer) on `input`.
pub fn pyhanko_sign(input: &[u8], field_spec: &str, extra: &[&str]) -> Vec<u8> {
    pyhanko_sign_pw(input, field_spec, extra, None)
}

/// [`pyhanko_sign`] on an encrypted input: pyHanko's CLI prompts for the
/// document password (getpass), which is fed on stdin.
pub fn pyhanko_sign_pw(input: &[u8], field_spec: &str, extra: &[&str], password: Option<&str>) -> Vec<u8> {
    let p = pki();
    let inp = write_tmp("pyin", input);
    let out = tmp_path("pyout");
    let mut cmd = Command::new("pyhanko");
    if let Some(pw) = password {
        let pwfile = write_tmp("pypw", format!("{pw}\n").as_bytes());
        cmd.stdin(std::fs::File::open(&pwfile).unwrap());
        // The open handle keeps the data readable after the unlink.
        let _ = std::fs::remove_file(&pwfile);
    }
    run(cmd
        .args(["sign", "addsig"])
        .args(extra)
        .args(["--field", field_spec, "pemder", "--key"])
        .arg(p.key())
        .arg("--cert")
        .arg(p.signer())
        .arg("--chain")
        .arg(p.chain())
        .arg("--no-pass")
        .arg(&inp)
        .arg(&out));
    let bytes = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&inp);
    let _ = std::fs::remove_file(&out);
    bytes
}

/// Run pyHanko with arbitrary args `... IN OUT`.
pub fn pyhanko_io(args: &[&str], input: &[u8]) -> Vec<u8> {
    let inp = write_tmp("pyin", input);
    let out = tmp_path("pyout");
    run(Command::new("pyhanko").args(args).arg(&inp).arg(&out));
    let bytes = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&inp);
    let _ = std::fs::remove_file(&out);
    bytes
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}

/// pyHanko's own reading of the certification (DocMDP) data, through its
/// Python API (`read_certification_data`): e.g. "CERTIFIED FILL_FORMS" or
/// "NOT CERTIFIED".
pub fn pyhanko_certification(pdf: &[u8]) -> String {
    let p = write_tmp("cert", pdf);
    let script = [
        "import sys",
        "from pyhanko.pdf_utils.reader import PdfFileReader",
        "from pyhanko.sign.validation import read_certification_data",
        "d = read_certification_data(PdfFileReader(open(sys.argv[1], 'rb')))",
        "print('NOT CERTIFIED' if d is None else 'CERTIFIED ' + d.permission.name)",
    ]
    .join("\n");
    let text = run(Command::new("python3").arg("-c").arg(&script).arg(&p));
    let _ = std::fs::remove_file(&p);
    text.trim().to_string()
}

/// pyHanko `addsig` that is expected to fail; returns its output.
pub fn pyhanko_sign_fails(input: &[u8], field: &str) -> String {
    let p = pki();
    let inp = write_tmp("pyin", input);
    let out = tmp_path("pyout");
    let res = Command::new("pyhanko")
        .args(["sign", "addsig", "--field", field, "pemder", "--key"])
        .arg(p.key())
        .arg("--cert")
        .arg(p.signer())
        .arg("--no-pass")
        .arg(&inp)
        .arg(&out)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&inp);
    let _ = std::fs::remove_file(&out);
    assert!(!res.status.success(), "pyHanko unexpectedly signed");
    format!("{}{}", String::from_utf8_lossy(&res.stdout), String::from_utf8_lossy(&res.stderr))
}
