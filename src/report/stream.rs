//! A verification run's results in any `--format`: [`VerifyStream`] prints each file as it is
//! verified (folders, batches) and [`emit`] a finished run; human and JSON output come from
//! [`super::verdict`], JUnit and GitHub annotations from [`super::ci`].

use std::sync::Mutex;

use serde_json::json;

use super::Format;
use super::ci::{github_lines, junit_document, junit_testcase, problems};
use super::output::{Output, Stream};
use super::verdict::{file_json, render_file, render_summary, report_json};
use crate::verify::{FileReport, Summary};

/// A verification run's results as they finish, in any `--format`.
pub struct VerifyStream<'a> {
    out: &'a Output,
    stream: Stream<'a>,
    /// JUnit: each testcase, with whether it has failures and errors.
    cases: Mutex<Vec<(String, bool, bool)>>,
}

impl<'a> VerifyStream<'a> {
    pub fn new(out: &'a Output, files: u64, bytes: u64) -> VerifyStream<'a> {
        VerifyStream { out, stream: out.stream(files, bytes), cases: Mutex::new(Vec::new()) }
    }

    /// One verified file (`bytes` of input).
    pub fn file(&self, f: &FileReport, bytes: u64) {
        let out = self.out;
        match out.format {
            Format::Junit => {
                let probs = problems(f, out.lang);
                let case = junit_testcase(out, f);
                let (failed, errored) = (probs.iter().any(|p| !p.error), probs.iter().any(|p| p.error));
                self.cases.lock().unwrap_or_else(|e| e.into_inner()).push((case, failed, errored));
                self.stream.item(String::new, || json!(null), bytes);
            }
            Format::Github => self.stream.item(|| github_lines(out, f), || json!(null), bytes),
            Format::Human | Format::Json | Format::Jsonl => {
                self.stream.item(|| render_file(out, f), || file_json(f, out.lang), bytes)
            }
        }
    }

    /// The summary (and, for JUnit, the whole document).
    pub fn finish(self, summary: &Summary) {
        let out = self.out;
        match out.format {
            Format::Junit => {
                let mut cases = self.cases.into_inner().unwrap_or_else(|e| e.into_inner());
                cases.sort();
                self.stream.finish(|| junit_document(&cases, summary), json!(summary));
            }
            Format::Github => self.stream.finish(|| render_summary(out, summary), json!(summary)),
            _ => self.stream.finish(|| format!("\n{}", render_summary(out, summary)), json!(summary)),
        }
    }
}

/// Print a whole verification run through the output layer.
pub fn emit(out: &Output, files: &[FileReport]) {
    if matches!(out.format, Format::Junit | Format::Github | Format::Jsonl) {
        let stream = VerifyStream::new(out, files.len() as u64, 0);
        files.iter().for_each(|f| stream.file(f, 0));
        stream.finish(&Summary::of(files));
        return;
    }
    out.result(
        || {
            let mut s: String = files.iter().map(|f| render_file(out, f)).collect::<Vec<_>>().join("\n");
            s.push('\n');
            s += &render_summary(out, &Summary::of(files));
            s
        },
        || report_json(files, out.lang),
    );
}
