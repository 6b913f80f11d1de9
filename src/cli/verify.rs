//! `kyso verify FILE|DIR...`: verify signatures and certificate chains.

use std::path::PathBuf;

use clap::Args;

use super::args::TrustArgs;
use super::folders::{self, WalkArgs};
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::report::output::Output;
use crate::verify::{FileReport, Summary, verify_path};

#[derive(Debug, Args)]
#[command(after_help = "\
The verdict of each signature follows ETSI EN 319 102-1: valid, invalid (e.g. HASH_FAILURE,
SIG_CRYPTO_FAILURE, REVOKED), indeterminate (e.g. NO_CERTIFICATE_CHAIN_FOUND, OUT_OF_BOUNDS_NO_POE);
a file is unsigned or error when it has no signature or cannot be read. A file's verdict is its
worst signature's. Exit code 0 only when every file is valid.

Examples:
  kyso verify report.docx --trust pki/root.crt      # uses report.docx.p7s
  kyso verify received/ --trust roots/ --format json  # a whole folder, like `kyso batch verify`
  kyso verify inbox/ --trust roots/                   # edXML packages: each attachment verified")]
pub struct VerifyArgs {
    /// Files or folders to verify (a detached signature FILE.p7s beside FILE is found
    /// automatically; giving FILE.p7s itself works too)
    #[arg(required = true, value_name = "FILE|DIR")]
    pub files: Vec<PathBuf>,
    /// The detached signature of the (single) FILE
    #[arg(long, value_name = "FILE")]
    pub signature: Option<PathBuf>,
    /// CMS: write the content an attached signature (.p7m) carries to OUT (not when the
    /// signature is invalid); an existing OUT is kept unless --force
    #[arg(long, value_name = "OUT")]
    pub extract: Option<PathBuf>,
    /// With --extract or --report: replace an existing OUT or report
    #[arg(long)]
    pub force: bool,
    /// Also write a verification report for people, in the --lang language: FILE.html (one
    /// self-contained file, no network, no script) or FILE.pdf (A4, for the record); a
    /// summary table first for several files
    #[arg(long, value_name = "FILE.html|FILE.pdf")]
    pub report: Option<PathBuf>,
    /// XML: attribute names that carry IDs (repeatable) [default: Id, ID, id]
    #[arg(long, value_name = "NAME")]
    pub id_attr: Vec<String>,
    #[command(flatten)]
    pub xml: XmlVerifyArgs,
    #[command(flatten)]
    pub trust: TrustArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    #[command(flatten)]
    pub package: super::edxml::PackageArgs,
    #[command(flatten)]
    pub policy_args: super::policy::PolicyArgs,
    #[command(flatten)]
    pub revocation: RevocationVerifyArgs,
}

/// Revocation data beyond what the files carry.
#[derive(Debug, Args)]
pub struct RevocationVerifyArgs {
    /// Fetch missing revocation data over HTTP: an OCSP response from each certificate's
    /// AIA, else its CRL distribution point (implies --require-revocation; without it
    /// nothing is fetched)
    #[arg(long)]
    pub online: bool,
    /// OCSP responses (DER OCSPResponse files, repeatable) to use as revocation data
    #[arg(long = "ocsp-response", value_name = "FILE")]
    pub ocsp_responses: Vec<PathBuf>,
    /// With --online: seconds to wait for each OCSP or CRL request
    #[arg(long, value_name = "SECS", default_value_t = 5)]
    pub revocation_timeout: u64,
}

impl RevocationVerifyArgs {
    /// Add the sources to `opts` (`--online` also requires revocation data).
    pub fn apply(&self, opts: &mut crate::verify::VerifyOptions) -> Result<()> {
        let mut files = Vec::new();
        for p in &self.ocsp_responses {
            let der = crate::fsutil::read(p)?;
            if let Err(e) = crate::revocation::ocsp::response::parse(&der) {
                return Err(Error::InvalidOption {
                    option: "--ocsp-response",
                    detail: format!("{}: not a usable OCSP response ({e})", p.display()),
                });
            }
            files.push((der, format!("--ocsp-response {}", p.display())));
        }
        let timeout = std::time::Duration::from_secs(self.revocation_timeout.clamp(1, 120));
        opts.revocation = crate::verify::ltv::online::RevocationSources::new(self.online, timeout, files);
        if self.online {
            opts.trust.settings.require_revocation = true;
        }
        Ok(())
    }
}

