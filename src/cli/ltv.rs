//! Long-term signing on the command line: the `--level`/`--tsa` options of `kyso sign`
//! and `kyso batch sign`, `kyso timestamp FILE.pdf` (a document time-stamp) and
//! `kyso extend FILE --level lt|lta` (raise existing signatures: PDF, CMS, XAdES).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, ValueEnum};
use serde_json::json;

use crate::cli::choices::Digest;
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::fsutil::{self, WriteOptions};
use crate::pdf::pades::ltv::LtLevel;
use crate::pki::{load, time};
use crate::report::output::Output;
use crate::revocation::gather::Sources;
use crate::sign::{Level, LevelSettings};
use crate::tsp::TsaClient;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// B-B: the signature alone (its time is the signer's claim)
    B,
    /// B-T: with a signature time-stamp from --tsa
    T,
    /// B-LT: B-T with the chains and revocation data (PDF: the DSS; CMS: the SignedData;
    /// XAdES: CertificateValues and RevocationValues)
    Lt,
    /// B-LTA (PDF only): B-LT with a document time-stamp over it
    Lta,
}

/// Where a time-stamp comes from.
#[derive(Debug, Args)]
pub struct TsaArgs {
    /// RFC 3161 time-stamp service (http://...), e.g. the one `kyso pki serve` runs at /tsa
    #[arg(long, value_name = "URL")]
    pub tsa: Option<String>,
    /// The TSA's certificate (PEM or DER): tokens must be signed by it
    #[arg(long, value_name = "FILE", requires = "tsa")]
    pub tsa_cert: Vec<PathBuf>,
    /// Seconds to wait for each network call (TSA, OCSP, CRL, caIssuers)
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub timeout: u64,
}

/// Where revocation data for B-LT comes from.
#[derive(Debug, Args)]
pub struct RevocationArgs {
    /// Fetch certificates and revocation data named by the certificates (AIA OCSP and
    /// caIssuers, CRL distribution points) over HTTP
    #[arg(long)]
    pub online: bool,
    /// CRL files (PEM or DER, repeatable) to embed as revocation data
    #[arg(long = "crl", value_name = "FILE")]
    pub crls: Vec<PathBuf>,
    /// OCSP response files (DER, repeatable) to embed as revocation data
    #[arg(long = "ocsp-response", value_name = "FILE")]
    pub ocsp_responses: Vec<PathBuf>,
}

/// `--level` and what it needs, for `kyso sign` and `kyso batch sign`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Long-term signature options")]
pub struct LevelArgs {
    /// Signature level [default: t with --tsa, else b]; lta is for PDF documents
    #[arg(long, value_enum)]
    pub level: Option<LevelArg>,
    #[command(flatten)]
    pub tsa: TsaArgs,
    #[command(flatten)]
    pub revocation: RevocationArgs,
}

impl TsaArgs {
    pub fn client(&self) -> Result<Option<Arc<TsaClient>>> {
        let Some(url) = &self.tsa else { return Ok(None) };
        let mut certs = Vec::new();
        for p in &self.tsa_cert {
            certs.extend(load::read_certificates(p)?);
        }
        Ok(Some(Arc::new(TsaClient::new(url.clone(), certs, Duration::from_secs(self.timeout.max(1))))))
    }
}

impl RevocationArgs {
    pub fn sources(&self, timeout: u64, certs: Vec<x509_cert::Certificate>) -> Result<Sources> {
        let mut crls = Vec::new();
        for p in &self.crls {
            crls.push(crate::revocation::crl::parse(&fsutil::read(p)?).map_err(Error::Crl)?);
        }
        let ocsp_responses = self.ocsp_responses.iter().map(|p| fsutil::read(p)).collect::<Result<Vec<_>>>()?;
        Ok(Sources { online: self.online, timeout: Duration::from_secs(timeout.max(1)), crls, ocsp_responses, certs })
    }
}

