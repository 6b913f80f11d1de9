//! `kyso verify FILE|DIR...`: verify signatures and certificate chains.

use std::path::PathBuf;

use clap::Args;

use super::args::TrustArgs;
use super::folders::{self, WalkArgs};
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::report::output::Output;
use crate::report::verdict;
use crate::verify::{FileReport, Summary, verify_path};

#[derive(Debug, Args)]
#[command(after_help = "\
The verdict of each signature follows ETSI EN 319 102-1: valid, invalid (e.g. HASH_FAILURE,
SIG_CRYPTO_FAILURE, REVOKED), indeterminate (e.g. NO_CERTIFICATE_CHAIN_FOUND, OUT_OF_BOUNDS_NO_POE);
a file is unsigned or error when it has no signature or cannot be read. A file's verdict is its
worst signature's. Exit code 0 only when every file is valid.

Examples:
  kyso verify report.docx --trust pki/root.crt      # uses report.docx.p7s
  kyso verify received/ --trust roots/ --format json  # a whole folder, like `kyso batch verify`")]
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
    /// With --extract: replace an existing OUT
    #[arg(long, requires = "extract")]
    pub force: bool,
    /// XML: attribute names that carry IDs (repeatable) [default: Id, ID, id]
    #[arg(long, value_name = "NAME")]
    pub id_attr: Vec<String>,
    #[command(flatten)]
    pub trust: TrustArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
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
    let opts = args.trust.options()?;
    let id_attrs = if args.id_attr.is_empty() { crate::xml::dsig::default_id_attrs() } else { args.id_attr.clone() };
    if args.files.iter().any(|f| f.is_dir()) {
        return folders::verify_folders(&args.files, &args.walk, &opts, &id_attrs, None, out);
    }
    let reports: Vec<FileReport> =
        args.files.iter().map(|f| verify_path(f, args.signature.as_deref(), &opts, &id_attrs)).collect();
    verdict::emit(out, &reports);
    if let (Some(out_path), Some(report)) = (&args.extract, reports.first()) {
        extract(&args.files[0], args.signature.as_deref(), out_path, args.force, report, out)?;
    }
    Ok(if Summary::of(&reports).all_valid() { ExitStatus::Success } else { ExitStatus::Failure })
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
