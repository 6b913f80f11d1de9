//! Integration tests against a real SoftHSM2 token (no mocks).
//!
//! A private SoftHSM2 configuration (own token directory under
//! `CARGO_TARGET_TMPDIR`) is created once per test process and exported as
//! `SOFTHSM2_CONF` before the module is initialized. Two tokens are created:
//!
//! * `kyso-test`: RSA-2048 key + cert (id 01, label `signer`) and EC P-256
//!   key + cert (id 02, label `ec-signer`), imported with `pkcs11-tool`;
//! * `kyso-pin`: empty, used only for wrong-PIN tests (PKCS#11 login state
//!   is shared by all sessions of a process, so a wrong PIN on a token that
//!   another test is logged in to would be answered with
//!   CKR_USER_ALREADY_LOGGED_IN).
//!
//! Signatures are verified with the `openssl` command line.
//!
//! Without softhsm2-util / pkcs11-tool / openssl the tests are skipped with a
//! note, unless `CI=true`, where they fail.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use kyso::pki::pkcs11::{KeyKind, KeySelector, Mechanism, P11Error, Pkcs11Module, TokenKey, TokenSelector};

const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";
const PIN: &[u8] = b"1234";
const TOKEN: &str = "kyso-test";
const PIN_TOKEN: &str = "kyso-pin";
const RSA_CN: &str = "Nguyễn Văn An";

struct Fixture {
    dir: PathBuf,
    module: Pkcs11Module,
    rsa_pub: PathBuf,
    ec_pub: PathBuf,
    rsa_cert: Vec<u8>,
    ec_cert: Vec<u8>,
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH").map(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file())).unwrap_or(false)
}

