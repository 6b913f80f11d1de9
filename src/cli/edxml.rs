//! `kyso edxml inspect|extract`: look into edXML packages received over the document
//! exchange axis, and the limits every command that reads packages takes.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::edxml::{Limits, parse_size};
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::report::edxml::{emit_extracted, emit_inspection};
use crate::report::output::Output;

/// Limits on what an edXML package may make kyso decode and unpack.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "edXML packages")]
pub struct PackageArgs {
    /// Largest attachment, and largest file unpacked from a zip (K, M, G suffixes)
    #[arg(long, value_name = "SIZE", default_value = "256M")]
    pub max_attachment_size: String,
    /// Most bytes decoded and unpacked from one package, nested packages included
    #[arg(long, value_name = "SIZE", default_value = "1G")]
    pub max_package_size: String,
    /// Most attachments in a package, and most files in one zip
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_attachments: usize,
    /// Largest unpacked/packed size ratio of a zip entry over 1 MiB
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub max_zip_ratio: u64,
}

impl PackageArgs {
    pub fn limits(&self) -> Result<Limits> {
        let size = |option: &'static str, s: &str| {
            parse_size(s).filter(|n| *n > 0).ok_or_else(|| Error::InvalidOption {
                option,
                detail: format!("{s:?} is not a size (e.g. 1048576, 64K, 256M, 2G)"),
            })
        };
        Ok(Limits {
            max_attachment_size: size("--max-attachment-size", &self.max_attachment_size)?,
            max_package_size: size("--max-package-size", &self.max_package_size)?,
            max_attachments: self.max_attachments.max(1),
            max_zip_ratio: self.max_zip_ratio.max(1),
            ..Limits::default()
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum EdxmlCommand {
    /// Show a package's header, manifest and attachments (nothing is verified)
    Inspect(InspectArgs),
    /// Write a package's attachments into a folder
    Extract(ExtractArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "\
Example:
  kyso edxml inspect inbox/cv-7816.edxml
  kyso --format json edxml inspect inbox/cv-7816.edxml")]
pub struct InspectArgs {
    /// The package (.edxml)
    #[arg(value_name = "PKG")]
    pub package: PathBuf,
    #[command(flatten)]
    pub limits: PackageArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Names are made safe: no folders, no \"..\", no drive letters or device names; names that
collide are numbered (\"a (2).pdf\"); a zip whose name does not end in .zip gets \".zip\".
Existing files are never replaced without --force; each file is written atomically.

Example:
  kyso edxml extract inbox/cv-7816.edxml -o cv-7816/")]
pub struct ExtractArgs {
    /// The package (.edxml)
    #[arg(value_name = "PKG")]
    pub package: PathBuf,
    /// The folder to write the attachments into (created if missing)
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Replace existing files
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub limits: PackageArgs,
}

pub fn run(cmd: EdxmlCommand, out: &Output) -> Result<ExitStatus> {
    match cmd {
        EdxmlCommand::Inspect(args) => {
            let i = crate::verify::edxml::inspect(&args.package, &args.limits.limits()?)?;
            emit_inspection(out, &i);
            let clean = i.reasons.is_empty() && i.attachments.iter().all(|a| a.reasons.is_empty());
            Ok(if clean { ExitStatus::Success } else { ExitStatus::Failure })
        }
        EdxmlCommand::Extract(args) => {
            let files =
                crate::edxml::extract::extract(&args.package, &args.output, args.force, &args.limits.limits()?)?;
            emit_extracted(out, &files);
            Ok(if files.iter().all(|f| f.problem.is_none()) { ExitStatus::Success } else { ExitStatus::Failure })
        }
    }
}
