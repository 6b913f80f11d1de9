//! Shared test helpers: peer detection, a throw-away PKI made with openssl,
//! signing callbacks.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use kyso::xml::{SignatureMethod, XmlSignOptions};

/// The shared interop directory.
pub fn interop() -> PathBuf {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/interop");
    if local.exists() {
        return local;
    }
    if let Ok(p) = std::env::var("KYSO_SHARED") {
        return PathBuf::from(p).join("interop");
    }
    PathBuf::from("/work/shared/interop")
}

pub fn real_invoices() -> Vec<(String, Vec<u8>)> {
    let dir = interop().join("vn-einvoice");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    v.sort();
    assert_eq!(v.len(), 2, "expected 2 real invoices in {}", dir.display());
    v
}

fn on_path(cmd: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {cmd} >/dev/null 2>&1")).status().is_ok_and(|s| s.success())
}

/// Is a peer available? Under CI=true a missing peer fails the test.
pub fn peer(name: &str) -> bool {
    let ok = match name {
        "signxml" => Command::new("python3").args(["-c", "import signxml"]).output().is_ok_and(|o| o.status.success()),
        other => on_path(other),
    };
    if !ok {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("peer {name} is missing (CI=true)");
        }
        eprintln!("NOTE: peer {name} missing, test skipped");
    }
    ok
}

pub fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd.output().expect("spawn");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

fn openssl(dir: &Path, args: &[&str]) {
    let (ok, text) = run(Command::new("openssl").args(args).current_dir(dir));
    assert!(ok, "openssl {args:?}: {text}");
}

pub struct Pki {
    pub dir: PathBuf,
    pub root_der: Vec<u8>,
    pub inter_der: Vec<u8>,
    pub rsa_der: Vec<u8>,
    pub ec_der: Vec<u8>,
    pub root_signer_der: Vec<u8>,
    pub rsa_key: rsa::RsaPrivateKey,
    pub root_signer_key: rsa::RsaPrivateKey,
    pub ec_key: p256::ecdsa::SigningKey,
}

impl Pki {
    pub fn path(&self, f: &str) -> String {
        self.dir.join(f).to_string_lossy().into_owned()
    }
}

/// Root CA -> intermediate -> RSA-2048 signer and P-256 signer; plus an RSA
/// signer issued directly by the root. Made once per test binary.
pub fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        assert!(peer("openssl"), "openssl is needed for the test PKI");
        let exe = std::env::current_exe().unwrap();
        let stem = exe.file_stem().unwrap().to_string_lossy().into_owned();
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("pki-{stem}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("ext.cnf"),
            "[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n\
             [leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
        )
        .unwrap();
        let d = dir.as_path();
        openssl(d, &["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem", "-days", "3650", "-subj", "/C=VN/O=Kyso Test/CN=Kyso Test Root CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
        let issue = |name: &str, newkey: &[&str], subj: &str, ca: &str, ext: &str| {
            let mut a = vec!["req", "-new", "-nodes", "-keyout"];
            let key = format!("{name}.key");
            let csr = format!("{name}.csr");
            let pem = format!("{name}.pem");
            a.push(&key);
            a.extend_from_slice(newkey);
            a.extend_from_slice(&["-out", &csr, "-subj", subj]);
            openssl(d, &a);
            let cacert = format!("{ca}.pem");
            let cakey = format!("{ca}.key");
            openssl(d, &["x509", "-req", "-in", &csr, "-CA", &cacert, "-CAkey", &cakey, "-CAcreateserial", "-out", &pem, "-days", "3000", "-sha256", "-extfile", "ext.cnf", "-extensions", ext]);
            openssl(d, &["x509", "-in", &pem, "-outform", "DER", "-out", &format!("{name}.der")]);
            openssl(d, &["pkcs8", "-topk8", "-nocrypt", "-in", &key, "-outform", "DER", "-out", &format!("{name}.p8")]);
        };
        issue("inter", &["-newkey", "rsa:2048"], "/C=VN/O=Kyso Test/CN=Kyso Test Intermediate CA", "root", "ca");
        issue("signer", &["-newkey", "rsa:2048"], "/C=VN/O=Kyso Test/CN=Nguyen Van A/serialNumber=MST:0102182292", "inter", "leaf");
        issue("ec", &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], "/C=VN/O=Kyso Test/CN=EC Signer", "inter", "leaf");
        issue("rootsigner", &["-newkey", "rsa:2048"], "/C=VN/O=Kyso Test/CN=Root-issued Signer", "root", "leaf");
        openssl(d, &["x509", "-in", "root.pem", "-outform", "DER", "-out", "root.der"]);
        let rd = |f: &str| std::fs::read(dir.join(f)).unwrap();
        use rsa::pkcs8::DecodePrivateKey;
        Pki {
            root_der: rd("root.der"),
            inter_der: rd("inter.der"),
            rsa_der: rd("signer.der"),
            ec_der: rd("ec.der"),
            root_signer_der: rd("rootsigner.der"),
            rsa_key: rsa::RsaPrivateKey::from_pkcs8_der(&rd("signer.p8")).unwrap(),
            root_signer_key: rsa::RsaPrivateKey::from_pkcs8_der(&rd("rootsigner.p8")).unwrap(),
            ec_key: p256::ecdsa::SigningKey::from_pkcs8_der(&rd("ec.p8")).unwrap(),
            dir,
        }
    })
}

