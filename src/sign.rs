//! Signing one document by its format — the code path shared by `kyso sign` and
//! `kyso batch sign`: a PDF gets a PAdES signature in a new incremental revision, an XML
//! document an enveloped XMLDSig signature, anything else a detached CMS `.p7s`.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::format::DocFormat;
use crate::fsutil::{self, WriteOptions};
use crate::pdf::pades::{self, PadesOptions};
use crate::pki::alg::DigestAlg;
use crate::pki::identity::SigningIdentity;
use crate::pki::time;
use crate::xml::XmlSignOptions;

/// The baseline level of a signature (ETSI EN 319 142-1 / 319 122-1 / 319 132-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Level {
    /// B-B: the signature alone; its time is a claim.
    #[default]
    B,
    /// B-T: plus a signature time-stamp from a TSA.
    T,
    /// B-LT: plus the chains and revocation data (PDF: in the DSS; CMS: in the
    /// SignedData; XAdES: CertificateValues and RevocationValues).
    Lt,
    /// B-LTA: plus a document time-stamp over all of it (PDF).
    Lta,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::B => "B-B",
            Level::T => "B-T",
            Level::Lt => "B-LT",
            Level::Lta => "B-LTA",
        }
    }
}

/// What levels above B need: the TSA and where revocation data comes from.
#[derive(Debug, Clone, Default)]
pub struct LevelSettings {
    pub level: Level,
    pub tsa: Option<std::sync::Arc<crate::tsp::TsaClient>>,
    pub sources: crate::revocation::gather::Sources,
}

/// How to sign, for every format; the signing time is taken per document.
#[derive(Debug, Clone)]
pub struct SignSettings {
    pub digest: DigestAlg,
    pub pss: bool,
    pub pdf: PadesOptions,
    pub xml: XmlSignOptions,
    /// Detached signatures as PEM instead of DER.
    pub pem: bool,
    /// Replace existing outputs.
    pub force: bool,
    /// CMS: carry the document in the signature (an attached `.p7m`) instead of a detached `.p7s`.
    pub attached: bool,
    /// The level to sign at (B-B unless told).
    pub level: LevelSettings,
}

/// What signing one document produced.
#[derive(Debug, Clone)]
pub struct SignedDoc {
    pub output: PathBuf,
    pub format: &'static str,
    pub bytes: u64,
    pub signing_time: i64,
    pub level: Level,
}

/// `doc.pdf` → `doc.signed.pdf`, `hd.xml` → `hd.signed.xml`; anything else → `FILE.p7s`
/// (`FILE.p7m` for an attached signature: see [`default_attached_output`]).
pub fn default_output(file: &Path, kind: DocFormat) -> PathBuf {
    let stem = || file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into());
    match kind {
        DocFormat::Pdf => file.with_file_name(format!("{}.signed.pdf", stem())),
        DocFormat::Xml => file.with_file_name(format!("{}.signed.xml", stem())),
        _ => fsutil::with_suffix(file, ".p7s"),
    }
}

/// `FILE` → `FILE.p7m`, the usual name of an attached CMS signature.
pub fn default_attached_output(file: &Path) -> PathBuf {
    fsutil::with_suffix(file, ".p7m")
}

/// Sign `input` as `kind` into `output` (written atomically; never the input itself).
pub fn sign_document(
    input: &Path,
    output: &Path,
    kind: DocFormat,
    id: &SigningIdentity,
    s: &SignSettings,
) -> Result<SignedDoc> {
    sign_from(input, None, output, kind, id, s)
}

/// Like [`sign_document`], for an input already read: `data` holds the bytes of `input`
/// (a batch reads each file once, to sniff its format and to sign it). PDF and XML are
/// signed from `data`; a CMS signature still reads `input` itself.
pub fn sign_read(
    input: &Path,
    data: &[u8],
    output: &Path,
    kind: DocFormat,
    id: &SigningIdentity,
    s: &SignSettings,
) -> Result<SignedDoc> {
    sign_from(input, Some(data), output, kind, id, s)
}

