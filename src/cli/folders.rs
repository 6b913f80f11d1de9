//! Folder verification, shared by `kyso verify DIR` and `kyso batch verify`: which files
//! to take, the Ctrl-C flag, and the streamed, parallel run.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Args;

use crate::batch::run::verify_batch;
use crate::batch::walk::{WalkOptions, Walker};
use crate::error::Result;
use crate::exit::ExitStatus;
use crate::report::output::Output;
use crate::verify::{FileReport, Summary, VerifyOptions};

/// Which files of the trees to take.
#[derive(Debug, Args)]
#[command(next_help_heading = "Selecting files")]
pub struct WalkArgs {
    /// Only files matching this glob (relative path; repeatable), e.g. "*.pdf"
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Leave out files matching this glob (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Also take hidden files and folders (names starting with '.')
    #[arg(long)]
    pub hidden: bool,
}

impl WalkArgs {
    pub fn walker(&self) -> Result<Walker> {
        Walker::new(&WalkOptions { include: self.include.clone(), exclude: self.exclude.clone(), hidden: self.hidden })
    }
}

/// Verify folders (for `kyso verify DIR` and `kyso batch verify`): streamed, parallel.
#[allow(clippy::too_many_arguments)] // the run's options, each from its own flag group
pub fn verify_folders(
    roots: &[PathBuf],
    walk: &WalkArgs,
    opts: &VerifyOptions,
    id_attrs: &[String],
    jobs: Option<usize>,
    policy: Option<&crate::policy::Policy>,
    collect: Option<&Mutex<Vec<FileReport>>>,
    out: &Output,
) -> Result<ExitStatus> {
    let walker = walk.walker()?.with_sizes(out.shows_progress());
    // The totals are for the progress bar: without one the folders are walked once.
    let (files, bytes) = if out.shows_progress() { walker.count(roots) } else { (0, 0) };
    let stream = crate::report::stream::VerifyStream::new(out, files, bytes);
    let summary = Mutex::new(Summary::default());
    let cancel = cancel_flag();
    let on_done = |mut f: FileReport, size: u64| {
        if let Some(p) = policy {
            p.apply(&mut f);
        }
        {
            summary.lock().unwrap_or_else(|e| e.into_inner()).add_file(&f);
        }
        stream.file(&f, size);
        if let Some(c) = collect {
            c.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        }
    };
    verify_batch(roots, &walker, opts, id_attrs, jobs, cancel, &on_done)?;
    let s = summary.into_inner().unwrap_or_else(|e| e.into_inner());
    let all_valid = s.passed() && !cancel.load(Ordering::SeqCst);
    stream.finish(&s);
    Ok(if all_valid { ExitStatus::Success } else { ExitStatus::Failure })
}

/// Set by SIGINT/SIGTERM: batches stop taking new files and finish the ones in flight.
pub fn cancel_flag() -> &'static AtomicBool {
    static CANCEL: AtomicBool = AtomicBool::new(false);
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let _ = ctrlc::set_handler(|| CANCEL.store(true, std::sync::atomic::Ordering::SeqCst));
    });
    &CANCEL
}
