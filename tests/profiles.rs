//! Named signing profiles (`[sign.profiles.NAME]` in config.toml / kyso.toml), `--as NAME`,
//! and `kyso profile list|show|add`: a profile signs exactly as the same flags do (key
//! files, .p12, SoftHSM2), flags override it, secrets and files others can write are
//! refused, errors point at the profile, key and line, and `profile add` on a terminal
//! (driven through a pseudo-terminal) writes a profile that signs.
#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::peers;
use common::softhsm::SOFTHSM;
use common::{Pki, kyso, peer};

fn root() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

/// A test PKI, the sample PDF, the signature image, and an empty user config folder.
fn setup() -> (Pki, PathBuf) {
    let pki = Pki::new();
    let d = pki.dir.path();
    std::fs::copy(format!("{}/fixtures/sample.pdf", root()), d.join("in.pdf")).unwrap();
    std::fs::copy(format!("{}/assets/images/signature.png", root()), d.join("chu-ky.png")).unwrap();
    let xdg = d.join("xdg");
    std::fs::create_dir_all(xdg.join("kyso")).unwrap();
    (pki, xdg)
}

/// Write the user's config.toml (mode 0600).
fn user_config(xdg: &Path, text: &str) -> PathBuf {
    let p = xdg.join("kyso").join("config.toml");
    std::fs::write(&p, text).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    p
}

fn k(d: &Path, xdg: &Path) -> common::Kyso {
    let mut c = kyso();
    c.current_dir(d).env("XDG_CONFIG_HOME", xdg).env_remove("KYSO_PIN");
    c
}

/// The bytes of a signed PDF with what legitimately differs between two signings blanked:
/// the signature value (/Contents <hex>) and date strings (D:…).
fn masked(bytes: &[u8]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"/Contents <") || b[i..].starts_with(b"/Contents<") {
            let start = i + b[i..].iter().position(|&c| c == b'<').unwrap() + 1;
            let end = start + b[start..].iter().position(|&c| c == b'>').unwrap();
            b[start..end].fill(b'0');
            i = end;
        } else if b[i..].starts_with(b"(D:") {
            let end = i + b[i..].iter().position(|&c| c == b')').unwrap();
            b[i..end].fill(b'0');
            i = end;
        } else {
            i += 1;
        }
    }
    b
}

/// Two signed files are the same signed revision apart from times and signature values.
fn assert_same_signing(d: &Path, a: &str, b: &str) {
    let (x, y) = (std::fs::read(d.join(a)).unwrap(), std::fs::read(d.join(b)).unwrap());
    assert_eq!(x.len(), y.len(), "{a} and {b} differ in length");
    let (mx, my) = (masked(&x), masked(&y));
    if mx != my {
        let at = mx.iter().zip(&my).position(|(p, q)| p != q).unwrap();
        let lo = at.saturating_sub(80);
        panic!(
            "{a} and {b} differ at byte {at}:\n{}\n---\n{}",
            String::from_utf8_lossy(&x[lo..(at + 80).min(x.len())]),
            String::from_utf8_lossy(&y[lo..(at + 80).min(y.len())])
        );
    }
}

