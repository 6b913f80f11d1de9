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
    /// XML: attribute names that carry IDs (repeatable) [default: Id, ID, id]
    #[arg(long, value_name = "NAME")]
    pub id_attr: Vec<String>,
    #[command(flatten)]
    pub trust: TrustArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    #[command(flatten)]
    pub package: super::edxml::PackageArgs,
}

pub fn run(args: VerifyArgs, out: &Output) -> Result<ExitStatus> {
    if args.signature.is_some() && args.files.len() != 1 {
        return Err(Error::InvalidOption { option: "--signature", detail: "goes with exactly one FILE".into() });
    }
    let mut opts = args.trust.options()?;
    opts.package_limits = args.package.limits()?;
    let id_attrs = if args.id_attr.is_empty() { crate::xml::dsig::default_id_attrs() } else { args.id_attr.clone() };
    if args.files.iter().any(|f| f.is_dir()) {
        return folders::verify_folders(&args.files, &args.walk, &opts, &id_attrs, None, out);
    }
    let reports: Vec<FileReport> =
        args.files.iter().map(|f| verify_path(f, args.signature.as_deref(), &opts, &id_attrs)).collect();
    verdict::emit(out, &reports);
    Ok(if Summary::of(&reports).all_valid() { ExitStatus::Success } else { ExitStatus::Failure })
}
