//! `kyso batch sign|verify`: whole folders, in parallel, with progress, a report and resume.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::Ordering;

use clap::{Args, Subcommand};
use serde_json::json;

use super::args::{SignerArgs, TrustArgs};
use super::folders::WalkArgs;
use super::sign_args::{PdfArgs, XmlArgs};
use crate::batch::manifest::{self, Journal, Outcome, Status};
use crate::batch::run::{SignBatch, clean_stale_temps};
use crate::cli::choices;
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::report::output::Output;

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
pub enum BatchCommand {
    /// Sign every PDF and XML document of a folder tree into a mirrored output tree
    Sign(BatchSignArgs),
    /// Verify every file of one or more folder trees
    Verify(BatchVerifyArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "\
Each output is written to a temporary file in OUT_DIR and renamed; an interrupted batch
(Ctrl-C finishes the files in flight) is continued with --resume, which skips files whose
output exists and verifies. A failed file is reported and the batch goes on; the exit code
is 1 when any file failed.

Example:
  kyso batch sign outgoing/ -o signed/ --p12 agency.p12 --others p7s --report signed/manifest.json")]
pub struct BatchSignArgs {
    /// The folder of documents to sign (never written to unless --in-place)
    #[arg(value_name = "IN_DIR")]
    pub input: PathBuf,
    /// The folder for the signed documents (the input tree is mirrored)
    #[arg(short, long, value_name = "OUT_DIR", required_unless_present = "in_place")]
    pub output: Option<PathBuf>,
    /// Replace each PDF/XML input by its signed version (and put .p7s beside others)
    #[arg(long, conflicts_with = "output")]
    pub in_place: bool,
    /// Files that are neither PDF nor XML: skip them, or sign them as detached .p7s
    #[arg(long, value_enum, default_value_t = choices::Others::Skip)]
    pub others: choices::Others,
    /// Worker threads [default: two per core]
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Write a manifest (JSON, or CSV for a .csv name): per file input/output paths and
    /// SHA-256, status, reason, signer, time; a journal (REPORT.journal) is kept meanwhile
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Continue an interrupted batch: skip files whose output exists and verifies
    #[arg(long)]
    pub resume: bool,
    /// Overwrite existing outputs
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub walk: WalkArgs,
    #[command(flatten)]
    pub signer: SignerArgs,
    #[command(flatten)]
    pub pdf: PdfArgs,
    #[command(flatten)]
    pub xml: XmlArgs,
    #[command(flatten)]
    pub level: super::ltv::LevelArgs,
}

#[derive(Debug, Args)]
pub struct BatchVerifyArgs {
    /// Folders (or files) to verify
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// XML: attribute names that carry IDs (repeatable) [default: Id, ID, id]
    #[arg(long, value_name = "NAME")]
    pub id_attr: Vec<String>,
    /// Worker threads [default: all cores]
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub trust: TrustArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    #[command(flatten)]
    pub package: super::edxml::PackageArgs,
    #[command(flatten)]
    pub policy_args: super::policy::PolicyArgs,
    #[command(flatten)]
    pub revocation: super::verify::RevocationVerifyArgs,
}

pub fn run(cmd: BatchCommand, out: &Output) -> Result<ExitStatus> {
    match cmd {
        BatchCommand::Sign(args) => sign(args, out),
        BatchCommand::Verify(args) => {
            let policy = args.policy_args.resolve()?;
            let mut opts = args.trust.options()?;
            opts.package_limits = args.package.limits()?;
            args.revocation.apply(&mut opts)?;
            let id_attrs =
                if args.id_attr.is_empty() { crate::xml::dsig::default_id_attrs() } else { args.id_attr.clone() };
            super::folders::verify_folders(
                &args.dirs,
                &args.walk,
                &opts,
                &id_attrs,
                args.jobs,
                policy.as_ref(),
                None,
                out,
            )
        }
    }
}

#[derive(Default, serde::Serialize)]
struct SignSummary {
    files: u64,
    signed: u64,
    skipped: u64,
    failed: u64,
    interrupted: bool,
}

fn sign(mut args: BatchSignArgs, out: &Output) -> Result<ExitStatus> {
    super::profile::apply(&mut args.signer, &mut args.pdf, &mut args.xml)?;
    if !args.input.is_dir() {
        return Err(Error::InvalidOption {
            option: "IN_DIR",
            detail: format!("{} is not a folder", args.input.display()),
        });
    }
    let out_dir = if args.in_place { args.input.clone() } else { args.output.clone().unwrap_or_default() };
    if let Some(r) = &args.report
        && !args.resume
    {
        crate::fsutil::check_writable(r, args.force)?;
        let _ = std::fs::remove_file(manifest::journal_path(r));
    }
    std::fs::create_dir_all(&out_dir).map_err(|source| Error::Write { path: out_dir.clone(), source })?;
    if args.resume {
        clean_stale_temps(&out_dir);
    }
    let mut level = args.level.settings(Vec::new())?;
    let id = args.signer.load(out)?;
    level.sources.certs = id.chain.clone();
    let mut settings = super::sign::settings(&args.signer, &args.pdf, &args.xml, false, args.force)?;
    settings.level = level;
    let batch = SignBatch {
        input: args.input.clone(),
        out_dir,
        in_place: args.in_place,
        walker: args.walk.walker()?.with_sizes(out.shows_progress()),
        others: args.others.into(),
        id: &id,
        settings,
        resume: args.resume,
        hashes: args.report.is_some(),
    };
    batch.check()?;
    let journal = args.report.as_deref().map(Journal::open).transpose()?;
    let (files, bytes) = batch.walker.count(std::slice::from_ref(&args.input));
    let stream = out.stream(files, bytes);
    let summary = Mutex::new(SignSummary { files, ..Default::default() });
    let journal_error: Mutex<Option<Error>> = Mutex::new(None);
    let cancel = super::folders::cancel_flag();
    let l = out.lang;
    let on_done = |o: &Outcome, size: u64| {
        if let Some(j) = &journal
            && let Err(e) = j.record(o)
        {
            journal_error.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(e);
        }
        {
            let mut s = summary.lock().unwrap_or_else(|e| e.into_inner());
            match o.status {
                Status::Signed => s.signed += 1,
                Status::Skipped => s.skipped += 1,
                _ => s.failed += 1,
            }
        }
        stream.item(|| outcome_line(l, o), || json!(o), size);
    };
    batch.run(args.jobs, cancel, &on_done)?;
    let mut s = summary.into_inner().unwrap_or_else(|e| e.into_inner());
    s.interrupted = cancel.load(Ordering::SeqCst);
    let failed = s.failed > 0 || s.interrupted;
    stream.finish(
        || {
            let mut t = format!(
                "{} {}: {} {}, {} {}, {} {}\n",
                s.files,
                l.pick("file(s)", "tệp"),
                s.signed,
                l.pick("signed", "đã ký"),
                s.skipped,
                l.pick("skipped", "bỏ qua"),
                s.failed,
                l.pick("failed", "lỗi"),
            );
            if s.interrupted {
                t += l.pick(
                    "interrupted: run again with --resume to finish\n",
                    "bị ngắt: chạy lại với --resume để hoàn tất\n",
                );
            }
            t
        },
        json!(s),
    );
    if let Some(e) = journal_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(e);
    }
    if let Some(r) = &args.report
        && !s.interrupted
    {
        manifest::finish(r)?;
    }
    Ok(if failed { ExitStatus::Failure } else { ExitStatus::Success })
}

fn outcome_line(l: crate::report::Lang, o: &Outcome) -> String {
    let status = match o.status {
        Status::Signed => l.pick("signed ", "đã ký  "),
        Status::Skipped => l.pick("skipped", "bỏ qua "),
        _ => l.pick("FAILED ", "LỖI    "),
    };
    match (&o.output, &o.reason) {
        (Some(out), None) => format!("{status} {} → {}", o.input.display(), out.display()),
        (_, Some(r)) => format!("{status} {}: {r}", o.input.display()),
        (None, None) => format!("{status} {}", o.input.display()),
    }
}