impl LevelArgs {
    /// The level settings; `chain` completes certificate chains (the signer's `--chain`).
    pub fn settings(&self, chain: Vec<x509_cert::Certificate>) -> Result<LevelSettings> {
        let level = match self.level {
            Some(LevelArg::B) => Level::B,
            Some(LevelArg::T) => Level::T,
            Some(LevelArg::Lt) => Level::Lt,
            Some(LevelArg::Lta) => Level::Lta,
            None if self.tsa.tsa.is_some() => Level::T,
            None => Level::B,
        };
        if level > Level::B && self.tsa.tsa.is_none() {
            return Err(Error::InvalidOption {
                option: "--level",
                detail: format!("level {} needs a time-stamp service: give --tsa URL", level.name()),
            });
        }
        Ok(LevelSettings { level, tsa: self.tsa.client()?, sources: self.revocation.sources(self.tsa.timeout, chain)? })
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  kyso timestamp archive.pdf --tsa http://127.0.0.1:8080/tsa   # writes archive.timestamped.pdf"
)]
pub struct TimestampArgs {
    /// The PDF to time-stamp (never modified)
    #[arg(value_name = "FILE.pdf")]
    pub file: PathBuf,
    /// Output file [default: NAME.timestamped.pdf]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite an existing output file
    #[arg(long)]
    pub force: bool,
    /// Digest of the document sent to the TSA
    #[arg(long, value_enum, default_value_t = Digest::Sha256)]
    pub digest: Digest,
    /// Password of an encrypted PDF (user or owner), in a file (first line);
    /// KYSO_PDF_PASSWORD is used when not given
    #[arg(long, value_name = "FILE")]
    pub pdf_password_file: Option<PathBuf>,
    #[command(flatten)]
    pub tsa: TsaArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtendLevelArg {
    /// B-LT: the chains and revocation data of every signature (PDF: in the DSS; CMS:
    /// in the SignedData; XML: XAdES CertificateValues and RevocationValues)
    Lt,
    /// B-LTA (PDF): B-LT with a document time-stamp over it (run again to renew an archive)
    Lta,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    kyso extend signed.pdf --level lt --online                # writes signed.lt.pdf\n  \
    kyso extend signed.pdf --level lta --online --tsa http://127.0.0.1:8080/tsa\n  \
    kyso extend report.docx.p7s --level lt --online           # writes report.docx.lt.p7s")]
pub struct ExtendArgs {
    /// The signed PDF, CMS signature (.p7s, .p7m) or XML document (never modified)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The level to raise the document's signatures to
    #[arg(long, value_enum)]
    pub level: ExtendLevelArg,
    /// Output file [default: NAME.lt.EXT or NAME.lta.pdf]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite an existing output file
    #[arg(long)]
    pub force: bool,
    /// Certificates that complete the signers' chains (repeatable)
    #[arg(long, value_name = "FILE")]
    pub chain: Vec<PathBuf>,
    /// Digest of the document time-stamp (lta), or of a signature time-stamp added to a
    /// CMS or XAdES signature that has none
    #[arg(long, value_enum, default_value_t = Digest::Sha256)]
    pub digest: Digest,
    /// Password of an encrypted PDF, in a file (first line); KYSO_PDF_PASSWORD otherwise
    #[arg(long, value_name = "FILE")]
    pub pdf_password_file: Option<PathBuf>,
    #[command(flatten)]
    pub tsa: TsaArgs,
    #[command(flatten)]
    pub revocation: RevocationArgs,
}

fn sibling(file: &Path, suffix: &str) -> PathBuf {
    sibling_ext(file, suffix, "pdf")
}

/// `doc.p7s` → `doc.lt.p7s`, `hd.xml` → `hd.lt.xml`.
fn sibling_ext(file: &Path, suffix: &str, default_ext: &str) -> PathBuf {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into());
    let ext = file.extension().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| default_ext.into());
    file.with_file_name(format!("{stem}.{suffix}.{ext}"))
}

fn pdf_password(file: Option<&Path>) -> Result<Option<Vec<u8>>> {
    Ok(load::password(file, "KYSO_PDF_PASSWORD")?.map(|p| p.to_vec()))
}

/// `kyso timestamp FILE.pdf --tsa URL`.
pub fn run_timestamp(args: TimestampArgs, out: &Output) -> Result<ExitStatus> {
    let output = args.output.clone().unwrap_or_else(|| sibling(&args.file, "timestamped"));
    writable_output(&output, &args.file, args.force)?;
    let tsa = args.tsa.client()?.ok_or_else(|| Error::InvalidOption {
        option: "--tsa",
        detail: "a document time-stamp needs a time-stamp service: give --tsa URL".into(),
    })?;
    let data = fsutil::map(&args.file)?;
    let password = pdf_password(args.pdf_password_file.as_deref())?;
    let (appended, token) = crate::pdf::pades::timestamp::timestamp_pdf(&data, &tsa, args.digest.into(), password)?;
    fsutil::write_atomic_parts(&output, &[&data, &appended], WriteOptions::PUBLIC.force(args.force))?;
    let l = out.lang;
    out.result(
        || {
            format!(
                "{} {} → {}\n  {:<12} {}\n  {:<12} {}\n",
                l.pick("time-stamped", "đã gắn dấu thời gian"),
                args.file.display(),
                output.display(),
                l.pick("time:", "thời gian:"),
                time::rfc3339(token.time()),
                "TSA:",
                token.tsa_name(),
            )
        },
        || {
            json!({"timestamped": [{
                "input": args.file, "output": output, "time": time::rfc3339(token.time()),
                "tsa": token.tsa_name(), "serial": token.serial_hex(),
                "bytes": data.len() + appended.len(),
            }]})
        },
    );
    Ok(ExitStatus::Success)
}

