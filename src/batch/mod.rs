//! Batch signing and verification of whole folders.
//!
//! - [`walk`]: the files of a folder tree (include/exclude globs, hidden files skipped,
//!   symbolic links never followed, so loops cannot happen), streamed: memory does not grow
//!   with the number of files.
//! - [`manifest`]: per-file outcomes, the JSON Lines journal kept as the batch goes, and
//!   the final manifest (JSON or CSV) written atomically; `--resume` reads the journal.
//! - [`durable`]: crash safety without an fsync per file: the output tree is synced once per
//!   window, and a file is reported done (journal, progress) only after the sync covering it.
//! - [`run`]: the parallel drivers (rayon), with cancellation and a per-file callback for
//!   progress and output. One file's failure never stops the batch.

pub mod durable;
pub mod manifest;
pub mod run;
pub mod walk;

pub use manifest::{Outcome, Status};