/// XML layout rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum XmlProfileArg {
    /// The Vietnamese e-invoice rules when the document has that shape
    #[default]
    Auto,
    /// The Vietnamese e-invoice and tax-message rules (Circular 78/2021)
    Einvoice,
    /// Generic XMLDSig only
    Generic,
}

/// XML-specific verification options.
#[derive(Debug, Args)]
pub struct XmlVerifyArgs {
    /// XML: the folder (or the single file) where detached references are found
    /// [default: the signature file's folder]; nothing outside it is read
    #[arg(long, value_name = "DIR|FILE")]
    pub content: Option<PathBuf>,
    /// XML: most References per SignedInfo or Manifest
    #[arg(long, value_name = "N", default_value_t = crate::xml::limits::DEFAULT_MAX_REFERENCES)]
    pub max_references: usize,
    /// XML: most bytes the references of one document may canonicalize or read
    /// [default: 32 MiB + 4 × the file size]
    #[arg(long, value_name = "BYTES")]
    pub max_reference_bytes: Option<u64>,
    /// XML: layout rules (the Vietnamese ones refuse signatures over elements applications
    /// do not read, and verify each invoice of a message within its own HDon)
    #[arg(long = "profile", value_enum, default_value_t = XmlProfileArg::Auto)]
    pub profile: XmlProfileArg,
    /// XML: an element (simple absolute path, e.g. /Envelope/Body/Order) that an intact
    /// signature must cover (repeatable)
    #[arg(long, value_name = "PATH")]
    pub require_signed: Vec<String>,
}

impl XmlVerifyArgs {
    pub fn options(&self) -> Result<crate::verify::xml::XmlOptions> {
        for p in &self.require_signed {
            if !p.starts_with('/') || p.len() < 2 {
                return Err(Error::InvalidOption {
                    option: "--require-signed",
                    detail: format!("{p:?} is not an absolute element path like /Root/Child"),
                });
            }
        }
        if let Some(c) = &self.content
            && !c.exists()
        {
            return Err(Error::InvalidOption {
                option: "--content",
                detail: format!("{} does not exist", c.display()),
            });
        }
        Ok(crate::verify::xml::XmlOptions {
            content: self.content.clone(),
            limits: crate::xml::limits::XmlLimits {
                max_references: self.max_references,
                reference_bytes: self.max_reference_bytes,
            },
            profile: match self.profile {
                XmlProfileArg::Auto => crate::xml::VerifyProfile::Auto,
                XmlProfileArg::Einvoice => crate::xml::VerifyProfile::EInvoice,
                XmlProfileArg::Generic => crate::xml::VerifyProfile::Generic,
            },
            require_signed: self.require_signed.clone(),
        })
    }
}

pub fn run(args: VerifyArgs, out: &Output) -> Result<ExitStatus> {
    if args.signature.is_some() && args.files.len() != 1 {
        return Err(Error::InvalidOption { option: "--signature", detail: "goes with exactly one FILE".into() });
    }
    if args.extract.is_some() && (args.files.len() != 1 || args.files[0].is_dir()) {
        return Err(Error::InvalidOption { option: "--extract", detail: "goes with exactly one CMS FILE".into() });
    }
    if let Some(out_path) = &args.extract {
        crate::fsutil::check_writable(out_path, args.force)?;
    }
    if let Some(r) = &args.report {
        if report_kind(r).is_none() {
            return Err(Error::InvalidOption {
                option: "--report",
                detail: format!("{}: the report is written as HTML (FILE.html) or PDF (FILE.pdf)", r.display()),
            });
        }
        crate::fsutil::check_writable(r, args.force)?;
    }
    let policy = args.policy_args.resolve()?;
    let mut opts = args.trust.options()?;
    opts.xml = args.xml.options()?;
    opts.package_limits = args.package.limits()?;
    args.revocation.apply(&mut opts)?;
    let id_attrs = if args.id_attr.is_empty() { crate::xml::dsig::default_id_attrs() } else { args.id_attr.clone() };
    if args.files.iter().any(|f| f.is_dir()) {
        let collected = std::sync::Mutex::new(Vec::new());
        let collect = args.report.is_some().then_some(&collected);
        let status =
            folders::verify_folders(&args.files, &args.walk, &opts, &id_attrs, None, policy.as_ref(), collect, out)?;
        if let Some(r) = &args.report {
            let mut reports = collected.into_inner().unwrap_or_else(|e| e.into_inner());
            reports.sort_by(|a, b| a.path.cmp(&b.path));
            write_report(r, &reports, &opts, policy.as_ref(), args.force, out)?;
        }
        return Ok(status);
    }
    let reports: Vec<FileReport> = args
        .files
        .iter()
        .map(|f| {
            let mut r = verify_path(f, args.signature.as_deref(), &opts, &id_attrs);
            if let Some(p) = &policy {
                p.apply(&mut r);
            }
            r
        })
        .collect();
    crate::report::stream::emit(out, &reports);
    if let Some(r) = &args.report {
        write_report(r, &reports, &opts, policy.as_ref(), args.force, out)?;
    }
    if let (Some(out_path), Some(report)) = (&args.extract, reports.first()) {
        extract(&args.files[0], args.signature.as_deref(), out_path, args.force, report, out)?;
    }
    Ok(if Summary::of(&reports).passed() { ExitStatus::Success } else { ExitStatus::Failure })
}

