//! Crash-safe batch output without an fsync per file.
//!
//! Each output is still written atomically (temp + rename, `fsutil`), but not synced on its
//! own: finished files wait here until a window closes (every [`SYNC_FILES`] files or
//! [`SYNC_INTERVAL`]), the output tree is synced once (`syncfs`, see `fsutil::sync_tree`), and
//! only then are they reported done — to the journal, the progress display and the summary.
//! So a journal line "signed" always names an output that is on disk. A power cut loses at
//! most the files of the open window, which the journal does not list as done; `--resume`
//! re-verifies every output anyway, and signs again any that is missing or torn.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::manifest::{Outcome, Status};

/// Files per sync window.
pub const SYNC_FILES: usize = 1024;
/// Longest time a finished file waits for its sync.
pub const SYNC_INTERVAL: Duration = Duration::from_secs(1);

/// Finished files waiting for the sync that covers them.
pub struct Durable<'a> {
    root: PathBuf,
    on_done: &'a (dyn Fn(&Outcome, u64) + Sync),
    pending: Mutex<(Vec<(Outcome, u64)>, Instant)>,
    /// One sync (and report of what it covered) at a time, in order.
    syncing: Mutex<()>,
    window: usize,
    hooks: TestHooks,
}

impl<'a> Durable<'a> {
    pub fn new(root: &Path, on_done: &'a (dyn Fn(&Outcome, u64) + Sync)) -> Durable<'a> {
        let hooks = TestHooks::from_env();
        Durable {
            root: root.to_path_buf(),
            on_done,
            pending: Mutex::new((Vec::new(), Instant::now())),
            syncing: Mutex::new(()),
            window: hooks.sync_every.unwrap_or(SYNC_FILES),
            hooks,
        }
    }

    /// A file is finished (its output renamed into place, not yet synced).
    pub fn add(&self, o: Outcome, size: u64) {
        let due = {
            let mut p = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            p.0.push((o, size));
            self.hooks.maybe_power_cut(&p.0);
            p.0.len() >= self.window || p.1.elapsed() >= SYNC_INTERVAL
        };
        if due {
            self.flush();
        }
    }

    /// Sync the output tree and report every file it covers. Called when a window closes and
    /// once at the end of the batch (also after Ctrl-C: the files in flight are finished).
    pub fn flush(&self) {
        let _turn = self.syncing.lock().unwrap_or_else(|e| e.into_inner());
        // Taken after the turn: every file listed here was renamed into place before the sync.
        let batch = {
            let mut p = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            p.1 = Instant::now();
            std::mem::take(&mut p.0)
        };
        if batch.is_empty() {
            return;
        }
        let written: Vec<PathBuf> = batch
            .iter()
            // Skipped on --resume: an output a killed run left may be in the page cache only.
            .filter(|(o, _)| matches!(o.status, Status::Signed | Status::Skipped))
            .flat_map(|(o, _)| o.output.iter().cloned().chain(content_copy(o)))
            .collect();
        let synced = if written.is_empty() { Ok(()) } else { crate::fsutil::sync_tree(&self.root, &written) };
        for (mut o, size) in batch {
            if let Err(e) = &synced
                && o.status == Status::Signed
            {
                o.status = Status::Failed;
                o.reason = Some(format!("the output could not be synced to disk: {e}"));
            }
            (self.on_done)(&o, size);
        }
    }
}

/// A detached signature's content, copied beside it into the output tree.
fn content_copy(o: &Outcome) -> Option<PathBuf> {
    let out = o.output.as_ref()?;
    if o.format.as_deref() != Some("cms") {
        return None;
    }
    out.to_str()?.strip_suffix(".p7s").map(PathBuf::from)
}

/// Test hooks (debug builds only, read from the environment): `KYSO_TEST_SYNC_EVERY=N` closes
/// a window every N files; `KYSO_TEST_POWER_CUT_AFTER=N` simulates a power cut when the N-th
/// file finishes: every output written since the last sync is torn (emptied or cut in half,
/// as unsynced data is after a power loss) and the process ends at once, reporting nothing.
#[derive(Default)]
struct TestHooks {
    sync_every: Option<usize>,
    power_cut_after: Option<usize>,
    finished: std::sync::atomic::AtomicUsize,
}

impl TestHooks {
    fn from_env() -> TestHooks {
        if !cfg!(debug_assertions) {
            return TestHooks::default();
        }
        let num = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<usize>().ok()).filter(|n| *n > 0);
        TestHooks {
            sync_every: num("KYSO_TEST_SYNC_EVERY"),
            power_cut_after: num("KYSO_TEST_POWER_CUT_AFTER"),
            finished: Default::default(),
        }
    }

    fn maybe_power_cut(&self, unsynced: &[(Outcome, u64)]) {
        let Some(limit) = self.power_cut_after else { return };
        let n = self.finished.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        if n < limit {
            return;
        }
        for (i, (o, _)) in unsynced.iter().enumerate() {
            for path in o.output.iter().cloned().chain(content_copy(o)) {
                if let Ok(f) = std::fs::OpenOptions::new().write(true).open(&path) {
                    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
                    let _ = f.set_len(if i % 2 == 0 { 0 } else { len / 2 });
                }
            }
        }
        std::process::exit(137);
    }
}
