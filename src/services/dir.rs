//! A test PKI folder as `kyso pki serve` sees it: the CAs made by kyso in it (with their
//! databases), the TSA, and the delegated OCSP responders.
//!
//! Every `NAME.crt` with a `NAME.key` beside it is looked at: a CA certificate
//! (basicConstraints cA) serves OCSP and CRLs for what it issued; a certificate with
//! id-kp-timeStamping is a TSA; one with id-kp-OCSPSigning answers OCSP for the CA that
//! issued it instead of the CA itself. Other certificates (signers) are left alone, and
//! their keys are never read.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use x509_cert::Certificate;
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage};

use crate::error::{Error, Result};
use crate::pki::cadb::{self, CaDb};
use crate::pki::key::PrivateKey;
use crate::pki::{load, oids, time};
use crate::tsp::asn1::Accuracy;
use crate::tsp::responder::Tsa;

/// One CA of the folder.
pub struct Authority {
    /// The file prefix's name (`inter` for `inter.crt`): the CRL is `/crl/inter.crl`.
    pub name: String,
    pub prefix: PathBuf,
    pub cert: Certificate,
    pub key: PrivateKey,
    pub db: CaDb,
    /// A delegated OCSP responder this CA issued: its name, certificate and key.
    pub responder: Option<(String, Certificate, PrivateKey)>,
    /// The last CRL made: when, and its DER.
    pub crl: Mutex<Option<(i64, Vec<u8>)>>,
}

/// Everything served.
pub struct TestPki {
    pub authorities: Vec<Authority>,
    pub tsa: Option<(String, Tsa)>,
}

struct Found {
    name: String,
    prefix: PathBuf,
    cert: Certificate,
}

fn eku(cert: &Certificate) -> Vec<const_oid::ObjectIdentifier> {
    match cert.tbs_certificate().get_extension::<ExtendedKeyUsage>() {
        Ok(Some((_, e))) => e.0,
        _ => vec![],
    }
}

fn is_ca(cert: &Certificate) -> bool {
    matches!(cert.tbs_certificate().get_extension::<BasicConstraints>(), Ok(Some((_, bc))) if bc.ca)
}

fn issued_by(cert: &Certificate, ca: &Certificate) -> bool {
    cert.tbs_certificate().issuer() == ca.tbs_certificate().subject()
        && crate::verify::crypto::verify_certificate(cert, ca.tbs_certificate().subject_public_key_info()).is_ok()
}

fn valid_now(cert: &Certificate, now: i64) -> bool {
    let v = cert.tbs_certificate().validity();
    time::unix(&v.not_before) <= now && now <= time::unix(&v.not_after)
}

/// Names, sizes and modification times of the files that matter.
pub type Fingerprint = Vec<(String, u64, u128)>;

/// The files whose change means the folder must be read again: names, sizes, times.
pub fn fingerprint(dir: &Path) -> Fingerprint {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let relevant = [".crt", ".key", ".chain.pem", ".index.txt"].iter().any(|s| name.ends_with(s));
                    let meta = e.metadata().ok()?;
                    let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
                    relevant.then_some((name, meta.len(), mtime))
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Read the folder. `tsa` picks the TSA by name when there are several; `password`
/// opens encrypted keys of the CAs, TSA and responders.
pub fn load_dir(dir: &Path, tsa: Option<&str>, password: Option<&[u8]>) -> Result<TestPki> {
    let bad = |detail: String| Error::TestPki { path: dir.to_path_buf(), detail };
    let rd = std::fs::read_dir(dir).map_err(|source| Error::Read { path: dir.to_path_buf(), source })?;
    let mut files: Vec<PathBuf> =
        rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "crt")).collect();
    files.sort();
    let mut found = Vec::new();
    for path in files {
        let prefix = path.with_extension("");
        if !crate::fsutil::with_suffix(&prefix, ".key").exists() {
            continue;
        }
        let Some(cert) = load::read_certificates(&path)?.into_iter().next() else { continue };
        let name = prefix.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        found.push(Found { name, prefix, cert });
    }
    let key = |f: &Found| load::read_key(&crate::fsutil::with_suffix(&f.prefix, ".key"), password);
    let now = time::now_unix();

    let mut authorities = Vec::new();
    for f in found.iter().filter(|f| is_ca(&f.cert)) {
        let responder = found
            .iter()
            .filter(|r| eku(&r.cert).contains(&oids::EKU_OCSP_SIGNING) && !is_ca(&r.cert))
            .filter(|r| issued_by(&r.cert, &f.cert) && valid_now(&r.cert, now))
            .max_by_key(|r| time::unix(&r.cert.tbs_certificate().validity().not_before));
        let responder = match responder {
            Some(r) => Some((r.name.clone(), r.cert.clone(), key(r)?)),
            None => None,
        };
        authorities.push(Authority {
            name: f.name.clone(),
            prefix: f.prefix.clone(),
            cert: f.cert.clone(),
            key: key(f)?,
            db: CaDb::load(&cadb::path_for(&f.prefix))?,
            responder,
            crl: Mutex::new(None),
        });
    }
    if authorities.is_empty() {
        return Err(bad("no CA certificate with its key (NAME.crt and NAME.key) in this folder".into()));
    }

    let tsas: Vec<&Found> = found.iter().filter(|f| eku(&f.cert).contains(&oids::EKU_TIME_STAMPING)).collect();
    let chosen = match tsa {
        Some(n) => Some(
            tsas.iter()
                .find(|f| f.name == n)
                .ok_or_else(|| bad(format!("no TSA named {n:?} (NAME.crt with id-kp-timeStamping and NAME.key)")))?,
        ),
        None => tsas.first(),
    };
    let tsa = match chosen {
        None => None,
        Some(f) => {
            let chain = tsa_chain(f, &authorities)?;
            let t = Tsa {
                cert: f.cert.clone(),
                chain,
                signer: Box::new(key(f)?),
                policy: oids::TSA_TEST_POLICY,
                digest: crate::pki::alg::DigestAlg::Sha256,
                accuracy: Accuracy { seconds: Some(1), millis: None, micros: None },
            };
            Some((f.name.clone(), t))
        }
    };
    Ok(TestPki { authorities, tsa })
}

/// The TSA certificate's issuers: from `NAME.chain.pem`, else from the folder's CAs.
fn tsa_chain(f: &Found, authorities: &[Authority]) -> Result<Vec<Certificate>> {
    let chain_file = crate::fsutil::with_suffix(&f.prefix, ".chain.pem");
    if chain_file.exists() {
        let chain = load::read_certificates(&chain_file)?;
        if chain.first() == Some(&f.cert) {
            return Ok(chain[1..].to_vec());
        }
    }
    let mut out: Vec<Certificate> = Vec::new();
    let mut current = f.cert.clone();
    while out.len() < crate::verify::chain::MAX_DEPTH {
        let tbs = current.tbs_certificate();
        if tbs.issuer() == tbs.subject() {
            break;
        }
        match authorities.iter().find(|a| issued_by(&current, &a.cert)) {
            Some(a) => {
                out.push(a.cert.clone());
                current = a.cert.clone();
            }
            None => break,
        }
    }
    Ok(out)
}