/// Creates the private SoftHSM2 config and exports SOFTHSM2_CONF. Every test
/// calls this first, so the environment is only modified inside this
/// `OnceLock` initializer, before any test loads a library or spawns a tool.
fn test_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let dir = base.join(format!("softhsm-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        // Clean up directories of earlier runs (older than an hour).
        if let Ok(entries) = std::fs::read_dir(&base) {
            for e in entries.flatten() {
                let old = e
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age.as_secs() > 3600);
                if old && e.file_name().to_string_lossy().starts_with("softhsm-") {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        std::fs::create_dir_all(dir.join("tokens")).unwrap();
        let conf = dir.join("softhsm2.conf");
        std::fs::write(
            &conf,
            format!(
                "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
                dir.join("tokens").display()
            ),
        )
        .unwrap();
        // SAFETY: runs once, inside the OnceLock initializer that every test
        // goes through before doing anything else (no concurrent env access).
        unsafe { std::env::set_var("SOFTHSM2_CONF", &conf) };
        dir
    })
}

fn run(dir: &Path, prog: &str, args: &[&str]) -> String {
    let out = Command::new(prog)
        .args(args)
        .current_dir(dir)
        .env("SOFTHSM2_CONF", dir.join("softhsm2.conf"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {prog}: {e}"));
    assert!(
        out.status.success(),
        "{prog} {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fixture() -> Option<&'static Fixture> {
    static F: OnceLock<Option<Fixture>> = OnceLock::new();
    let dir = test_dir();
    F.get_or_init(|| {
        let missing: Vec<&str> = ["softhsm2-util", "pkcs11-tool", "openssl"]
            .into_iter()
            .filter(|t| !on_path(t))
            .chain((!Path::new(MODULE).exists()).then_some(MODULE))
            .collect();
        if !missing.is_empty() {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("CI=true and required tools are missing: {missing:?}");
            }
            eprintln!("SKIPPING SoftHSM2 tests: missing {missing:?} (apt-get install softhsm2 opensc openssl)");
            return None;
        }
        Some(setup(dir))
    })
    .as_ref()
}

fn setup(dir: &Path) -> Fixture {
    for label in [TOKEN, PIN_TOKEN] {
        run(dir, "softhsm2-util", &["--init-token", "--free", "--label", label, "--so-pin", "0000", "--pin", "1234"]);
    }
    let rsa_subj = format!("/CN={RSA_CN}/O=Sở Tư pháp/C=VN");
    run(
        dir,
        "openssl",
        &[
            "req", "-x509", "-utf8", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa.pem", "-out", "rsa.crt", "-days",
            "30", "-subj", &rsa_subj,
        ],
    );
    run(
        dir,
        "openssl",
        &[
            "req",
            "-x509",
            "-utf8",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "ec.pem",
            "-out",
            "ec.crt",
            "-days",
            "30",
            "-subj",
            "/CN=EC Signer/C=VN",
        ],
    );
    for k in ["rsa", "ec"] {
        run(dir, "openssl", &["pkey", "-in", &format!("{k}.pem"), "-outform", "DER", "-out", &format!("{k}.key.der")]);
        run(dir, "openssl", &["pkey", "-in", &format!("{k}.pem"), "-pubout", "-out", &format!("{k}.pub.pem")]);
        run(dir, "openssl", &["x509", "-in", &format!("{k}.crt"), "-outform", "DER", "-out", &format!("{k}.crt.der")]);
    }
    for (file, ty, id, label) in [
        ("rsa.key.der", "privkey", "01", "signer"),
        ("rsa.crt.der", "cert", "01", "signer"),
        ("ec.key.der", "privkey", "02", "ec-signer"),
        ("ec.crt.der", "cert", "02", "ec-signer"),
    ] {
        run(
            dir,
            "pkcs11-tool",
            &[
                "--module",
                MODULE,
                "--token-label",
                TOKEN,
                "--login",
                "--pin",
                "1234",
                "--write-object",
                file,
                "--type",
                ty,
                "--id",
                id,
                "--label",
                label,
            ],
        );
    }
    let module = Pkcs11Module::load(Path::new(MODULE)).expect("load SoftHSM2");
    Fixture {
        dir: dir.to_path_buf(),
        module,
        rsa_pub: dir.join("rsa.pub.pem"),
        ec_pub: dir.join("ec.pub.pem"),
        rsa_cert: std::fs::read(dir.join("rsa.crt.der")).unwrap(),
        ec_cert: std::fs::read(dir.join("ec.crt.der")).unwrap(),
    }
}

fn token() -> TokenSelector {
    TokenSelector { label: Some(TOKEN.into()), slot: None }
}

fn by_label(l: &str) -> KeySelector {
    KeySelector { label: Some(l.into()), id: None }
}

fn by_id(id: &[u8]) -> KeySelector {
    KeySelector { label: None, id: Some(id.to_vec()) }
}

/// Verify `sig` over `msg` with the openssl CLI.
fn openssl_verify(f: &Fixture, mech: Mechanism, public: &Path, msg: &[u8], sig: &[u8]) -> bool {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let m = f.dir.join(format!("msg-{n}.bin"));
    let s = f.dir.join(format!("sig-{n}.bin"));
    std::fs::write(&m, msg).unwrap();
    std::fs::write(&s, sig).unwrap();
    let hash = match mech {
        Mechanism::RsaPkcs1Sha256 | Mechanism::RsaPssSha256 | Mechanism::EcdsaSha256 => "-sha256",
        Mechanism::RsaPkcs1Sha384 | Mechanism::RsaPssSha384 | Mechanism::EcdsaSha384 => "-sha384",
        _ => "-sha512",
    };
    let mut cmd = Command::new("openssl");
    cmd.args(["dgst", hash, "-verify"]).arg(public);
    if matches!(mech, Mechanism::RsaPssSha256 | Mechanism::RsaPssSha384 | Mechanism::RsaPssSha512) {
        cmd.args(["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"]);
    }
    cmd.arg("-signature").arg(&s).arg(&m);
    let out = cmd.output().expect("run openssl");
    let _ = std::fs::remove_file(&m);
    let _ = std::fs::remove_file(&s);
    out.status.success() && String::from_utf8_lossy(&out.stdout).contains("Verified OK")
}

const RSA_MECHS: [Mechanism; 6] = [
    Mechanism::RsaPkcs1Sha256,
    Mechanism::RsaPkcs1Sha384,
    Mechanism::RsaPkcs1Sha512,
    Mechanism::RsaPssSha256,
    Mechanism::RsaPssSha384,
    Mechanism::RsaPssSha512,
];
const EC_MECHS: [Mechanism; 3] = [Mechanism::EcdsaSha256, Mechanism::EcdsaSha384, Mechanism::EcdsaSha512];

/// (mechanism, message, signature) produced by a worker thread.
type Signed = (Mechanism, Vec<u8>, Vec<u8>);

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn types_are_send_and_sync() {
    assert_send_sync::<TokenKey>();
    assert_send_sync::<Pkcs11Module>();
    assert_send_sync::<P11Error>();
}

#[test]
fn list_shows_tokens_and_objects() {
    let Some(f) = fixture() else { return };
    let slots = f.module.list(None).unwrap();
    let labels: Vec<_> = slots.iter().filter_map(|s| s.token_label.clone()).collect();
    assert!(labels.contains(&TOKEN.to_string()), "{labels:?}");
    assert!(labels.contains(&PIN_TOKEN.to_string()), "{labels:?}");
    let t = slots.iter().find(|s| s.token_label.as_deref() == Some(TOKEN)).unwrap();
    assert_eq!(t.manufacturer, "SoftHSM project");
    assert!(!t.serial.is_empty());
    // Without login: the two certificates are visible.
    let certs: Vec<_> = t.objects.iter().filter(|o| o.kind == "certificate").collect();
    assert_eq!(certs.len(), 2, "{:#?}", t.objects);
    let rsa_cert = certs.iter().find(|o| o.id_hex == "01").unwrap();
    assert_eq!(rsa_cert.label, "signer");
    assert_eq!(rsa_cert.key_type.as_deref(), Some("RSA-2048"));
    let subject = rsa_cert.subject.as_deref().unwrap();
    assert!(subject.contains(&format!("CN={RSA_CN}")), "{subject}");
    assert!(subject.contains("C=VN"), "{subject}");

    // A PIN with several tokens present is refused (no PIN tries burnt).
    assert!(matches!(
        f.module.list(Some(PIN)),
        Err(P11Error::AmbiguousToken(c)) if c.len() == 2
    ));

    // With login, private keys are listed too.
    let t = f.module.list_token(&token(), Some(PIN)).unwrap();
    let keys: Vec<_> = t.objects.iter().filter(|o| o.kind == "private-key").collect();
    assert_eq!(keys.len(), 2, "{:#?}", t.objects);
    let rsa = keys.iter().find(|o| o.label == "signer").unwrap();
    assert_eq!(rsa.id_hex, "01");
    assert_eq!(rsa.key_type.as_deref(), Some("RSA-2048"));
    let ec = keys.iter().find(|o| o.label == "ec-signer").unwrap();
    assert_eq!(ec.id_hex, "02");
    assert_eq!(ec.key_type.as_deref(), Some("EC-P256"));
    for o in &t.objects {
        eprintln!("{o:?}");
    }
}

#[test]
fn open_by_label_and_by_id() {
    let Some(f) = fixture() else { return };
    let rsa = f.module.open_key(&token(), &by_label("signer"), PIN).unwrap();
    assert_eq!(rsa.key_type(), KeyKind::Rsa { bits: 2048 });
    assert_eq!(rsa.id(), &[1]);
    assert_eq!(rsa.label(), "signer");
    assert_eq!(rsa.max_signature_len(), 256);
    assert_eq!(rsa.certificate_der().as_deref(), Some(&f.rsa_cert[..]));

    let ec = f.module.open_key(&token(), &by_id(&[2]), PIN).unwrap();
    assert_eq!(ec.key_type(), KeyKind::EcP256);
    assert_eq!(ec.label(), "ec-signer");
    assert_eq!(ec.max_signature_len(), 72);
    assert_eq!(ec.certificate_der().as_deref(), Some(&f.ec_cert[..]));

    // Label and id together; token selected by slot id.
    let slot = rsa.slot_id();
    let by_slot = TokenSelector { label: None, slot: Some(slot) };
    let k = KeySelector { label: Some("signer".into()), id: Some(vec![1]) };
    let again = f.module.open_key(&by_slot, &k, PIN).unwrap();
    assert_eq!(again.key_type(), KeyKind::Rsa { bits: 2048 });
    // Label and id that do not belong together.
    let k = KeySelector { label: Some("signer".into()), id: Some(vec![2]) };
    assert!(matches!(f.module.open_key(&by_slot, &k, PIN), Err(P11Error::KeyNotFound(_))));

    // Loading the same module again shares the initialized instance.
    let m2 = Pkcs11Module::load(Path::new(MODULE)).unwrap();
    let k2 = m2.open_key(&token(), &by_id(&[1]), PIN).unwrap();
    assert_eq!(k2.key_type(), KeyKind::Rsa { bits: 2048 });
}

#[test]
fn rsa_every_mechanism_verifies_with_openssl() {
    let Some(f) = fixture() else { return };
    let key = f.module.open_key(&token(), &by_label("signer"), PIN).unwrap();
    let msg = "Quyết định số 123/QĐ-UBND — văn bản chính thức".as_bytes();
    for host in [false, true] {
        // host = true exercises the fallback path: CKM_RSA_PKCS over a
        // DigestInfo / CKM_RSA_PKCS_PSS over the digest.
        key.set_host_hashing(host);
        for mech in RSA_MECHS {
            let sig = key.sign(mech, msg).unwrap();
            assert_eq!(sig.len(), 256, "{mech}");
            assert!(openssl_verify(f, mech, &f.rsa_pub, msg, &sig), "{mech} (host hashing: {host}) did not verify");
            assert!(!openssl_verify(f, mech, &f.rsa_pub, b"tampered", &sig), "{mech} verified a wrong message");
        }
    }
    // PKCS#1 v1.5 is deterministic: both paths give identical signatures.
    key.set_host_hashing(false);
    let a = key.sign(Mechanism::RsaPkcs1Sha256, msg).unwrap();
    key.set_host_hashing(true);
    let b = key.sign(Mechanism::RsaPkcs1Sha256, msg).unwrap();
    assert_eq!(a, b);
    // ECDSA on an RSA key is refused.
    match key.sign(Mechanism::EcdsaSha256, msg) {
        Err(P11Error::Mechanism(m)) => assert!(m.contains("RSA-2048"), "{m}"),
        other => panic!("expected Mechanism error, got {other:?}"),
    }
}

#[test]
fn ecdsa_every_mechanism_verifies_with_openssl() {
    let Some(f) = fixture() else { return };
    let key = f.module.open_key(&token(), &by_label("ec-signer"), PIN).unwrap();
    let msg = b"EC message to sign";
    for mech in EC_MECHS {
        for _ in 0..3 {
            let sig = key.sign(mech, msg).unwrap();
            assert_eq!(sig[0], 0x30, "DER SEQUENCE expected");
            assert!(sig.len() <= key.max_signature_len());
            assert!(openssl_verify(f, mech, &f.ec_pub, msg, &sig), "{mech} did not verify");
            assert!(!openssl_verify(f, mech, &f.ec_pub, b"other", &sig));
        }
    }
    assert!(matches!(key.sign(Mechanism::RsaPssSha256, msg), Err(P11Error::Mechanism(_))));
}

#[test]
fn fork_signs_from_two_threads() {
    let Some(f) = fixture() else { return };
    let key = f.module.open_key(&token(), &by_id(&[1]), PIN).unwrap();
    let forks = [key.fork().unwrap(), key.fork().unwrap()];
    drop(key); // forks stay logged in on their own
    let results: Vec<Vec<Signed>> = std::thread::scope(|s| {
        let handles: Vec<_> = forks
            .iter()
            .enumerate()
            .map(|(t, k)| {
                s.spawn(move || {
                    (0..20)
                        .map(|i| {
                            let mech = RSA_MECHS[i % RSA_MECHS.len()];
                            let msg = format!("thread {t} message {i}").into_bytes();
                            let sig = k.sign(mech, &msg).unwrap();
                            (mech, msg, sig)
                        })
                        .collect()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results.iter().map(Vec::len).sum::<usize>(), 40);
    for (mech, msg, sig) in results.iter().flatten() {
        assert!(openssl_verify(f, *mech, &f.rsa_pub, msg, sig), "{mech}");
    }

    // One TokenKey shared by reference between threads works too.
    let ec = f.module.open_key(&token(), &by_id(&[2]), PIN).unwrap();
    let sigs: Vec<Vec<u8>> = std::thread::scope(|s| {
        let h: Vec<_> = (0..2).map(|_| s.spawn(|| ec.sign(Mechanism::EcdsaSha256, b"shared").unwrap())).collect();
        h.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for sig in sigs {
        assert!(openssl_verify(f, Mechanism::EcdsaSha256, &f.ec_pub, b"shared", &sig));
    }
}

#[test]
fn wrong_pin_is_reported() {
    let Some(f) = fixture() else { return };
    let sel = TokenSelector { label: Some(PIN_TOKEN.into()), slot: None };
    let err = f.module.open_key(&sel, &KeySelector::default(), b"9999").unwrap_err();
    assert!(matches!(err, P11Error::WrongPin { .. }), "{err:?}");
    assert!(err.to_string().starts_with("wrong PIN"), "{err}");
    assert!(err.message_vi().starts_with("Mã PIN không đúng"), "{}", err.message_vi());
    // The right PIN works afterwards; that token holds no key.
    let err = f.module.open_key(&sel, &KeySelector::default(), PIN).unwrap_err();
    assert!(matches!(err, P11Error::KeyNotFound(_)), "{err:?}");
}

#[test]
fn selection_errors() {
    let Some(f) = fixture() else { return };
    let err = f.module.open_key(&token(), &by_label("no-such-key"), PIN).unwrap_err();
    match &err {
        P11Error::KeyNotFound(what) => assert!(what.contains("no-such-key"), "{what}"),
        other => panic!("expected KeyNotFound, got {other:?}"),
    }
    assert!(err.message_vi().contains("Không tìm thấy khóa bí mật"));

    let wrong = TokenSelector { label: Some("no-such-token".into()), slot: None };
    let err = f.module.open_key(&wrong, &by_label("signer"), PIN).unwrap_err();
    assert!(matches!(&err, P11Error::TokenNotFound(w) if w.contains("no-such-token")), "{err:?}");
    assert!(err.message_vi().contains("Không tìm thấy token"));

    let err = f.module.open_key(&TokenSelector::default(), &by_label("signer"), PIN).unwrap_err();
    assert!(matches!(&err, P11Error::AmbiguousToken(c) if c.len() == 2), "{err:?}");

    let err = f.module.open_key(&token(), &KeySelector::default(), PIN).unwrap_err();
    assert!(matches!(&err, P11Error::AmbiguousKey(c) if c.len() == 2), "{err:?}");
}

#[test]
fn module_path_that_does_not_exist() {
    test_dir();
    let err = Pkcs11Module::load(Path::new("/nonexistent.so")).unwrap_err();
    match &err {
        P11Error::ModuleLoad { path, detail } => {
            assert_eq!(path, Path::new("/nonexistent.so"));
            assert!(detail.contains("does not exist"), "{detail}");
        }
        other => panic!("expected ModuleLoad, got {other:?}"),
    }
    assert!(err.to_string().contains("/nonexistent.so"));
    assert!(err.message_vi().contains("Không thể nạp thư viện PKCS#11"));
}

#[test]
fn library_that_is_not_pkcs11() {
    test_dir();
    let candidates = [
        "/lib/x86_64-linux-gnu/libz.so.1",
        "/usr/lib/x86_64-linux-gnu/libz.so.1",
        "/lib/aarch64-linux-gnu/libz.so.1",
        "/usr/lib/aarch64-linux-gnu/libz.so.1",
        "/usr/lib64/libz.so.1",
        "/usr/lib/libz.so.1",
        "/lib/libz.so.1",
    ];
    let Some(lib) = candidates.iter().map(Path::new).find(|p| p.exists()) else {
        eprintln!("SKIPPING: no libz.so.1 found to use as a non-PKCS#11 library");
        return;
    };
    let err = Pkcs11Module::load(lib).unwrap_err();
    match &err {
        P11Error::ModuleLoad { detail, .. } => {
            assert!(detail.contains("not a PKCS#11 library"), "{detail}")
        }
        other => panic!("expected ModuleLoad, got {other:?}"),
    }
    // A file that is not a shared library at all.
    let dir = test_dir();
    let junk = dir.join("junk.so");
    std::fs::write(&junk, b"not an ELF file").unwrap();
    assert!(matches!(Pkcs11Module::load(&junk), Err(P11Error::ModuleLoad { .. })));
}
