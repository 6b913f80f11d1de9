//! Per-file outcomes, the journal and the manifest.
//!
//! The journal (`REPORT.journal`, JSON Lines) gets one line per finished file, flushed
//! at once, so an interrupted batch leaves a record `--resume` can use. At the end the
//! manifest (`REPORT`: JSON, or CSV when it ends in `.csv`) is written atomically from
//! the journal, and the journal is removed.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fsutil::{self, WriteOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Signed,
    Skipped,
    Failed,
    Valid,
    Invalid,
    Indeterminate,
    Unsigned,
    Error,
}

/// What happened to one file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    pub input: PathBuf,
    pub output: Option<PathBuf>,
    pub status: Status,
    pub reason: Option<String>,
    pub format: Option<String>,
    pub input_sha256: Option<String>,
    pub output_sha256: Option<String>,
    pub signer: Option<String>,
    /// RFC 3339.
    pub time: String,
}

impl Outcome {
    pub fn is_failure(&self) -> bool {
        !matches!(self.status, Status::Signed | Status::Skipped | Status::Valid)
    }
}

/// The journal of a running batch.
pub struct Journal {
    path: PathBuf,
    file: Mutex<std::fs::File>,
}

pub fn journal_path(report: &Path) -> PathBuf {
    fsutil::with_suffix(report, ".journal")
}

impl Journal {
    /// Open for appending (a resumed batch keeps the earlier lines).
    pub fn open(report: &Path) -> Result<Journal> {
        let path = journal_path(report);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|source| Error::Write { path: path.clone(), source })?;
        Ok(Journal { path, file: Mutex::new(file) })
    }

    pub fn record(&self, o: &Outcome) -> Result<()> {
        let mut line = serde_json::to_vec(o).map_err(Error::Json)?;
        line.push(b'\n');
        let mut f = self.file.lock().unwrap_or_else(|e| e.into_inner());
        f.write_all(&line).and_then(|_| f.flush()).map_err(|source| Error::Write { path: self.path.clone(), source })
    }
}

/// The outcomes recorded in a journal (lines that do not parse — a torn last line after
/// a crash — are ignored).
pub fn read_journal(report: &Path) -> Vec<Outcome> {
    let Ok(f) = std::fs::File::open(journal_path(report)) else { return vec![] };
    std::io::BufReader::new(f).lines().map_while(|l| l.ok()).filter_map(|l| serde_json::from_str(&l).ok()).collect()
}

/// Write the manifest from the journal, atomically, then remove the journal. The last
/// outcome per input wins (a resumed batch may have re-done a file).
pub fn finish(report: &Path) -> Result<()> {
    let mut outcomes = read_journal(report);
    let mut seen = std::collections::HashSet::new();
    outcomes.reverse();
    outcomes.retain(|o| seen.insert(o.input.clone()));
    outcomes.reverse();
    let bytes = if report.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
        to_csv(&outcomes)
    } else {
        let doc = serde_json::json!({"schema": crate::report::JSON_SCHEMA, "files": outcomes});
        serde_json::to_vec_pretty(&doc).map_err(Error::Json)?
    };
    // Whether an existing report may be replaced was decided when the batch started.
    fsutil::write_atomic(report, &bytes, WriteOptions::PUBLIC.force(true))?;
    let _ = std::fs::remove_file(journal_path(report));
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

fn to_csv(outcomes: &[Outcome]) -> Vec<u8> {
    let mut out = String::from("input,output,status,reason,format,input_sha256,output_sha256,signer,time\n");
    for o in outcomes {
        let status = serde_json::to_value(o.status).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        let cols = [
            o.input.display().to_string(),
            o.output.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
            status,
            o.reason.clone().unwrap_or_default(),
            o.format.clone().unwrap_or_default(),
            o.input_sha256.clone().unwrap_or_default(),
            o.output_sha256.clone().unwrap_or_default(),
            o.signer.clone().unwrap_or_default(),
            o.time.clone(),
        ];
        out += &cols.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(",");
        out.push('\n');
    }
    out.into_bytes()
}

/// SHA-256 of a file, hex (streamed).
pub fn sha256_file(path: &Path) -> Option<String> {
    let f = std::fs::File::open(path).ok()?;
    let d = crate::pki::alg::digest_reader(std::io::BufReader::new(f), &[crate::pki::alg::DigestAlg::Sha256]).ok()?;
    d.into_iter().next().map(|(_, h)| hex::encode(h))
}