/// pyHanko (and kyso) accept the signature.
fn assert_valid(d: &Path, file: &str) {
    let out = kyso().current_dir(d).args(["--format", "json", "verify", file, "--trust", "root.crt"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["verdict"], "valid", "{v}");
    if peer("pyhanko") {
        let (_, t) = peers::pyhanko_validate(d, "root.crt", file, &[]);
        assert!(t.contains("The signature is judged VALID"), "pyHanko on {file}:\n{t}");
    }
}

const APPEARANCE_FLAGS: &[&str] = &[
    "--appearance",
    "approve",
    "--image",
    "chu-ky.png",
    "--anchor",
    "Nguyễn Văn An",
    "--reason",
    "Phê duyệt",
    "--location",
    "Thái Nguyên",
];

fn appearance_toml(d: &Path) -> String {
    format!(
        "appearance = \"approve\"\nimage = \"{}\"\nanchor = \"Nguyễn Văn An\"\nreason = \"Phê duyệt\"\nlocation = \"Thái Nguyên\"\n",
        d.join("chu-ky.png").display()
    )
}

#[test]
fn key_files_profile_signs_as_the_flags_do() {
    let (pki, xdg) = setup();
    let d = pki.dir.path();
    user_config(
        &xdg,
        &format!(
            "# a clerk's profiles\n[sign.profiles.lanh-dao]\nkey = \"{}\"\ncert = \"{}\"\ndigest = \"sha384\"\n{}",
            pki.p("signer.key"),
            pki.p("signer.chain.pem"),
            appearance_toml(d)
        ),
    );
    k(d, &xdg)
        .args(["sign", "in.pdf", "-o", "flags.pdf", "--key", "signer.key", "--cert", "signer.chain.pem"])
        .args(["--digest", "sha384"])
        .args(APPEARANCE_FLAGS)
        .assert()
        .success();
    k(d, &xdg).args(["sign", "in.pdf", "-o", "profile.pdf", "--as", "lanh-dao"]).assert().success();
    assert_same_signing(d, "flags.pdf", "profile.pdf");
    assert_valid(d, "flags.pdf");
    assert_valid(d, "profile.pdf");
}

#[test]
fn p12_profile_signs_as_the_flags_do() {
    let (pki, xdg) = setup();
    let d = pki.dir.path();
    std::fs::write(d.join("pw"), "mật khẩu\n").unwrap();
    pki.issue("inter", "person", "clerk", &["--password-file", "pw", "--p12", "clerk.p12"]);
    // relative paths in a project's kyso.toml are relative to its folder; found from a subfolder
    std::fs::write(
        d.join("kyso.toml"),
        "[verify]\nmin-signatures = 1\n\n[sign.profiles.van-thu]\np12 = \"clerk.p12\"\n\
         password-file = \"pw\"\nreason = \"Phát hành\"\n",
    )
    .unwrap();
    std::fs::set_permissions(d.join("kyso.toml"), std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::create_dir_all(d.join("sub/dir")).unwrap();
    k(d, &xdg)
        .args(["sign", "in.pdf", "-o", "flags.pdf", "--p12", "clerk.p12", "--password-file", "pw"])
        .args(["--reason", "Phát hành"])
        .assert()
        .success();
    k(&d.join("sub/dir"), &xdg)
        .args(["sign", "../../in.pdf", "-o", "../../profile.pdf", "--as", "van-thu"])
        .assert()
        .success();
    assert_same_signing(d, "flags.pdf", "profile.pdf");
    assert_valid(d, "flags.pdf");
    assert_valid(d, "profile.pdf");
}

/// A private SoftHSM2 token holding the test PKI's signer key and certificate.
fn token(pki: &Pki) -> Option<PathBuf> {
    common::softhsm::token(pki, "Lanh-dao")
}

#[test]
fn softhsm_profile_signs_as_the_flags_do() {
    let (pki, xdg) = setup();
    let Some(conf) = token(&pki) else { return };
    let d = pki.dir.path();
    user_config(
        &xdg,
        &format!(
            "[sign.profiles.token]\npkcs11 = \"{SOFTHSM}\"\ntoken = \"Lanh-dao\"\nkey-label = \"leader\"\n\
             pin-file = \"{}\"\nchain = [\"{}\"]\n{}",
            pki.p("pin"),
            pki.p("inter.crt"),
            appearance_toml(d)
        ),
    );
    k(d, &xdg)
        .env("SOFTHSM2_CONF", &conf)
        .args(["sign", "in.pdf", "-o", "flags.pdf", "--pkcs11", SOFTHSM, "--token", "Lanh-dao"])
        .args(["--key-label", "leader", "--pin-file", "pin", "--chain", "inter.crt"])
        .args(APPEARANCE_FLAGS)
        .assert()
        .success();
    k(d, &xdg)
        .env("SOFTHSM2_CONF", &conf)
        .args(["sign", "in.pdf", "-o", "profile.pdf", "--as", "token"])
        .assert()
        .success();
    assert_same_signing(d, "flags.pdf", "profile.pdf");
    assert_valid(d, "flags.pdf");
    assert_valid(d, "profile.pdf");
    // the PIN is shown as its source, never as a value
    let out = k(d, &xdg).args(["profile", "show", "token"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(text.contains(&format!("pin            file {}", pki.p("pin"))), "{text}");
    assert!(!text.contains("1234"), "{text}");
}

#[test]
fn a_flag_overrides_the_profile() {
    let (pki, xdg) = setup();
    let d = pki.dir.path();
    pki.issue("inter", "organization", "agency", &[]);
    user_config(
        &xdg,
        &format!(
            "[sign.profiles.p]\nkey = \"{}\"\ncert = \"{}\"\nreason = \"Approved by profile\"\ndigest = \"sha512\"\n",
            pki.p("signer.key"),
            pki.p("signer.chain.pem")
        ),
    );
    // the reason and the digest from the command line
    k(d, &xdg)
        .args(["sign", "in.pdf", "-o", "a.pdf", "--as", "p", "--reason", "Given on the command line"])
        .args(["--digest", "sha256"])
        .assert()
        .success();
    let a = std::fs::read(d.join("a.pdf")).unwrap();
    let has = |hay: &[u8], s: &str| hay.windows(s.len()).any(|w| w == s.as_bytes());
    assert!(has(&a, "Given on the command line") && !has(&a, "Approved by profile"));
    let out =
        kyso().current_dir(d).args(["--format", "json", "verify", "a.pdf", "--trust", "root.crt"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.to_string().to_lowercase().contains("sha-256") || v.to_string().to_lowercase().contains("sha256"), "{v}");
    assert!(!v.to_string().to_lowercase().contains("sha512"), "{v}");
    // a key source on the command line replaces the profile's (key and cert together)
    k(d, &xdg)
        .args(["sign", "in.pdf", "-o", "b.pdf", "--as", "p", "--key", "agency.key", "--cert", "agency.chain.pem"])
        .assert()
        .success();
    let out =
        kyso().current_dir(d).args(["--format", "json", "verify", "b.pdf", "--trust", "root.crt"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["verdict"], "valid", "{v}");
    let s = v.to_string();
    assert!(!s.contains("Nguyễn Văn A"), "signed by the profile's key, not the flag's: {s}");
    // without the profile's reason the profile's text stays
    k(d, &xdg).args(["sign", "in.pdf", "-o", "c.pdf", "--as", "p"]).assert().success();
    assert!(has(&std::fs::read(d.join("c.pdf")).unwrap(), "Approved by profile"));
    // a project's profile of the same name replaces the user's
    std::fs::write(d.join("kyso.toml"), "[sign.profiles.p]\np12 = \"nowhere.p12\"\n").unwrap();
    std::fs::set_permissions(d.join("kyso.toml"), std::fs::Permissions::from_mode(0o600)).unwrap();
    k(d, &xdg)
        .args(["sign", "in.pdf", "-o", "d.pdf", "--as", "p"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("kyso.toml line 2: profile p, key p12:"))
        .stderr(predicates::str::contains("nowhere.p12 does not exist"));
}

#[test]
fn a_config_with_a_pin_or_password_is_refused() {
    let (pki, xdg) = setup();
    let d = pki.dir.path();
    let base = format!("[sign.profiles.p]\nkey = \"{}\"\ncert = \"{}\"\n", pki.p("signer.key"), pki.p("signer.crt"));
    for (extra, needle) in [
        ("pin = \"1234\"\n", "line 4: profile p, key pin: a config file never stores a PIN or password"),
        ("password = \"x\"\n", "line 4: profile p, key password: a config file never stores"),
        ("[verify]\nkey-password = \"x\"\n", "line 5: key verify.key-password: a config file never stores"),
    ] {
        user_config(&xdg, &format!("{base}{extra}"));
        k(d, &xdg)
            .args(["sign", "in.pdf", "-o", "x.pdf", "--as", "p"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(needle));
        assert!(!d.join("x.pdf").exists());
        // listing is refused too: the file is not read at all
        k(d, &xdg).args(["profile", "list"]).assert().code(2).stderr(predicates::str::contains(needle));
    }
    // in Vietnamese
    user_config(&xdg, &format!("{base}pin = \"1234\"\n"));
    k(d, &xdg)
        .args(["--lang", "vi", "sign", "in.pdf", "--as", "p"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("dòng 4: hồ sơ ký p, khóa pin: tệp cấu hình không bao giờ"));
}

#[test]
fn a_config_other_users_can_write_is_refused() {
    let (pki, xdg) = setup();
    let d = pki.dir.path();
    let p = user_config(
        &xdg,
        &format!("[sign.profiles.p]\nkey = \"{}\"\ncert = \"{}\"\n", pki.p("signer.key"), pki.p("signer.crt")),
    );
    for mode in [0o666, 0o646, 0o620] {
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        k(d, &xdg)
            .args(["sign", "in.pdf", "-o", "x.pdf", "--as", "p"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!("other users can write this file (mode {mode:04o})")))
            .stderr(predicates::str::contains("chmod go-w"));
        assert!(!d.join("x.pdf").exists());
    }
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
    k(d, &xdg).args(["sign", "in.pdf", "-o", "x.pdf", "--as", "p"]).assert().success();
}

#[test]
fn errors_name_the_profile_the_key_and_the_line() {
    let (pki, xdg) = setup();
    let d = pki.dir.path();
    let head = format!("[sign.profiles.p]\nkey = \"{}\"\ncert = \"{}\"\n", pki.p("signer.key"), pki.p("signer.crt"));
    for (extra, needles) in [
        ("imgae = \"x.png\"\n", vec!["config.toml line 4: profile p, key imgae:", "unknown field `imgae`"]),
        (
            "appearance = \"aprove\"\n",
            vec!["line 4: profile p, key appearance: \"aprove\" is not one of: approve, issue"],
        ),
        (
            "appearance = \"approve\"\nimage = \"missing.png\"\n",
            vec!["line 5: profile p, key image:", "missing.png does not exist"],
        ),
        ("page = \"two\"\n", vec!["line 4: profile p, key page:", "invalid type"]),
        ("p12 = \"x.p12\"\n", vec!["line 4: profile p, key p12: cannot be used together with key"]),
        ("reason = \"unterminated\n", vec!["config.toml line 4:", "not valid TOML"]),
    ] {
        user_config(&xdg, &format!("{head}{extra}"));
        let out = k(d, &xdg).args(["sign", "in.pdf", "-o", "x.pdf", "--as", "p"]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        for n in needles {
            assert!(err.contains(n), "{n:?} not in: {err}");
        }
    }
    // an unknown profile: the known ones and where kyso looked
    user_config(&xdg, &head);
    k(d, &xdg)
        .args(["sign", "in.pdf", "--as", "lanh-dao"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no signing profile named \"lanh-dao\" (profiles: p; looked in:"))
        .stderr(predicates::str::contains("kyso profile add lanh-dao"));
    // a typo'd table under [sign] is not silently ignored; unknown top-level tables are
    user_config(&xdg, &format!("{head}[sign.profile.q]\nkey = \"k\"\n[policy]\nanything = 1\n"));
    k(d, &xdg)
        .args(["sign", "in.pdf", "-o", "x.pdf", "--as", "p"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown field `profile`"));
    user_config(&xdg, &format!("{head}[policy]\nanything = 1\n[verify.x]\ny = [1, 2]\n"));
    k(d, &xdg).args(["sign", "in.pdf", "-o", "x.pdf", "--as", "p"]).assert().success();
}

#[test]
fn profile_list_show_and_add_with_flags() {
    let (pki, xdg) = setup();
    let d = pki.dir.path();
    k(d, &xdg).args(["profile", "list"]).assert().success().stdout(predicates::str::contains("no signing profiles"));
    // a hand-written file keeps its comments when a profile is added
    let p = user_config(&xdg, "# kept comment\n[verify]\nx = 1 # kept too\n");
    k(d, &xdg)
        .args(["profile", "add", "lanh-dao", "--key", "signer.key", "--cert", "signer.chain.pem"])
        .args(APPEARANCE_FLAGS)
        .assert()
        .success()
        .stdout(predicates::str::contains("kyso sign FILE --as lanh-dao"));
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains("# kept comment") && text.contains("x = 1 # kept too"), "{text}");
    assert!(text.contains("[sign.profiles.lanh-dao]"), "{text}");
    assert!(text.contains(&format!("key = \"{}\"", pki.p("signer.key"))), "paths stored absolute: {text}");
    assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
    // adding it again needs --force
    k(d, &xdg)
        .args(["profile", "add", "lanh-dao", "--p12", "signer.key"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already there; use --force"));
    let out = k(d, &xdg).args(["--format", "json", "profile", "list"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["profiles"][0]["name"], "lanh-dao", "{v}");
    assert_eq!(v["profiles"][0]["line"], 5, "{v}");
    let out = k(d, &xdg).args(["--format", "json", "profile", "show", "lanh-dao"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["profile"]["values"]["appearance"], "approve", "{v}");
    assert_eq!(v["profile"]["values"]["password"], "KYSO_KEY_PASSWORD if set, else a prompt on the terminal", "{v}");
    // the profile signs; batch sign takes it too
    k(d, &xdg).args(["sign", "in.pdf", "-o", "one.pdf", "--as", "lanh-dao"]).assert().success();
    assert_valid(d, "one.pdf");
    std::fs::create_dir_all(d.join("inbox")).unwrap();
    std::fs::copy(d.join("in.pdf"), d.join("inbox/cong-van.pdf")).unwrap();
    k(d, &xdg).args(["batch", "sign", "inbox", "-o", "outbox", "--as", "lanh-dao"]).assert().success();
    assert_same_signing(d, "one.pdf", "outbox/cong-van.pdf");
    // no key source and no terminal: a clear error, nothing written
    k(d, &xdg)
        .args(["profile", "add", "other"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no terminal to ask on"));
}

/// Drive a command through a pseudo-terminal (Python's pty module): wait for each
/// expected text, then type the answer (nothing when it is empty). Returns (exit code, transcript).
fn pty_run(d: &Path, env: &[(&str, &Path)], args: &[&str], script: &[(&str, &str)]) -> (i32, String) {
    const DRIVER: &str = r#"
import json, os, pty, select, sys, time
argv, script = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
buf = b""
def more(deadline):
    global buf
    r, _, _ = select.select([fd], [], [], max(0.0, deadline - time.time()))
    if not r:
        return False
    try:
        data = os.read(fd, 4096)
    except OSError:
        return False
    buf += data
    return bool(data)
pos = 0
for expect, answer in script:
    deadline = time.time() + 60
    while buf.find(expect.encode(), pos) < 0:
        if not more(deadline):
            sys.stdout.write(buf.decode(errors="replace"))
            print("\n[pty driver] never saw: " + expect)
            sys.exit(99)
    pos = buf.find(expect.encode(), pos) + len(expect.encode())
    if answer:
        os.write(fd, (answer + "\n").encode())
deadline = time.time() + 60
while more(deadline):
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(buf.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
"#;
    let mut argv = vec![env!("CARGO_BIN_EXE_kyso").to_string()];
    argv.extend(args.iter().map(|s| s.to_string()));
    let script: Vec<[&str; 2]> = script.iter().map(|(e, a)| [*e, *a]).collect();
    let mut cmd = std::process::Command::new("python3");
    cmd.current_dir(d)
        .args(["-c", DRIVER, &serde_json::to_string(&argv).unwrap(), &serde_json::to_string(&script).unwrap()])
        .env("LANG", "C.UTF-8")
        .env("NO_COLOR", "1")
        .env_remove("KYSO_LANG")
        .env_remove("KYSO_PIN");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn profile_add_on_a_terminal_writes_a_profile_that_signs() {
    if !peer("python3") {
        return;
    }
    let (pki, xdg) = setup();
    let Some(conf) = token(&pki) else { return };
    let d = pki.dir.path();
    let image = pki.p("chu-ky.png");
    let (code, transcript) = pty_run(
        d,
        &[("XDG_CONFIG_HOME", &xdg), ("SOFTHSM2_CONF", &conf)],
        &["profile", "add", "lanh-dao"],
        &[
            ("Where is the signing key?", ""),
            ("number [1]: ", "1"),
            ("PKCS#11 module of the token", ""),
            (": ", SOFTHSM),
            ("Which token?", ""),
            ("number [1]: ", "1"),
            ("Which key (by its certificate)?", ""),
            ("number [1]: ", "1"),
            ("Visible signature?", ""),
            ("number [2]: ", "2"),
            ("image of the signature", ""),
            (": ", &image),
            ("place it at this text", ""),
            (": ", "Nguyễn Văn An"),
            ("reason", ""),
            (": ", "Phê duyệt"),
            ("location", ""),
            (": ", "Thái Nguyên"),
        ],
    );
    assert_eq!(code, 0, "{transcript}");
    // the questions listed what is on the token, as `kyso token list` does
    assert!(transcript.contains("\"Lanh-dao\" (SoftHSM"), "{transcript}");
    assert!(transcript.contains("Nguyễn Văn A") && transcript.contains("id 01"), "{transcript}");
    assert!(transcript.contains("kyso sign FILE --as lanh-dao"), "{transcript}");
    let written = std::fs::read_to_string(xdg.join("kyso/config.toml")).unwrap();
    for s in ["[sign.profiles.lanh-dao]", "token = \"Lanh-dao\"", "key-id = \"01\"", "appearance = \"approve\""] {
        assert!(written.contains(s), "{s:?} not in\n{written}");
    }
    assert!(!written.contains("1234"), "no PIN stored:\n{written}");
    // then the clerk's day: one word; the PIN from the environment (or asked)
    k(d, &xdg)
        .env("SOFTHSM2_CONF", &conf)
        .env("KYSO_PIN", "1234")
        .args(["sign", "in.pdf", "-o", "cong-van.pdf", "--as", "lanh-dao", "--chain", "inter.crt"])
        .assert()
        .success();
    k(d, &xdg)
        .env("SOFTHSM2_CONF", &conf)
        .args(["sign", "in.pdf", "-o", "flags.pdf", "--pkcs11", SOFTHSM, "--token", "Lanh-dao", "--key-id", "01"])
        .args(["--pin-file", "pin", "--chain", "inter.crt"])
        .args(APPEARANCE_FLAGS)
        .assert()
        .success();
    assert_same_signing(d, "flags.pdf", "cong-van.pdf");
    assert_valid(d, "cong-van.pdf");
}