/// A signing callback over an RSA key for any RSA method.
pub fn rsa_signer(
    key: &rsa::RsaPrivateKey,
    method: SignatureMethod,
) -> impl FnMut(&[u8]) -> Result<Vec<u8>, String> + use<> {
    use signature::{RandomizedSigner, SignatureEncoding};
    let key = key.clone();
    move |msg: &[u8]| {
        let mut rng = getrandom::SysRng;
        let k = key.clone();
        let r = match method {
            SignatureMethod::RsaSha256 => {
                rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(k).try_sign_with_rng(&mut rng, msg).map(|s| s.to_vec())
            }
            SignatureMethod::RsaSha384 => {
                rsa::pkcs1v15::SigningKey::<sha2::Sha384>::new(k).try_sign_with_rng(&mut rng, msg).map(|s| s.to_vec())
            }
            SignatureMethod::RsaSha512 => {
                rsa::pkcs1v15::SigningKey::<sha2::Sha512>::new(k).try_sign_with_rng(&mut rng, msg).map(|s| s.to_vec())
            }
            SignatureMethod::RsaPssSha256 => {
                rsa::pss::SigningKey::<sha2::Sha256>::new(k).try_sign_with_rng(&mut rng, msg).map(|s| s.to_vec())
            }
            SignatureMethod::RsaPssSha384 => {
                rsa::pss::SigningKey::<sha2::Sha384>::new(k).try_sign_with_rng(&mut rng, msg).map(|s| s.to_vec())
            }
            SignatureMethod::RsaPssSha512 => {
                rsa::pss::SigningKey::<sha2::Sha512>::new(k).try_sign_with_rng(&mut rng, msg).map(|s| s.to_vec())
            }
            other => return Err(format!("{other:?} is not RSA")),
        };
        r.map_err(|e| e.to_string())
    }
}

/// ECDSA P-256 callback returning DER, as a token would.
pub fn ec_signer(
    key: &p256::ecdsa::SigningKey,
    method: SignatureMethod,
) -> impl FnMut(&[u8]) -> Result<Vec<u8>, String> + use<> {
    use sha2::Digest;
    use signature::hazmat::PrehashSigner;
    let key = key.clone();
    move |msg: &[u8]| {
        let h = match method {
            SignatureMethod::EcdsaSha256 => sha2::Sha256::digest(msg).to_vec(),
            SignatureMethod::EcdsaSha384 => sha2::Sha384::digest(msg).to_vec(),
            SignatureMethod::EcdsaSha512 => sha2::Sha512::digest(msg).to_vec(),
            other => return Err(format!("{other:?} is not ECDSA")),
        };
        let s: p256::ecdsa::Signature = key.sign_prehash(&h).map_err(|e| e.to_string())?;
        Ok(s.to_der().as_bytes().to_vec())
    }
}

pub fn rsa_opts(method: SignatureMethod) -> XmlSignOptions {
    XmlSignOptions { method, signing_time: Some("2024-05-01T09:30:00+07:00".into()), ..XmlSignOptions::default() }
}

/// Write `data` to a fresh file in the PKI dir.
pub fn write_tmp(name: &str, data: &[u8]) -> String {
    let p = pki().dir.join(name);
    std::fs::write(&p, data).unwrap();
    p.to_string_lossy().into_owned()
}

/// The real invoice with its Signature removed: `<NBan></NBan>`.
pub fn unsigned_invoice(signed: &[u8]) -> Vec<u8> {
    let s = std::str::from_utf8(signed).unwrap();
    let a = s.find("<Signature ").unwrap();
    let b = s.find("</Signature>").unwrap() + "</Signature>".len();
    format!("{}{}", &s[..a], &s[b..]).into_bytes()
}