fn sign_from(
    input: &Path,
    read: Option<&[u8]>,
    output: &Path,
    kind: DocFormat,
    id: &SigningIdentity,
    s: &SignSettings,
) -> Result<SignedDoc> {
    if output == input {
        return Err(Error::InvalidOption { option: "--output", detail: "the output must not be the input".into() });
    }
    fsutil::check_writable(output, s.force)?;
    let now = time::now_unix();
    let lv = &s.level;
    let tsa = match lv.level {
        Level::B => None,
        _ => Some(lv.tsa.as_deref().ok_or_else(|| Error::InvalidOption {
            option: "--tsa",
            detail: format!("level {} needs a time-stamp service", lv.level.name()),
        })?),
    };
    if lv.level >= Level::Lta && kind != DocFormat::Pdf {
        return Err(Error::InvalidOption {
            option: "--level",
            detail: "level B-LTA is made for PDF documents only (CMS and XAdES: up to lt)".into(),
        });
    }
    if lv.level >= Level::T && kind == DocFormat::Xml && !s.xml.xades {
        return Err(Error::InvalidOption {
            option: "--level",
            detail: "an XML signature above level B is XAdES: add --xades".into(),
        });
    }
    let write = WriteOptions::PUBLIC.force(s.force);
    // PDF and XML are signed from their bytes: those the caller read, else read (or
    // mapped) now. A detached CMS signature streams `input` instead.
    let held = match (read, kind) {
        (None, DocFormat::Pdf | DocFormat::Xml) => Some(fsutil::map(input)?),
        _ => None,
    };
    let data: &[u8] = read.or(held.as_deref()).unwrap_or_default();
    let (format, bytes) = match kind {
        DocFormat::Pdf => {
            let opts = PadesOptions {
                signing_time: now,
                tsa: if tsa.is_some() { lv.tsa.clone() } else { None },
                ..s.pdf.clone()
            };
            let appended = pades::sign_pdf(data, id, &opts).map_err(|e| e.at_path(input))?;
            if lv.level >= Level::Lt {
                let mut signed = Vec::with_capacity(data.len() + appended.len());
                signed.extend_from_slice(data);
                signed.extend_from_slice(&appended);
                let lt = if lv.level == Level::Lta { pades::ltv::LtLevel::Lta } else { pades::ltv::LtLevel::Lt };
                let out = pades::ltv::extend(&signed, lt, &lv.sources, tsa, s.digest, s.pdf.password.clone())?;
                fsutil::write_atomic(output, &out, write)?;
                ("pdf", out.len() as u64)
            } else {
                fsutil::write_atomic_parts(output, &[data, &appended], write)?;
                ("pdf", (data.len() + appended.len()) as u64)
            }
        }
        DocFormat::Xml => {
            let mut opts = s.xml.clone();
            opts.signing_time = Some(time::rfc3339_offset(now, pades::VIETNAM_UTC_OFFSET_MINUTES));
            let signed = crate::xml::identity::sign_timestamped(data, opts, id, s.digest, s.pss, tsa)
                .map_err(|e| e.at_path(input))?;
            let signed = match lv.level >= Level::Lt {
                true => crate::extend::extend_xml(&signed, &lv.sources, tsa, s.digest).map_err(|e| e.at_path(input))?.0,
                false => signed,
            };
            fsutil::write_atomic(output, &signed, write)?;
            ("xml", signed.len() as u64)
        }
        _ => {
            let der = if s.attached {
                crate::cms::attached::sign(fsutil::read(input)?, id, s.digest, s.pss, now, tsa)?
            } else {
                let file =
                    std::fs::File::open(input).map_err(|source| Error::Read { path: input.to_path_buf(), source })?;
                crate::cms::detached::sign(std::io::BufReader::new(file), id, s.digest, s.pss, now, tsa)?
            };
            let der = match lv.level >= Level::Lt {
                true => crate::extend::extend_cms(&der, &lv.sources, tsa, s.digest)?,
                false => der,
            };
            let bytes = if s.pem { crate::cms::build::to_pem(&der).map_err(Error::Cms)?.into_bytes() } else { der };
            fsutil::write_atomic(output, &bytes, write)?;
            ("cms", bytes.len() as u64)
        }
    };
    Ok(SignedDoc { output: output.to_path_buf(), format, bytes, signing_time: now, level: lv.level })
}