/// An output that is not the input and may be written (`--force` to replace one).
fn writable_output(output: &std::path::Path, input: &std::path::Path, force: bool) -> Result<()> {
    if output == input {
        return Err(Error::InvalidOption { option: "--output", detail: "the output must not be the input".into() });
    }
    fsutil::check_writable(output, force)
}

/// Where `kyso extend` takes validation data from: `--chain` certificates, revocation files,
/// and the network with `--online`.
fn extend_sources(args: &ExtendArgs) -> Result<crate::revocation::gather::Sources> {
    let mut chain = Vec::new();
    for p in &args.chain {
        chain.extend(load::read_certificates(p)?);
    }
    args.revocation.sources(args.tsa.timeout, chain)
}

/// `kyso extend FILE --level lt|lta`: a PDF, a CMS signature (`.p7s`, `.p7m`) or an
/// XML document with XAdES signatures.
pub fn run_extend(args: ExtendArgs, out: &Output) -> Result<ExitStatus> {
    let fmt = crate::format::sniff(&args.file).map_err(|source| Error::Read { path: args.file.clone(), source })?;
    if fmt != crate::format::DocFormat::Pdf {
        return run_extend_signature(args, fmt, out);
    }
    let (level, suffix) = match args.level {
        ExtendLevelArg::Lt => (LtLevel::Lt, "lt"),
        ExtendLevelArg::Lta => (LtLevel::Lta, "lta"),
    };
    let output = args.output.clone().unwrap_or_else(|| sibling(&args.file, suffix));
    writable_output(&output, &args.file, args.force)?;
    let tsa = args.tsa.client()?;
    if level == LtLevel::Lta && tsa.is_none() {
        return Err(Error::InvalidOption { option: "--level", detail: "level lta needs --tsa URL".into() });
    }
    let sources = extend_sources(&args)?;
    let data = fsutil::map(&args.file)?;
    let password = pdf_password(args.pdf_password_file.as_deref())?;
    let extended =
        crate::pdf::pades::ltv::extend(&data, level, &sources, tsa.as_deref(), args.digest.into(), password)?;
    fsutil::write_atomic(&output, &extended, WriteOptions::PUBLIC.force(args.force))?;
    let name = if level == LtLevel::Lt { "B-LT" } else { "B-LTA" };
    let l = out.lang;
    out.result(
        || format!("{} {} → {} ({name})\n", l.pick("extended", "đã nâng cấp"), args.file.display(), output.display()),
        || json!({"extended": [{"input": args.file, "output": output, "level": name, "bytes": extended.len()}]}),
    );
    Ok(ExitStatus::Success)
}

/// `kyso extend` of a CAdES signature or an XML document's XAdES signatures (B-LT).
fn run_extend_signature(args: ExtendArgs, fmt: crate::format::DocFormat, out: &Output) -> Result<ExitStatus> {
    use crate::format::DocFormat;
    let (kind, ext) = match fmt {
        DocFormat::Cms => ("cms", "p7s"),
        DocFormat::Xml => ("xml", "xml"),
        _ => {
            return Err(Error::InvalidOption {
                option: "FILE",
                detail: format!(
                    "{} is neither a PDF, a CMS signature (.p7s, .p7m) nor an XML document",
                    args.file.display()
                ),
            });
        }
    };
    if args.level == ExtendLevelArg::Lta {
        return Err(Error::InvalidOption {
            option: "--level",
            detail: "level lta is made for PDF documents only; CAdES and XAdES signatures go up to lt".into(),
        });
    }
    let output = args.output.clone().unwrap_or_else(|| sibling_ext(&args.file, "lt", ext));
    writable_output(&output, &args.file, args.force)?;
    let tsa = args.tsa.client()?;
    let sources = extend_sources(&args)?;
    let data = fsutil::read(&args.file)?;
    let (extended, count) = match fmt {
        DocFormat::Xml => crate::extend::extend_xml(&data, &sources, tsa.as_deref(), args.digest.into())
            .map_err(|e| e.at_path(&args.file))?,
        _ => (crate::extend::extend_cms(&data, &sources, tsa.as_deref(), args.digest.into())?, 1),
    };
    fsutil::write_atomic(&output, &extended, WriteOptions::PUBLIC.force(args.force))?;
    let l = out.lang;
    out.result(
        || {
            format!(
                "{} {} → {} (B-LT, {count} {})\n",
                l.pick("extended", "đã nâng cấp"),
                args.file.display(),
                output.display(),
                l.pick("signature(s)", "chữ ký"),
            )
        },
        || {
            json!({"extended": [{
                "input": args.file, "output": output, "format": kind, "level": "B-LT",
                "signatures": count, "bytes": extended.len(),
            }]})
        },
    );
    Ok(ExitStatus::Success)
}
