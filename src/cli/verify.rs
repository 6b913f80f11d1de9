//! `kyso verify FILE...`: verify signatures and certificate chains.

use std::path::{Path, PathBuf};

use clap::Args;

use super::args::TrustArgs;
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::format::{self, DocFormat};
use crate::report::output::Output;
use crate::report::verdict;
use crate::verify::{FileReport, ReasonCode, Summary, VerifyOptions, detached};

#[derive(Debug, Args)]
#[command(after_help = "\
The verdict of each signature follows ETSI EN 319 102-1: valid, invalid (e.g. HASH_FAILURE,
SIG_CRYPTO_FAILURE, REVOKED), indeterminate (e.g. NO_CERTIFICATE_CHAIN_FOUND, OUT_OF_BOUNDS_NO_POE);
a file is unsigned or error when it has no signature or cannot be read. A file's verdict is its
worst signature's. Exit code 0 only when every file is valid.

Example:
  kyso verify report.docx --trust pki/root.crt      # uses report.docx.p7s")]
pub struct VerifyArgs {
    /// Files to verify (a detached signature FILE.p7s beside FILE is found automatically;
    /// giving FILE.p7s itself works too)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The detached signature of the (single) FILE
    #[arg(long, value_name = "FILE")]
    pub signature: Option<PathBuf>,
    /// XML: attribute names that carry IDs (repeatable) [default: Id, ID, id]
    #[arg(long, value_name = "NAME")]
    pub id_attr: Vec<String>,
    #[command(flatten)]
    pub trust: TrustArgs,
}

pub fn run(args: VerifyArgs, out: &Output) -> Result<ExitStatus> {
    if args.signature.is_some() && args.files.len() != 1 {
        return Err(Error::InvalidOption { option: "--signature", detail: "goes with exactly one FILE".into() });
    }
    let opts = VerifyOptions { trust: args.trust.store()?, at: args.trust.at()? };
    let id_attrs = if args.id_attr.is_empty() { crate::xml::dsig::default_id_attrs() } else { args.id_attr.clone() };
    let reports: Vec<FileReport> =
        args.files.iter().map(|f| verify_one(f, args.signature.as_ref(), &opts, &id_attrs)).collect();
    verdict::emit(out, &reports);
    Ok(if Summary::of(&reports).all_valid() { ExitStatus::Success } else { ExitStatus::Failure })
}

/// Verify one file; problems with the file become its verdict, never an early exit.
pub fn verify_one(path: &Path, signature: Option<&PathBuf>, opts: &VerifyOptions, id_attrs: &[String]) -> FileReport {
    let name = path.display().to_string();
    if let Some(sig) = signature {
        return detached::verify(path, sig, opts);
    }
    let fmt = match format::sniff(path) {
        Ok(f) => f,
        Err(e) => {
            return FileReport::failed(name, "unknown", ReasonCode::ReadFailed, e.to_string());
        }
    };
    if let Some(sig) = detached::sibling_signature(path) {
        return detached::verify(path, &sig, opts);
    }
    if fmt == DocFormat::Cms
        && let Some(content) = detached::content_for_signature(path)
    {
        return detached::verify(&content, path, opts);
    }
    match fmt {
        DocFormat::Pdf => crate::verify::pdf::verify(path, opts),
        DocFormat::Xml => crate::verify::xml::verify(path, opts, id_attrs),
        DocFormat::Cms => FileReport::failed(
            name,
            "cms",
            ReasonCode::ReadFailed,
            "the signed content was not found beside the signature",
        ),
        DocFormat::Other => FileReport::from_signatures(name, "unknown", vec![]),
    }
}
