//! What the user trusts: anchors (`--trust`), extra intermediates (`--certs`) and CRLs
//! (`--crl`), with the validation settings the user chose (`--require-revocation`,
//! `--policy`...); `@NAME` in `--trust`/`--certs` names a trust store ([`crate::trust`]).
//! Nothing is trusted implicitly — no system store — so a verdict never depends on the
//! machine it runs on.

use std::path::{Path, PathBuf};

use der::Decode;
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;

use crate::error::{Error, Result};
use crate::fsutil;
use crate::pki::load;
use crate::verify::chain::policy::Settings;

#[derive(Default, Clone)]
pub struct TrustStore {
    pub anchors: Vec<Certificate>,
    pub intermediates: Vec<Certificate>,
    pub crls: Vec<CertificateList>,
    /// How to validate: revocation required or not, the certificate-policy inputs.
    pub settings: Settings,
}

impl TrustStore {
    /// Load from files or folders (a folder contributes every `.pem`, `.crt`, `.cer`,
    /// `.der`, `.p7b`, `.p7c` file in it; other files are ignored).
    pub fn load(trust: &[PathBuf], certs: &[PathBuf], crls: &[PathBuf]) -> Result<TrustStore> {
        let mut store = TrustStore::default();
        const CERT_FILES: [&str; 6] = ["pem", "crt", "cer", "der", "p7b", "p7c"];
        let (trust, named) = split_named(trust, crate::trust::Role::Anchors)?;
        store.anchors.extend(named);
        let (certs, named) = split_named(certs, crate::trust::Role::Intermediates)?;
        store.intermediates.extend(named);
        for p in expand(&trust, &CERT_FILES)? {
            store.anchors.extend(load::read_certificates(&p)?);
        }
        for p in expand(&certs, &CERT_FILES)? {
            store.intermediates.extend(load::read_certificates(&p)?);
        }
        for p in expand(crls, &["pem", "crl", "der"])? {
            store.crls.extend(read_crls(&p)?);
        }
        Ok(store)
    }

    pub fn is_anchor(&self, cert: &Certificate) -> bool {
        self.anchors.iter().any(|a| a == cert)
    }
}

/// `@NAME` arguments name a trust store ([`crate::trust`]); the others are paths.
fn split_named(args: &[PathBuf], role: crate::trust::Role) -> Result<(Vec<PathBuf>, Vec<Certificate>)> {
    let mut paths = Vec::new();
    let mut certs = Vec::new();
    for a in args {
        match crate::trust::store_name(a) {
            Some(name) => certs.extend(crate::trust::resolve(name, role)?),
            None => paths.push(a.clone()),
        }
    }
    Ok((paths, certs))
}

fn expand(paths: &[PathBuf], exts: &[&str]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let rd = std::fs::read_dir(p).map_err(|source| Error::Read { path: p.clone(), source })?;
            let mut files: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && f.extension()
                            .and_then(|e| e.to_str())
                            .is_some_and(|e| exts.contains(&e.to_ascii_lowercase().as_str()))
                })
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Read CRLs from PEM (`X509 CRL` blocks) or DER.
pub fn read_crls(path: &Path) -> Result<Vec<CertificateList>> {
    let bytes = fsutil::read(path)?;
    let bad = |detail: String| Error::BadCertificate { path: path.to_path_buf(), detail };
    let blocks = load::pem_blocks(&bytes).map_err(bad)?;
    if blocks.is_empty() {
        return CertificateList::from_der(&bytes).map(|c| vec![c]).map_err(|e| bad(format!("bad DER CRL: {e}")));
    }
    blocks
        .iter()
        .filter(|b| b.label == "X509 CRL")
        .map(|b| CertificateList::from_der(&b.der).map_err(|e| bad(format!("bad CRL: {e}"))))
        .collect()
}