/// `--extract OUT`: the content an attached CMS carries, written atomically, unless the
/// signature was proven wrong or the file could not be read.
fn extract(
    file: &std::path::Path,
    signature: Option<&std::path::Path>,
    out_path: &std::path::Path,
    force: bool,
    report: &FileReport,
    out: &Output,
) -> Result<()> {
    use crate::verify::Verdict;
    let cms = signature.unwrap_or(file);
    let refuse = |detail: String| Error::InvalidOption { option: "--extract", detail };
    if report.format != "cms" {
        return Err(refuse(format!("{} is not a CMS signature", cms.display())));
    }
    if matches!(report.verdict, Verdict::Invalid | Verdict::Error) {
        return Err(refuse(format!("not extracted: the signature of {} is not intact", cms.display())));
    }
    let content = crate::verify::detached::embedded_content(cms)
        .map_err(refuse)?
        .ok_or_else(|| refuse(format!("{} carries no content (a detached signature)", cms.display())))?;
    crate::fsutil::write_atomic(out_path, &content, crate::fsutil::WriteOptions::PUBLIC.force(force))?;
    out.human(&format!("{} {} → {}", out.lang.pick("extracted", "đã trích xuất"), cms.display(), out_path.display()));
    Ok(())
}

/// The report's kind from its extension: `Some(true)` PDF, `Some(false)` HTML.
fn report_kind(path: &std::path::Path) -> Option<bool> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some(true),
        "html" | "htm" => Some(false),
        _ => None,
    }
}

/// `--report FILE.html|FILE.pdf`: the report for people, written atomically.
fn write_report(
    path: &std::path::Path,
    reports: &[FileReport],
    opts: &crate::verify::VerifyOptions,
    policy: Option<&crate::policy::Policy>,
    force: bool,
    out: &Output,
) -> Result<()> {
    use sha2::Digest;
    let sha256 = reports
        .iter()
        .map(|f| match crate::fsutil::map(std::path::Path::new(&f.path)) {
            Ok(m) => hex::encode(sha2::Sha256::digest(&m[..])),
            Err(_) => String::new(),
        })
        .collect();
    let meta = crate::report::html::Meta {
        generated: crate::pki::time::now_unix(),
        anchors: opts.trust.anchors.iter().map(|c| crate::pki::info::CertInfo::new(c).subject).collect(),
        policy_source: policy.map(|p| p.source.clone()),
        sha256,
    };
    let bytes = if report_kind(path) == Some(true) {
        crate::report::pdf::render(reports, &meta, out.lang)
    } else {
        crate::report::html::render(reports, &meta, out.lang).map(String::into_bytes)
    }
    .map_err(|detail| Error::InvalidOption { option: "--report", detail })?;
    crate::fsutil::write_atomic(path, &bytes, crate::fsutil::WriteOptions::PUBLIC.force(force))?;
    out.note(&format!("{} {}", out.lang.pick("report written to", "đã ghi báo cáo vào"), path.display()));
    Ok(())
}
